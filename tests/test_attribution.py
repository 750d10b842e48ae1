"""Attribution: roster files (names or URLs, with or without a header) -> members of a group."""

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
