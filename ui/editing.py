"""What every page that writes does around its widgets: keys that start clean after a save, uploads kept
across reruns, a table editor's pending edits, and the toast and rerun after a write."""

import streamlit as st


def fresh(key: str, counter: str | None = None) -> str:
    """A widget key that changes after each `saved(counter)` (`counter` defaults to `key`), so an editor
    or uploader starts clean: "ledger_editor_0", then "ledger_editor_1"."""
    return f"{key}_{st.session_state.get((counter or key) + '_v', 0)}"


def saved(counter: str, message: str) -> None:
    """After a write: the widgets keyed by `fresh(..., counter)` start clean, a toast says `message`, and a
    rerun refreshes every cached result (they are keyed by the workspace's new revision)."""
    st.session_state[counter + "_v"] = st.session_state.get(counter + "_v", 0) + 1
    st.toast(message)
    st.rerun()


def stash(upload_key: str, pending_key: str) -> None:
    """Copy an uploader's files to their own key as (name, bytes), so they survive a page change (and tests
    can set them): the uploader's `on_change`."""
    files = st.session_state.get(upload_key)
    files = files if isinstance(files, list) else [files] if files else []
    st.session_state[pending_key] = [(f.name, f.getvalue()) for f in files] or None


def edits(key: str) -> dict:
    """The table editor `key`'s pending changes: "edited_rows" (position -> column -> value),
    "added_rows" and "deleted_rows", each empty when there are none."""
    state = st.session_state.get(key) or {}
    return {"edited_rows": state.get("edited_rows", {}), "added_rows": state.get("added_rows", []),
            "deleted_rows": state.get("deleted_rows", [])}
