"""Diagnosis quadrants on synthetic networks of known size and depth, and the CLI summary fields."""

import numpy as np
import pandas as pd
import pytest

from analytics.analysis import analyse
from analytics.breadth import breadth_summary
from analytics.cli import summary
from analytics.depth import TIER_ORDER, score_contacts
from analytics.diagnosis import QUADRANTS, diagnose, tie_targets, width_score
from tests.builders import SYNTHETIC_AS_OF as AS_OF
from tests.builders import synthetic


def diverse(n_contacts: int, talkers: int, companies: int | None = None):
    """`synthetic` with each contact at its own company (or spread over `companies`)."""
    net = synthetic(n_contacts, talkers)
    net.contacts["company"] = [f"Co{i % (companies or n_contacts)}" for i in range(n_contacts)]
    net.contacts["name"] = [f"Person {i}" for i in range(n_contacts)]
    return net


@pytest.mark.parametrize(("contacts", "talkers", "quadrant"), [
    (2000, 3, "wide-shallow"),    # the brief's case: 2,000 connections, 3 ever exchanged messages
    (40, 30, "narrow-deep"),      # 40 connections, 30 exchange messages every month
    (2000, 60, "wide-deep"),
    (40, 2, "narrow-shallow"),
    (0, 0, "narrow-shallow"),
])
def test_each_quadrant(contacts, talkers, quadrant):
    net = diverse(contacts, talkers)
    result = diagnose(breadth_summary(net, AS_OF), score_contacts(net, AS_OF))
    assert result["quadrant"] == quadrant
    assert 0 <= result["width"] <= 1 and 0 <= result["depth"] <= 1
    assert result["explanation"].startswith(f"You have {contacts:,} connections")
    assert len(result["next_steps"]) >= 3 and all(s.endswith(".") for s in result["next_steps"])


def test_wide_shallow_steps_name_the_warmest_contacts_and_stop_hunting():
    net = diverse(2000, 3)
    net.interactions = net.interactions[~((net.interactions["contact_id"] == "c2")
                                          & (net.interactions["direction"] == "in"))]
    steps = diagnose(breadth_summary(net, AS_OF), score_contacts(net, AS_OF))["next_steps"]
    assert steps[0].startswith("Stop adding connections for now: farm the 2,000")
    assert "(Person 2)" in steps[1]


@pytest.mark.parametrize(("contacts", "diversity", "expected"), [
    (30, 1.0, 0.25), (300, 0.0, 0.375), (3000, 0.0, 0.75), (10, 1.0, 0.25), (100_000, 1.0, 1.0),
])
def test_width_is_log_size_plus_diversity(contacts, diversity, expected):
    assert width_score({"contacts": contacts, "diversity": diversity}) == pytest.approx(expected)


@pytest.mark.parametrize(("n", "expected"), [(0, (1.0, 1.0)), (10, (3.0, 5.0)), (30_000, (15.0, 50.0))])
def test_tie_targets_scale_with_network_size(n, expected):
    assert tie_targets(n) == pytest.approx(expected)


def test_summary_fields_shape():
    net = diverse(40, 30, companies=10)
    fields = summary(analyse(net, AS_OF), net)
    assert set(fields) >= {"breadth", "depth", "diagnosis", "top_contacts"}
    assert fields["breadth"] == {"contacts": 40, "companies": 10, "diversity": pytest.approx(
        round(np.log(10) / np.log(40), 4))}
    assert list(fields["depth"]["tiers"]) == TIER_ORDER
    tiers = fields["depth"]["tiers"]
    assert fields["depth"]["strong_ties"] == tiers["Inner circle"] + tiers["Close"] == 15  # the layers' caps
    assert fields["depth"]["active_ties"] == 30
    assert fields["diagnosis"] in QUADRANTS
    assert len(fields["top_contacts"]) == 10
    assert set(fields["top_contacts"][0]) == {"name", "strength", "tier"}
    assert fields["top_contacts"][0]["tier"] == "Inner circle"


def test_dormant_ties_do_not_make_a_network_deep():
    net = diverse(40, 30)
    net.interactions["date"] = net.interactions["date"] - pd.Timedelta(days=800)
    scores = score_contacts(net, AS_OF)
    assert (scores["tier"] == "Dormant").sum() == 30
    result = diagnose(breadth_summary(net, AS_OF), scores)
    assert (result["quadrant"], result["strong_ties"], result["active_ties"]) == ("narrow-shallow", 0, 0)
    assert result["next_steps"][2].startswith("Reconnect with your 30 dormant relationships")



@pytest.mark.parametrize(("tiers", "expected"), [
    (["Active", "Dormant"], "You have 2 connections across 1 company (diversity 0.00), 0 strong "
     "relationships (tiers Inner circle and Close) and 1 active one (tiers Inner circle, Close and Active). "
     "1 former relationship has gone dormant"),
    (["Close", "Active", "Dormant", "Dormant"], "You have 4 connections across 1 company (diversity 0.00), "
     "1 strong relationship (tiers Inner circle and Close) and 2 active ones (tiers Inner circle, Close and "
     "Active). 2 former relationships have gone dormant"),
])
def test_the_explanation_counts_in_words(tiers: list[str], expected: str) -> None:
    scores = pd.DataFrame({"strength": [50.0] * len(tiers), "tier": tiers, "name": list("abcd")[:len(tiers)]})
    breadth = {"contacts": len(tiers), "companies": 1, "diversity": 0.0}
    assert diagnose(breadth, scores)["explanation"].startswith(expected)
