"""One analysis of a network as of a date: every score computed once, read by every page, both report
formats, the graph and the CLI.

`analyse(net, as_of, period_days)` runs each step once and returns a frozen `Analysis`. It runs in two
stages: `facts.gather` does everything that reads no annotation (the interaction-heavy part), then
`analyse` finishes the steps that read the user's annotations; given the `Facts` of the same network
without annotations (`ui/session` caches them apart), an annotation edit re-runs only the second stage.
What the user changes without touching the network (plan status, goals, anonymisation, filters) is
applied on top by the pages and `report_data`, never inside it, so ticking a plan item re-runs nothing.

Example:
    >>> from analytics.model import empty_network
    >>> a = analyse(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> a.diagnosis["quadrant"], a.tiers["Close"], a.groups.empty
    ('narrow-shallow', 0, True)
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from dataclasses import dataclass

import pandas as pd

from analytics import actions, breadth, depth, diagnosis, graph, groups, hygiene, marks, role_changes
from analytics.facts import DEFAULT_PERIOD_DAYS, Facts, gather, position_roles
from analytics.frames import among, as_utc
from analytics.i18n import N_
from analytics.model import ANNOTATION_COLUMNS, INTERACTION_COLUMNS, Network, empty_frame

#: How a contact is shown at the period's start when they connected later.
NOT_CONNECTED = N_("Not yet connected")


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


def contact_table(net: Network, scores: pd.DataFrame, suggested: pd.DataFrame,
                  roles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores joined with function/seniority, connection month, the user's annotations, the mark
    the export suggests (`suggested_role`, "" when none) and the sources the contact is known from.
    `roles` is `facts.position_roles` of the contacts' positions when already computed."""
    roles = position_roles(scores["position"]) if roles is None else roles
    roles = roles.reindex(scores["position"].fillna("").astype(str))
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


def _start_tiers(net: Network, scores: pd.DataFrame, start: pd.Timestamp,
                 measured: depth.Behaviour) -> pd.Series:
    before = depth.score_contacts(net, start, measured)["tier"].reindex(scores.index)
    connected = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"]
    later = pd.to_datetime(connected.reindex(scores.index), utc=True) > start
    return before.where(~later, NOT_CONNECTED)


def closeness_key(annotations: pd.DataFrame) -> str:
    """A digest of the closeness ratings: equal digests, equal `Rated` (the only annotation it reads).

    >>> closeness_key(pd.DataFrame({"contact_id": ["a"], "closeness": [3.0]})) == closeness_key(
    ...     pd.DataFrame({"contact_id": ["b", "a"], "closeness": [None, 3]}))
    True
    """
    ann = annotations.drop_duplicates("contact_id", keep="last")
    rated = pd.DataFrame({"contact_id": ann["contact_id"].astype(str),
                          "closeness": pd.to_numeric(ann["closeness"], errors="coerce")}).dropna()
    rated = rated.sort_values("contact_id", kind="stable")
    return hashlib.sha256(pd.util.hash_pandas_object(rated, index=False).to_numpy().tobytes()).hexdigest()


@dataclass(frozen=True)
class Rated:
    """The steps that read the closeness ratings and no other annotation: scores, tiers at the period's
    start and connectors. A note, consent, cadence, mark or target edit leaves them as they were
    (`ui/session` caches them by `closeness`, the ratings' `closeness_key`)."""

    closeness: str
    scores: pd.DataFrame
    start_tiers: pd.Series
    connectors: pd.DataFrame


def _then(net: Network, as_of: pd.Timestamp) -> Network:
    """The network as of `as_of` (contacts connected later left out), without interactions: every step
    reading them is in `facts.gather`."""
    return dataclasses.replace(net, contacts=breadth.connected_by(net.contacts, as_of),
                               annotations=net.annotations.reindex(columns=ANNOTATION_COLUMNS),
                               interactions=empty_frame(INTERACTION_COLUMNS))


def rate(net: Network, facts: Facts) -> Rated:
    """Scores (closeness blended into `facts`' behaviour), start-of-period tiers and connectors."""
    then = _then(net, facts.as_of)
    scores = depth.score_contacts(then, facts.as_of, facts.measured)
    start = facts.as_of - pd.Timedelta(days=facts.period_days)
    return Rated(closeness=closeness_key(then.annotations), scores=scores,
                 start_tiers=_start_tiers(then, scores, start, facts.measured_start),
                 connectors=graph.connectors(then, scores))


def analyse(net: Network, as_of: pd.Timestamp, period_days: int = DEFAULT_PERIOD_DAYS,
            facts: Facts | None = None, rated: Rated | None = None) -> Analysis:
    """Every figure for `net` as of `as_of`; the period compared is (as_of − period_days, as_of].

    `facts` is `facts.gather(net, as_of, period_days)`, computed now when not given; it reads no
    annotation, so the one gathered before an annotation edit still holds after it. Every step that
    reads the interactions is in `gather`: this stage never sees them (`net` may come without).
    `rated` is `rate(net, facts)`, computed now when not given; it holds while the closeness ratings do.
    """
    as_of = as_utc(as_of)
    facts = gather(net, as_of, period_days) if facts is None else facts
    if (facts.as_of, facts.period_days) != (as_of, period_days):
        raise ValueError(f"facts are for {facts.as_of:%Y-%m-%d} and {facts.period_days} days")
    net = _then(net, as_of)
    rated = rate(net, facts) if rated is None else rated
    if rated.closeness != closeness_key(net.annotations):
        raise ValueError("rated with other closeness ratings")
    scores = rated.scores
    ranked = groups.group_scores(net, scores["tier"], as_of, balance=facts.group_balance)
    suggested = marks.suggestions(net.interactions, net.annotations, as_of, facts.evidence)
    suggested = suggested[among(suggested["contact_id"], scores["contact_id"])]  # contacts only
    return Analysis(
        as_of=as_of, period_days=period_days, scores=scores, tiers=depth.tier_counts(scores),
        breadth=facts.breadth, diagnosis=diagnosis.diagnose(facts.breadth, scores),
        two_way=int(scores["last_two_way"].notna().sum()),
        contacts=contact_table(net, scores, suggested, facts.roles),
        growth=facts.growth, engagement=facts.engagement,
        target_share=breadth.target_share(net, list(net.settings.get("target_keywords", []))),
        groups=ranked, group_takeaways=groups.takeaways(ranked, facts.group_balance),
        balance=facts.balance, group_balance=facts.group_balance, suggestions=suggested,
        clients=actions.clients_to_call(net, scores, as_of, suggested),
        referrers=actions.referrers_to_call(net, scores, as_of, suggested),
        keep_in_touch=actions.keep_in_touch_50(net, scores, as_of, n=sys.maxsize, rises=facts.rises),
        reconnect=actions.reconnect(scores, net, as_of, past=facts.past),
        cadence=actions.cadence(scores, net.annotations, as_of),
        congratulate=role_changes.congratulate(net, as_of, scores),
        pitches=facts.pitches,
        closeness=hygiene.assuming_closeness(net, scores, as_of, facts.balance, facts.asks),
        taking=hygiene.taking_without_giving(facts.balance), goal_events=facts.goal_events,
        connectors=rated.connectors, period=facts.period, start_tiers=rated.start_tiers)
