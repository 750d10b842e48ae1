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
from plotly.subplots import make_subplots

from analytics.charts import BAD, GOOD

MET_COLORS = {True: GOOD, False: BAD}
TARGET_COLOR = "#333333"


def goal_title(metric: str, period: str) -> str:
    """A goal's label: "one to ones per week".

    >>> goal_title("referrals_given", "month")
    'referrals given per month'
    """
    return f"{metric.replace('_', ' ')} per {period}"


def goal_chart(progress: pd.DataFrame) -> go.Figure:
    """One panel per goal: bars of the actual count per period, labelled (green = target met, red =
    not) and a dashed line at the target. `progress` is `actions.goal_progress(...)`."""
    goals = progress[["metric", "period"]].drop_duplicates().itertuples(index=False)
    titles = [goal_title(g.metric, g.period) for g in goals]
    fig = make_subplots(rows=max(len(titles), 1), cols=1, subplot_titles=titles or ["No goals yet"],
                        vertical_spacing=0.14 if len(titles) > 1 else 0.0)
    for row, ((_, period), part) in enumerate(progress.groupby(["metric", "period"], sort=False), start=1):
        fmt = "%d %b" if period == "week" else "%b %Y"
        labels = pd.to_datetime(part["period_start"], utc=True).dt.strftime(fmt).tolist()
        fig.add_trace(go.Bar(x=labels, y=part["actual"], name="actual", text=part["actual"],
                             textposition="outside", cliponaxis=False,
                             marker_color=[MET_COLORS[bool(m)] for m in part["met"]],
                             hovertemplate="%{x}: %{y} done<extra></extra>", showlegend=False),
                      row=row, col=1)
        target = float(part["target"].iloc[-1])
        fig.add_hline(y=target, row=row, col=1, line={"color": TARGET_COLOR, "dash": "dash", "width": 1.5},
                      annotation_text=f"target {target:g}", annotation_position="right")
        top = max(float(part["actual"].max()), target)
        fig.update_yaxes(range=[0, top * 1.25 + 0.5], dtick=max(1, math.ceil(top / 4)), row=row, col=1)
    fig.update_layout(height=max(260, 230 * len(titles)), margin={"l": 10, "r": 70, "t": 40, "b": 10},
                      plot_bgcolor="white", font={"family": "sans-serif"}, bargap=0.3)
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig
