"""Coach report: a presentable, private, offline report as HTML and Excel, and a presentation mode."""

import streamlit as st

from analytics import page_data, report
from ui import session
from ui.widgets import plain

OPTIONS = "presentation_options"  # period, anonymise, mask: kept while the controls are hidden
CONTROLS = (("report_period", 90), ("report_anonymize", True), ("report_mask", False))
store = session.store()

presenting = "presentation" in st.session_state
if presenting:
    period, anonymize, mask = st.session_state[OPTIONS]
else:
    st.title("Coach report")
    for key, default in CONTROLS:
        st.session_state.setdefault(key, default)  # defaults here, so Exit can restore the user's choice
    c1, c2, c3 = st.columns([2, 1, 1])
    period = c1.select_slider("Period (compared with the one before it)", [30, 60, 90, 180, 365],
                              format_func=lambda d: f"last {d} days", key="report_period")
    anonymize = c2.toggle("Anonymise names", key="report_anonymize",
                          help="Replace contact names with stable pseudonyms everywhere, charts included.")
    mask = c3.toggle("Mask companies too", key="report_mask", disabled=not anonymize)
data = session.derived(page_data.coach_report, period_days=period, anonymize=anonymize,
                       mask_companies=anonymize and mask, plan_status=store.plan_status(),
                       goals=store.goals())
if not presenting:
    st.info(f"Privacy: **{data.privacy}**. Downloads are anonymised by default; switch it off only for a "
            "file that stays with you.", icon="🔒")
    d1, d2, d3 = st.columns(3)
    d1.download_button("Download HTML report", lambda: report.render_html(data).encode("utf-8"),
                       "network-report.html", "text/html", key="report_html", type="primary",
                       help="One self-contained file: opens offline, prints to PDF from the browser.")
    d2.download_button("Download Excel workbook", lambda: report.render_xlsx(data), "network-report.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="report_xlsx")
    if d3.button("Presentation mode", key="report_present", help="One section per screen, no sidebar."):
        st.session_state["presentation"] = 0
        st.session_state[OPTIONS] = (period, anonymize, mask)
        st.rerun()

def steps(section: dict) -> None:
    """The numbered next steps under the "What to do next" section (they quote names: escaped)."""
    if section["steps"]:
        st.markdown("\n".join(f"{i}. {plain(step)}" for i, step in enumerate(section["steps"], start=1)))


sections = report.presentation_sections(data)
if presenting:
    index = min(st.session_state["presentation"], len(sections) - 1)
    section = sections[index]
    nav = st.columns([1, 1, 6, 1])
    if nav[0].button("← Back", key="present_back", disabled=index == 0):
        st.session_state["presentation"] = index - 1
        st.rerun()
    if nav[1].button("Next →", key="present_next", disabled=index == len(sections) - 1):
        st.session_state["presentation"] = index + 1
        st.rerun()
    nav[2].caption(f"{data.privacy} · last {period} days")
    if nav[3].button("Exit", key="present_exit"):
        del st.session_state["presentation"]
        for (key, _), value in zip(CONTROLS, st.session_state.pop(OPTIONS), strict=True):
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
        if section["table"] is not None:
            with st.expander("Table"):
                st.dataframe(section["table"], hide_index=True)
