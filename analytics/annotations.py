"""The user's own annotations (closeness, notes, target flag, consent, cadence, role): edits to rows.

Example:
    >>> from analytics.model import empty_frame, ANNOTATION_COLUMNS
    >>> rows = apply_edits(empty_frame(ANNOTATION_COLUMNS), ["in:ann"], {0: {"closeness": 4}},
    ...                    pd.Timestamp("2026-01-01", tz="UTC"))
    >>> rows[["contact_id", "closeness"]].values.tolist()
    [['in:ann', 4.0]]
"""

from __future__ import annotations

import pandas as pd

from analytics.errors import InputError
from analytics.model import ANNOTATION_COLUMNS, ROLES

EDITABLE = ("closeness", "notes", "target", "consent", "cadence_days", "role")
CONSENT_VALUES = ("unknown", "yes", "no")
_DEFAULTS = {"closeness": float("nan"), "notes": "", "target": False, "consent": "unknown",
             "consent_date": pd.NaT, "cadence_days": float("nan"), "role": ""}


def apply_edits(annotations: pd.DataFrame, contact_ids: list[str], edited_rows: dict[int, dict],
                today: pd.Timestamp) -> pd.DataFrame:
    """Annotation rows to upsert for a table editor's `edited_rows` ({row position: {column: value}}).

    `contact_ids[i]` is the contact shown at row position i. Only edited contacts are returned, each
    with its full, merged annotation row. A consent change records `today` (the as-of date) as its date.

    >>> from analytics.model import empty_frame
    >>> apply_edits(empty_frame(ANNOTATION_COLUMNS), ["a"], {0: {"closeness": 9}}, pd.Timestamp("2026-01-01"))
    Traceback (most recent call last):
    analytics.errors.InputError: closeness: rate from 0 (stranger) to 5 (closest)
    """
    edited = {contact_ids[int(position)] for position in edited_rows}
    current = annotations.reindex(columns=ANNOTATION_COLUMNS).drop_duplicates("contact_id", keep="last")
    current = current[current["contact_id"].isin(edited)]  # a note on 1 of 30,000 reads 1 row
    known = current.set_index("contact_id").to_dict("index")
    rows = []
    for position, changes in edited_rows.items():
        cid = contact_ids[int(position)]
        row = dict(known.get(cid, _DEFAULTS))
        for column, value in changes.items():
            if column not in EDITABLE:
                continue
            value = _validate(column, value)
            if column == "consent" and value != row["consent"]:
                row["consent_date"] = today
            row[column] = value
        rows.append({"contact_id": cid, **row})
    return pd.DataFrame(rows, columns=ANNOTATION_COLUMNS)


def mark_rows(annotations: pd.DataFrame, contact_ids: list[str], role: str,
              today: pd.Timestamp) -> pd.DataFrame:
    """Annotation rows that mark every contact in `contact_ids` as `role` ("" clears the mark), keeping
    their other annotations (the bulk mark of the Contacts page and the plan's "confirm").

    >>> from analytics.model import empty_frame
    >>> mark_rows(empty_frame(ANNOTATION_COLUMNS), ["a", "b"], "client", pd.Timestamp("2026-01-01"))[
    ...     ["contact_id", "role"]].values.tolist()
    [['a', 'client'], ['b', 'client']]
    """
    edits = {i: {"role": role} for i in range(len(contact_ids))}
    return apply_edits(annotations, list(contact_ids), edits, today)


def _validate(column: str, value: object) -> object:
    if column == "closeness":
        number = float("nan") if value is None or value == "" else float(value)
        if not (number != number or 0 <= number <= 5):
            raise InputError("closeness", "rate from 0 (stranger) to 5 (closest)")
        return number
    if column == "cadence_days":
        number = float("nan") if value is None or value == "" else float(value)
        if number == number and not 1 <= number <= 3650:
            raise InputError("cadence", "days between touches must be between 1 and 3650")
        return number
    if column == "consent":
        text = str(value or "unknown")
        if text not in CONSENT_VALUES:
            raise InputError("consent", "choose yes, no or unknown")
        return text
    if column == "target":
        return bool(value)
    if column == "role":
        text = str(value or "")
        if text and text not in ROLES:
            raise InputError("mark", f"choose {', '.join(ROLES)} or nothing")
        return text
    return str(value or "")
