"""The coach report's figures, computed once: the HTML, the workbook and the app's presentation mode
all render from one `ReportData`.

Tables carry display column names (see `FORMATS` for how each is shown) and never a contact id. With
`anonymize=True` every contact name is replaced by a stable pseudonym, in tables and in free text.

Example:
    >>> from analytics.model import PLAN_STATUS_COLUMNS, empty_network
    >>> data = report_data(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> data.takeaways["summary"]
    '0 of your 0 contacts are two-way relationships (0.0%).'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import actions, depth, groups
from analytics.analysis import DEFAULT_PERIOD_DAYS, NOT_CONNECTED, Analysis, analyse
from analytics.facts import window
from analytics.frames import contact_names
from analytics.model import PLAN_STATUS_COLUMNS, Network
from analytics.privacy import Privacy
from analytics.wording import DIRECTION_WORDS, MEASURES, label, plural

#: Section keys and titles, in report order.
SECTIONS: dict[str, str] = {
    "summary": "Where you stand", "period": "This period against the last", "tiers": "Relationship tiers",
    "growth": "Growth", "groups": "Which groups pay off", "give_take": "Give and take",
    "plan": "Action plan and goals", "hygiene": "Networking hygiene", "next": "What to do next",
}
#: How a column is shown (HTML) and stored (Excel number format); unlisted columns are text.
FORMATS: dict[str, str] = {
    "Cost (EUR)": "eur", "Closed business (EUR)": "eur", "Value (EUR)": "eur", "Return on cost": "ratio",
    "Share of closed business": "pct", "Share of hours": "pct", "Strength": "num", "Score": "num",
    "Hours": "num", "Date": "date", "Last interaction": "date", "Last two-way": "date",
    "Period start": "date", "Connected on": "date",
}
#: Headline figures that are a technical measure -> the one sentence that explains it (`wording.MEASURES`).
MEASURE_NOTES = {"Company diversity (0-1)": MEASURES["diversity"]}
LIST_TITLES = {"clients": "Call a client", "referrers": "Thank a referrer", "keep_in_touch": "Keep in touch",
               "follow_ups": "Follow-up call", "reconnect": "Reconnect"}


@dataclass
class ReportData:
    """Every section's figures, tables and one-line takeaways (see `SECTIONS` for the keys)."""

    as_of: pd.Timestamp
    period_days: int
    owner: str
    privacy: str
    headline: dict[str, object]
    diagnosis: dict
    tables: dict[str, pd.DataFrame]
    takeaways: dict[str, str]
    next_steps: list[str]
    tier_moves: dict[str, int] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=lambda: dict(MEASURE_NOTES))


def _signed(value: float, money: bool = False) -> str:
    text = f"€{abs(value):,.0f}" if money else f"{abs(value):,.0f}"
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _period(a: Analysis) -> tuple[pd.DataFrame, str]:
    now, before, days = a.period["now"], a.period["before"], a.period_days
    table = pd.DataFrame({"Measure": list(now), "Previous": list(before.values()),
                          "Current": list(now.values())})
    table["Change"] = table["Current"] - table["Previous"]
    parts = [f"{now[k]:,.0f} {k.lower()} ({_signed(now[k] - before[k])})"
             for k in ("New connections", "Two-way exchanges", "Referrals received")]
    money = now["Closed business (EUR)"]
    parts.append(f"€{money:,.0f} closed business ({_signed(money - before['Closed business (EUR)'], True)})")
    return table, f"Last {days} days against the {days} before: " + ", ".join(parts) + "."


def _tiers(a: Analysis) -> tuple[pd.DataFrame, dict[str, int], str]:
    """Tier counts now vs at the period's start, how contacts moved, and the takeaway."""
    rank = {t: i for i, t in enumerate(depth.TIER_ORDER)}
    now_rank, then_rank = a.scores["tier"].map(rank), a.start_tiers.map(rank)
    moves = {"stronger": int((now_rank < then_rank).sum()), "weaker": int((now_rank > then_rank).sum()),
             "new": int((a.start_tiers == NOT_CONNECTED).sum())}
    then = depth.tier_counts(pd.DataFrame({"tier": a.start_tiers}))
    table = pd.DataFrame({"Tier": depth.TIER_ORDER, "At start": list(then.values()),
                          "Now": list(a.tiers.values())})
    table["Change"] = table["Now"] - table["At start"]
    big = table.loc[table["Change"].abs().idxmax()]
    text = (f"{moves['stronger']} contacts moved to a stronger tier and {moves['weaker']} to a weaker one "
            f"this period; biggest change: {big['Tier']} "
            f"{big['Now']:,} ({_signed(big['Change'])}).")
    return table, moves, text


def _groups(a: Analysis) -> tuple[pd.DataFrame, str]:
    ranked = a.groups
    total_value, total_hours = ranked["closed_value"].sum(), ranked["hours"].sum()
    table = pd.DataFrame({
        "Group": ranked["name"], "Type": ranked["type"].map(label), "Verdict": ranked["verdict"].map(
            {k: words for k, (words, _) in groups.VERDICTS.items()}),
        "Cost (EUR)": ranked["cost"].round(2), "Closed business (EUR)": ranked["closed_value"].round(2),
        "Return on cost": ranked["return_on_cost"].round(2), "Score": ranked["score"].round(1),
        "Hours": ranked["hours"].round(1),
        "Share of closed business": (ranked["closed_value"] / total_value).round(3) if total_value else 0.0,
        "Share of hours": (ranked["hours"] / total_hours).round(3) if total_hours else 0.0,
        "Referrals received": ranked["referrals_received"], "Referrals given": ranked["referrals_given"],
        "Why": ranked["verdict_text"] + " " + ranked["reason"]})
    if table.empty:
        return table, "No groups in the ledger yet: add the groups you pay for to see which pay off."
    return table, a.group_takeaways[0]  # the Groups page's headline


def _give_take(a: Analysis) -> tuple[pd.DataFrame, str]:
    per_group = a.group_balance
    table = pd.DataFrame({"Group": per_group["name"], "Given": per_group["given"],
                          "Received": per_group["received"], "Balance": per_group["balance"],
                          "Why": per_group["reason"]})
    given, got = int(a.balance["given"].sum()), int(a.balance["received"].sum())
    takers = int(a.balance["takes_only"].sum())
    return table, (f"You gave {given:,} and received {got:,} referrals, introductions, purchases, "
                   f"endorsements and recommendations; you received from {plural(takers, 'contact')} "
                   "without giving anything back yet.")


def _plan(a: Analysis, net: Network, plan_status: pd.DataFrame | None,
          goals: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    status = plan_status if plan_status is not None else pd.DataFrame(columns=PLAN_STATUS_COLUMNS)
    lists = {"clients": actions.confirmed(a.clients), "referrers": actions.confirmed(a.referrers),
             "keep_in_touch": actions.curate_keep_in_touch(a.keep_in_touch, status, a.people),
             "follow_ups": actions.follow_ups(net, status, a.scores, a.as_of), "reconnect": a.reconnect}
    progress = actions.plan_progress(status, lists)
    plan = pd.DataFrame({"List": [LIST_TITLES[k] for k in progress],
                         "Done": [p["done"] for p in progress.values()],
                         "Open": [p["total"] - p["done"] for p in progress.values()]})
    items = pd.concat([f.assign(List=LIST_TITLES[k])[["List", "contact_id", "name", "why", "action"]]
                       for k, f in lists.items() if len(f)] or [pd.DataFrame(columns=["List", "contact_id",
                      "name", "why", "action"])], ignore_index=True)
    items = items.rename(columns={"name": "Name", "why": "Why", "action": "Action"})
    done, total = int(plan["Done"].sum()), int(plan["Done"].sum() + plan["Open"].sum())
    text = f"{done} of {total} plan items done ({done / total if total else 0:.0%})."
    goal_table = pd.DataFrame(columns=["Goal", "Period start", "Actual", "Target", "Met"])
    if goals is not None and len(goals):
        got = actions.goal_progress(net, goals, a.as_of)
        goal_table = pd.DataFrame({"Goal": got["metric"].str.replace("_", " ") + " per " + got["period"],
                                   "Period start": got["period_start"], "Actual": got["actual"],
                                   "Target": got["target"],
                                   "Met": got["met"].map({True: "yes", False: "no"})})
        text += f" Goals met in {int(got['met'].sum())} of {len(got)} recent periods."
    return plan, items, goal_table, text


def _hygiene(a: Analysis) -> tuple[pd.DataFrame, str]:
    found = pd.concat([a.pitches, a.closeness, a.taking], ignore_index=True)
    found["date"] = pd.to_datetime(found["date"], utc=True)
    found = found.sort_values("date", ascending=False, kind="stable")
    table = pd.DataFrame({"Check": found["check"].str.replace("_", " "), "contact_id": found["contact_id"],
                          "Name": found["name"], "Date": found["date"], "Evidence": found["evidence"],
                          "Why": found["why"]})
    counts = table["Check"].value_counts()
    text = ("No hygiene issues found." if counts.empty else
            "; ".join(f"{n} × {check}" for check, n in counts.items()) + ".")
    return table, text


#: The report's next steps, in the plan's order (clients, referrers, keep in touch, follow up, reconnect).
STEP_TEXT = {
    "Call a client": "Call {n}: ask how the project went and whether you can help with anything else; "
                     "no referral ask yet (first: {first}).",
    "Thank a referrer": "Thank {n} who referred business to you and learn who their ideal client is "
                        "(first: {first}).",
    "Keep in touch": "Send a handwritten card, no pitch, to the {n} on your keep-in-touch list.",
    "Follow-up call": "Make {n} now due two weeks after your cards.",
    "Reconnect": "Reconnect with {n} quiet for 6 months or more, starting with {first}: a personal "
                 "note, no pitch.",
}
STEP_NOUNS = {"Call a client": ("client", "clients"), "Thank a referrer": ("person", "people"),
              "Keep in touch": ("person", "people"), "Follow-up call": ("follow-up call", "follow-up calls"),
              "Reconnect": ("former strong tie", "former strong ties")}
EMPTY_STEPS = {"Call a client": actions.HOW_TO_FILL["call_client"],
               "Thank a referrer": actions.HOW_TO_FILL["call_referrer"]}


def _next_steps(diag: dict, items: pd.DataFrame, waiting: dict[str, str | None]) -> list[str]:
    """The plan's steps in its order, each once (an empty step 1 or 2 says how to fill it, and `waiting`
    names the suggestions still to confirm after it), then the diagnosis' advice that is not already one
    of them."""
    counts = items["List"].value_counts()
    steps = []
    for title, template in STEP_TEXT.items():
        n = int(counts.get(title, 0))
        if n:
            first = items.loc[items["List"] == title, "Name"].iloc[0]
            steps.append(template.format(n=plural(n, *STEP_NOUNS[title]), first=first))
        elif title in EMPTY_STEPS:
            steps.append(EMPTY_STEPS[title])
        steps += [waiting[title]] if waiting.get(title) else []
    return steps + [s for s in diag["next_steps"] if s and not s.startswith("Reconnect")]


def _contacts_table(scores: pd.DataFrame, start_tier: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"contact_id": scores["contact_id"], "Name": scores["name"],
                         "Company": scores["company"], "Position": scores["position"],
                         "Tier": scores["tier"], "Tier at start": start_tier, "Strength": scores["strength"],
                         "Connected on": scores["connected_on"],
                         "Last interaction": scores["last_interaction"],
                         "Last two-way": scores["last_two_way"],
                         "Why": scores["reason"]}).reset_index(drop=True)


def _ledger_table(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    led = net.ledger[net.ledger["date"] <= as_of].sort_values("date", ascending=False)
    group_names = net.groups.drop_duplicates("group_id").set_index("group_id")["name"]
    return pd.DataFrame({"Date": led["date"], "contact_id": led["contact_id"],
                         "Name": led["contact_id"].map(contact_names(net)).fillna(""),
                         "Group": led["group_id"].map(group_names).fillna(""),
                         "Kind": led["kind"].map(label), "Direction": led["direction"].map(DIRECTION_WORDS),
                         "Value (EUR)": led["value"], "Note": led["note"]}).reset_index(drop=True)


def report_data(net: Network, as_of: pd.Timestamp, period_days: int = DEFAULT_PERIOD_DAYS,
                anonymize: bool = False, mask_companies: bool = False,
                plan_status: pd.DataFrame | None = None, goals: pd.DataFrame | None = None,
                analysis: Analysis | None = None) -> ReportData:
    """Every figure of the coach report for the period (as_of − period_days, as_of], read from `analysis`
    (`analyse(net, as_of, period_days)`, run here when not given); plan status, goals and privacy are
    applied on top.

    Tiers are compared with the tiers at the period's start; counts with the period before.
    `anonymize` swaps contact names for pseudonyms and scrubs every name part (see `analytics.privacy`),
    salted with the workspace's secret net.settings["pseudonym_salt"] (a random one when there is none);
    `mask_companies` does the same for every company.
    """
    a = analyse(net, as_of, period_days) if analysis is None else analysis
    spread, diag, scores = a.breadth, a.diagnosis, a.scores
    tiers, moves, tier_text = _tiers(a)
    last_year = int(window(net.contacts["connected_on"], a.as_of - pd.Timedelta(days=365), a.as_of).sum())
    growth_text = (f"{spread['contacts']:,} connections; {last_year:,} added in the last 12 months."
                   if len(a.growth) else "No connection dates to chart yet.")
    period, period_text = _period(a)
    group_table, group_text = _groups(a)
    give_table, give_text = _give_take(a)
    plan, items, goal_table, plan_text = _plan(a, net, plan_status, goals)
    hygiene_table, hygiene_text = _hygiene(a)
    two_way, n = a.two_way, len(scores)
    headline = {"Contacts": spread["contacts"], "Companies": spread["companies"],
                "Company diversity (0-1)": round(spread["diversity"], 2), "Two-way relationships": two_way,
                "Strong ties": diag["strong_ties"], "Active ties": diag["active_ties"],
                "Breadth (0-1)": round(diag["width"], 2), "Depth (0-1)": round(diag["depth"], 2),
                "Diagnosis": diag["quadrant"].replace("-", " and "),
                f"Closed business, last {a.period_days} days (EUR)": a.period["now"]["Closed business (EUR)"]}
    privacy = Privacy(net, str(net.settings.get("pseudonym_salt", "")), anonymize, mask_companies)
    takeaways = {
        "summary": f"{two_way:,} of your {n:,} contacts are two-way relationships "
                   f"({two_way / n if n else 0:.1%}).",
        "period": period_text, "tiers": tier_text, "growth": growth_text, "groups": group_text,
        "give_take": give_text, "plan": plan_text, "hygiene": hygiene_text,
        "next": f"{plural(len(items), 'action')} on your lists, in the plan's order: clients, referrers, "
                "keep in touch, follow-ups, then reconnect.",
    }
    tables = {"period": period, "tiers": tiers, "growth": a.growth.rename(columns={
        "month": "Month", "new": "New", "cumulative": "Total"}), "groups": group_table,
        "give_take": give_table, "plan": plan, "goals": goal_table, "hygiene": hygiene_table,
        "actions": items, "contacts": _contacts_table(scores, a.start_tiers),
        "ledger": _ledger_table(net, a.as_of)}
    steps = _next_steps(diag, items, {"Call a client": actions.waiting_sentence("call_client", a.clients),
                                      "Thank a referrer": actions.waiting_sentence("call_referrer",
                                                                                   a.referrers)})
    return ReportData(
        as_of=a.as_of, period_days=a.period_days, owner="" if anonymize else net.owner.name,
        privacy="Names anonymised" if anonymize else "Contains real names", headline=headline,
        diagnosis={**diag, "explanation": privacy.text(diag["explanation"]),
                   "next_steps": [privacy.text(s) for s in diag["next_steps"]]},
        tables={k: privacy.table(t) for k, t in tables.items()},
        takeaways={k: privacy.text(t) for k, t in takeaways.items()},
        next_steps=[privacy.text(s) for s in steps], tier_moves=moves)
