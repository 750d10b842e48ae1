"""Breadth: title classification across languages, diversity, growth and target segments."""

import math

import pandas as pd
import pytest

from analytics.breadth import breadth_summary, classify_positions, diversity, growth, in_target, target_share
from analytics.model import ANNOTATION_COLUMNS, CONTACT_COLUMNS, Network
from tests.builders import SYNTHETIC_AS_OF as AS_OF
from tests.builders import model_frame as frame


@pytest.mark.parametrize(("title", "function", "seniority"), [
    ("Geschäftsführer", "Executive/Owner", "C-level"),
    ("Geschaeftsfuehrer", "Executive/Owner", "C-level"),
    ("Inhaber", "Executive/Owner", "Owner/Founder"),
    ("Vertriebsleiter", "Sales", "Director/VP"),
    ("Teamleiter Vertrieb", "Sales", "Manager"),
    ("Steuerberater", "Finance", "Unknown"),
    ("Eigenaar", "Executive/Owner", "Owner/Founder"),
    ("Notaris", "Legal", "Unknown"),
    ("Medewerker klantenservice", "Other", "Staff/Junior"),
    ("Directeur commercial", "Sales", "Director/VP"),
    ("Directeur Général", "Executive/Owner", "C-level"),
    ("Avocat", "Legal", "Unknown"),
    ("Amministratore Delegato", "Executive/Owner", "C-level"),
    ("Responsabile commerciale", "Sales", "Manager"),
    ("Consulente", "Consulting", "Staff/Junior"),
    ("Chief Financial Officer", "Finance", "C-level"),
    ("Founder & CEO", "Executive/Owner", "Owner/Founder"),
    ("Vice President Marketing", "Marketing", "Director/VP"),
    ("Senior Software Engineer", "Engineering/IT", "Senior"),
    ("HR Business Partner", "HR", "Owner/Founder"),
    ("Head of Operations", "Operations", "Director/VP"),
    ("Marketing Intern", "Marketing", "Student"),
    ("Huisarts", "Healthcare", "Unknown"),
    ("Professeur", "Education", "Unknown"),
    ("Independent Consultant", "Consulting", "Staff/Junior"),
    ("Accountmanager", "Sales", "Manager"),
    ("Directrice générale", "Executive/Owner", "C-level"),
    ("Prokurist", "Executive/Owner", "Director/VP"),
    ("Grafisch ontwerper", "Marketing", "Unknown"),
    ("Chief Executive Officer", "Executive/Owner", "C-level"),
    ("Architetto", "Engineering/IT", "Unknown"),
    ("", "Other", "Unknown"),
])
def test_classify_positions_across_languages(title, function, seniority):
    result = classify_positions(pd.Series([title], index=[7]))
    assert result.loc[7].tolist() == [function, seniority]


@pytest.mark.parametrize(("companies", "expected"), [
    (["A", "B", "C", "D"], 1.0),
    (["A", "A", "B", "B"], 0.5),
    (["A", "a ", "A"], 0.0),
    (["A"], 0.0),
    (["A", "A", "A", "B"], round(-(0.75 * math.log(0.75) + 0.25 * math.log(0.25)) / math.log(4), 4)),
])
def test_diversity_known_values(companies, expected):
    assert diversity(pd.Series(companies).str.strip()) == expected


def contacts_net(companies: list[str], positions: list[str], connected: list[str]) -> Network:
    net = Network()
    net.contacts = frame(CONTACT_COLUMNS, contact_id=[f"c{i}" for i in range(len(companies))],
                         company=companies, position=positions,
                         connected_on=[pd.Timestamp(d, tz="UTC") if d else pd.NaT for d in connected])
    return net


def test_breadth_summary_counts_companies_case_insensitively_and_skips_future_contacts():
    net = contacts_net(["Acme", "acme ", "Beta", "", "Gamma"],
                       ["Sales Manager", "CEO", "Sales rep", "Lawyer", "Nurse"],
                       ["2020-01-05", "2021-03-01", "2023-11-30", "", "2030-01-01"])
    summary = breadth_summary(net, AS_OF)
    assert summary["contacts"] == 4
    assert summary["companies"] == 2
    assert summary["functions"] == 3  # Sales, Executive/Owner, Legal
    assert summary["concentration"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["top_companies"] == [{"company": "Acme", "contacts": 2},
                                        {"company": "Beta", "contacts": 1}]
    assert 0 < summary["diversity"] < 1


def test_growth_fills_empty_months():
    net = contacts_net(["", "", "", ""], ["", "", "", ""], ["2023-01-15", "2023-01-20", "2023-03-02", ""])
    result = growth(net)
    assert result.to_dict("list") == {"month": ["2023-01", "2023-02", "2023-03"], "new": [2, 0, 1],
                                      "cumulative": [2, 2, 3]}


@pytest.mark.parametrize(("keywords", "expected"), [
    (["bank"], [True, False, False, True]),
    (["BANK", "notary"], [True, False, True, True]),
    ([""], [False, False, False, True]),
    (["a.b"], [False, False, False, True]),
])
def test_target_matches_company_or_position_or_flag(keywords, expected):
    net = contacts_net(["Acme Bank", "Shop", "Studio", "X"], ["Teller", "Owner", "Notary", "Clerk"],
                       ["", "", "", ""])
    net.annotations = frame(ANNOTATION_COLUMNS, contact_id=["c3", "c1"], target=[True, False])
    assert in_target(net.contacts, keywords, net.annotations).tolist() == expected
    assert target_share(net, keywords) == sum(expected) / 4
