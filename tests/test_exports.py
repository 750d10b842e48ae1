"""Exports: call lists (formula-looking text neutralised in CSV, stored as text in .xlsx) and the ledger
template (reads back as one example of each sheet)."""

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import action_plan, exports
from analytics.exports import call_list_csv, call_list_xlsx
from analytics.ingest.ledger_workbook import read_ledger


def calls() -> pd.DataFrame:
    return pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "Zoë"], "score": [120.0, -3.0],
                         "due_on": [pd.Timestamp("2026-06-15", tz="UTC"), pd.NaT],
                         "why": ["-2 deals\x0b", "fine"]})


def test_call_list_csv_round_trip():
    data = call_list_csv(calls())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Name", "Score", "Call due", "Why now"],
                    ["'=HYPERLINK(\"http://x\")", "120.0", "2026-06-15", "'-2 deals"],
                    ["Zoë", "-3.0", "", "fine"]]


def test_call_list_xlsx_stores_text_as_text_and_numbers_as_numbers():
    ws = load_workbook(io.BytesIO(call_list_xlsx(calls()))).active
    header, first, second = ws.iter_rows(min_row=1, max_row=3)
    assert [c.value for c in header] == ["Name", "Score", "Call due", "Why now"]
    assert (first[0].value, first[0].data_type) == ("=HYPERLINK(\"http://x\")", "s")
    assert (first[1].value, first[1].data_type) == (120, "n")
    assert (first[2].value, first[3].value) == ("2026-06-15", "-2 deals")
    assert (second[0].value, second[2].value) == ("Zoë", None)
    assert first[0].quotePrefix and not second[0].quotePrefix


def test_template_round_trip_and_text_cells():
    data = exports.template_workbook()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Instructions", "Groups", "Members", "Activities"]
    assert wb["Groups"]["A1"].font.bold and wb["Groups"]["A2"].data_type == "s"
    contacts = pd.DataFrame({"contact_id": ["in:example-member"], "name": ["Example Member"],
                             "url": ["https://www.linkedin.com/in/example-member"]})
    got = read_ledger([("template.xlsx", data)], contacts)
    assert got.problems == []
    assert got.groups[["type", "annual_cost", "hours_per_month"]].values.tolist() == [
        ["referral_group", 1200.0, 8.0]]
    assert got.members.values.tolist() == [["in:example-member", "g:bni example chapter"]]
    assert got.ledger[["date", "kind", "direction", "value"]].values.tolist() == [
        [pd.Timestamp("2025-02-03", tz="UTC"), "closed_business", "in", 1500.0]]


@pytest.mark.parametrize(("frame", "expected"), [
    (pd.DataFrame(columns=action_plan.CALL_LIST_COLUMNS),
     ["Plan step", "Name", "Company", "Position", "Call due", "What to do", "Why now"]),
    (pd.DataFrame(columns=action_plan.MAILING_COLUMNS[1:]),
     ["Name", "First name", "Last name", "Email", "Company", "Consent"]),
])
def test_downloaded_lists_carry_headers_in_words(frame: pd.DataFrame, expected: list[str]) -> None:
    assert call_list_csv(frame).decode("utf-8-sig").splitlines() == [",".join(expected)]
    ws = load_workbook(io.BytesIO(call_list_xlsx(frame))).active
    assert [c.value for c in next(ws.iter_rows(max_row=1))] == expected
