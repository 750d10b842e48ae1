"""Ego network: the user at the centre, contacts clustered by group or company, brokers marked.

A LinkedIn export has no ties between contacts, so *stand-in ties* join contacts who share a group
or a company (each contact tied to its `TIE_NEIGHBOURS` strength-neighbours in that cluster, so ties
grow linearly). Burt's constraint and effective size on those ties find *connectors*: contacts in two
or more clusters who bridge them. Above `limit` contacts the weakest fold into one node per cluster
("Acme (412)"), which keeps a 30,000-contact network light enough for a browser. `render_html` writes
a standalone page from an autoescaped template with vis-network inlined: nothing loads from another
host and no text from the data becomes HTML.

Example:
    >>> from analytics.model import empty_network
    >>> build_graph(empty_network(), pd.DataFrame(columns=SCORE_COLUMNS)).counts["shown"]
    0
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from markupsafe import Markup

from analytics import charts, i18n
from analytics import weights as W
from analytics.companies import company_key, company_names
from analytics.errors import InputError
from analytics.frames import among
from analytics.i18n import _, counted
from analytics.model import Network

if TYPE_CHECKING:
    import jinja2

#: Columns `build_graph` and `connectors` need from the scores frame (`depth.score_contacts`).
SCORE_COLUMNS = ["contact_id", "name", "company", "strength", "tier"]
#: Node colour per depth tier: the charts' tier palette (strong = dark green; red is kept for bad results).
TIER_COLORS: dict[str, str] = charts.TIER_COLORS
#: Colours for the largest clusters when colouring by group; the rest share `OTHER_COLOR`.
CLUSTER_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                   "#1f78b4", "#b15928", "#6a3d9a", "#33a02c")
OTHER_COLOR = "#bbbbbb"
COLOR_BY = ("tier", "group")
_NO_COMPANY = "company:"
#: Key of the one node that holds the folded contacts of all but the largest clusters.
OTHER_KEY = "other"
#: Layout in screen pixels at zoom 1 (the iframe's canvas is ~650 px at 1280 px), so labels print at
#: their font size: contacts 60-280 px from you by strength, folded clusters on a ring at 300/355 px.
_INNER_RADIUS, _RADIUS_PER_POINT, _CLUSTER_RADIUS, _RING_STEP = 60.0, 2.2, 300.0, 55.0
_FONT, _WRAP = 14, 22


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    """The HTML templates (jinja2 is imported on first use: the pages that draw the graph in Streamlit
    never need it)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                             autoescape=True)
    env.filters["n"] = lambda v: i18n.number(v) if isinstance(v, int) else v  # 30,000 not 30000
    env.globals["_"] = _  # the language is read when a page is rendered, not when this is built
    return env


@dataclass
class GraphData:
    """What `render_html` draws: vis-network node/edge dicts plus the legend and counts.

    `clusters` lists the folded and expanded cluster nodes (key, label, count, expanded) so a page
    can offer to expand them; `counts` has total, matched (after filters), shown, folded, clusters.
    """

    nodes: list[dict]
    edges: list[dict]
    clusters: list[dict]
    legend: list[dict]
    counts: dict[str, int]


# --- clusters and stand-in ties ------------------------------------------------------------------

def _contacts(net: Network, scores: pd.DataFrame) -> pd.DataFrame:
    """Scores with position, strongest first, one row per contact, text columns as clean strings."""
    missing = [c for c in SCORE_COLUMNS if c not in scores.columns]
    if missing:
        raise InputError("scores", _("missing column(s): {columns}").format(columns=", ".join(missing)))
    df = scores.reset_index(drop=True)
    if "position" not in df.columns:
        positions = net.contacts.drop_duplicates("contact_id").set_index("contact_id")["position"]
        df = df.assign(position=df["contact_id"].map(positions))
    if "reason" not in df.columns:
        df = df.assign(reason="")
    df = df.assign(contact_id=df["contact_id"].astype(str),
                   strength=pd.to_numeric(df["strength"], errors="coerce").fillna(0.0).astype(float),
                   **{c: df[c].astype(object).fillna("").astype(str)
                      for c in ("name", "company", "position", "tier", "reason")})
    df = df.sort_values(["strength", "contact_id"], ascending=[False, True], kind="stable")
    return df.drop_duplicates("contact_id").reset_index(drop=True)


def _memberships(net: Network, df: pd.DataFrame) -> pd.DataFrame:
    """contact_id, key, label, rank: every group and the company of each contact (rank 0 = first group).

    Groups come in `net.groups` order (unknown group ids after, labelled by id), then the company.
    """
    order = {g: i for i, g in enumerate(net.groups["group_id"].astype(str))}
    names = dict(zip(net.groups["group_id"].astype(str), net.groups["name"].fillna("").astype(str),
                     strict=True))
    members = net.members.assign(contact_id=net.members["contact_id"].astype(str),
                                 group_id=net.members["group_id"].astype(str))
    members = members[among(members["contact_id"], df["contact_id"])].drop_duplicates()
    groups = pd.DataFrame({
        "contact_id": members["contact_id"], "key": "group:" + members["group_id"],
        "label": [names.get(g) or g for g in members["group_id"].tolist()],
        "rank": [order.get(g, len(order)) for g in members["group_id"].tolist()]})
    has = df[df["company"].str.strip() != ""]  # one cluster per company however spelt, under its usual name
    companies = pd.DataFrame({"contact_id": has["contact_id"],
                              "key": "company:" + company_key(has["company"]),
                              "label": company_names(has["company"]), "rank": len(order) + 1})
    both = pd.concat([groups, companies], ignore_index=True)
    both["label"] = both.groupby("key")["label"].transform("first")
    return both


def _display_cluster(df: pd.DataFrame, memberships: pd.DataFrame) -> pd.DataFrame:
    """df with `cluster` (key) and `cluster_label`: first group, else company, else "No company"."""
    first = memberships.sort_values(["rank", "key"], kind="stable").drop_duplicates("contact_id")
    first = first.set_index("contact_id")
    # as text before filling: with no membership at all the mapped column is float NaN (pandas 4 refuses)
    return df.assign(cluster=df["contact_id"].map(first["key"]).astype(object).fillna(_NO_COMPANY),
                     cluster_label=df["contact_id"].map(first["label"]).astype(object)
                     .fillna(_("No company")))


def _tie_pairs(df: pd.DataFrame, memberships: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Stand-in ties as (from, to) arrays, in the order they are added to a graph: within each cluster
    ranked by strength, each contact to its next `TIE_NEIGHBOURS`."""
    strength = df.set_index("contact_id")["strength"]
    m = memberships.assign(strength=memberships["contact_id"].map(strength))
    m = m.sort_values(["key", "strength", "contact_id"], ascending=[True, False, True], kind="stable")
    keys, ids = m["key"].to_numpy(dtype=object), m["contact_id"].to_numpy(dtype=object)
    pairs = [(ids[:-d][same], ids[d:][same]) for d in range(1, W.TIE_NEIGHBOURS + 1)
             for same in [keys[:-d] == keys[d:]]]
    a = np.concatenate([p[0] for p in pairs]) if pairs else np.array([], dtype=object)
    b = np.concatenate([p[1] for p in pairs]) if pairs else np.array([], dtype=object)
    return a, b


def _edges_among(pairs: tuple[np.ndarray, np.ndarray], ids: list[str]) -> list[tuple[str, str]]:
    """The ties (`_tie_pairs`) between `ids`, each once: by the tie's end that occurs first in the
    pairs, then in the order the ties first occur (the order of `networkx.Graph(pairs).edges()`).

    >>> pairs = (np.array(["b", "a", "c", "a"], dtype=object), np.array(["c", "b", "b", "c"], dtype=object))
    >>> _edges_among(pairs, ["a", "b", "c"])
    [('b', 'c'), ('b', 'a'), ('c', 'a')]
    """
    inside = pd.Index(ids, dtype=object)
    both = (inside.get_indexer(pairs[0]) >= 0) & (inside.get_indexer(pairs[1]) >= 0)
    codes, names = pd.factorize(np.column_stack([pairs[0][both], pairs[1][both]]).ravel().astype(object))
    low, high = np.minimum(codes[0::2], codes[1::2]), np.maximum(codes[0::2], codes[1::2])
    first = np.unique(low * max(len(names), 1) + high, return_index=True)[1]
    first = first[np.lexsort((first, low[first]))]
    return list(zip(names[low[first]].tolist(), names[high[first]].tolist(), strict=True))


def _codes(pairs: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """The tie arrays as integer codes into the returned index of ids (each id once)."""
    codes, ids = pd.factorize(np.concatenate(pairs).astype(object))
    return codes[:len(pairs[0])], codes[len(pairs[0]):], pd.Index(ids, dtype=object)


@dataclass(frozen=True)
class _Adjacency:
    """An undirected simple graph on integer nodes as sorted adjacency lists (CSR): the neighbours of
    node v are `nbr[start[v]:start[v + 1]]`; `keys` holds v * n + w for every tie (both ways), sorted."""

    start: np.ndarray
    nbr: np.ndarray
    degree: np.ndarray
    keys: np.ndarray

    @classmethod
    def of(cls, a: np.ndarray, b: np.ndarray, n: int) -> _Adjacency:
        keys = np.sort(np.concatenate([a * n + b, b * n + a]).astype(np.int64))
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
        degree = np.bincount(keys // n, minlength=n)
        return cls(np.concatenate([[0], np.cumsum(degree)]), keys % n, degree, keys)

    def around(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(i, t) for each tie of each of `nodes`: i its position in `nodes`, t the tie's position in
        `nbr` and `keys`."""
        count = self.degree[nodes]
        owner = np.repeat(np.arange(len(nodes)), count)
        return owner, self.start[nodes][owner] + np.arange(count.sum()) - np.repeat(np.cumsum(count) - count,
                                                                                    count)


def _brokerage(pairs: tuple[np.ndarray, np.ndarray], candidates: list[str]) -> pd.DataFrame:
    """Burt's constraint and effective size of `candidates` on the (unweighted) stand-in ties
    (`_tie_pairs`, never a contact tied to itself); a candidate without ties is left out.

    With p = 1/degree (each tie weighs the same), the constraint on v is the sum over its neighbours n
    of (p_v + sum of p_v * p_w over the neighbours w of v that are tied to n)^2, which is what
    `networkx.constraint` returns. Effective size is Borgatti's form for unweighted ties, d - 2t/d
    (t ties among v's d neighbours), which is what `networkx.effective_size` returns. Only the
    candidates' two-step paths are walked, never the whole 30,000-contact graph.

    >>> tri = (np.array(["a", "a", "b"], dtype=object), np.array(["b", "c", "c"], dtype=object))
    >>> _brokerage(tri, ["a", "z"]).round(3).values.tolist()
    [['a', 1.125, 1.0]]
    """
    a, b, ids = _codes(pairs)
    n = len(ids)
    adj = _Adjacency.of(a, b, n)
    nodes = ids.get_indexer(pd.Index(candidates, dtype=object))
    nodes = nodes[nodes >= 0]
    owner, tie = adj.around(nodes)  # the candidates' ties v-w
    via, step = adj.around(adj.nbr[tie])  # the ties w-x of those neighbours
    v, w, x = nodes[owner[via]], adj.nbr[tie][via], adj.nbr[step]
    at = np.minimum(np.searchsorted(adj.keys, v * n + x), len(adj.keys) - 1)
    closed = adj.keys[at] == v * n + x  # x is v's neighbour too: triangle v-w-x, tie v-x at `at`
    indirect = np.bincount(at[closed],
                           weights=1.0 / adj.degree[w[closed]], minlength=len(adj.keys))
    d = adj.degree[nodes]
    p = 1.0 / d[owner]
    constraint = np.bincount(owner, weights=(p + p * indirect[tie]) ** 2, minlength=len(nodes))
    triangles = np.bincount(owner[via[closed]], minlength=len(nodes)) / 2
    return pd.DataFrame({"contact_id": pd.Series(ids[nodes], dtype=object),
                         "constraint": pd.Series(constraint, dtype=float),
                         "effective_size": pd.Series(d - 2 * triangles / d, dtype=float)})


def _bridged(memberships: pd.DataFrame) -> dict[str, list[str]]:
    """Per contact id, the labels of its clusters that hold at least one other contact."""
    sizes = memberships.groupby("key")["contact_id"].transform("size")
    shared = memberships[sizes >= 2].sort_values(["rank", "key"], kind="stable")
    bridged: dict[str, list[str]] = {}
    for contact, label in zip(shared["contact_id"].tolist(), shared["label"].tolist(), strict=True):
        bridged.setdefault(contact, []).append(label)
    return bridged


def _candidates(df: pd.DataFrame, bridged: dict[str, list[str]]) -> list[str]:
    """The contacts of `df` whose brokerage is scored: the strongest BROKERAGE_MAX_CANDIDATES in 2+
    clusters."""
    multi = df[np.array([len(bridged.get(c, ())) >= 2 for c in df["contact_id"].tolist()], dtype=bool)]
    return multi["contact_id"].head(W.BROKERAGE_MAX_CANDIDATES).tolist()


def _rank_brokers(df: pd.DataFrame, pairs: tuple[np.ndarray, np.ndarray], bridged: dict[str, list[str]],
                  candidates: list[str], top: int) -> pd.DataFrame:
    """The `top` lowest-constraint of `candidates` (`_candidates(df, bridged)`)."""
    found = _brokerage(pairs, candidates)
    found = found.merge(df[["contact_id", "name", "strength", "tier"]], on="contact_id")
    rank = found.assign(constraint=found["constraint"].round(W.BROKERAGE_CONSTRAINT_DECIMALS))
    order = rank.sort_values(["constraint", "effective_size", "strength", "contact_id"],
                             ascending=[True, False, False, True], kind="stable").index
    found = found.loc[order].head(top)
    return found.assign(clusters=["; ".join(bridged[c]) for c in found["contact_id"].tolist()])


def connectors(net: Network, scores: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Contacts who bridge groups/companies: in 2+ clusters, lowest Burt constraint first.

    Columns: contact_id, name, clusters ("BNI; Acme"), constraint (0-1, lower = more brokerage),
    effective_size (non-redundant stand-in ties), strength, reason. Only the strongest
    `BROKERAGE_MAX_CANDIDATES` contacts in two or more clusters are scored; near-equal constraints
    (`BROKERAGE_CONSTRAINT_DECIMALS`) rank by effective size, then strength.

    >>> from analytics.model import empty_network
    >>> net = empty_network()
    >>> net.groups = pd.DataFrame({"group_id": ["g"], "name": ["BNI"]})
    >>> net.members = pd.DataFrame({"contact_id": ["a", "b"], "group_id": ["g", "g"]})
    >>> scores = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann", "Bo", "Cy"],
    ...     "company": ["Acme", "", "Acme"], "strength": [50, 40, 30], "tier": ["Close"] * 3})
    >>> connectors(net, scores)[["name", "clusters", "constraint"]].values.tolist()
    [['Ann', 'BNI; Acme', 0.5]]
    """
    df = _contacts(net, scores)
    memberships = _memberships(net, df)
    bridged = _bridged(memberships)
    candidates = _candidates(df, bridged)
    found = _rank_brokers(df, _tie_pairs(df, memberships), bridged, candidates, top)
    reason = [_("Links {clusters}: constraint {constraint}, effective size {size}").format(
                  clusters=c.replace("; ", ", "), constraint=i18n.number(k, 2), size=i18n.number(e, 1))
              for c, k, e in zip(found["clusters"], found["constraint"], found["effective_size"],
                                 strict=True)]
    return found.assign(reason=reason)[["contact_id", "name", "clusters", "constraint", "effective_size",
                                        "strength", "tier", "reason"]].reset_index(drop=True)


def connector_advice(found: pd.DataFrame) -> pd.DataFrame:
    """The connectors as the app shows them, in plain words: name, tier, strength (whole points),
    bridges ("2 clusters: BNI, Acme"), constraint and effective size (rounded; explained in
    `wording.MEASURES`) and what to do; active ties first. Introductions are suggested only through
    active ties (`weights.ACTIVE_TIERS`): asking a weak tie for a favour is assuming closeness.

    >>> c = pd.DataFrame({"name": ["Ann", "Bo"], "clusters": ["BNI; Acme", "BNI; Zed"],
    ...                   "strength": [50.2, 3.0], "tier": ["Close", "Acquaintance"],
    ...                   "constraint": [0.6111, 0.5], "effective_size": [2.333, 2.0]})
    >>> connector_advice(c)["what_to_do"].str[:21].tolist()
    ['Ask for an introducti', 'Warm this relationshi']
    >>> connector_advice(c.iloc[:0]).columns.tolist()  # a network without clusters has no connectors
    ['name', 'tier', 'strength', 'bridges', 'constraint', 'effective_size', 'what_to_do']
    """
    parts = [str(c).split("; ") for c in found["clusters"]]
    active = found["tier"].isin(W.ACTIVE_TIERS)
    todo = np.where(active, _("Ask for an introduction to someone in the other cluster, or make one."),
                    _("Warm this relationship first (a reply, a coffee, a favour); ask for introductions "
                      "once they are an active tie."))
    table = pd.DataFrame({"name": found["name"], "tier": [_(t) if t else t for t in found["tier"]],
                          "strength": found["strength"].round().astype(int),
                          "bridges": [counted("{n} cluster: {names}", "{n} clusters: {names}", len(p),
                                              names=", ".join(p)) for p in parts],
                          "constraint": found["constraint"].round(2),
                          "effective_size": found["effective_size"].round(1), "what_to_do": todo,
                          "_active": active})
    return table.sort_values("_active", ascending=False, kind="stable").drop(columns="_active").reset_index(
        drop=True)  # the people you can ask first


# --- the displayed graph -------------------------------------------------------------------------

def _filter(df: pd.DataFrame, memberships: pd.DataFrame, *, group: str | None, tier: str | None,
            min_strength: float, company: str | None, search: str) -> pd.DataFrame:
    keep = df["strength"] >= min_strength
    if group:
        wanted = group.casefold()
        in_group = memberships[memberships["key"].str.startswith("group:")
                               & ((memberships["key"].str.casefold() == "group:" + wanted)
                                  | (memberships["label"].str.casefold() == wanted))]
        keep &= df["contact_id"].isin(in_group["contact_id"])
    if tier:
        keep &= df["tier"] == tier
    if company:
        keep &= company_key(df["company"]) == company_key(pd.Series([company])).iloc[0]
    if search.strip():
        text = (df["name"] + "\n" + df["company"] + "\n" + df["position"]).str.casefold()
        keep &= text.str.contains(search.strip().casefold(), regex=False)
    return df[keep]


def _title(row: pd.Series) -> str:
    position, company = row["position"], row["company"]
    role = _("{position} at {company}").format(position=position, company=company) if position and company \
        else position or company
    lines = [row["name"], role, _("{tier} · strength {strength}").format(
        tier=_(row["tier"]) if row["tier"] else "", strength=i18n.number(row["strength"]))]
    lines.append(row["reason"])
    if row["clusters"]:
        lines.append(_("Clusters: {names}").format(names=", ".join(row["clusters"])))
    return "\n".join(line for line in lines if line)


def _palette(matched: pd.DataFrame) -> dict[str, str]:
    """Cluster key -> colour for the largest clusters among the matched contacts (then by key)."""
    sizes = matched["cluster"].value_counts()
    return dict(zip(sorted(sizes.index, key=lambda k: (-sizes[k], k)), CLUSTER_PALETTE, strict=False))


def _fold(matched: pd.DataFrame, limit: int, expand: frozenset[str],
          inner_only: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, folded): the `limit` strongest (of the `GRAPH_INNER_TIERS` when `inner_only`) and the
    expanded clusters one by one, the rest folded.

    `folded["node"]` is the contact's cluster key, or `OTHER_KEY` outside the largest
    `GRAPH_MAX_CLUSTER_NODES` folded clusters; expanding `OTHER_KEY` unfolds those small clusters.
    """
    tiers = matched["tier"]
    eligible = (tiers.isin(W.GRAPH_INNER_TIERS) if inner_only else tiers.notna()).to_numpy()
    individual = (eligible & (np.cumsum(eligible) <= limit)) | matched["cluster"].isin(expand).to_numpy()
    sizes = matched.loc[~individual, "cluster"].value_counts()
    small = sorted(sizes.index, key=lambda k: (-sizes[k], k))[W.GRAPH_MAX_CLUSTER_NODES:]
    if OTHER_KEY in expand:
        individual |= matched["cluster"].isin(small).to_numpy()
    folded = matched[~individual]
    return matched[individual], folded.assign(node=folded["cluster"].where(~folded["cluster"].isin(small),
                                                                           OTHER_KEY))


def labelled(tiers: pd.Series) -> pd.Series:
    """Which drawn contacts get their name printed: the `GRAPH_LABELLED_TIERS`, or everyone when no
    more than `GRAPH_LABEL_ALL_UP_TO` are drawn (other names show on hover).

    >>> labelled(pd.Series(["Close", "Never engaged"])).tolist()
    [True, True]
    >>> labelled(pd.Series(["Close"] + ["Never engaged"] * 40)).sum()
    np.int64(1)
    """
    if len(tiers) <= W.GRAPH_LABEL_ALL_UP_TO:
        return pd.Series(True, index=tiers.index)
    return tiers.isin(W.GRAPH_LABELLED_TIERS)


def _label_box(node: dict) -> tuple[float, float, float, float]:
    """Where vis-network prints a node's label (centred below it, a line per "\\n"), as x0, y0, x1, y1
    in pixels."""
    lines = node["label"].split("\n")
    width = max(map(len, lines)) * _FONT * 0.55 + 4
    top = node["y"] + node["size"] + 2
    return node["x"] - width / 2, top, node["x"] + width / 2, top + _FONT * 1.3 * len(lines)


def wrapped(label: str, width: int = _WRAP) -> str:
    """A cluster's label on lines of about `width` characters (vis-network breaks lines at "\\n"): a
    narrow label collides with fewer neighbours and is not cut at the canvas' edge.

    >>> wrapped("Deutsch-Niederländische Wirtschaftskammer (24)")
    'Deutsch-Niederländische\\nWirtschaftskammer (24)'
    >>> wrapped("Acme (3)")
    'Acme (3)'
    """
    return "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False)) or label


def fit_labels(nodes: list[dict]) -> list[dict]:
    """The nodes with every label cleared that would print over one placed before it or over the middle of
    a square at least as large as its node (or you): you first, then named contacts strongest first, then
    clusters largest first. A cleared name still shows on hover.

    >>> a = {"id": "a", "label": "Acme (40)", "x": 0, "y": 0, "size": 10, "kind": "cluster"}
    >>> b = {**a, "id": "b", "label": "Beta (3)", "x": 20, "size": 8}
    >>> c = {**a, "id": "c", "label": "Cy", "x": 0, "y": -30, "size": 5, "kind": "contact"}
    >>> [n["label"] for n in fit_labels([b, a])], [n["label"] for n in fit_labels([a, c])]
    (['', 'Acme (40)'], ['Acme (40)', ''])
    """
    rank = {"ego": 0, "contact": 1, "cluster": 2}
    # the squares and the star: a label's pale ground may touch one, never hide the middle of a larger one
    squares = [(n["size"], (n["x"] - n["size"] / 2, n["y"] - n["size"] / 2, n["x"] + n["size"] / 2,
                            n["y"] + n["size"] / 2)) for n in nodes if n["kind"] != "contact"]
    placed: list[tuple[float, float, float, float]] = []
    keep: set[str] = set()
    for node in sorted((n for n in nodes if n["label"]), key=lambda n: (rank[n["kind"]], -n["size"])):
        box = _label_box(node)
        if all(box[2] < p[0] or box[0] > p[2] or box[3] < p[1] or box[1] > p[3]
               for p in placed + [square for size, square in squares if size >= node["size"]]):
            placed.append(box)
            keep.add(node["id"])
    return [n if n["id"] in keep or not n["label"] else {**n, "label": ""} for n in nodes]


def layout(shown: pd.DataFrame, folded: list[str]) -> dict[str, tuple[float, float]]:
    """Positions computed once, so the browser runs no physics: every cluster gets a slice of the circle
    (by how many nodes it draws); its contacts sit in that slice, stronger ones nearer to you at the
    centre, and its folded node on the outer ring (alternately nearer and further, so labels clear).

    >>> pos = layout(pd.DataFrame({"contact_id": ["a", "b"], "cluster": ["k", "k"],
    ...                            "strength": [90.0, 10.0]}), ["k"])
    >>> [round(math.hypot(*pos[n])) for n in ("a", "b", "cluster:k")]
    [82, 272, 300]
    """
    counts = shown["cluster"].value_counts()
    weight = {k: int(counts.get(k, 0)) + (k in folded) for k in {*counts.index, *folded}}
    keys = sorted(weight, key=lambda k: (-weight[k], k))
    total = sum(weight.values()) or 1
    start, sector = 0.0, {}
    for key in keys:
        sector[key] = (start, 2 * math.pi * weight[key] / total)
        start += sector[key][1]
    positions: dict[str, tuple[float, float]] = {}
    for key, part in shown.groupby("cluster", sort=False):
        first, width = sector[key]
        n = len(part)
        for i, (cid, strength) in enumerate(zip(part["contact_id"], part["strength"], strict=True)):
            angle = first + width * (i + 0.5) / n
            radius = _INNER_RADIUS + (100 - float(strength)) * _RADIUS_PER_POINT + (i % 3) * 14
            positions[cid] = (radius * math.cos(angle), radius * math.sin(angle))
    # folded clusters evenly round the ring in the order of their slices, turned to sit near them: placed
    # at their slices' middles, the many small clusters of a wide network piled up where slices are thin
    middles = [sector[k][0] + sector[k][1] / 2 for k in keys if k in folded]
    step = 2 * math.pi / max(len(middles), 1)
    turn = math.atan2(sum(math.sin(m - j * step) for j, m in enumerate(middles)),
                      sum(math.cos(m - j * step) for j, m in enumerate(middles)))
    for j, key in enumerate(k for k in keys if k in folded):
        radius = _CLUSTER_RADIUS + (j % 2) * _RING_STEP
        angle = turn + j * step
        positions["cluster:" + key] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def _contact_nodes(shown: pd.DataFrame, color_by: str, palette: dict[str, str],
                   brokers: set[str]) -> list[dict]:
    nodes = []
    for row, named in zip(shown.to_dict("records"), labelled(shown["tier"]), strict=True):
        fill = (TIER_COLORS.get(row["tier"], OTHER_COLOR) if color_by == "tier"
                else palette.get(row["cluster"], OTHER_COLOR))
        broker = row["contact_id"] in brokers
        nodes.append({"id": row["contact_id"], "label": row["name"] if named else "", "title": _title(row),
                      "shape": "diamond" if broker else "dot", "size": 5 + 0.1 * row["strength"],
                      "color": {"background": fill, "border": "#000000" if broker else fill},
                      "borderWidth": 3 if broker else 1, "kind": "contact", "cluster": row["cluster"],
                      "connector": broker})
    return nodes


def _ego_edge(node_id: str, width: float) -> dict:
    return {"from": "ego", "to": node_id, "width": width, "color": {"color": "#c8c8c8"}, "kind": "ego"}


def _legend(color_by: str, palette: dict[str, str], labels: dict[str, str], has_folded: bool) -> list[dict]:
    if color_by == "tier":
        entries = [{"label": _(t), "color": c, "shape": "dot"} for t, c in TIER_COLORS.items()]
    else:
        entries = [{"label": labels[k], "color": c, "shape": "dot"} for k, c in palette.items()]
        entries.append({"label": _("Other clusters"), "color": OTHER_COLOR, "shape": "dot"})
    entries.append({"label": _("Connector: bridges 2+ clusters"), "color": "#ffffff", "shape": "diamond"})
    if has_folded:
        entries.append({"label": _("Folded cluster (contacts in brackets)"), "color": OTHER_COLOR,
                        "shape": "square"})
    return entries


@dataclass(frozen=True)
class GraphBase:
    """What every view of the graph reads whatever its filters, computed once per analysis: the contacts
    with their display cluster and clusters bridged, every membership, and the stand-in ties as pairs
    (the page caches it per workspace version; a filter re-runs only the view)."""

    contacts: pd.DataFrame
    memberships: pd.DataFrame
    bridged: dict[str, list[str]]
    pairs: tuple[np.ndarray, np.ndarray]


def graph_base(net: Network, scores: pd.DataFrame) -> GraphBase:
    """Clusters, memberships and stand-in ties of every scored contact (see `build_graph`).

    >>> from analytics.model import empty_network
    >>> scores = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Bo"], "company": ["Acme", "Acme"],
    ...                        "strength": [50, 40], "tier": ["Close"] * 2})
    >>> [list(p) for p in graph_base(empty_network(), scores).pairs]
    [['a'], ['b']]
    """
    df = _contacts(net, scores)
    memberships = _memberships(net, df)
    bridged = _bridged(memberships)
    df = _display_cluster(df, memberships)
    df = df.assign(clusters=[bridged.get(c, []) for c in df["contact_id"].tolist()])
    return GraphBase(contacts=df, memberships=memberships, bridged=bridged, pairs=_tie_pairs(df, memberships))


def build_graph(net: Network, scores: pd.DataFrame, *, color_by: str = "tier", limit: int = W.GRAPH_LIMIT,
                expand: frozenset[str] = frozenset(), group: str | None = None, tier: str | None = None,
                min_strength: float = 0, company: str | None = None, search: str = "",
                focus: str | None = None, inner_only: bool = False,
                base: GraphBase | None = None) -> GraphData:
    """The ego network to draw: filters, then the `limit` strongest contacts plus one node per folded cluster.

    Clusters: a contact's first group (in `net.groups` order), else its company. Contacts of clusters
    in `expand` (keys like "group:g1", "company:acme") are always drawn one by one. `group` matches a
    group id or name; `company` and `search` (name/company/position) ignore case. `focus` keeps one
    contact, its stand-in neighbours and the user. Connectors are drawn as diamonds. `inner_only` draws
    only the `GRAPH_INNER_TIERS` one by one and folds everyone else (the page's default view). Names
    are printed where they fit (`labelled`); every node has a precomputed position (`layout`). `base`
    is `graph_base(net, scores)` when already computed (the filters then re-run only what they change).

    >>> from analytics.model import empty_network
    >>> scores = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann", "Bo", "Cy"],
    ...     "company": ["Acme", "Acme", "Beta"], "strength": [50, 40, 30], "tier": ["Close"] * 3})
    >>> g = build_graph(empty_network(), scores, limit=1)
    >>> g.counts["shown"], g.counts["folded"], sorted(n["label"] for n in g.nodes)
    (1, 2, ['Acme (1)', 'Ann', 'Beta (1)', 'You'])
    """
    if color_by not in COLOR_BY:
        raise InputError("color_by", _("must be one of {choices}, not {value}").format(
            choices=", ".join(COLOR_BY), value=repr(color_by)))
    if limit < 0:
        raise InputError("limit", _("must be 0 or more, not {value}").format(value=limit))
    base = graph_base(net, scores) if base is None else base
    df, memberships, bridged, pairs = base.contacts, base.memberships, base.bridged, base.pairs
    matched = _filter(df, memberships, group=group, tier=tier, min_strength=min_strength, company=company,
                      search=search)
    if focus is not None:
        if focus not in set(df["contact_id"]):
            raise InputError("focus", _("no contact with id {value}").format(value=repr(focus)))
        near = {focus, *pairs[1][pairs[0] == focus], *pairs[0][pairs[1] == focus]}
        matched = matched[matched["contact_id"].isin(near)]
        if focus not in set(matched["contact_id"]):
            matched = pd.concat([df[df["contact_id"] == focus], matched])
    shown, folded = _fold(matched, limit, expand, inner_only)
    palette = _palette(matched)
    labels = {**dict(zip(df["cluster"], df["cluster_label"], strict=True)), OTHER_KEY: _("Other contacts")}
    candidates = _candidates(shown, bridged)
    brokers = _rank_brokers(shown, pairs, bridged, candidates, W.GRAPH_CONNECTORS_MARKED)
    brokers = set(brokers["contact_id"])
    ego = net.owner.name or _("You")
    nodes = [{"id": "ego", "label": ego, "title": ego, "shape": "star", "size": 32, "color": "#222222",
              "kind": "ego", "fixed": True, "x": 0, "y": 0}]
    nodes += _contact_nodes(shown, color_by, palette, brokers)
    edges = [_ego_edge(n["id"], 0.5 + s / 20) for n, s in zip(nodes[1:], shown["strength"], strict=True)]
    sizes = folded["node"].value_counts()
    clusters = []
    for key in sorted(sizes.index, key=lambda k: (-sizes[k], k)):
        count = int(sizes[key])
        label = f"{labels[key]} ({i18n.number(count)})"
        nodes.append({"id": "cluster:" + key, "label": wrapped(label), "shape": "square",
                      "title": _("{cluster}: contacts folded into one node; expand this cluster to see them"
                                 ).format(cluster=label),
                      "size": min(22, 6 + 2 * math.log2(count + 1)),
                      "color": palette.get(key, OTHER_COLOR) if color_by == "group" else OTHER_COLOR,
                      "kind": "cluster", "cluster": key})
        edges.append(_ego_edge("cluster:" + key, 1 + math.log2(count + 1) / 2))
        clusters.append({"key": key, "label": labels[key], "count": count, "expanded": False})
    for key in sorted(set(expand) & set(shown["cluster"])):
        clusters.append({"key": key, "label": labels[key], "count": int((shown["cluster"] == key).sum()),
                         "expanded": True})
    tie = {"dashes": True, "width": 0.5, "color": {"color": "#e0e0e0"}, "kind": "tie"}
    edges += [{"from": a, "to": b, **tie} for a, b in _edges_among(pairs, shown["contact_id"].tolist())]
    edges += [{"from": c, "to": "cluster:" + k, **tie}
              for c, k in zip(shown["contact_id"].tolist(), shown["cluster"].tolist(), strict=True)
              if k in sizes.index]
    positions = layout(shown, list(sizes.index))
    for node in nodes[1:]:
        node["x"], node["y"] = positions[node["id"]]
    return GraphData(nodes=fit_labels(nodes), edges=edges, clusters=clusters,
                     legend=_legend(color_by, palette, labels, not folded.empty),
                     counts={"total": len(df), "matched": len(matched), "shown": len(shown),
                             "folded": len(folded), "clusters": len(sizes)})


# --- standalone HTML -----------------------------------------------------------------------------

_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _inline(text: str) -> str:
    """Library code made safe to sit inside <script>/<style>: no closing tag can end the element early."""
    return _CLOSING_TAG.sub(r"<\\/\1", text)


@lru_cache(maxsize=1)
def _vis_library() -> tuple[str, str]:
    """The vis-network JS and CSS that ship inside pyvis, read once, to inline into the page."""
    # find_spec locates the package without running it: importing pyvis imports IPython (0.4-0.7 s)
    lib = Path(importlib.util.find_spec("pyvis").origin).parent / "lib" / "vis-9.1.2"
    return (_inline((lib / "vis-network.min.js").read_text(encoding="utf-8")),
            _inline((lib / "vis-network.css").read_text(encoding="utf-8")))


def script_json(value: object) -> str:
    """JSON that can sit inside a <script> element: `<`, `>`, `&`, U+2028/9 escaped as \\uXXXX.

    >>> script_json({"name": "</script>"})
    '{"name": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _options() -> dict:
    """vis-network options: no physics (every node comes with its position from `layout`), so even a
    large graph is drawn at once and stays put."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        # a label printed over other nodes stays readable on its own pale ground
        "nodes": {"font": {"size": _FONT, "multi": False, "strokeWidth": 3, "strokeColor": "#ffffff",
                           "background": "rgba(255,255,255,0.75)"}},
        "edges": {"smooth": False},
    }


def summary(counts: dict[str, int]) -> str:
    """What the graph page's header says about `counts`, in the language in use.

    >>> summary({"shown": 300, "matched": 1200, "total": 1500, "folded": 900, "clusters": 12})
    'Showing 300 of 1,200 matching contacts (1,500 in total); 900 folded into 12 cluster nodes.'
    >>> summary({"shown": 1, "matched": 1, "folded": 0})
    'Showing 1 of 1 matching contact.'
    """
    shown, matched = i18n.number(counts.get("shown", 0)), counts.get("matched", 0)
    if "total" in counts:
        text = counted("Showing {shown} of {n} matching contact ({total} in total)",
                       "Showing {shown} of {n} matching contacts ({total} in total)", matched, shown=shown,
                       total=i18n.number(counts["total"]))
    else:
        text = counted("Showing {shown} of {n} matching contact", "Showing {shown} of {n} matching contacts",
                       matched, shown=shown)
    if counts.get("folded"):
        # TRANSLATORS: follows "Showing 300 of 1,200 matching contacts (1,500 in total)" after a semicolon
        text = _("{text}; {folded} folded into {clusters} cluster nodes").format(
            text=text, folded=i18n.number(counts["folded"]), clusters=i18n.number(counts.get("clusters", 0)))
    return text + "."


def render_html(graph: GraphData, title: str | None = None) -> str:
    """A standalone, offline HTML page drawing `graph` with vis-network (inlined, no CDN), in the language
    in use.

    Every text from the data is escaped by the template or travels as escaped JSON and reaches the
    page only through `textContent`/`innerText`.

    >>> page = render_html(GraphData([], [], [], [], {"shown": 0, "folded": 0}), title="<img src=x>")
    >>> "<img src=x>" in page, "&lt;img src=x&gt;" in page
    (False, True)
    """
    js, css = _vis_library()
    data = {"nodes": graph.nodes, "edges": graph.edges, "options": _options()}
    return _templates().get_template("graph.html").render(
        title=_("Network") if title is None else title, legend=graph.legend, clusters=graph.clusters,
        summary=summary(graph.counts), lang=i18n.language(),
        vis_js=Markup(js), vis_css=Markup(css),
        data_json=Markup(script_json(data)))
