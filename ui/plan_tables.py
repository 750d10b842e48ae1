"""The Action plan page's tables: each list's checklist with its progress, the export's suggestions to
confirm, the hygiene findings, the rhythm table and the goals editor; each saves its edits at once."""

import pandas as pd
import streamlit as st

from analytics import action_plan, actions, annotations, ledger_edits, page_data, plan_view
from analytics.errors import InputError
from analytics.i18n import _, counted, pgettext
from ui import editing, session
from ui.widgets import WRAPPED_ROW

COUNTER = "actions_editor"  # one counter for every editor of the page: a save may move rows in any list
EDITABLE = {"done", "done_on", "note", "card_sent_on"}


def editor_key(name: str) -> str:
    """The table editor of list `name`'s key; changes after each save (row positions may have moved)."""
    return editing.fresh(f"{name}_editor", COUNTER)


def saved(message: str) -> None:
    """After a write: fresh editors, a toast, and a rerun so every cached list refreshes."""
    editing.saved(COUNTER, message)


def checklist_columns(as_of: pd.Timestamp) -> dict:
    """How the checklists head and draw their columns, in the language in use (no day after `as_of`)."""
    day = ledger_edits.editor_date_format()
    date = {"format": day, "max_value": as_of.date()}
    return {
        "done": st.column_config.CheckboxColumn(pgettext("plan item", "Done"), width="small"),
        "done_on": st.column_config.DateColumn(_("Done on"), **date),
        "note": st.column_config.TextColumn(_("Note"), width="medium", max_chars=500),
        "card_sent_on": st.column_config.DateColumn(_("Card sent"),
                                                    help=_("Starts the two-week follow-up clock."), **date),
        "name": st.column_config.TextColumn(_("Name")),
        "action": st.column_config.TextColumn(_("What to do"), width="large"),
        "rank": st.column_config.NumberColumn("#", width="small"),
        "segment": st.column_config.TextColumn(_("Segment"), width="small"),
        "due_on": st.column_config.DatetimeColumn(_("Call due"), format=day),
        "former_strength": st.column_config.ProgressColumn(_("Former strength"), min_value=0, max_value=100,
                                                           format="%.0f"),
        "quiet_for": st.column_config.TextColumn(_("Quiet for"), width="small"),
    }


class PlanTables:
    """The plan's tables over one rerun's lists (`plan`), stored `status` and as-of day."""

    def __init__(self, plan: plan_view.PlanLists, status: pd.DataFrame, as_of: pd.Timestamp) -> None:
        self.plan, self.status, self.as_of = plan, status, as_of
        self.columns, self.day = checklist_columns(as_of), ledger_edits.editor_date_format()

    def checklist(self, name: str, extra: tuple[str, ...] = (), empty: str | None = None,
                  why_width: str = "large") -> None:
        """Progress bar and an editable checklist for plan list `name`; edits are saved at once."""
        share, text = plan_view.progress_text(self.plan.progress[name])
        st.progress(share, text=text)
        shown, columns = plan_view.checklist(self.plan.lists[name], self.status, name, extra)
        if shown.empty:
            st.info(empty or _("Nothing here yet."), icon=":material/info:")
            return
        key = editor_key(name)
        st.data_editor(shown[columns], key=key, hide_index=True, width="stretch", placeholder="—",
                       row_height=WRAPPED_ROW, disabled=[c for c in columns if c not in EDITABLE],
                       column_config={**{c: self.columns[c] for c in columns if c in self.columns},
                                      "why": st.column_config.TextColumn(_("Why (evidence)"),
                                                                         width=why_width)})
        changes = editing.edits(key)["edited_rows"]
        if not changes:
            return
        try:
            rows = action_plan.status_edits(shown, changes, self.as_of)
        except InputError as err:
            session.show_error(err)
            return
        if len(rows):
            session.store().save_plan_status(rows)
            saved(counted("Saved {n} item", "Saved {n} items", len(rows)))

    def suggested(self, name: str, role: str) -> None:
        """The export's suggestions for plan list `name` ("suggested: confirm?"), a form to mark them as
        `role`, and the link to the Contacts page where any contact can be marked."""
        hints = actions.suggestions(self.plan.lists[name])
        words = plan_view.role_words(role, len(hints))
        if len(hints):
            with st.expander(words["title"]), st.form(f"{name}_confirm_form"):
                st.dataframe(hints[["name", "why"]], hide_index=True, width="stretch", row_height=WRAPPED_ROW,
                             column_config={"name": self.columns["name"],
                                            "why": st.column_config.TextColumn(_("Evidence"), width="large")})
                pick = st.multiselect(words["confirm"], hints["contact_id"].tolist(), format_func=self.name,
                                      key=f"{name}_confirm")
                if st.form_submit_button(_("Confirm"), type="primary") and pick:
                    store = session.store()
                    store.save_annotations(annotations.mark_rows(store.annotations(), pick, role, self.as_of))
                    saved(plan_view.marked(role, len(pick)))
        st.page_link("app_pages/contacts.py", label=words["link"], icon="👥")

    def name(self, contact_id: str) -> str:
        """A contact's name in the plan's pickers."""
        return self.plan.names.get(contact_id, contact_id)

    def evidence(self, findings: pd.DataFrame, key: str) -> None:
        """A hygiene finding table: person, date, the user's own words, why (shown as text, never HTML)."""
        config = {"name": self.columns["name"],
                  "date": st.column_config.DatetimeColumn(_("Date"), format=self.day),
                  "evidence": st.column_config.TextColumn(_("Evidence"), width="large"),
                  "why": st.column_config.TextColumn(_("Why"), width="large")}
        st.dataframe(findings[list(config)], hide_index=True, width="stretch", key=key, column_config=config,
                     row_height=WRAPPED_ROW)

    def rhythm(self, shown: pd.DataFrame, stored: pd.DataFrame) -> None:
        """The stay-in-touch rhythm's table; a cadence typed in it is saved to the `stored` annotations."""
        key = editor_key("cadence")
        columns = plan_view.RHYTHM_COLUMNS
        st.data_editor(shown[columns], key=key, hide_index=True, width="stretch", row_height=WRAPPED_ROW,
                       disabled=[c for c in columns if c != "cadence_days"],
                       column_config={
                           "name": self.columns["name"], "status": st.column_config.TextColumn(_("Status")),
                           "tier": st.column_config.TextColumn(_("Tier")),
                           "cadence_days": st.column_config.NumberColumn(
                               _("Cadence (days)"), min_value=1, max_value=3650, step=1,
                               help=_("Your rhythm for this person; clear it to use the tier default.")),
                           "cadence_source": st.column_config.TextColumn(_("Set by")),
                           "last_interaction": st.column_config.DatetimeColumn(_("Last contact"),
                                                                               format=self.day),
                           "next_due": st.column_config.DatetimeColumn(_("Next due"), format=self.day),
                           "why": st.column_config.TextColumn(_("Why"), width="large")})
        changes = editing.edits(key)["edited_rows"]
        if not changes:
            return
        try:
            rows = annotations.apply_edits(stored, shown["contact_id"].tolist(), changes, today=self.as_of)
            if page_data.annotations_changed(stored, rows):
                session.store().save_annotations(rows)
                saved(counted("Saved the rhythm for {n} contact", "Saved the rhythm for {n} contacts",
                              len(rows)))
        except InputError as err:
            session.show_error(err)


def goals_editor(goals: pd.DataFrame) -> None:
    """The goals table (metric, period, target; rows can be added and deleted); a finished edit is saved."""
    goal_words = plan_view.goal_words()
    key = editor_key("goals")
    st.data_editor(goals, key=key, num_rows="dynamic", hide_index=True, width="stretch",
                   column_config={
                       "metric": st.column_config.SelectboxColumn(_("Metric"), options=actions.GOAL_METRICS,
                                                                  format_func=goal_words.get, required=True),
                       "period": st.column_config.SelectboxColumn(_("Period"), options=actions.GOAL_PERIODS,
                                                                  format_func=goal_words.get, required=True),
                       "target": st.column_config.NumberColumn(pgettext("goal", "Target"), min_value=0,
                                                               step=1, required=True)})
    state = editing.edits(key)
    try:
        new, pending = action_plan.goal_edits(goals, state["edited_rows"], state["added_rows"],
                                            state["deleted_rows"])
        if pending:
            st.caption(_("Finish the new row (metric, period and target) to save it."))
        elif action_plan.goals_changed(goals, new):
            session.store().save_goals(new)
            saved(_("Goals saved"))
    except InputError as err:
        session.show_error(err)
