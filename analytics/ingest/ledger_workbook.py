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
from pathlib import PurePath
from typing import Any

import pandas as pd

from analytics.errors import InputError
from analytics.i18n import _, number
from analytics.ingest.dates import DAY_FIRST, day_problem, parse_day, slash_order
from analytics.ingest.xlsx import read_sheets
from analytics.limits import MAX_AMOUNT, MAX_CELL_CHARS, MAX_CELLS
from analytics.model import (
    GROUP_COLUMNS,
    LEDGER_COLUMNS,
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
                               "empfehlungen", "doorverwijzing", "doorverwijzingen", "referentie",
                               "segnalazione", "referenza", "referenze")},
    **{k: "closed_business" for k in ("closed business", "closed", "business closed", "tyfcb", "deal",
                                      "thank you for closed business", "thanks for closed business",
                                      "closed deal", "auftrag", "opdracht", "affare",
                                      "abgeschlossenes geschaft", "abgeschlossene geschafte",
                                      "gesloten omzet", "affare concluso", "affari conclusi")},
    **{k: "one_to_one" for k in ("one to one", "one on one", "1 2 1", "121", "1 to 1", "1 on 1", "1to1",
                                 "one2one", "1 1", "one to ones", "face to face", "einzelgesprach",
                                 "einzelgesprach 1 1", "een op een gesprek", "een op een",
                                 "incontro one to one")},
    **{k: "meeting" for k in ("meeting", "meetings", "treffen", "overleg", "riunione", "chapter meeting",
                              "besprechung", "afspraak", "bijeenkomst", "incontro")},
    **{k: "event" for k in ("event", "events", "veranstaltung", "evenement", "evento")},
    **{k: "introduction" for k in ("introduction", "intro", "introductions", "vorstellung", "introductie",
                                   "presentazione", "vorstellung kontaktvermittlung", "kontaktvermittlung")},
    **{k: "purchase" for k in ("purchase", "bought", "buy", "kauf", "aankoop", "acquisto")},
}
DIRECTION_LABELS: dict[str, str] = {
    **{k: "out" for k in ("out", "given", "give", "gave", "outgoing", "sent", "gegeben", "gegeven",
                          "dato", "dati", "donne")},
    **{k: "in" for k in ("in", "received", "receive", "got", "incoming", "erhalten", "ontvangen",
                         "ricevuto", "ricevuti", "recu")},
}
TYPE_LABELS: dict[str, str] = {
    **{k: "chamber" for k in ("chamber", "chamber of commerce", "ihk", "kvk", "kamer van koophandel",
                              "handelskammer", "camera di commercio", "cci", "chambre de commerce",
                              "ihk handelskammer")},
    **{k: "referral_group" for k in ("referral group", "referral", "bni", "referral network",
                                     "business club", "leads group", "unternehmerteam", "referral group bni",
                                     "empfehlungsgruppe", "empfehlungsgruppe z b bni", "netwerkclub",
                                     "netwerkclub bni", "referralgroep", "netwerkclub referralgroep bv bni",
                                     "gruppo di referenze", "gruppo di referenze es bni")},
    **{k: "association" for k in ("association", "professional association", "trade association",
                                  "verein", "verband", "vereniging", "associazione", "club")},
    **{k: "event" for k in ("event", "conference", "trade fair", "fair", "trade show", "messe", "congres",
                            "beurs", "fiera", "veranstaltung", "evenement", "evento", "konferenz")},
    **{k: "online" for k in ("online", "online group", "linkedin group", "community", "online community",
                             "forum", "slack", "whatsapp group", "online gruppe", "online groep",
                             "gruppo online")},
    **{k: "informal" for k in ("informal", "meetup", "drinks", "borrel", "stammtisch", "aperitivo",
                               "informal group", "other", "", "informelles netzwerk", "informeel netwerk",
                               "rete informale")},
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
                raise InputError(name, _("the file holds more than {limit} cells (the limit)").format(
                    limit=number(MAX_CELLS)))
            rows.append(row)
        return rows
    except csv.Error as err:
        if "field limit" in str(err):
            return _too_long(name, PurePath(name).stem, reader.line_num)
        raise InputError(name, _("line {line}: unreadable CSV ({error})").format(
            line=number(reader.line_num), error=err)) from None


def _too_long(name: str, sheet: str, row: int) -> Rows:
    raise InputError(name, _("{sheet} row {row}: a cell is longer than the limit of {limit} "
                             "characters").format(sheet=sheet, row=number(row), limit=number(MAX_CELL_CHARS)))


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
        raise InputError(name, _("not an .xlsx workbook: save it as .xlsx or as one CSV per sheet"))
    return _check_cells(name, {PurePath(name).stem: csv_rows(name, data)})


#: Sheet -> model column -> accepted header labels (compared after `label_key`): English, and the German,
#: Dutch and Italian words the app's own pages use for them (a ledger kept in the user's language).
SHEET_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "groups": {"name": ("name", "group", "group name", "gruppe", "gruppenname", "naam", "groep", "groepsnaam",
                        "nome", "gruppo", "nome del gruppo"),
               "type": ("type", "group type", "kind", "typ", "art", "gruppentyp", "soort", "groepstype",
                        "tipo"),
               "annual_cost": ("annual cost", "cost", "yearly cost", "cost per year", "annual fee", "fee",
                               "jahreskosten", "kosten", "jahresbeitrag", "jaarlijkse kosten", "contributie",
                               "costo annuo", "costo", "quota annuale"),
               "hours_per_month": ("hours per month", "hours month", "hours a month", "hours",
                                   "stunden pro monat", "stunden", "uren per maand", "uren", "ore al mese",
                                   "ore"),
               "joined_on": ("joined on", "joined", "member since", "since", "start", "beigetreten am",
                             "mitglied seit", "seit", "lid sinds", "sinds", "iscritto il", "iscritto dal",
                             "membro dal")},
    "members": {"group": ("group", "group name", "gruppe", "groep", "gruppo"),
                "contact": ("contact", "name", "member", "profile url", "url", "linkedin", "kontakt",
                            "mitglied", "naam", "lid", "contatto", "nome", "membro", "profil url",
                            "profiel url")},
    "activities": {"date": ("date", "day", "datum", "tag", "data", "giorno"),
                   "contact": ("contact", "name", "who", "profile url", "kontakt", "wer", "naam", "wie",
                               "contatto", "nome", "chi"),
                   "group": ("group", "group name", "gruppe", "groep", "gruppo"),
                   "kind": ("kind", "activity", "type", "art", "aktivitat", "typ", "soort", "activiteit",
                            "tipo", "attivita"),
                   "direction": ("direction", "given received", "given or received", "richtung", "richting",
                                 "direzione"),
                   "value": ("value", "amount", "tyfcb amount", "wert", "betrag", "waarde", "bedrag",
                             "valore", "importo"),
                   "note": ("note", "notes", "comment", "detail", "notiz", "bemerkung", "kommentar",
                            "notitie", "opmerking", "nota", "commento")},
}
REQUIRED = {"groups": ("name",), "members": ("group", "contact"),
            "activities": ("date", "contact", "kind", "direction")}
SHEET_NAMES = {"groups": ("groups", "group", "gruppen", "groepen", "gruppi"),
               "members": ("members", "member", "roster", "mitglieder", "leden", "membri"),
               "activities": ("activities", "activity", "ledger", "log", "aktivitaten", "journal",
                              "aktivitatsjournal", "activiteiten", "logboek", "activiteitenlogboek",
                              "attivita", "registro", "registro delle attivita")}


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
            return "", _("no contact")
        url = normalize_url(raw)
        if url:
            return (self.by_url[url], "") if url in self.by_url else ("", _("unknown contact"))
        name = normalize_name(raw)
        if name in self.ambiguous:
            return "", _("ambiguous name: use the profile URL")
        return (self.by_name[name], "") if name in self.by_name else ("", _("unknown contact"))


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
            report.warnings.append(_("group {name} is not on the Groups sheet: added as informal, no "
                                     "cost").format(name=repr(name)))
        return gid

    def read_groups(self, report: FileReport, sheet: str, rows: list[tuple[int, list[Any]]],
                    cols: dict[str, int]) -> None:
        order = _date_order(rows, cols, "joined_on")
        for n, row in rows:
            cell = _getter(row, cols)
            name = cell("name")
            if not name:
                self.problem(report, sheet, n, _("no group name"))
                continue
            gtype = normalize_type(cell("type"))
            if not gtype:
                report.warnings.append(_("row {row}: group type {value} unknown, counted as informal").format(
                    row=number(n), value=repr(cell("type"))))
                gtype = "informal"
            cost = parse_amount(cell("annual_cost", raw=True))
            hours = parse_amount(cell("hours_per_month", raw=True))
            if cost is None or hours is None or cost < 0 or hours < 0:
                self.problem(report, sheet, n, _("cost or hours not a positive number"))
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
                self.problem(report, sheet, n, why or _("no group"))
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
                   else _("unknown kind {value}").format(value=repr(cell("kind"))) if not kind
                   else _("direction {value} is neither given nor received").format(
                       value=repr(cell("direction"))) if not direction
                   else _("value not a number up to {limit}").format(limit=number(MAX_AMOUNT))
                   if value is None else _("negative value") if value < 0 else why)
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
            report.warnings.append(_("no Groups, Members or Activities sheet with the expected headers "
                                     "found"))
    readers = {"groups": reader.read_groups, "members": reader.read_members,
               "activities": reader.read_activities}
    for sheet in ("groups", "members", "activities"):
        for kind, report, title, rows, header, cols in found:
            if kind == sheet:
                readers[sheet](report, title, data_rows(rows, header), cols)
    return reader.result(reports)
