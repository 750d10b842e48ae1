"""The SQLite workspace: schema, merging re-imports, atomic writes, round-trips, secure deletion."""

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

import analytics.store as store_module
from analytics.errors import InputError
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    PLAN_STATUS_COLUMNS,
    Network,
    Owner,
    contact_key,
    empty_network,
)
from analytics.store import GOAL_COLUMNS, Store, list_workspaces, workspace_path


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def person(name: str, slug: str = "", company: str = "Acme BV", position: str = "Consultant") -> dict:
    """One Connections.csv row; the id comes from the profile slug when there is one."""
    url = f"https://www.linkedin.com/in/{slug}" if slug else ""
    first, _, last = name.partition(" ")
    return {"contact_id": contact_key(url, name), "first_name": first, "last_name": last, "name": name,
            "url": url, "email": "", "company": company, "position": position,
            "connected_on": day("2023-03-01")}


def export(people: list[dict], messages: list[tuple[str, str, str, str]] = (),
           owner: Owner | None = None) -> Network:
    """A network as an import produces it; messages are (contact_id, date, direction, text)."""
    net = empty_network()
    net.contacts = pd.DataFrame(people, columns=CONTACT_COLUMNS)
    if messages:
        net.interactions = pd.DataFrame(
            [{"contact_id": c, "date": day(d), "channel": "message", "direction": dr, "content": text,
              "conversation_id": "conv-1"} for c, d, dr, text in messages], columns=INTERACTION_COLUMNS)
    net.owner = owner or Owner()
    return net


def frame(columns: list[str], *rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


JANE_OLD = person("Jane Doe", "jane-doe", company="Acme BV", position="Consultant")
JANE_NAME_ONLY = person("Jane Doe")
PIET = person("Piet Jansen", "piet-jansen", company="Gemeente Utrecht", position="Policy advisor")
HELLO = ("in:jane-doe", "2024-01-10", "out", "Hello Jane")
REPLY = ("in:jane-doe", "2024-01-11", "in", "Hi! Coffee?")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "w.sqlite")


def attach(store: Store, cid: str) -> None:
    """Give `cid` something in every user table: annotation, group membership, ledger, plan."""
    store.save_annotations(frame(ANNOTATION_COLUMNS,
                                 (cid, 4.0, "met at BNI", True, "yes", day("2024-02-01"), 30.0, "client")))
    store.save_groups(frame(GROUP_COLUMNS, ("bni", "BNI Utrecht", "referral_group", 900.0, 8.0,
                                            day("2022-09-01"))))
    store.set_members("bni", [cid])
    store.save_ledger(frame(LEDGER_COLUMNS, ("e1", day("2024-03-05"), cid, "bni", "referral", "in",
                                             2500.0, "intro to CFO")))
    store.save_plan_status(frame(PLAN_STATUS_COLUMNS, ("call:" + cid, "call", cid, day("2024-04-01"), "rang",
                                                None)))


def attached(store: Store, cid: str) -> dict:
    """What the workspace holds about `cid` outside the contacts table."""
    net = store.load()
    plan = store.plan_status()
    return {
        "notes": net.annotations.loc[net.annotations["contact_id"] == cid, "notes"].tolist(),
        "groups": net.members.loc[net.members["contact_id"] == cid, "group_id"].tolist(),
        "ledger": net.ledger.loc[net.ledger["contact_id"] == cid, "entry_id"].tolist(),
        "plan": plan.loc[plan["contact_id"] == cid, "item_key"].tolist(),
    }


def rows_about(path: Path, cid: str) -> dict[str, int]:
    """Row count per table that mentions `cid`, read through a plain sqlite3 connection."""
    with closing(sqlite3.connect(path)) as con:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t} WHERE contact_id = ?", (cid,)).fetchone()[0]
                for t in ("contacts", *store_module._CONTACT_TABLES)}


# -- schema -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pragma", "expected"),
                         [("journal_mode", "wal"), ("foreign_keys", 1), ("secure_delete", 1)])
def test_every_connection_has_the_safety_pragmas(store, pragma, expected):
    with closing(store._connect()) as con:
        assert con.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_schema_is_created_once_at_the_current_version(store):
    store.load()
    Store(store.path).load()  # a second open must not re-run the migration
    with closing(sqlite3.connect(store.path)) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == len(store_module._SCHEMA)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persisted in the file
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"contacts", "interactions", "annotations", "groups", "members", "ledger", "plan_status",
            "goals", "settings", "imports", "meta"} <= tables


def test_foreign_keys_cascade_group_deletion_to_memberships(store):
    store.save_groups(frame(GROUP_COLUMNS, ("g", "Chamber", "chamber", None, None, None)))
    store.set_members("g", ["in:a", "in:b"])
    with closing(store._connect()) as con:
        con.execute("DELETE FROM groups WHERE group_id = 'g'")
        assert con.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 0


# -- import merge -------------------------------------------------------------------------------

def test_same_export_twice_adds_nothing_the_second_time(store):
    net = export([JANE_OLD, PIET], [HELLO, REPLY])
    assert store.import_network(net) == {"added": 2, "updated": 0, "interactions_added": 2, "role_changes": 0}
    assert store.import_network(net) == {"added": 0, "updated": 2, "interactions_added": 0, "role_changes": 0}
    loaded = store.load()
    assert sorted(loaded.contacts["contact_id"]) == ["in:jane-doe", "in:piet-jansen"]
    assert sorted(loaded.interactions["content"]) == ["Hello Jane", "Hi! Coffee?"]
    assert len(store.import_history()) == 2


def test_overlapping_export_adds_only_new_interactions(store):
    store.import_network(export([JANE_OLD], [HELLO]))
    counts = store.import_network(export([JANE_OLD], [HELLO, REPLY]))
    assert counts == {"added": 0, "updated": 1, "interactions_added": 1, "role_changes": 0}
    assert len(store.load().interactions) == 2


def with_undated(undated: bool) -> Network:
    """Jane's two messages, plus (when `undated`) one whose date could not be read."""
    net = export([JANE_OLD], [HELLO, REPLY])
    if undated:
        extra = net.interactions.iloc[[0]].assign(date=pd.NaT, content="undated")
        net.interactions = pd.concat([net.interactions, extra], ignore_index=True)
    return net


@pytest.mark.parametrize("undated_first", [False, True])
def test_an_undated_message_does_not_make_the_dated_ones_look_new(store, undated_first):
    store.import_network(with_undated(undated_first))
    added = store.import_network(with_undated(not undated_first))["interactions_added"]
    assert added == (0 if undated_first else 1)
    assert sorted(store.load().interactions["content"]) == ["Hello Jane", "Hi! Coffee?", "undated"]


@pytest.mark.parametrize(("field", "value"), [("name", "Jane Smith"), ("company", "Beta Holding"),
                                              ("position", "CFO")])
def test_newer_export_updates_a_contact_in_place_and_keeps_what_is_attached(store, field, value):
    store.import_network(export([JANE_OLD], [HELLO]))
    attach(store, "in:jane-doe")
    before = attached(store, "in:jane-doe")
    counts = store.import_network(export([{**JANE_OLD, field: value}], [REPLY]))
    assert counts == {"added": 0, "updated": 1, "interactions_added": 1, "role_changes": 0}
    contacts = store.load().contacts
    assert contacts["contact_id"].tolist() == ["in:jane-doe"]
    assert contacts.loc[0, field] == value
    assert attached(store, "in:jane-doe") == before == {
        "notes": ["met at BNI"], "groups": ["bni"], "ledger": ["e1"], "plan": ["call:in:jane-doe"]}


def test_url_arriving_later_rekeys_a_name_only_contact_and_everything_follows(store):
    old = "name:jane doe"
    store.import_network(export([JANE_NAME_ONLY], [(old, *HELLO[1:])]))
    attach(store, old)
    counts = store.import_network(export([JANE_OLD], [HELLO, REPLY]))
    assert counts == {"added": 0, "updated": 1, "interactions_added": 1, "role_changes": 0}
    net = store.load()
    assert net.contacts["contact_id"].tolist() == ["in:jane-doe"]
    assert net.contacts.loc[0, "url"] == "https://www.linkedin.com/in/jane-doe"
    assert sorted(net.interactions["content"]) == ["Hello Jane", "Hi! Coffee?"]  # moved, not doubled
    assert set(net.interactions["contact_id"]) == {"in:jane-doe"}
    assert attached(store, "in:jane-doe") == {
        "notes": ["met at BNI"], "groups": ["bni"], "ledger": ["e1"], "plan": ["call:name:jane doe"]}
    assert set(rows_about(store.path, old).values()) == {0}


def test_older_export_without_url_imported_later_maps_onto_the_url_contact(store):
    store.import_network(export([JANE_OLD], [HELLO]))
    attach(store, "in:jane-doe")
    counts = store.import_network(export([{**JANE_NAME_ONLY, "name": "JANE  DOE"}],
                                         [("name:jane doe", "2023-05-01", "in", "Old hello")]))
    assert counts == {"added": 0, "updated": 1, "interactions_added": 1, "role_changes": 0}
    net = store.load()
    assert net.contacts["contact_id"].tolist() == ["in:jane-doe"]
    assert net.contacts.loc[0, "url"] == "https://www.linkedin.com/in/jane-doe"  # "" never erases
    assert set(net.interactions["contact_id"]) == {"in:jane-doe"}
    assert attached(store, "in:jane-doe")["notes"] == ["met at BNI"]


def test_two_new_profiles_sharing_a_name_only_contacts_name_import_cleanly(store):
    store.import_network(export([person("John Smith")]))
    counts = store.import_network(export([person("John Smith", "john-smith"),
                                          person("John Smith", "john-smith-2", company="Other")]))
    assert counts == {"added": 1, "updated": 1, "interactions_added": 0, "role_changes": 0}
    assert sorted(store.load().contacts["contact_id"]) == ["in:john-smith", "in:john-smith-2"]


def test_owner_is_remembered(store):
    store.import_network(export([PIET], owner=Owner("Anna de Vries", "https://www.linkedin.com/in/anna")))
    assert Store(store.path).load().owner == Owner("Anna de Vries", "https://www.linkedin.com/in/anna")


def test_annotations_survive_reimport_and_restart(store):
    store.import_network(export([JANE_OLD, PIET]))
    store.save_annotations(frame(ANNOTATION_COLUMNS,
                                 ("in:jane-doe", 5.0, "mentor", True, "yes", day("2024-02-01"), 14.0,
                                  "client"),
                                 ("in:piet-jansen", 2.0, "", False, "", pd.NaT, None, "")))
    store.import_network(export([{**JANE_OLD, "company": "New BV"}, PIET]))
    notes = Store(store.path).load().annotations.set_index("contact_id").sort_index()
    assert notes["closeness"].tolist() == [5.0, 2.0]
    assert notes["notes"].tolist() == ["mentor", ""]
    assert notes["target"].tolist() == [True, False]
    assert notes.loc["in:jane-doe", "consent_date"] == day("2024-02-01")
    assert pd.isna(notes.loc["in:piet-jansen", "consent_date"])
    assert notes["cadence_days"].tolist()[0] == 14.0
    assert pd.isna(notes.loc["in:piet-jansen", "cadence_days"])
    assert notes["role"].tolist() == ["client", ""]  # the client/referrer mark is remembered too


# -- atomic writes and the revision counter -----------------------------------------------------

def fail_after_contacts(con, rows):
    raise RuntimeError("crash after the contacts were written")


def unbindable_interaction(net: Network) -> None:
    net.interactions["content"] = pd.Series([{"not": "bindable"}, "x"], dtype=object)  # sqlite3: no dicts


@pytest.mark.parametrize("crash", ["monkeypatched", "bad_row"])
def test_a_crash_mid_import_leaves_the_previous_state(store, monkeypatch, crash):
    store.import_network(export([JANE_OLD], [HELLO]))
    revision = store.revision()
    newer = export([{**JANE_OLD, "company": "Changed"}, PIET], [HELLO, REPLY])
    if crash == "monkeypatched":
        monkeypatch.setattr(store_module, "_insert_interactions", fail_after_contacts)
    else:
        unbindable_interaction(newer)
    with pytest.raises((RuntimeError, sqlite3.Error)):
        store.import_network(newer)
    net = store.load()
    assert net.contacts["contact_id"].tolist() == ["in:jane-doe"]
    assert net.contacts.loc[0, "company"] == "Acme BV"
    assert net.interactions["content"].tolist() == ["Hello Jane"]
    assert store.revision() == revision
    assert len(store.import_history()) == 1


def test_a_failed_rekey_rolls_back_the_move(store, monkeypatch):
    store.import_network(export([JANE_NAME_ONLY], [("name:jane doe", *HELLO[1:])]))
    attach(store, "name:jane doe")
    monkeypatch.setattr(store_module, "_insert_interactions", fail_after_contacts)
    with pytest.raises(RuntimeError):
        store.import_network(export([JANE_OLD]))
    assert store.load().contacts["contact_id"].tolist() == ["name:jane doe"]
    assert rows_about(store.path, "name:jane doe") == {
        "contacts": 1, "interactions": 1, "annotations": 1, "members": 1, "ledger": 1, "plan_status": 1,
        "role_changes": 0}


WRITES = {
    "import_network": lambda s: s.import_network(export([PIET])),
    "save_annotations": lambda s: s.save_annotations(frame(ANNOTATION_COLUMNS,
                                                           ("in:x", 3.0, "", False, "", None, None, ""))),
    "save_groups": lambda s: s.save_groups(frame(GROUP_COLUMNS, ("g", "G", "informal", None, None, None))),
    "delete_group": lambda s: s.delete_group("g"),
    "set_members": lambda s: s.set_members("g", ["in:x"]),
    "save_ledger": lambda s: s.save_ledger(frame(LEDGER_COLUMNS, ("e", None, "in:x", None, "meeting",
                                                                  "out", None, ""))),
    "delete_ledger": lambda s: s.delete_ledger(["e"]),
    "save_settings": lambda s: s.save_settings(hourly_rate=90),
    "delete_contact": lambda s: s.delete_contact("in:x"),
}
PLAN_WRITES = {  # not part of the Network: they move no counter, so a tick re-analyses nothing
    "save_plan_status": lambda s: s.save_plan_status(frame(PLAN_STATUS_COLUMNS, ("k", "call", "in:x", None,
                                                                          "", None))),
    "save_goals": lambda s: s.save_goals(frame(GOAL_COLUMNS, ("one_to_ones", "month", 4.0))),
}
READS = {
    "load": Store.load, "revision": Store.revision, "plan_status": Store.plan_status,
    "goals": Store.goals, "import_history": Store.import_history,
}


def test_revision_is_zero_without_a_file_and_reading_it_creates_none(store):
    assert store.revision() == 0
    assert not store.path.exists()


@pytest.mark.parametrize("write", WRITES)
def test_every_write_moves_the_revision_on_by_one(store, write):
    WRITES["save_groups"](store)
    WRITES[write](store)
    assert store.revision() == 2


@pytest.mark.parametrize("write", PLAN_WRITES)
def test_plan_writes_leave_the_cache_key_alone(store, write):
    WRITES["save_groups"](store)
    before = store.version()
    PLAN_WRITES[write](store)
    PLAN_WRITES[write](store)
    assert store.revision() == 1 and store.version() == before


@pytest.mark.parametrize(("write", "interactions_move"), [
    ("import_network", True), ("delete_contact", True), ("save_annotations", False), ("save_ledger", False),
    ("save_settings", False),
])
def test_only_imports_and_deletes_move_the_interactions_revision(store, write, interactions_move):
    WRITES["save_groups"](store)
    workspace, revision, interactions = store.version()
    WRITES[write](store)
    assert store.version() == (workspace, revision + 1, interactions + interactions_move)


def test_a_recreated_workspace_has_a_new_id(store):
    assert store.version() == ("", 0, 0)
    WRITES["import_network"](store)
    first = store.version()
    store.delete_all()
    WRITES["import_network"](store)
    assert store.version()[1:] == first[1:] and store.version()[0] != first[0]


@pytest.mark.parametrize("read", READS)
def test_reads_leave_the_revision_alone(store, read):
    store.import_network(export([PIET]))
    READS[read](store)
    READS[read](Store(store.path))
    assert store.revision() == 1


# -- groups, members, ledger, plan, goals, settings ---------------------------------------------

def test_groups_upsert_by_id_and_round_trip(store):
    store.save_groups(frame(GROUP_COLUMNS, ("bni", "BNI Utrecht", "referral_group", 900.0, 8.0,
                                            day("2022-09-01")),
                            ("kvk", "Chamber", "chamber", None, None, None)))
    store.save_groups(frame(GROUP_COLUMNS, ("bni", "BNI Utrecht", "referral_group", 1100.0, 6.0,
                                            day("2022-09-01"))))
    groups = store.load().groups.set_index("group_id").sort_index()
    assert groups.index.tolist() == ["bni", "kvk"]
    assert groups.loc["bni", ["annual_cost", "hours_per_month"]].tolist() == [1100.0, 6.0]
    assert groups.loc["bni", "joined_on"] == day("2022-09-01")
    assert pd.isna(groups.loc["kvk", "annual_cost"]) and pd.isna(groups.loc["kvk", "joined_on"])


@pytest.mark.parametrize("edit", ["save_groups", "save_ledger"])
def test_editing_a_group_keeps_its_members(store, edit):
    group = frame(GROUP_COLUMNS, ("bni", "BNI", "referral_group", 900.0, 8.0, None))
    store.save_groups(group)
    store.set_members("bni", ["in:a", "in:b"])
    group.loc[0, "annual_cost"] = 1200.0
    if edit == "save_groups":
        store.save_groups(group)
    else:  # a ledger import brings the group again, with one of its members
        store.save_ledger(frame(LEDGER_COLUMNS, ("e1", None, "in:c", "bni", "meeting", "out", None, "")),
                          group, frame(["contact_id", "group_id"], ("in:c", "bni")))
    net = store.load()
    assert net.groups["annual_cost"].tolist() == [1200.0]
    assert sorted(net.members["contact_id"]) == (["in:a", "in:b"] if edit == "save_groups"
                                                 else ["in:a", "in:b", "in:c"])


@pytest.mark.parametrize(("adds", "removes", "expected"), [
    (["in:a", "in:b"], [], ["in:a", "in:b"]),
    (["in:a", "in:b", "in:a"], ["in:a"], ["in:b"]),
    (["in:a"], ["in:nobody"], ["in:a"]),
    ([], ["in:a"], []),
])
def test_set_members_adds_and_removes(store, adds, removes, expected):
    store.save_groups(frame(GROUP_COLUMNS, ("g", "G", "informal", None, None, None)))
    store.set_members("g", adds)
    store.set_members("g", removes, member=False)
    assert sorted(store.load().members["contact_id"]) == expected


def test_ledger_upserts_by_entry_id_with_its_groups_and_members(store):
    entries = frame(LEDGER_COLUMNS, ("e1", day("2024-03-05"), "in:a", "bni", "referral", "in", 2500.0, "x"),
                    ("e2", day("2024-01-02"), "in:b", None, "one_to_one", "out", None, ""))
    store.save_ledger(entries, frame(GROUP_COLUMNS, ("bni", "BNI", "referral_group", 900.0, 8.0, None)),
                      frame(["contact_id", "group_id"], ("in:a", "bni")))
    store.save_ledger(frame(LEDGER_COLUMNS, ("e1", day("2024-03-05"), "in:a", "bni", "referral", "in",
                                             3000.0, "x")))
    net = store.load()
    assert net.ledger["entry_id"].tolist() == ["e2", "e1"]  # ordered by date
    assert net.ledger["value"].iloc[1] == 3000.0 and pd.isna(net.ledger["value"].iloc[0])
    assert net.ledger["date"].tolist() == [day("2024-01-02"), day("2024-03-05")]
    assert net.groups["group_id"].tolist() == ["bni"]
    assert net.members.values.tolist() == [["in:a", "bni"]]
    store.delete_ledger(["e2", "missing"])
    assert store.load().ledger["entry_id"].tolist() == ["e1"]


def test_delete_group_unlinks_ledger_entries_and_drops_memberships(store):
    store.save_ledger(frame(LEDGER_COLUMNS, ("e1", day("2024-03-05"), "in:a", "bni", "referral", "in",
                                             2500.0, "")),
                      frame(GROUP_COLUMNS, ("bni", "BNI", "referral_group", None, None, None),
                            ("kvk", "KvK", "chamber", None, None, None)),
                      frame(["contact_id", "group_id"], ("in:a", "bni"), ("in:a", "kvk")))
    store.delete_group("bni")
    net = store.load()
    assert net.groups["group_id"].tolist() == ["kvk"]
    assert net.members["group_id"].tolist() == ["kvk"]
    assert net.ledger["entry_id"].tolist() == ["e1"]
    assert pd.isna(net.ledger.loc[0, "group_id"])
    assert net.ledger.loc[0, "value"] == 2500.0


def test_plan_status_round_trips_dates_and_upserts_by_item_key(store):
    plan = PLAN_STATUS_COLUMNS
    store.save_plan_status(frame(plan, ("call:in:a", "call", "in:a", day("2024-04-01"), "rang", None),
                                 ("card:in:b", "keep50", "in:b", None, "", day("2024-05-06"))))
    store.save_plan_status(frame(plan, ("call:in:a", "call", "in:a", day("2024-04-02"), "again", None)))
    plan = Store(store.path).plan_status().set_index("item_key").sort_index()
    assert plan.index.tolist() == ["call:in:a", "card:in:b"]
    assert plan.loc["call:in:a", "done_on"] == day("2024-04-02")
    assert plan.loc["call:in:a", "note"] == "again"
    assert pd.isna(plan.loc["card:in:b", "done_on"])
    assert plan.loc["card:in:b", "card_sent_on"] == day("2024-05-06")
    assert str(plan["done_on"].dtype) == "datetime64[ns, UTC]"


def test_plan_status_is_empty_but_typed_on_a_new_workspace(store):
    plan = store.plan_status()
    assert plan.empty and plan.columns.tolist() == PLAN_STATUS_COLUMNS
    assert str(plan["card_sent_on"].dtype) == "datetime64[ns, UTC]"


def test_goals_round_trip_and_are_replaced_as_a_whole(store):
    store.save_goals(frame(GOAL_COLUMNS, ("one_to_ones", "month", 4.0), ("referrals", "2026-Q1", 6.0)))
    assert Store(store.path).goals().values.tolist() == [["one_to_ones", "month", 4.0],
                                                         ["referrals", "2026-Q1", 6.0]]
    store.save_goals(frame(GOAL_COLUMNS, ("events", "year", 12.0)))
    assert store.goals().values.tolist() == [["events", "year", 12.0]]


@pytest.mark.parametrize("value", [75.5, 0, "cfo", ["founder", "CFO", "directeur"], {"a": [1, None]}, None,
                                   True, "München & <b>"])
def test_settings_round_trip_as_json(store, value):
    store.save_settings(key=value, other=1)
    settings = Store(store.path).load().settings
    assert re.fullmatch(r"[0-9a-f]{32}", settings.pop("pseudonym_salt"))  # every workspace's own secret
    assert settings == {"key": value, "other": 1}


# -- deletion -----------------------------------------------------------------------------------

SECRET = b"zzyzx"  # every spelling of the contact (name, folded name, id) contains it, lower-cased


def raw_bytes(path: Path) -> bytes:
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal") if Path(f"{path}{s}").exists())


def test_delete_contact_removes_them_everywhere_and_leaves_no_bytes_on_disk(store):
    zz = person("Zzyzx Quuxington", "zzyzx-quuxington", company="Zzyzx Holdings")
    store.import_network(export([zz, PIET], [("in:zzyzx-quuxington", "2024-01-10", "in", "Zzyzx here"),
                                             ("in:piet-jansen", "2024-01-12", "out", "Hoi Piet")]))
    attach(store, "in:zzyzx-quuxington")
    attach(store, "in:piet-jansen")
    store.save_annotations(frame(ANNOTATION_COLUMNS, ("in:zzyzx-quuxington", 1.0, "Zzyzx's notes", False,
                                                      "", None, None, "")))
    with closing(sqlite3.connect(store.path)):  # a reader keeps the WAL alive: both files are checked
        assert SECRET in raw_bytes(store.path).lower()
        store.delete_contact("in:zzyzx-quuxington")
        assert set(rows_about(store.path, "in:zzyzx-quuxington").values()) == {0}
        assert rows_about(store.path, "in:piet-jansen") == {
            "contacts": 1, "interactions": 1, "annotations": 1, "members": 1, "ledger": 1, "plan_status": 1,
        "role_changes": 0}
        assert SECRET not in raw_bytes(store.path).lower()
    assert SECRET not in raw_bytes(store.path).lower()
    assert store.load().contacts["contact_id"].tolist() == ["in:piet-jansen"]


def test_delete_contact_behind_a_long_reader_says_so_and_finishes_on_the_next_try(store):
    zz = person("Zzyzx Quuxington", "zzyzx-quuxington")
    store.import_network(export([zz, PIET]))
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM contacts").fetchone()  # a read in progress pins the old pages
    with pytest.raises(InputError, match="another session is reading the workspace"):
        store.delete_contact("in:zzyzx-quuxington")
    reader.execute("COMMIT")
    reader.close()
    store.delete_contact("in:zzyzx-quuxington")
    assert SECRET not in raw_bytes(store.path).lower()
    assert store.load().contacts["contact_id"].tolist() == ["in:piet-jansen"]


def test_delete_all_removes_the_database_wal_and_shm(store):
    store.import_network(export([PIET]))
    with closing(sqlite3.connect(store.path)) as reader:
        reader.execute("SELECT COUNT(*) FROM contacts").fetchone()  # holds -wal and -shm open
        store.save_settings(x=1)
        files = [Path(f"{store.path}{s}") for s in ("", "-wal", "-shm")]
        assert all(f.exists() for f in files)
        store.delete_all()
        assert not any(f.exists() for f in files)
    assert not any(f.exists() for f in files)
    assert store.revision() == 0


# -- workspace names ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "", "a/b", "..", "x" * 100, "a\\b", ".hidden",
                                  "name\n", "a..b", "-rf", "naïve"])
def test_workspace_path_rejects_names_that_could_escape_or_surprise(name):
    with pytest.raises(InputError, match="workspace name"):
        workspace_path(name)


@pytest.mark.parametrize("name", ["My network 2026", "a", "client_A.v2", "x" * 64])
def test_workspace_path_accepts_plain_names_inside_the_home(private_home, name):
    path = workspace_path(name)
    assert path == private_home / f"{name}.sqlite"
    assert list_workspaces() == []
    Store(path).save_settings(x=1)
    assert list_workspaces() == [name]


def test_list_workspaces_is_sorted_and_ignores_other_files(private_home):
    for name in ("zeta", "Alpha", "beta"):
        Store(workspace_path(name)).load()
    (private_home / "notes.txt").write_text("not a workspace")
    assert list_workspaces() == ["Alpha", "beta", "zeta"]


def test_older_export_matched_by_name_fills_gaps_but_never_overwrites_newer_fields(store):
    store.import_network(export([{**JANE_OLD, "company": "New 2026 BV", "email": ""}]))
    store.import_network(export([{**JANE_NAME_ONLY, "company": "Old 2019 BV", "email": "jane@old.example"}]))
    contact = store.load().contacts.iloc[0]
    assert (contact["company"], contact["email"]) == ("New 2026 BV", "jane@old.example")
