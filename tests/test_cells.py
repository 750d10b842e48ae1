"""Spreadsheet safety: formula-looking text is neutralised in CSV and stored as text in .xlsx."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.cells import XLSX_OPTIONS, XlsxCells, safe_cell


@pytest.mark.parametrize("value, expected", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@x", "'@x"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("\nx", "'\nx"),
    ("normal text", "normal text"),
    ("a = b", "a = b"),
    (-1, -1),
    (2.5, 2.5),
    (None, None),
    ("bad\x00\x08\x1fchars", "badchars"),
    ("\x01=hidden", "'=hidden"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def _written(values: list, num_format: str | None = None) -> list:
    """`values` written down column A by XlsxCells.write_column, read back as openpyxl cells."""
    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, XLSX_OPTIONS) as book:
        XlsxCells(book).write_column(book.add_worksheet(), 0, 0, pd.Series(values), num_format)
    ws = load_workbook(buf).active
    return [ws.cell(row=i + 1, column=1) for i in range(len(values))]


@pytest.mark.parametrize(("values", "expected"), [
    (["=SUM(A1)", "+1", "plain", "a\x00b"], [("=SUM(A1)", "s", True), ("+1", "s", True),
                                            ("plain", "s", False), ("ab", "s", False)]),
    ([1.5, None, float("nan"), 3], [(1.5, "n", False), (None, "n", False), (None, "n", False),
                                    (3, "n", False)]),
    (["text", 2.0, None, True], [("text", "s", False), (2, "n", False), (None, "n", False),
                                 (True, "b", False)]),
])
def test_xlsx_cells_keep_text_as_text(values, expected):
    cells = _written(values)
    assert [(c.value, c.data_type, bool(c.quotePrefix)) for c in cells] == expected


@pytest.mark.parametrize("values", [
    pd.to_datetime(["2026-06-15 12:00", None], utc=True),       # a datetime column: the fast path
    [pd.Timestamp("2026-06-15 12:00", tz="UTC"), None],           # dates in an object column
])
def test_xlsx_cells_store_dates_as_dates(values):
    first, missing = _written(list(values) if isinstance(values, list) else values)
    assert first.is_date and first.number_format == "yyyy-mm-dd"
    assert first.value == pd.Timestamp("2026-06-15 12:00").to_pydatetime()
    assert missing.value is None


def test_xlsx_cells_number_format():
    (cell,) = _written([1234.5], '"€"#,##0')
    assert (cell.value, cell.number_format) == (1234.5, '"€"#,##0')
