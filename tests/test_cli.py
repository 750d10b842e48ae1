"""The headless CLI contract: `python -m analytics summary|graph|report`."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analytics import cli
from tests.conftest import FIXTURES, ROOT, SAMPLE_LEDGER, SAMPLE_ZIP

AS_OF = "2026-11-15"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_summary() -> dict:
    done = run("summary", str(SAMPLE_ZIP), "--ledger", str(SAMPLE_LEDGER), "--as-of", AS_OF, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_summary_counts_the_sample(sample_summary: dict) -> None:
    assert (sample_summary["contacts"], sample_summary["messages"]) == (800, 3500)
    files = {f["file"].rsplit("/", 1)[-1]: f for f in sample_summary["files"]}
    assert files["Connections.csv"]["kind"] == "connections"
    assert files["Connections.csv"]["rows"] == 800
    assert all({"file", "kind", "rows", "skipped"} <= set(f) for f in sample_summary["files"])


def test_summary_has_every_section_of_the_contract(sample_summary: dict) -> None:
    s = sample_summary
    assert set(s["breadth"]) >= {"contacts", "companies", "diversity"} and 0 <= s["breadth"]["diversity"] <= 1
    assert list(s["depth"]["tiers"])[:2] == ["Inner circle", "Close"]
    assert sum(s["depth"]["tiers"].values()) == s["contacts"]
    assert s["diagnosis"] in {"wide-shallow", "wide-deep", "narrow-shallow", "narrow-deep"}
    strengths = [c["strength"] for c in s["top_contacts"]]
    assert len(strengths) == 10 and strengths == sorted(strengths, reverse=True)
    order = ["pays_off", "promising", "early", "not_paying_off"]
    verdicts = [g["verdict"] for g in s["groups"]]
    assert verdicts == sorted(verdicts, key=order.index)  # best verdict first, then best return
    assert s["groups"][0]["name"] == "Content Marketing Summit Köln 2026"
    assert set(s["groups"][0]) >= {"name", "type", "contacts", "referrals_given", "referrals_received",
                                   "closed_value", "cost", "score", "verdict", "return_ratio"}
    for g in s["groups"]:
        assert g["return_ratio"] == pytest.approx(g["closed_value"] / g["cost"], abs=1e-3)
        assert (g["verdict"] == "pays_off") == (g["closed_value"] >= g["cost"] and g["closed_value"] > 0)
    tiers = s["depth"]["tiers"]
    assert s["depth"]["strong_ties"] == tiers["Inner circle"] + tiers["Close"]
    assert s["depth"]["active_ties"] == tiers["Inner circle"] + tiers["Close"] + tiers["Active"]
    assert 0 < len(s["actions"]["keep_in_touch"]) <= 50
    assert all(set(p) == {"name", "date"} for p in s["actions"]["early_pitches"])


def test_as_of_fixes_today(sample_summary: dict) -> None:
    done = run("summary", str(SAMPLE_ZIP), "--as-of", "2020-01-01", "--json")
    earlier = json.loads(done.stdout)
    assert earlier["breadth"]["contacts"] < sample_summary["breadth"]["contacts"]
    assert earlier["top_contacts"] != sample_summary["top_contacts"]


@pytest.mark.parametrize("folder", sorted(p for p in (FIXTURES / "public").iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_summary_reads_every_public_fixture(folder: Path) -> None:
    done = run("summary", str(folder), "--json", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["contacts"] > 0


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("missing.zip", None, "missing.zip: no such file or folder"),
    ("empty.csv", b"", "empty.csv: "),
    ("fake.zip", b"%PDF-1.4 not a zip", "fake.zip: "),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, name: str, content: bytes | None,
                                         expected: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    done = run("summary", str(tmp_path / name), "--json")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and expected in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_bad_as_of_is_one_line() -> None:
    assert cli.main(["summary", str(SAMPLE_ZIP), "--as-of", "yesterday", "--json"]) == 2


def test_graph_and_report_write_files(tmp_path: Path) -> None:
    graph, html, xlsx = tmp_path / "g.html", tmp_path / "r.html", tmp_path / "r.xlsx"
    assert run("graph", str(SAMPLE_ZIP), "--as-of", AS_OF, "--out", str(graph)).returncode == 0
    assert "vis.Network" in graph.read_text(encoding="utf-8")
    for out in (html, xlsx):
        done = run("report", str(SAMPLE_ZIP), "--ledger", str(SAMPLE_LEDGER), "--as-of", AS_OF,
                   "--anonymize", "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert "<html" in html.read_text(encoding="utf-8").lower()
    assert "xl/workbook.xml" in zipfile.ZipFile(xlsx).namelist()
    assert run("report", str(SAMPLE_ZIP), "--out", str(tmp_path / "r.pdf")).returncode == 2


def test_ledger_accepts_a_bni_slips_report(tmp_path: Path) -> None:
    slips = FIXTURES / "bni" / "slips_audit_report.xls"
    done = run("summary", str(SAMPLE_ZIP), "--ledger", str(slips), "--as-of", AS_OF, "--json")
    assert done.returncode == 0, done.stderr
    report = next(f for f in json.loads(done.stdout)["files"] if f["file"] == slips.name)
    assert report["kind"] == "bni_slips" and report["rows"] + report["skipped"] == 60
    assert report["date_min"].startswith(AS_OF)  # the report has no date of its own: --as-of dates it


def test_summary_reads_address_books_calendars_and_mailboxes_beside_linkedin(tmp_path: Path, capsys) -> None:
    """Ana (LinkedIn, no address) is known by her address from the vCard, so her weekly 1-to-1s and her
    mail join her; Dora only in the address book counts but has no interaction; Fay wrote once and
    was never answered, so she is not a contact."""
    (tmp_path / "Connections.csv").write_text("First Name,Last Name,URL,Email Address,Company,Position,"
                                              "Connected On\nAna,Lopez,https://www.linkedin.com/in/ana,,Acme,"
                                              "CEO,1 Jan 2024\nBob,Roe,,,Beta,CTO,1 Feb 2024\n")
    (tmp_path / "book.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ana L.\nURL:linkedin.com/in/ana\n"
                                       "EMAIL:ana@y.org\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Dora Day\n"
                                       "END:VCARD\n")
    (tmp_path / "cal.ics").write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20260907T090000Z\n"
                                      "RRULE:FREQ=WEEKLY\nORGANIZER:mailto:me@x.org\nATTENDEE:mailto:ana@y.org\n"
                                      "END:VEVENT\nEND:VCALENDAR\n")
    (tmp_path / "mail.mbox").write_text(
        "From a Mon Nov  2 09:00:00 2026\nFrom: me@x.org\nTo: ana@y.org\n"
        "Date: Mon, 2 Nov 2026 09:00:00 +0000\n\nhi\n\n"
        "From b Tue Nov  3 09:00:00 2026\nFrom: Ana <ana@y.org>\nTo: me@x.org\n"
        "Date: Tue, 3 Nov 2026 09:00:00 +0000\n\nhello\n\nFrom c Tue Nov  3 09:00:00 2026\nFrom: fay@f.org\n"
        "To: me@x.org\nDate: Tue, 3 Nov 2026 09:00:00 +0000\n\nbuy\n")
    paths = [str(tmp_path / n) for n in ("Connections.csv", "book.vcf", "cal.ics", "mail.mbox")]
    assert cli.main(["summary", *paths, "--me", "me@x.org", "--as-of", AS_OF, "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["contacts"] == 3
    assert [c["name"] for c in s["top_contacts"]][:1] == ["Ana Lopez"]
    assert s["top_contacts"][0]["strength"] > 50
    reads = {f["kind"]: f["read"] for f in s["files"]}
    assert reads["mbox"].startswith("headers of 3 messages") and reads["mbox"].endswith("bodies not read")
    assert reads["calendar"].startswith("dates and guests of 10 meetings")  # Mondays 7 Sep to 9 Nov
