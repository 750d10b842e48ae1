"""What each page shows, computed once per workspace revision (pages only arrange it).

Each function takes the canonical Network, its strength scores and `as_of`, and returns plain
data; the UI caches the result, so a filter change reruns only the filtering and the drawing.

Example:
    >>> from analytics.model import empty_network
    >>> from analytics.depth import score_contacts
    >>> net, when = empty_network(), pd.Timestamp("2024-01-01", tz="UTC")
    >>> overview(net, score_contacts(net, when), when)["diagnosis"]["quadrant"]
    'narrow-shallow'
"""

from __future__ import annotations

import pandas as pd

from analytics import breadth, depth, diagnosis, graph, report
from analytics.model import Network


def engagement_by_month(interactions: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Interactions per calendar month up to `as_of`, split by direction (columns month, out, in).

    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-03-01"], utc=True),
    ...                       "direction": ["out", "in", "out"]})
    >>> engagement_by_month(frame, pd.Timestamp("2024-12-31", tz="UTC")).values.tolist()
    [['2024-01', 1, 1], ['2024-02', 0, 0], ['2024-03', 1, 0]]
    """
    dated = interactions[interactions["date"].notna() & (interactions["date"] <= as_of)]
    if dated.empty:
        return pd.DataFrame({"month": [], "out": [], "in": []})
    months = dated["date"].dt.tz_localize(None).dt.to_period("M")
    table = pd.crosstab(months, dated["direction"]).reindex(columns=["out", "in"], fill_value=0)
    table = table.reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0)
    return pd.DataFrame({"month": table.index.strftime("%Y-%m"), "out": table["out"].to_numpy(),
                         "in": table["in"].to_numpy()})


def contact_table(net: Network, scores: pd.DataFrame) -> pd.DataFrame:
    """Scores joined with function/seniority, connection month and the user's annotations."""
    roles = breadth.classify_positions(scores["position"])
    notes = net.annotations.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    table = scores.assign(function=roles["function"].to_numpy(), seniority=roles["seniority"].to_numpy(),
                          month=scores["connected_on"].dt.strftime("%Y-%m").fillna(""))
    for column, default in (("notes", ""), ("target", False), ("consent", "unknown"),
                            ("cadence_days", float("nan"))):
        table[column] = notes[column].reindex(table.index).fillna(default).to_numpy()
    table["target"] = table["target"].astype(bool)
    return table


def overview(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp) -> dict:
    """Everything the Overview page shows: KPIs, diagnosis, tiers, growth, roles and engagement."""
    spread = breadth.breadth_summary(net, as_of)
    table = contact_table(net, scores)
    keywords = list(net.settings.get("target_keywords", []))
    return {
        "breadth": spread,
        "diagnosis": diagnosis.diagnose(spread, scores),
        "tiers": depth.tier_counts(scores),
        "growth": breadth.growth(net),
        "engagement": engagement_by_month(net.interactions, as_of),
        "contacts": table,
        "target_share": breadth.target_share(net, keywords),
        "two_way": int(scores["last_two_way"].notna().sum()),
    }


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
    keep = pd.Series(True, index=table.index)
    if query.strip():
        text = table["name"] + " " + table["company"] + " " + table["position"]
        keep &= text.str.contains(query.strip(), case=False, regex=False)
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
    columns = ["closeness", "notes", "target", "consent", "cadence_days"]
    before = stored.drop_duplicates("contact_id", keep="last").set_index("contact_id")
    after = rows.set_index("contact_id").reindex(columns=columns)
    if not after.index.isin(before.index).all():
        return True
    old = before.loc[after.index, columns].astype(object).fillna("").astype(str)
    return not old.equals(after.astype(object).fillna("").astype(str))


def network_graph(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp, **options: object) -> dict:
    """The ego-network graph for the given filters (`graph.build_graph` options), its HTML and connectors.

    `as_of` is unused beyond the scores it produced; it keeps the page-data signature uniform.
    """
    drawn = graph.build_graph(net, scores, **options)
    return {"graph": drawn, "html": graph.render_html(drawn, title="Your network"),
            "connectors": graph.connectors(net, scores)}


def coach_report(net: Network, scores: pd.DataFrame, as_of: pd.Timestamp,
                 **options: object) -> report.ReportData:
    """The coach report's figures (`report.report_data` options: period_days, anonymize, mask_companies,
    plan_status, goals), computed once and rendered as HTML, Excel or presentation sections."""
    return report.report_data(net, as_of, **options)
