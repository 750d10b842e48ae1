"""What changed since the last export (analytics/role_changes.py): new companies and positions in a newer
LinkedIn export are kept by the workspace and become the Action plan's "Congratulate on a new role"."""

from pathlib import Path

import pandas as pd
import pytest

from analytics import action_plan, role_changes
from analytics.analysis import analyse
from analytics.model import CONTACT_COLUMNS, ROLE_CHANGE_COLUMNS, Network
from analytics.store import Store
from tests.builders import frame

# contact_id, company, position
BEFORE = [("a", "Acme BV", "CFO"), ("b", "Stone", "Owner"), ("c", "", "Advisor"), ("d", "Delta", "")]


@pytest.mark.parametrize(("after", "changed"), [
    (("a", "Beta GmbH", "CFO"), [("a", "Acme BV", "CFO", "Beta GmbH", "CFO")]),  # new company
    (("a", "Acme BV", "CEO"), [("a", "Acme BV", "CFO", "Acme BV", "CEO")]),  # promoted
    (("a", "ACME bv ", "cfo"), []),  # case and spaces are no change
    (("b", "", "Owner"), []),  # an export that leaves the company out is no change
    (("c", "Gamma", "Advisor"), []),  # a company where there was none is news, not a new role
    (("d", "Delta", "Partner"), []),
    (("z", "Zeta", "CEO"), []),  # a new contact has no before
])
def test_detect(after: tuple, changed: list) -> None:
    before = frame(["contact_id", "company", "position"], BEFORE)
    found = role_changes.detect(before, frame(["contact_id", "company", "position"], [after]))
    assert found.values.tolist() == [list(c) for c in changed]


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def export(company: str, position: str, connected: str = "2024-01-01", newest: str = "2025-06-01") -> Network:
    """Ann at `company` as `position`, and Bob who connected on `newest` (the export's latest connection)."""
    contacts = frame(CONTACT_COLUMNS, [
        ("in:ann", "Ann", "Lee", "Ann Lee", "https://www.linkedin.com/in/ann", "", company, position,
         connected, "", "LinkedIn"),
        ("in:bob", "Bob", "Ng", "Bob Ng", "https://www.linkedin.com/in/bob", "", "Ng BV", "Owner", newest, "",
         "LinkedIn")], ("connected_on",))
    return Network(contacts=contacts)


@pytest.mark.parametrize(("newest", "kept"), [("2025-09-01", 1), ("2025-06-01", 1), ("2024-03-01", 0)])
def test_only_a_newer_export_records_the_change(tmp_path: Path, newest: str, kept: int) -> None:
    store = Store(tmp_path / "w.sqlite")
    store.import_network(export("Acme BV", "CFO"))
    counts = store.import_network(export("Beta GmbH", "CEO", newest=newest), on=day("2026-11-02"))
    assert counts["role_changes"] == kept
    again = Store(tmp_path / "w.sqlite").role_changes()  # survives a restart
    assert again.values.tolist() == ([["in:ann", day("2026-11-02"), "Acme BV", "CFO", "Beta GmbH", "CEO"]]
                                     if kept else [])
    # the contact shows the last imported company either way (what store.import_network always did)
    assert store.load().contacts.set_index("contact_id").loc["in:ann", "company"] == "Beta GmbH"


def test_a_change_is_dated_by_the_workspace_as_of_date(tmp_path: Path) -> None:
    store = Store(tmp_path / "w.sqlite")
    store.import_network(export("Acme BV", "CFO"))
    store.save_settings(as_of="2026-03-15")
    store.import_network(export("Beta GmbH", "CFO"))
    assert store.role_changes()["seen_on"].tolist() == [day("2026-03-15")]


def network(seen_on: list[str]) -> Network:
    ann = ("in:ann", "Ann", "Lee", "Ann Lee", "", "", "Beta", "CEO", "2020-01-01")
    contacts = frame(CONTACT_COLUMNS, [ann], ("connected_on",))
    changes = frame(ROLE_CHANGE_COLUMNS, [("in:ann", d, "Acme", "CFO", "Beta", "CEO") for d in seen_on],
                    ("seen_on",))
    return Network(contacts=contacts, role_changes=changes)


@pytest.mark.parametrize(("seen_on", "listed"), [
    (["2026-11-01"], ["congratulate:in:ann:2026-11-01"]),
    (["2026-08-18"], ["congratulate:in:ann:2026-08-18"]),  # 89 days before as of
    (["2026-08-01"], []),  # too long ago to congratulate now
    (["2026-11-20"], []),  # after the as-of date
    (["2026-09-01", "2026-11-01"], ["congratulate:in:ann:2026-11-01", "congratulate:in:ann:2026-09-01"]),
])
def test_the_congratulations_list(seen_on: list, listed: list) -> None:
    found = role_changes.congratulate(network(seen_on), day("2026-11-15"))
    assert found["item_key"].tolist() == listed


def test_the_plan_lists_the_change_with_its_date_and_asks_for_nothing() -> None:
    a = analyse(network(["2026-11-01"]), day("2026-11-15"))
    item = action_plan.plan_data(network(["2026-11-01"]), a).congratulate.iloc[0]
    assert item["name"] == "Ann Lee"
    assert item["why"] == ("New role at Beta (CEO) since your last export, seen on 2026-11-01; "
                           "before: CFO at Acme.")
    assert "no pitch" in item["action"] and "referral" not in item["action"].lower()
    assert action_plan.LISTS[role_changes.LIST] == "Congratulate on a new role"
