"""Which networking groups pay off: value scores, payback, give/take (who is a member: `attribution`).

A group's cost is its fee prorated over the months since joining plus the hours spent, priced at the
user's hourly rate (`net.settings["hourly_rate"]`). Its score (0-100) adds points for return on that
cost, referrals received, strong ties, target reach, one-to-ones and giving; every number lives in
`analytics/weights.py` (section "Groups") and the README explains them. Every row says how its
score was made. Its *verdict* (`verdict`) says what kind of return it brings: pays off (closed
business >= cost, time included), early (too young to judge), promising (referrals or one-to-ones
flowing, money not back yet) or not paying off; the traffic light follows the verdict, never the score.

Example:
    >>> from analytics.model import empty_network
    >>> group_scores(empty_network(), pd.Series(dtype=object), pd.Timestamp("2026-01-01", tz="UTC")).empty
    True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import exchanges, i18n, wording
from analytics import weights as w
from analytics.errors import InputError
from analytics.frames import as_utc, name_or_id
from analytics.i18n import N_, _, counted
from analytics.model import MEMBER_COLUMNS, Network

SCORE_COLUMNS = ["group_id", "name", "type", "contacts", "strong_ties", "referrals_received",
                 "referrals_given", "introductions_received", "closed_value", "one_to_ones", "months",
                 "cost", "return_on_cost", "value_per_hour", "months_to_first_close", "early",
                 "target_reach", "given", "received", "give_take", "hours", "score", "verdict",
                 "light", "verdict_text", "judge_from", "reason",
                 *(f"pts_{k}" for k in w.GROUP_POINTS)]
#: Verdict id -> (words the app uses, in English: show them with `_`, traffic light), in ranking order.
VERDICTS: dict[str, tuple[str, str]] = {
    # TRANSLATORS: group verdicts: what kind of return a networking group brings (a coach's words).
    "pays_off": (N_("pays off"), "green"), "promising": (N_("promising"), "amber"),
    "early": (N_("early"), "early"), "not_paying_off": (N_("not paying off"), "red")}
#: Score component -> its name in the score's explanation (`_reasons`).
POINT_WORDS = {"return": N_("return"), "referrals": N_("referrals"), "strong_ties": N_("strong ties"),
               "target_reach": N_("target reach"), "one_to_ones": N_("one to ones"), "giving": N_("giving")}
DAYS_PER_MONTH = 365.25 / 12


def hourly_rate(net: Network) -> float:
    """The user's hourly rate (settings["hourly_rate"], else weights.DEFAULT_HOURLY_RATE)."""
    return float(net.settings.get("hourly_rate", w.DEFAULT_HOURLY_RATE))


def _ledger(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    led = net.ledger
    return led[(led["date"] <= as_of) & (led["group_id"].fillna("") != "")]


def _tally(led: pd.DataFrame, index: pd.Index, how: str = "size") -> pd.DataFrame:
    """group_id x "kind:direction" -> count (how="size") or summed value (how="sum")."""
    keyed = led.assign(key=led["kind"] + ":" + led["direction"])
    grouped = keyed.groupby(["group_id", "key"])
    table = (grouped.size() if how == "size" else grouped["value"].sum()).unstack(fill_value=0)
    return table.reindex(index=index, fill_value=0)


def _col(table: pd.DataFrame, key: str) -> pd.Series:
    return table[key] if key in table.columns else pd.Series(0, index=table.index)


def group_contacts(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """(contact_id, group_id) of every member listed, plus everyone in the group's ledger rows."""
    led = _ledger(net, as_of)
    pairs = pd.concat([net.members[MEMBER_COLUMNS], led[MEMBER_COLUMNS]], ignore_index=True)
    pairs = pairs[(pairs["contact_id"].fillna("") != "") & (pairs["group_id"].fillna("") != "")]
    return pairs.drop_duplicates(ignore_index=True)


def membership_months(groups: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Months since joined_on up to as_of (0 if joined later); GROUP_UNKNOWN_JOIN_MONTHS if unknown."""
    months = (as_of - groups["joined_on"]).dt.days / DAYS_PER_MONTH
    return months.clip(lower=0).fillna(float(w.GROUP_UNKNOWN_JOIN_MONTHS)).astype(float)


def group_cost(groups: pd.DataFrame, months: pd.Series, rate: float) -> pd.Series:
    """Fee prorated over `months` plus hours x months x hourly `rate`.

    >>> g = pd.DataFrame({"annual_cost": [1200.0], "hours_per_month": [2.0]})
    >>> group_cost(g, pd.Series([6.0]), 50.0).tolist()
    [1200.0]
    """
    return groups["annual_cost"].fillna(0) / 12 * months + groups["hours_per_month"].fillna(0) * months * rate


def _share(measure: pd.Series, full_at: float) -> pd.Series:
    return (measure.fillna(0) / full_at).clip(0, 1)


def points(m: pd.DataFrame, has_targets: bool) -> pd.DataFrame:
    """Points per component (columns of weights.GROUP_POINTS) from the measures in `m`."""
    years = m["months"].clip(lower=1) / 12
    roi = np.log1p(m["return_on_cost"].fillna(0)) / np.log1p(w.GROUP_RETURN_FULL_AT)
    roi = roi.where(m["cost"] > 0, (m["closed_value"] > 0).astype(float))
    shares = {
        "return": roi.clip(0, 1),
        "referrals": _share((m["referrals_received"] + m["introductions_received"]) / years,
                            w.GROUP_REFERRALS_FULL_PER_YEAR),
        "strong_ties": _share(m["strong_ties"], w.GROUP_STRONG_TIES_FULL_AT),
        "target_reach": _share(m["target_reach"], w.GROUP_TARGET_REACH_FULL_AT) * has_targets,
        "one_to_ones": _share(m["one_to_ones"] / m["months"].clip(lower=1),
                              w.GROUP_ONE_TO_ONES_FULL_PER_MONTH),
        "giving": _share(m["given"] / years, w.GROUP_GIVING_FULL_PER_YEAR),
    }
    return pd.DataFrame({k: shares[k] * pts for k, pts in w.GROUP_POINTS.items()})


def _reasons(m: pd.DataFrame, pts: pd.DataFrame, has_targets: bool) -> list[str]:
    out = []
    for (__, r), (__, p) in zip(m.iterrows(), pts.iterrows(), strict=True):
        roi = (_("no cost") if r["cost"] <= 0
               else _("{ratio}x").format(ratio=i18n.number(r["return_on_cost"], 1)))
        target = (_("{share} of members in your targets").format(share=i18n.percent(r["target_reach"]))
                  if has_targets else _("no targets marked"))
        why = {"return": counted("closed business {closed} on cost {cost} over {n} month, {roi}",
                                 "closed business {closed} on cost {cost} over {n} months, {roi}",
                                 round(r["months"]), closed=i18n.number(r["closed_value"]),
                                 cost=i18n.number(r["cost"]), roi=roi),
               "referrals": counted("{n} referral/introduction received",
                                    "{n} referrals/introductions received", int(r["received"])),
               "strong_ties": counted("{strong} of {n} contact", "{strong} of {n} contacts",
                                      int(r["contacts"]), strong=i18n.number(r["strong_ties"])),
               "target_reach": target, "one_to_ones": i18n.number(r["one_to_ones"]),
               "giving": counted("{n} referral/introduction given", "{n} referrals/introductions given",
                                 int(r["given"]))}
        # TRANSLATORS: one part of a group's score: "referrals 12 (8 referrals/introductions received)".
        part = _("{component} {points} ({why})")
        parts = " + ".join(part.format(component=_(POINT_WORDS[k]), points=i18n.number(p[k]), why=why[k])
                           for k in w.GROUP_POINTS)
        out.append(_("Score {score}/100 = {parts}.").format(score=i18n.number(r["score"]), parts=parts))
    return out


def verdict(m: pd.DataFrame) -> pd.DataFrame:
    """Each group's verdict id (VERDICTS), a plain sentence with its own figures and, for early groups,
    the date it can be judged (judge_from). `m` holds closed_value, cost, months, joined_on,
    referrals_received, introductions_received and one_to_ones.

    pays off: closed business received >= cost (time included) and > 0; early: joined less than
    GROUP_EARLY_MONTHS months ago; promising: at least GROUP_PROMISING_REFERRALS_PER_YEAR referrals and
    introductions received a year, or GROUP_PROMISING_ONE_TO_ONES_PER_MONTH one-to-ones a month;
    otherwise not paying off.

    >>> m = pd.DataFrame({"name": ["A", "B"], "closed_value": [3000.0, 900.0], "cost": [1000.0, 1800.0],
    ...     "months": [12.0, 24.0], "joined_on": [pd.NaT, pd.NaT], "referrals_received": [0, 10],
    ...     "introductions_received": [0, 0], "one_to_ones": [0, 0]})
    >>> verdict(m)["verdict"].tolist()
    ['pays_off', 'promising']
    >>> verdict(m)["verdict_text"].iloc[1]
    'B is promising: 10 referrals and introductions received, €900 of its €1,800 cost back so far (0.50×).'
    >>> with i18n.use("de"):
    ...     print(verdict(m)["verdict_text"].iloc[0].replace("\\xa0", " "))
    A zahlt sich aus: 3.000 € abgeschlossene Geschäfte bei 1.000 € Kosten, Zeit eingerechnet (3,00×).
    """
    paid = (m["closed_value"] > 0) & (m["closed_value"] >= m["cost"])
    young = m["joined_on"].notna() & (m["months"] < w.GROUP_EARLY_MONTHS)
    years = m["months"].clip(lower=1) / 12
    received = m["referrals_received"] + m["introductions_received"]
    flowing = ((received / years >= w.GROUP_PROMISING_REFERRALS_PER_YEAR)
               | (m["one_to_ones"] / m["months"].clip(lower=1) >= w.GROUP_PROMISING_ONE_TO_ONES_PER_MONTH))
    ids = np.select([paid, young, flowing], ["pays_off", "early", "promising"], "not_paying_off")
    judge = (m["joined_on"] + pd.DateOffset(months=w.GROUP_EARLY_MONTHS)).where(young)
    texts = [_verdict_text(v, r, when, int(got))
             for r, v, when, got in zip(m.itertuples(index=False), ids, judge, received, strict=True)]
    return pd.DataFrame({"verdict": ids, "verdict_text": texts, "judge_from": judge}, index=m.index)


def _verdict_text(verdict_id: str, r: tuple, when: pd.Timestamp, got: int) -> str:
    """The verdict's sentence with the group's own figures, in the language in use."""
    # TRANSLATORS: {ratio} is "" or " (0.50×)": closed business divided by cost.
    ratio = f" ({i18n.number(r.closed_value / r.cost, 2)}×)" if r.cost > 0 else ""
    values = {"name": r.name, "closed": i18n.money(r.closed_value), "cost": i18n.money(r.cost),
              "ratio": ratio}
    if verdict_id == "pays_off":
        return _("{name} pays off: {closed} closed business on {cost} cost, time included{ratio}.").format(
            **values)
    if verdict_id == "early":
        return counted("{name} is early, not failing: joined {n} month ago; judge it from {day}.",
                       "{name} is early, not failing: joined {n} months ago; judge it from {day}.",
                       round(r.months), name=r.name, day=i18n.date(when))
    if verdict_id == "promising":
        return counted("{name} is promising: {n} referral or introduction received, {closed} of its "
                       "{cost} cost back so far{ratio}.",
                       "{name} is promising: {n} referrals and introductions received, {closed} of its "
                       "{cost} cost back so far{ratio}.", got, **values)
    return _("{name} is not paying off: {closed} of its {cost} cost back so far{ratio}, and few referrals or "
             "one-to-ones.").format(**values)


def group_scores(net: Network, tiers: pd.Series, as_of: pd.Timestamp, target: pd.Series | None = None,
                 balance: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per group (columns SCORE_COLUMNS), by verdict (pays off first), then return on cost.

    `tiers`: contact_id -> tier (from depth.score_contacts); `target`: contact_id -> bool "in my target
    segments" (default: the `target` flag in net.annotations); `balance`: `exchanges.per_group` (computed
    when not given). Contacts of a group = its listed members plus everyone in its ledger rows up to `as_of`.
    """
    as_of = as_utc(as_of)
    groups = net.groups.drop_duplicates("group_id").set_index("group_id", drop=False)
    if groups.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    led = _ledger(net, as_of)
    counts, values = _tally(led, groups.index), _tally(led, groups.index, "sum")
    if target is None:
        ann = net.annotations
        target = pd.Series(ann["target"].fillna(False).astype(bool).to_numpy(), index=ann["contact_id"])
    balance = exchanges.per_group(net, as_of) if balance is None else balance
    balance = balance.set_index("group_id").reindex(groups.index)
    pairs = group_contacts(net, as_of)
    pairs = pairs.assign(strong=pairs["contact_id"].map(tiers).isin(w.STRONG_TIERS),
                         target=pairs["contact_id"].isin(target.index[target.fillna(False).astype(bool)]))
    per_group = pairs.groupby("group_id").agg(contacts=("contact_id", "size"), strong_ties=("strong", "sum"),
                                              target_reach=("target", "mean")).reindex(groups.index)
    closes = led[(led["kind"] == "closed_business") & (led["direction"] == "in")]
    first_close = closes.groupby("group_id")["date"].min().reindex(groups.index)
    m = pd.DataFrame({"group_id": groups["group_id"], "name": groups["name"], "type": groups["type"]})
    m["contacts"] = per_group["contacts"].fillna(0).astype(int)
    m["strong_ties"] = per_group["strong_ties"].fillna(0).astype(int)
    m["referrals_received"] = _col(counts, "referral:in").astype(int)
    m["referrals_given"] = _col(counts, "referral:out").astype(int)
    m["introductions_received"] = _col(counts, "introduction:in").astype(int)
    m["closed_value"] = _col(values, "closed_business:in").astype(float)
    m["one_to_ones"] = (_col(counts, "one_to_one:out") + _col(counts, "one_to_one:in")).astype(int)
    m["months"] = membership_months(groups, as_of)
    m["cost"] = group_cost(groups, m["months"], hourly_rate(net))
    m["return_on_cost"] = (m["closed_value"] / m["cost"]).where(m["cost"] > 0)
    hours = groups["hours_per_month"].fillna(0) * m["months"]
    m["hours"] = hours.astype(float)
    m["value_per_hour"] = (m["closed_value"] / hours).where(hours > 0)
    m["months_to_first_close"] = ((first_close - groups["joined_on"]).dt.days / DAYS_PER_MONTH).clip(lower=0)
    m["target_reach"] = per_group["target_reach"].fillna(0.0).astype(float)
    m["given"] = balance["given"].fillna(0).astype(int)
    m["received"] = balance["received"].fillna(0).astype(int)
    m["give_take"] = m["given"] - m["received"]
    has_targets = bool(target.any())
    pts = points(m, has_targets)
    m["score"] = pts.sum(axis=1).round(1)
    m[[f"pts_{k}" for k in pts.columns]] = pts.to_numpy()
    judged = verdict(m.assign(joined_on=groups["joined_on"]))
    m = m.join(judged)
    m["early"] = m["verdict"] == "early"
    m["light"] = m["verdict"].map({k: light for k, (_, light) in VERDICTS.items()})
    m["reason"] = _reasons(m, pts, has_targets)
    m["_order"] = m["verdict"].map({k: i for i, k in enumerate(VERDICTS)})
    m["_ratio"] = m["return_on_cost"].fillna(np.inf * (m["closed_value"] > 0)).fillna(0.0)
    return m.sort_values(["_order", "_ratio", "score", "name"], ascending=[True, False, False, True],
                         ignore_index=True)[SCORE_COLUMNS]


def payback_curve(net: Network, group_id: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """Month by month since joining: month (1, 2, ...), month_end, cumulative_cost, cumulative_return
    (closed business received) and paid_back (return >= cost > 0). The first paid_back month is the
    payback point (see `payback_month`). Unknown join date: the last GROUP_UNKNOWN_JOIN_MONTHS months.
    """
    as_of = as_utc(as_of)
    rows = net.groups[net.groups["group_id"] == group_id]
    if rows.empty:
        raise InputError("groups", _("unknown group {group}").format(group=repr(group_id)))
    group = rows.iloc[[0]].reset_index(drop=True)
    months = float(membership_months(group, as_of).iloc[0])
    start = group["joined_on"].iloc[0]
    start = as_of - pd.DateOffset(months=w.GROUP_UNKNOWN_JOIN_MONTHS) if pd.isna(start) else start
    n = max(1, int(np.ceil(months)))
    ends = pd.DatetimeIndex([min(start + pd.DateOffset(months=i), as_of) for i in range(1, n + 1)])
    monthly = float(group_cost(group, pd.Series([1.0]), hourly_rate(net)).iloc[0])
    led = _ledger(net, as_of)
    closes = led[(led["group_id"] == group_id) & (led["kind"] == "closed_business")
                 & (led["direction"] == "in")].sort_values("date")
    cumulative = np.concatenate([[0.0], closes["value"].cumsum().to_numpy(dtype=float)])
    reached = np.searchsorted(closes["date"].dt.as_unit("ns").astype("int64").to_numpy(),
                              ends.as_unit("ns").asi8, side="right")
    curve = pd.DataFrame({"month": np.arange(1, n + 1), "month_end": ends,
                          "cumulative_cost": monthly * np.minimum(np.arange(1, n + 1), months),
                          "cumulative_return": cumulative[reached]})
    curve["paid_back"] = ((curve["cumulative_return"] >= curve["cumulative_cost"])
                          & (curve["cumulative_cost"] > 0))
    return curve


def payback_month(curve: pd.DataFrame) -> int | None:
    """The first month whose cumulative return reached the cumulative cost (None if never)."""
    hit = curve.loc[curve["paid_back"], "month"]
    return int(hit.iloc[0]) if len(hit) else None


# ---------------------------------------------------------------------------------------------------
# What the Groups page shows (the page only arranges it)
# ---------------------------------------------------------------------------------------------------

BREAKDOWN_COLUMNS = ["group_id", "name", "component", "points", "max_points"]


def score_breakdown(scores: pd.DataFrame) -> pd.DataFrame:
    """Each group's points per score component (long form, BREAKDOWN_COLUMNS), read from the `pts_*`
    columns of a group_scores frame; the points add up to the group's score.

    >>> s = pd.DataFrame({"group_id": ["g:a"], "name": ["A"], **{f"pts_{k}": [1.0] for k in w.GROUP_POINTS}})
    >>> score_breakdown(s)["points"].tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    if scores.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    pts = scores[["group_id", "name", *(f"pts_{k}" for k in w.GROUP_POINTS)]].rename(
        columns=lambda c: c.removeprefix("pts_")).reset_index(drop=True)
    long = pts.melt(id_vars=["group_id", "name"], var_name="component", value_name="points")
    long["max_points"] = long["component"].map(w.GROUP_POINTS)
    order = {k: i for i, k in enumerate(w.GROUP_POINTS)}
    long = long.assign(_o=long["component"].map(order), _g=long["group_id"].map(
        {g: i for i, g in enumerate(scores["group_id"])}))
    return long.sort_values(["_g", "_o"], ignore_index=True)[BREAKDOWN_COLUMNS]


def takeaways(scores: pd.DataFrame, burnout: pd.DataFrame) -> list[str]:
    """Plain sentences for the top of the Groups page and the report, written from the same figures
    as the ranking: the best group by verdict then return first, each with its verdict's words.

    `scores`: group_scores (best first); `burnout`: exchanges.per_group.

    >>> s = pd.DataFrame({"group_id": ["g:a", "g:b"], "name": ["A", "B"], "closed_value": [900.0, 100.0],
    ...     "cost": [500.0, 800.0], "hours": [10.0, 20.0], "verdict": ["pays_off", "not_paying_off"],
    ...     "verdict_text": ["A pays off.", "B is not paying off."]})
    >>> for line in takeaways(s, pd.DataFrame(columns=["name", "burnout_risk"])):
    ...     print(line)
    A pays off.
    A brings 90% of your closed business for 33% of the hours you invested.
    1 group not paying off: €800 cost (time included) for €100 closed business: B.
    >>> with i18n.use("nl"):
    ...     print(takeaways(s, pd.DataFrame(columns=["name", "burnout_risk"]))[2].replace("\\xa0", " "))
    1 groep loont niet: € 800 kosten (tijd inbegrepen) voor € 100 gesloten omzet: B.
    """
    if scores.empty:
        return []
    out = [str(scores["verdict_text"].iloc[0])]
    rest = scores.iloc[1:]
    out += rest.loc[rest["verdict"].isin(["pays_off", "promising", "early"]), "verdict_text"].tolist()
    closed, hours = scores["closed_value"], scores["hours"]
    if closed.sum() > 0:
        top = scores.loc[closed.idxmax()]
        share_h = top["hours"] / hours.sum() if hours.sum() > 0 else 0.0
        out.append(_("{name} brings {business} of your closed business for {hours} of the hours you "
                     "invested.").format(name=top["name"], hours=i18n.percent(share_h),
                                         business=i18n.percent(top["closed_value"] / closed.sum())))
    idle = rest[rest["verdict"] == "not_paying_off"]
    if len(idle):
        out.append(counted("{n} group not paying off: {cost} cost (time included) for {closed} closed "
                           "business: {names}.",
                           "{n} groups not paying off: {cost} cost (time included) for {closed} closed "
                           "business: {names}.", len(idle), cost=i18n.money(idle["cost"].sum()),
                           closed=i18n.money(idle["closed_value"].sum()), names=", ".join(idle["name"])))
    for name in burnout.loc[burnout["burnout_risk"].astype(bool), "name"]:
        out.append(_("{name}: you give far more than you get back (burnout risk): ask for referrals.").format(
            name=name))
    return out


def summary_groups(scores: pd.DataFrame) -> list[dict]:
    """The CLI `summary --json` "groups" list from a group_scores frame, in its order, plain JSON types.

    `verdict` is a VERDICTS id; `return_ratio` = closed value / cost including time (None at no cost).
    """
    return [{"name": str(r.name), "type": str(r.type), "contacts": int(r.contacts),
             "referrals_given": int(r.referrals_given), "referrals_received": int(r.referrals_received),
             "closed_value": round(float(r.closed_value), 2), "cost": round(float(r.cost), 2),
             "score": round(float(r.score), 1), "verdict": str(r.verdict),
             "return_ratio": None if pd.isna(r.return_on_cost) else round(float(r.return_on_cost), 4)}
            for r in scores.itertuples(index=False)]


def group_members(net: Network, scores: pd.DataFrame, balance: pd.DataFrame, group_id: str,
                  as_of: pd.Timestamp) -> pd.DataFrame:
    """Contacts of `group_id` with name, company, strength, tier, whether listed as a member (else
    only seen in the group's ledger rows), and what you gave/received with them; strongest first.

    `scores`: depth.score_contacts (indexed by contact_id); `balance`: exchanges.per_contact.
    """
    pairs = group_contacts(net, as_utc(as_of))
    ids = pairs.loc[pairs["group_id"] == group_id, "contact_id"].drop_duplicates()
    listed = set(net.members.loc[net.members["group_id"] == group_id, "contact_id"])
    info = scores.reindex(ids.to_numpy())
    ex = balance.set_index("contact_id").reindex(ids.to_numpy())
    frame = pd.DataFrame({"contact_id": ids.to_numpy(), "name": name_or_id(net, ids).to_numpy(),
                          "company": info["company"].fillna("").to_numpy(),
                          "strength": info["strength"].to_numpy(dtype=float),
                          "tier": info["tier"].fillna("").to_numpy(),
                          "listed": ids.isin(listed).to_numpy(),
                          "given": ex["given"].fillna(0).astype(int).to_numpy(),
                          "received": ex["received"].fillna(0).astype(int).to_numpy()})
    return frame.sort_values(["strength", "name"], ascending=[False, True], ignore_index=True)


#: Traffic light -> the badge the ranking shows (in English: shown through `_`).
LIGHT_BADGES = {"green": N_("🟢 pays off"), "amber": N_("🟡 promising"), "red": N_("🔴 not paying off"),
                "early": N_("⚪ early, not failing")}


def ranking_table(scores: pd.DataFrame, group_id: str | None = None) -> pd.DataFrame:
    """The ranking as shown: verdict badge, name, type in words, cost, return, the verdict's sentence,
    score and how the score was made (one group when `group_id` is given).

    >>> s = pd.DataFrame({c: [0] for c in SCORE_COLUMNS}).assign(group_id="g:a", light="early",
    ...                                                           type="referral_group")
    >>> table = ranking_table(s)
    >>> table["light"].tolist(), table["type"].tolist(), len(ranking_table(s, "g:other"))
    (['⚪ early, not failing'], ['Referral group / BNI'], 0)
    """
    shown = scores if group_id is None else scores[scores["group_id"] == group_id]
    cols = ["light", "name", "type", "cost", "closed_value", "return_on_cost", "verdict_text", "score",
            "value_per_hour", "contacts", "months", "months_to_first_close", "reason"]
    badges = {light: _(badge) for light, badge in LIGHT_BADGES.items()}
    types = {code: wording.label(code) for code in shown["type"].unique()}
    return (shown[cols].assign(light=shown["light"].map(badges), type=shown["type"].map(types))
            .reset_index(drop=True))
