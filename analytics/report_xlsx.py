"""The coach report as an Excel workbook: formatted tables, native charts, text never run as a formula.

Sheets: Summary (headline figures, takeaways, period and tier tables with charts), Groups (ranking, a
cost-against-return chart, give/take), Growth (monthly table and chart), Actions (lists, plan progress,
goals), Contacts, Ledger, Hygiene.
Every text cell goes through `analytics.sheets.write_cell`.

Example:
    >>> from analytics.model import empty_network
    >>> from analytics.report_data import report_data
    >>> from openpyxl import load_workbook
    >>> book = load_workbook(io.BytesIO(render_xlsx(report_data(empty_network(),
    ...     pd.Timestamp("2026-01-01", tz="UTC")))))
    >>> book.sheetnames[:3]
    ['Summary', 'Groups', 'Growth']
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from analytics.report_data import FORMATS, SECTIONS, ReportData
from analytics.sheets import write_cell

NUMBER_FORMATS = {"eur": '"€"#,##0', "pct": "0%", "ratio": '0.00"×"', "num": "#,##0.0", "date": "yyyy-mm-dd"}
HEADER = Font(bold=True)
TITLE = Font(bold=True, size=14, color="0B5D4B")
TAKEAWAY = PatternFill("solid", fgColor="F1F7F4")


def _cell_value(value: object) -> object:
    """A value openpyxl can store: dates without time zone, NaN/NaT as blank, numpy scalars as Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo is None else \
            value.tz_convert("UTC").tz_localize(None).to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def write_table(ws: Worksheet, frame: pd.DataFrame, row: int, name: str, col: int = 1) -> tuple[int, int]:
    """`frame` as an Excel table (header style, banded rows, autofilter, number formats) at (row, col).

    An empty frame gets one blank row so the table stays valid. Returns (first, last) data row.
    """
    for j, header in enumerate(frame.columns, start=col):
        write_cell(ws, row, j, str(header)).font = HEADER
    rows = list(frame.itertuples(index=False)) or [tuple(None for _ in frame.columns)]
    for i, values in enumerate(rows, start=row + 1):
        for j, (header, value) in enumerate(zip(frame.columns, values, strict=True), start=col):
            cell = write_cell(ws, i, j, _cell_value(value))
            kind = FORMATS.get(header)
            if kind in NUMBER_FORMATS and not isinstance(cell.value, str):
                cell.number_format = NUMBER_FORMATS[kind]
    last = row + len(rows)
    ref = f"{get_column_letter(col)}{row}:{get_column_letter(col + len(frame.columns) - 1)}{last}"
    table = Table(displayName=f"{name}Table", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    for j, header in enumerate(frame.columns, start=col):
        width = max([len(str(header)), *(len(str(v)) for v in frame[header].head(200))], default=8)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, min(60, width + 2))
    return row + 1, last


def _bar(title: str, ws: Worksheet, cats: int, series: list[int], first: int, last: int,
         horizontal: bool = False) -> BarChart:
    """A clustered bar chart of columns `series` (header in row first-1) against categories column `cats`."""
    chart = BarChart()
    chart.type, chart.title, chart.width, chart.height = ("bar" if horizontal else "col"), title, 18, 8
    for column in series:
        chart.add_data(Reference(ws, min_col=column, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=cats, min_row=first, max_row=last))
    if horizontal:
        chart.y_axis.scaling.orientation = "minMax"
        chart.x_axis.scaling.orientation = "maxMin"
    return chart


def _summary(ws: Worksheet, data: ReportData) -> None:
    write_cell(ws, 1, 1, "Network coach report").font = TITLE
    who = f"For {data.owner} · " if data.owner else ""
    write_cell(ws, 2, 1, f"{who}as of {data.as_of:%Y-%m-%d}, period of {data.period_days} days · "
                         f"{data.privacy}")
    figures = pd.DataFrame({"Figure": list(data.headline), "Value": list(data.headline.values())})
    _, last = write_table(ws, figures, 4, "Headline")
    row = last + 2
    for key, title in SECTIONS.items():
        write_cell(ws, row, 1, title).font = HEADER
        cell = write_cell(ws, row, 2, data.takeaways[key])
        cell.fill, cell.alignment = TAKEAWAY, Alignment(wrap_text=True, vertical="top")
        row += 1
    for step in data.next_steps:
        write_cell(ws, row, 2, "• " + step).alignment = Alignment(wrap_text=True)
        row += 1
    ws.column_dimensions["B"].width = 90
    top = row + 2
    first, last = write_table(ws, data.tables["period"], top, "Period")
    ws.add_chart(_bar(f"Last {data.period_days} days vs the period before (counts)", ws, 1, [2, 3], first,
                      last - 1, horizontal=True), f"G{top}")  # the last row is money, on another scale
    first, last = write_table(ws, data.tables["tiers"], last + 3, "Tiers")
    ws.add_chart(_bar("Contacts per tier: start of period and now", ws, 1, [2, 3], first, last,
                      horizontal=True), f"G{top + 18}")
    ws.freeze_panes = "A4"


def _groups(ws: Worksheet, data: ReportData) -> None:
    frame = data.tables["groups"]
    first, last = write_table(ws, frame, 1, "Groups")
    cost = list(frame.columns).index("Cost (EUR)") + 1
    ws.add_chart(_bar("Cost against closed business (EUR)", ws, 1, [cost, cost + 1], first, last),
                 f"A{last + 3}")
    write_table(ws, data.tables["give_take"], last + 21, "GiveTake")
    ws.freeze_panes = "B2"


def _actions(ws: Worksheet, data: ReportData) -> None:
    write_table(ws, data.tables["actions"], 1, "Actions")
    _, last = write_table(ws, data.tables["plan"], 1, "Plan", col=6)
    write_table(ws, data.tables["goals"], last + 3, "Goals", col=6)
    ws.freeze_panes = "B2"


def _growth(ws: Worksheet, data: ReportData) -> None:
    first, last = write_table(ws, data.tables["growth"], 1, "Growth")
    chart = LineChart()
    chart.title, chart.width, chart.height = "Connections over time", 18, 8
    chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    ws.add_chart(chart, "E2")
    ws.freeze_panes = "A2"


def render_xlsx(data: ReportData) -> bytes:
    """The report as .xlsx bytes (see the module docstring for the sheets)."""
    book = Workbook()
    _summary(book.active, data)
    book.active.title = "Summary"
    for title, fill in (("Groups", _groups), ("Growth", _growth), ("Actions", _actions)):
        fill(book.create_sheet(title), data)
    for title, key in (("Contacts", "contacts"), ("Ledger", "ledger"), ("Hygiene", "hygiene")):
        ws = book.create_sheet(title)
        write_table(ws, data.tables[key], 1, title)
        ws.freeze_panes = "B2"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
