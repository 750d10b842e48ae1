"""Shared fixtures: a private workspace folder for every test, paths to the shared fixtures."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
SAMPLE_ZIP = ROOT / "sample_data" / "linkedin_sample.zip"
SAMPLE_LEDGER = ROOT / "sample_data" / "ledger_sample.xlsx"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own workspace folder, so no test touches a real workspace."""
    home = tmp_path / "workspaces"
    monkeypatch.setenv("NETWORK_LEDGER_HOME", str(home))
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tiers: tests/e2e/ is `browser`; tests/pages/ (and any module that opens pages in
    AppTest) is `apptest`.

    `python -m pytest -m "not browser and not apptest"` is then the fast tier.
    """
    for item in items:
        module = getattr(item, "module", None)
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        elif "pages" in item.path.parts or (
                module is not None and any(hasattr(module, name) for name in ("AppTest", "open_page"))):
            item.add_marker(pytest.mark.apptest)
