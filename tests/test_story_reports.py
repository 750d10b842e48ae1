"""After a LinkedIn-only import, both report formats read as plain language (tests/story_text.py)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import actions, cli, import_summary, report
from analytics.analysis import analyse
from analytics.report_data import report_data
from analytics.wording import MEASURES
from tests.conftest import FIXTURES
from tests.story_text import problems

EXPORT = FIXTURES / "public" / "silkyrich__linkedin-export-viewer" / "sample_export.zip"


class _Text(HTMLParser):
    """The text a reader sees: everything outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


@pytest.fixture(scope="module")
def data():
    if not EXPORT.exists():
        pytest.skip("shared fixtures not present")
    net = cli.load([str(EXPORT)], None)
    as_of = import_summary.last_activity(net)  # the as-of date the app offers for an old export
    return report_data(net, as_of, analysis=analyse(net, as_of))


def test_the_html_report_has_no_codes_no_plural_s_and_separated_numbers(data) -> None:
    parser = _Text()
    parser.feed(report.render_html(data))
    assert problems(" ".join(parser.parts)) == []


def test_the_excel_report_has_no_codes_no_plural_s_and_lower_case_headers(data) -> None:
    book = load_workbook(io.BytesIO(report.render_xlsx(data)))
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert problems(" · ".join(texts)) == []
    headers = [c.value for ws in book.worksheets for c in ws[1] if isinstance(c.value, str)]
    assert not [h for h in headers if re.fullmatch(r"[a-z_]+", h)]


def test_the_next_steps_start_with_clients_and_referrers(data) -> None:
    steps = [s for s in data.next_steps if "waiting for your confirmation" not in s]
    assert steps[0].startswith(("Call ", "No clients yet"))
    assert steps[1].startswith(("Thank ", "No referrers yet"))
    assert pd.Series(data.next_steps).is_unique


def test_both_formats_name_the_suggestions_waiting_for_confirmation_without_counting_them(data) -> None:
    net = cli.load([str(EXPORT)], None)
    a = analyse(net, import_summary.last_activity(net))
    waiting = len(actions.suggestions(a.clients))
    assert waiting == 22  # the Action plan shows "Suggested from your LinkedIn export: 22 clients"
    sentence = f"{waiting} people your LinkedIn export suggests as clients are waiting for your confirmation"
    parser = _Text()
    parser.feed(report.render_html(data))
    book = load_workbook(io.BytesIO(report.render_xlsx(data)))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert sentence in " ".join(parser.parts) and any(sentence in c for c in cells)
    clients_row = data.tables["plan"].set_index("List").loc["Call a client"]
    never_counted = len(actions.confirmed(a.clients))
    assert clients_row["Done"] + clients_row["Open"] == never_counted == 0
    assert data.next_steps.index(next(s for s in data.next_steps if s.startswith(sentence))) == 1


def test_both_formats_explain_the_measures_they_name(data) -> None:
    parser = _Text()
    parser.feed(report.render_html(data))
    html = " ".join(parser.parts)
    book = load_workbook(io.BytesIO(report.render_xlsx(data)))
    summary = {row[0]: row[2] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert "Company diversity (0-1)" in data.headline and "diversity" in data.diagnosis["explanation"]
    assert MEASURES["diversity"] in html
    assert summary["Company diversity (0-1)"] == MEASURES["diversity"]
