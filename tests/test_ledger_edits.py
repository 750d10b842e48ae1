"""The Ledger page's edits as plain functions: form values and table edits -> validated rows."""

import pandas as pd
import pytest

from analytics import ledger_edits
from analytics.errors import InputError
from analytics.model import GROUP_COLUMNS, LEDGER_COLUMNS, empty_frame


@pytest.mark.parametrize(("args", "reason"), [
    (("", "chamber", 0, 0, None), "give the group a name"),
    (("X", "dinner club", 0, 0, None), "type must be one of"),
    (("X", "chamber", "lots", 0, None), "annual cost must be a number"),
    (("X", "chamber", 0, -1, None), "hours per month must be a number"),
    (("X", "chamber", 0, 0, "someday"), "is not a date"),
])
def test_group_row_refuses_bad_input(args: tuple, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        ledger_edits.group_row(*args)


def test_group_edits_keep_the_id_of_a_renamed_group() -> None:
    shown = ledger_edits.editable_groups(ledger_edits.new_group(empty_frame(GROUP_COLUMNS), "BNI Oost",
                                                                      "BNI", 1200, 8, "2025-01-01"))
    got = ledger_edits.group_edits(shown, {0: {"name": "BNI Oost-Utrecht", "joined_on": "2025-02-01"}})
    assert got[["group_id", "name", "type", "annual_cost"]].values.tolist() == [
        ["g:bni oost", "BNI Oost-Utrecht", "referral_group", 1200.0]]
    assert got["joined_on"].iloc[0] == pd.Timestamp("2025-02-01", tz="UTC")


@pytest.mark.parametrize(("change", "reason"), [
    ({"value": -5}, "value must be a number of 0 or more"),
    ({"date": None}, "the date is missing"),
    ({"group": "No Such Group"}, "unknown group"),
])
def test_ledger_edits_refuse_bad_cells(change: dict, reason: str) -> None:
    entry = ledger_edits.manual_entry("2026-03-01", "in:ann", "", "referral", "out", 0)
    shown = ledger_edits.ledger_table(entry, pd.Series({"in:ann": "Ann"}), pd.Series({"g:a": "A"}))
    with pytest.raises(InputError, match=reason):
        ledger_edits.ledger_edits(shown, {0: change}, {"A": "g:a"})


def test_ledger_edits_map_group_names_to_ids() -> None:
    entry = ledger_edits.manual_entry("2026-03-01", "in:ann", "", "referral", "out", 0)
    shown = ledger_edits.ledger_table(entry, pd.Series({"in:ann": "Ann"}), pd.Series({"g:a": "A"}))
    got = ledger_edits.ledger_edits(shown, {0: {"group": "A", "direction": "in"}}, {"A": "g:a"})
    assert list(got.columns) == LEDGER_COLUMNS
    assert got[["entry_id", "group_id", "direction"]].values.tolist() == [
        [entry["entry_id"].item(), "g:a", "in"]]


@pytest.mark.parametrize(("args", "reason"), [
    (("2026-03-01", "", "", "referral", "out", 0), "choose a contact"),
    (("soon", "in:a", "", "referral", "out", 0), "not a date"),
    (("2026-03-01", "in:a", "", "dinner", "out", 0), "kind must be one of"),
    (("2026-03-01", "in:a", "", "referral", "sideways", 0), "direction must be given or received"),
    (("2026-03-01", "in:a", "", "referral", "out", -1), "value must be a number of 0 or more"),
])
def test_manual_entry_refuses_bad_input(args: tuple, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        ledger_edits.manual_entry(*args)


def test_groups_to_save_keeps_real_updates_and_new_placeholders() -> None:
    known = ledger_edits.new_group(empty_frame(GROUP_COLUMNS), "A", "chamber", 500, 2, "2025-01-01")
    imported = ledger_edits.groups_frame([ledger_edits.group_row("A", "chamber", 0, 0, None),
                                    ledger_edits.group_row("B", "informal", 0, 0, None)])
    assert ledger_edits.groups_to_save(imported, known)["name"].tolist() == ["B"]
    updated = ledger_edits.groups_frame([ledger_edits.group_row("A", "chamber", 900, 2, "2025-01-01")])
    assert ledger_edits.groups_to_save(updated, known)["annual_cost"].tolist() == [900.0]
