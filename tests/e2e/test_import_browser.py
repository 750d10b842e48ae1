"""In a real browser: the app opens on the sample, uploading the sample zip shows the right counts,
and a bad file gets one clear sentence while the stored workspace stays as it was."""

import re

from playwright.sync_api import Page, expect

from analytics import ingest
from tests.conftest import SAMPLE_ZIP
from tests.e2e.conftest import external_requests, screenshot, wait_for_app
from tests.hostile import BY_NAME

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'


def test_upload_sample_zip_shows_counts(page: Page, server: str) -> None:
    expected = ingest.load_files([(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes())])
    page.goto(f"{server}/import")
    wait_for_app(page)
    expect(page.get_by_text("sample network").first).to_be_visible()
    page.locator(UPLOAD).set_input_files(str(SAMPLE_ZIP))
    expect(page.get_by_text("Import report")).to_be_visible(timeout=60_000)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Contacts found")
    expect(metric).to_contain_text(f"{len(expected.contacts):,}", timeout=30_000)
    page.get_by_role("button", name=re.compile("Import into workspace")).click()
    expect(page.get_by_text(re.compile(r"Imported into .*: [\d,]+ new"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"{len(expected.contacts):,} contacts ·")).to_be_visible()
    wait_for_app(page)  # no stale element from the run before the import left in the screenshot
    screenshot(page, "import")
    assert not external_requests(page.requests)


def test_bad_file_gets_one_sentence_and_changes_nothing(page: Page, server: str) -> None:
    page.goto(f"{server}/import")
    wait_for_app(page)
    summary = page.get_by_text(re.compile(r"[\d,]+ contacts · [\d,]+ interactions"))
    before = summary.inner_text()
    page.locator(UPLOAD).set_input_files(files=[{"name": "Connections.csv", "mimeType": "text/csv",
                                                 "buffer": b"%PDF-1.7\x00\x01binary"}])
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Connections.csv")
    expect(alert).to_be_visible(timeout=30_000)
    assert "Traceback" not in page.content()
    reason = alert.locator('[data-testid="stMarkdownContainer"]').inner_text().strip()
    assert reason.startswith("Connections.csv: ") and "\n" not in reason, "the reason is one line"
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(before)).to_be_visible()


def test_hostile_export_gets_one_line_and_nothing_leaves_localhost(page: Page, server: str) -> None:
    # The issue-17 dimension bomb (a 2 KB workbook claiming A1:XFD1048576, one value in the far corner)
    # under a name that would be an image from another host if rendered as markdown.
    name = "![x](http://192.0.2.1/x.png).xlsx"
    page.goto(f"{server}/import")
    wait_for_app(page)
    page.locator(UPLOAD).set_input_files(files=[{
        "name": name, "buffer": BY_NAME["xlsx_dimension_bomb"].build(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="1,024 columns")
    expect(alert).to_be_visible(timeout=60_000)
    assert "Traceback" not in page.content()
    reason = alert.locator('[data-testid="stMarkdownContainer"]').inner_text().strip()
    assert "\n" not in reason and reason.endswith("beyond the limit of 1,024 columns"), reason
    wait_for_app(page)
    assert not external_requests(page.requests), external_requests(page.requests)
