"""Uploaded bytes -> the canonical `Network`: LinkedIn exports (zip or loose CSVs), generic contact
files (Google Contacts, Outlook, spreadsheets), address books, calendars and mailboxes, with a report
per file.

Example:
    >>> from analytics.ingest import load_files
    >>> body = b"First Name,Last Name,Connected On\\nAna,Lopez,1 Jan 2024\\n"
    >>> net = load_files([("Connections.csv", body)])
    >>> net.contacts["name"].tolist()
    ['Ana Lopez']
"""

from analytics.ingest.generic import preview_generic
from analytics.ingest.headers import guess_mapping
from analytics.ingest.import_report import history_table, import_table
from analytics.ingest.load import (
                                   detect_kind,
                                   fingerprint,
                                   load_files,
                                   load_paths,
                                   mailbox_on_disk,
                                   size_of,
                                   source_kinds,
)

__all__ = [
                                   "detect_kind",
                                   "fingerprint",
                                   "guess_mapping",
                                   "history_table",
                                   "import_table",
                                   "load_files",
                                   "load_paths",
                                   "mailbox_on_disk",
                                   "preview_generic",
                                   "size_of",
                                   "source_kinds",
]
