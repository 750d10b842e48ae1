"""What an anonymised report may say: every contact's and the owner's name, and every part of it, out.

Rules (README, "Privacy and safety"):
- a contact becomes "Contact 7F3A2C" (a salted hash of the name, see `pseudonyms`);
- a group or company whose name contains a name part of any contact or of the owner becomes
  "Group 1B9E04" / "Company 64F047"; with `mask_companies` every company does;
- in any other text, a full name (or a masked group or company name) is replaced by its pseudonym and
  every remaining name part of two or more letters by "[name]", matching whole words only, ignoring
  case and accents (so "Bo" is scrubbed from "ask Bo" but "Board" stays).
The stand-ins' words ("Contact", "Group", "Company", "[name]") are in the language in use when the
Privacy or Scrubber is made ("Kontakt 7F3A2C", "[Name]").

Example:
    >>> s = Scrubber({"ann lee": "Contact 1"}, {"ann", "lee", "bo"})
    >>> s.text("Hi ANN Lee, Bo and the Board say: Ann!")
    'Hi Contact 1, [name] and the Board say: [name]!'
"""

from __future__ import annotations

import re
import secrets
from functools import lru_cache

import pandas as pd

from analytics.i18n import _, pgettext
from analytics.model import Network, normalize_name
from analytics.pseudonyms import pseudonymize

_WORD = re.compile(r"\w+")
_MAX_WORDS = 12  # longest name (in words) replaced as a whole; longer ones lose their parts one by one


def words(text: object) -> list[str]:
    """The folded words of `text` (accents stripped, case-folded).

    >>> words("José  O'Brien-Li")
    ['jose', 'o', 'brien', 'li']
    """
    return _WORD.findall(normalize_name(str(text)))


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    """One word of a text folded as `words` folds it (the same words recur in every table's cells)."""
    return " ".join(words(word))


#: Name particles and connecting words ("Jan de Vries", "Maria of Nazareth"): no one is identified by
#: them alone, and scrubbing them on their own turns "131 of your contacts" into "131 [name] your
#: contacts". They still go as part of a whole name.
PARTICLES = frozenset({"al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do",
                       "dos", "du", "el", "het", "la", "le", "of", "te", "ten", "ter", "the", "van",
                       "von", "zu", "zum", "zur"})


def name_parts(names: list[str]) -> set[str]:
    """Every folded word of two or more characters in `names`, less the PARTICLES (initials are not
    scrubbed either).

    >>> sorted(name_parts(["Li Wei", "J. Bo", "Jan de Vries"]))
    ['bo', 'jan', 'li', 'vries', 'wei']
    """
    return {w for n in set(names) for w in words(n) if len(w) >= 2} - PARTICLES  # first names repeat


class Scrubber:
    """Replaces whole names (matched by folded words) with pseudonyms, then stray name parts."""

    def __init__(self, replace: dict[str, str], parts: set[str]) -> None:
        folded = {" ".join(words(k)): v for k, v in replace.items()}
        self.replace = {k: v for k, v in folded.items() if k}
        self.parts = parts
        # TRANSLATORS: what stands in an anonymised report where a part of someone's name was.
        self.placeholder = _("[name]")
        self.longest = min(_MAX_WORDS, max((k.count(" ") + 1 for k in self.replace), default=0))

    def text(self, value: str) -> str:
        """`value` with names replaced (see the module docstring); a value that is one name, punctuation
        and all, becomes just its pseudonym."""
        whole = self.replace.get(" ".join(words(value)))
        if whole is not None:
            return whole
        spans = [m.span() for m in _WORD.finditer(value)]
        keys = [_folded(value[a:b]) for a, b in spans]
        out, last, i = [], 0, 0
        while i < len(spans):
            for n in range(min(self.longest, len(spans) - i), 0, -1):
                alias = self.replace.get(" ".join(keys[i:i + n]))
                if alias is not None:
                    break
            else:
                n, alias = 1, self.placeholder if keys[i] in self.parts else None
            if alias is not None:
                out += [value[last:spans[i][0]], alias]
                last = spans[i + n - 1][1]
            i += n
        return "".join([*out, value[last:]])


class Privacy:
    """Pseudonyms and scrubbing for one report (see the module docstring for the rules).

    `salt` is the workspace's secret; without one (the CLI) a random salt is drawn, so pseudonyms are
    stable within one report but never reproducible from a list of names.
    """

    def __init__(self, net: Network, salt: str, anonymize: bool, mask_companies: bool) -> None:
        salt = salt or secrets.token_hex(16)
        contacts = net.contacts.drop_duplicates("contact_id")
        self.active = anonymize or mask_companies
        self.anonymize = anonymize
        self.alias = pd.Series(pseudonymize(contacts["name"], salt).to_numpy(), index=contacts["contact_id"])
        people = [*contacts["name"].astype(str), *contacts["first_name"].astype(str),
                  *contacts["last_name"].astype(str), net.owner.name] if anonymize else []
        parts = name_parts(people)
        replace: dict[str, str] = {}
        company = pd.Series(contacts["company"].fillna("").astype(str).unique())
        group = pd.Series(net.groups["name"].fillna("").astype(str).unique())
        # TRANSLATORS: the words before a stand-in's code in an anonymised report ("Company 64F047").
        prefixes = {"company": pgettext("pseudonym", "Company"), "group": pgettext("pseudonym", "Group")}
        for names, prefix, masked in ((company, prefixes["company"], mask_companies),
                                      (group, prefixes["group"], False)):
            hidden = names[[masked or bool(parts.intersection(words(n))) for n in names]]
            replace.update(zip(hidden, pseudonymize(hidden, salt, prefix=prefix), strict=True))
        if anonymize:  # after companies: a freelancer's own name in free text is the person
            replace.update(zip(contacts["name"].astype(str), self.alias, strict=True))
        self.scrubber = Scrubber(replace, parts)

    def text(self, value: object) -> object:
        """`value` with names replaced when it is text (anything else unchanged)."""
        return self.scrubber.text(value) if self.active and isinstance(value, str) and value else value

    def table(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` without its contact_id column, names pseudonymised and every text cell scrubbed."""
        frame = frame.copy()
        if "contact_id" in frame.columns:
            if self.anonymize and "Name" in frame.columns:
                frame["Name"] = frame["contact_id"].map(self.alias).fillna(self.scrubber.placeholder)
            frame = frame.drop(columns="contact_id")
        if not self.active:
            return frame
        for col in frame.columns:
            if pd.api.types.is_string_dtype(frame[col]) or frame[col].dtype == object:
                texts = {v: self.text(v) for v in frame[col].dropna().unique()}
                if isinstance(frame[col].dtype, pd.StringDtype) and all(t == v for v, t in texts.items()):
                    continue  # nothing to scrub: mapping would give the same column
                frame[col] = frame[col].map(texts).where(frame[col].notna())
        return frame
