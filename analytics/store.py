"""The SQLite workspace: the one module that touches the database.

Every write is one `BEGIN IMMEDIATE` transaction (a crash mid-import leaves the previous state),
WAL mode, foreign keys and secure delete on every connection, a busy timeout so two browser
sessions writing to one workspace wait for each other instead of failing, and a schema version
with migrations. User annotations live in their own tables keyed by contact id, so re-imports
never touch them; a contact whose profile URL is known keeps its id when LinkedIn changes its
name, company or position.

Example:
    >>> import tempfile, pathlib
    >>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "w.sqlite")
    >>> store.load().contacts.empty
    True
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd

from analytics.errors import InputError
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    MEMBER_COLUMNS,
    PLAN_STATUS_COLUMNS,
    Network,
    Owner,
    empty_frame,
    join_sources,
    normalize_name,
)

HOME_ENV = "NETWORK_LEDGER_HOME"
CHECKPOINT_WAIT_MS = 2000  # how long a delete waits for a session that is reading before it says so
GOAL_COLUMNS = ["metric", "period", "target"]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")

_SCHEMA = [
    # version 1
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE contacts (
        contact_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, name TEXT, name_key TEXT,
        url TEXT, email TEXT, company TEXT, position TEXT, connected_on TEXT);
    CREATE INDEX contacts_name_key ON contacts(name_key);
    CREATE TABLE interactions (
        contact_id TEXT NOT NULL, date INTEGER, channel TEXT NOT NULL, direction TEXT NOT NULL,
        content TEXT, conversation_id TEXT, row_hash INTEGER NOT NULL UNIQUE);
    CREATE INDEX interactions_contact ON interactions(contact_id);
    CREATE TABLE annotations (
        contact_id TEXT PRIMARY KEY, closeness REAL, notes TEXT, target INTEGER, consent TEXT,
        consent_date TEXT, cadence_days REAL);
    CREATE TABLE groups (
        group_id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, annual_cost REAL,
        hours_per_month REAL, joined_on TEXT);
    CREATE TABLE members (
        contact_id TEXT NOT NULL, group_id TEXT NOT NULL REFERENCES groups(group_id) ON DELETE CASCADE,
        PRIMARY KEY (contact_id, group_id));
    CREATE TABLE ledger (
        entry_id TEXT PRIMARY KEY, date TEXT, contact_id TEXT, group_id TEXT, kind TEXT NOT NULL,
        direction TEXT NOT NULL, value REAL, note TEXT);
    CREATE TABLE plan_status (
        item_key TEXT PRIMARY KEY, list TEXT, contact_id TEXT, done_on TEXT, note TEXT,
        card_sent_on TEXT);
    CREATE TABLE goals (metric TEXT NOT NULL, period TEXT NOT NULL, target REAL,
        PRIMARY KEY (metric, period));
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE imports (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, files TEXT NOT NULL);
    """,
    # version 2: an id per workspace file, so results cached from a deleted workspace never match a new one
    """
    INSERT OR IGNORE INTO meta VALUES ('workspace_id', lower(hex(randomblob(16))));
    """,
    # version 3: the workspace's secret salt for report pseudonyms (a JSON string, in no export)
    """
    INSERT OR IGNORE INTO settings VALUES ('pseudonym_salt', '"' || lower(hex(randomblob(16))) || '"');
    """,
    # version 4: tables derived from the imported data, kept in step by every import and delete (the
    # interactions as one compressed columnar snapshot, so opening the app does not rebuild a million rows)
    """
    CREATE TABLE derived (name TEXT PRIMARY KEY, revision INTEGER NOT NULL, data BLOB NOT NULL);
    """,
    # version 5: what the user marked a contact as (client, referrer, prospect, friend; '' = no mark)
    """
    ALTER TABLE annotations ADD COLUMN role TEXT DEFAULT '';
    """,
    # version 6: a contact's phone numbers and the sources it is known from (LinkedIn, address book, ...)
    """
    ALTER TABLE contacts ADD COLUMN phone TEXT DEFAULT '';
    ALTER TABLE contacts ADD COLUMN sources TEXT DEFAULT '';
    """,
]
# Tables whose rows follow a contact id (re-keyed on merge, deleted with the contact).
_CONTACT_TABLES = ("interactions", "annotations", "members", "ledger", "plan_status")
_EPOCH = pd.Timestamp(0, tz="UTC")
_INTERACTIONS_SQL = f"SELECT {', '.join(INTERACTION_COLUMNS)} FROM interactions ORDER BY rowid"
_SNAPSHOT = "interactions"  # the derived table holding the interactions frame (Feather, LZ4)
# Dates are stored as whole seconds since 1970 (UTC): compact, and converted without Python loops.
_DATE_FIELDS = {"connected_on", "date", "consent_date", "joined_on", "done_on", "card_sent_on"}


def workspace_home() -> Path:
    """Folder holding the workspaces: `$NETWORK_LEDGER_HOME`, else `./workspaces` (git-ignored)."""
    return Path(os.environ.get(HOME_ENV) or Path.cwd() / "workspaces")


def workspace_path(name: str) -> Path:
    """The SQLite file of workspace `name`; names are plain words so they cannot escape the folder.

    >>> workspace_path("../etc")
    Traceback (most recent call last):
    analytics.errors.InputError: workspace name: use letters, digits, spaces, dots, dashes or underscores
    """
    if not _NAME.fullmatch(name or "") or ".." in name:
        raise InputError("workspace name", "use letters, digits, spaces, dots, dashes or underscores")
    return workspace_home() / f"{name}.sqlite"


def list_workspaces() -> list[str]:
    """Names of the workspaces on disk, sorted."""
    home = workspace_home()
    return sorted(p.stem for p in home.glob("*.sqlite")) if home.is_dir() else []


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Frame rows as tuples ready for SQLite (timestamps as epoch seconds, NaN/NaT as NULL)."""
    out = frame.reindex(columns=columns).copy()
    for c in columns:
        if c in _DATE_FIELDS:
            stamps = pd.to_datetime(out[c], utc=True, errors="coerce")
            out[c] = ((stamps - _EPOCH) // pd.Timedelta(seconds=1)).astype("Int64")
        elif out[c].dtype == bool:
            out[c] = out[c].astype(int)
    out = out.astype(object).where(out.notna(), None)
    return list(out.itertuples(index=False, name=None))


def _frame(cursor: sqlite3.Cursor, columns: list[str]) -> pd.DataFrame:
    return _frame_of(cursor.fetchall(), columns)


def _frame_of(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """Rows as SQLite returns them (str, int, float, None) as a typed frame."""
    frame = pd.DataFrame.from_records(rows, columns=columns) if rows else empty_frame(columns)
    for c in columns:
        if c in _DATE_FIELDS:
            frame[c] = pd.to_datetime(pd.to_numeric(frame[c]), unit="s", utc=True).astype(
                "datetime64[ns, UTC]")
    return frame


def _insert_interactions(con: sqlite3.Connection, rows: list[tuple]) -> list[int]:
    """Insert interaction rows, skipping any already stored (same contact, date, channel, text...);
    returns each row's hash."""
    if not rows:
        return []
    # object dtype: a NULL date must not turn the batch's dates into floats ("1.0" hashes differently)
    hashes = pd.util.hash_pandas_object(pd.DataFrame(rows, dtype=object).astype(str), index=False)
    hashes = hashes.astype("int64").tolist()
    con.executemany(
        f"INSERT OR IGNORE INTO interactions VALUES ({', '.join('?' * (len(INTERACTION_COLUMNS) + 1))})",
        [(*row, h) for row, h in zip(rows, hashes, strict=True)])
    return hashes


def _interactions_revision(con: sqlite3.Connection) -> int:
    row = con.execute("SELECT value FROM meta WHERE key = 'interactions_revision'").fetchone()
    return int(row[0]) if row else 0


def _read_snapshot(con: sqlite3.Connection, revision: int) -> pd.DataFrame | None:
    """The stored interactions frame when it belongs to `revision`, else None (stale or absent)."""
    row = con.execute("SELECT revision, data FROM derived WHERE name = ?", (_SNAPSHOT,)).fetchone()
    if row is None or row[0] != revision:
        return None
    return pd.read_feather(io.BytesIO(row[1]))


def _write_snapshot(con: sqlite3.Connection, frame: pd.DataFrame, revision: int) -> None:
    buffer = io.BytesIO()
    frame.reset_index(drop=True).to_feather(buffer, compression="lz4")
    con.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (_SNAPSHOT, revision, buffer.getvalue()))


def _refresh_snapshot(con: sqlite3.Connection, after_rowid: int | None = None,
                      dropped: str | None = None, inserted: pd.DataFrame | None = None) -> None:
    """Bring the interactions snapshot in step with a write that is about to move `interactions_revision`.

    Incremental when the snapshot matched the state before the write: rows appended after
    `after_rowid` (an import) are read and added, or the rows of contact `dropped` removed; otherwise
    the whole table is read once. `inserted`: the whole table is these rows (a first import), typed as
    SQLite returns them. The result equals `SELECT ... ORDER BY rowid` of the new state.
    """
    revision = _interactions_revision(con)
    old = _read_snapshot(con, revision) if after_rowid is not None or dropped is not None else None
    if inserted is not None:
        frame = inserted
    elif old is None or old.empty:
        frame = _frame(con.execute(_INTERACTIONS_SQL), INTERACTION_COLUMNS)
    elif dropped is not None:
        frame = old[old["contact_id"] != dropped].reset_index(drop=True)
    else:
        sql = _INTERACTIONS_SQL.replace(" ORDER BY", " WHERE rowid > ? ORDER BY")
        new = _frame(con.execute(sql, (after_rowid,)), INTERACTION_COLUMNS)
        frame = old if new.empty else pd.concat([old, new], ignore_index=True)
    if frame.empty:
        frame = _frame(con.execute(_INTERACTIONS_SQL), INTERACTION_COLUMNS)  # the dtypes of an empty read
    _write_snapshot(con, frame, revision + 1)


def _load_interactions(con: sqlite3.Connection) -> pd.DataFrame:
    """Every stored interaction: from the snapshot when it is current, else from the table."""
    con.execute("BEGIN")  # one consistent view of the revision and the rows
    try:
        frame = _read_snapshot(con, _interactions_revision(con))
        if frame is None:
            frame = _frame(con.execute(_INTERACTIONS_SQL), INTERACTION_COLUMNS)
    finally:
        con.execute("COMMIT")
    return frame


def _typed_annotations(frame: pd.DataFrame) -> pd.DataFrame:
    frame["target"] = frame["target"].fillna(0).astype(bool)
    frame["role"] = frame["role"].fillna("").astype(str)
    for c in ("closeness", "cadence_days"):
        frame[c] = pd.to_numeric(frame[c])
    return frame


def _settings(con: sqlite3.Connection) -> dict:
    return {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM settings")}


def _set_wal(con: sqlite3.Connection, attempts: int = 300) -> None:
    """Switch to WAL. SQLite answers "locked" at once, without its busy handler, while another
    connection is converting a brand-new file, so wait for that here (up to ~30 s)."""
    for attempt in range(attempts):
        try:
            con.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


class Store:
    """One workspace file. Cheap to create: connections are opened per operation."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # -- connection -------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        _set_wal(con)
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA secure_delete=ON")
        con.execute("PRAGMA busy_timeout=30000")
        self._migrate(con)
        return con

    @staticmethod
    def _migrate(con: sqlite3.Connection) -> None:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version >= len(_SCHEMA):
            return
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(_SCHEMA[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    con.execute(statement)
                con.execute(f"PRAGMA user_version={number}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @contextmanager
    def _write(self, counters: tuple[str, ...] = ("revision",)) -> Iterator[sqlite3.Connection]:
        """One write transaction: all or nothing, and each of `counters` moves on.

        Writes to what `load()` returns move `revision` (every cached analysis depends on it); those
        that change contacts or interactions (import, delete) also move `interactions_revision`, the
        key of the cached interactions; annotation edits also move `annotations_revision`. Plan
        status and goals are not part of the Network: they move
        no counter, so ticking a plan item on a large workspace re-analyses nothing.
        """
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                for counter in counters:
                    con.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE "
                                "SET value = CAST(value AS INTEGER) + 1", (counter,))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _read(self, sql: str, columns: list[str], params: tuple = ()) -> pd.DataFrame:
        with closing(self._connect()) as con:
            return _frame(con.execute(sql, params), columns)

    def revision(self) -> int:
        """Counter that moves on with every write to the Network (0 while there is no file)."""
        return self.version()[1]

    def version(self, annotations: bool = True) -> tuple[str, int, int]:
        """(workspace id, revision, interactions revision): the cache key of everything derived.

        The id is new for every workspace file, so a workspace deleted and created again never
        matches a result cached from the one before. ("", 0, 0) while there is no file. With
        `annotations=False` the revision leaves out the annotation edits (`save_annotations`): the key
        of what reads everything but the annotations (`facts.gather`).
        """
        if not self.path.exists():
            return "", 0, 0
        with closing(self._connect()) as con:
            meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('workspace_id', 'revision', "
                                    "'interactions_revision', 'annotations_revision')").fetchall())
        edits = 0 if annotations else int(meta.get("annotations_revision", 0))
        revision = int(meta.get("revision", 0)) - edits
        return meta["workspace_id"], revision, int(meta.get("interactions_revision", 0))

    def problem(self) -> str | None:
        """Why this workspace file cannot be opened (damaged, truncated, not a workspace), else None.

        Reads every page once (SQLite's quick_check), so call it once per file change, not per read.
        A workspace busy in another session, or not created yet, has no problem.
        """
        if not self.path.exists():
            return None
        try:
            with closing(self._connect()) as con:
                found = con.execute("PRAGMA quick_check").fetchone()[0]
                con.execute("SELECT count(*) FROM meta WHERE key = 'workspace_id'").fetchone()
        except sqlite3.OperationalError as err:
            if "locked" in str(err):
                return None
            return f"it is not a Network Ledger workspace ({err})"
        except sqlite3.DatabaseError as err:
            return f"the file is damaged ({err})"
        return None if found == "ok" else f"the file is damaged ({found})"

    # -- import -----------------------------------------------------------------------------
    def import_network(self, net: Network) -> dict[str, int]:
        """Merge an imported export into the workspace in one transaction.

        Contacts are matched by id (profile URL), then by folded name; a contact first seen
        without a URL is re-keyed when a later export brings its URL, and everything attached to
        it (annotations, memberships, ledger, plan) follows. Interactions already stored are not
        duplicated. Returns counts: added, updated, interactions_added.
        """
        incoming = net.contacts.copy()
        with self._write(("revision", "interactions_revision")) as con:
            last_rowid = con.execute("SELECT coalesce(max(rowid), 0) FROM interactions").fetchone()[0]
            rekeyed = False
            known = dict(con.execute("SELECT contact_id, name_key FROM contacts").fetchall())
            by_name: dict[str, str] = {}
            for cid, key in known.items():
                by_name.setdefault(key, cid)
            rename: dict[str, str] = {}
            for cid, name in zip(incoming["contact_id"], incoming["name"], strict=True):
                key = normalize_name(name)
                if cid in known:
                    continue
                match = by_name.get(key)
                if match is None:
                    continue
                if cid.startswith("name:"):
                    rename[cid] = match  # older export without URL: keep the stored id
                elif match.startswith("name:"):
                    self._rekey(con, match, cid)  # a URL arrived for a name-only contact
                    rekeyed = True
                    known[cid] = known.pop(match)
                    by_name[key] = cid  # a namesake with another URL is a different person
            incoming["contact_id"] = incoming["contact_id"].replace(rename)
            incoming = incoming.drop_duplicates("contact_id", keep="last")
            stored = dict(con.execute("SELECT contact_id, coalesce(sources, '') FROM contacts").fetchall())
            pairs = zip(incoming["contact_id"], incoming["sources"], strict=True)
            incoming["sources"] = [join_sources(stored.get(cid, ""), new) for cid, new in pairs]  # both now
            incoming["name_key"] = incoming["name"].map(normalize_name)
            existing = set(known)
            updated = int(incoming["contact_id"].isin(existing).sum())
            cols = [*CONTACT_COLUMNS, "name_key"]
            by_name_only = incoming["contact_id"].isin(set(rename.values()))
            for rows, newer in ((incoming[~by_name_only], True), (incoming[by_name_only], False)):
                # A contact matched only by name comes from an older export without URLs: it fills
                # gaps but never overwrites what a newer export stored.
                first, second = ("excluded.{c}", "{c}") if newer else ("{c}", "excluded.{c}")
                updates = ", ".join(f"{c} = COALESCE(NULLIF({first.format(c=c)}, ''), {second.format(c=c)})"
                                    for c in cols[1:])
                con.executemany(
                    f"INSERT INTO contacts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                    f"ON CONFLICT(contact_id) DO UPDATE SET {updates}", _rows(rows, cols))
            interactions = net.interactions.copy()
            interactions["contact_id"] = interactions["contact_id"].replace(rename)
            before = con.total_changes
            rows = _rows(interactions, INTERACTION_COLUMNS)
            hashes = _insert_interactions(con, rows)
            added_interactions = con.total_changes - before
            if last_rowid == 0 and not rekeyed:  # the table was empty: it now holds each hash's first row
                seen: set[int] = set()
                kept = [row for row, h in zip(rows, hashes, strict=True) if not (h in seen or seen.add(h))]
                _refresh_snapshot(con, inserted=_frame_of(kept, INTERACTION_COLUMNS))
            else:  # a re-keyed contact's rows moved (new rowids): read the whole table once then
                _refresh_snapshot(con, after_rowid=None if rekeyed else last_rowid)
            if net.owner.name or net.owner.url:
                self._set(con, "owner", {"name": net.owner.name, "url": net.owner.url})
            con.execute("INSERT INTO imports (at, files) VALUES (?, ?)",
                        (pd.Timestamp.now(tz="UTC").isoformat(),
                         json.dumps([f.as_dict() for f in net.files])))
        return {"added": len(incoming) - updated, "updated": updated,
                "interactions_added": added_interactions}

    @staticmethod
    def _rekey(con: sqlite3.Connection, old: str, new: str) -> None:
        con.execute("UPDATE contacts SET contact_id = ? WHERE contact_id = ?", (new, old))
        moved = con.execute(f"SELECT {', '.join(INTERACTION_COLUMNS)} FROM interactions WHERE contact_id = ?",
                            (old,)).fetchall()
        con.execute("DELETE FROM interactions WHERE contact_id = ?", (old,))
        _insert_interactions(con, [(new, *row[1:]) for row in moved])
        for table in _CONTACT_TABLES[1:]:
            con.execute(f"UPDATE OR IGNORE {table} SET contact_id = ? WHERE contact_id = ?", (new, old))
            con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (old,))

    # -- load -------------------------------------------------------------------------------
    def load(self, interactions: bool = True) -> Network:
        """The whole workspace as the canonical `Network` (without its interactions when the caller
        has them already: see `interactions()` and `version()`)."""
        with closing(self._connect()) as con:
            def read(sql: str, columns: list[str]) -> pd.DataFrame:
                return _frame(con.execute(sql), columns)

            net = Network(
                contacts=read(f"SELECT {', '.join(CONTACT_COLUMNS)} FROM contacts ORDER BY name",
                              CONTACT_COLUMNS),
                interactions=_load_interactions(con) if interactions else empty_frame(INTERACTION_COLUMNS),
                annotations=_typed_annotations(read("SELECT * FROM annotations", ANNOTATION_COLUMNS)),
                groups=read("SELECT * FROM groups ORDER BY name", GROUP_COLUMNS),
                members=read("SELECT * FROM members", MEMBER_COLUMNS),
                ledger=read(f"SELECT {', '.join(LEDGER_COLUMNS)} FROM ledger ORDER BY date",
                            LEDGER_COLUMNS),
                settings=_settings(con),
            )
            owner = con.execute("SELECT value FROM meta WHERE key = 'owner'").fetchone()
        if owner:
            net.owner = Owner(**json.loads(owner[0]))
        for frame, cols in ((net.groups, ["annual_cost", "hours_per_month"]), (net.ledger, ["value"])):
            for c in cols:
                frame[c] = pd.to_numeric(frame[c])
        return net

    def interactions(self) -> pd.DataFrame:
        """Every stored interaction (the bulk of a workspace; it changes only on import and delete), read
        from the snapshot that imports and deletes keep in step (the table itself for a workspace written
        before snapshots existed, until its next import or delete)."""
        with closing(self._connect()) as con:
            return _load_interactions(con)

    def annotations(self) -> pd.DataFrame:
        """Only the user's annotations (cheap: pages that edit them need not load the network)."""
        return _typed_annotations(self._read("SELECT * FROM annotations", ANNOTATION_COLUMNS))

    def settings(self) -> dict:
        """Only the workspace settings (hourly rate, fixed analysis date, ...)."""
        if not self.path.exists():
            return {}
        with closing(self._connect()) as con:
            return _settings(con)

    def import_history(self) -> pd.DataFrame:
        """One row per import: when, and the per-file reports."""
        frame = self._read("SELECT id, at, files FROM imports ORDER BY id", ["id", "at", "files"])
        frame["files"] = frame["files"].map(json.loads)
        return frame

    # -- annotations, groups, ledger, plan, goals, settings ---------------------------------
    def save_annotations(self, frame: pd.DataFrame) -> None:
        """Upsert annotation rows (only the contacts given; others untouched). Moves `revision` and
        `annotations_revision`, so `version(annotations=False)` stays put."""
        with self._write(("revision", "annotations_revision")) as con:
            con.executemany(
                f"INSERT OR REPLACE INTO annotations VALUES ({', '.join('?' * len(ANNOTATION_COLUMNS))})",
                _rows(frame, ANNOTATION_COLUMNS))

    def save_groups(self, frame: pd.DataFrame) -> None:
        """Upsert groups by group_id."""
        self._upsert("groups", frame, GROUP_COLUMNS)

    def delete_group(self, group_id: str) -> None:
        """Remove a group and its memberships (ledger entries keep their history, unlinked)."""
        with self._write() as con:
            con.execute("UPDATE ledger SET group_id = NULL WHERE group_id = ?", (group_id,))
            con.execute("DELETE FROM groups WHERE group_id = ?", (group_id,))

    def set_members(self, group_id: str, contact_ids: list[str], member: bool = True) -> None:
        """Add (or with `member=False` remove) contacts to a group."""
        with self._write() as con:
            if member:
                con.executemany("INSERT OR IGNORE INTO members VALUES (?, ?)",
                                [(c, group_id) for c in contact_ids])
            else:
                con.executemany("DELETE FROM members WHERE contact_id = ? AND group_id = ?",
                                [(c, group_id) for c in contact_ids])

    def save_ledger(self, entries: pd.DataFrame, groups: pd.DataFrame | None = None,
                    members: pd.DataFrame | None = None) -> None:
        """Upsert ledger entries (by entry_id), with the groups and memberships they bring."""
        with self._write() as con:
            if groups is not None and not groups.empty:
                self._upsert_rows(con, "groups", groups, GROUP_COLUMNS)
            if members is not None and not members.empty:
                con.executemany("INSERT OR IGNORE INTO members VALUES (?, ?)",
                                _rows(members, MEMBER_COLUMNS))
            self._upsert_rows(con, "ledger", entries, LEDGER_COLUMNS)

    def delete_ledger(self, entry_ids: list[str]) -> None:
        """Delete ledger entries by id."""
        with self._write() as con:
            con.executemany("DELETE FROM ledger WHERE entry_id = ?", [(e,) for e in entry_ids])

    def plan_status(self) -> pd.DataFrame:
        """The action plan's persisted item status."""
        return self._read(f"SELECT {', '.join(PLAN_STATUS_COLUMNS)} FROM plan_status", PLAN_STATUS_COLUMNS)

    def save_plan_status(self, frame: pd.DataFrame) -> None:
        """Upsert plan item status rows by item_key (moves no counter: not part of the Network)."""
        self._upsert("plan_status", frame, PLAN_STATUS_COLUMNS, counters=())

    def goals(self) -> pd.DataFrame:
        """The user's networking goals (metric, period, target)."""
        frame = self._read("SELECT metric, period, target FROM goals", GOAL_COLUMNS)
        frame["target"] = pd.to_numeric(frame["target"])
        return frame

    def save_goals(self, frame: pd.DataFrame) -> None:
        """Replace the goals with `frame` (moves no counter: not part of the Network)."""
        with self._write(()) as con:
            con.execute("DELETE FROM goals")
            con.executemany("INSERT INTO goals VALUES (?, ?, ?)", _rows(frame, GOAL_COLUMNS))

    def save_settings(self, **values: object) -> None:
        """Store workspace settings (hourly_rate, target_keywords, ...) as JSON values."""
        with self._write() as con:
            for key, value in values.items():
                con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, json.dumps(value)))

    def _upsert(self, table: str, frame: pd.DataFrame, columns: list[str],
                counters: tuple[str, ...] = ("revision",)) -> None:
        with self._write(counters) as con:
            self._upsert_rows(con, table, frame, columns)

    @staticmethod
    def _upsert_rows(con: sqlite3.Connection, table: str, frame: pd.DataFrame, columns: list[str]) -> None:
        """Insert rows, updating in place those whose key (first column) exists. Not REPLACE: that
        deletes the old row, and the delete would cascade (a group would lose its members)."""
        key, rest = columns[0], columns[1:]
        con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT({key}) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in rest),
            _rows(frame, columns))

    @staticmethod
    def _set(con: sqlite3.Connection, key: str, value: object) -> None:
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    # -- deletion ---------------------------------------------------------------------------
    def delete_contact(self, contact_id: str) -> None:
        """Remove one contact and everything about them; freed pages are overwritten."""
        with self._write(("revision", "interactions_revision")) as con:
            con.execute("DELETE FROM contacts WHERE contact_id = ?", (contact_id,))
            for table in _CONTACT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
            _refresh_snapshot(con, dropped=contact_id)
        self._checkpoint()

    def delete_all(self) -> None:
        """Delete the whole workspace from disk (database, WAL and shared-memory files)."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it, so deleted rows leave no copy behind.

        A session in the middle of a read holds old pages: after a short wait this raises InputError
        rather than report a wipe that did not happen (deleting again once it is done finishes it).
        """
        with closing(self._connect()) as con:
            con.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
            busy, log, done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy or log != done:
                raise InputError("workspace", "another session is reading the workspace, so the deleted data "
                                              "is not yet wiped from disk: try again in a moment")
            con.execute("VACUUM")
