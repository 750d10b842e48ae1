"""Contacts page: search filters, and a user's notes survive a rerun, a restart and a re-import."""


from analytics import ingest
from tests.conftest import SAMPLE_ZIP
from tests.pages.apptest import open_page, sample_store
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
    weakest = pick.options[-1]
    contacts = sample_store().load().contacts
    contact_id = contacts.loc[contacts["name"] == weakest, "contact_id"].item()
    at.slider(key="annotate_closeness").set_value(5)
    at.text_area(key="annotate_notes").input("Met at the BNI breakfast; wants an intro to a notary")
    at.checkbox(key="annotate_target").check()
    at.button[0].click().run()  # the form's Save button
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
    assert columns[:6] == ["name", "closeness", "consent", "cadence_days", "target", "notes"]


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
