"""What the Import page says about an upload and an import, in sentences a user can act on.

Example:
    >>> from analytics.model import FileReport
    >>> empty_files([FileReport("Connections.csv", "connections", rows=0)])
    ['Connections.csv has a header row but no rows below it: there is nothing to import from it.']
"""

from __future__ import annotations

from analytics.model import FileReport
from analytics.wording import plural


def empty_files(files: list[FileReport]) -> list[str]:
    """One sentence per file that was read but held no data rows (e.g. a CSV with only its header).

    >>> empty_files([FileReport("a.csv", "generic", rows=3)])
    []
    """
    return [f"{f.file} has a header row but no rows below it: there is nothing to import from it."
            for f in files if f.rows == 0 and f.skipped == 0]


def upload_signature(files: list[tuple[str, bytes]]) -> list[tuple[str, int]]:
    """Which upload an import came from: file names and sizes (the bytes stay out of the session).

    >>> upload_signature([("a.zip", b"1234")])
    [('a.zip', 4)]
    """
    return [(name, len(data)) for name, data in files]


def kind_label(kind: str) -> str:
    """A file kind as words: "endorsements_given" -> "endorsements given".

    >>> kind_label("recommendations_received")
    'recommendations received'
    """
    return kind.replace("_", " ")


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
        sentences.append(f"{plural(merged, 'contact')} of the {found_contacts:,} found appeared twice in "
                         "your files (same profile, or the same name without a profile link) and were "
                         "merged into one.")
    repeated = found_interactions - counts["interactions_added"]
    if repeated > 0:
        were = "was" if repeated == 1 else "were"
        sentences.append(f"{repeated:,} of the {plural(found_interactions, 'interaction')} found {were} "
                         "already stored (the same person, time, kind and text, in this workspace or twice "
                         "in your files), so they were not added again.")
    return sentences
