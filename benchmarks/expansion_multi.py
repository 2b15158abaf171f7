"""Multivariate expansions beside Maxima's ``taylor`` (issue 9): functions, orders, points.

    python benchmarks/expansion_multi.py             # every case
    python benchmarks/expansion_multi.py --only log  # the cases whose label contains "log"

The cases were not tuned for: exp, sin, cos, log(1+...), sqrt(1+...), atan, products and
quotients, 2 to 8 variables, orders 2 to 12, at 0, at integers, at rationals such as 1/2
and at points with negative coordinates. Timing as in ``expansion_maxima.py``: ours is
``expand(parsed, vars, at, k).polynomial`` from the already-parsed expression (as Maxima's
loop has it), best of ``--repeat`` after SymPy's cache is cleared; Maxima's ``taylor`` looped
in one Maxima process. A ratio above 1 means ours is faster. Without Maxima on PATH its
column is skipped.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from expansion_maxima import maxima, ours  # noqa: E402

from taylorcli.parse import parse_expression  # noqa: E402

# (expression, variables, point or None for 0, order)
CASES = [
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 8),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1/2,1/2,1/2", 8),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,-1,2", 8),
    ("exp(x*y)*sin(x+z)", "x,y,z", None, 12),
    ("exp(x+y)*cos(x-y)", "x,y", "1,2", 12),
    ("exp(x)*sin(y)*cos(z)", "x,y,z", "1,2,3", 8),
    ("sin(x*y)+cos(y*z)", "x,y,z", "1,-1,2", 6),
    ("log(1+x+y)", "x,y", "1,2", 10),
    ("log(1+x*y)*exp(z)", "x,y,z", "1,1,1", 6),
    ("log(1+x**2+y**2)", "x,y", "1/2,1/2", 8),
    ("sqrt(1+x+y+z)", "x,y,z", "1,1,1", 8),
    ("sqrt(1+x+y+z)", "x,y,z", "1,2,3", 6),
    ("sqrt(1+x**2+y**2)", "x,y", "1,1", 8),
    ("atan(x*y+z)", "x,y,z", "1,2,3", 6),
    ("atan(x+y)", "x,y", "1/2,1/2", 10),
    ("atan(x+y)", "x,y", None, 12),
    ("sin(x)*cos(y)/(1+z**2)", "x,y,z", "1,2,3", 6),
    ("exp(x*y)/(1+x**2+y**2)", "x,y", "1,-1", 10),
    ("exp(x*y)/(2+sin(z))", "x,y,z", "1,1,1", 4),
    ("1/(1+x+y+z+w)", "x,y,z,w", "1/2,1/2,1/2,1/2", 6),
    ("exp(x+y)*sin(z+w)", "x,y,z,w", "1,2,3,4", 6),
    ("exp(a*b+c)*sin(d+e*f)", "a,b,c,d,e,f", "1,1,1,1,1,1", 6),
    ("exp(a*b+c)*sin(d+e*f)", "a,b,c,d,e,f", None, 6),
    ("cos(a+b+c+d+e+f+g+h)", "a,b,c,d,e,f,g,h", "1/2,1/2,1/2,1/2,1/2,1/2,1/2,1/2", 4),
    ("exp(a+b+c+d+e+f+g+h)*sin(a-h)", "a,b,c,d,e,f,g,h", None, 4),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 2),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 12),
]


def label(expr: str, variables: str, at: str | None, k: int) -> str:
    where = f"at ({at})" if at else "at 0"
    if len(where) > 18:
        where = where[:15] + "..)"
    return f"{expr}, k={k}, {where}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N for ours (default 5)")
    parser.add_argument("--seconds", type=float, default=0.5, metavar="S",
                        help="Maxima: loop the call for about S seconds (default 0.5)")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the cases whose label contains TEXT")
    args = parser.parse_args()
    if shutil.which("maxima") is None:
        print("maxima is not on PATH: its column is skipped (apt-get install maxima)")
    print(f"{'case':58s} {'Maxima ms':>10s} {'ours ms':>10s} {'speed':>8s}")
    worst = None
    for expr, variables, at, k in CASES:
        name = label(expr, variables, at, k)
        if args.only not in name:
            continue
        mine = ours(parse_expression(expr), variables, at, k, args.repeat)
        theirs = maxima(expr, variables, at, k, args.seconds)
        ratio = theirs / mine if theirs else None
        if ratio is not None and (worst is None or ratio < worst[0]):
            worst = (ratio, name)
        peer = f"{theirs * 1e3:10.2f}" if theirs else "   skipped"
        shown = f"{ratio:8.2f}" if ratio is not None else "       -"
        print(f"{name:58s} {peer} {mine * 1e3:10.2f} {shown}", flush=True)
    if worst:
        print(f"\nworst: {worst[1]} at {worst[0]:.2f}x Maxima's speed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
