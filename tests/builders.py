"""Shared test builders: tiny inline tables and files, so a test states its input next to its answer."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from openpyxl import Workbook

from analytics.model import empty_frame

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


def utc(text: str | None) -> pd.Timestamp:
    """A UTC day from text; NaT for None."""
    return pd.NaT if text is None else pd.Timestamp(text, tz="UTC")


def frame(columns: list[str], rows: list[tuple] | list[dict], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame of `rows` (tuples or dicts) with `columns`, the `dates` columns read as UTC."""
    out = pd.DataFrame(rows, columns=columns)
    for col in dates:
        out[col] = pd.to_datetime(out[col], utc=True)
    return out


def model_frame(columns: list[str], **values: list) -> pd.DataFrame:
    """A model frame with `values` filled in and "" / NaN / NaT elsewhere."""
    n = len(next(iter(values.values())))
    dtypes = empty_frame(columns).dtypes
    df = pd.DataFrame({c: values.get(c, [""] * n if dtypes[c] is np.dtype(object) else [None] * n)
                       for c in columns})
    dates = [c for c, t in dtypes.items() if isinstance(t, pd.DatetimeTZDtype)]
    utc = {c: pd.to_datetime(df[c], utc=True) for c in dates}
    return df.astype(dtypes.drop(dates).to_dict()).assign(**utc)
