"""Generic contact files (Google, Outlook, localized spreadsheets): mapping guess, CSV/XLSX, merging."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from analytics.ingest import detect_kind, guess_mapping, load_files, preview_generic

CONN = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize(("columns", "expected"), [
    (["Name", "Given Name", "Additional Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value",
      "Organization 1 - Name", "Organization 1 - Title"],
     {"first_name": "Given Name", "last_name": "Family Name", "name": "Name",
      "email": "E-mail 1 - Value", "company": "Organization 1 - Name",
      "position": "Organization 1 - Title"}),
    (["First Name", "Middle Name", "Last Name", "E-mail 1 - Value", "Organization Name",
      "Organization Title"],
     {"first_name": "First Name", "last_name": "Last Name", "email": "E-mail 1 - Value",
      "company": "Organization Name", "position": "Organization Title"}),
    (["Title", "First Name", "Last Name", "Company", "Job Title", "E-mail Address", "Business Phone"],
     {"first_name": "First Name", "last_name": "Last Name", "email": "E-mail Address", "company": "Company",
      "position": "Job Title", "phone": "Business Phone"}),
    (["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Position"],
     {"first_name": "Vorname", "last_name": "Nachname", "email": "E-Mail-Adresse", "company": "Firma",
      "position": "Position"}),
    (["Voornaam", "Achternaam", "E-mailadres", "Bedrijf", "Functie"],
     {"first_name": "Voornaam", "last_name": "Achternaam", "email": "E-mailadres", "company": "Bedrijf",
      "position": "Functie"}),
    (["Nome", "Cognome", "Indirizzo posta elettronica", "Società", "Posizione"],
     {"first_name": "Nome", "last_name": "Cognome", "email": "Indirizzo posta elettronica",
      "company": "Società", "position": "Posizione"}),
    (["Prénom", "Nom", "Adresse de messagerie", "Société", "Fonction"],
     {"first_name": "Prénom", "last_name": "Nom", "email": "Adresse de messagerie", "company": "Société",
      "position": "Fonction"}),
    (["Full name", "Work e-mail", "LinkedIn profile", "Employer"],
     {"name": "Full name", "email": "Work e-mail", "url": "LinkedIn profile"}),
], ids=["google-old", "google-new", "outlook", "german", "dutch", "italian", "french", "spreadsheet"])
def test_guess_mapping(columns, expected):
    assert guess_mapping(columns) == expected


def test_google_contacts_csv():
    body = ("Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
            "Ann Ash,Ann,Ash,ann@a.io,Acme,CEO\n"
            ",,,solo@b.io,,\n")
    net = load_files([("contacts.csv", body.encode())])
    assert net.files[0].kind == "generic"
    got = net.contacts[["contact_id", "first_name", "last_name", "email", "company", "position"]]
    assert got.values.tolist() == [["name:ann ash", "Ann", "Ash", "ann@a.io", "Acme", "CEO"],
                                   ["name:solo@b.io", "", "", "solo@b.io", "", ""]]


def test_single_name_column_is_split():
    net = load_files([("people.csv", "Name;E-Mail\nJosé María García;j@x.es\n".encode("cp1252"))])
    assert net.contacts.iloc[0][["first_name", "last_name", "name"]].tolist() == [
        "José", "María García", "José María García"]


def _xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("header", "kind"), [
    (["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Verbunden am"], "connections"),  # re-saved export
    (["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Kontakt seit"], "generic"),
])
def test_xlsx_with_title_rows_numbers_and_dates(header, kind):
    data = _xlsx([["My BNI chapter contacts"], [], header,
                  ["Jürgen", "Klein", "jk@x.de", 7, datetime(2023, 3, 15, 9, 30)],
                  [None, None, None, None, None]])
    net = load_files([("kontakte.xlsx", data)], mapping={"first_name": "Vorname", "last_name": "Nachname",
                                                         "email": "E-Mail-Adresse", "company": "Firma",
                                                         "connected_on": header[-1]})
    assert detect_kind("kontakte.xlsx", data) == kind
    got = net.contacts.iloc[0]
    assert got[["name", "email", "company"]].tolist() == ["Jürgen Klein", "jk@x.de", "7"]
    assert got["connected_on"] == pd.Timestamp("2023-03-15 09:30", tz="UTC")
    assert net.files[0].reasons == {"empty row": 1}


def test_xlsx_without_a_contact_header():
    from analytics.errors import InputError

    with pytest.raises(InputError, match="no sheet has a recognisable header row"):
        load_files([("numbers.xlsx", _xlsx([[1, 2, 3], [4, 5, 6]]))])


def test_preview_generic_gives_all_columns_and_first_rows():
    body = "Nom;Prénom;Téléphone\n" + "".join(f"N{i};P{i};0{i}\n" for i in range(30))
    columns, rows = preview_generic("carnet.csv", body.encode("utf-8"))
    assert columns == ["Nom", "Prénom", "Téléphone"]
    assert len(rows) == 20 and rows.iloc[3].tolist() == ["N3", "P3", "03"]


def test_explicit_mapping_overrides_the_guess():
    body = "Contact,Mail,Notes\nAnn Ash,ann@a.io,met at BNI\n"
    net = load_files([("list.csv", body.encode())], mapping={"name": "Contact", "email": "Mail",
                                                             "position": "Notes"})
    got = net.contacts.iloc[0][["name", "email", "position"]].tolist()
    assert got == ["Ann Ash", "ann@a.io", "met at BNI"]


def test_generic_contact_joins_a_connection_by_name_and_fills_gaps():
    connections = CONN + "Ann,Ash,https://www.linkedin.com/in/ann,,Acme,CEO,15 Mar 2023\n"
    outlook = ("First Name,Last Name,E-mail Address,Company\n"
               "ANN,ash,ann@a.io,Other Co\nBob,Roe,bob@b.io,Beta\n")
    net = load_files([("Connections.csv", connections.encode()), ("outlook.csv", outlook.encode())])
    got = net.contacts.set_index("contact_id")
    assert sorted(got.index) == ["in:ann", "name:bob roe"]
    # the connection's values win; its blank e-mail is filled from the contact file
    assert got.loc["in:ann", ["email", "company"]].tolist() == ["ann@a.io", "Acme"]
