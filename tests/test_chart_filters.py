"""Chart selections (hand-built plotly event dicts) filter the contact table."""

import pandas as pd
import pytest

from analytics.chart_filters import apply, chart_customdata, filter_by_selection, selection_filter

SCORES = pd.DataFrame({
    "contact_id": ["a", "b", "c", "d"],
    "name": ["Ann", "Bob", "Cy", "Di"],
    "company": ["Acme", "ACME ", "Beta", ""],
    "position": ["Sales Manager", "Avocat", "Geschäftsführer", "Student"],
    "connected_on": pd.to_datetime(["2023-05-02", "2023-05-30", "2023-06-01", None], utc=True),
    "tier": ["Close", "Active", "Close", "Never engaged"],
}, index=["a", "b", "c", "d"])


def event(*customdata) -> dict:
    return {"selection": {"points": [{"customdata": list(c), "x": c[1], "y": 1} for c in customdata],
                          "box": [], "lasso": [], "point_indices": list(range(len(customdata)))}}


@pytest.mark.parametrize(("selection", "expected_ids", "labels"), [
    (event(("tier", "Close")), ["a", "c"], ["Tier: Close"]),
    (event(("tier", "Close"), ("tier", "Active")), ["a", "b", "c"], ["Tier: Close, Active"]),
    (event(("company", "acme")), ["a", "b"], ["Company: acme"]),
    (event(("month", "2023-05")), ["a", "b"], ["Connected 2023-05"]),
    (event(("month", "2023-05"), ("tier", "Active")), ["b"], ["Connected 2023-05", "Tier: Active"]),
    (event(("function", "Legal")), ["b"], ["Function: Legal"]),
    (event(("seniority", "C-level")), ["c"], ["Seniority: C-level"]),
    (event(("tier", "Inner circle")), [], ["Tier: Inner circle"]),
])
def test_selection_filters_the_table(selection, expected_ids, labels):
    assert list(filter_by_selection(SCORES, selection).index) == expected_ids
    assert selection_filter(selection).describe() == labels


@pytest.mark.parametrize("selection", [
    None,
    {},
    {"selection": {"points": []}},
    event(("all", "")),
    {"selection": {"points": [{"label": "Acme", "x": 1}]}},
    {"selection": {"points": [{"customdata": "tier"}]}},
    {"points": [{"customdata": ["unknown", "x"]}]},
])
def test_nothing_usable_selected_keeps_every_row(selection):
    assert list(filter_by_selection(SCORES, selection).index) == ["a", "b", "c", "d"]
    assert not selection_filter(selection)
    assert selection_filter(selection).describe() == []


def test_bare_selection_part_and_duplicate_points_are_accepted():
    bare = {"points": [{"customdata": ["tier", "Active"]}, {"customdata": ("tier", "Active")}]}
    assert selection_filter(bare).values == {"tier": ("Active",)}
    assert list(filter_by_selection(SCORES, bare)["name"]) == ["Bob"]


def test_chart_customdata_round_trips_through_a_selection():
    points = [{"customdata": c} for c in chart_customdata("company", ["Beta"])]
    assert list(filter_by_selection(SCORES, {"selection": {"points": points}}).index) == ["c"]


def test_apply_combines_charts_and_labels_them():
    tiers = {"points": [{"customdata": ["tier", "Close"]}]}
    months = {"points": [{"customdata": ["month", "2023-06"]}, {"customdata": ["month", "2023-05"]}]}
    rows, labels = apply(SCORES, [tiers, None, months])
    assert list(rows.index) == ["a", "c"]
    assert labels == ["Tier: Close", "Connected 2023-06, 2023-05"]


def test_empty_company_and_precomputed_function_column():
    assert list(filter_by_selection(SCORES, event(("company", ""))).index) == ["d"]
    relabelled = SCORES.assign(function=["Legal", "Legal", "Sales", "Other"])
    assert list(filter_by_selection(relabelled, event(("function", "Legal"))).index) == ["a", "b"]
