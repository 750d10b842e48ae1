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
#: Column headers of the files people download (call and mailing lists): words, not codes.
COLUMN_HEADERS = {"list": "Plan step", "name": "Name", "first_name": "First name", "last_name": "Last name",
                  "email": "Email", "company": "Company", "position": "Position", "due_on": "Call due",
                  "action": "What to do", "why": "Why now", "consent": "Consent"}
#: The technical measures the app names, each explained in one sentence wherever it appears.
MEASURES = {
    "diversity": "Diversity (0 to 1) says how spread your contacts are over companies: 0 means everyone "
                 "works at one company, 1 that everyone works somewhere different.",
    "multiplexity": "Multiplexity counts the different ways you are in touch with someone (messages, "
                    "meetings, endorsements, referrals…): a tie that runs over several channels is "
                    "stronger than one that runs over one.",
    "constraint": "Constraint (0 to 1) says how much a person's contacts already know each other: low "
                  "means they link people who do not otherwise meet, so they can introduce you to new "
                  "circles.",
    "effective size": "Effective size counts how many of a person's contacts are not already connected to "
                      "each other: the number of separate circles they reach.",
}


def label(code: str) -> str:
    """A stored code as words: a group type's label, else underscores as spaces, first letter upper.

    >>> label("referral_group"), label("closed_business"), label("one_to_one")
    ('Referral group / BNI', 'Closed business', 'One to one')
    """
    text = TYPE_LABELS.get(code, str(code).replace("_", " "))
    return text[:1].upper() + text[1:]


def header(code: str) -> str:
    """A column code as the header a downloaded file shows (`COLUMN_HEADERS`, else `label`).

    >>> header("due_on"), header("why"), header("score")
    ('Call due', 'Why now', 'Score')
    """
    return COLUMN_HEADERS.get(code) or label(code)


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
