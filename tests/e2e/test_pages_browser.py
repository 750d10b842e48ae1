"""In a real browser: the analysis pages draw their charts and the graph, with no console errors and
no request leaving localhost; the coach report downloads as HTML and Excel."""

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTIFACTS, external_requests, screenshot, wait_for_app


def scroll_through(page: Page) -> None:
    """Plotly charts draw when scrolled into view: scroll the main area top to bottom."""
    main = '[data-testid="stMain"]'
    height = page.evaluate(f"document.querySelector('{main}').scrollHeight")
    for y in range(0, height, 400):
        page.evaluate(f"document.querySelector('{main}').scrollTo(0, {y})")
        page.wait_for_timeout(150)


@pytest.mark.parametrize(("path", "name", "charts"), [("", "overview", 5), ("report", "report", 6)])
def test_charts_render(page: Page, server: str, path: str, name: str, charts: int) -> None:
    page.goto(f"{server}/{path}")
    wait_for_app(page)
    scroll_through(page)
    drawn = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    expect(drawn.nth(charts - 1)).to_be_attached(timeout=30_000)
    screenshot(page, name)
    assert not page.console_errors, page.console_errors
    assert not external_requests(page.requests)


def test_graph_canvas_renders_offline(page: Page, server: str) -> None:
    page.goto(f"{server}/graph")
    wait_for_app(page)
    frame = page.frame_locator("iframe").first
    expect(frame.locator("body[data-ready='1']")).to_be_attached(timeout=60_000)
    expect(frame.locator("canvas")).to_be_visible()
    screenshot(page, "graph")
    assert not page.console_errors, page.console_errors
    assert not external_requests(page.requests)


def use_sample(page: Page) -> None:
    """Pick the bundled sample workspace in the sidebar (an earlier test may have imported another)."""
    # the workspace picker: the first of the sidebar's selectboxes (the language picker follows it)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="sample", exact=True).click()
    # The switch reruns the page; until the sample banner shows, the download buttons may still hold
    # the previous workspace's report.
    expect(page.get_by_text("You are looking at the sample network")).to_be_visible(timeout=60_000)
    wait_for_app(page)


def test_report_downloads_and_renders(page: Page, server: str, browser) -> None:
    page.goto(f"{server}/report")
    wait_for_app(page)
    use_sample(page)  # the sample has groups, so every report section has content to look at
    expect(page.get_by_text("Content Marketing Summit Köln 2026 pays off").first).to_be_visible(
        timeout=60_000)  # the sample's report is on screen before its buttons are clicked
    files = {}
    for label, name in (("Download HTML report", "report.html"), ("Download Excel workbook", "report.xlsx")):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        files[name] = ARTIFACTS / name
        download.value.save_as(files[name])
    assert "xl/workbook.xml" in zipfile.ZipFile(files["report.xlsx"]).namelist()
    html = files["report.html"].read_text(encoding="utf-8")
    assert "Names anonymised" in html
    assert "BNI Domstad Utrecht" in html and "Sanne de Vries" not in html  # a group; not the owner
    viewer = browser.new_page(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    viewer.on("request", lambda r: requests.append(r.url))
    viewer.goto(Path(files["report.html"]).resolve().as_uri())
    viewer.wait_for_timeout(2000)
    viewer.screenshot(path=str(ARTIFACTS / "report_html.png"), full_page=True)
    viewer.close()
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
