"""Headless CLI, a stable contract that tests and scripts rely on.

    python -m analytics summary PATH [PATH ...] [--ledger FILE] [--as-of YYYY-MM-DD] --json
    python -m analytics graph   PATH [PATH ...] [--ledger FILE] [--as-of ...] --out graph.html
    python -m analytics report  PATH [PATH ...] [--ledger FILE] [--as-of ...] [--anonymize]
                                --out FILE.html|.xlsx

Reads the given exports without touching any workspace. Bad input: exit status 2 and one line on
stderr, `error: FILE: what is wrong`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from analytics import actions, groups, ingest, ledger
from analytics.analysis import Analysis, analyse
from analytics.errors import InputError
from analytics.frames import day
from analytics.model import Network


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("summary", "print headline figures as JSON"),
                       ("graph", "write the interactive network graph as one HTML file"),
                       ("report", "write the coach report as HTML or Excel")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("paths", nargs="+", help="LinkedIn export zip, folder or CSV/XLSX files")
        sub.add_argument("--ledger", help="activity ledger workbook (or CSV)")
        sub.add_argument("--as-of", help="'today' for every time-based figure, YYYY-MM-DD")
        if name == "summary":
            sub.add_argument("--json", action="store_true", required=True, help="print JSON")
        else:
            sub.add_argument("--out", required=True, help="output file")
        if name == "report":
            sub.add_argument("--anonymize", action="store_true", help="replace names with pseudonyms")
    return parser


def _as_of(text: str | None) -> pd.Timestamp:
    if not text:
        return pd.Timestamp.now(tz="UTC").normalize()
    try:
        return pd.Timestamp(text, tz="UTC")
    except ValueError:
        raise InputError("--as-of", f"not a date: {text!r} (use YYYY-MM-DD)") from None


def load(paths: list[str], ledger_path: str | None) -> Network:
    """Read exports (and an optional ledger) into one Network, without any workspace."""
    for path in [*paths, *([ledger_path] if ledger_path else [])]:
        if not Path(path).exists():
            raise InputError(path, "no such file or folder")
    net = ingest.load_paths(paths)
    if ledger_path:
        found = ledger.read_ledger([(Path(ledger_path).name, Path(ledger_path).read_bytes())], net.contacts)
        net.groups, net.members, net.ledger = found.groups, found.members, found.ledger
        net.files.extend(found.files)
    return net


def summary(a: Analysis, net: Network) -> dict:
    """The `summary --json` object, read from one analysis of `net`.

    groups[]: verdict (a groups.VERDICTS id) and return_ratio (closed value / cost including time, None at
    no cost) besides the figures; depth: tiers, strong_ties and active_ties (the tiers' sums).
    """
    top = a.scores.head(10)
    return {
        "contacts": len(net.contacts),
        "messages": sum(f.rows for f in net.files if f.kind == "messages"),
        "files": [f.as_dict() for f in net.files],
        "as_of": a.as_of.date().isoformat(),
        "breadth": {k: a.breadth[k] for k in ("contacts", "companies", "diversity")},
        "depth": {"tiers": a.tiers, "strong_ties": a.diagnosis["strong_ties"],
                  "active_ties": a.diagnosis["active_ties"]},
        "diagnosis": a.diagnosis["quadrant"],
        "top_contacts": [{"name": str(name), "strength": round(float(s), 1), "tier": str(t)}
                         for name, s, t in zip(top["name"], top["strength"].to_numpy(), top["tier"],
                                               strict=True)],
        "groups": groups.summary_groups(a.groups),
        "give_take": {"given": int(a.balance["given"].sum()), "received": int(a.balance["received"].sum()),
                      "taking_without_giving": int(a.balance["takes_only"].sum())},
        "actions": {"keep_in_touch": a.keep_in_touch["name"].head(actions.KEEP_IN_TOUCH_SIZE).tolist(),
                    "reconnect": a.reconnect["name"].tolist(),
                    "early_pitches": [{"name": r.name, "date": day(r.date)} for r in a.pitches.itertuples()]},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        as_of = _as_of(args.as_of)
        net = load(args.paths, args.ledger)
        if args.command == "summary":
            print(json.dumps(summary(analyse(net, as_of), net), ensure_ascii=False, indent=2, default=str))
        elif args.command == "graph":
            from analytics import graph  # deferred, like report: `summary` does not pay for their imports

            scores = analyse(net, as_of).scores
            Path(args.out).write_text(graph.render_html(graph.build_graph(net, scores)), encoding="utf-8")
        else:
            from analytics import report

            Path(args.out).write_bytes(report.build(net, as_of, anonymize=args.anonymize,
                                                     fmt=Path(args.out).suffix.lstrip(".")))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {err.filename or ''}: {err.strerror}", file=sys.stderr)
        return 2
    return 0
