"""One-variable expansions beside Maxima's ``taylor``, per function and order (issue 9).

    python benchmarks/expansion_onevar.py                    # every function, orders 2..40
    python benchmarks/expansion_onevar.py --orders 4,8 --only "exp(sin(x))"

Ours is ``taylorcli.expand(f, "x", at, k).polynomial`` from the already-parsed
expression (as Maxima's loop has it), best of ``--repeat`` runs, each after
SymPy's cache is cleared (``expansion_maxima.ours``). Maxima times every case in
ONE process (its start-up charged once, not per case), each call looped for
about ``--seconds`` (best of five loops). A ratio above 1 means ours is faster; Maxima absent: its
columns are skipped.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from expansion_maxima import ours  # noqa: E402

from taylorcli.parse import parse_expression  # noqa: E402

# (expression in our syntax, point or None for 0): families of issue 9 in one variable.
FUNCTIONS = [
    ("exp(sin(x))", None), ("exp(1-exp(x))", None), ("sin(x)", None), ("cos(x)*exp(x)", None),
    ("log(1+x)", None), ("sqrt(1+x)", None), ("1/(1+x**2)", None), ("atan(x)", None), ("tan(x)", None),
    ("sinh(x)/x", None), ("exp(x)/(1-x)", None), ("erf(x)", None), ("log(x)", "1"), ("sqrt(x)", "4"),
    ("1/(1+x**2)", "1/2"), ("exp(x-1)*log(x)", "1"), ("atan(x)", "1"),
]
ORDERS = (2, 4, 8, 12, 20, 40)


def maxima_all(cases: list[tuple[str, str | None, int]], seconds: float) -> list[float | None]:
    """Seconds per call of Maxima's taylor for each (expr, at, k), all in one Maxima process."""
    if shutil.which("maxima") is None:
        return [None] * len(cases)
    lines = ["taylor(exp(x), x, 0, 1)$"]
    # The best of five loops of seconds/5 each (ours is a best of --repeat runs too): a loop that
    # another process on the machine slowed down does not count.
    for i, (expr, at, k) in enumerate(cases):
        call = f"taylor({expr.replace('**', '^')}, x, {at or 0}, {k})"
        lines.append(f"{call}$ best: 1.0e9$ for r: 1 thru 5 do (t0: elapsed_real_time(), n: 0, "
                     f"while n < 3 or elapsed_real_time() - t0 < {seconds / 5} do ({call}, n: n + 1), "
                     f"best: min(best, float((elapsed_real_time() - t0) / n)))$ "
                     f"print(\"CASE\", {i}, best)$")
    out = subprocess.run(["maxima", "--very-quiet", "--batch-string=" + " ".join(lines)], capture_output=True,
                         text=True, timeout=1800).stdout
    found: dict[int, float] = {int(i): float(s) for i, s in re.findall(r"CASE\s+(\d+)\s+([0-9.eE+-]+)", out)}
    return [found.get(i) for i in range(len(cases))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", default=",".join(map(str, ORDERS)), help="comma-separated orders")
    parser.add_argument("--only", default=None, help="one expression of the list (or any, at 0)")
    parser.add_argument("--at", default=None, help="with --only: the point")
    parser.add_argument("--repeat", type=int, default=20, metavar="N", help="best of N for ours (default 20)")
    parser.add_argument("--seconds", type=float, default=0.2, metavar="S",
                        help="Maxima: loop each call for about S seconds (default 0.2)")
    args = parser.parse_args()
    orders = [int(k) for k in args.orders.split(",")]
    functions = [(args.only, args.at)] if args.only else FUNCTIONS
    cases = [(f, at, k) for f, at in functions for k in orders]
    theirs = maxima_all(cases, args.seconds)
    if theirs[0] is None:
        print("maxima is not on PATH: its column is skipped (apt-get install maxima)")
    print(f"{'function':18s} {'at':>4s} {'k':>3s} {'Maxima us':>10s} {'ours us':>10s} {'speed':>7s}")
    worst = float("inf")
    for (f, at, k), peer in zip(cases, theirs):
        mine = ours(parse_expression(f), "x", at, k, args.repeat)
        ratio = peer / mine if peer else None
        if ratio is not None:
            worst = min(worst, ratio)
        print(f"{f:18s} {at or '0':>4s} {k:3d} {peer * 1e6 if peer else float('nan'):10.1f} {mine * 1e6:10.1f} "
              f"{ratio if ratio is not None else float('nan'):7.2f}", flush=True)
    if worst != float("inf"):
        print(f"lowest speed ratio: {worst:.2f}x Maxima")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
