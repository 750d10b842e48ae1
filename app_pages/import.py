"""Import & workspace: upload an export or contacts file, review the report, merge, delete."""

import pandas as pd
import streamlit as st

from analytics import import_summary, ingest
from analytics.errors import InputError
from analytics.store import Store, workspace_path
from analytics.wording import duration, plural
from ui import session
from ui.widgets import plain

IMPORTED = "import_done"  # the last import of this session: which upload, into where, what it added
MAPPING_FIELDS = ["first_name", "last_name", "name", "email", "company", "position", "url", "connected_on",
                  "phone"]
SOURCE_TYPES = ["vcf", "vcard", "ics", "mbox"]

st.title("Import & workspace")
st.write("Drop your **LinkedIn data archive** (the Basic or Complete zip from *Settings → Data privacy → "
         "Get a copy of your data*), loose CSVs from it, any contacts file (CSV or Excel: Google "
         "Contacts, Outlook, your own spreadsheet), an **address book** (.vcf), a **calendar** (.ics) or a "
         "**mailbox** (.mbox, headers only: bodies are never read). Files are read on this computer and "
         "never leave it.")

uploads = st.file_uploader("Export files", type=["zip", "csv", "txt", "xlsx", *SOURCE_TYPES],
                           accept_multiple_files=True, key="import_files")
files = [(u.name, u.getvalue()) for u in uploads or []]
if any(ingest.source_kind(name, data[:64]) in ("calendar", "mbox") for name, data in files):
    typed = st.text_input("Your e-mail addresses", value=", ".join(session.my_addresses()),
                          key="my_emails_input",
                          help="They tell mail you sent from mail you received, and you from your guests. "
                               "Asked once; remembered with the workspace. LinkedIn's Email Addresses.csv "
                               "(in the full export) adds its own.")
    if typed != ", ".join(session.my_addresses()):
        session.save_my_addresses(typed)


mapping: dict[str, str] | None = None
try:
    generic = [(name, data) for name, data in files if ingest.detect_kind(name, data) == "generic"]
    columns, preview = ingest.preview_generic(*generic[0]) if generic else ([], None)
except InputError as err:
    session.show_error(err)
    st.stop()
if generic:
    st.subheader("Match your columns")
    st.caption(f"{plain(generic[0][0])}: we guessed which column holds what; correct anything that is off.")
    guess = ingest.guess_mapping(columns)
    options = ["(none)", *columns]
    cols = st.columns(4)
    mapping = {f: c for f, c in guess.items() if f not in MAPPING_FIELDS}  # further e-mail and phone columns
    for i, field in enumerate(MAPPING_FIELDS):
        label = "Profile URL" if field == "url" else field.replace("_", " ").capitalize()
        picked = cols[i % 4].selectbox(label, options,
                                       index=options.index(guess[field]) if field in guess else 0,
                                       key=f"map_{field}")
        if picked != "(none)":
            mapping[field] = picked
    st.dataframe(preview, hide_index=True)

if files:
    try:
        size = sum(len(data) for _, data in files) / 1e6
        with st.status(f"Reading {plural(len(files), 'file')} ({size:,.1f} MB)…", expanded=False) as status:
            parsed = session.parse_upload(files, mapping, session.mailbox_progress(files),
                                          steps=lambda line: status.write(plain(line)))
            status.update(label=f"Read {plural(len(files), 'file')}", state="complete")
    except InputError as err:
        session.show_error(err)
        st.stop()
    st.subheader("Import report")
    report = ingest.import_table(parsed.files)
    counted = st.column_config.NumberColumn(format="localized")  # 19,959 not 19959
    st.dataframe(report.assign(Kind=report["Kind"].map(import_summary.kind_label)), hide_index=True,
                 width="stretch", column_config={"File": st.column_config.TextColumn(width=260),
                                                 "Rows read": counted, "Skipped": counted})
    for f in parsed.files:
        for warning in f.warnings:
            st.warning(plain(f"{f.file}: {warning}"), icon="ℹ️")
    for sentence in import_summary.empty_files(parsed.files):
        st.warning(plain(sentence), icon="ℹ️")
    c1, c2 = st.columns(2)
    c1.metric("Contacts found", f"{len(parsed.contacts):,}")
    c2.metric("Interactions found", f"{len(parsed.interactions):,}")

    done = st.session_state.get(IMPORTED)
    if done and done["files"] == import_summary.upload_signature(files):
        counts = done["counts"]
        added = plural(counts["interactions_added"], "new interaction")
        st.success(f"Imported into “{plain(done['workspace'])}”: {plural(counts['added'], 'new contact')}, "
                   f"{counts['updated']:,} updated, {added}. Your notes and groups were kept.",
                   icon=":material/check_circle:")
        for sentence in import_summary.differences(len(parsed.contacts), len(parsed.interactions), counts):
            st.caption(sentence)
        if counts.get("role_changes"):
            st.info(f"{plural(counts['role_changes'], 'contact')} changed company or position since your "
                    "last export: the Action plan lists them under “Congratulate on a new role”.",
                    icon=":material/celebration:")
        st.page_link("app_pages/overview.py", label="See your network", icon="➡️")
    else:
        if parsed.contacts.empty:
            st.caption("Nothing to import yet: none of these files holds a contact.")
        target = session.workspace_name()
        if session.is_sample():
            target = st.text_input("Save into a new workspace named", value="my-network",
                                   help="Your data goes into its own workspace; the sample stays as it is.")
        if st.button(f"Import into workspace “{target}”", type="primary", disabled=parsed.contacts.empty):
            try:
                destination = Store(workspace_path(target))
                with st.status("Importing…", expanded=True) as status:
                    bar = st.progress(0.0, text=f"Storing {len(parsed.contacts):,} contacts and "
                                                f"{len(parsed.interactions):,} interactions…")
                    counts = destination.import_network(parsed)
                    if session.my_addresses():
                        destination.save_settings(my_emails=session.my_addresses())
                    session.use_workspace(target)
                    bar.progress(0.6, text="Analysing your network (scores, groups, plan)…")
                    session.analysis()  # now, so the next page opens on it
                    bar.progress(1.0, text="Done")
                    status.update(label=f"Imported into “{plain(target)}”", state="complete")
            except InputError as err:
                session.show_error(err)
                st.stop()
            st.session_state[IMPORTED] = {"files": import_summary.upload_signature(files), "counts": counts,
                                          "workspace": target}
            st.rerun()

st.divider()
st.subheader(f"Workspace “{session.workspace_name()}”")
net = session.network()
st.write(f"{len(net.contacts):,} contacts · {len(net.interactions):,} interactions · "
         f"{len(net.groups):,} groups · {len(net.ledger):,} ledger entries")
settings = session.store().settings()
old = import_summary.stale_as_of(net, pd.Timestamp.now(tz="UTC"))
if old is not None and not settings.get("as_of"):
    st.info(f"This export's last activity is on {old:%Y-%m-%d}, {duration((session.as_of() - old).days)} "
            "ago: measured from today every relationship looks long silent. Use that day as the as-of "
            "date, so the figures read as they were then.", icon=":material/event:")
    # A callback, not `if st.button(...)`: it runs as the next run starts, so a click followed at once by
    # a menu click still counts (the body's check was never reached when the page switch cut the run short).
    st.button(f"Use {old:%Y-%m-%d} as the as-of date", key="use_last_activity", on_click=session.set_as_of,
              args=(f"{old:%Y-%m-%d}",))
elif settings.get("as_of") and not session.is_sample():
    st.caption(f"Every figure is as of {settings['as_of']} (the export's last activity).")
    st.button("Use today instead", key="use_today", on_click=session.set_as_of, args=(None,))
history = session.store().import_history()
if not history.empty:
    with st.expander(f"Import history ({plural(len(history), 'import')})"):
        st.dataframe(ingest.history_table(history), hide_index=True, width="stretch")

with st.expander("Delete data"):
    names = dict(zip(net.contacts["name"] + " · " + net.contacts["company"], net.contacts["contact_id"],
                     strict=True))
    who = st.selectbox("Delete one contact and everything about them", ["", *names], key="delete_who")
    if who and st.button("Delete this contact", key="delete_one"):
        try:
            session.store().delete_contact(names[who])
        except InputError as err:
            session.show_error(err)
            st.stop()
        st.toast(f"Deleted {plain(who)}")
        st.rerun()
    confirm = st.checkbox(f"I want to delete the whole workspace “{session.workspace_name()}” from this "
                          "computer", key="delete_all_confirm")
    if st.button("Delete all my data", type="secondary", disabled=not confirm, key="delete_all"):
        session.store().delete_all()
        st.session_state.pop("workspace", None)
        st.rerun()
