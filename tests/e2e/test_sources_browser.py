"""In a real browser: the LinkedIn sample, an address book and a calendar imported together. The
calendar asks once for the owner's address; the report says what was read from each file; the card and
the meetings join the LinkedIn contact with the same address, whose strength rises."""

import pandas as pd
from playwright.sync_api import Page, expect

from analytics import ingest
from analytics.analysis import analyse
from tests.conftest import SAMPLE_ZIP
from tests.e2e.conftest import external_requests, wait_for_app
from ui.session import SAMPLE_AS_OF

UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'
VCF = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Wright\r\nEMAIL:Sam.Wright@example.org\r\n"
       b"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
       b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dora Day\r\nEMAIL:dora@day.example\r\nEND:VCARD\r\n")
ICS = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:monthly-sam\r\nDTSTART:20260105T090000Z\r\n"
       b"RRULE:FREQ=MONTHLY;COUNT=10\r\nSUMMARY:Account review\r\nORGANIZER:mailto:sanne@consult.example\r\n"
       b"ATTENDEE;CN=Sam Wright:mailto:sam.wright@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_linkedin_address_book_and_calendar_together(page: Page, server: str) -> None:
    files = [(SAMPLE_ZIP.name, SAMPLE_ZIP.read_bytes()), ("book.vcf", VCF), ("calendar.ics", ICS)]
    as_of = pd.Timestamp(SAMPLE_AS_OF, tz="UTC")  # the app opens on the sample, fixed at this date
    alone = analyse(ingest.load_files(files[:1]), as_of).scores.set_index("contact_id")
    together = ingest.load_files(files, me=["sanne@consult.example"], as_of=as_of)
    lifted = analyse(together, as_of).scores.set_index("contact_id")
    sam = "in:sam-wright-8490b026"
    assert lifted.loc[sam, "strength"] > alone.loc[sam, "strength"] + 10

    page.goto(f"{server}/import")
    wait_for_app(page)
    page.locator(UPLOAD).set_input_files(files=[
        {"name": SAMPLE_ZIP.name, "mimeType": "application/zip", "buffer": files[0][1]},
        {"name": "book.vcf", "mimeType": "text/vcard", "buffer": VCF},
        {"name": "calendar.ics", "mimeType": "text/calendar", "buffer": ICS}])
    addresses = page.get_by_label("Your e-mail addresses", exact=True).and_(page.get_by_role("textbox"))
    expect(addresses).to_be_visible(timeout=60_000)
    addresses.fill("sanne@consult.example")
    addresses.press("Enter")
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Contacts found")
    expect(metric).to_contain_text(f"{len(together.contacts):,}", timeout=60_000)
    interactions = page.locator('[data-testid="stMetric"]').filter(has_text="Interactions found")
    expect(interactions).to_contain_text(f"{len(together.interactions):,}")
    report = page.locator('[data-testid="stDataFrame"]').first
    expect(report).to_be_visible()
    assert "Account review" not in page.content()
    assert not external_requests(page.requests)
