"""Plotly figures for the app's pages (pure: frames in, figures out; no Streamlit).

Selectable charts put `[dimension, value]` into each point's customdata, the convention
`analytics.chart_filters` reads back to filter the contact table.

Example:
    >>> tier_pyramid({"Inner circle": 2, "Close": 5}).data[0].orientation
    'h'
"""

from __future__ import annotations

import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics import weights as W
from analytics.breadth import FUNCTIONS
from analytics.companies import company_key, company_names
from analytics.i18n import N_, _

#: The one palette: green for good results, red only for bad ones, the rest neutral (charts_groups,
#: charts_actions and the report draw with these too).
GOOD, BAD, WARN, MUTED = "#2e8b57", "#c8453b", "#e0a030", "#9a9a9a"
#: Colours for series that are neither good nor bad (components, categories): no red among them.
SERIES = ("#1f6f5c", "#4c78a8", "#e0a458", "#72b7b2", "#9d755d", "#b279a2", "#54a24b", "#bab0ac")
#: Keyed by the tier's code, which is also its English name (marked here for the catalogue: pages show
#: a tier as `_(tier)`).
TIER_COLORS = {N_("Inner circle"): "#0b5d4b", N_("Close"): "#1f8a70", N_("Active"): "#62b58f",
               N_("Network"): "#a8d5ba", N_("Acquaintance"): "#d9e4dd", N_("Dormant"): "#e0a458",
               N_("Never engaged"): "#c9c9c9"}
#: The diagnosis' quadrants (codes from `diagnosis`) as the Overview and the quadrant chart name them.
QUADRANTS = {"narrow-shallow": N_("narrow · shallow"), "wide-shallow": N_("wide · shallow"),
             "narrow-deep": N_("narrow · deep"), "wide-deep": N_("wide · deep")}
OTHER = N_("other companies")
#: The function of titles no rule classifies: the treemap's catch-all.
OTHER_FUNCTION = FUNCTIONS[-1]
_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "height": 340,
           "font": {"family": "sans-serif"}, "plot_bgcolor": "white"}


def nice_step(top: float, ticks: int = 4) -> float:
    """The round tick step for counts (1, 2 or 5 times a power of ten, at least 1) that covers `top`
    in at most `ticks` steps.

    >>> nice_step(500), nice_step(1579), nice_step(3), nice_step(0), nice_step(10)
    (200.0, 500.0, 1.0, 1.0, 5.0)
    """
    raw = max(float(top) / ticks, 1.0)
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-9)


def shared_ticks(left: float, right: float, ticks: int = 4) -> tuple[dict, dict]:
    """Axis settings for two y axes over the same plot: round steps on both and the same number of
    steps, so the gridlines of one fall on the ticks of the other.

    >>> [(axis["range"], axis["dtick"]) for axis in shared_ticks(40, 1579)]
    [([0, 40.0], 10.0), ([0, 2000.0], 500.0)]
    """
    steps = [nice_step(top, ticks) for top in (left, right)]
    count = max(math.ceil(max(float(top), 1.0) / step - 1e-9) for top, step in zip((left, right), steps,
                                                                                   strict=True))
    left_axis, right_axis = ({"range": [0, step * count], "dtick": step, "tick0": 0, "tickformat": ",d"}
                             for step in steps)
    return left_axis, right_axis


def _styled(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0}, separators=i18n.plot_separators(), **_LAYOUT)
    return fig


def quadrant_name(code: str, fit: int = 0) -> str:
    """A diagnosis quadrant in words in the language in use; a name longer than `fit` characters (when
    given) on two lines, for the chart's quadrant of about that width.

    >>> quadrant_name("wide-shallow"), quadrant_name("narrow-shallow", fit=16)
    ('wide · shallow', 'narrow · shallow')
    >>> with i18n.use("de"):
    ...     quadrant_name("narrow-shallow", fit=16)
    'schmal<br>oberflächlich'
    """
    name = _(QUADRANTS[code]) if code in QUADRANTS else code.replace("-", " · ")
    return name.replace(" · ", "<br>") if fit and len(name) > fit else name


def quadrant(width: float, depth: float, label: str) -> go.Figure:
    """Breadth (x) against depth (y), the four quadrants shaded, the network as one point.

    >>> [list(p) for p in quadrant(0.8, 0.1, "wide-shallow").data[0].customdata]
    [[0.8, 0.1]]
    """
    fig = go.Figure()
    names = (("narrow-shallow", 0, 0), ("wide-shallow", 1, 0), ("narrow-deep", 0, 1), ("wide-deep", 1, 1))
    x, y = min(max(width, 0.04), 0.96), min(max(depth, 0.06), 0.94)
    for name, right, top in names:
        x0, x1 = (W.WIDE_AT, 1) if right else (0, W.WIDE_AT)
        y0, y1 = (W.DEEP_AT, 1) if top else (0, W.DEEP_AT)
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line_width=0, layer="below",
                      fillcolor="#e8f3ee" if name == label else "#f6f6f6")
        # each name sits at the quadrant's edge away from the point, so the two never print over each other
        low = y < (y0 + y1) / 2
        fig.add_annotation(x=(x0 + x1) / 2, y=y1 - 0.02 if low else y0 + 0.02,
                           text=quadrant_name(name, fit=16), showarrow=False,
                           yanchor="top" if low else "bottom",
                           font={"color": "#666", "size": 12})
    fig.add_trace(go.Scatter(x=[x], y=[y], mode="markers", customdata=[[width, depth]],
                             marker={"size": 22, "color": "#1f6f5c"},
                             hovertemplate=_("breadth %{customdata[0]:.2f} · depth %{customdata[1]:.2f}")
                             + "<extra></extra>"))
    fig.add_annotation(x=x, y=y, text=_("your network"), showarrow=False,
                       font={"size": 13, "color": "#1f6f5c"},
                       xanchor="right" if x > 0.5 else "left", xshift=-16 if x > 0.5 else 16)
    fig.update_xaxes(range=[0, 1], title=_("breadth (size, diversity)"), showgrid=False, zeroline=False)
    fig.update_yaxes(range=[0, 1], title=_("depth (two-way relationships)"), showgrid=False, zeroline=False)
    return _styled(fig, _("Wide or deep?"))


def tier_pyramid(counts: dict[str, int]) -> go.Figure:
    """Contacts per tier as a horizontal bar pyramid, strongest on top (selectable by tier)."""
    tiers = list(counts)[::-1]
    values = [counts[t] for t in tiers]
    fig = go.Figure(go.Bar(y=[_(t) for t in tiers], x=values, orientation="h",
                           text=[i18n.number(v) for v in values],
                           textposition="outside", cliponaxis=False,
                           marker_color=[TIER_COLORS.get(t, "#999") for t in tiers],
                           customdata=[["tier", t] for t in tiers],
                           hovertemplate=_("%{y}: %{x:,} contacts") + "<extra></extra>"))
    fig.update_xaxes(title=_("contacts"), tickformat=",d", range=[0, max(values, default=0) * 1.15 + 1])
    return _styled(fig, _("Relationship tiers (Dunbar layers)"))


#: Tick steps in months for a long monthly axis outside English, and how many ticks it may carry.
_MONTH_STEPS, _LONG_TICKS = (2, 3, 6, 12, 24, 60, 120), 6


def _named_months(first: pd.Period, last: pd.Period, few: int) -> dict:
    """Tick values and labels for months `first` to `last` in the language in use: every month up to
    `few` of them, else at most `_LONG_TICKS` ticks on round steps (every 3 or 6 months, named; every year
    or more, the year alone, as plotly does)."""
    span = last.ordinal - first.ordinal + 1
    if span <= few:
        ticks = list(pd.period_range(first, last, freq="M"))
    else:
        step = next((s for s in _MONTH_STEPS if span / s <= _LONG_TICKS), _MONTH_STEPS[-1])
        ticks = [t for t in pd.period_range(first, last, freq="M") if (t.year * 12 + t.month - 1) % step == 0]
        if step >= 12:
            return {"tickvals": [f"{t:%Y-%m}" for t in ticks], "ticktext": [str(t.year) for t in ticks]}
    return {"tickvals": [f"{t:%Y-%m}" for t in ticks], "ticktext": [i18n.month(t.start_time) for t in ticks]}


def month_axis(months: pd.Series, few: int = 12) -> dict:
    """x-axis settings for a monthly series ("YYYY-MM"): up to `few` months get one "Mar 2024" tick
    each, padded half a month either side (a single month otherwise reads as clock times); more are left
    to plotly's own date ticks in English. Plotly names months in English only, so other languages get
    tick labels of their own (`_named_months`: their month names through `i18n.month`).

    >>> month_axis(pd.Series(["2021-10"]))["dtick"], month_axis(pd.Series(["2021-10"]))["range"]
    ('M1', ['2021-09-16', '2021-10-16'])
    >>> month_axis(pd.Series([f"20{y:02d}-01" for y in range(13)]))
    {}
    >>> with i18n.use("de"):
    ...     month_axis(pd.Series(["2022-02", "2022-03"]))["ticktext"]
    ['Feb. 2022', 'März 2022']
    """
    if len(months) == 0:
        return {}
    first, last = pd.Period(min(months), "M"), pd.Period(max(months), "M")
    if i18n.language() != i18n.DEFAULT:
        named = _named_months(first, last, few)
    elif len(months) > few:
        return {}
    else:
        named = {"dtick": "M1", "tickformat": "%b %Y"}
    if len(months) > few:
        return named
    middle = pd.Timedelta(days=15)
    return {**named, "range": [f"{first.start_time - middle:%Y-%m-%d}",
                               f"{last.start_time + middle:%Y-%m-%d}"]}


def growth_timeline(growth: pd.DataFrame) -> go.Figure:
    """New connections per month (bars, selectable by month) and the running total (line)."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=growth["month"], y=growth["new"], name=_("new connections"),
                         marker_color="#62b58f", customdata=[["month", m] for m in growth["month"]],
                         hovertemplate=_("%{x}: %{y} new") + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=growth["month"], y=growth["cumulative"], name=_("total"), yaxis="y2",
                             line={"color": "#0b5d4b"},
                             hovertemplate=_("%{x}: %{y} in total") + "<extra></extra>"))
    left, right = shared_ticks(growth["new"].max() if len(growth) else 0,
                               growth["cumulative"].max() if len(growth) else 0)
    fig.update_layout(yaxis=left, yaxis2={**right, "overlaying": "y", "side": "right", "showgrid": False},
                      xaxis=month_axis(growth["month"]), legend={"orientation": "h", "y": -0.2})
    return _styled(fig, _("Growth: new connections per month"))


def _tile_label(name: str, width: int = 18, slash: bool = False) -> str:
    """A name as a tile label: escaped (plotly renders <a>, <b>, <span> in labels) and wrapped at
    `width` characters (with `slash`, after a slash too: the app's own function names), so a long name
    fits a narrow tile.

    >>> _tile_label("Deutsch-Niederländische Wirtschaftskammer <b>")
    'Deutsch-Niederländische<br>Wirtschaftskammer<br>&lt;b&gt;'
    >>> _tile_label("Geschäftsführung/Inhaber", 14, slash=True), _tile_label("Technik/IT", 14, slash=True)
    ('Geschäftsführung/<br>Inhaber', 'Technik/IT')
    """
    if slash and len(name) > width:
        name = name.replace("/", "/ ")
    lines = textwrap.wrap(name, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(html.escape(line) for line in lines)


def treemap_tiles(contacts: pd.DataFrame, top: int = 15, min_share: float = W.TREEMAP_MIN_SHARE
                  ) -> pd.DataFrame:
    """The treemap's leaves: function, company key, company name and contacts (n). One company is one
    tile however it is spelt (`companies.company_key`, shown under its most frequent spelling); only the
    `top` largest companies get a tile of their own, and only where it holds `min_share` of all contacts;
    the rest of a function is one `OTHER` tile, and functions under `min_share` join the catch-all
    function `OTHER_FUNCTION` (drawn last), so every tile is large enough to carry its name.

    >>> c = pd.DataFrame({"company": ["Acme Inc.", "ACME", "Beta", "Gamma", "Delta"] + ["Acme"] * 5,
    ...                   "function": ["Sales"] * 4 + ["Legal"] + ["Sales"] * 5})
    >>> treemap_tiles(c, min_share=0.15).values.tolist()
    [['Sales', 'acme', 'Acme', 7], ['Sales', 'other companies', 'other companies', 2], \
['Other', 'other companies', 'other companies', 1]]
    """
    total = max(len(contacts), 1)
    frame = pd.DataFrame({"function": contacts["function"].to_numpy(object),
                          "key": company_key(contacts["company"]).to_numpy(object),
                          "company": company_names(contacts["company"]).to_numpy(object)})
    small = frame["function"].map(frame["function"].value_counts()) < min_share * total
    frame.loc[small.to_numpy(), "function"] = OTHER_FUNCTION
    big = frame["key"].value_counts().head(top).index
    tiles = frame.groupby(["function", "key", "company"], sort=False).size().reset_index(name="n")
    tiles.loc[~(tiles["key"].isin(big) & (tiles["n"] >= min_share * total)), ["key", "company"]] = OTHER
    tiles = tiles.groupby(["function", "key", "company"], sort=False)["n"].sum().reset_index()
    order = tiles["function"].map(tiles.groupby("function")["n"].sum()).where(
        tiles["function"] != OTHER_FUNCTION, -1)
    return tiles.assign(order=order, last=tiles["key"] == OTHER).sort_values(
        ["order", "function", "last", "n"], ascending=[False, True, True, False], kind="stable").drop(
        columns=["order", "last"]).reset_index(drop=True)


def company_treemap(contacts: pd.DataFrame, top: int = 15) -> go.Figure:
    """Contacts by function, then company (`treemap_tiles`: every tile large enough for its name).

    >>> c = pd.DataFrame({"company": ["Acme"] * 18 + ["Beta", "Gamma", "Delta"],
    ...                   "function": ["Sales"] * 19 + ["HR"] * 2})
    >>> list(company_treemap(c).data[0].labels)  # HR: two small companies, one tile
    ['Sales', 'HR', 'Acme', 'other<br>companies']
    """
    sizes = treemap_tiles(contacts, top)
    functions = sizes.groupby("function", sort=False)["n"].sum()
    # a function holding nothing but "other companies" is one tile: its name, not a box in a box
    sizes = sizes[(sizes["key"] != OTHER) | (sizes["function"].map(sizes["function"].value_counts()) > 1)]
    companies = [_tile_label(_(OTHER), 10) if k == OTHER else _tile_label(c) if c else _("(no company)")
                 for k, c in zip(sizes["key"], sizes["company"], strict=True)]
    # a function's tile is as narrow as a sixth of the chart: "Executive/Owner" breaks after its slash
    labels = [*(_tile_label(_(f), 10, slash=True) if f else f for f in functions.index), *companies]
    ids = [*functions.index, *(sizes["function"] + "/" + sizes["key"])]
    parents = ["" for _ in functions.index] + list(sizes["function"])
    # "Other" holding small functions too filters nothing: its contacts have several functions
    joined = bool(set(contacts["function"]) - set(functions.index))
    custom = [["all", ""] if joined and f == OTHER_FUNCTION else ["function", f] for f in functions.index] + [
        ["all", ""] if k == OTHER else ["company", c] for k, c in zip(sizes["key"], sizes["company"],
                                                                      strict=True)]
    fig = go.Figure(go.Treemap(ids=ids, labels=labels, parents=parents,
                               values=[*functions.to_list(), *sizes["n"]], branchvalues="total",
                               customdata=custom, texttemplate="%{label}<br>%{value:,}",
                               textfont={"size": 15},
                               hovertemplate=_("%{label}: %{value:,} contacts") + "<extra></extra>"))
    # no label too small to read; no red (kept for bad results)
    fig.update_layout(uniformtext={"minsize": 12, "mode": "hide"}, treemapcolorway=list(SERIES))
    return _styled(fig, _("Who is in it: functions and companies"))


#: What the engagement chart says when there is nothing to draw.
NO_ENGAGEMENT = N_("No messages, endorsements or recommendations with your contacts yet:<br>this chart fills "
                 "as you exchange with them.")


def engagement(monthly: pd.DataFrame) -> go.Figure:
    """Exchanges with contacts per month (`facts.engagement_by_month`), sent against received (stacked
    areas) on whole-number ticks; exchanges with people who are not contacts, when there are any, as a
    dashed line of their own that the legend names (never in the areas); with nothing to draw, a
    sentence saying so instead of empty axes.

    >>> none = pd.DataFrame({"month": [], "out": [], "in": [], "other": []})
    >>> engagement(none).layout.annotations[0].text[:24]
    'No messages, endorsement'
    >>> busy = pd.DataFrame({"month": ["2026-01", "2026-02"], "out": [1, 2], "in": [0, 1], "other": [3, 0]})
    >>> [trace.name for trace in engagement(busy).data], engagement(busy).layout.yaxis.dtick
    (['you sent / gave', 'you received', 'with people outside your contacts'], 1.0)
    """
    fig = go.Figure()
    for column, name, color in (("out", _("you sent / gave"), "#1f6f5c"),
                                ("in", _("you received"), "#e0a458")):
        fig.add_trace(go.Scatter(x=monthly["month"], y=monthly[column], name=name, stackgroup="one",
                                 line={"color": color}, hovertemplate="%{x}: %{y}<extra></extra>"))
    if monthly["other"].sum() > 0:
        fig.add_trace(go.Scatter(x=monthly["month"], y=monthly["other"], mode="lines",
                                 name=_("with people outside your contacts"),
                                 line={"color": MUTED, "dash": "dot", "width": 1.5},
                                 legendrank=999,  # after the areas (whose legend plotly lists reversed)
                                 hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    top = float(max((monthly["out"] + monthly["in"]).max(), monthly["other"].max())) if len(monthly) else 0.0
    if not top > 0:
        fig.add_annotation(text=_(NO_ENGAGEMENT), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                           font={"size": 14, "color": "#55645d"})
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        fig.update_layout(showlegend=False)
    else:
        fig.update_yaxes(rangemode="tozero", dtick=nice_step(top), tick0=0, tickformat=",d")
        fig.update_xaxes(**month_axis(monthly["month"]))
    return _styled(fig, _("Exchanges with your contacts per month"))
