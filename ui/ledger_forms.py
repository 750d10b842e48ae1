"""The Ledger & groups page's forms: the hourly rate and currency, members found by rules or by a
roster, and the BNI slips import; each saves through the session's store."""

import pandas as pd
import streamlit as st

from analytics import attribution, groups, i18n, ledger_edits
from analytics.errors import InputError
from analytics.i18n import _
from analytics.ingest import bni
from analytics.model import Network
from analytics.store import Store
from ui import editing, session
from ui.ledger_tables import add_members, rules_review, save_import, show_import
from ui.widgets import plain


def picker() -> dict[str, str]:
    """A date input's options: the language's date order (English keeps Streamlit's own)."""
    return {} if i18n.language() == i18n.DEFAULT else {"format": ledger_edits.editor_date_format()}


def money_settings(net: Network, store: Store) -> None:
    """The hourly rate (time counts as cost) and the currency, each its own form."""
    rate_col, currency_col = st.columns([3, 2])
    with rate_col, st.form("rate_form"):
        label = _("Your hourly rate ({currency})").format(currency=i18n.currency_symbol())
        why = _("Time counts as cost: every group's cost includes hours per month × months × this rate.")
        rate = st.number_input(label, min_value=0.0, step=5.0, value=groups.hourly_rate(net),
                               key="ledger_hourly_rate", help=why)
        if st.form_submit_button(_("Save hourly rate")):
            store.save_settings(hourly_rate=float(rate))
            editing.saved("rate", _("Hourly rate set to {amount}").format(amount=i18n.money(rate)))
    with currency_col, st.form("currency_form"):
        typed = st.text_input(_("Currency"), value=i18n.currency(), max_chars=3, key="ledger_currency",
                              help=_("The ISO code of the currency your costs and business are in (EUR, "
                                     "USD, GBP, CHF…): every amount in the app and the reports is shown in "
                                     "it."))
        if st.form_submit_button(_("Save currency")):
            try:
                code = ledger_edits.currency_code(typed)
            except InputError as err:
                session.show_error(err)
            else:
                session.save_wording(currency=code)
                del st.session_state["ledger_currency"]  # the field then shows the saved code
                editing.saved("currency", _("Currency set to {code}").format(code=code))


def members_by_rules(net: Network, target: str, group_label: str) -> None:
    """Contacts who probably belong to group `target` (by event dates, companies, keywords), to review and
    add."""
    st.markdown(_("**By rules**: find contacts who probably belong to the group, review, then apply."))
    r = st.columns([2, 1, 2, 2])
    dates = r[0].text_area(_("Event dates (one per line)"), key="rules_dates", height=80,
                           placeholder=i18n.date(pd.Timestamp("2026-03-05")))
    days = r[1].number_input(_("Days around"), min_value=0, max_value=30, value=3, key="rules_days")
    rule_companies = r[2].text_input(_("Companies (comma-separated)"), key="rules_companies")
    keywords = r[3].text_input(_("Keywords (comma-separated)"), key="rules_keywords",
                               help=_("Searched in invitation notes and messages. Empty: the group's "
                                      "name plus the usual words for its type (BNI, chapter, IHK, "
                                      "KvK…)."))
    if st.button(_("Find suggestions"), key="rules_find"):
        try:
            when, names, words = attribution.rule_inputs(dates, rule_companies, keywords)
            st.session_state["rules_result"] = (target, attribution.suggest_attribution(
                net, target, event_dates=when, days=int(days), companies=names, keywords=words))
        except InputError as err:
            session.show_error(err)
    found = st.session_state.get("rules_result")
    if found and found[0] == target:
        if found[1].empty:
            st.caption(_("No suggestions: every match is a member already, or nothing matched."))
        else:
            ticked = rules_review(found[1])
            label = _("Add {n} ticked to {group}").format(n=i18n.number(len(ticked)), group=group_label)
            add_members(label, "rules_apply", target, ticked, forget="rules_result")


def members_by_roster(net: Network, target: str, group_label: str) -> None:
    """A roster file's people matched to the contacts, to add to group `target`."""
    st.markdown(_("**By member roster**: a CSV or Excel list of names or LinkedIn URLs."))
    st.file_uploader(_("Roster"), type=["csv", "xlsx"], key=editing.fresh("roster_upload"),
                     on_change=editing.stash, args=(editing.fresh("roster_upload"), "roster_pending"))
    for roster_name, roster_data in st.session_state.get("roster_pending") or []:
        try:
            found_members, report = attribution.read_roster(roster_name, roster_data, net.contacts)
        except InputError as err:
            session.show_error(err)
            continue
        st.write(_("{file}: {found} of your contacts found, {missing} not found.").format(
            file=plain(roster_name), found=i18n.number(report.rows), missing=i18n.number(report.skipped)))
        for warning in report.warnings:
            st.caption(plain(warning))
        add_members(_("Add {n} to {group}").format(n=i18n.number(report.rows), group=group_label),
                    "roster_apply", target, found_members["contact_id"].tolist(), forget="roster_pending",
                    counter="roster_upload")


def bni_slips(net: Network) -> None:
    """A BNI Connect Slips Audit Report read into ledger entries, shown, then saved on request."""
    st.markdown(_("**Import a BNI Connect Slips Audit Report** (.xls or .xlsx as BNI Connect saves it)."))
    b = st.columns(3)
    owner = b[0].text_input(_("Your name as BNI Connect shows it"), value=net.owner.name, key="bni_owner")
    report_day = b[1].date_input(_("Report date"), value=None, key="bni_date", **picker(),
                                 help=_("Only needed when the report shows no date of its own."))
    chapter = b[2].text_input(_("Group name"), key="bni_group", placeholder=_("the report's chapter name"))
    st.file_uploader(_("Slips Audit Report"), type=["xls", "xlsx"], key=editing.fresh("bni_upload"),
                     on_change=editing.stash, args=(editing.fresh("bni_upload"), "bni_pending"))
    for slips_name, slips_data in st.session_state.get("bni_pending") or []:
        try:
            when = None if report_day is None else pd.Timestamp(report_day, tz="UTC")
            result = bni.read_bni_slips(slips_name, slips_data, net.contacts, owner, chapter, when)
        except InputError as err:
            session.show_error(err)
            continue
        show_import(result)
        if st.button(_("Save the slips to my ledger"), key="bni_save", type="primary",
                     disabled=result.ledger.empty):
            save_import(result, net.groups, "bni", _("BNI slips imported"))
