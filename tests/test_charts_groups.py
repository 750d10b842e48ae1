"""Groups page figures: which group a chart click selects."""

import pytest

from analytics import charts_groups


@pytest.mark.parametrize(("event", "expected"), [
    (None, None),
    ({"selection": {"points": []}}, None),
    ({"selection": {"points": [{"customdata": ["group", "g:bni", 60.0, 3]}]}}, "g:bni"),
    ({"points": [{"customdata": ["tier", "Close"]}, {"customdata": ["group", "g:kvk"]}]}, "g:kvk"),
    ({"selection": {"points": [{"x": 1, "y": 2}]}}, None),
])
def test_selected_group(event: dict | None, expected: str | None) -> None:
    assert charts_groups.selected_group(event) == expected
