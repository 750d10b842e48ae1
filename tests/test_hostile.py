"""Issue 17's hostile corpus (`tests/hostile.py`): every attack gets its expected outcome through the
app path (the functions the Import and Ledger pages call) and through the CLI, each run in a child
process under an address-space cap, with its peak memory (RSS) measured. No timed assertions."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hostile import ATTACKS, CONTACTS_CSV, DAY, Attack

PEAK_KIB = 1_500_000_000 // 1024  # 1.5 GB
ADDRESS_SPACE = 3 << 30  # a regression fails with MemoryError instead of taking the machine down


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_capped(*args: str) -> tuple[int, str, str, int]:
    """(exit status, stdout, stderr, peak RSS in KiB) of `python args...` under the address-space cap."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=err, preexec_fn=_cap)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read().decode(), err.read().decode(), usage.ru_maxrss


def strict_json(text: str) -> dict:
    """Parse JSON, refusing NaN and Infinity (not JSON)."""
    def refuse(token: str):
        raise ValueError(f"not strict JSON: {token}")
    return json.loads(text, parse_constant=refuse)


def _outcome(attack: Attack, rows: int, reasons: dict[str, int]) -> None:
    assert rows == attack.rows
    if attack.reason:
        assert attack.reason in reasons, reasons


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_app_path(attack: Attack) -> None:
    status, out, err, peak = run_capped("-m", "tests.hostile", attack.name)
    assert status == 0, err[-2000:]
    got = json.loads(out)
    assert peak < PEAK_KIB
    if attack.error:
        assert attack.error in got.get("error", ""), got
        assert "\n" not in got["error"]
    else:
        assert "error" not in got, got
        _outcome(attack, got["rows"], got["reasons"])


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_cli(attack: Attack, tmp_path: Path) -> None:
    hostile = tmp_path / attack.filename
    hostile.write_bytes(attack.build())
    if attack.path == "contacts":
        args = [str(hostile)]
    else:
        (tmp_path / "Connections.csv").write_bytes(CONTACTS_CSV)
        args = [str(tmp_path / "Connections.csv"), "--ledger", str(hostile)]
    status, out, err, peak = run_capped("-m", "analytics", "summary", *args, "--as-of", DAY, "--json")
    assert peak < PEAK_KIB
    if attack.error:
        assert (status, out) == (2, ""), err[-2000:]
        assert err.startswith("error: ") and err.count("\n") == 1 and attack.error in err, err
        return
    assert status == 0, err[-2000:]
    summary = strict_json(out)
    if attack.path == "contacts":
        rows = summary["contacts"]
        reasons = {r: n for f in summary["files"] for r, n in f["reasons"].items()}
    else:
        report = next(f for f in summary["files"] if f["kind"] in ("ledger", "bni_slips"))
        rows, reasons = report["rows"], report["reasons"]
    _outcome(attack, rows, reasons)


@pytest.mark.parametrize(("args", "message"), [
    (["--as-of", "9999-12-31"], "error: --as-of: '9999-12-31' is outside 1900-2100"),
    (["--as-of", "1000-01-01"], "error: --as-of: '1000-01-01' is outside 1900-2100"),
    (["--as-of", "31/12/2026"], "error: --as-of: not a date: '31/12/2026' (use YYYY-MM-DD)"),
])
def test_as_of_out_of_range_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "Connections.csv").write_bytes(CONTACTS_CSV)
    status, out, err, _ = run_capped("-m", "analytics", "summary", str(tmp_path / "Connections.csv"), *args,
                                     "--json")
    assert (status, out, err) == (2, "", message + "\n")


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "notes.txt").write_text("nothing to see")
    status, _, err, _ = run_capped("-m", "analytics", "summary", str(tmp_path / "export"), "--json")
    assert status == 2 and err.count("\n") == 1
    assert ("no LinkedIn export files (Connections.csv, messages.csv, ...), zips, .vcf, .ics or .mbox "
            "files in the folder") in err
