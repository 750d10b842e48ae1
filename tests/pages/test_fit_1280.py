"""Words that were cut at 1280 px in German, Dutch and Italian: the Groups page's verdict (a badge of its
own now, not a metric's large type), the Contacts table's mark columns (as wide as the language's
longest mark) and its Target column's header (Italian "Obiettivo")."""

import json

import pytest

from analytics import i18n
from analytics.model import ROLES
from tests.pages.apptest import open_page
from ui import widgets

#: The sample's first group pays off: its verdict as each language writes it on the badge.
VERDICT = {"en": "Verdict: pays off", "de": "Urteil: zahlt sich aus", "nl": "Oordeel: loont",
           "it": "Giudizio: rende"}


@pytest.mark.parametrize("lang", ["en", "de", "nl", "it"])
def test_group_verdict_is_a_badge_and_the_metrics_keep_four_columns(lang: str) -> None:
    at = open_page("groups", lang)
    assert not at.exception, [e.value for e in at.exception]
    assert f":green-badge[{VERDICT[lang]}]" in [m.value for m in at.markdown]
    with i18n.use(lang):
        verdict_label = i18n._("Verdict")
    assert verdict_label not in [m.label for m in at.metric]
    assert len(at.metric) == 4


@pytest.mark.parametrize(("lang", "longest"), [("en", "referrer"), ("de", "Empfehlungsgeber"),
                                               ("nl", "doorverwijzer"), ("it", "potenziale cliente")])
def test_mark_columns_are_as_wide_as_the_longest_mark(lang: str, longest: str) -> None:
    at = open_page("contacts", lang)
    assert not at.exception, [e.value for e in at.exception]
    widths = {k: v.get("width") for k, v in json.loads(at.data_editor[0].proto.columns).items()}
    with i18n.use(lang):
        assert max(map(widgets.choice, ROLES), key=len) == longest
    needed = len(longest) * 7.0 + 20  # about 7 px a letter at the grid's 14 px, and the cell's padding
    assert widths["role"] >= needed and widths["suggested_role"] >= needed
    assert widths["suggested_role"] <= max(needed + 1, 90)  # no wider than it needs: the notes stay on screen


@pytest.mark.parametrize(("lang", "header", "width"), [("en", "Target", 82), ("de", "Ziel", 70),
                                                       ("nl", "Doel", 70), ("it", "Obiettivo", 103)])
def test_the_target_header_fits_beside_its_pencil(lang: str, header: str, width: int) -> None:
    at = open_page("contacts", lang)
    columns = json.loads(at.data_editor[0].proto.columns)
    assert columns["target"]["label"] == header
    assert columns["target"]["width"] == width >= len(header) * 7.0 + 20 + widgets.EDIT_ICON
