"""Google Takeout (and iCloud) zips: their address books, calendars and mailboxes are read like uploaded
files (analytics/ingest/archive.py `zip_contents`, load.py), a mailbox streamed out of the zip; other
members ignored; the zip caps hold for every member read; a zip on disk is opened in place."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analytics import cli
from analytics.errors import InputError
from analytics.ingest import archive as archive_module
from analytics.ingest import load_files, load_paths, mailbox_on_disk, source_kinds
from analytics.ingest.archive import ZipMember, zip_contents
from analytics.ingest.mbox import read_mbox
from tests.builders import zipped

AS_OF = pd.Timestamp("2026-02-01", tz="UTC")
ME = ("me@x.org",)


def card(name: str, mail: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{mail}\r\nEND:VCARD\r\n"


ALL = card("Ana Lopez", "ana@y.org") + card("Cy Do", "cy@q.org")
MINE = card("Ana López", "Ana@Y.org")  # the same person under the other label, spelled another way
CALENDAR = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260105T090000Z\r\n"
            "SUMMARY:Private\r\nORGANIZER:mailto:me@x.org\r\nATTENDEE:mailto:me@x.org\r\n"
            "ATTENDEE;CN=Dee Lo:mailto:dee@w.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
MAIL = ("From 1@xxx Mon Jan  5 09:00:00 2026\nFrom: Ana Lopez <ana@y.org>\nTo: me@x.org\n"
        "Date: Mon, 5 Jan 2026 09:00:00 +0000\nMessage-ID: <1@y>\n\nHi\n\n"
        "From 2@xxx Tue Jan  6 09:00:00 2026\nFrom: Me <me@x.org>\nTo: Bo Li <bo@z.org>\n"
        "Date: Tue, 6 Jan 2026 09:00:00 +0000\nMessage-ID: <2@x>\n\nOnly one way\n")
TAKEOUT = {
    "Takeout/Contacts/All Contacts/All Contacts.vcf": ALL,
    "Takeout/Contacts/My Contacts/My Contacts.vcf": MINE,
    "Takeout/Calendar/Work.ics": CALENDAR,
    "Takeout/Mail/All mail Including Spam and Trash.mbox": MAIL,
    "Takeout/Drive/plan.pdf": "%PDF-1.7 not read",
    "Takeout/Google Photos/p.jpg": "\xff\xd8 not read",
    "Takeout/archive_browser.html": "<html>not read</html>",
}
READ = ["takeout.zip/Takeout/Contacts/All Contacts/All Contacts.vcf",
        "takeout.zip/Takeout/Contacts/My Contacts/My Contacts.vcf", "takeout.zip/Takeout/Calendar/Work.ics",
        "takeout.zip/Takeout/Mail/All mail Including Spam and Trash.mbox"]


def declaring(data: bytes, member: str, size: int) -> bytes:
    """`data` with `member` declaring `size` unpacked bytes (local header and central directory)."""
    out = bytearray(data)
    at = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset
    struct.pack_into("<I", out, at + 22, size)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46:central + 46 + length] == member.encode():
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def loaded(data: bytes, me: tuple[str, ...] = ME) -> tuple[list, list, list]:
    net = load_files([("takeout.zip", data)], me=me, as_of=AS_OF)
    contacts = sorted(zip(net.contacts["name"], net.contacts["email"], net.contacts["sources"], strict=True))
    inter = sorted(zip(net.interactions["contact_id"], net.interactions["channel"],
                       net.interactions["direction"], strict=True))
    return contacts, inter, [(f.file, f.kind, f.rows) for f in net.files]


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED], ids=["deflated", "stored"])
def test_a_takeout_zip_reads_contacts_calendar_and_mail_once_each(method: int) -> None:
    """Ana, in both labels and in the mail, is one contact; Dee (one meeting) and Bo (mail one way) are
    not contacts yet; Drive, Photos and archive_browser.html are not even listed."""
    contacts, inter, files = loaded(zipped(TAKEOUT, method))
    assert contacts == [("Ana Lopez", "ana@y.org", "Address book, Email"),
                        ("Cy Do", "cy@q.org", "Address book")]
    assert inter == [("name:ana lopez", "email", "in")]
    assert files == [(READ[0], "vcard", 2), (READ[1], "vcard", 1), (READ[2], "calendar", 1),
                     (READ[3], "mbox", 2)]  # both messages are yours; Bo's is not kept as he is no contact


def test_each_member_read_is_one_line_of_the_import_and_of_its_steps() -> None:
    lines: list[str] = []
    load_files([("takeout.zip", zipped(TAKEOUT))], me=ME, as_of=AS_OF, steps=lines.append)
    assert [line for line in lines if line.startswith("Read")] == [  # each says what its rows are
        f"Read {READ[0]}: 2 people", f"Read {READ[1]}: 1 person", f"Read {READ[2]}: 1 meeting",
        f"Read {READ[3]}: 2 messages"]


@pytest.mark.parametrize("me", [ME, ()], ids=["addresses given", "owner guessed"])
def test_the_zip_reads_as_its_loose_files_do(me: tuple[str, ...]) -> None:
    """The mailbox and calendar need the owner's addresses as loose files do: the same contacts,
    interactions and warnings, given or guessed."""
    loose = [(name.rsplit("/", 1)[-1], body.encode()) for name, body in TAKEOUT.items()
             if name.endswith((".vcf", ".ics", ".mbox"))]
    a = load_files(loose, me=me, as_of=AS_OF)
    b = load_files([("takeout.zip", zipped(TAKEOUT))], me=me, as_of=AS_OF)
    pd.testing.assert_frame_equal(a.contacts, b.contacts)
    pd.testing.assert_frame_equal(a.interactions, b.interactions)
    assert [f.warnings for f in a.files] == [f.warnings for f in b.files]
    assert any("owner taken to be" in w for f in b.files for w in f.warnings) == (not me)


#: Dee's meeting again (same UID), and a meeting with Ana.
SHARED = CALENDAR.replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:2\r\nDTSTART:20260106T090000Z\r\n"
                          "ORGANIZER:mailto:me@x.org\r\nATTENDEE:mailto:ana@y.org\r\nEND:VEVENT\r\nEND:VCALENDAR")


@pytest.mark.parametrize(("extra", "interactions"), [
    ({"Takeout/Mail/Inbox.mbox": MAIL}, [("name:ana lopez", "email", "in")]),
    ({"Takeout/Calendar/Shared.ics": SHARED},
     [("name:ana lopez", "email", "in"), ("name:ana lopez", "one_to_one", "out")]),
], ids=["a message in two label mailboxes", "an event in two calendars"])
def test_a_message_or_meeting_in_two_files_counts_once(extra: dict[str, str], interactions: list) -> None:
    """Dee's meeting, in both calendars, is still one meeting: she stays out (two are needed)."""
    assert loaded(zipped({**TAKEOUT, **extra}))[1] == interactions


def test_a_zip_mixing_a_linkedin_export_and_takeout_reads_both() -> None:
    connections = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Eve,Ng,,,Acme,CEO,1 Jan 2024\n")
    contacts, _, files = loaded(zipped({"Connections.csv": connections, **TAKEOUT}))
    assert [c[0] for c in contacts] == ["Ana Lopez", "Cy Do", "Eve Ng"]
    assert [f[0] for f in files] == ["takeout.zip/Connections.csv", *READ]


def test_an_icloud_zip_of_cards_is_an_address_book() -> None:
    cards = {"iCloud vCard/Ana.vcf": MINE, "iCloud vCard/Cy.vcf": card("Cy", "c@q.org")}
    contacts, inter, files = loaded(zipped(cards))
    assert (len(contacts), inter, [f[1] for f in files]) == (2, [], ["vcard", "vcard"])


@pytest.mark.parametrize("members", [
    {"Takeout/Drive/plan.pdf": "%PDF", "Takeout/archive_browser.html": "<html>"},
    {"../x.vcf": ALL, "/etc/x.ics": CALENDAR, "C:/mail.mbox": MAIL},
    {"Takeout/Contacts/": ""},
], ids=["nothing the app reads", "path traversal only", "a folder only"])
def test_a_zip_with_nothing_usable_says_what_the_app_reads(members: dict[str, str]) -> None:
    with pytest.raises(InputError) as err:
        load_files([("takeout.zip", zipped(members))])
    assert str(err.value) == ("takeout.zip: no LinkedIn export files (Connections.csv, messages.csv, ...), "
                              "address books (.vcf), calendars (.ics) or mailboxes (.mbox) in the zip")


def test_a_traversal_name_beside_real_members_is_never_read() -> None:
    _, _, files = loaded(zipped({**TAKEOUT, "../x.vcf": card("Evil", "e@v.org")}))
    assert [f[0] for f in files] == READ


BOMB = b"BEGIN:VCARD\r\n" + b" " * (8 << 20)


@pytest.mark.parametrize(("members", "lie", "reason"), [
    ({"Takeout/Contacts/x.vcf": BOMB}, None, "x.vcf is compressed"),
    ({"Takeout/Contacts/x.vcf": ALL}, ("Takeout/Contacts/x.vcf", 40), "corrupt zip member Takeout/Contacts/"),
    ({"Takeout/Mail/m.mbox": MAIL}, ("Takeout/Mail/m.mbox", 100), "corrupt zip member Takeout/Mail/m.mbox"),
    ({"Takeout/Mail/m.mbox": ""}, None, "no messages in the mailbox"),
    ({"Takeout/Mail/m.mbox": "Dear diary\n"}, None, "not an mbox mailbox"),
], ids=["vcf bomb over the ratio", "vcf unpacking larger than declared",
        "mbox unpacking larger than declared", "0-byte mbox", "mbox without From line"])
def test_hostile_members_are_refused_in_one_line(members: dict[str, str | bytes], lie: tuple[str, int] | None,
                                                 reason: str) -> None:
    data = zipped(members)
    data = declaring(data, *lie) if lie else data
    with pytest.raises(InputError) as err:
        load_files([("takeout.zip", data)], me=ME, as_of=AS_OF)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_a_bomb_among_the_members_not_read_is_ignored() -> None:
    """The ratio cap guards what is unpacked: a Drive file compressing 8,000:1 is never opened."""
    _, _, files = loaded(zipped({**TAKEOUT, "Takeout/Drive/zeros.bin": b"\0" * (8 << 20)}))
    assert [f[0] for f in files] == READ


def test_a_workbook_bomb_is_still_refused() -> None:
    workbook = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": b" " * (8 << 20)})
    with pytest.raises(InputError, match="possible zip bomb"):
        load_files([("contacts.xlsx", workbook)])


def test_cards_and_calendars_count_toward_the_unpacked_cap_but_a_mailbox_is_streamed(monkeypatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_UNPACKED_BYTES", len((ALL + MINE + CALENDAR).encode()))
    assert len(loaded(zipped(TAKEOUT))[2]) == 4  # the mailbox is not counted: it is never held whole
    monkeypatch.setattr(archive_module, "MAX_UNPACKED_BYTES", len((ALL + MINE + CALENDAR).encode()) - 1)
    with pytest.raises(InputError, match="unpack to more than"):
        loaded(zipped(TAKEOUT))


def test_the_mailbox_is_streamed_out_of_the_zip_with_its_progress(monkeypatch) -> None:
    """read in blocks from the member (never its whole bytes), progress counting up to its unpacked size."""
    monkeypatch.setattr("analytics.ingest.mbox._CHUNK", 64)
    data = zipped(TAKEOUT)
    found = zip_contents("takeout.zip", data)
    [(name, member)] = [(n, d) for n, d in found.sources if n.endswith(".mbox")]
    assert isinstance(member, ZipMember) and member.size == len(MAIL)
    seen: list[tuple[int, int]] = []
    rows = read_mbox(name, member, frozenset(ME), progress=lambda done, total: seen.append((done, total)))
    assert rows.report.rows == 2 and seen[-1] == (len(MAIL), len(MAIL))


@pytest.mark.parametrize(("members", "kinds"), [
    (TAKEOUT, {"vcard", "calendar", "mbox"}),
    ({"Takeout/Contacts/a/a.vcf": ALL, "../m.mbox": MAIL}, {"vcard"}),
    ({"Connections.csv": "First Name"}, set()),
], ids=["takeout", "traversal not counted", "linkedin"])
def test_source_kinds_look_inside_a_zip(members: dict[str, str], kinds: set[str]) -> None:
    """What the Import page asks the owner's addresses for (a calendar or a mailbox inside the zip)."""
    assert source_kinds("takeout.zip", zipped(members)) == kinds


def test_a_takeout_zip_on_disk_is_read_in_place(tmp_path: Path) -> None:
    path = tmp_path / "takeout-20260101T090000Z-001.zip"
    path.write_bytes(zipped(TAKEOUT))
    assert mailbox_on_disk(f"'{path}'") == (path.name, path)
    net = load_paths([path], me=ME, as_of=AS_OF)
    assert sorted(net.contacts["name"]) == ["Ana Lopez", "Cy Do"]
    assert [f.file for f in net.files] == [r.replace("takeout.zip", path.name) for r in READ]


def test_parts_of_a_split_takeout_are_read_together(tmp_path: Path) -> None:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    first = {k: v for k, v in TAKEOUT.items() if "/Mail/" not in k}
    (folder / "takeout-20260101T090000Z-001.zip").write_bytes(zipped(first))
    (folder / "takeout-20260101T090000Z-002.zip").write_bytes(
        zipped({"Takeout/Mail/All mail Including Spam and Trash.mbox": MAIL}))
    net = load_paths([folder], me=ME, as_of=AS_OF)
    assert sorted(net.contacts["name"]) == ["Ana Lopez", "Cy Do"]
    assert (len(net.interactions), len(net.files)) == (1, 4)


def test_cli_summary_reads_a_takeout_zip(tmp_path: Path, capsys) -> None:
    path = tmp_path / "takeout.zip"
    path.write_bytes(zipped(TAKEOUT))
    assert cli.main(["summary", str(path), "--me", "me@x.org", "--as-of", "2026-02-01", "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["contacts"] == 2
    assert [(f["file"], f["kind"]) for f in s["files"]] == [
        (r, k) for r, k in zip(READ, ["vcard", "vcard", "calendar", "mbox"], strict=True)]


def test_cli_refuses_a_zip_with_nothing_usable_in_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "takeout.zip"
    path.write_bytes(zipped({"Takeout/archive_browser.html": "<html>"}))
    assert cli.main(["summary", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "address books (.vcf), calendars (.ics) or mailboxes (.mbox)" in err
