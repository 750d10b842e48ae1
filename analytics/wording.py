"""Plain-language pieces every page and report share: labels for stored codes, measures explained in
one sentence, durations in the unit a person would use, not "63400 days" (counted nouns are
`i18n.counted`: a whole sentence per count, never "file(s)").

Example:
    >>> duration(426), duration(63400)
    ('14 months', '174 years')
"""

from __future__ import annotations

from analytics.i18n import N_, _, counted, number

#: Group types, ledger directions and kinds as a person says them (never the stored code); in English
#: here (marked for the catalogue), shown through `label` / `_`.
TYPE_LABELS = {"chamber": N_("Chamber of commerce"), "referral_group": N_("Referral group / BNI"),
               "association": N_("Association"), "event": N_("Event"), "online": N_("Online group"),
               "informal": N_("Informal")}
# TRANSLATORS: a ledger direction: a referral, introduction... the user gave or received.
DIRECTION_WORDS = {"out": N_("given"), "in": N_("received")}
#: Ledger kinds and other codes `label` writes (the rest read as their words).
CODE_LABELS = {"referral": N_("Referral"), "introduction": N_("Introduction"),
               "closed_business": N_("Closed business"), "one_to_one": N_("One to one"),
               "meeting": N_("Meeting"), "event": N_("Event"), "purchase": N_("Purchase"),
               "endorsement": N_("Endorsement"), "recommendation": N_("Recommendation")}
#: Column headers of the files people download (call and mailing lists): words, not codes.
COLUMN_HEADERS = {"list": N_("Plan step"), "name": N_("Name"), "first_name": N_("First name"),
                  "last_name": N_("Last name"), "email": N_("Email"), "company": N_("Company"),
                  "position": N_("Position"), "due_on": N_("Call due"), "action": N_("What to do"),
                  "why": N_("Why now"), "consent": N_("Consent")}
#: The technical measures the app names, each explained in one sentence wherever it appears (in
#: English; shown through `measure`).
MEASURES = {
    "diversity": N_("Diversity (0 to 1) says how spread your contacts are over companies: 0 means "
                    "everyone works at one company, 1 that everyone works somewhere different."),
    "multiplexity": N_("Multiplexity counts the different ways you are in touch with someone (messages, "
                       "meetings, endorsements, referrals…): a tie that runs over several channels is "
                       "stronger than one that runs over one."),
    "constraint": N_("Constraint (0 to 1) says how much a person's contacts already know each other: low "
                     "means they link people who do not otherwise meet, so they can introduce you to new "
                     "circles."),
    "effective size": N_("Effective size counts how many of a person's contacts are not already connected "
                         "to each other: the number of separate circles they reach."),
}


def measure(name: str) -> str:
    """The sentence explaining measure `name` (a `MEASURES` key) in the language in use.

    >>> measure("diversity")[:30]
    'Diversity (0 to 1) says how sp'
    """
    return _(MEASURES[name])

_KIND_COUNTS = {  # interaction channel or ledger kind -> its count in words
    "message": lambda n: counted("{n} message", "{n} messages", n),
    "endorsement": lambda n: counted("{n} endorsement", "{n} endorsements", n),
    "recommendation": lambda n: counted("{n} recommendation", "{n} recommendations", n),
    "referral": lambda n: counted("{n} referral", "{n} referrals", n),
    "closed_business": lambda n: counted("{n} closed deal", "{n} closed deals", n),
    "one_to_one": lambda n: counted("{n} 1-to-1", "{n} 1-to-1s", n),
    "meeting": lambda n: counted("{n} meeting", "{n} meetings", n),
    "event": lambda n: counted("{n} shared event", "{n} shared events", n),
    "introduction": lambda n: counted("{n} introduction", "{n} introductions", n),
    "purchase": lambda n: counted("{n} purchase", "{n} purchases", n),
    "email": lambda n: counted("{n} e-mail", "{n} e-mails", n),
}


def count_of(kind: str, n: int) -> str:
    """`n` interactions or exchanges of channel or ledger kind `kind` in words, in the language in use.

    >>> count_of("referral", 1), count_of("closed_business", 2), count_of("one_to_one", 3)
    ('1 referral', '2 closed deals', '3 1-to-1s')
    """
    return _KIND_COUNTS[kind](n) if kind in _KIND_COUNTS else f"{number(n)} {label(kind)}"


def label(code: str) -> str:
    """A stored code as words in the language in use: a group type's or ledger kind's label, else
    underscores as spaces, first letter upper.

    >>> label("referral_group"), label("closed_business"), label("one_to_one"), label("pts_x")
    ('Referral group / BNI', 'Closed business', 'One to one', 'Pts x')
    """
    known = TYPE_LABELS.get(code) or CODE_LABELS.get(code)
    text = _(known) if known else str(code).replace("_", " ")
    return text[:1].upper() + text[1:]


def header(code: str) -> str:
    """A column code as the header a downloaded file shows (`COLUMN_HEADERS`, else `label`), in the
    language in use.

    >>> header("due_on"), header("why"), header("score")
    ('Call due', 'Why now', 'Score')
    """
    return _(COLUMN_HEADERS[code]) if code in COLUMN_HEADERS else label(code)


def duration(days: float) -> str:
    """A span of `days` in days (under 2 weeks), weeks (under 2 months), months (under 2 years) or years,
    in the language in use.

    >>> duration(1), duration(20), duration(75), duration(800)
    ('1 day', '3 weeks', '2 months', '2 years')
    """
    days = max(0.0, float(days))
    if days < 14:
        return counted("{n} day", "{n} days", round(days))
    if days < 60:
        return counted("{n} week", "{n} weeks", round(days / 7))
    if days < 730:
        return counted("{n} month", "{n} months", round(days / 30.44))
    return counted("{n} year", "{n} years", round(days / 365.25))
