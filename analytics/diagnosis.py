"""Wide or narrow, shallow or deep: the quadrant, why, and what to do next (farming, not hunting).

width (0-1) comes from the number of contacts on a log scale plus company diversity; depth (0-1) from
how many strong and active ties exist against Dunbar-sized targets that shrink for small networks.
Thresholds are in `analytics.weights` (Diagnosis section).

Example:
    >>> diagnose({"contacts": 0, "companies": 0, "diversity": 0.0}, pd.DataFrame(
    ...     {"strength": [], "tier": [], "name": []}))["quadrant"]
    'narrow-shallow'
"""

from __future__ import annotations

import math

import pandas as pd
from babel.lists import format_list

from analytics import i18n
from analytics import weights as W
from analytics.depth import tier_counts
from analytics.i18n import N_, _, counted

QUADRANTS: tuple[str, ...] = ("wide-shallow", "wide-deep", "narrow-shallow", "narrow-deep")


def width_score(breadth: dict) -> float:
    """0-1: contacts on a log scale between NARROW_SIZE and WIDE_SIZE, blended with diversity.

    >>> width_score({"contacts": 3000, "diversity": 1.0}), width_score({"contacts": 30, "diversity": 0.0})
    (1.0, 0.0)
    """
    n = breadth.get("contacts", 0)
    size = 0.0 if n <= 0 else math.log(n / W.NARROW_SIZE) / math.log(W.WIDE_SIZE / W.NARROW_SIZE)
    size = min(1.0, max(0.0, size))
    return round(W.SIZE_SHARE * size + (1 - W.SIZE_SHARE) * float(breadth.get("diversity", 0.0)), 4)


def tie_targets(n: int) -> tuple[float, float]:
    """How many strong and active ties make a network fully deep: Dunbar layer sizes, capped at a share
    of the contacts so small networks can be deep too.

    >>> tie_targets(40), tie_targets(2000)
    ((12.0, 20.0), (15.0, 50.0))
    """
    return (max(1.0, min(float(W.STRONG_TIES_TARGET), W.STRONG_TIES_MAX_SHARE * n)),
            max(1.0, min(float(W.ACTIVE_TIES_TARGET), W.ACTIVE_TIES_MAX_SHARE * n)))


def depth_score(scores: pd.DataFrame) -> tuple[float, int, int]:
    """(depth 0-1, strong ties, active ties) from a `score_contacts` frame: the ties are the contacts in
    `weights.STRONG_TIERS` and `weights.ACTIVE_TIERS`, so they add up the tier chart's bars.

    >>> depth_score(pd.DataFrame({"strength": [80.0, 35.0, 50.0, 0.0],
    ...                           "tier": ["Inner circle", "Active", "Dormant", "Never engaged"]}))
    (0.9167, 1, 2)
    """
    strong = int(scores["tier"].isin(W.STRONG_TIERS).sum())
    active = int(scores["tier"].isin(W.ACTIVE_TIERS).sum())
    strong_target, active_target = tie_targets(len(scores))
    depth = 0.5 * min(1.0, strong / strong_target) + 0.5 * min(1.0, active / active_target)
    return round(depth, 4), strong, active


def _warmest(scores: pd.DataFrame, k: int = 3) -> str:
    """Names of the strongest current contacts who are not strong ties yet, for a concrete next step."""
    below = scores[~scores["tier"].isin([*W.STRONG_TIERS, "Dormant", "Never engaged"])
                   & (scores["strength"] > 0)]
    names = below.sort_values("strength", ascending=False, kind="stable")["name"].head(k)
    return ", ".join(str(n) for n in names)


def _next_steps(quadrant: str, scores: pd.DataFrame, tiers: dict[str, int]) -> list[str]:
    dormant, never = tiers.get("Dormant", 0), tiers.get("Never engaged", 0)
    inner, close = tiers.get("Inner circle", 0), tiers.get("Close", 0)
    strong = inner + close
    warm = _warmest(scores)
    warm_step = (_("Book a call or coffee this month with your warmest contacts below the strong-tie line "
                   "({names}).").format(names=warm) if warm
                 else _("Book a call or coffee this month with three people you trust."))
    reconnect = counted("Reconnect with your {n} dormant relationship (no contact for a year): a short "
                        "personal note, no pitch.",
                        "Reconnect with your {n} dormant relationships (no contact for a year): a short "
                        "personal note, no pitch.", dormant) if dormant else ""
    if quadrant == "wide-shallow":
        steps = [counted("Stop adding connections for now: farm the {n} you have before hunting for more.",
                         "Stop adding connections for now: farm the {n} you have before hunting for more.",
                         len(scores)),
                 warm_step, reconnect or _("Reply to everyone who wrote to you in the last month."),
                 _("Give before you ask: endorse, recommend or introduce someone every week.")]
    elif quadrant == "narrow-shallow":
        steps = [_("Deepen before you widen: send three contacts something useful to them this week."),
                 warm_step, reconnect,
                 _("Join one group where you meet the same people every month (a chapter, chamber or "
                   "association) rather than collecting strangers online.")]
    elif quadrant == "wide-deep":
        steps = [counted("Keep your {n} strong tie warm on a cadence: the {inner} in your inner circle "
                         "every two weeks, the {close} close ones monthly.",
                         "Keep your {n} strong ties warm on a cadence: the {inner} in your inner circle "
                         "every two weeks, the {close} close ones monthly.", strong, inner=i18n.number(inner),
                         close=i18n.number(close)),
                 _("Be the connector: introduce people from different corners of your network to each "
                   "other."),
                 reconnect or counted("Say hello to a few of the {n} connection you never engaged with.",
                                      "Say hello to a few of the {n} connections you never engaged with.",
                                      never)]
    else:
        steps = [_("Ask your closest contacts for introductions to people they trust: warm, never cold."),
                 _("Widen deliberately: look for companies and functions your network lacks and attend one "
                   "event where they meet."),
                 counted("Keep the cadence with your {n} strong tie while you grow.",
                         "Keep the cadence with your {n} strong ties while you grow.", strong)]
    return [step for step in steps if step]


#: What each quadrant means (in English: shown through `_`).
MEANINGS = {
    "wide-shallow": N_("Wide and shallow: many names, few relationships. Referrals come from trust, "
                       "and trust comes from repeated two-way contact, not from the size of the list."),
    "wide-deep": N_("Wide and deep: a broad network with a real core of relationships. Protect the core "
                    "and use your reach to connect others."),
    "narrow-shallow": N_("Narrow and shallow: few connections and little two-way contact yet. Start with "
                         "the people you already know before adding more names."),
    "narrow-deep": N_("Narrow and deep: a small, close network. Your ties are strong; growth will come "
                      "from their introductions."),
}


def _tier_list(names: tuple[str, ...]) -> str:
    """Tier names in the language in use, listed its way ("Inner circle, Close and Active")."""
    return format_list([_(name) for name in names], locale=i18n.locale_name())


def diagnose(breadth: dict, scores: pd.DataFrame) -> dict:
    """Quadrant, width, depth, a plain-language explanation and next steps.

    `breadth` is `breadth_summary(...)`, `scores` is `score_contacts(...)`. Also returns strong_ties and
    active_ties (counts behind depth).
    """
    width = width_score(breadth)
    depth, strong, active = depth_score(scores)
    wide, deep = width >= W.WIDE_AT, depth >= W.DEEP_AT
    quadrant = f"{'wide' if wide else 'narrow'}-{'deep' if deep else 'shallow'}"
    n = breadth.get("contacts", len(scores))
    tiers = tier_counts(scores)
    dormant = counted("{n} former relationship has gone dormant (no contact for a year), whatever their "
                      "strength.",
                      "{n} former relationships have gone dormant (no contact for a year), whatever their "
                      "strength.", tiers["Dormant"]) if tiers["Dormant"] else ""
    # TRANSLATORS: {connections} is e.g. "25 connections", {companies} "10 companies", {strong} "3 strong
    # relationships", {active} "12 active ones"; {strong_tiers} and {active_tiers} list tier names.
    facts = _("You have {connections} across {companies} (diversity {diversity}), {strong} (tiers "
              "{strong_tiers}) and {active} (tiers {active_tiers}).").format(
        connections=counted("{n} connection", "{n} connections", n),
        companies=counted("{n} company", "{n} companies", breadth.get("companies", 0)),
        diversity=i18n.number(breadth.get("diversity", 0.0), 2),
        strong=counted("{n} strong relationship", "{n} strong relationships", strong),
        strong_tiers=_tier_list(W.STRONG_TIERS),
        active=counted("{n} active one", "{n} active ones", active), active_tiers=_tier_list(W.ACTIVE_TIERS))
    meaning = _(MEANINGS[quadrant])
    explanation = " ".join(part for part in (facts, dormant, meaning) if part)
    return {"quadrant": quadrant, "width": width, "depth": depth, "strong_ties": strong,
            "active_ties": active, "explanation": explanation,
            "next_steps": _next_steps(quadrant, scores, tiers)}

