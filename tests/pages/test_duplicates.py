"""Possible duplicates page: a likely duplicate shown side by side, merged or kept apart from the page,
the merge undone; each decision is in the workspace afterwards."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.model import CONTACT_COLUMNS, INTERACTION_COLUMNS, Network
from tests.pages.apptest import open_page, sample_store
from ui.widgets import plain


def with_duplicate() -> tuple[AppTest, str, str]:
    """The sample with one of its LinkedIn contacts also in an address book (same name, no shared key,
    two meetings of their own), opened on the Possible duplicates page; (page, kept id, other id)."""
    at = open_page("duplicates")  # installs the sample
    store = sample_store()
    first = store.load().contacts.iloc[0]
    other = "name:" + first["name"].casefold()
    book = pd.DataFrame([{**{c: "" for c in CONTACT_COLUMNS}, "contact_id": other, "name": first["name"],
                          "email": "private@example.org", "sources": "Address book",
                          "connected_on": pd.NaT}], columns=CONTACT_COLUMNS)
    days = pd.to_datetime(["2026-10-01", "2026-11-01"], utc=True)
    meetings = pd.DataFrame({"contact_id": other, "date": days, "channel": "meeting", "direction": "out",
                             "content": "", "conversation_id": ""},
                            columns=INTERACTION_COLUMNS)
    store.import_network(Network(contacts=book, interactions=meetings))
    return at.run(), first["contact_id"], other


def names(contact_id: str) -> int:
    return int((sample_store().load().contacts["contact_id"] == contact_id).sum())


def test_the_pair_is_shown_side_by_side_with_the_reason() -> None:
    at, _, _ = with_duplicate()
    assert not at.exception
    assert any("same name" in m.value for m in at.markdown)
    table = at.dataframe[0].value
    assert table["field"].tolist() == ["Name", "Company", "Position", "E-mail", "Phone", "Known from",
                                       "Interactions"]
    assert table.set_index("field").loc["Known from"].tolist() == ["LinkedIn", "Address book"]
    assert table.set_index("field").loc["Interactions", "merged"] == "2"


def test_merge_from_the_page_then_undo() -> None:
    at, keep, other = with_duplicate()
    before = sample_store().load()
    at.button(key=f"merge|{keep}|{other}").click().run()
    assert not at.exception
    assert (names(keep), names(other)) == (1, 0)
    assert sample_store().decisions()["decision"].tolist() == ["merge"]
    assert any("merged into" in m.value for m in at.markdown)
    mine = (before.interactions["contact_id"] == keep).sum()
    assert (sample_store().load().interactions["contact_id"] == keep).sum() == mine + 2  # hers and the book's

    at.button(key=f"undo|{keep}|{other}").click().run()
    assert not at.exception
    assert (names(keep), names(other)) == (1, 1)
    assert sample_store().decisions().empty
    after = sample_store().load()
    assert sorted(after.interactions["contact_id"]) == sorted(before.interactions["contact_id"])


@pytest.mark.parametrize("rerun", [False, True])
def test_keep_apart_from_the_page(rerun: bool) -> None:
    at, keep, other = with_duplicate()
    at.button(key=f"apart|{keep}|{other}").click().run()
    if rerun:
        at = open_page("duplicates")  # a new session: the decision is in the workspace
    assert not at.exception
    assert sample_store().decisions()[["contact_id", "other_id", "decision"]].values.tolist() == [
        [keep, other, "apart"]]
    assert any("No likely duplicates" in s.value for s in at.success)
    assert (names(keep), names(other)) == (1, 1)


def test_a_hostile_name_is_shown_as_text_in_the_pair_and_the_merge_line() -> None:
    """Names come from files: a markdown image or a tag in one is shown escaped, never rendered."""
    hostile = "Eve ![x](http://a.b/x.png) <b>Lee</b>"
    at = open_page("duplicates")
    store = sample_store()
    rows = [{**{c: "" for c in CONTACT_COLUMNS}, "contact_id": cid, "name": hostile, "url": url,
             "sources": source, "connected_on": pd.NaT}
            for cid, url, source in (("in:eve-lee", "https://www.linkedin.com/in/eve-lee", "LinkedIn"),
                                     ("name:eve", "", "Address book"))]
    store.import_network(Network(contacts=pd.DataFrame(rows, columns=CONTACT_COLUMNS)))
    at.run()
    assert not at.exception
    pair = [m.value for m in at.markdown if "same name" in m.value and "Eve" in m.value]
    assert pair and plain(hostile) in pair[0] and "![x](" not in pair[0] and "<b>" not in pair[0]
    at.button(key="merge|in:eve-lee|name:eve").click().run()
    line = [m.value for m in at.markdown if "merged into" in m.value and "Eve" in m.value]
    assert line and "![x](" not in line[0] and "<b>" not in line[0], line
