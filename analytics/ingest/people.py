"""Who is who: contact ids for (profile URL, name) pairs and recognising the account owner.

Participants are matched to known contacts by profile URL first, then by folded name (only when
exactly one contact has that name); anyone else keeps `contact_key(url, name)` and is not added
as a contact. Work is done once per distinct pair, so a million rows cost a few thousand lookups.

Example:
    >>> contacts = pd.DataFrame({"contact_id": ["in:jane-doe"], "name": ["Jane Doe"]})
    >>> r = Resolver(contacts)
    >>> r.key("", "JANE doe"), r.key("linkedin.com/in/bob", "Bob")
    ('in:jane-doe', 'in:bob')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from analytics.model import Owner, contact_key, normalize_name, normalize_url

_MEMO = 1 << 17


@lru_cache(maxsize=_MEMO)
def fold_name(name: str) -> str:
    """`normalize_name`, memoised: the same participants recur across files and passes."""
    return normalize_name(name)


@lru_cache(maxsize=_MEMO)
def canonical_url(url: str) -> str:
    """`normalize_url`, memoised."""
    return normalize_url(url)


@lru_cache(maxsize=_MEMO)
def key_of(url: str, name: str) -> str:
    """`contact_key`, memoised."""
    return contact_key(url, name)


@dataclass
class Pairs:
    """Distinct (url, name) pairs of two aligned columns, and which pair each row holds.

    >>> p = Pairs.of(pd.Series(["u", "", "u"]), pd.Series(["Ann", "Bob", "Ann"]))
    >>> p.values, p.inverse.tolist(), p.weights().tolist()
    ([('u', 'Ann'), ('', 'Bob')], [0, 1, 0], [2, 1])
    """

    inverse: np.ndarray
    values: list[tuple[str, str]]

    @classmethod
    def of(cls, urls: pd.Series, names: pd.Series) -> Pairs:
        cu, uu = pd.factorize(urls)
        cn, un = pd.factorize(names)
        width = max(len(un), 1)
        inverse, uniq = pd.factorize(cu.astype(np.int64) * width + cn)
        lu, ln = uu.tolist(), un.tolist()
        return cls(inverse, [(lu[u // width], ln[u % width]) for u in uniq.tolist()])

    def weights(self) -> np.ndarray:
        """Rows per distinct pair."""
        return np.bincount(self.inverse, minlength=len(self.values))

    def mask(self, test: Callable[[str, str], bool]) -> np.ndarray:
        """Boolean per row: `test(url, name)` evaluated once per pair."""
        return np.array([test(u, n) for u, n in self.values], dtype=bool)[self.inverse]

    def keys(self, key: Callable[[str, str], str] = key_of, rows: np.ndarray | None = None) -> pd.Series:
        """Text per row (or per row position in `rows`): `key(url, name)` evaluated once per pair."""
        ids = pd.array([key(u, n) for u, n in self.values], dtype="str")
        picks = self.inverse if rows is None else self.inverse[rows]
        return pd.Series(ids.take(picks) if self.values else ids[:0], dtype="str")


def pair_keys(urls: pd.Series, names: pd.Series, key: Callable[[str, str], str] = key_of) -> pd.Series:
    """`key(url, name)` for aligned columns (index kept), computed once per distinct pair.

    >>> pair_keys(pd.Series(["", "linkedin.com/in/x"]), pd.Series(["Ann  B", "X"])).tolist()
    ['name:ann b', 'in:x']
    """
    return Pairs.of(urls, names).keys(key).set_axis(urls.index)


def is_owner(owner: Owner, url: str, name: str) -> bool:
    """Same person as the owner: by URL when both are known, else by folded name.

    >>> is_owner(Owner("Ada Lovelace", ""), "https://www.linkedin.com/in/ada", " ada  LOVELACE")
    True
    """
    mine, theirs = canonical_url(owner.url), canonical_url(url)
    if mine and theirs:
        return mine == theirs
    return bool(owner.name.strip()) and fold_name(name) == fold_name(owner.name)


def most_frequent(people: Iterable[tuple[str, str, int]], hint: str = "",
                  connections: frozenset[str] = frozenset()) -> Owner:
    """The likeliest owner among (url, name, weight) participants, with their commonest URL.

    Ranked by: words shared with `hint` (the Profile.csv name), not being one of `connections`
    (folded names; nobody is their own connection), total weight, then folded name.

    >>> most_frequent([("", "Ann", 1), ("", "Bob", 1), ("linkedin.com/in/ann", "ann", 1)])
    Owner(name='Ann', url='https://www.linkedin.com/in/ann')
    >>> most_frequent([("", "Davide", 1), ("", "Ciaran", 1)], hint="Davide Mock").name
    'Davide'
    """
    totals: Counter[str] = Counter()
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    urls: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for url, name, weight in people:
        key = fold_name(name)
        if key:
            totals[key] += weight
            spellings[key][name] += weight
            if canonical_url(url):
                urls[key][canonical_url(url)] += weight
    if not totals:
        return Owner()
    hint_words = set(fold_name(hint).split())
    top = max(totals, key=lambda k: (len(hint_words & set(k.split())), k not in connections, totals[k], k))
    return Owner(name=spellings[top].most_common(1)[0][0],
                 url=urls[top].most_common(1)[0][0] if urls[top] else "")


class Resolver:
    """Maps participants to contact ids (URL first, then a unique folded name)."""

    def __init__(self, contacts: pd.DataFrame) -> None:
        self.ids = set(contacts["contact_id"])
        names = pair_keys(contacts["name"], contacts["name"], lambda _, n: fold_name(n))
        unique = names[~names.duplicated(keep=False) & names.ne("")]
        self.by_name = dict(zip(unique, contacts.loc[unique.index, "contact_id"], strict=True))

    def learn(self, senders: Pairs) -> Resolver:
        """A copy that also maps names of non-contacts to the profile URL they were seen with, so a
        sender with a URL and the same person named without one (older TO columns) share an id."""
        clone = Resolver.__new__(Resolver)
        clone.ids, clone.by_name = self.ids, dict(self.by_name)
        seen: defaultdict[str, set[str]] = defaultdict(set)
        for url, name in senders.values:
            if canonical_url(url):
                seen[fold_name(name)].add(key_of(url, name))
        for name, keys in seen.items():
            if name and len(keys) == 1:
                clone.by_name.setdefault(name, keys.pop())
        return clone

    def key(self, url: str, name: str) -> str:
        """Contact id for one participant."""
        own = key_of(url, name)
        if own in self.ids:
            return own
        return self.by_name.get(fold_name(name), own)

    def keys(self, urls: pd.Series, names: pd.Series) -> pd.Series:
        """Contact ids for aligned url/name columns."""
        return pair_keys(urls, names, self.key)
