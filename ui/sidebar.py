"""The sidebar every page shares: which workspace this session looks at, and the way out of a broken one."""

import streamlit as st

from analytics import i18n
from analytics.errors import InputError
from analytics.i18n import _
from analytics.store import Store, list_workspaces, workspace_path
from ui import session
from ui.widgets import plain

_PICKER = "workspace_picker"
_LANGUAGE_PICKER = "language_picker"


def _switch() -> None:
    session.use_workspace(st.session_state[_PICKER])


def _switch_language() -> None:
    session.save_wording(language=st.session_state[_LANGUAGE_PICKER])


def workspace_sidebar() -> None:
    """Workspace and language pickers; a workspace switch changes only this browser session, a language
    is remembered with the workspace."""
    current = session.workspace_name()
    st.session_state[_PICKER] = current  # follow switches made elsewhere (e.g. after an import)
    st.session_state[_LANGUAGE_PICKER] = i18n.language()  # follow the workspace's language
    with st.sidebar:
        st.selectbox(_("Workspace"), sorted({*list_workspaces(), current, session.SAMPLE}), key=_PICKER,
                     on_change=_switch, help=_("Each workspace is one SQLite file on this machine."))
        st.selectbox(_("Language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.__getitem__,
                     key=_LANGUAGE_PICKER, on_change=_switch_language,
                     help=_("Pages, reports and downloads are written in this language; remembered with "
                            "the workspace."))
        st.caption(_("Your data stays on this computer: nothing is sent anywhere."))


def broken_workspace(problem: str) -> None:
    """In place of the page: why the workspace cannot be opened; in the sidebar: start a new one or
    delete this one (after a confirmation)."""
    name = plain(session.workspace_name())
    st.error(_("The workspace “{name}” cannot be opened: {problem}. Nothing in it can be shown. Start a new "
               "workspace or delete this one in the sidebar (or pick another workspace).").format(
                   name=name, problem=plain(problem)), icon=":material/error:")
    with st.sidebar:
        st.subheader(_("This workspace cannot be opened"))
        new = st.text_input(_("New workspace name"), value="my-network", key="broken_new_name")
        if st.button(_("Start a new workspace"), key="broken_new", type="primary"):
            try:
                if workspace_path(new).exists():
                    raise InputError(_("workspace name"),
                                     _("“{name}” exists already: pick it above instead").format(name=new))
                session.use_workspace(new)
            except InputError as err:
                session.show_error(err)
            else:
                st.rerun()
        confirm = st.checkbox(_("Delete “{name}” and everything in it from this computer").format(name=name),
                              key="broken_confirm")
        if st.button(_("Delete this workspace"), key="broken_delete", disabled=not confirm):
            Store(workspace_path(session.workspace_name())).delete_all()
            st.session_state.pop("workspace", None)
            st.session_state.pop("broken_confirm", None)
            st.rerun()
