"""Shared test builders: tiny inline tables and files, so a test states its input next to its answer."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

#: Five contacts for the ledger and roster readers: a URL, a folded name, an accented name, two namesakes.
LEDGER_CONTACTS = pd.DataFrame({
    "contact_id": ["in:ann-lee", "name:bob stone", "name:jose garcia", "in:kim-1", "in:kim-2"],
    "name": ["Ann Lee", "Bob Stone", "José García", "Kim Park", "Kim Park"],
    "url": ["https://www.linkedin.com/in/ann-lee", "", "", "https://www.linkedin.com/in/kim-1",
            "https://www.linkedin.com/in/kim-2"],
})


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx workbook holding `sheets` (title -> rows), in that order."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
