"""What the analysis reads from the imported data, the ledger and the settings, never from the user's
annotations: computed once per (everything but the annotations, as-of, period), so saving a note, a
closeness, a consent, a cadence, a mark or a target re-runs only the steps that read annotations.

`gather(net, as_of, period_days)` runs every interaction-heavy step once (per-contact interaction
aggregates at the as-of and at the period's start, message checks, give and take, goals' events, the
period's counts) and returns a frozen `Facts`; `analysis.analyse` finishes from it. It never sees the
annotations: `gather` drops them before any step runs.

Example:
    >>> from analytics.model import empty_network
    >>> gather(empty_network(), pd.Timestamp("2026-01-01", tz="UTC")).breadth["contacts"]
    0
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from analytics import actions, breadth, depth, exchanges, hygiene, marks
from analytics import weights as W
from analytics.frames import among, as_utc, kept
from analytics.i18n import N_
from analytics.model import ANNOTATION_COLUMNS, Network, empty_frame
from analytics.threads import concurrently

#: The interaction columns every step but the text checks reads.
SLIM_COLUMNS = ["contact_id", "date", "channel", "direction"]
#: The period the pages compare with the one before it (the report lets the user choose another).
DEFAULT_PERIOD_DAYS = 90


@dataclass(frozen=True)
class Facts:
    """Everything `analyse` needs that does not read annotations, for one network as of one date.

    measured / measured_start: depth.behaviour at as_of and at the period's start;
    roles: function and seniority per position text; breadth: breadth.breadth_summary;
    growth, engagement; balance / group_balance: exchanges.per_contact / per_group;
    evidence: marks.export_evidence; pitches: hygiene.early_pitches; asks: hygiene.ask_messages;
    rises: actions.rising; past: actions.history; goal_events: actions.goal_events;
    period: period_counts for "now" and "before".
    """

    as_of: pd.Timestamp
    period_days: int
    measured: depth.Behaviour
    measured_start: depth.Behaviour
    roles: pd.DataFrame
    breadth: dict
    growth: pd.DataFrame
    engagement: pd.DataFrame
    balance: pd.DataFrame
    group_balance: pd.DataFrame
    evidence: pd.DataFrame
    pitches: pd.DataFrame
    asks: pd.DataFrame
    rises: pd.DataFrame
    past: pd.DataFrame
    goal_events: pd.DataFrame
    period: dict[str, dict[str, float]]


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
    # The keys are shown as labels: in English (marked for the catalogue), shown with `_`.
    return {N_("New connections"): int(window(net.contacts["connected_on"], start, end).sum()),
            N_("Two-way exchanges"): len(two_way),
            N_("Referrals given"): int((kind == "referral:out").sum()),
            N_("Referrals received"): int((kind == "referral:in").sum()),
            N_("One-to-ones"): int((led["kind"] == "one_to_one").sum()), N_("Closed deals"): len(closed),
            N_("Closed business (EUR)"): float(closed["value"].sum())}


def engagement_by_month(interactions: pd.DataFrame, contacts: pd.DataFrame, as_of: pd.Timestamp
                        ) -> pd.DataFrame:
    """Exchanges per calendar month up to `as_of` (every interaction but invitations to connect, which
    the growth chart counts as connections): columns month, out and in (with people among `contacts`,
    by direction) and other (both directions, with people who are not contacts: counted apart, since
    the relationships are what the chart follows).

    >>> days = ["2024-01-05", "2024-01-09", "2024-01-10", "2024-03-01", "2024-03-02"]
    >>> frame = pd.DataFrame({"contact_id": ["a", "a", "x", "a", "a"], "date": pd.to_datetime(days, utc=True),
    ...     "direction": ["out", "in", "in", "out", "out"],
    ...     "channel": ["message", "message", "message", "endorsement", "invitation"]})
    >>> engagement_by_month(frame, pd.DataFrame({"contact_id": ["a"]}), pd.Timestamp("2024-12-31", tz="UTC")
    ...                     ).values.tolist()
    [['2024-01', 1, 1, 1], ['2024-02', 0, 0, 0], ['2024-03', 1, 0, 0]]
    """
    dated = kept(interactions, interactions["date"].notna() & (interactions["date"] <= as_of)
                 & (interactions["channel"] != "invitation"))
    if dated.empty:
        return pd.DataFrame({"month": [], "out": [], "in": [], "other": []})
    month = (dated["date"].dt.year * 12 + dated["date"].dt.month - 1).to_numpy(np.int64)  # months since 0 AD
    first, span = month.min(), month.max() - month.min() + 1
    # a million rows, a few thousand people: each looked up once
    codes, people = pd.factorize(dated["contact_id"], use_na_sentinel=False)
    known = np.asarray(among(pd.Series(people, dtype=object), contacts["contact_id"]))[codes]
    sides = {"out": known & (dated["direction"] == "out").to_numpy(bool),
             "in": known & (dated["direction"] == "in").to_numpy(bool), "other": ~known}
    return pd.DataFrame({"month": [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, first + span)],
                         **{side: np.bincount(month[rows] - first, minlength=span)
                            for side, rows in sides.items()}})


def position_roles(positions: pd.Series) -> pd.DataFrame:
    """Function and seniority per distinct position text (the index; missing positions read as "").

    >>> position_roles(pd.Series(["CEO", None, "CEO"])).index.tolist()
    ['CEO', '']
    """
    texts = pd.Series(positions.fillna("").astype(str).unique(), dtype=object)
    return breadth.classify_positions(texts).set_axis(pd.Index(texts))


def gather(net: Network, as_of: pd.Timestamp, period_days: int = DEFAULT_PERIOD_DAYS) -> Facts:
    """Every step of the analysis that reads no annotation, for `net` as of `as_of`."""
    as_of = as_utc(as_of)
    start = as_of - pd.Timedelta(days=period_days)
    net = dataclasses.replace(net, contacts=breadth.connected_by(net.contacts, as_of),  # the network then
                              annotations=empty_frame(ANNOTATION_COLUMNS))
    outbound = hygiene.outbound_messages(net, as_of)  # read by both text checks, the only ones reading texts
    # every other step filters rows of the interactions: without the texts, a filter copies a tenth
    net = dataclasses.replace(net, interactions=net.interactions[SLIM_COLUMNS])
    before = start - pd.Timedelta(days=period_days)
    done = concurrently({  # independent steps, on two threads
        "measured": partial(depth.behaviours, net, [as_of, start]),
        "evidence": partial(marks.export_evidence, net.interactions, as_of),
        "breadth": partial(breadth.breadth_summary, net, as_of),
        "goal_events": partial(actions.goal_events, net, as_of),
        "balance": partial(exchanges.per_contact, net, as_of),
        "engagement": partial(engagement_by_month, net.interactions, net.contacts, as_of),
        "past": partial(actions.history, net, as_of),
        "pitches": partial(hygiene.early_pitches, net, as_of, outbound=outbound),
        "asks": partial(hygiene.ask_messages, outbound),
        "now": partial(period_counts, net, start, as_of),
        "before": partial(period_counts, net, before, start),
        "rises": partial(actions.rising, net, as_of),
        "group_balance": partial(exchanges.per_group, net, as_of),
        "roles": partial(position_roles, net.contacts["position"]),
        "growth": partial(breadth.growth, net),
    })
    done["measured"], done["measured_start"] = done["measured"]
    done["period"] = {"now": done.pop("now"), "before": done.pop("before")}
    return Facts(as_of=as_of, period_days=period_days, **done)

