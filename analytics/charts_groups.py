"""Plotly figures for the Groups page (pure: frames in, figures out; no Streamlit).

The bubble chart puts `["group", group_id]` into each point's customdata; `selected_group` reads a
`st.plotly_chart(..., on_select="rerun")` event back to that group_id.

Example:
    >>> selected_group({"selection": {"points": [{"customdata": ["group", "g:bni"]}]}})
    'g:bni'
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts import GOOD, SERIES
from analytics.i18n import N_, _

LIGHT_COLORS = {"green": "#2e8b57", "amber": "#e0a030", "red": "#c8453b", "early": "#9a9a9a"}
#: Legend labels of the traffic lights and score components (shown with `_`).
LIGHT_LABELS = {"green": N_("pays off"), "amber": N_("promising"), "red": N_("not paying off"),
                "early": N_("early, not failing")}
COMPONENT_LABELS = {"return": N_("return on cost"), "referrals": N_("referrals received"),
                    "strong_ties": N_("strong ties"), "target_reach": N_("target reach"),
                    "one_to_ones": N_("one-to-ones"), "giving": N_("giving")}
_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "font": {"family": "sans-serif"},
           "plot_bgcolor": "white"}
#: At most this many month ticks on the payback chart's date axis.
MONTH_TICKS = 8


def _styled(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    """The groups charts' layout: `title` (already translated), the language's number separators."""
    fig.update_layout(title={"text": title, "x": 0}, height=height, separators=i18n.plot_separators(),
                      **_LAYOUT)
    return fig


def component_label(component: str) -> str:
    """A score component's name in the language in use ("return" -> "return on cost").

    >>> component_label("strong_ties"), component_label("other")
    ('strong ties', 'other')
    """
    word = COMPONENT_LABELS.get(str(component))
    return _(word) if word else str(component)


def month_ticks(days: pd.Series, most: int = MONTH_TICKS) -> tuple[list, list[str]]:
    """Tick positions and month names ("Oct 2021", "Okt. 2021") for a date axis: every k-th of `days`
    so that at most `most` ticks show.

    >>> month_ticks(pd.Series(pd.to_datetime(["2026-01-31", "2026-02-28", "2026-03-31"])), 2)[1]
    ['Jan 2026', 'Mar 2026']
    """
    step = max(1, -(-len(days) // most))
    picked = list(days.iloc[::step])
    return picked, [i18n.month(d) for d in picked]


def selected_group(event: Mapping | None) -> str | None:
    """group_id of the first selected bubble in a plotly selection event (or its "selection" part).

    >>> selected_group(None), selected_group({"points": [{"customdata": ["tier", "Close"]}]})
    (None, None)
    """
    selection = (event or {}).get("selection", event) or {}
    for point in selection.get("points", None) or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, list | tuple) and len(data) >= 2 and data[0] == "group" and data[1]:
            return str(data[1])
    return None


def short_name(name: str, limit: int = 26) -> str:
    """A bubble label: the name cut to `limit` characters.

    >>> short_name("Marketing Professionals Benelux (LinkedIn group)")
    'Marketing Professionals B…'
    """
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def label_positions(cost: pd.Series, x_max: float) -> pd.Series:
    """Where each bubble's label goes: right of bubbles near the left edge, left of those near the right
    edge, and alternately above and below in order of cost, so neighbours do not print over each other.

    >>> label_positions(pd.Series([0.0, 50.0, 100.0, 52.0]), 100.0).tolist()
    ['top right', 'bottom center', 'bottom left', 'top center']
    """
    order = cost.rank(method="first").astype(int)
    vertical = order.map(lambda r: "top" if r % 2 else "bottom")
    share = cost / x_max if x_max else cost * 0
    side = share.map(lambda f: "right" if f < 0.2 else "left" if f > 0.8 else "center")
    return vertical + " " + side


def cost_return_bubbles(scores: pd.DataFrame) -> go.Figure:
    """Cost (time included) against closed business received, one bubble per group: size = contacts,
    colour = traffic light, label = name. Bubbles above the dashed line returned more than they cost.

    >>> s = pd.DataFrame({"group_id": ["g:a"], "name": ["A"], "cost": [100.0], "closed_value": [300.0],
    ...                   "contacts": [4], "light": ["green"], "score": [70.0]})
    >>> [list(c) for c in cost_return_bubbles(s).data[1].customdata]
    [['group', 'g:a', 70.0, 4, 'A']]
    """
    fig = go.Figure()
    top = float(max(scores["cost"].max(), scores["closed_value"].max(), 1.0)) if len(scores) else 1.0
    fig.add_trace(go.Scatter(x=[0, top * 1.1], y=[0, top * 1.1], mode="lines", name=_("break-even"),
                             line={"dash": "dash", "color": "#999", "width": 1}, hoverinfo="skip"))
    largest = float(scores["contacts"].max()) if len(scores) else 1.0
    positions = label_positions(scores["cost"], top * 1.1)
    for light, color in LIGHT_COLORS.items():
        part = scores[scores["light"] == light]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["cost"], y=part["closed_value"], mode="markers+text", name=_(LIGHT_LABELS[light]),
            text=part["name"].map(lambda n: html.escape(short_name(n))),
            textposition=positions[part.index].tolist(),
            textfont={"size": 11},
            marker={"size": part["contacts"].clip(lower=1), "sizemode": "area", "sizemin": 6,
                    "sizeref": 2.0 * max(largest, 1.0) / 55 ** 2, "color": color, "opacity": 0.75,
                    "line": {"width": 1, "color": "white"}},
            customdata=[["group", g, float(s), int(c), n] for g, s, c, n in
                        zip(part["group_id"], part["score"], part["contacts"], part["name"].map(html.escape),
                            strict=True)],
            # TRANSLATORS: bubble hover; keep the %{...} parts and <br> as they are.
            hovertemplate="<b>%{customdata[4]}</b><br>" + _(
                "cost %{x:,.0f} · closed business %{y:,.0f}<br>score %{customdata[2]:.0f} · "
                "%{customdata[3]} contacts") + "<extra></extra>"))
    fig.update_xaxes(title=_("cost so far (fees + hours × hourly rate)"), range=[-0.04 * top, top * 1.12],
                     gridcolor="#eee", zeroline=False)
    fig.update_yaxes(title=_("closed business received"), range=[-0.15 * top, top * 1.12], gridcolor="#eee",
                     zeroline=False)
    fig.update_layout(legend={"orientation": "h", "y": -0.2}, clickmode="event+select")
    return _styled(fig, _("Cost against return (bubble size = contacts; click one to focus)"), 460)


def score_components(breakdown: pd.DataFrame) -> go.Figure:
    """Points per score component, one stacked horizontal bar per group (best on top).

    >>> b = pd.DataFrame({"group_id": ["g:a", "g:a"], "name": ["A", "A"], "component": ["return", "giving"],
    ...                   "points": [30.0, 5.0], "max_points": [45.0, 5.0]})
    >>> [t.name for t in score_components(b).data]
    ['return on cost', 'giving']
    """
    fig = go.Figure()
    breakdown = breakdown.assign(name=breakdown["name"].map(html.escape))
    groups = list(dict.fromkeys(breakdown["name"]))[::-1]
    for i, (component, part) in enumerate(breakdown.groupby("component", sort=False)):
        part = part.set_index("name").reindex(groups)
        fig.add_trace(go.Bar(y=groups, x=part["points"], orientation="h",
                             marker_color=SERIES[i % len(SERIES)],
                             name=component_label(component),
                             customdata=part["max_points"],
                             hovertemplate=_("%{y}: %{x:.1f} of %{customdata:.0f} points")
                             + "<extra></extra>"))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.15})
    fig.update_xaxes(title=_("score points (of 100)"), range=[0, 100], gridcolor="#eee")
    return _styled(fig, _("How each score is made"), 120 + 36 * len(groups))


def payback(curve: pd.DataFrame, month: int | None, name: str) -> go.Figure:
    """Cumulative cost against cumulative closed business month by month, the payback month marked.

    >>> c = pd.DataFrame({"month": [1, 2], "month_end": pd.to_datetime(["2026-02-01", "2026-03-01"]),
    ...                   "cumulative_cost": [100.0, 200.0], "cumulative_return": [0.0, 500.0],
    ...                   "paid_back": [False, True]})
    >>> len(payback(c, 2, "A").layout.annotations)
    1
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=curve["month_end"], y=curve["cumulative_cost"], name=_("cumulative cost"),
                             line={"color": SERIES[2]},
                             hovertemplate=_("%{x|%Y-%m}: cost %{y:,.0f}") + "<extra></extra>"))
    fig.add_trace(go.Scatter(x=curve["month_end"], y=curve["cumulative_return"], name=_("cumulative return"),
                             line={"color": GOOD, "shape": "hv"},
                             hovertemplate=_("%{x|%Y-%m}: return %{y:,.0f}") + "<extra></extra>"))
    if month is not None:
        row = curve.loc[curve["month"] == month].iloc[0]
        fig.add_trace(go.Scatter(x=[row["month_end"]], y=[row["cumulative_return"]], mode="markers",
                                 name=_("paid back"), marker={"size": 14, "color": GOOD, "symbol": "star"},
                                 hoverinfo="skip"))
        fig.add_annotation(x=row["month_end"], y=row["cumulative_return"],
                           text=_("paid back in month {month}").format(month=month), showarrow=True,
                           arrowhead=2, ay=-40)
    fig.update_yaxes(title=_("amount ({currency})").format(currency=i18n.currency_symbol()),
                     rangemode="tozero", gridcolor="#eee")
    if i18n.language() != i18n.DEFAULT:  # Plotly names months in English: the language's names instead
        values, texts = month_ticks(curve["month_end"])
        fig.update_xaxes(tickvals=values, ticktext=texts)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return _styled(fig, _("Payback: {name}").format(name=html.escape(name)), 340)


def give_take_bars(balance: pd.DataFrame) -> go.Figure:
    """Given against received per group (group_give_take); burnout-risk groups named in red.

    >>> g = pd.DataFrame({"name": ["A"], "given": [9], "received": [1], "burnout_risk": [True]})
    >>> int(give_take_bars(g).data[0].x[0])
    9
    """
    fig = go.Figure()
    labels = [html.escape(f"⚠ {n}" if risk else n)
              for n, risk in zip(balance["name"], balance["burnout_risk"], strict=True)]
    fig.add_trace(go.Bar(y=labels, x=balance["given"], name=_("you gave"), orientation="h",
                         marker_color="#1f6f5c", hovertemplate=_("%{y}: gave %{x}") + "<extra></extra>"))
    fig.add_trace(go.Bar(y=labels, x=balance["received"], name=_("you received"), orientation="h",
                         marker_color="#e0a458", hovertemplate=_("%{y}: received %{x}") + "<extra></extra>"))
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(title=_("referrals, introductions, purchases"), gridcolor="#eee")
    return _styled(fig, _("Give and take per group (⚠ = burnout risk)"), 140 + 40 * len(labels))
