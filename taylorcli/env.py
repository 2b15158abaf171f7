"""Where the command line reads and writes, injectable for tests (as httpie does).

Light on purpose: importing it costs no SymPy or NumPy, so ``taylor --help``
starts fast.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

import click

from .errors import LimitError
from .options import MAX_STDIN_LENGTH, StdinText

PROGRESS_DELAY = 1.0  # seconds of work before the bar appears


@dataclass
class Environment:
    """Where the CLI reads and writes; tests inject their own (as httpie does)."""

    stdin: TextIO | None = None
    stdout: TextIO | None = None
    stderr: TextIO | None = None
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    apply_limits: bool = False
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))

    def __post_init__(self) -> None:
        self.stdin = self.stdin or sys.stdin
        self.stdout = self.stdout or sys.stdout
        self.stderr = self.stderr or sys.stderr
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = _isatty(self.stderr)

    @property
    def color(self) -> bool:
        return bool(self.stdout_isatty) and "NO_COLOR" not in self.env


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def environment() -> Environment:
    """The current command's environment (a default one outside a click context)."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return Environment()
    if not isinstance(ctx.obj, Environment):
        ctx.obj = Environment()
    return ctx.obj


def read_stdin(env: Environment, limit: int) -> str:
    stream = env.stdin
    raw = stream.buffer.read(limit + 1) if hasattr(stream, "buffer") else stream.read(limit + 1)
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if len(text) > limit:
        raise LimitError(f"standard input is too long (limit {limit} characters)")
    return text.strip()


def expression_text(env: Environment, text: str) -> str:
    """The expression: the argument, or standard input for ``-`` (marked for its larger budget)."""
    return StdinText(read_stdin(env, MAX_STDIN_LENGTH)) if text == "-" else text


@contextmanager
def progress(env: Environment, total: int, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (stderr) for work that lasts over a second; nothing otherwise.

    The bar appears only once a second has passed, so quick runs never flicker,
    and it is transient: it leaves nothing behind on the terminal.
    """
    if not env.stderr_isatty or total <= 0:
        yield None
        return
    started = time.monotonic()
    state: dict[str, Any] = {}

    def tick(done: int, _total: int) -> None:
        if "bar" not in state:
            if time.monotonic() - started < PROGRESS_DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            state["bar"] = Progress(console=Console(file=env.stderr), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(label, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield tick
    finally:
        if "bar" in state:
            state["bar"].stop()


def debug_notes(on: bool) -> None:
    """--debug: the library's notes (how f was compiled and checked) on stderr; else none.

    Set on every run, so that runs in one process (tests, --batch) do not inherit it.
    """
    if not on and "logging" not in sys.modules:
        return  # nothing can have turned them on
    import logging

    class _Stderr(logging.StreamHandler):
        def emit(self, record: logging.LogRecord) -> None:
            self.stream = sys.stderr  # the stream of the moment (click's runner swaps it)
            super().emit(record)

    logger = logging.getLogger("taylorcli")
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("taylor: debug: %(message)s"))
    logger.handlers = [handler] if on else []
    logger.setLevel(logging.DEBUG if on else logging.NOTSET)
    logger.propagate = not on  # no second copy through a root handler
