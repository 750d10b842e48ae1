"""Ingest shortcuts for large exports give the frames the full path gives: cells trimmed only where
something is to trim, byte-order marks looked for only when the file holds one, day/month order decided
from the values that may be numeric dates, contacts grouped only where an id repeats."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from analytics.errors import InputError
from analytics.ingest.dates import DAY_FIRST, MONTH_FIRST, parse_dates
from analytics.ingest.load import _load, load_files
from analytics.ingest.tables import _edges_blank, _has_bom, read_table
from tests.builders import zipped

HEADER = "First Name,Last Name,URL,Connected On\n"


@pytest.mark.parametrize(("body", "first", "last"), [
    ("Ann,Lee,,1 Jan 2024\n", ["Ann"], ["Lee"]),                      # nothing to trim
    ("  Ann ,Lee\t,,1 Jan 2024\n", ["Ann"], ["Lee"]),                  # ASCII blanks at the edges
    ("\u00a0Ann\u3000,Lee\u2009,,1 Jan 2024\n", ["Ann"], ["Lee"]),      # Unicode blanks
    ("Jos\u00e9,N\u00fa\u00f1ez,,1 Jan 2024\n", ["Jos\u00e9"], ["N\u00fa\u00f1ez"]),  # accents stay
    ("Ann\ufeff,\ufeffLee,,1 Jan 2024\n", ["Ann"], ["Lee"]),            # marks inside the file
    ("Bo,Li,,1 Jan 2024\n,,,\nCy,\" Ng \",,1 Jan 2024\n", ["Bo", "Cy"], ["Li", "Ng"]),  # blank row
])
def test_cells_are_trimmed_exactly_as_before(body, first, last):
    t = read_table("Connections.csv", (HEADER + body).encode("utf-8"))
    assert t.frame["first_name"].tolist() == first
    assert t.frame["last_name"].tolist() == last


@pytest.mark.parametrize(("cells", "blank"), [
    (["a", "b c", ""], False), (["a", "b "], True), (["\ta"], True), (["a\u00a0"], True),
    (["\u00e9t\u00e9"], True), ([], False), (["", ""], False)])
def test_edges_blank_is_true_whenever_a_cell_may_need_trimming(cells, blank):
    column = pa.chunked_array([pa.array(cells, pa.string())])
    assert _edges_blank(column) is blank
    assert _edges_blank(column.slice(0, len(cells))) is blank


@pytest.mark.parametrize(("data", "found"), [
    (b"a,b\n", False), (b"\xef\xbb\xbfa,b\n", True), (b"a,b\nc\xef\xbb\xbf\n", True),
    (b"a,\xef\xbc\x81" * 2000, False), (b"a,\xef\xbc\x81" * 2000 + b"\xef\xbb\xbf", True),
    ("a,b\n".encode("utf-16"), True)])
def test_byte_order_marks_are_found_anywhere(data, found):
    assert _has_bom(data) is found


@pytest.mark.parametrize(("values", "default", "expected"), [
    (["2024-01-15 09:30:00 UTC", "05/03/2026", "25/03/2026"], MONTH_FIRST, "2026-03-05"),
    (["2024-01-15", "05/03/2026"], MONTH_FIRST, "2026-05-03"),
    (["2024-01-15", "05/03/2026"], DAY_FIRST, "2026-03-05"),
    (["\u00a005/03/2026", "03/25/2026"], DAY_FIRST, "2026-05-03"),   # month proven after a blank
    (["15 Mar 2023", "05-03-2026", "13-03-2026"], MONTH_FIRST, "2026-03-05"),
])
def test_day_month_order_reads_only_the_numeric_dates(values, default, expected):
    got = parse_dates(pd.Series(values), default)
    day = values.index(next(v for v in values if "05" in v and "2026" in v))
    assert got.iloc[day].strftime("%Y-%m-%d") == expected


def test_contacts_group_only_where_an_id_repeats():
    connections = (HEADER + "Ann,Lee,linkedin.com/in/ann,1 Jan 2024\nBo,Li,,2 Jan 2024\n"
                   "Cy,Ng,,3 Jan 2024\n").encode()
    generic = b"Name,E-mail,Company\nBo Li,bo@x.org,Acme\nDi Fu,di@x.org,Beta\nBo Li,,Gamma\n"
    net = load_files([("Connections.csv", connections), ("contacts.csv", generic)])
    got = net.contacts[["contact_id", "name", "email", "company", "sources"]].values.tolist()
    assert got == [["in:ann", "Ann Lee", "", "", "LinkedIn"],
                   ["name:bo li", "Bo Li", "bo@x.org", "Acme", "LinkedIn, Contacts file"],
                   ["name:cy ng", "Cy Ng", "", "", "LinkedIn"],
                   ["name:di fu", "Di Fu", "di@x.org", "Beta", "Contacts file"]]
    assert str(net.contacts["name"].dtype) == "str"
    assert str(net.contacts["connected_on"].dtype) == "datetime64[ns, UTC]"


MESSAGES = ("CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
            "c1,Me Myself,linkedin.com/in/me,Ann Lee,linkedin.com/in/ann,2024-02-01 10:00:00 UTC,Hi Ann\n"
            "c1,Ann Lee,linkedin.com/in/ann,Me Myself,linkedin.com/in/me,2024-02-02 10:00:00 UTC,Hi\n")


@pytest.mark.parametrize("order", [["messages.csv", "Connections.csv"], ["Connections.csv", "messages.csv"]])
def test_messages_read_on_a_thread_give_what_reading_in_turn_gives(order):
    texts = {"Connections.csv": HEADER + "Ann,Lee,linkedin.com/in/ann,1 Jan 2024\nBo,Li,,2 Jan 2024\n",
             "messages.csv": MESSAGES, "Profile.csv": "First Name,Last Name\nMe,Myself\n"}
    files = [("export.zip", zipped({name: texts[name] for name in [*order, "Profile.csv"]}))]
    told: list[str] = []
    ahead = load_files(files, steps=told.append)
    in_turn = _load(files, None, (), None, None, None, ahead=False)
    pd.testing.assert_frame_equal(ahead.contacts, in_turn.contacts)
    pd.testing.assert_frame_equal(ahead.interactions, in_turn.interactions)
    assert [f.file for f in ahead.files] == [f.file for f in in_turn.files] == [
        f"export.zip/{name}" for name in [*order, "Profile.csv"]]
    assert ahead.interactions["direction"].tolist() == ["out", "in"]
    assert told[-1] == "Matching messages, invitations and endorsements to your contacts"
    assert sorted(told[:-1]) == ["Parsed export.zip/Connections.csv: 2 rows",
                                 "Parsed export.zip/Profile.csv: 1 row",
                                 "Parsed export.zip/messages.csv: 2 rows"]


def test_a_messages_csv_holding_connections_is_read_as_connections():
    files = [("messages.csv", (HEADER + "Ann,Lee,linkedin.com/in/ann,1 Jan 2024\n").encode())]
    net = load_files(files)
    assert net.contacts["name"].tolist() == ["Ann Lee"]
    assert [(f.file, f.kind, f.rows) for f in net.files] == [("messages.csv", "connections", 1)]


def test_a_broken_messages_member_read_on_a_thread_says_why():
    data = bytearray(zipped({"Connections.csv": HEADER, "messages.csv": MESSAGES * 50}))
    at = data.find(b"messages.csv") + 40  # inside the member's compressed bytes
    data[at:at + 8] = b"\x00" * 8
    with pytest.raises(InputError, match=r"corrupt zip member messages\.csv"):
        load_files([("export.zip", bytes(data))])
