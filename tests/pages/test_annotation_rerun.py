"""Saving annotations on the Contacts page re-runs only the steps that read them: the interaction
aggregates (`facts.gather`) are not computed again, each step of `analysis.STEPS` runs again only when an
annotation column it reads changed (a note or a consent: none), and the page then shows the same
analysis as a from-scratch `analyse` of the saved workspace."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.analysis import STEPS, analyse
from tests.pages.apptest import open_page, sample_store
from tests.test_facts import assert_same
from ui import session

AS_OF = pd.Timestamp("2026-11-15", tz="UTC")  # the sample's fixed as-of
EVERY_STEP = {f"step {name}": 1 for name in STEPS}


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How often the interaction aggregates, each step and the analysis were computed during the test."""
    counted: Counter = Counter()

    def spy(name: str) -> None:
        real = getattr(session, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            counted[f"step {args[0]}" if name == "step" else name] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(session, name, wrapper)

    for name in ("gather", "step", "analyse"):
        spy(name)
    return counted


def in_form(**values: object) -> Callable[[AppTest, str], None]:
    """Save `values` through the notes form (closeness, consent, target, notes) for the contact."""
    def save(at: AppTest, contact_id: str) -> None:
        at.selectbox(key="contacts_explain").set_value(contact_id).run()
        for key, value in values.items():
            widget = {"closeness": at.select_slider, "consent": at.selectbox, "target": at.checkbox,
                      "notes": at.text_area}[key](key=f"annotate_{key}")
            widget.set_value(value)
        at.button(key="FormSubmitter:annotate_form-Save").click().run()
    return save


def in_table(**values: object) -> Callable[[AppTest, str], None]:
    """Save `values` (a mark, a cadence) through the contact table's editor, on the contact's row."""
    def save(at: AppTest, contact_id: str) -> None:
        edits = {"edited_rows": {0: values}, "added_rows": [], "deleted_rows": []}
        at.session_state["contacts_editor"] = edits
        at.run()
    return save


EDITS = [  # (what is saved, the stored annotation it leaves, the steps that run again)
    (in_form(notes="Wants an intro to a notary"), {"notes": "Wants an intro to a notary", "closeness": None},
     set()),
    (in_form(consent="yes"), {"consent": "yes", "closeness": None}, set()),
    (in_form(target=True), {"target": True}, {"targeted"}),
    (in_table(role="client"), {"role": "client"}, {"marked"}),
    (in_table(cadence_days=21), {"cadence_days": 21.0}, {"cadenced"}),
    (in_form(closeness=4), {"closeness": 4.0}, set(STEPS)),
    (in_form(notes="Called back"), {"notes": "Called back", "closeness": 4.0}, set()),
]


def test_each_kind_of_annotation_reruns_only_the_steps_reading_it(computed: Counter) -> None:
    at = open_page("contacts")
    assert computed == {"gather": 1, "analyse": 1, **EVERY_STEP}
    pick = at.selectbox(key="contacts_explain")
    pick.select_index(len(pick.options) - 1).run()  # the weakest contact: unrated
    contact_id = at.selectbox(key="contacts_explain").value  # the options are contact ids
    name = sample_store().load().contacts.set_index("contact_id").at[contact_id, "name"]
    at.text_input(key="contacts_query").input(name).run()  # listed alone, on row 0, however it scores
    assert at.dataframe[0].value["name"].tolist() == [name]
    for save, stored, stale in EDITS:
        before = computed.copy()
        save(at, contact_id)
        assert not at.exception, [e.value for e in at.exception]
        row = sample_store().annotations().set_index("contact_id").loc[contact_id]
        for column, value in stored.items():
            assert pd.isna(row[column]) if value is None else row[column] == value, (column, row[column])
        ran = {key.removeprefix("step ") for key in computed - before if key.startswith("step ")}
        assert ran == stale
        assert computed["gather"] == 1 and computed["analyse"] == before["analyse"] + 1
        current = sample_store()
        shown = session._analysis(str(current.path), current.version(), current.version(annotations=False),
                                  AS_OF, 90, ("en", "EUR"))  # what the page showed: cached, so nothing runs
        assert_same(shown, analyse(current.load(), AS_OF))
