"""vCard files (2.1, 3.0, 4.0; one or many cards) -> address-book people.

A small line-based reader (vobject stops a whole file at its first malformed card and has no bound on
a line's length): folded lines are joined, quoted-printable values of 2.1-style cards decoded in their
CHARSET, group prefixes (`item1.EMAIL`) dropped. Read: FN/N, every EMAIL and TEL, ORG, TITLE and URL
(a LinkedIn profile URL becomes the contact's URL). NOTE and BDAY are counted, never stored: a card's
note is not the user's own note about the person, and contacts have no birthday field. PHOTO, LOGO,
SOUND and KEY are skipped unread. A card that is not closed, holds a line without a colon or a field
longer than MAX_CELL_CHARS, or names nobody is skipped with its reason in the file's report.

Example:
    >>> card = (b"BEGIN:VCARD\\nVERSION:3.0\\nFN:Ana Lopez\\nEMAIL;TYPE=work:ana@x.org\\nTEL:+34 600\\n"
    ...         b"END:VCARD\\n")
    >>> rows = read_vcards("a.vcf", card)
    >>> rows.people[["contact_id", "email", "phone", "sources"]].values.tolist()
    [['name:ana lopez', 'ana@x.org', '+34 600', 'Address book']]
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator

from analytics.errors import InputError
from analytics.i18n import N_, _, counted, number
from analytics.ingest.sources import SourceRows, check_size, source_rows
from analytics.limits import MAX_CARDS, MAX_CELL_CHARS
from analytics.model import FileReport, normalize_url

_UNREAD = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_LONG = "\x00long"  # a logical line longer than MAX_CELL_CHARS
_ESCAPES = re.compile(r"\\(.)")
_NO_NAME = N_("no name, e-mail or profile URL")


def _text(data: bytes) -> str:
    """The file as text: BOMs honoured, UTF-8, else cp1252 (old Outlook and phone exports)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _unfold(text: str) -> Iterator[str]:
    """Logical lines: folded continuations joined (and 2.1 quoted-printable soft breaks), unread
    properties dropped, a line past MAX_CELL_CHARS yielded as `_LONG`."""
    parts: list[str] = []
    size, skip, qp = 0, False, False
    for raw in text.splitlines():
        if (parts or skip) and (raw[:1] in (" ", "\t") or (qp and parts[-1].endswith("="))):
            if qp and parts and parts[-1].endswith("="):
                parts[-1], raw = parts[-1][:-1], " " + raw
            size += len(raw) - 1
            if not skip and size > MAX_CELL_CHARS:
                parts, skip = [_LONG], True
            if not skip:
                parts.append(raw[1:])
            continue
        if parts:
            yield "".join(parts)
        head = raw.split(":", 1)[0].upper()
        skip = head.split(";", 1)[0].rsplit(".", 1)[-1] in _UNREAD
        qp = "QUOTED-PRINTABLE" in head
        parts, size = ([] if skip else [raw]), len(raw)
        if not skip and size > MAX_CELL_CHARS:
            parts, skip = [_LONG], True
    if parts:
        yield "".join(parts)


def _split(text: str, sep: str = ";") -> list[str]:
    """Split on `sep` outside double quotes and backslash escapes.

    >>> _split('N;CHARSET=UTF-8;TYPE="a;b"'), _split(r"Doe\\;Jr;Ann", ";")
    (['N', 'CHARSET=UTF-8', 'TYPE="a;b"'], ['Doe\\\\;Jr', 'Ann'])
    """
    out, cur, quoted, escaped = [], [], False, False
    for ch in text:
        if escaped:
            cur.append(ch)
            escaped = False
        elif ch == "\\":
            cur.append(ch)
            escaped = True
        elif ch == '"':
            quoted = not quoted
            cur.append(ch)
        elif ch == sep and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _unescape(value: str) -> str:
    """vCard text escapes undone; line breaks become spaces.

    >>> _unescape(r"Smith\\, Jones\\nLtd")
    'Smith, Jones Ltd'
    """
    return " ".join(_ESCAPES.sub(lambda m: " " if m.group(1) in "nN" else m.group(1), value).split())


def _property(line: str) -> tuple[str, str] | None:
    """(NAME, decoded value) of a content line, None when it has no colon outside quotes."""
    head = _split(line, ":")
    if len(head) < 2:
        return None
    params = _split(head[0])
    name = params[0].strip().rsplit(".", 1)[-1].upper()
    value = ":".join(head[1:])
    keys = {p.partition("=")[0].strip().upper(): p.partition("=")[2].strip('"') for p in params[1:]}
    if "QUOTED-PRINTABLE" in keys or keys.get("ENCODING", "").upper() == "QUOTED-PRINTABLE":
        charset = keys.get("CHARSET", "utf-8")
        try:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(charset, "replace")
        except LookupError:
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode("utf-8", "replace")
    return name, value


def _card(lines: list[str]) -> tuple[dict, str]:
    """(person dict, "") from a card's content lines, or ({}, why it is skipped)."""
    person: dict = {"emails": [], "phones": []}
    for line in lines:
        if line == _LONG:
            return {}, _("a field longer than {limit} characters").format(limit=number(MAX_CELL_CHARS))
        prop = _property(line)
        if prop is None:
            return {}, _("a line without a colon")
        name, value = prop
        if name == "FN":
            person["name"] = _unescape(value)
        elif name == "N":
            parts = [_unescape(p) for p in [*_split(value), "", ""]]
            person["last_name"], person["first_name"] = parts[0], parts[1]
        elif name == "EMAIL":
            person["emails"].append(_unescape(value))
        elif name == "TEL":
            person["phones"].append(_unescape(value).removeprefix("tel:"))
        elif name == "ORG":
            person["company"] = _unescape(_split(value)[0])
        elif name == "TITLE":
            person["position"] = _unescape(value)
        elif normalize_url(value) and not person.get("url"):  # URL, X-SOCIALPROFILE, IMPP...
            person["url"] = normalize_url(value)
        elif name in ("NOTE", "BDAY"):
            person[name] = True
    if not person.get("name"):
        person["name"] = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
    if not (person["name"] or person.get("url") or any("@" in e for e in person["emails"])):
        return {}, _(_NO_NAME)
    return person, ""


def _cards(text: str, report: FileReport) -> Iterator[list[str]]:
    """Each closed card's content lines; unclosed cards are counted in `report`."""
    lines: list[str] | None = None
    for line in _unfold(text):
        tag = line.strip().upper()
        if tag == "BEGIN:VCARD":
            if lines is not None:
                report.skip(_("card not closed (no END:VCARD)"))
            lines = []
        elif tag == "END:VCARD" and lines is not None:
            yield lines
            lines = None
        elif lines is not None and line.strip():
            lines.append(line)
    if lines is not None:
        report.skip(_("card not closed (no END:VCARD)"))


def read_vcards(name: str, data: bytes) -> SourceRows:
    """Address-book people from a vCard file; InputError when no card is usable or over the limits."""
    check_size(name, data, "vcard")
    report = FileReport(file=name, kind="vcard")
    people, notes, birthdays, cards = [], 0, 0, 0
    for lines in _cards(_text(data), report):
        cards += 1
        if cards > MAX_CARDS:
            raise InputError(name, _("more than {limit} cards, the limit for one vCard file").format(
                limit=number(MAX_CARDS)))
        person, why = _card(lines)
        if why:
            report.skip(why)
            continue
        notes += bool(person.pop("NOTE", False))
        birthdays += bool(person.pop("BDAY", False))
        people.append(person)
    if not people:
        # TRANSLATORS: how many cards were skipped ({n}) and why ({reason}), e.g. "2 a line without a colon"
        why = "; ".join(_("{n} {reason}").format(n=number(n), reason=r) for r, n in report.reasons.items())
        raise InputError(name, _("no usable contact card ({why})").format(
            why=why or _("no BEGIN:VCARD card")))
    report.rows = len(people)
    # TRANSLATORS: {cards} is "12 cards", {notes} "3 notes", {birthdays} "2 birthdays" (translated apart)
    report.read = _("names, e-mails, phones, organisations and titles of {cards}; {notes} and {birthdays} "
                    "seen, not stored; photos not read").format(
        cards=counted("{n} card", "{n} cards", len(people)), notes=counted("{n} note", "{n} notes", notes),
        birthdays=counted("{n} birthday", "{n} birthdays", birthdays))
    return source_rows(people, "Address book", report)
