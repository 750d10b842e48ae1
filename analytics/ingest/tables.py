"""Bytes -> a header-classified table of text cells (CSV of any encoding/delimiter, or .xlsx).

The header row is found by scanning the first lines (never a fixed skip); the body is read by
pyarrow's multi-threaded CSV reader with every cell as text, so "NA" stays a name and "007" keeps
its zeros. Malformed, blank and unterminated rows are counted or reported with a line number.

Example:
    >>> body = b"Notes:\\n\\nFirst Name,Last Name,Connected On\\nNA,007,1 Jan 2024\\n"
    >>> t = read_table("Connections.csv", body)
    >>> t.kind, t.frame.to_dict("records")
    ('connections', [{'first_name': 'NA', 'last_name': '007', 'connected_on': '1 Jan 2024'}])
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from analytics.errors import InputError
from analytics.i18n import N_, _, counted, number
from analytics.ingest.archive import ZIP_MAGIC, is_xlsx, open_zip
from analytics.ingest.headers import classify
from analytics.ingest.xlsx import read_sheets
from analytics.limits import MAX_CELL_CHARS, MAX_CONTACTS, MAX_TABLE_ROWS
from analytics.model import FileReport

HEADER_SCAN_LINES = 30
_HEAD_BYTES = 256 * 1024
_BLOCK = 4 << 20  # pyarrow block; a row longer than this triggers one whole-file retry
_DELIMITERS = (",", ";", "\t")
_MOJIBAKE = (b"\xc3\xa2\xe2\x82\xac", b"\xc3\x83\xc2", b"\xc3\x83\xe2")  # "â€", "Ã" + Latin-1/cp1252
#: What a file that is not a table looks like, by its magic bytes: the whole sentence people read.
_FOREIGN = {
    b"%PDF": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a PDF)"),
    b"\x89PNG": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a PNG image)"),
    b"\xff\xd8\xff": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a JPEG image)"),
    b"GIF8": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a GIF image)"),
    b"\x1f\x8b": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a gzip file)"),
    b"7z\xbc\xaf": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a 7-Zip archive)"),
    b"Rar!": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like a RAR archive)"),
    b"\xd0\xcf\x11\xe0": N_("is not a CSV, Excel (.xlsx) or zip file (it looks like an old .xls or "
                           "password-protected Excel file): save it as .xlsx or CSV")}
#: The fields a too-long cell is named by (the other readers' fields; a raw column keeps its own name).
FIELD_WORDS = {
    "first_name": N_("first name"), "last_name": N_("last name"), "name": N_("name"), "email": N_("email"),
    "email_2": N_("email 2"), "email_3": N_("email 3"), "phone": N_("phone"), "phone_2": N_("phone 2"),
    "phone_3": N_("phone 3"), "company": N_("company"), "position": N_("position"), "url": N_("url"),
    "connected_on": N_("connected on"), "conversation_id": N_("conversation id"),
    "title": N_("title"), "sender": N_("sender"), "sender_url": N_("sender url"),
    "recipients": N_("recipients"), "recipient": N_("recipient"), "recipient_url": N_("recipient url"),
    "recipient_urls": N_("recipient urls"), "date": N_("date"), "direction": N_("direction"),
    "draft": N_("draft"), "conversation_draft": N_("conversation draft"), "status": N_("status"),
    "headline": N_("headline"), "maiden_name": N_("maiden name"), "confirmed": N_("confirmed"),
    "primary": N_("primary"), "updated_on": N_("updated on")}
_BLANK = re.compile(rb"[\s\x00]*\Z")
_MOJIBAKE_SCAN = 8 << 20  # bytes sampled for mis-decoded text
_LONG_TEXT = frozenset({"content"})  # fields kept as written; every other cell is trimmed


@dataclass
class Table:
    """One file's rows: `frame` has one text column per recognised field, named by the field."""

    kind: str
    columns: list[str]
    fields: dict[str, str]
    frame: pd.DataFrame
    report: FileReport
    extra: dict = field(default_factory=dict)


@dataclass
class _Text:
    buf: bytes
    start: int  # bytes to skip (a UTF-8 BOM)
    encoding: str


def sniff(name: str, data: bytes) -> str:
    """'zip', 'xlsx' or 'text' from magic bytes; InputError for empty or other binary files."""
    if _BLANK.match(data):
        raise InputError(name, _("the file is empty"))
    if data.startswith(ZIP_MAGIC):
        return "xlsx" if is_xlsx(open_zip(name, data)) else "zip"
    for magic, what in _FOREIGN.items():
        if data.startswith(magic):
            raise InputError(name, _(what))
    head = data[:4096]
    if b"\x00" in head and not _utf16(head):
        raise InputError(name, _("is not a CSV, Excel (.xlsx) or zip file (binary content)"))
    return "text"


def _utf16(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) // 4 and even == 0:
        return "utf-16-le"
    return "utf-16-be" if even > len(head) // 4 and odd == 0 else ""


def _cp1252(data: bytes) -> bytes:
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8")


def _to_utf8(data: bytes) -> _Text:
    """UTF-8 bytes of the file: BOMs honoured, UTF-16 and cp1252 transcoded."""
    if data.startswith(codecs.BOM_UTF8):
        return _Text(data, 3, "utf-8-sig")
    wide = _utf16(data[:4096])
    if wide:
        return _Text(data.decode(wide).lstrip("\ufeff").encode("utf-8"), 0, wide)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:_HEAD_BYTES], final=len(data) <= _HEAD_BYTES)
    except UnicodeDecodeError:
        return _Text(_cp1252(data), 0, "cp1252")
    return _Text(data, 0, "utf-8")


def _raise_field_limit() -> None:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


def _split(line: str, delimiter: str) -> list[str]:
    """One line's cells; a line the csv module refuses (a stray carriage return) has none.

    >>> _split('a,"b,c"', ","), _split("a\\rb,c", ",")
    (['a', 'b,c'], [])
    """
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def _find_header(name: str, rows: list[list[list[str]]]) -> tuple[int, int, str, dict[str, str]]:
    """(row index, delimiter index, kind, fields) of the first row that reads as a header.

    `rows[i][d]` is line i split with delimiter d; the split naming the most fields wins.
    """
    for i, splits in enumerate(rows[:HEADER_SCAN_LINES]):
        best = None
        for d, cells in enumerate(splits):
            found = classify(cells, name) if len(cells) > 1 else None
            if found and (best is None or len(found[1]) > len(best[2])):
                best = (d, found[0], found[1])
        if best:
            return i, best[0], best[1], best[2]
    raise InputError(name, _("no recognisable header row (expected LinkedIn export columns, or contact "
                             "columns such as Name and E-mail) in the first {n} lines").format(
                                 n=number(HEADER_SCAN_LINES)))


def _unique_names(cells: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        base = cell or f"column {i + 1}"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}.{seen[base] - 1}")
    return out


def _mojibake_warning(buf: bytes) -> list[str]:
    sample = buf[:_MOJIBAKE_SCAN]
    hits = sum(sample.count(m) for m in _MOJIBAKE) if b"\xc3" in sample else 0
    if not hits:
        return []
    # TRANSLATORS: English keeps one form; write the singular and plural your language needs
    return [counted("{n} places look mis-decoded (mojibake such as 'â€™' or 'Ã©'): the file was probably "
                    "re-saved with the wrong encoding; names may show odd characters",
                    "{n} places look mis-decoded (mojibake such as 'â€™' or 'Ã©'): the file was probably "
                    "re-saved with the wrong encoding; names may show odd characters", hits)]


def _pyarrow_read(buf: pa.Buffer, names: list[str], wanted: list[str], delim: str, block: int):
    bad: list[str] = []

    def on_bad(row) -> str:
        bad.append(row.text)
        return "skip"

    parse = pacsv.ParseOptions(delimiter=delim, newlines_in_values=True, invalid_row_handler=on_bad)
    convert = pacsv.ConvertOptions(include_columns=wanted, column_types=dict.fromkeys(wanted, pa.string()),
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    read = pacsv.ReadOptions(column_names=names, skip_rows_after_names=1, block_size=block)
    table = pacsv.read_csv(pa.BufferReader(buf), parse_options=parse, convert_options=convert,
                           read_options=read)
    return table, bad


def _check_unterminated(name: str, text: _Text, raw: str) -> None:
    """Raise when a rejected row is an opening quote that swallowed the rest of the file."""
    if not raw.count('"') % 2:
        return
    encoded = raw.encode("utf-8")
    pos = text.buf.find(encoded[:4096], text.start)
    if pos >= 0 and _BLANK.match(text.buf, pos + len(encoded)):
        line = text.buf.count(b"\n", 0, pos) + 1
        raise InputError(name, _("unterminated quote starting on line {line}: a quoted cell never "
                                 "closes").format(line=number(line)))


def _recover(name: str, text: _Text, bad, names, wanted, delim, report: FileReport) -> pa.Table | None:
    """Short rows padded, blank-tailed long rows trimmed, others counted; unterminated quotes raise."""
    idx = [names.index(w) for w in wanted]
    rows = []
    for raw in bad:
        _check_unterminated(name, text, raw)
        try:
            cells = next(csv.reader(io.StringIO(raw, newline=""), delimiter=delim), [])
        except csv.Error:
            report.skip(_("malformed row"))
            continue
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
            report.skip(_("malformed row (too many fields)"))
            continue
        cells = (cells + [""] * len(names))[:len(names)]
        rows.append([cells[i] for i in idx])
    if not rows:
        return None
    return pa.table({w: pa.array([r[k] for r in rows], pa.string()) for k, w in enumerate(wanted)})


def _choose_fields(name: str, kind: str, names: list[str], fields: dict[str, str],
                   mapping: dict[str, str] | None, raw: bool) -> dict[str, str]:
    """Fields to read: every column (`raw`), the caller's mapping for generic contacts, or the guess."""
    if raw:
        return {c: c for c in names}
    if kind != "generic" or not mapping:
        return fields
    missing = [c for c in mapping.values() if c not in names]
    if missing:
        raise InputError(name, _("column {column} named in the column mapping is not in the file").format(
            column=repr(missing[0])))
    return dict(mapping)


@dataclass
class _Header:
    kind: str
    names: list[str]
    fields: dict[str, str]
    delimiter: str
    offset: int  # byte offset of the header row in `text.buf`


def _locate(text: _Text, filename: str) -> _Header:
    """Scan the first lines of a text file for its header row and delimiter."""
    _raise_field_limit()
    head = text.buf[text.start:text.start + _HEAD_BYTES].decode("utf-8", errors="ignore")
    newline = "\n" if "\n" in head else "\r"
    lines = head.split(newline)
    if len(text.buf) - text.start > _HEAD_BYTES:
        lines = lines[:-1]
    splits = [[_split(ln.rstrip("\r"), d) for d in _DELIMITERS] for ln in lines[:HEADER_SCAN_LINES]]
    row, d, kind, fields = _find_header(filename, splits)
    names = _unique_names([c.strip().lstrip("\ufeff") for c in splits[row][d]])
    offset = text.start + len(newline.join([*lines[:row], ""]).encode("utf-8")) if row else text.start
    return _Header(kind, names, {f: names[splits[row][d].index(c)] for f, c in fields.items()},
                   _DELIMITERS[d], offset)


def _read_text(name: str, data: bytes, filename: str, mapping: dict[str, str] | None,
               raw: bool) -> tuple[str, list[str], dict, pa.Table, FileReport]:
    text = _to_utf8(data)
    header = _locate(text, filename)
    kind, names, delim, offset = header.kind, header.names, header.delimiter, header.offset
    fields = _choose_fields(name, kind, names, header.fields, mapping, raw)
    report = FileReport(file=name, kind=kind, warnings=_mojibake_warning(text.buf))
    if text.encoding not in ("utf-8", "utf-8-sig"):
        report.warnings.append(_("read as {encoding} (not UTF-8)").format(encoding=text.encoding))
    wanted = list(dict.fromkeys(fields.values()))
    table = None
    for attempt in range(3):
        try:
            table, bad = _pyarrow_read(pa.py_buffer(text.buf)[offset:], names, wanted, delim,
                                       _BLOCK if attempt == 0 else len(text.buf) + 1)
            break
        except pa.ArrowInvalid as exc:
            if "UTF8" in str(exc) and text.encoding.startswith("utf-8"):
                text = _Text(_cp1252(text.buf[text.start:]), 0, "cp1252")
                offset = _locate(text, filename).offset
                report.warnings.append(_("read as {encoding} (not UTF-8)").format(encoding="cp1252"))
            elif "straddl" not in str(exc) or attempt:
                raise InputError(name, _("unreadable CSV ({error})").format(
                    error=str(exc).splitlines()[0])) from None
    recovered = _recover(name, text, bad, names, wanted, delim, report)
    if recovered is not None:
        table = pa.concat_tables([table, recovered])
    return kind, names, fields, table, report


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _read_xlsx(name: str, data: bytes, filename: str, mapping: dict[str, str] | None,
               raw: bool) -> tuple[str, list[str], dict, pa.Table, FileReport]:
    for values in read_sheets(name, data).values():
        head = [[_cell(v) for v in r] for r in values[:HEADER_SCAN_LINES]]
        try:
            row, _delimiter, kind, fields = _find_header(filename, [[r] for r in head])
        except InputError:
            continue
        names = _unique_names([c.strip() for c in head[row]])
        fields = {f: names[head[row].index(c)] for f, c in fields.items()}
        fields = _choose_fields(name, kind, names, fields, mapping, raw)
        wanted = list(dict.fromkeys(fields.values()))
        idx = [names.index(w) for w in wanted]
        report = FileReport(file=name, kind=kind)
        body = [r for r in values[row + 1:] if r]
        if len(body) < len(values) - row - 1:
            report.skip(_("empty row"), len(values) - row - 1 - len(body))
        table = pa.table({w: pa.array([_cell(r[i]) if i < len(r) else "" for r in body], pa.string())
                          for w, i in zip(wanted, idx, strict=True)})
        return kind, names, fields, table, report
    raise InputError(name, _("no sheet has a recognisable header row (expected contact columns such as "
                             "Name and E-mail)"))


def read_table(name: str, data: bytes, filename: str = "", mapping: dict[str, str] | None = None,
               raw: bool = False) -> Table:
    """Read one CSV/XLSX file; `filename` (default `name`) is the basename used for kind hints.

    `mapping` (field -> column) replaces the guessed columns of a generic contacts file; `raw`
    keeps every column under its own name. Cells are trimmed (message text excepted); blank rows
    are dropped and counted as "empty row".
    """
    filename = filename or name.replace("\\", "/").rsplit("/", 1)[-1]
    container = sniff(name, data)
    if container == "zip":
        raise InputError(name, _("is a zip archive, not a table"))
    reader = _read_xlsx if container == "xlsx" else _read_text
    kind, names, fields, table, report = reader(name, data, filename, mapping, raw)
    _check_rows(name, kind, table.num_rows)
    blank = None
    for col in table.column_names:
        empty = pc.equal(pc.binary_length(table[col]), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
    if blank is not None and table.num_rows:
        n_blank = pc.sum(blank).as_py() or 0
        if n_blank:
            report.skip(_("empty row"), n_blank)
            table = table.filter(pc.invert(blank))
    boms = container == "xlsx" or _has_bom(data)
    table = pa.table({f: table[c] if f in _LONG_TEXT else _trimmed(table[c], boms)
                      for f, c in fields.items()})
    _check_lengths(name, table)
    table = _drop_repeated_headers(table, fields, report)
    report.kind = _directed(kind, filename)
    return Table(kind=report.kind, columns=names, fields=fields, frame=table.to_pandas(), report=report)


def _has_bom(data: bytes) -> bool:
    """True when a byte-order mark (U+FEFF in UTF-8, or its UTF-16 forms) occurs anywhere in `data`.

    >>> _has_bom(b"a,b\\n\\xef\\xbb\\xbfc"), _has_bom(b"a,\\xef\\xbc\\x81")
    (True, False)
    """
    if not data.startswith(codecs.BOM_UTF8) and _utf16(data[:4096]):
        return True  # transcoded from UTF-16: look no further
    hits, at = 0, data.find(b"\xef")
    while at >= 0:  # a memchr scan for the lead byte; U+EFxx-FFFF are rare in any export
        if data.startswith(codecs.BOM_UTF8, at):
            return True
        hits += 1
        if hits > 1000:
            return codecs.BOM_UTF8 in data[at:]
        at = data.find(b"\xef", at + 1)
    return False


def _edges_blank(column: pa.ChunkedArray) -> bool:
    """False only when no cell can start or end with whitespace: every non-empty cell's first and last
    byte is printable ASCII (Unicode whitespace is ASCII <= space, or a multi-byte character).

    >>> _edges_blank(pa.chunked_array([["a", "b c", ""]])), _edges_blank(pa.chunked_array([["a", "b "]]))
    (False, True)
    """
    for chunk in column.chunks:
        offsets_buf, data_buf = chunk.buffers()[1:3]
        if data_buf is None or not len(chunk):
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buf, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        data = np.frombuffer(data_buf, dtype=np.uint8)
        filled = offsets[1:] > offsets[:-1]
        ends = np.concatenate([data[offsets[:-1][filled]], data[offsets[1:][filled] - 1]])
        if ((ends < 0x21) | (ends >= 0x7F)).any():
            return True
    return False


def _trimmed(column: pa.ChunkedArray, boms: bool) -> pa.ChunkedArray:
    """`column` without byte-order marks (only looked for when `boms`) and trimmed of whitespace; a
    column with nothing to remove is returned as it is (no copy of a million cells)."""
    if boms:
        column = pc.replace_substring(column, "\ufeff", "")
    return pc.utf8_trim_whitespace(column) if boms or _edges_blank(column) else column


def _check_rows(name: str, kind: str, rows: int) -> None:
    """Refuse a table longer than MAX_TABLE_ROWS, or a contacts table longer than MAX_CONTACTS.

    >>> _check_rows("c.csv", "generic", 100_001)
    Traceback (most recent call last):
    analytics.errors.InputError: c.csv: 100,001 contacts, above the limit of 100,000 in one file
    """
    if kind in ("connections", "generic") and rows > MAX_CONTACTS:
        raise InputError(name, _("{n} contacts, above the limit of {limit} in one file").format(
            n=number(rows), limit=number(MAX_CONTACTS)))
    if rows > MAX_TABLE_ROWS:
        raise InputError(name, _("{n} rows, above the limit of {limit} in one file").format(
            n=number(rows), limit=number(MAX_TABLE_ROWS)))


def _check_lengths(name: str, table: pa.Table) -> None:
    """Refuse a file with a cell (other than message text) longer than MAX_CELL_CHARS."""
    for f in table.column_names:
        if f in _LONG_TEXT or not table.num_rows:
            continue
        lengths = pc.utf8_length(table[f])
        longest = pc.max(lengths).as_py() or 0
        if longest > MAX_CELL_CHARS:
            row = pc.index(lengths, longest).as_py() + 1
            what = _(FIELD_WORDS[f]) if f in FIELD_WORDS else f.replace("_", " ")
            # TRANSLATORS: {field} is a field's name such as "first name" or "company" (translated apart)
            raise InputError(name, _("data row {row}: the {field} holds {n} characters, above the limit of "
                                     "{limit}").format(row=number(row), field=what, n=number(longest),
                                                       limit=number(MAX_CELL_CHARS)))


def _drop_repeated_headers(table: pa.Table, fields: dict[str, str], report: FileReport) -> pa.Table:
    """Rows that repeat the header (files pasted together) are dropped and counted."""
    same = None
    for f, c in fields.items():
        hit = pc.equal(table[f], c.strip())
        same = hit if same is None else pc.and_(same, hit)
    repeated = pc.sum(same).as_py() if same is not None and table.num_rows else 0
    if not repeated:
        return table
    report.skip(_("repeated header row"), repeated)
    return table.filter(pc.invert(same))


def _directed(kind: str, filename: str) -> str:
    """Recommendation files look alike both ways: the file name tells given from received."""
    if kind != "recommendations":
        return kind
    return "recommendations_given" if "given" in filename.casefold() else "recommendations_received"


def detect(name: str, data: bytes, filename: str = "") -> str:
    """Kind of a file from its magic bytes and header row only (the body is not parsed)."""
    filename = filename or name.replace("\\", "/").rsplit("/", 1)[-1]
    container = sniff(name, data)
    if container == "zip":
        return "zip"
    if container == "xlsx":
        return _directed(_read_xlsx(name, data, filename, None, False)[0], filename)
    return _directed(_locate(_to_utf8(data), filename).kind, filename)
