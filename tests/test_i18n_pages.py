"""The network pages' texts in German, Dutch and Italian: charts, chart filters, the graph, the import
report and the import's sentences come out in the language in use, with its numbers and dates; English
stays as it was."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import chart_filters, charts, graph, i18n, import_summary
from analytics.ingest import history_table, import_table
from analytics.model import FileReport, empty_network
from tests.builders import utc

TODAY = utc("2026-11-30")


def repeated(found: int, stored: int) -> str:
    """The Import page's sentence on interactions found but already stored."""
    return import_summary.differences(0, found, {"added": 0, "updated": 0, "interactions_added": stored})[0]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "94 of the 25,854 interactions found were already stored"),
    ("de", "94 der 25.854 gefundenen Interaktionen waren bereits gespeichert"),
    ("nl", "94 van de 25.854 gevonden interacties waren al opgeslagen"),
    ("it", "94 delle 25.854 interazioni trovate erano già salvate"),
])
def test_repeated_interactions_are_counted_in_the_language(lang: str, sentence: str) -> None:
    with i18n.use(lang):
        found = repeated(25_854, stored=25_760)
    assert found.startswith(sentence)


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("en", "1 of the 1,200 interactions found was already stored", "2 of the 1,200 interactions found were"),
    ("de", "1 der 1.200 gefundenen Interaktionen war bereits", "2 der 1.200 gefundenen Interaktionen waren"),
    ("it", "1 delle 1.200 interazioni trovate era già salvata", "2 delle 1.200 interazioni trovate erano"),
])
def test_one_repeated_interaction_reads_singular(lang: str, one: str, many: str) -> None:
    with i18n.use(lang):
        assert repeated(1200, stored=1199).startswith(one)
        assert repeated(1200, stored=1198).startswith(many)


@pytest.mark.parametrize(("lang", "warning"), [
    ("en", "impossible dates: 1823-01-04 to 1853-04-02, before LinkedIn existed (2003)"),
    ("de", "unmögliche Daten: 04.01.1823 bis 02.04.1853, vor der Gründung von LinkedIn (2003)"),
    ("nl", "onmogelijke datums: 04-01-1823 tot 02-04-1853, voordat LinkedIn bestond (2003)"),
    ("it", "date impossibili: dal 04/01/1823 al 02/04/1853, prima che LinkedIn esistesse (2003)"),
])
def test_impossible_dates_are_named_in_the_language(lang: str, warning: str) -> None:
    report = FileReport("messages.csv", "messages", rows=9, date_min=utc("1823-01-04"),
                        date_max=utc("1853-04-02"))
    with i18n.use(lang):
        assert import_summary.date_warnings(report, TODAY)[0] == warning


@pytest.mark.parametrize(("lang", "columns", "kind", "skipped", "day"), [
    ("en", ["File", "Kind", "Rows read", "Skipped"], "mailbox (.mbox)", "1,204 no sender", "2020-01-05"),
    ("de", ["Datei", "Art", "Gelesene Zeilen", "Übersprungen"], "Postfach (.mbox)", "1.204 no sender",
     "05.01.2020"),
    ("nl", ["Bestand", "Soort", "Rijen gelezen", "Overgeslagen"], "mailbox (.mbox)", "1.204 no sender",
     "05-01-2020"),
    ("it", ["File", "Tipo", "Righe lette", "Saltate"], "casella di posta (.mbox)", "1.204 no sender",
     "05/01/2020"),
])
def test_import_report_reads_in_the_language(lang: str, columns: list[str], kind: str, skipped: str,
                                             day: str) -> None:
    report = FileReport("inbox.mbox", "mbox", rows=3, date_min=utc("2020-01-05"), date_max=utc("2020-01-05"))
    report.skip("no sender", 1204)  # the reason is the reader's (translated where it is recorded)
    with i18n.use(lang):
        table = import_table([report])
        assert list(table.columns[:4]) == columns
        assert import_summary.kind_label(table.iloc[0, 1]) == kind
    assert table.iloc[0, 4] == skipped and table.iloc[0, 5] == day


@pytest.mark.parametrize(("lang", "when"), [("en", "2026-11-20 09:15"), ("de", "20.11.2026 09:15")])
def test_import_history_dates_in_the_language(lang: str, when: str) -> None:
    history = pd.DataFrame({"id": [1], "at": ["2026-11-20T09:15:02+00:00"],
                            "files": [[{"file": "a.zip", "rows": 1500, "skipped": 2}]]})
    with i18n.use(lang):
        assert history_table(history).iloc[0, 0] == when


@pytest.mark.parametrize(("lang", "title", "bar", "label", "separators"), [
    ("en", "Relationship tiers (Dunbar layers)", "Inner circle", "1,234", ".,"),
    ("de", "Beziehungsstufen (Dunbar-Schichten)", "Engster Kreis", "1.234", ",."),
    ("nl", "Relatielagen (lagen van Dunbar)", "Binnenste kring", "1.234", ",."),
    ("it", "Livelli di relazione (strati di Dunbar)", "Cerchia ristretta", "1.234", ",."),
])
def test_tier_chart_in_the_language_keeps_the_codes_to_filter_by(lang: str, title: str, bar: str, label: str,
                                                                  separators: str) -> None:
    with i18n.use(lang):
        fig = charts.tier_pyramid({"Inner circle": 1234, "Close": 5})
    assert fig.layout.title.text == title and fig.layout.separators == separators
    assert bar in fig.data[0].y and label in fig.data[0].text
    assert ["tier", "Inner circle"] in [list(c) for c in fig.data[0].customdata]  # the code, not the words


@pytest.mark.parametrize(("lang", "ticks"), [
    ("de", ["Okt. 2021", "Nov. 2021"]), ("nl", ["okt 2021", "nov 2021"]), ("it", ["ott 2021", "nov 2021"]),
])
def test_growth_months_are_named_in_the_language(lang: str, ticks: list[str]) -> None:
    growth = pd.DataFrame({"month": ["2021-10", "2021-11"], "new": [3, 4], "cumulative": [3, 7]})
    with i18n.use(lang):
        axis = charts.growth_timeline(growth).layout.xaxis
    assert list(axis.ticktext) == ticks and list(axis.tickvals) == ["2021-10", "2021-11"]


@pytest.mark.parametrize(("months", "ticks"), [
    (pd.period_range("2020-01", "2022-12", freq="M"), ["Jan. 2020", "Juli 2020", "Jan. 2021", "Juli 2021",
                                                       "Jan. 2022", "Juli 2022"]),
    (pd.period_range("2018-11", "2026-05", freq="M"), ["2020", "2022", "2024", "2026"]),
])
def test_a_long_growth_series_gets_a_few_round_ticks(months: pd.PeriodIndex, ticks: list[str]) -> None:
    months = pd.Series([f"{m:%Y-%m}" for m in months])
    with i18n.use("de"):
        axis = charts.month_axis(months)
    assert axis["ticktext"] == ticks and "range" not in axis
    assert charts.month_axis(months) == {}  # English keeps plotly's own ticks


@pytest.mark.parametrize(("lang", "labels"), [
    ("en", ["Tier: Close", "Company: Acme", "Connected 2023-05"]),
    ("de", ["Stufe: Enger Kreis", "Unternehmen: Acme", "Vernetzt 2023-05"]),
    ("it", ["Livello: Cerchia stretta", "Azienda: Acme", "Collegato 2023-05"]),
])
def test_chart_filter_labels_in_the_language(lang: str, labels: list[str]) -> None:
    event = {"points": [{"customdata": ["tier", "Close"]}, {"customdata": ["company", "Acme"]},
                        {"customdata": ["month", "2023-05"]}]}
    with i18n.use(lang):
        assert chart_filters.selection_filter(event).describe() == labels


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "Showing 300 of 1,200 matching contacts (1,500 in total); 900 folded into 12 cluster nodes."),
    ("de", "300 von 1.200 passenden Kontakten angezeigt (1.500 insgesamt); 900 in 12 Cluster-Knoten "
           "zusammengefasst."),
    ("nl", "300 van 1.200 passende contacten getoond (1.500 in totaal); 900 samengevouwen tot 12 "
           "clusterknooppunten."),
])
def test_graph_summary_in_the_language(lang: str, summary: str) -> None:
    with i18n.use(lang):
        assert graph.summary({"shown": 300, "matched": 1200, "total": 1500, "folded": 900, "clusters": 12}) \
            == summary


def test_graph_page_in_german() -> None:
    scores = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Bo"], "company": ["Acme", "Acme"],
                           "position": ["CEO", ""], "strength": [50, 1234], "tier": ["Close", "Active"]})
    with i18n.use("de"):
        drawn = graph.build_graph(empty_network(), scores)
        page = graph.render_html(drawn)
    assert '<html lang="de">' in page and "<h1>Netzwerk</h1>" in page
    assert "Legende" in page and "Enger Kreis" in page and "Klicken Sie auf einen Knoten" in page
    titles = {n["id"]: n["title"] for n in drawn.nodes}
    assert "CEO bei Acme" in titles["a"] and "Aktiv · Stärke 1.234" in titles["b"]


@pytest.mark.parametrize(("lang", "bridges", "todo"), [
    ("en", "2 clusters: BNI, Acme", "Ask for an introduction"),
    ("de", "2 Cluster: BNI, Acme", "Bitten Sie um eine Vorstellung"),
    ("it", "2 cluster: BNI, Acme", "Chiedi una presentazione"),
])
def test_connector_advice_in_the_language(lang: str, bridges: str, todo: str) -> None:
    found = pd.DataFrame({"name": ["Ann"], "clusters": ["BNI; Acme"], "strength": [50.2], "tier": ["Close"],
                          "constraint": [0.61], "effective_size": [2.3]})
    with i18n.use(lang):
        advice = graph.connector_advice(found).iloc[0]
    assert advice["bridges"] == bridges and advice["what_to_do"].startswith(todo)
