"""Files for the user to download: call and mailing lists as CSV or Excel, and the ledger workbook
template; every cell spreadsheet-safe (`analytics.cells`). Texts for people (sheet titles, the template's
instructions) are in the language in use; the template's data sheets keep the English sheet names,
headers and labels the import reads.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pandas as pd

from analytics import i18n
from analytics.cells import XLSX_OPTIONS, XlsxCells, safe_cell, write_cell
from analytics.i18n import N_, _
from analytics.wording import header


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as text in the language's form (English: YYYY-MM-DD) and missing values as blanks, ready
    for a sheet."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = i18n.dates(out[col]).replace("", None)
    return out.astype(object).where(out.notna(), None)


def call_list_csv(frame: pd.DataFrame) -> bytes:
    """A call or mailing list as UTF-8 CSV (with BOM, so Excel reads accents), headers in words
    (`wording.header`), every text cell `safe_cell`ed.

    >>> call_list_csv(pd.DataFrame({"name": ["=evil()"], "why": ["met twice"]}))
    b"\\xef\\xbb\\xbfName,Why now\\r\\n'=evil(),met twice\\r\\n"
    """
    cells = _cells(frame).map(safe_cell)
    cells.columns = [safe_cell(header(str(c))) for c in cells.columns]
    return cells.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def call_list_xlsx(frame: pd.DataFrame, title: str | None = None) -> bytes:
    """A call list as an .xlsx workbook (sheet `title`, default "Call list" in the language in use): bold
    header in words, text always stored as text, dates as the language writes them."""
    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {**XLSX_OPTIONS, "constant_memory": True}) as book:
        cells, ws = XlsxCells(book), book.add_worksheet((title or _("Call list"))[:31])
        rows = _cells(frame)
        for c, name in enumerate(frame.columns):  # constant_memory: row by row, so header first
            cells.write(ws, 0, c, header(str(name)), bold=True)
        for r, row in enumerate(rows.itertuples(index=False), start=1):
            for c, value in enumerate(row):
                cells.write(ws, r, c, value)
    return buf.getvalue()


TEMPLATE_SHEETS: dict[str, tuple[list[str], list[Any]]] = {
    "Groups": (["Name", "Type", "Annual Cost", "Hours per Month", "Joined On"],
               ["BNI Example Chapter", "Referral group", 1200, 8, date(2025, 1, 15)]),
    "Members": (["Group", "Contact"], ["BNI Example Chapter", "https://www.linkedin.com/in/example-member"]),
    "Activities": (["Date", "Contact", "Group", "Kind", "Direction", "Value", "Note"],
                   [date(2025, 2, 3), "https://www.linkedin.com/in/example-member", "BNI Example Chapter",
                    "Closed business", "Received", 1500, "Website project after her referral"]),
}


#: The Instructions sheet, line by line (shown with `_`; the sheet, column and value names it quotes
#: are the English ones the import reads).
TEMPLATE_HELP = [
    N_("How to keep your networking ledger"),
    # TRANSLATORS: keep the quoted sheet, column and value names (Groups, Type, Chamber of commerce…) in
    # English: the import reads them as written in the template.
    N_("Groups: one row per group you belong to. Type: Chamber of commerce, Referral group (BNI), "
       "Association, Event, Online group or Informal. Annual Cost in your currency; Hours per Month "
       "including travel; Joined On as a date."),
    N_("Members: one row per person per group. Contact: their full name as on LinkedIn, or better their "
       "LinkedIn profile URL."),
    N_("Activities: one row per thing that happened. Kind: Referral, Closed business (TYFCB), One-to-one, "
       "Meeting, Event, Introduction or Purchase. Direction: Given (you gave it) or Received (you got it). "
       "Value: the business closed, 0 when there is none."),
    N_("Replace the example rows with your own. Rows that cannot be read are listed after the import "
       "with their row number."),
]


def template_workbook() -> bytes:
    """The downloadable ledger template: Instructions, Groups, Members, Activities (one example row each).

    >>> from analytics.ingest.ledger_workbook import read_ledger
    >>> read_ledger([("t.xlsx", template_workbook())], pd.DataFrame(
    ...     {"contact_id": ["in:example-member"], "name": ["Example"],
    ...      "url": ["https://www.linkedin.com/in/example-member"]})).ledger["value"].tolist()
    [1500.0]
    """
    from openpyxl import Workbook  # only here: a tenth of a second to import, on the page's first visit
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    help_ws = wb.active
    help_ws.title = _("Instructions")[:31]
    for r, line in enumerate(TEMPLATE_HELP, start=1):
        write_cell(help_ws, r, 1, _(line)).font = Font(bold=r == 1)
    help_ws.column_dimensions["A"].width = 120
    fill = PatternFill("solid", fgColor="DDEBF7")
    for title, (labels, example) in TEMPLATE_SHEETS.items():
        ws = wb.create_sheet(title)
        for c, (label, value) in enumerate(zip(labels, example, strict=True), start=1):
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
