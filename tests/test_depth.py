"""Relationship strength, reasons and Dunbar tiers on tiny hand-built networks."""

import pandas as pd
import pytest

from analytics.depth import TIER_ORDER, behaviour, behaviours, explain, score_contacts, tier_counts
from analytics.model import ANNOTATION_COLUMNS, CONTACT_COLUMNS, INTERACTION_COLUMNS, Network
from tests.builders import SYNTHETIC_AS_OF, synthetic
from tests.builders import model_frame as frame

AS_OF = SYNTHETIC_AS_OF


def days_ago(days: list[float]) -> list[pd.Timestamp]:
    return [AS_OF - pd.Timedelta(days=d) for d in days]


def network(ids: list[str], rows: list[tuple[str, float, str, str]] = (),
            closeness: dict[str, float] | None = None, known_days: float = 1000) -> Network:
    """Contacts `ids` connected `known_days` ago; rows are (contact, days ago, channel, direction)."""
    net = Network()
    net.contacts = frame(CONTACT_COLUMNS, contact_id=ids, name=[i.upper() for i in ids],
                         connected_on=days_ago([known_days] * len(ids)))
    if rows:
        who, ago, channel, direction = zip(*rows, strict=True)
        net.interactions = frame(INTERACTION_COLUMNS, contact_id=list(who), date=days_ago(list(ago)),
                                 channel=list(channel), direction=list(direction))
    if closeness:
        net.annotations = frame(ANNOTATION_COLUMNS, contact_id=list(closeness),
                                closeness=list(closeness.values()))
    return net


def exchange(contact: str, *ago: float, channel: str = "message") -> list[tuple]:
    """An out message and its reply a day later, at each `ago`."""
    return [r for d in ago for r in ((contact, d + 1, channel, "out"), (contact, d, channel, "in"))]


def test_strength_orders_recent_two_way_above_old_above_one_way_above_silent():
    rows = (exchange("recent", 5, 35, 65) + exchange("old", 400, 430, 460)
            + [("oneway", 5, "message", "out"), ("oneway", 35, "message", "out")])
    scores = score_contacts(network(["silent", "oneway", "old", "recent"], rows), AS_OF)
    assert list(scores.index) == ["recent", "old", "oneway", "silent"]
    assert scores.loc["silent", "strength"] == 0
    assert scores["strength"].between(0, 100).all()


def test_reciprocity_one_way_scores_lower_than_two_way():
    rows = ([("mute", d, "message", "out") for d in (2, 3, 20, 21)]
            + [("talks", d, "message", dr) for d, dr in ((2, "in"), (3, "out"), (20, "in"), (21, "out"))])
    scores = score_contacts(network(["mute", "talks"], rows), AS_OF)
    assert scores.loc["talks", "reciprocity"] == 1.0
    assert scores.loc["mute", "reciprocity"] == 0.0
    assert scores.loc["mute", "pts_reciprocity"] == 0.0
    assert scores.loc["talks", "strength"] > scores.loc["mute", "strength"]
    assert pd.isna(scores.loc["mute", "last_two_way"])
    assert scores.loc["mute", "reason"].startswith("last contact 2 days ago, never answered")


@pytest.mark.parametrize("shift", [30, 180, 720])
def test_decay_same_count_older_scores_lower(shift):
    rows = exchange("new", 10, 40, 70) + exchange("older", 10 + shift, 40 + shift, 70 + shift)
    scores = score_contacts(network(["new", "older"], rows), AS_OF)
    assert scores.loc["new", "interactions"] == scores.loc["older", "interactions"] == 6
    assert scores.loc["new", "pts_frequency"] > scores.loc["older", "pts_frequency"]
    assert scores.loc["new", "strength"] > scores.loc["older", "strength"]


@pytest.mark.parametrize(("gap", "two_way"), [(10, True), (29, True), (31, False), (90, False)])
def test_two_way_needs_a_reply_within_the_window(gap, two_way):
    rows = [("a", 5 + gap, "message", "out"), ("a", 5, "message", "in")]
    row = score_contacts(network(["a"], rows), AS_OF).loc["a"]
    assert pd.notna(row["last_two_way"]) is two_way
    assert row["last_interaction"] == AS_OF - pd.Timedelta(days=5)


def test_meeting_is_two_way_by_nature_and_channels_count():
    rows = [("a", 3, "meeting", "out"), ("a", 50, "endorsement", "out"), ("a", 60, "endorsement", "in")]
    row = score_contacts(network(["a"], rows), AS_OF).loc["a"]
    assert row["last_two_way"] == AS_OF - pd.Timedelta(days=3)
    assert row["channels"] == 2
    assert row["reason"] == "last two-way exchange 3 days ago · endorsed each other · 1 meeting"


def test_invitations_future_rows_and_unknown_contacts_are_ignored():
    rows = [("a", 10, "invitation", "out"), ("a", -5, "message", "in"), ("ghost", 1, "message", "in")]
    scores = score_contacts(network(["a"], rows), AS_OF)
    assert list(scores.index) == ["a"]
    assert scores.loc["a", "interactions"] == 0
    assert scores.loc["a", "tier"] == "Never engaged"
    assert scores.loc["a", "reason"] == "no interaction since connecting"


@pytest.mark.parametrize(("rating", "expected"), [(5.0, 70.0), (0.0, 0.0)])
def test_closeness_rating_overrides_a_silent_contact(rating, expected):
    scores = score_contacts(network(["friend"], closeness={"friend": rating}), AS_OF)
    assert scores.loc["friend", "strength"] == pytest.approx(expected)
    assert scores.loc["friend", "pts_closeness"] == pytest.approx(expected)


def test_closeness_blends_and_points_add_up():
    rows = exchange("busy", 5, 35, 65) + exchange("rated", 5, 35, 65)
    scores = score_contacts(network(["busy", "rated"], rows, closeness={"rated": 1.0}), AS_OF)
    busy, rated = scores.loc["busy"], scores.loc["rated"]
    assert rated["strength"] == pytest.approx(0.3 * busy["strength"] + 0.7 * 20)
    assert rated["strength"] < busy["strength"]
    assert "you rated closeness 1/5" in rated["reason"]
    breakdown = explain(rated)
    assert [c for c, _, _ in breakdown] == ["recency", "frequency", "reciprocity", "duration",
                                            "multiplexity", "closeness"]
    assert sum(p for _, p, _ in breakdown) == pytest.approx(rated["strength"])


def test_dormant_unless_rated_close():
    rows = exchange("lost", 500, 530) + exchange("kept", 500, 530)
    scores = score_contacts(network(["lost", "kept"], rows, closeness={"kept": 4.0}), AS_OF)
    assert scores.loc["lost", "tier"] == "Dormant"
    assert scores.loc["kept", "tier"] != "Dormant"


def test_forty_people_thirty_monthly_fill_the_dunbar_layers():
    ids = [f"c{i:02d}" for i in range(40)]
    rows = [r for i in range(30) for r in exchange(ids[i], *[3 + i / 10 + 30 * m for m in range(24)])]
    counts = tier_counts(score_contacts(network(ids, rows), AS_OF))
    assert list(counts) == TIER_ORDER
    assert counts == {"Inner circle": 5, "Close": 10, "Active": 15, "Network": 0, "Acquaintance": 0,
                      "Dormant": 0, "Never engaged": 10}


@pytest.mark.parametrize(("talkers", "layers"), [
    (3, {"Inner circle": 3, "Close": 0, "Active": 0, "Network": 0}),
    (400, {"Inner circle": 5, "Close": 10, "Active": 35, "Network": 100}),
])
def test_tiers_at_thirty_thousand_are_rank_capped_and_need_strength(talkers, layers):
    counts = tier_counts(score_contacts(synthetic(30_000, talkers), AS_OF))
    assert {k: counts[k] for k in layers} == layers
    assert counts["Never engaged"] == 30_000 - talkers
    assert counts["Acquaintance"] == talkers - sum(layers.values())


@pytest.mark.parametrize("dates", [[0, 45], [45, 0], [200], [0, 0]])
def test_behaviours_at_several_dates_equal_one_behaviour_each(dates: list[int]) -> None:
    # a, b answered at 10 and 100 days ago; c wrote at 50 days ago; an invitation (not scored) for d
    net = network(["a", "b", "c", "d"], [("a", 10, "message", "out"), ("a", 9, "message", "in"),
                                         ("b", 100, "message", "in"), ("b", 99, "message", "out"),
                                         ("c", 50, "message", "in"), ("d", 5, "invitation", "out")])
    at = [AS_OF - pd.Timedelta(days=d) for d in dates]
    for together, alone in zip(behaviours(net, at), [behaviour(net, d) for d in at], strict=True):
        pd.testing.assert_frame_equal(together.stats, alone.stats)
        assert together.reason.tolist() == alone.reason.tolist()
        assert {k: v.tolist() for k, v in together.points.items()} == {k: v.tolist() for k, v in
                                                                        alone.points.items()}
