"""The engagement chart follows exchanges with contacts: people who are not contacts are counted apart
(a dashed line the legend names), invitations to connect are not exchanges."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import charts, i18n
from analytics.facts import engagement_by_month
from tests.builders import utc

AS_OF = utc("2024-03-31")
CONTACTS = pd.DataFrame({"contact_id": ["ann", "bo"]})


def _messages(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["contact_id", "date", "direction", "channel"]).assign(
        date=lambda f: pd.to_datetime(f["date"], utc=True))


@pytest.mark.parametrize(("rows", "expected"), [
    # month, out, in, other
    ([("ann", "2024-01-03", "out", "message"), ("bo", "2024-01-04", "in", "message")],
     [["2024-01", 1, 1, 0]]),
    ([("ann", "2024-01-03", "out", "message"), ("stranger", "2024-01-04", "in", "message"),
      ("stranger", "2024-01-05", "out", "message")],
     [["2024-01", 1, 0, 2]]),  # a recruiter's pitch and your reply: not a contact's exchange
    ([("ann", "2024-01-03", "out", "invitation"), ("ann", "2024-02-03", "in", "endorsement")],
     [["2024-02", 0, 1, 0]]),  # the invitation to connect is no exchange
    ([("ann", "2024-01-03", "out", "message"), ("bo", "2024-03-03", "in", "message"),
      ("bo", "2024-04-03", "in", "message")],
     [["2024-01", 1, 0, 0], ["2024-02", 0, 0, 0], ["2024-03", 0, 1, 0]]),  # after as-of: left out
    ([("stranger", "2024-01-03", "out", "invitation")], []),
    ([(None, "2024-01-03", "in", "message"), ("bo", "2024-01-04", "in", "message")],
     [["2024-01", 0, 1, 1]]),  # nobody known: not a contact
])
def test_engagement_counts_contacts_and_others_apart(rows: list[tuple], expected: list[list]) -> None:
    assert engagement_by_month(_messages(rows), CONTACTS, AS_OF).values.tolist() == expected


@pytest.mark.parametrize(("other", "legend"), [
    ([0, 0], ["you sent / gave", "you received"]),
    ([0, 4], ["you sent / gave", "you received", "with people outside your contacts"]),
])
def test_chart_names_non_contacts_in_its_legend_only_when_there_are_any(other: list[int],
                                                                        legend: list[str]) -> None:
    monthly = pd.DataFrame({"month": ["2024-01", "2024-02"], "out": [1, 2], "in": [3, 0], "other": other})
    fig = charts.engagement(monthly)
    assert [trace.name for trace in fig.data] == legend
    assert [trace.stackgroup for trace in fig.data][:2] == ["one", "one"]
    assert fig.layout.title.text == "Exchanges with your contacts per month"


def test_chart_scale_holds_the_non_contacts_line() -> None:
    monthly = pd.DataFrame({"month": ["2024-01"], "out": [1], "in": [1], "other": [40]})
    assert charts.engagement(monthly).layout.yaxis.dtick == 10  # 40 on round steps, not 2's


def test_title_and_legend_are_translated() -> None:
    monthly = pd.DataFrame({"month": ["2024-01"], "out": [1], "in": [1], "other": [1]})
    with i18n.use("de"):
        fig = charts.engagement(monthly)
    assert "Kontakte" in fig.layout.title.text and "Kontakte" in fig.data[2].name
