"""Benchmark the mailbox reader on a generated mbox: MB/s and peak memory (issue 15: a 2 GB mbox must
import under 500 MB).

    python benchmarks/mbox_stream.py                 # 2 GB in /tmp, deleted afterwards
    python benchmarks/mbox_stream.py --mb 500        # when /tmp has less than 6 GB free
    python benchmarks/mbox_stream.py --zip stored    # the Takeout stages with a stored (not deflated) zip

The mailbox is written to a temporary directory (a Gmail-Takeout-like mix: personal threads, replies,
mailing lists, no-reply senders, encoded names, bodies of 2-12 KB) and deleted at the end. Each stage
runs in a fresh subprocess; wall time is measured around it, peak memory is that child's max RSS
(os.wait4). Stages: the reader alone (`read_mbox` from the path), `python -m analytics summary
FILE.mbox --me ... --json` (reader, who-counts, analysis) and the Import page's path import (the same
`load_files` with the mailbox's path, `Store.import_network` into a new workspace, then the analysis the
page computes before it shows the result). Then the mailbox is zipped as a Google Takeout holds it
(`Takeout/Mail/All mail Including Spam and Trash.mbox`, deflated or stored) and streamed out of the zip:
the reader alone, `summary takeout.zip --me ...` and the Import page's path import of the zip. MiB/s
counts the mailbox's unpacked MiB.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ME = "me@consultant.example"
READER = """
import sys
from pathlib import Path
from analytics.ingest.mbox import read_mbox
rows = read_mbox("box.mbox", Path(sys.argv[1]), frozenset({sys.argv[2]}))
print("kept", rows.report.rows, "interactions", len(rows.interactions), "skipped", rows.report.skipped)
"""

ZIPPED = """
import sys
from pathlib import Path
from analytics.ingest.archive import zip_contents
from analytics.ingest.mbox import read_mbox
[(name, member)] = zip_contents("takeout.zip", Path(sys.argv[1])).sources
rows = read_mbox(name, member, frozenset({sys.argv[2]}))
print("kept", rows.report.rows, "interactions", len(rows.interactions), "skipped", rows.report.skipped)
"""
MEMBER = "Takeout/Mail/All mail Including Spam and Trash.mbox"

IMPORT = """
import sys, tempfile
from pathlib import Path
import pandas as pd
from analytics.analysis import analyse
from analytics.ingest import load_files
from analytics.store import Store
when = pd.Timestamp("2024-02-01", tz="UTC")
net = load_files([(Path(sys.argv[1]).name, Path(sys.argv[1]))], me=(sys.argv[2],), as_of=when)
with tempfile.TemporaryDirectory() as folder:
    store = Store(Path(folder) / "w.sqlite")
    counts = store.import_network(net)
    del net
    result = analyse(store.load(), when)
    print("imported", counts, "contacts", len(result.scores))
"""


def write_mbox(path: Path, size: int, seed: int = 7) -> int:
    """Write about `size` bytes of mailbox to `path`; returns the number of messages."""
    rng = random.Random(seed)
    people = [(f"Person {i}", f"p{i}@firm{i % 300}.example") for i in range(3_000)]
    encoded = "=?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?="
    paragraph = ("Thanks for the call yesterday, here are the notes we agreed on and the next steps. " * 2
                 + "\n") * 4
    n = written = 0
    with path.open("wb", buffering=1 << 20) as f:
        while written < size:
            name, addr = people[rng.randrange(len(people))]
            if rng.random() < 0.05:
                name = encoded
            day = 1 + n % 28
            head = [f"From {1_700_000_000_000 + n}@xxx Mon Jan {day:2d} 09:00:00 2024",
                    f"X-GM-THRID: {1_700_000_000_000 + n // 3}", "X-Gmail-Labels: Inbox,Important",
                    f"Message-ID: <{n}@mail.example>", f"Date: Mon, {day} Jan 2024 09:{n % 60:02d}:00 +0100",
                    "Subject: Re: our project", "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=UTF-8"]
            kind = rng.random()
            if kind < 0.45:
                head += [f"From: Me <{ME}>", f'To: "{name}" <{addr}>', f"Cc: {people[n % 3000][1]}"]
            elif kind < 0.85:
                head += [f'From: "{name}" <{addr}>', f"To: {ME}", f"In-Reply-To: <{n - 1}@mail.example>"]
            elif kind < 0.95:
                head += ["From: Newsletter <news@list.example>", f"To: {ME}", "List-Id: <news.list.example>",
                         "List-Unsubscribe: <mailto:unsubscribe@list.example>"]
            else:
                head += ["From: no-reply@service.example", f"To: {ME}"]
            body = paragraph * rng.randint(3, 18) + "From the desk of a sender: a body line, no separator\n"
            chunk = ("\n".join(head) + "\n\n" + body + "\n").encode()
            f.write(chunk)
            written += len(chunk)
            n += 1
    return n


def measure(args: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS in KiB, stdout) of `python args...` in a fresh child."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {args}")
    return seconds, usage.ru_maxrss, text


def write_takeout(mbox: Path, path: Path, method: int) -> float:
    """Zip `mbox` into `path` as a Takeout holds it (beside a Drive file it never reads); seconds taken."""
    start = time.perf_counter()
    with zipfile.ZipFile(path, "w", method, compresslevel=6 if method == zipfile.ZIP_DEFLATED else None) as z:
        z.write(mbox, MEMBER)
        z.writestr("Takeout/Drive/notes.txt", "not read")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=2048, help="mailbox size in MiB (default 2048)")
    parser.add_argument("--zip", choices=["deflated", "stored"], default="deflated",
                        help="how the Takeout stages' zip holds the mailbox (default deflated)")
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mbox-bench-"))
    try:
        path = tmp / "box.mbox"
        start = time.perf_counter()
        messages = write_mbox(path, opts.mb << 20)
        size = path.stat().st_size
        took = time.perf_counter() - start
        print(f"generated {size / 2**20:,.0f} MiB, {messages:,} messages in {took:.0f} s")
        print("| stage | wall s | MiB/s | peak RSS MiB |\n|---|---|---|---|")
        for name, args in (("read_mbox (reader alone)", ["-c", READER, str(path), ME]),
                           ("summary FILE.mbox --me (reader, who counts, analysis)",
                            ["-m", "analytics", "summary", str(path), "--me", ME, "--as-of", "2024-02-01",
                             "--json"]),
                           ("import into a workspace from the path (the Import page's mailbox field)",
                            ["-c", IMPORT, str(path), ME])):
            seconds, peak, _ = measure(args)
            print(f"| {name} | {seconds:.1f} | {size / 2**20 / seconds:,.0f} | {peak / 1024:,.0f} |")
        takeout = tmp / "takeout.zip"
        method = zipfile.ZIP_DEFLATED if opts.zip == "deflated" else zipfile.ZIP_STORED
        took = write_takeout(path, takeout, method)
        path.unlink()  # the zip alone from here: /tmp holds one copy at a time
        packed = takeout.stat().st_size
        print(f"zipped ({opts.zip}) to {packed / 2**20:,.1f} MiB ({size / packed:,.1f}:1) in {took:.0f} s")
        for name, args in ((f"read_mbox streamed from a {opts.zip} Takeout zip (reader alone)",
                            ["-c", ZIPPED, str(takeout), ME]),
                           (f"summary takeout.zip --me ({opts.zip}: reader, who counts, analysis)",
                            ["-m", "analytics", "summary", str(takeout), "--me", ME, "--as-of", "2024-02-01",
                             "--json"]),
                           (f"import into a workspace from the {opts.zip} zip's path (the page's field)",
                            ["-c", IMPORT, str(takeout), ME])):
            seconds, peak, _ = measure(args)
            print(f"| {name} | {seconds:.1f} | {size / 2**20 / seconds:,.0f} | {peak / 1024:,.0f} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
