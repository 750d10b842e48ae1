"""In a real browser: a LinkedIn export, a vCard address book and an .ics calendar imported together. The
card's "Piet Dijkstra" and the calendar's guest piet@dijkstra-advies.nl are one person (the same address);
he is proposed as the same person as LinkedIn's "Pieter Dijkstra", merged on the Possible duplicates
page, and the merged person's strength rises: the meetings from the calendar now count for him.
"""

import re

from playwright.sync_api import Page, expect

from tests.conftest import SAMPLE_ZIP
from tests.e2e.conftest import external_requests, screenshot, wait_for_app
from tests.e2e.test_pages_browser import use_sample
from tests.e2e.test_story_browser import save_into

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
WORKSPACE = "zz-identity"  # listed last, and deleted at the end: a new session opens the first workspace
CARD = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet Dijkstra\r\nN:Dijkstra;Piet;;;\r\n"
        b"EMAIL;TYPE=work:piet@dijkstra-advies.nl\r\nTEL;TYPE=cell:+31 6 5555 1234\r\nEND:VCARD\r\n")
#: A fortnightly 1-to-1 with Piet (six of them up to the sample's as-of date), organised by the user.
CALENDAR = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:piet-1on1\r\n"
            b"DTSTAMP:20260801T000000Z\r\nDTSTART:20260817T090000Z\r\nDTEND:20260817T100000Z\r\n"
            b"RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\nSUMMARY:Coffee\r\nORGANIZER:mailto:me@example.org\r\n"
            b"ATTENDEE;CN=Piet Dijkstra;PARTSTAT=ACCEPTED:mailto:piet@dijkstra-advies.nl\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")


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
        {"name": "contacts.vcf", "mimeType": "text/vcard", "buffer": CARD},
        {"name": "calendar.ics", "mimeType": "text/calendar", "buffer": CALENDAR}])
    addresses = page.get_by_role("textbox", name="Your e-mail addresses")  # asked once, for the calendar
    expect(addresses).to_be_visible(timeout=60_000)
    addresses.fill("me@example.org")
    addresses.press("Enter")
    wait_for_app(page)
    save_into(page, WORKSPACE)

    assert explain(page, "Piet Dijkstra") > 0  # card and calendar are one person: the 1-to-1s count
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
