"""A workspace file that cannot be opened (garbled or truncated) shows one clear error on every page,
never a traceback, and the sidebar's way out works: start a new workspace, or delete this one."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store, workspace_path
from tests.pages.apptest import open_page
from tests.pages.test_all_pages import PAGES


def garbled(path: Path) -> None:
    path.write_bytes(os.urandom(40_000))


def truncated(path: Path) -> None:
    store = Store(path)
    store.save_settings(hourly_rate=50.0)
    store.save_groups(Store(workspace_path("sample")).load().groups)  # some pages worth of data
    store._checkpoint()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def broken(damage: Callable[[Path], None], name: str = "mine") -> Path:
    path = workspace_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    damage(path)
    return path


def cannot_open(at: AppTest) -> bool:
    assert not at.exception, [e.value for e in at.exception]
    return any("cannot be opened" in e.value for e in at.error)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_says_the_workspace_cannot_be_opened(name: str) -> None:
    open_page("overview")  # the sample, so the truncated copy has content
    broken(truncated)
    at = open_page(name)  # the user's own workspace opens first
    assert cannot_open(at)
    assert [e.value for e in at.error if "cannot be opened" in e.value] and len(at.error) == 1
    assert not at.title, "no page content under the error"


def test_start_a_new_workspace() -> None:
    broken(garbled)
    at = open_page("import")
    assert cannot_open(at)
    at.text_input(key="broken_new_name").set_value("fresh").run()
    at.button(key="broken_new").click().run()
    assert not cannot_open(at)
    assert at.session_state["workspace"] == "fresh" and at.title[0].value == "Import & workspace"


def test_a_new_workspace_cannot_take_an_existing_name() -> None:
    broken(garbled)
    broken(garbled, "other")
    at = open_page("overview")
    at.text_input(key="broken_new_name").set_value("other").run()
    at.button(key="broken_new").click().run()
    assert cannot_open(at) and any("exists already" in e.value for e in at.error)


def test_delete_this_workspace_after_confirming() -> None:
    path = broken(garbled)
    at = open_page("overview")
    assert at.button(key="broken_delete").disabled
    at.checkbox(key="broken_confirm").check().run()
    at.button(key="broken_delete").click().run()
    assert not path.exists()
    assert not cannot_open(at) and at.title, "back on a working (the sample) workspace"


def test_a_broken_sample_can_be_deleted_and_comes_back() -> None:
    open_page("overview")
    path = broken(garbled, "sample")
    at = open_page("groups")
    assert cannot_open(at)
    at.checkbox(key="broken_confirm").check().run()
    at.button(key="broken_delete").click().run()
    assert not cannot_open(at)
    assert Store(path).problem() is None and Store(path).revision() > 0


@pytest.mark.parametrize("damage", [garbled, truncated])
def test_store_names_the_problem(damage: Callable[[Path], None]) -> None:
    if damage is truncated:
        open_page("overview")
    assert "damaged" in Store(broken(damage)).problem()
    assert Store(workspace_path("never-created")).problem() is None
