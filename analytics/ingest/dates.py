"""Vectorised date parsing for every date layout seen in LinkedIn exports and contact files.

Distinct values are parsed once (pyarrow strptime, one format after another), then spread back to
the rows, so a million message dates cost one pass. Times without a zone are taken as UTC; years
outside pandas' range and impossible days such as 31 Feb are NaT (pyarrow's strptime would roll
31 Feb over to 3 Mar: a parsed date where that can land is checked by formatting it back).

Day/month order of numeric dates (05/03/2026) is decided once per file by `slash_order`: a first number
above 12 proves day first, a second above 12 month first; when nothing proves either, the source's
default decides (LinkedIn exports: month first; the activity ledger and BNI reports: day first). Dotted
dates (05.03.2026) are always day first. `parse_dates` reads a column, `parse_day` one cell.

Example:
    >>> parse_dates(pd.Series(["15 Mar 2023", "1/8/18, 6:14 PM", "2024-01-15 09:30:00 UTC", "x"])).tolist()
    [Timestamp('2023-03-15 00:00:00+0000', tz='UTC'), Timestamp('2018-01-08 18:14:00+0000', tz='UTC'), \
Timestamp('2024-01-15 09:30:00+0000', tz='UTC'), NaT]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.i18n import _
from analytics.limits import FIRST_YEAR, LAST_YEAR, within_years

FORMATS = (
    "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S UTC", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d",
    "%d %b %Y", "%b %d, %Y", "%d-%b-%Y", "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p", "%m/%d/%Y %I:%M %p", "%m/%d/%y, %H:%M", "%m/%d/%y", "%m/%d/%Y",
    "%d.%m.%Y", "%d.%m.%y", "%d.%m.%Y %H:%M", "%d-%m-%Y",
)

DAY_FIRST, MONTH_FIRST = "day first", "month first"
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}\b")
#: RE2 for every text `_NUMERIC` can match and more (Python's Unicode \s and \d spelt out), so
#: `slash_order` only looks at values that may be numeric dates instead of every distinct one.
_MAYBE_NUMERIC = r"^[\s\p{Z}\x{0b}\x{1c}-\x{1f}\x{85}]*\p{Nd}{1,2}[/-]"


def slash_order(values: Iterable[Any], default: str) -> str:
    """DAY_FIRST or MONTH_FIRST for one file's numeric dates such as 05/03/2026.

    >>> slash_order(["05/03/2026", "25/03/2026"], MONTH_FIRST), slash_order(["03/25/2026"], DAY_FIRST)
    ('day first', 'month first')
    >>> slash_order(["05/03/2026", "2026-03-05"], DAY_FIRST)
    'day first'
    """
    for value in values:
        found = _NUMERIC.match(value) if isinstance(value, str) else None
        if found and int(found.group(1)) > 12:
            return DAY_FIRST
        if found and int(found.group(2)) > 12:
            return MONTH_FIRST
    return default


def formats(order: str) -> tuple[str, ...]:
    """FORMATS with numeric dates read in `order` (FORMATS themselves are month first).

    >>> "%d/%m/%Y" in formats(DAY_FIRST), "%m/%d/%Y" in formats(DAY_FIRST)
    (True, False)
    """
    if order == MONTH_FIRST:
        return FORMATS
    return tuple(f.replace("%m/%d/", "%d/%m/").replace("%m-%d-", "%d-%m-") for f in FORMATS)


def _calendar_day(value: Any, order: str) -> datetime | date | None:
    """The calendar day of a date cell or text, any year; None if it is not a date."""
    if isinstance(value, datetime | date):
        return value
    text = " ".join(str(value or "").split())
    for candidate in dict.fromkeys((text, _english_months(text))):
        for fmt in formats(order):
            try:
                return datetime.strptime(candidate.replace(" UTC", ""), fmt.replace(" UTC", ""))
            except ValueError:
                continue
    return None


def parse_day(value: Any, order: str = DAY_FIRST) -> pd.Timestamp | None:
    """One cell as a UTC day (a date, datetime, or text in any FORMATS layout, numeric dates in `order`);
    None when it is not a date or falls outside the years every analysis can represent
    (`limits.FIRST_YEAR` to `limits.LAST_YEAR`; `day_problem` says which).

    >>> parse_day("05/03/2026"), parse_day("05/03/2026", MONTH_FIRST), parse_day("soon")
    (Timestamp('2026-03-05 00:00:00+0000', tz='UTC'), Timestamp('2026-05-03 00:00:00+0000', tz='UTC'), None)
    >>> parse_day("15. März 2023"), parse_day("9999-12-31"), parse_day(datetime(1000, 1, 1))
    (Timestamp('2023-03-15 00:00:00+0000', tz='UTC'), None, None)
    """
    day = _calendar_day(value, order)
    if day is None or not within_years(day):
        return None
    return pd.Timestamp(day.year, day.month, day.day, tz="UTC")


def day_problem(value: Any, order: str = DAY_FIRST) -> str:
    """Why `parse_day` refuses a cell ("" when it does not), for the import report.

    >>> day_problem("2026-01-05"), day_problem("soon"), day_problem("01/01/9999")
    ('', 'bad date', 'date outside 1900-2100')
    """
    day = _calendar_day(value, order)
    if day is None:
        return _("bad date")
    if within_years(day):
        return ""
    return _("date outside {first}-{last}").format(first=FIRST_YEAR, last=LAST_YEAR)


#: Localised month names/abbreviations (German, French, Dutch, Italian, Spanish) -> English.
_MONTHS = {
    "jan": ["januar", "jän", "janvier", "janv", "januari", "gennaio", "gen", "enero", "ene"],
    "feb": ["februar", "février", "févr", "fevrier", "fev", "februari", "febbraio", "febrero"],
    "mar": ["märz", "mär", "mrz", "mars", "maart", "mrt", "marzo"],
    "apr": ["april", "avril", "avr", "aprile", "abril", "abr"],
    "may": ["mai", "mei", "maggio", "mag", "mayo"],
    "jun": ["juni", "juin", "giugno", "giu", "junio"],
    "jul": ["juli", "juillet", "juil", "luglio", "lug", "julio"],
    "aug": ["august", "août", "aout", "augustus", "agosto", "ago"],
    "sep": ["september", "septembre", "sept", "settembre", "set", "septiembre"],
    "oct": ["oktober", "okt", "octobre", "ottobre", "ott", "octubre"],
    "nov": ["november", "novembre", "noviembre"],
    "dec": ["dezember", "dez", "décembre", "déc", "decembre", "december", "dicembre", "dic", "diciembre"],
}
_LOCAL = {word: eng for eng, words in _MONTHS.items() for word in words}
_WORD = re.compile(r"[^\W\d_]+\.?")
_NS_MIN, _NS_MAX = pd.Timestamp.min.year + 1, pd.Timestamp.max.year - 1


def _english_months(text: str) -> str:
    """'15. März 2023' -> '15 mar 2023' (day dots dropped, month words translated)."""
    text = re.sub(r"^(\d{1,2})\.\s", r"\1 ", text.strip())
    return _WORD.sub(lambda m: _LOCAL.get(m.group(0).rstrip(".").casefold(), m.group(0)), text)


def _canonical(text: pa.Array) -> pa.Array:
    """Lower case, one space, words cut to 3 letters, no leading zeros: '03 March 2025' -> '3 mar 2025'."""
    text = pc.replace_substring_regex(pc.utf8_lower(text), pattern=r"\s+", replacement=" ")
    text = pc.replace_substring_regex(text, pattern=r"([a-z]{3})[a-z]+", replacement=r"\1")
    return pc.replace_substring_regex(text, pattern=r"(^|\D)0+(\d)", replacement=r"\1\2")


def _rolled_over(values: pa.Array, parsed: pa.Array, fmt: str) -> np.ndarray:
    """True where strptime turned an impossible day into the next month ('31 Feb' -> 3 Mar).

    A roll-over can only land on the 1st (31 Apr -> 1 May) or on 1-3 March (29-31 Feb), from a text
    that says 29, 30 or 31, so only those (a fraction of a percent) are formatted back and compared.
    """
    day = pc.day(parsed)
    early = pc.fill_null(pc.or_(pc.equal(day, 1), pc.and_(pc.equal(pc.month(parsed), 3),
                                                           pc.less_equal(day, 3))), False)
    suspect = np.flatnonzero(early.to_numpy(zero_copy_only=False))
    said = pc.match_substring_regex(values.take(suspect), pattern=r"(^|\D)(29|30|31)(\D|$)")
    suspect = suspect[pc.fill_null(said, False).to_numpy(zero_copy_only=False)]
    flags = np.zeros(len(values), dtype=bool)
    if len(suspect):
        back = pc.strftime(parsed.take(suspect), format=fmt, locale="C")
        same = pc.equal(_canonical(back), _canonical(pc.utf8_trim_whitespace(values.take(suspect))))
        flags[suspect] = ~pc.fill_null(same, False).to_numpy(zero_copy_only=False)
    return flags


_LO, _HI = (int(pd.Timestamp(f"{y}-01-01").timestamp()) for y in (_NS_MIN, _NS_MAX + 1))
_NAT = np.iinfo(np.int64).min
_SAMPLE = 500


def _formats_in_order(sample: pa.Array, order: str) -> list[str]:
    """`formats(order)` that fit some of `sample` first (in FORMATS order), then the rest.

    One export uses one layout per column, so the first pass usually parses every row and the other
    formats only ever see the few values left over.
    """
    layouts = formats(order)
    fits = [f for f in layouts
            if pc.strptime(sample, format=f, unit="s", error_is_null=True).null_count < len(sample)]
    return fits + [f for f in layouts if f not in fits]


def _parse(values: pa.Array, order: str) -> np.ndarray:
    """Seconds since 1970 (int64; _NAT where blank, unreadable, impossible or out of pandas' range).

    A value outside the range is left for the next format, so '3/14/25' read by %Y as year 25 is
    still read by %y as 2025.
    """
    out = np.full(len(values), _NAT, dtype=np.int64)
    todo = np.flatnonzero(pc.fill_null(pc.not_equal(values, ""), False).to_numpy(zero_copy_only=False))
    for fmt in _formats_in_order(values.take(todo[:_SAMPLE]), order):
        if not len(todo):
            break
        sub = values if len(todo) == len(values) else values.take(todo)
        parsed = pc.strptime(sub, format=fmt, unit="s", error_is_null=True)
        seconds = pc.fill_null(parsed.cast(pa.int64()), _NAT).to_numpy(zero_copy_only=False)
        ok = (seconds >= _LO) & (seconds < _HI) & ~_rolled_over(sub, parsed, fmt)
        out[todo[ok]] = seconds[ok]
        todo = todo[~ok]
    return out


def parse_dates(values: pd.Series, default: str = MONTH_FIRST) -> pd.Series:
    """Trimmed text -> tz-aware UTC timestamps (NaT for blank or unparseable), index kept. Numeric dates
    are read in the column's `slash_order` (`default` when nothing proves it).

    >>> parse_dates(pd.Series(["15. März 2023", "05 Jun 1833", ""])).dt.strftime("%Y-%m-%d").tolist()
    ['2023-03-15', '1833-06-05', nan]
    """
    arr = pa.array(values.astype("str").array, type=pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    maybe = pc.fill_null(pc.match_substring_regex(arr, _MAYBE_NUMERIC), False)  # few rows, if any
    order = slash_order(pd.unique(arr.filter(maybe).to_numpy(zero_copy_only=False)), default)
    seconds = _parse(arr, order)
    left = np.flatnonzero((seconds == _NAT) & pc.fill_null(pc.not_equal(arr, ""), False).to_numpy(
        zero_copy_only=False))
    if len(left):  # localised month names: translate the few distinct leftovers and try again
        codes, uniques = pd.factorize(pd.Series(arr.take(left).to_pylist(), dtype=object))
        local = _parse(pa.array([_english_months(v) for v in uniques], type=pa.string()), order)
        seconds[left] = local[codes]
    stamps = seconds.view("datetime64[s]").astype("datetime64[ns]")
    return pd.Series(stamps, index=values.index).dt.tz_localize("UTC")
