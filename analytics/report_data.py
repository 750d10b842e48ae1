"""The coach report's figures, computed once: the HTML, the workbook and the app's presentation mode
all render from one `ReportData`.

Tables carry display column names (see `FORMATS` for how each is shown) and never a contact id. With
`anonymize=True` every contact name is replaced by a stable pseudonym, in tables and in free text.

Example:
    >>> from analytics.model import empty_network
    >>> data = report_data(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> data.takeaways["summary"]
    '0 of your 0 contacts are two-way relationships (0.0%).'
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field

import pandas as pd

from analytics import actions, breadth, depth, diagnosis, groups, hygiene
from analytics import weights as W
from analytics.frames import as_utc, contact_names
from analytics.model import Network, normalize_name
from analytics.pseudonyms import name_pattern, pseudonymize, scrub

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
#: Free-text columns that may quote the user's messages and notes: first and last names are scrubbed
#: from them too when anonymising (full names are scrubbed everywhere).
FREE_TEXT = ("Evidence", "Note")
NOT_CONNECTED = "Not yet connected"
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


def _window(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
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
    led = net.ledger[_window(net.ledger["date"], start, end)]
    it = net.interactions[_window(net.interactions["date"], start, end)
                          & (net.interactions["channel"] != "invitation")]
    both_ways = it.groupby("contact_id")["direction"].nunique()
    two_way = set(both_ways.index[both_ways >= 2])
    two_way |= set(it.loc[it["channel"].isin(W.TWO_WAY_CHANNELS), "contact_id"])
    two_way |= set(led.loc[led["kind"].isin(W.TWO_WAY_CHANNELS), "contact_id"])
    two_way.discard("")
    kind = led["kind"] + ":" + led["direction"]
    closed = led[kind == "closed_business:in"]
    return {"New connections": int(_window(net.contacts["connected_on"], start, end).sum()),
            "Two-way exchanges": len(two_way),
            "Referrals given": int((kind == "referral:out").sum()),
            "Referrals received": int((kind == "referral:in").sum()),
            "One-to-ones": int((led["kind"] == "one_to_one").sum()), "Closed deals": len(closed),
            "Closed business (EUR)": float(closed["value"].sum())}


def _signed(value: float, money: bool = False) -> str:
    text = f"€{abs(value):,.0f}" if money else f"{abs(value):,.0f}"
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _period(net: Network, as_of: pd.Timestamp, days: int) -> tuple[pd.DataFrame, str]:
    span = pd.Timedelta(days=days)
    now, before = period_counts(net, as_of - span, as_of), period_counts(net, as_of - 2 * span, as_of - span)
    table = pd.DataFrame({"Measure": list(now), "Previous": list(before.values()),
                          "Current": list(now.values())})
    table["Change"] = table["Current"] - table["Previous"]
    parts = [f"{now[k]:,.0f} {k.lower()} ({_signed(now[k] - before[k])})"
             for k in ("New connections", "Two-way exchanges", "Referrals received")]
    money = now["Closed business (EUR)"]
    parts.append(f"€{money:,.0f} closed business ({_signed(money - before['Closed business (EUR)'], True)})")
    return table, f"Last {days} days against the {days} before: " + ", ".join(parts) + "."


def _tiers(scores: pd.DataFrame, start_scores: pd.DataFrame, connected: pd.Series,
           start: pd.Timestamp) -> tuple[pd.DataFrame, dict[str, int], str, pd.Series]:
    """Tier counts now vs at `start`, how contacts moved, the takeaway and each contact's start tier."""
    before = start_scores["tier"].reindex(scores.index)
    later = pd.to_datetime(connected.reindex(scores.index), utc=True) > start
    before = before.where(~later, NOT_CONNECTED)
    rank = {t: i for i, t in enumerate(depth.TIER_ORDER)}
    now_rank, then_rank = scores["tier"].map(rank), before.map(rank)
    moves = {"stronger": int((now_rank < then_rank).sum()), "weaker": int((now_rank > then_rank).sum()),
             "new": int(later.sum())}
    now, then = depth.tier_counts(scores), depth.tier_counts(pd.DataFrame({"tier": before}))
    table = pd.DataFrame({"Tier": depth.TIER_ORDER, "At start": list(then.values()),
                          "Now": list(now.values())})
    table["Change"] = table["Now"] - table["At start"]
    big = table.loc[table["Change"].abs().idxmax()]
    text = (f"{moves['stronger']} contacts moved to a stronger tier and {moves['weaker']} to a weaker one "
            f"this period; biggest change: {big['Tier']} "
            f"{big['Now']:,} ({_signed(big['Change'])}).")
    return table, moves, text, before


def _groups(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp) -> tuple[pd.DataFrame, str]:
    ranked = groups.group_scores(net, scores["strength"], as_of)
    hours = ranked["group_id"].map(net.groups.drop_duplicates("group_id").set_index("group_id")
                                   ["hours_per_month"]).fillna(0).astype(float) * ranked["months"]
    total_value, total_hours = ranked["closed_value"].sum(), hours.sum()
    table = pd.DataFrame({
        "Group": ranked["name"], "Type": ranked["type"], "Score": ranked["score"], "Light": ranked["light"],
        "Cost (EUR)": ranked["cost"], "Closed business (EUR)": ranked["closed_value"],
        "Return on cost": ranked["return_on_cost"], "Hours": hours,
        "Share of closed business": ranked["closed_value"] / total_value if total_value else 0.0,
        "Share of hours": hours / total_hours if total_hours else 0.0,
        "Referrals received": ranked["referrals_received"], "Referrals given": ranked["referrals_given"],
        "Why": ranked["reason"]})
    if table.empty:
        return table, "No groups in the ledger yet: add the groups you pay for to see which pay off."
    if not total_value:
        top = table.sort_values("Cost (EUR)", ascending=False).iloc[0]
        return table, (f"No closed business logged yet across {len(table)} groups; {top['Group']} costs "
                       f"the most (€{top['Cost (EUR)']:,.0f}).")
    best = table.sort_values(["Share of closed business", "Score"], ascending=False).iloc[0]
    return table, (f"{best['Group']}: {best['Share of closed business']:.0%} of closed business for "
                   f"{best['Share of hours']:.0%} of hours invested.")


def _give_take(net: Network, as_of: pd.Timestamp) -> tuple[pd.DataFrame, str]:
    dated = dataclasses.replace(net, ledger=net.ledger[net.ledger["date"] <= as_of],
                                interactions=net.interactions[net.interactions["date"] <= as_of])
    per_contact = groups.give_take(dated)
    per_group = groups.group_give_take(dated)
    table = pd.DataFrame({"Group": per_group["name"], "Given": per_group["given"],
                          "Received": per_group["received"], "Balance": per_group["balance"],
                          "Why": per_group["reason"]})
    given, got = int(per_contact["given"].sum()), int(per_contact["received"].sum())
    takers = int(per_contact["takes_only"].sum())
    return table, (f"You gave {given} and received {got} referrals, introductions, endorsements and "
                   f"recommendations; {takers} contacts gave to you without anything in return yet.")


def _plan(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp, plan_status: pd.DataFrame | None,
          goals: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    status = plan_status if plan_status is not None else pd.DataFrame(columns=actions.PLAN_STATUS_COLUMNS)
    lists = {"clients": actions.clients_to_call(net, scores, as_of),
             "referrers": actions.referrers_to_call(net, scores, as_of),
             "keep_in_touch": actions.curate_keep_in_touch(  # the list as the user edited it
                 actions.keep_in_touch_50(net, scores, as_of, n=sys.maxsize, plan_status=status), status,
                 net.contacts[["contact_id", "name"]]),
             "follow_ups": actions.follow_ups(net, status, scores, as_of),
             "reconnect": actions.reconnect(scores, net, as_of)}
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
        got = actions.goal_progress(net, goals, as_of)
        goal_table = pd.DataFrame({"Goal": got["metric"].str.replace("_", " ") + " per " + got["period"],
                                   "Period start": got["period_start"], "Actual": got["actual"],
                                   "Target": got["target"],
                                   "Met": got["met"].map({True: "yes", False: "no"})})
        text += f" Goals met in {int(got['met'].sum())} of {len(got)} recent periods."
    return plan, items, goal_table, text


def _hygiene(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp) -> tuple[pd.DataFrame, str]:
    found = pd.concat([hygiene.early_pitches(net, as_of), hygiene.assuming_closeness(net, scores, as_of),
                       hygiene.taking_without_giving(net)], ignore_index=True)
    found["date"] = pd.to_datetime(found["date"], utc=True)
    found = found[found["date"] <= as_of].sort_values("date", ascending=False, kind="stable")
    table = pd.DataFrame({"Check": found["check"].str.replace("_", " "), "contact_id": found["contact_id"],
                          "Name": found["name"], "Date": found["date"], "Evidence": found["evidence"],
                          "Why": found["why"]})
    counts = table["Check"].value_counts()
    text = ("No hygiene issues found." if counts.empty else
            "; ".join(f"{n} × {check}" for check, n in counts.items()) + ".")
    return table, text


def _next_steps(diag: dict, items: pd.DataFrame) -> list[str]:
    counts = items["List"].value_counts()
    todo = {"Call a client": "Call {n} client(s) you closed business with: ask how it went, no referral ask.",
            "Thank a referrer": "Thank {n} referrer(s) and learn who their ideal client is.",
            "Follow-up call": "Make {n} follow-up call(s) now due after your cards.",
            "Reconnect": "Reconnect with {n} quiet former relationship(s), starting with {first}."}
    steps = list(diag["next_steps"])
    for title, template in todo.items():
        if counts.get(title, 0):
            first = items.loc[items["List"] == title, "Name"].iloc[0]
            steps.append(template.format(n=int(counts[title]), first=first))
    return steps


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
                         "Kind": led["kind"].str.replace("_", " "), "Direction": led["direction"],
                         "Value (EUR)": led["value"], "Note": led["note"]}).reset_index(drop=True)


class _Privacy:
    """Replaces contact names (and optionally companies) in tables and text."""

    def __init__(self, net: Network, salt: str, anonymize: bool, mask_companies: bool) -> None:
        contacts = net.contacts.drop_duplicates("contact_id")
        self.alias = pd.Series(pseudonymize(contacts["name"], salt).to_numpy(), index=contacts["contact_id"])
        self.anonymize, self.mask_companies = anonymize, mask_companies
        names = [*contacts["name"].astype(str), net.owner.name] if anonymize else []
        self.full = name_pattern(names)
        self.replace = dict(zip(contacts["name"].astype(str).map(normalize_name), self.alias, strict=True))
        parts = [*contacts["first_name"].astype(str), *contacts["last_name"].astype(str)] if anonymize else []
        company = contacts["company"].fillna("").astype(str)
        self.salt = salt
        if mask_companies:
            parts += list(company)
            aliases = pseudonymize(company, salt, prefix="Company")
            self.replace.update(zip(company.map(normalize_name), aliases, strict=True))
        self.parts = name_pattern(parts)

    def text(self, value: object, free: bool = False) -> object:
        if not isinstance(value, str):
            return value
        value = scrub(value, self.full, self.replace, "[name]")
        return scrub(value, self.parts, self.replace, "[name]") if free else value

    def table(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        if "contact_id" in frame.columns:
            if self.anonymize and "Name" in frame.columns:
                frame["Name"] = frame["contact_id"].map(self.alias).fillna("[name]")
            frame = frame.drop(columns="contact_id")
        if self.mask_companies and "Company" in frame.columns:
            frame["Company"] = pseudonymize(frame["Company"], self.salt, prefix="Company")
        if self.anonymize or self.mask_companies:
            for col in frame.columns.drop(["Name", "Company"], errors="ignore"):
                if frame[col].dtype == object:
                    frame[col] = frame[col].map(lambda v, c=col: self.text(v, c in FREE_TEXT))
        return frame


def report_data(net: Network, as_of: pd.Timestamp, period_days: int = 90, anonymize: bool = False,
                mask_companies: bool = False, plan_status: pd.DataFrame | None = None,
                goals: pd.DataFrame | None = None) -> ReportData:
    """Every figure of the coach report for the period (as_of − period_days, as_of].

    Tiers are compared with the scores as of the period's start; counts with the period before.
    `anonymize` swaps contact names for stable pseudonyms (salted with net.settings["pseudonym_salt"]
    when set); `mask_companies` does the same for companies.
    """
    as_of = as_utc(as_of)
    start = as_of - pd.Timedelta(days=period_days)
    scores = depth.score_contacts(net, as_of)
    spread = breadth.breadth_summary(net, as_of)
    diag = diagnosis.diagnose(spread, scores)
    tiers, moves, tier_text, start_tier = _tiers(
        scores, depth.score_contacts(net, start),
        net.contacts.drop_duplicates("contact_id").set_index("contact_id")["connected_on"], start)
    connected_on = pd.to_datetime(net.contacts["connected_on"], utc=True)
    connected = net.contacts[~(connected_on > as_of)]
    growth = breadth.growth(dataclasses.replace(net, contacts=connected))
    last_year = int(_window(connected_on, as_of - pd.Timedelta(days=365), as_of).sum())
    growth_text = (f"{len(connected):,} connections; {last_year:,} added in the last 12 months."
                   if len(growth) else "No connection dates to chart yet.")
    period, period_text = _period(net, as_of, period_days)
    group_table, group_text = _groups(net, scores, as_of)
    give_table, give_text = _give_take(net, as_of)
    plan, items, goal_table, plan_text = _plan(net, scores, as_of, plan_status, goals)
    hygiene_table, hygiene_text = _hygiene(net, scores, as_of)
    two_way, n = int(scores["last_two_way"].notna().sum()), len(scores)
    headline = {"Contacts": spread["contacts"], "Companies": spread["companies"],
                "Company diversity (0-1)": spread["diversity"], "Two-way relationships": two_way,
                "Strong ties": diag["strong_ties"], "Active ties": diag["active_ties"],
                "Breadth (0-1)": diag["width"], "Depth (0-1)": diag["depth"],
                "Diagnosis": diag["quadrant"].replace("-", " and "),
                f"Closed business, last {period_days} days (EUR)": period.loc[
                    period["Measure"] == "Closed business (EUR)", "Current"].iloc[0]}
    privacy = _Privacy(net, str(net.settings.get("pseudonym_salt", "")), anonymize, mask_companies)
    takeaways = {
        "summary": f"{two_way:,} of your {n:,} contacts are two-way relationships "
                   f"({two_way / n if n else 0:.1%}).",
        "period": period_text, "tiers": tier_text, "growth": growth_text, "groups": group_text,
        "give_take": give_text, "plan": plan_text, "hygiene": hygiene_text,
        "next": f"{len(items):,} concrete actions on your lists; start with the first three steps below.",
    }
    tables = {"period": period, "tiers": tiers, "growth": growth.rename(columns={
        "month": "Month", "new": "New", "cumulative": "Total"}), "groups": group_table,
        "give_take": give_table, "plan": plan, "goals": goal_table, "hygiene": hygiene_table,
        "actions": items, "contacts": _contacts_table(scores, start_tier),
        "ledger": _ledger_table(net, as_of)}
    steps = _next_steps(diag, items)
    return ReportData(
        as_of=as_of, period_days=period_days, owner="" if anonymize else net.owner.name,
        privacy="Names anonymised" if anonymize else "Contains real names", headline=headline,
        diagnosis={**diag, "explanation": privacy.text(diag["explanation"]),
                   "next_steps": [privacy.text(s) for s in diag["next_steps"]]},
        tables={k: privacy.table(t) for k, t in tables.items()},
        takeaways={k: privacy.text(t) for k, t in takeaways.items()},
        next_steps=[privacy.text(s) for s in steps], tier_moves=moves)
