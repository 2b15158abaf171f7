"""Benchmark cases 18-20: start-up of fresh processes and --batch against separate invocations."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, when imported from elsewhere

from common import Check, Row, Timing  # noqa: E402

import taylorcli  # noqa: E402


def _compile_bytecode() -> None:
    """Write taylorcli's .pyc files, as pip does on a regular install.

    An editable checkout has none, and with PYTHONDONTWRITEBYTECODE set every
    cold process would recompile our modules (~70 ms) while SymPy's are cached.
    """
    import compileall

    compileall.compile_dir(str(Path(taylorcli.__file__).parent), quiet=1)


def _process_seconds(args: list[str], repeat: int, stdin: str | None = None) -> float:
    import subprocess

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, input=stdin, text=True, check=False, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def case_fast_start(repeat: int) -> Row:
    """`taylor --version` in a fresh process against its 0.2 s budget (no SymPy, no NumPy)."""
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "--version"], repeat)
    row = Row("18 cold taylor --version vs a 0.2 s budget", Timing(0.2, repeat, None), Timing(ours, repeat, None),
              Check(True, "budget, not a measurement, on the baseline side"), target=1.0)
    row.notes.append(f"taylor --help: {_process_seconds([sys.executable, '-m', 'taylorcli', '--help'], repeat):.3f} s")
    return row


def case_cold_command(repeat: int) -> Row:
    """A cold `taylor hessian` against 1.3 x `python -c "import sympy"` plus the work itself."""
    import subprocess

    sympy_import = _process_seconds([sys.executable, "-c", "import sympy"], repeat)
    probe = ("import time, taylorcli.commands as c, taylorcli.cli as t\n"
             "from click.testing import CliRunner\n"
             "s = time.perf_counter(); CliRunner().invoke(t.cli, ['hessian', 'x1**2*x2 + x1*x2**3'])\n"
             "print(time.perf_counter() - s)")
    work = min(float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout)
               for _ in range(repeat))
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "hessian", "x1**2*x2 + x1*x2**3"], repeat)
    budget = 1.3 * sympy_import + work
    row = Row("19 cold taylor hessian vs 1.3 x import sympy + work", Timing(budget, repeat, None),
              Timing(ours, repeat, None), Check(True, "the baseline is the budget"), target=1.0)
    row.notes.append(f"import sympy {sympy_import:.3f} s, work in-process {work:.3f} s")
    return row


def case_batch(repeat: int, count: int = 1000, sample: int = 20) -> Row:
    """1,000 Hessians in one --batch run against 1,000 separate invocations (timed on 20, scaled)."""
    # A mix of polynomial, exponential and trigonometric Hessians, all distinct.
    shapes = ["x**{a}*y**{b} + z**{c}", "exp({a}*x*y) + x**{b}*z", "sin({a}*x + y) + {b}*x*y*z**{c}",
              "log(1 + x**2 + {a}*y**2) + z**{b}"]
    lines = [shapes[k % 4].format(a=k % 7 + 2, b=k % 5 + 1, c=k % 3 + 2) for k in range(count)]
    separate = sum(_process_seconds([sys.executable, "-m", "taylorcli", "hessian", text, "-f", "json"], 1)
                   for text in lines[:sample]) / sample * count
    ours = _process_seconds([sys.executable, "-m", "taylorcli", "hessian", "-", "--batch"], 1, "\n".join(lines))
    row = Row(f"20 batch of {count} hessians vs {count} invocations", Timing(separate, 1, None),
              Timing(ours, 1, None), Check(True, f"separate invocations: {sample} timed, scaled to {count}"),
              target=20.0)
    return row
