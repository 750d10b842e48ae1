"""One analysis of a network as of a date: every score computed once, read by every page, both report
formats, the graph and the CLI.

`analyse(net, as_of, period_days)` runs each step once and returns a frozen `Analysis`. What the user
changes without touching the network (plan status, goals, anonymisation, filters) is applied on top of
it by the pages and `report_data`, never inside it, so ticking a plan item re-runs nothing here.

Example:
    >>> from analytics.model import empty_network
    >>> a = analyse(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> a.diagnosis["quadrant"], a.tiers["Close"], a.groups.empty
    ('narrow-shallow', 0, True)
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass

import pandas as pd

from analytics import (
    actions,
    breadth,
    depth,
    diagnosis,
    exchanges,
    graph,
    groups,
    hygiene,
    marks,
    role_changes,
)
from analytics import weights as W
from analytics.frames import among, as_utc
from analytics.model import ANNOTATION_COLUMNS, Network

#: The period the pages compare with the one before it (the report lets the user choose another).
DEFAULT_PERIOD_DAYS = 90
#: How a contact is shown at the period's start when they connected later.
NOT_CONNECTED = "Not yet connected"


@dataclass(frozen=True)
class Analysis:
    """Every figure the app shows for one network as of one date. Frames are shared: do not mutate.

    scores: depth.score_contacts (strength, tier, reason per contact, strongest first);
    tiers: contacts per tier (the tier chart's bars); breadth: breadth.breadth_summary;
    diagnosis: diagnosis.diagnose (quadrant, strong_ties, active_ties, explanation, next_steps);
    two_way: contacts with a two-way exchange; contacts: scores joined with roles and annotations;
    growth: new connections per month up to as_of; engagement: interactions per month and direction;
    target_share: share of contacts in the target segments;
    groups: groups.group_scores (verdict, light, points); group_takeaways: the Groups headline sentences;
    balance: exchanges.per_contact; group_balance: exchanges.per_group;
    suggestions: who the export suggests marking as client or referrer (marks.suggestions);
    clients, referrers (with the suggestions, `suggested` True), keep_in_touch (every candidate,
    ranked), reconnect, cadence, congratulate (new roles seen in a newer export): the action lists;
    pitches, closeness, taking: hygiene findings; goal_events: what goals count;
    connectors: graph.connectors with their tier;
    period: counts for (start, as_of] ("now") and the period before ("before");
    start_tiers: each contact's tier at the period's start (NOT_CONNECTED when connected later).
    """

    as_of: pd.Timestamp
    period_days: int
    scores: pd.DataFrame
    tiers: dict[str, int]
    breadth: dict
    diagnosis: dict
    two_way: int
    contacts: pd.DataFrame
    growth: pd.DataFrame
    engagement: pd.DataFrame
    target_share: float
    groups: pd.DataFrame
    group_takeaways: list[str]
    balance: pd.DataFrame
    group_balance: pd.DataFrame
    suggestions: pd.DataFrame
    clients: pd.DataFrame
    referrers: pd.DataFrame
    keep_in_touch: pd.DataFrame
    reconnect: pd.DataFrame
    cadence: pd.DataFrame
    congratulate: pd.DataFrame
    pitches: pd.DataFrame
    closeness: pd.DataFrame
    taking: pd.DataFrame
    goal_events: pd.DataFrame
    connectors: pd.DataFrame
    period: dict[str, dict[str, float]]
    start_tiers: pd.Series

    @property
    def start(self) -> pd.Timestamp:
        """The period's start: as_of − period_days."""
        return self.as_of - pd.Timedelta(days=self.period_days)

    @property
    def people(self) -> pd.DataFrame:
        """contact_id, name, company, position of every contact (for pickers and exports)."""
        return self.scores[["contact_id", "name", "company", "position"]].reset_index(drop=True)


def window(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    """True where start < date <= end."""
    dates = pd.to_datetime(dates, utc=True)
    return (dates > start) & (dates <= end)


def period_counts(net: Network, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, float]:
    """What happened in (start, end]: new connections, contacts with a two-way exchange (messages both
    ways, or a one-to-one or meeting), referrals given/received, one-to-ones and closed business received
    (count, then value: always the last key). Referrals, one-to-ones and deals come from the ledger.

    >>> from analytics.model import empty_network
    >>> t = pd.Timestamp("2026-01-01", tz="UTC")
    >>> period_counts(empty_network(), t - pd.Timedelta(days=90), t)["New connections"]
    0
    """
    led = net.ledger[window(net.ledger["date"], start, end)]
    it = net.interactions[window(net.interactions["date"], start, end)
                          & (net.interactions["channel"] != "invitation")]
    both_ways = it.groupby("contact_id")["direction"].nunique()
    two_way = set(both_ways.index[both_ways >= 2])
    two_way |= set(it.loc[it["channel"].isin(W.TWO_WAY_CHANNELS), "contact_id"])
    two_way |= set(led.loc[led["kind"].isin(W.TWO_WAY_CHANNELS), "contact_id"])
    two_way.discard("")
    kind = led["kind"] + ":" + led["direction"]
    closed = led[kind == "closed_business:in"]
    return {"New connections": int(window(net.contacts["connected_on"], start, end).sum()),
            "Two-way exchanges": len(two_way),
            "Referrals given": int((kind == "referral:out").sum()),
            "Referrals received": int((kind == "referral:in").sum()),
            "One-to-ones": int((led["kind"] == "one_to_one").sum()), "Closed deals": len(closed),
            "Closed business (EUR)": float(closed["value"].sum())}


def engagement_by_month(interactions: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Interactions per calendar month up to `as_of`, split by direction (columns month, out, in).

    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-03-01"], utc=True),
    ...                       "direction": ["out", "in", "out"]})
    >>> engagement_by_month(frame, pd.Timestamp("2024-12-31", tz="UTC")).values.tolist()
    [['2024-01', 1, 1], ['2024-02', 0, 0], ['2024-03', 1, 0]]
    """
    dated = interactions[interactions["date"].notna() & (interactions["date"] <= as_of)]
    if dated.empty:
        return pd.DataFrame({"month": [], "out": [], "in": []})
    months = dated["date"].dt.tz_localize(None).dt.to_period("M")
    table = pd.crosstab(months, dated["direction"]).reindex(columns=["out", "in"], fill_value=0)
    table = table.reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0)
    return pd.DataFrame({"month": table.index.strftime("%Y-%m"), "out": table["out"].to_numpy(),
                         "in": table["in"].to_numpy()})


def contact_table(net: Network, scores: pd.DataFrame, suggested: pd.DataFrame) -> pd.DataFrame:
    """Scores joined with function/seniority, connection month, the user's annotations, the mark
    the export suggests (`suggested_role`, "" when none) and the sources the contact is known from."""
    roles = breadth.classify_positions(scores["position"])
    notes = net.annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    table = scores.assign(function=roles["function"].to_numpy(), seniority=roles["seniority"].to_numpy(),
                          month=scores["connected_on"].dt.strftime("%Y-%m").fillna(""))
    for column, default in (("notes", ""), ("target", False), ("consent", "unknown"),
                            ("cadence_days", float("nan")), ("role", "")):
        table[column] = notes[column].reindex(table.index).fillna(default).to_numpy()
    table["target"] = table["target"].astype(bool)
    hints = suggested.set_index("contact_id")["role"]
    table["suggested_role"] = table["contact_id"].map(hints).astype(object).fillna("").to_numpy()
    known = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["sources"]
    table["sources"] = table["contact_id"].map(known).astype(object).fillna("").to_numpy()  # "Known from"
    return table


def _start_tiers(net: Network, scores: pd.DataFrame, start: pd.Timestamp) -> pd.Series:
    before = depth.tiers_at(net, start).reindex(scores.index)
    connected = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"]
    later = pd.to_datetime(connected.reindex(scores.index), utc=True) > start
    return before.where(~later, NOT_CONNECTED)


def analyse(net: Network, as_of: pd.Timestamp, period_days: int = DEFAULT_PERIOD_DAYS) -> Analysis:
    """Every figure for `net` as of `as_of`; the period compared is (as_of − period_days, as_of]."""
    as_of = as_utc(as_of)
    start = as_of - pd.Timedelta(days=period_days)
    net = dataclasses.replace(net, contacts=breadth.connected_by(net.contacts, as_of),  # the network then
                              annotations=net.annotations.reindex(columns=ANNOTATION_COLUMNS))
    scores = depth.score_contacts(net, as_of)
    spread = breadth.breadth_summary(net, as_of)
    balance, group_balance = exchanges.per_contact(net, as_of), exchanges.per_group(net, as_of)
    ranked = groups.group_scores(net, scores["tier"], as_of, balance=group_balance)
    outbound = hygiene.outbound_messages(net, as_of)  # read by both text checks
    suggested = marks.suggestions(net.interactions, net.annotations, as_of)
    suggested = suggested[among(suggested["contact_id"], scores["contact_id"])]  # contacts only
    return Analysis(
        as_of=as_of, period_days=period_days, scores=scores, tiers=depth.tier_counts(scores),
        breadth=spread, diagnosis=diagnosis.diagnose(spread, scores),
        two_way=int(scores["last_two_way"].notna().sum()), contacts=contact_table(net, scores, suggested),
        growth=breadth.growth(net),
        engagement=engagement_by_month(net.interactions, as_of),
        target_share=breadth.target_share(net, list(net.settings.get("target_keywords", []))),
        groups=ranked, group_takeaways=groups.takeaways(ranked, group_balance),
        balance=balance, group_balance=group_balance, suggestions=suggested,
        clients=actions.clients_to_call(net, scores, as_of, suggested),
        referrers=actions.referrers_to_call(net, scores, as_of, suggested),
        keep_in_touch=actions.keep_in_touch_50(net, scores, as_of, n=sys.maxsize),
        reconnect=actions.reconnect(scores, net, as_of),
        cadence=actions.cadence(scores, net.annotations, as_of),
        congratulate=role_changes.congratulate(net, as_of, scores),
        pitches=hygiene.early_pitches(net, as_of, outbound=outbound),
        closeness=hygiene.assuming_closeness(net, scores, as_of, balance, outbound),
        taking=hygiene.taking_without_giving(balance), goal_events=actions.goal_events(net, as_of),
        connectors=graph.connectors(net, scores),
        period={"now": period_counts(net, start, as_of),
                "before": period_counts(net, start - pd.Timedelta(days=period_days), start)},
        start_tiers=_start_tiers(net, scores, start))
