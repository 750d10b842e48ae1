"""Relationship strength 0-100 per contact, with reasons and Dunbar tiers.

The score follows the tie-strength literature (Granovetter; Gilbert & Karahalios, CHI 2009): recency of
the last two-way exchange, time-decayed frequency, reciprocity, duration and multiplexity, then the
user's own closeness rating blended in. Every number lives in `analytics.weights`; every row carries
its component points (`pts_*`) and a one-line `reason`.

Example:
    >>> from analytics.model import empty_network
    >>> score_contacts(empty_network(), pd.Timestamp("2024-01-01", tz="UTC")).empty
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import i18n
from analytics import weights as W
from analytics.frames import as_utc, positions
from analytics.i18n import N_, _, counted
from analytics.model import Network
from analytics.wording import count_of, duration, measure

#: Tier names, strongest first: the Dunbar layers, then everyone outside them. Stored codes in English
#: (marked for the catalogue): show them with `_`.
TIER_ORDER: list[str] = [name for name, __, __ in W.DUNBAR_LAYERS] + [
    N_("Acquaintance"), N_("Dormant"), N_("Never engaged")]
#: Score components in breakdown order; each has a `pts_<name>` column.
COMPONENTS: tuple[str, ...] = (*W.STRENGTH_POINTS, "closeness")

_CHANNELS = tuple(W.CHANNEL_WEIGHTS)
_DAY_NS = 86_400 * 10**9
_NONE = -(2**62)  # "no date" sentinel for int64 nanoseconds; safe to subtract from real dates


def _ns(dates: pd.Series) -> np.ndarray:
    """UTC dates as int64 nanoseconds, `_NONE` where unknown."""
    s = pd.to_datetime(dates, utc=True).dt.as_unit("ns").dt.tz_localize(None)
    out = s.to_numpy().view("i8").copy()
    out[s.isna().to_numpy()] = _NONE
    return out


def _timestamps(ns: np.ndarray) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(np.where(ns == _NONE, np.iinfo("i8").min, ns).view("M8[ns]")).tz_localize("UTC")


def _scored(inter: pd.DataFrame, ids: pd.Index) -> tuple[np.ndarray, ...]:
    """(contact, channel, direction, nanoseconds) as integer arrays, one entry per interaction that counts
    for a score at some date: a known contact, a scored channel (not an invitation) and a date. Read once
    for every date `behaviours` scores at (text ids of a million messages are hashed once)."""
    code = positions(inter["contact_id"], ids)
    ch = positions(inter["channel"], pd.Index(_CHANNELS))
    dirx = np.where((inter["direction"] == "out").to_numpy(bool), 0,
                    np.where((inter["direction"] == "in").to_numpy(bool), 1, 2))
    ns = _ns(inter["date"])
    keep = (code >= 0) & (ch >= 0) & (ns != _NONE)  # invitations have ch == -1
    return code[keep], ch[keep], dirx[keep], ns[keep]


def _interaction_stats(scored: tuple[np.ndarray, ...], n: int, as_of_ns: int) -> dict[str, np.ndarray]:
    """Per-contact arrays (`n` contacts) from the interactions (`_scored`) up to `as_of_ns`, all by
    bincount/accumulate."""
    k = len(_CHANNELS)
    keep = scored[3] <= as_of_ns
    code, ch, dirx, ns = (a[keep] for a in scored)

    counts = np.bincount((code * k + ch) * 3 + dirx, minlength=n * k * 3).reshape(n, k, 3)
    age_days = (as_of_ns - ns) / _DAY_NS
    decay = np.asarray(list(W.CHANNEL_WEIGHTS.values()))[ch] * np.exp2(-age_days / W.FREQUENCY_HALF_LIFE_DAYS)
    last, first, last_two = np.full(n, _NONE), np.full(n, -_NONE), np.full(n, _NONE)
    np.maximum.at(last, code, ns)
    np.minimum.at(first, code, ns)

    # Two-way: an "in" within the window after an "out" (or vice versa), or a two-way channel. One sorted
    # int64 key per row packs contact | seconds | tag, so a running max over the opposite direction's
    # keys finds the latest earlier one, which is this contact's exactly when its high bits match.
    origin = ns.min() if len(ns) else 0
    tag = np.where(np.isin(ch, [_CHANNELS.index(c) for c in W.TWO_WAY_CHANNELS]), 3, dirx)
    key = np.sort((code.astype(np.int64) << 40) | (((ns - origin) // 10**9) << 2) | tag)
    tag_s, code_s, secs_s = key & 3, key >> 40, (key >> 2) & (2**38 - 1)
    two_way = tag_s == 3
    for mine, other in ((1, 0), (0, 1)):
        prev = np.maximum.accumulate(np.where(tag_s == other, key, -1)) if len(key) else key
        two_way |= (tag_s == mine) & (prev >> 40 == code_s) & \
            (secs_s - ((prev >> 2) & (2**38 - 1)) <= W.TWO_WAY_WINDOW_DAYS * 86_400)
    np.maximum.at(last_two, code_s[two_way], secs_s[two_way] * 10**9 + origin)
    first[first == -_NONE] = _NONE
    return {"counts": counts, "decayed": np.bincount(code, weights=decay, minlength=n),
            "last": last, "first": first, "last_two": last_two}


def _days(as_of_ns: int, ns: np.ndarray) -> np.ndarray:
    return np.where(ns == _NONE, np.nan, (as_of_ns - ns) / _DAY_NS)


def _ago_text(unit: int, n: int) -> str:
    if unit == 0:
        return _("today") if n < 1 else _("yesterday") if n < 2 else counted("{n} day ago", "{n} days ago", n)
    if unit == 1:
        return counted("{n} week ago", "{n} weeks ago", n)
    if unit == 2:
        return counted("{n} month ago", "{n} months ago", n)
    return counted("{n} year ago", "{n} years ago", n)


def _ago(days: np.ndarray) -> np.ndarray:
    """'today', '3 days ago', '3 weeks ago', '5 months ago', '2 years ago' (vectorised: each distinct
    text is written once, in the language in use).

    >>> _ago(np.array([0.5, 1.5, 3.0, 20.0, 400.0])).tolist()
    ['today', 'yesterday', '3 days ago', '2 weeks ago', '13 months ago']
    """
    d = np.nan_to_num(days, nan=0.0)
    conditions = [d < 14, d < 60, d < 730]
    n = np.select(conditions, [d, d / 7, d / 30.44], d / 365.25).astype(np.int64)
    unit = np.select(conditions, [0, 1, 2], 3).astype(np.int64)
    keys, index = np.unique(unit * 2**32 + n, return_inverse=True)
    texts = np.asarray([_ago_text(int(k >> 32), int(k & (2**32 - 1))) for k in keys], dtype=object)
    return texts[index.reshape(-1)]


def _each(values: list, write: Callable[[int], str]) -> list[str]:
    """`write(v)` for each of `values`, each distinct value written once (reasons for 30,000 contacts)."""
    known = {v: write(v) for v in set(values)}
    return [known[v] for v in values]


def _reasons(s: dict[str, np.ndarray], days_any: np.ndarray, days_two: np.ndarray) -> np.ndarray:
    """One sentence per contact from its interactions (the closeness rating is appended by
    `score_contacts`); each piece is built only for the rows it applies to."""
    counts = s["counts"]
    out_n, in_n = counts[:, :, 0].sum(axis=1), counts[:, :, 1].sum(axis=1)
    two = ~np.isnan(days_two)
    one = ~two & ~np.isnan(days_any)
    reason = np.full(len(days_any), _("no interaction since connecting"), dtype=object)
    two_way = _("last two-way exchange {ago}")
    reason[two] = [two_way.format(ago=ago) for ago in _ago(days_two[two])]
    one_way = np.select([in_n[one] == 0, out_n[one] == 0], [0, 1], 2)
    templates = (_("last contact {ago}, never answered"), _("last contact {ago}, you never replied"),
                 counted("last contact {ago}, no reply within {n} day",
                         "last contact {ago}, no reply within {n} days", W.TWO_WAY_WINDOW_DAYS, ago="{ago}"))
    reason[one] = [templates[k].format(ago=ago) for k, ago in zip(one_way.tolist(), _ago(days_any[one]),
                                                                   strict=True)]
    for j, channel in enumerate(_CHANNELS):
        rows = np.flatnonzero(counts[:, j, :].sum(axis=1))
        if channel == "endorsement":
            mutual = (counts[rows, j, 0] > 0) & (counts[rows, j, 1] > 0)
            _append(reason, rows[mutual], [_("endorsed each other")] * int(mutual.sum()))
            rows = rows[~mutual]
        _append(reason, rows, _each(counts[rows, j, :].sum(axis=1).tolist(),
                                    lambda n, c=channel: count_of(c, n)))
    return reason


def _append(reason: np.ndarray, rows: np.ndarray, texts: list[str] | np.ndarray) -> None:
    reason[rows] = reason[rows] + " · " + np.asarray(texts, dtype=object)


def _tiers(df: pd.DataFrame) -> np.ndarray:
    """Dunbar layers by rank cap AND minimum strength; then Dormant, Never engaged, Acquaintance."""
    col = {c: df[c].to_numpy() for c in ("closeness", "last_two_way", "interactions", "days_since_last",
                                          "strength")}
    keeps = np.nan_to_num(col["closeness"], nan=-1) >= W.CLOSENESS_KEEPS_ACTIVE
    had = pd.notna(col["last_two_way"]) | (col["interactions"] >= W.DORMANT_MIN_INTERACTIONS)
    dormant = had & (np.nan_to_num(col["days_since_last"]) > W.DORMANT_AFTER_DAYS) & ~keeps
    rank = np.cumsum(~dormant) - 1  # df is sorted strongest first
    tier = np.where(dormant, "Dormant", "").astype(object)
    for name, cap, minimum in W.DUNBAR_LAYERS:
        tier[(tier == "") & (rank < cap) & (col["strength"] >= minimum)] = name
    tier[(tier == "") & (col["interactions"] == 0)] = "Never engaged"
    tier[tier == ""] = "Acquaintance"
    return tier


@dataclass(frozen=True)
class Behaviour:
    """What a contact's score reads from the contacts and interactions alone, as of one date: everything
    but the user's closeness rating, which `score_contacts` blends in. Computed once per imported data
    and date (`behaviour`), it lets an annotation edit re-score 30,000 contacts without re-reading a
    million interactions. Arrays are aligned with `ids`; `base` is the contacts' rows in their order."""

    ids: pd.Index
    base: pd.DataFrame
    points: dict[str, np.ndarray]
    stats: pd.DataFrame
    reason: np.ndarray


def behaviour(net: Network, as_of: pd.Timestamp) -> Behaviour:
    """The behavioural part of every contact's score as of `as_of` (reads contacts and interactions only).

    >>> from analytics.model import empty_network
    >>> len(behaviour(empty_network(), pd.Timestamp("2024-01-01", tz="UTC")).ids)
    0
    """
    return behaviours(net, [as_of])[0]


def behaviours(net: Network, dates: list[pd.Timestamp]) -> list[Behaviour]:
    """`behaviour(net, d)` for each of `dates`, the interactions read once (now and at a period's start).

    >>> from analytics.model import empty_network
    >>> [len(b.ids) for b in behaviours(empty_network(), [pd.Timestamp("2024-01-01", tz="UTC")] * 2)]
    [0, 0]
    """
    ids = pd.Index(net.contacts["contact_id"].astype(str).unique())
    scored = _scored(net.interactions, ids)
    return [_behaviour(net.contacts, ids, scored, as_utc(d)) for d in dates]


def _behaviour(contacts: pd.DataFrame, ids: pd.Index, scored: tuple[np.ndarray, ...],
               as_of: pd.Timestamp) -> Behaviour:
    as_of_ns = int(as_of.as_unit("ns").value)
    s = _interaction_stats(scored, len(ids), as_of_ns)
    counts, pts = s["counts"], {}
    out_n, in_n = counts[:, :, 0].sum(axis=1), counts[:, :, 1].sum(axis=1)
    days_any, days_two = _days(as_of_ns, s["last"]), _days(as_of_ns, s["last_two"])

    p = W.STRENGTH_POINTS
    decay_two = np.nan_to_num(0.5 ** (days_two / W.RECENCY_HALF_LIFE_DAYS))
    decay_any = np.nan_to_num(0.5 ** (days_any / W.RECENCY_HALF_LIFE_DAYS))
    pts["recency"] = p["recency"] * np.maximum(decay_two, W.ONE_WAY_RECENCY_FACTOR * decay_any)
    saturation = np.log1p(W.FREQUENCY_SATURATION)
    pts["frequency"] = p["frequency"] * np.minimum(1.0, np.log1p(s["decayed"]) / saturation)
    reciprocity = np.divide(np.minimum(out_n, in_n), np.maximum(out_n, in_n),
                            out=np.zeros(len(ids)), where=np.maximum(out_n, in_n) > 0)
    confidence = np.minimum(1.0, (out_n + in_n) / W.RECIPROCITY_FULL_AT)
    pts["reciprocity"] = p["reciprocity"] * reciprocity * confidence
    connected = _ns(contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"]
                    .reindex(ids))
    since = np.where(connected == _NONE, s["first"], np.where(s["first"] == _NONE, connected,
                                                              np.minimum(connected, s["first"])))
    years = np.nan_to_num(_days(as_of_ns, since)) / 365.25
    pts["duration"] = p["duration"] * np.clip(years / W.DURATION_FULL_YEARS, 0, 1) * (reciprocity > 0)
    channels = (counts.sum(axis=2) > 0).sum(axis=1)
    pts["multiplexity"] = p["multiplexity"] * np.clip((channels - 1) / (W.MULTIPLEXITY_FULL_AT - 1), 0, 1)

    msg = _CHANNELS.index("message")
    stats = pd.DataFrame({
        "last_interaction": _timestamps(s["last"]), "last_two_way": _timestamps(s["last_two"]),
        "days_since_last": days_any, "days_since_two_way": days_two,
        "interactions": counts.sum(axis=(1, 2)), "interactions_out": out_n, "interactions_in": in_n,
        "messages_out": counts[:, msg, 0], "messages_in": counts[:, msg, 1],
        "channels": channels, "reciprocity": reciprocity, "years_known": years}, index=ids)
    base = contacts[["contact_id", "name", "company", "position", "connected_on"]].reset_index(drop=True)
    return Behaviour(ids=ids, base=base, points=pts, stats=stats, reason=_reasons(s, days_any, days_two))


def score_contacts(net: Network, as_of: pd.Timestamp, measured: Behaviour | None = None) -> pd.DataFrame:
    """Strength 0-100, tier, component points and a reason for every contact, strongest first.

    Indexed by contact_id (and also a `contact_id` column). Interactions after `as_of`, invitations
    (the connection itself) and interactions with unknown contacts are ignored. `measured` is
    `behaviour(net, as_of)` when already computed: only the closeness ratings are read again.

    >>> from analytics.model import empty_network
    >>> net = empty_network()
    >>> net.contacts = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"], "company": [""],
    ...     "position": [""], "connected_on": pd.to_datetime(["2020-01-01"], utc=True)})
    >>> score_contacts(net, pd.Timestamp("2024-01-01", tz="UTC")).loc["a", "tier"]
    'Never engaged'
    """
    b = behaviour(net, as_of) if measured is None else measured
    ann = net.annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    closeness = (pd.to_numeric(ann["closeness"], errors="coerce").reindex(b.ids)
                 .clip(0, W.CLOSENESS_MAX).to_numpy(dtype=float))
    share = np.where(np.isnan(closeness), 0.0, W.CLOSENESS_WEIGHT)
    pts = {name: b.points[name] * (1 - share) for name in W.STRENGTH_POINTS}
    pts["closeness"] = share * np.nan_to_num(closeness) / W.CLOSENESS_MAX * 100
    reason = b.reason.copy()
    rated = np.flatnonzero(~np.isnan(closeness))
    _append(reason, rated, _each(np.round(closeness[rated]).astype(int).tolist(),
                                 lambda c: _("you rated closeness {rating}/5").format(rating=i18n.number(c))))

    stats = b.stats.assign(closeness=closeness, reason=reason, **{f"pts_{k}": v for k, v in pts.items()})
    stats.insert(0, "strength", sum(pts.values()))
    df = pd.concat([b.base, stats.reindex(b.base["contact_id"].astype(str)).reset_index(drop=True)], axis=1)
    df = df.sort_values(["strength", "last_interaction", "contact_id"], ascending=[False, False, True],
                        na_position="last", kind="stable")
    df.index = pd.Index(df["contact_id"].to_numpy())
    df.insert(6, "tier", _tiers(df))
    return df


def tier_counts(scores: pd.DataFrame) -> dict[str, int]:
    """Contacts per tier, strongest first, every tier present (0 when empty).

    >>> tier_counts(pd.DataFrame({"tier": ["Close", "Dormant", "Close"]}))["Close"]
    2
    """
    counts = scores["tier"].value_counts()
    return {tier: int(counts.get(tier, 0)) for tier in TIER_ORDER}


def explain(row: pd.Series) -> list[tuple[str, float, str]]:
    """Breakdown of one scored row: (component, points, sentence) per component, in `COMPONENTS` order.

    >>> row = pd.Series({"pts_recency": 0.0, "pts_frequency": 0.0, "pts_reciprocity": 0.0,
    ...     "pts_duration": 0.0, "pts_multiplexity": 0.0, "pts_closeness": 0.0, "days_since_last": np.nan,
    ...     "days_since_two_way": np.nan, "interactions": 0, "interactions_out": 0, "interactions_in": 0,
    ...     "reciprocity": 0.0, "channels": 0, "years_known": 0.0, "closeness": np.nan})
    >>> explain(row)[0]
    ('recency', 0.0, 'No interaction yet.')
    """
    two, anyd = row["days_since_two_way"], row["days_since_last"]
    if pd.notna(two):
        recency = _("Last two-way exchange {ago}.").format(ago=_ago(np.array([two]))[0])
    elif pd.notna(anyd):
        recency = _("Last contact {ago} was one-way: counts for less.").format(ago=_ago(np.array([anyd]))[0])
    else:
        recency = _("No interaction yet.")
    rated = pd.notna(row["closeness"])
    sentences = {
        "recency": recency,
        "frequency": counted("{n} interaction; recent ones count most (weight halves every {days} days).",
                             "{n} interactions; recent ones count most (weight halves every {days} days).",
                             int(row["interactions"]), days=i18n.number(W.FREQUENCY_HALF_LIFE_DAYS)),
        "reciprocity": _("{given} from you, {received} from them (balance {balance}).").format(
            given=i18n.number(int(row["interactions_out"])), balance=i18n.number(row["reciprocity"], 2),
            received=i18n.number(int(row["interactions_in"]))),
        "duration": _("Known {duration}; counts once both sides have engaged (full at {years} years).")
        .format(duration=duration(row["years_known"] * 365.25), years=i18n.number(W.DURATION_FULL_YEARS)),
        "multiplexity": counted("{n} different channel. {measure}", "{n} different channels. {measure}",
                                int(row["channels"]), measure=measure("multiplexity")),
        "closeness": _("You rated closeness {rating}/5: it sets {share} of the score.").format(
            rating=i18n.number(row["closeness"]), share=i18n.percent(W.CLOSENESS_WEIGHT)) if rated
        else _("No closeness rating: the score is behaviour only."),
    }
    return [(c, float(row[f"pts_{c}"]), sentences[c]) for c in COMPONENTS]
