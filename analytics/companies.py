"""One company, one name: the key companies are grouped by, and the name a group of spellings shows.

"Northwind Traders", "Northwind Traders, Inc." and "NORTHWIND  traders" are one company: the key folds
case, accents, punctuation and spacing and drops legal-form suffixes (Inc., LLC, Ltd, GmbH, AG, B.V.,
N.V., S.r.l., S.p.A., SE, & Co. KG...); every surface that counts or groups companies (breadth and
diversity, the treemap and its filter, the graph's clusters) reads `company_key` and shows
`company_names`, the most frequent original spelling.

Example:
    >>> company_key(pd.Series(["Northwind Traders, Inc.", "northwind  traders", "Gamma GmbH & Co. KG"])
    ...             ).tolist()
    ['northwind traders', 'northwind traders', 'gamma']
"""

from __future__ import annotations

import re

import pandas as pd

#: Legal forms dropped from the end of a name (after case, accents and dots are folded: "S.p.A." -> "spa").
LEGAL_FORMS = ("inc", "incorporated", "corp", "corporation", "co", "llc", "llp", "lp", "ltd", "limited",
               "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "ug", "ev", "se", "bv", "nv", "vof", "cv",
               "srl", "srls", "spa", "sas", "snc", "sa", "sarl", "&")
_SUFFIXES = re.compile(r"(?:\s+(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r"))+$")
_APART = re.compile(r"[^\w&]+")  # anything but letters, digits and "&" separates words


def _key_of(names: pd.Series) -> pd.Series:
    folded = names.str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii").str.casefold()
    words = folded.str.replace(".", "", regex=False).str.replace(_APART, " ", regex=True).str.strip()
    bare = words.str.replace(_SUFFIXES, "", regex=True)
    # a name that is nothing but a legal form ("AG") keeps it; a name without letters keeps its spelling
    return bare.where(bare != "", words).where(words != "", names.str.casefold())


def company_key(companies: pd.Series) -> pd.Series:
    """The grouping key of each company name ("" for a blank one), same index.

    >>> company_key(pd.Series(["Acme B.V.", "ACME", "Acme S.p.A.", "Société Générale SA", None, " "])
    ...             ).tolist()
    ['acme', 'acme', 'acme', 'societe generale', '', '']
    >>> company_key(pd.Series(["AG", "Procter & Gamble Co.", "Rhein-Main GmbH"])).tolist()
    ['ag', 'procter & gamble', 'rhein main']
    """
    text = companies.fillna("").astype(str).str.split().str.join(" ")
    codes, distinct = pd.factorize(text)  # names repeat: each folded once
    keys = _key_of(pd.Series(distinct, dtype=object)).to_numpy(object)
    return pd.Series(keys[codes], index=companies.index, dtype=object)


def company_names(companies: pd.Series) -> pd.Series:
    """Each row's company as shown: the most frequent spelling of its key among `companies` (stripped; a
    tie goes to the spelling first in alphabetical order), "" for a blank one.

    >>> company_names(pd.Series(["Northwind Traders", "Northwind Traders, Inc.", "Northwind Traders",
    ...                          "Beta LLC", ""])).tolist()
    ['Northwind Traders', 'Northwind Traders', 'Northwind Traders', 'Beta LLC', '']
    """
    keys = company_key(companies)
    spelling = companies.fillna("").astype(str).str.strip()
    counted = pd.DataFrame({"key": keys, "spelling": spelling}).value_counts().reset_index(name="n")
    best = counted.sort_values(["n", "spelling"], ascending=[False, True]).drop_duplicates("key")
    return keys.map(dict(zip(best["key"], best["spelling"], strict=True))).astype(object)
