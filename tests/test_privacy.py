"""Anonymised means anonymised: no name, nor any part of one, in either report file, on the app's path
(a workspace with its own secret salt) and the CLI's; pseudonyms cannot be mapped back from names."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from analytics import cli, page_data, report
from analytics.analysis import analyse
from analytics.privacy import Scrubber, name_parts
from analytics.pseudonyms import pseudonymize
from analytics.report_html import plotly_js
from analytics.store import Store, workspace_path
from tests.conftest import ROOT

AS_OF = "2026-07-01"
OWNER = "Henrik Lindqvist"
CONTACTS = [  # first, last, company, position, connected on
    ("Maria", "Realname", "Realname Consulting", "Founder", "01/15/2024"),
    ("Li", "Wei", "Acme BV", "Engineer", "05/01/2026"),
    ("Bo", "Andersson", "Northwind Board Services", "Owner", "06/20/2026"),
    ("José", "Núñez", "Lindqvist Partners", "Advisor to Maria Realname", "02/01/2025"),
    ("Anna-Lena", "Schröder", "Schröder & Wei GmbH", "CEO", "03/01/2025"),
]
NAMES = [OWNER, *(f"{first} {last}" for first, last, *_ in CONTACTS)]
PARTS = sorted({p for n in NAMES for p in re.findall(r"\w+", n)})  # "Li", "Bo", "Anna", "Lena", ...
MESSAGES = [  # to, date, content (all sent by the owner)
    ("Bo Andersson", "2026-06-21 09:00:00 UTC", "Hi Bo, our services: free consultation. Maria says hi!"),
    ("Li Wei", "2026-05-03 09:00:00 UTC", "Hi Li, could you introduce me to José at Acme?"),
    ("Maria Realname", "2026-06-01 09:00:00 UTC", "Maria, thanks for lunch with Henrik."),
    ("Maria Realname", "2026-06-02 09:00:00 UTC", "Gern, Henrik!"),
]
GROUPS = [("Maria Realname Mastermind", "Informal"), ("BNI Board Utrecht", "Referral group / BNI")]
ACTIVITIES = [  # date, contact, group, kind, direction, value, note
    ("2026-05-10", "Maria Realname", "BNI Board Utrecht", "Referral", "Received", 0, "from Maria Realname"),
    ("2026-06-10", "Maria Realname", "BNI Board Utrecht", "Closed business", "Received", 4000, "Li sent it"),
    ("2026-06-12", "Li Wei", "Maria Realname Mastermind", "Referral", "Given", 0, "for Bo and Anna-Lena"),
    ("2026-06-15", "José Núñez", "Maria Realname Mastermind", "One-to-one", "Given", 0, "via Henrik"),
]


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n"


@pytest.fixture
def export(tmp_path: Path) -> tuple[list[str], str]:
    """A LinkedIn export (profile, connections, messages) and a ledger workbook full of real-looking names."""
    first, last = OWNER.split()
    (tmp_path / "Profile.csv").write_text(_csv([["First Name", "Last Name"], [first, last]]),
                                          encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(_csv(
        [["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
         *([f, la, "", "", co, po, pd.Timestamp(on).strftime("%d %b %Y")]
           for f, la, co, po, on in CONTACTS)]),
        encoding="utf-8")
    (tmp_path / "messages.csv").write_text(_csv(
        [["CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT"],
         *([f"c{i}", OWNER if i % 4 != 3 else to, to if i % 4 != 3 else OWNER, date, text]
           for i, (to, date, text) in enumerate(MESSAGES))]), encoding="utf-8")
    book = Workbook()
    book.active.title = "Groups"
    book.active.append(["Name", "Type", "Annual Cost", "Hours per Month", "Joined On"])
    for name, kind in GROUPS:
        book.active.append([name, kind, 1200, 4, "2025-01-01"])
    members = book.create_sheet("Members")
    members.append(["Group", "Contact"])
    members.append(["Maria Realname Mastermind", "Anna-Lena Schröder"])
    activities = book.create_sheet("Activities")
    activities.append(["Date", "Contact", "Group", "Kind", "Direction", "Value", "Note"])
    for row in ACTIVITIES:
        activities.append(list(row))
    book.save(tmp_path / "ledger.xlsx")
    return [str(tmp_path / f) for f in ("Profile.csv", "Connections.csv", "messages.csv")], str(
        tmp_path / "ledger.xlsx")


def report_text(fmt: str, content: bytes) -> str:
    """Everything a reader of the file could see: the HTML without the plotly.js library (JSON escapes
    undone), or every part of the .xlsx (sheets, shared strings, charts, docProps) and the part names."""
    if fmt == "html":
        text = content.decode("utf-8").replace(str(plotly_js()), "")
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    else:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            text = "\n".join([*z.namelist(), *(z.read(n).decode("utf-8") for n in z.namelist())])
    return html.unescape(text)


def leaked(text: str) -> list[str]:
    """Name parts found as whole words (so "Bo" is not found in "Board"), as spelled or in capitals."""
    return [p for p in PARTS for form in {p, p.upper()}
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)]


def assert_anonymous(files: dict[str, bytes]) -> None:
    for fmt, content in files.items():
        text = report_text(fmt, content)
        assert not leaked(text), (fmt, leaked(text))
        assert "Names anonymised" in text
        assert not [a for a in pseudonymize(pd.Series(NAMES[1:])) if a in text], "unsalted pseudonyms"
        if fmt == "html":  # (the workbook's XML names its schemas by URL; nothing loads them)
            assert not re.findall(r"(?:https?:)?//[\w-]+\.[\w.-]+", text), "an address of another host"


def test_the_exports_names_are_all_in_the_plain_report(export) -> None:
    """The check below can see names: the same data, not anonymised, shows every one of them."""
    net = cli.load(*export)
    assert (net.owner.name, len(net.contacts), len(net.ledger)) == (OWNER, len(CONTACTS), len(ACTIVITIES))
    text = report_text("xlsx", report.build(net, pd.Timestamp(AS_OF, tz="UTC"), fmt="xlsx"))
    assert set(leaked(text)) >= {"Maria", "Realname", "Li", "Bo", "José", "Anna", "Lena", "Henrik"}


def test_app_report_with_masked_companies_names_nobody(export) -> None:
    """The report page's data: a workspace (with its own secret salt), anonymised, companies masked."""
    store = Store(workspace_path("mine"))
    net = cli.load(*export)
    store.import_network(net)
    store.save_ledger(net.ledger, net.groups, net.members)
    saved = store.load()
    as_of = pd.Timestamp(AS_OF, tz="UTC")
    data = page_data.coach_report(saved, analyse(saved, as_of), anonymize=True, mask_companies=True)
    groups = sorted(data.tables["groups"]["Group"])
    assert groups[0] == "BNI Board Utrecht" and re.fullmatch(r"Group [0-9A-F]{6,}", groups[1])
    assert_anonymous({"html": report.render_html(data).encode("utf-8"), "xlsx": report.render_xlsx(data)})


def test_cli_report_names_nobody_and_keeps_harmless_words(export, tmp_path: Path) -> None:
    paths, ledger = export
    files = {}
    for fmt in ("html", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        done = subprocess.run([sys.executable, "-m", "analytics", "report", *paths, "--ledger", ledger,
                               "--as-of", AS_OF, "--anonymize", "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        files[fmt] = out.read_bytes()
    assert_anonymous(files)
    text = report_text("xlsx", files["xlsx"])
    for kept in ("BNI Board Utrecht", "Acme BV", "Northwind Board Services", "free consultation"):
        assert kept in text  # no name part in them: not scrubbed
    assert "Realname Consulting" not in text and "Lindqvist Partners" not in text  # a name: masked


def test_pseudonyms_are_stable_per_workspace_and_differ_between_workspaces(export) -> None:
    net = cli.load(*export)
    aliases = []
    for name in ("one", "two"):
        store = Store(workspace_path(name))
        store.import_network(net)
        for _ in range(2):
            data = report.report_data(store.load(), pd.Timestamp(AS_OF, tz="UTC"), anonymize=True)
            aliases.append(sorted(data.tables["contacts"]["Name"]))
    assert aliases[0] == aliases[1] and aliases[2] == aliases[3]
    assert set(aliases[0]).isdisjoint(aliases[2])


def test_the_salt_stays_out_of_the_report(export) -> None:
    store = Store(workspace_path("mine"))
    store.import_network(cli.load(*export))
    salt = store.settings()["pseudonym_salt"]
    assert re.fullmatch(r"[0-9a-f]{32}", salt)
    out = report.build(store.load(), pd.Timestamp(AS_OF, tz="UTC"), anonymize=True, fmt="xlsx")
    assert salt not in report_text("xlsx", out)


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi Bo, the Board meets", "Hi [name], the Board meets"),
    ("ANNA-LENA Schroder wrote", "[name]-[name] [name] wrote"),
    ("thanks, Li Wei!", "thanks, Contact 1!"),
    ("Li", "[name]"),
    ("Lima and Bob", "Lima and Bob"),
    ("(Li Wei)", "Contact 1"),  # a cell that is one name becomes just the pseudonym
])
def test_scrubber(text: str, expected: str) -> None:
    scrub = Scrubber({"Li Wei": "Contact 1"}, name_parts(["Li Wei", "Anna-Lena Schröder", "Bo"]))
    assert scrub.text(text) == expected
