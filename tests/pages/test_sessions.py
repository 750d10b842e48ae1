"""Two browser sessions: separate workspaces stay separate; a shared workspace loses no writes."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from analytics.model import Network, contact_key, empty_frame
from analytics.store import Store, workspace_path
from tests.pages.apptest import open_workspace


def one_contact(name: str) -> Network:
    first, last = name.split()
    url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}"
    contacts = pd.DataFrame([{"contact_id": contact_key(url, name), "first_name": first, "last_name": last,
                              "name": name, "url": url, "email": "", "company": "Acme", "position": "CEO",
                              "connected_on": pd.Timestamp("2024-01-01", tz="UTC")}])
    return Network(contacts=contacts, interactions=empty_frame(["contact_id", "date", "channel", "direction",
                                                                 "content", "conversation_id"]))


def session_on(workspace: str) -> AppTest:
    return open_workspace(workspace, "contacts")


def names_shown(at: AppTest) -> set[str]:
    return set(at.dataframe[0].value["name"])


def test_sessions_on_different_workspaces_never_see_each_other() -> None:
    Store(workspace_path("alpha")).import_network(one_contact("Alma Alpha"))
    Store(workspace_path("beta")).import_network(one_contact("Bert Beta"))
    a, b = session_on("alpha"), session_on("beta")
    assert names_shown(a) == {"Alma Alpha"}
    assert names_shown(b) == {"Bert Beta"}
    a.run()
    assert names_shown(a) == {"Alma Alpha"}, "a rerun of A must not pick up B's workspace"


def test_two_sessions_on_one_workspace_keep_both_writes() -> None:
    store = Store(workspace_path("shared"))
    store.import_network(one_contact("Alma Alpha"))
    store.import_network(one_contact("Bert Beta"))
    a, b = session_on("shared"), session_on("shared")
    for at, contact_id, note in ((a, "in:alma-alpha", "from A"), (b, "in:bert-beta", "from B")):
        at.selectbox(key="contacts_explain").set_value(contact_id).run()  # the options are contact ids
        at.text_area(key="annotate_notes").input(note)
        at.button(key="FormSubmitter:annotate_form-Save").click().run()
        assert not at.exception
    notes = dict(zip(*Store(workspace_path("shared")).load().annotations[["contact_id", "notes"]].T.values,
                     strict=True))
    assert notes == {"in:alma-alpha": "from A", "in:bert-beta": "from B"}


def test_a_deleted_and_recreated_workspace_never_shows_what_was_deleted() -> None:
    store = Store(workspace_path("gone"))
    store.import_network(one_contact("Alma Alpha"))
    assert names_shown(session_on("gone")) == {"Alma Alpha"}  # now cached at revision 1
    store.delete_all()
    store.import_network(one_contact("Bert Beta"))  # a new file, at revision 1 again
    assert names_shown(session_on("gone")) == {"Bert Beta"}


def test_editing_a_note_does_not_reread_the_interactions(monkeypatch) -> None:
    reads = []
    original = Store.interactions
    monkeypatch.setattr(Store, "interactions", lambda self: reads.append(1) or original(self))
    Store(workspace_path("notes")).import_network(one_contact("Alma Alpha"))
    at = session_on("notes")
    at.selectbox(key="contacts_explain").set_value("in:alma-alpha").run()
    at.text_area(key="annotate_notes").input("met at the chamber")
    at.button(key="FormSubmitter:annotate_form-Save").click().run()
    assert not at.exception
    assert Store(workspace_path("notes")).annotations()["notes"].tolist() == ["met at the chamber"]
    assert at.dataframe[0].value["notes"].tolist() == ["met at the chamber"], "the page shows the edit"
    assert len(reads) == 1, "interactions are read once, then served from the cache"
