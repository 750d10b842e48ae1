"""Every page of the app as a user sees it: seconds from navigation until Streamlit is idle, in Chromium.

    python benchmarks/pages_browser.py                       # the bundled sample
    python benchmarks/pages_browser.py --export benchmarks/data/2000c_50000m --repeat 3
    python benchmarks/pages_browser.py --export sample --export benchmarks/data/30000c_1000000m
    python benchmarks/pages_browser.py --repeat 3 --export sample --baseline /tmp/main  # and main, in turn
    python benchmarks/pages_browser.py --repeat 5 --first --baseline /tmp/main  # the first page's timeline

Each --export (`sample`, or a folder from sample_data/generate.py holding linkedin_sample.zip and
ledger_sample.xlsx) is imported once into a workspace of its own private NETWORK_LEDGER_HOME, as the
app's Import page stores it (export, ledger, as-of 2026-11-15). Then, per round, for every export in
turn (interleaved, so a busy moment slows each alike): start `streamlit run app.py` on a free localhost
port, open the app by its address in a fresh browser (the Overview), then click through every page in
the sidebar as a user does (cold: the first visit of each page after the server started, nothing
cached), then through every page again (warm: Streamlit's caches filled). A page counts as loaded
once the app has run its script, reports it as not running, shows no spinner and stays so for
IDLE_HOLD seconds; the time runs from the click (or navigation) to the start of that quiet spell.
With --baseline (another checkout, e.g. `git archive main | tar -x -C /tmp/main`; repeatable, each named by
its folder when more than one), each export is also imported by that checkout's code and its server runs
in the same rounds, right after this one's.
Prints one Markdown row per checkout, export and page: median and minimum of the rounds, cold and warm,
and the load average at the end. Per visit it also prints (to stderr) where the time went: the number of
script runs and when the last ended (seen from the browser), how long the browser's main thread was
busy in long tasks (rendering), the bytes Streamlit sent and the elements on the page.
With --first only the first page (the Overview) is opened per fresh server, and its timeline is printed
(to stderr, and as medians in its own table): seconds from navigation until the HTML arrived, the app's
code ran (its root element shows), the websocket opened, the first script run started, the title, the
metrics and the first chart element (drawn) showed, every chart was drawn after the run ended, the contact
table was drawn, the run ended, the app went idle (the measure above: it can come before the charts are
drawn), and "drawn": idle with every chart and the table drawn. Besides: "browser busy", seconds of
long tasks (50 ms and more) on the browser's main thread until then, and "server CPU", CPU seconds the
server process spent from navigation to idle (both barely move with the machine's load).
Chromium runs headless with the e2e tests' arguments (no network besides localhost).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AS_OF = "2026-11-15"
#: (address, name) of every page, in the menu's order.
PAGES = [("", "Overview"), ("contacts", "Contacts"), ("graph", "Network graph"), ("groups", "Groups"),
         ("ledger", "Ledger & groups setup"), ("actions", "Action plan"), ("report", "Coach report"),
         ("import", "Import & workspace")]
#: Streamlit is idle after a run: the script ran since the last click, is not running, no spinner shows.
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (!window.__watch) {  // the first look at a loaded page: note every script run from now on
    window.__watch = new MutationObserver(() => {
      if (app.dataset.testScriptState === 'running') { window.__ran = true; window.__runs += 1; }
      else if (window.__ran) window.__doneAt = performance.now();  // the script run ended
    });
    window.__watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    window.__ran = true;  // a fresh page load runs the script on its own
    window.__busy = 0;  // milliseconds the browser's main thread spent in long tasks (50 ms and more)
    new PerformanceObserver(list => list.getEntries().forEach(e => { window.__busy += e.duration; }))
      .observe({type: 'longtask'});
  }
  return window.__ran && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stSpinner"], [data-testid="stStatusWidget"]');
}"""
IDLE_HOLD, POLL, TIMEOUT = 0.5, 0.05, 300.0
#: Installed before the first page's own scripts: notes (ms since navigation started) when each milestone of
#: its first load is first seen.
TIMELINE = """(() => {
  const marks = window.__marks = {};
  const note = (name, ok) => { if (!(name in marks) && ok) marks[name] = performance.now(); };
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    note('app', app);
    if (app) {
      note('script started', app.dataset.testScriptState === 'running');
      note('script ended', 'script started' in marks && app.dataset.testScriptState === 'notRunning');
    }
    note('title', document.querySelector('h1'));
    note('metrics', document.querySelector('[data-testid="stMetric"]'));
    note('first chart', document.querySelector('.js-plotly-plot .main-svg'));
    const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
    const drawn = document.querySelectorAll('.js-plotly-plot');
    note('all charts', 'script ended' in marks && charts && drawn.length === charts
         && document.querySelectorAll('.js-plotly-plot .main-svg').length >= charts * 2);
    note('contact table', 'script ended' in marks
         && document.querySelector('[data-testid="stDataFrame"] canvas'));
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  window.__longtasks = 0;  // milliseconds the main thread spent in long tasks (50 ms and more)
  new PerformanceObserver(list => list.getEntries().forEach(e => { window.__longtasks += e.duration; }))
    .observe({type: 'longtask', buffered: true});
})()"""
MARKS = ["html", "app", "websocket", "script started", "title", "metrics", "first chart", "all charts",
         "contact table", "script ended", "idle", "drawn", "browser busy", "server CPU"]


def prepare(export: str, home: Path, checkout: Path) -> None:
    """Import `export` (with its ledger) into workspace "bench" under `home`, as-of AS_OF, with the code of
    `checkout`."""
    os.environ["NETWORK_LEDGER_HOME"] = str(home)
    sys.path.insert(0, str(checkout))
    from analytics import ingest
    from analytics.ingest import ledger_workbook
    from analytics.store import Store, workspace_path

    folder = ROOT / "sample_data" if export == "sample" else Path(export)
    store = Store(workspace_path("bench"))
    net = ingest.load_paths([folder / "linkedin_sample.zip"])
    store.import_network(net)
    book = folder / "ledger_sample.xlsx"
    found = ledger_workbook.read_ledger([(book.name, book.read_bytes())], net.contacts)
    store.save_ledger(found.ledger, found.groups, found.members)
    store.save_settings(as_of=AS_OF, hourly_rate=75.0)


def start_server(home: Path, checkout: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` of `checkout` on a free localhost port with NETWORK_LEDGER_HOME=home, once
    healthy."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=checkout, env={**os.environ, "NETWORK_LEDGER_HOME": str(home)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def wait_idle(page: Page, start: float) -> float:
    """Seconds from `start` to the beginning of an IDLE_HOLD-long idle spell of the app in `page`."""
    quiet_since = None
    while time.perf_counter() - start < TIMEOUT:
        now = time.perf_counter()
        if page.evaluate(IDLE):
            quiet_since = quiet_since or now
            if now - quiet_since >= IDLE_HOLD:
                return quiet_since - start
        else:
            quiet_since = None
        time.sleep(POLL)
    raise TimeoutError(page.url)


def click_page(page: Page, path: str, received: list[int]) -> float:
    """Open page `path` from the sidebar menu; seconds until the app is idle again. Prints (to stderr)
    where the time went: until the script run ended, the bytes Streamlit sent, the elements shown."""
    page.evaluate("""() => { window.__ran = false; window.__runs = 0; window.__busy = 0;
                             window.__clickAt = performance.now(); }""")
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first
    received[0] = 0
    start = time.perf_counter()
    link.click()
    took = wait_idle(page, start)
    script, runs, busy, elements = page.evaluate("""() => [(window.__doneAt - window.__clickAt) / 1000,
        window.__runs, window.__busy / 1000,
        document.querySelectorAll('[data-testid="stElementContainer"]').length]""")
    print(f"  /{path}: {runs} script run(s), the last ended at {script:.2f} s; browser busy {busy:.2f} s; "
          f"{received[0] / 1e6:.2f} MB sent, {elements} elements", file=sys.stderr)
    return took


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_page(browser: Browser, url: str, pid: int) -> dict[str, float]:
    """Milestone -> seconds since navigation, for the first page of one fresh server at `url` (process
    `pid`); besides: "drawn" (idle with every chart and the contact table drawn), "browser busy" (seconds of
    long tasks until then) and "server CPU" (CPU seconds the server spent from navigation to idle)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(TIMELINE)
    opened: list[float] = []
    page.on("websocket", lambda _socket: opened.append(time.perf_counter()))
    cpu = cpu_seconds(pid)
    start = time.perf_counter()
    page.goto(f"{url}/", wait_until="commit")
    idle = wait_idle(page, start)
    server = cpu_seconds(pid) - cpu
    page.wait_for_function("() => 'all charts' in window.__marks && 'contact table' in window.__marks",
                           timeout=TIMEOUT * 1000)
    marks = {name: ms / 1000 for name, ms in page.evaluate("() => window.__marks").items()}
    marks["html"] = page.evaluate("() => performance.getEntriesByType('navigation')[0].responseEnd") / 1000
    marks["websocket"] = opened[0] - start if opened else float("nan")
    marks["idle"], marks["server CPU"] = idle, server
    marks["drawn"] = max(idle, marks["all charts"], marks["contact table"])
    marks["browser busy"] = page.evaluate("() => window.__longtasks") / 1000
    context.close()
    print("  " + ", ".join(f"{name} {marks[name]:.2f}" for name in MARKS if name in marks), file=sys.stderr)
    return marks


def tour(browser: Browser, url: str) -> dict[tuple[str, str], float]:
    """(page name, "cold"|"warm") -> seconds, for one fresh server at `url`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    received = [0]  # bytes Streamlit sent since the last click

    def count(socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: received.__setitem__(0, received[0] + len(frame)))

    page.on("websocket", count)
    start = time.perf_counter()
    page.goto(f"{url}/", wait_until="commit")
    took = {(PAGES[0][1], "cold"): wait_idle(page, start)}
    for kind in ("cold", "warm"):
        for path, name in PAGES[1:] if kind == "cold" else [*PAGES[1:], PAGES[0]]:
            try:
                took[(name, kind)] = click_page(page, path, received)
            except TimeoutError:  # counted as missing, and said: the other pages still get measured
                state = page.evaluate("() => document.querySelector('[data-testid=\"stApp\"]').dataset")
                print(f"  /{path}: not idle after {TIMEOUT:.0f} s ({state})", file=sys.stderr)
                took[(name, kind)] = float("nan")
    context.close()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", action="append", help="'sample' or a generated export folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--first", action="store_true", help="only the first page, with its timeline")
    parser.add_argument("--baseline", type=Path, action="append", default=[],
                        help="another checkout (e.g. a `git archive` of main; repeatable), "
                        "run in the same rounds, each export imported with its own code")
    args = parser.parse_args(argv)
    exports = args.export or ["sample"]
    checkouts = {"after": ROOT, **{("before" if len(args.baseline) == 1 else path.name): path.resolve()
                                   for path in args.baseline}}
    homes = {(export, name): Path(tempfile.mkdtemp(prefix="bench-pages-"))
             for export in exports for name in checkouts}
    for (export, name), home in homes.items():
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--prepare", export, str(home), str(checkouts[name])],
                       check=True)
        print(f"imported {export} ({name}): {time.perf_counter() - start:.1f} s", file=sys.stderr)
    times: dict[tuple[str, str, str, str], list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.repeat):
            for (export, name), home in homes.items():
                proc, url = start_server(home, checkouts[name])
                try:
                    if args.first:
                        for mark, took in first_page(browser, url, proc.pid).items():
                            times.setdefault((name, export, mark, "first"), []).append(took)
                        continue
                    for (page, kind), took in tour(browser, url).items():
                        times.setdefault((name, export, page, kind), []).append(took)
                        print(f"{name} {export} {page} {kind}: {took:.2f} s", file=sys.stderr, flush=True)
                finally:
                    proc.terminate()
                    proc.wait(timeout=30)
        browser.close()
    with open("/proc/loadavg") as f:
        print(f"load average at the end: {' '.join(f.read().split()[:3])}\n")
    if args.first:
        print("| checkout | export | " + " | ".join(MARKS) + " |\n|---|---|" + "---|" * len(MARKS))
        for name in checkouts:
            for export in exports:
                cells = [times.get((name, export, mark, "first"), [float("nan")]) for mark in MARKS]
                print(f"| {name} | {Path(export).name} | "
                      + " | ".join(f"{statistics.median(c):.2f} ({min(c):.2f})" for c in cells) + " |")
        return 0
    print("| checkout | export | page | cold s (median) | cold s (min) | warm s (median) | warm s (min) |")
    print("|---|---|---|---|---|---|---|")
    for name in checkouts:
        for export in exports:
            for _, page in PAGES:
                cold, warm = ([t for t in times[(name, export, page, kind)] if t == t] or [float("nan")]
                              for kind in ("cold", "warm"))
                print(f"| {name} | {Path(export).name} | {page} | {statistics.median(cold):.2f} | "
                      f"{min(cold):.2f} | {statistics.median(warm):.2f} | {min(warm):.2f} |")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit(main())
