"""The bundled sample export and ledger: reproducible, in LinkedIn's layouts, one coherent story."""

import csv
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analytics.model import GROUP_TYPES
from tests.conftest import ROOT, SAMPLE_LEDGER, SAMPLE_ZIP

SPEC = importlib.util.spec_from_file_location("sample_generate", ROOT / "sample_data" / "generate.py")
generate = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = generate  # dataclasses look their module up there
SPEC.loader.exec_module(generate)

OWNER = "Sanne de Vries"
EXPORT_FILES = ["Connections.csv", "Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv",
                "Invitations.csv", "Profile.csv", "Recommendations_Given.csv",
                "Recommendations_Received.csv", "messages.csv"]
LEDGER_KINDS = {"referral", "closed business", "one-to-one", "meeting", "event", "introduction", "purchase"}


def _read(zip_path: Path, name: str, skip: int = 0) -> pd.DataFrame:
    with zipfile.ZipFile(zip_path) as zf:
        text = zf.read(name).decode("utf-8")
    return pd.read_csv(io.StringIO(text), skiprows=skip, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return {"connections": _read(SAMPLE_ZIP, "Connections.csv", skip=3),
            "messages": _read(SAMPLE_ZIP, "messages.csv")}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate.generate(out, connections=50, messages=300)
    return out


def test_two_runs_are_byte_identical(small: Path, tmp_path: Path) -> None:
    generate.generate(tmp_path, connections=50, messages=300)
    for name in (generate.EXPORT_NAME, generate.LEDGER_NAME):
        assert (tmp_path / name).read_bytes() == (small / name).read_bytes(), name


def test_another_seed_gives_another_export(small: Path, tmp_path: Path) -> None:
    generate.generate(tmp_path, connections=50, messages=300, seed="other")
    assert (tmp_path / generate.EXPORT_NAME).read_bytes() != (small / generate.EXPORT_NAME).read_bytes()


def test_committed_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    generate.generate(tmp_path)
    assert (tmp_path / generate.EXPORT_NAME).read_bytes() == SAMPLE_ZIP.read_bytes(), \
        "sample_data/linkedin_sample.zip drifted: rerun python sample_data/generate.py"
    assert (tmp_path / generate.LEDGER_NAME).read_bytes() == SAMPLE_LEDGER.read_bytes(), \
        "sample_data/ledger_sample.xlsx drifted: rerun python sample_data/generate.py"


def test_folder_output_holds_the_same_csvs_as_the_zip(tmp_path: Path) -> None:
    generate.generate(tmp_path, connections=50, messages=300, folder=True)
    with zipfile.ZipFile(tmp_path / generate.EXPORT_NAME) as zf:
        for name in EXPORT_FILES:
            assert (tmp_path / "linkedin_sample" / name).read_bytes() == zf.read(name), name


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_export_files_sit_at_the_archive_root(name: str) -> None:
    with zipfile.ZipFile(SAMPLE_ZIP) as zf:
        assert name in zf.namelist()


def test_default_sample_stays_small() -> None:
    assert SAMPLE_ZIP.stat().st_size < 2_000_000


@pytest.mark.parametrize(("connections", "messages"), [(50, 300), (120, 1000), (800, 3500)])
def test_counts_are_exactly_what_was_asked(tmp_path: Path, connections: int, messages: int) -> None:
    generate.generate(tmp_path, connections=connections, messages=messages)
    zip_path = tmp_path / generate.EXPORT_NAME
    assert len(_read(zip_path, "Connections.csv", skip=3)) == connections
    assert len(_read(zip_path, "messages.csv")) == messages


def test_connections_keep_linkedins_preamble_and_dates() -> None:
    with zipfile.ZipFile(SAMPLE_ZIP) as zf:
        lines = zf.read("Connections.csv").decode("utf-8").split("\n")
    assert lines[0] == "Notes:"
    assert lines[2] == ""
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    first_row = next(csv.reader([lines[4]]))
    assert pd.to_datetime(first_row[6], format="%d %b %Y") <= pd.Timestamp("2026-11-15")


@pytest.mark.parametrize(("name", "column", "fmt"), [
    ("messages.csv", "DATE", "%Y-%m-%d %H:%M:%S UTC"),
    ("Invitations.csv", "Sent At", "%m/%d/%y, %I:%M %p"),
    ("Endorsement_Received_Info.csv", "Endorsement Date", "%Y/%m/%d %H:%M:%S UTC"),
    ("Recommendations_Received.csv", "Creation Date", "%m/%d/%y, %I:%M %p"),
])
def test_dates_use_linkedins_formats_and_stay_before_today(name: str, column: str, fmt: str) -> None:
    dates = pd.to_datetime(_read(SAMPLE_ZIP, name)[column], format=fmt)
    assert dates.min() >= pd.Timestamp("2018-11-01")
    assert dates.max() < pd.Timestamp("2026-11-15")


def test_no_one_to_one_message_predates_the_connection(sample: dict[str, pd.DataFrame]) -> None:
    conns, msgs = sample["connections"], sample["messages"]
    connected = dict(zip(conns["URL"], pd.to_datetime(conns["Connected On"], format="%d %b %Y"), strict=True))
    pair = msgs[~msgs["RECIPIENT PROFILE URLS"].str.contains(";")]
    other = pair["SENDER PROFILE URL"].where(pair["FROM"] != OWNER, pair["RECIPIENT PROFILE URLS"])
    day = pd.to_datetime(pair["DATE"], format="%Y-%m-%d %H:%M:%S UTC").dt.normalize()
    assert (day >= other.map(connected)).all()


def test_story_has_close_occasional_silent_and_quiet_contacts(sample: dict[str, pd.DataFrame]) -> None:
    msgs = sample["messages"]
    pair = msgs[~msgs["RECIPIENT PROFILE URLS"].str.contains(";")]
    other = pair["FROM"].where(pair["FROM"] != OWNER, pair["TO"])
    per_contact = other.value_counts()
    last = pd.to_datetime(pair["DATE"], format="%Y-%m-%d %H:%M:%S UTC").groupby(other).max()
    close = per_contact[per_contact >= 50].index
    assert 12 <= len(close) <= 20
    assert 40 <= ((per_contact >= 5) & (per_contact < 50)).sum() <= 90
    assert len(per_contact) < len(sample["connections"]) / 2, "most connections were never messaged"
    assert (last[close] < pd.Timestamp("2025-11-15")).sum() >= 2, "some close ties went quiet"


def test_owner_pitched_some_contacts_right_after_connecting(sample: dict[str, pd.DataFrame]) -> None:
    conns, msgs = sample["connections"], sample["messages"]
    connected = dict(zip(conns["URL"], pd.to_datetime(conns["Connected On"], format="%d %b %Y"), strict=True))
    first = msgs.assign(when=pd.to_datetime(msgs["DATE"], format="%Y-%m-%d %H:%M:%S UTC"))
    first = first.sort_values("when").groupby("CONVERSATION ID").head(1)
    first = first[(first["FROM"] == OWNER) & ~first["RECIPIENT PROFILE URLS"].str.contains(";")]
    delay = first["when"] - first["RECIPIENT PROFILE URLS"].map(connected)
    offers = first["CONTENT"].str.contains("offerte|Angebot|quote|preventivo|devis|offer", case=False)
    assert ((delay < pd.Timedelta(days=3)) & offers).sum() >= 10


def test_group_conversations_have_several_recipients(sample: dict[str, pd.DataFrame]) -> None:
    msgs = sample["messages"]
    group = msgs[msgs["CONVERSATION TITLE"] != ""]
    assert group["CONVERSATION ID"].nunique() >= 3
    recipients = group["RECIPIENT PROFILE URLS"].str.split(";").str.len()
    names = group["TO"].str.split(",").str.len()
    assert (recipients >= 3).all()
    assert (recipients == names).all()


@pytest.fixture(scope="module")
def ledger() -> dict[str, pd.DataFrame]:
    return pd.read_excel(SAMPLE_LEDGER, sheet_name=None)


def test_ledger_sheets_and_columns(ledger: dict[str, pd.DataFrame]) -> None:
    assert list(ledger) == ["Groups", "Members", "Activities"]
    assert list(ledger["Groups"].columns) == ["Name", "Type", "Annual Cost", "Hours per Month", "Joined On"]
    assert list(ledger["Members"].columns) == ["Group", "Contact"]
    assert list(ledger["Activities"].columns) == ["Date", "Contact", "Group", "Kind", "Direction", "Value"]
    assert set(ledger["Groups"]["Type"]) <= set(GROUP_TYPES)
    assert set(ledger["Activities"]["Kind"]) <= LEDGER_KINDS
    assert set(ledger["Activities"]["Direction"]) == {"given", "received"}
    used = set(ledger["Activities"]["Group"]) | set(ledger["Members"]["Group"])
    assert used <= set(ledger["Groups"]["Name"])


@pytest.mark.parametrize("sheet", ["Members", "Activities"])
def test_ledger_contacts_are_connections(ledger: dict[str, pd.DataFrame], sample: dict[str, pd.DataFrame],
                                         sheet: str) -> None:
    conns = sample["connections"]
    known = set(conns["URL"]) | set(conns["First Name"] + " " + conns["Last Name"])
    assert set(ledger[sheet]["Contact"]) <= known


def test_ledger_story_bni_pays_chamber_does_not(ledger: dict[str, pd.DataFrame]) -> None:
    acts, groups = ledger["Activities"], ledger["Groups"].set_index("Name")
    won = acts[(acts["Kind"] == "closed business") & (acts["Direction"] == "received")]
    bni, chamber = "BNI Domstad Utrecht", groups.index[groups["Type"] == "chamber"][0]
    bni_won = won[won["Group"] == bni]
    assert bni_won["Date"].min() >= pd.Timestamp("2026-01-15"), "BNI pays off only after ~8 months"
    assert bni_won["Value"].sum() > 3 * groups.loc[bni, "Annual Cost"]
    assert won.loc[won["Group"] == chamber, "Value"].sum() < groups.loc[chamber, "Annual Cost"] * 2.5
    online = groups.index[groups["Type"] == "online"][0]
    assert (acts["Group"] == online).sum() == 0


@pytest.mark.parametrize(("total", "weights", "expected"), [
    (10, [3.0, 1.0, 1.0], [6, 2, 2]),
    (3, [1.0, 1.0], [2, 1]),
    (0, [1.0, 2.0], [0, 0]),
])
def test_allocate_splits_exactly(total: int, weights: list[float], expected: list[int]) -> None:
    assert generate.allocate(total, weights) == expected
