"""BNI Connect exports: the Slips Audit Report -> ledger rows, and the PALMS summary -> a table.

Two layouts are read: the Excel 2003 XML Spreadsheet that BNI Connect saves as `.xls` (pandas cannot
open it; parsed here with defusedxml, honouring ss:Index and ss:MergeAcross) and an older `.xlsx`
with a title row "Slips Audit Report for DD/MM/YYYY", Running User / Run At / Chapter rows and the
header in row 4 (merged header cells: each value sits in the first column of its merged range).

How a slip becomes a ledger row, seen from the user (`owner_name`):
- Referral / One-to-One written by the user (From = user): kind referral / one_to_one, direction "out",
  contact = To. Written by another member to the user (To = user): direction "in", contact = From.
- TYFCB ("thank you for closed business") is written by the member who CLOSED business, thanking the
  member whose referral brought it; the amount is the value of that business.
  From = user: the user closed business thanks to To's referral -> closed_business "in", value = amount.
  To = user: a referral the user gave paid off for From -> closed_business "out", value = amount.
- CEU (education credits) and Visitor slips are not exchanges between members: skipped with a reason.
- Slips between two other members are skipped as "not involving you". When no owner is known (no
  `owner_name` and no Running User row) every exchange slip is kept, attributed to its writer (From)
  with direction "in", and the report says so.
The report carries no date per slip: every row is dated `report_date`, else the date in the title or
Run At row; with none of these the import stops with an InputError asking for the date.

Example:
    >>> slip_kind("One to One"), slip_kind("1-2-1"), slip_kind("TYFCB"), slip_kind("CEU")
    ('one_to_one', 'one_to_one', 'closed_business', 'ceu')
"""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
from defusedxml import ElementTree

from analytics.errors import InputError
from analytics.i18n import N_, _, number
from analytics.ingest.dates import day_problem, parse_day
from analytics.ingest.ledger_workbook import (
    ContactIndex,
    LedgerImport,
    RowProblem,
    Rows,
    data_rows,
    file_sheets,
    find_header,
    group_id,
    label_key,
    ledger_frame,
    parse_amount,
    text,
)
from analytics.limits import MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from analytics.model import GROUP_COLUMNS, MEMBER_COLUMNS, FileReport, normalize_name

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"

SLIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "from": ("from", "from member", "giver"), "to": ("to", "to member", "receiver"),
    "slip_type": ("slip type", "type"), "inside_outside": ("inside outside", "tier"),
    "amount": ("tyfcb amount", "amount"), "ceu": ("ceu credits", "ceu"),
    "detail": ("detail", "details", "comments"), "date": ("date", "slip date"),
}
SLIP_KINDS = {"one to one": "one_to_one", "1 2 1": "one_to_one", "121": "one_to_one",
              "referral": "referral", "tyfcb": "closed_business", "ceu": "ceu", "visitor": "visitor"}
SKIP_REASONS = {"ceu": N_("CEU slip (education credits, not an exchange)"),
                "visitor": N_("visitor slip (a guest, not an exchange)")}
#: An ss:Index or ss:MergeAcross beyond the limit of rows or columns, as people read it.
_BEYOND = {"rows": N_("ss:{attribute}={value} is beyond the limit of {limit} rows"),
           "columns": N_("ss:{attribute}={value} is beyond the limit of {limit} columns")}

PALMS_COLUMNS = {"first name": "first_name", "last name": "last_name", "p": "present", "a": "absent",
                 "l": "late", "m": "medical", "s": "substitute", "rgi": "referrals_given_inside",
                 "rgo": "referrals_given_outside", "rri": "referrals_received_inside",
                 "rro": "referrals_received_outside", "v": "visitors", "1 2 1": "one_to_ones",
                 "tyfcb": "tyfcb", "ceu": "ceu", "custom": "custom"}
PALMS_FOOTER = {"visitors", "bni", "total"}


def slip_kind(label: Any) -> str:
    """Ledger kind (or "ceu"/"visitor") for a Slip Type cell; "" when unknown."""
    return SLIP_KINDS.get(label_key(label), "")


def xml_rows(name: str, data: bytes) -> Rows:
    """Cell texts of the first worksheet of an Excel 2003 XML Spreadsheet (ss:Index and ss:MergeAcross
    honoured; merged cells leave blanks to the right). Streamed row by row, within the limits of
    `analytics.limits` (row index, columns, cells, characters per cell).

    >>> xml_rows("x.xls", b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    ...   b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'
    ...   b'<Cell><Data ss:Type="String">a</Data></Cell><Cell ss:Index="3"><Data>c</Data></Cell>'
    ...   b'</Row></Table></Worksheet></Workbook>')
    [['a', '', 'c']]
    """
    rows: Rows = []
    budget = [MAX_CELLS]
    path: list[str] = []  # tags from the root down to the element being read
    sheets = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            if event == "start":
                path.append(element.tag)
                sheets += element.tag == f"{SS}Worksheet" and len(path) == 2
                continue
            path.pop()
            if sheets == 1 and path[1:] == [f"{SS}Worksheet", f"{SS}Table"] and element.tag == f"{SS}Row":
                _add_row(name, element, rows, budget)
                element.clear()
            elif element.tag == f"{SS}Table" and sheets == 1 and len(path) == 2:
                return rows
    except InputError:
        raise
    except Exception as err:  # defusedxml raises its own types for entities and DTDs
        raise InputError(name, _("not a BNI Connect report ({error})").format(
            error=type(err).__name__)) from None
    raise InputError(name, _("not a BNI Connect report: no worksheet table found"))


def _add_row(name: str, row: Any, rows: Rows, budget: list[int]) -> None:
    """Append one ss:Row's cell texts to `rows` (after the blank rows its ss:Index skips), within limits."""
    index = _attribute(name, row, "Index", MAX_ROWS, "rows")
    rows.extend([] for _ in range(index - 1 - len(rows)))
    cells: list[Any] = []
    for cell in row.findall(f"{SS}Cell"):
        column = _attribute(name, cell, "Index", MAX_COLUMNS, "columns")
        cells.extend("" for _ in range(column - 1 - len(cells)))
        value = cell.find(f"{SS}Data")
        content = "".join(value.itertext()).strip() if value is not None else ""
        if len(content) > MAX_CELL_CHARS:
            raise InputError(name, _("row {row}: a cell is longer than the limit of {limit} "
                                     "characters").format(row=number(len(rows) + 1),
                                                          limit=number(MAX_CELL_CHARS)))
        cells.append(content)
        cells.extend("" for _ in range(_attribute(name, cell, "MergeAcross", MAX_COLUMNS, "columns")))
        if len(cells) > MAX_COLUMNS:
            raise InputError(name, _("row {row} spans {n} columns, beyond the limit of {limit}").format(
                row=number(len(rows) + 1), n=number(len(cells)), limit=number(MAX_COLUMNS)))
    budget[0] -= len(cells)
    if budget[0] < 0:
        raise InputError(name, _("the report holds more than {limit} cells (the limit)").format(
            limit=number(MAX_CELLS)))
    rows.append(cells)


def _attribute(name: str, element: Any, attribute: str, limit: int, what: str) -> int:
    """A whole-number ss: attribute (0 when absent), refused when not a number or above `limit` of `what`
    ("rows" or "columns", see `_BEYOND`)."""
    raw = element.get(f"{SS}{attribute}")
    if raw is None:
        return 0
    if not re.fullmatch(r"\s*[0-9]{1,12}\s*", raw):
        raise InputError(name, _("ss:{attribute}={value} is not a whole number").format(
            attribute=attribute, value=repr(raw[:40])))
    if int(raw) > limit:
        raise InputError(name, _(_BEYOND[what]).format(attribute=attribute, value=number(int(raw)),
                                                       limit=number(limit)))
    return int(raw)


def report_rows(name: str, data: bytes) -> Rows:
    """Rows of a BNI report in either layout (.xlsx workbook or XML spreadsheet)."""
    if data[:2] == b"PK":
        return next(iter(file_sheets(name, data).values()), [])
    return xml_rows(name, data)


def is_slips_report(name: str, data: bytes) -> bool:
    """True for a BNI Slips Audit Report (either layout): an Excel 2003 XML spreadsheet, or a workbook
    whose first sheet has the From / To / Slip Type header.

    >>> is_slips_report("x.xls", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:'
    ...                 b'office:spreadsheet"/>'), is_slips_report("a.csv", b"Date,Contact\\n")
    (True, False)
    """
    if data[:2] != b"PK":
        return b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]
    return find_header(report_rows(name, data), SLIP_COLUMNS, ("from", "to", "slip_type")) is not None


def report_meta(rows: Rows) -> dict[str, Any]:
    """Title date, running user, run at and chapter from the rows above the header."""
    meta: dict[str, Any] = {}
    for row in rows:
        cells = [c for c in row if text(c)]
        for i, cell in enumerate(cells):
            title = re.search(r"report for\s+(\S+)", text(cell), re.IGNORECASE)
            if title:
                meta["title_date"] = parse_day(title.group(1))
            label = label_key(cell)
            if label in ("running user", "run at", "chapter") and i + 1 < len(cells):
                meta[label] = cells[i + 1]
    return meta


def _report_date(name: str, meta: dict[str, Any], report_date: pd.Timestamp | None) -> pd.Timestamp:
    run_at = meta.get("run at")
    run_day = (parse_day(run_at) or parse_day(text(run_at).split(" ")[0])) if run_at else None
    day = report_date if report_date is not None else meta.get("title_date") or run_day
    if day is None:
        raise InputError(name, _("the report has no date: enter the date it was run"))
    return pd.Timestamp(day).tz_convert("UTC") if pd.Timestamp(day).tzinfo else pd.Timestamp(day, tz="UTC")


def read_bni_slips(name: str, data: bytes, contacts: pd.DataFrame, owner_name: str,
                   group_name: str = "", report_date: pd.Timestamp | None = None) -> LedgerImport:
    """Ledger rows (one group, type referral_group) from a BNI Connect Slips Audit Report.

    `group_name` defaults to the report's Chapter row, else "BNI chapter"; `owner_name` defaults to
    the Running User row. Members: every chapter member named on an exchange slip who is one of your
    contacts. See the module docstring for how each slip type maps to kind and direction.
    """
    rows = report_rows(name, data)
    found = find_header(rows, SLIP_COLUMNS, ("from", "to", "slip_type"))
    if found is None:
        raise InputError(name, _("no From / To / Slip Type header: is this a BNI Slips Audit Report?"))
    header, cols = found
    meta = report_meta(rows[:header])
    day = _report_date(name, meta, report_date)
    group = group_name or text(meta.get("chapter")) or "BNI chapter"
    owner = normalize_name(owner_name or text(meta.get("running user")))
    gid = group_id(group)
    report = FileReport(file=name, kind="bni_slips", date_min=day, date_max=day)
    problems: list[RowProblem] = []
    index = ContactIndex(contacts)
    entries: list[dict[str, Any]] = []
    members: set[str] = set()
    unknown: set[str] = set()

    def skip(n: int, reason: str) -> None:
        report.skip(reason)
        problems.append(RowProblem(name, "Slips", n, reason))

    for n, row in data_rows(rows, header):
        cell = {c: text(row[i]) if i < len(row) else "" for c, i in cols.items()}
        kind = slip_kind(cell["slip_type"])
        if kind in SKIP_REASONS or not kind:
            skip(n, _(SKIP_REASONS[kind]) if kind in SKIP_REASONS
                 else _("unknown slip type {value}").format(value=repr(cell["slip_type"])))
            continue
        ids = {side: index.resolve(cell[side])[0] for side in ("from", "to")}
        members.update(i for side, i in ids.items() if i and normalize_name(cell[side]) != owner)
        unknown.update(cell[s] for s, i in ids.items() if not i and normalize_name(cell[s]) != owner)
        if owner and owner not in (normalize_name(cell["from"]), normalize_name(cell["to"])):
            skip(n, _("not involving you"))
            continue
        user_wrote = bool(owner) and normalize_name(cell["from"]) == owner
        other = "to" if user_wrote else "from"
        if not ids[other]:
            skip(n, _("unknown contact"))
            continue
        value = parse_amount(cell.get("amount", "")) if kind == "closed_business" else 0.0
        if value is None or value < 0:
            skip(n, _("TYFCB amount {value} is not a number of 0 or more").format(
                value=repr(cell.get("amount", ""))))
            continue
        slip_day = parse_day(cell.get("date", ""))
        if slip_day is None and cell.get("date"):
            skip(n, day_problem(cell["date"]))
            continue
        if not owner:
            direction = "in"
        elif kind == "closed_business":  # TYFCB flips: its writer RECEIVED the business
            direction = "in" if user_wrote else "out"
        else:
            direction = "out" if user_wrote else "in"
        note = "; ".join(x for x in (cell.get("inside_outside", ""), cell.get("detail", "")) if x)
        entries.append({"date": slip_day or day, "contact_id": ids[other],
                        "group_id": gid, "kind": kind, "direction": direction, "value": value,
                        "note": note})
        report.rows += 1
    if not owner:
        report.warnings.append(_("no owner name: every exchange slip was kept, attributed to its writer "
                                 "(From) as received; enter your name to import only your own slips"))
    if unknown:
        report.warnings.append(_("not among your contacts: {names}").format(names=", ".join(sorted(unknown))))
    groups = pd.DataFrame([{"group_id": gid, "name": group, "type": "referral_group", "annual_cost": 0.0,
                            "hours_per_month": 0.0, "joined_on": pd.NaT}], columns=GROUP_COLUMNS)
    groups["joined_on"] = pd.to_datetime(groups["joined_on"], utc=True).astype("datetime64[ns, UTC]")
    member_frame = pd.DataFrame({"contact_id": sorted(members), "group_id": gid}, columns=MEMBER_COLUMNS)
    return LedgerImport(groups=groups, members=member_frame.astype(object), ledger=ledger_frame(entries),
                        files=[report], problems=problems)


def read_palms_summary(name: str, data: bytes) -> tuple[pd.DataFrame, FileReport]:
    """PALMS summary (XML spreadsheet or .xlsx) -> one row per member: first_name, last_name, name,
    present, absent, late, medical, substitute, referrals given/received inside/outside, visitors,
    one_to_ones, tyfcb, ceu, custom. The closing Visitors / BNI / Total rows are dropped."""
    rows = report_rows(name, data)
    spec = {col: (label,) for label, col in PALMS_COLUMNS.items()}
    found = find_header(rows, spec, ("first_name", "last_name"))
    if found is None:
        raise InputError(name, _("no First Name / Last Name header: is this a BNI PALMS report?"))
    header, cols = found
    report = FileReport(file=name, kind="bni_palms")
    records = []
    for _n, row in data_rows(rows, header):
        cell = {c: row[i] if i < len(row) else None for c, i in cols.items()}
        first, last = text(cell["first_name"]), text(cell["last_name"])
        if label_key(first) in PALMS_FOOTER and not last:
            report.skip(_("summary row"))
            continue
        numbers = {c: parse_amount(v) for c, v in cell.items() if c not in ("first_name", "last_name")}
        records.append({"first_name": first, "last_name": last, "name": f"{first} {last}".strip(),
                        **{c: v if v is not None else float("nan") for c, v in numbers.items()}})
    report.rows = len(records)
    columns = ["first_name", "last_name", "name", *[c for c in PALMS_COLUMNS.values() if c in cols
                                                    and c not in ("first_name", "last_name")]]
    return pd.DataFrame(records, columns=columns), report
