"""Which workspace this browser session uses, and cached results derived from it.

With ui/widgets, the only code besides app_pages/ that imports Streamlit. Everything cached is keyed by the
workspace file and its version (id, revision, interactions revision; or by uploaded bytes), so a
write anywhere shows up on the next rerun, a deleted and re-created workspace never shows what was
deleted, and two sessions on different workspaces never share a result. The interactions (the bulk
of a workspace) are cached on their own, so editing a note does not re-read a million messages.
No contact data is kept in module globals or `st.cache_resource`. The cached functions show no spinner
of their own (a decorator's text is fixed at import, before the language is known): the functions pages
call wrap them in `st.spinner` with a text in the user's language, which shows only while a result is
computed (after half a second), as Streamlit's own does.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd
import streamlit as st

from analytics import i18n, identity, import_summary, ingest
from analytics.analysis import STEPS, Analysis, Part, analyse, annotation_key, step
from analytics.errors import InputError
from analytics.facts import DEFAULT_PERIOD_DAYS, Facts, gather
from analytics.i18n import _
from analytics.ingest.sources import address
from analytics.model import Network
from analytics.store import Store, list_workspaces, workspace_path
from ui.widgets import plain

if TYPE_CHECKING:
    from analytics.graph import GraphBase
    from analytics.page_data import GraphView

SAMPLE = "sample"
LANGUAGE, CURRENCY = "language", "currency"  # the settings (on the sample: session keys) of the wording
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_AS_OF = "2026-11-15"  # the sample generator's "today"
_KEY = "workspace"
Upload = tuple[str, bytes | Path]  # an uploaded file's name and bytes, or a mailbox's path on disk
_PARSED = "parsed_upload"  # (bytes and mapping, Network) of the last upload parsed in this session
T = TypeVar("T")


def workspace_name() -> str:
    """This session's workspace: chosen in the sidebar; first visit opens the user's own, else the sample."""
    if _KEY not in st.session_state:
        own = [w for w in list_workspaces() if w != SAMPLE]
        st.session_state[_KEY] = own[0] if own else SAMPLE
    return st.session_state[_KEY]


def use_workspace(name: str) -> None:
    """Switch this session to workspace `name` (validated; created on first write)."""
    workspace_path(name)
    st.session_state[_KEY] = name


def is_sample() -> bool:
    """True while the session looks at the bundled sample network."""
    return workspace_name() == SAMPLE


@st.cache_data(show_spinner=False, max_entries=16)
def _problem(path: str, size: int, header: bytes, lang: str) -> str | None:
    with i18n.use(lang):
        return Store(path).problem()


def workspace_problem() -> str | None:
    """Why this session's workspace cannot be opened, else None: checked again whenever its file changes
    size or header (a truncated, garbled or replaced file), not after every save (SQLite's check reads
    the whole file: 0.6 s CPU on a 1,000,000-message workspace)."""
    path = workspace_path(workspace_name())
    if not path.exists():
        return None
    with path.open("rb") as file:
        header = file.read(100)  # SQLite's header: magic string, page size, counters, schema cookie
    lang = i18n.best_language(st.context.locale)  # the workspace's own choice cannot be read yet
    with i18n.use(lang), st.spinner(_("Checking the workspace…")):
        return _problem(str(path), path.stat().st_size, header, lang)


def store() -> Store:
    """The Store of this session's workspace (the sample is imported on first use)."""
    current = Store(workspace_path(workspace_name()))
    if workspace_name() == SAMPLE and (current.revision() == 0
                                       or current.settings().get("sample_installed") is False):
        _install_sample(current)
    return current


def _install_sample(target: Store) -> None:
    """Import the bundled sample; an install cut short (a rerun, a stopped server) is redone on next use."""
    from analytics.ingest import ledger_workbook  # openpyxl: only needed to install the sample

    target.save_settings(sample_installed=False)
    with st.spinner(_("Reading files…")):
        net = _sample((SAMPLE_DIR / "linkedin_sample.zip").read_bytes())
    target.import_network(net)
    sample_ledger = ledger_workbook.read_ledger(
        [("ledger_sample.xlsx", (SAMPLE_DIR / "ledger_sample.xlsx").read_bytes())], net.contacts)
    target.save_ledger(sample_ledger.ledger, sample_ledger.groups, sample_ledger.members)
    target.save_settings(as_of=SAMPLE_AS_OF, hourly_rate=75.0, sample_installed=True)


@st.cache_data(show_spinner=False, max_entries=1)
def _sample(data: bytes) -> Network:
    return ingest.load_files([("linkedin_sample.zip", data)])


def _setting(key: str) -> object:
    """A wording setting: this session's choice on the sample, else the workspace's."""
    return st.session_state[key] if key in st.session_state and is_sample() else store().settings().get(key)


def language() -> str:
    """The language of this workspace's pages and reports: as chosen in the sidebar (remembered per
    workspace), else the browser's language when the app speaks it, else English."""
    chosen = _setting(LANGUAGE)
    return chosen if chosen in i18n.LANGUAGES else i18n.best_language(st.context.locale)


def currency() -> str:
    """The workspace's currency (ISO 4217 code; EUR unless set on the Ledger page)."""
    return i18n.valid_currency(str(_setting(CURRENCY) or "")) or i18n.DEFAULT_CURRENCY


def save_wording(**values: str) -> None:
    """Remember `language` / `currency` for this workspace (on the sample: for this session); a setting
    of wording only, so no analysis step re-runs (only the cached texts in the other language are new)."""
    st.session_state.update(values)
    if not is_sample():
        store().save_settings(**values)


def choose_wording(problem: str | None) -> None:
    """Use this workspace's language and currency for everything this rerun writes (a workspace that
    cannot be opened: the browser's language)."""
    if problem:
        i18n.choose(i18n.best_language(st.context.locale))
    else:
        i18n.choose(language(), currency())


def words() -> tuple[str, str]:
    """(language, currency) in use: part of every cache key below, since cached results hold sentences."""
    return i18n.language(), i18n.currency()


MY_EMAILS = "my_emails"  # the setting (and, on the sample workspace, the session key) with them


def my_addresses() -> list[str]:
    """The owner's e-mail addresses, as given once on the Import page: remembered per workspace (on the
    bundled sample, for this session only)."""
    if MY_EMAILS in st.session_state:
        return list(st.session_state[MY_EMAILS])
    return list(store().settings().get(MY_EMAILS) or [])


def save_my_addresses(text: str) -> list[str]:
    """Remember the owner's addresses typed as `text` (separated by commas, semicolons or spaces)."""
    found = [a for a in (address(part) for part in text.replace(";", " ").replace(",", " ").split()) if a]
    st.session_state[MY_EMAILS] = found
    if not is_sample():
        store().save_settings(**{MY_EMAILS: found})
    return found


def source_kinds(files: list[Upload]) -> set[str | None]:
    """Which personal sources ("vcard", "calendar", "mbox"; None for anything else) are among `files`."""
    return {ingest.source_kind(name, ingest.head(data)) for name, data in files}


def mailbox_progress(files: list[Upload]) -> Callable[[int, int], None] | None:
    """A progress bar's update function while mailboxes are read (None without a mailbox)."""
    if "mbox" not in source_kinds(files):
        return None
    bar = st.progress(0.0, text=_("Reading mail headers…"))
    # the language of this rerun, read now: the callback runs inside the import
    wording = _("Reading mail headers: {done} of {total} MB (bodies are skipped)")

    def update(done: int, total: int) -> None:
        text = wording.format(done=i18n.number(done >> 20), total=i18n.number(max(total, done) >> 20))
        bar.progress(min(done / max(total, 1), 1.0), text=text)
    return update


def parse_upload(files: list[Upload], mapping: dict[str, str] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 steps: Callable[[str], None] | None = None) -> Network:
    """Parse uploaded files, dates that cannot be right named in each file's warnings; raises InputError
    with a one-line reason. The last upload parsed is kept in this session (by its bytes, mapping and,
    for calendars and mailboxes, the owner's addresses and the as-of date, and the language its reasons
    are written in), so reruns of the Import page do not parse it again; `progress` follows a long
    mailbox, `steps` hears each file as it is parsed (a cached parse could not report to the page while
    it runs). A mailbox given by its path on this computer is streamed from the disk."""
    personal = bool({"calendar", "mbox"} & source_kinds(files))
    me, when = (tuple(my_addresses()), as_of()) if personal else ((), None)  # read only by those two
    key = (tuple((name, ingest.fingerprint(data)) for name, data in files),
           tuple(sorted((mapping or {}).items())), me, when, words())
    held = st.session_state.get(_PARSED)
    if held is None or held[0] != key:
        st.session_state.pop(_PARSED, None)  # the previous upload's network goes before this one loads
        net = ingest.load_files(files, mapping or None, me=me, as_of=when, progress=progress, steps=steps)
        held = st.session_state[_PARSED] = (key, net)
    import_summary.check_dates(held[1].files, pd.Timestamp.now(tz="UTC"))
    return held[1]


Version = tuple[str, int, int]


@st.cache_data(show_spinner=False, max_entries=2)
def _interactions(path: str, workspace_id: str, interactions_revision: int) -> pd.DataFrame:
    return Store(path).interactions()


@st.cache_data(show_spinner=False, max_entries=2)
def _unannotated(path: str, key: Version) -> Network:
    """The workspace without its interactions and annotations (contacts, ledger, groups, settings), cached
    by `key`, the version without annotation edits: they do not read 30,000 contacts again."""
    return Store(path).load(interactions=False, annotations=False)


@st.cache_data(show_spinner=False, max_entries=4)
def _annotated(path: str, version: Version, _key: Version) -> Network:
    """The workspace without its interactions: `_unannotated` (`_key`, set by `version`) and the annotations
    read alone."""
    return dataclasses.replace(_unannotated(path, _key), annotations=Store(path).annotations())


def _network(path: str, version: Version, key: Version) -> Network:
    # assembled, not cached whole: caching pickles, and re-pickling a million messages at every note
    # save cost a second
    return dataclasses.replace(_annotated(path, version, key),
                               interactions=_interactions(path, version[0], version[2]))


def network(interactions: bool = True) -> Network:
    """The session's workspace as the canonical Network (cached per workspace version); pages that do
    not read the interactions pass `interactions=False` (its `interactions` frame is then empty)."""
    current = store()
    with st.spinner(_("Loading workspace…")):
        return (_network if interactions else _annotated)(str(current.path), current.version(),
                                                          current.version(annotations=False))


def as_of() -> pd.Timestamp:
    """'Today' for every time-based figure: the workspace's fixed date if set, else today (UTC)."""
    fixed = store().settings().get("as_of")
    return pd.Timestamp(fixed, tz="UTC") if fixed else pd.Timestamp.now(tz="UTC").normalize()


def set_as_of(day: str | None) -> None:
    """Fix this workspace's as-of date (YYYY-MM-DD), or None for today: a button callback, so the click
    counts even when the user leaves the page before the rerun reaches the button."""
    store().save_settings(as_of=day)


@st.cache_data(show_spinner=False, max_entries=8)
def _facts(path: str, key: Version, when: pd.Timestamp, period_days: int, _version: Version,
           wording: tuple[str, str]) -> Facts:
    """The analysis' steps that read no annotation, cached by `key` = the version without annotation
    edits (`_version`, the full one, only says which cached network to read)."""
    return gather(_network(path, _version, key), when, period_days)


class _Stages:
    """The stages one analysis reads (the network, the facts, each step), each fetched from its cache at
    most once and only when needed: a cached result is unpickled at every fetch, and a note's analysis
    needs neither the facts' nor the scores' inputs again, only the steps' results."""

    def __init__(self, path: str, version: Version, key: Version, when: pd.Timestamp, period_days: int,
                 wording: tuple[str, str]) -> None:
        self.path, self.version, self.key, self.when = path, version, key, when
        self.period_days, self.wording = period_days, wording
        self.parts: dict[str, Part] = {}

    @functools.cached_property
    def net(self) -> Network:
        return _annotated(self.path, self.version, self.key)  # facts hold what reads the messages

    @functools.cached_property
    def facts(self) -> Facts:
        return _facts(self.path, self.key, self.when, self.period_days, self.version, self.wording)

    def part(self, name: str) -> Part:
        if name not in self.parts:
            digest = annotation_key(self.net.annotations, STEPS[name])
            self.parts[name] = _step(self.path, self.key, self.when, self.period_days, name, digest,
                                     self.wording, self)
        return self.parts[name]


@st.cache_data(show_spinner=False, max_entries=16)
def _step(path: str, key: Version, when: pd.Timestamp, period_days: int, name: str, digest: str,
          wording: tuple[str, str], _stages: _Stages) -> Part:
    """Step `name` of `analysis.STEPS`, cached by the facts' key and `digest`, the `annotation_key` of the
    annotation columns it reads: a note re-runs none, a target only the step reading targets."""
    return step(name, _stages.net, _stages.facts, None if name == "rated" else _stages.part("rated"))


@st.cache_data(show_spinner=False, max_entries=8)
def _analysis(path: str, version: Version, key: Version, when: pd.Timestamp, period_days: int,
              wording: tuple[str, str]) -> Analysis:
    stages = _Stages(path, version, key, when, period_days, wording)
    parts = [stages.part(name) for name in STEPS]
    return analyse(stages.net, when, period_days, stages.facts, parts)


def analysis(period_days: int = DEFAULT_PERIOD_DAYS) -> Analysis:
    """The one analysis of this workspace (cached per workspace version, as-of date and period): every
    page, the report and the graph read it. Its interaction-heavy part (`facts.gather`) is cached apart,
    keyed without annotation edits, and so is each of `analysis.STEPS`, keyed by the annotation columns
    it reads too: saving a note or a consent re-runs only the contact table, a target, mark or cadence the
    one step reading it, a closeness rating the scores and every step after them."""
    current = store()
    with st.spinner(_("Analysing…")):
        return _analysis(str(current.path), current.version(), current.version(annotations=False), as_of(),
                         period_days, words())


def scores() -> pd.DataFrame:
    """Relationship strength, tier and reason for every contact (the analysis' scores)."""
    return analysis().scores


@st.cache_data(show_spinner=False, max_entries=32)
def _derived(path: str, version: Version, key: Version, when: pd.Timestamp, period_days: int, module: str,
             name: str, options: tuple[tuple[str, object], ...], wording: tuple[str, str]) -> object:
    func = getattr(importlib.import_module(module), name)
    return func(_network(path, version, key), _analysis(path, version, key, when, period_days, wording),
                **dict(options))


def derived(func: Callable[..., T], period_days: int = DEFAULT_PERIOD_DAYS, **options: object) -> T:
    """`func(network, analysis, **options)` for this workspace, cached per version, date, period and options.

    Pages pass a presentation function (e.g. `page_data.coach_report`); it reads the cached analysis, so a
    filter, a plan tick or the anonymise toggle re-runs only that function, never the analysis.
    """
    current = store()
    with st.spinner(_("Drawing…")):
        return _derived(str(current.path), current.version(), current.version(annotations=False), as_of(),
                        period_days, func.__module__, func.__name__, tuple(sorted(options.items())), words())


@st.cache_data(show_spinner=False, max_entries=4)
def _graph_base(path: str, version: Version, key: Version, when: pd.Timestamp, period_days: int,
                wording: tuple[str, str]) -> GraphBase:
    from analytics import graph  # the view and its layout: only for the Graph page

    scores = _analysis(path, version, key, when, period_days, wording).scores
    return graph.graph_base(_annotated(path, version, key), scores)


@st.cache_data(show_spinner=False, max_entries=32)
def _graph_view(path: str, version: Version, key: Version, when: pd.Timestamp, period_days: int,
                options: tuple[tuple[str, object], ...], wording: tuple[str, str]) -> GraphView:
    from analytics import page_data

    analysed = _analysis(path, version, key, when, period_days, wording)
    return page_data.network_graph(_annotated(path, version, key), analysed,
                                   base=_graph_base(path, version, key, when, period_days, wording),
                                   **dict(options))


def graph_view(**options: object) -> GraphView:
    """The Graph page's view for these filters (`page_data.network_graph` options). Clusters, memberships
    and stand-in ties are computed once per workspace version and as-of; a filter re-runs only the view."""
    current = store()
    with st.spinner(_("Placing your network…")):
        return _graph_view(str(current.path), current.version(), current.version(annotations=False), as_of(),
                           DEFAULT_PERIOD_DAYS, tuple(sorted(options.items())), words())


@st.cache_data(show_spinner=False, max_entries=2)
def _duplicates(path: str, version: Version, wording: tuple[str, str]
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    store = Store(path)
    people, decisions = store.people(), store.decisions()
    return identity.proposals(people, decisions), people.set_index("contact_id"), decisions


def duplicates() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(likely duplicates, every contact indexed by id, the user's decisions) of this workspace, cached per
    version (a merge or keep-apart moves it on)."""
    current = store()
    with st.spinner(_("Looking for duplicates…")):
        return _duplicates(str(current.path), current.version(), words())


def show_error(err: InputError) -> None:
    """Show a bad-input reason as one line (never a traceback), escaped: it quotes file names and cells."""
    st.error(plain(err), icon=":material/error:")
