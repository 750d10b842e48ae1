"""Network graph: who sits close to you, which clusters your network has, where the bridges are."""

import streamlit as st

from analytics import depth, weights
from analytics.wording import MEASURES
from ui import session

st.title("Your network as a graph")
st.caption("You are in the centre; stronger relationships sit nearer to you. Squares are groups or "
           "companies folded into one node, diamonds are connectors who bridge them. Names are printed where "
           "they fit; point at any node to see who it is.")
net = session.network(interactions=False)
scores = session.scores()

everyone = st.toggle("Draw everyone, not only your inner tiers", key="graph_everyone",
                     help=f"Off: only {', '.join(weights.GRAPH_INNER_TIERS)} are drawn one by one and "
                          "everyone else is folded into their group or company. On: the strongest "
                          "contacts up to the display limit, whatever their tier.")
with st.expander("Filter, focus and colour"):  # closed, so the graph itself is on the first screen
    f = st.columns([1, 1, 1, 1])
    color_by = f[0].radio("Colour by", ["tier", "group"], horizontal=True, key="graph_color")
    groups = dict(zip(net.groups["name"], net.groups["group_id"], strict=True))
    group = f[1].selectbox("Group", ["All groups", *groups], key="graph_group")
    tier = f[2].selectbox("Tier", ["All tiers", *depth.TIER_ORDER], key="graph_tier")
    min_strength = f[3].slider("Minimum strength", 0, 100, 0, key="graph_min_strength")
    g = st.columns([1, 1, 1, 1])
    company = g[0].text_input("Company", key="graph_company")
    search = g[1].text_input("Search name, company, position", key="graph_search")
    focus = g[2].selectbox("Focus on one contact", scores["contact_id"], index=None, key="graph_focus",
                           format_func=lambda cid: scores.at[cid, "name"], placeholder="Everyone")
    limit = g[3].number_input("Display limit", 20, 5000, 300, step=50, key="graph_limit",
                              help="Contacts drawn one by one; the rest fold into cluster nodes.")
expand = st.session_state.get("graph_expand", [])

options = {"color_by": color_by, "limit": int(limit), "expand": frozenset(expand),
           "group": groups.get(group), "tier": None if tier == "All tiers" else tier,
           "min_strength": float(min_strength), "company": company or None, "search": search,
           "focus": focus, "inner_only": not everyone}
view = session.graph_view(**options)
drawn = view.graph
counts = drawn.counts
if not everyone and counts["shown"] == 0 and counts["matched"]:
    st.info("None of these contacts is in your inner tiers yet (a strength built from two-way messages, "
            "meetings and referrals puts them there), so only clusters are drawn. Switch on "
            "**Draw everyone** to see the contacts themselves.", icon=":material/info:")
st.iframe(view.html, height=720)
folded = {c["key"]: c["label"] for c in drawn.clusters}
st.session_state["graph_expand"] = [k for k in expand if k in folded]  # drop clusters filtered away
st.multiselect("Expand clusters", list(folded), format_func=folded.get, key="graph_expand",
               help="Draw every contact of these clusters individually.")
st.download_button("Download graph as HTML", view.html.encode("utf-8"), "network-graph.html",
                   "text/html", key="graph_download", help="One file that works offline in any browser.")

st.subheader("Connectors")
st.caption("Contacts who belong to two or more clusters (groups or companies) that do not otherwise meet. "
           "Ask for introductions only through people you have a real relationship with (an active tie: "
           "Inner circle, Close or Active); warm the others up first.")
if view.connectors.empty:
    st.info("No connectors yet. A connector belongs to two or more clusters — a group and a company, or "
            "two groups — and a LinkedIn export alone gives each contact one company only. Record your "
            "groups and who is in them to find the people who link them.", icon=":material/info:")
    st.page_link("app_pages/ledger.py", label="Set up your groups", icon="🗂️")
else:
    st.dataframe(view.connectors, hide_index=True, column_config={
        "name": "Name", "tier": "Tier",
        "strength": st.column_config.ProgressColumn("Strength", min_value=0, max_value=100, format="%d"),
        "bridges": st.column_config.TextColumn("Bridges", width="medium"),
        "constraint": st.column_config.NumberColumn("Constraint", format="%.2f", help=MEASURES["constraint"]),
        "effective_size": st.column_config.NumberColumn("Effective size", format="%.1f",
                                                        help=MEASURES["effective size"]),
        "what_to_do": st.column_config.TextColumn("What to do", width="large")})
    st.caption(f"{MEASURES['constraint']} {MEASURES['effective size']}")
