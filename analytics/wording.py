"""Plain-language pieces every page and report share: counted nouns, not "file(s)"; durations in the
unit a person would use, not "63400 days".

Example:
    >>> plural(1, "file"), plural(25854, "interaction"), plural(2, "company", "companies")
    ('1 file', '25,854 interactions', '2 companies')
    >>> duration(426), duration(63400)
    ('14 months', '174 years')
"""

from __future__ import annotations

#: Group types, ledger directions and kinds as a person says them (never the stored code).
TYPE_LABELS = {"chamber": "Chamber of commerce", "referral_group": "Referral group / BNI",
               "association": "Association", "event": "Event", "online": "Online group",
               "informal": "Informal"}
DIRECTION_WORDS = {"out": "given", "in": "received"}


def label(code: str) -> str:
    """A stored code as words: a group type's label, else underscores as spaces, first letter upper.

    >>> label("referral_group"), label("closed_business"), label("one_to_one")
    ('Referral group / BNI', 'Closed business', 'One to one')
    """
    text = TYPE_LABELS.get(code, str(code).replace("_", " "))
    return text[:1].upper() + text[1:]


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` with a thousands separator and `word` in singular or plural (`many`, else word + "s").

    >>> plural(0, "row"), plural(1, "contact"), plural(1000, "contact")
    ('0 rows', '1 contact', '1,000 contacts')
    """
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def duration(days: float) -> str:
    """A span of `days` in days (under 2 weeks), weeks (under 2 months), months (under 2 years) or years.

    >>> duration(1), duration(20), duration(75), duration(800)
    ('1 day', '3 weeks', '2 months', '2 years')
    """
    days = max(0.0, float(days))
    if days < 14:
        return plural(round(days), "day")
    if days < 60:
        return plural(round(days / 7), "week")
    if days < 730:
        return plural(round(days / 30.44), "month")
    return plural(round(days / 365.25), "year")
