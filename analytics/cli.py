"""Headless CLI, a stable contract that tests and scripts rely on.

    python -m analytics summary PATH [PATH ...] [--ledger FILE] [--as-of YYYY-MM-DD] [--me ADDR] --json
    python -m analytics graph   PATH [PATH ...] [--ledger FILE] [--as-of ...] [--lang de] --out graph.html
    python -m analytics report  PATH [PATH ...] [--ledger FILE] [--as-of ...] [--anonymize]
                                [--lang en|de|nl|it] [--currency EUR] --out FILE.html|.xlsx

Reads the given exports (LinkedIn, contact files, .vcf, .ics, .mbox) without touching any workspace;
`--me` (repeatable) names the owner's e-mail addresses for calendars and mailboxes. `--ledger` takes an
activity-ledger workbook or CSV, or a BNI Slips Audit Report (dated by `--as-of` when it carries no
date). Bad input, or an input over a limit in `analytics.limits`: exit status 2 and one line on
stderr, `error: FILE: what is wrong` (in the `--lang` language; for `summary`, English).
`summary --json` prints strict JSON (NaN and infinity as null): machine output, in English whatever
`--lang` says. `graph` and `report` write for people in `--lang` (default English) with money in
`--currency` (an ISO 4217 code, default EUR).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from analytics import actions, groups, i18n, import_summary, ingest
from analytics.analysis import Analysis, analyse
from analytics.errors import InputError
from analytics.frames import day
from analytics.i18n import _
from analytics.ingest import bni, ledger_workbook
from analytics.limits import FIRST_YEAR, LAST_YEAR, within_years
from analytics.model import Network


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("summary", "print headline figures as JSON"),
                       ("graph", "write the interactive network graph as one HTML file"),
                       ("report", "write the coach report as HTML or Excel")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("paths", nargs="+", help="LinkedIn export zip, folder or CSV/XLSX files, address "
                                                  "books (.vcf), calendars (.ics), mailboxes (.mbox)")
        sub.add_argument("--me", action="append", default=[], metavar="ADDR",
                         help="one of your e-mail addresses (repeat for several): tells mail you sent from "
                              "mail you received, and you from your guests")
        sub.add_argument("--ledger", help="activity ledger workbook (or CSV), or a BNI Slips Audit Report")
        sub.add_argument("--as-of", help="'today' for every time-based figure, YYYY-MM-DD")
        if name == "summary":
            sub.add_argument("--json", action="store_true", required=True, help="print JSON")
        else:
            sub.add_argument("--out", required=True, help="output file")
        if name == "report":
            sub.add_argument("--anonymize", action="store_true", help="replace names with pseudonyms")
        sub.add_argument("--lang", choices=list(i18n.LANGUAGES), default=i18n.DEFAULT,
                         help="language of the file and of error messages"
                         + (" (the JSON stays English)" if name == "summary" else ""))
        sub.add_argument("--currency", default=i18n.DEFAULT_CURRENCY, metavar="CODE",
                         help="ISO 4217 code of the ledger's amounts, e.g. EUR, CHF, USD")
    return parser


def _as_of(text: str | None) -> pd.Timestamp:
    """The analysis date: today, or `text` when it is a day from FIRST_YEAR to LAST_YEAR.

    >>> _as_of("2026-03-01").isoformat()
    '2026-03-01T00:00:00+00:00'
    >>> _as_of("9999-12-31")
    Traceback (most recent call last):
    analytics.errors.InputError: --as-of: '9999-12-31' is outside 1900-2100
    """
    if not text:
        return pd.Timestamp.now(tz="UTC").normalize()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError("--as-of", _("not a date: {text} (use YYYY-MM-DD)").format(text=repr(text[:40]))
                         ) from None
    if not within_years(day):
        raise InputError("--as-of", _("{text} is outside {first}-{last}").format(
            text=repr(text), first=FIRST_YEAR, last=LAST_YEAR))
    return pd.Timestamp(day, tz="UTC")


def _ledger(path: Path, net: Network, day: pd.Timestamp | None) -> ledger_workbook.LedgerImport:
    """An activity ledger, or a BNI Slips Audit Report read as seen from the export's owner (dated
    `day` when the report carries no date of its own)."""
    data = path.read_bytes()
    if bni.is_slips_report(path.name, data):
        return bni.read_bni_slips(path.name, data, net.contacts, net.owner.name, report_date=day)
    return ledger_workbook.read_ledger([(path.name, data)], net.contacts)


def strict_json(value: object) -> object:
    """`value` with every NaN or infinite float replaced by None, so `json.dumps(allow_nan=False)` works.

    >>> strict_json({"a": [1.5, float("nan")], "b": float("inf")})
    {'a': [1.5, None], 'b': None}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: strict_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strict_json(v) for v in value]
    return value


def load(paths: list[str], ledger_path: str | None, day: pd.Timestamp | None = None,
         me: list[str] | None = None, as_of: pd.Timestamp | None = None) -> Network:
    """Read exports (and an optional ledger or BNI slips report, dated `day` if it has no date of its
    own) into one Network, without any workspace; `me` are the owner's addresses, `as_of` ends the
    calendars' recurring events (default today)."""
    for path in [*paths, *([ledger_path] if ledger_path else [])]:
        if not Path(path).exists():
            raise InputError(path, _("no such file or folder"))
    net = ingest.load_paths(paths, me=me or (), as_of=as_of)
    import_summary.check_dates(net.files, pd.Timestamp.now(tz="UTC"))
    if ledger_path:
        found = _ledger(Path(ledger_path), net, day)
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
        "actions": {"call_client": _calls(a.clients), "call_referrer": _calls(a.referrers),
                    "keep_in_touch": a.keep_in_touch["name"].head(actions.KEEP_IN_TOUCH_SIZE).tolist(),
                    "reconnect": a.reconnect["name"].tolist(),
                    "early_pitches": [{"name": r.name, "date": day(r.date)} for r in a.pitches.itertuples()]},
    }


def _calls(items: pd.DataFrame) -> list[dict]:
    """A call list as `summary --json` entries: name, why, suggested (True until the user confirms)."""
    return [{"name": str(r.name), "why": str(r.why), "suggested": bool(r.suggested)}
            for r in items.itertuples()]


def use_jemalloc() -> None:
    """Let pyarrow allocate with jemalloc where it is built with it (the Linux wheels): reading a
    million messages then costs about 1.5 s less system time than with its default mimalloc, which
    hands freed pages back at once and faults them in again, and peaks about 80 MB lower."""
    import pyarrow as pa

    with contextlib.suppress(NotImplementedError):  # a build without jemalloc keeps its default pool
        pa.set_memory_pool(pa.jemalloc_memory_pool())


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = _parser().parse_args(argv)
    use_jemalloc()
    gc.freeze()  # the imported modules' objects live to the end: no collection needs to walk them again
    with i18n.use("en" if args.command == "summary" else args.lang, i18n.valid_currency(args.currency)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The command of `args` in the language and currency in use; returns the exit status."""
    try:
        if i18n.valid_currency(args.currency) is None:
            raise InputError("--currency", _("not an ISO 4217 currency code: {code} (use e.g. EUR, CHF, USD)")
                             .format(code=repr(args.currency[:10])))
        as_of = _as_of(args.as_of)
        net = load(args.paths, args.ledger, as_of if args.as_of else None, args.me, as_of)
        if args.command == "summary":
            print(json.dumps(strict_json(summary(analyse(net, as_of), net)), ensure_ascii=False, indent=2,
                             default=str, allow_nan=False))
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
