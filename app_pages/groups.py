"""Which groups pay off: cost against return, ranking, payback, give/take and members."""

import pandas as pd
import streamlit as st

from analytics import charts_groups, exchanges, groups, i18n, ledger_edits
from analytics.i18n import _, pgettext
from ui import session
from ui.widgets import WRAPPED_ROW, plain

AMOUNT = ledger_edits.amount_options()
#: The verdict badge's colour: the palette's meaning (green good, red only for a bad result).
VERDICT_COLORS = {"pays_off": "green", "promising": "orange", "early": "gray", "not_paying_off": "red"}
st.title(_("Which groups pay off?"))
net = session.network(interactions=False)
data = session.analysis()
scores = data.groups
if scores.empty:
    st.info(_("No groups yet. Add the groups you belong to (and what they cost you) on "
              "**Ledger & groups setup**."), icon=":material/groups:")
    st.page_link("app_pages/ledger.py", label=_("Set up your groups"), icon="🗂️")
    st.stop()

if data.group_takeaways:
    st.markdown("\n".join(f"- {plain(line)}" for line in data.group_takeaways))
st.caption(_("Cost counts your time: hours per month × months × your hourly rate ({rate}; change it on "
             "Ledger & groups setup). As of {day}.").format(rate=i18n.money(groups.hourly_rate(net)),
                                                           day=i18n.date(data.as_of)))

event = st.plotly_chart(charts_groups.cost_return_bubbles(scores), key="groups_bubbles",
                        on_select="rerun", selection_mode="points")
names = dict(zip(scores["group_id"], scores["name"], strict=True))
clicked = charts_groups.selected_group(event)
picked = st.selectbox(_("Focus on one group"), list(names), format_func=names.get, index=None,
                      placeholder=_("All groups (or click a bubble)"), key="groups_focus",
                      disabled=clicked is not None)
focus = clicked or picked
if clicked:
    st.caption(_("Showing **{group}** — click an empty spot of the chart to see all groups again.").format(
        group=plain(names.get(clicked, clicked))))

st.subheader(_("Ranking") if focus is None else _("Ranking — {group}").format(group=plain(names[focus])))
st.dataframe(
    groups.ranking_table(scores, focus), hide_index=True, key="groups_ranking",
    column_config={
        "light": st.column_config.TextColumn(
            _("Verdict"), help=_("Pays off: closed business ≥ cost (time included). Early: joined under "
                                 "9 months ago. Promising: referrals or one-to-ones flowing, money not back "
                                 "yet. Else not paying off.")),
        "name": st.column_config.TextColumn(_("Group"), width="medium"),
        "type": st.column_config.TextColumn(_("Type")),
        "score": st.column_config.ProgressColumn(_("Score"), min_value=0, max_value=100, format="%.0f",
                                                 help=_("How strong the group is for you; the verdict "
                                                        "follows the money and the referrals.")),
        "verdict_text": st.column_config.TextColumn(_("Why this verdict"), width="large"),
        "cost": st.column_config.NumberColumn(_("Cost so far"), **AMOUNT,
                                              help=_("Fees plus hours × hourly rate: time counts as cost.")),
        "closed_value": st.column_config.NumberColumn(pgettext("amount", "Closed business"), **AMOUNT),
        "return_on_cost": st.column_config.NumberColumn(_("Return ÷ cost"), format="%.2f×"),
        "value_per_hour": st.column_config.NumberColumn(_("Per hour spent"), **AMOUNT),
        "contacts": st.column_config.NumberColumn(_("Contacts")),
        "months": st.column_config.NumberColumn(_("Months in"), format="%.0f"),
        "months_to_first_close": st.column_config.NumberColumn(_("Months to first close"), format="%.0f"),
        "reason": st.column_config.TextColumn(_("How the score was made"), width="large"),
    })
breakdown = groups.score_breakdown(scores)
shown_breakdown = breakdown if focus is None else breakdown[breakdown["group_id"] == focus]
st.plotly_chart(charts_groups.score_components(shown_breakdown), key="groups_components")

st.subheader(_("Look closer"))
detail = focus or st.selectbox(_("Group"), list(names), format_func=names.get, key="groups_detail")
row = scores.set_index("group_id").loc[detail]
curve = groups.payback_curve(net, detail, data.as_of)
month = groups.payback_month(curve)
# the verdict as a badge of its own: in a metric's large type "zahlt sich nicht aus" was cut at 1280 px
st.badge(_("Verdict: {verdict}").format(verdict=_(groups.VERDICTS[row["verdict"]][0])),
         color=VERDICT_COLORS[row["verdict"]], help=plain(row["verdict_text"]))
k = st.columns([1, 1, 1.4, 1])  # room for "Monate bis zum ersten Abschluss" and its help at 1280 px
k[0].metric(_("Cost so far"), i18n.money(row["cost"]), help=_("Fees plus your hours at your hourly rate."))
k[1].metric(pgettext("amount", "Closed business"), i18n.money(row["closed_value"]))
first = row["months_to_first_close"]
k[2].metric(_("Months to first close"), "—" if pd.isna(first) else i18n.number(first),
            help=_("From joining to the first closed business received through this group."))
k[3].metric(_("Paid back"), _("yes") if row["verdict"] == "pays_off" else _("not yet"),
            help=_("Closed business received has reached the cost so far, time included.") if month is None
            else _("Closed business received has reached the cost so far, time included; break-even was "
                   "first reached in month {month}.").format(month=month))
st.info(plain(row["verdict_text"]) + " " + _("Score {score}/100.").format(score=i18n.number(row["score"])),
        icon=":material/insights:")
left, right = st.columns([3, 2])
left.plotly_chart(charts_groups.payback(curve, month, names[detail]), key="groups_payback")
right.dataframe(
    breakdown.loc[breakdown["group_id"] == detail, ["component", "points", "max_points"]].assign(
        component=lambda f: f["component"].map(charts_groups.component_label)), hide_index=True,
    key="groups_points",
    column_config={"component": st.column_config.TextColumn(_("Component")),
                   "points": st.column_config.ProgressColumn(_("Points"), min_value=0, max_value=45,
                                                             format="%.1f"),
                   "max_points": st.column_config.NumberColumn(_("Of"), format="%.0f")})
right.caption(plain(row["reason"]))

st.subheader(_("Give and take"))
balance = data.group_balance
shown_balance = balance if focus is None else balance[balance["group_id"] == focus]
for line in shown_balance.loc[shown_balance["burnout_risk"], "reason"]:
    st.warning(plain(line), icon=":material/local_fire_department:")
c1, c2 = st.columns(2)
c1.plotly_chart(charts_groups.give_take_bars(shown_balance), key="groups_give_take")
members = groups.group_members(net, data.scores, data.balance, detail, data.as_of)
takers = exchanges.taking_flags(data.balance, None if focus is None else members["contact_id"].tolist())
c2.markdown(_("**Where you take without giving back**") if focus is None
            else _("**Where you take without giving back** in {group}").format(group=plain(names[focus])))
c2.caption(_("People you received referrals, introductions, purchases, endorsements or recommendations "
             "from without giving back, or before you gave: make a deposit."))
if takers.empty:
    c2.caption(_("Nobody: you gave to everyone you received from, and before you received."))
else:
    c2.dataframe(takers.drop(columns="contact_id"), hide_index=True, key="groups_takers",
                 row_height=WRAPPED_ROW,
                 column_config={"name": _("Name"), "given": _("You gave"), "received": _("You received"),
                                "balance": _("Balance"),
                                "why": st.column_config.TextColumn(_("Why"), width="large")})

st.subheader(_("Members — {group}").format(group=plain(names[detail])))
st.caption(_("Listed members plus everyone in this group's ledger rows; strength and tier as on Contacts."))
st.dataframe(
    members.drop(columns="contact_id").assign(tier=lambda f: ledger_edits.translated(f["tier"])),
    hide_index=True, key="groups_members",
    column_config={"name": _("Name"), "company": _("Company"), "tier": _("Tier"),
                   "strength": st.column_config.ProgressColumn(_("Strength"), min_value=0, max_value=100,
                                                               format="%.0f"),
                   "listed": st.column_config.CheckboxColumn(_("Listed member"),
                                                             help=_("Off: only seen in the ledger.")),
                   "given": st.column_config.NumberColumn(_("You gave")),
                   "received": st.column_config.NumberColumn(_("You received"))})
