"""Zip archives read in memory, never extracted: safety caps, known LinkedIn member names only.

Example:
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("Basic/Connections.csv", "First Name,Last Name,Connected On\\n")
    ...     z.writestr("../evil/messages.csv", "x")
    ...     z.writestr("Skills.csv", "Name\\n")
    >>> [name for name, _ in zip_members("export.zip", buf.getvalue())]
    ['Basic/Connections.csv']
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import PurePosixPath

from analytics.errors import InputError

#: Zip-bomb caps: members listed, bytes unpacked in all, and unpacked/packed ratio of one member.
MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 4 << 30
MAX_RATIO = 200
_RATIO_FLOOR = 1 << 20  # members smaller than 1 MiB unpacked are never called bombs

#: LinkedIn export members this package reads (folded basenames); everything else is ignored.
KNOWN_MEMBERS = frozenset({
    "connections.csv", "messages.csv", "invitations.csv", "endorsement_received_info.csv",
    "endorsement_given_info.csv", "recommendations_received.csv", "recommendations_given.csv",
    "profile.csv"})
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def member_key(name: str) -> str:
    """Folded basename used to recognise export members.

    >>> member_key("Export/Endorsement Received Info.csv")
    'endorsement_received_info.csv'
    """
    return PurePosixPath(name.replace("\\", "/")).name.casefold().replace(" ", "_").replace("-", "_")


def is_known_member(name: str) -> bool:
    """True for a LinkedIn export file this package reads, wherever it sits in the archive.

    >>> is_known_member("a/b/Messages.csv"), is_known_member("guide_messages.csv")
    (True, False)
    """
    return member_key(name) in KNOWN_MEMBERS


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """A checked ZipFile: readable, within the member-count, size and ratio caps."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise InputError(name, f"corrupt zip archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(name, f"zip holds {len(infos):,} files (limit {MAX_MEMBERS:,}): not an export")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise InputError(name, f"zip unpacks to more than {MAX_TOTAL_BYTES >> 30} GiB: refused")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(name, f"{info.filename} is compressed {ratio}:1 (limit {MAX_RATIO}:1): "
                                   "possible zip bomb, refused")
    return archive


def zip_members(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """(member name, bytes) of the known LinkedIn members; unknown and path-traversal names ignored."""
    archive = open_zip(name, data)
    out = []
    for info in archive.infolist():
        if info.is_dir() or _unsafe(info.filename) or not is_known_member(info.filename):
            continue
        if info.flag_bits & 0x1:
            raise InputError(name, "the zip is password-protected: export it again without a password")
        try:
            with archive.open(info) as fh:
                body = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(name, f"corrupt zip member {info.filename} ({exc})") from None
        if len(body) > info.file_size:
            raise InputError(name, f"{info.filename} unpacks larger than it declares: refused")
        out.append((info.filename, body))
    return out


def is_xlsx(archive: zipfile.ZipFile) -> bool:
    """An Office Open XML workbook rather than a plain archive."""
    names = archive.namelist()
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
