"""Plotly figures for the Action plan page (pure: frames in, figures out; no Streamlit).

Example:
    >>> progress = pd.DataFrame({"metric": ["events"] * 2, "period": ["month"] * 2,
    ...     "period_start": pd.to_datetime(["2026-10-01", "2026-11-01"], utc=True),
    ...     "actual": [0, 2], "target": [1.0, 1.0], "met": [False, True]})
    >>> fig = goal_chart(progress)
    >>> [t.type for t in fig.data], [s.y0 for s in fig.layout.shapes]
    (['bar'], [1.0])
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton
from plotly.subplots import make_subplots

from analytics import i18n
from analytics.charts import BAD, GOOD
from analytics.i18n import N_, _

MET_COLORS = {True: GOOD, False: BAD}
TARGET_COLOR = "#333333"
#: Goal metrics (actions.GOAL_METRICS) and periods as a person says them; shown with `_`.
GOAL_WORDS = {"one_to_ones": N_("one to ones"), "referrals_given": N_("referrals given"),
              "reconnects": N_("reconnects"), "meetings": N_("meetings"), "events": N_("events")}
PERIOD_WORDS = {"week": N_("week"), "month": N_("month")}
#: A goal's title per period, a whole phrase for the translators ("{metric}" is a GOAL_WORDS label).
GOAL_TITLES = {"week": N_("{metric} per week"), "month": N_("{metric} per month")}


def goal_word(code: str) -> str:
    """A goal metric or period code as words in the language in use (unknown codes: spaced out).

    >>> goal_word("one_to_ones"), goal_word("month")
    ('one to ones', 'month')
    """
    word = GOAL_WORDS.get(code) or PERIOD_WORDS.get(code)
    return _(word) if word else str(code).replace("_", " ")


def goal_title(metric: str, period: str) -> str:
    """A goal's label: "one to ones per week".

    >>> goal_title("referrals_given", "month")
    'referrals given per month'
    """
    template = GOAL_TITLES.get(period)
    if template is None:
        return f"{goal_word(metric)} / {goal_word(period)}"
    return _(template).format(metric=goal_word(metric))


def period_label(start: pd.Timestamp, period: str) -> str:
    """A bar's label: the week's first day ("05 Oct") or the month ("Oct 2026"), in the language in use.

    >>> period_label(pd.Timestamp("2026-10-05", tz="UTC"), "week")
    '05 Oct'
    >>> with i18n.use("de"):
    ...     period_label(pd.Timestamp("2026-10-05", tz="UTC"), "month")
    'Okt. 2026'
    """
    if period != "week":
        return i18n.month(start)
    if i18n.language() == i18n.DEFAULT:
        return f"{start:%d %b}"
    return format_skeleton("MMMd", start.date(), locale=i18n.locale_name())


def goal_chart(progress: pd.DataFrame) -> go.Figure:
    """One panel per goal: bars of the actual count per period, labelled (green = target met, red =
    not) and a dashed line at the target. `progress` is `actions.goal_progress(...)`."""
    goals = progress[["metric", "period"]].drop_duplicates().itertuples(index=False)
    titles = [goal_title(g.metric, g.period) for g in goals]
    fig = make_subplots(rows=max(len(titles), 1), cols=1, subplot_titles=titles or [_("No goals yet")],
                        vertical_spacing=0.14 if len(titles) > 1 else 0.0)
    panels = progress.groupby(["metric", "period"], sort=False)
    for row, ((_metric, period), part) in enumerate(panels, start=1):
        labels = [period_label(d, period) for d in pd.to_datetime(part["period_start"], utc=True)]
        fig.add_trace(go.Bar(x=labels, y=part["actual"], name=_("actual"), text=part["actual"],
                             textposition="outside", cliponaxis=False,
                             marker_color=[MET_COLORS[bool(m)] for m in part["met"]],
                             # TRANSLATORS: hover on a goal bar: %{x} is the week or month, %{y} a count.
                             hovertemplate=_("%{x}: %{y} done") + "<extra></extra>", showlegend=False),
                      row=row, col=1)
        target = float(part["target"].iloc[-1])
        fig.add_hline(y=target, row=row, col=1, line={"color": TARGET_COLOR, "dash": "dash", "width": 1.5},
                      annotation_text=_("target {target}").format(
                          target=i18n.number(target, 0 if target.is_integer() else 1)),
                      annotation_position="right")
        top = max(float(part["actual"].max()), target)
        fig.update_yaxes(range=[0, top * 1.25 + 0.5], dtick=max(1, math.ceil(top / 4)), row=row, col=1)
    fig.update_layout(height=max(260, 230 * len(titles)), margin={"l": 10, "r": 70, "t": 40, "b": 10},
                      plot_bgcolor="white", font={"family": "sans-serif"}, bargap=0.3,
                      separators=i18n.plot_separators())
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig
