"""What a session's first page sends the browser before its first analysis: the chart library, hidden.

Streamlit's browser code loads each kind of element's code when the first such element arrives; for charts
that is plotly.js, 4.7 MB, about a second of the browser's time. Sent before the analysis, it loads while
the server analyses the workspace (about a second on the sample), not after.
"""

import contextlib
from collections.abc import Iterator

import streamlit as st

_SENT, _KEY = "chart_library_sent", "chart_library"
#: The element that loads the library takes no room on the page.
_HIDDEN = f"<style>.st-key-{_KEY} {{display: none;}}</style>"


@contextlib.contextmanager
def chart_library() -> Iterator[None]:
    """On this session's first run only: an empty chart, hidden, while the block runs (the browser loads
    its chart library meanwhile), removed after it (the page's own charts follow)."""
    slot = st.empty()
    if not st.session_state.get(_SENT):
        st.session_state[_SENT] = True
        st.html(_HIDDEN)
        slot.plotly_chart({"data": [{"type": "scatter"}], "layout": {"height": 10}}, key=_KEY,
                          config={"staticPlot": True})
    yield
    slot.empty()
