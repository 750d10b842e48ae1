"""What every reader of a personal source (address book, calendar, mailbox) hands back: `SourceRows`.

A reader never decides who is the same person: its `people` carry a provisional contact id (the
profile URL or name key, or `email:<address>` when the file gives neither) and every address in
`emails`; `load_files` resolves them against the other files in one place.

Example:
    >>> rows = source_rows([{"name": "Ana Lopez", "emails": ["Ana@X.org"]}], "Address book",
    ...                    FileReport("a.vcf", "vcard"))
    >>> rows.people[["contact_id", "first_name", "email", "emails", "sources"]].values.tolist()
    [['name:ana lopez', 'Ana', 'ana@x.org', 'ana@x.org', 'Address book']]
    >>> source_kind("x.dat", b"\\xef\\xbb\\xbfBEGIN:VCARD\\r\\n"), source_kind("cal.ics", b"junk")
    ('vcard', 'calendar')
    >>> source_kind("m", b"From - Mon Jan 01 00:00:00 2024\\n"), source_kind("c.csv", b"From name,To\\n")
    ('mbox', None)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from analytics.errors import InputError
from analytics.i18n import N_, _, number
from analytics.limits import MAX_SOURCE_BYTES
from analytics.model import CONTACT_COLUMNS, INTERACTION_COLUMNS, FileReport, contact_key, empty_frame

#: People columns: the contact columns plus every address known for the person ("; "-joined).
PEOPLE_COLUMNS = [*CONTACT_COLUMNS, "emails"]
#: Called with (bytes read, bytes in all) while a long file is read.
Progress = Callable[[int, int], None]

_MAGIC = {b"begin:vcard": "vcard", b"begin:vcalendar": "calendar", b"from ": "mbox"}
_SUFFIX = {".vcf": "vcard", ".vcard": "vcard", ".ics": "calendar", ".ical": "calendar", ".mbox": "mbox",
           ".mbx": "mbox"}
_FROM_LINE = re.compile(rb"From \S+ +\S[^\n]*\d:\d\d")  # "From 1457@xxx Tue Jan 21 05:30:14 2014"
_ADDRESS = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+")


@dataclass
class SourceRows:
    """One source file read: its people (PEOPLE_COLUMNS), interactions keyed by their provisional ids
    (INTERACTION_COLUMNS), and the file's report."""

    people: pd.DataFrame
    interactions: pd.DataFrame
    report: FileReport


def source_kind(name: str, head: bytes) -> str | None:
    """'vcard', 'calendar' or 'mbox' from the first bytes of a file, else from its extension; None
    for anything else."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC.items():
        if start[:16].lower().startswith(magic) and (kind != "mbox" or is_separator(start)):
            return kind
    dot = name.rfind(".")
    return _SUFFIX.get(name[dot:].casefold()) if dot >= 0 else None


#: A file read whole over MAX_SOURCE_BYTES, per kind, as people read it.
_TOO_BIG = {"vcard": N_("{n} bytes, above the limit of {limit} for a vCard file"),
            "calendar": N_("{n} bytes, above the limit of {limit} for a calendar")}
#: The owner guessed from the addresses on most events or messages, as people read it.
_GUESSED = {"events": N_("owner taken to be {address}, the address on most events (say which addresses are "
                         "yours to be sure)"),
            "messages": N_("owner taken to be {address}, the address on most messages (say which addresses "
                           "are yours to be sure)")}


def check_size(name: str, data: bytes, kind: str) -> None:
    """Refuse a file read whole (`kind` "vcard" or "calendar") larger than MAX_SOURCE_BYTES."""
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(name, _(_TOO_BIG[kind]).format(n=number(len(data)), limit=number(MAX_SOURCE_BYTES)))


def is_separator(line: bytes) -> bool:
    """True for an mbox "From " line: a sender and a time follow ("From 1457@xxx Tue Jan 21 05:30:14 2014"),
    unlike a body line such as "From here on, ...".

    >>> is_separator(b"From - Mon Jan 01 00:00:00 2024\\n"), is_separator(b"From here on, we agree\\n")
    (True, False)
    """
    return bool(_FROM_LINE.match(line))


def address(text: str) -> str:
    """The e-mail address in `text`, lower-case ("" when there is none).

    >>> address("mailto:Jane.Doe@Example.COM"), address("no address")
    ('jane.doe@example.com', '')
    """
    found = _ADDRESS.search(str(text))
    return found.group(0).casefold() if found else ""


def likely_owner(counts: Counter[str], report: FileReport, where: str) -> frozenset[str]:
    """The owner's address when none is given: the most frequent one in `counts` (the addresses on each
    event or message: `where` is "events" or "messages"), with a warning in `report`; empty when there is
    none.

    >>> r = FileReport("m.mbox", "mbox")
    >>> likely_owner(Counter(["me@x.org", "me@x.org", "a@y.org"]), r, "messages"), r.warnings[0][:29]
    (frozenset({'me@x.org'}), 'owner taken to be me@x.org, t')
    """
    if not counts:
        return frozenset()
    mail = counts.most_common(1)[0][0]
    report.warnings.append(_(_GUESSED[where]).format(address=mail))
    return frozenset({mail})


def person_id(url: str, name: str, email: str) -> str:
    """Provisional contact id: the profile URL or name key, else `email:<address>`.

    >>> person_id("", "", "ann@x.org"), person_id("", "Ann Bo", "ann@x.org")
    ('email:ann@x.org', 'name:ann bo')
    """
    return contact_key(url, name) if url or name.strip() else "email:" + email


def source_rows(people: Iterable[dict], source: str, report: FileReport,
                interactions: pd.DataFrame | None = None) -> SourceRows:
    """SourceRows from person dicts (name, first_name, last_name, url, emails, phones, company, position;
    all optional); a person's id is `person_id` of its URL, name and first address."""
    rows = []
    for p in people:
        emails = list(dict.fromkeys(a for a in (address(e) for e in p.get("emails", ())) if a))
        name = " ".join(str(p.get("name", "")).split())
        first, last = p.get("first_name", ""), p.get("last_name", "")
        if not (first or last) and name:
            first, _, last = name.partition(" ")
        url = p.get("url", "")
        name = name or f"{first} {last}".strip()
        mail = emails[0] if emails else ""
        rows.append({"contact_id": person_id(url, name, mail), "first_name": first, "last_name": last,
                     "name": name or mail, "url": url,
                     "email": mail, "company": p.get("company", ""),
                     "position": p.get("position", ""), "connected_on": None,
                     "phone": "; ".join(dict.fromkeys(p.get("phones", ()))), "sources": source,
                     "emails": "; ".join(emails)})
    frame = pd.DataFrame(rows, columns=PEOPLE_COLUMNS) if rows else empty_frame(PEOPLE_COLUMNS)
    frame["connected_on"] = pd.to_datetime(frame["connected_on"], utc=True).astype("datetime64[ns, UTC]")
    inter = empty_frame(INTERACTION_COLUMNS) if interactions is None else interactions
    return SourceRows(people=frame, interactions=inter[INTERACTION_COLUMNS], report=report)


def interaction_frame(ids: list[str], dates: list[pd.Timestamp] | pd.DatetimeIndex, channels: list[str],
                      directions: list[str], conversations: list[str]) -> pd.DataFrame:
    """Interactions (content always "": a source's text is never stored) from parallel lists.

    >>> interaction_frame(["email:a@x.org"], [pd.Timestamp("2026-01-02", tz="UTC")], ["email"], ["in"],
    ...                   ["mail:1"]).iloc[0].tolist()[2:]
    ['email', 'in', '', 'mail:1']
    """
    if not ids:
        return empty_frame(INTERACTION_COLUMNS)
    return pd.DataFrame({"contact_id": ids, "date": pd.to_datetime(dates, utc=True).as_unit("ns"),
                         "channel": channels, "direction": directions, "content": "",
                         "conversation_id": conversations})[INTERACTION_COLUMNS]


def date_range(report: FileReport, dates: pd.Series) -> None:
    """Note the first and last date of `dates` in `report`."""
    if len(dates) and dates.notna().any():
        report.date_min, report.date_max = dates.min(), dates.max()
