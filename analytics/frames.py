"""Small helpers shared by the scoring modules: UTC timestamps, date text and contact names.

They live here, below every scoring module, so no module has to import another only for a helper.

Example:
    >>> as_utc("2026-01-02")
    Timestamp('2026-01-02 00:00:00+0000', tz='UTC')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import i18n
from analytics.model import Network


def as_utc(ts: pd.Timestamp | str) -> pd.Timestamp:
    """`ts` as a tz-aware UTC timestamp (naive input is taken to be UTC).

    >>> as_utc(pd.Timestamp("2026-01-02 01:00", tz="Europe/Berlin")).hour
    0
    """
    ts = pd.Timestamp(ts)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def day(ts: pd.Timestamp) -> str:
    """A date as YYYY-MM-DD, "" when unknown: for keys and JSON (a day people read: `i18n.date`).

    >>> day(pd.NaT), day(pd.Timestamp("2026-03-05"))
    ('', '2026-03-05')
    """
    return "" if pd.isna(ts) else ts.strftime("%Y-%m-%d")


def date_text(dates: pd.Series) -> pd.Series:
    """Dates as text people read in the language in use (English: YYYY-MM-DD), "" when unknown (text
    dtype even when empty).

    >>> with i18n.use("de"):
    ...     date_text(pd.Series([pd.Timestamp("2024-03-05"), pd.NaT])).tolist()
    ['05.03.2024', '']
    """
    return i18n.dates(dates)


def iso_text(dates: pd.Series) -> pd.Series:
    """Dates as YYYY-MM-DD text in any language, "" when unknown: for stored keys (plan item keys).

    >>> with i18n.use("de"):
    ...     iso_text(pd.Series([pd.Timestamp("2024-03-05")])).tolist()
    ['2024-03-05']
    """
    return pd.to_datetime(dates, utc=True).dt.strftime("%Y-%m-%d").fillna("").astype(str)


def contact_names(net: Network, scores: pd.DataFrame | None = None, among: set | None = None) -> pd.Series:
    """contact_id -> display name (scores first, then contacts; callers fall back to the id), for the
    ids in `among` only when given (naming 50 people of 30,000 reads 50 rows)."""
    frames = [f for f in (scores, net.contacts) if f is not None and "name" in f.columns and len(f)]
    if not frames:
        return pd.Series(dtype=object)
    # text ids as objects: pandas 3's `isin` on a text column makes a pyarrow scalar per value in Python
    frames = frames if among is None else [f[f["contact_id"].astype(object).isin(among)] for f in frames]
    names = pd.concat([f[["contact_id", "name"]] for f in frames])
    names = names[names["name"].fillna("").astype(str).str.strip() != ""]
    return names.drop_duplicates("contact_id").set_index("contact_id")["name"]


def name_or_id(net: Network, contact_ids: pd.Series) -> pd.Series:
    """Display names for `contact_ids` (the id itself when the contact is unknown).

    >>> from analytics.model import empty_network
    >>> name_or_id(empty_network(), pd.Series(["x"])).tolist()
    ['x']
    """
    return contact_ids.map(contact_names(net)).astype(object).fillna(contact_ids)


def matches(table: pd.DataFrame, query: str) -> pd.Series:
    """True for rows whose name, company or position contains `query` (case-insensitive; all rows when
    the query is blank): the one contact search of the Contacts and Groups pages.

    >>> t = pd.DataFrame({"name": ["Ann", "Bo"], "company": ["Acme", None], "position": ["", "CFO"]})
    >>> matches(t, "acme").tolist(), matches(t, " cfo ").tolist(), matches(t, "").tolist()
    ([True, False], [False, True], [True, True])
    """
    if not query.strip():
        return pd.Series(True, index=table.index)
    text = (table["name"].fillna("").astype(str) + " " + table["company"].fillna("").astype(str) + " "
            + table["position"].fillna("").astype(str))
    return text.str.contains(query.strip(), case=False, regex=False)


def among(values: pd.Series, lookup: pd.Series) -> pd.Series:
    """`values.isin(lookup)` through pandas' hash table: for a pandas-3 text column, `isin` turns every
    lookup value into a pyarrow scalar in Python first (0.3 s for 30,000 contact ids).

    >>> among(pd.Series(["a", "b", None]), pd.Series(["b", "c"])).tolist()
    [False, True, False]
    """
    return values.astype(object).isin(lookup.astype(object))


def kept(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> pd.DataFrame:
    """`frame[mask]`, or `frame` itself when the mask keeps every row (a million interactions up to an
    as-of after the last one: no copy of them).

    >>> f = pd.DataFrame({"x": [1, 2]})
    >>> kept(f, f["x"] > 0) is f, kept(f, f["x"] > 1)["x"].tolist()
    (True, [2])
    """
    mask = np.asarray(mask, dtype=bool)
    return frame if mask.all() else frame[mask]


def positions(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Position of each of `values` in `index`, -1 when absent or missing: the distinct values are looked
    up once (a million message rows name about 30,000 contacts).

    >>> positions(pd.Series(["b", "x", None, "b"]), pd.Index(["a", "b"])).tolist()
    [1, -1, -1, 1]
    """
    codes, uniq = pd.factorize(values)
    return np.append(index.get_indexer(uniq), -1)[codes]


def picker_labels(contacts: pd.DataFrame) -> dict[str, str]:
    """Each contact's label in a picker, one label per contact: "name · company"; where two contacts would
    read the same, the position too, then a number (a 30,000-contact export repeats names).

    >>> c = pd.DataFrame({"contact_id": ["a", "b", "c", "d"], "name": ["Ann", "Ann", "Bo", "Ann"],
    ...                   "company": ["Acme", "Acme", None, "Acme"], "position": ["CEO", "CFO", "", "CFO"]})
    >>> picker_labels(c)
    {'a': 'Ann · Acme · CEO', 'b': 'Ann · Acme · CFO (1)', 'c': 'Bo', 'd': 'Ann · Acme · CFO (2)'}
    """
    text = contacts[["name", "company", "position"]].fillna("").astype(str)

    def joined(label: pd.Series, part: pd.Series) -> pd.Series:
        return label + (" · " + part).where(part != "", "")

    label = joined(text["name"], text["company"])
    same = label.duplicated(keep=False)
    label = label.where(~same, joined(label, text["position"]))
    same = label.duplicated(keep=False)
    numbered = label + " (" + (label.groupby(label).cumcount() + 1).astype(str) + ")"
    return dict(zip(contacts["contact_id"], label.where(~same, numbered), strict=True))
