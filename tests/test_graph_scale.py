"""The graph's default view on generated exports of 2,000 and 30,000 contacts: the inner tiers one by
one, everyone else folded into cluster nodes, names printed only for the inner circle, close contacts
and clusters, and a position for every node (no physics in the browser)."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import depth, graph, ingest
from analytics import weights as W
from tests.conftest import ROOT

SPEC = importlib.util.spec_from_file_location("sample_generate", ROOT / "sample_data" / "generate.py")
generate = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = generate  # dataclasses look their module up there
SPEC.loader.exec_module(generate)
AS_OF = pd.Timestamp("2026-11-15", tz="UTC")


@pytest.fixture(scope="module", params=[2_000, 30_000], ids=["2k", "30k"])
def scored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    out: Path = tmp_path_factory.mktemp(f"export{request.param}")
    generate.generate(out, connections=request.param, messages=request.param)
    export = out / generate.EXPORT_NAME
    net = ingest.load_files([(export.name, export.read_bytes())])
    return net, depth.score_contacts(net, AS_OF)


def test_default_view_draws_the_inner_tiers_and_clusters(scored) -> None:
    net, scores = scored
    drawn = graph.build_graph(net, scores, inner_only=True)
    contacts = [n for n in drawn.nodes if n["kind"] == "contact"]
    clusters = [n for n in drawn.nodes if n["kind"] == "cluster"]
    inner = scores["tier"].isin(W.GRAPH_INNER_TIERS)
    assert len(contacts) == min(int(inner.sum()), W.GRAPH_LIMIT) > 0
    assert drawn.counts["folded"] == len(scores) - len(contacts)
    assert 0 < len(clusters) <= W.GRAPH_MAX_CLUSTER_NODES + 1
    tier = scores.set_index("contact_id")["tier"]
    named = [n for n in contacts if n["label"]]
    assert {tier[n["id"]] for n in named} <= set(W.GRAPH_LABELLED_TIERS)
    assert len(named) >= min(3, int((scores["tier"] == "Inner circle").sum())), "the inner circle is named"
    assert sum(1 for n in clusters if n["label"]) >= min(len(clusters), 8), "the largest clusters are named"
    boxes = [graph._label_box(n) for n in drawn.nodes if n["label"]]
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == [], "no label prints over another"
    name = scores.set_index("contact_id")["name"]
    assert all(n["title"].startswith(name[n["id"]]) for n in contacts), "unnamed nodes name on hover"


def test_everyone_is_one_click_away(scored) -> None:
    net, scores = scored
    drawn = graph.build_graph(net, scores, inner_only=False)
    assert drawn.counts["shown"] == W.GRAPH_LIMIT
    named = sum(1 for n in drawn.nodes if n["kind"] == "contact" and n["label"])
    assert named <= int(scores["tier"].isin(W.GRAPH_LABELLED_TIERS).sum())


def test_every_node_is_placed_and_clusters_do_not_sit_on_each_other(scored) -> None:
    net, scores = scored
    drawn = graph.build_graph(net, scores, inner_only=True)
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in drawn.nodes)
    ring = [(n["x"], n["y"]) for n in drawn.nodes if n["kind"] == "cluster"]
    gaps = [math.dist(a, b) for i, a in enumerate(ring) for b in ring[i + 1:]]
    assert min(gaps) > 20, "cluster nodes do not sit on each other"
