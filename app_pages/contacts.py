"""Contacts: every contact with strength, tier and why; edit closeness, notes, target flag and the
client/referrer/prospect/friend mark inline, or mark many at once from a search or a company."""

import pandas as pd
import plotly.express as px
import streamlit as st

from analytics import annotations, depth, i18n, marks, page_data
from analytics.companies import company_names
from analytics.errors import InputError
from analytics.frames import picker_labels
from analytics.i18n import _, counted
from analytics.model import ROLES
from ui import session, widgets

SHOWN = "contacts_shown"  # the table's contact ids as last drawn: the editor's row positions point at them

st.title(_("Contacts"))
changes = st.session_state.get("contacts_editor", {}).get("edited_rows", {})
if changes and SHOWN in st.session_state:  # saved before the analysis is read: the page runs once
    try:
        stored = session.store().annotations()
        rows = annotations.apply_edits(stored, st.session_state[SHOWN], changes, session.as_of())
        if page_data.annotations_changed(stored, rows):
            session.store().save_annotations(rows)
            st.toast(counted("Saved {n} change", "Saved {n} changes", len(rows)))
    except InputError as err:
        session.show_error(err)
table = session.analysis().contacts

f1, f2, f3 = st.columns([2, 2, 1.3])
query = f1.text_input(_("Search name, company or position"), key="contacts_query")
tiers = f2.multiselect(_("Tiers"), depth.TIER_ORDER, format_func=_, key="contacts_tiers",
                       placeholder=_("All tiers"))
only_target = f3.toggle(_("Target segment only"), key="contacts_target")
matched = page_data.filter_contacts(table, query=query, tiers=tiers, target_only=only_target)
shown = matched.head(widgets.TABLE_ROWS)  # strongest first; a table of 30,000 editable rows is slow to draw
if len(matched) > len(shown):
    found = counted("{matched} of {n} contact (the strongest {shown} shown: search to narrow).",
                    "{matched} of {n} contacts (the strongest {shown} shown: search to narrow).", len(table),
                    matched=i18n.number(len(matched)), shown=i18n.number(widgets.TABLE_ROWS))
else:
    found = counted("{matched} of {n} contact.", "{matched} of {n} contacts.", len(table),
                    matched=i18n.number(len(matched)))
st.caption(found + " " + _("Mark clients and referrers, edit closeness (0–5), target, consent, cadence and "
                           "notes in the table; changes are saved to your workspace and survive re-imports. "
                           "Steps 1 and 2 of the Action plan call the people you mark as client or "
                           "referrer."))

# name, then what the caption asks you to edit, then the score and why: all on screen at 1280 px
columns = ["name", "role", "suggested_role", "closeness", "consent", "cadence_days", "target", "notes",
           "strength", "tier", "reason", "company", "position", "sources", "last_interaction"]
editable = set(annotations.EDITABLE)
edited = st.data_editor(
    widgets.tier_words(shown[columns]).assign(suggested_role=shown["suggested_role"].map(widgets.choice)),
    key="contacts_editor", hide_index=True, height=480, placeholder="—",
    disabled=[c for c in columns if c not in editable],
    column_config={
        **widgets.contact_config(),
        "name": st.column_config.TextColumn(_("Name"), pinned=True),
        "role": st.column_config.SelectboxColumn(_("Mark"), options=ROLES, format_func=widgets.choice,
                                                 width=widgets.fit_width(map(widgets.choice, ROLES), 100),
                                                 help=_("Client, referrer, prospect or friend.")),
        "suggested_role": st.column_config.TextColumn(
            _("Suggested"), width=widgets.fit_width(map(widgets.choice, ROLES), 90),
            help=_("What your LinkedIn export suggests (a recommendation, mutual "
            "endorsements or a long two-way thread): confirm by choosing the mark; never counted before.")),
        "closeness": st.column_config.NumberColumn(_("Closeness"), min_value=0, max_value=5, step=1,
                                                   width=95, help=_("Your own 0–5 rating.")),
        "target": st.column_config.CheckboxColumn(  # the Italian "Obiettivo" was cut at 70 px
            _("Target"), width=max(70, widgets.fit_width([_("Target")]) + widgets.EDIT_ICON),
            help=_("In the segment you want to grow.")),
        "consent": st.column_config.SelectboxColumn(_("Consent"), options=annotations.CONSENT_VALUES,
                                                    format_func=widgets.choice, width=110,
                                                    help=_("Consent to your mailing list.")),
        "cadence_days": st.column_config.NumberColumn(_("Cadence"), min_value=1, max_value=3650,
                                                      width=100, help=_("Days between touches you aim for.")),
        "notes": st.column_config.TextColumn(_("Notes"), width=140),
        "sources": st.column_config.TextColumn(_("Known from"), help=_(
            "Where this contact comes from: LinkedIn, a contacts file, an address book, calendars, e-mail.")),
    })
st.session_state[SHOWN] = shown["contact_id"].tolist()

with st.expander(counted("Mark many at once ({n} contact matches the search)",
                         "Mark many at once ({n} contacts match the search)", len(matched))), \
        st.form("bulk_mark_form"):
    b1, b2 = st.columns(2)
    role = b1.selectbox(_("Mark as"), ROLES, format_func=widgets.choice, key="bulk_role")
    spelt = company_names(matched["company"])  # one company, one name: "Acme" and "Acme B.V." together
    company = b2.selectbox(_("Only this company"), sorted({c for c in spelt if c}), index=None,
                           key="bulk_company", placeholder=_("Everyone matching the search"))
    confirm = st.checkbox(_("Only those the export suggests for this mark"), key="bulk_suggested")
    chosen = marks.bulk_targets(matched, spelt, company, role, suggested_only=confirm)
    if st.form_submit_button(_("Mark them"), type="primary"):
        if chosen.empty:
            st.warning(_("Nobody matches: change the search, the company or the mark."))
        else:
            store = session.store()
            store.save_annotations(annotations.mark_rows(store.annotations(), chosen["contact_id"].tolist(),
                                                         role, session.as_of()))
            st.toast(counted("Marked {n} contact as {mark}", "Marked {n} contacts as {mark}", len(chosen),
                             mark=widgets.choice(role)))
            st.rerun()

NOT_RATED = ""  # the closeness scale's first stop: a note on an unrated contact leaves it unrated


def save_notes(contact_id: str, name: str) -> None:
    """The notes form's Save, as a callback: stored before the page runs, so it runs once, not twice."""
    state = st.session_state
    edits = {0: {"closeness": state["annotate_closeness"], "consent": state["annotate_consent"],
                 "target": state["annotate_target"], "notes": state["annotate_notes"]}}
    store = session.store()
    store.save_annotations(annotations.apply_edits(store.annotations(), [contact_id], edits, session.as_of()))
    st.toast(_("Saved your notes on {name}").format(name=widgets.plain(name)))


st.subheader(_("Why did a contact score what it did?"))
labels = picker_labels(shown)  # one label per contact: two Ann Müllers at one company stay two
pick = st.selectbox(_("Contact"), shown["contact_id"], format_func=labels.__getitem__,
                    key="contacts_explain", index=None, placeholder=_("Choose a contact"))
if pick:
    row = table.loc[pick]
    parts = pd.DataFrame(depth.explain(row), columns=["component", "points", "why"])
    widgets.reason_panel(row)
    left, right = st.columns([2, 3])
    left.metric(f"{widgets.plain(row['name'])} — {_(row['tier'])}", f"{i18n.number(row['strength'])} / 100")
    points = parts["points"].map(lambda v: i18n.number(v, 1))  # the language's decimal mark
    left.dataframe(parts.assign(points=points), hide_index=True, row_height=widgets.WRAPPED_ROW,
                   column_config={
        "component": st.column_config.TextColumn(_("Component")),
        "points": st.column_config.TextColumn(_("Points")),
        "why": st.column_config.TextColumn(_("Why"), width="large")})
    bars = px.bar(parts, x="points", y="component", orientation="h", text_auto=".1f",
                  title=_("Points per component"),
                  labels={"points": _("Points"), "component": _("Component")})
    right.plotly_chart(bars.update_layout(separators=i18n.plot_separators()), key="explain_chart")
    with st.form("annotate_form"):
        st.markdown("**" + _("Your notes on {name}").format(name=widgets.plain(row["name"])) + "**")
        a1, a2, a3 = st.columns(3)
        a1.select_slider(_("Closeness (0 stranger – 5 closest)"), [NOT_RATED, *range(6)],
                         value=NOT_RATED if pd.isna(row["closeness"]) else int(row["closeness"]),
                         key="annotate_closeness",
                         format_func=lambda v: _("not rated") if v == NOT_RATED else i18n.number(v))
        a2.selectbox(_("Mailing-list consent"), annotations.CONSENT_VALUES, key="annotate_consent",
                     format_func=widgets.choice, index=annotations.CONSENT_VALUES.index(row["consent"]))
        a3.checkbox(_("In my target segment"), value=bool(row["target"]), key="annotate_target")
        st.text_area(_("Notes"), value=row["notes"], key="annotate_notes")
        st.form_submit_button(_("Save"), type="primary", on_click=save_notes, args=(pick, row["name"]))
