"""`summary --json` of two checkouts, byte for byte, on the sample and every public fixture set.

    python benchmarks/compare_summary.py BASE_CHECKOUT [EXTRA_EXPORT ...]

BASE_CHECKOUT is e.g. `git archive <commit> | tar -x -C /tmp/base`. Each input runs in both checkouts
(`python -m analytics summary ... --json --as-of 2026-11-15`, fresh process); prints same/DIFFERENT per
input and exits 1 when any output differs (or one side fails where the other does not).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("/work/wt/shared/fixtures/public")


def inputs(extra: list[str]) -> list[list[str]]:
    sample = ROOT / "sample_data"
    cases = [[str(sample / "linkedin_sample.zip")],
             [str(sample / "linkedin_sample.zip"), "--ledger", str(sample / "ledger_sample.xlsx")]]
    if FIXTURES.is_dir():
        folders = sorted({p.parent for p in FIXTURES.rglob("*.csv")})
        cases += [[str(f)] for f in folders] + [[str(z)] for z in sorted(FIXTURES.rglob("*.zip"))]
    for path in map(Path, extra):  # absolute: both checkouts run from their own folder
        ledger = path.resolve().parent / "ledger_sample.xlsx"
        cases.append([str(path.resolve()), *(["--ledger", str(ledger)] if ledger.exists() else [])])
    return cases


def summary(checkout: Path, args: list[str]) -> tuple[int, bytes]:
    command = [sys.executable, "-m", "analytics", "summary", *args, "--json", "--as-of", "2026-11-15"]
    run = subprocess.run(command, cwd=checkout, capture_output=True, check=False)
    return run.returncode, run.stdout


def main() -> int:
    base, differ = Path(sys.argv[1]), 0
    for args in inputs(sys.argv[2:]):
        before, after = summary(base, args), summary(ROOT, args)
        same = before == after
        differ += not same
        print(f"{'same' if same else 'DIFFERENT'}  rc={after[0]} {len(after[1]):>8} bytes  {' '.join(args)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
