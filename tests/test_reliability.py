"""Every runaway ends cleanly: issue 13's cases and their kin, through the real CLI.

Each case runs `python -m taylorcli` in a fresh measuring process (so that
``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the peak of this case alone: the
CLI, its supervised child and any workers) with a small --timeout, and asserts:
the exit status, exactly one line on stderr naming the limit, no traceback,
CPU and wall time within the budget plus a margin, peak memory under a cap.

Cases run two at a time (the machine has 2 cores); the slowest run only with
TAYLOR_SLOW=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from taylorcli.supervise import WALL_EXTRA, WALL_FACTOR

ROOT = Path(__file__).resolve().parent.parent
SLOW = os.environ.get("TAYLOR_SLOW") == "1"
MEMORY_CAP_MB = 768  # a SymPy process is ~100-180 MB, a series at its limit ~550 MB; a runaway is not
CPU_MARGIN = 2.5  # start-up (~0.5 s), the limit's whole-second rounding (<1 s) and the exit
WALL_MARGIN = 3.0  # start-up and exit on a loaded machine


def _names(prefix: str, count: int) -> str:
    return ",".join(f"{prefix}{i}" for i in range(1, count + 1))


@dataclass(frozen=True)
class Case:
    id: str
    args: tuple[str, ...]
    codes: tuple[int, ...]
    says: str = ""  # a fragment of the one stderr line ("" when the exit is 0)
    timeout: float = 2
    stdin: str | None = None
    memory_mb: int = MEMORY_CAP_MB
    slow: bool = False
    stdout_lines: int | None = None
    cpu_extra: float = 0  # CPU beyond one budget: a batch's other lines and its worker's start
    lines: int = 1  # supervised units run one after another (a batch's lines)
    extra: dict = field(default_factory=dict, hash=False, compare=False)


TOWER = "gamma(2+a+b+c+d+e+f)*sin(a*b*c*d*e*f)*cos(a+b*c+d*e*f)"
# gamma has no recurrence in the series engine: the derivative engine, over 10 s of work (with
# exp in place of gamma the series engine now does this per-variable degree in about 2 s).
HEAVY = ("--order", "4", "--degree", "each")
SLOW_LINE_BATCH = f"x**2\n{TOWER}\nsin(x)\n"
LONG_BATCH = "".join(f"x**{k}*sin(y) + {k}\n" for k in range(1, 301))
SQUARES = " + ".join(f"x{i}**2" for i in range(1, 13))

CASES = [
    # Huge exact constants: refused at parse time, in milliseconds.
    Case("digits:gradient", ("gradient", "x*((10^99+1)/10^99)^10000"), (2,), "digits"),
    Case("digits:eval", ("eval", "((10^99+1)/10^99)^10000"), (2,), "digits"),
    Case("digits:small-base", ("gradient", "x*(1001/1000)^10000"), (2,), "digits"),
    Case("digits:integer-power", ("eval", "123456789^123456"), (2,), "too large"),
    Case("digits:factorial-like", ("eval", "(10^50)!"), (1, 2), ""),
    # Exact work past the CPU budget: the time-limit line, exit 1, no traceback.
    Case("time:exp-sin-tower", ("expand", TOWER, *HEAVY), (1,), "time limit of 2 CPU seconds"),
    Case("time:exp-tower-high-order", ("expand", "exp(exp(exp(exp(x))))", "--order", "40"), (1,), "time limit"),
    Case("time:nested-derivative", ("derivative", "exp(sin(exp(cos(x*y))))", "--order", "12"), (1,), "time limit"),
    Case("time:product-of-functions",
         ("derivative", "sin(x)*cos(y)*exp(z)*log(1+u)*atan(v)*tanh(w)", "--order", "8"), (1,), "time limit"),
    Case("time:json-output", ("expand", TOWER, *HEAVY, "-f", "json"), (1,), "time limit"),
    # Sizes estimated before the work.
    Case("size:tensor-many-variables", ("derivative", "x1", "--vars", _names("x", 200), "--order", "6"),
         (2,), "--max-entries"),
    Case("size:hessian-max-entries", ("hessian", "x1", "--vars", _names("x", 1500), "--max-entries", "1000"),
         (2,), "--max-entries"),
    Case("size:order", ("derivative", "x", "--order", "50"), (2,), "too high"),
    # A million zero entries: written sparsely, at once.
    Case("sparse:million-zeros", ("derivative", "x1", "--vars", _names("x", 10), "--order", "6", "-f", "plain"),
         (0,), stdout_lines=1),
    Case("sparse:million-zeros-json", ("derivative", "x1", "--vars", _names("x", 10), "--order", "6", "-f", "json"),
         (0,)),
    # Monte Carlo in blocks: memory bounded whatever --samples is (one array would be 288 MB here).
    Case("memory:monte-carlo", ("expect", SQUARES, "--mean", ",".join("0" * 12), "--var", ",".join("1" * 12),
                                "--samples", "3000000", "--seed", "1", "-f", "json"), (0,), timeout=10, memory_mb=250),
    # Batches lose nothing: a slow line becomes its error object, serial or parallel.
    Case("batch:serial-slow-line", ("expand", "-", "--batch", *HEAVY), (1,), "1 of 3 input lines failed",
         stdin=SLOW_LINE_BATCH, stdout_lines=3, cpu_extra=1.5, lines=3),
    Case("batch:parallel-slow-line", ("expand", "-", "--batch", *HEAVY, "--jobs", "2"), (1,),
         "1 of 3 input lines failed", stdin=SLOW_LINE_BATCH, stdout_lines=3, cpu_extra=1.5),
    Case("batch:long", ("gradient", "-", "--batch", "--vars", "x,y"), (0,), stdin=LONG_BATCH, timeout=3,
         stdout_lines=300, cpu_extra=3),
    # Bad option values: exit 2 at the door.
    Case("option:timeout-nan", ("gradient", "x", "--timeout", "nan"), (2,), "--timeout"),
    Case("option:timeout-inf", ("gradient", "x", "--timeout", "inf"), (2,), "--timeout"),
    Case("option:plot-missing-folder", ("newton", "x**2 + y**2", "--x0", "1,1", "--plot", "/nonexistent/a/b.png"),
         (2,), "does not exist"),
    # The slowest: run with TAYLOR_SLOW=1.
    Case("slow:monte-carlo-10M", ("expect", SQUARES, "--mean", ",".join("0" * 12), "--var", ",".join("1" * 12),
                                  "--samples", "10000000", "--seed", "1"), (0,), timeout=20, memory_mb=300, slow=True),
    Case("slow:gd-1400-variables", ("gd", " + ".join(f"x{i}**2" for i in range(1, 1401)),
                                    "--x0", ",".join("1" * 1400), "--max-iter", "50"),
         (0, 1), "", timeout=3, memory_mb=1500, slow=True),
    Case("slow:newton-1000-variables", ("newton", " + ".join(f"x{i}**2" for i in range(1, 1001)),
                                        "--x0", ",".join("1" * 1000)),
         (0, 1), "", timeout=3, memory_mb=1500, slow=True),
]

# Runs in a fresh interpreter: its RUSAGE_CHILDREN covers this one CLI run and its descendants only.
MEASURE = r"""
import json, resource, subprocess, sys, time
args, stdin = json.loads(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None
start = time.monotonic()
done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=120)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr, "wall": wall,
                  "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}))
"""


def measure(case: Case) -> dict:
    limit = () if "--timeout" in case.args else ("--timeout", str(case.timeout))
    args = [sys.executable, "-m", "taylorcli", *case.args, *limit]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}
    env.pop("TAYLOR_FORMAT", None)
    command = [sys.executable, "-c", MEASURE, json.dumps(args)] + ([case.stdin] if case.stdin is not None else [])
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


_RUN = [case for case in CASES if SLOW or not case.slow]


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict]:
    # Two at a time: the machine has 2 cores, and every case is mostly one busy process.
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((case.id for case in _RUN), pool.map(measure, _RUN)))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=pytest.mark.skipif(
    c.slow and not SLOW, reason="slow: set TAYLOR_SLOW=1")) for c in CASES])
def test_ends_cleanly_within_its_budget(case: Case, outcomes: dict[str, dict]) -> None:
    got = outcomes[case.id]
    stderr = got["stderr"]
    assert got["code"] in case.codes, (got["code"], stderr[:500])
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr[:2000]
    if got["code"] == 0:
        assert stderr == "", stderr[:500]
    else:
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("taylor: error: "), stderr[:2000]
        assert case.says in lines[0], lines[0]
    assert got["cpu"] <= case.timeout + CPU_MARGIN + case.cpu_extra, (got["cpu"], case.timeout)
    # CPU time is the budget; wall time is bounded by the supervisor's backstop (3x + 5 s), which
    # a shared 2-core machine reaches: 2 s of CPU at 40% of a core is 5 s of wall time.
    # A serial batch waits up to each line's own backstop in turn (the wait starts when a line
    # becomes the head), so its bound is the sum of its lines' backstops: still far from a hang.
    wall = case.lines * (WALL_FACTOR * case.timeout + WALL_EXTRA) + WALL_FACTOR * case.cpu_extra + WALL_MARGIN
    assert got["wall"] <= wall, (got["wall"], case.timeout)
    assert got["maxrss_kb"] / 1024 <= case.memory_mb, (got["maxrss_kb"] // 1024, case.memory_mb)
    if case.stdout_lines is not None:
        assert len(got["stdout"].splitlines()) == case.stdout_lines, got["stdout"][:500]


def test_sparse_answers_are_right(outcomes: dict[str, dict]) -> None:
    """The million-zero tensor: one line in plain, no dense tensor but an empty entry list in JSON."""
    assert outcomes["sparse:million-zeros"]["stdout"].strip() == "all 1,000,000 entries are 0"
    data = json.loads(outcomes["sparse:million-zeros-json"]["stdout"])
    assert data["tensor"] is None and data["entries"] == [] and "1,000,000" in data["tensor_omitted"]


def test_monte_carlo_in_blocks_estimates_the_mean(outcomes: dict[str, dict]) -> None:
    # E[sum of 12 squared standard normals] = 12 (chi-squared), standard error sqrt(24/3e6) ~ 0.003.
    carlo = json.loads(outcomes["memory:monte-carlo"]["stdout"])["monte_carlo"]
    assert carlo["n"] == 3_000_000 and abs(carlo["mean"] - 12) < 0.02 and 0.002 < carlo["stderr"] < 0.004


def test_batches_keep_every_finished_line(outcomes: dict[str, dict]) -> None:
    for name in ("batch:serial-slow-line", "batch:parallel-slow-line"):
        objects = [json.loads(line) for line in outcomes[name]["stdout"].splitlines()]
        assert [o["line"] for o in objects] == [1, 2, 3]
        assert "error" not in objects[0] and "error" not in objects[2]
        assert "time limit" in objects[1]["error"] and objects[1]["exit_status"] == 1
    objects = [json.loads(line) for line in outcomes["batch:long"]["stdout"].splitlines()]
    assert [o["line"] for o in objects] == list(range(1, 301)) and not any("error" in o for o in objects)
