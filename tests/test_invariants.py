"""Invariants over generated networks and ledgers (hypothesis): verdicts follow their figures, sentences
count what the charts show, every surface (Groups page data, Action plan, both report formats' data and
`summary --json`) gives the same figures for one as-of, and moving the as-of moves them all together."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import action_plan, breadth, cli, groups, page_data, report
from analytics.analysis import analyse
from analytics.model import (
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    MEMBER_COLUMNS,
    Network,
)
from analytics.weights import ACTIVE_TIERS
from tests.builders import frame

START = pd.Timestamp("2024-01-01", tz="UTC")
DAYS = 900  # every generated date falls in START + [0, DAYS)
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHANNELS = ("message", "message", "message", "endorsement", "recommendation", "meeting")
KINDS = ("referral", "introduction", "purchase", "closed_business", "one_to_one", "meeting")


def day(n: int) -> pd.Timestamp:
    return START + pd.Timedelta(days=n)


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """3-12 contacts, messages/endorsements/meetings, 1-3 groups and a ledger of referrals, purchases,
    introductions, one-to-ones and closed business, all dated within DAYS."""
    n = draw(st.integers(3, 12))
    ids = [f"c{i}" for i in range(n)]
    dayn = st.integers(0, DAYS - 1)
    contacts = [{"contact_id": c, "first_name": c, "last_name": "X", "name": f"{c.upper()} X", "url": "",
                 "email": "", "company": draw(st.sampled_from(["Acme", "Zed", "Bolt", ""])), "position": "",
                 "connected_on": day(draw(dayn))} for c in ids]
    inter = [{"contact_id": draw(st.sampled_from(ids)), "date": day(draw(dayn)),
              "channel": draw(st.sampled_from(CHANNELS)), "direction": draw(st.sampled_from(["in", "out"])),
              "content": "", "conversation_id": ""} for _ in range(draw(st.integers(0, 60)))]
    gids = [f"g:{i}" for i in range(draw(st.integers(1, 3)))]
    group_rows = [{"group_id": g, "name": f"Group {g[-1]}", "type": "referral_group",
                   "annual_cost": float(draw(st.integers(0, 3000))),
                   "hours_per_month": float(draw(st.integers(0, 6))),
                   "joined_on": day(draw(dayn)) if draw(st.booleans()) else pd.NaT} for g in gids]
    ledger = []
    for i in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(KINDS))
        ledger.append({"entry_id": f"e{i}", "date": day(draw(dayn)), "contact_id": draw(st.sampled_from(ids)),
                       "group_id": draw(st.sampled_from(gids)), "kind": kind,
                       "direction": draw(st.sampled_from(["in", "out"])),
                       "value": float(draw(st.integers(0, 5000))) if kind == "closed_business" else 0.0,
                       "note": ""})
    members = [{"contact_id": c, "group_id": draw(st.sampled_from(gids))}
               for c in ids if draw(st.booleans())]
    return Network(contacts=frame(CONTACT_COLUMNS, contacts, ("connected_on",)),
                   interactions=frame(INTERACTION_COLUMNS, inter, ("date",)),
                   groups=frame(GROUP_COLUMNS, group_rows, ("joined_on",)),
                   members=frame(MEMBER_COLUMNS, members),
                   ledger=frame(LEDGER_COLUMNS, ledger, ("date",)), settings={"hourly_rate": 40.0})


as_ofs = st.integers(60, DAYS + 30).map(day)


def numbers(text: str, pattern: str) -> list[int]:
    return [int(m.replace(",", "")) for m in re.findall(pattern, text)]


@SETTINGS
@given(networks(), as_ofs)
def test_a_group_shown_as_paying_off_has_its_money_back(net: Network, as_of: pd.Timestamp) -> None:
    ranked = analyse(net, as_of).groups
    for g in ranked.itertuples(index=False):
        paid = g.closed_value > 0 and g.closed_value >= g.cost
        assert (g.verdict == "pays_off") == paid
        assert g.light == groups.VERDICTS[g.verdict][1]  # the light follows the verdict
        if g.verdict == "pays_off" and g.cost > 0:
            assert g.return_on_cost >= 1
        assert groups.VERDICTS[g.verdict][0] in g.verdict_text  # the sentence says the verdict
    order = list(groups.VERDICTS)
    assert ranked["verdict"].map(order.index).is_monotonic_increasing  # best verdict first


@SETTINGS
@given(networks(), as_ofs)
def test_every_count_in_a_sentence_is_the_figure_its_chart_shows(net: Network, as_of: pd.Timestamp) -> None:
    a = analyse(net, as_of)
    t, diag = a.tiers, a.diagnosis
    strong, active = t["Inner circle"] + t["Close"], t["Inner circle"] + t["Close"] + t["Active"]
    assert numbers(diag["explanation"], r"([\d,]+) strong relationships?\b") == [strong]
    assert numbers(diag["explanation"], r"([\d,]+) active ones?\b") == [active]
    assert numbers(diag["explanation"], r"([\d,]+) former relationships? ha(?:s|ve) gone dormant") == (
        [t["Dormant"]] if t["Dormant"] else [])
    steps = " ".join(diag["next_steps"])
    sentences = {r"Keep your ([\d,]+) strong ties": strong, r"the ([\d,]+) in your inner": t["Inner circle"],
                 r"the ([\d,]+) close ones": t["Close"], r"your ([\d,]+) dormant": t["Dormant"],
                 r"of the ([\d,]+) connections you never": t["Never engaged"],
                 r"farm the ([\d,]+) you have": len(a.scores), r"with your ([\d,]+) strong ties": strong}
    for pattern, figure in sentences.items():
        assert all(n == figure for n in numbers(steps, pattern))
    assert sum(t.values()) == a.breadth["contacts"] == len(a.scores)  # the bars add up to the network
    data = report.report_data(net, as_of, analysis=a)
    for g, line in zip(a.groups.itertuples(index=False), a.group_takeaways, strict=False):
        if g.name in line and "closed business on" in line:  # "X pays off: €A closed business on €B cost"
            assert numbers(line, r"€([\d,]+) closed business on") == [round(g.closed_value)]
    steps = data.next_steps
    counts = data.tables["actions"]["List"].value_counts()
    lists = {"Call a client": r"Call ([\d,]+) client", "Thank a referrer": r"Thank ([\d,]+) ref",
             "Reconnect": r"Reconnect with ([\d,]+) former strong"}
    for title, pattern in lists.items():
        for step in steps:
            for n in numbers(step, pattern):
                assert n == counts.get(title, 0)  # a next step counts the list it points to


@SETTINGS
@given(networks(), as_ofs)
def test_every_surface_gives_the_same_figures(net: Network, as_of: pd.Timestamp) -> None:
    a = analyse(net, as_of)
    summary = cli.summary(a, net)
    data = report.report_data(net, as_of)  # the report run on its own: no figure of its own making
    plan = action_plan.plan_data(net, a)
    advice = page_data.network_graph(net, a).connectors  # the Graph page's table, in plain words
    assert advice["what_to_do"].str.startswith("Ask for an introduction").sum() == a.connectors["tier"].isin(
        ACTIVE_TIERS).sum()  # introductions only through active ties
    by_name = a.groups.set_index("name")
    for g in summary["groups"]:
        row = by_name.loc[g["name"]]
        assert (g["closed_value"], g["referrals_received"], g["verdict"]) == (
            round(float(row["closed_value"]), 2), int(row["referrals_received"]), row["verdict"])
    table = data.tables["groups"].set_index("Group")
    assert table["Closed business (EUR)"].round(2).to_dict() == {
        g["name"]: g["closed_value"] for g in summary["groups"]}
    assert table["Referrals received"].to_dict() == {
        g["name"]: g["referrals_received"] for g in summary["groups"]}
    give = data.tables["give_take"].set_index("Group")
    balance = a.group_balance.set_index("name")
    assert give["Given"].to_dict() == balance["given"].to_dict()
    assert give["Received"].to_dict() == balance["received"].to_dict()
    assert summary["give_take"]["given"] == int(a.balance["given"].sum())
    assert numbers(data.takeaways["give_take"], r"You gave ([\d,]+)") == [summary["give_take"]["given"]]
    takers = summary["give_take"]["taking_without_giving"]
    assert numbers(data.takeaways["give_take"], r"from ([\d,]+) contacts?\b") == [takers]
    assert (data.tables["hygiene"]["Check"] == "taking without giving").sum() == takers == len(plan.taking)
    assert data.tables["tiers"].set_index("Tier")["Now"].to_dict() == summary["depth"]["tiers"] == a.tiers
    assert (data.headline["Strong ties"], data.headline["Active ties"]) == (
        summary["depth"]["strong_ties"], summary["depth"]["active_ties"])
    assert data.takeaways["groups"] == a.group_takeaways[0] if len(a.groups) else True


def truncated(net: Network, as_of: pd.Timestamp) -> Network:
    """The network as it was on `as_of`: nothing dated later."""
    return dataclasses.replace(net, contacts=breadth.connected_by(net.contacts, as_of),
                               interactions=net.interactions[net.interactions["date"] <= as_of],
                               ledger=net.ledger[net.ledger["date"] <= as_of])


@SETTINGS
@given(networks(), as_ofs)
def test_moving_the_as_of_moves_every_surface_together(net: Network, as_of: pd.Timestamp) -> None:
    now, then = cli.summary(analyse(net, as_of), net), cli.summary(analyse(truncated(net, as_of), as_of), net)
    for key in ("breadth", "depth", "diagnosis", "groups", "give_take", "actions", "top_contacts"):
        assert now[key] == then[key], key
