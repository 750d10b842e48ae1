"""The network pages and the import run in German, Dutch and Italian (Streamlit AppTest on the sample):
no exception, the heading in that language, and figures written with the language's separators."""

import json

import pytest

from analytics import i18n, ingest
from tests.conftest import SAMPLE_ZIP
from tests.pages.apptest import open_page

#: The Inner circle tier as each language names it.
INNER_CIRCLE = {"de": "Engster Kreis", "nl": "Binnenste kring", "it": "Cerchia ristretta"}


@pytest.mark.parametrize("lang", ["de", "nl", "it"])
def test_overview_figures_and_charts_are_in_the_language(lang: str) -> None:
    at = open_page("overview", lang)
    with i18n.use(lang):
        metrics = {m.label: m.value for m in at.metric}
        tiers = i18n._("Relationship tiers (Dunbar layers)")
    diversity = {"de": "Vielfalt", "nl": "Diversiteit", "it": "Diversità"}[lang]
    assert metrics[diversity] == "0,84"  # 0.84 in English
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert {c["layout"]["separators"] for c in charts} == {",."}  # decimal comma, thousands point
    pyramid = next(c for c in charts if c["layout"]["title"]["text"] == tiers)
    assert INNER_CIRCLE[lang] in pyramid["data"][0]["y"] and "Inner circle" not in pyramid["data"][0]["y"]


#: What the import says in each language, with the sample's figures in its separators.
IMPORT_WORDS = {"de": ("1 Datei gelesen", "Gelesene Zeilen", "In „sample“ importiert",
                       "der {n} gefundenen Interaktionen waren bereits gespeichert"),
                "nl": ("1 bestand gelezen", "Rijen gelezen", "Geïmporteerd in ‘sample’",
                       "van de {n} gevonden interacties waren al opgeslagen")}


@pytest.mark.parametrize("lang", list(IMPORT_WORDS))
def test_import_report_and_result_are_in_the_language(lang: str) -> None:
    read, rows, imported, stored = IMPORT_WORDS[lang]
    body = SAMPLE_ZIP.read_bytes()
    found = ingest.load_files([(SAMPLE_ZIP.name, body)])
    at = open_page("import", lang)
    at.file_uploader(key="import_files").upload(SAMPLE_ZIP.name, body, "application/zip").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.status[0].label == read
    assert rows in at.dataframe[0].value.columns
    with i18n.use(lang):
        n = i18n.number(len(found.interactions))
    assert len(found.interactions) >= 1000 and "." in n  # 1.234: the thousands point
    assert n in [m.value for m in at.metric]
    at.text_input(key="import_target").input("sample").run()  # the sample's own export: every message stored
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert imported in at.success[0].value
    assert stored.format(n=n) in at.caption[0].value
