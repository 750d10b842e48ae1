"""Opening a page the way a user does in AppTest: run the router, then switch to the page."""

from streamlit.testing.v1 import AppTest

from analytics.store import Store, workspace_path


def open_page(name: str) -> AppTest:
    """Run app.py (which opens on the sample workspace), then the page `app_pages/<name>.py`."""
    at = AppTest.from_file("../../app.py", default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{name}.py")
    return at.run()


def sample_store() -> Store:
    """The sample workspace the pages write to (inside the test's private NETWORK_LEDGER_HOME)."""
    return Store(workspace_path("sample"))
