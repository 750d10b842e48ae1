"""Groups page: ranking by verdict, bubble selection focuses the page, early groups, page helpers."""

import pandas as pd
import pytest

from analytics import charts_groups, exchanges, groups
from analytics.analysis import analyse
from tests.pages.apptest import open_page, sample_store
from ui import widgets

AS_OF = pd.Timestamp("2026-11-15", tz="UTC")


def sample_scores() -> pd.DataFrame:
    net = sample_store().load()
    return analyse(net, AS_OF).groups


def test_ranking_shows_the_sample_groups_by_verdict() -> None:
    at = open_page("groups")
    assert not at.exception, [e.value for e in at.exception]
    expected = sample_scores()
    ranking = at.dataframe[0].value
    assert ranking["name"].tolist() == expected["name"].tolist()
    assert ranking["light"].iloc[0] == "🟢 pays off"
    paid = (ranking["closed_value"] >= ranking["cost"]).tolist()
    assert (ranking["light"] == "🟢 pays off").tolist() == paid
    top = expected["name"].iloc[0]
    assert any(f"{top} pays off" in m.value for m in at.markdown)


def test_clicking_a_bubble_focuses_the_page_on_that_group() -> None:
    at = open_page("groups")
    expected = sample_scores()
    second = expected.iloc[1]
    at.session_state["groups_bubbles"] = {"selection": {"points": [
        {"customdata": ["group", second["group_id"], second["score"], second["contacts"]]}],
        "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    ranking = at.dataframe[0].value
    assert ranking["name"].tolist() == [second["name"]]
    assert any(s.value.startswith(f"Members — {second['name']}") for s in at.subheader)


def test_a_young_group_is_early_not_failing() -> None:
    at = open_page("groups")
    young = sample_scores().query("early").iloc[0]
    at.selectbox(key="groups_focus").select(young["group_id"]).run()
    assert any("early, not failing" in i.value for i in at.info)
    assert at.dataframe[0].value["light"].tolist() == ["⚪ early, not failing"]


@pytest.mark.parametrize(("event", "expected"), [
    (None, None),
    ({"selection": {"points": []}}, None),
    ({"selection": {"points": [{"customdata": ["group", "g:bni", 60.0, 3]}]}}, "g:bni"),
    ({"points": [{"customdata": ["tier", "Close"]}, {"customdata": ["group", "g:kvk"]}]}, "g:kvk"),
    ({"selection": {"points": [{"x": 1, "y": 2}]}}, None),
])
def test_selected_group(event: dict | None, expected: str | None) -> None:
    assert charts_groups.selected_group(event) == expected


def score_row(**values: object) -> dict:
    row = {"group_id": "g:a", "name": "A", "months": 12.0, "cost": 1000.0, "return_on_cost": 0.0,
           "closed_value": 0.0, "referrals_received": 0, "introductions_received": 0, "strong_ties": 0,
           "target_reach": 0.0, "one_to_ones": 0, "given": 0}
    return {**row, **values}


@pytest.mark.parametrize(("row", "has_targets", "points"), [
    (score_row(), False, {"return": 0.0, "referrals": 0.0, "giving": 0.0}),
    (score_row(closed_value=3000.0, return_on_cost=3.0), False, {"return": 45.0}),
    (score_row(referrals_received=6, given=3), False, {"referrals": 10.0, "giving": 2.5}),
    (score_row(target_reach=0.15), True, {"target_reach": 5.0}),
    (score_row(target_reach=0.15), False, {"target_reach": 0.0}),
    (score_row(cost=0.0, closed_value=10.0), False, {"return": 45.0}),
])
def test_score_breakdown_points(row: dict, has_targets: bool, points: dict) -> None:
    got = groups.points(pd.DataFrame([row]), has_targets).iloc[0]
    for component, value in points.items():
        assert got[component] == pytest.approx(value)


def test_score_breakdown_adds_up_to_the_sample_scores() -> None:
    scores = sample_scores()
    total = groups.score_breakdown(scores).groupby("group_id", sort=False)["points"].sum()
    assert total.round(1).tolist() == scores["score"].tolist()


def test_takeaways_lead_with_the_best_verdict_and_name_the_idle() -> None:
    scores = pd.DataFrame({"group_id": ["g:a", "g:c", "g:b"], "name": ["A", "C", "B"],
                           "closed_value": [600.0, 0.0, 200.0], "cost": [400.0, 50.0, 800.0],
                           "hours": [20.0, 0.0, 60.0], "verdict": ["pays_off", "early", "not_paying_off"],
                           "verdict_text": ["A pays off.", "C is early.", "B is not paying off."]})
    burnout = pd.DataFrame({"name": ["B"], "burnout_risk": [True]})
    assert groups.takeaways(scores, burnout) == [
        "A pays off.", "C is early.",
        "A brings 75% of your closed business for 25% of the hours you invested.",
        "1 group not paying off: €800 cost (time included) for €200 closed business: B.",
        "B: you give far more than you get back (burnout risk): ask for referrals.",
    ]


def test_flagged_takers_within_a_group() -> None:
    balance = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["A", "B", "C"], "given": [0, 1, 2],
                            "received": [3, 1, 0], "balance": [-3, 0, 2],
                            "first_given": pd.to_datetime([None, "2026-02-01", "2026-01-01"], utc=True),
                            "first_received": pd.to_datetime(["2026-01-01", "2026-01-01", None], utc=True),
                            "takes_only": [True, False, False],
                            "withdrew_before_deposit": [True, True, False]})
    assert exchanges.taking_flags(balance)["name"].tolist() == ["A", "B"]
    assert exchanges.taking_flags(balance, ["b", "c"])["why"].tolist() == [
        "you received before you ever gave"]


def test_a_hostile_group_name_is_shown_as_plain_text() -> None:
    hostile = "![x](http://evil.example/x.png) $x$ <b>"
    store = sample_store()
    open_page("groups")  # installs the sample
    store.save_groups(pd.DataFrame([{"group_id": "g:hostile", "name": hostile, "type": "online",
                                     "annual_cost": 500.0, "hours_per_month": 1.0,
                                     "joined_on": pd.Timestamp("2024-01-01", tz="UTC")}]))
    at = open_page("groups")
    at.selectbox(key="groups_focus").select("g:hostile").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in [*at.markdown, *at.subheader, *at.caption, *at.info]]
    assert not any("![x](" in text or "](http" in text for text in shown)
    assert any(widgets.plain(hostile) in text for text in shown)
