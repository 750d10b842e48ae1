"""Opening a page the way a user does in AppTest: run the router, then switch to the page."""

from streamlit.testing.v1 import AppTest

from analytics.store import Store, workspace_path


def open_page(name: str, lang: str | None = None) -> AppTest:
    """Run app.py (which opens on the sample workspace; in `lang` when given, as if chosen in the
    sidebar), then the page `app_pages/<name>.py`."""
    at = AppTest.from_file("../../app.py", default_timeout=180)
    if lang:
        at.session_state["language"] = lang
    at.run()
    at.switch_page(f"app_pages/{name}.py")
    return at.run()


def open_workspace(workspace: str, name: str) -> AppTest:
    """Run app.py, choose `workspace` in the sidebar, as a user does, then open page `app_pages/<name>.py`."""
    at = AppTest.from_file("../../app.py", default_timeout=120)
    at.run()
    at.sidebar.selectbox[0].select(workspace).run()
    at.switch_page(f"app_pages/{name}.py")
    return at.run()


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Switch the page's lazy tabs `key` (`st.tabs(..., key=key, on_change="rerun")`: only the open tab
    runs) to the tab named `label`, as a click on it does, and rerun."""
    at.session_state[key] = label
    return at.run()


def sample_store() -> Store:
    """The sample workspace the pages write to (inside the test's private NETWORK_LEDGER_HOME)."""
    return Store(workspace_path("sample"))
