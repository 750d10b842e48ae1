"""The invest-and-act side in German, Dutch and Italian: evidence, errors, charts, exports and the
calendar speak the language in use, with its numbers, dates and month names; English stays as it was."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import (
    action_plan,
    attribution,
    charts_actions,
    charts_groups,
    exports,
    i18n,
    ics,
    ledger_edits,
    ledger_view,
)
from analytics.errors import InputError
from analytics.model import GROUP_COLUMNS, PLAN_STATUS_COLUMNS, empty_frame
from tests.builders import utc
from tests.test_groups import contact, group, network

AS_OF = utc("2026-11-15")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "connected 2025-03-12, 2 days from the event on 2025-03-10"),
    ("de", "vernetzt am 12.03.2025, 2 Tage von der Veranstaltung am 10.03.2025 entfernt"),
    ("nl", "verbonden op 12-03-2025, 2 dagen van het evenement op 10-03-2025"),
    ("it", "collegato il 12/03/2025, a 2 giorni dall'evento del 10/03/2025"),
])
def test_near_event_evidence_in_the_language(lang: str, expected: str) -> None:
    net = network([group("g:bni", gtype="referral_group")], [],
                  contacts=[contact("near", connected="2025-03-12"), contact("acme", company="Acme")])
    with i18n.use(lang):
        got = attribution.suggest_attribution(net, "g:bni", event_dates=[utc("2025-03-10")], days=3,
                                              companies=["acme"], keywords=[]).set_index("contact_id")
    assert got.loc["near", "evidence"] == expected
    assert got.loc["near", "rule"] == "connected near event"  # the stored rule stays a code
    assert got.loc["acme", "evidence"] == {"en": "works at Acme", "de": "arbeitet bei Acme",
                                           "nl": "werkt bij Acme", "it": "lavora presso Acme"}[lang]


@pytest.mark.parametrize(("lang", "typed", "expected"), [
    ("en", "Euro", "currency: 'Euro' is not a currency code; use three letters such as EUR, USD, GBP or CHF"),
    ("de", "Euro", "Währung: 'Euro' ist kein Währungscode; verwenden Sie drei Buchstaben wie EUR, USD, GBP "
                   "oder CHF"),
    ("nl", "XX", "valuta: 'XX' is geen valutacode; gebruik drie letters zoals EUR, USD, GBP of CHF"),
])
def test_a_bad_currency_gets_one_line_in_the_language(lang: str, typed: str, expected: str) -> None:
    with i18n.use(lang), pytest.raises(InputError) as err:
        ledger_edits.currency_code(typed)
    assert str(err.value) == expected


@pytest.mark.parametrize(("typed", "code"), [("chf", "CHF"), (" usd ", "USD"), ("EUR", "EUR")])
def test_a_currency_code_is_read_upper_case(typed: str, code: str) -> None:
    assert ledger_edits.currency_code(typed) == code


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "group 'X': annual cost must be a number of 0 or more"),
    ("de", "Gruppe 'X': die Jahreskosten müssen eine Zahl ab 0 sein"),
    ("it", "gruppo 'X': il costo annuo deve essere un numero pari o superiore a 0"),
])
def test_group_errors_in_the_language(lang: str, expected: str) -> None:
    with i18n.use(lang), pytest.raises(InputError) as err:
        ledger_edits.new_group(empty_frame(GROUP_COLUMNS), "X", "chamber", -5, 0, "")
    assert str(err.value) == expected


def test_a_future_done_date_is_named_in_the_language() -> None:
    shown = action_plan.with_status(pd.DataFrame({"item_key": ["x:a"], "contact_id": ["a"]}),
                                    pd.DataFrame(columns=PLAN_STATUS_COLUMNS), "x")
    with i18n.use("de"), pytest.raises(InputError) as err:
        action_plan.status_edits(shown, {0: {"done_on": "2026-12-24"}}, AS_OF)
    assert str(err.value) == ("Erledigt-Datum: 24.12.2026 liegt in der Zukunft; verwenden Sie ein Datum bis "
                              "heute")


@pytest.mark.parametrize(("lang", "metric", "period", "expected"), [
    ("en", "referrals_given", "month", "referrals given per month"),
    ("de", "one_to_ones", "week", "Einzelgespräche pro Woche"),
    ("nl", "referrals_given", "month", "gegeven doorverwijzingen per maand"),
    ("it", "events", "week", "eventi a settimana"),
])
def test_goal_titles(lang: str, metric: str, period: str, expected: str) -> None:
    with i18n.use(lang):
        assert charts_actions.goal_title(metric, period) == expected


def goal_progress(period: str) -> pd.DataFrame:
    return pd.DataFrame({"metric": ["meetings"] * 2, "period": [period] * 2,
                         "period_start": pd.to_datetime(["2026-10-05", "2026-11-02"], utc=True),
                         "actual": [1200, 3], "target": [2.5, 2.5], "met": [True, True]})


@pytest.mark.parametrize(("lang", "period", "ticks", "target", "separators"), [
    ("en", "month", ["Oct 2026", "Nov 2026"], "target 2.5", ".,"),
    ("en", "week", ["05 Oct", "02 Nov"], "target 2.5", ".,"),
    ("de", "month", ["Okt. 2026", "Nov. 2026"], "Ziel 2,5", ",."),
    ("de", "week", ["5. Okt.", "2. Nov."], "Ziel 2,5", ",."),
    ("it", "month", ["ott 2026", "nov 2026"], "obiettivo 2,5", ",."),
])
def test_goal_chart_names_periods_and_targets_in_the_language(lang: str, period: str, ticks: list[str],
                                                               target: str, separators: str) -> None:
    with i18n.use(lang):
        fig = charts_actions.goal_chart(goal_progress(period))
    assert list(fig.data[0].x) == ticks
    assert fig.layout.annotations[-1].text == target
    assert fig.layout.separators == separators


def payback_curve(months: int) -> pd.DataFrame:
    ends = pd.date_range("2025-01-31", periods=months, freq="ME", tz="UTC")
    return pd.DataFrame({"month": range(1, months + 1), "month_end": ends,
                         "cumulative_cost": [100.0 * m for m in range(1, months + 1)],
                         "cumulative_return": [0.0] * (months - 1) + [5000.0],
                         "paid_back": [False] * (months - 1) + [True]})


def test_payback_chart_in_german_months_and_words() -> None:
    with i18n.use("de"):
        fig = charts_groups.payback(payback_curve(12), 12, "BNI Oost")
    assert fig.layout.title.text == "Amortisation: BNI Oost"
    assert fig.layout.xaxis.ticktext[:2] == ("Jan. 2025", "März 2025")  # 12 months: every second one
    assert [t.name for t in fig.data] == ["kumulierte Kosten", "kumulierter Ertrag", "amortisiert"]
    assert fig.layout.annotations[0].text == "amortisiert im Monat 12"
    assert fig.layout.yaxis.title.text == "Betrag (€)"
    assert fig.layout.separators == ",."


def test_payback_chart_in_english_keeps_plotly_dates() -> None:
    fig = charts_groups.payback(payback_curve(3), None, "A")
    assert fig.layout.xaxis.ticktext is None and fig.layout.title.text == "Payback: A"


def test_bubble_legend_and_axes_in_dutch() -> None:
    scores = pd.DataFrame({"group_id": ["g:a", "g:b"], "name": ["A", "B"], "cost": [100.0, 900.0],
                           "closed_value": [300.0, 0.0], "contacts": [4, 2], "light": ["green", "red"],
                           "score": [70.0, 10.0]})
    with i18n.use("nl"):
        fig = charts_groups.cost_return_bubbles(scores)
    assert [t.name for t in fig.data] == ["break-evenpunt", "loont", "loont niet"]
    assert fig.layout.yaxis.title.text == "ontvangen gesloten omzet"
    assert "gesloten omzet %{y:,.0f}" in fig.data[1].hovertemplate


CALLS = pd.DataFrame({"list": ["Anrufen"], "name": ["Ann"], "due_on": [utc("2026-03-05")], "why": ["x"]})


@pytest.mark.parametrize(("lang", "day", "sheet"), [
    ("en", "2026-03-05", "Call list"), ("de", "05.03.2026", "Anrufliste"), ("nl", "05-03-2026", "Bellijst"),
    ("it", "05/03/2026", "Lista delle chiamate"),
])
def test_call_list_files_write_dates_and_the_sheet_in_the_language(lang: str, day: str, sheet: str) -> None:
    with i18n.use(lang):
        csv = exports.call_list_csv(CALLS).decode("utf-8-sig")
        book = load_workbook(io.BytesIO(exports.call_list_xlsx(CALLS)))
    assert csv.splitlines()[1].split(",")[2] == day
    assert book.sheetnames == [sheet]
    assert book.active["C2"].value == day


def test_ledger_template_instructions_in_german_data_sheets_as_the_import_reads_them() -> None:
    with i18n.use("de"):
        book = load_workbook(io.BytesIO(exports.template_workbook()))
    assert book.sheetnames == ["Anleitung", "Groups", "Members", "Activities"]
    assert book["Anleitung"]["A1"].value == "So führen Sie Ihr Networking-Journal"
    assert "Chamber of commerce (IHK/Handelskammer)" in book["Anleitung"]["A2"].value


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "SUMMARY:Call Ann Lee"), ("de", "SUMMARY:Ann Lee anrufen"), ("it", "SUMMARY:Chiama Ann Lee")])
def test_calendar_titles_in_the_language(lang: str, summary: str) -> None:
    rows = pd.DataFrame({"item_key": ["follow_up:a"], "name": ["Ann Lee"], "action": ["Ask"], "why": ["card"],
                         "due_on": [utc("2026-11-20")]})
    with i18n.use(lang):
        text = ics.follow_ups_ics(rows, AS_OF)
    assert summary in text.splitlines()


def test_call_list_names_the_plan_step_in_the_language() -> None:
    people = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"], "company": ["Acme"], "position": [""]})
    item = pd.DataFrame({"item_key": ["call_client:a"], "contact_id": ["a"], "name": ["Ann"],
                         "action": ["Call"], "why": ["client"], "suggested": [False]})
    empty = item.iloc[:0]
    with i18n.use("nl"):
        calls = action_plan.call_list({"call_client": item, "call_referrer": empty, "follow_up": empty},
                                      pd.DataFrame(columns=PLAN_STATUS_COLUMNS), people)
    assert calls["list"].tolist() == ["Bel uw klanten"]


@pytest.mark.parametrize(("lang", "kind"), [("en", "Closed business"), ("de", "Abgeschlossenes Geschäft"),
                                            ("nl", "Gesloten omzet"), ("it", "Affare concluso")])
def test_ledger_kinds_in_words(lang: str, kind: str) -> None:
    with i18n.use(lang):
        assert ledger_view.kind_words()["closed_business"] == kind


@pytest.mark.parametrize(("lang", "fmt"), [("en", "YYYY-MM-DD"), ("de", "DD.MM.YYYY"), ("nl", "DD-MM-YYYY"),
                                           ("it", "DD/MM/YYYY")])
def test_editor_date_formats(lang: str, fmt: str) -> None:
    with i18n.use(lang):
        assert ledger_edits.editor_date_format() == fmt
