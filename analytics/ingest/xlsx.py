""".xlsx workbooks -> rows of cell values, bounded by the cells actually present.

openpyxl's read-only sheets pad every row to the width the sheet's <dimension> claims and every gap
to its height, so a 2 KB file claiming A1:XFD1048576 asks for 17 billion cells. Here each sheet is
streamed with openpyxl's own parser and only cells holding a value count: a value beyond
MAX_COLUMNS, a row beyond MAX_ROWS, more than MAX_CELLS values or an unpacked size above
MAX_WORKBOOK_BYTES is refused with one line naming the limit. Blank rows are one shared empty list.

Example:
    >>> import io, openpyxl
    >>> wb = openpyxl.Workbook(); wb.active.title = "People"
    >>> wb.active.append(["Name", None, "E-mail"]); wb.active["B3"] = "x"
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> read_sheets("c.xlsx", buf.getvalue())
    {'People': [['Name', None, 'E-mail'], [], [None, 'x']]}
"""

from __future__ import annotations

import io
from typing import Any

from analytics.errors import InputError
from analytics.i18n import _, number
from analytics.ingest.archive import check_ratio, open_zip
from analytics.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_WORKBOOK_BYTES

_BLANK: list[Any] = []  # shared by every blank row: read-only


def _sheet_rows(name: str, book, ws, budget: list[int]) -> list[list[Any]]:
    from openpyxl.worksheet._reader import WorkSheetParser

    rows: list[list[Any]] = []
    last = 0
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for index, cells in parser.parse():
            if index > MAX_ROWS:
                raise InputError(name, _("sheet {sheet} has a row {row}, beyond the limit of {limit} "
                                         "rows").format(sheet=repr(ws.title), row=number(index),
                                                        limit=number(MAX_ROWS)))
            last = max(last, index)
            values = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
            if not values:
                continue
            width = max(col for col, _ in values)
            if width > MAX_COLUMNS:
                raise InputError(name, _("sheet {sheet} has a value in column {column}, beyond the limit of "
                                         "{limit} columns").format(sheet=repr(ws.title), column=number(width),
                                                                   limit=number(MAX_COLUMNS)))
            budget[0] -= len(values)
            if budget[0] < 0:
                raise InputError(name, _("the workbook holds more than {limit} cells (the limit)").format(
                    limit=number(MAX_CELLS)))
            row: list[Any] = [None] * width
            for col, value in values:
                row[col - 1] = value
            rows.extend([_BLANK] * (index - 1 - len(rows)))
            rows.append(row)
    return rows + [_BLANK] * (last - len(rows))


def read_sheets(name: str, data: bytes) -> dict[str, list[list[Any]]]:
    """Sheet title -> rows of cell values (None for blanks, trailing blanks cut) of every worksheet."""
    import openpyxl  # deferred: only workbooks pay for it

    members = open_zip(name, data).infolist()
    check_ratio(name, members)
    unpacked = sum(i.file_size for i in members)
    if unpacked > MAX_WORKBOOK_BYTES:
        raise InputError(name, _("the workbook unpacks to {mib} MiB, above the limit of {limit} MiB").format(
            mib=number(unpacked >> 20), limit=number(MAX_WORKBOOK_BYTES >> 20)))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise InputError(name, _("could not open the Excel workbook ({error})").format(
            error=type(exc).__name__)) from None
    budget = [MAX_CELLS]
    sheets: dict[str, list[list[Any]]] = {}
    try:
        for ws in book.worksheets:
            try:
                sheets[ws.title] = _sheet_rows(name, book, ws, budget)
            except InputError:
                raise
            except Exception as exc:  # text in a number cell, a bad cell reference, a forbidden entity
                reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
                raise InputError(name, _("sheet {sheet} is unreadable ({error})").format(
                    sheet=repr(ws.title), error=reason)) from None
    finally:
        book.close()
    return sheets
