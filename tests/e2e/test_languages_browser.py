"""In a real browser: switching the sidebar's language to German or Dutch turns the Overview into that
language (headings, a number with a decimal comma, the as-of date in the language's form), and the coach
report downloaded as HTML and Excel is written in it too. Screenshots of the Overview and the report in
every language go to tests/artifacts/languages/ for a person to look at."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from analytics import i18n
from analytics.i18n import _
from tests.e2e.conftest import ARTIFACTS, external_requests, wait_for_app
from tests.e2e.test_pages_browser import scroll_through

FOLDER = ARTIFACTS / "languages"
#: The as-of date of the sample as each language writes it.
AS_OF = {"en": "2026-11-15", "de": "15.11.2026", "nl": "15-11-2026", "it": "15/11/2026"}
EXCEL_DATES = {"en": "yyyy-mm-dd", "de": "dd.mm.yyyy", "nl": "dd-mm-yyyy", "it": "dd/mm/yyyy"}


def choose_language(page: Page, lang: str) -> None:
    """Pick `lang` in the sidebar's language box, as a user does."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(1)
    box.click()
    page.get_by_role("option", name=i18n.LANGUAGES[lang], exact=True).click()
    wait_for_app(page)


def words(lang: str, *texts: str) -> list[str]:
    with i18n.use(lang):
        return [_(text) for text in texts]


@pytest.mark.parametrize("lang", ["de", "nl", "it", "en"])
def test_the_overview_and_the_report_speak_the_chosen_language(page: Page, server: str, lang: str) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.goto(server)
    wait_for_app(page)
    choose_language(page, lang)
    title, report_title = words(lang, "Is my network wide, or deep?", "Coach report")
    if lang != "en":
        assert title != "Is my network wide, or deep?", "the heading has no translation"
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=60_000)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(AS_OF[lang]).first).to_be_visible(timeout=30_000)  # the as-of date
    decimal = "0.84" if lang == "en" else "0,84"  # the sample's diversity, in the language's numbers
    expect(main.get_by_text(decimal, exact=True).first).to_be_visible(timeout=60_000)
    scroll_through(page)  # every chart drawn, then the first screen at both widths a user would have
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    for width, height in ((1280, 800), (1440, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(800)
        page.screenshot(path=str(FOLDER / f"overview_{lang}_{width}.png"))

    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=report_title, exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=report_title)).to_be_visible(timeout=60_000)
    html_label, xlsx_label = words(lang, "Download HTML report", "Download Excel workbook")
    files = {}
    for label, name in ((html_label, "html"), (xlsx_label, "xlsx")):
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name=label).click()
        files[name] = FOLDER / f"report_{lang}.{name}"
        download.value.save_as(files[name])
    html = files["html"].read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}', html), "the report does not say its language"
    assert AS_OF[lang] in html and decimal in html
    with i18n.use(lang):
        assert _("Network coach report") in html
    workbook = load_workbook(io.BytesIO(files["xlsx"].read_bytes()), read_only=True)
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows(max_row=40) for c in row
             if c.value is not None]
    assert any(AS_OF[lang] in str(c.value) for c in cells), "the summary sheet does not say the as-of date"
    date_formats = {c.number_format for c in cells if isinstance(c.value, datetime)}
    assert date_formats == {EXCEL_DATES[lang]}, date_formats  # real dates, shown the language's way
    if lang != "en":
        english = {"Contacts", "Groups", "Action plan"}
        assert not english & set(workbook.sheetnames), workbook.sheetnames
    assert "xl/workbook.xml" in zipfile.ZipFile(files["xlsx"]).namelist()

    viewer = page.context.new_page()
    viewer.goto(files["html"].resolve().as_uri())
    viewer.wait_for_timeout(2000)
    viewer.screenshot(path=str(FOLDER / f"report_{lang}.png"), full_page=True)
    viewer.close()
    assert not page.console_errors, page.console_errors
    assert not external_requests(page.requests)
