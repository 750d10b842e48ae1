"""What changed since the last export: people with a new company or position in a newer LinkedIn export,
and the Action plan's list "Congratulate on a new role".

A congratulation is a deposit, not a pitch (deposits before withdrawals): the list asks for a short
personal note about their new role and nothing else.

Example:
    >>> before = pd.DataFrame({"contact_id": ["a", "b"], "company": ["Acme", "Stone"],
    ...                        "position": ["CFO", "Owner"]})
    >>> after = pd.DataFrame({"contact_id": ["a", "b"], "company": ["Beta BV", "stone "],
    ...                       "position": ["CFO", "Owner"]})
    >>> detect(before, after)[["contact_id", "old_company", "company"]].values.tolist()
    [['a', 'Acme', 'Beta BV']]
"""

from __future__ import annotations

import pandas as pd

from analytics import weights as W
from analytics.frames import as_utc, contact_names, date_text, iso_text
from analytics.i18n import N_, _
from analytics.model import ROLE_CHANGE_COLUMNS, Network, normalize_name

LIST = "congratulate"
#: The list's title and action, in English (marked for the catalogue): shown with `_`.
TITLE = N_("Congratulate on a new role")
ACTION = N_("Send a short personal note congratulating them on the new role and ask how it is going; "
            "no pitch, no request.")
CONGRATULATE_COLUMNS = ["item_key", "contact_id", "name", "why", "action", "seen_on"]


def _folded(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).map(normalize_name)


def detect(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Contacts in both frames (contact_id, company, position) whose company or position changed, compared
    ignoring case and accents; a blank value (an export that leaves it out) is never a change. Columns:
    ROLE_CHANGE_COLUMNS without seen_on."""
    both = after[["contact_id", "company", "position"]].merge(
        before[["contact_id", "company", "position"]].drop_duplicates("contact_id"), on="contact_id",
        suffixes=("", "_old"))
    changed = pd.Series(False, index=both.index)
    for column in ("company", "position"):
        new, old = _folded(both[column]), _folded(both[f"{column}_old"])
        changed |= new.ne("") & old.ne("") & new.ne(old)
    out = both[changed].rename(columns={"company_old": "old_company", "position_old": "old_position"})
    return out[[c for c in ROLE_CHANGE_COLUMNS if c != "seen_on"]].reset_index(drop=True)


def is_newer(stored: pd.Series, incoming: pd.Series) -> bool:
    """True when an export whose connection dates are `incoming` is not older than the stored one (its
    latest connection is at least as recent); unknown dates count as newer.

    >>> day = lambda d: pd.Series(pd.to_datetime([d], utc=True))
    >>> is_newer(day("2026-01-01"), day("2026-03-01")), is_newer(day("2026-03-01"), day("2025-01-01"))
    (True, False)
    """
    old, new = pd.to_datetime(stored, utc=True).max(), pd.to_datetime(incoming, utc=True).max()
    return bool(pd.isna(old) or pd.isna(new) or new >= old)


def change_text(row: pd.Series) -> str:
    """The change in words, with the day it was seen.

    >>> change_text(pd.Series({"company": "Beta", "position": "CEO", "old_company": "Acme",
    ...                        "old_position": "CFO", "seen_on": pd.Timestamp("2026-11-02", tz="UTC")}))
    'New role at Beta (CEO) since your last export, seen on 2026-11-02; before: CFO at Acme.'
    """
    old_position, old_company = row["old_position"], row["old_company"]
    if old_position and old_company:
        # TRANSLATORS: someone's former job: "CFO at Acme".
        was = _("{position} at {company}").format(position=old_position, company=old_company)
    else:
        was = old_position or old_company
    company = row["company"] or _("their company")
    seen = date_text(pd.Series([row["seen_on"]])).iloc[0]
    if row["position"]:
        return _("New role at {company} ({position}) since your last export, seen on {date}; before: "
                 "{was}.").format(company=company, position=row["position"], date=seen, was=was)
    return _("New role at {company} since your last export, seen on {date}; before: {was}.").format(
        company=company, date=seen, was=was)


def congratulate(net: Network, as_of: pd.Timestamp, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Action plan list: contacts whose new role was seen in the CONGRATULATE_DAYS up to `as_of`,
    latest first, with the change and its date (CONGRATULATE_COLUMNS; one item per change, so a later
    new role is a new item)."""
    as_of = as_utc(as_of)
    changes = net.role_changes
    seen = pd.to_datetime(changes["seen_on"], utc=True)
    recent = changes[(seen <= as_of) & (seen > as_of - pd.Timedelta(days=W.CONGRATULATE_DAYS))
                     & changes["contact_id"].isin(set(net.contacts["contact_id"]))]
    recent = recent.sort_values(["seen_on", "contact_id"], ascending=[False, True])
    names = contact_names(net, scores)
    out = pd.DataFrame({
        "item_key": LIST + ":" + recent["contact_id"] + ":" + iso_text(recent["seen_on"]),
        "contact_id": recent["contact_id"],
        "name": recent["contact_id"].map(names).astype(object).fillna(recent["contact_id"]),
        "why": [change_text(r) for __, r in recent.iterrows()], "action": _(ACTION),
        "seen_on": pd.to_datetime(recent["seen_on"], utc=True)}, columns=CONGRATULATE_COLUMNS)
    return out.reset_index(drop=True)
