"""Plain-language pieces every page and report share: counted nouns, not "file(s)".

Example:
    >>> plural(1, "file"), plural(25854, "interaction"), plural(2, "company", "companies")
    ('1 file', '25,854 interactions', '2 companies')
"""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` with a thousands separator and `word` in singular or plural (`many`, else word + "s").

    >>> plural(0, "row"), plural(1, "contact"), plural(1000, "contact")
    ('0 rows', '1 contact', '1,000 contacts')
    """
    return f"{n:,} {word if n == 1 else many or word + 's'}"
