"""Bad and awkward files: each case either raises a one-line InputError or is counted, never a traceback."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from analytics import import_summary
from analytics.errors import InputError
from analytics.ingest import archive, load, load_files, tables
from tests.builders import zipped

CONN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 Mar 2023\n"
MSG = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
       "CONTENT,FOLDER\n")
SENT = "c1,,Ann Ash,https://www.linkedin.com/in/ann,Owen Owner,,2024-01-15 09:30:00 UTC,,hi,INBOX\n"


def _zip(members: dict[str, bytes], encrypt: bool = False) -> bytes:
    data = bytearray(zipped(members))
    if encrypt:  # set the "encrypted" flag bit in the local and central headers
        data[6] |= 0x1
        data[data.rfind(b"PK\x01\x02") + 8] |= 0x1
    return bytes(data)


BAD_FILES = [
    ("empty", "Connections.csv", b"", "the file is empty"),
    ("whitespace only", "Connections.csv", b" \r\n\n\t", "the file is empty"),
    ("pdf", "Connections.csv", b"%PDF-1.7\n...",
     "not a CSV, Excel (.xlsx) or zip file (it looks like a PDF)"),
    ("png", "contacts.xlsx", b"\x89PNG\r\n\x1a\n....", "it looks like a PNG image"),
    ("old xls", "contacts.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "save it as .xlsx or CSV"),
    ("binary", "data.csv", bytes(range(256)) * 4, "not a CSV, Excel (.xlsx) or zip file (binary content)"),
    ("corrupt zip", "export.zip", b"PK\x03\x04" + b"garbage" * 20, "corrupt zip archive"),
    ("encrypted zip", "export.zip", _zip({"Connections.csv": (CONN + ROW).encode()}, encrypt=True),
     "password-protected"),
    ("zip without export files", "export.zip", _zip({"Skills.csv": b"Name\nJava\n"}),
     "no LinkedIn export files"),
    ("path traversal only", "export.zip", _zip({"../Connections.csv": (CONN + ROW).encode()}),
     "no LinkedIn export files"),
    ("compression bomb", "export.zip", _zip({"messages.csv": b"\0" * (4 << 20)}), "possible zip bomb"),
    ("unterminated quote", "Connections.csv",
     (CONN + ROW + 'Bob,"Roe,,,Beta,CTO,15 Mar 2023\n' + ROW).encode(),
     "unterminated quote starting on line 3"),
    ("unterminated quote after preamble", "messages.csv",
     ("Notes:\n\n" + MSG + SENT + 'c2,,Ann,,Owen,,2024-01-15 09:30:00,,"never closed\n' + SENT).encode(),
     "unterminated quote starting on line 5"),
    ("no header", "Connections.csv", b"just,some,words\n1,2,3\n", "no recognisable header row"),
    ("header only of unknown columns", "list.csv", b"Name\nJava\n", "no recognisable header row"),
]


@pytest.mark.parametrize(("name", "data", "message"), [c[1:] for c in BAD_FILES],
                         ids=[c[0] for c in BAD_FILES])
def test_bad_file_raises_one_line_input_error(name, data, message):
    with pytest.raises(InputError) as err:
        load_files([(name, data)])
    text = str(err.value)
    assert text.startswith(name + ": ") and message in text
    assert "\n" not in text


@pytest.mark.parametrize(("cap", "value", "message"), [
    ("MAX_ZIP_MEMBERS", 2, "zip holds 3 files"),
    ("MAX_UNPACKED_BYTES", 100, "unpack to more than"),
    ("MAX_MEMBERS_READ", 1, "zip holds 2 export files, above the limit of 1"),
])
def test_zip_caps(monkeypatch, cap, value, message):
    monkeypatch.setattr(archive, cap, value)
    data = _zip({"Connections.csv": (CONN + ROW).encode(), "x/Connections.csv": (CONN + ROW).encode(),
                 "b.txt": b"b"})
    with pytest.raises(InputError, match=message):
        load_files([("export.zip", data)])


def test_member_lying_about_its_size_is_refused():
    data = bytearray(_zip({"Connections.csv": (CONN + ROW).encode()}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (5).to_bytes(4, "little")  # declared uncompressed size
    with pytest.raises(InputError, match=r"unpacks larger than it declares|corrupt zip"):
        load_files([("export.zip", bytes(data))])


def test_mapping_naming_a_missing_column():
    with pytest.raises(InputError, match="column 'Mail' named in the column mapping is not in the file"):
        load_files([("people.csv", b"Name,E-mail\nAnn,a@x.io\n")], mapping={"name": "Name", "email": "Mail"})


# --- rows skipped and counted, not fatal ----------------------------------------------------------

@pytest.mark.parametrize(("body", "rows", "reasons"), [
    (MSG + SENT + "BADROW\n" + SENT, 2, {"malformed row": 1}),
    (MSG + SENT + "c1,,A,,B,,2024-01-15,,hi,INBOX,extra,fields\n", 1, {"malformed row (too many fields)": 1}),
    (MSG + SENT + "c1,,A,,Owen Owner,,yesterday-ish,,hi,INBOX\n", 1, {"unparseable date": 1}),
    (MSG + SENT + ",,,,,,,,,\n" + ",,,\n" + SENT, 2, {"empty row": 2}),
    (MSG + SENT + "c1,,,,Owen Owner,,2024-01-15,,hi,INBOX\n", 1, {"no sender": 1}),
])
def test_bad_rows_are_counted(body, rows, reasons):
    net = load_files([("messages.csv", body.encode())])
    report = net.files[0]
    assert (report.rows, report.reasons, report.skipped) == (rows, reasons, sum(reasons.values()))


def test_files_pasted_together_keep_clean_names_and_drop_the_repeated_header():
    body = (CONN + ROW).encode() + codecs.BOM_UTF8 + (CONN + "\ufeffBob,Roe,,,Beta,CTO,1 Jan 2024\n").encode()
    net = load_files([("Connections.csv", body)])
    assert net.contacts["name"].tolist() == ["Jane Doe", "Bob Roe"]
    assert net.files[0].reasons == {"repeated header row": 1}


def test_mixed_line_endings_read_every_row():
    body = CONN + ROW.rstrip("\n") + "\r" + "Bob,Roe,,,Beta,CTO,1 Jan 2024\r\nCy,Poe,,,Gamma,CFO,2 Jan 2024\n"
    assert load_files([("Connections.csv", body.encode())]).contacts["name"].tolist() == [
        "Jane Doe", "Bob Roe", "Cy Poe"]


def test_trailing_blank_fields_and_short_rows_are_kept():
    body = CONN + "Jane,Doe,https://www.linkedin.com/in/jane,,Acme,CEO,15 Mar 2023,,\nBob,Roe\n"
    net = load_files([("Connections.csv", body.encode())])
    assert net.contacts["name"].tolist() == ["Jane Doe", "Bob Roe"]
    assert net.files[0].skipped == 0


def test_unreadable_connection_date_is_a_warning_not_a_skip():
    net = load_files([("Connections.csv", (CONN + "Jane,Doe,,,Acme,CEO,someday\n").encode())])
    assert len(net.contacts) == 1 and pd.isna(net.contacts["connected_on"].iloc[0])
    assert "1 connection dates could not be read (left blank)" in net.files[0].warnings


# --- encodings, delimiters, cell text -------------------------------------------------------------

NAMES = CONN + "José,García,,,Café Müller,Señor,15 Mar 2023\n"


@pytest.mark.parametrize("data", [
    NAMES.encode("utf-8"),
    codecs.BOM_UTF8 + NAMES.encode("utf-8"),
    NAMES.encode("utf-16"),  # with BOM
    NAMES.encode("utf-16-le"),  # without BOM
    NAMES.encode("cp1252"),
    ("Notes:\n\n" + NAMES).encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "cp1252", "cp1252-preamble"])
def test_encodings_are_detected(data):
    net = load_files([("Connections.csv", data)])
    got = net.contacts.iloc[0][["name", "company", "position"]].tolist()
    assert got == ["José García", "Café Müller", "Señor"]


def test_cp1252_bytes_after_a_long_utf8_head_are_recovered(monkeypatch):
    monkeypatch.setattr(tables, "_HEAD_BYTES", 100)
    data = (CONN + ROW * 5).encode() + "Zoë,Roe,,,Acme,CEO,15 Mar 2023\n".encode("cp1252")
    net = load_files([("Connections.csv", data)])
    assert "Zoë Roe" in set(net.contacts["name"])


def test_mojibake_is_flagged():
    data = (CONN + "JosÃ©,GarcÃ\xada,,,Itâ€™s,CEO,15 Mar 2023\n").encode("utf-8")
    warnings = load_files([("Connections.csv", data)]).files[0].warnings
    assert any("mojibake" in w for w in warnings)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed(delimiter):
    body = (CONN + ROW).replace(",", delimiter)
    net = load_files([("Connections.csv", body.encode())])
    assert net.contacts.iloc[0][["name", "company"]].tolist() == ["Jane Doe", "Acme"]


def test_every_cell_is_text():
    body = CONN + "NA,null,,,007,0042,15 Mar 2023\n"
    got = load_files([("Connections.csv", body.encode())]).contacts.iloc[0]
    assert got[["first_name", "last_name", "company", "position"]].tolist() == ["NA", "null", "007", "0042"]


def test_huge_field_is_read(monkeypatch):
    monkeypatch.setattr(tables, "_BLOCK", 1 << 16)  # force the retry with one block for the whole file
    text = "word, " * 100_000
    body = MSG + f'c1,,Ann Ash,,Owen Owner,,2024-01-15 09:30:00,,"{text}",INBOX\n'
    net = load_files([("messages.csv", body.encode())])
    assert net.files[0].rows == 1
    assert net.interactions["content"].iloc[0] == text[:500]


def test_crlf_and_classic_mac_line_endings():
    for newline in ("\r\n", "\r"):
        body = (CONN + ROW + ROW.replace("jane", "jim").replace("Jane", "Jim")).replace("\n", newline)
        assert len(load_files([("Connections.csv", body.encode())]).contacts) == 2


def test_detect_kind_reads_only_the_header():
    """The import page asks for every upload's kind: a body problem must not surface there."""
    from analytics.ingest import detect_kind

    assert detect_kind("messages.csv", (MSG + 'c1,,A,,B,,2024-01-15,,"never closed\n').encode()) == "messages"


def test_bom_file_with_cp1252_body_is_recovered(monkeypatch):
    monkeypatch.setattr(tables, "_HEAD_BYTES", 100)
    zoe = "Zoë,Roe,,,Acme,CEO,1 Mar 2023\n".encode("cp1252")
    data = codecs.BOM_UTF8 + ("Notes:\n\n" + CONN + ROW * 3).encode() + zoe
    net = load_files([("Connections.csv", data)])
    assert sorted(net.contacts["name"]) == ["Jane Doe", "Zoë Roe"]


CONNECTIONS = b"First Name,Last Name,Connected On\nAna,Lopez,1 Jan 2024\n"


@pytest.mark.parametrize(("name", "body"), [
    ("Positions.csv", b"Company Name,Title,Description,Location,Started On\nAcme,CEO,,,Jan 2020\n"),
    ("Skills.csv", b"Name\nNegotiation\n"),
    ("export/Rich_Media.csv", b"Date/Time,Media Description,Media Link\n2024-01-01,x,y\n"),
])
def test_the_exports_other_loose_csvs_are_left_out_with_a_note(name: str, body: bytes) -> None:
    net = load_files([("Connections.csv", CONNECTIONS), (name, body)])  # dropped together, like a user
    assert net.contacts["name"].tolist() == ["Ana Lopez"]
    left_out = net.files[1]
    assert (left_out.file, left_out.kind, left_out.rows) == (name, "not_used", 0)
    assert "left out" in left_out.warnings[0] and import_summary.empty_files(net.files) == []
    assert load.detect_kind(name, body) == "not_used"  # the Import page asks this first


def test_an_unknown_file_without_a_header_is_still_refused() -> None:
    with pytest.raises(InputError, match="no recognisable header row"):
        load_files([("Connections.csv", CONNECTIONS), ("notes.csv", b"just,some\nwords,here\n")])
