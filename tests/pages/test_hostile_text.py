"""Names, companies and group names from files reach markdown only escaped: an image link in a name
must never render (it would load from another host), on every page that quotes them."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import ingest
from tests.pages.apptest import open_page, sample_store
from ui.widgets import plain

HOSTILE = "![x](//evil.example/x.png) **bold** $x$"  # a protocol-relative image: another host


def rendered(at: AppTest) -> list[str]:
    """Every text Streamlit renders as markdown on the page (toasts included)."""
    elements = [*at.markdown, *at.subheader, *at.caption, *at.info, *at.warning, *at.success, *at.toast]
    return [e.value for e in elements] + [m.label for m in at.metric]


def assert_escaped(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = rendered(at)
    assert not [t for t in shown if "](//" in t], "a link or image from a file reached markdown raw"
    assert any(plain(HOSTILE) in t for t in shown), "the hostile text should still be shown, escaped"


def add_hostile_contact() -> str:
    body = f'First Name,Last Name,Company,Connected On\n"{HOSTILE}",Evil,Evil Corp,1 Jan 2024\n'.encode()
    net = ingest.load_files([("Connections.csv", body)])
    sample_store().import_network(net)
    return net.contacts["contact_id"].item()


@pytest.fixture
def sample() -> None:
    open_page("overview")  # installs the sample workspace in this test's private home


def test_contact_explanation(sample) -> None:
    contact_id = add_hostile_contact()
    at = open_page("contacts")
    at.selectbox(key="contacts_explain").set_value(contact_id).run()
    assert_escaped(at)


def test_deleting_a_contact_toasts_its_name_escaped(sample) -> None:
    add_hostile_contact()
    at = open_page("import")
    pick = at.selectbox(key="delete_who")
    pick.set_value(next(o for o in pick.options if o.startswith(HOSTILE))).run()
    at.button(key="delete_one").click().run()
    assert_escaped(at)


def test_report_takeaways(sample) -> None:
    store = sample_store()
    top = store.load().groups.set_index("name").loc["Content Marketing Summit Köln 2026"]  # the headline
    store.save_groups(pd.DataFrame([{**top.to_dict(), "group_id": top["group_id"], "name": HOSTILE}]))
    at = open_page("report")
    assert_escaped(at)
    at.button(key="report_present").click().run()  # presentation mode shows takeaways as headers
    at.button(key="present_next").click().run()
    assert not at.exception
