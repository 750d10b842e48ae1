"""Ledger & groups setup: groups registry, member attribution, activity ledger and imports."""

import streamlit as st

from analytics import attribution, exports, i18n, ledger_edits, ledger_view
from analytics.errors import InputError
from analytics.i18n import _, counted, pgettext
from analytics.ingest import ledger_workbook
from analytics.model import DIRECTIONS, GROUP_TYPES, LEDGER_KINDS
from ui import editing, session
from ui.ledger_forms import bni_slips, members_by_roster, members_by_rules, money_settings, picker
from ui.ledger_tables import (
    add_members,
    candidates_table,
    groups_editor,
    ledger_editor,
    save_import,
    show_import,
)
from ui.widgets import kept, plain

PICKER = picker()
COST_LABEL, VALUE_LABEL = ledger_view.amount_label("cost"), ledger_view.amount_label("value")
# Choices' labels fixed in this run's language (a format_func may be called outside the run, e.g. in AppTest).
TYPE_WORDS, KIND_WORDS = ledger_view.type_words(), ledger_view.kind_words()
SHOW_WORDS, DIRECTION_LABELS = ledger_view.show_words(), ledger_view.direction_words()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


st.title(_("Ledger & groups setup"))
net = session.network(interactions=False)
store = session.store()
group_names = ledger_view.group_names(net.groups)
# the member filters keep their values while another tab is open
kept({"members_query": "", "members_tiers": [], "members_companies": [], "members_show": "all"})
# Only the open tab runs (and is sent to the browser): a tab switch reruns the page.
tab_groups, tab_members, tab_ledger, tab_import = st.tabs(
    [_("Groups"), _("Members"), _("Activity ledger"), _("Import & template")], key="ledger_tab",
    on_change="rerun")

# -- groups registry ---------------------------------------------------------------------------------
if tab_groups.open:
    st.caption(_("The groups you belong to and what they cost you. Edit a cell or delete a row (select it, "
                 "then the bin icon) and it is saved."))
    money_settings(net, store)
    groups_editor(net.groups)

    with st.form("group_add_form", clear_on_submit=True):
        st.markdown(_("**Add a group**"))
        c = st.columns([3, 2, 1, 1, 2])
        name = c[0].text_input(_("Name"), key="group_add_name")
        gtype = c[1].selectbox(_("Type"), GROUP_TYPES, format_func=TYPE_WORDS.get, key="group_add_type")
        cost = c[2].number_input(COST_LABEL, min_value=0.0, step=50.0, key="group_add_cost")
        hours = c[3].number_input(_("Hours / month"), min_value=0.0, step=1.0, key="group_add_hours")
        joined = c[4].date_input(_("Joined on"), value=None, key="group_add_joined", **PICKER)
        if st.form_submit_button(_("Add group"), type="primary"):
            try:
                store.save_groups(ledger_edits.new_group(net.groups, name, gtype, cost, hours, joined))
                editing.saved("group_add", _("Added {name}").format(name=plain(name.strip())))
            except InputError as err:
                session.show_error(err)

# -- members: by hand, by rules, by roster -----------------------------------------------------------
if tab_members.open:
    if not group_names:
        st.info(_("Add a group first (Groups tab)."))
    else:
        target = st.selectbox(_("Group"), list(group_names), format_func=group_names.get, key="members_group")
        st.markdown(_("**By hand**: filter, select rows, then add them to or remove them from the group."))
        scores = session.scores()
        f = st.columns([3, 2, 2, 2])
        query = f[0].text_input(_("Search name, company or position"), key="members_query")
        tier_names, company_names = ledger_view.member_filters(scores)
        tiers = f[1].multiselect(_("Tiers"), list(tier_names), format_func=tier_names.get,
                                 key="members_tiers")
        companies = f[2].multiselect(_("Companies"), company_names, key="members_companies")
        show = f[3].radio(_("Show"), ["all", "members", "others"], horizontal=True, key="members_show",
                          format_func=SHOW_WORDS.get)
        candidates = attribution.member_candidates(scores, net.members, target, query, tiers, companies, show)
        picked = candidates_table(candidates)
        every = st.checkbox(counted("Apply to the {n} contact shown", "Apply to all {n} contacts shown",
                                    len(candidates)), key="members_all")
        rows = range(len(candidates)) if every else picked
        chosen = candidates["contact_id"].iloc[list(rows)].tolist()
        b1, b2 = st.columns(2)
        group_label = plain(group_names[target])
        with b1:
            add_members(_("Add {n} to {group}").format(n=i18n.number(len(chosen)), group=group_label),
                        "members_add", target, chosen)
        if b2.button(_("Remove {n} from {group}").format(n=i18n.number(len(chosen)), group=group_label),
                     key="members_remove", disabled=not chosen):
            store.set_members(target, chosen, member=False)
            editing.saved("members_remove", counted("Removed {n} member", "Removed {n} members", len(chosen)))

        st.divider()
        members_by_rules(net, target, group_label)
        st.divider()
        members_by_roster(net, target, group_label)

# -- activity ledger ---------------------------------------------------------------------------------
if tab_ledger.open:
    contact_label = ledger_view.contact_labels(net.contacts)
    with st.form("entry_form", clear_on_submit=True):
        st.markdown(_("**Log something that happened**"))
        c = st.columns([1, 3, 2])
        day = c[0].date_input(_("Date"), value=session.as_of().date(), key="entry_date", **PICKER)
        contact = c[1].selectbox(_("Contact"), list(contact_label), format_func=contact_label.get, index=None,
                                 placeholder=_("Type a name to search"), key="entry_contact")
        group_choices = {"": pgettext("group", "(none)"), **group_names}
        group = c[2].selectbox(_("Group"), list(group_choices), key="entry_group",
                               format_func=group_choices.get)
        c = st.columns([2, 2, 1, 3])
        kind = c[0].selectbox(_("Kind"), LEDGER_KINDS, format_func=KIND_WORDS.get, key="entry_kind")
        direction = c[1].radio(_("Direction"), DIRECTIONS, format_func=DIRECTION_LABELS.get,
                               key="entry_direction")
        value = c[2].number_input(VALUE_LABEL, min_value=0.0, step=100.0, key="entry_value",
                                  help=_("The business closed; 0 when there is none."))
        note = c[3].text_input(_("Note"), key="entry_note")
        if st.form_submit_button(_("Add entry"), type="primary"):
            try:
                store.save_ledger(ledger_edits.manual_entry(day, contact or "", group, kind, direction,
                                                               value, note, existing=net.ledger))
                editing.saved("entry", _("Entry added"))
            except InputError as err:
                session.show_error(err)

    st.markdown(counted("**Your ledger** ({n} entry). Edit a cell or delete rows; changes are saved.",
                        "**Your ledger** ({n} entries). Edit a cell or delete rows; changes are saved.",
                        len(net.ledger)))
    ledger_editor(net.ledger, contact_label, group_names)

# -- imports and template ----------------------------------------------------------------------------
if tab_import.open:
    st.download_button(_("Download the ledger workbook template"), exports.template_workbook(),
                       file_name="network_ledger_template.xlsx", mime=XLSX, key="ledger_template",
                       icon=":material/download:")
    st.markdown(_("**Import your ledger workbook** (Groups, Members, Activities sheets; or one CSV per "
                  "sheet). Importing the same rows again adds nothing twice."))
    st.file_uploader(_("Ledger workbook or CSVs"), type=["xlsx", "csv"], accept_multiple_files=True,
                     key=editing.fresh("ledger_upload"), on_change=editing.stash,
                     args=(editing.fresh("ledger_upload"), "ledger_pending"))
    pending = st.session_state.get("ledger_pending")
    if pending:
        try:
            result = ledger_workbook.read_ledger(pending, net.contacts)
        except InputError as err:
            session.show_error(err)
        else:
            show_import(result)
            if st.button(_("Save to my ledger"), key="ledger_import_save", type="primary",
                         disabled=result.ledger.empty and result.groups.empty and result.members.empty):
                save_import(result, net.groups, "ledger", _("Ledger imported"))

    st.divider()
    bni_slips(net)
