"""Size of coach-report HTML files and the time each takes to open in headless Chromium.

    python benchmarks/report_browser.py [--repeat 5] report.html [other.html ...]

Opens every file `--repeat` times in a fresh browser page, interleaved (a, b, a, b, ...), so a busy
machine slows every file alike. Time runs from navigation start until the load event has fired and
every chart div holds a rendered plotly SVG. Prints one Markdown row per file (size, median and
minimum seconds) and `BENCH inner=<median of the first file>`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
#: The launch arguments of tests/e2e/conftest.py: no network, no background services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: True once every chart container of the report holds plotly's rendered SVG.
CHARTS_DRAWN = """() => {
  const charts = document.querySelectorAll('.chart');
  return [...charts].every(c => c.querySelector('.main-svg'));
}"""


def open_time(page: Page, path: Path) -> float:
    """Seconds from navigation start to load event plus every chart drawn."""
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=120_000, polling=20)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    times: dict[Path, list[float]] = {f: [] for f in args.files}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.repeat):
            for path in args.files:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                times[path].append(open_time(page, path))
                page.close()
        browser.close()
    print("| file | size MB | open s (median) | open s (min) |\n|---|---|---|---|")
    for path, runs in times.items():
        print(f"| {path.name} | {path.stat().st_size / 1e6:.2f} | {statistics.median(runs):.2f} | "
              f"{min(runs):.2f} |")
    print(f"BENCH inner={statistics.median(times[args.files[0]]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
