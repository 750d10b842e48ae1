"""Import page: a header-only CSV says it has no rows; a finished import leads on to the Overview and
explains why fewer interactions were stored than found."""

from analytics import ingest
from tests.conftest import SAMPLE_ZIP
from tests.pages.apptest import open_page
from ui import session
from ui.widgets import plain

HEADER_ONLY = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_header_only_csv_says_it_has_no_rows() -> None:
    at = open_page("import")
    at.file_uploader(key="import_files").upload("Connections.csv", HEADER_ONLY, "text/csv").run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    sentence = plain("Connections.csv has a header row but no rows below it")
    assert any(sentence in w for w in warnings), warnings
    assert at.button[0].disabled
    assert at.status[0].label == "Read 1 file"


def test_import_leads_on_and_explains_the_counts() -> None:
    body = SAMPLE_ZIP.read_bytes()
    found = ingest.load_files([(SAMPLE_ZIP.name, body)])
    at = open_page("import")
    at.file_uploader(key="import_files").upload(SAMPLE_ZIP.name, body, "application/zip").run()
    at.text_input[0].input("sample").run()  # the export the sample workspace was made from: all stored
    at.button[0].click().run()
    assert not at.exception
    assert "Imported into “sample”" in at.success[0].value
    assert [b for b in at.button if b.label.startswith("Import into")] == [], "no second import button"
    assert at.page_link[0].label == "See your network"
    n = len(found.interactions)
    assert plain(f"{n:,} of the {n:,} interactions found were already stored") in at.caption[0].value


def test_reading_and_importing_show_their_real_stages(monkeypatch) -> None:
    """The status lists each file as it is parsed, the upload is parsed once however often the page
    reruns, and the import analyses the new workspace before it leads on (so the next page is ready)."""
    parses, analysed = [], []
    real, analyse = ingest.load_files, session.analyse
    monkeypatch.setattr(ingest, "load_files", lambda *args: parses.append(1) or real(*args))
    monkeypatch.setattr(session, "analyse", lambda net, *args: analysed.append(len(net.contacts))
                        or analyse(net, *args))
    body = SAMPLE_ZIP.read_bytes()
    at = open_page("import")
    at.file_uploader(key="import_files").upload(SAMPLE_ZIP.name, body, "application/zip").run()
    lines = [m.value for m in at.status[0].markdown]
    assert any(line.startswith(plain(f"Parsed {SAMPLE_ZIP.name}/Connections.csv: ")) for line in lines), lines
    assert lines[-1] == plain("Matching messages, invitations and endorsements to your contacts")
    at.text_input[0].input("mine").run()
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Imported into “mine”" in at.success[0].value
    assert parses == [1], "one parse for the upload, the name typed and the import"
    assert analysed[-1] == len(real([(SAMPLE_ZIP.name, body)]).contacts)  # the new workspace, analysed
