"""The interactions snapshot stored at import: always equal to the interactions table it derives from,
after a first import, an overlapping re-import, a re-keyed contact, deleting one contact and deleting all."""

import sqlite3
from contextlib import closing

import pandas as pd
import pytest

import analytics.store as store_module
from analytics.model import INTERACTION_COLUMNS
from analytics.store import Store
from tests.test_store import HELLO, JANE_NAME_ONLY, JANE_OLD, PIET, REPLY, export

PIET_MSG = ("in:piet-jansen", "2024-02-01", "out", "Dag Piet")
PIET_REPLY = ("in:piet-jansen", "2024-02-03", "in", None)


def from_table(store: Store) -> pd.DataFrame:
    """The interactions straight from the table, bypassing the snapshot."""
    with closing(sqlite3.connect(store.path)) as con:
        return store_module._frame(con.execute(store_module._INTERACTIONS_SQL), INTERACTION_COLUMNS)


def snapshot_is_current(store: Store) -> bool:
    with closing(sqlite3.connect(store.path)) as con:
        return store_module._read_snapshot(con, store.version()[2]) is not None


def assert_in_step(store: Store) -> None:
    assert snapshot_is_current(store)
    expected = from_table(store)
    for got in (store.interactions(), store.load().interactions):
        pd.testing.assert_frame_equal(got, expected)
        assert got.dtypes.to_dict() == expected.dtypes.to_dict()


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "w.sqlite")


def test_first_import_stores_a_current_snapshot(store):
    store.import_network(export([JANE_OLD, PIET], [HELLO, REPLY, PIET_MSG, PIET_REPLY]))
    assert_in_step(store)
    assert len(store.interactions()) == 4


def test_overlapping_reimport_appends_only_the_new_rows(store):
    store.import_network(export([JANE_OLD, PIET], [HELLO, PIET_MSG]))
    store.import_network(export([JANE_OLD, PIET], [HELLO, REPLY, PIET_MSG, PIET_REPLY]))
    assert_in_step(store)
    assert len(store.interactions()) == 4


def test_import_without_interactions_keeps_the_snapshot_in_step(store):
    store.import_network(export([JANE_OLD], [HELLO]))
    store.import_network(export([PIET]))
    assert_in_step(store)


def test_rekeyed_contact_moves_in_the_snapshot(store):
    store.import_network(export([JANE_NAME_ONLY], [("name:jane doe", *HELLO[1:])]))
    store.import_network(export([JANE_OLD], [REPLY]))
    assert_in_step(store)
    assert set(store.interactions()["contact_id"]) == {"in:jane-doe"}


def test_deleting_one_contact_removes_their_rows_from_the_snapshot(store):
    store.import_network(export([JANE_OLD, PIET], [HELLO, REPLY, PIET_MSG]))
    store.delete_contact("in:jane-doe")
    assert_in_step(store)
    assert set(store.interactions()["contact_id"]) == {"in:piet-jansen"}
    store.delete_contact("in:piet-jansen")
    assert_in_step(store)
    assert store.interactions().empty


def test_delete_all_leaves_nothing_and_a_new_import_starts_afresh(store):
    store.import_network(export([JANE_OLD, PIET], [HELLO, REPLY, PIET_MSG]))
    store.delete_all()
    assert not store.path.exists()
    store.import_network(export([PIET], [PIET_MSG]))
    assert_in_step(store)
    assert store.interactions()["contact_id"].tolist() == ["in:piet-jansen"]


def test_a_stale_snapshot_is_never_read(store):
    """A workspace written before snapshots (or whose snapshot lags) is read from the table."""
    store.import_network(export([JANE_OLD], [HELLO]))
    with closing(sqlite3.connect(store.path)) as con:
        con.execute("UPDATE derived SET revision = revision - 1")
        con.commit()
    assert not snapshot_is_current(store)
    pd.testing.assert_frame_equal(store.interactions(), from_table(store))
    store.import_network(export([JANE_OLD, PIET], [REPLY, PIET_MSG]))  # rebuilt whole, then current
    assert_in_step(store)


def test_deleted_text_leaves_no_copy_in_the_file(store):
    store.import_network(export([JANE_OLD, PIET], [HELLO, PIET_MSG]))
    store.delete_contact("in:jane-doe")
    assert b"Hello Jane" not in store.path.read_bytes()


@pytest.mark.parametrize("text", ["str", "object"])
def test_a_first_import_s_snapshot_is_typed_as_the_table_returns_it(text: str) -> None:
    """The snapshot of a first import is built column by column, not read back: it must equal what the
    table returns for the same rows (NULL dates, empty texts, missing texts; text or object columns)."""
    frame = pd.DataFrame({"contact_id": ["a", "b", "c"],
                          "date": pd.to_datetime(["2024-01-05 10:00:30.7", None, "1999-12-31 00:00:00.0"],
                                                 utc=True),
                          "channel": ["email", "message", "email"], "direction": ["out", "in", None],
                          "content": ["", None, "Hi"], "conversation_id": [None, "t1", "t1"]})
    frame = frame.astype({c: text for c in frame.columns if c != "date"})
    expected = store_module._frame_of(store_module._rows(frame, INTERACTION_COLUMNS), INTERACTION_COLUMNS)
    pd.testing.assert_frame_equal(store_module._as_stored(frame, INTERACTION_COLUMNS), expected)
