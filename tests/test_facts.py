"""The analysis in two stages: `facts.gather` reads no annotation, so the facts gathered before an
annotation edit finish the same analysis as a from-scratch `analyse` after it (every field equal), and
the store's version without annotation edits stays put for exactly those edits."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analytics import facts
from analytics.analysis import STEPS, Analysis, analyse, annotation_key, step
from analytics.annotations import apply_edits
from analytics.model import ANNOTATION_COLUMNS, Network, empty_frame
from analytics.store import Store
from tests.builders import hostile_network

AS_OF = pd.Timestamp("2026-07-01", tz="UTC")


def annotated(net: Network, edits: dict[str, dict]) -> Network:
    """`net` with the annotation edits {contact_id: {column: value}} saved, as the Contacts page does."""
    ids = list(edits)
    rows = apply_edits(net.annotations, ids, {i: edits[cid] for i, cid in enumerate(ids)}, AS_OF)
    kept = net.annotations[~net.annotations["contact_id"].isin(ids)]
    return dataclasses.replace(net, annotations=pd.concat([kept, rows], ignore_index=True))


def assert_same(got: Analysis, expected: Analysis) -> None:
    for field in dataclasses.fields(Analysis):
        left, right = getattr(got, field.name), getattr(expected, field.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, obj=field.name)
        elif isinstance(left, pd.Series):
            pd.testing.assert_series_equal(left, right, obj=field.name)
        else:
            assert left == right, field.name


BEFORE = {"ann": {"closeness": 2, "notes": "met at BNI"}}
EDITS = [  # each kind of annotation the pages save, alone and together
    {"ann": {"notes": "called her back"}},  # a note: changes no score
    {"ann": {"closeness": 5}, "bob": {"closeness": 0}},  # closeness: re-blends the scores, tiers move
    {"bob": {"role": "client"}, "xss": {"role": "referrer"}},  # marks: plan steps 1 and 2
    {"bad": {"consent": "no"}, "bob": {"consent": "yes"}},  # consent (dated the as-of)
    {"ann": {"cadence_days": 7}, "bob": {"cadence_days": 3650}},  # own cadence
    {"bob": {"target": True}},  # target segment: groups, keep-in-touch, target share
    {"ann": {"closeness": 4, "role": "referrer", "target": True, "notes": "all at once", "consent": "yes",
             "cadence_days": 30}},
]


@pytest.mark.parametrize("edits", EDITS)
def test_facts_gathered_before_an_annotation_edit_finish_the_same_analysis(edits: dict[str, dict]) -> None:
    before = annotated(hostile_network(), BEFORE)
    after = annotated(before, edits)
    gathered = facts.gather(before, AS_OF)
    assert_same(analyse(after, AS_OF, facts=gathered), analyse(after, AS_OF))


@pytest.mark.parametrize("edits", EDITS)
def test_steps_computed_before_an_edit_hold_unless_their_columns_moved(edits: dict[str, dict]) -> None:
    before = annotated(hostile_network(), BEFORE)
    after = annotated(before, edits)
    gathered = facts.gather(before, AS_OF)
    rated = step("rated", before, gathered)
    parts = [rated, *(step(name, before, gathered, rated) for name in STEPS if name != "rated")]
    edited = {column for change in edits.values() for column in change}  # every edit above moves a value
    stale = {name for name, columns in STEPS.items() if edited & set(columns)}
    for part in parts:
        if part.name in stale:
            with pytest.raises(ValueError, match=f"{part.name} computed with other"):
                analyse(after, AS_OF, facts=gathered, parts=[part])
    held = [part for part in parts if part.name not in stale]
    assert_same(analyse(after, AS_OF, facts=gathered, parts=held), analyse(after, AS_OF))


@pytest.mark.parametrize(("edits", "stale"), [
    ({"ann": {"notes": "called her back"}, "bob": {"notes": "new note"}}, set()),  # a new row, notes only
    ({"bad": {"consent": "no"}}, set()),
    ({"bob": {"closeness": 0}}, {"rated", "targeted", "marked", "cadenced"}),
    ({"bob": {"target": True}}, {"targeted"}),
    ({"bob": {"role": "client"}}, {"marked"}),
    ({"bob": {"cadence_days": 7}}, {"cadenced"}),
    ({"ann": {"closeness": 2, "notes": "met at BNI"}}, set()),  # saved again unchanged
])
def test_each_step_is_keyed_by_exactly_the_columns_it_reads(edits: dict[str, dict], stale: set[str]) -> None:
    before = annotated(hostile_network(), BEFORE)
    after = annotated(before, edits)
    moved = {name for name, columns in STEPS.items()
             if annotation_key(before.annotations, columns) != annotation_key(after.annotations, columns)}
    assert moved == stale


def test_the_edits_change_the_analysis() -> None:
    """Control: the edits above reach the analysis (so the equality above is not two empty answers)."""
    base = annotated(hostile_network(), BEFORE)
    plain = analyse(base, AS_OF)
    edited = analyse(annotated(base, EDITS[-1]), AS_OF, facts=facts.gather(base, AS_OF))
    assert plain.scores.at["ann", "closeness"] == 2 and edited.scores.at["ann", "closeness"] == 4
    assert edited.contacts.at["ann", "role"] == "referrer" and edited.contacts.at["ann", "target"]
    assert edited.scores.at["ann", "strength"] > plain.scores.at["ann", "strength"]
    own = edited.cadence.set_index("contact_id").loc["ann"]
    assert (own["cadence_days"], own["cadence_source"]) == (30, "your setting")


def test_gather_reads_no_annotation() -> None:
    net = hostile_network()
    left = facts.gather(annotated(net, EDITS[-1]), AS_OF)
    right = facts.gather(dataclasses.replace(net, annotations=empty_frame(ANNOTATION_COLUMNS)), AS_OF)
    for field in dataclasses.fields(facts.Facts):
        a, b = getattr(left, field.name), getattr(right, field.name)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, obj=field.name)
        elif field.name.startswith("measured"):
            pd.testing.assert_frame_equal(a.stats, b.stats)
            assert list(a.reason) == list(b.reason)
        else:
            assert a == b, field.name


@pytest.mark.parametrize("other", [(90, AS_OF + pd.Timedelta(days=1)), (30, AS_OF)])
def test_facts_of_another_date_or_period_are_refused(other: tuple[int, pd.Timestamp]) -> None:
    period, when = other
    with pytest.raises(ValueError, match="facts are for"):
        analyse(hostile_network(), AS_OF, 90, facts.gather(hostile_network(), when, period))


def annotate(**change: object) -> object:
    """A write saving `change` to Ann's annotations."""
    return lambda s: s.save_annotations(apply_edits(s.annotations(), ["ann"], {0: change}, AS_OF))


@pytest.mark.parametrize(("write", "moves"), [
    (annotate(notes="hi"), False), (annotate(closeness=3), False), (annotate(role="client"), False),
    (lambda s: s.save_settings(hourly_rate=80.0), True),
    (lambda s: s.delete_ledger(["e1"]), True),
    (lambda s: s.set_members("g:bni", ["bob"]), True),
    (lambda s: s.delete_contact("bad"), True),
])
def test_only_annotation_edits_leave_the_facts_version(tmp_path, write, moves: bool) -> None:
    store = Store(tmp_path / "w.sqlite")
    store.import_network(hostile_network())
    net = hostile_network()
    store.save_ledger(net.ledger, net.groups)
    full, facts_version = store.version(), store.version(annotations=False)
    write(store)
    assert store.version() != full  # every write moves the full version
    assert (store.version(annotations=False) != facts_version) is moves


@pytest.mark.parametrize(("rows", "expected"), [
    # (date, direction) with a contact -> month, out, in, other: a gap month is 0, a year boundary,
    # later than as-of left out
    ([("2024-11-30 23:59", "out"), ("2025-01-01 00:00", "in"), ("2025-01-20 12:00", "in"),
      ("2025-02-01 00:00", "x")],
     [["2024-11", 1, 0, 0], ["2024-12", 0, 0, 0], ["2025-01", 0, 2, 0], ["2025-02", 0, 0, 0]]),
    ([("2025-03-01 08:00", "in"), ("2025-06-01 08:00", "out")], [["2025-03", 0, 1, 0]]),  # June: after as-of
    ([("2025-06-01 08:00", "out")], []),
])
def test_engagement_by_month(rows: list[tuple[str, str]], expected: list[list]) -> None:
    frame = pd.DataFrame({"contact_id": "a", "date": pd.to_datetime([r[0] for r in rows], utc=True),
                          "direction": pd.Series([r[1] for r in rows], dtype="str"), "channel": "message"})
    table = facts.engagement_by_month(frame, pd.DataFrame({"contact_id": ["a"]}),
                                      pd.Timestamp("2025-05-31", tz="UTC"))
    assert table.values.tolist() == expected
