"""Graph labels stay readable in dense networks: folded clusters spread evenly round their ring, long
cluster names wrap, no label hides the middle of a larger square, larger clusters are named first, and
every label sits on a pale ground (no physics, whatever the size)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import graph
from analytics.model import Network


def _scores(sizes: list[int]) -> pd.DataFrame:
    """One company per entry of `sizes`, with that many contacts (all weak: every one folds)."""
    rows = [(f"c{k}-{i}", f"P{k}-{i}", f"Company number {k} Holding", 5.0, "Never engaged")
            for k, n in enumerate(sizes) for i in range(n)]
    return pd.DataFrame(rows, columns=["contact_id", "name", "company", "strength", "tier"])


#: A wide network: one large company and many small ones (the small ones' slices are thin).
WIDE = [120, 60, 40] + [3] * 30


def _drawn() -> graph.GraphData:
    return graph.build_graph(Network(), _scores(WIDE), inner_only=True)


def test_folded_clusters_spread_evenly_round_the_ring() -> None:
    squares = [n for n in _drawn().nodes if n["kind"] == "cluster"]
    angles = sorted(math.atan2(n["y"], n["x"]) % (2 * math.pi) for n in squares)
    gaps = [b - a for a, b in zip(angles, [*angles[1:], angles[0] + 2 * math.pi], strict=True)]
    assert len(squares) == len(WIDE)
    assert max(gaps) - min(gaps) < 1e-6  # before: thin slices piled their squares onto each other


def test_no_label_hides_the_middle_of_a_larger_square_and_the_largest_are_named() -> None:
    nodes = _drawn().nodes
    squares = [n for n in nodes if n["kind"] == "cluster"]
    for node in (n for n in nodes if n["label"]):
        x0, y0, x1, y1 = graph._label_box(node)
        for square in (s for s in squares if s["size"] >= node["size"] and s["id"] != node["id"]):
            assert not (x0 < square["x"] < x1 and y0 < square["y"] < y1), (node["label"], square["label"])
    named = {n["id"] for n in squares if n["label"]}
    assert {"cluster:company:company number 0 holding", "cluster:company:company number 1 holding",
            "cluster:company:company number 2 holding"} <= named


@pytest.mark.parametrize(("label", "lines"), [
    ("Acme (3)", ["Acme (3)"]),
    ("Deutsch-Niederländische Wirtschaftskammer (fiktiv) (30)",
     ["Deutsch-Niederländische", "Wirtschaftskammer", "(fiktiv) (30)"]),
    ("Administratiefkantoorgroepsholding (4)", ["Administratiefkantoorgroepsholding", "(4)"]),
])
def test_long_cluster_names_wrap(label: str, lines: list[str]) -> None:
    assert graph.wrapped(label).split("\n") == lines


def test_a_wrapped_label_takes_the_room_of_its_lines() -> None:
    node = {"label": "Deutsch-Niederländische\nWirtschaftskammer (30)", "x": 0.0, "y": 0.0, "size": 10}
    x0, y0, x1, y1 = graph._label_box(node)
    assert (round(x1 - x0), round(y1 - y0, 1)) == (round(23 * 14 * 0.55 + 4), round(2 * 14 * 1.3, 1))


def test_labels_have_a_pale_ground_and_no_physics() -> None:
    options = graph._options()
    assert options["physics"] == {"enabled": False}
    assert options["nodes"]["font"]["background"].startswith("rgba(255,255,255")
