"""Network graph page after a LinkedIn-only import: the empty Connectors table says why it is empty
and what would fill it."""

from analytics import ingest
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
