"""Merging two contacts in the workspace: everything of both is kept, the decision survives re-imports,
undo restores exactly, keep-apart holds, and new people join the contact another source brought."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from analytics.errors import InputError
from analytics.model import (
    ANNOTATION_COLUMNS,
    CONTACT_COLUMNS,
    GROUP_COLUMNS,
    INTERACTION_COLUMNS,
    LEDGER_COLUMNS,
    PLAN_STATUS_COLUMNS,
    Network,
)
from analytics.store import Store

TABLES = ("contacts", "annotations", "members", "ledger", "plan_status", "role_changes", "interactions",
          "identity_decisions")


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def contact(cid: str, name: str, email: str = "", company: str = "", sources: str = "LinkedIn",
            url: str = "", phone: str = "") -> dict:
    first, _, last = name.partition(" ")
    return {"contact_id": cid, "first_name": first, "last_name": last, "name": name, "url": url,
            "email": email, "company": company, "position": "",
            "connected_on": day("2023-01-01") if url else pd.NaT, "phone": phone, "sources": sources}


ANN = contact("in:ann-lee", "Ann Lee", company="Acme BV", url="https://www.linkedin.com/in/ann-lee")
ANN_BOOK = contact("name:ann lee", "Ann Lee", email="ann@home.nl", company="", sources="Address book",
                   phone="+31 6 1234 5678")
BOB = contact("in:bob", "Bob Stone", url="https://www.linkedin.com/in/bob")


def export(people: list[dict], messages: list[tuple[str, str, str, str]] = ()) -> Network:
    """Contacts and (contact_id, date, direction, text) messages, as an import produces them."""
    it = pd.DataFrame([{"contact_id": c, "date": day(d), "channel": "message", "direction": dr, "content": t,
                        "conversation_id": "c"} for c, d, dr, t in messages], columns=INTERACTION_COLUMNS)
    it["date"] = pd.to_datetime(it["date"], utc=True)
    return Network(contacts=pd.DataFrame(people, columns=CONTACT_COLUMNS), interactions=it)


def table(columns: list[str], *rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table that follows a contact, sorted: two dumps are equal when nothing differs."""
    with closing(sqlite3.connect(store.path)) as con:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall()))
                for t in TABLES if t != "identity_decisions"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Ann from LinkedIn and Ann from the address book (no shared key: a proposal, not an exact match),
    and Bob; each Ann with notes, a group, a ledger row, a plan tick and messages of her own."""
    s = Store(tmp_path / "w.sqlite")
    s.import_network(export([ANN, ANN_BOOK, BOB], [
        ("in:ann-lee", "2024-01-10", "out", "Hello Ann"), ("in:ann-lee", "2024-01-11", "in", "Hi!"),
        ("name:ann lee", "2024-02-01", "in", "Lunch?"), ("name:ann lee", "2024-01-10", "out", "Hello Ann"),
        ("in:bob", "2024-03-01", "out", "Hi Bob")]))
    s.save_annotations(table(ANNOTATION_COLUMNS, ("in:ann-lee", 4.0, "met at BNI", False, "yes", None, None,
                                                  "client"),
                             ("name:ann lee", None, "two kids", True, "unknown", None, 30.0, "")))
    s.save_groups(table(GROUP_COLUMNS, ("bni", "BNI", "referral_group", 900.0, 8.0, day("2022-09-01")),
                        ("ch", "Chamber", "chamber", 300.0, 1.0, day("2022-09-01"))))
    s.set_members("bni", ["in:ann-lee", "name:ann lee"])
    s.set_members("ch", ["name:ann lee"])
    s.save_ledger(table(LEDGER_COLUMNS,
                        ("e1", day("2024-03-05"), "in:ann-lee", "bni", "referral", "in", 0.0, ""),
                        ("e2", day("2024-04-05"), "name:ann lee", "ch", "closed_business", "in", 900.0, "")))
    s.save_plan_status(table(PLAN_STATUS_COLUMNS,
                             ("call_client:name:ann lee", "call_client", "name:ann lee", day("2024-05-01"),
                              "rang", None),
                             ("reconnect:in:ann-lee", "reconnect", "in:ann-lee", None, "soon", None)))
    return s


def test_a_merge_keeps_everything_of_both(store: Store) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    net = store.load()
    ann = net.contacts.set_index("contact_id").loc["in:ann-lee"]
    assert net.contacts["contact_id"].tolist() == ["in:ann-lee", "in:bob"]
    assert (ann["company"], ann["email"], ann["phone"]) == ("Acme BV", "ann@home.nl", "+31 6 1234 5678")
    assert ann["sources"] == "LinkedIn, Address book"
    mine = net.interactions[net.interactions["contact_id"] == "in:ann-lee"]
    assert sorted(mine["content"]) == ["Hello Ann", "Hi!", "Lunch?"]  # the same message twice is one
    notes = net.annotations.set_index("contact_id").loc["in:ann-lee"]
    assert (notes["closeness"], notes["notes"], notes["target"], notes["role"], notes["cadence_days"]) == (
        4.0, "met at BNI\ntwo kids", True, "client", 30.0)
    assert sorted(map(tuple, net.members.values.tolist())) == [("in:ann-lee", "bni"), ("in:ann-lee", "ch")]
    assert set(net.ledger["contact_id"]) == {"in:ann-lee"}
    plan = store.plan_status().set_index("item_key")
    assert plan.loc["call_client:in:ann-lee", "note"] == "rang"  # the tick follows the surviving id
    with closing(sqlite3.connect(store.path)) as con:  # the snapshot the app reads equals the table
        stored = con.execute("SELECT contact_id, content FROM interactions ORDER BY rowid").fetchall()
    assert list(store.interactions()[["contact_id", "content"]].itertuples(index=False, name=None)) == stored
    assert len(stored) == 4


def test_undo_restores_exactly(store: Store) -> None:
    before = dump(store)
    store.merge("in:ann-lee", "name:ann lee")
    assert dump(store) != before
    store.undo_merge("in:ann-lee", "name:ann lee")
    assert dump(store) == before
    assert store.decisions().empty
    assert sorted(store.interactions()["content"]) == sorted(["Hello Ann", "Hi!", "Lunch?", "Hello Ann",
                                                              "Hi Bob"])


def test_undo_keeps_edits_made_since_where_they_were_made(store: Store) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    store.save_annotations(table(ANNOTATION_COLUMNS, ("in:ann-lee", 5.0, "now a friend", True, "yes", None,
                                                      30.0, "client")))
    store.save_ledger(table(LEDGER_COLUMNS, ("e2", day("2024-04-05"), "in:ann-lee", "ch", "closed_business",
                                             "in", 1200.0, "corrected")))
    store.undo_merge("in:ann-lee", "name:ann lee")
    notes = store.annotations().set_index("contact_id")
    assert notes.loc["in:ann-lee", "notes"] == "now a friend"  # edited since: stays
    assert notes.loc["name:ann lee", "notes"] == "two kids"  # hers again
    e2 = store.load().ledger.set_index("entry_id").loc["e2"]
    assert (e2["contact_id"], e2["value"]) == ("name:ann lee", 1200.0)  # back to her, with the correction


@pytest.mark.parametrize("twice", [False, True])
def test_a_merge_survives_reimport(store: Store, twice: bool) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    merged = dump(store)
    for _ in range(2 if twice else 1):
        counts = store.import_network(export([ANN, ANN_BOOK, BOB], [("name:ann lee", "2024-02-01", "in",
                                                                     "Lunch?")]))
        assert counts["added"] == 0 and counts["interactions_added"] == 0
    assert store.load().contacts["contact_id"].tolist() == ["in:ann-lee", "in:bob"]
    assert dump(store)["interactions"] == merged["interactions"]
    store.import_network(export([ANN_BOOK], [("name:ann lee", "2024-06-01", "in", "New mail")]))
    assert "New mail" in store.interactions().set_index("contact_id").loc["in:ann-lee", "content"].tolist()


def test_undo_after_a_reimport_still_restores(store: Store) -> None:
    before = dump(store)
    store.merge("in:ann-lee", "name:ann lee")
    store.import_network(export([ANN, ANN_BOOK], [("name:ann lee", "2024-02-01", "in", "Lunch?")]))
    store.undo_merge("in:ann-lee", "name:ann lee")
    after = dump(store)
    assert after["interactions"] == before["interactions"] and after["members"] == before["members"]
    assert len(store.load().contacts) == 3


def test_mail_that_arrived_after_the_merge_goes_back_with_the_undo(store: Store) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    later = export([ANN_BOOK], [("name:ann lee", "2024-06-01", "in", "New mail")])
    store.import_network(later)
    store.undo_merge("in:ann-lee", "name:ann lee")
    it = store.interactions()
    assert it.loc[it["content"] == "New mail", "contact_id"].tolist() == ["name:ann lee"]
    assert sorted(it.loc[it["contact_id"] == "in:ann-lee", "content"]) == ["Hello Ann", "Hi!"]
    assert store.import_network(later)["interactions_added"] == 0  # nothing doubled by a re-import


@pytest.mark.parametrize("now", [{"company": "Acme BV"}, {"url": ANN["url"]}])
def test_keep_apart_survives_reimport_and_every_exact_rule(tmp_path: Path, now: dict) -> None:
    store = Store(tmp_path / "w.sqlite")
    store.import_network(export([ANN, contact("name:ann lee", "Ann Lee", sources="Address book")]))
    store.keep_apart("in:ann-lee", "name:ann lee")  # proposed as the same name: the user says no
    twin = contact("name:ann lee", "Ann Lee", sources="Address book") | now  # now an exact match
    store.import_network(export([twin], [("name:ann lee", "2024-01-01", "in", "hi")]))
    assert sorted(store.load().contacts["contact_id"]) == ["in:ann-lee", "name:ann lee"]
    assert store.decisions()[["contact_id", "other_id", "decision"]].values.tolist() == [
        ["in:ann-lee", "name:ann lee", "apart"]]


@pytest.mark.parametrize("shared", [{"email": "ann@acme.com"}, {"phone": "0031 6 12345678"},
                                    {"company": "ACME BV", "name": "ANN  LEE"}])
def test_a_new_person_joins_the_contact_another_source_brought(tmp_path: Path, shared: dict) -> None:
    store = Store(tmp_path / "w.sqlite")
    store.import_network(export([{**ANN, "email": "ann@acme.com", "phone": "+31612345678"}]))
    book = {**contact("name:a lee", "A. Lee", sources="Address book"), **shared}
    counts = store.import_network(export([book], [("name:a lee", "2024-01-01", "in", "hi")]))
    assert counts["added"] == 0 and counts["updated"] == 1
    ann = store.load().contacts.set_index("contact_id").loc["in:ann-lee"]
    assert (ann["name"], ann["company"]) == ("Ann Lee", "Acme BV")  # fills gaps, never overwrites
    assert ann["sources"] == "LinkedIn, Address book"
    assert store.interactions()["contact_id"].tolist() == ["in:ann-lee"]


def test_merges_follow_each_other_on_reimport(store: Store) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    store.merge("in:bob", "in:ann-lee")  # a wrong merge on top of the first
    store.import_network(export([ANN_BOOK], [("name:ann lee", "2024-07-01", "in", "Again")]))
    assert store.load().contacts["contact_id"].tolist() == ["in:bob"]
    with pytest.raises(InputError, match="undo that merge first"):
        store.undo_merge("in:ann-lee", "name:ann lee")
    store.undo_merge("in:bob", "in:ann-lee")
    store.undo_merge("in:ann-lee", "name:ann lee")
    assert sorted(store.load().contacts["contact_id"]) == ["in:ann-lee", "in:bob", "name:ann lee"]


def test_deleting_a_contact_forgets_the_decisions_about_them(store: Store) -> None:
    store.merge("in:ann-lee", "name:ann lee")
    store.keep_apart("in:ann-lee", "in:bob")
    store.delete_contact("in:ann-lee")
    assert store.decisions().empty
    with closing(sqlite3.connect(store.path)) as con:
        assert con.execute("SELECT count(*) FROM identity_decisions").fetchone()[0] == 0


@pytest.mark.parametrize("decide", ["merge", "keep_apart"])
@pytest.mark.parametrize(("keep", "away", "reason"), [
    ("in:ann-lee", "in:ann-lee", "two different contacts"),
    ("in:ann-lee", "name:nobody", "no longer in the workspace"),
])
def test_a_bad_decision_changes_nothing(store: Store, decide: str, keep: str, away: str, reason: str) -> None:
    before = dump(store), store.version(), len(store.decisions())
    with pytest.raises(InputError, match=reason):
        getattr(store, decide)(keep, away)
    assert (dump(store), store.version(), len(store.decisions())) == before
