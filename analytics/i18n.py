"""The user's language: gettext catalogues for words, Babel for numbers, dates and money.

Every sentence a page, report, export or error writes goes through `_` (or `ngettext` for counted
nouns, with named placeholders: never a sentence glued from fragments). The catalogues are
`analytics/locale/<lang>/LC_MESSAGES/messages.po` and their compiled `.mo` files, kept with Babel's
`pybabel extract / update / compile` (the commands are in the README). The language is a context
variable: the app sets it at the start of every rerun from the workspace setting, the CLI from `--lang`,
and `use` sets it for a block, so analytics functions stay plain functions. Module-level tables of words
are marked with `N_` (found by the extractor, left in English) and translated with `_` where shown.

Example:
    >>> with use("de"):
    ...     number(1234.5, 1), money(1800), date("2024-03-05"), _("Overview")
    ('1.234,5', '1.800\xa0€', '05.03.2024', 'Überblick')
    >>> number(1234.5, 1), money(1800), date("2024-03-05")
    ('1,234.5', '€1,800', '2024-03-05')
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol

#: The languages the app speaks, as each names itself (the sidebar's choices).
LANGUAGES = {"en": "English", "de": "Deutsch", "nl": "Nederlands", "it": "Italiano"}
DEFAULT = "en"
#: The Babel locale whose conventions each language uses (separators, month names, currency placement).
LOCALES = {"en": "en_GB", "de": "de_DE", "nl": "nl_NL", "it": "it_IT"}
#: How each language writes a date: English keeps ISO (YYYY-MM-DD), the others their own short form.
DATE_FORMATS = {"en": "yyyy-MM-dd", "de": "dd.MM.yyyy", "nl": "dd-MM-yyyy", "it": "dd/MM/yyyy"}
DEFAULT_CURRENCY = "EUR"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT)
_currency: ContextVar[str] = ContextVar("currency", default=DEFAULT_CURRENCY)


def language() -> str:
    """The language in use ("en", "de", "nl" or "it")."""
    return _language.get()


def currency() -> str:
    """The workspace's currency (ISO 4217 code) in use."""
    return _currency.get()


def choose(lang: str | None, code: str | None = None) -> None:
    """Use `lang` (unknown or None: English) and currency `code` from here on in this thread (the app
    calls it once at the top of every rerun)."""
    _language.set(lang if lang in LANGUAGES else DEFAULT)
    _currency.set(valid_currency(code) or DEFAULT_CURRENCY)


@contextmanager
def use(lang: str | None, code: str | None = None) -> Iterator[None]:
    """Use `lang` (and currency `code`, default the one in use) inside the block, then what was before.

    >>> with use("it"):
    ...     language()
    'it'
    >>> language()
    'en'
    """
    lang_token = _language.set(lang if lang in LANGUAGES else DEFAULT)
    cur_token = _currency.set(valid_currency(code) or currency())
    try:
        yield
    finally:
        _language.reset(lang_token)
        _currency.reset(cur_token)


def valid_currency(code: str | None) -> str | None:
    """`code` upper-cased when Babel knows it as an ISO 4217 currency, else None.

    >>> valid_currency("chf"), valid_currency("EURO"), valid_currency(None)
    ('CHF', None, None)
    """
    code = str(code or "").strip().upper()
    return code if len(code) == 3 and code in Locale.parse("en").currencies else None


def best_language(accepted: str | None) -> str:
    """The first of the browser's languages ("de-DE", "nl_BE", an Accept-Language list) the app speaks.

    >>> best_language("nl-BE,nl;q=0.9,en;q=0.8"), best_language("fr-FR"), best_language(None)
    ('nl', 'en', 'en')
    """
    for part in str(accepted or "").replace("_", "-").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


@lru_cache(maxsize=len(LANGUAGES))
def _catalogue(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the language in use (itself when there is no translation)."""
    return _catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted sentence for `n` in the language in use (its plural rules, not "+s").

    >>> ngettext("{n} contact", "{n} contacts", 1).format(n=1)
    '1 contact'
    """
    return _catalogue(language()).ngettext(singular, plural, n)


def counted(singular: str, plural: str, n: int, **values: object) -> str:
    """A counted sentence in the language in use, `{n}` written with its separators, other named
    placeholders filled from `values`.

    >>> counted("{n} contact", "{n} contacts", 25854)
    '25,854 contacts'
    >>> counted("{n} file of {who}", "{n} files of {who}", 1, who="Ann")
    '1 file of Ann'
    """
    return ngettext(singular, plural, n).format(n=number(n), **values)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context` (for one English word with two meanings)."""
    return _catalogue(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it (module-level tables); show it with `_`."""
    return message


def _locale() -> str:
    return LOCALES[language()]


def number(value: float, digits: int = 0) -> str:
    """`value` with the language's separators and `digits` decimals.

    >>> number(25854), number(0.5, 2)
    ('25,854', '0.50')
    """
    if isinstance(value, int | np.integer):  # counts repeat: each one is written once per language
        return _whole(int(value), digits, _locale())
    return _decimal(value, digits, _locale())


def _decimal(value: float, digits: int, locale: str) -> str:
    return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits > 0 else ""), locale=locale)


_whole = lru_cache(maxsize=4096)(_decimal)


def percent(share: float) -> str:
    """A share (0.42) as a whole percentage in the language's way ("42%", "42 %").

    >>> percent(0.423)
    '42%'
    """
    return format_percent(round(float(share), 2), locale=_locale())


def money(amount: float, code: str | None = None) -> str:
    """`amount` in whole units of the workspace's currency, placed the language's way.

    >>> money(1800.4), money(-25, "USD")
    ('€1,800', '-US$25')
    """
    pattern = Locale.parse(_locale()).currency_formats["standard"].pattern.split(";")[0]
    return format_currency(round(float(amount)), code or currency(), format=pattern.replace(".00", ""),
                           locale=_locale(), currency_digits=False)


def currency_symbol(code: str | None = None) -> str:
    """The sign of the currency in use in the language's way ("€", "US$").

    >>> currency_symbol(), currency_symbol("GBP")
    ('€', '£')
    """
    return get_currency_symbol(code or currency(), locale=_locale())


def _timestamp(value: object) -> pd.Timestamp | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    ts = pd.Timestamp(value)
    return None if pd.isna(ts) else ts


def date(value: object) -> str:
    """A day in the language's date form, "" when unknown.

    >>> date(pd.Timestamp("2026-03-05", tz="UTC")), date(None), date(pd.NaT)
    ('2026-03-05', '', '')
    """
    ts = _timestamp(value)
    return "" if ts is None else format_date(ts.date(), DATE_FORMATS[language()], locale=_locale())


def month(value: object) -> str:
    """A month as the language names it with the year ("Oct 2021", "Okt. 2021"), "" when unknown.

    >>> month("2021-10-31")
    'Oct 2021'
    """
    ts = _timestamp(value)
    return "" if ts is None else format_skeleton("yMMM", ts.date(), locale=_locale())


def dates(values: pd.Series) -> pd.Series:
    """A column of days as text in the language's date form ("" when unknown)."""
    parsed = pd.to_datetime(values, utc=True)
    if language() == DEFAULT:
        return parsed.dt.strftime("%Y-%m-%d").fillna("").astype(str)
    return parsed.map(date).astype(str)


def plot_separators() -> str:
    """Plotly's `layout.separators` for the language: decimal mark, then thousands mark (",." in German).

    >>> plot_separators()
    '.,'
    """
    loc = Locale.parse(_locale())
    return loc.number_symbols["latn"]["decimal"] + loc.number_symbols["latn"]["group"]


def locale_name(lang: str | None = None) -> str:
    """The Babel locale of `lang` (default: the language in use), e.g. for an HTML `lang` attribute."""
    try:
        return str(Locale.parse(LOCALES.get(lang or language(), LOCALES[DEFAULT])))
    except UnknownLocaleError:  # pragma: no cover - the table names only locales Babel ships
        return LOCALES[DEFAULT]
