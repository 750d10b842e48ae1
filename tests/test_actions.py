"""The social-capital plan, reconnects, cadence and goals on tiny hand-built networks."""

import numpy as np
import pandas as pd
import pytest

from analytics.actions import (
    cadence,
    clients_to_call,
    follow_ups,
    goal_progress,
    history,
    keep_in_touch_50,
    plan_progress,
    reconnect,
    referrers_to_call,
)
from analytics.depth import score_contacts
from analytics.errors import InputError
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    Network,
    empty_frame,
)

AS_OF = pd.Timestamp("2026-06-30 12:00", tz="UTC")  # a Tuesday
SCORE_COLUMNS = ["contact_id", "name", "company", "strength", "tier", "last_interaction", "last_two_way",
                 "reason"]
STATUS_COLUMNS = ["item_key", "list", "contact_id", "done_on", "note", "card_sent_on"]


def ago(days: float | None) -> pd.Timestamp:
    return pd.NaT if days is None else AS_OF - pd.Timedelta(days=days)


def frame(columns: list[str], rows: list[dict]) -> pd.DataFrame:
    """A model frame from dict rows; missing text is "", missing flags False, other gaps NaN/NaT."""
    dtypes = empty_frame(columns).dtypes
    df = pd.DataFrame(rows, columns=columns)
    for c in columns:
        if dtypes[c] in (np.dtype(object), np.dtype(bool)):
            df[c] = df[c].astype(object).where(df[c].notna(), "" if dtypes[c] == np.dtype(object) else False)
    return df.astype(dtypes.to_dict())


def network(ids: list[str], interactions: list[tuple] = (), ledger: list[tuple] = (),
            annotations: list[dict] = ()) -> Network:
    """interactions: (contact, days ago, channel, direction[, content]);
    ledger: (contact, days ago, kind, direction[, value])."""
    net = Network()
    net.contacts = frame(CONTACT_COLUMNS, [{"contact_id": i, "name": i.title(), "connected_on": ago(1000)}
                                           for i in ids])
    net.interactions = frame(INTERACTION_COLUMNS, [
        {"contact_id": r[0], "date": ago(r[1]), "channel": r[2], "direction": r[3],
         "content": r[4] if len(r) > 4 else ""} for r in interactions])
    net.ledger = frame(LEDGER_COLUMNS, [
        {"entry_id": str(k), "contact_id": r[0], "date": ago(r[1]), "kind": r[2], "direction": r[3],
         "value": r[4] if len(r) > 4 else np.nan} for k, r in enumerate(ledger)])
    net.annotations = frame(ANNOTATION_COLUMNS, list(annotations))
    return net


def scores(rows: list[tuple]) -> pd.DataFrame:
    """(contact, strength, tier, last interaction days ago, last two-way days ago)."""
    df = pd.DataFrame([{"contact_id": c, "name": c.title(), "company": "", "strength": s, "tier": t,
                        "last_interaction": ago(li), "last_two_way": ago(tw), "reason": ""}
                       for c, s, t, li, tw in rows], columns=SCORE_COLUMNS)
    df.index = pd.Index(df["contact_id"].to_numpy())
    return df


def status(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)


def test_clients_to_call_lists_business_either_direction_latest_first_without_a_referral_ask():
    net = network(["ann", "bob", "cy", "dan"], ledger=[
        ("ann", 300, "closed_business", "in", 1000.0), ("ann", 200, "closed_business", "in", 500.0),
        ("bob", 50, "closed_business", "out"), ("cy", 10, "referral", "in"),
        ("dan", -5, "closed_business", "in")])  # dan's deal is after as_of
    calls = clients_to_call(net, scores([]), AS_OF)
    assert calls["contact_id"].tolist() == ["bob", "ann"]
    ann = calls.set_index("contact_id").loc["ann"]
    assert ann["item_key"] == "call_client:ann"
    assert ann["name"] == "Ann"
    assert "2 times" in ann["why"] and "1,500" in ann["why"] and ago(200).strftime("%Y-%m-%d") in ann["why"]
    assert "Do not ask for a referral" in ann["action"]
    assert "how the project went" in ann["action"]


def test_referrers_to_call_only_referrals_received():
    net = network(["ann", "bob"], ledger=[("ann", 30, "referral", "in"), ("ann", 20, "referral", "in"),
                                          ("bob", 10, "referral", "out")])
    calls = referrers_to_call(net, scores([]), AS_OF)
    assert calls["item_key"].tolist() == ["call_referrer:ann"]
    assert "2 times" in calls.loc[0, "why"]
    assert "refer business back" in calls.loc[0, "action"]


def keep_in_touch_case() -> tuple[Network, pd.DataFrame]:
    net = network(
        ["ann", "old", "pat", "tara", "rita", "dora", "nate"],
        interactions=[("rita", d, "message", "out") for d in (5, 20, 40)] + [("rita", 120, "message", "in")],
        ledger=[("ann", 100, "closed_business", "in"), ("old", 400, "closed_business", "in")],
        annotations=[{"contact_id": "tara", "target": True}, {"contact_id": "dora", "target": True}])
    sc = scores([("ann", 20, "Acquaintance", 100, None),   # client: 100 + 20 = 120
                 ("old", 10, "Acquaintance", 400, None),   # business > 12 months ago: out
                 ("pat", 50, "Close", 10, 10),             # recent two-way: 50 + 10 = 60
                 ("tara", 30, "Active", 200, 200),         # target: 30 + 15 = 45
                 ("rita", 35, "Active", 5, 120),           # rising 3 vs 1: 35 + 10 = 45
                 ("dora", 5, "Dormant", 900, 900),         # target but dormant: out
                 ("nate", 25, "Network", 60, 150)])        # nothing special: out
    return net, sc


def test_keep_in_touch_ranks_clients_then_prospects_by_documented_score():
    net, sc = keep_in_touch_case()
    plan = status([{"item_key": "keep_in_touch:pat", "list": "keep_in_touch", "contact_id": "pat",
                    "card_sent_on": ago(3)}])
    kit = keep_in_touch_50(net, sc, AS_OF, plan_status=plan)
    assert kit["contact_id"].tolist() == ["ann", "pat", "rita", "tara"]
    assert kit["score"].tolist() == [120.0, 60.0, 45.0, 45.0]
    assert kit["rank"].tolist() == [1, 2, 3, 4]
    assert kit["segment"].tolist() == ["client", "prospect", "prospect", "prospect"]
    assert kit.loc[0, "why"].startswith("Closed business 1 time in the last 365 days")
    assert "target segment" in kit.loc[3, "why"]
    assert "contact lately (3 interactions in the last 90 days, 1 before)" in kit.loc[2, "why"]
    assert kit.set_index("contact_id")["card_sent_on"].notna().to_dict() == {
        "ann": False, "pat": True, "rita": False, "tara": False}


@pytest.mark.parametrize("n, expected", [(2, ["ann", "pat"]), (50, ["ann", "pat", "rita", "tara"])])
def test_keep_in_touch_caps_at_n(n, expected):
    net, sc = keep_in_touch_case()
    assert keep_in_touch_50(net, sc, AS_OF, n=n)["contact_id"].tolist() == expected


@pytest.mark.parametrize("days_after, listed", [(13, False), (14, True), (30, True)])
def test_follow_up_appears_exactly_after_fourteen_days(days_after, listed):
    card = pd.Timestamp("2026-06-01", tz="UTC")
    net = network(["ann"])
    plan = status([{"item_key": "keep_in_touch:ann", "list": "keep_in_touch", "contact_id": "ann",
                    "card_sent_on": card}])
    due = follow_ups(net, plan, scores([]), card + pd.Timedelta(days=days_after))
    assert (len(due) == 1) is listed


def test_follow_up_asks_former_clients_for_referrals_and_invites_prospects_for_coffee():
    net = network(["ann", "pat"], ledger=[("ann", 400, "closed_business", "in")])
    plan = status([{"item_key": f"keep_in_touch:{c}", "list": "keep_in_touch", "contact_id": c,
                    "card_sent_on": ago(d)} for c, d in (("ann", 20), ("pat", 15), ("zed", 2))])
    due = follow_ups(net, plan, scores([]), AS_OF).set_index("contact_id")
    assert sorted(due.index) == ["ann", "pat"]
    assert "ask for a referral now" in due.loc["ann", "action"]
    assert "coffee" in due.loc["pat", "action"]
    assert due.loc["ann", "item_key"] == "follow_up:ann:" + ago(20).strftime("%Y-%m-%d")
    upcoming = follow_ups(net, plan, scores([]), AS_OF, include_upcoming=True)
    assert upcoming["contact_id"].tolist() == ["ann", "pat", "zed"]


def test_plan_progress_counts_done_items_per_list():
    plan = status([{"item_key": "call_client:ann", "done_on": AS_OF},
                   {"item_key": "call_client:bob", "note": "left a message"},
                   {"item_key": "other:zed", "done_on": AS_OF}])
    lists = {"call_client": pd.DataFrame({"item_key": ["call_client:ann", "call_client:bob"]}),
             "call_referrer": pd.DataFrame({"item_key": ["call_referrer:cy"]})}
    assert plan_progress(plan, lists) == {"call_client": {"done": 1, "total": 2},
                                          "call_referrer": {"done": 0, "total": 1}}


def reconnect_case() -> tuple[Network, pd.DataFrame]:
    rows = ([("old", 400, "message", d) for d in ["out", "in"] * 6]
            + [("older", 900, "message", d) for d in ["out", "in"] * 3]
            + [("ancient", 2000, "message", d) for d in ["out", "in"] * 6]
            + [("recent", 30, "message", d) for d in ["out", "in"] * 6]
            + [("thin", 400, "message", d) for d in ["out", "in"]]
            + [("oneway", 400, "message", "out")] * 12)
    sc = scores([("old", 5, "Acquaintance", 400, 400), ("older", 3, "Dormant", 900, 900),
                 ("ancient", 1, "Dormant", 2000, 2000), ("recent", 70, "Inner circle", 30, 30),
                 ("thin", 2, "Acquaintance", 400, 400), ("oneway", 1, "Acquaintance", 400, None)])
    return network(list(sc["contact_id"]), interactions=rows), sc


def test_former_strength_is_the_busiest_quarter_scaled_to_twelve():
    net, _ = reconnect_case()
    assert history(net, AS_OF)["former_strength"].round(1).to_dict() == {
        "ancient": 100.0, "old": 100.0, "older": 50.0, "oneway": 100.0, "recent": 100.0, "thin": 16.7}


def test_reconnect_ranks_by_former_depth_then_how_long_it_lasted():
    net, sc = reconnect_case()
    rec = reconnect(sc, net, AS_OF)
    # old and ancient both peaked at 100; older at 50 comes last however long it has been quiet
    assert rec["contact_id"].tolist()[-1] == "older"
    assert rec.loc[rec["contact_id"] == "old", "why"].item().endswith(
        f"silent for 13 months since {ago(400):%Y-%m-%d}.")
    assert reconnect(sc, net, AS_OF, n=1)["contact_id"].tolist() == rec["contact_id"].tolist()[:1]


@pytest.mark.parametrize(("ties", "expected"), [
    # (contact, first interaction days ago, last interaction days ago, interactions in the busiest quarter)
    ([("ann", 1000, 400, 12), ("bob", 2000, 400, 12)], ["bob", "ann"]),  # same depth: lasted longer first
    ([("ann", 1000, 400, 12), ("bob", 1200, 600, 12)], ["ann", "bob"]),  # same depth and span: more recent
    ([("ann", 2000, 400, 6), ("bob", 500, 400, 12)], ["bob", "ann"]),  # depth first
    ([("zed", 1000, 400, 12), ("amy", 1000, 400, 12)], ["amy", "zed"]),  # a true tie: by id, stable
])
def test_reconnect_order_is_depth_then_duration_then_recency(ties, expected):
    rows = []
    for cid, first, last, busy in ties:
        rows += [(cid, first, "message", "out"), (cid, first, "message", "in")]
        rows += [(cid, last, "message", "out" if i % 2 else "in") for i in range(busy)]
    sc = scores([(cid, 10, "Dormant", last, last) for cid, _, last, _ in ties])
    net = network(list(sc["contact_id"]), interactions=rows)
    assert reconnect(sc, net, AS_OF)["contact_id"].tolist() == expected


@pytest.mark.parametrize("contact, days_left, status_, source", [
    ("inner", -6, "overdue", "tier default"),   # 14-day cadence, last 20 days ago
    ("close", 5, "due", "tier default"),        # 30-day cadence, last 25 days ago
    ("active", 80, "ok", "tier default"),       # 90-day cadence, last 10 days ago
    ("mine", -10, "overdue", "your setting"),   # acquaintance with a 60-day cadence, last 70 days ago
    ("stretched", 75, "ok", "your setting"),    # close tier overridden to 100 days, last 25 days ago
    ("never", 0, "due", "your setting"),        # never contacted with a cadence: due today
])
def test_cadence_next_due_restarts_from_last_interaction(contact, days_left, status_, source):
    sc = scores([("inner", 80, "Inner circle", 20, 20), ("close", 60, "Close", 25, 25),
                 ("active", 40, "Active", 10, 10), ("mine", 10, "Acquaintance", 70, None),
                 ("stretched", 60, "Close", 25, 25), ("never", 0, "Never engaged", None, None),
                 ("plain", 10, "Acquaintance", 70, None)])
    ann = frame(ANNOTATION_COLUMNS, [{"contact_id": "mine", "cadence_days": 60.0},
                                     {"contact_id": "stretched", "cadence_days": 100.0},
                                     {"contact_id": "never", "cadence_days": 30.0}])
    cad = cadence(sc, ann, AS_OF)
    assert "plain" not in set(cad["contact_id"])
    assert cad["days_left"].is_monotonic_increasing
    row = cad.set_index("contact_id").loc[contact]
    assert (row["days_left"], row["status"], row["cadence_source"]) == (days_left, status_, source)


def goal_net() -> Network:
    day = {d: (AS_OF - pd.Timestamp(d, tz="UTC")).total_seconds() / 86400 for d in (
        "2026-06-29", "2026-06-28", "2026-06-23", "2026-06-21", "2026-06-05", "2026-06-20", "2026-05-31",
        "2026-06-10", "2026-07-05", "2025-10-01", "2026-05-01", "2026-06-12", "2026-06-15")}
    return network(["x", "y", "z"], ledger=[
        ("x", day["2026-06-29"], "one_to_one", "out"), ("x", day["2026-06-28"], "one_to_one", "out"),
        ("y", day["2026-06-23"], "one_to_one", "out"), ("z", day["2026-06-21"], "one_to_one", "out"),
        ("x", day["2026-06-05"], "referral", "out"), ("y", day["2026-06-20"], "referral", "out"),
        ("z", day["2026-05-31"], "referral", "out"), ("x", day["2026-06-10"], "referral", "in"),
        ("x", day["2026-07-05"], "referral", "out")],
        interactions=[("x", day["2025-10-01"], "message", "in"), ("x", day["2026-06-10"], "message", "out"),
                      ("y", day["2026-05-01"], "message", "in"), ("y", day["2026-06-12"], "message", "out"),
                      ("z", day["2026-06-15"], "message", "out")])


@pytest.mark.parametrize("metric, period, periods, starts, actual", [
    ("one_to_ones", "week", 2, ["2026-06-22", "2026-06-29"], [2, 1]),
    ("referrals_given", "month", 3, ["2026-04-01", "2026-05-01", "2026-06-01"], [0, 1, 2]),
    ("reconnects", "month", 1, ["2026-06-01"], [1]),
    ("meetings", "month", 1, ["2026-06-01"], [0]),
])
def test_goal_progress_counts_actuals_per_period(metric, period, periods, starts, actual):
    goals = pd.DataFrame({"metric": [metric], "period": [period], "target": [2]})
    got = goal_progress(goal_net(), goals, AS_OF, periods=periods)
    assert got["period_start"].dt.strftime("%Y-%m-%d").tolist() == starts
    assert got["actual"].tolist() == actual
    assert got["met"].tolist() == [a >= 2 for a in actual]


def test_goal_progress_rejects_unknown_metric():
    with pytest.raises(InputError, match="unknown metric"):
        goal_progress(goal_net(), pd.DataFrame({"metric": ["coffees"], "period": ["week"], "target": [1]}),
                      AS_OF)


def test_lists_accept_scores_from_depth():
    net, _ = reconnect_case()
    net.ledger = frame(LEDGER_COLUMNS, [{"entry_id": "1", "contact_id": "recent", "date": ago(5),
                                         "kind": "closed_business", "direction": "in"}])
    sc = score_contacts(net, AS_OF)
    assert keep_in_touch_50(net, sc, AS_OF).loc[0, "contact_id"] == "recent"
    assert set(reconnect(sc, net, AS_OF)["contact_id"]) <= {"old", "older", "ancient"}
    assert set(cadence(sc, net.annotations, AS_OF)["status"]) <= {"ok", "due", "overdue"}
