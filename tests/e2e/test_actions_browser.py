"""In a real browser: tick a plan item done on the Action plan page, reload, and it is still done;
the call list (CSV) and the follow-up calendar (.ics) download with the done item left out.

The page is screenshotted to tests/artifacts/actions.png for a person to look at.
"""

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import external_requests, screenshot, wait_for_app

# Streamlit's base-path discovery probes these under a deep URL and gets a 404: not a page error.
PROBES = ("/_stcore/health", "/_stcore/host-config")


def open_action_plan(page: Page, server: str) -> None:
    """Open the app, then the Action plan through the sidebar (so the router, not the bare file, runs)."""
    page.goto(server)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav.get_by_text("Invest and act")).to_be_visible(timeout=30_000)
    nav.get_by_role("link", name="Action plan", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="What do I do next?")).to_be_visible(timeout=30_000)


def download_path(page: Page, label: str) -> str:
    """Click a download button and return where the browser saved the file."""
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=label).click()
    return download.value.path()


def clients_progress(page: Page) -> Locator:
    """The progress line of the clients list (the sample has 15 clients)."""
    return page.get_by_text("of 15 done", exact=False).first


def test_an_item_ticked_done_is_still_done_after_a_reload(page: Page, server: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith(PROBES) and failed.append(r.url))
    open_action_plan(page, server)
    expect(clients_progress(page)).to_have_text("0 of 15 done", timeout=30_000)

    grid = page.locator('[data-testid="stDataFrame"]').first  # 1 · Call your clients
    # The grid draws on a canvas once its data arrives, and on a cold server the page above it can still
    # move; a click can land before either settles and do nothing. Try again (bounded), measuring the
    # grid afresh, only while the tick has visibly not arrived.
    for _ in range(4):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)  # select the first row's Done cell ...
        page.keyboard.press("Space")  # ... and tick it, as a keyboard user would
        wait_for_app(page)
        try:
            expect(clients_progress(page)).to_have_text("1 of 15 done", timeout=10_000)
            break
        except AssertionError:
            expect(clients_progress(page)).to_have_text("0 of 15 done")
    expect(clients_progress(page)).to_have_text("1 of 15 done", timeout=30_000)

    page.reload()
    wait_for_app(page)
    if not page.get_by_role("heading", name="What do I do next?").is_visible():
        open_action_plan(page, server)
    expect(clients_progress(page)).to_have_text("1 of 15 done", timeout=30_000)
    expect(page.get_by_text("1 / 15").first).to_be_visible()

    main = page.locator('[data-testid="stMain"]')
    for _ in range(10):  # let every lazy element render before the full-page screenshot
        main.evaluate("el => el.scrollBy(0, 700)")
        page.wait_for_timeout(200)
    main.evaluate("el => el.scrollTo(0, 0)")
    height = int(main.evaluate("el => el.scrollHeight"))
    page.set_viewport_size({"width": 1400, "height": min(height + 100, 9000)})
    page.wait_for_timeout(800)
    screenshot(page, "actions")

    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("tab", name="Exports").click()
    for label, start in (("Call list (CSV)", b"\xef\xbb\xbfPlan step,Name,Company,Position"),
                         ("Follow-up calls (.ics calendar)", b"BEGIN:VCALENDAR\r\n")):
        data = Path(download_path(page, label)).read_bytes()
        assert data.startswith(start), (label, data[:60])
    calls = Path(download_path(page, "Call list (CSV)")).read_text(encoding="utf-8-sig").splitlines()
    assert len(calls) == 1 + 14 + 22  # header, the open client calls (one is done) and referrers

    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource")]
    assert not errors and not failed, (page.console_errors, failed)
    assert not external_requests(page.requests), external_requests(page.requests)
