"""Report page: the coach report can be written in another language than the pages' (the UI stays
English, the report's sections and downloads are German), remembered per workspace."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analytics.store import Store, workspace_path
from tests.pages.apptest import open_page
from tests.pages.test_sessions import one_contact


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """The download buttons' deferred files by file name, made when called (as on a click: after the
    script run, with no language of the page in use)."""
    found: dict[str, Callable[[], bytes]] = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self: MediaFileManager, data_callable: Callable[[], bytes], mimetype: str | None,
                     coordinates: str, file_name: str | None = None, **kw: str) -> str:
        found[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return found


def test_report_language_german_while_the_pages_stay_english(downloads) -> None:
    at = open_page("report")
    assert at.selectbox(key="report_language_choice").value == "en", "the pages' language until chosen"
    at.selectbox(key="report_language_choice").set_value("de").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Coach report", "the page's own words stay in the pages' language"
    assert at.session_state["report_language"] == "de"
    subheaders = [s.value for s in at.subheader]
    assert subheaders[:2] == ["Wo Sie stehen", "Dieser Zeitraum im Vergleich zum vorigen"]
    assert at.caption[0].value.startswith("Wechselseitige Beziehungen\\: 153 Ihrer 800 Kontakte"), "escaped"
    html = downloads["network-report.html"]().decode("utf-8")
    assert '<html lang="de">' in html and "<h2>Wo Sie stehen</h2>" in html and "Namen anonymisiert" in html
    book = load_workbook(io.BytesIO(downloads["network-report.xlsx"]()))
    assert book.sheetnames[:2] == ["Zusammenfassung", "Gruppen"]
    at.button(key="report_present").click().run()
    assert at.header[0].value == "1/9 · Wo Sie stehen"
    assert any(c.value == "Names anonymised · last 90 days" for c in at.caption)


@pytest.mark.parametrize("lang", ["nl", "it"])
def test_report_page_runs_in_the_pages_language(lang: str) -> None:
    at = open_page("report", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == {"nl": "Coachrapport", "it": "Report per il coach"}[lang]
    assert at.subheader[0].value == {"nl": "Waar u staat", "it": "Dove ti trovi"}[lang]


def test_report_language_is_a_setting_of_the_workspace_that_moves_no_revision() -> None:
    store = Store(workspace_path("mine"))
    store.import_network(one_contact("Alma Alpha"))
    before = store.version()
    at = AppTest.from_file("../../app.py", default_timeout=120)
    at.run()
    at.sidebar.selectbox[0].select("mine").run()
    at.switch_page("app_pages/report.py").run()
    at.selectbox(key="report_language_choice").set_value("nl").run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.settings()["report_language"] == "nl"
    assert store.version() == before, "a wording setting re-runs no analysis"
    assert at.subheader[0].value == "Waar u staat"
