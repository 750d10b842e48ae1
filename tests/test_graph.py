"""Network graph: clusters, folding, filters, focus, brokerage, and a safe offline page."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from analytics import graph
from analytics import weights as W
from analytics.errors import InputError
from analytics.model import Network, Owner

# id, name, company, position, strength, tier
PEOPLE = [
    ("a", "Ann", "Acme", "Engineer", 80.0, "Inner circle"),
    ("b", "Bo", "acme ", "Sales", 60.0, "Close"),
    ("c", "Cy", "Beta", "Engineer", 40.0, "Active"),
    ("d", "Di", "", "Founder", 20.0, "Network"),
    ("e", "Ed", "Gamma", "Designer", 10.0, "Dormant"),
]


def scores_of(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["contact_id", "name", "company", "position", "strength", "tier"])


def network(members: list[tuple[str, str]],
            groups: list[tuple[str, str]] = (("g1", "BNI"), ("g2", "Chamber")), owner: str = "Me") -> Network:
    return Network(owner=Owner(name=owner),
                   groups=pd.DataFrame(list(groups), columns=["group_id", "name"]),
                   members=pd.DataFrame(members, columns=["contact_id", "group_id"]))


def by_id(g: graph.GraphData) -> dict[str, dict]:
    return {n["id"]: n for n in g.nodes}


# --- clusters and folding ----------------------------------------------------------------------

@pytest.mark.parametrize(("contact", "cluster"), [
    ("a", "group:g1"),      # in a group: the group wins over the company
    ("e", "group:g1"),      # in two groups: the first in net.groups order
    ("b", "company:acme"),  # no group: company, case and spaces folded
    ("c", "company:beta"),
    ("d", "company:"),      # neither: "No company"
])
def test_cluster_is_first_group_else_company(contact: str, cluster: str) -> None:
    g = graph.build_graph(network([("a", "g1"), ("e", "g2"), ("e", "g1")]), scores_of(PEOPLE))
    assert by_id(g)[contact]["cluster"] == cluster


def test_folded_cluster_labels_count_contacts() -> None:
    g = graph.build_graph(network([("a", "g1"), ("e", "g2"), ("e", "g1")]), scores_of(PEOPLE), limit=0)
    labels = sorted(n["label"] for n in g.nodes if n["kind"] == "cluster")
    assert labels == ["Acme (1)", "BNI (2)", "Beta (1)", "No company (1)"]


@pytest.mark.parametrize(("limit", "shown", "folded", "clusters"), [
    (0, 0, 5, 4),    # Acme (a, b), Beta, No company, Gamma
    (2, 2, 3, 3),    # a, b shown: Acme is gone
    (5, 5, 0, 0),
    (300, 5, 0, 0),
])
def test_folding_above_the_limit(limit: int, shown: int, folded: int, clusters: int) -> None:
    g = graph.build_graph(network([]), scores_of(PEOPLE), limit=limit)
    assert (g.counts["shown"], g.counts["folded"], g.counts["clusters"]) == (shown, folded, clusters)
    assert len(g.nodes) == 1 + shown + clusters
    assert sum(c["count"] for c in g.clusters if not c["expanded"]) == folded


def test_expand_one_cluster_shows_its_members() -> None:
    g = graph.build_graph(network([]), scores_of(PEOPLE), limit=0, expand=frozenset({"company:acme"}))
    nodes = by_id(g)
    assert {"a", "b"} <= set(nodes) and "cluster:company:acme" not in nodes
    assert "cluster:company:beta" in nodes
    assert {"key": "company:acme", "label": "Acme", "count": 2, "expanded": True} in g.clusters
    assert g.counts["shown"] == 2


def test_small_clusters_share_one_other_node(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(W, "GRAPH_MAX_CLUSTER_NODES", 1)
    g = graph.build_graph(network([]), scores_of(PEOPLE), limit=0)
    assert sorted(n["label"] for n in g.nodes if n["kind"] == "cluster") == ["Acme (2)", "Other contacts (3)"]
    unfolded = graph.build_graph(network([]), scores_of(PEOPLE), limit=0, expand=frozenset({graph.OTHER_KEY}))
    assert set(by_id(unfolded)) == {"ego", "cluster:company:acme", "c", "d", "e"}


# --- filters and focus -------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "expected"), [
    ({"group": "BNI"}, {"a", "e"}),          # by group name
    ({"group": "g2"}, {"e"}),                # by group id
    ({"tier": "Close"}, {"b"}),
    ({"min_strength": 40}, {"a", "b", "c"}),
    ({"company": " ACME"}, {"a", "b"}),      # case and spaces ignored
    ({"search": "engineer"}, {"a", "c"}),    # position
    ({"search": "gam"}, {"e"}),              # company
    ({"search": "di"}, {"d"}),               # name
    ({"group": "BNI", "min_strength": 50}, {"a"}),
])
def test_filters(filters: dict, expected: set[str]) -> None:
    g = graph.build_graph(network([("a", "g1"), ("e", "g1"), ("e", "g2")]), scores_of(PEOPLE), **filters)
    assert {n["id"] for n in g.nodes if n["kind"] == "contact"} == expected
    assert g.counts["matched"] == len(expected)


def test_focus_keeps_contact_its_stand_in_neighbours_and_the_ego() -> None:
    # a-b share Acme, a-c share the BNI group; d and e share nothing with a.
    g = graph.build_graph(network([("a", "g1"), ("c", "g1")]), scores_of(PEOPLE), focus="a")
    assert set(by_id(g)) == {"ego", "a", "b", "c"}
    lone = graph.build_graph(network([]), scores_of(PEOPLE), focus="d")
    assert set(by_id(lone)) == {"ego", "d"}


def test_unknown_focus_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no contact"):
        graph.build_graph(network([]), scores_of(PEOPLE), focus="zz")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"color_by": "size"}, "color_by"),
    ({"limit": -1}, "limit"),
])
def test_bad_options_are_input_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        graph.build_graph(network([]), scores_of(PEOPLE), **kwargs)


def test_missing_score_column_is_an_input_error() -> None:
    with pytest.raises(InputError, match="tier"):
        graph.build_graph(network([]), scores_of(PEOPLE).drop(columns="tier"))


# --- colour, edges, tooltips -------------------------------------------------------------------

def test_color_by_tier_or_group() -> None:
    net, scores = network([]), scores_of(PEOPLE)
    tier = by_id(graph.build_graph(net, scores))
    assert tier["a"]["color"]["background"] == graph.TIER_COLORS["Inner circle"]
    group = graph.build_graph(net, scores, color_by="group")
    nodes = by_id(group)
    assert nodes["a"]["color"]["background"] == nodes["b"]["color"]["background"] == graph.CLUSTER_PALETTE[0]
    assert nodes["c"]["color"]["background"] != nodes["a"]["color"]["background"]
    assert {"label": "Acme", "color": graph.CLUSTER_PALETTE[0], "shape": "dot"} in group.legend


def test_edges_from_ego_weighted_by_strength_and_ties_within_clusters() -> None:
    g = graph.build_graph(network([]), scores_of(PEOPLE))
    ego = {e["to"]: e["width"] for e in g.edges if e["kind"] == "ego"}
    assert ego["a"] == pytest.approx(0.5 + 80 / 20) and ego["e"] == pytest.approx(0.5 + 10 / 20)
    assert [{e["from"], e["to"]} for e in g.edges if e["kind"] == "tie"] == [{"a", "b"}]


@pytest.mark.parametrize(("reason", "title"), [
    ("Replied last week", "Ann\nEngineer at Acme\nInner circle · strength 80\nReplied last week\n"
                          "Clusters: BNI, Acme"),
    (None, "Ann\nEngineer at Acme\nInner circle · strength 80\nClusters: BNI, Acme"),
])
def test_title_is_plain_text_with_role_tier_reason_and_clusters(reason: str | None, title: str) -> None:
    scores = scores_of(PEOPLE).assign(reason=reason)
    assert by_id(graph.build_graph(network([("a", "g1"), ("c", "g1")]), scores))["a"]["title"] == title


# --- brokerage ---------------------------------------------------------------------------------

def test_brokerage_matches_a_hand_computation() -> None:
    # BNI = {a, c, e} (a clique), Acme = {a, b}. a's neighbours b, c, e each get p = 1/3.
    # constraint(a) = (1/3 + 1/3*1/2)^2 [c] + (1/3 + 1/3*1/2)^2 [e] + (1/3)^2 [b] = 1/4 + 1/4 + 1/9.
    # effective size(a) = n - 2t/n = 3 - 2*1/3 (one tie, c-e, among a's three neighbours).
    net = network([("a", "g1"), ("c", "g1"), ("e", "g1")])
    found = graph.connectors(net, scores_of(PEOPLE))
    assert found["contact_id"].tolist() == ["a"]  # the only contact in two shared clusters
    row = found.iloc[0]
    assert row["clusters"] == "BNI; Acme"
    assert row["constraint"] == pytest.approx(1 / 4 + 1 / 4 + 1 / 9)
    assert row["effective_size"] == pytest.approx(3 - 2 / 3)
    assert row["reason"] == "Links BNI, Acme: constraint 0.61, effective size 2.3"


def test_contact_in_two_groups_is_the_top_connector_and_is_marked() -> None:
    # x is in both groups; a is in BNI and Acme (with b); c, d, e sit in one cluster each.
    people = [*PEOPLE, ("x", "Xi", "", "", 5.0, "Acquaintance")]
    net = network([("a", "g1"), ("c", "g1"), ("x", "g1"), ("d", "g2"), ("e", "g2"), ("x", "g2")])
    found = graph.connectors(net, scores_of(people), top=1)
    assert found["contact_id"].tolist() == ["x"]
    nodes = by_id(graph.build_graph(net, scores_of(people)))
    assert nodes["x"]["shape"] == "diamond" and nodes["x"]["connector"] is True
    assert nodes["c"]["shape"] == "dot" and nodes["c"]["connector"] is False


EDGE_LISTS = [
    [(1, 2), (2, 3), (3, 1), (3, 4), (4, 5), (5, 6), (6, 4), (2, 7)],
    [(1, 2), (1, 3), (1, 4), (2, 3), (4, 5), (5, 6), (6, 7), (7, 5), (1, 7)],
    [(1, 2), (2, 1), (1, 3), (3, 2), (1, 2), (4, 3)],  # a tie twice and both ways: counted once
    [(3, 1), (1, 2), (2, 3), (3, 4), (4, 1), (1, 5), (5, 6), (6, 7), (7, 8), (8, 6), (9, 10)],
    [(1, u) for u in range(2, 9)] + [(2, 3), (4, 5), (5, 6), (6, 4)],  # a star with a triangle
]


@pytest.mark.parametrize("edges", EDGE_LISTS)
@pytest.mark.parametrize("candidates", [["1", "3"], ["3", "99", "1", "2"]])  # 99 has no tie: left out
def test_brokerage_equals_networkx(edges: list[tuple[int, int]], candidates: list[str]) -> None:
    pairs = tuple(np.array([str(e[i]) for e in edges], dtype=object) for i in (0, 1))
    ties = nx.Graph(zip(*pairs, strict=True))
    found = graph._brokerage(pairs, candidates)
    assert found["contact_id"].tolist() == [c for c in candidates if c in ties]
    found = found.set_index("contact_id")
    size = nx.effective_size(ties)
    for node, value in nx.constraint(ties).items():  # the sparse-matrix path, as networkx ran here before
        if node in found.index:
            assert found.loc[node, "constraint"] == pytest.approx(value, abs=1e-12, rel=0)
            assert found.loc[node, "effective_size"] == pytest.approx(size[node], abs=1e-12, rel=0)


@pytest.mark.parametrize("edges", EDGE_LISTS)
@pytest.mark.parametrize("among", [None, ["3", "2", "1", "5", "6"]])
def test_ties_among_contacts_come_in_networkx_order(edges: list[tuple[int, int]],
                                                   among: list[str] | None) -> None:
    pairs = tuple(np.array([str(e[i]) for e in edges], dtype=object) for i in (0, 1))
    ids = among or sorted(set(pairs[0]) | set(pairs[1]))
    keep = [(a, b) for a, b in zip(*pairs, strict=True) if a in ids and b in ids]
    assert graph._edges_among(pairs, ids) == list(nx.Graph(keep).edges())


# --- safe, offline HTML ------------------------------------------------------------------------

class Page(HTMLParser):
    """What a browser would build: every start tag with its attributes, script bodies, text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", '" onmouseover="alert(1)',
           "<!--<script>", "a\u2028b & <b>c</b>"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_never_becomes_html(payload: str) -> None:
    people = [("a", payload, payload, payload, 50.0, "Close"), ("b", "Bo", payload, "", 40.0, "Close"),
              ("c", "Cy", "Beta", "", 1.0, "Dormant")]
    net = network([("a", "g1")], groups=[("g1", payload)], owner=payload)
    for color_by in graph.COLOR_BY:
        html = graph.render_html(graph.build_graph(net, scores_of(people), limit=1, color_by=color_by),
                                 title=payload)
        page = Page(html)
        assert payload not in html
        assert [t for t, _ in page.tags].count("script") == 3  # data, vis-network, ours: no injected one
        assert all(t not in {"img", "b"} for t, _ in page.tags)
        assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
        data = json.loads(page.scripts[0])
        # intact as text (a long cluster label is on two lines)
        assert {n["label"].replace("\n", " ") for n in data["nodes"]} >= {payload, f"{payload} (1)"}
        assert payload in "".join(page.text)  # title, legend and cluster list show it as text


def test_page_is_offline_with_vis_network_inline() -> None:
    html = graph.render_html(graph.build_graph(network([("a", "g1")]), scores_of(PEOPLE)), title="Mine")
    page = Page(html)
    links = [v for _, attrs in page.tags for k, v in attrs.items() if k in {"src", "href"}]
    assert links == []  # nothing is loaded: no script src, no stylesheet link
    assert all(t not in {"link", "iframe", "img"} for t, _ in page.tags)
    assert "@import" not in html and "XMLHttpRequest" not in html and "fetch(" not in html
    assert "vis-network" in page.scripts[1] and len(page.scripts[1]) > 400_000
    assert "new vis.Network(" in page.scripts[2]
    data = json.loads(page.scripts[0])
    assert data["options"]["physics"] == {"enabled": False}, "positions come precomputed"
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_script_json_cannot_close_its_script_element() -> None:
    value = {"x": "</script><!-- & \u2028\u2029"}
    text = graph.script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_position_comes_from_contacts_when_scores_lack_it() -> None:
    net = network([])
    net.contacts = pd.DataFrame({"contact_id": ["a"], "position": ["CFO"]})
    scores = scores_of(PEOPLE[:1]).drop(columns="position")
    assert by_id(graph.build_graph(net, scores))["a"]["title"].splitlines()[1] == "CFO at Acme"
