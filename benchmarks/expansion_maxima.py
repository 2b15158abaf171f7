"""Expansion speed beside Maxima's ``taylor`` (issue 9), in one run.

    python benchmarks/expansion_maxima.py            # the issue's cases and both growth tables
    python benchmarks/expansion_maxima.py --cases    # the issue's cases only

Maxima (``apt-get install maxima``) is run when it is on PATH, else skipped:
CI never needs it. Maxima's ``taylor`` is looped inside one Maxima process
and timed there (``elapsed_real_time``, as many calls as fit in a second), so its start-up is not charged. Ours
is ``taylorcli.expand(f, vars, at, k).polynomial`` in this process after one
warm-up call, best of ``--repeat`` runs, each after SymPy's cache is cleared (the
garbage collector paused during the runs: see ``ours``).
A ratio above 1 means ours is faster.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sympy.core.cache import clear_cache  # noqa: E402

from taylorcli import expand  # noqa: E402
from taylorcli.parse import parse_expression  # noqa: E402
from taylorcli.series import clear_caches  # noqa: E402

# (label, expression in our syntax, variables, point or None for 0, order)
CASES = [
    ("exp(x*y)*sin(x+z), k=8, at (1,2,3)", "exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 8),
    ("exp(x*y)*sin(x+z), k=8, at 0", "exp(x*y)*sin(x+z)", "x,y,z", None, 8),
    ("exp(sin(x)), k=21", "exp(sin(x))", "x", None, 21),
    ("exp(1-exp(x)), k=10", "exp(1-exp(x))", "x", None, 10),
    ("exp(a*b+c)*sin(d+e*f), 6 vars, k=8", "exp(a*b+c)*sin(d+e*f)", "a,b,c,d,e,f", None, 8),
]


class _Stopped(BaseException):
    # BaseException: no `except Exception` inside SymPy or ours swallows it.
    pass


def _stop(signum: int, frame: object) -> None:
    raise _Stopped


def ours(expr: str | object, variables: str, at: str | None, k: int, repeat: int,
         limit: float | None = None) -> float:
    """Best time of ``expand(...).polynomial``; ``expr`` as text, or already parsed (as Maxima's loop has it).

    ``limit`` (seconds, wall clock, per call): ``inf`` when one call takes longer, as ``maxima``
    answers past its timeout (atan(log(1 + (3*x)**2)) at 3/2, order 40, ran 17 minutes and 16 GB:
    its exact coefficients are multinomials in log(85) and log(4) of degree ~40, as Maxima's are).
    """
    if limit is not None:
        previous = signal.signal(signal.SIGALRM, _stop)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return _best(expr, variables, at, k, repeat, limit)
    except _Stopped:
        return float("inf")
    finally:
        if limit is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _best(expr: str | object, variables: str, at: str | None, k: int, repeat: int, limit: float | None) -> float:
    expand(expr, variables, at, k).polynomial  # warm-up: imports, SymEngine's first calls
    best = float("inf")
    # One full collection before the runs, none during them. A collection right before each
    # run walks the whole heap and leaves the CPU caches cold: the call after it took 3-9x
    # longer (0.43 ms instead of 0.14 ms for exp(1-exp(x)), k=10), a cost Maxima's warm loop
    # never pays and no second call in a process does.
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            if limit is not None:
                signal.setitimer(signal.ITIMER_REAL, limit)  # per call, as the warm-up had it
            clear_cache()
            clear_caches()  # ours too: the SymPy values of constants kept across calls
            start = time.perf_counter()
            expand(expr, variables, at, k).polynomial
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def maxima(expr: str, variables: str, at: str | None, k: int, seconds: float,
           timeout: float = 900) -> float | None:
    """Seconds per call of Maxima's taylor, looped inside one Maxima process; None without Maxima.

    ``inf`` when Maxima takes more than ``timeout`` seconds (``atan(log(1 + x**2))`` at 2,
    order 40, ran 14 minutes and 6 GB before it was stopped).
    """
    if shutil.which("maxima") is None:
        return None
    names = variables.split(",")
    point = at.split(",") if at else ["0"] * len(names)
    body = expr.replace("**", "^")
    call = (f"taylor({body}, {names[0]}, {point[0]}, {k})" if len(names) == 1
            else f"taylor({body}, [{','.join(names)}], [{','.join(point)}], {k})")
    # As many calls as fit in `seconds` (at least 3): Maxima's clock ticks in milliseconds.
    script = (f"taylor({body}, [{','.join(names)}], [{','.join(point)}], 1)$ "
              f"t0: elapsed_real_time()$ n: 0$ "
              f"while n < 3 or elapsed_real_time() - t0 < {seconds} do ({call}, n: n + 1)$ "
              f"print(\"SECONDS\", float((elapsed_real_time() - t0) / n))$")
    # Its own session: `maxima` is a shell script, and killing it alone would leave the Lisp running.
    with subprocess.Popen(["maxima", "--very-quiet", f"--batch-string={script}"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, start_new_session=True) as process:
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return float("inf")
    match = re.search(r"SECONDS\s+([0-9.eE+-]+)", out)
    return float(match.group(1)) if match else None


def row(label: str, expr: str, variables: str, at: str | None, k: int, repeat: int, seconds: float) -> None:
    mine = ours(expr, variables, at, k, repeat)
    # Maxima's loop evaluates an expression read once: the same without our parser (SymPy's constructors).
    parsed = ours(parse_expression(expr), variables, at, k, repeat)
    theirs = maxima(expr, variables, at, k, seconds)
    ratio = f"{theirs / mine:8.2f}" if theirs else "       -"
    ratio_parsed = f"{theirs / parsed:8.2f}" if theirs else "       -"
    peer = f"{theirs * 1e3:10.2f}" if theirs else "   skipped"
    print(f"{label:42s} {peer} {mine * 1e3:10.2f} {ratio} {parsed * 1e3:10.2f} {ratio_parsed}", flush=True)


def peer_row(number: int, case: tuple, repeat: int, seconds: float = 1.0):
    """One issue-9 case as a row of ``run.py``: Maxima is the baseline, target 1x (None without Maxima)."""
    from common import Check, Row, Timing

    label, expr, variables, at, k = case
    theirs = maxima(expr, variables, at, k, seconds)
    if theirs is None:
        return None
    mine = ours(expr, variables, at, k, repeat)
    parsed = ours(parse_expression(expr), variables, at, k, repeat)
    # Ours from the text: Maxima's loop re-evaluates (simplifies) its argument on every call, as our
    # parser builds SymPy's objects; only reading the text is outside its loop. The note adds ours from
    # the parsed object.
    row = Row(f"{number} expand {label} vs Maxima taylor", Timing(theirs, 1, None), Timing(mine, repeat, None),
              Check(True, "Maxima's result is another system's form: timed, not compared"), target=1.0)
    row.notes.append(f"ours from the parsed expression {parsed * 1e3:.3f} ms ({theirs / parsed:.2f}x Maxima)")
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", action="store_true", help="only the issue's cases, not the growth tables")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N for ours (default 3)")
    parser.add_argument("--seconds", type=float, default=1.0, metavar="S",
                        help="Maxima: loop the call for about S seconds (default 1)")
    args = parser.parse_args()
    if shutil.which("maxima") is None:
        print("maxima is not on PATH: its column is skipped (apt-get install maxima)")
    header = (f"{'case':42s} {'Maxima ms':>10s} {'ours ms':>10s} {'speed':>8s} {'parsed ms':>10s} "
              f"{'speed':>8s}")
    print(header)
    for label, expr, variables, at, k in CASES:
        row(label, expr, variables, at, k, args.repeat, args.seconds)
    if args.cases:
        return 0
    print("\ngrowth with the order (one variable, exp(sin(x)) at 0):")
    print(header)
    for k in (4, 8, 12, 16, 20, 24, 32, 40):
        row(f"exp(sin(x)), k={k}", "exp(sin(x))", "x", None, k, args.repeat, args.seconds)
    print("\ngrowth with the number of variables (order 6, exp(sum)*sin(sum) at 0):")
    print(header)
    names = ["a", "b", "c", "d", "e", "f", "g", "h"]
    for n in range(1, 9):
        s = "+".join(names[:n])
        row(f"exp({s})*sin({s}), k=6", f"exp({s})*sin({s})", ",".join(names[:n]), None, 6,
            args.repeat, args.seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
