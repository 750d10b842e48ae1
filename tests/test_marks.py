"""Clients and referrers without a ledger: marks, suggestions from the export, plan steps 1 and 2."""

import pandas as pd
import pytest

from analytics import actions, marks
from analytics.analysis import analyse
from analytics.annotations import mark_rows
from analytics.cli import summary
from analytics.model import ANNOTATION_COLUMNS, CONTACT_COLUMNS, INTERACTION_COLUMNS, Network, empty_frame

AS_OF = pd.Timestamp("2026-06-30", tz="UTC")


def interactions(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    """(contact_id, channel, direction, how many) rows, dated a month before AS_OF."""
    flat = [(cid, AS_OF - pd.Timedelta(days=30 + i), channel, direction, "", "")
            for cid, channel, direction, n in rows for i in range(n)]
    return pd.DataFrame(flat, columns=INTERACTION_COLUMNS)


def network(names: list[str], *rows: tuple[str, str, str, int],
            roles: dict[str, str] | None = None) -> Network:
    joined = AS_OF - pd.Timedelta(days=900)
    contacts = pd.DataFrame([(c, c, "", c.title(), "", "", "", "", joined, "", "LinkedIn") for c in names],
                            columns=CONTACT_COLUMNS)
    notes = mark_rows(empty_frame(ANNOTATION_COLUMNS), [], "", AS_OF)
    for cid, role in (roles or {}).items():
        notes = pd.concat([notes, mark_rows(notes, [cid], role, AS_OF)], ignore_index=True)
    return Network(contacts=contacts, interactions=interactions(*rows) if rows else
                   empty_frame(INTERACTION_COLUMNS), annotations=notes)


@pytest.mark.parametrize(("rows", "expected"), [
    ([("ann", "recommendation", "in", 1)], [("ann", "client")]),  # recommended you: a former client
    ([("bo", "recommendation", "out", 1)], [("bo", "referrer")]),  # you recommended them
    ([("cy", "endorsement", "out", 1), ("cy", "endorsement", "in", 2)], [("cy", "referrer")]),  # mutual
    ([("dan", "endorsement", "in", 3)], []),  # one-way endorsements suggest nothing
    ([("eve", "message", "out", 12), ("eve", "message", "in", 8)], [("eve", "referrer")]),  # long thread
    ([("fay", "message", "out", 18), ("fay", "message", "in", 2)], []),  # long but one-sided
    ([("gil", "recommendation", "in", 1), ("gil", "recommendation", "out", 1)], [("gil", "client")]),
])
def test_suggestions_come_from_the_export_evidence(rows: list, expected: list) -> None:
    net = network([], *rows)
    found = marks.suggestions(net.interactions, net.annotations, AS_OF)
    assert list(zip(found["contact_id"], found["role"], strict=True)) == expected


def test_a_marked_contact_is_not_suggested_again() -> None:
    net = network([], ("ann", "recommendation", "in", 1), roles={"ann": "friend"})
    assert marks.suggestions(net.interactions, net.annotations, AS_OF).empty


def test_steps_one_and_two_read_marks_and_show_suggestions_uncounted() -> None:
    net = network(["ann", "bo", "cy"], ("cy", "recommendation", "in", 1),
                  roles={"ann": "client", "bo": "referrer"})
    a = analyse(net, AS_OF)
    assert a.clients[["contact_id", "suggested"]].values.tolist() == [["ann", False], ["cy", True]]
    assert a.clients.loc[1, "why"].startswith("Suggested: confirm? They recommended you")
    assert a.referrers["contact_id"].tolist() == ["bo"]
    progress = actions.plan_progress(pd.DataFrame(columns=["item_key", "done_on"]),
                                     {"call_client": a.clients, "call_referrer": a.referrers})
    assert progress == {"call_client": {"done": 0, "total": 1}, "call_referrer": {"done": 0, "total": 1}}
    calls = summary(a, net)["actions"]
    assert calls["call_client"] == [
        {"name": "Ann", "why": "You marked them as a client.", "suggested": False},
        {"name": "Cy", "why": a.clients.loc[1, "why"], "suggested": True}]
    assert calls["call_referrer"][0]["name"] == "Bo"


def test_bulk_mark_keeps_other_annotations_and_clears_with_nothing() -> None:
    notes = empty_frame(ANNOTATION_COLUMNS)
    notes = mark_rows(notes, ["a"], "client", AS_OF).assign(notes="met at BNI")
    again = mark_rows(notes, ["a", "b"], "referrer", AS_OF)
    assert again[["contact_id", "role", "notes"]].values.tolist() == [["a", "referrer", "met at BNI"],
                                                                      ["b", "referrer", ""]]
    assert mark_rows(again, ["a"], "", AS_OF)["role"].tolist() == [""]


#: Contacts matching a search: their company as one name (Acme B.V. and Acme are one) and the export's hint.
MATCHED = pd.DataFrame({"contact_id": ["a", "b", "c", "d"],
                        "suggested_role": ["client", "", "referrer", "client"]})
COMPANIES = pd.Series(["Acme", "Acme", "Acme", "Beta"])


@pytest.mark.parametrize(("company", "role", "suggested_only", "expected"), [
    (None, "client", False, ["a", "b", "c", "d"]),  # everyone matching the search
    ("Acme", "client", False, ["a", "b", "c"]),
    ("Acme", "client", True, ["a"]),  # only those the export suggests as clients
    (None, "referrer", True, ["c"]),
    ("Beta", "referrer", True, []),
])
def test_bulk_marking_takes_the_company_then_the_suggestions(company: str | None, role: str,
                                                             suggested_only: bool, expected: list) -> None:
    chosen = marks.bulk_targets(MATCHED, COMPANIES, company, role, suggested_only)
    assert chosen["contact_id"].tolist() == expected
