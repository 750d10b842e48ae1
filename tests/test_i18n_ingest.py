"""The import in the user's language (issue 16): hostile files give their one-line reason in German, Dutch
and Italian with the language's numbers and dates; skip reasons are recorded translated (counted alike in
every language), and the import report shows them so."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import i18n
from analytics.errors import InputError
from analytics.ingest import import_table, load_files
from analytics.ingest.calendar import read_calendar
from analytics.ingest.import_report import IMPORT_COLUMNS, import_columns
from analytics.ingest.ledger_workbook import read_ledger
from analytics.ingest.mbox import read_mbox
from analytics.store import workspace_path
from tests.builders import xlsx
from tests.hostile import BY_NAME, contacts, import_in_app

ME = frozenset({"me@x.org"})


@pytest.mark.parametrize(("attack", "lang", "expected"), [
    ("xlsx_row_index_bomb", "de",
     "contacts.xlsx: Blatt 'Sheet' hat eine Zeile 2.000.000.000, mehr als die Grenze von 1.048.576 Zeilen"),
    ("xlsx_row_index_bomb", "nl",
     "contacts.xlsx: werkblad 'Sheet' heeft een rij 2.000.000.000, boven de limiet van 1.048.576 rijen"),
    ("xlsx_row_index_bomb", "it",
     "contacts.xlsx: il foglio 'Sheet' ha una riga 2.000.000.000, oltre il limite di 1.048.576 righe"),
    ("bni_merge_across_bomb", "de",
     "slips.xls: ss:MergeAcross=2.000.000.000 liegt über der Grenze von 1.024 Spalten"),
    ("bni_merge_across_bomb", "nl",
     "slips.xls: ss:MergeAcross=2.000.000.000 ligt boven de limiet van 1.024 kolommen"),
    ("bni_merge_across_bomb", "it",
     "slips.xls: ss:MergeAcross=2.000.000.000 supera il limite di 1.024 colonne"),
    ("zip_10000_tiny_connections", "de",
     "export.zip: das ZIP enthält 10.000 Exportdateien, mehr als die Grenze von 64"),
    ("zip_10000_tiny_connections", "nl",
     "export.zip: de zip bevat 10.000 exportbestanden, boven de limiet van 64"),
    ("zip_10000_tiny_connections", "it",
     "export.zip: lo zip contiene 10.000 file di esportazione, oltre il limite di 64"),
    ("bni_xxe", "de", "slips.xls: kein BNI-Connect-Bericht (EntitiesForbidden)"),
    ("mbox_not_a_mailbox", "it",
     "mail.mbox: non è una casella mbox (non inizia con una riga 'From ')"),
])
def test_a_hostile_file_is_refused_in_one_line_of_the_language(attack, lang, expected):
    with i18n.use(lang):
        got = import_in_app(BY_NAME[attack], BY_NAME[attack].build())
    assert got == {"error": expected}


@pytest.mark.parametrize(("attack", "lang", "reason"), [
    ("ledger_numbers", "de", "Wert ist keine Zahl bis 1.000.000.000.000"),
    ("ledger_numbers", "nl", "waarde geen getal tot 1.000.000.000.000"),
    ("ledger_numbers", "it", "valore non numerico o oltre 1.000.000.000.000"),
    ("bni_negative_tyfcb", "de", "TYFCB-Betrag '-500' ist keine Zahl ab 0"),
    ("csv_mid_file_bom_and_repeated_header", "nl", "herhaalde kopregel"),
    ("mbox_broken_headers", "de", "kein Absender (fehlerhafte Kopfzeilen)"),
    ("mbox_broken_headers", "it", "nessun mittente (intestazioni danneggiate)"),
])
def test_skip_reasons_are_recorded_in_the_language_and_counted_as_in_english(attack, lang, reason):
    data = BY_NAME[attack].build()
    english = import_in_app(BY_NAME[attack], data)
    with i18n.use(lang):
        got = import_in_app(BY_NAME[attack], data)
    assert reason in got["reasons"]
    assert got["rows"] == english["rows"]
    assert sorted(got["reasons"].values()) == sorted(english["reasons"].values())


@pytest.mark.parametrize(("lang", "why", "warning"), [
    ("de", "1 kein Name, keine E-Mail-Adresse und keine Profil-URL",
     "1 Datum „Verbunden am“ konnte nicht gelesen werden (leer gelassen)"),
    ("nl", "1 geen naam, e-mailadres of profiel-URL",
     "1 connectiedatum kon niet worden gelezen (leeg gelaten)"),
    ("it", "1 nessun nome, e-mail o URL del profilo",
     "1 data di collegamento non leggibile (lasciata vuota)"),
])
def test_the_import_report_shows_the_reasons_and_warnings_in_the_language(lang, why, warning):
    body = b"First Name,Last Name,Connected On\nAna,Lopez,someday\n,,1 Jan 2024\n"
    with i18n.use(lang):
        net = load_files([("Connections.csv", body)])
        table = import_table(net.files)
        why_skipped = import_columns()[IMPORT_COLUMNS.index("Why skipped")]
    assert table[why_skipped].tolist() == [why]
    assert net.files[0].warnings[0] == warning


def _mails(n: int, stranger: bool = False) -> bytes:
    to = "Bob <bob@z.org>" if stranger else "me@x.org"
    return "".join(f"From x Mon Jan  5 09:00:00 2026\nFrom: Ann <ann@y.org>\nTo: {to}\n"
                   f"Date: Mon, 5 Jan 2026 09:{i % 60:02d}:00 +0000\nMessage-ID: <{i}@y>\n\nhi\n\n"
                   for i in range(n)).encode()


@pytest.mark.parametrize(("lang", "read", "skipped"), [
    ("en", "headers of 1,234 messages (From, To", {"neither from you nor to you": 1}),
    ("de", "Kopfzeilen von 1.234 Nachrichten (From, To", {"weder von Ihnen noch an Sie": 1}),
    ("nl", "headers van 1.234 berichten (From, To", {"niet van u en niet aan u": 1}),
    ("it", "intestazioni di 1.234 messaggi (From, To", {"né da te né a te": 1}),
])
def test_a_mailbox_says_what_was_read_in_the_language_and_keeps_the_same_rows(lang, read, skipped):
    with i18n.use(lang):
        report = read_mbox("m.mbox", _mails(1233) + _mails(1, stranger=True), ME).report
    assert report.read.startswith(read)
    assert (report.rows, report.reasons) == (1233, skipped)


#: One meeting with Ann, one cancelled occurrence: 1 meeting of 2 occurrences read.
CALENDAR = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260105T090000Z\r\n"
            b"ORGANIZER:mailto:me@x.org\r\nATTENDEE:mailto:ann@y.org\r\nATTENDEE:mailto:me@x.org\r\n"
            b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260106T090000Z\r\nSTATUS:CANCELLED\r\n"
            b"ATTENDEE:mailto:ann@y.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.mark.parametrize(("lang", "read", "reason"), [
    ("de", "Datum und Gäste von 1 Besprechung (von 2 Einzelterminen bis 05.03.2026);", "abgesagt"),
    ("nl", "datums en gasten van 1 afspraak (van 2 afzonderlijke afspraken tot 05-03-2026);", "geannuleerd"),
    ("it", "date e invitati di 1 riunione (su 2 occorrenze di eventi fino al 05/03/2026);", "annullato"),
])
def test_a_calendar_says_what_was_read_with_the_language_s_date(lang, read, reason):
    with i18n.use(lang):
        report = read_calendar("c.ics", CALENDAR, ME, pd.Timestamp("2026-03-05", tz="UTC")).report
    assert report.read.startswith(read)
    assert report.reasons == {reason: 1}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "workspace name: use letters, digits, spaces, dots, dashes or underscores"),
    ("de", "Name des Arbeitsbereichs: verwenden Sie Buchstaben, Ziffern, Leerzeichen, Punkte, Bindestriche "
           "oder Unterstriche"),
    ("nl", "naam van de werkruimte: gebruik letters, cijfers, spaties, punten, streepjes of liggende "
           "streepjes"),
    ("it", "nome dell'area di lavoro: usa lettere, cifre, spazi, punti, trattini o trattini bassi"),
])
def test_a_bad_workspace_name_is_refused_in_the_language(lang, expected):
    with i18n.use(lang), pytest.raises(InputError) as err:
        workspace_path("../etc")
    assert str(err.value) == expected


@pytest.mark.parametrize(("sheets", "groups", "activities", "members"), [
    ({"Gruppen": [["Name", "Typ", "Jahreskosten (€)", "Stunden pro Monat", "Beigetreten am"],
                  ["BNI Nord", "Empfehlungsgruppe (z. B. BNI)", 1200, 8, "15.01.2025"]],
      "Mitglieder": [["Gruppe", "Kontakt"], ["BNI Nord", "Ann Lee"]],
      "Aktivitäten": [["Datum", "Kontakt", "Gruppe", "Art", "Richtung", "Wert", "Notiz"],
                      ["03.02.2025", "Ann Lee", "BNI Nord", "Abgeschlossenes Geschäft", "erhalten", 1500, ""],
                      ["04.02.2025", "Bob Roe", "", "Einzelgespräch (1:1)", "gegeben", 0, ""]]},
     [("BNI Nord", "referral_group", 1200.0, 8.0)], [("closed_business", "in"), ("one_to_one", "out")], 1),
    ({"Groepen": [["Naam", "Type", "Jaarlijkse kosten", "Uren per maand", "Lid sinds"],
                  ["KvK Utrecht", "Kamer van Koophandel", 300, 2, "15-01-2025"]],
      "Activiteiten": [["Datum", "Contact", "Groep", "Soort", "Richting", "Waarde"],
                       ["03-02-2025", "Ann Lee", "KvK Utrecht", "Doorverwijzing", "gegeven", 0]]},
     [("KvK Utrecht", "chamber", 300.0, 2.0)], [("referral", "out")], 0),
    ({"Gruppi": [["Nome", "Tipo", "Costo annuo", "Ore al mese", "Iscritto il"],
                 ["Aperitivo", "Rete informale", 0, 1, "15/01/2025"]],
      "Membri": [["Gruppo", "Contatto"], ["Aperitivo", "Bob Roe"]],
      "Registro": [["Data", "Contatto", "Gruppo", "Tipo", "Direzione", "Valore", "Nota"],
                   ["03/02/2025", "Bob Roe", "Aperitivo", "Presentazione", "ricevuto", 0, ""]]},
     [("Aperitivo", "informal", 0.0, 1.0)], [("introduction", "in")], 1),
])
def test_a_ledger_kept_in_german_dutch_or_italian_is_read_like_an_english_one(sheets, groups, activities,
                                                                              members):
    got = read_ledger([("journal.xlsx", xlsx(sheets))], contacts())
    assert got.problems == [] and all(not f.warnings for f in got.files)
    read = got.groups[["name", "type", "annual_cost", "hours_per_month"]]
    assert list(read.itertuples(index=False, name=None)) == groups
    assert list(got.ledger[["kind", "direction"]].itertuples(index=False, name=None)) == activities
    assert len(got.members) == members
