"""CPU seconds of one Graph page view after a filter change (`page_data.network_graph`), in process.

    python benchmarks/graph_filters.py --export benchmarks/data/30000c_1000000m --repeat 3 \
        --baseline /tmp/base

The export is stored into a private workspace as `pages_apptest.py` does; per round, each checkout in
turn (interleaved) runs in a fresh process: `analyse`, then the view for three filter settings. A
checkout with `graph.graph_base` draws from it, computed once before the timings (the page caches it
per workspace version); one without draws the whole view each time. Median (minimum) per view.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pages_apptest import AS_OF, prepare

ROOT = Path(__file__).resolve().parent.parent
VIEWS = {"default (inner tiers, 300 shown)": {}, "draw everyone": {"inner_only": False},
         "search 'an'": {"search": "an"}}


def child(checkout: str, home: str, workspace: str) -> None:
    """One round in this fresh process: prints {view: cpu seconds} as JSON."""
    os.environ["NETWORK_LEDGER_HOME"] = home
    sys.path.insert(0, checkout)
    import pandas as pd

    from analytics import graph, page_data
    from analytics.analysis import analyse
    from analytics.store import Store, workspace_path

    store = Store(workspace_path(workspace))
    analysed = analyse(store.load(), pd.Timestamp(AS_OF, tz="UTC"))
    net = store.load(interactions=False)
    base = {"base": graph.graph_base(net, analysed.scores)} if hasattr(graph, "graph_base") else {}
    options = {"color_by": "tier", "limit": 300, "expand": frozenset(), "group": None, "tier": None,
               "min_strength": 0.0, "company": None, "search": "", "focus": None, "inner_only": True}
    out = {}
    for name, change in VIEWS.items():
        cpu = time.process_time()
        page_data.network_graph(net, analysed, **base, **{**options, **change})
        out[name] = time.process_time() - cpu
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", default="sample")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline", help="another checkout, run in the same rounds")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    home = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    workspace = prepare(args.export, home)
    checkouts = {"after": str(ROOT), **({"before": args.baseline} if args.baseline else {})}
    runs: dict[str, list[dict]] = {name: [] for name in checkouts}
    for _ in range(args.repeat):
        for name, checkout in checkouts.items():
            done = subprocess.run([sys.executable, __file__, "--child", checkout, str(home), workspace],
                                  capture_output=True, text=True, check=True)
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print("| view | " + " | ".join(f"{n} CPU s" for n in checkouts) + " |")
    print("|---|" + "---|" * len(checkouts))
    for view in VIEWS:
        cells = [f"{statistics.median(r[view] for r in runs[n]):.3f} ({min(r[view] for r in runs[n]):.3f})"
                 for n in checkouts]
        print(f"| {view} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
