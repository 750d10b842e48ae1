"""The main path — a LinkedIn export and nothing else — read in a real browser: after the import, no
page shows a raw code, a "(s)" plural or a large number without a separator, steps 1 and 2 of the plan
are filled or say how to fill them, and screenshots of the Action plan, Overview and Coach report
(presentation mode too) are saved under tests/artifacts/story/<width>/ for a person to look at."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from analytics import actions, cli, import_summary
from analytics.actions import HOW_TO_FILL
from analytics.analysis import analyse
from analytics.model import PLAN_STATUS_COLUMNS
from tests.conftest import FIXTURES
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from tests.e2e.test_pages_browser import use_sample
from tests.story_text import problems

EXPORT = FIXTURES / "public" / "silkyrich__linkedin-export-viewer" / "sample_export.zip"
PAGES = {"overview": "Overview", "contacts": "Contacts", "actions": "Action plan", "groups": "Groups",
         "report": "Coach report", "import": "Import & workspace"}


def import_export(page: Page, workspace: str, files: Sequence[Path] = (EXPORT,)) -> None:
    """Import a LinkedIn-only export (the story's, or `files`) into a new workspace from the Import page,
    through its file uploader like a user."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Import & workspace").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(f) for f in files])
    save_into(page, workspace)


def save_into(page: Page, workspace: str) -> None:
    """On the Import page with files read: name a new workspace, import into it, wait for the result."""
    expect(page.get_by_text("Import report")).to_be_visible(timeout=120_000)
    name_field = page.get_by_role("textbox", name="Save into a new workspace named")
    name_field.fill(workspace)
    name_field.press("Enter")
    button = page.get_by_role("button", name=f"Import into workspace “{workspace}”")
    expect(button).to_be_visible(timeout=60_000)
    wait_for_app(page)
    button.click()
    expect(page.get_by_text(re.compile(r"Imported into .*: [\d,]+ new"))).to_be_visible(timeout=180_000)
    wait_for_app(page)


def visit(page: Page, title: str) -> str:
    """Open a page from the menu and return the text it shows (tabs and expanders included)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    wait_for_app(page)
    page.wait_for_timeout(1500)
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def shoot(page: Page, width: int, name: str) -> None:
    folder = ARTIFACTS / "story" / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1440, 900)])
def test_a_linkedin_only_import_reads_as_a_story(browser: Browser, server: str, width: int,
                                                   height: int) -> None:
    assert EXPORT.exists(), f"missing fixture {EXPORT}"
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(server)
    wait_for_app(page)
    use_sample(page)  # an earlier test may have left this server on another workspace
    import_export(page, f"story-{width}")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "impossible dates" in text and "before LinkedIn existed (2003)" in text
    offer = page.get_by_role("button", name=re.compile(r"Use 1853-\d\d-\d\d as the as-of date"))
    expect(offer).to_be_visible(timeout=60_000)
    offer.click()
    expect(page.get_by_role("button", name="Use today instead")).to_be_visible(timeout=60_000)
    wait_for_app(page)
    found = {}
    for name, title in PAGES.items():
        text = visit(page, title)
        found[name] = problems(text)
        if name in ("overview", "actions", "report"):
            shoot(page, width, name)
        if name == "actions":
            for step, how in HOW_TO_FILL.items():
                filled = page.locator('[data-testid="stDataFrame"], [data-testid="stDataFrameResizable"]')
                assert how in text or filled.count(), step
            assert "Suggested from your LinkedIn export" in text
            assert re.search(rf"Keep in touch\s*0 / {expected_keep_in_touch()}(?!\d)", text), text[:400]
    visit(page, "Coach report")
    page.get_by_role("button", name="Presentation mode").click()
    wait_for_app(page)
    page.wait_for_timeout(1000)
    shoot(page, width, "report_presentation")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.is_visible() or sidebar.bounding_box()["width"] < 5
    context.close()
    assert found == {name: [] for name in PAGES}, found


def expected_keep_in_touch() -> int:
    """How many people the keep-in-touch list holds for the story's export as of its last activity,
    computed without the app (the Action plan must show the same)."""
    net = cli.load([str(EXPORT)], None)
    a = analyse(net, import_summary.last_activity(net))
    return len(actions.curate_keep_in_touch(a.keep_in_touch, pd.DataFrame(columns=PLAN_STATUS_COLUMNS),
                                            a.people))


def test_the_as_of_offer_counts_when_the_user_leaves_at_once(browser: Browser, server: str) -> None:
    """Accept the offer and go straight to the Action plan: the click still sets the as-of date. It used
    to be lost when the page switch cut the rerun short before it reached the button (Keep in touch
    then read 0 / 0 as of today instead of 0 / 5 as of the export's last day)."""
    expected = expected_keep_in_touch()
    assert expected == 5
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    wait_for_app(page)
    use_sample(page)
    import_export(page, "story-hasty")
    page.get_by_role("button", name=re.compile(r"Use 1853-\d\d-\d\d as the as-of date")).click()
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Action plan", exact=True).click()
    expect(page.get_by_role("heading", name="What do I do next?")).to_be_visible(timeout=60_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(
        re.compile(rf"Keep in touch\s*0 / {expected}(?!\d)"), timeout=30_000)
    context.close()
