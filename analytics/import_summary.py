"""What the Import page says about an upload and an import, in sentences a user can act on.

Example:
    >>> from analytics.model import FileReport
    >>> empty_files([FileReport("Connections.csv", "connections", rows=0)])
    ['Connections.csv has a header row but no rows below it: there is nothing to import from it.']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics import i18n
from analytics.i18n import N_, _, counted
from analytics.ingest.load import size_of
from analytics.model import NOT_USED, FileReport, Network
from analytics.wording import duration

#: No LinkedIn date can lie before LinkedIn existed.
LINKEDIN_FOUNDED = pd.Timestamp("2003-01-01", tz="UTC")
#: An export whose last date is this many days before today is old: offer its last activity as as-of.
STALE_DAYS = 365


def empty_files(files: list[FileReport]) -> list[str]:
    """One sentence per file that was read but held no data rows (e.g. a CSV with only its header).

    >>> empty_files([FileReport("a.csv", "generic", rows=3)])
    []
    """
    return [_("{file} has a header row but no rows below it: there is nothing to import from it.").format(
        file=f.file) for f in files if f.rows == 0 and f.skipped == 0 and f.kind != NOT_USED]


def upload_signature(files: list[tuple[str, bytes | Path]]) -> list[tuple[str, int]]:
    """Which upload an import came from: file names and sizes (the bytes stay out of the session; a
    mailbox read from the disk counts its file's size).

    >>> upload_signature([("a.zip", b"1234")])
    [('a.zip', 4)]
    """
    return [(name, size_of(data)) for name, data in files]


#: Every file kind the readers report, in words (a kind not listed reads as its code with spaces).
_KIND_WORDS = {"vcard": N_("address book (vCard)"), "calendar": N_("calendar (.ics)"),
               "mbox": N_("mailbox (.mbox)"), "email_addresses": N_("your e-mail addresses"),
               "generic": N_("contacts file"), "connections": N_("connections"), "messages": N_("messages"),
               "invitations": N_("invitations"), "endorsements_received": N_("endorsements received"),
               "endorsements_given": N_("endorsements given"), "recommendations": N_("recommendations"),
               "recommendations_received": N_("recommendations received"),
               "recommendations_given": N_("recommendations given"), "profile": N_("profile"),
               "ledger": N_("ledger"), "bni_slips": N_("bni slips"), "bni_palms": N_("bni palms"),
               NOT_USED: N_("not used")}


def kind_label(kind: str) -> str:
    """A file kind as words in the language in use: "endorsements_given" -> "endorsements given".

    >>> kind_label("recommendations_received"), kind_label("mbox")
    ('recommendations received', 'mailbox (.mbox)')
    """
    return _(_KIND_WORDS[kind]) if kind in _KIND_WORDS else kind.replace("_", " ")


def differences(found_contacts: int, found_interactions: int, counts: dict[str, int]) -> list[str]:
    """Why fewer contacts or interactions were stored than the files held (`counts` from
    `Store.import_network`): an interaction identical to one already stored (same person, time, kind
    and text, in this workspace or twice in the files) is stored once; a contact listed twice in the
    files (same profile URL, or the same name without one) is one contact.

    >>> differences(10, 25854, {"added": 10, "updated": 0, "interactions_added": 25760})
    ['94 of the 25,854 interactions found were already stored (the same person, time, kind and text, \
in this workspace or twice in your files), so they were not added again.']
    >>> differences(5, 0, {"added": 2, "updated": 3, "interactions_added": 0})
    []
    """
    sentences = []
    merged = found_contacts - counts["added"] - counts["updated"]
    if merged > 0:
        sentences.append(counted(
            "{n} contact of the {found} found appeared twice in your files (same profile, or the same name "
            "without a profile link); its rows were merged into one.",
            "{n} contacts of the {found} found appeared twice in your files (same profile, or the same name "
            "without a profile link) and were merged into one.", merged, found=i18n.number(found_contacts)))
    repeated = found_interactions - counts["interactions_added"]
    if repeated > 0:
        # TRANSLATORS: {n} of {found} interactions; the plural follows {n}, the interactions found
        sentences.append(counted(
            "{n} of the {found} interactions found was already stored (the same person, time, kind and "
            "text, in this workspace or twice in your files), so it was not added again.",
            "{n} of the {found} interactions found were already stored (the same person, time, kind and "
            "text, in this workspace or twice in your files), so they were not added again.", repeated,
            found=i18n.number(found_interactions)))
    return sentences


def date_warnings(report: FileReport, today: pd.Timestamp) -> list[str]:
    """Sentences naming the dates of `report` that cannot be right: before LinkedIn existed (2003), in
    the future, or ending long before `today` (an old export).

    >>> f = FileReport("messages.csv", "messages", rows=9, date_min=pd.Timestamp("1823-01-04", tz="UTC"),
    ...                date_max=pd.Timestamp("1853-04-02", tz="UTC"))
    >>> date_warnings(f, pd.Timestamp("2026-11-30", tz="UTC"))[0]
    'impossible dates: 1823-01-04 to 1853-04-02, before LinkedIn existed (2003)'
    """
    first, last = report.date_min, report.date_max
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return []
    found = []
    if first < LINKEDIN_FOUNDED:
        found.append(_("impossible dates: {first} to {last}, before LinkedIn existed (2003)").format(
            first=i18n.date(first), last=i18n.date(min(last, LINKEDIN_FOUNDED))))
    if last > today + pd.Timedelta(days=1):
        found.append(_("impossible dates: up to {last}, in the future").format(last=i18n.date(last)))
    if last < today - pd.Timedelta(days=STALE_DAYS):
        found.append(_("the dates end on {last}, {ago} ago (an old export?): use its last activity as the "
                       "as-of date, or every relationship looks long silent").format(
            last=i18n.date(last), ago=duration((today - last).days)))
    return found


def check_dates(files: list[FileReport], today: pd.Timestamp) -> None:
    """Add `date_warnings` to each file's warnings (once, however often it is called)."""
    for f in files:
        f.warnings.extend(w for w in date_warnings(f, today) if w not in f.warnings)


def last_activity(net: Network) -> pd.Timestamp | None:
    """The latest interaction or connection date in `net` (None when it has no dates).

    >>> last_activity(Network()) is None
    True
    """
    dates = pd.concat([net.interactions["date"], net.contacts["connected_on"]]).dropna()
    return None if dates.empty else pd.Timestamp(dates.max())


def stale_as_of(net: Network, today: pd.Timestamp) -> pd.Timestamp | None:
    """The export's last activity when it lies STALE_DAYS or more before `today`, else None: the as-of
    date the Import page offers instead of today."""
    last = last_activity(net)
    return last if last is not None and last < today - pd.Timedelta(days=STALE_DAYS) else None
