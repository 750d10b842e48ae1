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
from collections.abc import Iterator
from io import BytesIO
from pathlib import PurePosixPath

from analytics.errors import InputError
from analytics.i18n import _, number
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


def open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    """A checked ZipFile: readable, within the member-count and ratio caps (`analytics.limits`)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise InputError(name, _("corrupt zip archive ({error})").format(error=exc)) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(name, _("zip holds {n} files (limit {limit}): not an export").format(
            n=number(len(infos)), limit=number(MAX_ZIP_MEMBERS)))
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(name, _("{member} is compressed {ratio}:1 (limit {limit}:1): possible zip bomb, "
                                     "refused").format(member=info.filename, ratio=number(ratio),
                                                       limit=number(MAX_RATIO)))
    return archive


def zip_members(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of the known LinkedIn members, one at a time (so a member's bytes can be
    freed once parsed, before the next is unpacked); unknown and path-traversal names ignored.

    At most MAX_MEMBERS_READ members and MAX_UNPACKED_BYTES in all are read: the declared sizes are
    summed before reading, and no member may unpack larger than it declares.
    """
    archive = open_zip(name, data)
    wanted = [i for i in archive.infolist()
              if not i.is_dir() and not _unsafe(i.filename) and is_known_member(i.filename)]
    if len(wanted) > MAX_MEMBERS_READ:
        raise InputError(name, _("zip holds {n} export files, above the limit of {limit}: not one LinkedIn "
                                 "export").format(n=number(len(wanted)), limit=number(MAX_MEMBERS_READ)))
    if sum(i.file_size for i in wanted) > MAX_UNPACKED_BYTES:
        raise InputError(name, _("the export files unpack to more than {mib} MiB (the limit)").format(
            mib=number(MAX_UNPACKED_BYTES >> 20)))
    for info in wanted:
        if info.flag_bits & 0x1:
            raise InputError(name, _("the zip is password-protected: export it again without a password"))
        try:
            with archive.open(info) as fh:
                body = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(name, _("corrupt zip member {member} ({error})").format(
                member=info.filename, error=exc)) from None
        if len(body) > info.file_size:
            raise InputError(name, _("{member} unpacks larger than it declares: refused").format(
                member=info.filename))
        yield info.filename, body


def is_xlsx(archive: zipfile.ZipFile) -> bool:
    """An Office Open XML workbook rather than a plain archive."""
    names = archive.namelist()
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
