"""The languages: Babel's conventions per language, the catalogues complete in German, Dutch and Italian,
and no page text left out of them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

from analytics import catalogues, i18n
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ("25,854", "1,234.5", "€1,800", "2024-03-05", "Mar 2024", "42%")),
    ("de", ("25.854", "1.234,5", "1.800\xa0€", "05.03.2024", "März 2024", "42\xa0%")),
    ("nl", ("25.854", "1.234,5", "€\xa01.800", "05-03-2024", "mrt 2024", "42%")),
    ("it", ("25.854", "1.234,5", "1.800\xa0€", "05/03/2024", "mar 2024", "42%")),
])
def test_numbers_dates_and_money_follow_the_language(lang: str, expected: tuple[str, ...]) -> None:
    with i18n.use(lang):
        got = (i18n.number(25854), i18n.number(1234.5, 1), i18n.money(1800.4), i18n.date("2024-03-05"),
               i18n.month(pd.Timestamp("2024-03-31", tz="UTC")), i18n.percent(0.42))
    assert got == expected


@pytest.mark.parametrize(("lang", "code", "expected"), [
    ("de", "CHF", "1.800\xa0CHF"), ("nl", "USD", "US$\xa01.800"), ("en", "GBP", "£1,800"),
])
def test_the_workspace_currency_is_placed_the_language_s_way(lang: str, code: str, expected: str) -> None:
    with i18n.use(lang, code):
        assert i18n.money(1800) == expected


def test_a_block_s_language_ends_with_the_block() -> None:
    with i18n.use("de", "CHF"):
        assert (i18n.language(), i18n.currency(), i18n._("Overview")) == ("de", "CHF", "Überblick")
        with i18n.use("nl"):
            assert (i18n.language(), i18n.currency()) == ("nl", "CHF")
    assert (i18n.language(), i18n.currency(), i18n._("Overview")) == ("en", "EUR", "Overview")


@pytest.mark.parametrize(("lang", "code", "expected"), [
    ("fr", "eur", ("en", "EUR")), (None, "XYZ", ("en", "EUR")), ("it", "chf", ("it", "CHF")),
])
def test_unknown_languages_and_currencies_fall_back(lang: str | None, code: str, expected: tuple) -> None:
    with i18n.use("en"):
        i18n.choose(lang, code)
        assert (i18n.language(), i18n.currency()) == expected


@pytest.mark.parametrize(("accepted", "expected"), [
    ("de-CH", "de"), ("fr-FR,it;q=0.8", "it"), ("en-US", "en"), ("", "en"), ("nl_NL", "nl"), ("pt-BR", "en"),
])
def test_the_browser_s_language_is_the_first_the_app_speaks(accepted: str, expected: str) -> None:
    assert i18n.best_language(accepted) == expected


@pytest.fixture(scope="module")
def template() -> object:
    return catalogues.extract()


@pytest.mark.parametrize("lang", catalogues.TRANSLATED)
def test_every_text_has_a_translation(lang: str, template: object) -> None:
    """Every marked text (pages, analysis sentences, reports, errors) is translated, with the same named
    placeholders, and the .mo the app reads is compiled from the .po."""
    problems = catalogues.problems(lang, template)
    assert problems == [], f"{len(problems)} problems, e.g. {problems[:10]}"


def test_the_catalogue_has_the_pages_texts(template: object) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template}
    assert {"Overview", "Action plan", "Language"} <= ids


@pytest.mark.parametrize(("text", "expected"), [
    ("{n} of {total:,} sent", {"n", "total"}), ("{{literal}} {who}", {"who"}), ("none", set()),
])
def test_placeholders_are_found(text: str, expected: set[str]) -> None:
    assert catalogues.placeholders(text) == expected


def test_a_translation_with_a_wrong_placeholder_is_a_problem(tmp_path: Path, monkeypatch) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    source = Catalog(**catalogues.HEADER)
    source.add("{n} contacts seen by {who}")
    source.add("Overview")
    broken = Catalog(locale="de", **catalogues.HEADER)
    broken.add("{n} contacts seen by {who}", "{n} Kontakte gesehen von {wer}")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalogues.po_path("de").parent.mkdir(parents=True)
    with catalogues.po_path("de").open("wb") as file:
        write_po(file, broken)
    found = catalogues.problems("de", source)
    assert found == ["de: placeholders differ in '{n} contacts seen by {who}'",
                     "de: no translation of 'Overview'",
                     "de: messages.mo is not compiled from the .po (run python -m analytics.catalogues)"]


def test_choosing_a_language_moves_no_revision(tmp_path: Path) -> None:
    """Switching language re-runs no analysis step: the setting leaves the workspace's version alone."""
    store = Store(tmp_path / "w.sqlite")
    store.save_settings(hourly_rate=50.0)
    before = store.version()
    store.save_settings(language="de", currency="CHF")
    assert store.version() == before and store.settings()["language"] == "de"


#: Streamlit calls that show their first argument (or these keywords) to people.
SHOWN = {"title", "header", "subheader", "markdown", "caption", "write", "info", "warning", "error",
         "success", "toast", "button", "download_button", "checkbox", "toggle", "radio", "selectbox",
         "multiselect", "slider", "select_slider", "text_input", "text_area", "number_input", "date_input",
         "file_uploader", "expander", "metric", "form_submit_button", "spinner", "status", "link_button",
         "page_link", "popover", "progress", "pills", "segmented_control",
         "TextColumn", "NumberColumn", "CheckboxColumn", "SelectboxColumn", "DateColumn", "LinkColumn",
         "ProgressColumn", "ListColumn", "Column", "cache_data"}
KEYWORDS = {"label", "help", "placeholder", "text", "caption", "title", "show_spinner"}
_WORDS = re.compile(r"[A-Za-z]{2,}")


def _literal_text(node: ast.AST) -> str:
    """The words a literal shows (the constant parts of an f-string), "" for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return ""


def _untranslated(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        called = node.func.attr if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else ""
        if called not in SHOWN:
            continue
        shown = ([] if called == "page_link" else node.args[:1]) + [k.value for k in node.keywords
                                                                    if k.arg in KEYWORDS]
        for arg in shown:
            text = _literal_text(arg)
            if _WORDS.search(re.sub(r"<[^>]*>|:material/\w+:", "", text)):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno} {text[:60]!r}")
    return out


@pytest.mark.parametrize("path", sorted([ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"),
                                         *(ROOT / "ui").glob("*.py")]), ids=lambda p: p.name)
def test_pages_show_no_text_outside_the_catalogue(path: Path) -> None:
    """A literal handed straight to a Streamlit element would stay English in every language."""
    assert _untranslated(path) == []
