"""Action plan page data: status joined to lists, editor edits turned into rows, keep-in-touch
membership, exports, goals and the goal chart, on tiny hand-built tables."""

import pandas as pd
import pytest

from analytics import action_plan, actions, charts_actions, hygiene
from analytics.actions import CARD_ACTION, KEEP_IN_TOUCH_COLUMNS
from analytics.analysis import analyse
from analytics.errors import InputError
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    PLAN_STATUS_COLUMNS,
    Network,
    empty_frame,
)
from analytics.store import Store
from tests.builders import utc as day

AS_OF = pd.Timestamp("2026-11-15 09:30", tz="UTC")


def status(*rows: tuple) -> pd.DataFrame:
    """rows: (item_key, list, contact_id, done_on, note, card_sent_on) with dates as text or None."""
    frame = pd.DataFrame([(k, li, c, day(d), n, day(s)) for k, li, c, d, n, s in rows],
                         columns=PLAN_STATUS_COLUMNS)
    for column in ("done_on", "card_sent_on"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


NO_STATUS = status()


def items(list_name: str, *ids: str) -> pd.DataFrame:
    return pd.DataFrame({"item_key": [f"{list_name}:{i}" for i in ids], "contact_id": list(ids),
                         "name": [i.upper() for i in ids], "why": "w", "action": "a"})


def ranked(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({"rank": range(1, len(ids) + 1), "item_key": [f"keep_in_touch:{i}" for i in ids],
                         "contact_id": list(ids), "name": [i.upper() for i in ids], "segment": "prospect",
                         "score": [100.0 - n for n in range(len(ids))], "why": [f"why {i}" for i in ids],
                         "action": CARD_ACTION, "card_sent_on": pd.NaT})


PEOPLE = pd.DataFrame({"contact_id": ["a", "b", "c", "z"], "name": ["A", "B", "C", "Zoe"],
                       "company": ["Acme", "", "Cor", "Zed"], "position": ["CEO", "", "", ""]})


def test_with_status_joins_by_item_key_and_reads_an_empty_store_frame(tmp_path) -> None:
    stored = status(("call_client:a", "call_client", "a", "2026-11-02", "called", None))
    shown = action_plan.with_status(items("call_client", "a", "b"), stored, "call_client")
    assert shown[["done", "note", "list"]].values.tolist() == [[True, "called", "call_client"],
                                                              [False, "", "call_client"]]
    assert shown["done_on"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2026-11-02", ""]
    empty = Store(tmp_path / "w.sqlite").plan_status()  # typed as the store returns it
    assert not action_plan.with_status(items("call_client", "a"), empty, "call_client")["done"].any()


@pytest.mark.parametrize(("stored_card", "own_card", "expected"), [
    (None, "2026-10-01", "2026-10-01"),  # a follow-up carries its own card date
    ("2026-11-01", None, "2026-11-01"),  # a keep-in-touch card comes from the store
    (None, None, ""),
])
def test_with_status_card_date(stored_card, own_card, expected) -> None:
    frame = items("keep_in_touch", "a").assign(card_sent_on=day(own_card))
    stored = status(("keep_in_touch:a", "keep_in_touch", "a", None, "", stored_card))
    shown = action_plan.with_status(frame, stored, "keep_in_touch")
    assert shown["card_sent_on"].dt.strftime("%Y-%m-%d").fillna("").tolist() == [expected]


@pytest.mark.parametrize(("list_name", "stored", "edit", "expected"), [
    ("call_client", None, {"done": True}, ("2026-11-15", "", "")),  # ticked: today
    ("call_client", None, {"done_on": "2026-11-10"}, ("2026-11-10", "", "")),  # a date ticks it
    ("call_client", ("2026-11-02", "x"), {"done": False}, ("", "x", "")),  # unticked: date cleared
    ("call_client", None, {"note": "left a message"}, ("", "left a message", "")),
    ("keep_in_touch", None, {"card_sent_on": "2026-11-01"}, ("2026-11-01", "", "2026-11-01")),
    ("keep_in_touch", ("2026-11-03", ""), {"card_sent_on": "2026-11-01"}, ("2026-11-03", "", "2026-11-01")),
    ("follow_up", None, {"done": True, "note": "coffee on Friday"}, ("2026-11-15", "coffee on Friday", "")),
])
def test_status_edits_turn_editor_edits_into_rows(list_name, stored, edit, expected) -> None:
    rows = [(f"{list_name}:a", list_name, "a", *stored, None)] if stored else []
    frame = items(list_name, "a")
    if list_name == "follow_up":
        frame = frame.assign(card_sent_on=day("2026-10-20"))  # must not be copied into the status row
    shown = action_plan.with_status(frame, status(*rows), list_name)
    out = action_plan.status_edits(shown, {0: edit}, AS_OF)
    got = out.iloc[0]
    text = [got["done_on"], got["note"], got["card_sent_on"]]
    assert (got["item_key"], got["list"], got["contact_id"]) == (f"{list_name}:a", list_name, "a")
    assert tuple("" if pd.isna(v) else v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else v
                 for v in text) == expected


@pytest.mark.parametrize("edit", [{"done": True}, {"note": "called"}, {"done_on": "2026-11-02"}])
def test_status_edits_skip_rows_that_do_not_change(edit) -> None:
    stored = status(("call_client:a", "call_client", "a", "2026-11-02", "called", None))
    shown = action_plan.with_status(items("call_client", "a"), stored, "call_client")
    assert action_plan.status_edits(shown, {0: edit}, AS_OF).empty


@pytest.mark.parametrize(("edit", "message"), [
    ({"done_on": "2026-11-16"}, "in the future"),
    ({"done_on": "next week"}, "use a date like"),
    ({"card_sent_on": "2027-01-01"}, "card sent"),
])
def test_status_edits_refuse_bad_dates(edit, message) -> None:
    shown = action_plan.with_status(items("keep_in_touch", "a"), NO_STATUS, "keep_in_touch")
    with pytest.raises(InputError, match=message):
        action_plan.status_edits(shown, {0: edit}, AS_OF)


@pytest.mark.parametrize(("stored", "n", "expected"), [
    ([], 2, [("A", "prospect"), ("B", "prospect")]),
    ([("keep_in_touch:a", actions.KEEP_REMOVED, "a")], 2, [("B", "prospect"), ("C", "prospect")]),
    ([("keep_in_touch:z", actions.KEEP_ADDED, "z")], 2, [("Zoe", "your pick"), ("A", "prospect")]),
    ([("keep_in_touch:c", actions.KEEP_ADDED, "c")], 3, [("C", "your pick"), ("A", "prospect"),
                                                          ("B", "prospect")]),
    ([("keep_in_touch:z", actions.KEEP_ADDED, "z"), ("call_client:a", "call_client", "a")], 1,
     [("Zoe", "your pick")]),
])
def test_curate_keep_in_touch(stored, n, expected) -> None:
    rows = [(k, li, c, None, "", None) for k, li, c in stored]
    out = actions.curate_keep_in_touch(ranked("a", "b", "c"), status(*rows), PEOPLE, n=n)
    assert list(out.columns) == KEEP_IN_TOUCH_COLUMNS
    assert list(zip(out["name"], out["segment"], strict=True)) == expected
    assert out["rank"].tolist() == list(range(1, len(expected) + 1))


def test_an_added_contact_who_was_ranked_keeps_the_evidence() -> None:
    stored = status(("keep_in_touch:c", actions.KEEP_ADDED, "c", None, "", None))
    out = actions.curate_keep_in_touch(ranked("a", "b", "c"), stored, PEOPLE)
    assert out.loc[0, "why"] == "Added by you. why c"


def test_membership_rows_keep_what_was_stored() -> None:
    stored = status(("keep_in_touch:a", "keep_in_touch", "a", "2026-11-01", "card with photo", "2026-11-01"))
    out = action_plan.membership_rows(stored, add=["b"], remove=["a"])
    assert out[["item_key", "list", "note"]].values.tolist() == [
        ["keep_in_touch:b", actions.KEEP_ADDED, ""],
        ["keep_in_touch:a", actions.KEEP_REMOVED, "card with photo"]]
    assert out["card_sent_on"].iloc[1] == day("2026-11-01") and pd.isna(out["done_on"].iloc[0])


def test_call_list_has_only_open_calls_with_company_and_due_date() -> None:
    follow = items("follow_up", "c").assign(due_on=day("2026-11-15"))
    lists = {"call_client": items("call_client", "a", "b"), "call_referrer": items("call_referrer", "a"),
             "follow_up": follow}
    stored = status(("call_client:b", "call_client", "b", "2026-11-02", "", None))
    out = action_plan.call_list(lists, stored, PEOPLE)
    assert list(out.columns) == action_plan.CALL_LIST_COLUMNS
    assert out[["list", "name", "company"]].values.tolist() == [
        [action_plan.LISTS["call_client"], "A", "Acme"], [action_plan.LISTS["call_referrer"], "A", "Acme"],
        [action_plan.LISTS["follow_up"], "C", "Cor"]]
    assert out["due_on"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["", "", "2026-11-15"]


def test_call_list_with_nothing_to_call_is_empty_but_has_the_columns() -> None:
    empty = items("x")
    out = action_plan.call_list({"call_client": empty, "call_referrer": empty, "follow_up": empty},
                              NO_STATUS, PEOPLE)
    assert out.empty and list(out.columns) == action_plan.CALL_LIST_COLUMNS


def typed(rows: list, columns: list[str]) -> pd.DataFrame:
    """A model frame (the model's dtypes) from row tuples or dicts."""
    frame = pd.DataFrame(rows, columns=columns)
    for column, dtype in empty_frame(columns).dtypes.items():
        frame[column] = (pd.to_datetime(frame[column], utc=True) if str(dtype).startswith("datetime")
                         else frame[column].astype(dtype))
    return frame


def contacts_network(consent: dict[str, str]) -> Network:
    net = Network()
    rows = [{"contact_id": c, "name": c.upper(), "first_name": c.upper(), "last_name": "", "url": "",
             "email": f"{c}@example.org", "company": "", "position": "", "connected_on": pd.NaT}
            for c in ("a", "b", "c")]
    net.contacts = typed(rows, CONTACT_COLUMNS)
    ann = empty_frame(ANNOTATION_COLUMNS)
    if consent:
        ann = pd.DataFrame({"contact_id": list(consent), "closeness": float("nan"), "notes": "",
                            "target": False, "consent": list(consent.values()),
                            "consent_date": day("2026-01-05"), "cadence_days": float("nan")})
    net.annotations = ann
    return net


@pytest.mark.parametrize(("consent", "expected", "warning"), [
    ({}, ["unknown", "unknown"], "2 of 2 contacts in this mailing list have not said yes to your mail "
                                 "(0 said no, 2 unknown)"),
    ({"a": "yes", "c": "no"}, ["no", "yes"], "1 of 2 contacts in this mailing list have not said yes "
                                             "to your mail (1 said no, 0 unknown)"),
    ({"a": "yes", "c": "yes"}, ["yes", "yes"], None),
])
def test_mailing_list_and_its_consent_warning(consent, expected, warning) -> None:
    net = contacts_network(consent)
    out = action_plan.mailing_list(net, ["c", "a", "gone"])  # an unknown id is left out
    assert list(out.columns) == action_plan.MAILING_COLUMNS
    assert out["contact_id"].tolist() == ["c", "a"] and out["consent"].tolist() == expected
    got = hygiene.mailing_list_warning(out, net.annotations)
    assert (got is None) if warning is None else got.startswith(warning)


def test_plan_data_lists_and_a_network_without_interactions() -> None:
    net = contacts_network({})
    net.interactions = typed([("a", day("2026-11-01"), "message", "out", "hi", "c1")], INTERACTION_COLUMNS)
    net.ledger = typed([("e1", day("2026-10-01"), "a", "", "closed_business", "in", 900.0, ""),
                        ("e2", day("2026-10-02"), "b", "", "referral", "in", 0.0, "")], LEDGER_COLUMNS)
    data = action_plan.plan_data(net, analyse(net, AS_OF))
    assert data.call_client["contact_id"].tolist() == ["a"]
    assert data.call_referrer["contact_id"].tolist() == ["b"]
    assert data.keep_in_touch["contact_id"].tolist() == ["a"]  # a client within the year
    assert data.net.interactions.empty and len(data.net.ledger) == 2 and len(data.net.contacts) == 3
    assert data.as_of == AS_OF and sorted(data.people["contact_id"]) == ["a", "b", "c"]


GOALS = pd.DataFrame({"metric": ["one_to_ones", "reconnects"], "period": ["week", "month"],
                      "target": [2.0, 4.0]})


@pytest.mark.parametrize(("edited", "added", "deleted", "expected", "pending"), [
    ({1: {"target": 5}}, [], [], [("one_to_ones", "week", 2.0), ("reconnects", "month", 5.0)], 0),
    ({}, [], [0], [("reconnects", "month", 4.0)], 0),
    ({}, [{"metric": "events", "period": "month", "target": 1}],
     [], [("one_to_ones", "week", 2.0), ("reconnects", "month", 4.0), ("events", "month", 1.0)], 0),
    ({}, [{"metric": "events"}], [], [("one_to_ones", "week", 2.0), ("reconnects", "month", 4.0)], 1),
    ({}, [{"metric": "one_to_ones", "period": "week", "target": 3}], [],  # same goal again: replaces
     [("reconnects", "month", 4.0), ("one_to_ones", "week", 3.0)], 0),
])
def test_goal_edits(edited, added, deleted, expected, pending) -> None:
    new, waiting = action_plan.goal_edits(GOALS, edited, added, deleted)
    assert [tuple(r) for r in new.itertuples(index=False)] == expected
    assert waiting == pending


@pytest.mark.parametrize(("edited", "message"), [
    ({0: {"target": -1}}, "0 or more"),
    ({0: {"metric": "coffees"}}, "unknown metric or period"),
    ({0: {"period": "year"}}, "unknown metric or period"),
])
def test_goal_edits_refuse_bad_values(edited, message) -> None:
    with pytest.raises(InputError, match=message):
        action_plan.goal_edits(GOALS, edited, [], [])


def test_goals_changed_ignores_order_and_types() -> None:
    assert not action_plan.goals_changed(GOALS, GOALS.iloc[::-1].assign(target=[4, 2]))
    assert action_plan.goals_changed(GOALS, GOALS.assign(target=[2.0, 3.0]))


def test_goals_table_types_an_empty_store_frame(tmp_path) -> None:
    typed = action_plan.goals_table(Store(tmp_path / "w.sqlite").goals())
    assert typed.empty and typed["target"].dtype == float


def test_goal_chart_one_panel_per_goal_green_when_met_and_a_target_line() -> None:
    starts = pd.to_datetime(["2026-11-02", "2026-11-09", "2026-10-01", "2026-11-01"], utc=True)
    progress = pd.DataFrame({"metric": ["one_to_ones", "one_to_ones", "events", "events"],
                             "period": ["week", "week", "month", "month"], "period_start": starts,
                             "actual": [1, 3, 0, 1], "target": [2.0, 2.0, 1.0, 1.0],
                             "met": [False, True, False, True]})
    fig = charts_actions.goal_chart(progress)
    assert [a.text for a in fig.layout.annotations] == ["one to ones per week", "events per month",
                                                       "target 2", "target 1"]
    bars = fig.data
    assert list(bars[0].marker.color) == [charts_actions.MET_COLORS[False], charts_actions.MET_COLORS[True]]
    assert list(bars[1].x) == ["Oct 2026", "Nov 2026"] and list(bars[0].x) == ["02 Nov", "09 Nov"]
    assert list(bars[1].text) == [0, 1]  # a zero is labelled, not just missing
    assert [(s.y0, s.yref) for s in fig.layout.shapes] == [(2.0, "y"), (1.0, "y2")]  # target per panel
