"""The Overview's first run has the browser load the chart library while the analysis runs (a hidden
empty chart), and leaves nothing of it on the page; later reruns do not send it again."""

import json

from streamlit.testing.v1 import AppTest

from ui import loading


def hiding_css_sent(at: AppTest) -> bool:
    """Whether this run sent the style that hides the loading chart."""
    return any(f".st-key-{loading._KEY}" in str(getattr(h, "proto", "")) for h in at.get("html"))


def test_first_run_loads_the_chart_library_hidden_and_leaves_only_the_pages_charts() -> None:
    at = AppTest.from_file("../../app.py", default_timeout=180).run()  # the Overview, the first page
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[loading._SENT] is True
    assert hiding_css_sent(at)
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in at.get("plotly_chart")]
    assert len(titles) == 5 and all(titles), titles  # the page's five charts, no empty one left
    at.run()
    assert not hiding_css_sent(at)
    assert len(at.get("plotly_chart")) == 5
