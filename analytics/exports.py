"""Files for the user to download: call and mailing lists as CSV or Excel, every cell spreadsheet-safe
(`analytics.cells`).
"""

from __future__ import annotations

import io

import pandas as pd

from analytics.cells import XLSX_OPTIONS, XlsxCells, safe_cell


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
    """A call list as an .xlsx workbook: bold header, text always stored as text, dates as YYYY-MM-DD."""
    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, {**XLSX_OPTIONS, "constant_memory": True}) as book:
        cells, ws = XlsxCells(book), book.add_worksheet(title[:31])
        rows = _cells(frame)
        for c, name in enumerate(frame.columns):  # constant_memory: row by row, so header first
            cells.write(ws, 0, c, str(name), bold=True)
        for r, row in enumerate(rows.itertuples(index=False), start=1):
            for c, value in enumerate(row):
                cells.write(ws, r, c, value)
    return buf.getvalue()
