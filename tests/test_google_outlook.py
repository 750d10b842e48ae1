"""Google Contacts and Outlook CSV exports (analytics/ingest/headers.py, generic.py): their own header rows
are recognised without a manual mapping, with every phone column and the first of several addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.ingest import guess_mapping, load_files

FIXTURES = Path(__file__).parent / "fixtures" / "sources"

#: Google Contacts "Google CSV", the layout exported until 2024 (header row as Google writes it).
GOOGLE_OLD = ("Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
              "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
              "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
              "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
              "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
              "Phone 2 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
              "Organization 1 - Title")
#: Google Contacts CSV as exported since 2024.
GOOGLE_NEW = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
              "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
              "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
              "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,"
              "Phone 2 - Value")
#: Outlook's "Comma Separated Values" export (a prefix of its header row; "Title" is Mr./Ms.).
OUTLOOK = ("Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,"
           "Business City,Business Phone,Business Phone 2,Home Phone,Mobile Phone,Birthday,E-mail Address,"
           "E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,Notes")


def _row(header: str, **cells: str) -> bytes:
    names = header.split(",")
    return (header + "\n" + ",".join(cells.get(n, "") for n in names) + "\n").encode()


@pytest.mark.parametrize(("data", "expected"), [
    (_row(GOOGLE_OLD, **{"Name": "Ana Lopez", "Given Name": "Ana", "Family Name": "Lopez",
                         "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "ana@acme.org ::: ana@old.org",
                         "E-mail 2 - Type": "Home", "E-mail 2 - Value": "ana@home.org",
                         "Phone 1 - Type": "Mobile", "Phone 1 - Value": "+34 600 1 ::: +34 600 2",
                         "Phone 2 - Type": "Work", "Phone 2 - Value": "+34 91 3",
                         "Organization 1 - Type": "Work", "Organization 1 - Name": "Acme SL",
                         "Organization 1 - Title": "Directora", "Notes": "owes me money"}),
     ("Ana Lopez", "ana@acme.org", "+34 600 1; +34 600 2; +34 91 3", "Acme SL", "Directora")),
    (_row(GOOGLE_NEW, **{"First Name": "Bob", "Last Name": "Roe", "Organization Name": "Beta",
                         "Organization Title": "CTO", "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "",
                         "E-mail 2 - Label": "Home", "E-mail 2 - Value": "bob@home.org",
                         "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1 555 0100"}),
     ("Bob Roe", "bob@home.org", "+1 555 0100", "Beta", "CTO")),
    (_row(OUTLOOK, **{"Title": "Dr.", "First Name": "Cleo", "Last Name": "Diaz", "Company": "Gamma",
                      "Job Title": "Notaris", "Business Phone": "+31 20 1", "Mobile Phone": "+31 6 2",
                      "E-mail Address": "cleo@gamma.nl", "E-mail Type": "SMTP",
                      "E-mail 2 Address": "cleo@home.nl"}),
     ("Cleo Diaz", "cleo@gamma.nl", "+31 6 2; +31 20 1", "Gamma", "Notaris")),
], ids=["google-until-2024", "google-since-2024", "outlook"])
def test_exports_read_without_a_mapping(data, expected):
    net = load_files([("contacts.csv", data)])
    got = net.contacts[["name", "email", "phone", "company", "position"]].iloc[0]
    assert tuple(got) == expected
    assert net.contacts["sources"].tolist() == ["Contacts file"]
    assert "money" not in net.contacts.to_csv()


@pytest.mark.parametrize(("header", "expected"), [
    (GOOGLE_OLD, {"email": "E-mail 1 - Value", "email_2": "E-mail 2 - Value", "phone": "Phone 1 - Value",
                  "phone_2": "Phone 2 - Value"}),
    (OUTLOOK, {"email": "E-mail Address", "email_2": "E-mail 2 Address", "phone": "Mobile Phone",
               "phone_2": "Business Phone", "phone_3": "Home Phone"}),
], ids=["google", "outlook"])
def test_value_columns_not_type_or_label_columns(header, expected):
    mapping = guess_mapping(header.split(","))
    assert {f: c for f, c in mapping.items() if f.startswith(("email", "phone"))} == expected
    assert "position" not in mapping or mapping["position"] != "Title"


def test_real_format_sample_outlook_headers():
    """A CSV with Outlook's headers (google-shared-contacts-client, Apache-2.0, see the fixtures README)."""
    net = load_files([("outlook.csv", (FIXTURES / "outlook_contacts.csv").read_bytes())])
    got = net.contacts[["name", "email", "phone", "company", "position"]].values.tolist()
    assert got == [
        ["Adam Glacius", "adam.glacius@anycom.com", "+1 555 3227 8544; +1 555 3227 8547; +1 555 3227 8545",
         "Acme Inc.", "Sales Planner"],
        ["Daniel Ireland", "danielireland@restty.com", "+1 555 3227 8543", "", "Receptionist"],
        ["Duncan Amey", "duncanamey@dreamt.com", "+1 555 3227 8543", "", "Supervisor"]]
