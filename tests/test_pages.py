"""Every page runs without exception on the sample workspace (Streamlit AppTest, no browser)."""

import pytest
from streamlit.testing.v1 import AppTest

PAGES = [f"app_pages/{name}.py" for name in
         ("overview", "contacts", "graph", "groups", "ledger", "actions", "report", "import")]


def run_page(path: str) -> AppTest:
    """Run app.py, then switch to `path` and run again, as a user clicking the sidebar would."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    at.switch_page(path)
    at.run()
    return at


@pytest.mark.parametrize("path", PAGES)
def test_every_page_runs(path: str) -> None:
    at = run_page(path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, f"{path} shows no title"
    assert any("sample network" in i.value for i in at.info), "the sample must be labelled as sample"
