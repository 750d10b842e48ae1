"""The canonical data model: one `Network` passed through every analysis, page and report.

Every frame has a fixed column list (below). Dates are tz-aware UTC timestamps (NaT when unknown),
text columns are plain strings ("" when missing), directions are "out" (the user gave/sent) or "in"
(the user received).

Example:
    >>> net = empty_network()
    >>> list(net.contacts.columns) == CONTACT_COLUMNS
    True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from analytics.i18n import N_

CONTACT_COLUMNS = ["contact_id", "first_name", "last_name", "name", "url", "email",
                   "company", "position", "connected_on", "phone", "sources"]
#: Where a contact is known from (contacts `sources`: these labels joined by ", ", in this order; stored
#: in English, shown with `_`).
SOURCES = ("LinkedIn", N_("Contacts file"), N_("Address book"), N_("Calendar"), N_("Email"))
INTERACTION_COLUMNS = ["contact_id", "date", "channel", "direction", "content", "conversation_id"]
ANNOTATION_COLUMNS = ["contact_id", "closeness", "notes", "target", "consent", "consent_date",
                      "cadence_days", "role"]
#: What the user marked a contact as (annotation `role`; "" = not marked): steps 1 and 2 of the plan
#: read clients and referrers from these marks as well as from the ledger.
ROLES = (N_("client"), N_("referrer"), N_("prospect"), N_("friend"))
GROUP_COLUMNS = ["group_id", "name", "type", "annual_cost", "hours_per_month", "joined_on"]
MEMBER_COLUMNS = ["contact_id", "group_id"]
LEDGER_COLUMNS = ["entry_id", "date", "contact_id", "group_id", "kind", "direction", "value", "note"]
#: A new company or position seen when a newer LinkedIn export was imported (`seen_on`: that import's day).
ROLE_CHANGE_COLUMNS = ["contact_id", "seen_on", "old_company", "old_position", "company", "position"]
#: The user's plan ticks (kept outside the Network, see store.plan_status).
PLAN_STATUS_COLUMNS = ["item_key", "list", "contact_id", "done_on", "note", "card_sent_on"]

#: Interaction channels read from a LinkedIn export.
EXPORT_CHANNELS = ("message", "invitation", "endorsement", "recommendation")
#: Ledger kinds (issue: groups); each is also an interaction channel once logged.
LEDGER_KINDS = ("referral", "closed_business", "one_to_one", "meeting", "event", "introduction",
                "purchase")
GROUP_TYPES = ("chamber", "referral_group", "association", "event", "online", "informal")
DIRECTIONS = ("out", "in")


@dataclass
class Owner:
    """The account owner (from Profile.csv); never counted as their own contact."""

    name: str = ""
    url: str = ""


#: FileReport.kind of a LinkedIn export file the app does not read (e.g. Positions.csv): left out.
NOT_USED = "not_used"


@dataclass
class FileReport:
    """What an import made of one file: shown in the import report and in `summary --json`."""

    file: str
    kind: str
    rows: int = 0
    skipped: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    date_min: pd.Timestamp | None = None
    date_max: pd.Timestamp | None = None
    warnings: list[str] = field(default_factory=list)
    #: What was read from the file, in words ("headers of 1,204 messages; bodies not read"); "" for tables.
    read: str = ""

    def skip(self, reason: str, n: int = 1) -> None:
        """Count `n` skipped rows under `reason`."""
        if n:
            self.skipped += n
            self.reasons[reason] = self.reasons.get(reason, 0) + n

    def as_dict(self) -> dict:
        """JSON-ready form (the CLI contract: file, kind, rows, skipped, ...)."""
        return {"file": self.file, "kind": self.kind, "rows": self.rows, "skipped": self.skipped,
                "reasons": dict(self.reasons),
                "date_min": None if self.date_min is None else self.date_min.isoformat(),
                "date_max": None if self.date_max is None else self.date_max.isoformat(),
                "warnings": list(self.warnings), "read": self.read}


@dataclass
class Network:
    """Everything known about one person's network; the single object every analysis takes."""

    owner: Owner = field(default_factory=Owner)
    contacts: pd.DataFrame = field(default_factory=lambda: empty_frame(CONTACT_COLUMNS))
    interactions: pd.DataFrame = field(default_factory=lambda: empty_frame(INTERACTION_COLUMNS))
    annotations: pd.DataFrame = field(default_factory=lambda: empty_frame(ANNOTATION_COLUMNS))
    groups: pd.DataFrame = field(default_factory=lambda: empty_frame(GROUP_COLUMNS))
    members: pd.DataFrame = field(default_factory=lambda: empty_frame(MEMBER_COLUMNS))
    ledger: pd.DataFrame = field(default_factory=lambda: empty_frame(LEDGER_COLUMNS))
    settings: dict = field(default_factory=dict)
    files: list[FileReport] = field(default_factory=list)
    role_changes: pd.DataFrame = field(default_factory=lambda: empty_frame(ROLE_CHANGE_COLUMNS))


_DATE_COLUMNS = {"connected_on", "date", "consent_date", "joined_on", "seen_on"}
_FLOAT_COLUMNS = {"closeness", "cadence_days", "annual_cost", "hours_per_month", "value"}
_BOOL_COLUMNS = {"target"}


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """An empty frame with the model's dtypes for `columns`.

    >>> empty_frame(INTERACTION_COLUMNS)["date"].dtype
    datetime64[ns, UTC]
    """
    data = {}
    for c in columns:
        if c in _DATE_COLUMNS:
            data[c] = pd.Series([], dtype="datetime64[ns, UTC]")
        elif c in _FLOAT_COLUMNS:
            data[c] = pd.Series([], dtype="float64")
        elif c in _BOOL_COLUMNS:
            data[c] = pd.Series([], dtype="bool")
        else:
            data[c] = pd.Series([], dtype="object")
    return pd.DataFrame(data)


def empty_network() -> Network:
    """A network with no contacts (every frame empty but typed)."""
    return Network()


_SLUG = re.compile(r"linkedin\.com/(?:in|pub)/([^/?#\s]+)", re.IGNORECASE)


def normalize_url(url: str) -> str:
    """Canonical LinkedIn profile URL, or "" when `url` is not one.

    >>> normalize_url("linkedin.com/in/Jane-Doe/?trk=x")
    'https://www.linkedin.com/in/jane-doe'
    """
    m = _SLUG.search(str(url or ""))
    return f"https://www.linkedin.com/in/{m.group(1).lower()}" if m else ""


def normalize_name(name: str) -> str:
    """Name folded for matching: accents stripped, case-folded, single spaces.

    >>> normalize_name("  José  GARCÍA ")
    'jose garcia'
    """
    text = unicodedata.normalize("NFKD", str(name or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def join_sources(*values: str) -> str:
    """Union of `sources` values, in the order of SOURCES (unknown labels last, sorted).

    >>> join_sources("Calendar, LinkedIn", "LinkedIn", "")
    'LinkedIn, Calendar'
    """
    labels = {part.strip() for v in values for part in str(v).split(",") if part.strip()}
    order = {label: i for i, label in enumerate(SOURCES)}
    return ", ".join(sorted(labels, key=lambda label: (order.get(label, len(order)), label)))


def contact_key(url: str, name: str) -> str:
    """Stable contact id: the profile slug when known, else the folded name.

    >>> contact_key("https://www.linkedin.com/in/jane-doe", "Jane Doe")
    'in:jane-doe'
    >>> contact_key("", "Jane  Doe")
    'name:jane doe'
    """
    canonical = normalize_url(url)
    if canonical:
        return "in:" + canonical.rsplit("/", 1)[-1]
    return "name:" + normalize_name(name)
