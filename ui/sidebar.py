"""The sidebar every page shares: which workspace this session looks at."""

import streamlit as st

from analytics.store import list_workspaces
from ui import session

_PICKER = "workspace_picker"


def _switch() -> None:
    session.use_workspace(st.session_state[_PICKER])


def workspace_sidebar() -> None:
    """Workspace picker; switching changes only this browser session."""
    current = session.workspace_name()
    st.session_state[_PICKER] = current  # follow switches made elsewhere (e.g. after an import)
    with st.sidebar:
        st.selectbox("Workspace", sorted({*list_workspaces(), current, session.SAMPLE}), key=_PICKER,
                     on_change=_switch, help="Each workspace is one SQLite file on this machine.")
        st.caption("Your data stays on this computer: nothing is sent anywhere.")
