"""Uploaded files, archives and folders -> one canonical `Network`.

Order matters: Profile.csv names the owner; connections and generic contact files give contacts;
then messages (which infer the owner when Profile.csv is absent: the most frequent participant
across FROM and TO), invitations, endorsements and recommendations become interactions matched to
contacts by URL, then name. The owner is never a contact.

Example:
    >>> body = b"First Name,Last Name,Connected On\\nAna,Lopez,1 Jan 2024\\n"
    >>> net = load_files([("Connections.csv", body)])
    >>> net.contacts["contact_id"].tolist(), net.files[0].kind
    (['name:ana lopez'], 'connections')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from analytics.errors import InputError
from analytics.ingest import linkedin
from analytics.ingest.archive import is_known_member, member_key, zip_members
from analytics.ingest.generic import generic_contacts
from analytics.ingest.people import Pairs, Resolver, fold_name, is_owner, pair_keys
from analytics.ingest.tables import Table, detect, read_table, sniff
from analytics.limits import MAX_CONTACTS, MAX_MEMBERS_READ
from analytics.model import (
    CONTACT_COLUMNS,
    INTERACTION_COLUMNS,
    Network,
    Owner,
    contact_key,
    empty_frame,
    join_sources,
    normalize_url,
)

_ENDORSEMENT_KINDS = ("endorsements_received", "endorsements_given", "recommendations_received",
                      "recommendations_given")


def detect_kind(name: str, data: bytes) -> str:
    """What a file is, from magic bytes and its header row (not its extension).

    One of "zip", "connections", "messages", "invitations", "endorsements_received",
    "endorsements_given", "recommendations_received", "recommendations_given", "profile",
    "generic" (a contacts CSV/XLSX: Google, Outlook, spreadsheet). Raises InputError for anything else.

    >>> detect_kind("export.txt", b"CONVERSATION ID,FROM,TO,DATE,CONTENT\\n")
    'messages'
    """
    return detect(name, data)


def _read(files: list[tuple[str, bytes]], mapping: dict[str, str] | None) -> Iterator[Table]:
    for name, data in files:
        if sniff(name, data) != "zip":
            yield read_table(name, data, mapping=mapping)
            continue
        found = False
        for member, body in zip_members(name, data):
            found = True
            yield read_table(f"{name}/{member}", body, filename=member_key(member), mapping=mapping)
        if not found:
            raise InputError(name, "no LinkedIn export files (Connections.csv, messages.csv, ...) in the zip")


def _tables(files: list[tuple[str, bytes]], mapping: dict[str, str] | None) -> Iterator[Table]:
    """Every table read, refused as soon as the contact tables hold more than MAX_CONTACTS rows."""
    people = 0
    for table in _read(files, mapping):
        people += len(table.frame) if table.kind in ("connections", "generic") else 0
        if people > MAX_CONTACTS:
            raise InputError(table.report.file, f"the files hold more than {MAX_CONTACTS:,} contacts in all "
                                                "(the limit)")
        yield table


def _merge_contacts(linked: pd.DataFrame, generic: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per contact_id (first non-blank value wins, connections first); generic rows
    join a connection by URL, then by name."""
    resolver = Resolver(linked)
    for frame in generic:
        named = frame["name"].where(frame["name"].ne(""), frame["email"])
        frame["contact_id"] = resolver.keys(frame["url"], named)
    merged = pd.concat([linked, *generic], ignore_index=True)
    text = [c for c in CONTACT_COLUMNS if c not in ("contact_id", "connected_on")]
    sources = merged.groupby("contact_id", sort=False)["sources"].agg(lambda s: join_sources(*s))
    merged[text] = merged[text].replace("", pd.NA)
    merged = merged.groupby("contact_id", sort=False, as_index=False).first()
    merged["sources"] = merged["contact_id"].map(sources)
    merged[text] = merged[text].fillna("").astype("str")
    merged["connected_on"] = merged["connected_on"].astype("datetime64[ns, UTC]")
    return merged[CONTACT_COLUMNS]


def load_files(files: list[tuple[str, bytes]], mapping: dict[str, str] | None = None,
               progress: Callable[[str], None] | None = None) -> Network:
    """Build a Network from (filename, bytes) items: zips, LinkedIn CSVs, generic CSV/XLSX.

    `mapping` (field -> column, see `guess_mapping`) overrides the guessed columns of generic
    contact files. Each file read gets a FileReport in `network.files` (rows = rows kept; skipped
    rows counted per reason). Raises InputError with a one-line reason for unusable input.
    `progress`, when given, hears one line per file parsed and one when the contacts are matched.
    """
    tables = []
    for table in _tables(files, mapping):
        tables.append(table)
        if progress:
            progress(f"Parsed {table.report.file}: {len(table.frame):,} rows")
    if progress:
        progress("Matching messages, invitations and endorsements to your contacts")
    kinds: dict[str, list[Table]] = {}
    for t in tables:
        kinds.setdefault(t.kind, []).append(t)
    owner = Owner()
    for t in kinds.get("profile", []):
        owner = linkedin.owner_from_profile(t)
    connections = [linkedin.contacts(t) for t in kinds.get("connections", [])]
    linked = pd.concat(connections, ignore_index=True) if connections else empty_frame(CONTACT_COLUMNS)
    contacts = _merge_contacts(linked, [generic_contacts(t) for t in kinds.get("generic", [])])
    resolver = Resolver(contacts)

    interactions = []
    for t in kinds.get("messages", []):
        speaker = linkedin.speaks(t, owner)
        if speaker is None:
            folded = frozenset(pair_keys(contacts["name"], contacts["name"], lambda _, n: fold_name(n)))
            speaker = linkedin.infer_owner(t, owner.name, folded)
            t.report.warnings.append(f"owner taken to be {speaker.name!r}, the most frequent participant "
                                     f"({'no Profile.csv' if not owner.name else 'Profile name not found'})")
        owner = Owner(owner.name or speaker.name, owner.url or speaker.url)
        interactions.append(linkedin.messages(t, speaker, resolver))
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
    if any(len(kinds.get(k, [])) > 1 for k in ("messages", "invitations", *_ENDORSEMENT_KINDS)):
        inter = inter.drop_duplicates(ignore_index=True)
    own_key = contact_key(owner.url, owner.name) if normalize_url(owner.url) else ""
    inter = inter[inter["contact_id"].ne(own_key)].reset_index(drop=True) if own_key else inter
    return Network(owner=owner, contacts=contacts, interactions=inter, files=[t.report for t in tables])


def _path_files(path: Path) -> Iterator[tuple[str, bytes]]:
    if path.is_dir():
        found = [p for p in sorted(path.rglob("*"))
                 if p.is_file() and (is_known_member(p.name) or p.suffix.casefold() == ".zip")]
        if not found:
            raise InputError(str(path), "no LinkedIn export files (Connections.csv, messages.csv, ...) "
                                        "or zips in the folder")
        if len(found) > MAX_MEMBERS_READ:
            raise InputError(str(path), f"the folder holds {len(found):,} export files, above the limit "
                                        f"of {MAX_MEMBERS_READ}: not one LinkedIn export")
        for child in found:
            yield f"{path.name}/{child.relative_to(path).as_posix()}", child.read_bytes()
    elif path.is_file():
        yield path.name, path.read_bytes()
    else:
        raise InputError(str(path), "no such file or folder")


def load_paths(paths: list[str | Path], mapping: dict[str, str] | None = None) -> Network:
    """`load_files` for paths on disk: files, zips, or folders of loose export CSVs (and zips).

    In folders only LinkedIn export names (Connections.csv, messages.csv, ...) and zips are read.
    """
    return load_files([item for p in paths for item in _path_files(Path(p))], mapping)
