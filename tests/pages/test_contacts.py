"""Contacts page: search filters, and a user's notes survive a rerun, a restart and a re-import."""


import pytest

from analytics import ingest
from analytics.model import CONTACT_COLUMNS, INTERACTION_COLUMNS, Network
from analytics.store import Store, workspace_path
from tests.builders import frame
from tests.conftest import SAMPLE_ZIP
from tests.pages.apptest import open_page, open_workspace, sample_store
from ui.widgets import plain


def stored_note(contact_id: str) -> dict:
    notes = sample_store().load().annotations.set_index("contact_id")
    return notes.loc[contact_id, ["closeness", "notes", "target"]].to_dict()


def test_search_narrows_the_table() -> None:
    at = open_page("contacts")
    at.text_input(key="contacts_query").input("Koch").run()
    table = at.dataframe[0].value
    assert len(table) >= 1 and table["name"].str.contains("Koch").all()


def test_annotation_survives_rerun_restart_and_reimport() -> None:
    at = open_page("contacts")
    pick = at.selectbox(key="contacts_explain")
    pick.select_index(len(pick.options) - 1).run()  # the weakest contact: the edit must lift it
    contact_id = at.selectbox(key="contacts_explain").value  # the options are contact ids
    weakest = sample_store().load().contacts.set_index("contact_id").at[contact_id, "name"]
    at.select_slider(key="annotate_closeness").set_value(5)
    at.text_area(key="annotate_notes").input("Met at the BNI breakfast; wants an intro to a notary")
    at.checkbox(key="annotate_target").check()
    at.button(key="FormSubmitter:annotate_form-Save").click().run()
    assert not at.exception
    saved = {"closeness": 5.0, "notes": "Met at the BNI breakfast; wants an intro to a notary",
             "target": True}
    assert stored_note(contact_id) == saved

    at.run()  # a rerun
    assert stored_note(contact_id) == saved

    fresh = ingest.load_files([(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes())])
    sample_store().import_network(fresh)  # the same export again
    restarted = open_page("contacts")  # a new session, as after a server restart
    assert stored_note(contact_id) == saved
    restarted.text_input(key="contacts_query").input(weakest).run()
    row = restarted.dataframe[0].value.iloc[0]
    assert (row["closeness"], row["target"]) == (5.0, True)
    assert row["strength"] >= 70, "a closeness of 5 must lift the strength"


def test_editable_columns_come_right_after_the_name() -> None:
    at = open_page("contacts")
    columns = list(at.dataframe[0].value.columns)
    assert columns[:8] == ["name", "role", "suggested_role", "closeness", "consent", "cadence_days", "target",
                           "notes"]


def test_selecting_a_contact_on_the_overview_shows_the_whole_reason() -> None:
    at = open_page("overview")
    table = at.dataframe[0]
    assert list(table.value.columns)[:4] == ["name", "strength", "tier", "reason"]
    assert any("Select a row" in c.value for c in at.caption)
    row = table.value.iloc[3]
    at.session_state["overview_contacts"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert plain(row["reason"]) in shown and plain(row["name"]) in shown


def test_marking_one_contact_in_the_table_puts_them_on_the_plan() -> None:
    at = open_page("contacts")
    first = at.dataframe[0].value.iloc[0]
    contacts = sample_store().load().contacts
    contact_id = contacts.loc[contacts["name"] == first["name"], "contact_id"].iloc[0]
    at.session_state["contacts_editor"] = {"edited_rows": {0: {"role": "referrer"}}, "added_rows": [],
                                           "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert sample_store().annotations().set_index("contact_id").loc[contact_id, "role"] == "referrer"
    plan = open_page("actions")
    referrers = next(e.value for e in plan.data_editor if e.key.startswith("call_referrer_editor_"))
    assert first["name"] in referrers["name"].tolist()


def test_bulk_marking_from_a_search_and_then_clearing_the_ledger_keeps_steps_filled() -> None:
    plan = open_page("actions")  # creates the sample workspace
    store = sample_store()
    store.delete_ledger(store.load().ledger["entry_id"].tolist())  # LinkedIn only from here on
    plan.run()
    text = " ".join(str(i.value) for i in plan.info)
    assert "No clients yet: mark the people you did business with" in text
    assert any(link.label == "Mark clients on the Contacts page" for link in plan.get("page_link"))

    at = open_page("contacts")
    at.text_input(key="contacts_query").input("Koch").run()
    matched = at.dataframe[0].value["name"].tolist()
    at.selectbox(key="bulk_role").select("client")
    at.button(key="FormSubmitter:bulk_mark_form-Mark them").click().run()
    assert not at.exception, [e.value for e in at.exception]
    roles = store.annotations().set_index("contact_id")["role"]
    assert (roles == "client").sum() == len(matched) >= 1

    plan = open_page("actions")
    names = [n for e in plan.data_editor for n in e.value.get("name", [])]
    assert set(matched) <= set(names)
    assert "No clients yet" not in " ".join(str(i.value) for i in plan.info)


def test_a_bad_value_in_the_table_is_refused_in_one_line_and_nothing_is_saved() -> None:
    at = open_page("contacts")
    at.session_state["contacts_editor"] = {"edited_rows": {0: {"cadence_days": 0, "role": "client"}},
                                           "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    reason = plain("cadence: days between touches must be between 1 and 3650")  # escaped for markdown
    assert [e.value for e in at.error] == [reason]
    assert sample_store().annotations().empty


def test_bulk_marking_one_company_takes_every_spelling_of_it() -> None:
    contacts = ingest.load_paths([SAMPLE_ZIP]).contacts
    same = contacts["company"].isin(["Bluefield Ltd", "Bluefield B.V.", "Bluefield S.p.A."])  # one company
    other = contacts["company"] == "Bluefield Media"  # another one
    assert same.sum() == 7 and other.sum() == 1
    at = open_page("contacts")
    at.text_input(key="contacts_query").input("Bluefield").run()
    options = at.selectbox(key="bulk_company").options
    assert "Bluefield Ltd" in options and "Bluefield Media" in options  # the most frequent spelling
    assert "Bluefield B.V." not in options and "Bluefield S.p.A." not in options
    at.selectbox(key="bulk_role").select("prospect")
    at.selectbox(key="bulk_company").select("Bluefield Ltd")
    at.button(key="FormSubmitter:bulk_mark_form-Mark them").click().run()
    assert not at.exception, [e.value for e in at.exception]
    roles = sample_store().annotations().set_index("contact_id")["role"]
    marked = set(roles[roles == "prospect"].index)
    assert marked == set(contacts.loc[same, "contact_id"])


#: Two contacts with one name at one company: one quiet, one who wrote back every month this year.
NAMESAKES = Network(
    contacts=frame(CONTACT_COLUMNS, [
        ("in:ann-lee-1", "Ann", "Lee", "Ann Lee", "https://www.linkedin.com/in/ann-lee-1", "", "Acme", "CEO",
         "2025-01-01"),
        ("in:ann-lee-2", "Ann", "Lee", "Ann Lee", "https://www.linkedin.com/in/ann-lee-2", "", "Acme", "CFO",
         "2025-01-01")], ("connected_on",)),
    interactions=frame(INTERACTION_COLUMNS, [
        ("in:ann-lee-2", f"2026-{month:02}-10", "message", direction, "How is the audit going?", "c1")
        for month in range(1, 11) for direction in ("out", "in")], ("date",)))


@pytest.mark.parametrize(("label", "contact_id", "strength", "why"), [
    ("Ann Lee · Acme · CEO", "in:ann-lee-1", "0 / 100", "no interaction since connecting"),
    ("Ann Lee · Acme · CFO", "in:ann-lee-2", "69 / 100", "last two-way exchange 5 weeks ago · 20 messages"),
])
def test_two_contacts_with_one_name_are_each_explained_as_themselves(label: str, contact_id: str,
                                                                     strength: str, why: str) -> None:
    store = Store(workspace_path("namesakes"))
    store.import_network(NAMESAKES)
    store.save_settings(as_of="2026-11-15")
    at = open_workspace("namesakes", "contacts")
    pick = at.selectbox(key="contacts_explain")
    assert sorted(pick.options) == ["Ann Lee · Acme · CEO", "Ann Lee · Acme · CFO"]  # told apart
    pick.select(label).run()  # the label, as the browser sends it
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="contacts_explain").value == contact_id
    assert at.metric[0].value == strength
    assert f"Why this score: {plain(why)}" in [m.value for m in at.markdown]
