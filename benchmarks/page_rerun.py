"""Warm page rerun on a big workspace: how long a filter change takes once the analysis is cached.

    python benchmarks/page_rerun.py EXPORT.zip [LEDGER.xlsx]

Imports the export into a throw-away workspace, opens the Contacts page in Streamlit's AppTest, runs
it once (cold: loads and scores), then types a search and times that rerun (warm), then saves a note
and times the rerun after that write. Prints the cold and after-a-note times and
`BENCH inner=<warm seconds>` (the median of five searches).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["NETWORK_LEDGER_HOME"] = tempfile.mkdtemp(prefix="bench-home-")

from streamlit.testing.v1 import AppTest  # noqa: E402

from analytics import ingest  # noqa: E402
from analytics.store import Store, workspace_path  # noqa: E402

start = time.perf_counter()
Store(workspace_path("bench")).import_network(ingest.load_paths(sys.argv[1:2]))
print(f"import into workspace: {time.perf_counter() - start:.1f} s", file=sys.stderr)

at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
at.session_state["workspace"] = "bench"
start = time.perf_counter()
at.run()
at.switch_page("app_pages/contacts.py")
at.run()
print(f"cold page run: {time.perf_counter() - start:.1f} s", file=sys.stderr)
warm = []
for query in ("a", "an", "ann", "mar", "de"):
    start = time.perf_counter()
    at.text_input(key="contacts_query").input(query).run()
    warm.append(time.perf_counter() - start)
assert not at.exception, at.exception
at.selectbox(key="contacts_explain").select_index(0).run()
at.text_area(key="annotate_notes").input("benchmark note")
start = time.perf_counter()
at.button(key="FormSubmitter:annotate_form-Save").click().run()  # the workspace moves on, the facts stay
assert not at.exception, at.exception
print(f"rerun after saving a note: {time.perf_counter() - start:.2f} s", file=sys.stderr)
print(f"BENCH inner={statistics.median(warm):.3f}")
