"""User annotations: table edits become validated rows; unchanged edits are not re-saved."""

import pandas as pd
import pytest

from analytics.annotations import apply_edits
from analytics.errors import InputError
from analytics.model import ANNOTATION_COLUMNS, empty_frame
from analytics.page_data import annotations_changed

TODAY = pd.Timestamp("2026-11-15", tz="UTC")
STORED = pd.DataFrame([{"contact_id": "in:ann", "closeness": 2.0, "notes": "met at BNI", "target": False,
                        "consent": "yes", "consent_date": pd.Timestamp("2025-01-01", tz="UTC"),
                        "cadence_days": float("nan")}])


def test_edit_merges_into_the_stored_row():
    rows = apply_edits(STORED, ["in:ann"], {0: {"closeness": 4}}, TODAY)
    assert rows.iloc[0][["closeness", "notes", "consent"]].tolist() == [4.0, "met at BNI", "yes"]
    assert rows.iloc[0]["consent_date"] == pd.Timestamp("2025-01-01", tz="UTC")


@pytest.mark.parametrize(("consent", "expected_date"), [("yes", pd.Timestamp("2025-01-01", tz="UTC")),
                                                        ("no", TODAY)])
def test_consent_date_moves_only_when_consent_changes(consent, expected_date):
    rows = apply_edits(STORED, ["in:ann"], {0: {"consent": consent}}, TODAY)
    assert rows.iloc[0]["consent_date"] == expected_date


def test_rows_map_to_the_contact_shown_at_that_position():
    rows = apply_edits(empty_frame(ANNOTATION_COLUMNS), ["a", "b", "c"], {2: {"target": True}}, TODAY)
    assert rows[["contact_id", "target"]].values.tolist() == [["c", True]]


def test_columns_that_are_not_annotations_are_ignored():
    rows = apply_edits(STORED, ["in:ann"], {0: {"strength": 100, "name": "x"}}, TODAY)
    assert rows.iloc[0]["closeness"] == 2.0


@pytest.mark.parametrize(("changes", "message"), [
    ({"closeness": 6}, "closeness: rate from 0 (stranger) to 5 (closest)"),
    ({"closeness": -1}, "closeness: rate from 0 (stranger) to 5 (closest)"),
    ({"cadence_days": 0}, "cadence: days between touches must be between 1 and 3650"),
    ({"consent": "maybe"}, "consent: choose yes, no or unknown"),
])
def test_bad_values_give_one_line_reasons(changes, message):
    with pytest.raises(InputError) as err:
        apply_edits(STORED, ["in:ann"], {0: changes}, TODAY)
    assert str(err.value) == message


@pytest.mark.parametrize(("changes", "changed"), [({"closeness": 2}, False), ({"closeness": 3}, True),
                                                  ({"notes": "met at BNI"}, False), ({"notes": ""}, True),
                                                  ({"role": "client"}, True), ({"role": ""}, False),
                                                  ({"cadence_days": 30}, True), ({"target": False}, False)])
def test_unchanged_edits_are_recognised(changes, changed):
    rows = apply_edits(STORED, ["in:ann"], {0: changes}, TODAY)
    assert annotations_changed(STORED, rows) is changed


def test_a_mark_alone_on_an_annotated_contact_is_a_change():
    stored = STORED.assign(role="referrer")
    rows = apply_edits(stored, ["in:ann"], {0: {"role": "client"}}, TODAY)  # only the mark moves
    assert annotations_changed(stored, rows)
    assert not annotations_changed(rows, rows)
