"""One analysis per workspace version: visiting every page and downloading both report formats runs
`analyse` once and each of its steps once (scoring once per date: as-of and the period's start);
ticking a plan item or toggling anonymisation runs none of them again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import actions, analysis, depth, diagnosis, exchanges, graph, groups, hygiene, report
from tests.pages.apptest import sample_store
from tests.pages.test_all_pages import PAGES
from ui import session

STEPS = [(analysis, "analyse"), (diagnosis, "diagnose"), (groups, "group_scores"),
         (exchanges, "per_contact"), (exchanges, "per_group"), (graph, "connectors"),
         (actions, "keep_in_touch_50"), (actions, "reconnect"), (hygiene, "early_pitches"),
         (hygiene, "assuming_closeness")]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Counts of every analysis step (and of scoring per as-of date) while the test runs."""
    counted: Counter = Counter()

    def spy(name: str, func: Callable) -> Callable:
        def wrapper(*args: object, **kwargs: object) -> object:
            counted[name] += 1
            return func(*args, **kwargs)
        return wrapper

    for module, name in STEPS:
        monkeypatch.setattr(module, name, spy(name, getattr(module, name)))
    monkeypatch.setattr(session, "analyse", spy("analyse", session.analyse))
    score = depth.score_contacts

    def scored(net: object, as_of: pd.Timestamp, *args: object) -> pd.DataFrame:
        counted[f"score_contacts {pd.Timestamp(as_of):%Y-%m-%d}"] += 1
        return score(net, as_of, *args)

    monkeypatch.setattr(depth, "score_contacts", scored)
    return counted


def test_every_page_and_both_downloads_run_one_analysis(calls: Counter) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=120)
    at.run()
    for name in PAGES:
        at.switch_page(f"app_pages/{name}.py")
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
    current = sample_store()  # the downloads render the report data the page holds
    data = session._derived(str(current.path), current.version(), current.version(annotations=False),
                            pd.Timestamp("2026-11-15", tz="UTC"),
                            analysis.DEFAULT_PERIOD_DAYS, "analytics.page_data", "coach_report",
                            (("anonymize", True), ("goals", current.goals()), ("mask_companies", False),
                             ("plan_status", current.plan_status())), ("en", "EUR"))
    assert report.render_html(data).startswith("<!") and report.render_xlsx(data)[:2] == b"PK"
    assert calls["analyse"] == 1, calls
    assert {k: v for k, v in calls.items() if v != 1} == {}, calls  # each step, and each date's scoring, once
    assert sorted(k for k in calls if k.startswith("score_contacts")) == [
        "score_contacts 2026-08-17", "score_contacts 2026-11-15"]  # as-of and the 90-day period's start

    at.switch_page("app_pages/report.py")
    at.run()
    at.toggle(key="report_anonymize").set_value(False).run()  # privacy is applied on top
    at.switch_page("app_pages/actions.py")
    at.run()
    key = next(e.key for e in at.data_editor if e.key.startswith("call_client_editor_"))
    at.session_state[key] = {"edited_rows": {0: {"done": True}}, "added_rows": [], "deleted_rows": []}
    at.run()  # a plan tick is saved and shown
    assert not at.exception, [e.value for e in at.exception]
    assert len(sample_store().plan_status()) == 1
    assert calls["analyse"] == 1, calls
