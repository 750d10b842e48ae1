"""Action plan: what do I do next? The social-capital plan as a living checklist, keep-in-touch rhythm,
networking hygiene, goals and exports. Rules: README; logic: analytics/action_plan.py."""

import streamlit as st

from analytics import (
    action_plan,
    actions,
    charts_actions,
    exports,
    hygiene,
    i18n,
    ics,
    plan_view,
    role_changes,
    weights,
)
from analytics.i18n import _, counted
from analytics.wording import header
from ui import session
from ui.plan_tables import PlanTables, goals_editor, saved
from ui.widgets import choice, kept

st.title(_("What do I do next?"))
st.caption(_("Relationships are currency: deepen the ones you have and give before you ask — farming, "
             "not hunting. Every list says why each person is on it; tick what you have done."))

# One cached bundle; its `net` leaves out the (large) interactions, so a rerun unpickles little.
data = session.derived(action_plan.plan_data)
net, people, as_of = data.net, data.people, data.as_of
status = session.store().plan_status()
plan = plan_view.plan_lists(data, status)
lists, names = plan.lists, plan.names
# the choices of tabs that are not drawn (the hygiene tab checks the Exports tab's mailing list)
kept({"cadence_show": ["overdue", "due"], "pitch_window": weights.EARLY_PITCH_DAYS,
      "mailing_source": action_plan.MAILING_SOURCES[0], "mailing_leave_out": []})
tables = PlanTables(plan, status, as_of)
checklist, suggested, evidence = tables.checklist, tables.suggested, tables.evidence


# Only the open tab runs (and is sent to the browser): a tab switch reruns the page.
plan_tab, touch_tab, hygiene_tab, goals_tab, export_tab = st.tabs(
    [_("The plan"), _("Keep in touch"), _("Networking hygiene"), _("Goals"), _("Exports")], key="actions_tab",
    on_change="rerun")

if plan_tab.open:
    cols = st.columns(3)  # two rows of three: room for "Kontakt wieder aufnehmen" at 1280 px
    for i, (label, value, help_text) in enumerate(plan_view.progress_metrics(plan.progress)):
        cols[i % 3].metric(label, value, help=help_text)

    st.subheader(_("1 · Call your clients"))
    st.markdown(_("Ask how the project went and whether there is anything else you can help with. "
                  "**Do not ask for a referral at this step** — this call is a deposit, not a withdrawal."))
    checklist("call_client", empty=_(actions.HOW_TO_FILL["call_client"]))
    suggested("call_client", "client")

    st.subheader(_("2 · Call the people who referred business to you"))
    st.markdown(_("Thank them, and learn what they are working on and who their ideal client is, "
                  "so you can refer business back."))
    checklist("call_referrer", empty=_(actions.HOW_TO_FILL["call_referrer"]))
    suggested("call_referrer", "referrer")

    st.subheader(_("3 · Keep in touch with 50 people"))
    st.markdown(_("Recent clients and your most promising prospects, best first. Send each a handwritten "
                  "card — no pitch — and enter the date under **Card sent**: the follow-up call is due two "
                  "weeks later."))
    checklist("keep_in_touch", extra=("rank", "segment", "card_sent_on"),
              empty=_("No clients or promising prospects yet."))
    keep = lists["keep_in_touch"]
    with st.expander(_("Change who is on the list")), st.form("keep_edit_form"):
        on_list = set(keep["contact_id"])
        add = st.multiselect(_("Add contacts"), [c for c in names if c not in on_list], key="keep_add",
                             format_func=tables.name, placeholder=_("Search your contacts"))
        drop = st.multiselect(_("Remove from the list"), keep["contact_id"].tolist(), key="keep_remove",
                              format_func=tables.name)
        st.caption(_("Your additions stay at the top; a removed person stays off until you add them "
                     "again. Ranked suggestions fill the rest of the 50."))
        if st.form_submit_button(_("Update the list"), type="primary") and (add or drop):
            session.store().save_plan_status(action_plan.membership_rows(status, add=add, remove=drop))
            saved(_("Added {added}, removed {removed}").format(added=i18n.number(len(add)),
                                                             removed=i18n.number(len(drop))))

    st.subheader(_("4 · Follow up two weeks after the card"))
    st.markdown(_("Former clients: **ask for a referral now**. Prospects: **invite them for a coffee**."))
    checklist("follow_up", extra=("due_on", "action"), why_width="medium",
              empty=_("No follow-up calls due: they appear 14 days after a card is sent."))

if touch_tab.open:
    st.subheader(_(role_changes.TITLE))
    st.markdown(_("People whose company or position changed since your last LinkedIn export. A short "
                  "personal note about their new role is a deposit, not a pitch: congratulate them and ask "
                  "how it is going; ask for nothing."))
    checklist(role_changes.LIST, why_width="large",
              empty=_("No new roles: they appear when you import a newer LinkedIn export."))

    st.subheader(_("Reconnect"))
    st.markdown(_("Relationships that used to be strong and went quiet, ranked by former strength × time "
                  "since. Send a personal note that recalls something you did together; no pitch."))
    checklist("reconnect", extra=("former_strength", "quiet_for"), empty=_("No strong ties have gone quiet."),
              why_width="medium")

    st.subheader(_("Stay-in-touch rhythm"))
    st.markdown(_("Each tier has a default rhythm (Inner circle every 14 days, Close 30, Active 90, Network "
                  "180); set your own **Cadence (days)** per contact here or on the Contacts page. Any "
                  "logged interaction restarts the clock."))
    counts, shown = plan_view.rhythm(data.cadence, st.session_state["cadence_show"])
    k1, k2, k3 = st.columns(3)
    k1.metric(_("Overdue"), counts["overdue"])
    k2.metric(_("Due this week"), counts["due"])
    k3.metric(_("On track"), counts["ok"])
    st.segmented_control(_("Show"), list(plan_view.RHYTHM), format_func=plan_view.rhythm_words().get,
                         selection_mode="multi", key="cadence_show")
    tables.rhythm(shown, net.annotations)

if export_tab.open or hygiene_tab.open:  # the mailing list picked on the Exports tab; hygiene checks it
    sources = action_plan.mailing_sources(net, data, lists["keep_in_touch"])
    mailing = plan_view.mailing(net, sources, st.session_state["mailing_source"],
                                st.session_state["mailing_leave_out"])
if export_tab.open:
    st.subheader(_("Call list"))
    calls = action_plan.call_list(lists, status, people)
    st.caption(counted("{n} open call (clients, referrers and follow-ups due); done items are left out.",
                       "{n} open calls (clients, referrers and follow-ups due); done items are left out.",
                       len(calls)))
    e1, e2, e3 = st.columns(3)
    e1.download_button(_("Call list (CSV)"), exports.call_list_csv(calls), "call_list.csv",
                       "text/csv", key="export_calls_csv", icon=":material/download:")
    e2.download_button(_("Call list (Excel)"), exports.call_list_xlsx(calls), "call_list.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="export_calls_xlsx", icon=":material/download:")
    upcoming = plan_view.upcoming_calls(data, status)
    e3.download_button(_("Follow-up calls (.ics calendar)"),
                       ics.follow_ups_ics(upcoming, as_of).encode(), "follow_ups.ics",
                       "text/calendar", key="export_ics", icon=":material/event:",
                       help=counted("{n} open follow-up call, each on its due date.",
                                    "{n} open follow-up calls, each on its due date.", len(upcoming)))

    st.subheader(_("Mailing list"))
    source_words = plan_view.source_words()
    source = st.selectbox(_("Start from"), list(source_words), format_func=source_words.get,
                          key="mailing_source")
    st.multiselect(_("Leave out"), sources[source], key="mailing_leave_out",
                   format_func=tables.name, placeholder=_("Nobody"))
    warning = hygiene.mailing_list_warning(mailing, net.annotations)
    if warning:
        st.warning(warning, icon=":material/warning:")
        st.page_link("app_pages/contacts.py", label=_("Record consent on the Contacts page"), icon="👥")
    shown = mailing.drop(columns="contact_id").assign(consent=mailing["consent"].map(choice))  # in words
    st.dataframe(shown, hide_index=True, height=240, width="stretch",
                 column_config={c: header(c) for c in shown.columns})  # the headers the CSV carries
    st.download_button(_("Mailing list (CSV)"), exports.call_list_csv(shown), "mailing_list.csv",
                       "text/csv", key="export_mailing", icon=":material/download:", disabled=mailing.empty)

if hygiene_tab.open:
    st.caption(_("Each check shows the evidence — your own words and the date — so you can judge it."))
    st.subheader(_("Pitching too early"))
    st.markdown(_("A first message that sells spends trust you have not earned yet: give before you ask."))
    window = st.slider(_("Days after connecting"), 0, 30, key="pitch_window",
                       help=_("A message with sales language sent this soon after connecting counts."))
    found = session.derived(action_plan.pitches, window_days=window)
    st.metric(_("Early pitches"), len(found))
    evidence(found, "hygiene_pitches")
    st.subheader(_("Assuming closeness"))
    st.markdown(_("Asking a weak or brand-new tie for a referral, or taking before giving, treats a "
                  "relationship as closer than it is: relationships are currency, earn them first."))
    evidence(data.closeness, "hygiene_closeness")
    st.subheader(_("Taking without giving"))
    st.markdown(_("People you received referrals, introductions, purchases, endorsements or recommendations "
                  "from without giving anything back yet: return the favour (the same list as on the Groups "
                  "page)."))
    evidence(data.taking, "hygiene_taking")
    st.subheader(_("Mailing without consent"))
    st.markdown(_("Farming, not hunting: only mail people who said yes. The list checked here is the mailing "
                  "list on the Exports tab."))
    issues = hygiene.consent_issues(mailing, net.annotations)
    st.metric(_("Without a yes"), len(issues))
    evidence(issues, "hygiene_consent")
    st.page_link("app_pages/contacts.py", label=_("Record consent on the Contacts page"), icon="👥")

if goals_tab.open:
    st.markdown(_("Set weekly or monthly targets (weeks start on Monday). Reconnects count an outbound "
                  "message after half a year of silence; the rest come from the activity ledger."))
    goals = action_plan.goals_table(session.store().goals())
    goals_editor(goals)
    if len(goals):
        got = actions.goal_progress(net, goals, as_of, events=data.goal_events)
        st.caption(_("Targets met in {met} of {total} recent periods (green = met, dashed line = target; the "
                     "last bar is the week or month still in progress).").format(
            met=i18n.number(int(got["met"].sum())), total=i18n.number(len(got))))
        st.plotly_chart(charts_actions.goal_chart(got), key="goal_chart")
    else:
        st.info(_("No goals yet: click the empty row of the table (or **+** above it) to add one, or start "
                  "with a suggestion."), icon=":material/flag:")
        if st.button(_("Start with suggested goals"), key="goals_suggested"):
            session.store().save_goals(action_plan.SUGGESTED_GOALS)
            saved(_("Goals saved"))
