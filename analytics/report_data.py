"""The coach report's figures, computed once: the HTML, the workbook and the app's presentation mode
all render from one `ReportData`.

Everything people read is written in the language in use when `report_data` runs (recorded in
`ReportData.language` and `.currency`, so every renderer writes in the same one): takeaways, next steps,
headline labels and the words inside table cells. Table columns keep their English names, which the code
reads (see `FORMATS` for how each is shown); `heading` gives the header people see. Tables never carry a
contact id. With `anonymize=True` every contact name is replaced by a stable pseudonym, in tables and in
free text.

Example:
    >>> from analytics.model import PLAN_STATUS_COLUMNS, empty_network
    >>> data = report_data(empty_network(), pd.Timestamp("2026-01-01", tz="UTC"))
    >>> data.takeaways["summary"]
    '0 of your 0 contacts are two-way relationships (0.0%).'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from babel import Locale
from babel.numbers import format_percent

from analytics import actions, depth, diagnosis, groups, i18n
from analytics.analysis import DEFAULT_PERIOD_DAYS, NOT_CONNECTED, Analysis, analyse
from analytics.facts import window
from analytics.frames import contact_names
from analytics.i18n import N_, _, counted
from analytics.model import PLAN_STATUS_COLUMNS, Network
from analytics.privacy import Privacy
from analytics.wording import DIRECTION_WORDS, MEASURES, label

#: Section keys and titles (shown with `_`), in report order.
SECTIONS: dict[str, str] = {
    "summary": N_("Where you stand"), "period": N_("This period against the last"),
    "tiers": N_("Relationship tiers"), "growth": N_("Growth"), "groups": N_("Which groups pay off"),
    "give_take": N_("Give and take"), "plan": N_("Action plan and goals"),
    "hygiene": N_("Networking hygiene"), "next": N_("What to do next"),
}
#: How a column is shown (HTML) and stored (Excel number format); unlisted columns are text.
FORMATS: dict[str, str] = {
    "Cost (EUR)": "eur", "Closed business (EUR)": "eur", "Value (EUR)": "eur", "Return on cost": "ratio",
    "Share of closed business": "pct", "Share of hours": "pct", "Strength": "num", "Score": "num",
    "Hours": "num", "Date": "date", "Last interaction": "date", "Last two-way": "date",
    "Period start": "date", "Connected on": "date",
}
#: Every table column -> its header people read (`heading`): money columns name the workspace's currency.
COLUMN_TITLES: dict[str, str] = {column: column for column in (
    N_("Measure"), N_("Previous"), N_("Current"), N_("Change"), N_("Tier"), N_("At start"), N_("Now"),
    N_("Group"), N_("Type"), N_("Verdict"), N_("Return on cost"), N_("Score"), N_("Hours"),
    N_("Share of closed business"), N_("Share of hours"), N_("Referrals received"), N_("Referrals given"),
    N_("Why"), N_("Given"), N_("Received"), N_("Balance"), N_("List"), N_("Done"), N_("Open"), N_("Name"),
    N_("Action"), N_("Goal"), N_("Period start"), N_("Actual"), N_("Target"), N_("Met"), N_("Check"),
    N_("Date"), N_("Evidence"), N_("Company"), N_("Position"), N_("Tier at start"), N_("Strength"),
    N_("Connected on"), N_("Last interaction"), N_("Last two-way"), N_("Kind"), N_("Direction"), N_("Note"),
    N_("Month"), N_("New"), N_("Total"), N_("Figure"), N_("Value"), N_("What it means"))} | {
    "Cost (EUR)": N_("Cost ({currency})"), "Closed business (EUR)": N_("Closed business ({currency})"),
    "Value (EUR)": N_("Value ({currency})")}
#: The period's measures (`facts.period_counts` keys) as the report names them.
MEASURE_TITLES: dict[str, str] = {
    "New connections": N_("New connections"), "Two-way exchanges": N_("Two-way exchanges"),
    "Referrals given": N_("Referrals given"), "Referrals received": N_("Referrals received"),
    "One-to-ones": N_("One-to-ones"), "Closed deals": N_("Closed deals"),
    "Closed business (EUR)": N_("Closed business ({currency})")}
MONEY_MEASURE = "Closed business (EUR)"
#: The diagnosis' quadrant (`diagnosis.QUADRANTS`) as the headline names it.
QUADRANT_WORDS = {"wide-shallow": N_("wide and shallow"), "wide-deep": N_("wide and deep"),
                  "narrow-shallow": N_("narrow and shallow"), "narrow-deep": N_("narrow and deep")}
#: The networking-hygiene checks (`hygiene` check codes) as the report names them.
CHECK_TITLES = {"early_pitch": N_("early pitch"), "ask_weak_tie": N_("ask weak tie"),
                "withdrawal_before_deposit": N_("withdrawal before deposit"),
                "taking_without_giving": N_("taking without giving"), "consent": N_("consent")}
#: A goal (`actions.GOAL_METRICS` x period) as the report names it.
GOAL_TITLES = {
    ("one_to_ones", "week"): N_("one to ones per week"),
    ("one_to_ones", "month"): N_("one to ones per month"),
    ("referrals_given", "week"): N_("referrals given per week"),
    ("referrals_given", "month"): N_("referrals given per month"),
    ("reconnects", "week"): N_("reconnects per week"), ("reconnects", "month"): N_("reconnects per month"),
    ("meetings", "week"): N_("meetings per week"), ("meetings", "month"): N_("meetings per month"),
    ("events", "week"): N_("events per week"), ("events", "month"): N_("events per month")}
LIST_TITLES = {"clients": N_("Call a client"), "referrers": N_("Thank a referrer"),
               "keep_in_touch": N_("Keep in touch"), "follow_ups": N_("Follow-up call"),
               "reconnect": N_("Reconnect")}


def heading(column: str) -> str:
    """The header people read for table column `column` (its English name is what the code reads).

    >>> heading("Cost (EUR)"), heading("Strength")
    ('Cost (EUR)', 'Strength')
    >>> with i18n.use("en", "USD"):
    ...     heading("Closed business (EUR)")
    'Closed business (USD)'
    """
    return _(COLUMN_TITLES.get(column, column)).format(currency=i18n.currency())


def measure_title(key: str) -> str:
    """A period measure (`facts.period_counts` key) as the report names it.

    >>> measure_title("Closed business (EUR)")
    'Closed business (EUR)'
    """
    return _(MEASURE_TITLES.get(key, key)).format(currency=i18n.currency())


def words(values: pd.Series) -> pd.Series:
    """Labels in a table column (tier names, ledger directions) in the language in use; blanks stay blank.

    >>> words(pd.Series(["Close", ""])).tolist()
    ['Close', '']
    """
    return values.map(lambda v: _(v) if isinstance(v, str) and v else v)


def privacy_label(anonymize: bool) -> str:
    """What a report with or without real names says about itself, in the language in use.

    >>> privacy_label(True)
    'Names anonymised'
    """
    return _("Names anonymised") if anonymize else _("Contains real names")


def share(value: float) -> str:
    """A share with one decimal, as the language writes a percentage.

    >>> share(0.5), share(0.0)
    ('50.0%', '0.0%')
    """
    pattern = Locale.parse(i18n.locale_name()).percent_formats[None].pattern.split(";")[0]
    return format_percent(value, format=pattern.replace("#,##0", "#,##0.0"), locale=i18n.locale_name())


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
    measures: dict[str, str] = field(default_factory=dict)
    anonymised: bool = False
    language: str = i18n.DEFAULT
    currency: str = i18n.DEFAULT_CURRENCY


def _signed(value: float, money: bool = False) -> str:
    text = i18n.money(abs(value)) if money else i18n.number(abs(value))
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def _period(a: Analysis) -> tuple[pd.DataFrame, str]:
    now, before, days = a.period["now"], a.period["before"], a.period_days
    table = pd.DataFrame({"Measure": [measure_title(k) for k in now], "Previous": list(before.values()),
                          "Current": list(now.values())})
    table["Change"] = table["Current"] - table["Previous"]

    def change(key: str) -> dict[str, object]:
        return {"n": int(now[key]), "change": _signed(now[key] - before[key])}

    money = now[MONEY_MEASURE]
    # TRANSLATORS: the period's counts; English keeps "connections" even for 1, as the measure's name.
    parts = {"connections": counted("{n} new connections ({change})", "{n} new connections ({change})",
                                    **change("New connections")),
             "exchanges": counted("{n} two-way exchanges ({change})", "{n} two-way exchanges ({change})",
                                  **change("Two-way exchanges")),
             "referrals": counted("{n} referrals received ({change})", "{n} referrals received ({change})",
                                  **change("Referrals received")),
             "closed": _("{amount} closed business ({change})").format(
                 amount=i18n.money(money), change=_signed(money - before[MONEY_MEASURE], True))}
    return table, _("Last {days} days against the {days} before: {connections}, {exchanges}, {referrals}, "
                    "{closed}.").format(days=i18n.number(days), **parts)


def _tiers(a: Analysis) -> tuple[pd.DataFrame, dict[str, int], str]:
    """Tier counts now vs at the period's start, how contacts moved, and the takeaway."""
    rank = {t: i for i, t in enumerate(depth.TIER_ORDER)}
    now_rank, then_rank = a.scores["tier"].map(rank), a.start_tiers.map(rank)
    moves = {"stronger": int((now_rank < then_rank).sum()), "weaker": int((now_rank > then_rank).sum()),
             "new": int((a.start_tiers == NOT_CONNECTED).sum())}
    then = depth.tier_counts(pd.DataFrame({"tier": a.start_tiers}))
    table = pd.DataFrame({"Tier": words(pd.Series(depth.TIER_ORDER)), "At start": list(then.values()),
                          "Now": list(a.tiers.values())})
    table["Change"] = table["Now"] - table["At start"]
    big = table.loc[table["Change"].abs().idxmax()]
    text = _("{stronger} contacts moved to a stronger tier and {weaker} to a weaker one this period; "
             "biggest change: {tier} {count} ({change}).").format(
        stronger=i18n.number(moves["stronger"]), weaker=i18n.number(moves["weaker"]), tier=big["Tier"],
        count=i18n.number(big["Now"]), change=_signed(big["Change"]))
    return table, moves, text


def _groups(a: Analysis) -> tuple[pd.DataFrame, str]:
    ranked = a.groups
    total_value, total_hours = ranked["closed_value"].sum(), ranked["hours"].sum()
    table = pd.DataFrame({
        "Group": ranked["name"], "Type": ranked["type"].map(label), "Verdict": ranked["verdict"].map(
            {k: _(verdict) for k, (verdict, _light) in groups.VERDICTS.items()}),
        "Cost (EUR)": ranked["cost"].round(2), "Closed business (EUR)": ranked["closed_value"].round(2),
        "Return on cost": ranked["return_on_cost"].round(2), "Score": ranked["score"].round(1),
        "Hours": ranked["hours"].round(1),
        "Share of closed business": (ranked["closed_value"] / total_value).round(3) if total_value else 0.0,
        "Share of hours": (ranked["hours"] / total_hours).round(3) if total_hours else 0.0,
        "Referrals received": ranked["referrals_received"], "Referrals given": ranked["referrals_given"],
        "Why": ranked["verdict_text"] + " " + ranked["reason"]})
    if table.empty:
        return table, _("No groups in the ledger yet: add the groups you pay for to see which pay off.")
    return table, a.group_takeaways[0]  # the Groups page's headline


def _give_take(a: Analysis) -> tuple[pd.DataFrame, str]:
    per_group = a.group_balance
    table = pd.DataFrame({"Group": per_group["name"], "Given": per_group["given"],
                          "Received": per_group["received"], "Balance": per_group["balance"],
                          "Why": per_group["reason"]})
    given, got = int(a.balance["given"].sum()), int(a.balance["received"].sum())
    takers = int(a.balance["takes_only"].sum())
    return table, counted(
        "You gave {given} and received {received} referrals, introductions, purchases, endorsements and "
        "recommendations; you received from {n} contact without giving anything back yet.",
        "You gave {given} and received {received} referrals, introductions, purchases, endorsements and "
        "recommendations; you received from {n} contacts without giving anything back yet.",
        takers, given=i18n.number(given), received=i18n.number(got))


def _plan(a: Analysis, net: Network, plan_status: pd.DataFrame | None,
          goals: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    status = plan_status if plan_status is not None else pd.DataFrame(columns=PLAN_STATUS_COLUMNS)
    lists = {"clients": actions.confirmed(a.clients), "referrers": actions.confirmed(a.referrers),
             "keep_in_touch": actions.curate_keep_in_touch(a.keep_in_touch, status, a.people),
             "follow_ups": actions.follow_ups(net, status, a.scores, a.as_of), "reconnect": a.reconnect}
    progress = actions.plan_progress(status, lists)
    plan = pd.DataFrame({"List": [_(LIST_TITLES[k]) for k in progress],
                         "Done": [p["done"] for p in progress.values()],
                         "Open": [p["total"] - p["done"] for p in progress.values()]})
    items = pd.concat([f.assign(List=_(LIST_TITLES[k]))[["List", "contact_id", "name", "why", "action"]]
                       for k, f in lists.items() if len(f)] or [pd.DataFrame(columns=["List", "contact_id",
                      "name", "why", "action"])], ignore_index=True)
    items = items.rename(columns={"name": "Name", "why": "Why", "action": "Action"})
    done, total = int(plan["Done"].sum()), int(plan["Done"].sum() + plan["Open"].sum())
    # TRANSLATORS: English keeps "items" even for 1 ("0 of 1 plan items done").
    text = counted("{done} of {n} plan items done ({share}).", "{done} of {n} plan items done ({share}).",
                   total, done=i18n.number(done), share=i18n.percent(done / total if total else 0))
    goal_table = pd.DataFrame(columns=["Goal", "Period start", "Actual", "Target", "Met"])
    if goals is not None and len(goals):
        got = actions.goal_progress(net, goals, a.as_of)
        goal_table = pd.DataFrame({"Goal": [_(GOAL_TITLES[key]) for key in zip(got["metric"], got["period"],
                                                                                 strict=True)],
                                   "Period start": got["period_start"], "Actual": got["actual"],
                                   "Target": got["target"],
                                   "Met": got["met"].map({True: _("yes"), False: _("no")})})
        text += " " + counted("Goals met in {met} of {n} recent periods.",
                              "Goals met in {met} of {n} recent periods.", len(got),
                              met=i18n.number(int(got["met"].sum())))
    return plan, items, goal_table, text


def _hygiene(a: Analysis) -> tuple[pd.DataFrame, str]:
    found = pd.concat([a.pitches, a.closeness, a.taking], ignore_index=True)
    found["date"] = pd.to_datetime(found["date"], utc=True)
    found = found.sort_values("date", ascending=False, kind="stable")
    checks = found["check"].map(lambda c: _(CHECK_TITLES.get(c, str(c).replace("_", " "))))
    table = pd.DataFrame({"Check": checks, "contact_id": found["contact_id"],
                          "Name": found["name"], "Date": found["date"], "Evidence": found["evidence"],
                          "Why": found["why"]})
    counts = table["Check"].value_counts()
    text = (_("No hygiene issues found.") if counts.empty else
            "; ".join(f"{i18n.number(n)} × {check}" for check, n in counts.items()) + ".")
    return table, text


#: The report's next steps, in the plan's order (clients, referrers, keep in touch, follow up, reconnect):
#: list title (`LIST_TITLES`) -> the step for its n items, the first of them named.
STEPS = {
    "Call a client": lambda n, first: counted(
        "Call {n} client: ask how the project went and whether you can help with anything else; no "
        "referral ask yet (first: {first}).",
        "Call {n} clients: ask how the project went and whether you can help with anything else; no "
        "referral ask yet (first: {first}).", n, first=first),
    "Thank a referrer": lambda n, first: counted(
        "Thank {n} person who referred business to you and learn who their ideal client is (first: {first}).",
        "Thank {n} people who referred business to you and learn who their ideal client is "
        "(first: {first}).", n, first=first),
    "Keep in touch": lambda n, first: counted(
        "Send a handwritten card, no pitch, to the {n} person on your keep-in-touch list.",
        "Send a handwritten card, no pitch, to the {n} people on your keep-in-touch list.", n),
    "Follow-up call": lambda n, first: counted("Make {n} follow-up call now due two weeks after your cards.",
                                           "Make {n} follow-up calls now due two weeks after your cards.", n),
    "Reconnect": lambda n, first: counted(
        "Reconnect with {n} former strong tie quiet for 6 months or more, starting with {first}: a personal "
        "note, no pitch.",
        "Reconnect with {n} former strong ties quiet for 6 months or more, starting with {first}: a "
        "personal note, no pitch.", n, first=first),
}
#: The plan lists whose empty step says how to fill it (`actions.HOW_TO_FILL`).
EMPTY_STEPS = {"Call a client": "call_client", "Thank a referrer": "call_referrer"}


def _next_steps(diag: dict, items: pd.DataFrame, waiting: dict[str, str | None]) -> list[str]:
    """The plan's steps in its order, each once (an empty step 1 or 2 says how to fill it, and `waiting`
    names the suggestions still to confirm after it), then the diagnosis' advice that is not already one
    of them. `items` names each list by its title in the language in use; `waiting` by the English one.
    The diagnosis' reconnect step is known by its English wording (`diag["english_steps"]`, the same
    steps in English, when the language in use is another)."""
    steps = []
    for title, step in STEPS.items():
        names = items.loc[items["List"] == _(title), "Name"]
        if len(names):
            steps.append(step(len(names), names.iloc[0]))
        elif title in EMPTY_STEPS:
            steps.append(_(actions.HOW_TO_FILL[EMPTY_STEPS[title]]))
        steps += [waiting[title]] if waiting.get(title) else []
    english = diag.get("english_steps", diag["next_steps"])
    return steps + [s for s, e in zip(diag["next_steps"], english, strict=True)
                    if s and not e.startswith("Reconnect")]


def _english_steps(a: Analysis) -> list[str]:
    """The diagnosis' next steps as English words them (to know them apart whatever the language)."""
    if i18n.language() == i18n.DEFAULT:
        return a.diagnosis["next_steps"]
    with i18n.use(i18n.DEFAULT):
        return diagnosis.diagnose(a.breadth, a.scores)["next_steps"]


def _contacts_table(scores: pd.DataFrame, start_tier: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"contact_id": scores["contact_id"], "Name": scores["name"],
                         "Company": scores["company"], "Position": scores["position"],
                         "Tier": words(scores["tier"]), "Tier at start": words(start_tier),
                         "Strength": scores["strength"],
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
                         "Kind": led["kind"].map(label),
                         "Direction": words(led["direction"].map(DIRECTION_WORDS)),
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
    growth_text = (counted("{n} connection; {added} added in the last 12 months.",
                           "{n} connections; {added} added in the last 12 months.", spread["contacts"],
                           added=i18n.number(last_year))
                   if len(a.growth) else _("No connection dates to chart yet."))
    period, period_text = _period(a)
    group_table, group_text = _groups(a)
    give_table, give_text = _give_take(a)
    plan, items, goal_table, plan_text = _plan(a, net, plan_status, goals)
    hygiene_table, hygiene_text = _hygiene(a)
    two_way, n = a.two_way, len(scores)
    diversity = _("Company diversity (0-1)")
    headline = {_("Contacts"): spread["contacts"], _("Companies"): spread["companies"],
                diversity: round(spread["diversity"], 2), _("Two-way relationships"): two_way,
                _("Strong ties"): diag["strong_ties"], _("Active ties"): diag["active_ties"],
                _("Breadth (0-1)"): round(diag["width"], 2), _("Depth (0-1)"): round(diag["depth"], 2),
                _("Diagnosis"): _(QUADRANT_WORDS[diag["quadrant"]]),
                _("Closed business, last {days} days ({currency})").format(
                    days=i18n.number(a.period_days), currency=i18n.currency()):
                    a.period["now"][MONEY_MEASURE]}
    privacy = Privacy(net, str(net.settings.get("pseudonym_salt", "")), anonymize, mask_companies)
    takeaways = {
        "summary": counted("{two_way} of your {n} contact is a two-way relationship ({share}).",
                           "{two_way} of your {n} contacts are two-way relationships ({share}).", n,
                           two_way=i18n.number(two_way), share=share(two_way / n if n else 0)),
        "period": period_text, "tiers": tier_text, "growth": growth_text, "groups": group_text,
        "give_take": give_text, "plan": plan_text, "hygiene": hygiene_text,
        "next": counted("{n} action on your lists, in the plan's order: clients, referrers, keep in touch, "
                        "follow-ups, then reconnect.",
                        "{n} actions on your lists, in the plan's order: clients, referrers, keep in touch, "
                        "follow-ups, then reconnect.", len(items)),
    }
    tables = {"period": period, "tiers": tiers, "growth": a.growth.rename(columns={
        "month": "Month", "new": "New", "cumulative": "Total"}), "groups": group_table,
        "give_take": give_table, "plan": plan, "goals": goal_table, "hygiene": hygiene_table,
        "actions": items, "contacts": _contacts_table(scores, a.start_tiers),
        "ledger": _ledger_table(net, a.as_of)}
    waiting = {"Call a client": actions.waiting_sentence("call_client", a.clients),
               "Thank a referrer": actions.waiting_sentence("call_referrer", a.referrers)}
    steps = _next_steps({**diag, "english_steps": _english_steps(a)}, items, waiting)
    return ReportData(
        as_of=a.as_of, period_days=a.period_days, owner="" if anonymize else net.owner.name,
        privacy=privacy_label(anonymize), headline=headline,
        diagnosis={**diag, "explanation": privacy.text(diag["explanation"]),
                   "next_steps": [privacy.text(s) for s in diag["next_steps"]]},
        tables={k: privacy.table(t) for k, t in tables.items()},
        takeaways={k: privacy.text(t) for k, t in takeaways.items()},
        next_steps=[privacy.text(s) for s in steps], tier_moves=moves,
        measures={diversity: _(MEASURES["diversity"])}, anonymised=anonymize,
        language=i18n.language(), currency=i18n.currency())
