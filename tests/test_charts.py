"""Text from files inside plotly charts is escaped: plotly renders <a>, <b> and <span> in labels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import charts, report
from analytics.report_html import figures
from tests.builders import XSS_GROUP
from tests.builders import hostile_network as network
from tests.test_report import AS_OF

LINK = "<a href='javascript:alert(1)'>Acme</a>"


def test_treemap_labels_escape_company_names():
    contacts = pd.DataFrame({"company": [LINK, LINK, "Plain BV"], "function": ["Sales", "Sales", "Legal"]})
    labels = [label.replace("<br>", " ") for label in charts.company_treemap(contacts).data[0].labels]
    assert LINK not in labels
    assert "&lt;a href=&#x27;javascript:alert(1)&#x27;&gt;Acme&lt;/a&gt;" in labels and "Plain BV" in labels


def test_report_charts_escape_group_names():
    groups = figures(report.report_data(network(), AS_OF))["groups"]
    names = [str(v) for trace in groups.data for v in trace.y]
    assert XSS_GROUP not in names and "&lt;img src=x onerror=alert(2)&gt;" in names


@pytest.mark.parametrize(("top", "step"), [(0, 1), (3, 1), (7, 2), (40, 10), (500, 200), (1579, 500),
                                           (30_000, 10_000)])
def test_tick_steps_are_round(top: float, step: float) -> None:
    assert charts.nice_step(top) == step


@pytest.mark.parametrize(("new", "total"), [(40, 1579), (3, 500), (180, 30_000), (0, 0)])
def test_growth_axes_have_round_ticks_that_line_up(new: int, total: int) -> None:
    growth = pd.DataFrame({"month": ["2026-01", "2026-02"], "new": [new // 2, new],
                           "cumulative": [total // 2, total]})
    layout = charts.growth_timeline(growth).layout
    for axis, top in ((layout.yaxis, new), (layout.yaxis2, total)):
        mantissa = axis.dtick / 10 ** math.floor(math.log10(axis.dtick))
        assert mantissa in (1, 2, 5) and axis.range[1] >= top
        assert axis.range[1] % axis.dtick == 0
    assert layout.yaxis.range[1] / layout.yaxis.dtick == layout.yaxis2.range[1] / layout.yaxis2.dtick


def test_no_red_outside_bad_results() -> None:
    series = [*charts.SERIES, *charts.TIER_COLORS.values()]
    assert charts.BAD not in series and "#d62728" not in series
