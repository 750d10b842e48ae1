"""What do I do next: the social-capital plan, reconnects, keep-in-touch cadence and goals.

Farming, not hunting: every list deepens a relationship you already have and gives before it asks.
Each list is a frame with `item_key` (stable, e.g. "call_client:in:jane-doe", so the store's
`plan_status` can be joined), contact_id, name, why (evidence) and action. Rules: README;
numbers: the "Actions and hygiene" section of analytics/weights.py.

Example:
    >>> from analytics.model import empty_network
    >>> clients_to_call(empty_network(), pd.DataFrame(), pd.Timestamp("2026-01-01", tz="UTC")).empty
    True
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from analytics import i18n, marks, weights
from analytics.errors import InputError
from analytics.frames import as_utc, contact_names, date_text, iso_text, kept
from analytics.i18n import N_, _, counted
from analytics.model import Network
from analytics.wording import duration

LIST_COLUMNS = ["item_key", "contact_id", "name", "why", "action"]
CALL_COLUMNS = [*LIST_COLUMNS, "last", "suggested"]
KEEP_IN_TOUCH_COLUMNS = ["rank", "item_key", "contact_id", "name", "segment", "score", "why", "action",
                         "card_sent_on"]
FOLLOW_UP_COLUMNS = [*LIST_COLUMNS, "card_sent_on", "due_on", "segment"]
DAY = pd.Timedelta(days=1)

# The actions below are in English (marked for the catalogue); every list writes them with `_`.
CLIENT_CALL_ACTION = N_("Call to ask how the project went and whether there is anything else you can help "
                        "with. Do not ask for a referral on this call.")
REFERRER_CALL_ACTION = N_("Call to thank them and learn what they are working on and who their ideal "
                          "client is, so you can refer business back.")
CARD_ACTION = N_("Send a handwritten card (no pitch); call two weeks later.")
#: Plan-status `list` values that put a contact on (added) or off (removed) the keep-in-touch list.
KEEP_ADDED = "keep_in_touch_added"
KEEP_REMOVED = "keep_in_touch_removed"
KEEP_IN_TOUCH_SIZE = 50
REFERRAL_ASK_ACTION = N_("Call and ask for a referral now: who do they know who could use your help?")
COFFEE_ACTION = N_("Call and invite them for a coffee meeting.")
RECONNECT_ACTION = N_("Send a personal note that recalls something you did together and ask how they "
                      "are doing; no pitch.")
#: The one sentence an empty step 1 or 2 shows: how to fill it (pages link to the
#: Contacts page). In English: show it with `_`.
HOW_TO_FILL = {
    "call_client": N_("No clients yet: mark the people you did business with as “client” on the Contacts "
                      "page (or log closed business in the activity ledger)."),
    "call_referrer": N_("No referrers yet: mark the people who sent you business as “referrer” on the "
                        "Contacts page (or log the referrals you received in the activity ledger).")}
#: Why a contact the user marked is on step 1 or 2 (in English: written with `_`).
MARKED_WHY = {"client": N_("You marked them as a client."), "referrer": N_("You marked them as a referrer.")}
GOAL_METRICS = ("one_to_ones", "referrals_given", "reconnects", "meetings", "events")
GOAL_PERIODS = ("week", "month")


def item_keys(list_name: str, contact_ids: pd.Series) -> pd.Series:
    """Stable plan item keys: "<list>:<contact_id>"."""
    return list_name + ":" + contact_ids.astype(str)


def _named(frame: pd.DataFrame, net: Network, scores: pd.DataFrame | None) -> pd.DataFrame:
    frame = frame.copy()
    names = contact_names(net, scores, among=set(frame["contact_id"].tolist()))
    names = frame["contact_id"].map(names).astype(object)  # all-missing maps to float
    frame["name"] = names.fillna(frame["contact_id"])
    return frame


def _ledger(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    led = net.ledger
    return led[(led["date"] <= as_of) & (led["contact_id"].fillna("") != "")]


def _ledger_why(role: str, n: int, last: str, value: float) -> str:
    """Why a client (`role` "client") or referrer is on step 1 or 2, from the ledger, in the language in
    use."""
    total = i18n.money(value)
    if role == "client" and value > 0:
        return counted("You closed business together {n} time, most recently on {date} (total value "
                       "{total}).",
                       "You closed business together {n} times, most recently on {date} (total value "
                       "{total}).",
                       n, date=last, total=total)
    if role == "client":
        return counted("You closed business together {n} time, most recently on {date}.",
                       "You closed business together {n} times, most recently on {date}.", n, date=last)
    if value > 0:
        return counted("Referred business to you {n} time, most recently on {date} (total value {total}).",
                       "Referred business to you {n} times, most recently on {date} (total value {total}).",
                       n, date=last, total=total)
    return counted("Referred business to you {n} time, most recently on {date}.",
                   "Referred business to you {n} times, most recently on {date}.", n, date=last)


def _ledger_call_list(entries: pd.DataFrame, role: str) -> pd.DataFrame:
    """contact_id, why, last: one row per contact in `entries` (count, last date, total value), latest
    first; `role` ("client" or "referrer") says which sentence explains it."""
    if entries.empty:
        return pd.DataFrame(columns=["contact_id", "why", "last"])
    g = entries.groupby("contact_id").agg(n=("date", "size"), last=("date", "max"),
                                          value=("value", "sum")).reset_index()
    g = g.sort_values(["last", "n"], ascending=False)
    g["why"] = [_ledger_why(role, int(n), last, float(v))
                for n, last, v in zip(g["n"], date_text(g["last"]), g["value"], strict=True)]
    return g[["contact_id", "why", "last"]]


def _call_list(net: Network, scores: pd.DataFrame, list_name: str, logged: pd.DataFrame, role: str,
               suggested: pd.DataFrame | None, action: str) -> pd.DataFrame:
    """The ledger's people (latest first), then those the user marked as `role`, then the export's
    suggestions for `role` (strongest first; `suggested` True, never counted until confirmed)."""
    strength = scores.set_index("contact_id")["strength"] if len(scores) else pd.Series(dtype=float)
    mine = marks.marked(net.annotations, role).difference(logged["contact_id"], sort=False)
    hints = suggested[suggested["role"] == role] if suggested is not None else pd.DataFrame(
        columns=marks.SUGGESTION_COLUMNS)
    hints = hints[~hints["contact_id"].isin(set(logged["contact_id"]) | set(mine))]
    suggested_why = _("Suggested: confirm? {evidence}.")
    parts = [logged.assign(suggested=False),
             pd.DataFrame({"contact_id": mine, "why": _(MARKED_WHY[role]), "last": pd.NaT,
                           "suggested": False}),
             pd.DataFrame({"contact_id": hints["contact_id"], "last": pd.NaT, "suggested": True,
                           "why": [suggested_why.format(evidence=e[:1].upper() + e[1:])
                                   for e in hints["evidence"]]})]
    for i in (1, 2):
        order = parts[i]["contact_id"].map(strength).fillna(0.0)
        parts[i] = (parts[i].assign(_s=order.to_numpy())
                    .sort_values(["_s", "contact_id"], ascending=[False, True]).drop(columns="_s"))
    frame = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    frame["suggested"] = frame["suggested"].astype(bool)
    frame["action"] = _(action)
    frame["item_key"] = item_keys(list_name, frame["contact_id"])
    return _named(frame, net, scores)[CALL_COLUMNS].reset_index(drop=True)


def clients_to_call(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp,
                    suggested: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everyone you closed business with (ledger, either direction; latest deal first), then everyone
    you marked as a client, then suggested clients (`suggested` True); no referral ask yet.

    Columns: item_key, contact_id, name, why, action, last (latest deal), suggested.
    """
    as_of = as_utc(as_of)
    led = _ledger(net, as_of)
    logged = _ledger_call_list(led[led["kind"] == "closed_business"], "client")
    return _call_list(net, scores, "call_client", logged, "client", suggested, CLIENT_CALL_ACTION)


def referrers_to_call(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp,
                      suggested: pd.DataFrame | None = None) -> pd.DataFrame:
    """Everyone who referred business to you (ledger, latest first), then everyone you marked as a
    referrer, then suggested referral partners (`suggested` True): learn how to refer back.

    Columns: item_key, contact_id, name, why, action, last (latest referral), suggested.
    """
    as_of = as_utc(as_of)
    led = _ledger(net, as_of)
    logged = _ledger_call_list(led[(led["kind"] == "referral") & (led["direction"] == "in")], "referrer")
    return _call_list(net, scores, "call_referrer", logged, "referrer", suggested, REFERRER_CALL_ACTION)


def _latest_card(plan_status: pd.DataFrame | None) -> pd.DataFrame:
    """contact_id, card_sent_on (the latest card per contact) from the store's plan status."""
    if plan_status is None or plan_status.empty:
        return pd.DataFrame({"contact_id": pd.Series(dtype=object),
                             "card_sent_on": pd.Series(dtype="datetime64[ns, UTC]")})
    cards = plan_status[["contact_id", "card_sent_on"]].copy()
    cards["card_sent_on"] = pd.to_datetime(cards["card_sent_on"], utc=True)
    cards = cards.dropna(subset=["card_sent_on"])
    return cards.groupby("contact_id", as_index=False)["card_sent_on"].max()


def rising(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """contact_id, recent, before, rising: interactions in the last PROSPECT_RECENT_DAYS and in the same
    span before, and whether the tie is rising (more lately, at least 2): what `keep_in_touch_50` reads."""
    span = pd.Timedelta(days=weights.PROSPECT_RECENT_DAYS)
    it = net.interactions
    it = it[(it["date"] <= as_of) & (it["date"] > as_of - 2 * span)]
    recent = it["date"] > as_of - span
    counts = pd.DataFrame({"contact_id": it["contact_id"], "recent": recent, "before": ~recent})
    counts = counts.groupby("contact_id")[["recent", "before"]].sum()
    counts["rising"] = (counts["recent"] > counts["before"]) & (counts["recent"] >= 2)
    return counts.reset_index()


def keep_in_touch_50(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp, n: int = 50,
                     plan_status: pd.DataFrame | None = None,
                     rises: pd.DataFrame | None = None) -> pd.DataFrame:
    """Recent clients plus the most promising prospects, best first, at most `n`.

    Clients: closed business within KEEP_IN_TOUCH_BUSINESS_DAYS. Prospects (not Dormant or Never
    engaged): a two-way exchange within PROSPECT_RECENT_DAYS, a target flag, or a rising tie (more
    interactions in the last 90 days than in the 90 before, at least 2). Rank score = strength +
    KEEP_IN_TOUCH_POINTS for each of client / target / recent two-way / rising.
    Columns: rank, item_key, contact_id, name, segment, score, why, action, card_sent_on.
    `rises` is `rising(net, as_of)` when already computed.
    """
    as_of = as_utc(as_of)
    pts = weights.KEEP_IN_TOUCH_POINTS
    led = _ledger(net, as_of)
    deals = led[(led["kind"] == "closed_business")
                & (led["date"] > as_of - pd.Timedelta(days=weights.KEEP_IN_TOUCH_BUSINESS_DAYS))]
    deals = deals.groupby("contact_id").agg(deals=("date", "size"), last_deal=("date", "max"))
    cols = ["contact_id", "strength", "tier", "last_two_way"]
    base = scores[cols] if len(scores) else pd.DataFrame(columns=cols)
    frame = base.merge(deals.reset_index(), on="contact_id", how="outer")
    frame = frame.merge(rising(net, as_of) if rises is None else rises, on="contact_id", how="left")
    target = net.annotations.loc[net.annotations["target"].fillna(False).astype(bool), "contact_id"]
    frame["target"] = frame["contact_id"].isin(target)
    frame["client"] = frame["deals"].notna()
    frame["rising"] = frame["rising"].fillna(False).astype(bool)
    last_two_way = pd.to_datetime(frame["last_two_way"], utc=True)
    frame["recent_two_way"] = last_two_way > as_of - pd.Timedelta(days=weights.PROSPECT_RECENT_DAYS)
    engaged = ~frame["tier"].isin(["Dormant", "Never engaged"])
    prospect = engaged & (frame["recent_two_way"] | frame["target"] | frame["rising"])
    frame = frame[frame["client"] | prospect].copy()
    if frame.empty:
        return pd.DataFrame(columns=KEEP_IN_TOUCH_COLUMNS)
    frame["strength"] = pd.to_numeric(frame["strength"], errors="coerce").fillna(0.0)
    frame["score"] = frame["strength"] + sum(frame[k].astype(float) * v for k, v in pts.items())
    frame = frame.sort_values(["score", "contact_id"], ascending=[False, True]).head(n)
    frame["why"] = _keep_in_touch_why(frame, last_two_way[frame.index])
    frame["segment"] = frame["client"].map({True: "client", False: "prospect"})
    frame["action"] = _(CARD_ACTION)
    frame["item_key"] = item_keys("keep_in_touch", frame["contact_id"])
    frame = _named(frame, net, scores).merge(_latest_card(plan_status), on="contact_id", how="left")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame[KEEP_IN_TOUCH_COLUMNS].reset_index(drop=True)


def _keep_in_touch_why(frame: pd.DataFrame, last_two_way: pd.Series) -> list[str]:
    """Why each of the (at most 50) ranked contacts is on the list: the reasons that apply, "; "-joined,
    then the strength, in the language in use."""
    days, recent_days = weights.KEEP_IN_TOUCH_BUSINESS_DAYS, weights.PROSPECT_RECENT_DAYS
    number = functools.cache(i18n.number)  # a hundred strengths among thousands of candidates
    out = []
    for r, deal, two_way in zip(frame.itertuples(index=False), date_text(frame["last_deal"]),
                                date_text(last_two_way), strict=True):
        parts = []
        if r.client:
            parts.append(counted("closed business {n} time in the last {days} days (last {date})",
                                 "closed business {n} times in the last {days} days (last {date})",
                                 int(r.deals), days=number(days), date=deal))
        if r.recent_two_way:
            parts.append(_("two-way exchange on {date}").format(date=two_way))
        if r.target:
            parts.append(_("in your target segment"))
        if r.rising:
            parts.append(_("more contact lately ({recent} interactions in the last {days} days, {before} "
                           "before)").format(recent=number(int(r.recent)), days=number(recent_days),
                                             before=number(int(r.before))))
        joined = "; ".join(parts)
        # TRANSLATORS: {reasons} are the reasons a contact is on the keep-in-touch list, "; "-joined.
        out.append(_("{reasons}; strength {strength}.").format(reasons=joined[:1].upper() + joined[1:],
                                                                strength=number(round(r.strength))))
    return out


def curate_keep_in_touch(ranked: pd.DataFrame, status: pd.DataFrame, people: pd.DataFrame,
                         n: int = KEEP_IN_TOUCH_SIZE) -> pd.DataFrame:
    """The keep-in-touch list after the user's edits: their additions first ("your pick"), then the
    ranked candidates minus removals, up to `n` in all; rank renumbered from 1.

    >>> ranked = pd.DataFrame({"rank": [1, 2], "item_key": ["keep_in_touch:a", "keep_in_touch:b"],
    ...     "contact_id": ["a", "b"], "name": ["A", "B"], "segment": ["client", "prospect"],
    ...     "score": [150.0, 60.0], "why": ["w", "w"], "action": ["c", "c"], "card_sent_on": [pd.NaT] * 2})
    >>> status = pd.DataFrame({"item_key": ["keep_in_touch:a", "keep_in_touch:z"],
    ...                        "list": [KEEP_REMOVED, KEEP_ADDED], "contact_id": ["a", "z"]})
    >>> people = pd.DataFrame({"contact_id": ["z"], "name": ["Zoe"]})
    >>> curate_keep_in_touch(ranked, status, people)[["rank", "name", "segment"]].values.tolist()
    [[1, 'Zoe', 'your pick'], [2, 'B', 'prospect']]
    """
    own = status[status["item_key"].astype(str).str.startswith("keep_in_touch:")]
    removed = set(own.loc[own["list"] == KEEP_REMOVED, "contact_id"])
    added = own.loc[own["list"] == KEEP_ADDED, "contact_id"].tolist()
    names = people.drop_duplicates("contact_id").set_index("contact_id")["name"]
    picks = pd.DataFrame({"item_key": item_keys("keep_in_touch", pd.Series(added, dtype=object)),
                          "contact_id": added,
                          "name": [names.get(c, c) for c in added], "segment": N_("your pick"),
                          "score": float("nan"), "why": "", "action": _(CARD_ACTION),
                          "card_sent_on": pd.NaT})
    known = ranked.set_index("contact_id")["why"]
    picks["why"] = [_("Added by you. {why}").format(why=known[c]) if c in known.index else _("Added by you.")
                    for c in picks["contact_id"]]
    rest = ranked[~ranked["contact_id"].isin(removed | set(added))]
    out = pd.concat([picks, rest.drop(columns="rank")], ignore_index=True).head(max(n, len(picks)))
    out.insert(0, "rank", range(1, len(out) + 1))
    return out[KEEP_IN_TOUCH_COLUMNS]


def follow_ups(net: Network, plan_status: pd.DataFrame, scores: pd.DataFrame, as_of: pd.Timestamp,
               days: int = weights.FOLLOW_UP_DAYS, include_upcoming: bool = False) -> pd.DataFrame:
    """Calls due `days` after a card was sent: former clients -> ask for a referral now,
    prospects -> invite for a coffee. `include_upcoming` also lists calls not yet due (calendar).

    item_key is "follow_up:<contact_id>:<card date>", so a later card makes a new item.
    Columns: item_key, contact_id, name, why, action, card_sent_on, due_on, segment.
    """
    as_of = as_utc(as_of)
    cards = _latest_card(plan_status)
    cards["due_on"] = cards["card_sent_on"].dt.normalize() + pd.Timedelta(days=days)
    if not include_upcoming:
        cards = cards[cards["due_on"] <= as_of]
    if cards.empty:
        return pd.DataFrame(columns=FOLLOW_UP_COLUMNS)
    led = _ledger(net, as_of)
    clients = set(led.loc[led["kind"] == "closed_business", "contact_id"])
    client = cards["contact_id"].isin(clients)
    cards["segment"] = client.map({True: "client", False: "prospect"})
    cards["action"] = client.map({True: _(REFERRAL_ASK_ACTION), False: _(COFFEE_ACTION)})
    former = _("You sent a card on {sent}; the call is due on {due} (former client).")
    prospect = _("You sent a card on {sent}; the call is due on {due} (prospect).")
    cards["why"] = [(former if c else prospect).format(sent=sent, due=due) for c, sent, due in
                    zip(client, date_text(cards["card_sent_on"]), date_text(cards["due_on"]), strict=True)]
    cards["item_key"] = (item_keys("follow_up", cards["contact_id"]) + ":"
                         + iso_text(cards["card_sent_on"]))
    cards = _named(cards, net, scores).sort_values(["due_on", "contact_id"])
    return cards[FOLLOW_UP_COLUMNS].reset_index(drop=True)


def plan_progress(plan_status: pd.DataFrame, lists: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """Done / total per list: an item is done when plan_status has a done_on for its item_key.
    Suggested items (column `suggested` True) are not counted until the user confirms them.

    >>> status = pd.DataFrame({"item_key": ["a:1"], "done_on": [pd.Timestamp("2026-01-02")]})
    >>> plan_progress(status, {"a": pd.DataFrame({"item_key": ["a:1", "a:2"]})})
    {'a': {'done': 1, 'total': 2}}
    """
    done = set(plan_status.loc[plan_status["done_on"].notna(), "item_key"]) if len(plan_status) else set()
    lists = {name: confirmed(frame) for name, frame in lists.items()}
    return {name: {"done": int(frame["item_key"].isin(done).sum()), "total": len(frame)}
            for name, frame in lists.items()}


def confirmed(items: pd.DataFrame) -> pd.DataFrame:
    """`items` without the export's suggestions (rows whose `suggested` is True).

    >>> confirmed(pd.DataFrame({"item_key": ["a", "b"], "suggested": [False, True]}))["item_key"].tolist()
    ['a']
    """
    return items[~items["suggested"].astype(bool)] if "suggested" in items else items


def suggestions(items: pd.DataFrame) -> pd.DataFrame:
    """Only the export's suggestions in `items` (the rows `confirmed` leaves out): what the Action plan
    offers to confirm, never counted.

    >>> suggestions(pd.DataFrame({"item_key": ["a", "b"], "suggested": [False, True]}))["item_key"].tolist()
    ['b']
    """
    return items[items["suggested"].astype(bool)] if "suggested" in items else items.iloc[:0]


def waiting_sentence(name: str, items: pd.DataFrame) -> str | None:
    """One sentence on the suggestions in plan list `name` waiting to be confirmed (None when there are
    none); it names them, it never counts them in.

    >>> waiting_sentence("call_client", pd.DataFrame({"suggested": [True, True, False]}))[:58]
    '2 people your LinkedIn export suggests as clients are wait'
    >>> waiting_sentence("call_referrer", pd.DataFrame({"suggested": [False]})) is None
    True
    """
    n = len(suggestions(items))
    if not n:
        return None
    if name == "call_client":
        return counted("{n} person your LinkedIn export suggests as clients is waiting for your "
                       "confirmation on the Action plan or the Contacts page; they count once confirmed.",
                       "{n} people your LinkedIn export suggests as clients are waiting for your "
                       "confirmation on the Action plan or the Contacts page; they count once confirmed.", n)
    return counted("{n} person your LinkedIn export suggests as referrers is waiting for your confirmation "
                   "on the Action plan or the Contacts page; they count once confirmed.",
                   "{n} people your LinkedIn export suggests as referrers are waiting for your confirmation "
                   "on the Action plan or the Contacts page; they count once confirmed.", n)


def history(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per contact_id (the index, sorted) up to `as_of`: first (date of the first interaction),
    interactions (their count) and former_strength, the strength at the relationship's peak (0-100):
    interactions are counted per 91-day quarter (counted back from `as_of`) and the busiest quarter
    scores 100 at RECONNECT_FULL_QUARTER interactions, proportionally less below. What `reconnect`
    reads. On integer codes (a million rows): one factorize for all three."""
    it = kept(net.interactions, net.interactions["date"] <= as_of)
    codes, ids = pd.factorize(it["contact_id"], sort=True)
    known = codes >= 0
    dates = it["date"].array
    first = np.full(len(ids), np.iinfo(np.int64).max)
    np.minimum.at(first, codes[known], dates.asi8[known])
    quarter = ((it["date"] - as_of).dt.days // 91).to_numpy(np.int64)
    low = quarter.min() if len(quarter) else 0
    span = int(quarter.max() - low + 1) if len(quarter) else 1  # one key per (contact, quarter)
    pairs, counts = np.unique(codes[known] * span + (quarter[known] - low), return_counts=True)
    peak = np.zeros(len(ids), dtype=np.int64)
    np.maximum.at(peak, pairs // span, counts)
    index = pd.Index(ids, name="contact_id")
    return pd.DataFrame({
        "first": pd.DatetimeIndex(first.view(f"M8[{dates.unit}]")).tz_localize(dates.tz),
        "interactions": np.bincount(codes[known], minlength=len(ids)),
        "former_strength": (100.0 * peak / weights.RECONNECT_FULL_QUARTER).clip(max=100.0)}, index=index)


RECONNECT_COLUMNS = ["rank", "item_key", "contact_id", "name", "former_strength", "lasted_days",
                     "interactions", "last_interaction", "days_quiet", "quiet_for", "why", "action"]


def reconnect(scores: pd.DataFrame, net: Network, as_of: pd.Timestamp, n: int = 30,
              past: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ties that used to be strong and went quiet: the deepest former relationship first, then the one
    that lasted longest, then the most recent, then the busiest (never alphabetical by accident).

    Quiet: no interaction for RECONNECT_QUIET_DAYS; used to be strong: a two-way exchange once and a
    former strength of at least RECONNECT_MIN_FORMER_STRENGTH. lasted_days: first to last interaction.
    Columns: RECONNECT_COLUMNS (quiet_for in words, e.g. "14 months"). `past` is `history(net, as_of)`
    when already computed.
    """
    as_of = as_utc(as_of)
    if scores.empty:
        return pd.DataFrame(columns=RECONNECT_COLUMNS)
    past = history(net, as_of) if past is None else past
    frame = scores[["contact_id", "name", "last_interaction", "last_two_way"]].copy()
    frame["last_interaction"] = pd.to_datetime(frame["last_interaction"], utc=True)
    frame["former_strength"] = frame["contact_id"].map(past["former_strength"]).fillna(0.0)
    quiet = frame["last_interaction"] <= as_of - pd.Timedelta(days=weights.RECONNECT_QUIET_DAYS)
    frame = frame[quiet & frame["last_two_way"].notna()
                  & (frame["former_strength"] >= weights.RECONNECT_MIN_FORMER_STRENGTH)].copy()
    if frame.empty:
        return pd.DataFrame(columns=RECONNECT_COLUMNS)
    frame["lasted_days"] = (frame["last_interaction"] - frame["contact_id"].map(past["first"])).dt.days
    frame["interactions"] = frame["contact_id"].map(past["interactions"]).fillna(0).astype(int)
    frame["days_quiet"] = (as_of - frame["last_interaction"]).dt.days
    frame["_depth"] = frame["former_strength"].round()
    frame = frame.sort_values(["_depth", "lasted_days", "last_interaction", "interactions", "contact_id"],
                              ascending=[False, False, False, False, True]).head(n)
    frame["quiet_for"] = frame["days_quiet"].map(duration)
    frame["why"] = [counted("Former strength {strength} at its busiest quarter; {n} interaction over "
                            "{lasted}; silent for {quiet} since {date}.",
                            "Former strength {strength} at its busiest quarter; {n} interactions over "
                            "{lasted}; silent for {quiet} since {date}.", int(k),
                            strength=i18n.number(int(depth)), lasted=duration(lasted), quiet=quiet, date=last)
                    for depth, k, lasted, quiet, last in zip(
                        frame["_depth"], frame["interactions"], frame["lasted_days"], frame["quiet_for"],
                        date_text(frame["last_interaction"]), strict=True)]
    frame["action"] = _(RECONNECT_ACTION)
    frame["item_key"] = item_keys("reconnect", frame["contact_id"])
    frame = _named(frame, net, scores)
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame[RECONNECT_COLUMNS].reset_index(drop=True)


def cadence(scores: pd.DataFrame, annotations: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Keep-in-touch rhythm: next_due = last interaction + cadence days (tier default or yours).

    Status: "overdue" once next_due has passed, "due" within CADENCE_DUE_SOON_DAYS, else "ok";
    never contacted -> due today. Contacts without a cadence are left out.
    Columns: item_key, contact_id, name, tier, cadence_days, cadence_source, last_interaction,
    next_due, days_left, status, why. Overdue first.
    """
    as_of = as_utc(as_of)
    frame = scores[["contact_id", "name", "tier", "last_interaction"]].copy()
    own = annotations.loc[annotations["cadence_days"] > 0].drop_duplicates("contact_id", keep="last")
    frame["own"] = frame["contact_id"].map(own.set_index("contact_id")["cadence_days"])
    frame["cadence_days"] = frame["own"].fillna(frame["tier"].map(weights.CADENCE_DAYS))
    frame = frame.dropna(subset=["cadence_days"]).copy()
    frame["cadence_source"] = frame["own"].notna().map({True: _("your setting"), False: _("tier default")})
    frame["last_interaction"] = pd.to_datetime(frame["last_interaction"], utc=True)
    due = frame["last_interaction"].dt.normalize() + pd.to_timedelta(frame["cadence_days"], unit="D")
    frame["next_due"] = due.fillna(as_of.normalize())
    frame["days_left"] = (frame["next_due"] - as_of.normalize()).dt.days
    frame["status"] = "ok"
    frame.loc[frame["days_left"] <= weights.CADENCE_DUE_SOON_DAYS, "status"] = "due"
    frame.loc[frame["days_left"] < 0, "status"] = "overdue"
    frame["why"] = [_cadence_why(int(days), source, last, due) for days, source, last, due in
                    zip(frame["cadence_days"].round(), frame["cadence_source"],
                        date_text(frame["last_interaction"]), date_text(frame["next_due"]), strict=True)]
    frame["item_key"] = item_keys("cadence", frame["contact_id"])
    frame = frame.sort_values(["days_left", "contact_id"])
    return frame[["item_key", "contact_id", "name", "tier", "cadence_days", "cadence_source",
                  "last_interaction", "next_due", "days_left", "status", "why"]].reset_index(drop=True)


def _cadence_why(days: int, source: str, last: str, due: str) -> str:
    """A cadence item's sentence in the language in use (`last` "" when never in touch)."""
    if last:
        return counted("Every {n} day ({source}); last contact {last}, next due {due}.",
                       "Every {n} days ({source}); last contact {last}, next due {due}.", days, source=source,
                       last=last, due=due)
    return counted("Every {n} day ({source}); last contact never, next due {due}.",
                   "Every {n} days ({source}); last contact never, next due {due}.", days, source=source,
                   due=due)


def _period_start(dates: pd.Series, period: str) -> pd.Series:
    back = dates.dt.day_of_week if period == "week" else dates.dt.day - 1
    return dates.dt.normalize() - pd.to_timedelta(back, unit="D")


def goal_events(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """metric, date: one row per counted event up to `as_of` (the goals' evidence).

    one_to_ones / meetings / events: ledger kinds; referrals_given: ledger referrals "out";
    reconnects: an outbound message after GOAL_RECONNECT_SILENCE_DAYS of silence with that contact.
    """
    led = net.ledger[net.ledger["date"] <= as_of]
    kinds = {"one_to_one": "one_to_ones", "meeting": "meetings", "event": "events"}
    parts = [pd.DataFrame({"metric": led["kind"].map(kinds), "date": led["date"]}).dropna(),
             pd.DataFrame({"metric": "referrals_given",
                           "date": led.loc[(led["kind"] == "referral") & (led["direction"] == "out"),
                                           "date"]})]
    parts.append(pd.DataFrame({"metric": "reconnects", "date": _reconnect_dates(net.interactions, as_of)}))
    return pd.concat(parts, ignore_index=True)


def _reconnect_dates(it: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Dates of outbound messages sent after GOAL_RECONNECT_SILENCE_DAYS without any interaction with that
    contact, ordered by contact then date. On integer codes and nanoseconds (a million rows: sorting
    the frame by its text ids cost over a second)."""
    it = kept(it, it["date"] <= as_of)
    codes = pd.factorize(it["contact_id"], sort=True)[0]
    ns = pd.DatetimeIndex(it["date"]).as_unit("ns").asi8
    order = np.argsort(ns, kind="stable")  # then stably by contact: like sort_values(["contact_id", "date"])
    by_contact = codes[order].astype(np.int16 if len(codes) and codes.max() < 2**15 else np.int64)
    order = order[np.argsort(by_contact, kind="stable")]  # 16-bit codes sort by radix: twice lexsort's speed
    c, t = codes[order], ns[order]
    silence = pd.Timedelta(days=weights.GOAL_RECONNECT_SILENCE_DAYS).value
    after = np.zeros(len(order), dtype=bool)
    after[1:] = (c[1:] == c[:-1]) & (c[1:] >= 0) & (t[1:] - t[:-1] >= silence)
    sent = ((it["channel"] == "message") & (it["direction"] == "out")).to_numpy(bool)[order]
    return it["date"].iloc[order[after & sent]]


def goal_progress(net: Network, goals: pd.DataFrame, as_of: pd.Timestamp, periods: int = 8,
                  events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actual vs target per goal for the last `periods` weeks (Monday start) or calendar months.

    goals: metric (one of GOAL_METRICS), period ("week"/"month"), target. `events` is a precomputed
    `goal_events(net, as_of)` (a page caches it; the goals change more often than the network).
    Columns: metric, period, period_start, actual, target, met. Oldest period first.
    """
    as_of = as_utc(as_of)
    bad = set(goals["metric"]) - set(GOAL_METRICS) or set(goals["period"]) - set(GOAL_PERIODS)
    if bad:
        raise InputError("goals", _("unknown metric or period {bad}; use metrics {metrics} and periods week "
                                    "or month").format(bad=sorted(bad), metrics=", ".join(GOAL_METRICS)))
    events = goal_events(net, as_of) if events is None else events
    rows = []
    for goal in goals.itertuples(index=False):
        current = _period_start(pd.Series([as_of]), goal.period).iloc[0]
        offset = pd.DateOffset(weeks=1) if goal.period == "week" else pd.DateOffset(months=1)
        starts = [current - offset * k for k in range(periods - 1, -1, -1)]
        hits = events.loc[events["metric"] == goal.metric, "date"]
        counts = _period_start(hits, goal.period).value_counts()
        rows += [{"metric": goal.metric, "period": goal.period, "period_start": s,
                  "actual": int(counts.get(s, 0)), "target": float(goal.target)} for s in starts]
    out = pd.DataFrame(rows, columns=["metric", "period", "period_start", "actual", "target"])
    out["met"] = out["actual"] >= out["target"]
    return out

