"""Network Ledger: thin router. Run with `streamlit run app.py`."""

import streamlit as st

from analytics.i18n import _
from ui import session
from ui.sidebar import broken_workspace, workspace_sidebar

# Page icons are emoji: Streamlit turns them into data: favicons (a :material/…: icon would make the
# browser fetch the favicon from another host).
st.set_page_config(page_title="Network Ledger", page_icon="🤝", layout="wide")

#: Presentation mode: no sidebar (not even its empty strip) and no collapse control.
PRESENTING_CSS = ('[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], '
                  '[data-testid="stExpandSidebarButton"] {display: none !important;}')
problem = session.workspace_problem()  # a damaged file: no page can run, the sidebar offers the way out
session.choose_wording(problem)  # the language and currency of everything this rerun writes
PAGES = {
    _("Your network"): [
        st.Page("app_pages/overview.py", title=_("Overview"), icon="📊", default=True),
        st.Page("app_pages/contacts.py", title=_("Contacts"), icon="👥"),
        st.Page("app_pages/duplicates.py", title=_("Possible duplicates"), icon="👯"),
        st.Page("app_pages/graph.py", title=_("Network graph"), icon="🕸️"),
    ],
    _("Invest and act"): [
        st.Page("app_pages/groups.py", title=_("Groups"), icon="🏛️"),
        st.Page("app_pages/ledger.py", title=_("Ledger & groups setup"), icon="🗂️"),
        st.Page("app_pages/actions.py", title=_("Action plan"), icon="✅"),
        st.Page("app_pages/report.py", title=_("Coach report"), icon="📝"),
    ],
    _("Data"): [st.Page("app_pages/import.py", title=_("Import & workspace"), icon="📥")],
}

presenting = "presentation" in st.session_state  # the coach report's full-screen mode
page = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
if presenting and (page.url_path != "report" or problem):  # left by address or Back: the menu must come back
    del st.session_state["presentation"]
    st.rerun()
if presenting:  # the browser keeps an empty sidebar once it has had one: hide it, use the whole screen
    st.html(f"<style>{PRESENTING_CSS}</style>")
else:
    workspace_sidebar()
if problem:
    broken_workspace(problem)
    st.stop()
if session.is_sample() and not presenting:
    st.info(_("You are looking at the **sample network** (a fictional consultant). "
              "Open **Import & workspace** to load your own LinkedIn export."), icon=":material/science:")
page.run()
