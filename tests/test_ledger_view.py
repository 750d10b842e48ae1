"""What the Ledger & groups setup page shows: choices in words, labels, the member filter and the rules'
review, an import's summary, on tiny tables."""

import pandas as pd
import pytest

from analytics import i18n, ledger_view
from analytics.ingest.ledger_workbook import LedgerImport
from analytics.model import DIRECTIONS, GROUP_TYPES, LEDGER_KINDS
from analytics.wording import CODE_LABELS


def test_every_code_has_words() -> None:
    assert list(ledger_view.type_words()) == list(GROUP_TYPES)
    assert list(ledger_view.kind_words()) == list(LEDGER_KINDS)
    assert set(LEDGER_KINDS) <= set(CODE_LABELS)  # the one list of the kinds' names
    assert list(ledger_view.direction_words()) == list(DIRECTIONS)
    assert list(ledger_view.direction_words(short=True)) == list(DIRECTIONS)


@pytest.mark.parametrize(("lang", "kind", "given", "short"), [
    ("en", "One to one", "given (you gave it)", "given"),
    ("de", "Einzelgespräch (1:1)", "gegeben (Sie haben es gegeben)", "gegeben"),
])
def test_choices_in_the_language(lang: str, kind: str, given: str, short: str) -> None:
    with i18n.use(lang):
        assert ledger_view.kind_words()["one_to_one"] == kind
        assert ledger_view.direction_words()["out"] == given
        assert ledger_view.direction_words(short=True)["out"] == short


@pytest.mark.parametrize(("currency", "cost", "value"), [("EUR", "Annual cost (€)", "Value (€)"),
                                                         ("GBP", "Annual cost (£)", "Value (£)")])
def test_amount_labels_carry_the_currency(currency: str, cost: str, value: str) -> None:
    with i18n.use("en", currency):
        assert (ledger_view.amount_label("cost"), ledger_view.amount_label("value")) == (cost, value)


def test_labels_of_contacts_and_groups() -> None:
    contacts = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Bo"], "company": ["Acme", ""]})
    assert ledger_view.contact_labels(contacts) == {"a": "Ann · Acme", "b": "Bo · "}
    groups = pd.DataFrame({"group_id": ["g:z", "g:a"], "name": ["Zonta", "Anker"]})
    assert list(ledger_view.group_names(groups).items()) == [("g:z", "Zonta"), ("g:a", "Anker")]


def test_member_filter_offers_present_tiers_and_named_companies() -> None:
    scores = pd.DataFrame({"tier": ["Close", None, "Close", "Dormant"],
                           "company": ["Zeta", "", "Acme", "Zeta"]})
    with i18n.use("nl"):
        tiers, companies = ledger_view.member_filters(scores)
    assert list(tiers) == ["Close", "Dormant"] and tiers["Close"] != "Close"  # codes kept, words translated
    assert companies == ["Acme", "Zeta"]


def test_candidates_table_hides_ids_and_words_tiers() -> None:
    candidates = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"], "tier": ["Inner circle"]})
    with i18n.use("de"):
        shown = ledger_view.candidates_table(candidates)
    assert shown.columns.tolist() == ["name", "tier"] and shown["tier"].tolist() == ["Engster Kreis"]


def test_rules_review_starts_unticked_and_ticks_each_contact_once() -> None:
    suggested = pd.DataFrame({"contact_id": ["a", "b", "a"], "name": ["Ann", "Bo", "Ann"],
                              "rule": ["company", "keyword", "keyword"], "evidence": ["", "", ""]})
    review = ledger_view.rules_table(suggested)
    assert not review["add"].any() and review["rule"].tolist() == ["company", "keyword", "keyword"]
    review["add"] = [True, False, True]
    assert ledger_view.ticked(review) == ["a"]


@pytest.mark.parametrize(("groups", "members", "entries", "sentence"), [
    (1, 0, 1, "Ready to save: 1 group, 0 memberships, 1 ledger entry."),
    (0, 3, 2, "Ready to save: 0 groups, 3 memberships, 2 ledger entries."),
])
def test_ready_to_save_counts_each_part(groups: int, members: int, entries: int, sentence: str) -> None:
    result = LedgerImport(groups=pd.DataFrame({"group_id": range(groups)}),
                          members=pd.DataFrame({"group_id": range(members)}),
                          ledger=pd.DataFrame({"entry_id": range(entries)}))
    assert ledger_view.ready_to_save(result) == sentence
