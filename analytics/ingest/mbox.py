"""Mailboxes (.mbox from Gmail Takeout, Thunderbird, Apple Mail) -> e-mails with the people written to.

Headers only: From, To, Cc, Date, Message-ID, In-Reply-To and References (threading), plus the headers
that mark mail nobody wrote by hand (List-Id, List-Unsubscribe, Precedence, Auto-Submitted). Bodies are
skipped line by line, never kept: the file is streamed in chunks of at most `_CHUNK` bytes, so memory
holds one header block (at most MAX_HEADER_BYTES) and the rows found, whatever the mailbox's size.
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
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from analytics.errors import InputError
from analytics.ingest.sources import (
    Progress,
    SourceRows,
    address,
    date_range,
    interaction_frame,
    is_separator,
    person_id,
    source_rows,
)
from analytics.limits import FIRST_YEAR, LAST_YEAR, MAX_HEADER_BYTES, MAX_MESSAGES
from analytics.model import FileReport
from analytics.wording import plural

_CHUNK = 64 << 10  # longest piece of a line read at once
_PROGRESS_EVERY = 16 << 20
_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|bounces?|notifications?)\b")
_BLANK = (b"\n", b"\r\n")
_PARSER = BytesHeaderParser(policy=compat32)
#: One message kept: (date, sender, recipients, conversation id).
Mail = tuple[pd.Timestamp, str, tuple[str, ...], str]


@contextmanager
def _opened(source: bytes | Path | BinaryIO) -> Iterator[tuple[BinaryIO, int]]:
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source), len(source)
    elif isinstance(source, Path):
        with source.open("rb") as f:
            yield f, source.stat().st_size
    else:
        yield source, 0


def _name(raw: str) -> str:
    """A display name with RFC 2047 encoded words decoded ("" when it is only an address).

    >>> _name("=?iso-8859-1?q?J=FCrgen_M=FCller?="), _name("'jane@x.org'")
    ('Jürgen Müller', '')
    """
    try:
        text = str(make_header(decode_header(raw)))
    except (ValueError, LookupError, UnicodeError):
        text = raw
    text = " ".join(text.strip().strip("'\"").split())
    return "" if address(text) else text


def _people(msg: Message, *fields: str) -> list[tuple[str, str]]:
    """(address, name) of everyone in `fields`, in order, once each."""
    found: dict[str, str] = {}
    for raw_name, raw_address in getaddresses([str(v) for f in fields for v in msg.get_all(f, [])]):
        mail = address(raw_address)
        if mail:
            found[mail] = found.get(mail) or _name(raw_name)
    return list(found.items())


def _thread(msg: Message) -> str:
    """A conversation id from the threading headers: Gmail's thread id, else the first message of the
    References chain, else the message answered, else the message itself."""
    gmail = str(msg.get("X-GM-THRID", "")).strip()
    if gmail:
        return "mail:gm:" + gmail[:40]
    for field in ("References", "In-Reply-To", "Message-ID"):
        ids = re.findall(r"<[^<>\s]{1,200}>", str(msg.get(field, "")))
        if ids:
            return "mail:" + ids[0]
    return ""


def _why_not(msg: Message, sender: str) -> str:
    """Why a message is not a personal exchange ("" when it is)."""
    if msg.get("List-Id") or msg.get("List-Unsubscribe"):
        return "mailing list"
    if str(msg.get("Precedence", "")).strip().lower() in ("bulk", "list", "junk"):
        return "bulk mail"
    if str(msg.get("Auto-Submitted", "no")).strip().lower() != "no":
        return "sent automatically"
    if not sender:
        return "no sender (broken headers)"
    return "no-reply sender" if _NO_REPLY.match(sender.split("@", 1)[0]) else ""


def _date(msg: Message) -> pd.Timestamp | None:
    try:
        when = parsedate_to_datetime(str(msg.get("Date", "")))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None
    stamp = pd.Timestamp(when)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _header_blocks(f: BinaryIO, total: int, name: str, progress: Progress | None) -> Iterator[bytes | None]:
    """Each message's header block (None when it is over MAX_HEADER_BYTES), body lines skipped."""
    block, in_header, too_big, line_start, prev_blank, done, shown, count = bytearray(), False, False, True, \
        True, 0, 0, 0
    for piece in iter(lambda: f.readline(_CHUNK), b""):
        done += len(piece)
        if progress and done - shown >= _PROGRESS_EVERY:
            progress(done, total)
            shown = done
        starts = line_start
        line_start = piece.endswith(b"\n")
        if starts and prev_blank and is_separator(piece):
            if in_header:
                yield None if too_big else bytes(block)
            count += 1
            if count > MAX_MESSAGES:
                raise InputError(name, f"more than {MAX_MESSAGES:,} messages, the limit for one mailbox")
            block, in_header, too_big = bytearray(), True, False
        elif in_header and starts and piece in _BLANK:
            yield None if too_big else bytes(block)
            in_header = False
        elif in_header and not too_big:
            too_big = len(block) + len(piece) > MAX_HEADER_BYTES
            block += b"" if too_big else piece
        elif not count and piece.strip():
            raise InputError(name, "not an mbox mailbox (it does not start with a 'From ' line)")
        prev_blank = starts and piece in _BLANK
    if in_header:
        yield None if too_big else bytes(block)
    if progress:
        progress(done, total)


def _mails(blocks: Iterator[bytes | None], report: FileReport,
           names: dict[str, str]) -> tuple[list[Mail], int]:
    """(every personal message as (date, sender, recipients, thread), messages seen); the names seen go
    into `names`."""
    kept: list[Mail] = []
    seen = 0
    for block in blocks:
        seen += 1
        if block is None:
            report.skip(f"headers longer than {MAX_HEADER_BYTES // 1024:,} KiB")
            continue
        msg = _PARSER.parsebytes(block)
        senders = _people(msg, "From")
        sender = senders[0][0] if senders else ""
        why = _why_not(msg, sender)
        when = None if why else _date(msg)
        if why or when is None:
            report.skip(why or "unreadable date")
            continue
        recipients = _people(msg, "To", "Cc")
        for mail, name in [*senders[:1], *recipients]:
            names[mail] = name or names.get(mail, "")
        kept.append((when, sender, tuple(m for m, _ in recipients), _thread(msg)))
    return kept, seen


def _guess_owner(mails: list[Mail], report: FileReport) -> frozenset[str]:
    counts = Counter(m for _, sender, recipients, _ in mails for m in dict.fromkeys((sender, *recipients)))
    if not counts:
        return frozenset()
    mail = counts.most_common(1)[0][0]
    report.warnings.append(f"owner taken to be {mail}, the address on most messages (say which addresses "
                           "are yours to be sure)")
    return frozenset({mail})


def read_mbox(name: str, source: bytes | Path | BinaryIO, me: frozenset[str],
              progress: Progress | None = None) -> SourceRows:
    """E-mails to and from the owner (`me`: lower-case addresses; guessed when empty) in a mailbox read
    from bytes, a path or a binary file; `progress(bytes read, bytes in all)` is called as it goes."""
    report = FileReport(file=name, kind="mbox")
    names: dict[str, str] = {}
    with _opened(source) as (f, total):
        mails, seen = _mails(_header_blocks(f, total, name, progress), report, names)
    if not seen:
        raise InputError(name, "no messages in the mailbox")
    me = me or _guess_owner(mails, report)
    cols: tuple[list, ...] = ([], [], [], [], [])
    for when, sender, recipients, thread in mails:
        if sender in me:
            pairs = [(m, "out") for m in recipients if m not in me]
        else:
            pairs = [(sender, "in")] if any(m in me for m in recipients) else []
        if not pairs:
            report.skip("neither from you nor to you" if sender not in me else "sent only to yourself")
        for mail, direction in pairs:
            for col, value in zip(cols, (mail, when, "email", direction, thread), strict=True):
                col.append(value)
    ids = {mail: person_id("", names.get(mail, ""), mail) for mail in set(cols[0])}
    inter = interaction_frame([ids[m] for m in cols[0]], *cols[1:]).drop_duplicates(ignore_index=True)
    report.rows = len(mails) - sum(report.reasons.get(r, 0) for r in ("neither from you nor to you",
                                                                      "sent only to yourself"))
    date_range(report, inter["date"])
    report.read = (f"headers of {plural(seen, 'message')} (From, To, Cc, Date, Message-ID, In-Reply-To, "
                   "References); bodies not read")
    return source_rows([{"name": names.get(m, ""), "emails": [m]} for m in ids], "Email", report, inter)

