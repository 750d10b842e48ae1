"""Action plan page on the sample: ticking an item done, a card date, list edits, cadence and goals are
saved to the workspace and survive a rerun and a new session; the pitch window counts; exports exist."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import action_plan, actions, hygiene, i18n
from analytics.analysis import analyse
from analytics.i18n import _
from tests.pages.apptest import open_page, open_tab, sample_store
from ui.widgets import CHOICE_WORDS, plain

AS_OF = pd.Timestamp("2026-11-15", tz="UTC")  # the sample's as_of


def sample_lists() -> action_plan.PlanData:
    net = sample_store().load()
    return action_plan.plan_data(net, analyse(net, AS_OF))


def editor_key(at: AppTest, name: str) -> str:
    """The current key of a plan table editor ("<name>_editor_<n>": n moves on after each save)."""
    return next(e.key for e in at.data_editor if e.key.startswith(f"{name}_editor_"))


def edit(at: AppTest, name: str, edited_rows: dict | None = None, added_rows: list | None = None) -> AppTest:
    """Apply table-editor edits the way the browser reports them, then rerun."""
    at.session_state[editor_key(at, name)] = {"edited_rows": edited_rows or {},
                                              "added_rows": added_rows or [], "deleted_rows": []}
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_plan_shows_every_list_with_its_evidence() -> None:
    at = open_page("actions")
    assert not at.exception, [e.value for e in at.exception]
    lists = sample_lists()
    clients = at.data_editor(key=editor_key(at, "call_client")).value
    confirmed = actions.confirmed(lists.call_client)  # the export's suggestions sit in their own table
    assert clients["name"].tolist() == confirmed["name"].tolist()
    assert clients["why"].str.startswith("You closed business together").all()
    assert not clients["done"].any()
    assert len(at.data_editor(key=editor_key(at, "keep_in_touch")).value) == 50
    assert any("Do not ask for a referral at this step" in m.value for m in at.markdown)
    assert metric(at, "Clients") == f"0 / {len(confirmed)}"


def test_marking_an_item_done_persists_across_rerun_and_a_new_session() -> None:
    at = open_page("actions")
    first = at.data_editor(key=editor_key(at, "call_client")).value["name"].iloc[0]
    edit(at, "call_client", {0: {"done": True, "note": "Called; they start phase 2 in January"}})
    assert not at.exception, [e.value for e in at.exception]
    status = sample_store().plan_status().set_index("item_key")
    lists = sample_lists()
    key = lists.call_client["item_key"].iloc[0]
    assert status.loc[key, "done_on"] == AS_OF
    assert status.loc[key, "note"] == "Called; they start phase 2 in January"

    for page in (at.run(), open_page("actions")):  # a rerun, then a new session
        table = page.data_editor(key=editor_key(page, "call_client")).value
        row = table.iloc[0]
        assert (row["name"], bool(row["done"]), row["note"]) == (
            first, True, "Called; they start phase 2 in January")
        assert metric(page, "Clients") == f"1 / {len(actions.confirmed(lists.call_client))}"


def test_a_card_sent_two_weeks_ago_makes_a_follow_up_call() -> None:
    at = open_page("actions")
    top = at.data_editor(key=editor_key(at, "keep_in_touch")).value.iloc[0]
    assert top["segment"] == "client"  # clients rank first
    edit(at, "keep_in_touch", {0: {"card_sent_on": "2026-10-30"}})
    assert not at.exception, [e.value for e in at.exception]
    follow = at.data_editor(key=editor_key(at, "follow_up")).value
    assert follow["name"].tolist() == [top["name"]]
    assert follow["action"].tolist() == [actions.REFERRAL_ASK_ACTION]  # a former client: ask now
    keep = at.data_editor(key=editor_key(at, "keep_in_touch")).value.iloc[0]
    assert bool(keep["done"]) and keep["card_sent_on"] == pd.Timestamp("2026-10-30")

    edit(at, "follow_up", {0: {"done": True}})
    assert metric(at, "Follow-ups") == "1 / 1"
    assert sample_store().plan_status()["item_key"].str.startswith("follow_up:").sum() == 1


def test_a_future_date_is_refused_in_one_line_and_nothing_is_saved() -> None:
    at = open_page("actions")
    edit(at, "call_referrer", {0: {"done_on": "2026-12-01"}})
    assert not at.exception
    refused = "done date: 2026-12-01 is in the future; use a date up to today"
    assert [e.value for e in at.error] == [plain(refused)]  # shown escaped: reasons quote cells
    assert sample_store().plan_status().empty


def test_removing_and_adding_people_on_the_keep_in_touch_list() -> None:
    at = open_page("actions")
    before = at.data_editor(key=editor_key(at, "keep_in_touch")).value["name"].tolist()
    removed = at.multiselect(key="keep_remove").options[0]
    outsider = at.multiselect(key="keep_add").options[0]
    at.multiselect(key="keep_remove").select(removed)
    at.multiselect(key="keep_add").select(outsider)
    at.button(key="FormSubmitter:keep_edit_form-Update the list").click().run()
    assert not at.exception, [e.value for e in at.exception]
    fresh = open_page("actions")
    after = fresh.data_editor(key=editor_key(fresh, "keep_in_touch"))
    names = after.value["name"].tolist()
    outsider, removed = (label.split(" · ")[0] for label in (outsider, removed))  # "name · company"
    assert len(names) == 50 and names[0] == outsider and removed not in names
    assert names[1:] == [n for n in before if n != removed][:49]
    rows = sample_store().plan_status().set_index("contact_id")["list"]
    assert sorted(rows.tolist()) == [actions.KEEP_ADDED, actions.KEEP_REMOVED]


def test_a_cadence_edit_is_saved_as_the_contacts_annotation() -> None:
    at = open_tab(open_page("actions"), "actions_tab", "Keep in touch")
    first = at.data_editor(key=editor_key(at, "cadence")).value["name"].iloc[0]
    edit(at, "cadence", {0: {"cadence_days": 400}})
    assert not at.exception, [e.value for e in at.exception]
    net = sample_store().load()
    cid = net.contacts.loc[net.contacts["name"] == first, "contact_id"].item()
    assert net.annotations.set_index("contact_id").loc[cid, "cadence_days"] == 400.0
    shown = at.data_editor(key=editor_key(at, "cadence")).value
    assert first not in shown["name"].tolist()  # now on track, so out of the due/overdue view


def test_a_goal_persists_and_its_progress_is_charted() -> None:
    at = open_tab(open_page("actions"), "actions_tab", "Goals")
    assert not at.get("plotly_chart")
    edit(at, "goals", added_rows=[{"metric": "one_to_ones", "period": "week", "target": 2}])
    assert not at.exception, [e.value for e in at.exception]
    goals = sample_store().goals()
    assert goals[["metric", "period", "target"]].values.tolist() == [["one_to_ones", "week", 2.0]]
    again = open_tab(open_page("actions"), "actions_tab", "Goals")
    assert again.data_editor(key=editor_key(again, "goals")).value["metric"].tolist() == ["one_to_ones"]
    assert len(again.get("plotly_chart")) == 1
    assert any(c.value.startswith("Targets met in ") for c in again.caption)


def test_suggested_goals_are_one_click_away() -> None:
    at = open_tab(open_page("actions"), "actions_tab", "Goals")
    at.button(key="goals_suggested").click().run()
    assert len(sample_store().goals()) == len(action_plan.SUGGESTED_GOALS)


@pytest.mark.parametrize(("window", "expected"), [(0, 4), (1, 12), (30, 13)])  # the sample's pitches
def test_the_window_slider_changes_the_pitch_count(window: int, expected: int) -> None:
    at = open_tab(open_page("actions"), "actions_tab", "Networking hygiene")
    assert metric(at, "Early pitches") == "13"  # default window: 7 days
    at.slider(key="pitch_window").set_value(window).run()
    assert metric(at, "Early pitches") == str(expected)
    assert expected == len(hygiene.early_pitches(sample_store().load(), AS_OF, window))
    pitches = next(d for d in at.dataframe if "evidence" in d.value.columns)  # the hygiene tab's first
    assert len(pitches.value) == expected


def test_exports_are_offered_and_the_mailing_list_warns_without_consent() -> None:
    at = open_page("actions")
    assert not at.get("download_button")  # only the open tab runs
    open_tab(at, "actions_tab", "Exports")
    buttons = at.get("download_button")
    assert len(buttons) == 4
    assert [b.proto.label for b in buttons] == ["Call list (CSV)", "Call list (Excel)",
                                                "Follow-up calls (.ics calendar)", "Mailing list (CSV)"]
    assert all(b.proto.url for b in buttons)  # the bytes are served from Streamlit's media store
    at.selectbox(key="mailing_source").select("clients and referrers").run()
    warning = at.warning[0].value
    assert "contacts in this mailing list have not said yes" in warning
    open_tab(at, "actions_tab", "Networking hygiene")  # checks the list picked on the Exports tab
    assert metric(at, "Without a yes") == warning.split(" of ")[0]


def test_the_mailing_list_writes_consent_in_the_language_in_use() -> None:
    at = open_page("actions", "de")
    with i18n.use("de"):
        open_tab(at, "actions_tab", _("Exports"))
        words = {_(CHOICE_WORDS[code]) for code in ("yes", "no", "unknown")}
    mailing = next(d.value for d in at.dataframe if "consent" in d.value.columns)
    assert len(mailing) and set(mailing["consent"]) <= words  # "unbekannt", not the stored "unknown"
    assert "unknown" not in set(mailing["consent"])
