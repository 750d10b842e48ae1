"""What a LinkedIn-only user must never read: the app's internal ids, "(s)" plurals, large numbers
without a separator. Shared by the browser test of the pages and the test of both report formats."""

from __future__ import annotations

import re

#: Kind codes, verdict ids, light names and column ids that must not reach a reader.
RAW_CODES = (
    "referral_group", "closed_business", "one_to_one", "one_to_ones", "endorsements_given",
    "endorsements_received", "recommendations_given", "recommendations_received", "strong_ties",
    "active_ties", "target_reach", "pays_off", "not_paying_off", "amber", "contact_id",
    "last_interaction", "last_two_way", "cadence_days", "former_strength", "days_quiet", "suggested_role",
    "item_key", "call_client", "call_referrer", "keep_in_touch", "narrow-shallow", "wide-shallow")
_CODE = re.compile(r"\b(" + "|".join(map(re.escape, RAW_CODES)) + r")\b", re.IGNORECASE)
#: A run of 4+ digits that is not part of a date, a decimal, a grouped number or an id (a pseudonym such
#: as "Contact 083431" is a hex id that may happen to hold only digits).
_BARE = re.compile(r"(?<![\d,.:/\-#A-Za-z])(?<!Contact )(?<!Company )(?<!Group )\d{4,}(?![\d,.:/\-%A-Za-z])")


def problems(text: str) -> list[str]:
    """Raw codes, "(s)" plurals and numbers of 1,000 or more without a separator found in `text`
    (a four-digit year from 1800 to 2100 is a year, not a count).

    >>> problems("3 contact(s) · 41626 EUR · since 1853 · strong_ties · 2,074 messages · Contact 083431")
    ['(s) plural: contact(s)', 'no separator: 41626', 'raw code: strong_ties']
    """
    found = [f"(s) plural: {m.group(0)}" for m in re.finditer(r"\w+\(s\)", text)]
    found += [f"no separator: {m.group(0)}" for m in _BARE.finditer(text)
              if not (len(m.group(0)) == 4 and 1800 <= int(m.group(0)) <= 2100)]
    found += [f"raw code: {m.group(0)}" for m in _CODE.finditer(text)]
    return found
