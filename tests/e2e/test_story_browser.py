"""The main path — a LinkedIn export and nothing else — read in a real browser: after the import, no
page shows a raw code, a "(s)" plural or a large number without a separator, steps 1 and 2 of the plan
are filled or say how to fill them, and screenshots of the Action plan, Overview and Coach report
(presentation mode too) are saved under tests/artifacts/story/<width>/ for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from analytics.actions import HOW_TO_FILL
from tests.conftest import FIXTURES
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from tests.e2e.test_pages_browser import use_sample
from tests.story_text import problems

EXPORT = FIXTURES / "public" / "silkyrich__linkedin-export-viewer" / "sample_export.zip"
PAGES = {"overview": "Overview", "contacts": "Contacts", "actions": "Action plan", "groups": "Groups",
         "report": "Coach report", "import": "Import & workspace"}


def import_export(page: Page, workspace: str) -> None:
    """Import the LinkedIn-only export into a new workspace from the Import page."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Import & workspace").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(EXPORT))
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
    visit(page, "Coach report")
    page.get_by_role("button", name="Presentation mode").click()
    wait_for_app(page)
    page.wait_for_timeout(1000)
    shoot(page, width, "report_presentation")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.is_visible() or sidebar.bounding_box()["width"] < 5
    context.close()
    assert found == {name: [] for name in PAGES}, found
