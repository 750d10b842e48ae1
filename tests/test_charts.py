"""Text from files inside plotly charts is escaped: plotly renders <a>, <b> and <span> in labels."""

from __future__ import annotations

import pandas as pd

from analytics import charts, report
from analytics.report_html import figures
from tests.test_report import AS_OF, XSS_GROUP, network

LINK = "<a href='javascript:alert(1)'>Acme</a>"


def test_treemap_labels_escape_company_names():
    contacts = pd.DataFrame({"company": [LINK, LINK, "Plain BV"], "function": ["Sales", "Sales", "Legal"]})
    labels = list(charts.company_treemap(contacts).data[0].labels)
    assert LINK not in labels
    assert "&lt;a href=&#x27;javascript:alert(1)&#x27;&gt;Acme&lt;/a&gt;" in labels and "Plain BV" in labels


def test_report_charts_escape_group_names():
    groups = figures(report.report_data(network(), AS_OF))["groups"]
    names = [str(v) for trace in groups.data for v in trace.y]
    assert XSS_GROUP not in names and "&lt;img src=x onerror=alert(2)&gt;" in names
