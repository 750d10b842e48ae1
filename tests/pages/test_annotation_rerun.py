"""Saving annotations on the Contacts page re-runs only the steps that read them: the interaction
aggregates (`facts.gather`) are not computed again, and the page then shows the same analysis as a
from-scratch `analyse` of the saved workspace."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from analytics.analysis import analyse
from tests.pages.apptest import open_page, sample_store
from tests.test_facts import assert_same
from ui import session

AS_OF = pd.Timestamp("2026-11-15", tz="UTC")  # the sample's fixed as-of


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How often the interaction aggregates and the analysis were computed while the test runs."""
    counted: Counter = Counter()

    def spy(name: str) -> None:
        real = getattr(session, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            counted[name] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(session, name, wrapper)

    spy("gather")
    spy("rate")
    spy("analyse")
    return counted


def test_note_closeness_and_mark_edits_reuse_the_interaction_aggregates(gathered: Counter) -> None:
    at = open_page("contacts")
    assert gathered == {"gather": 1, "rate": 1, "analyse": 1}
    pick = at.selectbox(key="contacts_explain")
    pick.select_index(len(pick.options) - 1).run()
    at.slider(key="annotate_closeness").set_value(4)
    at.text_area(key="annotate_notes").input("Wants an intro to a notary")
    at.button(key="FormSubmitter:annotate_form-Save").click().run()  # closeness, consent, target, note
    # the bulk-mark form: mark the contacts matching a search as clients
    at.text_input(key="contacts_query").input("Koch").run()
    at.button(key="FormSubmitter:bulk_mark_form-Mark them").click().run()
    assert not at.exception, [e.value for e in at.exception]

    stored = sample_store().load()
    assert (stored.annotations["role"] == "client").any() and (stored.annotations["closeness"] == 4).any()
    assert gathered["gather"] == 1, gathered  # the aggregates were gathered once, before the edits
    assert gathered["rate"] == 2, gathered  # scored again for the closeness only, not for the marks
    assert gathered["analyse"] == 3, gathered  # the analysis finished once per version
    current = sample_store()
    shown = session._analysis(str(current.path), current.version(), current.version(annotations=False),
                              AS_OF, 90, ("en", "EUR"))  # what the page showed: cached, so nothing runs again
    assert gathered == {"gather": 1, "rate": 2, "analyse": 3}
    assert_same(shown, analyse(stored, AS_OF))
