"""The coach report as an Excel workbook: formatted tables, native charts, text never run as a formula.

Sheets: Summary (headline figures, takeaways, period and tier tables with charts), Groups (ranking, a
cost-against-return chart, give/take), Growth (monthly table and chart), Actions (lists, plan progress,
goals), Contacts, Ledger, Hygiene; named, headed and titled in the report's language
(`ReportData.language`), money shown with the workspace currency's sign where that language puts it, and
dates in its order (Excel itself picks the separators from the reader's settings).
Written with XlsxWriter (imported on first use), column by column, through `analytics.cells.XlsxCells`:
text is always a string cell, with Excel's quote prefix where it starts like a formula. Not in
`constant_memory` mode: every sheet holds an Excel table, which that mode cannot write. No document
properties are set (no author, so an anonymised report carries no name in docProps either).

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
from typing import TYPE_CHECKING

import pandas as pd
from babel import Locale

from analytics import i18n
from analytics.cells import XLSX_OPTIONS, XlsxCells
from analytics.i18n import N_, _
from analytics.report_data import FORMATS, SECTIONS, ReportData, heading

if TYPE_CHECKING:
    from xlsxwriter.chart import Chart
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

NUMBER_FORMATS = {"pct": "0%", "ratio": '0.00"×"', "num": "#,##0.0"}
#: The sheets after Summary, Groups, Growth and Actions: title -> ReportData.tables key.
LISTINGS = {N_("Contacts"): "contacts", N_("Ledger"): "ledger", N_("Hygiene"): "hygiene"}
TITLE = {"bold": True, "font_size": 14, "font_color": "#0B5D4B"}
TAKEAWAY = {"bg_color": "#F1F7F4", "text_wrap": True, "valign": "top"}
TABLE_STYLE = "Table Style Medium 2"
#: Chart size in pixels (about 18 x 8 cm, as the openpyxl version had).
CHART_SIZE = {"width": 680, "height": 302}
#: Column widths come from the header and this many first values, between MIN_WIDTH and MAX_WIDTH characters.
WIDTH_SAMPLE, MIN_WIDTH, MAX_WIDTH = 200, 8, 60


def money_format() -> str:
    """Excel's number format for whole amounts of the currency in use, its sign placed the language's way.

    >>> money_format()
    '"€"#,##0'
    >>> with i18n.use("de", "USD"):
    ...     money_format()
    '#,##0 "$"'
    """
    pattern = Locale.parse(i18n.locale_name()).currency_formats["standard"].pattern.split(";")[0]
    number = pattern.replace("¤", "").replace("\xa0", "").strip()
    return pattern.replace(number, "#,##0").replace("\xa0", " ").replace("¤", f'"{i18n.currency_symbol()}"')


def number_formats() -> dict[str, str]:
    """Excel's number format per FORMATS kind in the language and currency in use.

    >>> with i18n.use("nl"):
    ...     number_formats()["date"], number_formats()["eur"]
    ('dd-mm-yyyy', '"€" #,##0')
    """
    return {**NUMBER_FORMATS, "eur": money_format(), "date": i18n.DATE_FORMATS[i18n.language()].lower()}


class _Report:
    """One workbook being written: its cell writer and the column widths each sheet needs."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.cells = XlsxCells(book)
        self.widths: dict[str, dict[int, float]] = {}
        self.formats = number_formats()

    def sheet(self, title: str) -> Worksheet:
        """A new worksheet `title`, its column widths collected until `finish`."""
        self.widths[title] = {}
        return self.book.add_worksheet(title)

    def width(self, ws: Worksheet, col: int, width: float) -> None:
        """Widen column `col` of `ws` to at least `width` characters."""
        widths = self.widths[ws.get_name()]
        widths[col] = max(widths.get(col, 0), width)

    def table(self, ws: Worksheet, frame: pd.DataFrame, row: int, name: str, col: int = 0) -> tuple[int, int]:
        """`frame` as an Excel table (header, banded rows, autofilter, number formats) with its header
        at (row, col), 0-based. An empty frame gets one blank row so the table stays valid.
        Returns (first, last) data row."""
        last = row + max(len(frame), 1)
        columns = [str(c) for c in frame.columns]
        headers = [heading(c) for c in columns]
        ws.add_table(row, col, last, col + len(columns) - 1, {
            "name": f"{name}Table", "style": TABLE_STYLE,
            "columns": [{"header": h, "header_format": self.cells.format(bold=True)} for h in headers]})
        for j, (column, header) in enumerate(zip(columns, headers, strict=True), start=col):
            values = frame[column]
            self.cells.write_column(ws, row + 1, j, values, self.formats.get(FORMATS.get(column, "")))
            longest = values.head(WIDTH_SAMPLE).astype(str).str.len().max() if len(values) else 0
            self.width(ws, j, min(MAX_WIDTH, max(MIN_WIDTH, len(header), int(longest)) + 2))
        return row + 1, last

    def bar(self, ws: Worksheet, title: str, cats: int, series: list[int], first: int, last: int,
            horizontal: bool = False) -> Chart:
        """A clustered bar chart of columns `series` (header in row first-1) against column `cats`."""
        chart = self.book.add_chart({"type": "bar" if horizontal else "column"})
        name = ws.get_name()
        for column in series:
            chart.add_series({"name": [name, first - 1, column],
                              "categories": [name, first, cats, last, cats],
                              "values": [name, first, column, last, column]})
        chart.set_title({"name": title})
        chart.set_size(CHART_SIZE)
        if horizontal:
            chart.set_y_axis({"reverse": True})  # first row on top
        return chart

    def finish(self) -> None:
        """Apply the collected column widths."""
        for ws in self.book.worksheets():
            for col, width in self.widths[ws.get_name()].items():
                ws.set_column(col, col, width)


def _summary(r: _Report, data: ReportData) -> None:
    ws, cells = r.sheet(_("Summary")), r.cells
    cells.write(ws, 0, 0, _("Network coach report"), **TITLE)
    values = {"as_of": i18n.date(data.as_of), "days": i18n.number(data.period_days), "privacy": data.privacy}
    cells.write(ws, 1, 0, _("For {name} · as of {as_of}, period of {days} days · {privacy}").format(
        name=data.owner, **values) if data.owner else
        _("As of {as_of}, period of {days} days · {privacy}").format(**values))
    figures = pd.DataFrame({"Figure": list(data.headline), "Value": list(data.headline.values()),
                            "What it means": [data.measures.get(k, "") for k in data.headline]})
    _first, last = r.table(ws, figures, 3, "Headline")
    row = last + 2
    for key, title in SECTIONS.items():
        cells.write(ws, row, 0, _(title), bold=True)
        cells.write(ws, row, 1, data.takeaways[key], **TAKEAWAY)
        row += 1
    for step in data.next_steps:
        cells.write(ws, row, 1, "• " + step, text_wrap=True)
        row += 1
    top = row + 2
    period = data.tables["period"]
    first, last = r.table(ws, period, top, "Period")
    if period[["Previous", "Current"]].to_numpy().any():  # no chart of nothing but zeros
        title = _("Last {days} days vs the period before (counts)").format(days=values["days"])
        ws.insert_chart(top, 6, r.bar(ws, title, 0, [1, 2], first, last - 1,
                                      horizontal=True))  # the last row is money, on another scale
    first, last = r.table(ws, data.tables["tiers"], last + 3, "Tiers")
    ws.insert_chart(top + 18, 6, r.bar(ws, _("Contacts per tier: start of period and now"), 0, [1, 2], first,
                                       last, horizontal=True))
    r.widths[ws.get_name()][1] = 90
    ws.freeze_panes(3, 0)


def _groups(r: _Report, data: ReportData) -> None:
    ws, frame = r.sheet(_("Groups")), data.tables["groups"]
    if frame.empty:  # say what is missing instead of an empty table and chart
        r.cells.write(ws, 0, 0, data.takeaways["groups"], **TAKEAWAY)
        r.widths[ws.get_name()][0] = 90
        return
    first, last = r.table(ws, frame, 0, "Groups")
    cost = list(frame.columns).index("Cost (EUR)")
    title = _("Cost against closed business ({currency})").format(currency=i18n.currency())
    ws.insert_chart(last + 3, 0, r.bar(ws, title, 0, [cost, cost + 1], first, last))
    r.table(ws, data.tables["give_take"], last + 21, "GiveTake")
    ws.freeze_panes(1, 1)


def _growth(r: _Report, data: ReportData) -> None:
    ws = r.sheet(_("Growth"))
    first, last = r.table(ws, data.tables["growth"], 0, "Growth")
    chart = r.book.add_chart({"type": "line"})
    name = ws.get_name()
    chart.add_series({"name": [name, 0, 2], "categories": [name, first, 0, last, 0],
                      "values": [name, first, 2, last, 2]})
    chart.set_title({"name": _("Connections over time")})
    chart.set_size(CHART_SIZE)
    ws.insert_chart(1, 4, chart)
    ws.freeze_panes(1, 0)


def _actions(r: _Report, data: ReportData) -> None:
    ws = r.sheet(_("Actions"))
    r.table(ws, data.tables["actions"], 0, "Actions")
    _first, last = r.table(ws, data.tables["plan"], 0, "Plan", col=5)
    r.table(ws, data.tables["goals"], last + 3, "Goals", col=5)
    ws.freeze_panes(1, 1)


def _listing(r: _Report, data: ReportData, title: str, key: str) -> None:
    ws = r.sheet(_(title))
    r.table(ws, data.tables[key], 0, title)
    ws.freeze_panes(1, 1)


def render_xlsx(data: ReportData) -> bytes:
    """The report as .xlsx bytes in the report's language (see the module docstring for the sheets)."""
    import xlsxwriter

    buf = io.BytesIO()
    with i18n.use(data.language, data.currency), xlsxwriter.Workbook(buf, XLSX_OPTIONS) as book:
        report = _Report(book)
        for fill in (_summary, _groups, _growth, _actions):
            fill(report, data)
        for title, key in LISTINGS.items():
            _listing(report, data, title, key)
        report.finish()
    return buf.getvalue()
