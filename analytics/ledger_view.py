"""What the Ledger & groups setup page shows: its choices in words (group types, ledger kinds and
directions, the member filter), contacts and groups as the pickers label them, the member filter's
options, the candidates table and an import's summary sentence, in the language in use. The page only
arranges widgets; edits become rows in `ledger_edits`.

Example:
    >>> kind_words()["closed_business"], direction_words()["out"], direction_words(short=True)["in"]
    ('Closed business', 'given (you gave it)', 'received')
"""

from __future__ import annotations

import pandas as pd

from analytics import i18n, ledger_edits
from analytics.i18n import _, counted
from analytics.ingest.ledger_workbook import LedgerImport
from analytics.model import DIRECTIONS, GROUP_TYPES, LEDGER_KINDS
from analytics.wording import DIRECTION_WORDS, label


def type_words() -> dict[str, str]:
    """Group types in words (`wording.label`), for the type pickers.

    >>> type_words()["referral_group"]
    'Referral group / BNI'
    """
    return {code: label(code) for code in GROUP_TYPES}


def kind_words() -> dict[str, str]:
    """Ledger kinds in words (`wording.label`, the one list of their names), for the kind pickers."""
    return {code: label(code) for code in LEDGER_KINDS}


def direction_words(short: bool = False) -> dict[str, str]:
    """Ledger directions in words: spelt out for the entry form, `short` (`wording.DIRECTION_WORDS`) for
    the ledger table."""
    if short:
        return {code: _(DIRECTION_WORDS[code]) for code in DIRECTIONS}
    return {"out": _("given (you gave it)"), "in": _("received (you got it)")}


def show_words() -> dict[str, str]:
    """The member filter's choices in words.

    >>> show_words()
    {'all': 'all', 'members': 'members', 'others': 'not members'}
    """
    return {"all": _("all"), "members": _("members"), "others": _("not members")}


def amount_label(what: str) -> str:
    """The label of an amount field (`what`: "cost", a group's annual cost, or "value", a ledger entry's)
    with the workspace currency's symbol.

    >>> amount_label("cost"), amount_label("value")
    ('Annual cost (€)', 'Value (€)')
    """
    symbol = i18n.currency_symbol()
    if what == "cost":
        return _("Annual cost ({currency})").format(currency=symbol)
    return _("Value ({currency})").format(currency=symbol)


def group_names(groups: pd.DataFrame) -> dict[str, str]:
    """Group id -> name, in the registry's order.

    >>> group_names(pd.DataFrame({"group_id": ["g:bni"], "name": ["BNI Ost"]}))
    {'g:bni': 'BNI Ost'}
    """
    return dict(zip(groups["group_id"], groups["name"], strict=True))


def contact_labels(contacts: pd.DataFrame) -> dict[str, str]:
    """Contact id -> "name · company", as the contact pickers and the ledger table show a contact.

    >>> contact_labels(pd.DataFrame({"contact_id": ["a"], "name": ["Ann"], "company": ["Acme"]}))
    {'a': 'Ann · Acme'}
    """
    return dict(zip(contacts["contact_id"], contacts["name"] + " · " + contacts["company"], strict=True))


def member_filters(scores: pd.DataFrame) -> tuple[dict[str, str], list[str]]:
    """The member filter's options: the tiers present (code -> words) and the companies, sorted.

    >>> scores = pd.DataFrame({"tier": ["Close", None, "Active"], "company": ["Zeta", "", "Acme"]})
    >>> member_filters(scores)
    ({'Active': 'Active', 'Close': 'Close'}, ['Acme', 'Zeta'])
    """
    tiers = pd.Series(sorted(scores["tier"].dropna().unique()), dtype=object)
    return (dict(zip(tiers, ledger_edits.translated(tiers), strict=True)),
            sorted(c for c in scores["company"].unique() if c))


def candidates_table(candidates: pd.DataFrame) -> pd.DataFrame:
    """The member candidates (`attribution.member_candidates`) as the table shows them: no id, tiers in
    words."""
    return candidates.drop(columns="contact_id").assign(tier=lambda f: ledger_edits.translated(f["tier"]))


def rules_table(suggested: pd.DataFrame) -> pd.DataFrame:
    """Suggested members (`attribution.suggest_attribution`) for review: an "add" tick, off, and each
    rule in words."""
    return suggested.assign(add=False, rule=suggested["rule"].map(_))


def ticked(reviewed: pd.DataFrame) -> list[str]:
    """The contact ids ticked in the reviewed `rules_table`, once each.

    >>> ticked(pd.DataFrame({"contact_id": ["a", "b", "a"], "add": [True, False, True]}))
    ['a']
    """
    return reviewed.loc[reviewed["add"].astype(bool), "contact_id"].drop_duplicates().tolist()


def ready_to_save(result: LedgerImport) -> str:
    """What a ledger or BNI import would save, as one sentence.

    >>> ready_to_save(LedgerImport(ledger=pd.DataFrame({"entry_id": ["e1", "e2"]})))
    'Ready to save: 0 groups, 0 memberships, 2 ledger entries.'
    """
    # TRANSLATORS: the three counted parts fill "Ready to save: {groups}, {memberships}, {entries}."
    return _("Ready to save: {groups}, {memberships}, {entries}.").format(
        groups=counted("{n} group", "{n} groups", len(result.groups)),
        memberships=counted("{n} membership", "{n} memberships", len(result.members)),
        entries=counted("{n} ledger entry", "{n} ledger entries", len(result.ledger)))
