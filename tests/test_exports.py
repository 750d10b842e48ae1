"""Call-list exports: formula-looking text is neutralised in CSV and stored as text in .xlsx."""

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from analytics.exports import call_list_csv, call_list_xlsx


def calls() -> pd.DataFrame:
    return pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "Zoë"], "score": [120.0, -3.0],
                         "due_on": [pd.Timestamp("2026-06-15", tz="UTC"), pd.NaT],
                         "why": ["-2 deals\x0b", "fine"]})


def test_call_list_csv_round_trip():
    data = call_list_csv(calls())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["name", "score", "due_on", "why"],
                    ["'=HYPERLINK(\"http://x\")", "120.0", "2026-06-15", "'-2 deals"],
                    ["Zoë", "-3.0", "", "fine"]]


def test_call_list_xlsx_stores_text_as_text_and_numbers_as_numbers():
    ws = load_workbook(io.BytesIO(call_list_xlsx(calls()))).active
    header, first, second = ws.iter_rows(min_row=1, max_row=3)
    assert [c.value for c in header] == ["name", "score", "due_on", "why"]
    assert (first[0].value, first[0].data_type) == ("=HYPERLINK(\"http://x\")", "s")
    assert (first[1].value, first[1].data_type) == (120, "n")
    assert (first[2].value, first[3].value) == ("2026-06-15", "-2 deals")
    assert (second[0].value, second[2].value) == ("Zoë", None)
    assert first[0].quotePrefix and not second[0].quotePrefix
