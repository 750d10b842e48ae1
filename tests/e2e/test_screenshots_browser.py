"""Screenshots for a person to judge, at 1280×800 and 1440×900: Overview, Contacts, Network graph and
Import on the sample, then after importing a real 2,000-contact LinkedIn export (a public fixture).
Saved under tests/artifacts/<width>/; what is seen is also checked: the import leads on, the graph
draws, no console error, no request leaves localhost."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FIXTURES
from tests.e2e.conftest import ARTIFACTS, external_requests, wait_for_app
from tests.e2e.test_pages_browser import use_sample

EXPORT = FIXTURES / "public" / "silkyrich__linkedin-export-viewer" / "sample_export.zip"
#: Screenshot name -> the page's title in the menu.
PAGES = {"overview": "Overview", "contacts": "Contacts", "graph": "Network graph",
         "import": "Import & workspace"}
#: What shows once each page has finished drawing.
DRAWN = {"overview": '[data-testid="stDataFrame"]', "contacts": '[data-testid="stDataFrame"]',
         "graph": "iframe", "import": '[data-testid="stExpander"]'}


def shoot(page: Page, width: int, name: str) -> None:
    """What the user sees first, and the whole page (the viewport stretched to the page's height)."""
    folder = ARTIFACTS / str(width)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.wait_for_timeout(1500)  # charts and the grid redraw at the new size
    page.screenshot(path=str(folder / f"{name}_full.png"))
    page.set_viewport_size(size)


def visit(page: Page, name: str) -> None:
    """Open a page from the menu (a new address would start a new session on another workspace)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=PAGES[name]).click()
    wait_for_app(page)
    expect(page.locator(DRAWN[name]).first).to_be_attached(timeout=120_000)
    wait_for_app(page)
    if name == "graph":
        frame = page.frame_locator("iframe").first
        expect(frame.locator("body[data-ready='1']")).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1000)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1440, 900)])
def test_screenshots(browser: Browser, server: str, width: int, height: int) -> None:
    assert EXPORT.exists(), f"missing fixture {EXPORT}"
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
            and errors.append(m.text))
    page.goto(server)
    wait_for_app(page)
    use_sample(page)  # an earlier test may have left this server on another workspace
    for name in PAGES:
        visit(page, name)
        shoot(page, width, f"{name}_sample")

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(EXPORT))
    expect(page.get_by_text("Import report")).to_be_visible(timeout=120_000)
    name_field = page.get_by_role("textbox", name="Save into a new workspace named")
    name_field.fill(f"linkedin-{width}")
    name_field.press("Enter")
    button = page.get_by_role("button", name=f"Import into workspace “linkedin-{width}”")
    expect(button).to_be_visible(timeout=60_000)  # the rerun that took the name is over
    wait_for_app(page)
    button.click()
    expect(page.get_by_text(re.compile(r"Imported into .*: [\d,]+ new"))).to_be_visible(timeout=180_000)
    wait_for_app(page)
    expect(page.get_by_role("button", name=re.compile("Import into workspace"))).to_have_count(0)
    shoot(page, width, "import_done")
    page.get_by_role("link", name="See your network").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Is my network wide, or deep?")).to_be_visible(timeout=60_000)
    for name in PAGES:
        if name != "import":
            visit(page, name)
            shoot(page, width, f"{name}_linkedin")
    context.close()
    assert not errors, errors
    assert not external_requests(requests)
