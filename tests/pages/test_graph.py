"""Network graph page after a LinkedIn-only import: the empty Connectors table says why it is empty
and what would fill it."""

from analytics import graph, ingest
from analytics.store import Store, workspace_path
from tests.conftest import FIXTURES
from tests.pages.apptest import open_page

EXPORT = FIXTURES / "public" / "pedrofuentes__kawsay" / "tests" / "fixtures" / "linkedin"


def test_linkedin_only_graph_explains_the_empty_connectors_table() -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(EXPORT.glob("*.csv"))]
    Store(workspace_path("mine")).import_network(ingest.load_files(files))
    at = open_page("overview")  # opens the user's own workspace
    at.switch_page("app_pages/graph.py").run()
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "No connectors yet" in info and "groups" in info
    assert at.page_link[0].label == "Set up your groups"


def test_filters_redraw_the_view_from_clusters_and_ties_placed_once(monkeypatch) -> None:
    """Clusters, memberships and stand-in ties are computed once per workspace version: a filter, a
    search or another display limit re-runs only the view."""
    calls = []
    real = graph.graph_base
    monkeypatch.setattr(graph, "graph_base", lambda *args: calls.append(1) or real(*args))
    at = open_page("graph")
    at.text_input(key="graph_search").input("a").run()
    at.number_input(key="graph_limit").set_value(100).run()
    at.toggle(key="graph_everyone").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(calls) == 1
    assert at.number_input(key="graph_limit").value == 100 and "<html" in at.get("iframe")[0].proto.srcdoc
