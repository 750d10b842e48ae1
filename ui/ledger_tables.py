"""The Ledger & groups page's tables: the groups and ledger editors (edits saved at once), the member
candidates to pick from, the rules' suggestions to review, an import's report, and the buttons that add
members or save an import."""

import pandas as pd
import streamlit as st

from analytics import ingest, ledger_edits, ledger_view
from analytics.errors import InputError
from analytics.i18n import _, counted
from analytics.ingest.ledger_workbook import LedgerImport
from analytics.model import DIRECTIONS, GROUP_TYPES, LEDGER_KINDS
from ui import editing, session
from ui.widgets import file_warnings


def groups_editor(groups: pd.DataFrame) -> None:
    """The groups registry as an editable table; an edited cell or a deleted row is saved at once."""
    shown = ledger_edits.editable_groups(groups)
    key = editing.fresh("groups_editor")
    st.data_editor(
        shown, key=key, hide_index=True, num_rows="delete",
        column_order=["name", "type", "annual_cost", "hours_per_month", "joined_on"],
        column_config={
            "name": st.column_config.TextColumn(_("Name"), required=True, width="medium"),
            "type": st.column_config.SelectboxColumn(_("Type"), options=list(GROUP_TYPES), required=True,
                                                     format_func=ledger_view.type_words().get),
            "annual_cost": st.column_config.NumberColumn(ledger_view.amount_label("cost"), min_value=0,
                                                         **ledger_edits.amount_options()),
            "hours_per_month": st.column_config.NumberColumn(_("Hours per month"), min_value=0,
                                                             help=_("Meetings, travel, one-to-ones.")),
            "joined_on": st.column_config.DateColumn(_("Joined on"),
                                                     format=ledger_edits.editor_date_format()),
        })
    state = editing.edits(key)
    if state["edited_rows"] or state["deleted_rows"]:
        try:
            changed = ledger_edits.group_edits(shown, state["edited_rows"])
            store = session.store()
            if not changed.empty:
                store.save_groups(changed)
            for pos in state["deleted_rows"]:
                store.delete_group(shown["group_id"].iloc[pos])
            editing.saved("groups_editor", _("Groups saved"))
        except InputError as err:
            session.show_error(err)


def ledger_editor(ledger: pd.DataFrame, contact_label: dict[str, str], group_names: dict[str, str]) -> None:
    """The activity ledger as an editable table (contacts by their label, groups by name); an edited cell
    or deleted rows are saved at once."""
    entries = ledger_edits.ledger_table(ledger, pd.Series(contact_label), pd.Series(group_names))
    key = editing.fresh("ledger_editor")
    kinds, directions = ledger_view.kind_words(), ledger_view.direction_words(short=True)
    st.data_editor(
        entries, key=key, hide_index=True, num_rows="delete", height=420,
        column_order=["date", "contact", "group", "kind", "direction", "value", "note"],
        disabled=["contact"],
        column_config={
            "date": st.column_config.DateColumn(_("Date"), format=ledger_edits.editor_date_format(),
                                                required=True),
            "contact": st.column_config.TextColumn(_("Contact")),
            "group": st.column_config.SelectboxColumn(_("Group"), options=["", *group_names.values()]),
            "kind": st.column_config.SelectboxColumn(_("Kind"), options=list(LEDGER_KINDS), required=True,
                                                     format_func=kinds.get),
            "direction": st.column_config.SelectboxColumn(_("Direction"), options=list(DIRECTIONS),
                                                          required=True, format_func=directions.get),
            "value": st.column_config.NumberColumn(ledger_view.amount_label("value"), min_value=0,
                                                   **ledger_edits.amount_options()),
            "note": st.column_config.TextColumn(_("Note"), width="large"),
        })
    state = editing.edits(key)
    if state["edited_rows"] or state["deleted_rows"]:
        try:
            ids = {name: gid for gid, name in group_names.items()}
            changed = ledger_edits.ledger_edits(entries, state["edited_rows"], ids)
            store = session.store()
            if not changed.empty:
                store.save_ledger(changed)
            if state["deleted_rows"]:
                store.delete_ledger(entries["entry_id"].iloc[state["deleted_rows"]].tolist())
            editing.saved("ledger_editor", _("Ledger saved"))
        except InputError as err:
            session.show_error(err)


def candidates_table(candidates: pd.DataFrame) -> list[int]:
    """The member candidates (name, company, position, tier, strength, member yet); the rows selected."""
    picked = st.dataframe(
        ledger_view.candidates_table(candidates), hide_index=True, height=320, key="members_table",
        on_select="rerun", selection_mode="multi-row",
        column_config={"name": _("Name"), "company": _("Company"), "position": _("Position"),
                       "tier": _("Tier"),
                       "strength": st.column_config.ProgressColumn(_("Strength"), min_value=0,
                                                                   max_value=100, format="%.0f"),
                       "member": st.column_config.CheckboxColumn(_("Member"))})
    return list(picked.selection.rows)


def rules_review(suggested: pd.DataFrame) -> list[str]:
    """The rules' suggestions with a tick each (name, rule, evidence); the contact ids ticked."""
    reviewed = st.data_editor(
        ledger_view.rules_table(suggested), hide_index=True,
        key="rules_review", column_order=["add", "name", "rule", "evidence"],
        disabled=["name", "rule", "evidence"],
        column_config={"add": st.column_config.CheckboxColumn(_("Add")),
                       "name": _("Name"), "rule": _("Rule"),
                       "evidence": st.column_config.TextColumn(_("Evidence"), width="large")})
    return ledger_view.ticked(reviewed)


def add_members(label: str, key: str, group: str, chosen: list[str], forget: str | None = None,
                counter: str | None = None) -> None:
    """A button `label` that adds the contacts `chosen` to `group`, then forgets the session key `forget`
    (a finished review or upload) and starts the widgets of `counter` (default: the button's) clean."""
    if st.button(label, key=key, disabled=not chosen, type="primary"):
        session.store().set_members(group, chosen)
        if forget:
            st.session_state.pop(forget, None)
        editing.saved(counter or key, counted("Added {n} member", "Added {n} members", len(chosen)))


def show_import(result: LedgerImport) -> None:
    """The per-file reports, warnings and skipped rows of a ledger or BNI import."""
    st.dataframe(ingest.import_table(result.files), hide_index=True, width="stretch")
    file_warnings(result.files)
    if result.problems:
        st.caption(counted("{n} row skipped; the rest can be saved:",
                           "{n} rows skipped; the rest can be saved:", len(result.problems)))
        st.dataframe(ledger_edits.problems_table(result.problems), hide_index=True,
                     column_config={"file": _("File"), "sheet": _("Sheet"), "row": _("Row"),
                                    "reason": _("Reason")})
    st.write(ledger_view.ready_to_save(result))


def save_import(result: LedgerImport, groups: pd.DataFrame, prefix: str, message: str) -> None:
    """Store an import (never wiping the cost of a group among the known `groups` with a placeholder),
    then start clean."""
    session.store().save_ledger(result.ledger, ledger_edits.groups_to_save(result.groups, groups),
                                result.members)
    st.session_state.pop(f"{prefix}_pending", None)
    editing.saved(f"{prefix}_upload", message)
