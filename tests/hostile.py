"""Hostile input files, generated at test time (never committed): one builder per attack reported in
issue 17, and the attacks that already held (zip ratio and member caps, path traversal, XXE, billion
laughs). Each `Attack` says which import path it targets and what must happen there.

Run one attack the way the app does, in this process, printing a JSON line (the memory tests run this
in a child process under an address-space cap):

    python -m tests.hostile xlsx_dimension_bomb
"""

from __future__ import annotations

import io
import json
import re
import resource
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import openpyxl
import pandas as pd

from tests.builders import zipped

CONN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
#: The contacts every ledger and BNI attack refers to (CLI: a Connections.csv beside the ledger).
CONTACTS_CSV = (f"{CONN_HEADER}\nAnn,Lee,,,Acme,CEO,15 Mar 2023\nBob,Roe,,,Beta,CTO,16 Mar 2023\n").encode()
DAY = "2026-03-05"


# -- builders -----------------------------------------------------------------------------------


def _xlsx(rows: list[list], patch: Callable[[str], str] = lambda xml: xml, title: str = "Sheet") -> bytes:
    """A workbook made by openpyxl whose first sheet's XML is then rewritten by `patch`."""
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = patch(body.decode()).encode()
            dst.writestr(item, body)
    return out.getvalue()


def _claim_everything(xml: str) -> str:
    """The sheet's <dimension> claims all of A1:XFD1048576 (17 billion cells)."""
    return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)


def _far_cell(ref: str, row: int) -> Callable[[str], str]:
    """Claim the whole sheet in <dimension> and put one numeric cell at `ref` (in row `row`)."""
    return lambda xml: _claim_everything(xml).replace(
        "</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row></sheetData>'
    )


def _doctype(entity: str) -> Callable[[str], str]:
    """Prefix the sheet XML with a DOCTYPE and use the entity `&e;` in a cell."""
    return lambda xml: entity + xml.replace("<t>Ann</t>", "<t>&e;</t>")


XXE = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
)
PEOPLE = [
    CONN_HEADER.split(","),
    ["Ann", "Lee", "", "", "Acme", "CEO", "15 Mar 2023"],
    ["Bob", "Roe", "", "", "Beta", "CTO", "16 Mar 2023"],
]


def _zip_same(names: list[str], body: bytes) -> bytes:
    """A zip whose members all hold `body`, compressed once (fast for thousands of members)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(body) + packer.flush()
    crc = zlib.crc32(body)
    out, central = bytearray(), bytearray()
    for name in names:
        raw = name.encode()
        central += (
            struct.pack(
                "<4s6H3I5H2I",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(packed),
                len(body),
                len(raw),
                0,
                0,
                0,
                0,
                0,
                len(out),
            )
            + raw
        )
        out += (
            struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), len(body), len(raw), 0)
            + raw
            + packed
        )
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(names), len(names), len(central), len(out), 0)
    return bytes(out + central + end)


def _mib_of_rows(mib: int) -> bytes:
    """`mib` MiB of a messages.csv body that compresses about 140:1 (below the ratio cap)."""
    noise = bytes((i * 7919 + 13) % 251 for i in range(400))
    block = noise + b"\n" * (65536 - len(noise))
    return (block * (mib * 16))[: mib << 20]


def _bni(
    slips: list[tuple[str, ...]],
    title: str = "05/03/2026",
    row_attr: str = "",
    cell_attr: str = "",
    doctype: str = "",
) -> bytes:
    """An Excel 2003 XML Slips Audit Report: title, Running User (Owen Owner), header, `slips`."""

    def row(cells: tuple[str, ...], attr: str = "") -> str:
        return (
            f"<Row{attr}>"
            + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in cells)
            + "</Row>"
        )

    rows = [
        row((f"Slips Audit Report for {title}",)),
        row(("Running User", "Owen Owner")),
        row(("Run At", "05/03/2026 10:00")),
        row(("From", "To", "Slip Type", "TYFCB Amount", "Date")),
        *(row(s) for s in slips),
    ]
    if row_attr:
        rows.append(row(("Ann Lee", "Owen Owner", "Referral"), row_attr))
    if cell_attr:
        rows.append(f'<Row><Cell{cell_attr}><Data ss:Type="String">x</Data></Cell></Row>')
    body = "".join(rows).replace("Lee</Data>", "Lee&e;</Data>", 1) if doctype else "".join(rows)
    return (
        f'<?xml version="1.0"?>{doctype.replace("worksheet", "Workbook")}'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="Report"><Table>{body}</Table></Worksheet></Workbook>'
    ).encode()


SLIPS = [
    ("Owen Owner", "Ann Lee", "Referral", "", ""),
    ("Bob Roe", "Owen Owner", "TYFCB", "500", ""),
    ("Owen Owner", "Bob Roe", "One to One", "", ""),
]
ACTIVITIES = ["Date", "Contact", "Kind", "Direction", "Value"]


def _activities_csv(rows: list[str], newline: str = "\n") -> bytes:
    return newline.join([",".join(ACTIVITIES), *rows, ""]).encode()


# -- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    """One hostile file. `path`: "contacts" (Import page, `summary FILE`), "ledger" or "bni" (Ledger
    page, `summary --ledger FILE`). `error`: the one-line reason expected ("" when it imports);
    otherwise `rows` (contacts, or ledger rows) and a skip `reason` the report must count."""

    name: str
    filename: str
    path: str
    build: Callable[[], bytes]
    error: str = ""
    rows: int = 0
    reason: str = ""


# -- address books, calendars, mailboxes (issue 15) ----------------------------------------------------


def _card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{x}\r\n" for x in lines) + "END:VCARD\r\n").encode()


def _vcard_long_line() -> bytes:
    """Two good cards around one whose NOTE is a single 100 MB line."""
    huge = b"BEGIN:VCARD\r\nFN:Huge\r\nNOTE:" + b"x" * (100 << 20) + b"\r\nEND:VCARD\r\n"
    return b"".join([_card("FN:Ann Lee"), huge, _card("FN:Bob Roe")])


def _calendar(rule: str) -> bytes:
    """One event with Ann every period of `rule`, without end, in the owner's (Google-named) calendar."""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:me@x.org\r\nBEGIN:VEVENT\r\nUID:endless\r\n"
            f"DTSTART:20260105T090000Z\r\nRRULE:{rule}\r\nORGANIZER:mailto:me@x.org\r\n"
            "ATTENDEE;CN=Ann Lee:mailto:ann@y.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


def _mbox_broken() -> bytes:
    """A mailbox between the owner and Ann with broken messages between the good ones."""
    good = (b"From x Mon Jan  5 09:00:00 2026\nFrom: me@x.org\nTo: Ann Lee <ann@y.org>\n"
            b"Date: Mon, 5 Jan 2026 09:00:00 +0000\nMessage-ID: <1@x>\n\nhi\n\n"
            b"From y Tue Jan  6 09:00:00 2026\nFrom: Ann Lee <ann@y.org>\nTo: me@x.org\n"
            b"Date: Tue, 6 Jan 2026 09:00:00 +0000\nIn-Reply-To: <1@x>\n\nhello\n\n")
    broken = (b"From z Wed Jan  7 09:00:00 2026\n\xff\xfe\x00garbage without colon\nTo: me@x.org\n\n\n"
              b"From z Wed Jan  7 09:00:00 2026\nFrom: =?x-unknown?B?!!!?= <>\nTo: me@x.org\n"
              b"Date: 99 Foo 1\n\n\n"
              b"From z Wed Jan  7 09:00:00 2026\nX-Junk: " + b"j" * (1 << 20) + b"\n\n\n")
    return good + broken


ATTACKS = [
    # memory exhaustion (issue 17)
    Attack(
        "xlsx_dimension_bomb",
        "contacts.xlsx",
        "contacts",
        lambda: _xlsx(PEOPLE, _far_cell("XFD1048576", 1048576)),
        error="column 16,384, beyond the limit of 1,024 columns",
    ),
    Attack(
        "xlsx_lying_dimension", "contacts.xlsx", "contacts", lambda: _xlsx(PEOPLE, _claim_everything), rows=2
    ),
    Attack(
        "xlsx_row_index_bomb",
        "contacts.xlsx",
        "contacts",
        lambda: _xlsx(PEOPLE, _far_cell("A2000000000", 2000000000)),
        error="row 2,000,000,000, beyond the limit of 1,048,576 rows",
    ),
    Attack(
        "ledger_xlsx_dimension_bomb",
        "ledger.xlsx",
        "ledger",
        lambda: _xlsx(
            [ACTIVITIES, [DAY, "Ann Lee", "Referral", "Given", 0]],
            _far_cell("XFD1048576", 1048576),
            title="Activities",
        ),
        error="column 16,384, beyond the limit of 1,024 columns",
    ),
    Attack(
        "bni_row_index_bomb",
        "slips.xls",
        "bni",
        lambda: _bni(SLIPS, row_attr=' ss:Index="2000000000"'),
        error="ss:Index=2,000,000,000 is beyond the limit of 1,048,576 rows",
    ),
    Attack(
        "bni_merge_across_bomb",
        "slips.xls",
        "bni",
        lambda: _bni(SLIPS, cell_attr=' ss:MergeAcross="2000000000"'),
        error="ss:MergeAcross=2,000,000,000 is beyond the limit of 1,024 columns",
    ),
    Attack(
        "zip_4000_members_of_1_mib",
        "export.zip",
        "contacts",
        lambda: _zip_same([f"part{i}/messages.csv" for i in range(4000)], _mib_of_rows(1)),
        error="zip holds 4,000 export files, above the limit of 64",
    ),
    Attack(
        "zip_60_members_of_9_mib",
        "export.zip",
        "contacts",
        lambda: _zip_same([f"part{i}/messages.csv" for i in range(60)], _mib_of_rows(9)),
        error="the export files unpack to more than 512 MiB (the limit)",
    ),
    Attack(
        "zip_10000_tiny_connections",
        "export.zip",
        "contacts",
        lambda: _zip_same([f"{i}/Connections.csv" for i in range(10_000)], CONTACTS_CSV),
        error="zip holds 10,000 export files, above the limit of 64",
    ),
    Attack(
        "zip_120000_contacts",
        "export.zip",
        "contacts",
        lambda: _zip_same(
            ["a/Connections.csv", "b/Connections.csv"],
            (CONN_HEADER + "\n" + "".join(f"P{i},Q{i},,,,,1 Jan 2024\n" for i in range(60_000))).encode(),
        ),
        error="the files hold more than 100,000 contacts in all (the limit)",
    ),
    # a traceback instead of one line (issue 17)
    Attack(
        "csv_mixed_line_endings",
        "Connections.csv",
        "contacts",
        lambda: CONTACTS_CSV + b"Cy,Poe,,,Gamma,CFO,17 Mar 2023\rDee,Orr,,,Delta,COO,18 Mar 2023\n",
        rows=4,
    ),
    Attack(
        "ledger_dates_9999_text",
        "activities.csv",
        "ledger",
        lambda: _activities_csv(
            [
                f"{DAY},Ann Lee,Referral,Given,0",
                "9999-12-31,Ann Lee,Referral,Given,0",
                "01/01/1000,Bob Roe,Referral,Given,0",
            ]
        ),
        rows=1,
        reason="date outside 1900-2100",
    ),
    Attack(
        "ledger_dates_9999_cell",
        "ledger.xlsx",
        "ledger",
        lambda: _xlsx(
            [
                ACTIVITIES,
                [datetime(2026, 3, 5), "Ann Lee", "Referral", "Given", 0],
                [datetime(9999, 12, 31), "Bob Roe", "Referral", "Given", 0],
            ],
            title="Activities",
        ),
        rows=1,
        reason="date outside 1900-2100",
    ),
    Attack(
        "bni_dates_9999",
        "slips.xls",
        "bni",
        lambda: _bni([*SLIPS, ("Owen Owner", "Bob Roe", "Referral", "", "31/12/9999")], title="31/12/9999"),
        rows=3,
        reason="date outside 1900-2100",
    ),
    Attack(
        "bni_index_not_a_number",
        "slips.xls",
        "bni",
        lambda: _bni(SLIPS, row_attr=' ss:Index="abc"'),
        error="ss:Index='abc' is not a whole number",
    ),
    Attack(
        "xlsx_text_in_number_cell",
        "contacts.xlsx",
        "contacts",
        lambda: _xlsx(
            PEOPLE,
            lambda x: x.replace(
                '<c r="G2" t="inlineStr"><is><t>15 Mar 2023</t></is></c>', '<c r="G2" t="n"><v>abc</v></c>'
            ),
        ),
        error="sheet 'Sheet' is unreadable (invalid literal",
    ),
    Attack(
        "ledger_field_over_128_kib",
        "activities.csv",
        "ledger",
        lambda: _activities_csv([f"{DAY},Ann Lee,Referral,Given,0,{'x' * (200 << 10)}"]).replace(
            b"Value\n", b"Value,Note\n"
        ),
        error="a cell is longer than the limit of 10,000 characters",
    ),
    # smaller (issue 17)
    Attack(
        "ledger_numbers",
        "activities.csv",
        "ledger",
        lambda: _activities_csv(
            [f"{DAY},Ann Lee,Closed business,Received,{v}" for v in ("1e999", "2E5", "1e400", "-5", "1200")]
        ),
        rows=2,
        reason="value not a number up to 1,000,000,000,000",
    ),
    Attack(
        "ledger_infinite_cell",
        "ledger.xlsx",
        "ledger",
        lambda: _xlsx(
            [
                ACTIVITIES,
                [DAY, "Ann Lee", "Closed business", "Received", 7],
                [DAY, "Bob Roe", "Closed business", "Received", 100],
            ],
            lambda xml: xml.replace("<v>7</v>", "<v>1e999</v>"),
            title="Activities",
        ),
        rows=1,
        reason="value not a number up to 1,000,000,000,000",
    ),
    Attack(
        "bni_negative_tyfcb",
        "slips.xls",
        "bni",
        lambda: _bni([*SLIPS, ("Bob Roe", "Owen Owner", "TYFCB", "-500", "")]),
        rows=3,
        reason="TYFCB amount '-500' is not a number of 0 or more",
    ),
    Attack(
        "csv_mid_file_bom_and_repeated_header",
        "Connections.csv",
        "contacts",
        lambda: CONTACTS_CSV + b"\xef\xbb\xbf" + CONTACTS_CSV,
        rows=2,
        reason="repeated header row",
    ),
    Attack(
        "csv_50_mb_name",
        "Connections.csv",
        "contacts",
        lambda: CONTACTS_CSV + b"A" * (50 << 20) + b",Long,,,,,1 Jan 2024\n",
        error="the first name holds 52,428,800 characters, above the limit of 10,000",
    ),
    # attacks that held before issue 17
    Attack(
        "zip_ratio_bomb",
        "export.zip",
        "contacts",
        lambda: zipped({"messages.csv": b"\0" * (64 << 20)}),
        error="possible zip bomb",
    ),
    Attack(
        "zip_member_count",
        "export.zip",
        "contacts",
        lambda: _zip_same([f"f{i}.txt" for i in range(20_001)], b"x"),
        error="zip holds 20,001 files",
    ),
    Attack(
        "zip_path_traversal",
        "export.zip",
        "contacts",
        lambda: zipped(
            {
                "../Connections.csv": CONTACTS_CSV,
                "/etc/Connections.csv": CONTACTS_CSV,
                "C:/x/Connections.csv": CONTACTS_CSV,
            }
        ),
        error="no LinkedIn export files",
    ),
    Attack(
        "xlsx_xxe",
        "contacts.xlsx",
        "contacts",
        lambda: _xlsx(PEOPLE, _doctype(XXE)),
        error="could not open the Excel workbook",
    ),
    Attack(
        "xlsx_billion_laughs",
        "contacts.xlsx",
        "contacts",
        lambda: _xlsx(PEOPLE, _doctype(LAUGHS)),
        error="could not open the Excel workbook",
    ),
    Attack(
        "bni_xxe",
        "slips.xls",
        "bni",
        lambda: _bni(SLIPS, doctype=XXE),
        error="not a BNI Connect report (EntitiesForbidden)",
    ),
    Attack(
        "bni_billion_laughs",
        "slips.xls",
        "bni",
        lambda: _bni(SLIPS, doctype=LAUGHS),
        error="not a BNI Connect report (EntitiesForbidden)",
    ),
]
ATTACKS += [
    Attack("vcard_100mb_line", "contacts.vcf", "contacts", _vcard_long_line, rows=2,
           reason="a field longer than 10,000 characters"),
    Attack("vcard_no_card", "contacts.vcf", "contacts", lambda: b"BEGIN:VCARD\r\nNOTE:x\r\n" * 1000,
           error="no usable contact card"),
    Attack("ics_endless_weekly", "calendar.ics", "contacts", lambda: _calendar("FREQ=WEEKLY"), rows=1),
    Attack("ics_endless_every_second", "calendar.ics", "contacts", lambda: _calendar("FREQ=SECONDLY"),
           error="above 100,000 event occurrences up to"),
    Attack("ics_not_a_calendar", "calendar.ics", "contacts", lambda: b"%PDF-1.4 not a calendar",
           error="not "),
    Attack("mbox_broken_headers", "mail.mbox", "contacts", _mbox_broken, rows=1,
           reason="no sender (broken headers)"),
    Attack("mbox_not_a_mailbox", "mail.mbox", "contacts", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 1000,
           error="not an mbox mailbox"),
]
BY_NAME = {a.name: a for a in ATTACKS}


# -- the app path -------------------------------------------------------------------------------


def contacts() -> pd.DataFrame:
    """The contacts the ledger and BNI attacks name (as the Ledger page has them from the workspace)."""
    from analytics.ingest import load_files

    return load_files([("Connections.csv", CONTACTS_CSV)]).contacts


def import_in_app(attack: Attack, data: bytes) -> dict:
    """What the Import or Ledger page gets for `data`: {"error": one line} or {"rows", "reasons"}."""
    from analytics.errors import InputError
    from analytics.ingest import bni, ledger_workbook, load_files

    try:
        if attack.path == "contacts":
            net = load_files([(attack.filename, data)])
            return {"rows": len(net.contacts), "reasons": _reasons(f.reasons for f in net.files)}
        if attack.path == "ledger":
            got = ledger_workbook.read_ledger([(attack.filename, data)], contacts())
        else:
            got = bni.read_bni_slips(attack.filename, data, contacts(), "")
        return {"rows": len(got.ledger), "reasons": _reasons(f.reasons for f in got.files)}
    except InputError as err:
        return {"error": str(err)}


def _reasons(reports) -> dict[str, int]:
    out: dict[str, int] = {}
    for reasons in reports:
        for reason, n in reasons.items():
            out[reason] = out.get(reason, 0) + n
    return out


if __name__ == "__main__":
    attack = BY_NAME[sys.argv[1]]
    result = import_in_app(attack, attack.build())
    result["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
