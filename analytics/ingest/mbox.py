"""Mailboxes (.mbox from Gmail Takeout, Thunderbird, Apple Mail) -> e-mails with the people written to.

Headers only: From, To, Cc, Date, Message-ID, In-Reply-To and References (threading), plus the headers
that mark mail nobody wrote by hand (List-Id, List-Unsubscribe, Precedence, Auto-Submitted, X-GM-THRID);
no other header (Subject included) is kept. Bodies are skipped, never parsed or kept: the file is read
in blocks of `_CHUNK` bytes and searched for the next message's "From " line (after an empty line, with
a sender and a time), so memory holds one block, one header block (at most MAX_HEADER_BYTES) and the
rows found, whatever the mailbox's size.
RFC 2047 names are decoded. Direction comes from the owner's addresses: mail from them is "out", one
interaction per recipient; mail to them is "in" from the sender. Left out and counted: mailing lists,
bulk and automatic mail, no-reply senders, mail neither from nor to the owner, unreadable dates,
messages without a sender, header blocks over the limit.

Example:
    >>> box = (b"From x Mon Jan  5 09:00:00 2026\\nFrom: =?utf-8?q?Ana_L=C3=B3pez?= <Ana@y.org>\\n"
    ...        b"To: me@x.org\\nDate: Mon, 5 Jan 2026 09:00:00 +0100\\nMessage-ID: <1@y>\\n\\nHello\\n")
    >>> rows = read_mbox("m.mbox", box, frozenset({"me@x.org"}))
    >>> rows.interactions[["contact_id", "channel", "direction", "content"]].values.tolist()
    [['name:ana lopez', 'email', 'in', '']]
    >>> rows.report.read
    'headers of 1 message (From, To, Cc, Date, Message-ID, In-Reply-To, References); bodies not read'
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime
from pathlib import Path
from sys import intern
from typing import BinaryIO

import numpy as np
import pandas as pd

from analytics.errors import InputError
from analytics.i18n import N_, _, counted, number
from analytics.ingest.archive import ZipMember
from analytics.ingest.sources import (
    Progress,
    SourceRows,
    address,
    date_range,
    interaction_frame,
    is_separator,
    likely_owner,
    person_id,
    source_rows,
)
from analytics.limits import FIRST_YEAR, LAST_YEAR, MAX_HEADER_BYTES, MAX_MESSAGES
from analytics.model import FileReport

_CHUNK = 4 << 20  # bytes read at once
_PROGRESS_EVERY = 16 << 20
_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|bounces?|notifications?)\b")
_WANTED = frozenset({"from", "to", "cc", "date", "message-id", "in-reply-to", "references", "x-gm-thrid",
                     "list-id", "list-unsubscribe", "precedence", "auto-submitted"})
_LISTS = frozenset({"from", "to", "cc"})  # repeated fields joined, others read once
#: One mailbox in an address list: "quoted name" <addr>, name <addr>, <addr> or a bare addr.
_MAILBOX = re.compile(r'"((?:[^"\\]|\\.)*)"\s*<([^<>]*)>|([^,<>"]*?)\s*<([^<>]*)>'
                      r'|([^\s,<>"()]+@[^\s,<>"()]+)')
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,200}>")
#: One message kept: (date, sender, recipients, conversation id).
Mail = tuple[int, str, tuple[str, ...], str]  # seconds, interned addresses: small per message


@contextmanager
def _opened(source: bytes | Path | ZipMember | BinaryIO) -> Iterator[tuple[BinaryIO, int]]:
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source), len(source)
    elif isinstance(source, Path):
        with source.open("rb") as f:
            yield f, source.stat().st_size
    elif isinstance(source, ZipMember):  # streamed out of its zip, never unpacked whole
        with source.open() as f:
            yield f, source.size
    else:
        yield source, 0


def _name(raw: str) -> str:
    """A display name with RFC 2047 encoded words decoded ("" when it is only an address).

    >>> _name("=?iso-8859-1?q?J=FCrgen_M=FCller?="), _name("'jane@x.org'"), _name('"Roe, Bob"')
    ('Jürgen Müller', '', 'Roe, Bob')
    """
    text = raw
    if "=?" in raw:
        try:
            text = str(make_header(decode_header(raw)))
        except (ValueError, LookupError, UnicodeError, HeaderParseError):
            text = raw
    text = " ".join(text.replace('\\"', '"').strip().strip("'\"").split())
    return "" if address(text) else text


def _fields(block: bytes) -> dict[str, str]:
    """The header fields read (`_WANTED`, lower-case names) of one header block; repeated To, Cc or From
    fields are joined by commas, continuation lines unfolded, lines without a colon ignored.

    >>> _fields(b"From: a@b.c\\nTo: d@e.f,\\n g@h.i\\nSubject: never read\\nbroken line\\nTo: j@k.l\\n")
    {'from': 'a@b.c', 'to': 'd@e.f, g@h.i, j@k.l'}
    """
    fields: dict[str, str] = {}
    name = ""
    for line in block.decode("utf-8", "replace").splitlines():
        if line[:1] in (" ", "\t"):
            if name:
                fields[name] += " " + line.strip()
            continue
        key, colon, value = line.partition(":")
        name = key.strip().lower() if colon else ""
        if name not in _WANTED or (name in fields and name not in _LISTS):
            name = ""
        elif name in fields:
            fields[name] += ", " + value.strip()
        else:
            fields[name] = value.strip()
    return fields


def _people(fields: dict[str, str], *names: str) -> list[tuple[str, str]]:
    """(address, name) of everyone in the address fields `names`, in order, once each.

    >>> _people({"to": '"Roe, Bob" <Bob@Z.org>, ann@y.org, Cy <cy@q.org>'}, "to")
    [('bob@z.org', 'Roe, Bob'), ('ann@y.org', ''), ('cy@q.org', 'Cy')]
    """
    found: dict[str, str] = {}
    for field in names:
        for quoted, angled, plain, angle, bare in _MAILBOX.findall(fields.get(field, "")):
            mail = address(angled or angle or bare)
            if mail:
                found[mail] = found.get(mail) or _name(quoted or plain)
    return list(found.items())


def _thread(fields: dict[str, str]) -> str:
    """A conversation id from the threading headers: Gmail's thread id, else the first message of the
    References chain, else the message answered, else the message itself."""
    gmail = fields.get("x-gm-thrid", "").strip()
    if gmail:
        return "mail:gm:" + gmail[:40]
    for field in ("references", "in-reply-to", "message-id"):
        ids = _MESSAGE_ID.findall(fields.get(field, ""))
        if ids:
            return "mail:" + ids[0]
    return ""


def _why_not(fields: dict[str, str], sender: str) -> str:
    """Why a message is not a personal exchange, in English ("" when it is): shown with `_`."""
    if fields.get("list-id") or fields.get("list-unsubscribe"):
        return N_("mailing list")
    if fields.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return N_("bulk mail")
    if fields.get("auto-submitted", "no").strip().lower() != "no":
        return N_("sent automatically")
    if not sender:
        return N_("no sender (broken headers)")
    return N_("no-reply sender") if _NO_REPLY.match(sender.split("@", 1)[0]) else ""


def _date(fields: dict[str, str]) -> int | None:
    """Seconds since 1970 (UTC; a date without a zone is read as UTC), None when unreadable or outside
    the years every analysis represents.

    >>> _date({"date": "Mon, 5 Jan 2026 10:00:00 +0100"}), _date({"date": "soon"})
    (1767603600, None)
    """
    try:
        when = parsedate_to_datetime(fields.get("date", ""))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None
    return int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp())


def _separator(buf: bytes, pos: int) -> int:
    """Where the next message starts in `buf` from `pos` (a "From " line after an empty line), -1 when
    there is none; -2 when a candidate's line is not complete yet."""
    while True:
        i = buf.find(b"\nFrom ", pos)
        if i < 0:
            return -1
        blank = (i >= 1 and buf[i - 1] == 10) or (i >= 2 and buf[i - 1] == 13 and buf[i - 2] == 10)
        if blank:
            if buf.find(b"\n", i + 1) < 0:
                return -2
            if is_separator(buf[i + 1:i + 1 + 1024]):
                return i + 1
        pos = i + 1


def _header_blocks(f: BinaryIO, total: int, name: str, progress: Progress | None) -> Iterator[bytes | None]:
    """Each message's header block (None when it is over MAX_HEADER_BYTES); bodies are skipped by
    searching the next separator in blocks of `_CHUNK` bytes, never split into lines."""
    buf = f.read(_CHUNK).lstrip()
    if buf and not is_separator(buf[:1024]):
        raise InputError(name, _("not an mbox mailbox (it does not start with a 'From ' line)"))
    done, shown, count, pos, start, eof = len(buf), 0, 0, 0, 0 if buf else -1, not buf
    while True:
        if start >= 0:  # a message starts at `start`: its header block ends at the first empty line
            count += 1
            if count > MAX_MESSAGES:
                raise InputError(name, _("more than {limit} messages, the limit for one mailbox").format(
                    limit=number(MAX_MESSAGES)))
            head = buf.find(b"\n", start) + 1 or len(buf)
            while True:
                limit = head + MAX_HEADER_BYTES + 2  # never scan a body for the end of the headers
                lf = buf.find(b"\n\n", head - 1, limit)
                crlf = buf.find(b"\n\r\n", head - 1, lf + 2 if lf >= 0 else limit)
                ends = [i for i in (lf, crlf) if i >= 0]
                if ends or eof or len(buf) - head > MAX_HEADER_BYTES:
                    break
                more = f.read(_CHUNK)
                eof, done = not more, done + len(more)
                buf, head = buf[head - 1:] + more, 1
            end = min(ends) + 1 if ends else len(buf)
            yield None if end - head > MAX_HEADER_BYTES else buf[head:end]
            pos, start = (end - 1 if ends else min(len(buf), head + MAX_HEADER_BYTES)), -1
        start = _separator(buf, pos)
        if start >= 0:
            continue
        if eof:
            break
        keep = buf[max(pos, len(buf) - 1024):]
        more = f.read(_CHUNK)
        eof = not more
        done += len(more)
        buf, pos = keep + more, 0
        if progress and done - shown >= _PROGRESS_EVERY:
            progress(done, total)
            shown = done
    if progress:
        progress(done, total)


def _mails(blocks: Iterator[bytes | None], report: FileReport,
           names: dict[str, str]) -> tuple[list[Mail], int]:
    """(every personal message as (date, sender, recipients, thread), messages seen); the names seen go
    into `names`."""
    kept: list[Mail] = []
    seen = 0
    reasons: dict[str, str] = {}  # each reason translated once, not once per message
    for block in blocks:
        seen += 1
        if block is None:
            report.skip(_("headers longer than {limit} KiB").format(limit=number(MAX_HEADER_BYTES // 1024)))
            continue
        msg = _fields(block)
        senders = _people(msg, "from")
        sender = senders[0][0] if senders else ""
        why = _why_not(msg, sender)
        when = None if why else _date(msg)
        if why or when is None:
            why = why or N_("unreadable date")
            report.skip(reasons.get(why) or reasons.setdefault(why, _(why)))
            continue
        recipients = _people(msg, "to", "cc")
        for mail, name in [*senders[:1], *recipients]:
            names[mail] = name or names.get(mail, "")
        kept.append((when, intern(sender), tuple(intern(m) for m, _ in recipients), _thread(msg)))
    return kept, seen


def _guess_owner(mails: list[Mail], report: FileReport) -> frozenset[str]:
    counts = Counter(m for _, sender, recipients, _ in mails for m in dict.fromkeys((sender, *recipients)))
    return likely_owner(counts, report, "messages")


def read_mbox(name: str, source: bytes | Path | ZipMember | BinaryIO, me: frozenset[str],
              progress: Progress | None = None) -> SourceRows:
    """E-mails to and from the owner (`me`: lower-case addresses; guessed when empty) in a mailbox read
    from bytes, a path, a zip's member or a binary file; `progress(bytes read, bytes in all)` is called as
    it goes."""
    report = FileReport(file=name, kind="mbox")
    names: dict[str, str] = {}
    with _opened(source) as (f, total):
        mails, seen = _mails(_header_blocks(f, total, name, progress), report, names)
    if not seen:
        raise InputError(name, _("no messages in the mailbox"))
    me = me or _guess_owner(mails, report)
    cols: tuple[list, ...] = ([], [], [], [], [])
    others, to_self, unpaired = _("neither from you nor to you"), _("sent only to yourself"), 0
    for when, sender, recipients, thread in mails:
        if sender in me:
            pairs = [(m, "out") for m in recipients if m not in me]
        else:
            pairs = [(sender, "in")] if any(m in me for m in recipients) else []
        if not pairs:
            report.skip(others if sender not in me else to_self)
            unpaired += 1
        for mail, direction in pairs:
            for col, value in zip(cols, (mail, when, "email", direction, thread), strict=True):
                col.append(value)
    ids = {mail: person_id("", names.get(mail, ""), mail) for mail in set(cols[0])}
    dates = pd.to_datetime(np.asarray(cols[1], dtype="int64"), unit="s", utc=True)
    inter = interaction_frame([ids[m] for m in cols[0]], dates, *cols[2:]).drop_duplicates(ignore_index=True)
    report.rows = len(mails) - unpaired
    date_range(report, inter["date"])
    report.read = counted("headers of {n} message (From, To, Cc, Date, Message-ID, In-Reply-To, References); "
                          "bodies not read", "headers of {n} messages (From, To, Cc, Date, Message-ID, "
                          "In-Reply-To, References); bodies not read", seen)
    return source_rows([{"name": names.get(m, ""), "emails": [m]} for m in ids], "Email", report, inter)

