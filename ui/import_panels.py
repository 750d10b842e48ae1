"""The Import page's panels: matching a contacts file's columns, the import report of what was read, the
import itself with its progress, and what it added."""

import streamlit as st

from analytics import i18n, import_summary, ingest
from analytics.errors import InputError
from analytics.i18n import N_, _, counted
from analytics.ingest.import_report import import_columns
from analytics.model import Network
from analytics.store import Store, workspace_path
from ui import session
from ui.widgets import file_warnings, plain

IMPORTED = "import_done"  # the last import of this session: which upload, into where, what it added
MAPPING_FIELDS = ["first_name", "last_name", "name", "email", "company", "position", "url", "connected_on",
                  "phone"]
#: How the column-matching boxes name each field.
FIELD_LABELS = {"first_name": N_("First name"), "last_name": N_("Last name"), "name": N_("Name"),
                "email": N_("Email"), "company": N_("Company"), "position": N_("Position"),
                "url": N_("Profile URL"), "connected_on": N_("Connected on"), "phone": N_("Phone")}


def column_mapping(columns: list[str]) -> dict[str, str]:
    """A box per field, preset to the guessed column of a contacts file with `columns`; the field -> column
    mapping chosen (further e-mail and phone columns as guessed)."""
    guess = ingest.guess_mapping(columns)
    options = [None, *columns]
    cols = st.columns(4)
    mapping = {f: c for f, c in guess.items() if f not in MAPPING_FIELDS}
    for i, field in enumerate(MAPPING_FIELDS):
        picked = cols[i % 4].selectbox(_(FIELD_LABELS[field]), options,
                                       index=options.index(guess[field]) if field in guess else 0,
                                       format_func=lambda c: _("(none)") if c is None else c,
                                       key=f"map_{field}")
        if picked is not None:
            mapping[field] = picked
    return mapping


def import_report(parsed: Network) -> None:
    """What the upload holds: one row per file, its warnings, empty files, the contacts and interactions
    found."""
    report = ingest.import_table(parsed.files)
    file, kind, rows, skipped = import_columns()[:4]
    figures = st.column_config.NumberColumn(format="localized")  # 19,959 not 19959
    st.dataframe(report.assign(**{kind: report[kind].map(import_summary.kind_label)}), hide_index=True,
                 width="stretch", column_config={file: st.column_config.TextColumn(width=260),
                                                 rows: figures, skipped: figures})
    file_warnings(parsed.files)
    for sentence in import_summary.empty_files(parsed.files):
        st.warning(plain(sentence), icon="ℹ️")
    c1, c2 = st.columns(2)
    c1.metric(_("Contacts found"), i18n.number(len(parsed.contacts)))
    c2.metric(_("Interactions found"), i18n.number(len(parsed.interactions)))


def imported(done: dict, parsed: Network) -> None:
    """What the import `done` added to which workspace, how that differs from what was read, and the way
    on."""
    counts = done["counts"]
    st.success(_("Imported into “{workspace}”: {contacts}, {updated} updated, {interactions}. Your notes "
                 "and groups were kept.").format(
        workspace=plain(done["workspace"]),
        contacts=counted("{n} new contact", "{n} new contacts", counts["added"]),
        updated=i18n.number(counts["updated"]),
        interactions=counted("{n} new interaction", "{n} new interactions", counts["interactions_added"])),
        icon=":material/check_circle:")
    for sentence in import_summary.differences(len(parsed.contacts), len(parsed.interactions), counts):
        st.caption(sentence)
    if counts.get("role_changes"):
        st.info(counted("{n} contact changed company or position since your last export: the Action "
                        "plan lists them under “{list}”.",
                        "{n} contacts changed company or position since your last export: the Action "
                        "plan lists them under “{list}”.", counts["role_changes"],
                        list=_("Congratulate on a new role")), icon=":material/celebration:")
    st.page_link("app_pages/overview.py", label=_("See your network"), icon="➡️")


def import_into(target: str, parsed: Network, files: list[session.Upload]) -> None:
    """Store `parsed` in workspace `target`, switch to it and analyse it, with a progress bar; remember what
    was added (`IMPORTED`) and rerun. Bad input stops the page with its one line."""
    try:
        destination = Store(workspace_path(target))
        with st.status(_("Importing…"), expanded=True) as status:
            bar = st.progress(0.0, text=_("Storing {contacts} and {interactions}…").format(
                contacts=counted("{n} contact", "{n} contacts", len(parsed.contacts)),
                interactions=counted("{n} interaction", "{n} interactions", len(parsed.interactions))))
            counts = destination.import_network(parsed)
            if session.my_addresses():
                destination.save_settings(my_emails=session.my_addresses())
            session.use_workspace(target)
            bar.progress(0.6, text=_("Analysing your network (scores, groups, plan)…"))
            session.analysis()  # now, so the next page opens on it
            bar.progress(1.0, text=_("Done"))
            status.update(label=_("Imported into “{workspace}”").format(workspace=plain(target)),
                          state="complete")
    except InputError as err:
        session.show_error(err)
        st.stop()
    st.session_state[IMPORTED] = {"files": import_summary.upload_signature(files), "counts": counts,
                                  "workspace": target}
    st.rerun()
