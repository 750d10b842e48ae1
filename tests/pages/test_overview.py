"""Overview: a long contact list is cut to the strongest rows, and says so."""

import pytest

from tests.pages.apptest import open_page
from ui import widgets


@pytest.mark.parametrize(("rows", "cut"), [(50, True), (100_000, False)])
def test_the_contact_list_draws_the_strongest_rows_and_says_how_many(monkeypatch, rows: int,
                                                                     cut: bool) -> None:
    monkeypatch.setattr(widgets, "TABLE_ROWS", rows)
    at = open_page("overview")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[-1].value
    captions = " ".join(c.value for c in at.caption)
    assert len(table) == (50 if cut else 800)
    assert ("The strongest 50 of 800 contacts are listed" in captions) is cut
    assert table["strength"].is_monotonic_decreasing
