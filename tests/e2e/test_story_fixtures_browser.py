"""Every real LinkedIn export among the shared fixtures, uploaded through the Import page like a user
(the as-of offer accepted when its dates are old), then Overview, Groups, Action plan and Network graph
at 1280×800 and 1440×900, saved under tests/artifacts/fixtures/<set>/ for a person to look at. What is
seen is checked too: every page draws its heading and no error box, the Overview counts the contacts
the workspace holds, the Action plan's metrics agree at both widths, and no text is a raw code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FIXTURES
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from tests.e2e.test_pages_browser import use_sample
from tests.e2e.test_story_browser import import_export
from tests.story_text import problems

PUBLIC = FIXTURES / "public"
SETS = sorted(p.name for p in PUBLIC.iterdir() if p.is_dir()) if PUBLIC.exists() else []
SIZES = [(1280, 800), (1440, 900)]
#: Screenshot name -> (menu title, the page's heading).
PAGES = {"overview": ("Overview", "Is my network wide, or deep?"),
         "groups": ("Groups", "Which groups pay off?"),
         "actions": ("Action plan", "What do I do next?"),
         "graph": ("Network graph", "Your network as a graph")}


def export_files(folder: Path) -> list[Path]:
    """Every file of one fixture set, as a user would drop them (a zip, or the loose CSVs)."""
    return sorted(p for p in folder.rglob("*") if p.is_file())


def count(page: Page, label: str) -> int:
    """The number the metric labelled `label` shows ("1,234" -> 1234)."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^{re.escape(label)}$")))
    return int(metric.first.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def visit(page: Page, title: str, heading: str) -> str:
    """Open a page from the menu, wait until it has drawn, and return its text."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=60_000)
    if title == "Network graph":
        frame = page.frame_locator("iframe").first
        expect(frame.locator("body[data-ready='1']")).to_be_attached(timeout=60_000)
    page.wait_for_timeout(1500)  # charts and grids draw after the script has run
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def readable_text(page: Page) -> str:
    """The page's text as a person reads it: a chart label drawn on two lines ("Jul 17" over "2023")
    keeps its line break (innerText would run the two together into "Jul 172023")."""
    page.evaluate("""() => document.querySelectorAll('[data-testid="stMain"] svg text tspan + tspan')
                             .forEach(t => t.before(document.createTextNode(' ')))""")
    return page.locator('[data-testid="stMain"]').inner_text()


def shoot(page: Page, folder: Path, name: str) -> None:
    """The first screen and the whole page (the viewport stretched to the page's height)."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 6000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(folder / f"{name}_full.png"))
    page.set_viewport_size(size)


@pytest.mark.parametrize("fixture_set", SETS)
def test_each_fixture_export_reads_whole(browser: Browser, server: str, fixture_set: str) -> None:
    files = export_files(PUBLIC / fixture_set)
    assert files, f"no files in fixture set {fixture_set}"
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    page = context.new_page()
    page.goto(server)
    wait_for_app(page)
    use_sample(page)  # an earlier test may have left this server on another workspace
    import_export(page, f"fixture-{SETS.index(fixture_set)}", files)
    text = page.locator('[data-testid="stMain"]').inner_text()
    stored = int(re.search(r"([\d,]+) contacts · [\d,]+ interactions", text).group(1).replace(",", ""))
    assert stored and stored <= count(page, "Contacts found")
    offer = page.get_by_role("button", name=re.compile(r"Use \d{4}-\d\d-\d\d as the as-of date"))
    if offer.count():
        offer.click()
        wait_for_app(page)
        expect(page.get_by_role("button", name="Use today instead")).to_be_visible(timeout=60_000)
    plan: dict[int, str] = {}
    found: dict[str, list[str]] = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for name, (title, heading) in PAGES.items():
            text = visit(page, title, heading)
            assert "Traceback" not in text, (fixture_set, name, text[:500])
            assert page.locator('[data-testid="stException"]').count() == 0, (fixture_set, name)
            if name == "overview":
                assert count(page, "Contacts") == stored, (fixture_set, width)
            if name == "actions":
                plan[width] = text.split("1 · Call your clients")[0]  # the five progress metrics
            shoot(page, ARTIFACTS / "fixtures" / fixture_set, f"{name}_{width}")
            found[name] = problems(readable_text(page))
    context.close()
    assert plan[SIZES[0][0]] == plan[SIZES[1][0]], plan
    assert found == {name: [] for name in PAGES}, found
