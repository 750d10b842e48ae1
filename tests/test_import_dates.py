"""Dates that cannot be right are named at import, and the old export's last activity is offered."""

import json

import pandas as pd
import pytest

from analytics import cli, import_summary
from analytics.model import CONTACT_COLUMNS, FileReport, Network
from analytics.wording import duration
from tests.conftest import FIXTURES

OLD_EXPORT = FIXTURES / "public" / "silkyrich__linkedin-export-viewer" / "sample_export.zip"

TODAY = pd.Timestamp("2026-11-30", tz="UTC")


def report(first: str, last: str) -> FileReport:
    return FileReport("messages.csv", "messages", rows=3, date_min=pd.Timestamp(first, tz="UTC"),
                      date_max=pd.Timestamp(last, tz="UTC"))


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("2024-01-05", "2026-11-20", []),  # a recent export: nothing to say
    ("1823-07-18", "1853-04-29", [
        "impossible dates: 1823-07-18 to 1853-04-29, before LinkedIn existed (2003)",
        "the dates end on 1853-04-29, 174 years ago"]),
    ("2024-01-05", "2031-05-01", ["impossible dates: up to 2031-05-01, in the future"]),
    ("2015-03-01", "2021-06-30", ["the dates end on 2021-06-30, 5 years ago"]),
])
def test_impossible_and_old_dates_are_named(first: str, last: str, expected: list[str]) -> None:
    found = import_summary.date_warnings(report(first, last), TODAY)
    assert len(found) == len(expected)
    assert all(w.startswith(e) for w, e in zip(found, expected, strict=True))


def test_checking_twice_adds_each_warning_once() -> None:
    files = [report("1823-07-18", "1853-04-29")]
    import_summary.check_dates(files, TODAY)
    import_summary.check_dates(files, TODAY)
    assert len(files[0].warnings) == 2


def test_an_old_export_offers_its_last_activity_as_the_as_of_date() -> None:
    joined = pd.Timestamp("1852-12-28", tz="UTC")
    contacts = pd.DataFrame([("a", "A", "", "A", "", "", "", "", joined, "", "")],
                            columns=CONTACT_COLUMNS)
    net = Network(contacts=contacts)
    assert import_summary.stale_as_of(net, TODAY) == pd.Timestamp("1852-12-28", tz="UTC")
    assert import_summary.stale_as_of(net, pd.Timestamp("1853-06-01", tz="UTC")) is None


@pytest.mark.parametrize(("days", "text"), [
    (0, "0 days"), (1, "1 day"), (13, "13 days"), (14, "2 weeks"), (45, "6 weeks"), (60, "2 months"),
    (426, "14 months"), (729, "24 months"), (730, "2 years"), (1100, "3 years"), (63400, "174 years"),
])
def test_durations_read_in_the_unit_a_person_would_use(days: int, text: str) -> None:
    assert duration(days) == text


@pytest.mark.skipif(not OLD_EXPORT.exists(), reason="shared fixtures not present")
def test_summary_json_names_the_impossible_dates_of_each_file(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["summary", str(OLD_EXPORT), "--json"]) == 0
    files = {f["file"].rsplit("/", 1)[-1]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert any(w.startswith("impossible dates: 1833-02-23 to ") for w in files["messages.csv"]["warnings"])
    assert files["Profile.csv"]["warnings"] == []
