"""Networking hygiene checks on tiny hand-built networks: pitches, consent, asking early, taking only."""

import pandas as pd
import pytest

from analytics.exchanges import per_contact
from analytics.hygiene import (
    assuming_closeness,
    consent_issues,
    early_pitches,
    mailing_list_warning,
    taking_without_giving,
)
from analytics.model import ANNOTATION_COLUMNS, CONTACT_COLUMNS, INTERACTION_COLUMNS, LEDGER_COLUMNS, Network

AS_OF = pd.Timestamp("2026-06-30", tz="UTC")
CONNECTED = AS_OF - pd.Timedelta(days=20)


def at(days_after_connecting: float) -> pd.Timestamp:
    return CONNECTED + pd.Timedelta(days=days_after_connecting)


def network(contacts: dict[str, pd.Timestamp], messages: list[tuple] = (), ledger: list[tuple] = (),
            other: list[tuple] = ()) -> Network:
    """contacts: id -> connected_on; messages: (contact, date, direction, text);
    ledger: (contact, date, kind, direction); other: (contact, date, channel, direction)."""
    net = Network()
    connected = pd.Series(list(contacts.values()), dtype="datetime64[ns, UTC]")
    net.contacts = pd.DataFrame({"contact_id": list(contacts), "name": [c.title() for c in contacts],
                                 "connected_on": connected}, columns=CONTACT_COLUMNS).fillna("")
    rows = [(c, d, "message", dr, t) for c, d, dr, t in messages] + [(*r, "") for r in other]
    net.interactions = pd.DataFrame(rows, columns=INTERACTION_COLUMNS[:5]).assign(conversation_id="")
    net.interactions["date"] = pd.to_datetime(net.interactions["date"], utc=True)
    net.ledger = pd.DataFrame(ledger, columns=["contact_id", "date", "kind", "direction"]).reindex(
        columns=LEDGER_COLUMNS)
    net.ledger["date"] = pd.to_datetime(net.ledger["date"], utc=True)
    return net


PITCHES = [
    "Thanks for connecting! Can I send you a quote for our services?",
    "Great to connect. We have a special offer this month: 20% discount.",
    "Would you like to book a demo of our platform?",
    "Danke für die Vernetzung! Darf ich Ihnen ein unverbindliches Angebot schicken?",
    "Diesen Monat gibt es 15% Rabatt auf alle Pakete.",
    "Bedankt voor het connecten! Zal ik je een vrijblijvende offerte sturen?",
    "Deze maand 10% korting op onze diensten.",
    "Grazie per il collegamento! Posso inviarti un preventivo?",
    "Questo mese abbiamo un'offerta con uno sconto del 20%.",
    "Merci pour la connexion ! Puis-je vous envoyer un devis ?",
    "Nous avons une offre spéciale avec une remise de 10 %.",
    "Have a look at our\xa0services page.",  # no-break space between the words
]
NOT_PITCHES = [
    "Nice to meet you!",
    "Schön Sie kennenzulernen!",
    "Leuk je te ontmoeten!",
    "Piacere di conoscerti!",
    "Ravi de vous rencontrer !",
    "I quoted your talk in my blog, hope that is fine.",  # "quoted" is not "quote"
    "Congratulations on the new role at Acme Offerings.",
    "Le caféoffre était excellent.",  # no word boundary before "offre" (é is a letter)
]


@pytest.mark.parametrize("text, counted", [(t, True) for t in PITCHES] + [(t, False) for t in NOT_PITCHES])
def test_early_pitch_phrases_in_five_languages(text, counted):
    net = network({"ann": CONNECTED}, messages=[("ann", at(2), "out", text)])
    assert (len(early_pitches(net, AS_OF)) == 1) is counted


@pytest.mark.parametrize("when, direction, counted", [
    (at(0), "out", True),      # the day of connecting
    (at(7), "out", True),      # last day of the window
    (at(8), "out", False),     # outside the window
    (at(-1), "out", False),    # before connecting
    (at(2), "in", False),      # they pitched you: not your hygiene
    (AS_OF + pd.Timedelta(days=1), "out", False),  # after as_of
])
def test_early_pitch_window_and_direction(when, direction, counted):
    who = "ann" if when <= AS_OF else "late"
    net = network({"ann": CONNECTED, "late": AS_OF - pd.Timedelta(days=3)},
                  messages=[(who, when, direction, "Here is our special offer")])
    assert (len(early_pitches(net, AS_OF)) == 1) is counted


def test_early_pitch_row_has_snippet_date_and_check():
    text = "Hello " * 40 + "can I send you a quote for the website? " + "Best regards " * 20
    net = network({"ann": CONNECTED, "bob": CONNECTED},
                  messages=[("ann", at(1), "out", text), ("bob", at(3), "out", "Nice to meet you, Bob")])
    found = early_pitches(net, AS_OF)
    assert found[["contact_id", "name", "date", "check"]].values.tolist() == [
        ["ann", "Ann", at(1), "early_pitch"]]
    evidence = found.loc[0, "evidence"]
    assert "quote" in evidence and evidence.startswith("… ") and evidence.endswith(" …")
    assert len(evidence) <= 130
    assert "1 day after connecting" in found.loc[0, "why"]


ASKS = ["Could you introduce me to your CFO?", "Do you know anyone who needs a bookkeeper?",
        "Kannst du mich empfehlen?", "Ken jij iemand die een website nodig heeft?",
        "Conosci qualcuno che cerca un commercialista?", "Connais-tu quelqu’un qui cherche un avocat ?"]


@pytest.mark.parametrize("text", ASKS)
def test_ask_phrases_to_a_weak_tie_are_flagged(text):
    net = network({"weak": AS_OF - pd.Timedelta(days=400)}, messages=[("weak", AS_OF, "out", text)])
    found = assuming_closeness(net, pd.DataFrame({"contact_id": ["weak"], "tier": ["Acquaintance"]}), AS_OF,
                               per_contact(net, AS_OF))
    assert found["check"].tolist() == ["ask_weak_tie"]


@pytest.mark.parametrize("tier, connected_days, text, flagged", [
    ("Network", 400, "Could you introduce me to Sam?", True),     # not an active tie
    ("Dormant", 400, "Could you introduce me to Sam?", True),     # a tie gone quiet is not active
    ("Active", 400, "Could you introduce me to Sam?", False),     # an active, long-standing tie
    ("Inner circle", 10, "Could you introduce me to Sam?", True),  # close by score but brand new
    ("Network", 400, "Do you know the new café downtown?", False),  # not an ask
])
def test_asking_depends_on_tier_and_age_of_the_tie(tier, connected_days, text, flagged):
    net = network({"sam": AS_OF - pd.Timedelta(days=connected_days)}, messages=[("sam", AS_OF, "out", text)])
    found = assuming_closeness(net, pd.DataFrame({"contact_id": ["sam"], "tier": [tier]}), AS_OF,
                               per_contact(net, AS_OF))
    assert (len(found) == 1) is flagged


def test_withdrawal_before_deposit():
    day = {n: AS_OF - pd.Timedelta(days=n) for n in (200, 100, 50)}
    net = network(
        {"taker": CONNECTED, "fair": CONNECTED, "never": CONNECTED},
        ledger=[("taker", day[100], "referral", "in"), ("fair", day[200], "referral", "out"),
                ("fair", day[100], "referral", "in"), ("never", day[50], "closed_business", "in")],
        other=[("taker", day[50], "endorsement", "out")])
    found = assuming_closeness(net, pd.DataFrame(columns=["contact_id", "tier"]), AS_OF,
                               per_contact(net, AS_OF)).set_index("contact_id")
    assert sorted(found.index) == ["never", "taker"]
    assert (found["check"] == "withdrawal_before_deposit").all()
    assert found.loc["never", "evidence"].endswith("nothing yet")
    assert found.loc["taker", "evidence"] == (f"referral received on {day[100]:%Y-%m-%d}; "
                                              f"first thing you gave: {day[50]:%Y-%m-%d}")


def test_taking_without_giving_needs_two_received_and_nothing_given():
    d = AS_OF - pd.Timedelta(days=10)
    net = network(
        {c: CONNECTED for c in ("t1", "t2", "t3", "t4")},
        ledger=[("t1", d, "referral", "in"), ("t1", d, "introduction", "in"), ("t2", d, "referral", "in"),
                ("t3", d, "referral", "in"), ("t3", d, "referral", "in"), ("t4", d, "referral", "in")],
        other=[("t2", AS_OF, "endorsement", "in"), ("t3", d, "recommendation", "out")])
    found = taking_without_giving(per_contact(net, AS_OF))
    assert found["contact_id"].tolist() == ["t2", "t1"]   # latest first
    assert found.loc[1, "evidence"] == "Received 1 introduction, 1 referral; given nothing."
    assert found.loc[0, "date"] == AS_OF


def test_consent_issues_and_mailing_list_warning():
    export = pd.DataFrame({"contact_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"]})
    ann = pd.DataFrame({"contact_id": ["a", "b", "c"], "consent": ["Yes ", "no", "maybe"],
                        "consent_date": pd.to_datetime(["2026-01-01", "2026-02-01", None], utc=True)},
                       columns=ANNOTATION_COLUMNS)
    issues = consent_issues(export, ann)
    assert issues[["contact_id", "consent"]].values.tolist() == [
        ["b", "no"], ["c", "unknown"], ["d", "unknown"]]
    assert issues.loc[0, "evidence"] == "Mailing-list consent: no (recorded 2026-02-01)"
    assert mailing_list_warning(export, ann).startswith("3 of 4 contacts")
    assert "(1 said no, 2 unknown)" in mailing_list_warning(export, ann)
    assert mailing_list_warning(export.iloc[:1], ann) is None
