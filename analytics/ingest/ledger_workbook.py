"""Activity-ledger import: the Groups / Members / Activities workbook (or one CSV per sheet) -> frames.

Sheet and column names are matched case-insensitively and extra columns are ignored. Contacts are
resolved by LinkedIn profile URL, then by folded name; a row that cannot be used (unknown contact,
bad date, negative value, unknown kind...) is reported with its row number and skipped, never fatal.
Ids are stable: group_id is "g:" + the folded group name and entry_id hashes the row's content, so
importing the same workbook twice does not duplicate anything.

Example:
    >>> normalize_kind("TYFCB"), normalize_kind("1-2-1"), normalize_direction("Given")
    ('closed_business', 'one_to_one', 'out')
    >>> group_id("BNI  Domstad Utrecht")
    'g:bni domstad utrecht'
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from analytics.cells import write_cell
from analytics.errors import InputError
from analytics.ingest.dates import DAY_FIRST, day_problem, parse_day, slash_order
from analytics.ingest.xlsx import read_sheets
from analytics.limits import MAX_AMOUNT, MAX_CELL_CHARS, MAX_CELLS
from analytics.model import (
    DIRECTIONS,
    GROUP_COLUMNS,
    GROUP_TYPES,
    LEDGER_COLUMNS,
    LEDGER_KINDS,
    MEMBER_COLUMNS,
    FileReport,
    empty_frame,
    normalize_name,
    normalize_url,
)

Rows = list[list[Any]]


@dataclass
class RowProblem:
    """One row that was skipped: where it is (file, sheet, row number as the user sees it) and why."""

    file: str
    sheet: str
    row: int
    reason: str


@dataclass
class LedgerImport:
    """What a ledger (or BNI) import produced: model frames plus a report per file and per bad row."""

    groups: pd.DataFrame = field(default_factory=lambda: empty_frame(GROUP_COLUMNS))
    members: pd.DataFrame = field(default_factory=lambda: empty_frame(MEMBER_COLUMNS))
    ledger: pd.DataFrame = field(default_factory=lambda: empty_frame(LEDGER_COLUMNS))
    files: list[FileReport] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Vocabulary: human labels -> model values
# ---------------------------------------------------------------------------------------------------


def label_key(text: Any) -> str:
    """Lower-case words only, for matching labels.

    >>> label_key(" Hours/Month ")
    'hours month'
    """
    return " ".join(re.sub(r"[^0-9a-z]+", " ", normalize_name(str(text or ""))).split())


KIND_LABELS: dict[str, str] = {
    **{k: "referral" for k in ("referral", "referrals", "ref", "referral slip", "lead", "empfehlung",
                               "doorverwijzing", "referentie", "segnalazione")},
    **{k: "closed_business" for k in ("closed business", "closed", "business closed", "tyfcb", "deal",
                                      "thank you for closed business", "thanks for closed business",
                                      "closed deal", "auftrag", "opdracht", "affare")},
    **{k: "one_to_one" for k in ("one to one", "one on one", "1 2 1", "121", "1 to 1", "1 on 1", "1to1",
                                 "one2one", "1 1", "one to ones", "face to face")},
    **{k: "meeting" for k in ("meeting", "meetings", "treffen", "overleg", "riunione", "chapter meeting")},
    **{k: "event" for k in ("event", "events", "veranstaltung", "evenement", "evento")},
    **{k: "introduction" for k in ("introduction", "intro", "introductions", "vorstellung", "introductie",
                                   "presentazione")},
    **{k: "purchase" for k in ("purchase", "bought", "buy", "kauf", "aankoop", "acquisto")},
}
DIRECTION_LABELS: dict[str, str] = {
    **{k: "out" for k in ("out", "given", "give", "gave", "outgoing", "sent", "gegeben", "gegeven",
                          "dato", "donne")},
    **{k: "in" for k in ("in", "received", "receive", "got", "incoming", "erhalten", "ontvangen",
                         "ricevuto", "recu")},
}
TYPE_LABELS: dict[str, str] = {
    **{k: "chamber" for k in ("chamber", "chamber of commerce", "ihk", "kvk", "kamer van koophandel",
                              "handelskammer", "camera di commercio", "cci", "chambre de commerce")},
    **{k: "referral_group" for k in ("referral group", "referral", "bni", "referral network",
                                     "business club", "leads group", "unternehmerteam")},
    **{k: "association" for k in ("association", "professional association", "trade association",
                                  "verein", "verband", "vereniging", "associazione", "club")},
    **{k: "event" for k in ("event", "conference", "trade fair", "fair", "trade show", "messe", "congres",
                            "beurs", "fiera")},
    **{k: "online" for k in ("online", "online group", "linkedin group", "community", "online community",
                             "forum", "slack", "whatsapp group")},
    **{k: "informal" for k in ("informal", "meetup", "drinks", "borrel", "stammtisch", "aperitivo",
                               "informal group", "other", "")},
}


def normalize_kind(text: Any) -> str:
    """Ledger kind for a human label ("" when unknown).

    >>> normalize_kind("Thank you for closed business"), normalize_kind("dinner")
    ('closed_business', '')
    """
    return KIND_LABELS.get(label_key(text), "")


def normalize_direction(text: Any) -> str:
    """"out" (given) or "in" (received); "" when unknown."""
    return DIRECTION_LABELS.get(label_key(text), "")


def normalize_type(text: Any) -> str:
    """Group type for a human label ("BNI" -> referral_group); "" when unknown.

    >>> normalize_type("Chamber of Commerce"), normalize_type("Online group"), normalize_type("BNI")
    ('chamber', 'online', 'referral_group')
    """
    return TYPE_LABELS.get(label_key(text), "")


def group_id(name: str) -> str:
    """Stable group id from the folded group name."""
    return "g:" + normalize_name(name)


# ---------------------------------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------------------------------

def _date_order(rows: list[tuple[int, list[Any]]], cols: dict[str, int], column: str) -> str:
    """Day/month order of one sheet's date column (`dates.slash_order`; day first unless proven)."""
    return slash_order((_getter(row, cols)(column, raw=True) for _, row in rows), DAY_FIRST)


_SCIENTIFIC = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")


def parse_amount(value: Any) -> float | None:
    """A number from a cell: 1200, "€ 1.200,50", "1,200.50", "400.00", "2E5"; 0.0 when blank; None if
    not one, not finite or larger than `limits.MAX_AMOUNT` either way.

    The last "," or "." followed by one or two digits is the decimal mark; other marks group thousands.

    >>> parse_amount("€ 1.200,50"), parse_amount("1,200.50"), parse_amount("1.200"), parse_amount("n/a")
    (1200.5, 1200.5, 1200.0, None)
    >>> parse_amount("2E5"), parse_amount("1e400"), parse_amount(float("inf")), parse_amount(10 ** 400)
    (200000.0, None, None, None)
    """
    if isinstance(value, int | float):
        try:
            amount = float(value)
        except OverflowError:
            return None
    else:
        raw = str(value or "").strip()
        if not raw:
            return 0.0
        if _SCIENTIFIC.fullmatch(raw):
            amount = float(raw)
        else:
            digits = re.sub(r"[^0-9,.\-]", "", raw)
            m = re.fullmatch(r"(-?)([0-9][0-9,.]*?)(?:[.,]([0-9]{1,2}))?", digits)
            if not m:
                return None
            amount = float(f"{m.group(1)}{re.sub(r'[.,]', '', m.group(2))}.{m.group(3) or 0}")
    return amount if math.isfinite(amount) and abs(amount) <= MAX_AMOUNT else None


def text(value: Any) -> str:
    """Cell as stripped text ("" for blanks; 3.0 -> "3")."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------------------------------------------
# Files -> sheets of rows
# ---------------------------------------------------------------------------------------------------


def xlsx_sheets(name: str, data: bytes) -> dict[str, Rows]:
    """Every sheet of an .xlsx as lists of cell values (title -> rows); InputError when unreadable or
    over a limit (`analytics.ingest.xlsx`)."""
    return read_sheets(name, data)


def csv_rows(name: str, data: bytes) -> Rows:
    """A CSV's rows (UTF-8 with or without BOM, else cp1252; comma, semicolon or tab separated; any
    line endings, mixed too).

    >>> csv_rows("a.csv", b"Date;Kind\\r\\n2026-01-05;ref\\n2026-01-06;ref\\r2026-01-07;ref")
    [['Date', 'Kind'], ['2026-01-05', 'ref'], ['2026-01-06', 'ref'], ['2026-01-07', 'ref']]
    """
    try:
        body = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        body = data.decode("cp1252", errors="replace")
    sample = body[:4096]
    delimiter = max(",;\t", key=sample.count) if sample else ","
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: Rows = []
    cells = 0
    try:
        for row in reader:
            cells += len(row)
            if cells > MAX_CELLS:
                raise InputError(name, f"the file holds more than {MAX_CELLS:,} cells (the limit)")
            rows.append(row)
        return rows
    except csv.Error as err:
        if "field limit" in str(err):
            return _too_long(name, PurePath(name).stem, reader.line_num)
        raise InputError(name, f"line {reader.line_num:,}: unreadable CSV ({err})") from None


def _too_long(name: str, sheet: str, row: int) -> Rows:
    raise InputError(name, f"{sheet} row {row:,}: a cell is longer than the limit of {MAX_CELL_CHARS:,} "
                           "characters")


def _check_cells(name: str, sheets: dict[str, Rows]) -> dict[str, Rows]:
    """`sheets`, refused when a cell holds more than MAX_CELL_CHARS characters."""
    for title, rows in sheets.items():
        for n, row in enumerate(rows, start=1):
            if any(isinstance(c, str) and len(c) > MAX_CELL_CHARS for c in row):
                _too_long(name, title, n)
    return sheets


def file_sheets(name: str, data: bytes) -> dict[str, Rows]:
    """Sheets of an .xlsx/.xlsm, or a CSV as one sheet named after the file stem."""
    if data[:2] == b"PK":
        return _check_cells(name, xlsx_sheets(name, data))
    if PurePath(name).suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise InputError(name, "not an .xlsx workbook: save it as .xlsx or as one CSV per sheet")
    return _check_cells(name, {PurePath(name).stem: csv_rows(name, data)})


#: Sheet -> model column -> accepted header labels (compared after `label_key`).
SHEET_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "groups": {"name": ("name", "group", "group name"), "type": ("type", "group type", "kind"),
               "annual_cost": ("annual cost", "cost", "yearly cost", "cost per year", "annual fee", "fee"),
               "hours_per_month": ("hours per month", "hours month", "hours a month", "hours"),
               "joined_on": ("joined on", "joined", "member since", "since", "start")},
    "members": {"group": ("group", "group name"),
                "contact": ("contact", "name", "member", "profile url", "url", "linkedin")},
    "activities": {"date": ("date", "day"), "contact": ("contact", "name", "who", "profile url"),
                   "group": ("group", "group name"), "kind": ("kind", "activity", "type"),
                   "direction": ("direction", "given received", "given or received"),
                   "value": ("value", "amount", "tyfcb amount"),
                   "note": ("note", "notes", "comment", "detail")},
}
REQUIRED = {"groups": ("name",), "members": ("group", "contact"),
            "activities": ("date", "contact", "kind", "direction")}
SHEET_NAMES = {"groups": ("groups", "group"), "members": ("members", "member", "roster"),
               "activities": ("activities", "activity", "ledger", "log")}


def header_map(row: list[Any], spec: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Column -> index for a header row, `spec` giving each column's accepted labels (first hit wins).

    >>> header_map(["Date", "", "KIND"], SHEET_COLUMNS["activities"])
    {'date': 0, 'kind': 2}
    """
    labels = [label_key(c) for c in row]
    found: dict[str, int] = {}
    for column, names in spec.items():
        hits = [i for i, label in enumerate(labels) if label in names and i not in found.values()]
        if hits:
            found[column] = hits[0]
    return found


def find_header(rows: Rows, spec: dict[str, tuple[str, ...]], required: tuple[str, ...],
                scan: int = 10) -> tuple[int, dict[str, int]] | None:
    """(row index, column map) of the first row within `scan` rows holding every required column."""
    for i, row in enumerate(rows[:scan]):
        cols = header_map(row, spec)
        if all(c in cols for c in required):
            return i, cols
    return None


def classify(title: str, rows: Rows) -> tuple[str, int, dict[str, int]] | None:
    """Which ledger sheet this is (by its name, else by its headers): (sheet, header index, columns)."""
    named = [s for s, names in SHEET_NAMES.items() if label_key(title) in names]
    candidates = named or ["activities", "members", "groups"]  # most specific headers first
    for sheet in candidates:
        found = find_header(rows, SHEET_COLUMNS[sheet], REQUIRED[sheet])
        if found:
            return sheet, *found
    return None


# ---------------------------------------------------------------------------------------------------
# Contacts
# ---------------------------------------------------------------------------------------------------


class ContactIndex:
    """Resolve a cell (profile URL or full name) to a contact_id of `contacts`.

    >>> idx = ContactIndex(pd.DataFrame({"contact_id": ["in:ann"], "name": ["Ann Lee"],
    ...                                  "url": ["https://www.linkedin.com/in/ann"]}))
    >>> idx.resolve("linkedin.com/in/Ann/"), idx.resolve("ANN  LEE"), idx.resolve("Bob")
    (('in:ann', ''), ('in:ann', ''), ('', 'unknown contact'))
    """

    def __init__(self, contacts: pd.DataFrame) -> None:
        urls = contacts["url"].fillna("").map(normalize_url)
        self.by_url = dict(zip(urls[urls != ""], contacts["contact_id"][urls != ""], strict=True))
        names = contacts["name"].fillna("").map(normalize_name)
        counts = names.value_counts()
        unique = names.map(counts) == 1
        self.by_name = dict(zip(names[unique], contacts["contact_id"][unique], strict=True))
        self.ambiguous = set(counts.index[counts > 1])

    def resolve(self, cell: Any) -> tuple[str, str]:
        """(contact_id, "") or ("", reason)."""
        raw = text(cell)
        if not raw:
            return "", "no contact"
        url = normalize_url(raw)
        if url:
            return (self.by_url[url], "") if url in self.by_url else ("", "unknown contact")
        name = normalize_name(raw)
        if name in self.ambiguous:
            return "", "ambiguous name: use the profile URL"
        return (self.by_name[name], "") if name in self.by_name else ("", "unknown contact")


# ---------------------------------------------------------------------------------------------------
# Ledger rows
# ---------------------------------------------------------------------------------------------------


def entry_ids(frame: pd.DataFrame) -> pd.Series:
    """Deterministic entry_id per row: a hash of date/contact/kind/direction/value/group/note, plus the
    occurrence number among identical rows (two equal one-to-ones on one day stay two entries)."""
    keys = (frame["date"].dt.strftime("%Y-%m-%d").fillna("") + "|" + frame["contact_id"] + "|"
            + frame["kind"] + "|" + frame["direction"] + "|" + frame["value"].map("{:.2f}".format) + "|"
            + frame["group_id"] + "|" + frame["note"])
    keys = keys + "#" + keys.groupby(keys).cumcount().astype(str)
    return keys.map(lambda k: "e:" + hashlib.sha1(k.encode("utf-8")).hexdigest()[:16])


def ledger_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Model-typed ledger frame (with entry ids) from dicts holding every column but entry_id."""
    if not rows:
        return empty_frame(LEDGER_COLUMNS)
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"], utc=True).astype("datetime64[ns, UTC]")
    frame["value"] = frame["value"].astype("float64")
    frame["entry_id"] = entry_ids(frame)
    return frame[LEDGER_COLUMNS].reset_index(drop=True)


class _Reader:
    """Accumulates groups, members and ledger rows across the files of one import."""

    def __init__(self, contacts: pd.DataFrame) -> None:
        self.contacts = ContactIndex(contacts)
        self.groups: dict[str, dict[str, Any]] = {}
        self.members: list[dict[str, str]] = []
        self.entries: list[dict[str, Any]] = []
        self.problems: list[RowProblem] = []

    def problem(self, report: FileReport, sheet: str, row: int, reason: str) -> None:
        report.skip(reason)
        self.problems.append(RowProblem(report.file, sheet, row, reason))

    def group(self, name: str, report: FileReport) -> str:
        """group_id for `name`, adding an undeclared group (informal, no cost) with a warning."""
        gid = group_id(name)
        if gid not in self.groups:
            self.groups[gid] = {"group_id": gid, "name": name, "type": "informal", "annual_cost": 0.0,
                                "hours_per_month": 0.0, "joined_on": pd.NaT}
            report.warnings.append(f"group {name!r} is not on the Groups sheet: added as informal, no cost")
        return gid

    def read_groups(self, report: FileReport, sheet: str, rows: list[tuple[int, list[Any]]],
                    cols: dict[str, int]) -> None:
        order = _date_order(rows, cols, "joined_on")
        for n, row in rows:
            cell = _getter(row, cols)
            name = cell("name")
            if not name:
                self.problem(report, sheet, n, "no group name")
                continue
            gtype = normalize_type(cell("type"))
            if not gtype:
                report.warnings.append(f"row {n}: group type {cell('type')!r} unknown, counted as informal")
                gtype = "informal"
            cost = parse_amount(cell("annual_cost", raw=True))
            hours = parse_amount(cell("hours_per_month", raw=True))
            if cost is None or hours is None or cost < 0 or hours < 0:
                self.problem(report, sheet, n, "cost or hours not a positive number")
                continue
            joined = parse_day(cell("joined_on", raw=True), order)
            if joined is None and cell("joined_on"):
                self.problem(report, sheet, n, day_problem(cell("joined_on", raw=True), order))
                continue
            gid = group_id(name)
            self.groups[gid] = {"group_id": gid, "name": name, "type": gtype, "annual_cost": cost,
                                "hours_per_month": hours, "joined_on": joined or pd.NaT}
            report.rows += 1

    def read_members(self, report: FileReport, sheet: str, rows: list[tuple[int, list[Any]]],
                     cols: dict[str, int]) -> None:
        for n, row in rows:
            cell = _getter(row, cols)
            contact_id, why = self.contacts.resolve(cell("contact"))
            if why or not cell("group"):
                self.problem(report, sheet, n, why or "no group")
                continue
            self.members.append({"contact_id": contact_id, "group_id": self.group(cell("group"), report)})
            report.rows += 1

    def read_activities(self, report: FileReport, sheet: str, rows: list[tuple[int, list[Any]]],
                        cols: dict[str, int]) -> None:
        order = _date_order(rows, cols, "date")
        for n, row in rows:
            cell = _getter(row, cols)
            day = parse_day(cell("date", raw=True), order)
            kind, direction = normalize_kind(cell("kind")), normalize_direction(cell("direction"))
            value = parse_amount(cell("value", raw=True))
            contact_id, why = self.contacts.resolve(cell("contact"))
            why = (day_problem(cell("date", raw=True), order) if day is None
                   else f"unknown kind {cell('kind')!r}" if not kind
                   else f"direction {cell('direction')!r} is neither given nor received" if not direction
                   else f"value not a number up to {MAX_AMOUNT:,.0f}" if value is None
                   else "negative value" if value < 0 else why)
            if why:
                self.problem(report, sheet, n, why)
                continue
            gid = self.group(cell("group"), report) if cell("group") else ""
            self.entries.append({"date": day, "contact_id": contact_id, "group_id": gid, "kind": kind,
                                 "direction": direction, "value": value, "note": cell("note")})
            report.rows += 1
            report.date_min = day if report.date_min is None else min(report.date_min, day)
            report.date_max = day if report.date_max is None else max(report.date_max, day)

    def result(self, files: list[FileReport]) -> LedgerImport:
        groups = pd.concat([empty_frame(GROUP_COLUMNS), pd.DataFrame(list(self.groups.values()),
                                                                     columns=GROUP_COLUMNS)])
        groups = groups.astype({"annual_cost": float, "hours_per_month": float, "name": object})
        groups["joined_on"] = pd.to_datetime(groups["joined_on"], utc=True).astype("datetime64[ns, UTC]")
        members = pd.DataFrame(self.members, columns=MEMBER_COLUMNS).drop_duplicates(ignore_index=True)
        return LedgerImport(groups=groups.reset_index(drop=True),
                            members=members.astype(object), ledger=ledger_frame(self.entries),
                            files=files, problems=self.problems)


def _getter(row: list[Any], cols: dict[str, int]):
    """cell(column) -> stripped text ("" when absent); cell(column, raw=True) -> the raw value."""
    def cell(column: str, raw: bool = False) -> Any:
        i = cols.get(column)
        value = row[i] if i is not None and i < len(row) else None
        return value if raw else text(value)
    return cell


def data_rows(rows: Rows, header: int) -> list[tuple[int, list[Any]]]:
    """(1-based row number as the user sees it, cells) for every non-blank row below the header."""
    return [(i + 1, row) for i, row in enumerate(rows) if i > header and any(text(c) for c in row)]


def read_ledger(files: list[tuple[str, bytes]], contacts: pd.DataFrame) -> LedgerImport:
    """Read ledger workbooks and/or CSVs (groups.csv, members.csv, activities.csv) into model frames.

    Groups are read before members and activities whatever the file order; a file with no ledger
    sheet gets a warning in its FileReport; a file that is not a spreadsheet raises InputError.

    >>> csv = b"Date,Contact,Kind,Direction\\n2026-01-05,Ann Lee,1-2-1,given\\n2026-13-05,Ann Lee,ref,gave\\n"
    >>> got = read_ledger([("activities.csv", csv)],
    ...                   pd.DataFrame({"contact_id": ["name:ann lee"], "name": ["Ann Lee"], "url": [""]}))
    >>> got.ledger[["contact_id", "kind", "direction"]].values.tolist(), got.problems[0].row
    ([['name:ann lee', 'one_to_one', 'out']], 3)
    """
    reader = _Reader(contacts)
    reports: list[FileReport] = []
    found: list[tuple[str, FileReport, str, Rows, int, dict[str, int]]] = []
    for name, data in files:
        report = FileReport(file=name, kind="ledger")
        reports.append(report)
        for title, rows in file_sheets(name, data).items():
            hit = classify(title, rows)
            if hit:
                found.append((hit[0], report, title, rows, hit[1], hit[2]))
        if not any(f[1] is report for f in found):
            report.warnings.append("no Groups, Members or Activities sheet with the expected headers found")
    readers = {"groups": reader.read_groups, "members": reader.read_members,
               "activities": reader.read_activities}
    for sheet in ("groups", "members", "activities"):
        for kind, report, title, rows, header, cols in found:
            if kind == sheet:
                readers[sheet](report, title, data_rows(rows, header), cols)
    return reader.result(reports)


# ---------------------------------------------------------------------------------------------------
# Template and rosters
# ---------------------------------------------------------------------------------------------------

TEMPLATE_SHEETS: dict[str, tuple[list[str], list[Any]]] = {
    "Groups": (["Name", "Type", "Annual Cost", "Hours per Month", "Joined On"],
               ["BNI Example Chapter", "Referral group", 1200, 8, date(2025, 1, 15)]),
    "Members": (["Group", "Contact"], ["BNI Example Chapter", "https://www.linkedin.com/in/example-member"]),
    "Activities": (["Date", "Contact", "Group", "Kind", "Direction", "Value", "Note"],
                   [date(2025, 2, 3), "https://www.linkedin.com/in/example-member", "BNI Example Chapter",
                    "Closed business", "Received", 1500, "Website project after her referral"]),
}
TEMPLATE_HELP = [
    "How to keep your networking ledger",
    "Groups: one row per group you belong to. Type: Chamber of commerce, Referral group (BNI), "
    "Association, Event, Online group or Informal. Annual Cost in your currency; Hours per Month "
    "including travel; Joined On as a date.",
    "Members: one row per person per group. Contact: their full name as on LinkedIn, or better their "
    "LinkedIn profile URL.",
    "Activities: one row per thing that happened. Kind: Referral, Closed business (TYFCB), One-to-one, "
    "Meeting, Event, Introduction or Purchase. Direction: Given (you gave it) or Received (you got it). "
    "Value: the business closed, 0 when there is none.",
    "Replace the example rows with your own. Rows that cannot be read are listed after the import "
    "with their row number.",
]


def template_workbook() -> bytes:
    """The downloadable ledger template: Instructions, Groups, Members, Activities (one example row each).

    >>> read_ledger([("t.xlsx", template_workbook())], pd.DataFrame(
    ...     {"contact_id": ["in:example-member"], "name": ["Example"],
    ...      "url": ["https://www.linkedin.com/in/example-member"]})).ledger["value"].tolist()
    [1500.0]
    """
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = "Instructions"
    for r, line in enumerate(TEMPLATE_HELP, start=1):
        write_cell(help_ws, r, 1, line).font = Font(bold=r == 1)
    help_ws.column_dimensions["A"].width = 120
    fill = PatternFill("solid", fgColor="DDEBF7")
    for title, (header, example) in TEMPLATE_SHEETS.items():
        ws = wb.create_sheet(title)
        for c, (label, value) in enumerate(zip(header, example, strict=True), start=1):
            head = write_cell(ws, 1, c, label)
            head.font, head.fill = Font(bold=True), fill
            cell = write_cell(ws, 2, c, value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            ws.column_dimensions[head.column_letter].width = max(14, len(str(value)) + 2)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROSTER_COLUMNS = ("contact", "name", "member", "profile url", "url", "linkedin", "linkedin url", "full name")


def roster_names(rows: Rows) -> list[tuple[int, str]]:
    """(row number, name or URL) from a roster: a column named Name/Contact/URL, First + Last Name
    columns, or else the first column (with or without a header)."""
    for i, row in enumerate(rows[:10]):
        labels = [label_key(c) for c in row]
        if "first name" in labels and "last name" in labels:
            f, la = labels.index("first name"), labels.index("last name")
            return [(n, f"{text(r[f]) if f < len(r) else ''} {text(r[la]) if la < len(r) else ''}".strip())
                    for n, r in data_rows(rows, i)]
        hits = [j for j, label in enumerate(labels) if label in ROSTER_COLUMNS]
        if hits:
            return [(n, text(r[hits[0]]) if hits[0] < len(r) else "") for n, r in data_rows(rows, i)]
    return [(n, text(r[0]) if r else "") for n, r in data_rows(rows, -1)]


def read_roster(name: str, data: bytes, contacts: pd.DataFrame,
                group_name: str = "") -> tuple[pd.DataFrame, FileReport]:
    """Members frame (contact_id, group_id of `group_name`) from a CSV/XLSX roster of names or URLs.

    >>> members, rep = read_roster("r.csv", b"Name\\nAnn Lee\\nZed\\n", pd.DataFrame(
    ...     {"contact_id": ["name:ann lee"], "name": ["Ann Lee"], "url": [""]}), "Chamber")
    >>> members.values.tolist(), rep.reasons
    ([['name:ann lee', 'g:chamber']], {'unknown contact': 1})
    """
    report = FileReport(file=name, kind="roster")
    index = ContactIndex(contacts)
    sheets = file_sheets(name, data)
    found: list[str] = []
    for n, cell in roster_names(next(iter(sheets.values()), [])):
        contact_id, why = index.resolve(cell)
        if why:
            report.skip(why)
            report.warnings.append(f"row {n}: {why} {cell!r}")
            continue
        found.append(contact_id)
    report.rows = len(found)
    members = pd.DataFrame({"contact_id": found, "group_id": group_id(group_name) if group_name else ""},
                           columns=MEMBER_COLUMNS).astype(object)
    return members.drop_duplicates(ignore_index=True), report


# ---------------------------------------------------------------------------------------------------
# Editing in the app: form values and table edits -> validated model rows
# ---------------------------------------------------------------------------------------------------


def group_row(name: Any, gtype: Any, annual_cost: Any, hours_per_month: Any, joined_on: Any,
              gid: str = "") -> dict[str, Any]:
    """One validated GROUP_COLUMNS row (group_id from the name unless `gid` is given).

    >>> group_row(" BNI Oost ", "referral_group", "1.200", 8, "2025-02-01")["group_id"]
    'g:bni oost'
    >>> group_row("X", "chamber", -5, 0, None)
    Traceback (most recent call last):
    analytics.errors.InputError: group 'X': annual cost must be a number of 0 or more
    """
    label = text(name)
    if not label:
        raise InputError("group", "give the group a name")
    kind = text(gtype) if text(gtype) in GROUP_TYPES else normalize_type(gtype)
    if not kind:
        raise InputError(f"group {label!r}", f"type must be one of {', '.join(GROUP_TYPES)}")
    figures = {}
    for field_name, value in (("annual cost", annual_cost), ("hours per month", hours_per_month)):
        amount = parse_amount(value)
        if amount is None or amount < 0 or amount != amount:
            raise InputError(f"group {label!r}", f"{field_name} must be a number of 0 or more")
        figures[field_name] = amount
    joined_on = None if joined_on is None or pd.isna(joined_on) else joined_on
    joined = parse_day(joined_on)
    if joined is None and text(joined_on):
        raise InputError(f"group {label!r}", f"joined on {text(joined_on)!r} is not a date")
    return {"group_id": gid or group_id(label), "name": label, "type": kind,
            "annual_cost": figures["annual cost"], "hours_per_month": figures["hours per month"],
            "joined_on": joined if joined is not None else pd.NaT}


def groups_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Model-typed groups frame from `group_row` dicts."""
    frame = pd.concat([empty_frame(GROUP_COLUMNS), pd.DataFrame(rows, columns=GROUP_COLUMNS)])
    frame = frame.astype({"annual_cost": float, "hours_per_month": float, "name": object, "type": object})
    frame["joined_on"] = pd.to_datetime(frame["joined_on"], utc=True).astype("datetime64[ns, UTC]")
    return frame.reset_index(drop=True)


def new_group(existing: pd.DataFrame, name: Any, gtype: Any, annual_cost: Any, hours_per_month: Any,
              joined_on: Any) -> pd.DataFrame:
    """A one-row groups frame for a group added in the app; InputError if the name is taken.

    >>> new_group(empty_frame(GROUP_COLUMNS), "Kvk Lunch", "chamber", 0, 1, "")["group_id"].tolist()
    ['g:kvk lunch']
    """
    row = group_row(name, gtype, annual_cost, hours_per_month, joined_on)
    if row["group_id"] in set(existing["group_id"]):
        raise InputError(f"group {row['name']!r}", "a group with this name exists already")
    return groups_frame([row])


def editable_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """Groups as the registry table shows them (joined_on as a plain date, group_id kept for edits)."""
    return groups[GROUP_COLUMNS].assign(joined_on=groups["joined_on"].dt.date).reset_index(drop=True)


def group_edits(shown: pd.DataFrame, edited_rows: dict) -> pd.DataFrame:
    """Validated groups rows from a data_editor's `edited_rows` ({row position: {column: value}}) over
    the `editable_groups` frame `shown`; ids stay (a renamed group keeps its members and ledger).

    >>> shown = editable_groups(new_group(empty_frame(GROUP_COLUMNS), "A", "chamber", 100, 1, ""))
    >>> group_edits(shown, {0: {"annual_cost": 250}})[["group_id", "annual_cost"]].values.tolist()
    [['g:a', 250.0]]
    """
    rows = []
    for pos, change in edited_rows.items():
        row = {**shown.iloc[int(pos)].to_dict(), **change}
        rows.append(group_row(row["name"], row["type"], row["annual_cost"], row["hours_per_month"],
                              row["joined_on"], gid=row["group_id"]))
    return groups_frame(rows)


def manual_entry(day: Any, contact_id: str, gid: str, kind: str, direction: str, value: Any,
                 note: str = "", existing: pd.DataFrame | None = None) -> pd.DataFrame:
    """A one-row ledger frame from the entry form; InputError names the first bad field. An entry equal
    to one already in `existing` gets its own id (two equal one-to-ones on one day stay two).

    >>> one = manual_entry("2026-03-01", "in:ann", "g:bni", "one_to_one", "out", 0, "")
    >>> one["kind"].tolist(), (manual_entry("2026-03-01", "in:ann", "g:bni", "one_to_one", "out", 0, "",
    ...                                     existing=one)["entry_id"] != one["entry_id"]).all()
    (['one_to_one'], np.True_)
    >>> manual_entry("2026-03-01", "", "", "referral", "out", 0)
    Traceback (most recent call last):
    analytics.errors.InputError: ledger entry: choose a contact
    """
    entry = ledger_frame([entry_row(day, contact_id, gid, kind, direction, value, note)])
    if existing is None or existing.empty:
        return entry
    both = pd.concat([existing[LEDGER_COLUMNS], entry], ignore_index=True)
    both["group_id"] = both["group_id"].fillna("")
    both["note"] = both["note"].fillna("")
    return entry.assign(entry_id=entry_ids(both).iloc[-1])


def entry_row(day: Any, contact_id: Any, gid: Any, kind: Any, direction: Any, value: Any,
              note: Any) -> dict[str, Any]:
    """One validated ledger row (without entry_id); labels like "Given" or "TYFCB" are understood."""
    when = parse_day(day)
    kind = text(kind) if text(kind) in LEDGER_KINDS else normalize_kind(kind)
    direction = text(direction) if text(direction) in DIRECTIONS else normalize_direction(direction)
    amount = parse_amount(value)
    why = ("choose a contact" if not text(contact_id) else "the date is missing or not a date" if when is None
           else f"kind must be one of {', '.join(LEDGER_KINDS)}" if not kind
           else "direction must be given or received" if not direction
           else "value must be a number of 0 or more" if amount is None or amount < 0 or amount != amount
           else "")
    if why:
        raise InputError("ledger entry", why)
    return {"date": when, "contact_id": text(contact_id), "group_id": text(gid), "kind": kind,
            "direction": direction, "value": amount, "note": text(note)}


LEDGER_TABLE_COLUMNS = ["entry_id", "contact_id", "date", "contact", "group", "kind", "direction", "value",
                        "note"]


def ledger_table(entries: pd.DataFrame, names: pd.Series, group_names: pd.Series) -> pd.DataFrame:
    """Ledger entries as the editable table shows them, newest first: names instead of ids, dates as days.

    `names`: contact_id -> name; `group_names`: group_id -> name.

    >>> e = manual_entry("2026-03-01", "in:ann", "g:bni", "referral", "out", 0)
    >>> shown = ledger_table(e, pd.Series({"in:ann": "Ann"}), pd.Series({"g:bni": "BNI"}))
    >>> shown[["contact", "group"]].values.tolist()
    [['Ann', 'BNI']]
    """
    names, group_names = names.to_dict(), group_names.to_dict()
    frame = entries.assign(date=entries["date"].dt.date,
                           contact=[names.get(c, c) for c in entries["contact_id"]],
                           group=[group_names.get(g, g) for g in entries["group_id"].fillna("")])
    frame = frame.sort_values("date", ascending=False, kind="stable")
    return frame[LEDGER_TABLE_COLUMNS].reset_index(drop=True)


def ledger_edits(shown: pd.DataFrame, edited_rows: dict, group_ids: dict[str, str]) -> pd.DataFrame:
    """Validated ledger rows (entry_id kept) from a data_editor's `edited_rows` over `ledger_table`
    rows; `group_ids`: group name -> group_id ("" for no group).

    >>> e = manual_entry("2026-03-01", "in:ann", "", "referral", "out", 0)
    >>> shown = ledger_table(e, pd.Series({"in:ann": "Ann"}), pd.Series(dtype=object))
    >>> got = ledger_edits(shown, {0: {"value": 900, "kind": "closed_business"}}, {})
    >>> got[["kind", "value"]].values.tolist(), bool((got["entry_id"] == e["entry_id"]).all())
    ([['closed_business', 900.0]], True)
    """
    rows = []
    for pos, change in edited_rows.items():
        row = {**shown.iloc[int(pos)].to_dict(), **change}
        group = text(row["group"])
        if group and group not in group_ids and group not in group_ids.values():
            raise InputError("ledger entry", f"unknown group {group!r}")
        rows.append({**entry_row(row["date"], row["contact_id"], group_ids.get(group, group), row["kind"],
                                 row["direction"], row["value"], row["note"]), "entry_id": row["entry_id"]})
    if not rows:
        return empty_frame(LEDGER_COLUMNS)
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"], utc=True).astype("datetime64[ns, UTC]")
    return frame.astype({"value": "float64"})[LEDGER_COLUMNS]


def problems_table(problems: list[RowProblem]) -> pd.DataFrame:
    """Skipped rows of an import as a table: file, sheet, row, reason.

    >>> problems_table([RowProblem("l.xlsx", "Activities", 7, "bad date")]).values.tolist()
    [['l.xlsx', 'Activities', 7, 'bad date']]
    """
    return pd.DataFrame([vars(p) for p in problems], columns=["file", "sheet", "row", "reason"])


def groups_to_save(imported: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Imported groups minus the placeholders (no cost, no hours, no join date: a group named only in
    activity rows or a BNI report) for groups that exist already, so an import never wipes their costs.

    >>> known = new_group(empty_frame(GROUP_COLUMNS), "BNI Oost", "referral_group", 1200, 8, "2025-01-01")
    >>> placeholder = new_group(empty_frame(GROUP_COLUMNS), "BNI Oost", "referral_group", 0, 0, "")
    >>> len(groups_to_save(placeholder, known)), len(groups_to_save(placeholder, empty_frame(GROUP_COLUMNS)))
    (0, 1)
    """
    blank = ((imported["annual_cost"].fillna(0) == 0) & (imported["hours_per_month"].fillna(0) == 0)
             & imported["joined_on"].isna())
    return imported[~(blank & imported["group_id"].isin(existing["group_id"]))].reset_index(drop=True)
