"""Time until a graph HTML file is interactive in headless Chromium (layout stabilised, physics off).

    python benchmarks/graph_browser.py graph.html

Prints `BENCH inner=<seconds>` from navigation start to the page's `data-ready` flag.
"""

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    start = time.perf_counter()
    page.goto(Path(sys.argv[1]).resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    print(f"BENCH inner={time.perf_counter() - start:.3f}")
    browser.close()
