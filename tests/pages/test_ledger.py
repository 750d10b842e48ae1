"""Ledger & groups setup page: every write persists and survives a rerun; bad input changes nothing."""


import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.builders import xlsx
from tests.pages.apptest import open_page, open_tab, sample_store


def assert_one_error_and_unchanged(at: AppTest, revision: int) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "\n" not in at.error[0].value
    assert sample_store().revision() == revision, "nothing stored may change"


def workbook(rows: list[list]) -> bytes:
    return xlsx({"Activities": [["Date", "Contact", "Group", "Kind", "Direction", "Value"], *rows]})


def test_add_group_through_the_form_persists() -> None:
    at = open_page("ledger")
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="group_add_name").input("KvK Ondernemerslunch")
    at.selectbox(key="group_add_type").select("chamber")
    at.number_input(key="group_add_cost").set_value(240.0)
    at.number_input(key="group_add_hours").set_value(2.0)
    at.button(key="FormSubmitter:group_add_form-Add group").click().run()
    assert not at.exception, [e.value for e in at.exception]
    expected = {"name": "KvK Ondernemerslunch", "type": "chamber", "annual_cost": 240.0,
                "hours_per_month": 2.0}
    groups = sample_store().load().groups.set_index("group_id")
    assert groups.loc["g:kvk ondernemerslunch", list(expected)].to_dict() == expected
    at.run()
    assert "KvK Ondernemerslunch" in at.data_editor[0].value["name"].tolist()
    assert len(sample_store().load().groups) == len(groups)


def test_group_with_a_taken_name_is_refused() -> None:
    at = open_page("ledger")
    revision = sample_store().revision()
    at.text_input(key="group_add_name").input("bni domstad utrecht")
    at.button(key="FormSubmitter:group_add_form-Add group").click().run()
    assert_one_error_and_unchanged(at, revision)


def test_hourly_rate_is_a_workspace_setting() -> None:
    at = open_page("ledger")
    at.number_input(key="ledger_hourly_rate").set_value(120.0)
    at.button(key="FormSubmitter:rate_form-Save hourly rate").click().run()
    assert sample_store().load().settings["hourly_rate"] == 120.0
    assert at.number_input(key="ledger_hourly_rate").value == 120.0


def test_assign_and_remove_selected_contacts() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Members")
    at.selectbox(key="members_group").select("g:women in business utrecht").run()
    at.radio(key="members_show").set_value("others").run()
    shown = at.dataframe(key="members_table").value["name"].tolist()[:2]
    at.session_state["members_table"] = {"selection": {"rows": [0, 1], "columns": [], "cells": []}}
    at.run()
    at.button(key="members_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    net = sample_store().load()
    ids = net.contacts.set_index("name").loc[shown, "contact_id"].tolist()
    members = net.members[net.members["group_id"] == "g:women in business utrecht"]
    assert set(ids) <= set(members["contact_id"])

    at.run()
    at.radio(key="members_show").set_value("members").run()
    assert set(shown) <= set(at.dataframe(key="members_table").value["name"])
    at.text_input(key="members_query").input(shown[0]).run()
    at.checkbox(key="members_all").check().run()
    at.button(key="members_remove").click().run()
    members = sample_store().load().members
    assert ids[0] not in set(members.loc[members["group_id"] == "g:women in business utrecht", "contact_id"])


def test_ledger_entry_through_the_form_persists() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Activity ledger")
    before = sample_store().load()
    contact = before.contacts["contact_id"].iloc[5]
    at.selectbox(key="entry_contact").select(contact)
    at.selectbox(key="entry_group").select("g:bni domstad utrecht")
    at.selectbox(key="entry_kind").select("closed_business")
    at.radio(key="entry_direction").set_value("in")
    at.number_input(key="entry_value").set_value(2500.0)
    at.text_input(key="entry_note").input("Logo redesign")
    at.button(key="FormSubmitter:entry_form-Add entry").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = sample_store().load().ledger
    assert len(after) == len(before.ledger) + 1
    row = after[after["note"] == "Logo redesign"].iloc[0]
    assert (row["contact_id"], row["group_id"], row["kind"], row["direction"], row["value"]) == (
        contact, "g:bni domstad utrecht", "closed_business", "in", 2500.0)
    assert row["date"] == pd.Timestamp("2026-11-15", tz="UTC")
    at.run()
    assert "Logo redesign" in at.data_editor(key="ledger_editor_0").value["note"].tolist()


def test_ledger_entry_without_contact_is_refused() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Activity ledger")
    revision = sample_store().revision()
    at.button(key="FormSubmitter:entry_form-Add entry").click().run()
    assert_one_error_and_unchanged(at, revision)
    assert "choose a contact" in at.error[0].value


@pytest.mark.parametrize(("pending_key", "tab"), [("ledger_pending", "Import & template"),
                                                  ("bni_pending", "Import & template"),
                                                  ("roster_pending", "Members")])
def test_bad_upload_shows_one_line_and_changes_nothing(pending_key: str, tab: str) -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", tab)
    revision = sample_store().revision()
    at.session_state[pending_key] = [("broken.xlsx", b"PK\x03\x04 this is not a workbook")]
    at.run()
    assert_one_error_and_unchanged(at, revision)


def test_workbook_import_lists_bad_rows_and_saves_only_on_the_button() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Import & template")
    net = sample_store().load()
    name = net.contacts.loc[net.contacts["url"] != "", "url"].iloc[3]
    data = workbook([["2026-10-01", name, "BNI Domstad Utrecht", "Referral", "Given", 0],
                     ["2026-13-01", name, "BNI Domstad Utrecht", "Referral", "Given", 0],
                     ["2026-10-02", "Nobody Known", "", "Referral", "Given", 0]])
    revision = sample_store().revision()
    at.session_state["ledger_pending"] = [("mine.xlsx", data)]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    problems = at.dataframe[-1].value
    assert problems[["row", "reason"]].values.tolist() == [[3, "bad date"], [4, "unknown contact"]]
    assert sample_store().revision() == revision, "nothing is saved before the button"
    at.button(key="ledger_import_save").click().run()
    after = sample_store().load()
    assert len(after.ledger) == len(net.ledger) + 1
    domstad = after.groups.set_index("group_id").loc["g:bni domstad utrecht"]
    assert domstad["annual_cost"] > 0, "a placeholder group must not wipe the stored cost"


def test_rules_with_a_bad_date_show_one_line() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Members")
    revision = sample_store().revision()
    at.text_area(key="rules_dates").input("next Tuesday")
    at.button(key="rules_find").click().run()
    assert_one_error_and_unchanged(at, revision)


def test_rules_suggest_contacts_for_review() -> None:
    at = open_tab(open_page("ledger"), "ledger_tab", "Members")
    net = sample_store().load()
    company = net.contacts["company"].value_counts().index[0]
    at.selectbox(key="members_group").select("g:women in business utrecht").run()
    at.text_input(key="rules_companies").input(company)
    at.text_input(key="rules_keywords").input("zzz-no-such-word")
    at.button(key="rules_find").click().run()
    review = at.data_editor(key="rules_review").value
    assert len(review) and (review["rule"] == "company").all() and not review["add"].any()
