"""The time budget is kept: the run ends with one line and exit 1, never a silent kill.

Each test runs the real CLI (``main()``, limits on) in a subprocess, so the
supervising parent and its forked child are the ones a user gets.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the supervisor forks")

LIMIT_LINE = "taylor: error: time limit of 1 CPU seconds exceeded (raise it with --timeout)\n"

# The command's work replaced by one long call into C: Python's signal handler for
# SIGXCPU cannot run until pow returns, so only the kernel's hard limit stops it.
PRELUDE = """
import sys, time
import taylorcli.commands as commands
def work(**kwargs):
    sys.stdout.write("half a result")  # must never reach the user
    sys.stdout.flush()
    return {WORK}
commands.run_hessian = work
from taylorcli.cli import main
main()
"""


def _run(work: str, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", PRELUDE.replace("{WORK}", work), "hessian", "x", *args],
                          capture_output=True, text=True, timeout=timeout)
    return proc, time.monotonic() - started


def test_uninterruptible_c_work_ends_with_the_limit_line_not_a_silent_kill():
    proc, wall = _run("pow(3, 10**9)", "--timeout", "1")
    assert proc.returncode == 1
    assert proc.stderr == LIMIT_LINE  # exactly one line
    assert proc.stdout == ""  # the half-written result is dropped
    # soft limit at most 2 CPU s (whole seconds), the kernel's kill 2 s later, plus start-up
    assert wall < 1 + 2 + 2 + 3


def test_python_work_stops_at_the_soft_limit():
    proc, wall = _run("[0 for _ in iter(int, 1)]", "--timeout", "1")
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, LIMIT_LINE, "")
    assert wall < 1 + 1 + 3


def test_a_blocked_child_meets_the_wall_clock_backstop():
    import taylorcli.supervise as supervise

    # sleeping uses no CPU: only the wall-clock backstop (3x budget + 5 s) ends it
    proc, wall = _run("time.sleep(3600)", "--timeout", "1", timeout=30)
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, LIMIT_LINE, "")
    assert wall < supervise.WALL_FACTOR * 1 + supervise.WALL_EXTRA + 3


def test_results_exit_codes_and_errors_pass_through_unchanged():
    ok = subprocess.run([sys.executable, "-m", "taylorcli", "hessian", "x*y", "--format", "json"],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stderr == ""
    assert "hessian" in json.loads(ok.stdout)
    bad = subprocess.run([sys.executable, "-m", "taylorcli", "hessian", "x*", "--format", "json"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1


def test_ctrl_c_prints_the_last_iterate_and_exits_130():
    proc = subprocess.Popen([sys.executable, "-m", "taylorcli", "gd", "(1-x)**2 + 100*(y-x**2)**2", "--x0",
                             "-1.2,1", "--lr", "0.00001", "--max-iter", "100000000", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and err == ""
    data = json.loads(out)
    assert data["message"] == "interrupted" and len(data["x"]) == 2


def test_terminating_the_parent_ends_the_child():
    proc = subprocess.Popen([sys.executable, "-c", PRELUDE.replace("{WORK}", "time.sleep(3600)"), "hessian", "x"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(1.5)
    proc.terminate()
    proc.wait(timeout=10)
    time.sleep(0.3)
    # nothing is left in the process group: the child went with its parent
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)
