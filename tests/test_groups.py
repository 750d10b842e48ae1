"""Group value scores, payback, give/take and attribution rules on tiny hand-built networks."""

import pandas as pd
import pytest

from analytics import attribution, exchanges, groups
from analytics.model import (
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    MEMBER_COLUMNS,
    Network,
)
from tests.builders import frame, utc

AS_OF = pd.Timestamp("2026-01-01", tz="UTC")


def group(gid: str, cost: float = 0.0, hours: float = 0.0, joined: str | None = None,
          gtype: str = "referral_group") -> tuple:
    return (gid, gid.upper(), gtype, cost, hours, utc(joined))


def entry(date: str, contact: str, gid: str, kind: str, direction: str, value: float = 0.0) -> tuple:
    entry_id = f"{date}{contact}{gid}{kind}{direction}{value}"
    return (entry_id, utc(date), contact, gid, kind, direction, value, "")


def network(group_rows: list[tuple], ledger_rows: list[tuple], members: list[tuple] = (),
            contacts: list[tuple] = (), interactions: list[tuple] = (), rate: float = 50.0) -> Network:
    return Network(groups=frame(GROUP_COLUMNS, group_rows, ("joined_on",)),
                   ledger=frame(LEDGER_COLUMNS, ledger_rows, ("date",)),
                   members=frame(MEMBER_COLUMNS, list(members)),
                   contacts=frame(CONTACT_COLUMNS, list(contacts), ("connected_on",)),
                   interactions=frame(INTERACTION_COLUMNS, list(interactions), ("date",)),
                   settings={"hourly_rate": rate})


NO_STRENGTH = pd.Series(dtype=object)  # contact_id -> tier: nobody is a strong tie


@pytest.mark.parametrize(("cost", "hours", "rate", "expected"), [
    (1200.0, 0.0, 75.0, 1200.0),  # unknown join date: 12 months of the fee
    (0.0, 2.0, 50.0, 1200.0),     # 2 h x 12 months x 50/h
    (600.0, 2.0, 50.0, 1800.0),
])
def test_cost_of_a_year(cost, hours, rate, expected):
    net = network([group("g:a", cost, hours)], [], rate=rate)
    row = groups.group_scores(net, NO_STRENGTH, AS_OF).iloc[0]
    assert row["months"] == 12 and row["cost"] == pytest.approx(expected)


def test_cost_prorated_since_joining():
    net = network([group("g:a", 1200.0, 1.0, "2025-07-02")], [], rate=100.0)  # 183 days before AS_OF
    months = 183 / (365.25 / 12)
    assert groups.group_scores(net, NO_STRENGTH, AS_OF).iloc[0]["cost"] == pytest.approx(months * (100 + 100))


def test_cheap_group_with_business_outranks_expensive_group_without():
    same_activity = [entry("2025-06-01", "c1", g, "referral", "in") for g in ("g:cheap", "g:dear")] * 2
    net = network([group("g:dear", 5000.0, 10.0), group("g:cheap", 100.0, 0.0)],
                  [*same_activity, entry("2025-07-01", "c1", "g:cheap", "closed_business", "in", 500.0)])
    scores = groups.group_scores(net, NO_STRENGTH, AS_OF)
    assert scores["group_id"].tolist() == ["g:cheap", "g:dear"]
    cheap, dear = scores.iloc[0], scores.iloc[1]
    assert cheap["return_on_cost"] == pytest.approx(5.0) and cheap["closed_value"] == 500.0
    assert dear["closed_value"] == 0 and dear["light"] == "red"
    assert "closed business 500 on cost 100" in cheap["reason"]


@pytest.mark.parametrize(("joined", "close", "early", "light"), [
    ("2025-11-01", 0.0, True, "early"),     # 2 months in, nothing closed yet: early, not failing
    ("2023-01-01", 0.0, False, "red"),      # 3 years in, nothing closed: failing
    ("2025-11-01", 900.0, False, "green"),  # young but its money is already back: pays off
])
def test_young_group_is_early_not_failing(joined, close, early, light):
    rows = [entry("2025-12-01", "c1", "g:a", "closed_business", "in", close)] if close else []
    row = groups.group_scores(network([group("g:a", 600.0, 0.0, joined)], rows), NO_STRENGTH, AS_OF).iloc[0]
    assert (bool(row["early"]), row["light"]) == (early, light)
    assert ("early, not failing" in row["verdict_text"]) == early
    if early:
        assert row["verdict_text"].endswith("judge it from 2026-08-01.")


@pytest.mark.parametrize(("cost", "closed", "referrals", "joined", "verdict", "light"), [
    (1200.0, 1300.0, 0, "2025-01-01", "pays_off", "green"),          # money back, time included
    (1200.0, 900.0, 12, "2025-01-01", "promising", "amber"),         # referrals flow, money not back yet
    (1200.0, 900.0, 1, "2025-01-01", "not_paying_off", "red"),       # neither
    (1200.0, 0.0, 0, "2025-09-01", "early", "early"),                # 4 months in: too young to judge
])
def test_verdict_follows_the_money_then_the_flow(cost, closed, referrals, joined, verdict, light):
    rows = [entry("2025-06-01", "c1", "g:a", "closed_business", "in", closed)] if closed else []
    rows += [entry("2025-07-01", f"r{i}", "g:a", "referral", "in") for i in range(referrals)]
    row = groups.group_scores(network([group("g:a", cost, 0.0, joined)], rows), NO_STRENGTH, AS_OF).iloc[0]
    assert (row["verdict"], row["light"]) == (verdict, light)
    assert (row["verdict"] == "pays_off") == (row["closed_value"] >= row["cost"])


def test_counts_strong_ties_target_reach_and_first_close():
    net = network([group("g:a", 0.0, 0.0, "2025-01-01")],
                  [entry("2025-03-02", "c1", "g:a", "closed_business", "in", 100.0),
                   entry("2025-02-01", "c2", "g:a", "one_to_one", "out"),
                   entry("2025-02-01", "c2", "g:a", "referral", "out"),
                   entry("2026-02-01", "c2", "g:a", "referral", "in")],  # after as_of: not counted
                  members=[("c1", "g:a"), ("c3", "g:a"), ("c4", "g:a")])
    tiers = pd.Series({"c1": "Close", "c2": "Inner circle", "c3": "Active"})
    target = pd.Series({"c1": True, "c4": False, "zz": True})
    row = groups.group_scores(net, tiers, AS_OF, target).iloc[0]
    assert (row["contacts"], row["strong_ties"], row["target_reach"]) == (4, 2, 0.25)  # c2 via the ledger
    assert (row["referrals_given"], row["referrals_received"], row["one_to_ones"]) == (1, 0, 1)
    assert row["months_to_first_close"] == pytest.approx(60 / (365.25 / 12))
    assert pd.isna(row["return_on_cost"]) and row["light"] in ("green", "amber")  # no cost: no ratio


def test_payback_month():
    net = network([group("g:a", 1200.0, 0.0, "2025-01-01")],  # 100 a month
                  [entry("2025-02-15", "c1", "g:a", "closed_business", "in", 250.0),
                   entry("2025-02-15", "c1", "g:b", "closed_business", "in", 9999.0)])  # other group
    curve = groups.payback_curve(net, "g:a", pd.Timestamp("2025-06-01", tz="UTC"))
    assert curve["cumulative_cost"].tolist()[:3] == [100.0, 200.0, 300.0]
    assert curve["cumulative_return"].tolist()[:3] == [0.0, 250.0, 250.0]
    assert curve["paid_back"].tolist()[:3] == [False, True, False]
    assert len(curve) == 5 and groups.payback_month(curve) == 2


def test_give_take_per_contact():
    net = network([group("g:a")],
                  [entry("2025-01-05", "a", "g:a", "referral", "in"),
                   entry("2025-02-05", "a", "g:a", "referral", "in"),
                   entry("2025-01-01", "b", "g:a", "introduction", "in"),
                   entry("2025-02-01", "b", "g:a", "referral", "out"),
                   entry("2025-03-01", "c", "g:a", "referral", "in"),
                   entry("2025-03-01", "c", "g:a", "meeting", "in"),  # not a give/take kind
                   entry("2025-04-01", "d", "g:a", "purchase", "in"),
                   entry("2025-04-02", "d", "g:a", "purchase", "in"),  # two purchases received
                   entry("2026-02-01", "c", "g:a", "referral", "out")],  # after as_of: not counted
                  interactions=[("c", utc("2025-01-01"), "endorsement", "out", "", ""),
                                ("c", utc("2025-01-02"), "message", "out", "", "")])
    got = exchanges.per_contact(net, AS_OF).set_index("contact_id")
    assert got.loc[["a", "b", "c", "d"], ["given", "received", "balance"]].values.tolist() == [
        [0, 2, -2], [1, 1, 0], [1, 1, 0], [0, 2, -2]]
    assert got["takes_only"].to_dict() == {"a": True, "b": False, "c": False, "d": True}
    assert got["withdrew_before_deposit"].to_dict() == {"a": True, "b": False, "c": False, "d": False}


@pytest.mark.parametrize(("given", "received", "risk"), [(6, 2, True), (6, 3, False), (5, 0, False)])
def test_burnout_risk(given, received, risk):
    rows = ([entry(f"2025-01-{i + 1:02d}", "a", "g:a", "referral", "out") for i in range(given)]
            + [entry(f"2025-02-{i + 1:02d}", "a", "g:a", "introduction", "in") for i in range(received)])
    got = exchanges.per_group(network([group("g:a")], rows), AS_OF).iloc[0]
    assert (got["given"], got["received"], bool(got["burnout_risk"])) == (given, received, risk)


def contact(cid: str, company: str = "", connected: str | None = None) -> tuple:
    return (cid, "", "", cid.title(), "", "", company, "", utc(connected))


def test_suggest_attribution_rules_and_existing_members_left_out():
    net = network([group("g:bni", gtype="referral_group")], [],
                  members=[("member", "g:bni")],
                  contacts=[contact("near", connected="2025-03-12"), contact("far", connected="2025-03-20"),
                            contact("acme", company="ACME Holding"), contact("acmex", company="Acmex"),
                            contact("member", company="Acme"), contact("chat"), contact("other")],
                  interactions=[("chat", utc("2025-01-01"), "invitation", "in", "Met you at BNI!", ""),
                                ("other", utc("2025-01-01"), "message", "in", "BNIX is not a match", ""),
                                ("member", utc("2025-01-01"), "message", "in", "See you at the chapter", "")])
    got = attribution.suggest_attribution(net, "g:bni", event_dates=[utc("2025-03-10")], days=3,
                                     companies=["acme"])
    assert sorted(zip(got["contact_id"], got["rule"], strict=True)) == [
        ("acme", "company"), ("chat", "keyword"), ("near", "connected near event")]
    assert got.set_index("contact_id").loc["near", "evidence"] == (
        "connected 2025-03-12, 2 days from the event on 2025-03-10")
    assert "BNI" in got.set_index("contact_id").loc["chat", "evidence"]
    added = attribution.apply_attribution(net.members, "g:bni", ["acme", "member"])
    assert sorted(added["contact_id"]) == ["acme", "member"]


def test_summary_groups_contract():
    net = network([group("g:a", 100.0), group("g:b", 100.0)],
                  [entry("2025-05-01", "c1", "g:b", "closed_business", "in", 1000.0),
                   entry("2025-05-01", "c1", "g:b", "referral", "out")])
    got = groups.summary_groups(groups.group_scores(net, NO_STRENGTH, AS_OF))
    assert [g["name"] for g in got] == ["G:B", "G:A"]
    assert list(got[0]) == ["name", "type", "contacts", "referrals_given", "referrals_received",
                            "closed_value", "cost", "score", "verdict", "return_ratio"]
    assert (got[0]["verdict"], got[0]["return_ratio"]) == ("pays_off", 10.0)
    assert (got[0]["contacts"], got[0]["referrals_given"], got[0]["closed_value"], got[0]["cost"]) == (
        1, 1, 1000.0, 100.0)
    assert all(type(v) in (str, int, float) for g in got for v in g.values() if v is not None)
