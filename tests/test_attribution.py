"""Attribution: roster files (names or URLs, with or without a header) -> members of a group, and the
contacts offered as member candidates."""

import pandas as pd
import pytest

from analytics import attribution
from tests.builders import LEDGER_CONTACTS as CONTACTS
from tests.builders import xlsx


@pytest.mark.parametrize(("name", "data"), [
    ("roster.csv", b"Ann Lee\nhttps://www.linkedin.com/in/kim-2\nNobody\n"),  # one column, no header
    ("roster.csv", b"Company,URL\nAcme,https://www.linkedin.com/in/ann-lee\n"
                   b"X,https://www.linkedin.com/in/kim-2\nY,https://www.linkedin.com/in/nobody\n"),
    ("roster.xlsx", xlsx({"Sheet1": [["First Name", "Last Name"], ["Ann", "Lee"], ["Jose", "Garcia"],
                                     ["No", "Body"]]})),
])
def test_roster(name, data):
    members, report = attribution.read_roster(name, data, CONTACTS, "IHK Köln")
    assert set(members["group_id"]) == {"g:ihk koln"}
    assert len(members) == 2 and report.rows == 2
    assert report.reasons == {"unknown contact": 1}


@pytest.mark.parametrize(("query", "tiers", "companies", "show", "names"), [
    ("", None, None, "all", ["Ann", "Bo", "Cy"]),
    ("acme", None, None, "all", ["Ann", "Cy"]),
    ("", ["Close"], None, "all", ["Ann"]),
    ("", None, ["Zed"], "all", ["Bo"]),
    ("", None, None, "members", ["Bo"]),
    ("", None, None, "others", ["Ann", "Cy"]),
])
def test_member_candidates(query: str, tiers: list | None, companies: list | None, show: str,
                           names: list[str]) -> None:
    scores = pd.DataFrame({"contact_id": ["a", "b", "c"], "name": ["Ann", "Bo", "Cy"],
                           "company": ["Acme", "Zed", "Acme BV"], "position": ["", "", ""],
                           "tier": ["Close", "Network", "Active"], "strength": [60.0, 10.0, 30.0]})
    members = pd.DataFrame({"contact_id": ["b", "a"], "group_id": ["g:x", "g:other"]})
    got = attribution.member_candidates(scores, members, "g:x", query, tiers, companies, show)
    assert got["name"].tolist() == names
