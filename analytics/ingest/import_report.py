"""The import report as people read it: one row per file, reasons spelt out, dates as dates.

Example:
    >>> from analytics.model import FileReport
    >>> day = pd.Timestamp("2020-01-05", tz="UTC")
    >>> f = FileReport("Connections.csv", "connections", rows=3, date_min=day, date_max=day)
    >>> f.skip("no name", 2)
    >>> import_table([f]).to_dict("records")[0]["Why skipped"], import_table([f])["From"].tolist()
    ('2 no name', ['2020-01-05'])
"""

from __future__ import annotations

import pandas as pd

from analytics.model import FileReport

IMPORT_COLUMNS = ["File", "Kind", "Rows read", "Skipped", "Why skipped", "From", "To", "What was read"]


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _reasons(reasons: dict[str, int]) -> str:
    return "; ".join(f"{n:,} {reason}" for reason, n in reasons.items())


def import_table(files: list[FileReport]) -> pd.DataFrame:
    """The per-file import report (columns IMPORT_COLUMNS; "What was read" says it for address books,
    calendars and mailboxes, e.g. "headers of 1,204 messages ...; bodies not read"; blank for tables)."""
    return pd.DataFrame([[f.file, f.kind, f.rows, f.skipped, _reasons(f.reasons), _day(f.date_min),
                          _day(f.date_max), f.read] for f in files], columns=IMPORT_COLUMNS)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """`Store.import_history()` as When / Files / Rows read / Skipped, newest first.

    >>> history = pd.DataFrame({"id": [1], "at": ["2026-11-20T09:15:02+00:00"],
    ...     "files": [[{"file": "a.zip/Connections.csv", "rows": 5, "skipped": 1}]]})
    >>> history_table(history).values.tolist()
    [['2026-11-20 09:15', 'a.zip/Connections.csv', 5, 1]]
    """
    return pd.DataFrame({
        "When": pd.to_datetime(history["at"], utc=True).dt.strftime("%Y-%m-%d %H:%M"),
        "Files": history["files"].map(lambda fs: ", ".join(f["file"] for f in fs)),
        "Rows read": history["files"].map(lambda fs: sum(f["rows"] for f in fs)),
        "Skipped": history["files"].map(lambda fs: sum(f["skipped"] for f in fs)),
    }).iloc[::-1].reset_index(drop=True)
