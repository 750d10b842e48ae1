"""The Import page in German, Dutch and Italian (issue 16): a refused file's one line and the import
report's reasons and "what was read" come from the readers in the workspace's language."""

import pytest

from tests.pages.apptest import open_page
from ui.widgets import plain


@pytest.mark.parametrize(("lang", "expected"), [
    ("de", "contacts.csv: ist keine CSV-, Excel- (.xlsx) oder ZIP-Datei (sieht aus wie ein PDF)"),
    ("nl", "contacts.csv: is geen CSV-, Excel- (.xlsx) of zipbestand (het lijkt op een pdf)"),
    ("it", "contacts.csv: non è un file CSV, Excel (.xlsx) o zip (sembra un PDF)"),
])
def test_a_refused_file_says_why_in_the_language(lang, expected) -> None:
    at = open_page("import", lang)
    at.file_uploader(key="import_files").upload("contacts.csv", b"%PDF-1.4 not a table", "text/csv").run()
    assert not at.exception
    assert [e.value for e in at.error] == [plain(expected)]


def test_the_import_report_reads_in_german() -> None:
    ics = (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\n"
           b"ORGANIZER:mailto:me@x.org\nATTENDEE;CN=Ana Lopez:mailto:ana@y.org\nEND:VEVENT\nEND:VCALENDAR\n")
    body = b"First Name,Last Name,Connected On\nAna,Lopez,1 Jan 2024\n,,2 Jan 2024\n"
    at = open_page("import", "de")
    uploader = at.file_uploader(key="import_files")
    uploader.upload("cal.ics", ics, "text/calendar").upload("Connections.csv", body, "text/csv").run()
    at.text_input(key="my_emails_input").input("me@x.org").run()
    assert not at.exception
    report = at.dataframe[0].value.to_csv()
    assert "Datum und Gäste von 3 Besprechungen (von 3 Einzelterminen bis " in report
    assert "kein Name, keine E-Mail-Adresse und keine Profil-URL" in report
