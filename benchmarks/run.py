"""Benchmark taylorcli against plain SymPy, in one run, on the same inputs.

    python benchmarks/run.py              # full run (a few minutes; with Maxima on PATH, its cases too)
    python benchmarks/run.py --quick      # smaller sizes, a few seconds
    python benchmarks/run.py --repeat 5   # best of 5 for the fast side

Every case times a SymPy baseline and the taylorcli call on the same
expression, checks that both give the same result, and prints one line:
baseline seconds, taylorcli seconds, ratio (baseline / taylorcli), the target
ratio if the case has one, PASS/FAIL, and whether the results are identical.

Timing: each call runs after ``sympy.core.cache.clear_cache()`` and
``gc.collect()``, so no run profits from SymPy's cache filled by an earlier
one. The fast side is the best (minimum) of ``--repeat`` runs; a baseline
whose first run takes more than 5 s is run only once.

Exit status: 0 if every targeted case that ran meets its target and every
case gave identical results; 1 otherwise.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import symengine  # noqa: E402
import sympy as sp  # noqa: E402

import taylorcli  # noqa: E402
from common import COLUMNS, SLOW_BASELINE, TARGET_N, Row, format_row, line  # noqa: E402
from derivatives import (case_hessian_vs_jacobian, case_hessian_vs_sympy_hessian, case_parse,  # noqa: E402
                         case_third_derivative_tensor)
from expansion import case_expand_vs_naive, case_expand_vs_series  # noqa: E402
from expansion_maxima import CASES as MAXIMA_CASES, peer_row  # noqa: E402
from expansion_sweep import peer_row as sweep_row  # noqa: E402
from numeric import case_cold_start, case_compiled_derivatives, case_newton_iterations  # noqa: E402
from startup import _compile_bytecode, case_batch, case_cold_command, case_fast_start  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="n=30 for cases 1-2, skip case 3, 300-term sum for case 5 (a few seconds)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="best of N runs for the fast side and for baselines under 5 s (default 3)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    print(f"Python     {platform.python_version()} ({platform.python_implementation()}, {platform.machine()})")
    print(f"SymPy      {sp.__version__}")
    print(f"SymEngine  {symengine.__version__}")
    print(f"taylorcli  {taylorcli.__version__} ({Path(taylorcli.__file__).parent})")
    _compile_bytecode()
    print(f"mode       {'quick' if args.quick else 'full'}, best of {args.repeat} "
          f"(a baseline over {SLOW_BASELINE:g} s runs once), SymPy cache cleared before every run")
    print()

    n = 30 if args.quick else TARGET_N
    cases: list[Callable[[], Row | None]] = [
        lambda: case_hessian_vs_sympy_hessian(n, args.repeat, targeted=n == TARGET_N),
        lambda: case_hessian_vs_jacobian(2, n, args.repeat),
    ]
    if not args.quick:
        # sympy.hessian at n=200 takes over a minute: only the faster SymPy route is timed.
        cases.append(lambda: case_hessian_vs_jacobian(3, 200, args.repeat))
    terms = 300 if args.quick else 1000
    cases += [lambda: case_third_derivative_tensor(args.repeat), lambda: case_parse(args.repeat, terms)]
    # Issue 3's targets: >= 100x the naive SymPy method and sympy.series; never slower where series is fast.
    k_multi, k_sin, k_exp = (4, 8, 7) if args.quick else (8, 12, 10)
    full = not args.quick
    cases += [
        lambda: case_expand_vs_naive(6, [0, 0, 0], k_multi, args.repeat, full),
        lambda: case_expand_vs_naive(7, [1, 2, 3], k_multi, args.repeat, full),
        lambda: case_expand_vs_series(8, "exp(sin(x))", lambda x: sp.exp(sp.sin(x)), k_sin, args.repeat,
                                      100.0 if full else None),
        lambda: case_expand_vs_series(9, "exp(1-exp(x))", lambda x: sp.exp(1 - sp.exp(x)), k_exp, args.repeat,
                                      100.0 if full else None),
        lambda: case_expand_vs_series(10, "1/cos(x)", lambda x: 1 / sp.cos(x), 20, args.repeat, 1.0),
        lambda: case_expand_vs_series(11, "atan(x)", sp.atan, 20, args.repeat, 1.0),
        lambda: case_expand_vs_series(12, "log(1+x)", lambda x: sp.log(1 + x), 20, args.repeat, 1.0),
        # Issue 4: compiled derivatives, Newton's iterations, a cold process.
        lambda: case_compiled_derivatives(args.repeat),
        lambda: case_cold_start(args.repeat),
    ]
    # Issue 6: start-up and pipelines.
    cases += [lambda: case_fast_start(args.repeat), lambda: case_cold_command(args.repeat),
              lambda: case_batch(args.repeat, 1000 if full else 200)]
    for number, n in ((15, 2), (16, 10), (17, 100)):
        if full or n <= 10:
            cases.append(lambda number=number, n=n: case_newton_iterations(number, n, args.repeat))

    # Issue 9: the peer. Maxima's taylor looped in one Maxima process; skipped where it is not installed.
    if full and shutil.which("maxima"):
        for number, case in enumerate(MAXIMA_CASES, start=21):
            cases.append(lambda number=number, case=case: peer_row(number, case, args.repeat))
        cases.append(lambda: sweep_row(26, args.repeat))  # cases of the same families nobody tuned for
    elif full:
        print("maxima is not on PATH: cases 21-26 (issue 9's peer) skipped (apt-get install maxima)\n")

    header = line([name for name, _, _ in COLUMNS])
    print(header)
    print("-" * len(header))
    rows = []
    for case in cases:
        row = case()
        if row is None:
            continue
        rows.append(row)
        print(format_row(row), flush=True)
    print()
    print("* a single run (baseline slower than 5 s); other times are the best of their runs")
    print("ratio = baseline s / taylorcli s")
    for row in rows:
        runs = f"runs: baseline {row.baseline.runs}, taylorcli {row.ours.runs}"
        print(f"case {row.name.split()[0]}: {row.check.note}; {runs}"
              + "".join(f"; {note}" for note in row.notes))

    targeted = [row for row in rows if row.target is not None]
    failed = [row for row in targeted if row.status == "FAIL"]
    mismatched = [row for row in rows if not row.check.identical]
    print()
    if not targeted:
        print("no targeted case at these sizes (run without --quick)")
    else:
        print(f"targets: {len(targeted) - len(failed)} of {len(targeted)} passed")
    if mismatched:
        print(f"results differ in {len(mismatched)} case(s): "
              + ", ".join(row.name.split()[0] for row in mismatched))
    ok = not failed and not mismatched
    print("overall:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
