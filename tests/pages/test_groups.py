"""Groups page: ranking by verdict, bubble selection focuses the page, early groups, page helpers."""

import pandas as pd

from analytics import groups
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


def test_score_breakdown_adds_up_to_the_sample_scores() -> None:
    scores = sample_scores()
    total = groups.score_breakdown(scores).groupby("group_id", sort=False)["points"].sum()
    assert total.round(1).tolist() == scores["score"].tolist()


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
