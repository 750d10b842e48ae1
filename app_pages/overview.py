"""Overview: is my network wide, or deep?"""

import streamlit as st
from babel.lists import format_list

from analytics import chart_filters, charts, i18n
from analytics.i18n import _
from analytics.weights import ACTIVE_TIERS, STRONG_TIERS
from analytics.wording import MEASURES
from ui import session
from ui.widgets import contact_list, plain

st.title(_("Is my network wide, or deep?"))
st.caption(_("As of {date}: every figure counts up to this day.").format(date=i18n.date(session.as_of())))
data = session.analysis()
spread, diag, tiers = data.breadth, data.diagnosis, data.tiers

k = st.columns(5)
k[0].metric(_("Contacts"), i18n.number(spread["contacts"]))
k[1].metric(_("Companies"), i18n.number(spread["companies"]),
            help=_("Distinct companies among your contacts."))
k[2].metric(_("Diversity"), i18n.number(spread["diversity"], 2), help=_(MEASURES["diversity"]))
k[3].metric(_("Two-way ties"), i18n.number(data.two_way),
            help=_("Contacts with at least one exchange in both directions."))
k[4].metric(_("Strong ties"), i18n.number(diag["strong_ties"]),
            help=_("Contacts in the tiers {strong}; active ties ({active}) add the {extra} tier. See the "
                   "tier chart and the glossary in the README.").format(
                strong=format_list([_(t) for t in STRONG_TIERS], locale=i18n.locale_name()),
                active=i18n.number(diag["active_ties"]), extra=_(ACTIVE_TIERS[-1])))

left, right = st.columns([3, 2])
with left:
    st.subheader(_("Diagnosis: {quadrant}").format(quadrant=charts.quadrant_name(diag["quadrant"])))
    st.markdown(plain(diag["explanation"]))
    heading = _("Next steps")  # not inside an f-string, where the catalogue's extractor cannot see it
    st.markdown(f"**{heading}**\n" + "\n".join(f"- {plain(step)}" for step in diag["next_steps"]))
with right:
    st.plotly_chart(charts.quadrant(diag["width"], diag["depth"], diag["quadrant"]), key="quadrant")

st.caption(_("Click a bar, a box or a month to filter the contact list below."))
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
st.subheader(_("Contacts — {filters}").format(filters=plain(", ".join(labels))) if labels else _("Contacts"))
contact_list(shown, key="overview_contacts")
