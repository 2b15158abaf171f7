"""Batch mode: one expression per input line, one JSON object per output line.

Each result is written and flushed as soon as it is known (and in input
order), so a batch stopped midway keeps everything already done; a failing
line becomes an object with ``error`` and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .env import Environment
from .errors import TaylorError
from .options import MAX_LENGTH

Call = Callable[[str], Any]

_call: Call | None = None  # the command, for forked workers (set before the pool starts)


def _outcome(item: tuple[int, str]) -> tuple[dict[str, Any], bool]:
    """(JSON object, failed?) for one input line."""
    from .render import failure, json_object

    number, text = item
    head: dict[str, Any] = {"line": number}
    if len(text) > MAX_LENGTH:
        return {**head, "error": f"line is too long (limit {MAX_LENGTH} characters)", "exit_status": 2}, True
    try:
        assert _call is not None
        result = _call(text)
    except TaylorError as error:
        return {**head, "input": text, "error": str(error), "exit_status": int(error.exit_status)}, True
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - one bad line must not stop the rest
        return {**head, "input": text, "error": f"internal error: {type(error).__name__}: {error}",
                "exit_status": 1}, True
    problem = failure(result)
    return {**head, **json_object(result)}, problem is not None


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent alone answers it (exit 130)
    # and stops the workers, so they print no tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lines(env: Environment) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(env.stdin, 1):  # type: ignore[union-attr]
        text = line.strip()
        if text:
            yield number, text


def run_batch(env: Environment, call: Call, jobs: int = 1) -> tuple[int, int]:
    """Run ``call`` on every input line; returns (lines run, lines failed)."""
    global _call
    from .render import json_text  # strict JSON: no NaN or Infinity
    _call = call
    total = failed = 0
    items: Iterable[tuple[int, str]] = _lines(env)
    pool = None
    if jobs > 1 and sys.platform != "win32":
        # fork: workers inherit the loaded SymPy and the command; output stays in input order.
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts)
        outcomes: Iterable[tuple[dict[str, Any], bool]] = pool.imap(_outcome, items, chunksize=4)
    else:
        outcomes = map(_outcome, items)
    try:
        for obj, bad in outcomes:
            env.stdout.write(json_text(obj) + "\n")  # type: ignore[union-attr]
            env.stdout.flush()  # type: ignore[union-attr]
            total += 1
            failed += bad
    finally:
        if pool is not None:
            pool.terminate()
    return total, failed
