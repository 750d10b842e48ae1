"""Possible duplicates: the same person from two sources, side by side with why they may be one; merge
them or keep them apart (remembered across re-imports), and undo a merge. Logic: analytics/identity.py."""

import streamlit as st

from analytics import i18n, identity
from analytics.errors import InputError
from analytics.i18n import _, counted
from ui import session
from ui.widgets import plain

SHOWN = 20  # pairs on screen at once; deciding them brings the next ones

st.title(_("Possible duplicates"))
st.caption(_("The same person can reach you through LinkedIn, an address book, your calendar and e-mail. "
             "Exact matches (the same e-mail, phone, profile URL, or name at the same company) are merged on "
             "import; these are likely ones for you to decide. A merge keeps every note, interaction, group "
             "and plan tick of both, and you can undo it below. Your choice is remembered on every "
             "re-import."))

pairs, people, decisions = session.duplicates()
counts = session.analysis().contacts.set_index("contact_id")["interactions"]


def decide(action: str, keep: str, away: str) -> None:
    """Merge or keep apart (or undo a merge), then show the result."""
    store = session.store()
    try:
        {"merge": store.merge, "apart": store.keep_apart, "undo": store.undo_merge}[action](keep, away)
    except InputError as err:
        session.show_error(err)
        return
    st.toast({"merge": _("Merged"), "apart": _("Kept apart"), "undo": _("Merge undone")}[action])
    st.rerun()


if pairs.empty:
    st.success(_("No likely duplicates: every contact looks like one person."),
               icon=":material/check_circle:")
elif len(pairs) > SHOWN:
    st.write(counted("{n} possible duplicate (the first {shown} shown).",
                     "{n} possible duplicates (the first {shown} shown).", len(pairs),
                     shown=i18n.number(SHOWN)))
else:
    st.write(counted("{n} possible duplicate.", "{n} possible duplicates.", len(pairs)))
for pair in pairs.head(SHOWN).itertuples(index=False):
    with st.container(border=True):
        st.markdown(f"**{plain(people.at[pair.contact_id, 'name'])}** — {plain(pair.reason)}")
        st.dataframe(identity.compare(people, counts, pair.contact_id, pair.other_id), hide_index=True,
                     width="stretch", column_config={
                         "field": st.column_config.TextColumn(""),
                         "kept": st.column_config.TextColumn(_("Kept")),
                         "merged": st.column_config.TextColumn(_("Merged into it"))})
        b1, b2, _rest = st.columns([1, 1, 4])
        if b1.button(_("Merge"), key=f"merge|{pair.contact_id}|{pair.other_id}", type="primary"):
            decide("merge", pair.contact_id, pair.other_id)
        if b2.button(_("Keep apart"), key=f"apart|{pair.contact_id}|{pair.other_id}"):
            decide("apart", pair.contact_id, pair.other_id)

merges = decisions[decisions["decision"] == "merge"]
if len(merges):
    st.subheader(_("Merges done"))
    for merge in merges.iloc[::-1].itertuples(index=False):
        name = people["name"].get(merge.contact_id, merge.contact_id)
        left, right = st.columns([5, 1])
        left.markdown(_("{merged} merged into **{kept}** on {day}").format(
            merged=plain(merge.other_name), kept=plain(name), day=i18n.date(merge.decided_on[:10])))
        if right.button(_("Undo"), key=f"undo|{merge.contact_id}|{merge.other_id}"):
            decide("undo", merge.contact_id, merge.other_id)
