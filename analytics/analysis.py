"""One analysis of a network as of a date: every score computed once, read by every page, both report
formats, the graph and the CLI.

`analyse(net, as_of, period_days)` runs each step once and returns a frozen `Analysis`. It runs in
stages: `facts.gather` does everything that reads no annotation (the interaction-heavy part), then the
`STEPS` each read the facts and the few annotation columns named beside them (the scores read closeness
only, the groups and keep-in-touch the target flag, the call lists the marks, the rhythm the cadence),
and `contact_table` puts every annotation into the contact table. Given the `Facts` and the steps whose
columns did not change (`ui/session` caches each apart), a note re-runs only `contact_table`.
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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

import pandas as pd

from analytics import actions, breadth, depth, diagnosis, graph, groups, hygiene, marks, role_changes
from analytics.facts import DEFAULT_PERIOD_DAYS, Facts, gather, position_roles
from analytics.frames import among, as_utc
from analytics.i18n import N_
from analytics.model import ANNOTATION_COLUMNS, INTERACTION_COLUMNS, Network, empty_frame
from analytics.threads import concurrently

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


def contact_base(net: Network, scores: pd.DataFrame, roles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores joined with function/seniority, connection month and the sources the contact is known from:
    the contact table before the annotations (`contact_table`). `roles` is `facts.position_roles` of the
    contacts' positions when already computed."""
    roles = position_roles(scores["position"]) if roles is None else roles
    roles = roles.reindex(scores["position"].fillna("").astype(str))
    table = scores.assign(function=roles["function"].to_numpy(), seniority=roles["seniority"].to_numpy(),
                          month=scores["connected_on"].dt.strftime("%Y-%m").fillna(""))
    known = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["sources"]
    table["sources"] = table["contact_id"].map(known).astype(object).fillna("").to_numpy()  # "Known from"
    return table


def contact_table(base: pd.DataFrame, annotations: pd.DataFrame, suggested: pd.DataFrame) -> pd.DataFrame:
    """`contact_base` with the user's annotations and the mark the export suggests (`suggested_role`, ""
    when none): the one step every annotation edit re-runs, a few column lookups."""
    notes = annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    notes = notes.reindex(base.index)  # one lookup for every column
    table = base.drop(columns="sources")
    for column, default in (("notes", ""), ("target", False), ("consent", "unknown"),
                            ("cadence_days", float("nan")), ("role", "")):
        table[column] = notes[column].fillna(default).to_numpy()
    table["target"] = table["target"].astype(bool)
    hints = suggested.set_index("contact_id")["role"]
    table["suggested_role"] = table["contact_id"].map(hints).astype(object).fillna("").to_numpy()
    table["sources"] = base["sources"].to_numpy()
    return table


def _start_tiers(net: Network, scores: pd.DataFrame, start: pd.Timestamp,
                 measured: depth.Behaviour) -> pd.Series:
    before = depth.score_contacts(net, start, measured)["tier"].reindex(scores.index)
    connected = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"]
    later = pd.to_datetime(connected.reindex(scores.index), utc=True) > start
    return before.where(~later, NOT_CONNECTED)


#: The last stage's steps, each with the annotation columns it reads (besides the `Facts`): a step runs
#: again only when one of its columns changes. `rated` holds the scores and everything read from them
#: alone; the others read the scores too, so the closeness ratings are among their columns. The notes and
#: consent are read by `contact_table` only, which every annotation edit re-runs (a few column lookups).
STEPS: dict[str, tuple[str, ...]] = {
    "rated": ("closeness",),
    "targeted": ("closeness", "target"),  # groups' target reach, keep-in-touch, target share
    "marked": ("closeness", "role"),  # the export's suggestions, clients and referrers to call
    "cadenced": ("closeness", "cadence_days"),  # the keep-in-touch rhythm
}


def _values(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """An annotation column as compared (numbers, flags or text) and where it holds more than no value."""
    if column.name == "target":
        values = column.fillna(False).astype(bool)
        return values, values
    if column.name in ("closeness", "cadence_days"):
        values = pd.to_numeric(column, errors="coerce")
        return values, values.notna()
    values = column.fillna("").astype(str)
    return values, values != ""


def annotation_key(annotations: pd.DataFrame, columns: tuple[str, ...]) -> str:
    """A digest of the annotations' `columns` (each contact's last row; rows without a value in any of
    them count as no row): equal digests, equal results of the steps that read only those columns.

    >>> one = pd.DataFrame({"contact_id": ["a"], "closeness": [3.0], "notes": ["met"]})
    >>> two = pd.DataFrame({"contact_id": ["b", "a"], "closeness": [None, 3], "notes": ["new", "met"]})
    >>> annotation_key(one, ("closeness",)) == annotation_key(two, ("closeness",))
    True
    """
    ann = annotations.drop_duplicates("contact_id", keep="last")
    frame = pd.DataFrame({"contact_id": ann["contact_id"].astype(str)})
    kept = pd.Series(False, index=ann.index)
    for column in columns:
        frame[column], held = _values(ann[column])
        kept |= held
    frame = frame[kept].sort_values("contact_id", kind="stable")
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()).hexdigest()


@dataclass(frozen=True)
class Part:
    """The fields of the `Analysis` one step of `STEPS` computed (`fields`, by field name; `rated` also
    holds `table`, the `contact_base`), with `key`, the `annotation_key` of its columns it read: an edit
    of other columns leaves it as it was (`ui/session` caches each step by its key)."""

    name: str
    key: str
    fields: dict[str, object]


def _then(net: Network, as_of: pd.Timestamp) -> Network:
    """The network as of `as_of` (contacts connected later left out), without interactions (every step
    reading them is in `facts.gather`), one annotation row per contact (its last)."""
    annotations = net.annotations.reindex(columns=ANNOTATION_COLUMNS)
    return dataclasses.replace(net, contacts=breadth.connected_by(net.contacts, as_of),
                               annotations=annotations.drop_duplicates("contact_id", keep="last"),
                               interactions=empty_frame(INTERACTION_COLUMNS))


def _rated(net: Network, facts: Facts) -> dict[str, object]:
    """Scores (closeness blended into `facts`' behaviour), start-of-period tiers, connectors, and what
    reads only the scores: diagnosis, reconnect, new roles, asking too soon, the contact table's base."""
    as_of = facts.as_of
    scores = depth.score_contacts(net, as_of, facts.measured)
    start = as_of - pd.Timedelta(days=facts.period_days)
    return {"scores": scores, "tiers": depth.tier_counts(scores),
            "two_way": int(scores["last_two_way"].notna().sum()),
            **concurrently({  # independent steps, on two threads
                "connectors": partial(graph.connectors, net, scores),
                "start_tiers": partial(_start_tiers, net, scores, start, facts.measured_start),
                "congratulate": partial(role_changes.congratulate, net, as_of, scores),
                "reconnect": partial(actions.reconnect, scores, net, as_of, past=facts.past),
                "closeness": partial(hygiene.assuming_closeness, net, scores, as_of, facts.balance,
                                     facts.asks),
                "table": partial(contact_base, net, scores, facts.roles),
                "diagnosis": partial(diagnosis.diagnose, facts.breadth, scores)})}


def _targeted(net: Network, facts: Facts, scores: pd.DataFrame) -> dict[str, object]:
    ranked = groups.group_scores(net, scores["tier"], facts.as_of, balance=facts.group_balance)
    return {"groups": ranked, "group_takeaways": groups.takeaways(ranked, facts.group_balance),
            "keep_in_touch": actions.keep_in_touch_50(net, scores, facts.as_of, n=sys.maxsize,
                                                      rises=facts.rises),
            "target_share": breadth.target_share(net, list(net.settings.get("target_keywords", [])))}


def _marked(net: Network, facts: Facts, scores: pd.DataFrame) -> dict[str, object]:
    suggested = marks.suggestions(net.interactions, net.annotations, facts.as_of, facts.evidence)
    suggested = suggested[among(suggested["contact_id"], scores["contact_id"])]  # contacts only
    return {"suggestions": suggested, "clients": actions.clients_to_call(net, scores, facts.as_of, suggested),
            "referrers": actions.referrers_to_call(net, scores, facts.as_of, suggested)}


def _cadenced(net: Network, facts: Facts, scores: pd.DataFrame) -> dict[str, object]:
    return {"cadence": actions.cadence(scores, net.annotations, facts.as_of)}


_READ_SCORES = {"targeted": _targeted, "marked": _marked, "cadenced": _cadenced}


def step(name: str, net: Network, facts: Facts, rated: Part | None = None) -> Part:
    """Step `name` of `STEPS` for `net` as of `facts`' date; the steps after `rated` read its scores
    (`rated`, computed now when not given, must hold for `net`'s closeness ratings)."""
    then = _then(net, facts.as_of)
    if name == "rated":
        fields = _rated(then, facts)
    else:
        rated = step("rated", net, facts) if rated is None else _checked(rated, then.annotations)
        fields = _READ_SCORES[name](then, facts, rated.fields["scores"])
    return Part(name=name, key=annotation_key(then.annotations, STEPS[name]), fields=fields)


def _checked(part: Part, annotations: pd.DataFrame) -> Part:
    """`part` when computed from the values of its columns in `annotations`, else ValueError."""
    if part.key != annotation_key(annotations, STEPS[part.name]):
        raise ValueError(f"{part.name} computed with other {' and '.join(STEPS[part.name])} values")
    return part


def analyse(net: Network, as_of: pd.Timestamp, period_days: int = DEFAULT_PERIOD_DAYS,
            facts: Facts | None = None, parts: Iterable[Part] = ()) -> Analysis:
    """Every figure for `net` as of `as_of`; the period compared is (as_of − period_days, as_of].

    `facts` is `facts.gather(net, as_of, period_days)`, computed now when not given; it reads no
    annotation, so the one gathered before an annotation edit still holds after it. Every step that
    reads the interactions is in `gather`: this stage never sees them (`net` may come without).
    `parts` are steps of `STEPS` computed before (`step`), each used while the annotation columns it
    read hold (else ValueError); the others are computed now.
    """
    as_of = as_utc(as_of)
    facts = gather(net, as_of, period_days) if facts is None else facts
    if (facts.as_of, facts.period_days) != (as_of, period_days):
        raise ValueError(f"facts are for {facts.as_of:%Y-%m-%d} and {facts.period_days} days")
    net = _then(net, as_of)
    done = {part.name: _checked(part, net.annotations) for part in parts}
    done["rated"] = done.get("rated") or step("rated", net, facts)
    later = concurrently({name: partial(step, name, net, facts, done["rated"])  # independent of each other
                          for name in STEPS if name not in done})
    fields: dict[str, object] = {}
    for name in STEPS:
        fields.update((done.get(name) or later[name]).fields)
    base = fields.pop("table")
    return Analysis(as_of=as_of, period_days=period_days, breadth=facts.breadth, growth=facts.growth,
                    engagement=facts.engagement, balance=facts.balance, group_balance=facts.group_balance,
                    pitches=facts.pitches, taking=hygiene.taking_without_giving(facts.balance),
                    goal_events=facts.goal_events, period=facts.period,
                    contacts=contact_table(base, net.annotations, fields["suggestions"]), **fields)
