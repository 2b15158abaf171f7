"""Run one command in a forked child that the parent ends at its deadline.

Why: the CPU limit's soft signal (SIGXCPU) can only be answered between Python
bytecodes. Exact work inside C (a huge integer power in GMP, a compiled
Hessian) ignores it, and the kernel's hard limit then kills the process
without a word. Here the kernel kills the *child*; the parent, which spent no
time, sees how it died and prints the one line the user is owed.

The child writes its standard output into an anonymous file, and the parent
copies it out only once the child has ended on its own: a result cut in half
by the deadline is never shown. Imports are light (no SymPy yet), so the fork
costs about a millisecond.

>>> # parent side, in the CLI:  supervise(timeout=60)  -> returns only in the child
"""

from __future__ import annotations

import os
import resource
import signal
import sys

HARD_MARGIN = 2  # CPU seconds past the soft limit before the kernel kills the child
WALL_FACTOR, WALL_EXTRA = 3, 5  # wall-clock backstop: a child blocked (not computing) for 3x the budget + 5 s

_buffer_fd: int | None = None  # in the child: the file its stdout goes to


def in_child() -> bool:
    """True in a supervised child (its stdout is a buffer the parent copies)."""
    return _buffer_fd is not None


def discard_output() -> None:
    """In the child: forget what was written so far (the result was cut short)."""
    if _buffer_fd is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    os.ftruncate(_buffer_fd, 0)
    os.lseek(1, 0, os.SEEK_SET)


def limit_message(timeout: float) -> str:
    return f"time limit of {timeout:g} CPU seconds exceeded (raise it with --timeout)"


def supervise(timeout: float) -> None:
    """Fork; return in the child, and in the parent wait, copy the output and exit.

    The parent never returns: it exits with the child's status, or 1 with the
    time-limit line if the child was killed for its CPU time (or ran past the
    wall-clock backstop).
    """
    global _buffer_fd
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    buffer_fd = os.memfd_create("taylor-stdout") if hasattr(os, "memfd_create") else _temp_fd()
    if sys.stdout.isatty() and "COLUMNS" not in os.environ:
        # the child's stdout is a file: tell rich the terminal's width
        try:
            os.environ["COLUMNS"] = str(os.get_terminal_size(sys.stdout.fileno()).columns)
        except OSError:
            pass
    pid = os.fork()
    if pid == 0:
        _buffer_fd = buffer_fd
        os.dup2(buffer_fd, 1)
        return
    _parent(pid, buffer_fd, timeout)


def _temp_fd() -> int:
    import tempfile

    handle = tempfile.TemporaryFile()
    return os.dup(handle.fileno())


def _parent(pid: int, buffer_fd: int, timeout: float) -> None:
    # Ctrl-C reaches the child too (same process group): it prints its last iterate
    # and exits 130, which the parent then passes on. Termination ends the child.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def on_term(signum: int, frame: object) -> None:
        _kill(pid)
        os.wait4(pid, 0)  # reaped here, not left to whoever adopts it
        os._exit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), on_term)
    def on_alarm(signum: int, frame: object) -> None:
        # the wall-clock backstop (a child blocked, not computing, past every reason)
        _kill(pid)
        os.wait4(pid, 0)
        _fail(limit_message(timeout))

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, WALL_FACTOR * timeout + WALL_EXTRA)
    _, status, usage = os.wait4(pid, 0)  # blocking: no polling delay on quick commands
    signal.setitimer(signal.ITIMER_REAL, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        used = usage.ru_utime + usage.ru_stime
        if sig in (signal.SIGKILL, signal.SIGXCPU) and used >= timeout:
            _fail(limit_message(timeout))
        if sig == signal.SIGINT:
            _copy(buffer_fd)
            os._exit(130)
        if sig == signal.SIGKILL:
            _fail("the work was killed (SIGKILL), probably for lack of memory")
        _fail(f"the work was ended by signal {sig}")
    _copy(buffer_fd)
    os._exit(os.WEXITSTATUS(status))


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _copy(buffer_fd: int) -> None:
    """The child's complete output to our stdout (a closed pipe is not our failure)."""
    offset = 0
    try:
        while True:
            chunk = os.pread(buffer_fd, 1 << 16, offset)
            if not chunk:
                break
            view = memoryview(chunk)
            while view:
                view = view[os.write(1, view):]
            offset += len(chunk)
    except BrokenPipeError:
        pass


def _fail(message: str) -> None:
    os.write(2, f"taylor: error: {message}\n".encode())
    os._exit(1)


def child_limits(timeout: float) -> tuple[int, int]:
    """(soft, hard) RLIMIT_CPU for the child: the soft signal, then the kernel's kill."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(usage.ru_utime + usage.ru_stime + timeout) + 1
    return soft, soft + HARD_MARGIN
