"""In a real browser: a LinkedIn export and a Google-Contacts-style address book imported together, the
address book's "Piet Dijkstra" (whom the user rates as close on the Contacts page) proposed as the same
person as LinkedIn's "Pieter Dijkstra", merged on the Possible duplicates page, and the merged person's
strength rises (the merge keeps the rating).

When the vCard and .ics readers land (branch s15-sources), the same flow should upload a .vcf card and an
.ics calendar beside the zip instead of the CSV, and drop the rating step: the calendar's meetings with
Piet then raise the strength.
"""

import re

from playwright.sync_api import Page, expect

from tests.conftest import SAMPLE_ZIP
from tests.e2e.conftest import external_requests, screenshot, wait_for_app
from tests.e2e.test_pages_browser import use_sample

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
WORKSPACE = "zz-identity"  # listed last, and deleted at the end: a new session opens the first workspace
BOOK = (b"Name,Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value\n"
        b"Piet Dijkstra,Piet,Dijkstra,piet@dijkstra-advies.nl,+31 6 5555 1234\n")


def go(page: Page, label: str) -> None:
    """Open a page through the sidebar, as a user does."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=label, exact=True).click()
    wait_for_app(page)


def explain(page: Page, name: str) -> int:
    """Open `name` in the Contacts page's "Why did a contact score" panel; their strength there."""
    go(page, "Contacts")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Contact").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_for_app(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=name)
    expect(metric).to_be_visible(timeout=30_000)
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().split("/")[0])


def test_merge_a_proposed_duplicate_and_see_the_strength_rise(page: Page, server: str) -> None:
    page.goto(f"{server}/import")
    wait_for_app(page)
    use_sample(page)  # from the sample the import goes into a workspace of its own
    page.locator(UPLOAD).set_input_files([
        {"name": SAMPLE_ZIP.name, "mimeType": "application/zip", "buffer": SAMPLE_ZIP.read_bytes()},
        {"name": "google_contacts.csv", "mimeType": "text/csv", "buffer": BOOK}])
    expect(page.get_by_text("Import report")).to_be_visible(timeout=60_000)
    name_field = page.get_by_role("textbox", name="Save into a new workspace named")
    name_field.fill(WORKSPACE)
    name_field.press("Enter")
    button = page.get_by_role("button", name=f"Import into workspace “{WORKSPACE}”")
    expect(button).to_be_visible(timeout=60_000)
    wait_for_app(page)
    button.click()
    expect(page.get_by_text(re.compile(r"Imported into .*: [\d,]+ new"))).to_be_visible(timeout=60_000)

    explain(page, "Piet Dijkstra")  # the address book's Piet: rated closest
    page.get_by_role("slider").focus()
    page.keyboard.press("End")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("strength 70 / 100"))).to_be_visible(timeout=30_000)

    before = explain(page, "Pieter Dijkstra")
    go(page, "Possible duplicates")
    expect(page.get_by_text("Piet is a short form of Pieter, same last name")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("1 possible duplicate.")).to_be_visible()  # the only pair: its Merge button
    screenshot(page, "duplicates")
    page.get_by_role("button", name="Merge", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile("Piet Dijkstra merged into Pieter Dijkstra"))).to_be_visible(
        timeout=30_000)

    after = explain(page, "Pieter Dijkstra")
    assert after > before, (before, after)
    assert not external_requests(page.requests), external_requests(page.requests)

    go(page, "Import & workspace")  # leave the server as it was for the tests after this one
    page.get_by_text("Delete data").click()
    page.get_by_text(f"I want to delete the whole workspace “{WORKSPACE}”").click()
    page.get_by_role("button", name="Delete all my data").click()
    wait_for_app(page)
    expect(page.get_by_text("sample network").first).to_be_visible(timeout=30_000)
