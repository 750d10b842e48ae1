"""The Action plan, Groups and Ledger & groups setup pages in German, Dutch and Italian, and the workspace
currency set on the Ledger page (an ISO code, refused in one line otherwise) showing on the Groups page."""

import pytest
from streamlit.testing.v1 import AppTest

from analytics import i18n
from analytics.analysis import analyse
from tests.pages.apptest import open_page, sample_store
from tests.pages.test_groups import AS_OF


def submit(at: AppTest, form: str, label: str, lang: str) -> AppTest:
    """Click the submit button of `form` whose English label is `label`, as shown in `lang`."""
    with i18n.use(lang):
        shown = i18n._(label)
    return at.button(key=f"FormSubmitter:{form}-{shown}").click().run()



def test_groups_page_writes_money_and_the_as_of_date_the_german_way() -> None:
    at = open_page("groups", "de")
    top = analyse(sample_store().load(), AS_OF).groups.iloc[0]
    with i18n.use("de"):
        cost = i18n.money(top["cost"])
    assert cost.endswith("\xa0€") and "." in cost  # e.g. "2.340 €"
    assert next(m.value for m in at.metric if m.label == "Bisherige Kosten") == cost
    assert any("Stichtag 15.11.2026." in c.value for c in at.caption)


def test_currency_is_a_workspace_setting_shown_on_the_groups_page() -> None:
    at = open_page("ledger", "de")
    at.text_input(key="ledger_currency").input("chf")
    submit(at, "currency_form", "Save currency", "de")
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["currency"] == "CHF"
    assert at.text_input(key="ledger_currency").value == "CHF"
    assert at.number_input(key="ledger_hourly_rate").label == "Ihr Stundensatz (CHF)"
    at.switch_page("app_pages/groups.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert next(m.value for m in at.metric if m.label == "Bisherige Kosten").endswith("\xa0CHF")


@pytest.mark.parametrize(("lang", "typed", "reason"), [
    ("de", "YEN", "'YEN' ist kein Währungscode; verwenden Sie drei Buchstaben"),
    ("it", "€", "'€' non è un codice valuta; usa tre lettere"),
])
def test_a_bad_currency_is_refused_in_one_line(lang: str, typed: str, reason: str) -> None:
    at = open_page("ledger", lang)
    revision = sample_store().revision()
    at.text_input(key="ledger_currency").input(typed)
    submit(at, "currency_form", "Save currency", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "\n" not in at.error[0].value
    assert reason in at.error[0].value
    assert "currency" not in at.session_state and sample_store().revision() == revision
