"""One company, one name: spellings and legal forms of one company group together on every surface
(breadth and diversity, the treemap and its filter, the graph's clusters), shown under the most
frequent spelling."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import attribution, chart_filters, charts, graph
from analytics.breadth import breadth_summary, diversity
from analytics.companies import company_key, company_names
from analytics.model import CONTACT_COLUMNS, Network
from tests.builders import SYNTHETIC_AS_OF as AS_OF
from tests.builders import model_frame

NORTHWIND = ["Northwind Traders", "Northwind Traders, Inc.", "Northwind Traders", "NORTHWIND TRADERS INC"]


@pytest.mark.parametrize(("name", "key"), [
    ("Northwind Traders, Inc.", "northwind traders"),
    ("  northwind   TRADERS ", "northwind traders"),
    ("Acme LLC", "acme"), ("Acme Ltd.", "acme"), ("Acme Limited", "acme"), ("Acme Corp.", "acme"),
    ("Müller GmbH", "muller"), ("Müller AG", "muller"), ("Gamma GmbH & Co. KG", "gamma"),
    ("Groen B.V.", "groen"), ("Groen BV", "groen"), ("Groen N.V.", "groen"),
    ("Rossi S.r.l.", "rossi"), ("Rossi S.p.A.", "rossi"), ("Rossi SpA", "rossi"), ("Siemens SE", "siemens"),
    ("Procter & Gamble", "procter & gamble"),  # an "&" inside a name stays
    ("Rhein-Main Consulting", "rhein main consulting"),
    ("AG", "ag"),  # nothing but a legal form: kept, never blank
    ("Agency Partners", "agency partners"),  # a word starting like a legal form is not one
    ("", ""), (None, ""),
])
def test_company_key(name: str | None, key: str) -> None:
    assert company_key(pd.Series([name], dtype=object)).tolist() == [key]


@pytest.mark.parametrize(("names", "shown"), [
    (NORTHWIND, ["Northwind Traders"] * 4),  # the most frequent spelling
    (["Beta B.V.", "beta", "Beta B.V.", ""], ["Beta B.V.", "Beta B.V.", "Beta B.V.", ""]),
    (["Zeta Inc.", "Zeta"], ["Zeta", "Zeta"]),  # a tie: the first in alphabetical order
])
def test_company_names_show_the_most_frequent_spelling(names: list[str], shown: list[str]) -> None:
    assert company_names(pd.Series(names, index=range(10, 10 + len(names)))).tolist() == shown


def _net(companies: list[str]) -> Network:
    n = len(companies)
    return Network(contacts=model_frame(CONTACT_COLUMNS, contact_id=[f"c{i}" for i in range(n)],
                                        name=[f"P{i}" for i in range(n)], company=companies,
                                        connected_on=["2020-01-01"] * n))


@pytest.mark.parametrize(("companies", "count", "top", "diverse"), [
    ([*NORTHWIND, "Beta"], 2,
     [{"company": "Northwind Traders", "contacts": 4}, {"company": "Beta", "contacts": 1}], 0.3109),
    (["Acme GmbH", "ACME", "Beta S.p.A.", "Beta SpA"], 2,
     [{"company": "ACME", "contacts": 2}, {"company": "Beta S.p.A.", "contacts": 2}], 0.5),
])
def test_breadth_counts_one_company_once(companies: list[str], count: int, top: list[dict],
                                         diverse: float) -> None:
    summary = breadth_summary(_net(companies), AS_OF)
    assert (summary["companies"], summary["top_companies"], summary["diversity"]) == (count, top, diverse)
    assert diversity(pd.Series(companies)) == diverse


def test_treemap_has_one_tile_per_company_and_its_filter_takes_every_spelling() -> None:
    contacts = pd.DataFrame({"contact_id": ["a", "b", "c", "d", "e"], "company": [*NORTHWIND, "Beta"],
                             "function": ["Sales"] * 5})
    tiles = charts.treemap_tiles(contacts, min_share=0.1)
    assert tiles[["key", "company", "n"]].values.tolist() == [["northwind traders", "Northwind Traders", 4],
                                                            ["beta", "Beta", 1]]
    event = {"selection": {"points": [{"customdata": ["company", "Northwind Traders"]}]}}
    assert chart_filters.filter_by_selection(contacts, event)["contact_id"].tolist() == ["a", "b", "c", "d"]


def test_member_candidates_take_every_spelling_of_a_chosen_company() -> None:
    scores = pd.DataFrame({"contact_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
                           "company": ["Northwind Traders", "Northwind Traders, Inc.", "Beta", "northwind"],
                           "position": [""] * 4, "tier": ["Close"] * 4, "strength": [1.0] * 4})
    found = attribution.member_candidates(scores, pd.DataFrame(columns=["contact_id", "group_id"]), "g1",
                                          companies=["Northwind Traders, Inc."])
    assert found["contact_id"].tolist() == ["a", "b"]  # not Beta, not the other company "Northwind"


def test_graph_draws_one_cluster_per_company_under_its_usual_name() -> None:
    scores = pd.DataFrame({"contact_id": ["a", "b", "c", "d"], "name": ["A", "B", "C", "D"],
                           "company": NORTHWIND, "strength": [1.0, 2.0, 3.0, 4.0], "tier": ["Dormant"] * 4})
    built = graph.build_graph(Network(), scores, limit=1)
    assert [(c["label"], c["count"]) for c in built.clusters] == [("Northwind Traders", 3)]
