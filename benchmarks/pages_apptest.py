"""Python work of each page in a fresh app (Streamlit AppTest, no browser): the first page, then the
first visit to every other page, and the reruns after saving each kind of annotation on the Contacts page.

    python benchmarks/pages_apptest.py --repeat 3                         # the bundled sample
    python benchmarks/pages_apptest.py --repeat 3 --baseline /tmp/base    # and another checkout, interleaved
    python benchmarks/pages_apptest.py --export benchmarks/data/30000c_1000000m --repeat 3

The export (`sample`, or a folder from sample_data/generate.py holding linkedin_sample.zip and
ledger_sample.xlsx) is stored once into a workspace of a private NETWORK_LEDGER_HOME (export, ledger,
as-of 2026-11-15), as a user's workspace is before the server starts; every run starts from a copy of it
(so a round's annotations are not already stored in the next). Per round, every checkout in turn
(interleaved, so a busy moment slows each alike) runs in a fresh Python process that has imported
Streamlit, as a server has: `AppTest.run()` of app.py (the Overview: the first page, including every
import the app does and the first analysis), then each other page once (its first visit), then on the
Contacts page annotations saved on one unrated contact, timing the rerun after each: two notes, a
consent and a target through its form, a mark and a cadence through its table, then a closeness rating
(before the fix of issue 14, the form's first save also stored closeness 0). Each figure is
wall seconds and CPU seconds of the process (AppTest runs the script in a thread of this process);
printed as Markdown rows, median (minimum) of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["contacts", "duplicates", "graph", "groups", "ledger", "actions", "report", "import"]
AS_OF = "2026-11-15"


def prepare(export: str, home: Path) -> str:
    """Store `export` with its ledger into a workspace under `home`; returns the workspace's name."""
    sys.path.insert(0, str(ROOT))
    from analytics import ingest
    from analytics.ingest import ledger_workbook
    from analytics.store import Store

    folder = ROOT / "sample_data" if export == "sample" else Path(export)
    os.environ["NETWORK_LEDGER_HOME"] = str(home)
    from analytics.store import workspace_path

    name = "bench"
    store = Store(workspace_path(name))
    net = ingest.load_paths([folder / "linkedin_sample.zip"])
    store.import_network(net)
    book = (folder / "ledger_sample.xlsx").read_bytes()
    ledger = ledger_workbook.read_ledger([("ledger_sample.xlsx", book)], net.contacts)
    store.save_ledger(ledger.ledger, ledger.groups, ledger.members)
    store.save_settings(as_of=AS_OF, hourly_rate=75.0)
    return name


def child(checkout: str, home: str, workspace: str) -> None:
    """One round in this fresh process: prints {step: [wall, cpu]} as JSON."""
    os.environ["NETWORK_LEDGER_HOME"] = home
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(checkout) / "app.py"), default_timeout=900)
    at.session_state["workspace"] = workspace
    out = {}

    def timed(step: str, action: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        out[step] = [time.perf_counter() - wall, time.process_time() - cpu]
        if at.exception:
            raise SystemExit(f"{step}: {[e.value for e in at.exception]}")

    timed("overview (first page)", at.run)
    for page in PAGES:
        timed(page, lambda page=page: at.switch_page(f"app_pages/{page}.py").run())
    at.switch_page("app_pages/contacts.py").run()
    names = [o.split(" · ")[0] for o in at.selectbox(key="contacts_explain").options]  # "name · company"
    name = next(n for n in names if names.count(n) == 1)  # a name nobody else shown has
    at.text_input(key="contacts_query").input(name).run()
    label = at.selectbox(key="contacts_explain").options[0]  # row 0 of the table (in_table edits it)

    def in_form(**values: object) -> Callable[[], object]:
        box = at.selectbox(key="contacts_explain")
        box.select_index(list(box.options).index(label)).run()
        for key, value in values.items():
            kinds = {"closeness": (*at.select_slider, *at.slider), "consent": at.selectbox,
                     "target": at.checkbox, "notes": at.text_area}[key]  # closeness: a slider before
            next(w for w in kinds if w.key == f"annotate_{key}").set_value(value)
        return at.button(key="FormSubmitter:annotate_form-Save").click().run

    def in_table(**values: object) -> Callable[[], object]:
        edits = {"edited_rows": {0: values}, "added_rows": [], "deleted_rows": []}
        at.session_state["contacts_editor"] = edits
        return at.run

    for step, save in (("rerun after a first note", lambda: in_form(notes="first")),
                       ("rerun after another note", lambda: in_form(notes="second")),
                       ("rerun after a consent (form)", lambda: in_form(consent="yes")),
                       ("rerun after a target (form)", lambda: in_form(target=True)),
                       ("rerun after a mark (table)", lambda: in_table(role="client")),
                       ("rerun after a cadence (table)", lambda: in_table(cadence_days=21)),
                       ("rerun after a closeness rating (form)", lambda: in_form(closeness=3))):
        timed(step, save())
    print(json.dumps(out))


def interleaved(script: str, doc: str, child_run: Callable[..., None]) -> tuple[argparse.Namespace, dict]:
    """Parse --export, --repeat, --baseline; store the export; then per round run every checkout in turn
    as `script --child CHECKOUT HOME WORKSPACE` in a fresh process (which calls `child_run` with those
    three and prints JSON last). Returns the arguments and {checkout name: [JSON of each round]}; exits
    after `child_run` when this process is a child."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", default="sample")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline", help="another checkout, run in the same rounds")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_run(*args.child)
        raise SystemExit(0)
    home = Path(tempfile.mkdtemp(prefix="bench-"))
    workspace = prepare(args.export, home)
    checkouts = {"after": str(ROOT), **({"before": args.baseline} if args.baseline else {})}
    runs: dict[str, list[dict]] = {name: [] for name in checkouts}
    for _ in range(args.repeat):
        for name, checkout in checkouts.items():
            # each run starts from the stored workspace: a run's edits must not make the next one's no-ops
            fresh = Path(tempfile.mkdtemp(prefix="bench-run-"))
            shutil.copytree(home, fresh, dirs_exist_ok=True)
            try:
                done = subprocess.run([sys.executable, script, "--child", checkout, str(fresh), workspace],
                                      capture_output=True, text=True)
            finally:
                shutil.rmtree(fresh)
            if done.returncode:
                raise SystemExit(f"{checkout} failed:\n{done.stderr[-3000:]}")
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    shutil.rmtree(home)
    return args, runs


def main() -> None:
    args, runs = interleaved(__file__, __doc__, child)
    checkouts = list(runs)
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"export {args.export}, {args.repeat} round(s), load average {' '.join(load)} at the end\n")
    print("| step | " + " | ".join(f"{n} wall s | {n} CPU s" for n in checkouts) + " |")
    print("|---|" + "---|---|" * len(checkouts))
    for step in runs["after"][0]:
        cells = []
        for name in checkouts:
            for k in (0, 1):
                values = [r[step][k] for r in runs[name]]
                cells.append(f"{statistics.median(values):.2f} ({min(values):.2f})")
        print(f"| {step} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
