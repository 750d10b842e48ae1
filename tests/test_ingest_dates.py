"""Every date layout seen in LinkedIn exports and contact files parses to UTC; the rest is NaT."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics.ingest.dates import DAY_FIRST, MONTH_FIRST, parse_dates, parse_day, slash_order
from analytics.ingest.ledger_workbook import read_ledger


@pytest.mark.parametrize(("text", "expected"), [
    ("15 Mar 2023", "2023-03-15"),  # Connections
    ("05 Jun 1833", "1833-06-05"),  # silkyrich endorsements/recommendations
    ("1/8/18, 6:14 PM", "2018-01-08 18:14"),  # 2018 Connections
    ("11/16/21, 9:40 AM", "2021-11-16 09:40"),  # Invitations
    ("12/09/22, 07:18 PM", "2022-12-09 19:18"),  # Recommendations
    ("2021/09/14 12:18:19 UTC", "2021-09-14 12:18:19"),  # Endorsements
    ("2024-01-15 09:30:00 UTC", "2024-01-15 09:30"),  # messages
    ("2024-01-15 09:30:00", "2024-01-15 09:30"),  # messages without a zone
    ("2023-03-15 09:30:00", "2023-03-15 09:30"),  # an Excel date cell as text
    ("15. März 2023", "2023-03-15"),
    ("15 mars 2023", "2023-03-15"),
    ("15 okt 2023", "2023-10-15"),
    ("15 dic 2023", "2023-12-15"),
    ("15.03.2023", "2023-03-15"),
    # days 1-3 are checked against roll-over; real ones must survive it
    ("01 Mar 2023", "2023-03-01"),
    ("1 March 2023", "2023-03-01"),
    ("3/2/25, 12:05 AM", "2025-03-02 00:05"),
    ("29 Feb 2024", "2024-02-29"),
    ("2. Dezember 2023", "2023-12-02"),
    ("  2 Mar 2023 ", "2023-03-02"),
])
def test_known_layouts(text, expected):
    assert parse_dates(pd.Series([text])).iloc[0] == pd.Timestamp(expected, tz="UTC")


@pytest.mark.parametrize("text", ["", "soon", "13/45/22, 9:00 AM", "0001-01-01 00:00:00", "15 Foo 2023",
                                  # impossible days: strptime alone rolls them into the next month
                                  "31 Feb 2023", "29 Feb 2023", "2/30/25, 2:37 PM", "31.04.2023",
                                  "2024-02-30"])
def test_unreadable_values_are_nat(text):
    assert pd.isna(parse_dates(pd.Series([text])).iloc[0])


def test_index_and_dtype_are_kept():
    got = parse_dates(pd.Series(["15 Mar 2023", "15 Mar 2023", "x"], index=[7, 8, 9]))
    assert list(got.index) == [7, 8, 9] and str(got.dtype) == "datetime64[ns, UTC]"
    assert got.isna().tolist() == [False, False, True]


@pytest.mark.parametrize(("column", "default", "expected"), [
    (["05/03/2026", "25/03/2026"], MONTH_FIRST, "2026-03-05"),   # 25/03 proves day first for the file
    (["05/03/2026", "03/25/2026"], DAY_FIRST, "2026-05-03"),     # 03/25 proves month first
    (["05/03/2026"], DAY_FIRST, "2026-03-05"),                   # nothing proven: the source decides
    (["05/03/2026"], MONTH_FIRST, "2026-05-03"),
    (["05.03.2026", "03/25/2026"], DAY_FIRST, "2026-03-05"),     # dots are always day first
])
def test_one_reader_decides_day_month_order_per_file(column, default, expected):
    assert parse_dates(pd.Series(column), default).iloc[0] == pd.Timestamp(expected, tz="UTC")
    order = slash_order(column, default)
    assert parse_day(column[0], order) == pd.Timestamp(expected, tz="UTC")  # cell by cell: the same


def test_the_ledger_reads_its_dates_with_the_same_reader():
    rows = ["Date,Contact,Group,Kind,Direction", "05/03/2026,Ann,G,Referral,Given",
            "03/25/2026,Ann,G,Referral,Given"]
    contacts = pd.DataFrame({"contact_id": ["a"], "name": ["Ann"], "first_name": ["Ann"], "last_name": [""],
                             "company": [""], "url": [""], "email": [""], "position": [""],
                             "connected_on": pd.to_datetime([None], utc=True)})
    found = read_ledger([("activities.csv", "\n".join(rows).encode())], contacts)
    assert sorted(found.ledger["date"].dt.strftime("%Y-%m-%d")) == ["2026-03-25", "2026-05-03"]
