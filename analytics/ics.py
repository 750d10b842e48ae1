"""Follow-up calls as an iCalendar (.ics, RFC 5545) file that Google, Outlook and Apple import.

One all-day VEVENT per row, on `due_on` (or `as_of` when a row has none). UIDs derive from the
item_key, so re-importing updates events instead of duplicating them.

Example:
    >>> ics = follow_ups_ics(pd.DataFrame(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> ics.splitlines()[0], ics.endswith("END:VCALENDAR\\r\\n")
    ('BEGIN:VCALENDAR', True)
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from analytics.frames import as_utc
from analytics.i18n import _

PRODID = "-//Network Ledger//Follow-ups//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    r"""A TEXT value: backslash, comma, semicolon and newlines escaped, other controls dropped.

    >>> escape_text("a,b;c\\d\r\ne")
    'a\\,b\\;c\\\\d\\ne'
    """
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (continuations start with a space), never inside a
    UTF-8 character, ending in CRLF.

    >>> fold("X" * 80)
    'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\\r\\n XXXXX\\r\\n'
    """
    parts, current, size, limit = [], "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = "", 0, 74
        current += ch
        size += n
    parts.append(current)
    return "\r\n ".join(parts) + "\r\n"


def _uid(item_key: str) -> str:
    return hashlib.sha1(item_key.encode("utf-8")).hexdigest() + "@network-ledger"


def follow_ups_ics(frame: pd.DataFrame, as_of: pd.Timestamp) -> str:
    """A VCALENDAR with one all-day event per row of `frame` (item_key, name, why, action,
    optional due_on), stamped `as_of`; titles in the language in use ("Call Ann Lee")."""
    as_of = as_utc(as_of)
    stamp = as_of.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for row in frame.to_dict("records"):
        due = row.get("due_on")
        start = (as_of if due is None or pd.isna(due) else as_utc(due)).normalize()
        lines += ["BEGIN:VEVENT", f"UID:{_uid(str(row['item_key']))}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{start + pd.Timedelta(days=1):%Y%m%d}",
                  # TRANSLATORS: a calendar event's title; {name} is the person to phone.
                  "SUMMARY:" + escape_text(_("Call {name}").format(name=row["name"])),
                  "DESCRIPTION:" + escape_text(f"{row.get('action', '')}\n{row.get('why', '')}".strip()),
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
