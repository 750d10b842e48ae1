"""Overview: is my network wide, or deep?"""

import streamlit as st

from analytics import chart_filters, charts
from analytics.weights import ACTIVE_TIERS, STRONG_TIERS
from analytics.wording import MEASURES
from ui import session
from ui.widgets import contact_list, plain

st.title("Is my network wide, or deep?")
data = session.analysis()
spread, diag, tiers = data.breadth, data.diagnosis, data.tiers

k = st.columns(5)
k[0].metric("Contacts", f"{spread['contacts']:,}")
k[1].metric("Companies", f"{spread['companies']:,}", help="Distinct companies among your contacts.")
k[2].metric("Diversity", f"{spread['diversity']:.2f}",
            help=MEASURES["diversity"])
k[3].metric("Two-way ties", f"{data.two_way:,}",
            help="Contacts with at least one exchange in both directions.")
k[4].metric("Strong ties", f"{diag['strong_ties']:,}",
            help=f"Contacts in the tiers {' and '.join(STRONG_TIERS)}; active ties ({diag['active_ties']:,}) "
                 f"add the {ACTIVE_TIERS[-1]} tier. See the tier chart and the glossary in the README.")

left, right = st.columns([3, 2])
with left:
    st.subheader(f"Diagnosis: {diag['quadrant'].replace('-', ' · ')}")
    st.markdown(plain(diag["explanation"]))
    st.markdown("**Next steps**\n" + "\n".join(f"- {plain(step)}" for step in diag["next_steps"]))
with right:
    st.plotly_chart(charts.quadrant(diag["width"], diag["depth"], diag["quadrant"]), key="quadrant")

st.caption("Click a bar, a box or a month to filter the contact list below.")
c1, c2 = st.columns(2)
picked = [
    c1.plotly_chart(charts.tier_pyramid(tiers), key="tiers", on_select="rerun", selection_mode="points"),
    c2.plotly_chart(charts.company_treemap(data.contacts), key="treemap", on_select="rerun",
                    selection_mode="points"),
    c1.plotly_chart(charts.growth_timeline(data.growth), key="growth", on_select="rerun",
                    selection_mode=("points", "box")),
]
c2.plotly_chart(charts.engagement(data.engagement), key="engagement")

shown, labels = chart_filters.apply(data.contacts, [p.selection for p in picked])
st.subheader("Contacts" + (f" — {plain(', '.join(labels))}" if labels else ""))
contact_list(shown, key="overview_contacts")
