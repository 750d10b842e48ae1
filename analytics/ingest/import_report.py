"""The import report as people read it, in the language in use: one row per file, reasons spelt out,
dates as dates.

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

from analytics import i18n
from analytics.i18n import N_, _
from analytics.model import FileReport

#: The report's column headers (shown translated: `import_columns`).
IMPORT_COLUMNS = [N_("File"), N_("Kind"), N_("Rows read"), N_("Skipped"), N_("Why skipped"), N_("From"),
                  N_("To"), N_("What was read")]
#: The import history's column headers (shown translated).
HISTORY_COLUMNS = [N_("When"), N_("Files"), N_("Rows read"), N_("Skipped")]


def import_columns() -> list[str]:
    """`IMPORT_COLUMNS` in the language in use (a page addresses the report's columns by these).

    >>> with i18n.use("de"):
    ...     import_columns()[2]
    'Gelesene Zeilen'
    """
    return [_(c) for c in IMPORT_COLUMNS]


def _reasons(reasons: dict[str, int]) -> str:
    # TRANSLATORS: one skip reason with how many rows it skipped, e.g. "2 no name"
    return "; ".join(_("{n} {reason}").format(n=i18n.number(n), reason=reason)
                     for reason, n in reasons.items())


def import_table(files: list[FileReport]) -> pd.DataFrame:
    """The per-file import report (columns IMPORT_COLUMNS; "What was read" says it for address books,
    calendars and mailboxes, e.g. "headers of 1,204 messages ...; bodies not read"; blank for tables)."""
    return pd.DataFrame([[f.file, f.kind, f.rows, f.skipped, _reasons(f.reasons), i18n.date(f.date_min),
                          i18n.date(f.date_max), f.read] for f in files], columns=import_columns())


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """`Store.import_history()` as When / Files / Rows read / Skipped (in the language in use), newest
    first.

    >>> history = pd.DataFrame({"id": [1], "at": ["2026-11-20T09:15:02+00:00"],
    ...     "files": [[{"file": "a.zip/Connections.csv", "rows": 5, "skipped": 1}]]})
    >>> history_table(history).values.tolist()
    [['2026-11-20 09:15', 'a.zip/Connections.csv', 5, 1]]
    """
    when = pd.to_datetime(history["at"], utc=True)
    return pd.DataFrame(dict(zip([_(c) for c in HISTORY_COLUMNS], [
        i18n.dates(when) + " " + when.dt.strftime("%H:%M"),
        history["files"].map(lambda fs: ", ".join(f["file"] for f in fs)),
        history["files"].map(lambda fs: sum(f["rows"] for f in fs)),
        history["files"].map(lambda fs: sum(f["skipped"] for f in fs)),
    ], strict=True))).iloc[::-1].reset_index(drop=True)
