"""Generic contact files (Google Contacts, Outlook, hand-kept spreadsheets) -> contacts.

Example:
    >>> from analytics.ingest.tables import read_table
    >>> t = read_table("people.csv", b"Name,E-mail\\nJane Doe,jane@example.com\\n")
    >>> generic_contacts(t)[["contact_id", "first_name", "last_name", "email"]].values.tolist()
    [['name:jane doe', 'Jane', 'Doe', 'jane@example.com']]
"""

from __future__ import annotations

import pandas as pd

from analytics.ingest.linkedin import column, people_frame
from analytics.ingest.tables import Table, read_table

PREVIEW_ROWS = 20


def _joined(t: Table, fields: tuple[str, ...]) -> pd.Series:
    """Every value of `fields` (Google writes several in one cell, split by " ::: "), "; "-joined once each.

    >>> from analytics.ingest.tables import read_table
    >>> t = read_table("c.csv", b"Name,Phone 1 - Value,Phone 2 - Value\\nAna,+1 2 ::: +3 4,+1 2\\n")
    >>> _joined(t, ("phone", "phone_2")).tolist()
    ['+1 2; +3 4']
    """
    cells = pd.concat([column(t, f) for f in fields], axis=1).to_numpy()
    values = ([v.strip() for c in row for v in str(c).split(":::") if v.strip()] for row in cells)
    return pd.Series(["; ".join(dict.fromkeys(v)) for v in values], index=t.frame.index, dtype="str")


def generic_contacts(t: Table) -> pd.DataFrame:
    """Contacts from a generic table; a single name column is split into first and last name.

    A person with no name is keyed by e-mail address (`name:jane@example.com`). Of several e-mail columns
    (or addresses in one cell) the first is kept; phones are all kept, "; "-joined.
    """
    frame = t.frame
    if "email" in frame or "email_2" in frame:
        frame["email"] = _joined(t, ("email", "email_2", "email_3")).str.split(";").str[0].astype("str")
    if "phone" in frame or "phone_2" in frame:
        frame["phone"] = _joined(t, ("phone", "phone_2", "phone_3"))
    first = frame.get("first_name", pd.Series("", index=frame.index, dtype="str")).str.strip()
    last = frame.get("last_name", pd.Series("", index=frame.index, dtype="str")).str.strip()
    joined = (first + " " + last).str.strip()
    full = frame["name"].str.strip() if "name" in frame else joined
    full = full.where(full.ne(""), joined)
    parts = full.str.split(n=1, expand=True).reindex(columns=[0, 1]).fillna("")
    has_parts = first.ne("") | last.ne("")
    first = first.where(has_parts, parts[0].astype("str"))
    last = last.where(has_parts, parts[1].astype("str"))
    return people_frame(t, full, first, last, source="Contacts file")


def preview_generic(name: str, data: bytes) -> tuple[list[str], pd.DataFrame]:
    """(columns, first rows) of a contacts file, for a column-mapping form.

    >>> data = "Vorname;Nachname;E-Mail-Adresse\\nJosé;García;j@x.de\\n".encode("cp1252")
    >>> cols, rows = preview_generic("c.csv", data)
    >>> cols, rows.iloc[0].tolist()
    (['Vorname', 'Nachname', 'E-Mail-Adresse'], ['José', 'García', 'j@x.de'])
    """
    t = read_table(name, data, raw=True)
    return t.columns, t.frame.head(PREVIEW_ROWS)
