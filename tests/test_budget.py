"""The time budget is kept: the run ends with one line and exit 1, never a silent kill.

Each test runs the real CLI (``main()``, limits on) in a subprocess, so the
supervising parent and its forked child are the ones a user gets.
"""

from __future__ import annotations

import json
import os
import resource
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


def _run(work: str, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float, float]:
    """(the finished process, wall seconds, CPU seconds of it and its waited-for child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", PRELUDE.replace("{WORK}", work), "hessian", "x", *args],
                          capture_output=True, text=True, timeout=timeout)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc, wall, cpu


# The limits are on CPU time, so the bounds below are too: wall-clock bounds failed on a loaded
# 2-core machine (9.6 s against 8) while the CPU used was well inside the budget.
def test_uninterruptible_c_work_ends_with_the_limit_line_not_a_silent_kill():
    proc, _, cpu = _run("pow(3, 10**9)", "--timeout", "1")
    assert proc.returncode == 1
    assert proc.stderr == LIMIT_LINE  # exactly one line
    assert proc.stdout == ""  # the half-written result is dropped
    # soft limit at most 2 CPU s (whole seconds), the kernel's kill 2 s later, plus both processes' start-up
    assert cpu < 1 + 2 + 2 + 2


def test_python_work_stops_at_the_soft_limit():
    proc, _, cpu = _run("[0 for _ in iter(int, 1)]", "--timeout", "1")
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, LIMIT_LINE, "")
    assert cpu < 1 + 1 + 2  # budget (rounded up to whole seconds) + both processes' start-up


def test_a_blocked_child_meets_the_wall_clock_backstop():
    import taylorcli.supervise as supervise

    # sleeping uses no CPU: only the wall-clock backstop (3x budget + 5 s) ends it
    proc, wall, _ = _run("time.sleep(3600)", "--timeout", "1", timeout=30)
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


# --- batch mode -------------------------------------------------------------------------------

BATCH_PRELUDE = """
import sys, time
import taylorcli.commands as commands
real = commands.run_hessian
def work(**kwargs):
    if kwargs["expr"] == "burn":
        return pow(3, 10**9)  # in C: deaf to SIGXCPU until it returns
    if kwargs["expr"] == "sleep":
        time.sleep(3600)
    return real(**kwargs)
commands.run_hessian = work
from taylorcli.cli import main
main()
"""


def _batch(*args: str, **popen: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", BATCH_PRELUDE, "hessian", "-", "--batch", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def test_batch_a_line_past_its_budget_or_not_utf8_fails_alone():
    started = time.monotonic()
    proc = _batch("--jobs", "2", "--timeout", "1")
    out, err = proc.communicate(b"x*y\nburn\nx**2\n\xff\xfex\nx*y*z\n", timeout=60)
    wall = time.monotonic() - started
    objects = [json.loads(line) for line in out.decode().splitlines()]
    assert [o["line"] for o in objects] == [1, 2, 3, 4, 5]
    assert objects[0]["hessian"] == [["0", "1"], ["1", "0"]]
    assert objects[1]["exit_status"] == 1 and "time limit of 1 CPU seconds" in objects[1]["error"]
    assert objects[2]["hessian"] == [["2"]]
    assert objects[3]["exit_status"] == 2 and "UTF-8" in objects[3]["error"]
    assert len(objects[4]["hessian"]) == 3
    assert proc.returncode == 1 and err.decode().count("\n") == 1
    assert wall < 3 * 1 + 5 + 5  # the wall-clock wait on a stuck line, plus start-up


def test_batch_a_line_stuck_without_cpu_meets_the_wall_clock_wait():
    proc = _batch("--jobs", "2", "--timeout", "1")
    out, _ = proc.communicate(b"sleep\nx*y\n", timeout=60)
    objects = [json.loads(line) for line in out.decode().splitlines()]
    assert [o["line"] for o in objects] == [1, 2]
    assert "time limit" in objects[0]["error"] and objects[1]["hessian"] == [["0", "1"], ["1", "0"]]


def test_batch_writes_each_line_as_soon_as_it_and_those_before_are_done():
    proc = _batch("--jobs", "2", "--timeout", "0")
    proc.stdin.write(b"x*y\n" + b"sleep\n")
    proc.stdin.flush()
    started = time.monotonic()
    first = proc.stdout.readline()  # line 1 is out while line 2 still runs (no chunks)
    assert json.loads(first)["line"] == 1 and time.monotonic() - started < 15
    proc.kill()
    proc.wait(timeout=10)


def test_batch_workers_die_with_the_parent():
    proc = _batch("--jobs", "2", "--timeout", "0", start_new_session=True)
    proc.stdin.write(b"sleep\nsleep\n")
    proc.stdin.flush()
    time.sleep(3)
    proc.kill()  # SIGKILL: the parent cannot clean up; the kernel ends its workers
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail("workers outlived their parent")
