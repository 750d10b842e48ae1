"""In a real browser: the Groups page draws its bubble chart and ranking; the Ledger page renders.

Both pages are screenshotted to tests/artifacts/ for a person to look at.
"""

import pandas as pd
from playwright.sync_api import Page, expect

from analytics import charts_groups, ingest
from analytics.analysis import analyse
from analytics.ingest import ledger_workbook
from tests.conftest import SAMPLE_LEDGER, SAMPLE_ZIP
from tests.e2e.conftest import external_requests, screenshot, wait_for_app


def sample_top_group() -> str:
    net = ingest.load_files([(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes())])
    imported = ledger_workbook.read_ledger([(SAMPLE_LEDGER.name, SAMPLE_LEDGER.read_bytes())], net.contacts)
    net.groups, net.members, net.ledger = imported.groups, imported.members, imported.ledger
    net.settings["hourly_rate"] = 75.0
    as_of = pd.Timestamp("2026-11-15", tz="UTC")
    return analyse(net, as_of).groups["name"].iloc[0]


# Opening a deep URL (/groups) makes Streamlit's frontend first probe /groups/_stcore/health and
# /groups/_stcore/host-config (404), then the root ones: its own base-path discovery, not a page error.
PROBES = ("/_stcore/health", "/_stcore/host-config")


def record_failures(page: Page) -> list[str]:
    """URLs answered with an HTTP error, except Streamlit's base-path probes."""
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith(PROBES) and failed.append(r.url))
    return failed


def page_errors(page: Page) -> list[str]:
    """Console errors other than the browser's "Failed to load resource" lines for the probes."""
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def open_page(page: Page, server: str, title: str, path: str) -> None:
    """Open the app, wait for the router's sidebar (until app.py has run, Streamlit lists the page
    files by name, and a link there runs the page without the router), click the page's link and
    wait until the address is the page's own `path`."""
    page.goto(server)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_text("Your network")).to_be_visible(timeout=30_000)
    nav.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(f"**/{path}", timeout=30_000)
    wait_for_app(page)


def tall_screenshot(page: Page, name: str) -> None:
    """Scroll through the main container (plotly renders lazily), then grow the window to the whole
    page's height so one screenshot shows all of it."""
    main = page.locator('[data-testid="stMain"]')
    for _ in range(12):
        main.evaluate("el => el.scrollBy(0, 700)")
        page.wait_for_timeout(250)
    main.evaluate("el => el.scrollTo(0, 0)")
    height = main.evaluate("el => el.scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 100, 9000)})
    page.wait_for_timeout(800)
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_groups_page_draws_chart_and_ranking(page: Page, server: str) -> None:
    top = sample_top_group()
    failed = record_failures(page)
    open_page(page, server, "Groups", "groups")
    expect(page.get_by_role("heading", name="Which groups pay off?")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("sample network").first).to_be_visible()  # the router ran
    bubbles = page.locator('[data-testid="stPlotlyChart"]').first
    expect(bubbles.locator("svg.main-svg").first).to_be_visible(timeout=30_000)
    expect(bubbles.get_by_text(charts_groups.short_name(top)).first).to_be_attached()
    ranking = page.locator('[data-testid="stDataFrame"]').first
    expect(ranking).to_be_visible()
    expect(page.get_by_text(f"{top} pays off").first).to_be_visible()  # the headline names the top group
    tall_screenshot(page, "groups")
    assert not page_errors(page) and not failed, (page.console_errors, failed)
    assert not external_requests(page.requests)


def test_ledger_page_renders_its_tabs(page: Page, server: str) -> None:
    failed = record_failures(page)
    open_page(page, server, "Ledger & groups setup", "ledger")
    expect(page.get_by_role("heading", name="Ledger & groups setup")).to_be_visible(timeout=30_000)
    for tab in ("Groups", "Members", "Activity ledger", "Import & template"):
        expect(page.get_by_role("tab", name=tab)).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    tall_screenshot(page, "ledger_groups")
    page.get_by_role("tab", name="Members").click()
    page.wait_for_timeout(800)
    tall_screenshot(page, "ledger_members")
    page.get_by_role("tab", name="Activity ledger").click()
    page.wait_for_timeout(800)
    tall_screenshot(page, "ledger_activity")
    page.get_by_role("tab", name="Import & template").click()
    expect(page.get_by_role("button", name="Download the ledger workbook template")).to_be_visible()
    tall_screenshot(page, "ledger_import")
    assert not page_errors(page) and not failed, (page.console_errors, failed)
    assert not external_requests(page.requests)
