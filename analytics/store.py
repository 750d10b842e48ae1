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

from analytics import identity, role_changes
from analytics.errors import InputError
from analytics.i18n import _, pgettext
from analytics.identity import DECISION_COLUMNS, IDENTITY_COLUMNS
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    MEMBER_COLUMNS,
    PLAN_STATUS_COLUMNS,
    ROLE_CHANGE_COLUMNS,
    Network,
    Owner,
    empty_frame,
    join_sources,
    normalize_name,
)

HOME_ENV = "NETWORK_LEDGER_HOME"
#: SQLite page cache (KiB) of the connection that imports: inserting a million interactions touches
#: pages all over the unique row-hash index, and with SQLite's default 2 MB cache every insert re-reads
#: them. Measured at 30k/1M: 15.4 s CPU at 2 MB, 12.2 at 64 MB (+50 MB peak), 11.8 at 256 MB (+270 MB).
#: Taken only as pages are used, freed when the connection closes.
IMPORT_CACHE_KIB = 64 * 1024
_BATCH = 50_000  # interaction rows turned into tuples, hashed and inserted at a time
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
    # version 7: one person across sources (#15): every e-mail address of a contact, the user's merge and
    # keep-apart decisions by contact ids (a merge with what undoing it needs, as JSON), and the new roles
    # seen when a newer LinkedIn export was imported
    """
    ALTER TABLE contacts ADD COLUMN emails TEXT DEFAULT '';
    CREATE TABLE identity_decisions (
        contact_id TEXT NOT NULL, other_id TEXT NOT NULL, decision TEXT NOT NULL, decided_on TEXT NOT NULL,
        other_name TEXT, undo TEXT, PRIMARY KEY (contact_id, other_id));
    CREATE TABLE role_changes (
        contact_id TEXT NOT NULL, seen_on INTEGER NOT NULL, old_company TEXT, old_position TEXT,
        company TEXT, position TEXT, PRIMARY KEY (contact_id, seen_on));
    """,
]
# Tables whose rows follow a contact id (re-keyed on merge, deleted with the contact).
_CONTACT_TABLES = ("interactions", "annotations", "members", "ledger", "plan_status", "role_changes")
# The key of a row in the tables a merge moves row by row (annotations and interactions have their own ways).
_ROW_KEYS = {"members": ("contact_id", "group_id"), "ledger": ("entry_id",), "plan_status": ("item_key",),
             "role_changes": ("contact_id", "seen_on")}
# Sources whose people join a stored contact by name alone (LinkedIn exports without URLs, contacts files).
_BY_NAME = {"", "LinkedIn", "Contacts file"}
_PEOPLE_SQL = f"SELECT {', '.join(IDENTITY_COLUMNS)} FROM contacts"
_EPOCH = pd.Timestamp(0, tz="UTC")
#: The interactions' contact index exactly as schema version 1 creates it (a first import rebuilds it).
_CONTACT_INDEX = "CREATE INDEX interactions_contact ON interactions(contact_id)"
_INTERACTIONS_SQL = f"SELECT {', '.join(INTERACTION_COLUMNS)} FROM interactions ORDER BY rowid"
#: Settings that only change the wording (the cache keys carry them), not any figure.
PRESENTATION_SETTINGS = {"language", "currency", "report_language"}
_SNAPSHOT = "interactions"  # the derived table holding the interactions frame (Feather, LZ4)
# Dates are stored as whole seconds since 1970 (UTC): compact, and converted without Python loops.
_DATE_FIELDS = {"connected_on", "date", "consent_date", "joined_on", "done_on", "card_sent_on", "seen_on"}


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
        raise InputError(_("workspace name"), _("use letters, digits, spaces, dots, dashes or underscores"))
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


def _as_stored(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`frame` typed as SQLite returns what `_rows` writes (`_frame_of(_rows(frame))`), column by column:
    a first import's snapshot without a tuple or a Python string per row (a 2 GB mailbox: 270 MiB less
    at the peak than through tuples)."""
    out = frame.reindex(columns=columns).reset_index(drop=True)
    for c in columns:
        if c in _DATE_FIELDS:
            seconds = (pd.to_datetime(out[c], utc=True, errors="coerce") - _EPOCH) // pd.Timedelta(seconds=1)
            out[c] = pd.to_datetime(seconds, unit="s", utc=True).astype("datetime64[ns, UTC]")
        elif out[c].dtype != "str":  # text columns already hold what SQLite gives back (NaN for NULL)
            out[c] = pd.Series(out[c].astype(object).where(out[c].notna(), None).tolist(), index=out.index)
    return _frame_of([], columns) if out.empty else out


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
    returns each row's hash (a row's hash depends on that row only)."""
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


def _decisions(con: sqlite3.Connection) -> pd.DataFrame:
    sql = f"SELECT {', '.join(DECISION_COLUMNS)} FROM identity_decisions ORDER BY decided_on"
    return _frame(con.execute(sql), DECISION_COLUMNS)


def _joined(con: sqlite3.Connection, incoming: pd.DataFrame, decisions: pd.DataFrame,
            known: set[str]) -> dict[str, str]:
    """New incoming ids -> the stored contact each is one person with (identity.py's exact rules and the
    user's merges). Only new people are compared: a re-import of known ids costs nothing here."""
    fresh = incoming[~incoming["contact_id"].isin(known)]
    if fresh.empty or not known:
        return {}
    into = {away: keep for keep, away in identity.decided(decisions, "merge")}
    joined = {}
    for cid in set(fresh["contact_id"]) & set(into):  # merged away, perhaps into one merged away later
        target, seen = cid, set()
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        if target in known:
            joined[cid] = target
    stored = _frame(con.execute(_PEOPLE_SQL), IDENTITY_COLUMNS)
    rest = fresh[~fresh["contact_id"].isin(set(joined))]
    merged = identity.resolve(stored, rest, empty_frame(INTERACTION_COLUMNS), decisions, propose=False).merged
    return joined | {cid: to for cid, to in merged.items() if to in known and cid not in known}


def _role_changes(con: sqlite3.Connection, incoming: pd.DataFrame, on: pd.Timestamp | None) -> int:
    """Keep the new companies and positions a newer LinkedIn export brings for stored contacts; how many."""
    sources = incoming["sources"] if "sources" in incoming else pd.Series("", index=incoming.index)
    linked = incoming[sources.astype(object).where(sources.notna(), "").astype(str).str.contains("LinkedIn")]
    stored = _frame(con.execute("SELECT contact_id, company, position, connected_on FROM contacts "
                                "WHERE sources LIKE '%LinkedIn%'"),
                    ["contact_id", "company", "position", "connected_on"])
    if linked.empty or stored.empty or not role_changes.is_newer(stored["connected_on"],
                                                                 linked["connected_on"]):
        return 0
    found = role_changes.detect(stored, linked)
    if on is None:
        fixed = _settings(con).get("as_of")
        on = pd.Timestamp(fixed, tz="UTC") if fixed else pd.Timestamp.now(tz="UTC")
    found["seen_on"] = pd.Timestamp(on).normalize()
    con.executemany(f"INSERT OR REPLACE INTO role_changes ({', '.join(ROLE_CHANGE_COLUMNS)}) VALUES "
                    f"({', '.join('?' * len(ROLE_CHANGE_COLUMNS))})", _rows(found, ROLE_CHANGE_COLUMNS))
    return len(found)


def _row(con: sqlite3.Connection, table: str, cid: str) -> dict | None:
    """The row of `cid` in a table keyed by contact id, as a dict of raw SQLite values."""
    cur = con.execute(f"SELECT * FROM {table} WHERE contact_id = ?", (cid,))
    found = cur.fetchone()
    return None if found is None else dict(zip([d[0] for d in cur.description], found, strict=True))


def _put(con: sqlite3.Connection, table: str, row: dict) -> None:
    con.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))


def _blank(value: object) -> bool:
    return value is None or value == ""


def _fold_rows(keep: dict, away: dict) -> dict:
    """`keep` with its gaps filled from `away`: sources and e-mail addresses joined, the earlier connection,
    both sets of notes, the target flag if either has it."""
    out = {c: away.get(c) if _blank(v) else v for c, v in keep.items()}
    if "sources" in keep:
        out["sources"] = join_sources(keep["sources"] or "", away["sources"] or "")
        mails = (keep["email"], keep["emails"], away["email"], away["emails"])
        out["emails"] = "; ".join(identity.addresses(*mails))
        dates = [d for d in (keep["connected_on"], away["connected_on"]) if d is not None]
        out["connected_on"] = min(dates) if dates else None
    if "notes" in keep and not _blank(away.get("notes")) and away["notes"] != keep["notes"] \
            and not _blank(keep["notes"]):
        out["notes"] = f"{keep['notes']}\n{away['notes']}"
    if "target" in keep:
        out["target"] = max(keep["target"] or 0, away.get("target") or 0)
    return out


def _repoint(con: sqlite3.Connection, old: str, new: str, where: str = "1") -> None:
    """Decisions naming contact `old` name `new` instead (those matching the SQL condition `where`)."""
    for column in ("contact_id", "other_id"):
        con.execute(f"UPDATE OR IGNORE identity_decisions SET {column} = ? WHERE {column} = ? AND {where}",
                    (new, old))


def _three_way(before: dict, after: dict, current: dict) -> dict:
    """Undo a change of a row: each value the merge set and nobody changed since goes back."""
    return {c: before.get(c) if current[c] == after.get(c) else current[c] for c in current}


def _merge(con: sqlite3.Connection, keep: str, away: str) -> dict:
    """Fold contact `away` into `keep`: contact fields, annotations, every row of every contact table, and
    the interactions. Returns what `_unmerge` needs to split them again exactly."""
    state: dict = {"tables": {}}
    for table in ("contacts", "annotations"):
        mine, theirs = _row(con, table, keep), _row(con, table, away)
        if table == "contacts" and (mine is None or theirs is None):
            raise InputError(pgettext("failed action", "merge"),
                             _("one of the two contacts is no longer in the workspace"))
        after = _fold_rows(mine, theirs) if mine and theirs else (
            {**theirs, "contact_id": keep} if theirs else mine)
        if after is not None:
            _put(con, table, after)
        con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (away,))
        state[table] = {"before": mine, "after": after, "away": theirs}
    for table, keys in _ROW_KEYS.items():
        cur = con.execute(f"SELECT * FROM {table} WHERE contact_id = ?", (away,))
        columns, rows = [d[0] for d in cur.description], cur.fetchall()
        con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (away,))
        moved = []
        for values in rows:
            row = dict(zip(columns, values, strict=True))
            new = {**row, "contact_id": keep}
            if table == "plan_status":
                new["item_key"] = row["item_key"].replace(f":{away}", f":{keep}")
            _insert = con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(new)}) VALUES "
                                  f"({', '.join('?' * len(new))})", list(new.values()))
            moved.append({"row": row, "key": [new[k] for k in keys] if _insert.rowcount else None})
        state["tables"][table] = moved
    sql = f"SELECT {', '.join(INTERACTION_COLUMNS)} FROM interactions WHERE contact_id = ?"
    mine = {h for (h,) in con.execute("SELECT row_hash FROM interactions WHERE contact_id = ?", (keep,))}
    theirs = con.execute(sql, (away,)).fetchall()
    con.execute("DELETE FROM interactions WHERE contact_id = ?", (away,))
    hashes = _insert_interactions(con, [(keep, *row[1:]) for row in theirs])
    state["interactions"] = {"rows": [list(r) for r in theirs], "added": sorted(set(hashes) - mine)}
    return state


def _unmerge(con: sqlite3.Connection, keep: str, away: str, state: dict) -> None:
    """Split `away` from `keep` again: what the merge moved goes back (with any edit made since), what it
    changed on `keep` is undone where nobody changed it since, and what it dropped comes back."""
    current = _row(con, "contacts", keep)
    if current is None or _row(con, "contacts", away) is not None:
        raise InputError(pgettext("failed action", "undo"),
                         _("the two contacts are not merged any more (deleted or split already)"))
    for table in ("contacts", "annotations"):
        saved, now = state[table], _row(con, table, keep)
        if now is not None and saved["after"] is not None:
            if saved["before"] is None and now == saved["after"]:
                con.execute(f"DELETE FROM {table} WHERE contact_id = ?", (keep,))
            elif saved["before"] is not None:
                _put(con, table, {**_three_way(saved["before"], saved["after"], now), "contact_id": keep})
        if saved["away"] is not None:
            _put(con, table, saved["away"])
    for table, moved in state["tables"].items():
        keys = _ROW_KEYS[table]
        for item in moved:
            row = item["row"]
            if item["key"] is None:  # keep had the same row: the merge dropped this one
                con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(row)}) VALUES "
                            f"({', '.join('?' * len(row))})", list(row.values()))
                continue
            sets = ["contact_id = ?", *(["item_key = ?"] if table == "plan_status" else [])]
            values = [away, *([row["item_key"]] if table == "plan_status" else [])]
            con.execute(f"UPDATE OR IGNORE {table} SET {', '.join(sets)} WHERE "
                        + " AND ".join(f"{k} = ?" for k in keys), [*values, *item["key"]])
    added = state["interactions"]["added"]
    con.executemany("DELETE FROM interactions WHERE row_hash = ?", [(h,) for h in added])
    _insert_interactions(con, [tuple(r) for r in state["interactions"]["rows"]])


def _hashes_of(con: sqlite3.Connection, contact_ids: set[str]) -> set[int]:
    """The row hashes of the interactions of `contact_ids`."""
    return {h for cid in contact_ids
            for (h,) in con.execute("SELECT row_hash FROM interactions WHERE contact_id = ?", (cid,))}


def _remember_moved(con: sqlite3.Connection, merged_away: dict[str, str], held: set[int], sources: pd.Series,
                    stored: pd.DataFrame, hashes: list[int]) -> None:
    """Interactions an import brought for a merged-away id (stored under the contact it was merged into):
    added to that merge's undo record, so undoing it gives them back too. `held`: the hashes stored
    before the import for the contacts merged into; `sources`: each row's id as the files named it;
    `stored`: the rows as inserted, with their `hashes`."""
    if not merged_away:
        return
    mine = sources.isin(list(merged_away)).to_numpy()
    rows = _rows(stored[mine], INTERACTION_COLUMNS)
    moved: dict[str, dict[int, tuple]] = {}
    for away, row, h in zip(sources[mine].tolist(), rows, pd.Series(hashes)[mine].tolist(), strict=True):
        if away in merged_away and h not in held:
            moved.setdefault(away, {})[h] = (away, *row[1:])
    for away, found in moved.items():
        keep = merged_away[away]
        (undo,) = con.execute("SELECT undo FROM identity_decisions WHERE contact_id = ? AND other_id = ?",
                              (keep, away)).fetchone()
        state = json.loads(undo)
        added = set(state["interactions"]["added"])
        state["interactions"]["rows"] += [list(r) for h, r in found.items() if h not in added]
        state["interactions"]["added"] = sorted(added | set(found))
        con.execute("UPDATE identity_decisions SET undo = ? WHERE contact_id = ? AND other_id = ?",
                    (json.dumps(state), keep, away))


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
            return _("it is not a Network Ledger workspace ({error})").format(error=err)
        except sqlite3.DatabaseError as err:
            return _("the file is damaged ({error})").format(error=err)
        return None if found == "ok" else _("the file is damaged ({error})").format(error=found)

    # -- import -----------------------------------------------------------------------------
    def import_network(self, net: Network, on: pd.Timestamp | None = None) -> dict[str, int]:
        """Merge an imported export into the workspace in one transaction.

        Contacts are matched by id (profile URL), then by folded name; a contact first seen
        without a URL is re-keyed when a later export brings its URL, and everything attached to
        it (annotations, memberships, ledger, plan) follows. A new person another source already brought
        (the same e-mail, phone, profile URL, or name at the same organisation: identity.py) joins that
        contact and only fills its gaps; what the user decided holds (a merged-away id joins the contact
        it was merged into, a pair kept apart is never joined). Interactions already stored are not
        duplicated. A newer LinkedIn export's new companies and positions are kept as role changes, seen
        `on` (default: the workspace's as-of date, else today). Returns counts: added, updated,
        interactions_added, role_changes.
        """
        incoming = net.contacts.copy()
        with self._write(("revision", "interactions_revision")) as con:
            con.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")  # this connection only
            last_rowid = con.execute("SELECT coalesce(max(rowid), 0) FROM interactions").fetchone()[0]
            rekeyed = False
            decisions = _decisions(con)
            apart = {frozenset(pair) for pair in identity.decided(decisions, "apart")}
            known = dict(con.execute("SELECT contact_id, name_key FROM contacts").fetchall())
            by_name: dict[str, str] = {}
            for cid, key in known.items():
                by_name.setdefault(key, cid)
            rename: dict[str, str] = {}
            sources = incoming["sources"] if "sources" in incoming else pd.Series("", index=incoming.index)
            sources = sources.astype(object).where(sources.notna(), "").astype(str)
            for cid, name, source in zip(incoming["contact_id"], incoming["name"], sources, strict=True):
                key = normalize_name(name)
                if cid in known or not _BY_NAME.intersection(source.split(", ")):
                    continue  # the same name from an address book, calendar or mail is only a likely match
                match = by_name.get(key)
                if match is None or frozenset((cid, match)) in apart:
                    continue
                if cid.startswith("name:"):
                    rename[cid] = match  # older export without URL: keep the stored id
                elif match.startswith("name:"):
                    self._rekey(con, match, cid)  # a URL arrived for a name-only contact
                    rekeyed = True
                    known[cid] = known.pop(match)
                    by_name[key] = cid  # a namesake with another URL is a different person
            original = incoming["contact_id"]
            incoming["contact_id"] = identity.remap(original, rename)
            rename |= _joined(con, incoming, decisions, set(known))
            incoming["contact_id"] = identity.remap(original, rename)
            incoming["mapped"] = incoming["contact_id"].ne(original)
            by_name_only = set(incoming.groupby("contact_id")["mapped"].all().loc[lambda m: m].index)
            changes = _role_changes(con, incoming[~incoming["contact_id"].isin(by_name_only)], on)
            incoming = identity.combine(incoming.sort_values("mapped", kind="stable")
                                        .assign(person=lambda f: f["contact_id"]))
            stored = {cid: (src, mails) for cid, src, mails in con.execute(
                "SELECT contact_id, coalesce(sources, ''), coalesce(emails, '') FROM contacts")}
            both = [(stored.get(cid, ("", "")), src, mails) for cid, src, mails in
                    zip(incoming["contact_id"], incoming["sources"], incoming["emails"], strict=True)]
            incoming["sources"] = [join_sources(old[0], new) for old, new, _ in both]  # known from both now
            incoming["emails"] = ["; ".join(identity.addresses(old[1], new)) for old, _, new in both]
            incoming["name_key"] = incoming["name"].map(normalize_name)
            existing = set(known)
            updated = int(incoming["contact_id"].isin(existing).sum())
            cols = [*IDENTITY_COLUMNS, "name_key"]
            fill_only = incoming["contact_id"].isin(by_name_only)
            for rows, newer in ((incoming[~fill_only], True), (incoming[fill_only], False)):
                # A contact matched only by name (an older export without URLs) or through another source
                # fills gaps but never overwrites what a newer export stored.
                first, second = ("excluded.{c}", "{c}") if newer else ("{c}", "excluded.{c}")
                updates = ", ".join(f"{c} = COALESCE(NULLIF({first.format(c=c)}, ''), {second.format(c=c)})"
                                    for c in cols[1:] if c not in ("sources", "emails"))
                con.executemany(
                    f"INSERT INTO contacts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                    f"ON CONFLICT(contact_id) DO UPDATE SET {updates}, sources = excluded.sources, "
                    "emails = excluded.emails", _rows(rows, cols))
            interactions = net.interactions.copy()
            interactions["contact_id"] = identity.remap(interactions["contact_id"], rename)
            into = {away: keep for keep, away in identity.decided(decisions, "merge")}
            merged_away = {cid: to for cid, to in rename.items() if into.get(cid) == to}
            held = _hashes_of(con, set(merged_away.values()))
            before = con.total_changes
            if last_rowid == 0:  # into an empty table, building the contact index once is cheaper
                con.execute("DROP INDEX interactions_contact")
            hashes: list[int] = []
            for start in range(0, len(interactions), _BATCH):  # a tuple per row only for one batch at a time
                hashes += _insert_interactions(con, _rows(interactions.iloc[start:start + _BATCH],
                                                          INTERACTION_COLUMNS))
            if last_rowid == 0:
                con.execute(_CONTACT_INDEX)
            added_interactions = con.total_changes - before
            _remember_moved(con, merged_away, held, net.interactions["contact_id"], interactions, hashes)
            if last_rowid == 0 and not rekeyed:  # the table was empty: it now holds each hash's first row
                first = ~pd.Series(hashes).duplicated().to_numpy()
                _refresh_snapshot(con, inserted=_as_stored(interactions[first], INTERACTION_COLUMNS))
            else:  # a re-keyed contact's rows moved (new rowids): read the whole table once then
                _refresh_snapshot(con, after_rowid=None if rekeyed else last_rowid)
            if net.owner.name or net.owner.url:
                self._set(con, "owner", {"name": net.owner.name, "url": net.owner.url})
            con.execute("INSERT INTO imports (at, files) VALUES (?, ?)",
                        (pd.Timestamp.now(tz="UTC").isoformat(),
                         json.dumps([f.as_dict() for f in net.files])))
        return {"added": len(incoming) - updated, "updated": updated,
                "interactions_added": added_interactions, "role_changes": changes}

    # -- one person, many sources ------------------------------------------------------------
    def people(self) -> pd.DataFrame:
        """Every contact with all its e-mail addresses (identity.IDENTITY_COLUMNS), for finding duplicates."""
        return self._read(_PEOPLE_SQL + " ORDER BY name", IDENTITY_COLUMNS)

    def decisions(self) -> pd.DataFrame:
        """The user's merge and keep-apart decisions, oldest first: identity.DECISION_COLUMNS, decided_on
        (ISO time) and other_name (the name of the contact merged away)."""
        columns = [*DECISION_COLUMNS, "decided_on", "other_name"]
        return self._read(f"SELECT {', '.join(columns)} FROM identity_decisions ORDER BY decided_on", columns)

    def merge(self, keep: str, away: str) -> None:
        """Merge contact `away` into `keep`: one person from now on, with every annotation, interaction,
        group membership, ledger row, plan tick and role change of both. Remembered, so a re-import
        never splits them again; `undo_merge` splits them exactly as they were."""
        if keep == away:
            raise InputError(pgettext("failed action", "merge"), _("choose two different contacts"))
        with self._write(("revision", "interactions_revision")) as con:
            state = _merge(con, keep, away)
            _repoint(con, away, keep, "decision = 'apart'")  # kept apart from `away`: from `keep` now
            con.execute("DELETE FROM identity_decisions WHERE decision = 'apart' AND (contact_id = other_id "
                        "OR ? IN (contact_id, other_id))", (away,))
            con.execute("INSERT OR REPLACE INTO identity_decisions VALUES (?, ?, 'merge', ?, ?, ?)",
                        (keep, away, pd.Timestamp.now(tz="UTC").isoformat(),
                         state["contacts"]["away"]["name"], json.dumps(state)))
            _refresh_snapshot(con)

    def undo_merge(self, keep: str, away: str) -> None:
        """Split `away` from `keep` again, as they were before `merge` (edits made since stay where they
        were made). A later merge of `keep` into another contact must be undone first."""
        with self._write(("revision", "interactions_revision")) as con:
            found = con.execute("SELECT undo FROM identity_decisions WHERE contact_id = ? AND other_id = ? "
                                "AND decision = 'merge'", (keep, away)).fetchone()
            if found is None:
                raise InputError(pgettext("failed action", "undo"),
                                 _("this merge is not in the workspace any more"))
            later = con.execute("SELECT contact_id FROM identity_decisions WHERE other_id = ? AND decision = "
                                "'merge'", (keep,)).fetchone()
            if later is not None:
                raise InputError(pgettext("failed action", "undo"),
                                 _("this contact was merged again afterwards: undo that merge first"))
            _unmerge(con, keep, away, json.loads(found[0]))
            con.execute("DELETE FROM identity_decisions WHERE contact_id = ? AND other_id = ?", (keep, away))
            _refresh_snapshot(con)

    def keep_apart(self, one: str, other: str) -> None:
        """Remember that two contacts are different people: never merged by a later import, never
        proposed again."""
        if one == other:
            raise InputError(pgettext("failed action", "keep apart"), _("choose two different contacts"))
        with self._write() as con:
            found = con.execute("SELECT count(*) FROM contacts WHERE contact_id IN (?, ?)", (one, other))
            if found.fetchone()[0] < 2:
                raise InputError(pgettext("failed action", "keep apart"),
                                 _("one of the two contacts is no longer in the workspace"))
            con.execute("INSERT OR REPLACE INTO identity_decisions VALUES (?, ?, 'apart', ?, NULL, NULL)",
                        (one, other, pd.Timestamp.now(tz="UTC").isoformat()))

    def role_changes(self) -> pd.DataFrame:
        """New companies and positions seen in newer LinkedIn exports (model.ROLE_CHANGE_COLUMNS)."""
        return self._read(f"SELECT {', '.join(ROLE_CHANGE_COLUMNS)} FROM role_changes ORDER BY seen_on",
                          ROLE_CHANGE_COLUMNS)

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
        _repoint(con, old, new)  # the user's decisions follow the new id

    # -- load -------------------------------------------------------------------------------
    def load(self, interactions: bool = True, annotations: bool = True) -> Network:
        """The whole workspace as the canonical `Network`, without its interactions or annotations when
        the caller has them already (see `interactions()`, `annotations()` and `version()`)."""
        with closing(self._connect()) as con:
            def read(sql: str, columns: list[str]) -> pd.DataFrame:
                return _frame(con.execute(sql), columns)

            notes = "SELECT * FROM annotations" + ("" if annotations else " LIMIT 0")  # empty, same types
            net = Network(
                contacts=read(f"SELECT {', '.join(CONTACT_COLUMNS)} FROM contacts ORDER BY name",
                              CONTACT_COLUMNS),
                interactions=_load_interactions(con) if interactions else empty_frame(INTERACTION_COLUMNS),
                annotations=_typed_annotations(read(notes, ANNOTATION_COLUMNS)),
                groups=read("SELECT * FROM groups ORDER BY name", GROUP_COLUMNS),
                members=read("SELECT * FROM members", MEMBER_COLUMNS),
                ledger=read(f"SELECT {', '.join(LEDGER_COLUMNS)} FROM ledger ORDER BY date",
                            LEDGER_COLUMNS),
                settings=_settings(con),
                role_changes=read(f"SELECT {', '.join(ROLE_CHANGE_COLUMNS)} FROM role_changes "
                                  "ORDER BY seen_on", ROLE_CHANGE_COLUMNS),
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
        """Store workspace settings (hourly_rate, target_keywords, ...) as JSON values. Settings that only
        change how figures are worded (`PRESENTATION_SETTINGS`: language, currency) leave the revision
        alone, so switching language re-runs no analysis step."""
        quiet = set(values) <= PRESENTATION_SETTINGS
        with self._write(() if quiet else ("revision",)) as con:
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
            # decisions about them go too (a merge's undo record holds the merged-away contact's data)
            con.execute("DELETE FROM identity_decisions WHERE ? IN (contact_id, other_id)", (contact_id,))
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
                raise InputError(_("workspace"), _("another session is reading the workspace, so the deleted "
                                                   "data is not yet wiped from disk: try again in a moment"))
            con.execute("VACUUM")
