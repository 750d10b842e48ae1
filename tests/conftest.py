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
