"""Shared test builders: tiny inline tables and files, so a test states its input next to its answer."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
from openpyxl import Workbook

from analytics.model import (
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    Network,
    Owner,
    empty_frame,
)

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


def zipped(members: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of `members` (name -> text or bytes), deflated unless `method` says otherwise.

    >>> len(zipped({"Connections.csv": "First Name\\n"})) > 0
    True
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def utc(text: str | None) -> pd.Timestamp:
    """A UTC day from text; NaT for None."""
    return pd.NaT if text is None else pd.Timestamp(text, tz="UTC")


def frame(columns: list[str], rows: list[tuple] | list[dict], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame of `rows` (tuples or dicts) with `columns`, the `dates` columns read as UTC; trailing
    columns a tuple leaves out are blank ("")."""
    width = max((len(r) for r in rows if isinstance(r, tuple)), default=len(columns))
    out = pd.DataFrame(rows, columns=columns if rows and isinstance(rows[0], dict) else columns[:width])
    out = out.reindex(columns=columns, fill_value="")
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


#: Names and texts that must never run: a formula, a CSV-injection company, script and markup.
FORMULA_NAME = '=HYPERLINK("http://x")'
FORMULA_COMPANY = "+cmd|' /C calc'!A0"
XSS_NAME = "</script><script>alert(1)</script>"
XSS_GROUP = "<img src=x onerror=alert(2)>"


def hostile_network() -> Network:
    """Four contacts (two hostile), messages, a meeting and a ledger with two groups."""
    contacts = frame(CONTACT_COLUMNS, [
        ("ann", "Ann", "Lee", "Ann Lee", "", "", "Acme", "Owner", "2024-01-01"),
        ("bad", "=HYPERLINK(", '"http://x")', FORMULA_NAME, "", "", FORMULA_COMPANY, "@SUM(1)", "2026-02-01"),
        ("xss", "x", "y", XSS_NAME, "", "", "<img src=x onerror=alert(1)>", "\x07Boss", "2026-03-01"),
        ("bob", "Bob", "Stone", "Bob Stone", "", "", "Stone BV", "Consultant", "2026-05-01"),
    ], ("connected_on",))
    interactions = frame(INTERACTION_COLUMNS, [
        ("ann", "2026-02-10", "message", "out", "Hi Ann, how are you?", "c1"),
        ("ann", "2026-02-11", "message", "in", "Fine!", "c1"),
        ("ann", "2026-05-10", "message", "out", "Hi Ann Lee, could you introduce me to your boss?", "c1"),
        ("ann", "2026-05-12", "message", "in", "Sure", "c1"),
        ("bad", "2026-02-02", "message", "out", "=cmd Our services: free consultation \x07 today", "c2"),
        ("bob", "2026-05-15", "meeting", "out", "", ""),
        ("bob", "2026-05-20", "message", "out", "Hi Bob, could you introduce me to Stone BV's boss?", "c3"),
    ], ("date",))
    groups = frame(GROUP_COLUMNS, [
        ("g:bni", "BNI Test", "referral_group", 1200.0, 4.0, "2025-07-01"),
        ("g:ch", XSS_GROUP, "chamber", 600.0, 1.0, "2025-07-01"),
    ], ("joined_on",))
    ledger = frame(LEDGER_COLUMNS, [
        ("e1", "2026-05-20", "ann", "g:bni", "referral", "in", 0.0, ""),
        ("e2", "2026-06-01", "ann", "g:bni", "closed_business", "in", 3000.0, "=1+1 \x07 bell"),
        ("e3", "2026-02-15", "ann", "g:ch", "closed_business", "in", 1000.0, ""),
        ("e4", "2026-03-01", "bad", "g:ch", "referral", "out", 0.0, "@note"),
        ("e5", "2026-05-05", "bob", "g:bni", "one_to_one", "out", 0.0, ""),
        ("e6", "2026-06-10", "xss", "g:bni", "referral", "in", 0.0, ""),
    ], ("date",))
    return Network(owner=Owner("Olga Owner", ""), contacts=contacts, interactions=interactions, groups=groups,
                   ledger=ledger, settings={"hourly_rate": 50.0})


#: The as-of date of `synthetic` networks (and of tests/test_depth.py).
SYNTHETIC_AS_OF = pd.Timestamp("2024-06-01", tz="UTC")


def synthetic(n_contacts: int, n_talkers: int) -> Network:
    """n_contacts connections 900 days before SYNTHETIC_AS_OF (vectorised); the first n_talkers exchange
    a message every month."""
    ids = np.array([f"c{i}" for i in range(n_contacts)], dtype=object)
    months = np.arange(12)
    who = np.repeat(np.arange(n_talkers), 2 * len(months))
    ago = np.tile(np.repeat(months * 30 + 3, 2) + np.tile([1, 0], len(months)), n_talkers)
    net = Network()
    net.contacts = model_frame(CONTACT_COLUMNS, contact_id=list(ids),
                               connected_on=[SYNTHETIC_AS_OF - pd.Timedelta(days=900)] * n_contacts)
    net.interactions = model_frame(INTERACTION_COLUMNS, contact_id=list(ids[who]),
                                   date=list(SYNTHETIC_AS_OF - pd.to_timedelta(ago, unit="D")),
                                   channel=["message"] * len(who),
                                   direction=list(np.tile(["out", "in"], len(who) // 2)))
    return net
