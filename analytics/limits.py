"""Every input limit in one place: the contact readers (`analytics.ingest`), the ledger and BNI readers
and the CLI check against these before doing the work, and refuse with one line naming the limit.

The numbers are far above any real export (LinkedIn's own archive has 8 CSVs; Excel stops at
1,048,576 rows and 16,384 columns) and low enough that no file of 50 MB needs more than 1.5 GB.

Example:
    >>> within_years(pd.Timestamp("2025-03-01")), within_years(pd.Timestamp("1850-01-01"))
    (True, False)
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

#: Archives: members listed, export members actually read, and bytes actually unpacked from them.
MAX_ZIP_MEMBERS = 20_000
MAX_MEMBERS_READ = 64
MAX_UNPACKED_BYTES = 512 << 20
#: Unpacked/packed ratio of one member larger than the floor (smaller members are never called bombs).
MAX_RATIO = 200
RATIO_FLOOR = 1 << 20
#: Spreadsheets (.xlsx, Excel 2003 XML): the row and column a cell may sit in, and the cells present.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 1_024
MAX_CELLS = 5_000_000
#: Rows of one CSV or sheet, and contacts in one import (LinkedIn allows 30,000 connections).
MAX_TABLE_ROWS = 1_048_576
MAX_CONTACTS = 100_000
#: Bytes a workbook unpacks to: its shared strings are held in memory whole.
MAX_WORKBOOK_BYTES = 128 << 20
#: Characters in one cell (a name, company, note...); message text is cut to 500 characters anyway.
MAX_CELL_CHARS = 10_000
#: Personal sources (vCard, iCalendar, mbox). A vCard or calendar file is read whole (at most this many
#: bytes); a mailbox is streamed line by line, so only one message's header block is held at a time.
MAX_SOURCE_BYTES = 256 << 20
#: Cards in one vCard file (as many as contacts in one import); a card's field longer than MAX_CELL_CHARS
#: skips that card (photos, logos, sounds and keys are not read at all, whatever their size).
MAX_CARDS = 100_000
#: Events (VEVENT components) in one calendar, and the occurrences expanded from them up to the as-of
#: date (a rule repeating every minute without end is refused with one line before it is expanded).
MAX_EVENTS = 200_000
MAX_OCCURRENCES = 100_000
#: Messages in one mailbox, and the bytes of one message's header block (headers past it are not read).
MAX_MESSAGES = 5_000_000
MAX_HEADER_BYTES = 256 << 10
#: Ledger values (euros, hours) and the years a date may fall in.
MAX_AMOUNT = 1e12
FIRST_YEAR, LAST_YEAR = 1900, 2100


def within_years(day: date | pd.Timestamp) -> bool:
    """True for a date from FIRST_YEAR to LAST_YEAR, the span every analysis can represent."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def valid_amount(value: float) -> bool:
    """A finite amount from 0 to MAX_AMOUNT.

    >>> valid_amount(1200.5), valid_amount(float("inf")), valid_amount(-1.0), valid_amount(2e12)
    (True, False, False, False)
    """
    return math.isfinite(value) and 0 <= value <= MAX_AMOUNT
#: People sharing one folded name (or one nickname form and last name) compared pairwise for possible
#: duplicates; a name shared by more is a common name, not a likely duplicate, and is left out.
MAX_NAMESAKES = 12
