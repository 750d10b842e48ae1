"""The coach report and the CLI in the user's language: the sample's HTML and Excel report in German and
Dutch (headings, sheet names, numbers, money and dates written the language's way), sentences built from
whole templates, pseudonyms' words, `--lang`/`--currency`, and `summary --json` unchanged by `--lang`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import cli, i18n, report
from analytics.analysis import analyse
from analytics.report_data import heading, report_data
from analytics.report_html import format_value
from analytics.report_xlsx import money_format
from tests.builders import hostile_network
from tests.conftest import SAMPLE_LEDGER, SAMPLE_ZIP

SAMPLE_AS_OF = "2026-11-15"
AS_OF = pd.Timestamp("2026-07-01", tz="UTC")  # the hostile network's date (tests/test_report.py)


@pytest.fixture(scope="module")
def sample():
    net = cli.load([str(SAMPLE_ZIP)], str(SAMPLE_LEDGER))
    return net, pd.Timestamp(SAMPLE_AS_OF, tz="UTC")


def sample_report(sample, lang: str, fmt: str) -> bytes:
    net, as_of = sample
    with i18n.use(lang):
        return report.build(net, as_of, fmt=fmt)


@pytest.mark.parametrize(("lang", "expected"), [
    ("de", ['<html lang="de">', "<h1>Coach-Bericht zum Netzwerk</h1>", "<h2>Wo Sie stehen</h2>",
            "<h2>Welche Gruppen sich auszahlen</h2>",
            "Stichtag 15.11.2026 · Zeitraum 17.08.2026 bis 15.11.2026",
            '<div class="v">6.200</div>',  # the period's closed business: €6,200 in English
            '<div class="v">0,84</div>',  # company diversity, 0.84 in English
            "<th>Kosten (EUR)</th>", "Enthält echte Namen"]),
    ("nl", ['<html lang="nl">', "<h1>Coachrapport over uw netwerk</h1>", "<h2>Waar u staat</h2>",
            "<h2>Welke groepen lonen</h2>", "Peildatum 15-11-2026 · periode 17-08-2026 tot 15-11-2026",
            '<div class="v">6.200</div>', '<div class="v">0,84</div>', "<th>Kosten (EUR)</th>",
            "Bevat echte namen"]),
])
def test_sample_html_report_in_german_and_dutch(sample, lang: str, expected: list[str]) -> None:
    html = sample_report(sample, lang, "html").decode("utf-8")
    for text in expected:
        assert text in html, text
    assert "Network coach report" not in html and "Where you stand" not in html


@pytest.mark.parametrize(("lang", "money_cell"), [
    ("de", r'<td class="fig">1\.165\xa0€</td>'),  # a group's cost: €1,165 in English
    ("nl", r'<td class="fig">€\xa01\.165</td>'),
])
def test_html_money_cells_place_the_sign_the_languages_way(sample, lang: str, money_cell: str) -> None:
    assert re.search(money_cell, sample_report(sample, lang, "html").decode("utf-8"))


@pytest.mark.parametrize(("lang", "sheets", "money", "day", "subtitle"), [
    ("de", ["Zusammenfassung", "Gruppen", "Wachstum", "Aktionen", "Kontakte", "Journal", "Hygiene"],
     '#,##0 "€"', "dd.mm.yyyy",
     "Für Sanne de Vries · Stichtag 15.11.2026, Zeitraum von 90 Tagen · Enthält echte Namen"),
    ("nl", ["Samenvatting", "Groepen", "Groei", "Acties", "Contacten", "Logboek", "Hygiëne"],
     '"€" #,##0', "dd-mm-yyyy",
     "Voor Sanne de Vries · peildatum 15-11-2026, periode van 90 dagen · Bevat echte namen"),
])
def test_sample_excel_report_in_german_and_dutch(sample, lang: str, sheets: list[str], money: str, day: str,
                                                 subtitle: str) -> None:
    book = load_workbook(io.BytesIO(sample_report(sample, lang, "xlsx")))
    assert book.sheetnames == sheets
    summary, groups, contacts = book[sheets[0]], book[sheets[1]], book[sheets[4]]
    assert summary["A2"].value == subtitle
    headers = [c.value for c in groups[1]]
    cost = groups.cell(2, headers.index("Kosten (EUR)") + 1)
    assert isinstance(cost.value, float) and cost.number_format == money
    assert contacts["G2"].is_date and contacts["G2"].number_format == day  # connected on


def test_cli_report_lang_de_writes_a_german_report(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    assert cli.main(["report", str(SAMPLE_ZIP), "--ledger", str(SAMPLE_LEDGER), "--as-of", SAMPLE_AS_OF,
                     "--lang", "de", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="de">' in html and "<h2>Was Sie als Nächstes tun</h2>" in html
    assert "Stichtag 15.11.2026" in html
    assert i18n.language() == "en", "the CLI's language ends with the command"


def test_cli_currency_names_the_workspace_currency(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    assert cli.main(["report", str(SAMPLE_ZIP), "--ledger", str(SAMPLE_LEDGER), "--as-of", SAMPLE_AS_OF,
                     "--lang", "de", "--currency", "chf", "--out", str(out)]) == 0
    headers = [c.value for c in load_workbook(out)["Gruppen"][1]]
    assert "Kosten (CHF)" in headers and "Abgeschlossene Geschäfte (CHF)" in headers


def test_cli_bad_currency_is_one_line_in_the_language(capsys) -> None:
    assert cli.main(["report", str(SAMPLE_ZIP), "--lang", "de", "--currency", "EURO", "--out", "x.html"]) == 2
    assert capsys.readouterr().err == ("error: --currency: kein ISO-4217-Währungscode: 'EURO' "
                                       "(z. B. EUR, CHF, USD)\n")


def test_summary_json_is_unchanged_by_lang(capsys) -> None:
    args = ["summary", str(SAMPLE_ZIP), "--ledger", str(SAMPLE_LEDGER), "--as-of", SAMPLE_AS_OF, "--json"]
    assert cli.main(args) == 0
    english = capsys.readouterr().out
    assert cli.main([*args, "--lang", "de"]) == 0
    assert capsys.readouterr().out == english
    assert '"diagnosis": "wide-deep"' in english  # codes stay codes


@pytest.mark.parametrize(("lang", "summary", "closed"), [
    ("en", "2 of your 4 contacts are two-way relationships (50.0%).", "€3,000 closed business (+€2,000)"),
    ("de", "Wechselseitige Beziehungen: 2 Ihrer 4 Kontakte (50,0\xa0%).",
     "3.000\xa0€ abgeschlossene Geschäfte (+2.000\xa0€)"),
    ("nl", "Wederzijdse relaties: 2 van uw 4 contacten (50,0%).", "€\xa03.000 gesloten omzet (+€\xa02.000)"),
    ("it", "Relazioni reciproche: 2 dei tuoi 4 contatti (50,0%).",
     "3.000\xa0€ di affari conclusi (+2.000\xa0€)"),
])
def test_takeaways_are_whole_sentences_in_the_language(lang: str, summary: str, closed: str) -> None:
    net = hostile_network()
    with i18n.use(lang):
        data = report_data(net, AS_OF, analysis=analyse(net, AS_OF))
    assert data.takeaways["summary"] == summary
    assert closed in data.takeaways["period"]
    assert data.language == lang


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("de", 1, "Schicken Sie der 1 Person auf Ihrer Liste „In Kontakt bleiben“"),
    ("de", 1200, "Schicken Sie den 1.200 Personen auf Ihrer Liste „In Kontakt bleiben“"),
    ("nl", 2, "Stuur de 2 personen op uw lijst ‘Contact houden’"),
    ("it", 1, "alla 1 persona della tua lista “Restare in contatto”"),
])
def test_next_steps_count_in_the_languages_plural(lang: str, n: int, expected: str) -> None:
    from analytics.report_data import STEPS

    with i18n.use(lang):
        assert expected in STEPS["Keep in touch"](n, "Ann")


@pytest.mark.parametrize(("lang", "code", "money", "date", "ratio", "header"), [
    ("en", "EUR", "€1,234", "2024-03-05", "2.50×", "Cost (EUR)"),
    ("de", "EUR", "1.234\xa0€", "05.03.2024", "2,50×", "Kosten (EUR)"),
    ("nl", "EUR", "€\xa01.234", "05-03-2024", "2,50×", "Kosten (EUR)"),
    ("it", "CHF", "1.234\xa0CHF", "05/03/2024", "2,50×", "Costo (CHF)"),
])
def test_cells_and_headers_in_the_language(lang: str, code: str, money: str, date: str, ratio: str,
                                           header: str) -> None:
    with i18n.use(lang, code):
        assert format_value(1234.4, "eur") == money
        assert format_value(pd.Timestamp("2024-03-05", tz="UTC"), "date") == date
        assert format_value(2.5, "ratio") == ratio
        assert heading("Cost (EUR)") == header


@pytest.mark.parametrize(("lang", "code", "expected"), [
    ("en", "EUR", '"€"#,##0'), ("de", "EUR", '#,##0 "€"'), ("nl", "GBP", '"£" #,##0'),
    ("it", "EUR", '#,##0 "€"'),
])
def test_excel_money_format_places_the_currency_sign(lang: str, code: str, expected: str) -> None:
    with i18n.use(lang, code):
        assert money_format() == expected


def test_an_anonymised_german_report_uses_german_stand_ins() -> None:
    with i18n.use("de"):
        data = report_data(hostile_network(), AS_OF, anonymize=True)
    names = data.tables["contacts"]["Name"]
    assert names.str.match(r"^Kontakt [0-9A-F]{6,}$").all(), names.tolist()
    assert data.privacy == "Namen anonymisiert"
    assert "Ann" not in " ".join(data.takeaways.values())


def test_renderers_write_in_the_reports_language_whatever_is_in_use() -> None:
    with i18n.use("it"):
        data = report_data(hostile_network(), AS_OF)
    html = report.render_html(data)  # rendered later, with English in use (a download button's callback)
    assert '<html lang="it">' in html and "<h2>Dove ti trovi</h2>" in html
    assert load_workbook(io.BytesIO(report.render_xlsx(data))).sheetnames[0] == "Riepilogo"
    assert report.presentation_sections(data)[0]["title"] == "Dove ti trovi"


def test_the_diagnosis_reconnect_step_is_dropped_in_any_language() -> None:
    from analytics.report_data import _next_steps

    diag = {"next_steps": ["Hören Sie vorerst auf, Kontakte zu sammeln.",
                           "Nehmen Sie wieder Kontakt zu Ihren 4 eingeschlafenen Beziehungen auf."],
            "english_steps": ["Stop adding connections for now.",
                              "Reconnect with your 4 dormant relationships."]}
    items = pd.DataFrame({"List": ["Kontakt wieder aufnehmen"], "Name": ["Rita"]})
    with i18n.use("de"):
        steps = _next_steps(diag, items, {})
    assert steps[-2:] == [
        "Nehmen Sie wieder Kontakt zu 1 früheren starken Verbindung auf, die seit 6 Monaten oder länger "
        "ruht, beginnend mit Rita: eine persönliche Nachricht, kein Verkaufsgespräch.",
        "Hören Sie vorerst auf, Kontakte zu sammeln."]
