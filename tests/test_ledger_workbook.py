"""Ledger workbook / CSV import, roster import and the template: tiny inline files, known answers."""

import csv
from datetime import date

import pandas as pd
import pytest

from analytics.errors import InputError
from analytics.ingest import ledger_workbook
from tests.builders import LEDGER_CONTACTS as CONTACTS
from tests.builders import xlsx

WORKBOOK = {
    "GROUPS": [["name", "TYPE", "annual cost", "Hours Per Month", "joined on", "Comment"],
               ["BNI Domstad Utrecht", "BNI", 1200, 8, date(2025, 1, 1), "ignored"],
               ["IHK Köln", "Chamber of commerce", "€ 1.200,50", "2", "15/03/2024", ""]],
    "members": [["Group", "Contact"], ["BNI Domstad Utrecht", "linkedin.com/in/Ann-Lee/"],
                ["BNI Domstad Utrecht", "bob  STONE"], ["IHK Köln", "Jose Garcia"]],
    "Activities": [["Date", "Contact", "Group", "Kind", "Direction", "Value", "Note"],
                   [date(2025, 2, 3), "Ann Lee", "BNI Domstad Utrecht", "TYFCB", "Received", 1500, "site"],
                   ["2025-02-04", "Bob Stone", "BNI Domstad Utrecht", "1-2-1", "given", None, ""],
                   ["04.02.2025", "Bob Stone", "BNI Domstad Utrecht", "One to One", "given", "", ""],
                   ["2025-02-05", "Nobody Here", "BNI Domstad Utrecht", "referral", "given", 0, ""],
                   ["2025-02-31", "Ann Lee", "BNI Domstad Utrecht", "referral", "given", 0, ""],
                   ["2025-02-06", "Ann Lee", "BNI Domstad Utrecht", "referral", "received", -5, ""],
                   ["2025-02-07", "Ann Lee", "BNI Domstad Utrecht", "dinner", "given", 0, ""],
                   ["2025-02-08", "Kim Park", "BNI Domstad Utrecht", "referral", "given", 0, ""],
                   ["2025-02-09", "Ann Lee", "Founders Drinks", "introduction", "given", 0, ""]],
}


def test_workbook_import_case_insensitive_and_typed():
    got = ledger_workbook.read_ledger([("ledger.xlsx", xlsx(WORKBOOK))], CONTACTS)
    groups = got.groups.set_index("group_id")
    assert list(groups.index) == ["g:bni domstad utrecht", "g:ihk koln", "g:founders drinks"]
    assert groups["type"].tolist() == ["referral_group", "chamber", "informal"]
    assert groups.loc["g:ihk koln", "annual_cost"] == 1200.5
    assert groups.loc["g:ihk koln", "joined_on"] == pd.Timestamp("2024-03-15", tz="UTC")
    assert sorted(got.members.itertuples(index=False, name=None)) == [
        ("in:ann-lee", "g:bni domstad utrecht"), ("name:bob stone", "g:bni domstad utrecht"),
        ("name:jose garcia", "g:ihk koln")]
    led = got.ledger
    assert led[["contact_id", "kind", "direction", "value"]].values.tolist() == [
        ["in:ann-lee", "closed_business", "in", 1500.0], ["name:bob stone", "one_to_one", "out", 0.0],
        ["name:bob stone", "one_to_one", "out", 0.0], ["in:ann-lee", "introduction", "out", 0.0]]
    assert led["entry_id"].nunique() == 4  # two equal one-to-ones on one day stay two entries
    assert str(led["date"].dtype) == "datetime64[ns, UTC]"


def test_bad_rows_reported_with_row_numbers_never_fatal():
    got = ledger_workbook.read_ledger([("ledger.xlsx", xlsx(WORKBOOK))], CONTACTS)
    problems = {(p.sheet, p.row): p.reason for p in got.problems}
    assert problems == {("Activities", 5): "unknown contact", ("Activities", 6): "bad date",
                        ("Activities", 7): "negative value", ("Activities", 8): "unknown kind 'dinner'",
                        ("Activities", 9): "ambiguous name: use the profile URL"}
    report = got.files[0]
    assert (report.rows, report.skipped) == (2 + 3 + 4, 5)
    assert any("Founders Drinks" in w for w in report.warnings)


def test_reimport_gives_same_entry_ids():
    first = ledger_workbook.read_ledger([("a.xlsx", xlsx(WORKBOOK))], CONTACTS).ledger["entry_id"].tolist()
    again = ledger_workbook.read_ledger([("b.xlsx", xlsx(WORKBOOK))], CONTACTS).ledger["entry_id"].tolist()
    assert first == again


@pytest.mark.parametrize("names", [("groups.csv", "members.csv", "activities.csv"),
                                   ("g.csv", "m.csv", "a.csv")])  # detected by headers
def test_one_csv_per_sheet(names):
    files = [(names[0], b"Name;Type;Annual Cost\nBNI Domstad;Referral group;900\n"),
             (names[1], b"Group,Contact\nBNI Domstad,Ann Lee\n"),
             (names[2], b"\xef\xbb\xbfDate,Contact,Group,Kind,Direction,Value\n"
                        b"2025-03-01,Ann Lee,BNI Domstad,Thank you for closed business,received,"
                        b"\"1,250.00\"\n")]
    got = ledger_workbook.read_ledger(list(reversed(files)), CONTACTS)  # groups still read first
    assert got.groups[["name", "type", "annual_cost"]].values.tolist() == [
        ["BNI Domstad", "referral_group", 900.0]]
    assert got.members.values.tolist() == [["in:ann-lee", "g:bni domstad"]]
    assert got.ledger[["kind", "value", "group_id"]].values.tolist() == [
        ["closed_business", 1250.0, "g:bni domstad"]]
    assert all(not r.warnings for r in got.files)


def test_file_without_ledger_sheet_warns_and_damaged_workbook_raises():
    got = ledger_workbook.read_ledger([("x.csv", b"foo,bar\n1,2\n")], CONTACTS)
    assert got.ledger.empty and got.files[0].warnings
    with pytest.raises(InputError, match=r"broken\.xlsx"):
        ledger_workbook.read_ledger([("broken.xlsx", b"PK\x03\x04 not really")], CONTACTS)


@pytest.mark.parametrize(("label", "kind"), [
    ("1-2-1", "one_to_one"), ("One to One", "one_to_one"), ("one-to-one", "one_to_one"),
    ("TYFCB", "closed_business"), ("closed_business", "closed_business"), ("Intro", "introduction"),
    ("lunch", "")])
def test_kind_variants(label, kind):
    assert ledger_workbook.normalize_kind(label) == kind


@pytest.mark.parametrize(("label", "gtype"), [
    ("Chamber of commerce", "chamber"), ("BNI", "referral_group"), ("Referral group", "referral_group"),
    ("Online group", "online"), ("referral_group", "referral_group"), ("Golf", "")])
def test_group_type_labels(label, gtype):
    assert ledger_workbook.normalize_type(label) == gtype


@pytest.mark.parametrize(("value", "amount"), [("400.00", 400.0), ("€ 1.200,50", 1200.5), ("1,200", 1200.0),
                                               ("2,5", 2.5), (3, 3.0), ("", 0.0), ("abc", None)])
def test_amounts(value, amount):
    assert ledger_workbook.parse_amount(value) == amount


@pytest.mark.parametrize(("value", "stored", "reason"), [
    ("2E5", 200000.0, ""), ("1.5e3", 1500.0, ""), ("€ 1.200,50", 1200.5, ""),
    ("1e400", None, "value not a number up to 1,000,000,000,000"),
    ("1e999", None, "value not a number up to 1,000,000,000,000"),
    ("2000000000000", None, "value not a number up to 1,000,000,000,000"),
    ("-5", None, "negative value"),
])
def test_values_are_finite_bounded_and_scientific_notation_is_read_right(value, stored, reason):
    body = f'Date,Contact,Kind,Direction,Value\n2026-01-05,Ann Lee,TYFCB,received,"{value}"\n'.encode()
    got = ledger_workbook.read_ledger([("activities.csv", body)], CONTACTS)
    assert got.ledger["value"].tolist() == ([stored] if stored is not None else [])
    assert [p.reason for p in got.problems] == ([reason] if reason else [])


@pytest.mark.parametrize("day", ["9999-12-31", "31/12/1899", date(2101, 1, 1), date(1000, 1, 1)])
def test_a_date_outside_1900_to_2100_skips_its_row_and_the_rest_imports(day):
    data = xlsx({"Activities": [["Date", "Contact", "Kind", "Direction"], [day, "Ann Lee", "1-2-1", "given"],
                                [date(2026, 1, 5), "Ann Lee", "1-2-1", "given"]]})
    got = ledger_workbook.read_ledger([("l.xlsx", data)], CONTACTS)
    assert len(got.ledger) == 1
    assert [(p.row, p.reason) for p in got.problems] == [(2, "date outside 1900-2100")]


@pytest.mark.parametrize("field_limit", [131_072, 1 << 30])  # Python's default, and after a contacts import
def test_an_overlong_cell_is_refused_in_one_line_whatever_the_csv_field_limit(field_limit):
    before = csv.field_size_limit(field_limit)
    try:
        body = f"Date,Contact,Kind,Direction,Note\n2026-01-05,Ann Lee,1-2-1,given,{'x' * 200_000}\n".encode()
        with pytest.raises(InputError) as err:
            ledger_workbook.read_ledger([("activities.csv", body)], CONTACTS)
        assert str(err.value) == ("activities.csv: activities row 2: a cell is longer than the limit of "
                                  "10,000 characters")
    finally:
        csv.field_size_limit(before)
