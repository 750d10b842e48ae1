"""What the Action plan page shows on top of its bundle: lists with status and progress, checklist tables,
the rhythm filter, the mailing list picked and the page's words, on tiny tables."""

import dataclasses

import pandas as pd
import pytest

from analytics import action_plan, actions, i18n, plan_view, role_changes
from analytics.model import CONTACT_COLUMNS, PLAN_STATUS_COLUMNS, empty_network
from tests.builders import frame, model_frame, utc

AS_OF = utc("2026-11-15")
PEOPLE = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann", "Bo", "Cy"],
                       "company": ["Acme", "Beta", "Cyan"], "position": ["", "", ""]})
#: Two people with one name at one company: the plan's pickers tell them apart.
NAMESAKES = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann Lee", "Ann Lee", "Bo"],
                          "company": ["Acme", "Acme", ""], "position": ["CEO", "CFO", ""]})


def items(name: str, *rows: tuple[str, bool]) -> pd.DataFrame:
    """Plan items of list `name`: (contact id, suggested by the export?) each."""
    ids = [c for c, _ in rows]
    names = dict(zip(PEOPLE["contact_id"], PEOPLE["name"], strict=True))
    return pd.DataFrame({"item_key": [f"{name}:{c}" for c in ids], "contact_id": ids,
                         "name": [names[c] for c in ids],
                         "why": "w", "action": "call", "suggested": [s for _, s in rows]})


def keep(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"rank": range(1, len(ids) + 1), "item_key": [f"keep_in_touch:{c}" for c in ids],
                         "contact_id": list(ids), "name": list(ids), "segment": "client", "score": 1.0,
                         "why": "w", "action": "card", "card_sent_on": pd.NaT},
                        columns=actions.KEEP_IN_TOUCH_COLUMNS)


def bundle(**lists: pd.DataFrame) -> action_plan.PlanData:
    empty = items("call_client")
    net = dataclasses.replace(empty_network(), contacts=model_frame(
        CONTACT_COLUMNS, contact_id=["a", "b", "c"], name=["Ann", "Bo", "Cy"], email=["a@x", "b@x", ""],
        company=["Acme", "Beta", "Cyan"]))
    base = {"call_client": empty, "call_referrer": empty, "keep_in_touch": keep(), "reconnect": empty,
            "congratulate": empty}
    return action_plan.PlanData(as_of=AS_OF, net=net, people=PEOPLE, cadence=pd.DataFrame(),
                                closeness=pd.DataFrame(), taking=pd.DataFrame(), goal_events=pd.DataFrame(),
                                **{**base, **lists})


def status(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """Plan status rows: (item key, list, done on)."""
    return frame(PLAN_STATUS_COLUMNS, [(key, name, key.split(":")[-1], utc(done), "", pd.NaT)
                                       for key, name, done in rows])


def test_lists_count_done_items_and_leave_suggestions_out() -> None:
    data = bundle(call_client=items("call_client", ("a", False), ("b", False), ("c", True)),
                  keep_in_touch=keep("a", "b"))
    plan = plan_view.plan_lists(data, status(("call_client:a", "call_client", "2026-11-02"),
                                             ("keep_in_touch:b", actions.KEEP_REMOVED, None)))
    assert plan.progress["call_client"] == {"done": 1, "total": 2}  # Cy is only a suggestion
    assert plan.lists["keep_in_touch"]["contact_id"].tolist() == ["a"]  # Bo was taken off the list
    assert plan.lists["follow_up"].empty  # no card sent
    assert set(plan.lists) == {*action_plan.LISTS} and role_changes.LIST in plan.progress
    assert plan.names == {"a": "Ann · Acme", "b": "Bo · Beta", "c": "Cy · Cyan"}


def test_pickers_tell_two_people_with_one_name_apart() -> None:
    data = dataclasses.replace(bundle(), people=NAMESAKES)
    assert plan_view.plan_lists(data, status()).names == {"a": "Ann Lee · Acme · CEO",
                                                          "b": "Ann Lee · Acme · CFO", "c": "Bo"}


@pytest.mark.parametrize(("done", "total", "share", "text"), [(0, 0, 0.0, "0 of 0 done"),
                                                               (1, 4, 0.25, "1 of 4 done"),
                                                               (1200, 1200, 1.0, "1,200 of 1,200 done")])
def test_progress_text(done: int, total: int, share: float, text: str) -> None:
    assert plan_view.progress_text({"done": done, "total": total}) == (share, text)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ("New roles", "1 / 3", "Congratulate on a new role: done / items.")),
    ("de", ("Neue Rollen", "1 / 3", None)),
])
def test_progress_metrics_in_the_language(lang: str, expected: tuple) -> None:
    with i18n.use(lang):
        label, value, help_text = plan_view.progress_metrics({role_changes.LIST: {"done": 1, "total": 3}})[0]
    assert (label, value) == expected[:2]
    assert help_text.endswith(": done / items.") == (lang == "en")
    if expected[2]:
        assert help_text == expected[2]


def test_checklist_joins_the_stored_status_and_orders_the_columns() -> None:
    shown, columns = plan_view.checklist(items("reconnect", ("a", False), ("b", False), ("c", True)),
                                         status(("reconnect:b", "reconnect", "2026-11-10")), "reconnect",
                                         ("former_strength", "quiet_for"))
    assert columns == ["done", "former_strength", "name", "quiet_for", "why", "done_on", "note"]
    assert shown[["name", "done"]].values.tolist() == [["Ann", False], ["Bo", True]]  # Cy: a suggestion
    assert shown["done_on"].iloc[1] == pd.Timestamp("2026-11-10")  # a day for the table editor


@pytest.mark.parametrize(("show", "names", "words"), [
    (["overdue", "due"], ["Ann", "Bo"], ["overdue", "due"]),
    (["ok"], ["Cy"], ["ok"]),
    ([], [], []),
    (None, [], []),
])
def test_rhythm_counts_all_and_shows_the_statuses_picked(show: list | None, names: list, words: list) -> None:
    cadence = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann", "Bo", "Cy"],
                            "status": ["overdue", "due", "ok"], "tier": ["Close", "Active", "Network"]})
    counts, shown = plan_view.rhythm(cadence, show)
    assert counts == {"overdue": 1, "due": 1, "ok": 1}
    assert shown["name"].tolist() == names and shown["status"].tolist() == words


def test_rhythm_words_in_german() -> None:
    with i18n.use("de"):
        _, shown = plan_view.rhythm(pd.DataFrame({"contact_id": ["a"], "status": ["overdue"],
                                                  "tier": ["Close"]}), ["overdue"])
    assert shown[["status", "tier"]].values.tolist() == [["überfällig", "Enger Kreis"]]


@pytest.mark.parametrize(("source", "leave_out", "ids"), [
    ("all contacts", [], ["a", "b", "c"]),
    ("all contacts", ["b"], ["a", "c"]),
    ("keep-in-touch list", [], ["a"]),
    ("no such source", [], ["a"]),  # an unknown choice starts from the first source
])
def test_mailing_starts_from_the_source_and_leaves_people_out(source: str, leave_out: list,
                                                               ids: list) -> None:
    data = bundle()
    sources = action_plan.mailing_sources(data.net, data, keep("a"))
    got = plan_view.mailing(data.net, sources, source, leave_out)
    assert got["contact_id"].tolist() == ids
    assert got.columns.tolist() == action_plan.MAILING_COLUMNS


@pytest.mark.parametrize(("role", "n", "title", "toast"), [
    ("client", 1, "Suggested from your LinkedIn export: 1 client — confirm?", "Marked 1 contact as client"),
    ("referrer", 2, "Suggested from your LinkedIn export: 2 referrers — confirm?",
     "Marked 2 contacts as referrer"),
])
def test_role_sentences(role: str, n: int, title: str, toast: str) -> None:
    assert plan_view.role_words(role, n)["title"] == title
    assert plan_view.marked(role, n) == toast


def test_choices_in_words_cover_every_code() -> None:
    assert set(plan_view.goal_words()) == {*actions.GOAL_METRICS, *actions.GOAL_PERIODS}
    assert list(plan_view.source_words()) == list(action_plan.MAILING_SOURCES)
    with i18n.use("it"):
        assert plan_view.source_words()["all contacts"] != "all contacts"
