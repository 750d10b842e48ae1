"""Network graph: who sits close to you, which clusters your network has, where the bridges are."""

import streamlit as st
from babel.lists import format_list

from analytics import depth, i18n, weights
from analytics.frames import picker_labels
from analytics.i18n import _
from analytics.wording import MEASURES
from ui import session

st.title(_("Your network as a graph"))
st.caption(_("You are in the centre; stronger relationships sit nearer to you. Squares are groups or "
             "companies folded into one node, diamonds are connectors who bridge them. Names are printed "
             "where they fit; point at any node to see who it is."))
net = session.network(interactions=False)
scores = session.scores()

everyone = st.toggle(_("Draw everyone, not only your inner tiers"), key="graph_everyone",
                     help=_("Off: only {tiers} are drawn one by one and everyone else is folded into their "
                            "group or company. On: the strongest contacts up to the display limit, whatever "
                            "their tier.").format(tiers=", ".join(_(t) for t in weights.GRAPH_INNER_TIERS)))
with st.expander(_("Filter, focus and colour")):  # closed, so the graph itself is on the first screen
    f = st.columns([1, 1, 1, 1])
    colour_words = {"tier": _("tier"), "group": _("group")}
    color_by = f[0].radio(_("Colour by"), ["tier", "group"], horizontal=True, key="graph_color",
                          format_func=colour_words.get)
    groups = dict(zip(net.groups["name"], net.groups["group_id"], strict=True))
    group = f[1].selectbox(_("Group"), [None, *groups], key="graph_group",
                           format_func=lambda name: _("All groups") if name is None else name)
    tier = f[2].selectbox(_("Tier"), [None, *depth.TIER_ORDER], key="graph_tier",
                          format_func=lambda code: _("All tiers") if code is None else _(code))
    min_strength = f[3].slider(_("Minimum strength"), 0, 100, 0, key="graph_min_strength")
    g = st.columns([1, 1, 1, 1])
    company = g[0].text_input(_("Company"), key="graph_company")
    search = g[1].text_input(_("Search name, company, position"), key="graph_search")
    names = picker_labels(scores)  # 30,000 labels, one per contact (names repeat): no .at per option
    focus = g[2].selectbox(_("Focus on one contact"), scores["contact_id"], index=None, key="graph_focus",
                           format_func=names.get, placeholder=_("Everyone"))
    limit = g[3].number_input(_("Display limit"), 20, 5000, 300, step=50, key="graph_limit",
                              help=_("Contacts drawn one by one; the rest fold into cluster nodes."))
expand = st.session_state.get("graph_expand", [])

options = {"color_by": color_by, "limit": int(limit), "expand": frozenset(expand),
           "group": groups.get(group) if group else None, "tier": tier,
           "min_strength": float(min_strength), "company": company or None, "search": search,
           "focus": focus, "inner_only": not everyone}
view = session.graph_view(**options)
drawn = view.graph
counts = drawn.counts
if not everyone and counts["shown"] == 0 and counts["matched"]:
    st.info(_("None of these contacts is in your inner tiers yet (a strength built from two-way messages, "
              "meetings and referrals puts them there), so only clusters are drawn. Switch on "
              "**Draw everyone** to see the contacts themselves."), icon=":material/info:")
st.iframe(view.html, height=720)
folded = {c["key"]: c["label"] for c in drawn.clusters}
st.session_state["graph_expand"] = [k for k in expand if k in folded]  # drop clusters filtered away
st.multiselect(_("Expand clusters"), list(folded), format_func=folded.get, key="graph_expand",
               placeholder=_("Choose clusters"), help=_("Draw every contact of these clusters individually."))
st.download_button(_("Download graph as HTML"), view.html.encode("utf-8"), "network-graph.html",
                   "text/html", key="graph_download", help=_("One file that works offline in any browser."))

st.subheader(_("Connectors"))
st.caption(_("Contacts who belong to two or more clusters (groups or companies) that do not otherwise meet. "
             "Ask for introductions only through people you have a real relationship with (an active tie: "
             "{tiers}); warm the others up first.").format(
    tiers=format_list([_(t) for t in weights.ACTIVE_TIERS], style="or", locale=i18n.locale_name())))
if view.connectors.empty:
    st.info(_("No connectors yet. A connector belongs to two or more clusters — a group and a company, or "
              "two groups — and a LinkedIn export alone gives each contact one company only. Record your "
              "groups and who is in them to find the people who link them."), icon=":material/info:")
    st.page_link("app_pages/ledger.py", label=_("Set up your groups"), icon="🗂️")
else:
    found = view.connectors  # decimals as text, with the language's decimal mark
    numbers = found.assign(constraint=found["constraint"].map(lambda v: i18n.number(v, 2)),
                           effective_size=found["effective_size"].map(lambda v: i18n.number(v, 1)))
    st.dataframe(numbers, hide_index=True, column_config={
        "name": _("Name"), "tier": _("Tier"),
        "strength": st.column_config.ProgressColumn(_("Strength"), min_value=0, max_value=100, format="%d"),
        "bridges": st.column_config.TextColumn(_("Bridges"), width="medium"),
        "constraint": st.column_config.TextColumn(_("Constraint"), help=_(MEASURES["constraint"])),
        "effective_size": st.column_config.TextColumn(_("Effective size"),
                                                      help=_(MEASURES["effective size"])),
        "what_to_do": st.column_config.TextColumn(_("What to do"), width="large")})
    st.caption(f"{_(MEASURES['constraint'])} {_(MEASURES['effective size'])}")
