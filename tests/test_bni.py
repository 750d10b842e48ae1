"""BNI Connect imports: the two fixture reports (XML spreadsheet .xls) and the older .xlsx slips layout."""

import io

import pandas as pd
import pytest
from openpyxl import Workbook

from analytics.errors import InputError
from analytics.ingest import bni
from analytics.model import contact_key
from tests.conftest import FIXTURES

BNI = FIXTURES / "bni"
MEMBERS = ["Karin Vogel", "Joost Kuipers", "Paola Gallo", "Stefan Brandt", "Ilse Peeters", "Davide Conti",
           "Wouter Mulder", "Birgit Krüger", "Renata Fontana", "Hans Zimmer", "Mila Smits", "Ruben Lang"]
CONTACTS = pd.DataFrame({"contact_id": [contact_key("", n) for n in MEMBERS], "name": MEMBERS, "url": ""})
DAY = pd.Timestamp("2026-03-01", tz="UTC")


def slips(owner: str) -> bni.LedgerImport:
    data = (BNI / "slips_audit_report.xls").read_bytes()
    return bni.read_bni_slips("slips_audit_report.xls", data, CONTACTS, owner, report_date=DAY)


def test_fixture_slips_for_one_member():
    # Counted by hand in the 60 slips of the fixture: 12 Visitor + 12 CEU slips; Mila Smits wrote
    # 3 Referrals, 1 One-to-One and 2 TYFCBs (400.00 + 8000.00) and received 3 Referrals, 1 One-to-One
    # and 1 TYFCB (8000.00); the other 25 exchange slips are between other members.
    got = slips("mila  SMITS")
    report = got.files[0]
    assert (report.rows, report.skipped) == (11, 49)
    assert report.reasons == {"visitor slip (a guest, not an exchange)": 12,
                              "CEU slip (education credits, not an exchange)": 12, "not involving you": 25}
    summary = got.ledger.groupby(["kind", "direction"])["value"].agg(["size", "sum"])
    assert summary.to_dict("index") == {
        ("closed_business", "in"): {"size": 2, "sum": 8400.0},   # Mila closed business thanks to others
        ("closed_business", "out"): {"size": 1, "sum": 8000.0},  # her referral paid off for another member
        ("one_to_one", "in"): {"size": 1, "sum": 0.0}, ("one_to_one", "out"): {"size": 1, "sum": 0.0},
        ("referral", "in"): {"size": 3, "sum": 0.0}, ("referral", "out"): {"size": 3, "sum": 0.0}}
    assert set(got.ledger["date"]) == {DAY} and set(got.ledger["group_id"]) == {"g:bni chapter"}
    assert got.groups[["name", "type"]].values.tolist() == [["BNI chapter", "referral_group"]]
    assert len(got.members) == 11 and "name:mila smits" not in set(got.members["contact_id"])
    assert all(p.row >= 2 for p in got.problems) and len(got.problems) == 49


def test_fixture_slips_without_owner_keeps_every_exchange_and_says_so():
    got = slips("")
    assert (got.files[0].rows, got.files[0].skipped) == (60 - 24, 24)
    assert set(got.ledger["direction"]) == {"in"}
    assert "no owner name" in got.files[0].warnings[0]


def test_slips_without_date_ask_for_it():
    with pytest.raises(InputError, match="date"):
        bni.read_bni_slips("s.xls", (BNI / "slips_audit_report.xls").read_bytes(), CONTACTS, "Mila Smits")


def test_palms_summary_fixture():
    # 12 members, then Visitors / BNI / Total rows; TYFCB column adds up to 100,350 and 1-2-1 to 188
    # (summed by hand from the fixture).
    table, report = bni.read_palms_summary("palms_summary.xls", (BNI / "palms_summary.xls").read_bytes())
    assert len(table) == 12 and report.reasons == {"summary row": 3}
    first = table.loc[0, ["name", "present", "one_to_ones", "tyfcb"]].tolist()
    assert first == ["Karin Vogel", 14.0, 16.0, 4200.0]
    assert (table["tyfcb"].sum(), table["one_to_ones"].sum()) == (100350.0, 188.0)


def old_layout() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Slips Audit Report for 14/03/2019"
    ws.merge_cells("A1:H1")
    for cells in (["Running User", "Mila Smits", "Run At", "14/03/2019 10:22"],
                  ["Country", "Netherlands", "Region", "Utrecht", "Chapter", "BNI Domstad"]):
        ws.append(cells)
    ws.append(["From", None, "To", "Slip Type", "Inside/Outside", "TYFCB Amount", "CEU Credits", "Detail"])
    ws.merge_cells("A4:B4")  # the From header spans two columns; values sit in column A
    rows = [["Mila Smits", None, "Karin Vogel", "One to One", "Inside", None, None, None],
            ["Karin Vogel", None, "Mila Smits", "TYFCB", "Outside", "1.250,00", None, "BNI Isar"],
            ["Hans Zimmer", None, "Karin Vogel", "Referral", "Inside", None, None, None],
            ["Mila Smits", None, "Nobody Known", "Referral", "Inside", None, None, None],
            ["Mila Smits", None, "CEU", "CEU", None, None, 2, None]]
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_old_xlsx_layout_with_title_meta_and_merged_header():
    got = bni.read_bni_slips("slips.xlsx", old_layout(), CONTACTS, owner_name="")  # owner from Running User
    assert got.ledger[["contact_id", "kind", "direction", "value", "note"]].values.tolist() == [
        ["name:karin vogel", "one_to_one", "out", 0.0, "Inside"],
        ["name:karin vogel", "closed_business", "out", 1250.0, "Outside; BNI Isar"]]
    assert set(got.ledger["date"]) == {pd.Timestamp("2019-03-14", tz="UTC")}
    assert got.groups["group_id"].tolist() == ["g:bni domstad"]
    assert {(p.row, p.reason) for p in got.problems} == {
        (7, "not involving you"), (8, "unknown contact"),
        (9, "CEU slip (education credits, not an exchange)")}
    assert "Nobody Known" in got.files[0].warnings[-1]


@pytest.mark.parametrize("data", [b"<html>not a report</html>",
                                  b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"])
def test_not_a_report_raises_input_error(data):
    with pytest.raises(InputError):
        bni.read_bni_slips("x.xls", data, CONTACTS, "Mila Smits", report_date=DAY)
