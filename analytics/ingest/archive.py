"""Zip archives read in memory or from the disk, never extracted: safety caps, known members only.

Read: LinkedIn export files (by name), and address books (.vcf), calendars (.ics) and mailboxes (.mbox)
wherever they sit, as in a Google Takeout zip or an iCloud zip of address cards. Everything else (Drive,
Photos, Takeout's archive_browser.html...) is ignored without a word.

Google Takeout's layout, as relied on here (checked against public code that reads it, e.g. tinycld's
google-takeout-import tests, nkpylib's calendar reader and Gmail-Takeout scripts; Google's help pages
name the products, not the paths): `Takeout/Contacts/<label>/<label>.vcf`, one file per contact label
("All Contacts", "My Contacts"...), `Takeout/Calendar/<calendar name>.ics`, one per calendar, and
`Takeout/Mail/All mail Including Spam and Trash.mbox` (large exports in several numbered .mbox files and
several zips, `takeout-20260101T000000Z-001.zip`, `-002.zip`, each a complete zip). The folder names are
translated in other languages ("Takeout/Kalender/"), so members are chosen by extension, not by folder.

Example:
    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("Basic/Connections.csv", "First Name,Last Name,Connected On\\n")
    ...     z.writestr("../evil/messages.csv", "x")
    ...     z.writestr("Skills.csv", "Name\\n")
    ...     z.writestr("Takeout/Contacts/My Contacts/My Contacts.vcf", "BEGIN:VCARD\\nEND:VCARD\\n")
    ...     z.writestr("Takeout/Drive/notes.txt", "not read")
    >>> [(name, len(unpack())) for name, unpack in zip_members("export.zip", buf.getvalue())]
    [('Basic/Connections.csv', 34)]
    >>> found = zip_contents("export.zip", buf.getvalue())
    >>> found.export, [name for name, _ in found.sources]
    (True, ['export.zip/Takeout/Contacts/My Contacts/My Contacts.vcf'])
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from analytics.errors import InputError
from analytics.i18n import _, number
from analytics.ingest.sources import source_kind
from analytics.limits import MAX_MEMBERS_READ, MAX_RATIO, MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS, RATIO_FLOOR

#: LinkedIn export members this package reads (folded basenames); everything else is ignored.
KNOWN_MEMBERS = frozenset({
    "connections.csv", "messages.csv", "invitations.csv", "endorsement_received_info.csv",
    "endorsement_given_info.csv", "recommendations_received.csv", "recommendations_given.csv",
    "profile.csv", "email_addresses.csv"})
#: Files of the LinkedIn archive the app does not read (about the user, not their network): dropped
#: among the loose CSVs they are left out with a note, as they are inside a zip.
UNUSED_MEMBERS = frozenset({
    "positions.csv", "skills.csv", "education.csv", "languages.csv", "certifications.csv", "courses.csv",
    "projects.csv", "honors.csv", "publications.csv", "patents.csv", "volunteering.csv", "organizations.csv",
    "phonenumbers.csv", "registration.csv", "rich_media.csv", "ad_targeting.csv",
    "company_follows.csv", "member_follows.csv", "hashtag_follows.csv", "learning.csv",
    "job_applications.csv", "savedjobsearches.csv", "saved_jobs.csv", "inferences_about_you.csv",
    "receipts.csv", "shares.csv", "comments.csv", "reactions.csv", "votes.csv", "events.csv", "logins.csv",
    "search_queries.csv", "causes_you_care_about.csv", "private_identity_asset.csv"})
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


def open_zip(name: str, data: bytes | Path) -> zipfile.ZipFile:
    """A readable ZipFile (from bytes, or a path on disk: a Takeout of several GB is never read whole)
    within the member-count cap; the ratio cap is checked on the members read (`check_ratio`)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data) if isinstance(data, bytes) else data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise InputError(name, _("corrupt zip archive ({error})").format(error=exc)) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(name, _("zip holds {n} files (limit {limit}): not an export").format(
            n=number(len(infos)), limit=number(MAX_ZIP_MEMBERS)))
    return archive


def check_ratio(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a member compressed above MAX_RATIO (larger than RATIO_FLOOR): a possible zip bomb."""
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(name, _("{member} is compressed {ratio}:1 (limit {limit}:1): possible zip bomb, "
                                     "refused").format(member=info.filename, ratio=number(ratio),
                                                       limit=number(MAX_RATIO)))


def _member_kind(member: str) -> str | None:
    """"export" for a LinkedIn export file, "vcard", "calendar" or "mbox" by extension, else None."""
    return "export" if is_known_member(member) else source_kind(member, b"")


def _wanted(name: str, archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, str]]:
    """(member, kind) of every member read, within the caps: at most MAX_MEMBERS_READ members, none over
    the ratio, and MAX_UNPACKED_BYTES declared in all by those unpacked whole (a mailbox is streamed under
    its own limits). Path-traversal names are ignored; a password-protected member refuses the zip."""
    wanted = [(i, kind) for i in archive.infolist()
              if not i.is_dir() and not _unsafe(i.filename) and (kind := _member_kind(i.filename))]
    if len(wanted) > MAX_MEMBERS_READ:
        raise InputError(name, _("zip holds {n} export files, above the limit of {limit}").format(
            n=number(len(wanted)), limit=number(MAX_MEMBERS_READ)))
    check_ratio(name, [i for i, _k in wanted])
    if sum(i.file_size for i, kind in wanted if kind != "mbox") > MAX_UNPACKED_BYTES:
        raise InputError(name, _("the export files unpack to more than {mib} MiB (the limit)").format(
            mib=number(MAX_UNPACKED_BYTES >> 20)))
    if any(i.flag_bits & 0x1 for i, _k in wanted):
        raise InputError(name, _("the zip is password-protected: export it again without a password"))
    return wanted


def _corrupt(name: str, member: str, exc: Exception) -> InputError:
    return InputError(name, _("corrupt zip member {member} ({error})").format(member=member, error=exc))


_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)


def _body(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes; refused when it unpacks larger than it declares (zipfile stops at the declared
    size and then fails its checksum)."""
    try:
        with archive.open(info) as fh:
            body = fh.read(info.file_size + 1)
    except _BROKEN as exc:
        raise _corrupt(name, info.filename, exc) from None
    if len(body) > info.file_size:
        raise InputError(name, _("{member} unpacks larger than it declares: refused").format(
            member=info.filename))
    return body


def zip_members(name: str, data: bytes | Path) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(member name, a call that unpacks its bytes) of the known LinkedIn members: a member is unpacked
    only when called (so its bytes can be freed once parsed, before the next is unpacked, and the largest
    can be unpacked on a thread of its own: each call opens the archive anew); unknown and
    path-traversal names ignored.

    The caps (`_wanted`) count every member read, the archive's address books, calendars and mailboxes
    (`zip_contents`) included: the declared sizes are summed before reading, and no member may unpack
    larger than it declares.
    """
    for info, kind in _wanted(name, open_zip(name, data)):
        if kind == "export":
            yield info.filename, partial(_unpack, name, data, info)


def _unpack(name: str, data: bytes | Path, info: zipfile.ZipInfo) -> bytes:
    with open_zip(name, data) as archive:
        return _body(name, archive, info)


class _Stream:
    """A member's stream with zipfile's errors (a bad checksum at its end) turned into InputError."""

    def __init__(self, name: str, member: str, raw: BinaryIO) -> None:
        self.name, self.member, self.raw = name, member, raw

    def read(self, size: int = -1) -> bytes:
        try:
            return self.raw.read(size)
        except _BROKEN as exc:
            raise _corrupt(self.name, self.member, exc) from None


@dataclass(frozen=True)
class ZipMember:
    """A member streamed out of its archive when read (a mailbox of several GB), never unpacked whole;
    `size` is what it declares."""

    zip_name: str
    data: bytes | Path = field(repr=False)
    info: zipfile.ZipInfo

    @property
    def size(self) -> int:
        return self.info.file_size

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The member's bytes as a stream, at most `size` of them (zipfile stops there)."""
        with open_zip(self.zip_name, self.data) as archive:
            try:
                raw = archive.open(self.info)
            except _BROKEN as exc:
                raise _corrupt(self.zip_name, self.info.filename, exc) from None
            with raw:
                yield cast(BinaryIO, _Stream(self.zip_name, self.info.filename, raw))


@dataclass
class Contents:
    """What an archive holds for the app: whether LinkedIn export files (read by `zip_members`), and its
    address books and calendars (bytes) and mailboxes (`ZipMember`, streamed) as files of their own,
    named "<zip>/<member>"."""

    export: bool
    sources: list[tuple[str, bytes | ZipMember]]


def zip_contents(name: str, data: bytes | Path) -> Contents:
    """The archive's usable members (see `Contents`), within the caps of `_wanted`."""
    archive = open_zip(name, data)
    wanted = _wanted(name, archive)
    sources: list[tuple[str, bytes | ZipMember]] = [
        (f"{name}/{info.filename}",
         ZipMember(name, data, info) if kind == "mbox" else _body(name, archive, info))
        for info, kind in wanted if kind != "export"]
    return Contents(export=any(kind == "export" for _info, kind in wanted), sources=sources)


def zip_source_kinds(name: str, data: bytes | Path) -> set[str]:
    """The personal sources ("vcard", "calendar", "mbox") among a zip's members, by extension, unread;
    empty for an unreadable zip (reading it says why).

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("Takeout/Mail/All mail Including Spam and Trash.mbox", "")
    >>> zip_source_kinds("takeout.zip", buf.getvalue()), zip_source_kinds("bad.zip", b"PK\\x03\\x04")
    ({'mbox'}, set())
    """
    try:
        infos = open_zip(name, data).infolist()
    except InputError:
        return set()
    return {kind for i in infos if not _unsafe(i.filename) and (kind := source_kind(i.filename, b""))}


def is_xlsx(archive: zipfile.ZipFile) -> bool:
    """An Office Open XML workbook rather than a plain archive."""
    names = archive.namelist()
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
