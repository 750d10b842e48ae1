"""The Overview's treemap: every tile large enough for a readable label (but the one holding the small
functions, which is as large as they are). A company's tile needs
`TREEMAP_MIN_SHARE` of all contacts, else it joins its function's "other companies"; a function under
that share joins "Other"; a function of nothing but small companies is one tile."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import charts, i18n
from analytics import weights as W


def _contacts(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """(function, company, how many contacts) -> one row per contact."""
    return pd.DataFrame([(f, c) for f, c, n in rows for _ in range(n)], columns=["function", "company"])


@pytest.mark.parametrize(("rows", "tiles"), [
    # a big company keeps its tile, the small ones of the same function share one
    ([("Sales", "Acme", 10), ("Sales", "Beta", 1), ("Legal", "Lex", 9)],
     [("Sales", "Acme", 10), ("Sales", "other companies", 1), ("Legal", "Lex", 9)]),
    # a function under the share joins "Other" (drawn last), whatever its companies
    ([("Other", "Acme", 1), ("Sales", "Acme", 18), ("HR", "Big HR", 1)],
     [("Sales", "Acme", 18), ("Other", "other companies", 2)]),
    # a wide network: 40 companies of 1 contact each, no company tile at all
    ([("Sales", f"Firm {i}", 1) for i in range(40)], [("Sales", "other companies", 40)]),
    # contacts without a company are a tile of their own when there are enough of them
    ([("Sales", "", 6), ("Sales", "Acme", 4)], [("Sales", "", 6), ("Sales", "Acme", 4)]),
])
def test_tiles(rows: list[tuple[str, str, int]], tiles: list[tuple[str, str, int]]) -> None:
    found = charts.treemap_tiles(_contacts(rows), min_share=0.1)
    assert list(found[["function", "company", "n"]].itertuples(index=False, name=None)) == tiles


def test_every_tile_of_a_wide_network_is_large_enough_to_carry_its_name() -> None:
    rows = [("Sales", f"Firm {i}", 1 + i % 4) for i in range(300)] + [("Sales", "Acme", 60)] + [
        ("HR", f"People {i}", 1) for i in range(10)]
    contacts = _contacts(rows)
    figure = charts.company_treemap(contacts)
    values = dict(zip(figure.data[0].ids, figure.data[0].values, strict=True))
    leaves = [i for i in values if not any(other.startswith(i + "/") for other in values)]
    named = [i for i in leaves if i != charts.OTHER_FUNCTION]  # the small functions together: as they are
    assert min(values[i] for i in named) >= W.TREEMAP_MIN_SHARE * len(contacts)
    assert sorted(figure.data[0].labels) == ["Acme", "Other", "Sales", "other<br>companies"]


@pytest.mark.parametrize(("lang", "label"), [
    ("en", "Executive/<br>Owner"), ("de", "Geschäftsführung/<br>Inhaber"), ("it", "Direzione/<br>titolare")])
def test_long_function_names_wrap_so_the_largest_tile_keeps_its_name(lang: str, label: str) -> None:
    with i18n.use(lang):
        figure = charts.company_treemap(_contacts([("Executive/Owner", f"Firm {i}", 1) for i in range(40)]))
    assert list(figure.data[0].labels) == [label]


def test_a_function_of_small_companies_is_one_tile_that_filters_by_function() -> None:
    figure = charts.company_treemap(_contacts([("Sales", "Acme", 18), ("Sales", "Beta", 1), ("HR", "X", 1),
                                               ("HR", "Y", 1)]))
    tiles = dict(zip(figure.data[0].labels, figure.data[0].customdata, strict=True))
    assert list(tiles["HR"]) == ["function", "HR"] and "X" not in tiles


@pytest.mark.parametrize(("lang", "shown"), [("en", "1,452"), ("de", "1.452"), ("it", "1.452")])
def test_tile_counts_carry_the_languages_thousands_separator(lang: str, shown: str) -> None:
    with i18n.use(lang):
        figure = charts.company_treemap(_contacts([("Sales", f"Firm {i}", 1) for i in range(1452)]))
    template, separators = figure.data[0].texttemplate, figure.layout.separators
    assert template == "%{label}<br>%{value:,}" and separators[1] == shown[1]  # d3 "," → the mark
