"""In a real browser: the app opens on the sample, and uploading the sample zip shows the right counts."""

import re

from playwright.sync_api import Page, expect

from analytics import ingest
from tests.conftest import SAMPLE_ZIP
from tests.e2e.conftest import external_requests, screenshot, wait_for_app


def test_upload_sample_zip_shows_counts(page: Page, server: str) -> None:
    expected = ingest.load_files([(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes())])
    page.goto(f"{server}/import")
    wait_for_app(page)
    expect(page.get_by_text("sample network").first).to_be_visible()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(SAMPLE_ZIP))
    expect(page.get_by_text("Import report")).to_be_visible(timeout=60_000)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Contacts found")
    expect(metric).to_contain_text(f"{len(expected.contacts):,}", timeout=30_000)
    page.get_by_role("button", name=re.compile("Import into workspace")).click()
    expect(page.get_by_text(re.compile(r"Imported: [\d,]+ new contacts"))).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"{len(expected.contacts):,} contacts ·")).to_be_visible()
    screenshot(page, "import")
    assert not external_requests(page.requests)
