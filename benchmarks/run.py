"""Benchmark the analytics stages on a large synthetic LinkedIn export; print a Markdown table.

    python benchmarks/run.py                      # 30,000 connections / 1,000,000 messages
    python benchmarks/run.py --repeat 3           # median wall time of 3 runs
    python benchmarks/run.py --connections 2000 --messages 50000 --stage summary
    python benchmarks/run.py --repeat 3 --stage summary --stage Excel --baseline /tmp/old-checkout

The export is generated once into benchmarks/data/<connections>c_<messages>m/ (git-ignored) by
sample_data/generate.py. Each stage is one command run in a fresh subprocess; wall time is measured
around it and peak memory is that child's own max RSS (os.wait4). A stage whose code does not exist
yet (ImportError) is reported as "not available yet". To add a stage, append to `stages()`.
With --repeat N the chosen stages run in N rounds, one run of each stage per round (interleaved), so a
busy moment of this shared machine slows every stage alike; each figure is the median of its N runs.
--baseline DIR adds the summary, report and import stages once more, run from another checkout (e.g.
`git archive` of the commit before a change), to compare before and after in the same run.
A stage may print `BENCH inner=<seconds>` to report a timing of its own (e.g. scoring after parsing).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
AS_OF = "2026-11-15"
PY = sys.executable

# Timed inside one process, after parsing: the scoring stage's own figure ("scoring < 1 s").
SCORE_AFTER_PARSE = """
import sys, time
import pandas as pd
from analytics import depth, ingest
net = ingest.load_paths(sys.argv[1:])
start = time.perf_counter()
depth.score_contacts(net, pd.Timestamp("{as_of}", tz="UTC"))
print(f"BENCH inner={{time.perf_counter() - start:.3f}}")
"""
# The floor any ingest can reach: pandas parsing the two big CSVs straight out of the zip.
PANDAS_FLOOR = """
import sys, zipfile
import pandas as pd
with zipfile.ZipFile(sys.argv[1]) as zf:
    messages = pd.read_csv(zf.open("messages.csv"), dtype=str, keep_default_na=False)
    connections = pd.read_csv(zf.open("Connections.csv"), skiprows=3, dtype=str, keep_default_na=False)
print(len(connections), len(messages))
"""
# The same with pyarrow (multi-line cells need newlines_in_values, which parses on one thread).
PYARROW_FLOOR = """
import sys, zipfile
import pyarrow as pa, pyarrow.csv as pc
with zipfile.ZipFile(sys.argv[1]) as zf:
    raw = zf.read("messages.csv")
table = pc.read_csv(pa.BufferReader(raw), parse_options=pc.ParseOptions(newlines_in_values=True))
print(len(table.to_pandas()))
"""
# The coach report's figures without writing any file: what the report stages cost before rendering.
REPORT_DATA_ONLY = """
import sys
import pandas as pd
from analytics import cli, report_data
net = cli.load(sys.argv[1:2], sys.argv[2])
report_data.report_data(net, pd.Timestamp("{as_of}", tz="UTC"))
"""
# Importing the parsed export into a fresh workspace (what the Import page does after parsing); the
# inner figure is the CPU seconds of `Store.import_network` alone (the import's own cost, parse excluded).
IMPORT_ONLY = """
import resource, sys, tempfile, pathlib
from analytics import ingest
from analytics.store import Store
net = ingest.load_paths(sys.argv[1:])
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
with tempfile.TemporaryDirectory() as home:
    start = cpu()
    Store(pathlib.Path(home) / "w.sqlite").import_network(net)
    print(f"BENCH inner={{cpu() - start:.3f}}")
"""
LOAD_ONLY = """
import sys
from analytics import ingest
net = ingest.load_paths(sys.argv[1:])
print(len(net.contacts), len(net.interactions))
"""


@dataclass
class Stage:
    """One named command to time; `target` is the goal written in docs/BENCHMARKS.md."""

    name: str
    command: list[str]
    target: str
    cwd: Path = ROOT


@dataclass
class Result:
    stage: Stage
    wall_s: float | None = None
    peak_mib: float | None = None
    cpu_s: float | None = None
    inner_s: float | None = None
    note: str = ""


def stages(export: Path, ledger: Path, out: Path) -> list[Stage]:
    """Every benchmarked stage, in order."""
    cli = [PY, "-m", "analytics"]
    return [
        Stage("baseline: pandas.read_csv", [PY, "-c", PANDAS_FLOOR, str(export)], "floor for ingest"),
        Stage("baseline: pyarrow.csv", [PY, "-c", PYARROW_FLOOR, str(export)], "floor for ingest"),
        Stage("ingest (load_paths)", [PY, "-c", LOAD_ONLY, str(export)], "part of summary"),
        Stage("scoring after parsing", [PY, "-c", SCORE_AFTER_PARSE.format(as_of=AS_OF), str(export)],
              "< 1 s (inner)"),
        *summary_stages(export),
        Stage("summary + ledger", [*cli, "summary", str(export), "--ledger", str(ledger), "--json",
                                   "--as-of", AS_OF], "< 3 s wall, < 1.5 GB"),
        Stage("page rerun (filter change, warm)", [PY, str(ROOT / "benchmarks" / "page_rerun.py"),
                                                   str(export)], "< 150 ms (inner)"),
        Stage("graph (HTML)", [*cli, "graph", str(export), "--as-of", AS_OF, "--out",
                               str(out / "graph.html")], "interactive < 3 s"),
        Stage("graph interactive in Chromium", [PY, str(ROOT / "benchmarks" / "graph_browser.py"),
                                                str(out / "graph.html")], "< 3 s (inner)"),
        *report_stages(export, ledger, out),
        *import_stages(export),
    ]


def import_stages(export: Path, cwd: Path = ROOT, tag: str = "") -> list[Stage]:
    """The parsed export imported into an empty workspace, run in checkout `cwd`."""
    return [Stage(f"import into a workspace{tag}", [PY, "-c", IMPORT_ONLY.format(), str(export)],
                  "<= 2x summary (inner: CPU s of import_network)", cwd)]


def summary_stages(export: Path, cwd: Path = ROOT, tag: str = "") -> list[Stage]:
    """`summary --json` of the export, run in checkout `cwd`."""
    command = [PY, "-m", "analytics", "summary", str(export), "--json", "--as-of", AS_OF]
    return [Stage(f"summary{tag}", command, "<= 2x bare parse, <= 1 GB", cwd),
            Stage(f"summary, one thread{tag}", ["env", "NETWORK_LEDGER_THREADS=1", *command],
                  "what the analysis' threads save", cwd)]


def report_stages(export: Path, ledger: Path, out: Path, cwd: Path = ROOT, tag: str = "") -> list[Stage]:
    """The coach report as HTML and as Excel (`python -m analytics report`), run in checkout `cwd`."""
    command = [PY, "-m", "analytics", "report", str(export), "--ledger", str(ledger), "--as-of", AS_OF,
               "--out"]
    return [Stage(f"report data, no file{tag}", [PY, "-c", REPORT_DATA_ONLY.format(as_of=AS_OF), str(export),
                                                 str(ledger)], "part of the report stages", cwd),
            Stage(f"report (HTML){tag}", [*command, str(out / "report.html")], "", cwd),
            Stage(f"report (Excel){tag}", [*command, str(out / "report.xlsx")], "<= 1.5x summary", cwd)]


def ensure_export(connections: int, messages: int) -> Path:
    """The benchmark export folder, generated when missing (same arguments, same bytes)."""
    folder = DATA / f"{connections}c_{messages}m"
    if not (folder / "linkedin_sample.zip").exists() or not (folder / "ledger_sample.xlsx").exists():
        print(f"generating {folder} ...", file=sys.stderr)
        subprocess.run([PY, str(ROOT / "sample_data" / "generate.py"), "--connections", str(connections),
                        "--messages", str(messages), "--out", str(folder)],
                       check=True, cwd=ROOT, stdout=sys.stderr)
    return folder


def run_once(command: list[str], cwd: Path = ROOT) -> tuple[float, float, float, int, str, str]:
    """(wall s, peak MiB of this child alone (ru_maxrss / 1024), its CPU s (user + system), exit status,
    stdout, stderr)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)  # reaps the child and returns its own rusage
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return wall, usage.ru_maxrss / 1024, cpu, proc.returncode, out.read(), err.read()


def realtime(stage: Stage) -> Stage:
    """`stage` run at real-time priority (`chrt -f 50`, needs root): on a shared machine the other
    processes then wait while it runs, and its wall time is close to an idle machine's."""
    return dataclasses.replace(stage, command=["chrt", "-f", "50", *stage.command])


def measure(chosen: list[Stage], repeat: int) -> list[Result]:
    """Run every stage once per round for `repeat` rounds: median wall and CPU time, max peak memory,
    median inner timing. CPU seconds of the child (user + system) move far less than wall time when
    other work shares the machine.

    A stage that fails is reported once and left out of later rounds.
    """
    runs: dict[int, list[tuple[float, float, float, list[float]]]] = {i: [] for i in range(len(chosen))}
    failed: dict[int, Result] = {}
    for _ in range(repeat):
        for i, stage in enumerate(chosen):
            if i in failed:
                continue
            wall, peak, cpu, code, stdout, stderr = run_once(stage.command, stage.cwd)
            if code != 0:
                last = (stderr.strip().splitlines() or ["(no message)"])[-1]
                missing = any(kind in last for kind in ("ModuleNotFoundError", "ImportError",
                                                        "AttributeError: module 'analytics"))
                failed[i] = Result(stage, note=("not available yet: " if missing
                                                else f"failed (exit {code}): ") + last[:120])
                continue
            inner = [float(line.split("=", 1)[1]) for line in stdout.splitlines()
                     if line.startswith("BENCH inner=")]
            runs[i].append((wall, peak, cpu, inner))
    results = []
    for i, stage in enumerate(chosen):
        if i in failed:
            results.append(failed[i])
            continue
        walls, cpus = [w for w, _, _, _ in runs[i]], [c for _, _, c, _ in runs[i]]
        inners = [x for *_, inner in runs[i] for x in inner]
        note = f"min wall {min(walls):.2f}, min cpu {min(cpus):.2f}" if len(walls) > 1 else ""
        results.append(Result(stage, statistics.median(walls), max(p for _, p, _, _ in runs[i]),
                              statistics.median(cpus), statistics.median(inners) if inners else None, note))
    return results


def machine() -> list[str]:
    """Lines describing this machine and the software versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    import pandas

    return [f"- CPU: {cpu}, {os.cpu_count()} cores (nproc)",
            f"- RAM: {mem_kb / 1024 / 1024:.1f} GiB",
            f"- Python {platform.python_version()}, pandas {pandas.__version__}, {platform.platform()}"]


def row(result: Result) -> str:
    def fmt(x: float | None, digits: int) -> str:
        return "-" if x is None else f"{x:.{digits}f}"

    return (f"| {result.stage.name} | {fmt(result.wall_s, 2)} | {fmt(result.cpu_s, 2)} | "
            f"{fmt(result.peak_mib, 0)} | {fmt(result.inner_s, 3)} | {result.stage.target} | {result.note} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per stage (median wall time)")
    parser.add_argument("--stage", action="append", help="only stages whose name contains this")
    parser.add_argument("--baseline", type=Path, help="another checkout: its summary, report and import "
                                                          "stages run too")
    parser.add_argument("--realtime", action="store_true", help="run each stage at real-time priority "
                                                                    "(chrt -f 50, as root): wall times as on "
                                                                    "an idle machine while others share it")
    args = parser.parse_args(argv)
    folder = ensure_export(args.connections, args.messages)
    export, ledger = folder / "linkedin_sample.zip", folder / "ledger_sample.xlsx"
    every = stages(export, ledger, folder)
    if args.baseline:
        base, tag = args.baseline.resolve(), " @ baseline"
        every += [*summary_stages(export, base, tag),
                  *report_stages(export, ledger, folder / "baseline", base, tag),
                  *import_stages(export, base, tag)]
        (folder / "baseline").mkdir(exist_ok=True)
    chosen = [s for s in every if not args.stage or any(part in s.name for part in args.stage)]
    chosen = [realtime(s) for s in chosen] if args.realtime else chosen
    print(*machine(), sep="\n")
    print(f"- export: {export.relative_to(ROOT)} ({export.stat().st_size / 1e6:.1f} MB), "
          f"{args.connections} connections, {args.messages} messages, as of {AS_OF}\n")
    print("| stage | wall s | cpu s | peak MiB | inner s | target | note |")
    print("|---|---|---|---|---|---|---|")
    for result in measure(chosen, args.repeat):
        print(row(result), flush=True)
    print("\nCommands (run from the repository root):\n\n```sh")
    for stage in chosen:
        prefix = str(ROOT) + "/" if stage.cwd == ROOT else None  # paths stay absolute in other checkouts
        shown = ["python" if part == PY else part.replace(prefix, "") if prefix else part
                 for part in stage.command]
        where = "" if stage.cwd == ROOT else f"(cd {stage.cwd} && "
        print(f"# {stage.name}\n{where}{shlex.join(shown)}{')' if where else ''}")
    print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
