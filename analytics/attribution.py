"""Who belongs to a group: attribution rules (event dates, companies, keywords), roster files and the
member candidates the Ledger page offers. Separate from scoring (`analytics.groups`): these decide the
members, the scores then count them.
"""

from __future__ import annotations

import pandas as pd

from analytics.ingest.ledger_workbook import (
    ContactIndex,
    Rows,
    data_rows,
    file_sheets,
    group_id,
    label_key,
    text,
)
from analytics.model import MEMBER_COLUMNS, FileReport

ROSTER_COLUMNS = ("contact", "name", "member", "profile url", "url", "linkedin", "linkedin url", "full name")


def roster_names(rows: Rows) -> list[tuple[int, str]]:
    """(row number, name or URL) from a roster: a column named Name/Contact/URL, First + Last Name
    columns, or else the first column (with or without a header)."""
    for i, row in enumerate(rows[:10]):
        labels = [label_key(c) for c in row]
        if "first name" in labels and "last name" in labels:
            f, la = labels.index("first name"), labels.index("last name")
            return [(n, f"{text(r[f]) if f < len(r) else ''} {text(r[la]) if la < len(r) else ''}".strip())
                    for n, r in data_rows(rows, i)]
        hits = [j for j, label in enumerate(labels) if label in ROSTER_COLUMNS]
        if hits:
            return [(n, text(r[hits[0]]) if hits[0] < len(r) else "") for n, r in data_rows(rows, i)]
    return [(n, text(r[0]) if r else "") for n, r in data_rows(rows, -1)]


def read_roster(name: str, data: bytes, contacts: pd.DataFrame,
                group_name: str = "") -> tuple[pd.DataFrame, FileReport]:
    """Members frame (contact_id, group_id of `group_name`) from a CSV/XLSX roster of names or URLs.

    >>> members, rep = read_roster("r.csv", b"Name\\nAnn Lee\\nZed\\n", pd.DataFrame(
    ...     {"contact_id": ["name:ann lee"], "name": ["Ann Lee"], "url": [""]}), "Chamber")
    >>> members.values.tolist(), rep.reasons
    ([['name:ann lee', 'g:chamber']], {'unknown contact': 1})
    """
    report = FileReport(file=name, kind="roster")
    index = ContactIndex(contacts)
    sheets = file_sheets(name, data)
    found: list[str] = []
    for n, cell in roster_names(next(iter(sheets.values()), [])):
        contact_id, why = index.resolve(cell)
        if why:
            report.skip(why)
            report.warnings.append(f"row {n}: {why} {cell!r}")
            continue
        found.append(contact_id)
    report.rows = len(found)
    members = pd.DataFrame({"contact_id": found, "group_id": group_id(group_name) if group_name else ""},
                           columns=MEMBER_COLUMNS).astype(object)
    return members.drop_duplicates(ignore_index=True), report
