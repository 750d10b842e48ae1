"""The sidebar every page shares: which workspace this session looks at."""

import streamlit as st

from analytics.errors import InputError
from analytics.store import list_workspaces
from ui import session


def workspace_sidebar() -> None:
    """Workspace picker; switching changes only this browser session."""
    current = session.workspace_name()
    names = sorted({*list_workspaces(), current, session.SAMPLE})
    with st.sidebar:
        choice = st.selectbox("Workspace", names, index=names.index(current),
                              help="Each workspace is one SQLite file on this machine.")
        if choice != current:
            try:
                session.use_workspace(choice)
            except InputError as err:
                session.show_error(err)
            st.rerun()
        st.caption("Your data stays on this computer: nothing is sent anywhere.")
