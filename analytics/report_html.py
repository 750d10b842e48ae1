"""The coach report as one self-contained HTML file, and the same sections for the app's presentation mode.

Written in the report's language (`ReportData.language`): headers through `report_data.heading`,
figures through `i18n`, the template's own words through `_`. plotly.js is embedded inline once, as the
vendored "basic" partial bundle (scatter and bar traces are all the report draws;
analytics/vendor/README.md): no CDN, no MathJax, no plotly.com logo link. Every text goes through Jinja2
autoescaping, and plotly's figure JSON escapes `<`, `>` and `/`, so hostile names stay text.

Example:
    >>> from analytics.model import empty_network
    >>> from analytics.report_data import report_data
    >>> html = render_html(report_data(empty_network(), pd.Timestamp("2026-01-01", tz="UTC")))
    >>> html.count("Plotly.newPlot(") > 0, "https://" in html.split("<body>")[1].split("<script")[0]
    (True, False)
"""

from __future__ import annotations

import copy
import html
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from analytics import charts, i18n
from analytics.i18n import _
from analytics.report_data import FORMATS, SECTIONS, ReportData, heading, measure_title

if TYPE_CHECKING:
    from jinja2 import Template

#: Tables shown under each section (keys of ReportData.tables) and how many rows at most.
SECTION_TABLES: dict[str, tuple[str, ...]] = {
    "summary": (), "period": ("period",), "tiers": ("tiers",), "growth": (), "groups": ("groups",),
    "give_take": ("give_take",), "plan": ("plan", "goals"), "hygiene": ("hygiene",), "next": ("actions",),
}
MAX_ROWS = 25
#: Wide tables in the HTML: columns left out, and a long text column shown as a line under each row.
HTML_HIDDEN: dict[str, tuple[str, ...]] = {"groups": ("Type", "Hours", "Referrals given")}
HTML_NOTE: dict[str, str] = {"groups": "Why"}
#: Fixed chart size (px): fits an A4 page printed from a browser, and a laptop screen.
CHART_WIDTH, CHART_HEIGHT = 680, 340
PLOTLY_CONFIG = {"displaylogo": False, "responsive": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}
#: plotly.js with only the trace types the report uses, same version as plotly.py's full bundle.
PLOTLY_JS = Path(__file__).parent / "vendor" / "plotly-basic.min.js"


@cache
def _template() -> Template:
    """The report's Jinja2 template (autoescaping on), loaded on first use: importing Jinja2 is not free."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
    env.globals.update(_=_, number=i18n.number)  # they read the language in use when the page is rendered
    return env.get_template("report.html")


@cache
def plotly_js() -> Markup:
    """The vendored plotly.js bundle, read once, safe to inline (it contains no `</script`)."""
    return Markup(PLOTLY_JS.read_text(encoding="utf-8"))


def format_value(value: object, kind: str | None) -> str:
    """Display text for one cell in the language in use: money (the workspace's currency), percent,
    ratio, number or date by `kind` (see FORMATS).

    >>> format_value(1234.5, "eur"), format_value(0.625, "pct"), format_value(None, "num")
    ('€1,234', '62%', '')
    >>> with i18n.use("de"):
    ...     format_value(1234.5, "eur"), format_value(2.5, "ratio"), format_value("2024-03-05", "date")
    ('1.234\xa0€', '2,50×', '05.03.2024')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if kind == "date":
        return i18n.date(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if kind == "eur":
        return i18n.money(value)
    if kind == "pct":
        return i18n.percent(value)
    return i18n.number(value, 2) + "×" if kind == "ratio" else i18n.number(value)


def headline_value(value: object) -> str:
    """A headline figure: scores below 10 with two decimals, counts and money with thousands separators.

    >>> headline_value(0.8545), headline_value(6200.0), headline_value("wide and deep")
    ('0.85', '6,200', 'wide and deep')
    """
    if isinstance(value, float) and abs(value) < 10:
        return i18n.number(value, 2)
    return format_value(value, "num")


def display_rows(frame: pd.DataFrame, limit: int = MAX_ROWS) -> list[list[str]]:
    """The first `limit` rows of `frame` as display text (FORMATS decide per column).

    >>> display_rows(pd.DataFrame({"Cost (EUR)": [1500.0], "Group": ["BNI"]}))
    [['€1,500', 'BNI']]
    """
    head = frame.head(limit)
    return [[format_value(v, FORMATS.get(c)) for c, v in zip(head.columns, row, strict=True)]
            for row in head.itertuples(index=False)]


def html_table(frame: pd.DataFrame, key: str) -> dict:
    """columns, rows (cells, note line), figures (indexes of money/date/number columns, never wrapped)
    and total row count of one table as the HTML shows it."""
    note = HTML_NOTE.get(key)
    shown = frame.drop(columns=[*HTML_HIDDEN.get(key, ()), *([note] if note else [])], errors="ignore")
    notes = frame[note].head(MAX_ROWS).astype(str).tolist() if note else [""] * min(len(frame), MAX_ROWS)
    return {"columns": [heading(c) for c in shown.columns],
            "rows": list(zip(display_rows(shown), notes, strict=True)),
            "figures": [i for i, c in enumerate(shown.columns) if c in FORMATS], "total": len(frame)}


def _bars(frame: pd.DataFrame, label: str, series: list[str], title: str, horizontal: bool = False,
          stacked: bool = False) -> go.Figure:
    colors = ("#1f6f5c", "#e0a458", "#9aa5b1")
    fig = go.Figure()
    names = frame[label].astype(str).map(html.escape)  # group names from files; plotly renders some HTML
    for column, color in zip(series, colors, strict=False):
        x, y = (frame[column], names) if horizontal else (names, frame[column])
        fig.add_trace(go.Bar(x=x, y=y, name=heading(column), marker_color=color,
                             orientation="h" if horizontal else "v"))
    fig.update_layout(barmode="stack" if stacked else "group", title={"text": title, "x": 0},
                      legend={"orientation": "h", "y": -0.15}, separators=i18n.plot_separators())
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    (fig.update_xaxes if horizontal else fig.update_yaxes)(tickformat=",")  # 1,000 on the value axis
    return fig


def figures(data: ReportData, template: str | None = "plotly_white") -> dict[str, go.Figure | None]:
    """One chart per section (None where a section has no chart), all built from `data` only, in the
    language in use, drawn with plotly's `template` (None: the default, e.g. the app's theme)."""
    t = data.tables
    counts = t["period"][t["period"]["Measure"] != measure_title("Closed business (EUR)")]
    growth = t["growth"].rename(columns={"Month": "month", "New": "new", "Total": "cumulative"})
    hygiene = t["hygiene"]["Check"].value_counts().rename_axis("Check").reset_index(name="Findings")
    figs = {
        "summary": charts.quadrant(data.diagnosis["width"], data.diagnosis["depth"],
                                   data.diagnosis["quadrant"]),
        "period": _bars(counts, "Measure", ["Previous", "Current"],
                        _("Last {days} days against the period before").format(
                            days=i18n.number(data.period_days)), horizontal=True)
        if counts[["Previous", "Current"]].to_numpy().any() else None,
        "tiers": _bars(t["tiers"], "Tier", ["At start", "Now"],
                       _("Contacts per tier, start of period and now"), horizontal=True),
        "growth": charts.growth_timeline(growth) if len(growth) else None,
        "groups": _bars(t["groups"], "Group", ["Cost (EUR)", "Closed business (EUR)"],
                        _("Cost against closed business per group ({currency})").format(
                            currency=i18n.currency()), horizontal=True)
        if len(t["groups"]) else None,
        "give_take": _bars(t["give_take"], "Group", ["Given", "Received"], _("Given and received per group"),
                            horizontal=True)
        if len(t["give_take"]) else None,
        "plan": _bars(t["plan"], "List", ["Done", "Open"], _("Plan items done and open"), stacked=True),
        # TRANSLATORS: a chart of the networking-hygiene findings, one bar per check.
        "hygiene": _bars(hygiene, "Check", ["Findings"], _("Findings per check")) if len(hygiene) else None,
        "next": None,
    }
    if template:  # the file
        return {key: None if fig is None else _sized(fig, template) for key, fig in figs.items()}
    for fig in figs.values():  # the app: Streamlit's theme
        if fig is not None:
            fig.update_layout(width=CHART_WIDTH, height=CHART_HEIGHT, autosize=False)
            # the one thing plotly_white draws that the app's theme does not: a hairline between bars
            fig.update_traces(marker_line={"color": "white", "width": 0.5}, selector={"type": "bar"})
    return figs


@cache
def _validated(template: str) -> dict:
    """A plotly template as a figure holds it once validated (built once per process and name)."""
    return go.Figure(layout={"template": template}).to_plotly_json()["layout"]["template"]


def _sized(fig: go.Figure, template: str = "plotly_white") -> go.Figure:
    """`fig` in `template` and the report's fixed size: the figure `update_layout(template=template,
    width=CHART_WIDTH, height=CHART_HEIGHT, autosize=False)` gives, key for key, without validating and
    deep-copying the whole template again for every chart (15 ms each)."""
    spec = fig.to_plotly_json()
    layout = {"template": copy.deepcopy(_validated(template)),
              **{k: v for k, v in spec["layout"].items() if k != "template"}}
    layout.update(width=CHART_WIDTH, height=CHART_HEIGHT, autosize=False)
    return go.Figure({"data": spec["data"], "layout": layout}, _validate=False)


def presentation_sections(data: ReportData, template: str | None = "plotly_white") -> list[dict]:
    """title, takeaway, figure (plotly Figure or None, drawn with `template`), table (DataFrame with the
    headers people read, or None) and steps (the next steps, in the last section) per section, in order, in
    the report's language: the HTML report's content for the app (which passes no template: its charts
    take Streamlit's theme)."""
    with i18n.use(data.language, data.currency):
        figs = figures(data, template)
        return [{"key": key, "title": _(title), "takeaway": data.takeaways[key], "figure": figs[key],
                 "table": shown(data.tables[SECTION_TABLES[key][0]]) if SECTION_TABLES[key] else None,
                 "steps": data.next_steps if key == "next" else []}
                for key, title in SECTIONS.items()]


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the headers people read in the language in use (`report_data.heading`).

    >>> with i18n.use("de"):
    ...     list(shown(pd.DataFrame(columns=["Cost (EUR)", "Group"])).columns)
    ['Kosten (EUR)', 'Gruppe']
    """
    return frame.rename(columns=heading)


def render_html(data: ReportData) -> str:
    """The whole report as one HTML file in the report's language: plotly.js inline once, nothing loaded
    from another host."""
    with i18n.use(data.language, data.currency):
        return _render(data)


def _render(data: ReportData) -> str:
    sections = []
    for section in presentation_sections(data):
        chart = ""
        if section["figure"] is not None:
            chart = Markup(section["figure"].to_html(
                full_html=False, include_plotlyjs=False, include_mathjax=False, config=PLOTLY_CONFIG,
                div_id=f"chart-{section['key']}", default_width=CHART_WIDTH, default_height=CHART_HEIGHT))
        tables = [html_table(data.tables[k], k) for k in SECTION_TABLES[section["key"]]]
        sections.append({**section, "chart": chart, "tables": tables})
    headline = [(k, headline_value(v)) for k, v in data.headline.items()]
    return _template().render(
        plotly_js=plotly_js(), data=data, sections=sections, headline=headline, lang=data.language,
        as_of=i18n.date(data.as_of), start=i18n.date(data.as_of - pd.Timedelta(days=data.period_days)),
        days=i18n.number(data.period_days), max_rows=MAX_ROWS)
