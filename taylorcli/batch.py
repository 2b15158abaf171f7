"""Batch mode: one expression per input line, one JSON object per output line.

Each result is written and flushed as soon as it is known (and in input
order), so a batch stopped midway keeps everything already done; a failing
line becomes an object with ``error`` and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .env import Environment
from .errors import TaylorError
from .options import MAX_LENGTH
from .supervise import WALL_EXTRA, WALL_FACTOR, limit_message

Call = Callable[[str], Any]

_call: Call | None = None  # the command, for forked workers (set before the pool starts)


LINE: int | None = None  # the input line being run in --batch mode, else None


def _outcome(item: tuple[int, str]) -> tuple[dict[str, Any], bool]:
    """(JSON object, failed?) for one input line."""
    from .render import failure, json_object

    number, text = item
    head: dict[str, Any] = {"line": number}
    if isinstance(text, _BadLine):
        return {**head, "error": f"line is not valid UTF-8 (byte {text.at + 1})", "exit_status": 2}, True
    if len(text) > MAX_LENGTH:
        return {**head, "error": f"line is too long (limit {MAX_LENGTH} characters)", "exit_status": 2}, True
    global LINE
    LINE = number  # what a command that writes files needs to name one per line (plot)
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


class _LineTimeExceeded(BaseException):
    # BaseException so that no `except Exception` inside SymPy swallows it.
    pass


_line_timeout = 0.0  # CPU seconds for one line in a worker (0: none)


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent alone answers it (exit 130)
    # and stops the workers, so they print no tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies (SIGTERM, SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl: follow it now
        os._exit(1)


def _worker_outcome(item: tuple[int, str]) -> tuple[dict[str, Any], bool]:
    """One line in a worker, under its own CPU budget (SIGXCPU at --timeout)."""
    if _line_timeout <= 0:
        return _outcome(item)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + _line_timeout) + 1
    # Only the soft limit: a lowered hard limit could never be raised for the next line.
    # Work stuck in C past it is caught by the parent's wall-clock wait (_in_order).
    before = resource.getrlimit(resource.RLIMIT_CPU)
    if before[1] != resource.RLIM_INFINITY:
        soft = min(soft, before[1])
    resource.setrlimit(resource.RLIMIT_CPU, (soft, before[1]))

    def on_xcpu(signum: int, frame: object) -> None:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        raise _LineTimeExceeded

    signal.signal(signal.SIGXCPU, on_xcpu)
    try:
        return _outcome(item)
    except _LineTimeExceeded:
        return _limit_object(item), True
    finally:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_CPU, before)


def _limit_object(item: tuple[int, str]) -> dict[str, Any]:
    number, text = item
    return {"line": number, "input": text, "error": limit_message(_line_timeout), "exit_status": 1}


def _lines(env: Environment) -> Iterator[tuple[int, str]]:
    stream = env.stdin
    source = stream.buffer if hasattr(stream, "buffer") else stream  # type: ignore[union-attr]
    for number, line in enumerate(source, 1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as error:
                # this line alone fails; its text is shown with the bad bytes replaced
                yield number, _BadLine(line.decode("utf-8", errors="replace").strip(), error.start)
                continue
        text = line.strip()
        if text:
            yield number, text


class _BadLine(str):
    """A line whose bytes are not UTF-8: it becomes its own error object."""

    def __new__(cls, text: str, at: int) -> _BadLine:
        made = super().__new__(cls, text)
        made.at = at  # type: ignore[attr-defined]
        return made


def run_batch(env: Environment, call: Call, jobs: int = 1, timeout: float = 0) -> tuple[int, int]:
    """Run ``call`` on every input line; returns (lines run, lines failed).

    Each line has ``timeout`` CPU seconds in a worker process (with ``jobs`` = 1
    too, so that one slow line does not end the batch): a line past it becomes its
    error object and the batch goes on; one stuck in C past the wall-clock wait
    (3x its budget + 5 s) too, though its worker stays busy until the C call returns.
    """
    global _call, _line_timeout
    from .render import json_text  # strict JSON: no NaN or Infinity
    _call, _line_timeout = call, timeout
    total = failed = 0
    items: Iterable[tuple[int, str]] = _lines(env)
    pool = None
    if (jobs > 1 or timeout > 0) and sys.platform != "win32":
        # fork: workers inherit the loaded SymPy and the command; output stays in input order.
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start)
        outcomes: Iterable[tuple[dict[str, Any], bool]] = _in_order(pool, items, jobs, timeout)
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


def _in_order(pool: Any, items: Iterable[tuple[int, str]], jobs: int,
              timeout: float) -> Iterator[tuple[dict[str, Any], bool]]:
    """Results in input order, each as soon as it and those before it are done.

    A worker killed by the kernel loses its task (the pool starts a new worker);
    the wall-clock wait on the oldest line then turns it into its error object.
    """
    from collections import deque

    import queue
    import threading

    lines: queue.Queue = queue.Queue(maxsize=2 * jobs)  # read ahead a little, never block a finished head

    def read() -> None:
        for item in items:
            lines.put(item)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    pending: deque = deque()
    wait = WALL_FACTOR * timeout + WALL_EXTRA if timeout > 0 else None
    more = True
    while more or pending:
        if more and len(pending) < 2 * jobs:
            try:
                item = lines.get(timeout=0.01 if pending else None)
            except queue.Empty:
                item = False
            if item is None:
                more = False
            elif item is not False:
                handle = None if isinstance(item[1], _BadLine) else pool.apply_async(_worker_outcome, (item,))
                pending.append([item, handle, time.monotonic()])
                continue
        if not pending:
            continue
        item, handle, since = pending[0]
        if handle is not None and not handle.ready():
            if wait is not None and time.monotonic() - since > wait:
                # The worker is not killed: one killed while it holds the pool's queue lock
                # (finishing this line, taking the next) deadlocks the pool, terminate() too.
                _next_head(pending)
                yield _limit_object(item), True
                continue
            if more and len(pending) < 2 * jobs:
                continue  # look for input again (that get waits 10 ms); the head is not done
            handle.wait(0.05)
            continue
        _next_head(pending)
        yield _outcome(item) if handle is None else handle.get()


def _next_head(pending: Any) -> None:
    """Drop the head; the new head's wall-clock wait starts now at the earliest.

    A line queued behind a slow one may not have started yet (always so with one
    worker): timed from its submission, it was failed the moment it became the head.
    """
    pending.popleft()
    if pending:
        pending[0][2] = max(pending[0][2], time.monotonic())

