"""Spreadsheet-safe cells and call-list exports: text from files must never run as a formula.

CSV: text starting with = + - @ TAB CR LF gets an apostrophe in front (`safe_cell`).
openpyxl: text is written as a string cell (data_type "s"), never a formula (`write_cell`).
Both strip the control characters Excel cannot store.

Example:
    >>> safe_cell("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> safe_cell(-1)
    -1
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

#: A text cell starting with one of these can be read as a formula (or hide one behind whitespace).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean_text(text: str) -> str:
    """`text` without the control characters Excel cannot store (tab, CR and LF are kept).

    >>> clean_text("a\\x00b\\x1fc\\td")
    'abc\\td'
    """
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def safe_cell(value: Any) -> Any:
    """A CSV-safe value: text is cleaned and prefixed with ' when it could start a formula.

    Numbers, dates and None pass through untouched.

    >>> safe_cell("@SUM(A1)"), safe_cell("plain"), safe_cell(3.5)
    ("'@SUM(A1)", 'plain', 3.5)
    """
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write `value` to an openpyxl sheet; text always lands as text, never as a formula.

    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> c = write_cell(ws, 1, 1, "=1+1")
    >>> c.value, c.data_type
    ('=1+1', 's')
    """
    if not isinstance(value, str):
        return ws.cell(row=row, column=column, value=value)
    cell = ws.cell(row=row, column=column)
    cell.value = clean_text(value)
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD text and missing values as blanks, ready for a sheet."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None)


def call_list_csv(frame: pd.DataFrame) -> bytes:
    """A call list as UTF-8 CSV (with BOM, so Excel reads accents), every text cell `safe_cell`ed.

    >>> call_list_csv(pd.DataFrame({"name": ["=evil()"], "n": [2]}))
    b"\\xef\\xbb\\xbfname,n\\r\\n'=evil(),2\\r\\n"
    """
    cells = _cells(frame).map(safe_cell)
    cells.columns = [safe_cell(str(c)) for c in cells.columns]
    return cells.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def call_list_xlsx(frame: pd.DataFrame, title: str = "Call list") -> bytes:
    """A call list as an .xlsx workbook: bold header, text always stored as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for c, name in enumerate(frame.columns, start=1):
        write_cell(ws, 1, c, str(name)).font = Font(bold=True)
    for r, row in enumerate(_cells(frame).itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            write_cell(ws, r, c, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
