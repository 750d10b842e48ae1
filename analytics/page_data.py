"""What the pages show beyond the `Analysis` itself: filters, the graph view and the report, each read
from one analysis (pages only arrange it).

Example:
    >>> from analytics.model import empty_network
    >>> from analytics.analysis import analyse
    >>> net = empty_network()
    >>> coach_report(net, analyse(net, pd.Timestamp("2024-01-01", tz="UTC"))).diagnosis["quadrant"]
    'narrow-shallow'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import graph, report
from analytics.analysis import Analysis
from analytics.annotations import EDITABLE
from analytics.frames import matches
from analytics.i18n import _
from analytics.model import Network


def filter_contacts(table: pd.DataFrame, query: str = "", tiers: list[str] | None = None,
                    target_only: bool = False) -> pd.DataFrame:
    """Rows whose name, company or position contains `query` (case-insensitive), in `tiers`.

    >>> t = pd.DataFrame({"name": ["Ann", "Bo"], "company": ["Acme", "Zed"], "position": ["", ""],
    ...                   "tier": ["Close", "Dormant"], "target": [False, True]})
    >>> filter_contacts(t, query="acme")["name"].tolist()
    ['Ann']
    >>> filter_contacts(t, target_only=True)["name"].tolist()
    ['Bo']
    """
    keep = matches(table, query)
    if tiers:
        keep &= table["tier"].isin(tiers)
    if target_only:
        keep &= table["target"].astype(bool)
    return table[keep]


def annotations_changed(stored: pd.DataFrame, rows: pd.DataFrame) -> bool:
    """True if `rows` differ from what is stored for those contacts (so a rerun does not re-save).

    >>> from analytics.model import empty_frame, ANNOTATION_COLUMNS
    >>> row = pd.DataFrame([{"contact_id": "a", "closeness": 3.0}])
    >>> annotations_changed(empty_frame(ANNOTATION_COLUMNS), row)
    True
    """
    columns = list(EDITABLE)  # a mark alone is an edit too
    before = stored.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    after = rows.set_index("contact_id").reindex(columns=columns)
    if not after.index.isin(before.index).all():
        return True
    old = before.reindex(index=after.index, columns=columns).astype(object).fillna("").astype(str)
    return not old.equals(after.astype(object).fillna("").astype(str))


@dataclass(frozen=True)
class GraphView:
    """The Graph page: the drawn graph, its offline HTML and the connectors in plain words."""

    graph: graph.GraphData
    html: str
    connectors: pd.DataFrame


def network_graph(net: Network, a: Analysis, **options: object) -> GraphView:
    """The ego-network graph for the given filters (`graph.build_graph` options, `base` included), its
    HTML and the analysis' connectors as advice (`graph.connector_advice`)."""
    drawn = graph.build_graph(net, a.scores, **options)
    return GraphView(graph=drawn, html=graph.render_html(drawn, title=_("Your network")),
                     connectors=graph.connector_advice(a.connectors))


def coach_report(net: Network, a: Analysis, **options: object) -> report.ReportData:
    """The coach report's figures read from `a` (`report.report_data` options: anonymize, mask_companies,
    plan_status, goals), rendered as HTML, Excel or presentation sections."""
    return report.report_data(net, a.as_of, a.period_days, analysis=a, **options)
