"""Every page, walked with hostile names, companies, positions, group names and notes: no markdown image,
link or HTML tag from the data reaches anything Streamlit renders as markdown (texts, labels, help,
alerts, toasts, metric, expander and tab labels), and plotly labels get no raw HTML either. A name with
markdown emphasis and LaTeX as well is still shown, escaped, where a page quotes it (the contact
explanation, the delete toast, the report's headline takeaway)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from analytics import ingest
from analytics.frames import picker_labels
from analytics.model import GROUP_COLUMNS, LEDGER_COLUMNS
from analytics.store import Store, workspace_path
from tests.pages.apptest import open_page, open_tab, sample_store
from tests.pages.test_all_pages import PAGES
from ui.widgets import plain

IMAGE, LINK = "![x](//evil.example/x.png)", "[link](javascript:alert(1))"
TAG, BOLD = "<img src=x onerror=alert(1)>", "<b>bold</b>"
#: Each payload as it reads when not escaped (markdown escapes with a backslash; plotly labels would need
#: HTML entities).
RAW = {"markdown": re.compile(r"!\[x\]\(|\[link\]\(|(?<!\\)<(?:img|b>)"),
       "plotly": re.compile(r"<(?:img|b>|a\s)")}
CONTACTS = [(IMAGE, "Image", f"{LINK} BV", f"{BOLD} CEO"), (TAG, "Tag", f"{BOLD} GmbH", f"{IMAGE} lead"),
            (LINK, "Link", f"{TAG} Ltd", LINK), (BOLD, "Bold", f"{IMAGE} Co", TAG)]
HOSTILE = f"{IMAGE} **bold** $x$"  # a protocol-relative image (another host), emphasis and LaTeX
GROUPS = [f"{IMAGE} Club", f"{BOLD} Chamber", f"{LINK} Circle", f"{TAG} Network"]
#: Proto fields Streamlit renders as markdown (element bodies, widget/metric/expander/tab labels, help).
MARKDOWN_FIELDS = {"body", "label", "help"}
#: Pages whose tabs run only when open: the key of their tabs (each tab is walked).
LAZY_TABS = {"actions": "actions_tab", "ledger": "ledger_tab"}


def _csv(rows: list[tuple[str, ...]]) -> bytes:
    return "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows).encode()


def add_hostile_data(store: Store) -> list[str]:
    """Hostile contacts (an early pitch to each), groups, memberships and ledger notes; their ids."""
    profile = _csv([("First Name", "Last Name"), ("Olga", "Owner")])
    connections = _csv([("First Name", "Last Name", "Company", "Position", "Connected On"),
                        *((f, la, co, po, "01 Sep 2026") for f, la, co, po in CONTACTS)])
    messages = _csv([("CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT"),  # one-way: weak ties
                     *((f"h{i}", "Olga Owner", f"{f} {la}", f"2026-09-0{i + 2} 10:00:00 UTC",
                        f"Hi {f}, our services: free consultation {LINK} could you introduce me?")
                       for i, (f, la, *_) in enumerate(CONTACTS))])
    net = ingest.load_files([("Profile.csv", profile), ("Connections.csv", connections),
                             ("messages.csv", messages)])
    store.import_network(net)
    ids = net.contacts["contact_id"].tolist()
    store.save_groups(pd.DataFrame(
        [(f"g:hostile{i}", name, "referral_group", 600.0, 2.0, pd.Timestamp("2025-01-01", tz="UTC"))
         for i, name in enumerate(GROUPS)], columns=GROUP_COLUMNS))
    rows = [(f"h{i}{k}", pd.Timestamp(f"2026-10-{10 + i}", tz="UTC"), cid, f"g:hostile{i}", k, d, 500.0,
             f"from {CONTACTS[i][0]} {TAG}")
            for i, cid in enumerate(ids) for k, d in (("referral", "in"), ("closed_business", "in"))]
    store.save_ledger(pd.DataFrame(rows, columns=LEDGER_COLUMNS))
    for i, cid in enumerate(ids):
        store.set_members(f"g:hostile{i}", [cid])
    store.save_settings(as_of="2026-11-15")
    return ids


def _markdown_fields(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.type == field.TYPE_MESSAGE:
            for item in [value] if isinstance(value, Message) else value:
                yield from _markdown_fields(item)
        elif field.name in MARKDOWN_FIELDS and isinstance(value, str):
            yield value


def rendered(node: object) -> Iterator[tuple[str, str]]:
    """("markdown", text) for every markdown-rendered text of an AppTest page (or a part of it) and
    ("plotly", spec) for every plotly chart (plotly renders a few HTML tags in its labels)."""
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        yield from (("markdown", text) for text in _markdown_fields(proto))
        if isinstance(getattr(proto, "spec", None), str):
            yield "plotly", proto.spec
    for child in getattr(node, "children", {}).values():
        yield from rendered(child)


def markdown(at: AppTest) -> str:
    return "\n".join(text for kind, text in rendered(at._tree) if kind == "markdown")


def raw_payloads(at: AppTest) -> list[str]:
    """Texts with a payload not escaped (markdown) or an HTML tag from the data (plotly)."""
    assert not at.exception, [e.value for e in at.exception]
    return [text for kind, text in rendered(at._tree) if RAW[kind].search(text)]


@pytest.fixture
def ids() -> list[str]:
    open_page("overview")  # installs the sample in this test's private home
    return add_hostile_data(sample_store())


@pytest.mark.parametrize("lang", ["en", "de"])  # translated sentences quote the same escaped values
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_no_markup_from_data(ids: list[str], name: str, lang: str) -> None:
    at = open_page(name, lang)
    assert not raw_payloads(at)
    for label in [tab.label for tab in at.tabs][1:] if name in LAZY_TABS else []:
        assert not raw_payloads(open_tab(at, LAZY_TABS[name], label)), label


def test_overview_next_steps_quote_hostile_names_escaped() -> None:
    add_hostile_data(Store(workspace_path("mine")))  # four weak ties: the steps name the warmest
    at = open_page("overview")
    assert not raw_payloads(at)
    assert any(plain(first) in markdown(at) for first, *_ in CONTACTS)


def open_delete_data(at: AppTest) -> AppTest:
    """Run the Import page with its "Delete data" expander open, as a click on it does (AppTest sends the
    expander's state as closed on every run)."""
    at.session_state["delete_data"] = True
    return at.run()


def test_pages_with_a_hostile_pick(ids: list[str]) -> None:
    at = open_page("contacts")
    at.selectbox(key="contacts_explain").set_value(ids[0]).run()
    assert not raw_payloads(at) and plain(CONTACTS[0][0]) in markdown(at)
    at = open_page("groups")
    at.selectbox(key="groups_focus").set_value("g:hostile1").run()
    assert not raw_payloads(at) and plain(GROUPS[1]) in markdown(at)
    at = open_page("import")
    labels = picker_labels(sample_store().load().contacts)  # the picker's options are contact ids
    open_delete_data(at).selectbox(key="delete_who").set_value(
        next(cid for cid, label in labels.items() if label.startswith(BOLD)))
    open_delete_data(at).button(key="delete_one").click()
    open_delete_data(at)
    assert not raw_payloads(at) and plain(BOLD) in markdown(at)


def test_report_presentation(ids: list[str]) -> None:
    at = open_page("report")
    at.toggle(key="report_anonymize").set_value(False).run()
    assert not raw_payloads(at)
    at.button(key="report_present").click().run()
    while not at.button(key="present_next").disabled:  # every section, one screen each
        at.button(key="present_next").click().run()
        assert not raw_payloads(at)


def add_hostile_contact() -> str:
    """One contact named HOSTILE in the sample workspace; its id."""
    body = f'First Name,Last Name,Company,Connected On\n"{HOSTILE}",Evil,Evil Corp,1 Jan 2024\n'.encode()
    net = ingest.load_files([("Connections.csv", body)])
    sample_store().import_network(net)
    return net.contacts["contact_id"].item()


def assert_escaped(at: AppTest) -> None:
    """No payload raw, and the hostile text still shown, escaped."""
    assert not raw_payloads(at)
    assert plain(HOSTILE) in markdown(at), "the hostile text should still be shown, escaped"


@pytest.fixture
def sample() -> None:
    open_page("overview")  # installs the sample workspace in this test's private home


def test_contact_explanation_quotes_the_name_escaped(sample) -> None:
    contact_id = add_hostile_contact()
    at = open_page("contacts")
    at.selectbox(key="contacts_explain").set_value(contact_id).run()
    assert_escaped(at)


def test_deleting_a_contact_toasts_its_name_escaped(sample) -> None:
    add_hostile_contact()
    at = open_page("import")
    labels = picker_labels(sample_store().load().contacts)  # the picker's options are contact ids
    open_delete_data(at).selectbox(key="delete_who").set_value(
        next(cid for cid, label in labels.items() if label.startswith(HOSTILE)))
    open_delete_data(at).button(key="delete_one").click()
    open_delete_data(at)
    assert_escaped(at)


def test_report_takeaways_quote_the_headline_group_escaped(sample) -> None:
    store = sample_store()
    top = store.load().groups.set_index("name").loc["Content Marketing Summit Köln 2026"]  # the headline
    store.save_groups(pd.DataFrame([{**top.to_dict(), "group_id": top["group_id"], "name": HOSTILE}]))
    at = open_page("report")
    assert_escaped(at)
    at.button(key="report_present").click().run()  # presentation mode shows takeaways as headers
    at.button(key="present_next").click().run()
    assert not at.exception
