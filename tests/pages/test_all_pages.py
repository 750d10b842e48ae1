"""Every page runs without exception on the sample workspace (Streamlit AppTest, no browser)."""

import pytest

from tests.pages.apptest import open_page

PAGES = ["overview", "contacts", "duplicates", "graph", "groups", "ledger", "actions", "report", "import"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs(name: str) -> None:
    at = open_page(name)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{name} shows no title"
    assert any("sample network" in i.value for i in at.info), "the sample must be labelled as sample"
