"""In a real browser: the Contacts page's notes form saves a note (in the Save button's callback, with its
toast) and leaves an unrated contact unrated; a rating chosen on the scale is kept."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import external_requests, wait_for_app

#: A contact of the sample with a name of their own, never engaged: no other browser test touches them.
NEVER_ENGAGED = "Wouter Vos"


def choose_contact(page: Page, name: str) -> None:
    """Pick `name` in the Contacts page's "Contact" box by typing it, as a user with 800 names does (a
    click into the opened list raced a rerun still drawing the page on a loaded machine); its option reads
    "name · company"."""
    box = page.get_by_role("combobox", name="Contact", exact=True)
    expect(box).to_be_visible(timeout=60_000)
    wait_for_app(page)
    box.click()
    box.fill(name)
    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(name)}( · |$)"))
    expect(option).to_be_visible(timeout=30_000)
    page.keyboard.press("Enter")
    wait_for_app(page)


def save_note(page: Page, text: str) -> None:
    page.get_by_test_id("stTextArea").locator("textarea").fill(text)
    page.get_by_test_id("stFormSubmitButton").filter(has_text="Save").click()
    expect(page.get_by_text("Saved your notes on").first).to_be_visible(timeout=60_000)
    wait_for_app(page)


def test_a_note_leaves_an_unrated_contact_unrated(page: Page, server: str) -> None:
    page.goto(f"{server}/contacts")
    wait_for_app(page)
    choose_contact(page, NEVER_ENGAGED)
    scale = page.get_by_test_id("stSlider").filter(has_text="Closeness")
    thumb = scale.get_by_test_id("stSliderThumbValue")
    expect(thumb).to_have_text("not rated", timeout=60_000)
    save_note(page, "Met at the browser breakfast")
    notes = page.get_by_test_id("stTextArea").locator("textarea")
    expect(notes).to_have_value("Met at the browser breakfast")
    expect(thumb).to_have_text("not rated")  # read back from the saved workspace: still unrated

    scale.get_by_role("slider").press("End")  # the scale's last stop: 5
    save_note(page, "Now a close friend")
    expect(thumb).to_have_text("5")
    assert not page.console_errors, page.console_errors
    assert not external_requests(page.requests)
