"""What the Action plan page shows: the cached lists, their status joined in, and edits turned into rows.

`plan_data` holds everything heavy (computed once per workspace revision by the UI); the store's plan
status is joined afterwards with `with_status`, and a table editor's edits become plan-status rows with
`status_edits`. Keep-in-touch membership edits are plan-status rows too: item_key
"keep_in_touch:<contact_id>" with list "keep_in_touch_added" (always on the list) or
"keep_in_touch_removed" (never on it); the same row keeps that item's done date, note and card date.

Example:
    >>> status = pd.DataFrame({"item_key": ["call_client:a"], "list": ["call_client"], "contact_id": ["a"],
    ...                        "done_on": [pd.Timestamp("2026-11-02", tz="UTC")], "note": ["ok"],
    ...                        "card_sent_on": [pd.NaT]})
    >>> items = pd.DataFrame({"item_key": ["call_client:a", "call_client:b"], "contact_id": ["a", "b"]})
    >>> with_status(items, status, "call_client")[["done", "note"]].values.tolist()
    [[True, 'ok'], [False, '']]
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import actions, hygiene, i18n, role_changes, weights
from analytics.analysis import Analysis
from analytics.errors import InputError
from analytics.frames import as_utc
from analytics.i18n import N_, _
from analytics.model import PLAN_STATUS_COLUMNS, Network

#: Plan lists: the plan-status `list` value -> the page's title for it (English; shown with `_`).
LISTS = {"call_client": N_("Call your clients"), "call_referrer": N_("Call the people who referred you"),
         "keep_in_touch": N_("Keep in touch with 50"), "follow_up": N_("Follow up two weeks after the card"),
         "reconnect": N_("Reconnect"), role_changes.LIST: role_changes.TITLE}
STATUS_FIELDS = ["done", "done_on", "note", "card_sent_on"]
#: Who a mailing list can start from (the page then lets the user leave people out); codes in English,
#: shown with `_`.
MAILING_SOURCES = (N_("keep-in-touch list"), N_("target segment"), N_("clients and referrers"),
                   N_("all contacts"))
MAILING_COLUMNS = ["contact_id", "name", "first_name", "last_name", "email", "company", "consent"]
#: A starting point for someone who has set no goals yet.
SUGGESTED_GOALS = pd.DataFrame({"metric": ["one_to_ones", "referrals_given", "reconnects"],
                                "period": ["week", "month", "week"], "target": [2.0, 2.0, 1.0]})
CALL_LIST_COLUMNS = ["list", "name", "company", "position", "due_on", "action", "why"]


@dataclass(frozen=True)
class PlanData:
    """What the Action plan page shows that does not depend on plan status, read from one `Analysis`.

    keep_in_touch holds every candidate, ranked (`actions.curate_keep_in_touch` cuts it to 50);
    closeness and taking are hygiene findings; people (contact_id, name, company, position) feeds
    pickers and exports; net is the network without its interactions (contacts, annotations, ledger:
    enough for follow-ups, exports and edits, and cheap to hand out of a cache on every rerun).
    """

    as_of: pd.Timestamp
    net: Network
    people: pd.DataFrame
    call_client: pd.DataFrame
    call_referrer: pd.DataFrame
    keep_in_touch: pd.DataFrame
    reconnect: pd.DataFrame
    cadence: pd.DataFrame
    congratulate: pd.DataFrame
    closeness: pd.DataFrame
    taking: pd.DataFrame
    goal_events: pd.DataFrame


def plan_data(net: Network, a: Analysis) -> PlanData:
    """The page's lists from analysis `a` of `net` (cache this per workspace version)."""
    light = Network(owner=net.owner, contacts=net.contacts, annotations=net.annotations,
                    groups=net.groups, members=net.members, ledger=net.ledger, settings=dict(net.settings))
    return PlanData(as_of=a.as_of, net=light, people=a.people, call_client=a.clients,
                    call_referrer=a.referrers, keep_in_touch=a.keep_in_touch, reconnect=a.reconnect,
                    cadence=a.cadence, congratulate=a.congratulate, closeness=a.closeness, taking=a.taking,
                    goal_events=a.goal_events)


def pitches(net: Network, a: Analysis, window_days: int = weights.EARLY_PITCH_DAYS) -> pd.DataFrame:
    """Early pitches within `window_days` of connecting: the analysis' own for the default window."""
    if window_days == weights.EARLY_PITCH_DAYS:
        return a.pitches
    return hygiene.early_pitches(net, a.as_of, window_days=window_days)


def _status_by_key(status: pd.DataFrame) -> pd.DataFrame:
    return status.drop_duplicates("item_key", keep="last").set_index("item_key")


def _naive_days(dates: pd.Series) -> pd.Series:
    """UTC dates as tz-naive midnights (what a table editor's date column shows)."""
    return pd.to_datetime(dates, utc=True).dt.tz_localize(None).dt.normalize()


def with_status(items: pd.DataFrame, status: pd.DataFrame, list_name: str) -> pd.DataFrame:
    """`items` plus list, done, done_on, note, card_sent_on from the stored plan status (by item_key).

    Dates come back tz-naive (day precision) for a table editor; an item without a row is open; a
    card date stored for the item wins over one the item carries (follow-ups carry their own).
    """
    stored = _status_by_key(status).reindex(items["item_key"])
    out = items.reset_index(drop=True).copy()

    def column(name: str) -> pd.Series:
        return pd.Series(stored[name].to_numpy(), index=out.index)

    out["list"] = column("list").astype(object).fillna(list_name).astype(str)
    out["done_on"] = _naive_days(column("done_on"))
    out["done"] = out["done_on"].notna()
    out["note"] = column("note").astype(object).fillna("").astype(str)
    own_card = out["card_sent_on"] if "card_sent_on" in out else pd.Series(pd.NaT, index=out.index)
    card = pd.to_datetime(column("card_sent_on"), utc=True)
    out["card_sent_on"] = _naive_days(card.fillna(pd.to_datetime(own_card, utc=True)))
    return out


def _day(value: object, what: str, as_of: pd.Timestamp) -> pd.Timestamp:
    """An edited date cell as a UTC midnight (NaT when cleared); not after `as_of`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return pd.NaT
    try:
        when = as_utc(pd.Timestamp(value)).normalize()
    except (ValueError, TypeError) as err:
        raise InputError(what, _("use a date like {example}").format(
            example=i18n.date(pd.Timestamp("2026-11-15")))) from err
    if when > as_utc(as_of).normalize():
        raise InputError(what, _("{day} is in the future; use a date up to today").format(
            day=i18n.date(when)))
    return when


def status_edits(shown: pd.DataFrame, edited_rows: dict, as_of: pd.Timestamp) -> pd.DataFrame:
    """Plan-status rows to save for a table editor's `edited_rows` ({row position: {column: value}}).

    `shown` is `with_status(...)` as displayed. Ticking Done without a date records `as_of`;
    entering a date ticks Done; unticking clears the date. A card date also marks a keep-in-touch
    item done (the card is its action); only keep-in-touch rows store a card date. Only rows that
    change are returned. Bad dates raise InputError.

    >>> shown = with_status(pd.DataFrame({"item_key": ["x:a"], "contact_id": ["a"]}),
    ...                     pd.DataFrame(columns=PLAN_STATUS_COLUMNS), "x")
    >>> row = status_edits(shown, {0: {"done": True}}, pd.Timestamp("2026-11-15", tz="UTC")).iloc[0]
    >>> row["item_key"], f"{row['done_on']:%Y-%m-%d}"
    ('x:a', '2026-11-15')
    """
    as_of = as_utc(as_of)
    rows = []
    for position, changes in edited_rows.items():
        cur = shown.iloc[int(position)]
        old_done = pd.NaT if pd.isna(cur["done_on"]) else as_utc(cur["done_on"])
        old_card = pd.NaT if pd.isna(cur["card_sent_on"]) else as_utc(cur["card_sent_on"])
        done_on = _day(changes["done_on"], _("done date"), as_of) if "done_on" in changes else old_done
        card = (_day(changes["card_sent_on"], _("card sent"), as_of) if "card_sent_on" in changes
                else old_card)
        done = bool(changes.get("done", cur["done"])) or ("done_on" in changes and pd.notna(done_on))
        if "card_sent_on" in changes and pd.notna(card) and pd.isna(done_on):
            done, done_on = True, card
        if not done:
            done_on = pd.NaT
        elif pd.isna(done_on):
            done_on = as_of.normalize()
        note = str(changes.get("note", cur["note"]) or "")
        if _same(done_on, old_done) and _same(card, old_card) and note == cur["note"]:
            continue
        rows.append({"item_key": cur["item_key"], "list": cur["list"], "contact_id": cur["contact_id"],
                     "done_on": done_on, "note": note,
                     "card_sent_on": card if cur["list"].startswith("keep_in_touch") else pd.NaT})
    return _status_frame(rows)


def _same(a: pd.Timestamp, b: pd.Timestamp) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (pd.notna(a) and pd.notna(b) and a == b)


def _status_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PLAN_STATUS_COLUMNS)
    for column in ("done_on", "card_sent_on"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def membership_rows(status: pd.DataFrame, add: list[str] = (), remove: list[str] = ()) -> pd.DataFrame:
    """Plan-status rows that put contacts on (`add`) or off (`remove`) the keep-in-touch list, keeping
    any done date, note and card date already stored for them.

    >>> membership_rows(pd.DataFrame(columns=PLAN_STATUS_COLUMNS), add=["a"], remove=["b"])[
    ...     ["item_key", "list"]].values.tolist()
    [['keep_in_touch:a', 'keep_in_touch_added'], ['keep_in_touch:b', 'keep_in_touch_removed']]
    """
    stored = _status_by_key(status)
    rows = []
    pairs = [*((c, actions.KEEP_ADDED) for c in add), *((c, actions.KEEP_REMOVED) for c in remove)]
    for cid, membership in pairs:
        key = f"keep_in_touch:{cid}"
        old = stored.loc[key] if key in stored.index else {}
        rows.append({"item_key": key, "list": membership, "contact_id": cid,
                     "done_on": old.get("done_on", pd.NaT), "note": old.get("note", "") or "",
                     "card_sent_on": old.get("card_sent_on", pd.NaT)})
    return _status_frame(rows)


def open_items(items: pd.DataFrame, status: pd.DataFrame) -> pd.DataFrame:
    """The items of `items` not marked done in `status`.

    >>> status = pd.DataFrame({"item_key": ["a"], "done_on": [pd.Timestamp("2026-01-01")]})
    >>> open_items(pd.DataFrame({"item_key": ["a", "b"]}), status)["item_key"].tolist()
    ['b']
    """
    done = set(status.loc[status["done_on"].notna(), "item_key"]) if len(status) else set()
    return items[~items["item_key"].isin(done)].reset_index(drop=True)


def call_list(lists: dict[str, pd.DataFrame], status: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Every open call (clients, referrers, due follow-ups) as one table for CSV/Excel export.

    Columns: list (the plan step in the language in use), name, company, position, due_on (follow-ups
    only), action, why.
    """
    info = people.drop_duplicates("contact_id").set_index("contact_id")
    parts = []
    for key in ("call_client", "call_referrer", "follow_up"):
        frame = open_items(actions.confirmed(lists[key]), status)  # suggestions are not calls yet
        parts.append(pd.DataFrame({
            "list": _(LISTS[key]), "name": frame["name"],
            "company": frame["contact_id"].map(info["company"]).fillna(""),
            "position": frame["contact_id"].map(info["position"]).fillna(""),
            "due_on": pd.to_datetime(frame["due_on"], utc=True) if "due_on" in frame else pd.NaT,
            "action": frame["action"], "why": frame["why"]}))
    out = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    out["due_on"] = pd.to_datetime(out["due_on"], utc=True)
    return out[CALL_LIST_COLUMNS]


def mailing_sources(net: Network, data: PlanData, keep: pd.DataFrame) -> dict[str, list[str]]:
    """Contact ids for each of MAILING_SOURCES (`data` = `plan_data`, `keep` = the curated list)."""
    ann = net.annotations
    target = ann.loc[ann["target"].fillna(False).astype(bool), "contact_id"]
    givers = pd.concat([actions.confirmed(data.call_client)["contact_id"],
                        actions.confirmed(data.call_referrer)["contact_id"]])
    everyone = data.people["contact_id"]
    lists = (keep["contact_id"].tolist(), everyone[everyone.isin(target)].tolist(),
             list(dict.fromkeys(givers)), everyone.tolist())
    return dict(zip(MAILING_SOURCES, lists, strict=True))


def mailing_list(net: Network, contact_ids: list[str]) -> pd.DataFrame:
    """Name, email, company and consent ("yes"/"no"/"unknown") of `contact_ids`, in that order.

    >>> from analytics.model import empty_network
    >>> mailing_list(empty_network(), []).columns.tolist() == MAILING_COLUMNS
    True
    """
    contacts = net.contacts.drop_duplicates("contact_id").set_index("contact_id")
    ids = pd.Series([c for c in contact_ids if c in contacts.index], dtype=object)
    out = contacts.reindex(ids)[MAILING_COLUMNS[1:-1]].reset_index(names="contact_id")
    out["consent"] = hygiene.consent_of(ids, net.annotations).to_numpy()
    return out[MAILING_COLUMNS]


def goals_table(goals: pd.DataFrame) -> pd.DataFrame:
    """The stored goals typed for a table editor: metric and period as text, target as a number
    (an empty store frame types "target" as a flag).

    >>> goals_table(pd.DataFrame({"metric": [], "period": [], "target": pd.Series([], dtype=bool)})).dtypes[
    ...     "target"]
    dtype('float64')
    """
    return pd.DataFrame({"metric": goals["metric"].astype(object), "period": goals["period"].astype(object),
                         "target": pd.to_numeric(goals["target"], errors="coerce").astype(float)})


def goal_edits(goals: pd.DataFrame, edited_rows: dict, added_rows: list[dict],
               deleted_rows: list[int]) -> tuple[pd.DataFrame, int]:
    """The goals after a table editor's edits, and how many added rows are still incomplete.

    Incomplete new rows (no metric, period or target yet) are left out until finished; a later row
    for the same metric and period replaces an earlier one. A negative target raises InputError.

    >>> goals = pd.DataFrame({"metric": ["reconnects"], "period": ["week"], "target": [2.0]})
    >>> new, pending = goal_edits(goals, {0: {"target": 3}}, [{"metric": "events"}], [])
    >>> new.values.tolist(), pending
    ([['reconnects', 'week', 3.0]], 1)
    """
    rows = goals[["metric", "period", "target"]].to_dict("records")
    for position, changes in edited_rows.items():
        rows[int(position)] = {**rows[int(position)], **changes}
    rows = [r for i, r in enumerate(rows) if i not in {int(d) for d in deleted_rows}]
    complete = [{"metric": None, "period": None, "target": None, **r} for r in added_rows]
    pending = sum(1 for r in complete if any(r[c] in (None, "") for c in ("metric", "period", "target")))
    rows += [r for r in complete if all(r[c] not in (None, "") for c in ("metric", "period", "target"))]
    out = pd.DataFrame(rows, columns=["metric", "period", "target"])
    out["target"] = pd.to_numeric(out["target"], errors="coerce").astype(float)
    if out["target"].isna().any() or (out["target"] < 0).any():
        raise InputError(_("goals"), _("a target is a number of 0 or more"))
    known = out["metric"].isin(actions.GOAL_METRICS) & out["period"].isin(actions.GOAL_PERIODS)
    if not known.all():  # the bad value itself is not echoed: it would be rendered as markdown
        raise InputError(_("goals"), _("unknown metric or period; use {metrics} per week or month").format(
            metrics=", ".join(actions.GOAL_METRICS)))
    out = out.drop_duplicates(["metric", "period"], keep="last").reset_index(drop=True)
    return out, pending


def goals_changed(stored: pd.DataFrame, new: pd.DataFrame) -> bool:
    """True when `new` differs from the stored goals (ignoring row order).

    >>> g = pd.DataFrame({"metric": ["events"], "period": ["month"], "target": [1.0]})
    >>> goals_changed(g, g.copy()), goals_changed(g, g.iloc[:0])
    (False, True)
    """
    def norm(frame: pd.DataFrame) -> list[tuple]:
        return sorted((str(m), str(p), float(t)) for m, p, t in
                      frame[["metric", "period", "target"]].itertuples(index=False))
    return norm(stored) != norm(new)
