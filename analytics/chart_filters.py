"""Turn a plotly chart selection into a filter on the contact table (pure; no Streamlit).

Customdata convention for every chart that filters contacts: each point carries
`customdata = [dimension, value]`, where dimension is one of `DIMENSIONS`:

- "tier": a tier name from `analytics.depth.TIER_ORDER` (tier bar chart)
- "company": a company name as shown (company treemap; every spelling of it matches, `company_key`)
- "month": "YYYY-MM" of connected_on (growth chart)
- "function" / "seniority": a class from `analytics.breadth.classify_positions`

Points with another dimension (e.g. a treemap's root, `["all", ""]`) or without customdata are ignored.
Build it with `chart_customdata`. Several points of one dimension are OR-ed; dimensions are AND-ed
(also across charts, see `apply`). A company of "" selects contacts without a company. Function and
seniority use the frame's own columns when present, else `classify_positions(position)`.

Example:
    >>> event = {"selection": {"points": [{"customdata": ["tier", "Close"], "x": "Close", "y": 9}]}}
    >>> selection_filter(event).describe()
    ['Tier: Close']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from analytics.breadth import classify_positions
from analytics.companies import company_key
from analytics.i18n import N_, _

#: Filterable dimensions and how each is labelled ("Tier: Close", "Connected 2023-05"), `{values}` the
#: values selected.
DIMENSIONS: dict[str, str] = {"tier": N_("Tier: {values}"), "company": N_("Company: {values}"),
                              "month": N_("Connected {values}"), "function": N_("Function: {values}"),
                              "seniority": N_("Seniority: {values}")}
#: Dimensions whose values are the app's own words (shown translated); companies and months are not.
_WORDS = {"tier", "function", "seniority"}


def chart_customdata(dimension: str, values: Iterable) -> list[list[str]]:
    """Customdata for a chart whose points are `values` of `dimension`.

    >>> chart_customdata("tier", ["Close", "Active"])
    [['tier', 'Close'], ['tier', 'Active']]
    """
    return [[dimension, str(v)] for v in values]


@dataclass(frozen=True)
class SelectionFilter:
    """Selected values per dimension; empty means "no filter"."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.values.values())

    def describe(self) -> list[str]:
        """One label per dimension in the language in use, e.g. ["Tier: Close", "Company: Acme, Beta",
        "Connected 2023-05"]."""
        return [_(DIMENSIONS[d]).format(values=", ".join(_(x) if d in _WORDS and x else x for x in v))
                for d, v in self.values.items() if v]

    def apply(self, scores: pd.DataFrame) -> pd.DataFrame:
        """Rows of `scores` (a `score_contacts` frame) matching every selected dimension."""
        keep = pd.Series(True, index=scores.index)
        classes = None
        for dimension, values in self.values.items():
            if dimension == "tier":
                column = scores["tier"].astype(str)
            elif dimension == "company":
                column, values = company_key(scores["company"]), tuple(company_key(pd.Series(values)))
            elif dimension == "month":
                column = pd.to_datetime(scores["connected_on"], utc=True).dt.strftime("%Y-%m")
            elif dimension in scores:
                column = scores[dimension]
            else:
                if classes is None:
                    classes = classify_positions(scores["position"])
                column = classes[dimension]
            keep &= column.isin(values).to_numpy()
        return scores[keep]


def selection_filter(event: Mapping | None) -> SelectionFilter:
    """Read a `st.plotly_chart(..., on_select="rerun")` event (or its "selection" part, or None).

    >>> selection_filter({"selection": {"points": [{"customdata": ["month", "2023-05"]},
    ...     {"customdata": ["all", ""]}, {"label": "no customdata"}]}}).values
    {'month': ('2023-05',)}
    """
    selection = (event or {}).get("selection", event) or {}
    picked: dict[str, list[str]] = {}
    for point in selection.get("points", None) or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, list | tuple) and len(data) >= 2 and data[0] in DIMENSIONS:
            values = picked.setdefault(str(data[0]), [])
            if str(data[1]) not in values:
                values.append(str(data[1]))
    return SelectionFilter({d: tuple(v) for d, v in picked.items()})


def combine(filters: Iterable[SelectionFilter]) -> SelectionFilter:
    """One filter from several charts' filters (values of a dimension are merged, in order).

    >>> combine([SelectionFilter({"tier": ("Close",)}), SelectionFilter({"tier": ("Active",)})]).values
    {'tier': ('Close', 'Active')}
    """
    merged: dict[str, tuple[str, ...]] = {}
    for f in filters:
        for dimension, values in f.values.items():
            merged[dimension] = tuple(dict.fromkeys(merged.get(dimension, ()) + values))
    return SelectionFilter(merged)


def apply(scores: pd.DataFrame, selections: Iterable[Mapping | None]) -> tuple[pd.DataFrame, list[str]]:
    """Filter `scores` by the selections of several charts at once; returns (rows, labels).

    >>> scores = pd.DataFrame({"tier": ["Close", "Active"], "company": ["Acme", "Beta"]})
    >>> rows, labels = apply(scores, [None, {"points": [{"customdata": ["tier", "Active"]}]}])
    >>> rows["company"].tolist(), labels
    (['Beta'], ['Tier: Active'])
    """
    selected = combine(selection_filter(s) for s in selections)
    return selected.apply(scores), selected.describe()


def filter_by_selection(scores: pd.DataFrame, selection: Mapping | None) -> pd.DataFrame:
    """The contact rows a chart selection points at; all rows when nothing usable is selected.

    >>> scores = pd.DataFrame({"tier": ["Close", "Active"], "company": ["Acme", "Beta"]})
    >>> event = {"selection": {"points": [{"customdata": ["company", " acme"]}]}}
    >>> filter_by_selection(scores, event)["company"].tolist()
    ['Acme']
    """
    return selection_filter(selection).apply(scores)
