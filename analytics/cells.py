"""Spreadsheet-safe cells: text from files must never run as a formula.

CSV: text starting with = + - @ TAB CR LF gets an apostrophe in front (`safe_cell`).
openpyxl: text is written as a string cell (data_type "s"), never a formula (`write_cell`).
XlsxWriter: `XlsxCells` writes text as string cells, those that look like a formula with Excel's quote
prefix (the apostrophe Excel shows but does not store), and whole frame columns at a time.
All strip the control characters Excel cannot store. openpyxl and XlsxWriter are imported only when used.

Example:
    >>> safe_cell("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> safe_cell(-1)
    -1
"""

from __future__ import annotations

import datetime as dt
import io  # noqa: F401 (the XlsxCells doctest uses it)
import numbers
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook as XlsxBook
    from xlsxwriter.worksheet import Worksheet as XlsxSheet

#: A text cell starting with one of these can be read as a formula (or hide one behind whitespace).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Control characters an .xlsx cannot store (openpyxl's ILLEGAL_CHARACTERS_RE): all but tab, LF, CR.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: XlsxWriter options: a string is only ever a string (never a formula, link or number), NaN/inf are
#: stored as errors rather than refused, and the file is built in memory (no temporary files).
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
                "nan_inf_to_errors": True, "in_memory": True}
#: Day zero of Excel's date serial numbers (1900 date system).
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


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


def excel_dates(dates: pd.Series) -> np.ndarray:
    """Dates as Excel serial numbers (days since 1899-12-30, UTC for tz-aware dates), NaN where missing.

    >>> excel_dates(pd.Series(pd.to_datetime(["2026-01-01 12:00", None], utc=True))).tolist()
    [46023.5, nan]
    """
    dates = pd.to_datetime(dates, utc=True).dt.tz_localize(None)
    return ((dates - _EXCEL_EPOCH) / pd.Timedelta(days=1)).to_numpy(dtype=float, na_value=np.nan)


class XlsxCells:
    """Cell writer for one XlsxWriter workbook: formats made once, text never a formula.

    >>> import xlsxwriter
    >>> book = xlsxwriter.Workbook(io.BytesIO(), XLSX_OPTIONS)
    >>> cells, ws = XlsxCells(book), book.add_worksheet()
    >>> cells.write(ws, 0, 0, "=1+1", bold=True)
    >>> cells.format(bold=True, quote_prefix=True) is cells.format(quote_prefix=True, bold=True)
    True
    """

    def __init__(self, book: XlsxBook) -> None:
        self.book = book
        self._formats: dict[tuple, Format] = {}

    def format(self, **props: Any) -> Format | None:
        """The workbook's format with these properties (made on first use); None for no properties."""
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(props)
        return self._formats[key]

    def write(self, ws: XlsxSheet, row: int, col: int, value: Any, num_format: str | None = None,
              **props: Any) -> None:
        """One value: text as a string cell (quote-prefixed if it starts like a formula), numbers and
        dates as numbers in `num_format` (dates default to yyyy-mm-dd), missing values left blank."""
        if isinstance(value, str):
            text = clean_text(value)
            quoted = {"quote_prefix": True} if text.startswith(FORMULA_STARTS) else {}
            ws.write_string(row, col, text, self.format(**props, **quoted))
        elif value is None or pd.isna(value):
            return
        elif isinstance(value, dt.date | np.datetime64):
            serial = excel_dates(pd.Series([value]))[0]
            ws.write_number(row, col, serial, self.format(**props, num_format=num_format or "yyyy-mm-dd"))
        elif isinstance(value, bool | np.bool_):
            ws.write_boolean(row, col, bool(value), self.format(**props))
        elif isinstance(value, numbers.Number):
            extra = {"num_format": num_format} if num_format else {}
            ws.write_number(row, col, float(value), self.format(**props, **extra))
        else:
            self.write(ws, row, col, str(value), **props)

    def write_column(self, ws: XlsxSheet, row: int, col: int, values: pd.Series,
                     num_format: str | None = None) -> None:
        """`values` down from (row, col); numeric and date columns take a fast path (one format), and
        whole columns of text or finite numbers are stored in one pass (`_store`)."""
        if pd.api.types.is_datetime64_any_dtype(values):
            fmt = self.format(num_format=num_format or "yyyy-mm-dd")
            self._numbers(ws, row, col, excel_dates(values), fmt)
            return
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            numbers = values.to_numpy(dtype=float, na_value=np.nan)
            self._numbers(ws, row, col, numbers, self.format(num_format=num_format) if num_format else None)
            return
        items = values.tolist()
        if all(isinstance(v, str) for v in items):  # all text: cleaned and checked column-wise
            # one search of the whole column (joined by a character Excel keeps) before any per-cell work
            dirty = ILLEGAL_CHARACTERS_RE.search("\n".join(items))
            texts = [clean_text(t) for t in items] if dirty else items
            prefixed = self.format(quote_prefix=True)
            formats = [prefixed if t.startswith(FORMULA_STARTS) else None for t in texts]
            if _bulk(ws, row, col, len(texts)) and max(map(len, texts), default=0) * 2 <= ws.xls_strmax:
                from xlsxwriter.worksheet import CellStringTuple

                index = ws.str_table._get_shared_string_index  # no text long enough to need truncating
                cells = [CellStringTuple(index(t), f) for t, f in zip(texts, formats, strict=True)]
                _store(ws, row, col, cells)
                return
            for i, (text, fmt) in enumerate(zip(texts, formats, strict=True), start=row):
                ws.write_string(i, col, text, fmt)
            return
        for i, value in enumerate(items, start=row):
            self.write(ws, i, col, value, num_format)

    @staticmethod
    def _numbers(ws: XlsxSheet, row: int, col: int, numbers: np.ndarray, fmt: Format | None) -> None:
        """Numbers down from (row, col), NaN left blank; infinities through `write_number` (which stores
        them as Excel errors)."""
        if _bulk(ws, row, col, len(numbers)) and not np.isinf(numbers).any():
            from xlsxwriter.worksheet import CellNumberTuple

            _store(ws, row, col, [None if n != n else CellNumberTuple(n, fmt) for n in numbers.tolist()])
            return
        for i, number in enumerate(numbers.tolist(), start=row):
            if number == number:  # not NaN
                ws.write_number(i, col, number, fmt)


def _bulk(ws: XlsxSheet, row: int, col: int, n: int) -> bool:
    """Whether `_store` may place `n` cells down from (row, col): inside the sheet, not streaming."""
    return not ws.constant_memory and row >= 0 and row + n <= ws.xls_rowmax and 0 <= col < ws.xls_colmax


def _store(ws: XlsxSheet, row: int, col: int, cells: list) -> None:
    """Put prepared cells (None: leave blank) down from (row, col) of `ws` as XlsxWriter's own
    `write_string`/`write_number` would, with the sheet's bounds moved once per column instead of
    once per cell. Relies on XlsxWriter's cell table (its version is pinned in requirements.txt;
    tests/test_cells.py checks the sheet equals the public methods' byte for byte)."""
    table, rows = ws.table, []
    for i, cell in enumerate(cells, start=row):
        if cell is not None:
            table[i][col] = cell
            rows.append(i)
    if rows:
        ws._check_dimensions(rows[0], col)
        ws._check_dimensions(rows[-1], col)
