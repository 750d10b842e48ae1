"""The import report and history as the Import page shows them."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.ingest import history_table, import_table
from analytics.model import FileReport

DAY = pd.Timestamp("2024-03-01 17:45", tz="UTC")


@pytest.mark.parametrize(("reasons", "date_min", "expected"), [
    ({}, None, ("", "")),
    ({"no date": 3}, DAY, ("3 no date", "2024-03-01")),
    ({"draft": 1, "unparseable date": 1200}, DAY, ("1 draft; 1,200 unparseable date", "2024-03-01")),
])
def test_import_table_spells_out_reasons_and_dates(reasons, date_min, expected):
    report = FileReport("messages.csv", "messages", rows=10, date_min=date_min, date_max=date_min)
    for reason, n in reasons.items():
        report.skip(reason, n)
    row = import_table([report]).iloc[0]
    assert (row["Why skipped"], row["From"]) == expected
    assert row["Skipped"] == sum(reasons.values())


def test_history_is_newest_first_with_totals():
    history = pd.DataFrame({"id": [1, 2], "at": ["2026-01-01T08:00:00+00:00", "2026-02-01T09:30:00+00:00"],
                            "files": [[{"file": "a.csv", "rows": 4, "skipped": 0}],
                                      [{"file": "b.csv", "rows": 2, "skipped": 1},
                                       {"file": "c.csv", "rows": 3, "skipped": 0}]]})
    assert history_table(history).values.tolist() == [["2026-02-01 09:30", "b.csv, c.csv", 5, 1],
                                                      ["2026-01-01 08:00", "a.csv", 4, 0]]
