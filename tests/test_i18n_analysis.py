"""The analysis writes its sentences in the user's language: a tiny network analysed in German, Dutch and
Italian gives the diagnosis, a group verdict with money, a strength reason, a hygiene warning and an
action's "why now" in that language, placeholders filled and numbers, money and dates written its way;
English stays as it was, and stored plan keys stay ISO in every language."""

import pandas as pd
import pytest

from analytics import actions, analysis, depth, groups, hygiene, i18n, identity, role_changes, wording
from analytics.frames import date_text
from analytics.model import CONTACT_COLUMNS, GROUP_COLUMNS, INTERACTION_COLUMNS, LEDGER_COLUMNS, Network
from tests.builders import frame

AS_OF = pd.Timestamp("2026-06-01", tz="UTC")
NBSP = "\xa0"


def network() -> Network:
    """Ann: a two-way thread in February and 3,000 closed business via BNI Ost (1,800 a year, unknown join
    date: 12 months of the fee); Bob: a pitch two days after connecting; Cid: never engaged."""
    return Network(
        contacts=frame(CONTACT_COLUMNS, [
            ("ann", "Ann", "Lee", "Ann Lee", "", "", "Acme", "Owner", "2024-01-01"),
            ("bob", "Bob", "Stone", "Bob Stone", "", "", "Stone BV", "CFO", "2026-05-01"),
            ("cid", "Cid", "Moe", "Cid Moe", "", "", "Moe AG", "Sales", "2025-01-01")], ("connected_on",)),
        interactions=frame(INTERACTION_COLUMNS, [
            ("ann", "2026-02-10", "message", "out", "Hi Ann", "c1"),
            ("ann", "2026-02-11", "message", "in", "Hi!", "c1"),
            ("bob", "2026-05-03", "message", "out", "Our services: a free consultation", "c2")], ("date",)),
        groups=frame(GROUP_COLUMNS, [("g:bni", "BNI Ost", "referral_group", 1800.0, 0.0, None)],
                     ("joined_on",)),
        ledger=frame(LEDGER_COLUMNS, [("e1", "2026-05-20", "ann", "g:bni", "closed_business", "in", 3000.0,
                                       "")], ("date",)),
        settings={"hourly_rate": 50.0})


@pytest.fixture(scope="module")
def analysed() -> dict[str, analysis.Analysis]:
    net = network()
    out = {}
    for lang in ("en", "de", "nl", "it"):
        with i18n.use(lang):
            out[lang] = analysis.analyse(net, AS_OF)
    return out


# (language, diagnosis start, first next step, group verdict, Ann's reason, Bob's pitch, Ann's call why)
EXPECTED = [
    ("en", "You have 3 connections across 3 companies (diversity 1.00), 0 strong relationships (tiers Inner "
           "circle and Close) and 1 active one (tiers Inner circle, Close and Active). Narrow and shallow:",
     "Deepen before you widen: send three contacts something useful to them this week.",
     "BNI Ost pays off: €3,000 closed business on €1,800 cost, time included (1.67×).",
     "last two-way exchange 3 months ago · 2 messages",
     "Sales language 2 days after connecting (on 2026-05-01): build the relationship before you pitch.",
     "You closed business together 1 time, most recently on 2026-05-20 (total value €3,000)."),
    ("de", "Sie haben 3 Kontakte in 3 Unternehmen (Vielfalt 1,00), 0 starke Beziehungen (Stufen Engster "
           "Kreis und Enger Kreis) und 1 aktive Beziehung (Stufen Engster Kreis, Enger Kreis und Aktiv). "
           "Schmal und oberflächlich:",
     "Erst vertiefen, dann verbreitern: Schicken Sie diese Woche drei Kontakten etwas, das ihnen nützt.",
     f"BNI Ost zahlt sich aus: 3.000{NBSP}€ abgeschlossene Geschäfte bei 1.800{NBSP}€ Kosten, Zeit "
     "eingerechnet (1,67×).",
     "letzter wechselseitiger Austausch vor 3 Monaten · 2 Nachrichten",
     "Verkaufssprache 2 Tage nach der Vernetzung (am 01.05.2026): Bauen Sie erst die Beziehung auf, bevor "
     "Sie verkaufen.",
     f"Sie haben 1 Mal zusammen ein Geschäft abgeschlossen, zuletzt am 20.05.2026 (Gesamtwert "
     f"3.000{NBSP}€)."),
    ("nl", "U hebt 3 connecties bij 3 bedrijven (diversiteit 1,00), 0 sterke relaties (niveaus Binnenste "
           "kring en Naaste kring) en 1 actieve relatie (niveaus Binnenste kring, Naaste kring en Actief). "
           "Smal en oppervlakkig:",
     "Eerst verdiepen, dan verbreden: stuur deze week drie contacten iets waar zij iets aan hebben.",
     f"BNI Ost loont: €{NBSP}3.000 gesloten omzet op €{NBSP}1.800 kosten, tijd inbegrepen (1,67×).",
     "laatste wederzijdse contact 3 maanden geleden · 2 berichten",
     "Verkooptaal 2 dagen na het connecten (op 01-05-2026): bouw eerst de relatie op voordat u gaat pitchen.",
     f"U hebt 1 keer samen zaken gedaan, het laatst op 20-05-2026 (totale waarde €{NBSP}3.000)."),
    ("it", "Hai 3 collegamenti in 3 aziende (diversità 1,00), 0 relazioni forti (livelli Cerchia ristretta e "
           "Cerchia stretta) e 1 relazione attiva (livelli Cerchia ristretta, Cerchia stretta e Attivo). "
           "Ristretta e superficiale:",
     "Approfondisci prima di allargare: questa settimana manda a tre contatti qualcosa di utile per loro.",
     f"BNI Ost rende: 3.000{NBSP}€ di affari conclusi a fronte di 1.800{NBSP}€ di costi, tempo incluso "
     "(1,67×).",
     "ultimo scambio reciproco 3 mesi fa · 2 messaggi",
     "Linguaggio di vendita 2 giorni dopo il collegamento (il 01/05/2026): costruisci la relazione prima di "
     "vendere.",
     f"Avete concluso affari insieme 1 volta, l'ultima il 20/05/2026 (valore totale 3.000{NBSP}€)."),
]


@pytest.mark.parametrize(("lang", "diagnosis", "step", "verdict", "reason", "pitch", "why"), EXPECTED)
def test_the_analysis_speaks_the_language(analysed, lang, diagnosis, step, verdict, reason, pitch, why):
    a = analysed[lang]
    assert a.diagnosis["quadrant"] == "narrow-shallow"  # the codes stay codes
    assert a.diagnosis["explanation"].startswith(diagnosis)
    assert a.diagnosis["next_steps"][0] == step
    assert a.groups.loc[0, "verdict"] == "pays_off" and a.groups.loc[0, "verdict_text"] == verdict
    assert a.group_takeaways[0] == verdict
    assert a.scores.loc["ann", "reason"] == reason and a.scores.loc["ann", "tier"] == "Active"
    assert a.pitches["why"].tolist() == [pitch]
    assert a.clients.loc[0, "why"] == why


@pytest.mark.parametrize(("lang", "action", "warmest"), [
    ("de", "Bitten Sie in diesem Gespräch nicht um eine Empfehlung.", "(Ann Lee, Bob Stone)."),
    ("nl", "Vraag in dit gesprek niet om een doorverwijzing.", "(Ann Lee, Bob Stone)."),
    ("it", "In questa telefonata non chiedere referenze.", "(Ann Lee, Bob Stone)."),
])
def test_actions_and_steps_carry_their_placeholders(analysed, lang, action, warmest):
    a = analysed[lang]
    assert a.clients.loc[0, "action"].endswith(action)
    assert a.diagnosis["next_steps"][1].endswith(warmest)
    texts = [*a.diagnosis["next_steps"], *a.scores["reason"], *a.group_takeaways]
    assert texts and not any("{" in text for text in texts)


@pytest.mark.parametrize(("lang", "months", "expected"), [
    ("en", 4.2, "G is early, not failing: joined 4 months ago; judge it from 2026-10-01."),
    ("en", 1.0, "G is early, not failing: joined 1 month ago; judge it from 2026-10-01."),
    ("de", 4.2, "G: noch zu früh, kein Fehlschlag – vor 4 Monaten beigetreten; beurteilen Sie die Gruppe ab "
                "dem 01.10.2026."),
    ("de", 1.0, "G: noch zu früh, kein Fehlschlag – vor 1 Monat beigetreten; beurteilen Sie die Gruppe ab "
                "dem 01.10.2026."),
    ("it", 4.2, "G: ancora presto, non un fallimento – iscritto da 4 mesi; valutalo dal 01/10/2026."),
])
def test_early_verdict_counts_months_and_writes_the_day(lang, months, expected):
    m = pd.DataFrame({"name": ["G"], "closed_value": [0.0], "cost": [100.0], "months": [months],
                      "joined_on": [pd.Timestamp("2026-01-01", tz="UTC")], "referrals_received": [0],
                      "introductions_received": [0], "one_to_ones": [0]})
    with i18n.use(lang):
        assert groups.verdict(m).loc[0, "verdict_text"] == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1 of 2 contacts in this mailing list have not said yes to your mail (1 said no, 0 unknown): "
           "remove them or ask first."),
    ("de", "1 von 2 Kontakten in dieser Mailingliste haben Ihrer Post nicht zugestimmt (1 haben Nein gesagt, "
           "0 unbekannt): Entfernen Sie sie oder fragen Sie vorher."),
    ("nl", "1 van 2 contacten in deze mailinglijst hebben geen ja gezegd tegen uw mail (1 zeiden nee, 0 "
           "onbekend): verwijder ze of vraag het eerst."),
])
def test_mailing_list_warning(lang, expected):
    ann = pd.DataFrame({"contact_id": ["a", "b"], "consent": ["yes", "no"],
                        "consent_date": pd.to_datetime([None, "2026-03-05"], utc=True)})
    people = pd.DataFrame({"contact_id": ["a", "b"], "name": ["A", "B"]})
    with i18n.use(lang):
        assert hygiene.mailing_list_warning(people, ann) == expected
        evidence = hygiene.consent_issues(people, ann).loc[0, "evidence"]
    assert evidence.endswith({"en": "no (recorded 2026-03-05)", "de": "nein (erfasst am 05.03.2026)",
                              "nl": "nee (vastgelegd op 05-03-2026)"}[lang])


@pytest.mark.parametrize(("lang", "days", "expected"), [
    ("en", 1, "1 day"), ("en", 1234 * 365.25, "1,234 years"), ("de", 20, "3 Wochen"),
    ("de", 1234 * 365.25, "1.234 Jahre"), ("nl", 75, "2 maanden"), ("it", 1, "1 giorno"),
])
def test_duration_in_the_language(lang, days, expected):
    with i18n.use(lang):
        assert wording.duration(days) == expected


@pytest.mark.parametrize(("lang", "code", "label", "header", "tier"), [
    ("en", "referral_group", "Referral group / BNI", "Why now", "Inner circle"),
    ("de", "referral_group", "Empfehlungsgruppe (z. B. BNI)", "Warum jetzt", "Engster Kreis"),
    ("nl", "chamber", "Kamer van Koophandel", "Waarom nu", "Binnenste kring"),
    ("it", "closed_business", "Affare concluso", "Perché ora", "Cerchia ristretta"),
])
def test_labels_headers_and_tiers(lang, code, label, header, tier):
    with i18n.use(lang):
        shown = wording.label(code), wording.header("why"), i18n._(depth.TIER_ORDER[0])
    assert shown == (label, header, tier)


def test_plan_keys_stay_iso_while_the_text_is_german():
    net = network()
    status = pd.DataFrame({"contact_id": ["ann"], "card_sent_on": [pd.Timestamp("2026-05-01", tz="UTC")]})
    net.role_changes = pd.DataFrame({"contact_id": ["bob"], "company": ["Beta"], "position": ["CEO"],
                                     "old_company": ["Stone BV"], "old_position": ["CFO"],
                                     "seen_on": [pd.Timestamp("2026-05-20", tz="UTC")]})
    with i18n.use("de"):
        calls = actions.follow_ups(net, status, pd.DataFrame(), AS_OF)
        congratulate = role_changes.congratulate(net, AS_OF)
        assert date_text(pd.Series([AS_OF])).tolist() == ["01.06.2026"]
    assert calls.loc[0, "item_key"] == "follow_up:ann:2026-05-01"
    assert calls.loc[0, "why"] == ("Sie haben am 01.05.2026 eine Karte geschickt; der Anruf ist am "
                                   "15.05.2026 fällig (ehemaliger Kunde).")
    assert congratulate.loc[0, "item_key"] == "congratulate:bob:2026-05-20"
    assert congratulate.loc[0, "why"] == ("Neue Position bei Beta (CEO) seit Ihrem letzten Export, gesehen "
                                          "am 20.05.2026; vorher: CFO bei Stone BV.")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Bob is a short form of Robert, same last name"),
    ("de", "Bob ist eine Kurzform von Robert, gleicher Nachname"),
    ("nl", "Bob is een korte vorm van Robert, zelfde achternaam"),
])
def test_duplicate_reason_in_the_language(lang, expected):
    people = pd.DataFrame({"contact_id": ["in:rob", "name:bob smith"], "name": ["Robert Smith", "Bob Smith"],
                           "email": ["", ""], "company": ["Acme", ""]})
    with i18n.use(lang):
        assert identity.proposals(people)["reason"].tolist() == [expected]
