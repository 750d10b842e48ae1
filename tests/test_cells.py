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


def _parts(fill) -> dict[str, bytes]:
    """The worksheet and shared-string parts of a workbook whose first sheet `fill(cells, ws)` writes."""
    import zipfile

    import xlsxwriter

    buf = io.BytesIO()
    with xlsxwriter.Workbook(buf, XLSX_OPTIONS) as book:
        fill(XlsxCells(book), book.add_worksheet())
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(("xl/worksheets/", "xl/sharedStrings"))}


@pytest.mark.parametrize(("values", "num_format"), [
    (pd.Series(["=SUM(A1)", "plain", "a\x00b", "", "plain", "-1"]), None),
    (pd.Series([1.5, float("nan"), 3.0, float("inf"), -2.0]), '"€"#,##0'),
    (pd.Series([1.5, float("nan"), 3.0]), None),
    (pd.Series(pd.to_datetime(["2026-06-15 12:00", None, "1999-01-01 00:00"], utc=True)), None),
    (pd.Series([float("nan"), float("nan")]), None),
    (pd.Series(["x" * 20_000, "short"]), None),   # long enough for XlsxWriter's own length check
])
def test_write_column_stores_the_cells_the_public_methods_write(values, num_format):
    def by_column(cells, ws):
        cells.write_column(ws, 3, 2, values, num_format)

    def by_cell(cells, ws):
        for i, value in enumerate(values.tolist(), start=3):
            cells.write(ws, i, 2, value, num_format)

    assert _parts(by_column) == _parts(by_cell)
