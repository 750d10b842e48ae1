"""Contacts: every contact with strength, tier and why; edit closeness, notes, target flag and the
client/referrer/prospect/friend mark inline, or mark many at once from a search or a company."""

import pandas as pd
import plotly.express as px
import streamlit as st

from analytics import annotations, depth, page_data
from analytics.errors import InputError
from analytics.model import ROLES
from analytics.wording import plural
from ui import session, widgets

EDITOR_ROWS = 1000

st.title("Contacts")
table = session.analysis().contacts

f1, f2, f3 = st.columns([2, 2, 1.3])
query = f1.text_input("Search name, company or position", key="contacts_query")
tiers = f2.multiselect("Tiers", depth.TIER_ORDER, key="contacts_tiers")
only_target = f3.toggle("Target segment only", key="contacts_target")
matched = page_data.filter_contacts(table, query=query, tiers=tiers, target_only=only_target)
shown = matched.head(EDITOR_ROWS)  # strongest first; a table of 30,000 editable rows is slow to draw
more = f" (the strongest {EDITOR_ROWS:,} shown: search to narrow)" if len(matched) > len(shown) else ""
st.caption(f"{len(matched):,} of {len(table):,} contacts{more}. Mark clients and referrers, edit closeness "
           "(0–5), target, consent, cadence and notes in the table; changes are saved to your workspace and "
           "survive re-imports. Steps 1 and 2 of the Action plan call the people you mark as client or "
           "referrer.")

# name, then what the caption asks you to edit, then the score and why: all on screen at 1280 px
columns = ["name", "role", "suggested_role", "closeness", "consent", "cadence_days", "target", "notes",
           "strength", "tier", "reason", "company", "position", "sources", "last_interaction"]
editable = set(annotations.EDITABLE)
edited = st.data_editor(
    shown[columns], key="contacts_editor", hide_index=True, height=480, placeholder="—",
    disabled=[c for c in columns if c not in editable],
    column_config={
        **widgets.CONTACT_CONFIG,
        "name": st.column_config.TextColumn("Name", pinned=True),
        "role": st.column_config.SelectboxColumn("Mark", options=ROLES, width=100,
                                                 help="Client, referrer, prospect or friend."),
        "suggested_role": st.column_config.TextColumn(
            "Suggested", width=90, help="What your LinkedIn export suggests (a recommendation, mutual "
            "endorsements or a long two-way thread): confirm by choosing the mark; never counted before."),
        "closeness": st.column_config.NumberColumn("Closeness", min_value=0, max_value=5, step=1,
                                                   width=95, help="Your own 0–5 rating."),
        "target": st.column_config.CheckboxColumn("Target", width=70,
                                                  help="In the segment you want to grow."),
        "consent": st.column_config.SelectboxColumn("Consent", options=annotations.CONSENT_VALUES,
                                                    width=110, help="Consent to your mailing list."),
        "cadence_days": st.column_config.NumberColumn("Cadence", min_value=1, max_value=3650,
                                                      width=100, help="Days between touches you aim for."),
        "notes": st.column_config.TextColumn("Notes", width=140),
        "sources": st.column_config.TextColumn("Known from", help="Where this contact comes from: LinkedIn, "
                                               "a contacts file, an address book, calendars, e-mail."),
    })
changes = st.session_state.get("contacts_editor", {}).get("edited_rows", {})
if changes:
    try:
        stored = session.store().annotations()
        rows = annotations.apply_edits(stored, shown["contact_id"].tolist(), changes, session.as_of())
        if page_data.annotations_changed(stored, rows):
            session.store().save_annotations(rows)
            st.toast(f"Saved {plural(len(rows), 'change')}")
            st.rerun()
    except InputError as err:
        session.show_error(err)

with st.expander(f"Mark many at once ({plural(len(matched), 'contact')} match the search)"), \
        st.form("bulk_mark_form"):
    b1, b2 = st.columns(2)
    role = b1.selectbox("Mark as", ROLES, key="bulk_role")
    companies = sorted({c for c in matched["company"] if c})
    company = b2.selectbox("Only this company", companies, index=None, key="bulk_company",
                           placeholder="Everyone matching the search")
    confirm = st.checkbox("Only those the export suggests for this mark", key="bulk_suggested")
    chosen = matched if company is None else matched[matched["company"] == company]
    if confirm:
        chosen = chosen[chosen["suggested_role"] == role]
    if st.form_submit_button("Mark them", type="primary"):
        if chosen.empty:
            st.warning("Nobody matches: change the search, the company or the mark.")
        else:
            store = session.store()
            store.save_annotations(annotations.mark_rows(store.annotations(), chosen["contact_id"].tolist(),
                                                         role, session.as_of()))
            st.toast(f"Marked {plural(len(chosen), 'contact')} as {role}")
            st.rerun()

st.subheader("Why did a contact score what it did?")
pick = st.selectbox("Contact", shown["contact_id"], format_func=lambda cid: table.at[cid, "name"],
                    key="contacts_explain", index=None, placeholder="Choose a contact")
if pick:
    row = table.loc[pick]
    parts = pd.DataFrame(depth.explain(row), columns=["component", "points", "why"])
    widgets.reason_panel(row)
    left, right = st.columns([2, 3])
    left.metric(f"{widgets.plain(row['name'])} — {row['tier']}", f"{row['strength']:.0f} / 100")
    left.dataframe(parts, hide_index=True, row_height=widgets.WRAPPED_ROW, column_config={
        "component": st.column_config.TextColumn("Component"),
        "points": st.column_config.NumberColumn("Points", format="%.1f"),
        "why": st.column_config.TextColumn("Why", width="large")})
    right.plotly_chart(px.bar(parts, x="points", y="component", orientation="h", text_auto=".1f",
                              title="Points per component"), key="explain_chart")
    with st.form("annotate_form"):
        st.markdown(f"**Your notes on {widgets.plain(row['name'])}**")
        a1, a2, a3 = st.columns(3)
        closeness = a1.slider("Closeness (0 stranger – 5 closest)", 0, 5, key="annotate_closeness",
                              value=0 if pd.isna(row["closeness"]) else int(row["closeness"]))
        consent = a2.selectbox("Mailing-list consent", annotations.CONSENT_VALUES, key="annotate_consent",
                               index=annotations.CONSENT_VALUES.index(row["consent"]))
        target = a3.checkbox("In my target segment", value=bool(row["target"]), key="annotate_target")
        notes = st.text_area("Notes", value=row["notes"], key="annotate_notes")
        if st.form_submit_button("Save", type="primary"):
            edits = {0: {"closeness": closeness, "consent": consent, "target": target, "notes": notes}}
            store = session.store()
            store.save_annotations(annotations.apply_edits(store.annotations(), [pick], edits,
                                                           session.as_of()))
            st.toast(f"Saved your notes on {widgets.plain(row['name'])}")
            st.rerun()
