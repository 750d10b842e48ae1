"""Import & workspace: upload an export or contacts file, review the report, merge, delete."""

import pandas as pd
import streamlit as st

from analytics import i18n, import_summary, ingest
from analytics.errors import InputError
from analytics.frames import picker_labels
from analytics.i18n import _, counted
from analytics.wording import duration
from ui import session
from ui.import_panels import IMPORTED, column_mapping, import_into, import_report, imported
from ui.widgets import plain

SOURCE_TYPES = ["vcf", "vcard", "ics", "mbox"]

st.title(_("Import & workspace"))
# TRANSLATORS: LinkedIn's own menu path in *...*: use the names LinkedIn shows in your language
st.write(_("Drop your **LinkedIn data archive** (the Basic or Complete zip from *Settings → Data privacy → "
           "Get a copy of your data*), loose CSVs from it, any contacts file (CSV or Excel: Google "
           "Contacts, Outlook, your own spreadsheet), an **address book** (.vcf), a **calendar** (.ics) or "
           "a **mailbox** (.mbox, headers only: bodies are never read). Files are read on this computer and "
           "never leave it."))
# TRANSLATORS: Google's product names as Google Takeout shows them in your language
st.write(_("A **Google Takeout** zip (*takeout.google.com*: Contacts, Calendar, Mail) can be dropped as it "
           "is, each part of a split export too: its contacts, calendars and mailbox are read, the rest "
           "(Drive, Photos...) is left alone. An iCloud zip of contact cards works the same way."))

uploads = st.file_uploader(_("Export files"), type=["zip", "csv", "txt", "xlsx", *SOURCE_TYPES],
                           accept_multiple_files=True, key="import_files")
files: list[session.Upload] = [(u.name, u.getvalue()) for u in uploads or []]
typed_path = st.session_state.get("mbox_path", "")
with st.expander(_("A mailbox or Takeout zip too large to upload"), expanded=bool(typed_path.strip())):
    typed_path = st.text_input(
        _("Path of an .mbox file or a Google Takeout zip on this computer"), key="mbox_path",
        placeholder=_("e.g. ~/Downloads/takeout-20260101T090000Z-001.zip"),
        help=_("Uploads stop at 1 GB and are held in memory. A mailbox named here, or the mailbox inside a "
               "Takeout zip named here, is read straight from your disk a few MB at a time, headers only, "
               "and never copied or unpacked."))
if typed_path.strip():
    try:
        files.append(ingest.mailbox_on_disk(typed_path))
    except InputError as err:
        session.show_error(err)
        st.stop()
if {"calendar", "mbox"} & session.source_kinds(files):
    typed = st.text_input(_("Your e-mail addresses"), value=", ".join(session.my_addresses()),
                          key="my_emails_input",
                          help=_("They tell mail you sent from mail you received, and you from your guests. "
                                 "Asked once; remembered with the workspace. LinkedIn's Email Addresses.csv "
                                 "(in the full export) adds its own."))
    if typed != ", ".join(session.my_addresses()):
        session.save_my_addresses(typed)


mapping: dict[str, str] | None = None
try:
    generic = [(name, data) for name, data in files
               if isinstance(data, bytes) and ingest.detect_kind(name, data) == "generic"]
    columns, preview = ingest.preview_generic(*generic[0]) if generic else ([], None)
except InputError as err:
    session.show_error(err)
    st.stop()
if generic:
    st.subheader(_("Match your columns"))
    st.caption(_("{file}: we guessed which column holds what; correct anything that is off.").format(
        file=plain(generic[0][0])))
    mapping = column_mapping(columns)
    st.dataframe(preview, hide_index=True)

if files:
    try:
        size = sum(ingest.size_of(data) for _name, data in files) / 1e6
        reading = counted("Reading {n} file ({size} MB)…", "Reading {n} files ({size} MB)…", len(files),
                          size=i18n.number(size, 1))
        with st.status(reading, expanded=False) as status:
            parsed = session.parse_upload(files, mapping, session.mailbox_progress(files),
                                          steps=lambda line: status.write(plain(line)))
            status.update(label=counted("Read {n} file", "Read {n} files", len(files)), state="complete")
    except InputError as err:
        session.show_error(err)
        st.stop()
    st.subheader(_("Import report"))
    import_report(parsed)

    done = st.session_state.get(IMPORTED)
    if done and done["files"] == import_summary.upload_signature(files):
        imported(done, parsed)
    else:
        if parsed.contacts.empty:
            st.caption(_("Nothing to import yet: none of these files holds a contact."))
        target = session.workspace_name()
        if session.is_sample():
            target = st.text_input(_("Save into a new workspace named"), value="my-network",
                                   key="import_target",
                                   help=_("Your data goes into its own workspace; the sample stays as it "
                                          "is."))
        if st.button(_("Import into workspace “{workspace}”").format(workspace=target), type="primary",
                     disabled=parsed.contacts.empty):
            import_into(target, parsed, files)

st.divider()
st.subheader(_("Workspace “{workspace}”").format(workspace=session.workspace_name()))
net = session.network()
st.write(" · ".join([counted("{n} contact", "{n} contacts", len(net.contacts)),
                     counted("{n} interaction", "{n} interactions", len(net.interactions)),
                     counted("{n} group", "{n} groups", len(net.groups)),
                     counted("{n} ledger entry", "{n} ledger entries", len(net.ledger))]))
settings = session.store().settings()
old = import_summary.stale_as_of(net, pd.Timestamp.now(tz="UTC"))
if old is not None and not settings.get("as_of"):
    st.info(_("This export's last activity is on {day}, {ago} ago: measured from today every relationship "
              "looks long silent. Use that day as the as-of date, so the figures read as they were "
              "then.").format(day=i18n.date(old), ago=duration((session.as_of() - old).days)),
            icon=":material/event:")
    # A callback, not `if st.button(...)`: it runs as the next run starts, so a click followed at once by
    # a menu click still counts (the body's check was never reached when the page switch cut the run short).
    st.button(_("Use {day} as the as-of date").format(day=i18n.date(old)), key="use_last_activity",
              on_click=session.set_as_of, args=(f"{old:%Y-%m-%d}",))
elif settings.get("as_of") and not session.is_sample():
    st.caption(_("Every figure is as of {day} (the export's last activity).").format(
        day=i18n.date(settings["as_of"])))
    st.button(_("Use today instead"), key="use_today", on_click=session.set_as_of, args=(None,))
history = session.store().import_history()
if not history.empty:
    with st.expander(counted("Import history ({n} import)", "Import history ({n} imports)", len(history))):
        st.dataframe(ingest.history_table(history), hide_index=True, width="stretch")

with st.expander(_("Delete data"), key="delete_data", on_change="rerun") as delete:
    if delete.open:  # the contact picker lists everyone (30,000 names): drawn only when asked for
        names = picker_labels(net.contacts)  # one label per contact: two Ann Müllers stay two
        who = st.selectbox(_("Delete one contact and everything about them"), ["", *names],
                           format_func=lambda c: names.get(c, ""), key="delete_who")
        if who and st.button(_("Delete this contact"), key="delete_one"):
            try:
                session.store().delete_contact(who)
            except InputError as err:
                session.show_error(err)
                st.stop()
            st.toast(_("Deleted {name}").format(name=plain(names[who])))
            st.rerun()
        sure = _("I want to delete the whole workspace “{workspace}” from this computer")
        confirm = st.checkbox(sure.format(workspace=session.workspace_name()), key="delete_all_confirm")
        if st.button(_("Delete all my data"), type="secondary", disabled=not confirm, key="delete_all"):
            session.store().delete_all()
            st.session_state.pop("workspace", None)
            st.rerun()
