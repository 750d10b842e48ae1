"""Coach report page: presentation mode shows one section per screen without the controls, and
leaving it brings the controls back as the user set them."""

from __future__ import annotations

from tests.pages.apptest import open_page


def test_presentation_mode_hides_the_controls_and_exit_restores_them() -> None:
    at = open_page("report")
    assert any(m.value.startswith("1. ") and "\n2. " in m.value for m in at.markdown), "the next steps"
    at.select_slider(key="report_period").set_value(30).run()
    at.toggle(key="report_anonymize").set_value(False).run()
    at.button(key="report_present").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.title and not at.select_slider and not at.toggle, "no controls while presenting"
    assert at.header[0].value.startswith("1/9 · ")
    assert any(c.value == "Contains real names · last 30 days" for c in at.caption)
    at.button(key="present_next").click().run()
    assert at.header[0].value.startswith("2/9 · ")
    at.button(key="present_exit").click().run()
    assert not at.exception
    assert at.select_slider(key="report_period").value == 30
    assert at.toggle(key="report_anonymize").value is False
    assert at.title[0].value == "Coach report"


def test_leaving_the_report_while_presenting_brings_the_menu_back() -> None:
    at = open_page("report")
    at.button(key="report_present").click().run()
    assert "presentation" in at.session_state
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception
    assert "presentation" not in at.session_state
    assert at.sidebar.selectbox, "the sidebar (workspace picker) is back"


def test_a_section_table_is_drawn_only_once_opened() -> None:
    at = open_page("report")
    assert len(at.expander) > 1 and not at.dataframe  # no table sent until asked for
    at.session_state["report_table_period"] = True  # as a click on the period section's "Table" does
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) == 1 and "Previous" in at.dataframe[0].value.columns
