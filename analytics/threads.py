"""Independent steps of the analysis run at the same time: most of their work is in numpy, pandas and
Arrow kernels that release the GIL, so on two cores two steps overlap. Results are the same as one
after the other (each step only reads its inputs).

Example:
    >>> from functools import partial
    >>> concurrently({"a": partial(sum, [1, 2]), "b": partial(max, 3, 4)})
    {'a': 3, 'b': 4}
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

#: Threads the steps run on: the machines this runs on have two cores or more, and each thread adds
#: its step's temporary tables to the peak memory. NETWORK_LEDGER_THREADS=1 runs them one after the
#: other (the benchmarks compare both).
THREADS = int(os.environ.get("NETWORK_LEDGER_THREADS", "2"))


def concurrently(calls: dict[str, Callable[[], Any]], threads: int = THREADS) -> dict[str, Any]:
    """Each call's result by its name, the calls run on `threads` threads in the order given (longest
    first pays off), each in a copy of the caller's context (its language and currency). The first
    exception raised, in the order given, is raised again.

    >>> concurrently({"one": lambda: 1})
    {'one': 1}
    """
    with ThreadPoolExecutor(max_workers=threads) as pool:
        jobs = {name: pool.submit(contextvars.copy_context().run, call) for name, call in calls.items()}
        return {name: job.result() for name, job in jobs.items()}
