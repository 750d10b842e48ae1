"""Mailboxes (analytics/ingest/mbox.py): headers only, streamed; direction from the owner's addresses;
lists, bulk, automatic and no-reply mail left out; encoded names decoded; broken headers skipped with a
reason; people known only from e-mail count once mail went both ways."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from analytics.errors import InputError
from analytics.ingest import load_files, load_paths, mbox
from analytics.ingest.mbox import read_mbox

ME = frozenset({"me@x.org"})


SEPARATOR = "From x@y Mon Jan  5 09:00:00 2026"


def message(*headers: str, body: str = "Hello\nFrom the body: no separator\n", sep: str = SEPARATOR) -> str:
    return sep + "\n" + "\n".join(headers) + "\n\n" + body + "\n"


def box(*messages: str) -> bytes:
    return "".join(messages).encode("utf-8")


def rows(data: bytes, me: frozenset[str] = ME) -> list[tuple]:
    inter = read_mbox("m.mbox", data, me).interactions
    return [(r.contact_id, f"{r.date:%Y-%m-%d %H:%M}", r.direction, r.conversation_id)
            for r in inter.itertuples()]


OUT = message("From: Me <me@x.org>", "To: Ana Lopez <ana@y.org>, me@x.org", "Cc: bob@z.org",
              "Date: Mon, 5 Jan 2026 10:00:00 +0100", "Message-ID: <1@x.org>")
IN = message("From: Ana Lopez <ana@y.org>", "To: me@x.org", "Date: Tue, 6 Jan 2026 09:00:00 +0000",
             "Message-ID: <2@y.org>", "In-Reply-To: <1@x.org>", "References: <1@x.org>")


def test_direction_and_threads():
    assert rows(box(OUT, IN)) == [("name:ana lopez", "2026-01-05 09:00", "out", "mail:<1@x.org>"),
                                  ("email:bob@z.org", "2026-01-05 09:00", "out", "mail:<1@x.org>"),
                                  ("name:ana lopez", "2026-01-06 09:00", "in", "mail:<1@x.org>")]


def test_gmail_thread_id_wins():
    got = rows(box(message("From: ana@y.org", "To: me@x.org", "Date: Tue, 6 Jan 2026 09:00:00 +0000",
                           "X-GM-THRID: 1457861861978585811", "Message-ID: <9@y>")))
    assert got == [("email:ana@y.org", "2026-01-06 09:00", "in", "mail:gm:1457861861978585811")]


@pytest.mark.parametrize(("header", "name"), [
    ("From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@y.org>", "José García"),
    ("From: =?iso-8859-1?q?J=FCrgen_M=FCller?= <j@y.org>", "Jürgen Müller"),
    ('From: "Roe, Bob" <bob@z.org>', "Roe, Bob"),
    ("From: =?bogus-charset?q?Ann?= <ann@y.org>", "=?bogus-charset?q?Ann?="),
], ids=["base64-utf8", "quoted-printable-latin1", "quoted-comma", "unknown-charset"])
def test_encoded_names_are_decoded(header, name):
    data = box(message(header, "To: me@x.org", "Date: Tue, 6 Jan 2026 09:00:00 +0000"))
    result = read_mbox("m.mbox", data, ME)
    assert result.people["name"].tolist() == [name]


@pytest.mark.parametrize(("headers", "reason"), [
    (["From: news@shop.com", "List-Id: <news.shop.com>"], "mailing list"),
    (["From: news@shop.com", "List-Unsubscribe: <mailto:u@shop.com>"], "mailing list"),
    (["From: team@shop.com", "Precedence: bulk"], "bulk mail"),
    (["From: cal@y.org", "Auto-Submitted: auto-replied"], "sent automatically"),
    (["From: No Reply <no-reply@bank.com>"], "no-reply sender"),
    (["From: noreply@github.com"], "no-reply sender"),
    (["From: "], "no sender (broken headers)"),
    (["From: ana@y.org", "Date: yesterday-ish"], "unreadable date"),
    (["From: ana@y.org", "Date: Tue, 6 Jan 1800 09:00:00 +0000"], "unreadable date"),
], ids=["list-id", "list-unsubscribe", "bulk", "auto-submitted", "no-reply", "noreply", "no-sender",
        "bad-date", "date-1800"])
def test_mail_nobody_wrote_by_hand_and_broken_headers_are_left_out(headers, reason):
    date = [] if any(h.startswith("Date:") for h in headers) else ["Date: Tue, 6 Jan 2026 09:00:00 +0000"]
    result = read_mbox("m.mbox", box(message(*headers, "To: me@x.org", *date), IN), ME)
    assert result.report.reasons == {reason: 1}
    assert result.interactions["contact_id"].tolist() == ["name:ana lopez"]


def test_headers_past_the_limit_skip_that_message(monkeypatch):
    monkeypatch.setattr(mbox, "MAX_HEADER_BYTES", 1024)
    huge = message("From: ana@y.org", "To: me@x.org", "X-Junk: " + "j" * 5000)
    result = read_mbox("m.mbox", box(huge, IN), ME)
    assert (result.report.reasons, len(result.interactions)) == ({"headers longer than 1 KiB": 1}, 1)


def test_neither_from_nor_to_me_and_only_to_myself():
    other = message("From: ana@y.org", "To: list@z.org", "Date: Tue, 6 Jan 2026 09:00:00 +0000")
    mine = message("From: me@x.org", "To: me@x.org", "Date: Tue, 6 Jan 2026 09:00:00 +0000")
    result = read_mbox("m.mbox", box(other, mine), ME)
    assert result.report.reasons == {"neither from you nor to you": 1, "sent only to yourself": 1}
    assert result.report.rows == 0


def test_body_lines_starting_with_from_are_not_messages_and_bodies_are_not_stored():
    body = "Salary offer attached\n\nFrom here on, confidential\nFrom me\n"
    result = read_mbox("m.mbox", box(message("From: ana@y.org", "To: me@x.org",
                                             "Date: Tue, 6 Jan 2026 09:00:00 +0000", body=body)), ME)
    assert len(result.interactions) == 1
    assert "Salary" not in result.interactions.to_csv() + result.people.to_csv()
    assert result.report.read == ("headers of 1 message (From, To, Cc, Date, Message-ID, In-Reply-To, "
                                  "References); bodies not read")


def test_crlf_file_object_and_path(tmp_path: Path):
    data = box(OUT, IN).replace(b"\n", b"\r\n")
    path = tmp_path / "m.mbox"
    path.write_bytes(data)
    expected = rows(box(OUT, IN))
    for source in (data, io.BytesIO(data), path):
        got = read_mbox("m.mbox", source, ME).interactions
        assert [(r.contact_id, f"{r.date:%Y-%m-%d %H:%M}", r.direction, r.conversation_id)
                for r in got.itertuples()] == expected


def test_progress_is_reported_to_the_end(monkeypatch):
    monkeypatch.setattr(mbox, "_PROGRESS_EVERY", 100)
    seen: list[tuple[int, int]] = []
    data = box(OUT, IN, OUT)
    read_mbox("m.mbox", data, ME, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 1 and seen[-1] == (len(data), len(data))


def test_owner_guessed_from_the_most_frequent_address():
    to_bob = message("From: me@x.org", "To: bob@z.org", "Date: Wed, 7 Jan 2026 09:00:00 +0000")
    result = read_mbox("m.mbox", box(OUT, IN, to_bob), frozenset())
    assert result.report.warnings[0].startswith("owner taken to be me@x.org")
    assert len(result.interactions) == 4


@pytest.mark.parametrize(("data", "error"), [
    (b"Subject: hi\n\nno separator\n", "m.mbox: not an mbox mailbox (it does not start with a 'From ' line)"),
    (b"\n\n", "m.mbox: no messages in the mailbox"),
], ids=["no-from-line", "empty"])
def test_not_a_mailbox_is_one_line(data, error):
    with pytest.raises(InputError) as err:
        read_mbox("m.mbox", data, ME)
    assert str(err.value) == error


def test_email_only_people_count_once_mail_went_both_ways():
    fay = message("From: Fay <fay@f.org>", "To: me@x.org", "Date: Wed, 7 Jan 2026 09:00:00 +0000")
    net = load_files([("m.mbox", box(OUT, IN, fay))], me=["me@x.org"],
                     as_of=pd.Timestamp("2026-02-01", tz="UTC"))
    assert net.contacts[["contact_id", "sources"]].values.tolist() == [["name:ana lopez", "Email"]]
    assert net.interactions["channel"].tolist() == ["email", "email"]
    assert net.files[0].warnings == ["2 people left out: someone known only from calendars or e-mail counts "
                                     "as a contact once mail went both ways or after two meetings together"]


def test_mail_with_a_linkedin_contact_counts_at_once_and_is_two_way():
    conn = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            b"Bob,Roe,,bob@z.org,Beta,CTO,1 Feb 2024\n")
    net = load_files([("Connections.csv", conn), ("m.mbox", box(OUT))], me=["me@x.org"])
    assert net.contacts.set_index("contact_id")["sources"].to_dict() == {"name:bob roe": "LinkedIn, Email"}
    assert net.interactions[["contact_id", "channel", "direction"]].values.tolist() == [
        ["name:bob roe", "email", "out"]]


def test_bodies_titles_and_notes_never_reach_the_workspace_and_delete_all_removes_them(tmp_path: Path):
    from analytics.store import Store

    vcf = b"BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lopez\nEMAIL:ana@y.org\nNOTE:CARDNOTE-7\nEND:VCARD\n"
    ics = (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nDTSTART:20260105T090000Z\nSUMMARY:EVENTTITLE-7\n"
           b"DESCRIPTION:EVENTTEXT-7\nORGANIZER:mailto:me@x.org\nATTENDEE:mailto:ana@y.org\nEND:VEVENT\n"
           b"END:VCALENDAR\n")
    mail = box(message("From: Ana Lopez <ana@y.org>", "To: me@x.org", "Subject: SUBJECT-7",
                       "Date: Tue, 6 Jan 2026 09:00:00 +0000", body="MAILBODY-7\n"))
    net = load_files([("a.vcf", vcf), ("c.ics", ics), ("m.mbox", mail)], me=["me@x.org"],
                     as_of=pd.Timestamp("2026-02-01", tz="UTC"))
    store = Store(tmp_path / "w.sqlite")
    store.import_network(net)
    assert store.load().contacts["sources"].tolist() == ["Address book, Calendar, Email"]
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert not [w for w in (b"CARDNOTE-7", b"EVENTTITLE-7", b"EVENTTEXT-7", b"SUBJECT-7", b"MAILBODY-7")
                if w in stored]
    store.delete_all()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_holding_a_mailbox_streams_it(tmp_path: Path):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "All mail.mbox").write_bytes(box(OUT, IN))
    (tmp_path / "export" / "notes.txt").write_text("ignored")
    net = load_paths([tmp_path / "export"], me=["me@x.org"])
    assert [f.file for f in net.files] == ["export/All mail.mbox"]
    assert net.contacts["contact_id"].tolist() == ["name:ana lopez"]
