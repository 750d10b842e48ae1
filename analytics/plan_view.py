"""What the Action plan page shows on top of its cached bundle (`action_plan.PlanData`) and the stored plan
status: the lists with their progress, each checklist's table, the rhythm filter, the mailing list picked,
and the words of its choices and confirmations in the language in use. The page only arranges widgets.

Example:
    >>> progress_text({"done": 1, "total": 4})
    (0.25, '1 of 4 done')
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import action_plan, actions, charts_actions, i18n, ledger_edits, role_changes
from analytics.frames import picker_labels
from analytics.i18n import N_, _, counted, pgettext
from analytics.model import Network

#: Each plan list as its progress metric names it (English; shown with `_`).
SHORT = {"call_client": N_("Clients"), "call_referrer": N_("Referrers"), "keep_in_touch": N_("Keep in touch"),
         "follow_up": N_("Follow-ups"), "reconnect": N_("Reconnect"), role_changes.LIST: N_("New roles")}
#: The rhythm's status codes, in the order the page offers them.
RHYTHM = ("overdue", "due", "ok")
#: What the rhythm table shows, in order.
RHYTHM_COLUMNS = ["name", "status", "cadence_days", "cadence_source", "tier", "last_interaction", "next_due",
                  "why"]


@dataclass(frozen=True)
class PlanLists:
    """The plan's lists as they stand with the stored status: `lists` by plan-status list name (the
    keep-in-touch list cut to its 50, the follow-ups due), `progress` per list ({"done", "total"}) and
    `names`, contact id -> label ("name · company", then the position or a number where two would read the
    same: `frames.picker_labels`), for pickers."""

    lists: dict[str, pd.DataFrame]
    progress: dict[str, dict[str, int]]
    names: dict[str, str]


def plan_lists(data: action_plan.PlanData, status: pd.DataFrame) -> PlanLists:
    """The plan's lists from the cached bundle `data` and the stored plan `status` (read fresh each rerun)."""
    people = data.people
    lists = {"call_client": data.call_client, "call_referrer": data.call_referrer,
             "keep_in_touch": actions.curate_keep_in_touch(data.keep_in_touch, status, people),
             "follow_up": actions.follow_ups(data.net, status, people, data.as_of),
             "reconnect": data.reconnect, role_changes.LIST: data.congratulate}
    names = picker_labels(people.drop_duplicates("contact_id"))  # two Ann Lees at Acme stay two
    return PlanLists(lists=lists, progress=actions.plan_progress(status, lists), names=names)


def progress_text(progress: dict[str, int]) -> tuple[float, str]:
    """A list's progress bar: the share done (0 for an empty list) and its text."""
    done, total = progress["done"], progress["total"]
    return (done / total if total else 0.0,
            _("{done} of {total} done").format(done=i18n.number(done), total=i18n.number(total)))


def progress_metrics(progress: dict[str, dict[str, int]]) -> list[tuple[str, str, str]]:
    """(label, value, help) of each list's progress metric: "Clients", "2 / 15", "Call your clients: done
    / items."

    >>> progress_metrics({"call_client": {"done": 2, "total": 15}})
    [('Clients', '2 / 15', 'Call your clients: done / items.')]
    """
    return [(_(SHORT[name]), f"{i18n.number(p['done'])} / {i18n.number(p['total'])}",
             _("{list}: done / items.").format(list=_(action_plan.LISTS[name])))
            for name, p in progress.items()]


def checklist(items: pd.DataFrame, status: pd.DataFrame, name: str,
              extra: tuple[str, ...] = ()) -> tuple[pd.DataFrame, list[str]]:
    """The confirmed items of plan list `name` with their stored status, and the columns its checklist
    shows: done, the first of `extra`, name, the rest of `extra`, why, done on, note.

    >>> items = pd.DataFrame({"item_key": ["call_client:a"], "contact_id": ["a"], "name": ["Ann"],
    ...                       "why": ["closed together"], "suggested": [False]})
    >>> from analytics.model import PLAN_STATUS_COLUMNS
    >>> shown, columns = checklist(items, pd.DataFrame(columns=PLAN_STATUS_COLUMNS), "call_client", ("rank",))
    >>> columns, shown["done"].tolist()
    (['done', 'rank', 'name', 'why', 'done_on', 'note'], [False])
    """
    shown = action_plan.with_status(actions.confirmed(items), status, name)
    return shown, ["done", *extra[:1], "name", *extra[1:], "why", "done_on", "note"]


def role_words(role: str, n: int) -> dict[str, str]:
    """The texts of the "suggested: confirm?" box for `n` suggested contacts of `role` (client or
    referrer), each a whole sentence for the translators.

    >>> role_words("referrer", 2)["title"]
    'Suggested from your LinkedIn export: 2 referrers — confirm?'
    """
    if role == "client":
        return {"title": counted("Suggested from your LinkedIn export: {n} client — confirm?",
                                 "Suggested from your LinkedIn export: {n} clients — confirm?", n),
                "confirm": _("Confirm as client"), "link": _("Mark clients on the Contacts page")}
    return {"title": counted("Suggested from your LinkedIn export: {n} referrer — confirm?",
                             "Suggested from your LinkedIn export: {n} referrers — confirm?", n),
            "confirm": _("Confirm as referrer"), "link": _("Mark referrers on the Contacts page")}


def marked(role: str, n: int) -> str:
    """The toast after `n` contacts were confirmed as `role` (client or referrer).

    >>> marked("client", 1), marked("referrer", 3)
    ('Marked 1 contact as client', 'Marked 3 contacts as referrer')
    """
    if role == "client":
        return counted("Marked {n} contact as client", "Marked {n} contacts as client", n)
    return counted("Marked {n} contact as referrer", "Marked {n} contacts as referrer", n)


def rhythm_words() -> dict[str, str]:
    """The rhythm's status codes as the page names them, in the language in use.

    >>> rhythm_words()
    {'overdue': 'overdue', 'due': 'due', 'ok': 'ok'}
    """
    return {"overdue": pgettext("cadence status", "overdue"), "due": pgettext("cadence status", "due"),
            "ok": pgettext("cadence status", "ok")}


def rhythm(cadence: pd.DataFrame, show: list[str] | None) -> tuple[dict[str, int], pd.DataFrame]:
    """How many contacts are overdue, due and on track, and the rows of the statuses in `show`, status and
    tier in words (`contact_id` kept for the edits).

    >>> cadence = pd.DataFrame({"contact_id": ["a", "b"], "status": ["due", "ok"],
    ...                         "tier": ["Close", "Active"]})
    >>> counts, shown = rhythm(cadence, ["due"])
    >>> counts, shown[["contact_id", "status", "tier"]].values.tolist()
    ({'overdue': 0, 'due': 1, 'ok': 1}, [['a', 'due', 'Close']])
    """
    found = cadence["status"].value_counts()
    counts = {status: int(found.get(status, 0)) for status in RHYTHM}
    shown = cadence[cadence["status"].isin(show or [])].reset_index(drop=True)
    words = rhythm_words()
    return counts, shown.assign(status=shown["status"].map(words).fillna(shown["status"]),
                                tier=ledger_edits.translated(shown["tier"]))


def source_words() -> dict[str, str]:
    """Where a mailing list can start from (`action_plan.MAILING_SOURCES`), in words."""
    return {source: _(source) for source in action_plan.MAILING_SOURCES}


def mailing(net: Network, sources: dict[str, list[str]], source: str, leave_out: list[str]) -> pd.DataFrame:
    """The mailing list that starts from `source` (a key of `sources`, from `action_plan.mailing_sources`;
    an unknown one starts from the first) without the contacts in `leave_out`."""
    start = sources.get(source, next(iter(sources.values())))
    left = set(leave_out)
    return action_plan.mailing_list(net, [c for c in start if c not in left])


def goal_words() -> dict[str, str]:
    """Goal metrics and periods in words, for the goals editor's choices.

    >>> goal_words()["one_to_ones"], goal_words()["week"]
    ('one to ones', 'week')
    """
    return {code: charts_actions.goal_word(code) for code in (*actions.GOAL_METRICS, *actions.GOAL_PERIODS)}


def upcoming_calls(data: action_plan.PlanData, status: pd.DataFrame) -> pd.DataFrame:
    """Every open follow-up call, upcoming ones included (for the calendar file)."""
    return action_plan.open_items(actions.follow_ups(data.net, status, data.people, data.as_of,
                                                     include_upcoming=True), status)
