"""Stable pseudonyms for people (and companies) in shared reports, and scrubbing names out of free text.

A pseudonym is derived from a hash of the folded name (plus an optional secret `salt`), so the same
name gets the same pseudonym in every run and report: "Contact 7F3A2C". Two different names whose
short hashes collide get longer hashes, so pseudonyms stay distinct.

Example:
    >>> pseudonymize(pd.Series(["Jane Doe", "JANE  DOE", "Ann Lee"])).tolist()
    ['Contact 20E851', 'Contact 20E851', 'Contact DA5294']
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from analytics.model import normalize_name

_SHORT = 6  # hex digits: 16.7M values, so collisions are rare even for 30,000 names


def _digest(name: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}\x1f{normalize_name(name)}".encode()).hexdigest().upper()


def pseudonymize(names: pd.Series, salt: str = "", prefix: str = "Contact") -> pd.Series:
    """`prefix` + a short hash per name (same index); blank names stay blank.

    >>> pseudonymize(pd.Series(["Acme BV", ""]), prefix="Company").tolist()
    ['Company 64F047', '']
    """
    text = names.fillna("").astype(str)
    unique = pd.Series(text.map(normalize_name).unique())
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
    return text.map(lambda n: alias.get(normalize_name(n), ""))


def name_pattern(names: list[str], min_length: int = 3) -> re.Pattern[str] | None:
    """One case-insensitive whole-word regex for all `names` (longest first), None when none qualify.

    >>> name_pattern(["Ann Lee", "Al"]).sub("X", "hi ANN  LEE, Al")
    'hi X, Al'
    """
    words = sorted({" ".join(str(n).split()) for n in names if len(str(n).strip()) >= min_length},
                   key=len, reverse=True)
    if not words:
        return None
    parts = [re.escape(w).replace(r"\ ", r"\s+") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def scrub(text: str, pattern: re.Pattern[str] | None, replace: dict[str, str], default: str) -> str:
    """`text` with every match of `pattern` replaced by `replace[match folded]` (else `default`).

    >>> rx = name_pattern(["Ann Lee"])
    >>> scrub("Ann lee said hi", rx, {"ann lee": "Contact 1"}, "[name]")
    'Contact 1 said hi'
    """
    if pattern is None or not text:
        return text
    return pattern.sub(lambda m: replace.get(normalize_name(m.group(0)), default), text)
