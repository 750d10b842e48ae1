"""Import page: a header-only CSV says it has no rows; a finished import leads on to the Overview and
explains why fewer interactions were stored than found."""

from analytics import ingest
from analytics.store import Store, workspace_path
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
    at.text_input(key="import_target").input("sample").run()  # the sample's own export: all stored
    at.button[0].click().run()
    assert not at.exception
    assert "Imported into “sample”" in at.success[0].value
    assert [b for b in at.button if b.label.startswith("Import into")] == [], "no second import button"
    assert at.page_link[0].label == "See your network"
    n = len(found.interactions)
    assert plain(f"{n:,} of the {n:,} interactions found were already stored") in at.caption[0].value


def test_calendar_upload_asks_for_my_addresses_and_says_what_was_read() -> None:
    """An .ics asks once for the owner's addresses; the report says only dates and guests were read."""
    ics = (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nDTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY;COUNT=3\n"
           b"SUMMARY:Private title\nORGANIZER:mailto:me@x.org\nATTENDEE;CN=Ana Lopez:mailto:ana@y.org\n"
           b"END:VEVENT\nEND:VCALENDAR\n")
    vcf = b"BEGIN:VCARD\nVERSION:3.0\nFN:Dora Day\nEMAIL:dora@d.org\nEND:VCARD\n"
    at = open_page("import")
    uploader = at.file_uploader(key="import_files")
    uploader.upload("cal.ics", ics, "text/calendar").upload("book.vcf", vcf, "text/vcard").run()
    assert not at.exception
    at.text_input(key="my_emails_input").input("Me@X.org; other@x.org").run()
    assert not at.exception
    report = at.dataframe[0].value.set_index("File")
    assert report.loc["cal.ics", "What was read"].startswith("dates and guests of 3 meetings")
    assert report.loc["book.vcf", "Rows read"] == 1
    assert "Private title" not in report.to_csv()
    assert [m.value for m in at.metric][:1] == ["2"]  # Ana (3 meetings) and Dora (address book)


OLD_EXPORT = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
              b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Countess,10 Dec 2015\n"
              b"Charles,Babbage,https://www.linkedin.com/in/cb,,Analytical Engines,Inventor,02 Mar 2014\n")


def test_the_as_of_offer_sets_and_undoes_the_as_of_date() -> None:
    at = open_page("import")
    at.file_uploader(key="import_files").upload("Connections.csv", OLD_EXPORT, "text/csv").run()
    at.text_input(key="import_target").input("old-export").run()
    at.button[0].click().run()  # import into a new workspace: its last activity is 2015-12-10
    assert not at.exception
    store = Store(workspace_path("old-export"))
    assert at.button(key="use_last_activity").label == "Use 2015-12-10 as the as-of date"
    assert any("last activity is on 2015-12-10" in i.value for i in at.info)
    assert store.settings().get("as_of") is None

    at.button(key="use_last_activity").click().run()  # accept: every figure as of that day
    assert store.settings()["as_of"] == "2015-12-10"
    assert [b.key for b in at.button if b.key in ("use_last_activity", "use_today")] == ["use_today"]
    assert any("Every figure is as of 2015-12-10" in c.value for c in at.caption)

    at.button(key="use_today").click().run()  # undo: back to today, and the offer is made again
    assert store.settings().get("as_of") is None
    assert [b.key for b in at.button if b.key in ("use_last_activity", "use_today")] == ["use_last_activity"]
    assert not at.exception


def test_the_exports_other_csvs_dropped_with_the_rest_are_left_out_not_refused() -> None:
    at = open_page("import")
    uploader = at.file_uploader(key="import_files")
    uploader.upload("Connections.csv", OLD_EXPORT, "text/csv")
    uploader.upload("Positions.csv", b"Company Name,Title,Started On\nAcme,CEO,Jan 2020\n", "text/csv").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any(plain("Positions.csv: part of the LinkedIn export") in w.value for w in at.warning)
    assert at.metric[0].value == "2"  # contacts found: the two connections


def test_reading_and_importing_show_their_real_stages(monkeypatch) -> None:
    """The status lists each file as it is parsed, the upload is parsed once however often the page
    reruns, and the import analyses the new workspace before it leads on (so the next page is ready)."""
    parses, analysed = [], []
    real, analyse = ingest.load_files, session.analyse
    monkeypatch.setattr(ingest, "load_files", lambda *args, **kw: parses.append(1) or real(*args, **kw))
    monkeypatch.setattr(session, "analyse", lambda net, *args: analysed.append(len(net.contacts))
                        or analyse(net, *args))
    body = SAMPLE_ZIP.read_bytes()
    at = open_page("import")
    at.file_uploader(key="import_files").upload(SAMPLE_ZIP.name, body, "application/zip").run()
    lines = [m.value for m in at.status[0].markdown]
    assert any(line.startswith(plain(f"Parsed {SAMPLE_ZIP.name}/Connections.csv: ")) for line in lines), lines
    assert lines[-1] == plain("Matching messages, invitations and endorsements to your contacts")
    at.text_input(key="import_target").input("mine").run()
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Imported into “mine”" in at.success[0].value
    assert parses == [1], "one parse for the upload, the name typed and the import"
    assert analysed[-1] == len(real([(SAMPLE_ZIP.name, body)]).contacts)  # the new workspace, analysed


def test_a_mailbox_too_large_to_upload_is_read_from_its_path(tmp_path) -> None:
    """A mailbox named by its path is streamed from the disk: the report lists it, mail both ways makes a
    contact, and it imports into a workspace like an upload."""
    from tests.test_mbox import IN, OUT, box

    path = tmp_path / "All mail.mbox"
    path.write_bytes(box(OUT, IN))
    at = open_page("import")
    at.text_input(key="mbox_path").input(f'"{path}"').run()  # pasted with quotes, as a file manager copies
    at.text_input(key="my_emails_input").input("me@x.org").run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.dataframe[0].value.set_index("File")
    assert report.loc["All mail.mbox", "Rows read"] == 2
    assert [m.value for m in at.metric][:2] == ["1", "2"]  # Ana wrote back; Bob, only copied, does not count
    at.text_input(key="import_target").input("mail-only").run()
    at.button[0].click().run()
    assert plain("Imported into “mail-only”") in at.success[0].value
    stored = Store(workspace_path("mail-only")).load()
    assert stored.contacts["name"].tolist() == ["Ana Lopez"] and len(stored.interactions) == 2


def test_a_google_takeout_zip_is_uploaded_or_named_by_its_path(tmp_path) -> None:
    """A Takeout zip asks for the owner's addresses (it holds a calendar and a mailbox), lists each member
    read on a line of its own (not Drive's), and imports; the same zip named by its path reads the same."""
    from tests.test_takeout import READ, TAKEOUT, zipped

    data = zipped(TAKEOUT)
    at = open_page("import")
    at.file_uploader(key="import_files").upload("takeout.zip", data, "application/zip").run()
    at.text_input(key="my_emails_input").input("me@x.org").run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.dataframe[0].value.set_index("File")
    assert report.index.tolist() == READ
    assert report["Rows read"].tolist() == [2, 1, 1, 2]
    assert [m.value for m in at.metric][:2] == ["2", "1"]  # Ana (both labels, mail) and Cy; Ana's mail
    at.text_input(key="import_target").input("takeout").run()
    at.button[0].click().run()
    assert plain("Imported into “takeout”") in at.success[0].value
    assert sorted(Store(workspace_path("takeout")).load().contacts["name"]) == ["Ana Lopez", "Cy Do"]

    path = tmp_path / "takeout-20260101T090000Z-001.zip"
    path.write_bytes(data)
    at = open_page("import")
    at.text_input(key="mbox_path").input(str(path)).run()
    at.text_input(key="my_emails_input").input("me@x.org").run()
    assert not at.exception, [e.value for e in at.exception]
    named = at.dataframe[0].value["File"].tolist()
    assert named == [r.replace("takeout.zip", path.name) for r in READ]


def test_a_path_that_is_no_mailbox_gets_one_line_and_changes_nothing(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("Dear diary\n")
    at = open_page("import")
    for typed, reason in ((str(tmp_path / "missing.mbox"), "no such file on this computer"),
                          (str(tmp_path / "notes.txt"), "neither a mailbox (.mbox) nor a zip")):
        at.text_input(key="mbox_path").input(typed).run()
        assert not at.exception
        assert [plain(reason) in e.value for e in at.error] == [True], [e.value for e in at.error]
        assert not at.dataframe  # nothing read, nothing offered for import


def test_the_delete_picker_lists_everyone_only_once_delete_data_is_opened() -> None:
    at = open_page("import")
    assert "delete_who" not in [s.key for s in at.selectbox]  # 30,000 names are not sent unasked
    at.session_state["delete_data"] = True  # as a click on "Delete data" does
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.selectbox(key="delete_who").options) == 1 + 800  # a blank, then every contact
