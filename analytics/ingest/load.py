"""Uploaded files, archives and folders -> one canonical `Network`.

Order matters: Profile.csv names the owner (Email Addresses.csv their addresses); connections and
generic contact files give contacts; address books (.vcf), calendars (.ics) and mailboxes (.mbox) are
read by their own readers; messages (which infer the owner when Profile.csv is absent: the most frequent
participant across FROM and TO), invitations, endorsements and recommendations become interactions
matched to contacts by URL, then name; last, `identity.resolve` makes one person of everyone the
sources share (e-mail, profile URL, phone, name at the same organisation) and applies who counts. The
owner is never a contact.

Example:
    >>> body = b"First Name,Last Name,Connected On\\nAna,Lopez,1 Jan 2024\\n"
    >>> net = load_files([("Connections.csv", body)])
    >>> net.contacts["contact_id"].tolist(), net.files[0].kind
    (['name:ana lopez'], 'connections')
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from functools import partial
from pathlib import Path

import pandas as pd

from analytics import identity
from analytics.errors import InputError
from analytics.i18n import _, counted, number
from analytics.ingest import linkedin
from analytics.ingest.archive import (
    UNUSED_MEMBERS,
    ZIP_MAGIC,
    ZipMember,
    is_known_member,
    member_key,
    zip_contents,
    zip_members,
    zip_source_kinds,
)
from analytics.ingest.generic import generic_contacts
from analytics.ingest.mbox import read_mbox
from analytics.ingest.people import Pairs, Resolver, fold_name, is_owner, pair_keys
from analytics.ingest.sources import Progress, SourceRows, address, source_kind
from analytics.ingest.tables import Table, detect, read_table, sniff
from analytics.ingest.vcard import read_vcards
from analytics.limits import MAX_CONTACTS, MAX_MEMBERS_READ, MAX_SOURCE_BYTES
from analytics.model import (
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    NOT_USED,
    FileReport,
    Network,
    Owner,
    contact_key,
    empty_frame,
    join_sources,
    normalize_url,
)

_ENDORSEMENT_KINDS = ("endorsements_received", "endorsements_given", "recommendations_received",
                      "recommendations_given")
#: Besides LinkedIn's export files, what a folder given as a path contributes: zips and personal sources.
_FOLDER_SUFFIXES = (".zip", ".vcf", ".vcard", ".ics", ".mbox")
#: What a file holds: its bytes, or (for a mailbox or a zip too large to hold) its path, or (a mailbox in
#: a zip) its member, streamed.
Data = bytes | Path | ZipMember
#: Files unzipped and parsed on a thread while the others are read and the contacts built (folded names):
#: a million messages take 1.5 s, which the contacts' 0.5 s no longer adds to.
_AHEAD = frozenset({"messages.csv"})


def detect_kind(name: str, data: bytes) -> str:
    """What a file is, from magic bytes and its header row (not its extension).

    One of "zip", "connections", "messages", "invitations", "endorsements_received",
    "endorsements_given", "recommendations_received", "recommendations_given", "profile",
    "email_addresses", "generic" (a contacts CSV/XLSX: Google, Outlook, spreadsheet), "vcard", "calendar",
    "mbox", NOT_USED (a file of the LinkedIn export the app leaves out, by its name). Raises InputError
    for anything else.

    >>> detect_kind("export.txt", b"CONVERSATION ID,FROM,TO,DATE,CONTENT\\n")
    'messages'
    >>> detect_kind("contacts.vcf", b"BEGIN:VCARD\\r\\n")
    'vcard'
    >>> detect_kind("Positions.csv", b"Company Name,Title\\nAcme,CEO\\n")
    'not_used'
    """
    if member_key(name) in UNUSED_MEMBERS:
        return NOT_USED
    return source_kind(name, data[:64]) or detect(name, data)


def _table(name: str, body: Callable[[], bytes], filename: str, mapping: dict[str, str] | None,
           pool: ThreadPoolExecutor | None) -> Table | Future[Table]:
    """The table of one file or zip member, unpacked and read now, or on `pool`'s thread for a
    messages.csv (see `_AHEAD`)."""
    def read() -> Table:
        return read_table(name, body(), filename=filename, mapping=mapping)

    if pool is not None and member_key(filename) in _AHEAD:
        return pool.submit(contextvars.copy_context().run, read)
    return read()


def _read(files: list[tuple[str, bytes]], mapping: dict[str, str] | None,
          pool: ThreadPoolExecutor | None) -> Iterator[Table | Future[Table]]:
    for name, data in files:
        if member_key(name) in UNUSED_MEMBERS:  # e.g. Positions.csv dropped with the export's other CSVs
            yield Table(NOT_USED, [], {}, pd.DataFrame(), FileReport(name, NOT_USED, warnings=[
                _("part of the LinkedIn export that says nothing about your network: left out")]))
            continue
        if sniff(name, data) != "zip":
            body = partial(bytes, data)  # bytes of bytes is the same object: no copy
            yield _table(name, body, name.replace("\\", "/").rsplit("/", 1)[-1], mapping, pool)
            continue
        found = False
        for member, unpack in zip_members(name, data):
            found = True
            yield _table(f"{name}/{member}", unpack, member_key(member), mapping, pool)
        if not found:
            raise InputError(name, _("no LinkedIn export files (Connections.csv, messages.csv, ...), address "
                                     "books (.vcf), calendars (.ics) or mailboxes (.mbox) in the zip"))


def _tables(files: list[tuple[str, bytes]], mapping: dict[str, str] | None,
            pool: ThreadPoolExecutor | None) -> Iterator[Table | Future[Table]]:
    """Every table read (`_read`), refused as soon as the contact tables hold more than MAX_CONTACTS rows
    (a table still being read is a messages table, or counted when `_load` reads it again in turn)."""
    people = 0
    for table in _read(files, mapping, pool):
        if isinstance(table, Table) and table.kind in ("connections", "generic"):
            people += len(table.frame)
            if people > MAX_CONTACTS:
                raise InputError(table.report.file, _("the files hold more than {limit} contacts in all "
                                                      "(the limit)").format(limit=number(MAX_CONTACTS)))
        yield table


def _merge_contacts(linked: pd.DataFrame, generic: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per contact_id (first non-blank value wins, connections first); generic rows
    join a connection by URL, then by name. Rows in order of each id's first appearance."""
    resolver = Resolver(linked)
    for frame in generic:
        named = frame["name"].where(frame["name"].ne(""), frame["email"])
        frame["contact_id"] = resolver.keys(frame["url"], named)
    merged = pd.concat([linked, *generic], ignore_index=True)
    return _collapse(merged[merged["contact_id"].notna()])


def _collapse(merged: pd.DataFrame) -> pd.DataFrame:
    """One row per contact_id: the first non-blank value of each column wins, sources are joined."""
    text = [c for c in CONTACT_COLUMNS if c not in ("contact_id", "connected_on")]
    shared = merged["contact_id"].duplicated(keep=False)
    single = merged[~shared].copy()  # the usual case: only these ids' rows need no grouping
    single["sources"] = single["sources"].map({v: join_sources(v) for v in single["sources"].unique()})
    parts = [single.assign(at=single.index)]
    if shared.any():
        many = merged[shared]
        at = many.reset_index().groupby("contact_id", sort=False)["index"].first()
        sources = many.groupby("contact_id", sort=False)["sources"].agg(lambda s: join_sources(*s))
        many = many.assign(**{c: many[c].replace("", pd.NA) for c in text})
        many = many.groupby("contact_id", sort=False, as_index=False).first()
        parts.append(many.assign(sources=many["contact_id"].map(sources), at=many["contact_id"].map(at)))
    merged = pd.concat(parts, ignore_index=True).sort_values("at", kind="stable", ignore_index=True)
    merged[text] = merged[text].fillna("").astype("str")
    merged["connected_on"] = merged["connected_on"].astype("datetime64[ns, UTC]")
    return merged[CONTACT_COLUMNS]


def _head(data: Data) -> bytes:
    if isinstance(data, bytes):
        return data[:64]
    with data.open() if isinstance(data, ZipMember) else data.open("rb") as f:
        return f.read(64)


def _unpacked(name: str, data: Data) -> Iterator[tuple[str, Data]]:
    """A zip's address books, calendars and mailboxes as files of their own ("takeout.zip/Takeout/..."),
    its other members ignored; the zip itself stays for `_read` when it holds LinkedIn export files (a
    zip on disk is then read into memory: its mailboxes are still streamed) or nothing usable (`_read`
    says so). Any other file passes as it is."""
    if isinstance(data, ZipMember) or not _head(data).startswith(ZIP_MAGIC):
        yield name, data
        return
    found = zip_contents(name, data)
    if found.export or not found.sources:  # a workbook (.xlsx) has no sources either
        yield name, data if isinstance(data, bytes) else data.read_bytes()
    yield from found.sources


def source_kinds(name: str, data: Data) -> set[str]:
    """The personal sources a file is, or a zip holds: "vcard", "calendar", "mbox" (members by extension,
    unread).

    >>> source_kinds("a.ics", b"BEGIN:VCALENDAR"), source_kinds("Connections.csv", b"First Name")
    ({'calendar'}, set())
    """
    head = _head(data)
    kind = source_kind(name, head)
    if kind or not head.startswith(ZIP_MAGIC) or isinstance(data, ZipMember):
        return {kind} if kind else set()
    return zip_source_kinds(name, data)


def _whole(name: str, data: bytes | Path) -> bytes:
    """The bytes of a file read whole (tables, vCards, calendars), a path read at most to the limit."""
    if isinstance(data, bytes):
        return data
    if data.stat().st_size > MAX_SOURCE_BYTES and source_kind(name, _head(data)):
        raise InputError(name, _("{n} bytes, above the limit of {limit}").format(
            n=number(data.stat().st_size), limit=number(MAX_SOURCE_BYTES)))
    return data.read_bytes()


def _read_source(kind: str, name: str, data: Data, me: frozenset[str], as_of: pd.Timestamp,
                 progress: Progress | None) -> SourceRows:
    if kind == "mbox":
        return read_mbox(name, data, me, progress)
    if kind == "calendar":
        from analytics.ingest.calendar import read_calendar  # icalendar: 0.1 s to import, for .ics only

        return read_calendar(name, _whole(name, data), me, as_of)
    return read_vcards(name, _whole(name, data))


def _source_people(found: list[SourceRows], me: frozenset[str]) -> pd.DataFrame:
    """The people of address books, calendars and mailboxes, the owner left out, address books first
    (so their details win over a calendar's or a mailbox's)."""
    rows = sorted(found, key=lambda r: r.report.kind != "vcard")
    frames = [r.people for r in rows if len(r.people)]
    if not frames:
        return empty_frame(CONTACT_COLUMNS)
    people = pd.concat(frames, ignore_index=True)
    mine = people["emails"].map(lambda e: bool(me & set(e.split("; "))))
    return people[~mine].reset_index(drop=True)


def _left_out(found: list[SourceRows], resolved: identity.Resolved) -> set[str]:
    """The people of calendars and mailboxes who do not count as contacts (yet); each file says how many
    of its people were left out (their meetings and mail are not kept)."""
    kept = set(resolved.contacts["contact_id"])
    gone: set[str] = set()
    for r in found:
        left = {resolved.merged.get(c, c) for c in r.people["contact_id"]} - kept
        if left and r.report.kind != "vcard":
            r.report.warnings.append(counted(
                "{n} person left out: someone known only from calendars or e-mail counts as a contact once "
                "mail went both ways or after two meetings together",
                "{n} people left out: someone known only from calendars or e-mail counts as a contact once "
                "mail went both ways or after two meetings together", len(left)))
            gone |= left
    return gone


def _owner_addresses(tables: list[Table], me: Iterable[str]) -> frozenset[str]:
    """The owner's addresses: those given (settings, `--me`) and LinkedIn's Email Addresses.csv."""
    given = [address(m) for m in me]
    listed = []
    for t in tables:
        found = [address(m) for m in t.frame.get("email", [])]
        t.report.rows = sum(map(bool, found))
        t.report.read = _("your own e-mail addresses (they tell mail you sent from mail you received)")
        listed += found
    return frozenset(a for a in [*given, *listed] if a)


def _tell(steps: Callable[[str], None] | None, file: str, rows: int, kind: str = "") -> None:
    """One line for `steps`, when given: a table's rows, or what a personal source's rows are (`kind`:
    "vcard" people, "calendar" meetings, "mbox" messages with your contacts)."""
    if not steps:
        return
    if kind == "vcard":
        steps(counted("Read {file}: {n} person", "Read {file}: {n} people", rows, file=file))
    elif kind == "calendar":
        steps(counted("Read {file}: {n} meeting", "Read {file}: {n} meetings", rows, file=file))
    elif kind == "mbox":
        steps(counted("Read {file}: {n} message", "Read {file}: {n} messages", rows, file=file))
    else:
        steps(counted("Parsed {file}: {n} row", "Parsed {file}: {n} rows", rows, file=file))


def _parsed(files: list[tuple[str, bytes]], mapping: dict[str, str] | None,
            steps: Callable[[str], None] | None,
            pool: ThreadPoolExecutor | None) -> list[Table | Future[Table]]:
    """Every table read or being read (`_tables`), telling `steps` of each read."""
    tables = []
    for table in _tables(files, mapping, pool):
        tables.append(table)
        if isinstance(table, Table):
            _tell(steps, table.report.file, len(table.frame))
    return tables


def _awaited(tables: list[Table | Future[Table]], steps: Callable[[str], None] | None) -> list[Table]:
    """The tables of `_parsed` once those read on a thread are read, telling `steps` of these."""
    done = []
    for table in tables:
        if isinstance(table, Future):
            table = table.result()
            _tell(steps, table.report.file, len(table.frame))
        done.append(table)
    if steps:
        steps(_("Matching messages, invitations and endorsements to your contacts"))
    return done


def _contacts(kinds: dict[str, list[Table]]) -> tuple[Owner, pd.DataFrame]:
    """(the owner named by Profile.csv, the contacts of connections and contacts files, merged)."""
    owner = Owner()
    for t in kinds.get("profile", []):
        owner = linkedin.owner_from_profile(t)
    connections = [linkedin.contacts(t) for t in kinds.get("connections", [])]
    linked = pd.concat(connections, ignore_index=True) if connections else empty_frame(CONTACT_COLUMNS)
    return owner, _merge_contacts(linked, [generic_contacts(t) for t in kinds.get("generic", [])])


def _by_kind(tables: list[Table]) -> dict[str, list[Table]]:
    kinds: dict[str, list[Table]] = {}
    for t in tables:
        kinds.setdefault(t.kind, []).append(t)
    return kinds


def _messages(tables: list[Table], owner: Owner, contacts: pd.DataFrame,
              resolver: Resolver) -> tuple[Owner, list[pd.DataFrame]]:
    """(the owner, completed from who speaks in them; interactions) of messages tables, each table's
    rows dropped once read (the caller hands them over: the longest texts are only cut here)."""
    said = []
    while tables:
        t = tables.pop(0)
        speaker = linkedin.speaks(t, owner)
        if speaker is None:
            folded = frozenset(pair_keys(contacts["name"], contacts["name"], lambda _, n: fold_name(n)))
            speaker = linkedin.infer_owner(t, owner.name, folded)
            guess = (_("owner taken to be {name}, the most frequent participant (no Profile.csv)")
                     if not owner.name else
                     _("owner taken to be {name}, the most frequent participant (Profile name not found)"))
            t.report.warnings.append(guess.format(name=repr(speaker.name)))
        owner = Owner(owner.name or speaker.name, owner.url or speaker.url)
        said.append(linkedin.messages(t, speaker, resolver))
    return owner, said


def load_files(files: list[tuple[str, Data]], mapping: dict[str, str] | None = None, *,
               me: Iterable[str] = (), as_of: pd.Timestamp | None = None,
               progress: Progress | None = None, steps: Callable[[str], None] | None = None) -> Network:
    """Build a Network from (filename, bytes or path) items: zips, LinkedIn CSVs, generic CSV/XLSX,
    vCards, calendars and mailboxes.

    `mapping` (field -> column, see `guess_mapping`) overrides the guessed columns of generic
    contact files. `me` lists the owner's e-mail addresses (besides LinkedIn's Email Addresses.csv),
    `as_of` ends the calendar's recurring events (default: today), `progress` follows a mailbox read,
    `steps`, when given, hears one line per file parsed and one when the contacts are matched.
    Each file read gets a FileReport in `network.files` (rows = rows kept; skipped rows counted per
    reason). Raises InputError with a one-line reason for unusable input.
    """
    files = [item for name, data in files for item in _unpacked(name, data)]
    return _load(files, mapping, me, as_of, progress, steps, ahead=True)


def _load(files: list[tuple[str, Data]], mapping: dict[str, str] | None, me: Iterable[str],
          as_of: pd.Timestamp | None, progress: Progress | None, steps: Callable[[str], None] | None,
          ahead: bool) -> Network:
    """`load_files` of files unpacked; `ahead`: messages.csv is unzipped and parsed on a thread while the
    other files are read and the contacts built (read again without, in the odd case of a messages.csv
    that holds another kind of table)."""
    sources = [(kind, name, data) for name, data in files if (kind := source_kind(name, _head(data)))]
    with ThreadPoolExecutor(max_workers=1) if ahead else nullcontext() as pool:
        read = _parsed([(n, _whole(n, d)) for n, d in files if not source_kind(n, _head(d))], mapping, steps,
                       pool)
        owner, contacts = _contacts(_by_kind([t for t in read if isinstance(t, Table)]))
        tables = _awaited(read, steps)
    if any(isinstance(t, Future) and t.result().kind != "messages" for t in read):
        return _load(files, mapping, me, as_of, progress, steps, ahead=False)
    reports = [t.report for t in tables]
    kinds = _by_kind(tables)
    repeated = any(len(kinds.get(k, [])) > 1 for k in ("messages", "invitations", *_ENDORSEMENT_KINDS))
    del tables, read  # the messages' rows (274 MB at 1M) are freed once read: `kinds.pop` in `_messages`
    mine_addresses = _owner_addresses(kinds.get("email_addresses", []), me)
    day = pd.Timestamp.now(tz="UTC") if as_of is None else as_of
    found = []
    for kind, name, data in sources:
        found.append(_read_source(kind, name, data, mine_addresses, day, progress))
        _tell(steps, name, found[-1].report.rows, kind)
    resolver = Resolver(contacts)

    owner, said = _messages(kinds.pop("messages", []), owner, contacts, resolver)
    interactions = [r.interactions for r in found] + said
    for t in kinds.get("invitations", []):
        inviter = linkedin.owner_from_invitations(t)
        if not owner.name or (not owner.url and is_owner(Owner(owner.name), "", inviter.name)):
            owner = Owner(owner.name or inviter.name, inviter.url)
        interactions.append(linkedin.invitations(t, resolver))
    for kind in _ENDORSEMENT_KINDS:
        interactions += [linkedin.endorsements_or_recommendations(t, resolver) for t in kinds.get(kind, [])]

    mine = Pairs.of(contacts["url"], contacts["name"]).mask(lambda u, n: is_owner(owner, u, n))
    contacts = contacts[~mine].reset_index(drop=True)
    frames = [f for f in interactions if len(f)]
    inter = pd.concat(frames, ignore_index=True) if frames else empty_frame(INTERACTION_COLUMNS)
    # the same message or meeting in two files counts once: two exports, a Takeout's mailbox per label
    # (a message with two labels is in both), an event in two calendars
    if repeated or any(sum(r.report.kind == k for r in found) > 1 for k in ("calendar", "mbox")):
        inter = inter.drop_duplicates(ignore_index=True)
    own_key = contact_key(owner.url, owner.name) if normalize_url(owner.url) else ""
    inter = inter[inter["contact_id"].ne(own_key)].reset_index(drop=True) if own_key else inter
    # one person each (identity.py): connections, contacts files, address books, calendars and mail
    # sharing an e-mail address, a profile URL, a phone number or name and company are one contact
    people = _source_people(found, mine_addresses)
    resolved = identity.resolve(contacts, people, inter, propose=False)
    gone = _left_out(found, resolved)
    inter = resolved.interactions
    inter = inter[~inter["contact_id"].isin(gone)] if gone else inter
    return Network(owner=owner, contacts=resolved.contacts[CONTACT_COLUMNS],
                   interactions=inter.reset_index(drop=True),
                   files=reports + [r.report for r in found])


def size_of(data: bytes | Path) -> int:
    """The bytes a file holds, uploaded or on disk.

    >>> size_of(b"1234")
    4
    """
    return len(data) if isinstance(data, bytes) else data.stat().st_size


def fingerprint(data: bytes | Path) -> str:
    """What tells one upload from another: the bytes' SHA-256, or for a file on disk its resolved path,
    size and modification time (a 2 GB mailbox is never hashed whole).

    >>> fingerprint(b"abc")[:12]
    'ba7816bf8f01'
    """
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    stat = data.stat()
    return f"{data.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def mailbox_on_disk(typed: str) -> tuple[str, Path]:
    """(file name, path) of the mailbox or zip (a Google Takeout) whose path a person typed, for one too
    large to upload: a mailbox is read from the disk in blocks, never whole, and so is one inside the zip.
    InputError when it is neither on this computer.

    >>> mailbox_on_disk("/no/such/box.mbox")
    Traceback (most recent call last):
    ...
    analytics.errors.InputError: /no/such/box.mbox: no such file on this computer
    """
    path = Path(typed.strip().strip('"').strip("'")).expanduser()
    if not path.is_file():
        raise InputError(typed.strip(), _("no such file on this computer"))
    if not _kept_on_disk(path):
        raise InputError(path.name, _("neither a mailbox (.mbox) nor a zip (a Google Takeout): it does not "
                                      "start with a “From ” line"))
    return path.name, path


def _kept_on_disk(path: Path) -> bool:
    """A mailbox or a zip: read from the disk as it is needed, never whole."""
    head = _head(path)
    return source_kind(path.name, head) == "mbox" or head.startswith(ZIP_MAGIC)


def _on_disk(path: Path) -> Data:
    """A file's bytes, or its path for a mailbox or a zip (streamed, never read whole)."""
    return path if _kept_on_disk(path) else path.read_bytes()


def _path_files(path: Path) -> Iterator[tuple[str, Data]]:
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*"))
                 if p.is_file() and (is_known_member(p.name) or p.suffix.casefold() in _FOLDER_SUFFIXES)]
        if not found:
            raise InputError(str(path), _("no LinkedIn export files (Connections.csv, messages.csv, ...), "
                                          "zips, .vcf, .ics or .mbox files in the folder"))
        if len(found) > MAX_MEMBERS_READ:
            raise InputError(str(path), _("the folder holds {n} export files, above the limit of {limit}: "
                                          "not one LinkedIn export").format(n=number(len(found)),
                                                                            limit=number(MAX_MEMBERS_READ)))
        for child in found:
            yield f"{path.name}/{child.relative_to(path).as_posix()}", _on_disk(child)
    elif path.is_file():
        yield path.name, _on_disk(path)
    else:
        raise InputError(str(path), _("no such file or folder"))


def load_paths(paths: list[str | Path], mapping: dict[str, str] | None = None, *, me: Iterable[str] = (),
               as_of: pd.Timestamp | None = None) -> Network:
    """`load_files` for paths on disk: files, zips, or folders of loose export CSVs (and zips); a
    mailbox is streamed from its path, never read whole.

    In folders only LinkedIn export names (Connections.csv, messages.csv, ...), zips, address books
    (.vcf), calendars (.ics) and mailboxes (.mbox) are read.
    """
    return load_files([item for p in paths for item in _path_files(Path(p))], mapping, me=me, as_of=as_of)
