"""CPU seconds of one Graph page view after a filter change (`page_data.network_graph`), in process.

    python benchmarks/graph_filters.py --export benchmarks/data/30000c_1000000m --repeat 3 \
        --baseline /tmp/base

The export is stored into a private workspace as `pages_apptest.py` does; per round, each checkout in
turn (interleaved) runs in a fresh process: `analyse`, then the view for three filter settings. A
checkout with `graph.graph_base` draws from it, computed once before the timings (the page caches it
per workspace version); one without draws the whole view each time. Median (minimum) per view.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from pages_apptest import AS_OF, interleaved

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
    _, runs = interleaved(__file__, __doc__, child)
    checkouts = list(runs)
    print("| view | " + " | ".join(f"{n} CPU s" for n in checkouts) + " |")
    print("|---|" + "---|" * len(checkouts))
    for view in VIEWS:
        cells = [f"{statistics.median(r[view] for r in runs[n]):.3f} ({min(r[view] for r in runs[n]):.3f})"
                 for n in checkouts]
        print(f"| {view} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
