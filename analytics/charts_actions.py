"""Plotly figures for the Action plan page (pure: frames in, figures out; no Streamlit).

Example:
    >>> progress = pd.DataFrame({"metric": ["events"] * 2, "period": ["month"] * 2,
    ...     "period_start": pd.to_datetime(["2026-10-01", "2026-11-01"], utc=True),
    ...     "actual": [0, 2], "target": [1.0, 1.0], "met": [False, True]})
    >>> [t.type for t in goal_chart(progress).data]
    ['bar', 'scatter']
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

MET_COLORS = {True: "#2e8b57", False: "#c8453b"}
TARGET_COLOR = "#333333"


def goal_title(metric: str, period: str) -> str:
    """A goal's label: "one to ones per week".

    >>> goal_title("referrals_given", "month")
    'referrals given per month'
    """
    return f"{metric.replace('_', ' ')} per {period}"


def goal_chart(progress: pd.DataFrame) -> go.Figure:
    """One panel per goal: bars of the actual count per period (green = target met, red = not) and a
    dashed line at the target. `progress` is `actions.goal_progress(...)`."""
    goals = progress[["metric", "period"]].drop_duplicates().itertuples(index=False)
    titles = [goal_title(g.metric, g.period) for g in goals]
    fig = make_subplots(rows=max(len(titles), 1), cols=1, subplot_titles=titles or ["No goals yet"],
                        vertical_spacing=0.12 if len(titles) > 1 else 0.0)
    for row, ((_, period), part) in enumerate(progress.groupby(["metric", "period"], sort=False),
                                                   start=1):
        fmt = "%d %b" if period == "week" else "%b %Y"
        labels = pd.to_datetime(part["period_start"], utc=True).dt.strftime(fmt).tolist()
        fig.add_trace(go.Bar(x=labels, y=part["actual"], name="actual",
                             marker_color=[MET_COLORS[bool(m)] for m in part["met"]],
                             hovertemplate="%{x}: %{y} done<extra></extra>", showlegend=False),
                      row=row, col=1)
        fig.add_trace(go.Scatter(x=labels, y=part["target"], mode="lines", name="target",
                                 line={"color": TARGET_COLOR, "dash": "dash", "shape": "hvh"},
                                 hovertemplate="target %{y}<extra></extra>", showlegend=False),
                      row=row, col=1)
    fig.update_layout(height=max(260, 230 * len(titles)), margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      plot_bgcolor="white", font={"family": "sans-serif"}, bargap=0.3)
    fig.update_yaxes(rangemode="tozero", gridcolor="#eeeeee", tickformat="d")
    return fig
