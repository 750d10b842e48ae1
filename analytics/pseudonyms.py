"""Stable pseudonyms for people, groups and companies in shared reports (scrubbing: `analytics.privacy`).

A pseudonym is derived from a hash of the folded name and a secret `salt` (the workspace's), so the same
name gets the same pseudonym in every report of one workspace, and nobody without the salt can map a list
of candidate names onto them: "Contact 7F3A2C" (the word in the language in use: "Kontakt 7F3A2C").
Two different names whose short hashes collide get
longer hashes, so pseudonyms stay distinct.

Example:
    >>> pseudonymize(pd.Series(["Jane Doe", "JANE  DOE", "Ann Lee"])).tolist()
    ['Contact 20E851', 'Contact 20E851', 'Contact DA5294']
"""

from __future__ import annotations

import hashlib

import pandas as pd

from analytics.i18n import pgettext
from analytics.model import normalize_name

_SHORT = 6  # hex digits: 16.7M values, so collisions are rare even for 30,000 names


def _digest(name: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{normalize_name(name)}".encode()).hexdigest().upper()


def pseudonymize(names: pd.Series, salt: str = "", prefix: str | None = None) -> pd.Series:
    """`prefix` (default: "Contact" in the language in use) + a short hash per name (same index); blank
    names stay blank.

    >>> pseudonymize(pd.Series(["Acme BV", ""]), prefix="Company").tolist()
    ['Company 64F047', '']
    """
    # TRANSLATORS: the word before a stand-in's code in an anonymised report ("Contact 7F3A2C").
    prefix = prefix or pgettext("pseudonym", "Contact")
    names = names.fillna("").astype(str)
    distinct = names.unique()  # each name folded once (30,000 contacts share first and last names)
    folded = names.map(dict(zip(distinct, map(normalize_name, distinct), strict=True)))
    unique = pd.Series(folded.unique())
    unique = unique[unique != ""]
    digests = unique.map(lambda n: _digest(n, salt))
    width = pd.Series(_SHORT, index=unique.index)
    while True:  # widen only the hashes that collide with another name's
        short = pd.Series([d[:k] for d, k in zip(digests, width, strict=True)], index=unique.index)
        clash = short.duplicated(keep=False)
        if not clash.any():
            break
        width[clash] += 2
    alias = dict(zip(unique, prefix + " " + short, strict=True))
    return folded.map(lambda n: alias.get(n, ""))
