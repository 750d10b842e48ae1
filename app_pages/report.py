"""Coach report: a presentable, private, offline report as HTML and Excel, and a presentation mode.

The report can be written in another language than the pages' (a coach who reads German): the choice is
the workspace setting `report_language` (on the sample: this session's), the pages' language until set.
"""

import streamlit as st

from analytics import i18n, page_data, report
from analytics.i18n import _
from ui import session
from ui.widgets import plain

OPTIONS = "presentation_options"  # period, anonymise, mask: kept while the controls are hidden
CONTROLS = (("report_period", 90), ("report_anonymize", True), ("report_mask", False))
REPORT_LANGUAGE = "report_language"  # the setting (on the sample: the session key) of the report's language
store = session.store()


def report_language() -> str:
    """The language the coach report is written in: as chosen on this page, else the pages' language."""
    chosen = (st.session_state.get(REPORT_LANGUAGE) if session.is_sample()
              else store.settings().get(REPORT_LANGUAGE))
    return chosen if chosen in i18n.LANGUAGES else i18n.language()


def save_report_language() -> None:
    """Remember the report language picked (a wording setting: no analysis step re-runs for it)."""
    chosen = st.session_state["report_language_choice"]
    st.session_state[REPORT_LANGUAGE] = chosen
    if not session.is_sample():
        store.save_settings(**{REPORT_LANGUAGE: chosen})


presenting = "presentation" in st.session_state
if presenting:
    period, anonymize, mask = st.session_state[OPTIONS]
else:
    st.title(_("Coach report"))
    for key, default in CONTROLS:
        st.session_state.setdefault(key, default)  # defaults here, so Exit can restore the user's choice
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    period = c1.select_slider(_("Period (compared with the one before it)"), [30, 60, 90, 180, 365],
                              format_func=lambda d: _("last {days} days").format(days=i18n.number(d)),
                              key="report_period")
    anonymize = c2.toggle(_("Anonymise names"), key="report_anonymize",
                          help=_("Replace contact names with stable pseudonyms everywhere, charts included."))
    mask = c3.toggle(_("Mask companies too"), key="report_mask", disabled=not anonymize)
    languages = list(i18n.LANGUAGES)
    c4.selectbox(_("Report language"), languages, index=languages.index(report_language()),
                 format_func=i18n.LANGUAGES.get, key="report_language_choice", on_change=save_report_language,
                 help=_("The report and its downloads can be written in another language than these pages, "
                        "e.g. for your coach; remembered with the workspace."))
with i18n.use(report_language(), i18n.currency()):  # the cache keys read the language in use
    data = session.derived(page_data.coach_report, period_days=period, anonymize=anonymize,
                           mask_companies=anonymize and mask, plan_status=store.plan_status(),
                           goals=store.goals())
privacy = report.privacy_label(anonymize)  # in the pages' language (data.privacy is in the report's)
if not presenting:
    st.info(_("Privacy: **{privacy}**. Downloads are anonymised by default; switch it off only for a file "
              "that stays with you.").format(privacy=privacy), icon="🔒")
    d1, d2, d3 = st.columns(3)
    d1.download_button(_("Download HTML report"), lambda: report.render_html(data).encode("utf-8"),
                       "network-report.html", "text/html", key="report_html", type="primary",
                       help=_("One self-contained file: opens offline, prints to PDF from the browser."))
    d2.download_button(_("Download Excel workbook"), lambda: report.render_xlsx(data), "network-report.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="report_xlsx")
    if d3.button(_("Presentation mode"), key="report_present", help=_("One section per screen, no sidebar.")):
        st.session_state["presentation"] = 0
        st.session_state[OPTIONS] = (period, anonymize, mask)
        st.rerun()

def steps(section: dict) -> None:
    """The numbered next steps under the "What to do next" section (they quote names: escaped)."""
    if section["steps"]:
        st.markdown("\n".join(f"{i}. {plain(step)}" for i, step in enumerate(section["steps"], start=1)))


sections = report.presentation_sections(data, template=None)  # Streamlit's theme draws the charts
if presenting:
    index = min(st.session_state["presentation"], len(sections) - 1)
    section = sections[index]
    nav = st.columns([1, 1, 6, 1])
    if nav[0].button(_("← Back"), key="present_back", disabled=index == 0):
        st.session_state["presentation"] = index - 1
        st.rerun()
    if nav[1].button(_("Next →"), key="present_next", disabled=index == len(sections) - 1):
        st.session_state["presentation"] = index + 1
        st.rerun()
    nav[2].caption(_("{privacy} · last {days} days").format(privacy=privacy, days=i18n.number(period)))
    if nav[3].button(_("Exit"), key="present_exit"):
        del st.session_state["presentation"]
        for (key, _default), value in zip(CONTROLS, st.session_state.pop(OPTIONS), strict=True):
            st.session_state[key] = value  # the controls come back as they were
        st.rerun()
    st.header(f"{index + 1}/{len(sections)} · {section['title']}")
    st.subheader(plain(section["takeaway"]))
    steps(section)
    if section["figure"] is not None:
        st.plotly_chart(section["figure"].update_layout(height=620), key=f"present_{section['key']}")
    elif section["table"] is not None:
        st.dataframe(section["table"], hide_index=True)
else:
    for section in sections:
        st.subheader(section["title"])
        st.caption(plain(section["takeaway"]))
        steps(section)
        if section["figure"] is not None:
            st.plotly_chart(section["figure"], key=f"report_chart_{section['key']}")
        if section["table"] is not None:  # drawn only once opened: eight tables fewer on every visit
            table = st.expander(_("Table"), key=f"report_table_{section['key']}", on_change="rerun")
            if table.open:
                table.dataframe(section["table"], hide_index=True)
