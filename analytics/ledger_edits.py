"""The Ledger page's edits: form values and table edits -> validated model rows (groups and ledger
entries), the ledger as its editable table shows it, and what an import's skipped rows and groups become.

Labels are read as the workbook import reads them (`analytics.ingest.ledger_workbook`), so "Given",
"TYFCB" or "1.200" mean the same in a form as in a file.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics import i18n
from analytics.errors import InputError
from analytics.i18n import N_, _
from analytics.ingest.dates import parse_day
from analytics.ingest.ledger_workbook import (
    RowProblem,
    entry_ids,
    group_id,
    ledger_frame,
    normalize_direction,
    normalize_kind,
    normalize_type,
    parse_amount,
    text,
)
from analytics.model import DIRECTIONS, GROUP_COLUMNS, GROUP_TYPES, LEDGER_COLUMNS, LEDGER_KINDS, empty_frame

#: A group's figures and the whole sentence a bad value gets (shown with `_`).
FIGURES = {"annual_cost": N_("annual cost must be a number of 0 or more"),
           "hours_per_month": N_("hours per month must be a number of 0 or more")}


def editor_date_format() -> str:
    """How the app's table editors show a day in the language in use (Streamlit's moment.js pattern,
    from `i18n.DATE_FORMATS`).

    >>> editor_date_format()
    'YYYY-MM-DD'
    >>> with i18n.use("de"):
    ...     editor_date_format()
    'DD.MM.YYYY'
    """
    return i18n.DATE_FORMATS[i18n.language()].replace("dd", "DD").replace("yyyy", "YYYY")


def amount_options() -> dict[str, object]:
    """How a table shows an amount column (a NumberColumn's options): English as ever ("1,234"); other
    languages in whole units as the browser writes numbers (Streamlit's "localized"; its printf formats
    know only English separators, and without a step of 1 it would show three decimals).

    >>> amount_options()
    {'format': '%,.0f'}
    >>> with i18n.use("nl"):
    ...     amount_options()
    {'format': 'localized', 'step': 1}
    """
    return {"format": "%,.0f"} if i18n.language() == i18n.DEFAULT else {"format": "localized", "step": 1}


def translated(values: pd.Series) -> pd.Series:
    """Stored English words marked for the catalogue elsewhere (tier names) in the language in use;
    blanks and missing values stay as they are (gettext would answer "" with its header).

    >>> with i18n.use("de"):
    ...     translated(pd.Series(["Overview", "", None])).fillna("-").tolist()
    ['Überblick', '', '-']
    """
    return values.map(lambda v: _(v) if isinstance(v, str) and v else v)


def currency_code(value: object) -> str:
    """The workspace currency a person typed, as its ISO 4217 code; InputError when it is not one.

    >>> currency_code(" chf ")
    'CHF'
    >>> currency_code("Euro")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    analytics.errors.InputError: currency: 'Euro' is not a currency code; use three letters such as EUR...
    """
    code = i18n.valid_currency(text(value))
    if code is None:
        raise InputError(_("currency"), _("{value!r} is not a currency code; use three letters such as EUR, "
                                          "USD, GBP or CHF").format(value=text(value)))
    return code


def _group_source(label: str) -> str:
    """The InputError source naming a group: "group 'BNI Oost'"."""
    return _("group {name!r}").format(name=label)


def group_row(name: Any, gtype: Any, annual_cost: Any, hours_per_month: Any, joined_on: Any,
              gid: str = "") -> dict[str, Any]:
    """One validated GROUP_COLUMNS row (group_id from the name unless `gid` is given).

    >>> group_row(" BNI Oost ", "referral_group", "1.200", 8, "2025-02-01")["group_id"]
    'g:bni oost'
    >>> group_row("X", "chamber", -5, 0, None)
    Traceback (most recent call last):
    analytics.errors.InputError: group 'X': annual cost must be a number of 0 or more
    """
    label = text(name)
    if not label:
        raise InputError(_("group"), _("give the group a name"))
    kind = text(gtype) if text(gtype) in GROUP_TYPES else normalize_type(gtype)
    if not kind:
        raise InputError(_group_source(label), _("type must be one of {types}").format(
            types=", ".join(GROUP_TYPES)))
    figures = {}
    for field_name, value in (("annual_cost", annual_cost), ("hours_per_month", hours_per_month)):
        amount = parse_amount(value)
        if amount is None or amount < 0 or amount != amount:
            raise InputError(_group_source(label), _(FIGURES[field_name]))
        figures[field_name] = amount
    joined_on = None if joined_on is None or pd.isna(joined_on) else joined_on
    joined = parse_day(joined_on)
    if joined is None and text(joined_on):
        raise InputError(_group_source(label), _("joined on {value!r} is not a date").format(
            value=text(joined_on)))
    return {"group_id": gid or group_id(label), "name": label, "type": kind, **figures,
            "joined_on": joined if joined is not None else pd.NaT}


def groups_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Model-typed groups frame from `group_row` dicts."""
    frame = pd.concat([empty_frame(GROUP_COLUMNS), pd.DataFrame(rows, columns=GROUP_COLUMNS)])
    frame = frame.astype({"annual_cost": float, "hours_per_month": float, "name": object, "type": object})
    frame["joined_on"] = pd.to_datetime(frame["joined_on"], utc=True).astype("datetime64[ns, UTC]")
    return frame.reset_index(drop=True)


def new_group(existing: pd.DataFrame, name: Any, gtype: Any, annual_cost: Any, hours_per_month: Any,
              joined_on: Any) -> pd.DataFrame:
    """A one-row groups frame for a group added in the app; InputError if the name is taken.

    >>> new_group(empty_frame(GROUP_COLUMNS), "Kvk Lunch", "chamber", 0, 1, "")["group_id"].tolist()
    ['g:kvk lunch']
    """
    row = group_row(name, gtype, annual_cost, hours_per_month, joined_on)
    if row["group_id"] in set(existing["group_id"]):
        raise InputError(_group_source(row["name"]), _("a group with this name exists already"))
    return groups_frame([row])


def editable_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """Groups as the registry table shows them (joined_on as a plain date, group_id kept for edits)."""
    return groups[GROUP_COLUMNS].assign(joined_on=groups["joined_on"].dt.date).reset_index(drop=True)


def group_edits(shown: pd.DataFrame, edited_rows: dict) -> pd.DataFrame:
    """Validated groups rows from a data_editor's `edited_rows` ({row position: {column: value}}) over
    the `editable_groups` frame `shown`; ids stay (a renamed group keeps its members and ledger).

    >>> shown = editable_groups(new_group(empty_frame(GROUP_COLUMNS), "A", "chamber", 100, 1, ""))
    >>> group_edits(shown, {0: {"annual_cost": 250}})[["group_id", "annual_cost"]].values.tolist()
    [['g:a', 250.0]]
    """
    rows = []
    for pos, change in edited_rows.items():
        row = {**shown.iloc[int(pos)].to_dict(), **change}
        rows.append(group_row(row["name"], row["type"], row["annual_cost"], row["hours_per_month"],
                              row["joined_on"], gid=row["group_id"]))
    return groups_frame(rows)


def manual_entry(day: Any, contact_id: str, gid: str, kind: str, direction: str, value: Any,
                 note: str = "", existing: pd.DataFrame | None = None) -> pd.DataFrame:
    """A one-row ledger frame from the entry form; InputError names the first bad field. An entry equal
    to one already in `existing` gets its own id (two equal one-to-ones on one day stay two).

    >>> one = manual_entry("2026-03-01", "in:ann", "g:bni", "one_to_one", "out", 0, "")
    >>> one["kind"].tolist(), (manual_entry("2026-03-01", "in:ann", "g:bni", "one_to_one", "out", 0, "",
    ...                                     existing=one)["entry_id"] != one["entry_id"]).all()
    (['one_to_one'], np.True_)
    >>> manual_entry("2026-03-01", "", "", "referral", "out", 0)
    Traceback (most recent call last):
    analytics.errors.InputError: ledger entry: choose a contact
    """
    entry = ledger_frame([entry_row(day, contact_id, gid, kind, direction, value, note)])
    if existing is None or existing.empty:
        return entry
    both = pd.concat([existing[LEDGER_COLUMNS], entry], ignore_index=True)
    both["group_id"] = both["group_id"].fillna("")
    both["note"] = both["note"].fillna("")
    return entry.assign(entry_id=entry_ids(both).iloc[-1])


def entry_row(day: Any, contact_id: Any, gid: Any, kind: Any, direction: Any, value: Any,
              note: Any) -> dict[str, Any]:
    """One validated ledger row (without entry_id); labels like "Given" or "TYFCB" are understood."""
    when = parse_day(day)
    kind = text(kind) if text(kind) in LEDGER_KINDS else normalize_kind(kind)
    direction = text(direction) if text(direction) in DIRECTIONS else normalize_direction(direction)
    amount = parse_amount(value)
    why = (_("choose a contact") if not text(contact_id)
           else _("the date is missing or not a date") if when is None
           else _("kind must be one of {kinds}").format(kinds=", ".join(LEDGER_KINDS)) if not kind
           else _("direction must be given or received") if not direction
           else _("value must be a number of 0 or more") if amount is None or amount < 0 or amount != amount
           else "")
    if why:
        raise InputError(_("ledger entry"), why)
    return {"date": when, "contact_id": text(contact_id), "group_id": text(gid), "kind": kind,
            "direction": direction, "value": amount, "note": text(note)}


LEDGER_TABLE_COLUMNS = ["entry_id", "contact_id", "date", "contact", "group", "kind", "direction", "value",
                        "note"]


def ledger_table(entries: pd.DataFrame, names: pd.Series, group_names: pd.Series) -> pd.DataFrame:
    """Ledger entries as the editable table shows them, newest first: names instead of ids, dates as days.

    `names`: contact_id -> name; `group_names`: group_id -> name.

    >>> e = manual_entry("2026-03-01", "in:ann", "g:bni", "referral", "out", 0)
    >>> shown = ledger_table(e, pd.Series({"in:ann": "Ann"}), pd.Series({"g:bni": "BNI"}))
    >>> shown[["contact", "group"]].values.tolist()
    [['Ann', 'BNI']]
    """
    names, group_names = names.to_dict(), group_names.to_dict()
    frame = entries.assign(date=entries["date"].dt.date,
                           contact=[names.get(c, c) for c in entries["contact_id"]],
                           group=[group_names.get(g, g) for g in entries["group_id"].fillna("")])
    frame = frame.sort_values("date", ascending=False, kind="stable")
    return frame[LEDGER_TABLE_COLUMNS].reset_index(drop=True)


def ledger_edits(shown: pd.DataFrame, edited_rows: dict, group_ids: dict[str, str]) -> pd.DataFrame:
    """Validated ledger rows (entry_id kept) from a data_editor's `edited_rows` over `ledger_table`
    rows; `group_ids`: group name -> group_id ("" for no group).

    >>> e = manual_entry("2026-03-01", "in:ann", "", "referral", "out", 0)
    >>> shown = ledger_table(e, pd.Series({"in:ann": "Ann"}), pd.Series(dtype=object))
    >>> got = ledger_edits(shown, {0: {"value": 900, "kind": "closed_business"}}, {})
    >>> got[["kind", "value"]].values.tolist(), bool((got["entry_id"] == e["entry_id"]).all())
    ([['closed_business', 900.0]], True)
    """
    rows = []
    for pos, change in edited_rows.items():
        row = {**shown.iloc[int(pos)].to_dict(), **change}
        group = text(row["group"])
        if group and group not in group_ids and group not in group_ids.values():
            raise InputError(_("ledger entry"), _("unknown group {name!r}").format(name=group))
        rows.append({**entry_row(row["date"], row["contact_id"], group_ids.get(group, group), row["kind"],
                                 row["direction"], row["value"], row["note"]), "entry_id": row["entry_id"]})
    if not rows:
        return empty_frame(LEDGER_COLUMNS)
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"], utc=True).astype("datetime64[ns, UTC]")
    return frame.astype({"value": "float64"})[LEDGER_COLUMNS]


def problems_table(problems: list[RowProblem]) -> pd.DataFrame:
    """Skipped rows of an import as a table: file, sheet, row, reason (column codes: the page names them).

    >>> problems_table([RowProblem("l.xlsx", "Activities", 7, "bad date")]).values.tolist()
    [['l.xlsx', 'Activities', 7, 'bad date']]
    """
    return pd.DataFrame([vars(p) for p in problems], columns=["file", "sheet", "row", "reason"])


def groups_to_save(imported: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Imported groups minus the placeholders (no cost, no hours, no join date: a group named only in
    activity rows or a BNI report) for groups that exist already, so an import never wipes their costs.

    >>> known = new_group(empty_frame(GROUP_COLUMNS), "BNI Oost", "referral_group", 1200, 8, "2025-01-01")
    >>> placeholder = new_group(empty_frame(GROUP_COLUMNS), "BNI Oost", "referral_group", 0, 0, "")
    >>> len(groups_to_save(placeholder, known)), len(groups_to_save(placeholder, empty_frame(GROUP_COLUMNS)))
    (0, 1)
    """
    blank = ((imported["annual_cost"].fillna(0) == 0) & (imported["hours_per_month"].fillna(0) == 0)
             & imported["joined_on"].isna())
    return imported[~(blank & imported["group_id"].isin(existing["group_id"]))].reset_index(drop=True)
