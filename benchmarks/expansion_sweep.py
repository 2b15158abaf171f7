"""Expansion speed beside Maxima on cases nobody tuned for (issue 9's "other cases of the same families").

    python benchmarks/expansion_sweep.py                 # 40 generated cases, seed 9
    python benchmarks/expansion_sweep.py --seed 3 --count 60 --seconds 0.3

The issue's five cases are the ones the engine was profiled on. This script draws
others from the same families with a seeded generator: exp, sin, cos, atan,
sinh, cosh, erf, log(1 + u**2), sqrt(1 + u**2), 1/(1 + u**2) of sums, products
and scaled variables, nested once, summed or multiplied in pairs; one variable
at orders 2-40, two to eight variables at orders 2-8; points at 0, at integers
and at rationals. Each case is timed like ``expansion_maxima.py`` (ours from
the text and from the parsed object, best of ``--repeat`` after clearing
SymPy's cache; Maxima's ``taylor`` looped in one process). The last lines give
the smallest, median and largest ratio in each column and the worst cases.
A ratio above 1 means ours is faster. Without ``maxima`` on PATH only our
times are printed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from expansion_maxima import maxima, ours  # noqa: E402

from taylorcli.parse import parse_expression  # noqa: E402

NAMES = ["x", "y", "z", "u", "v", "w", "p", "q"]
# Analytic on the whole real line, so any real point is regular (Maxima's taylor needs that too).
UNARY = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "erf({})",
         "log(1 + ({})**2)", "sqrt(1 + ({})**2)", "1/(1 + ({})**2)"]


def _inner(rng: random.Random, names: list[str]) -> str:
    """The argument of a function over ``names``: a scaled sum, a product, or a variable plus a constant."""
    if len(names) == 1:
        a = names[0]
        return rng.choice([a, f"{rng.choice([-3, -2, 2, 3])}*{a}", f"{a} + {rng.randint(1, 3)}", f"{a}**2"])
    if rng.random() < 0.35:
        return "*".join(names)
    parts = [f"{rng.choice(['', '2*', '3*', '-'])}{name}" for name in names]
    return " + ".join(parts).replace("+ -", "- ")


def _term(rng: random.Random, names: list[str]) -> str:
    inner = _inner(rng, names)
    if rng.random() < 0.3:
        inner = rng.choice(UNARY).format(inner)
    return rng.choice(UNARY).format(inner)


def _expression(rng: random.Random, names: list[str]) -> str:
    """One term over every variable, or two terms over two groups of them joined by + or *."""
    names = names[:]
    rng.shuffle(names)
    if len(names) > 1 and rng.random() < 0.6:
        cut = rng.randint(1, len(names) - 1)
        return f"{_term(rng, names[:cut])} {rng.choice(['+', '*'])} {_term(rng, names[cut:])}"
    if len(names) == 1 and rng.random() < 0.5:
        return f"{_term(rng, names)} {rng.choice(['+', '*'])} {_term(rng, names)}"
    return _term(rng, names)


def _point(rng: random.Random, n: int) -> str | None:
    kind = rng.randrange(3)
    if kind == 0:
        return None
    if kind == 1:
        return ",".join(str(rng.choice([-2, -1, 1, 2, 3])) for _ in range(n))
    return ",".join(rng.choice(["1/2", "-1/3", "3/2", "2"]) for _ in range(n))


def cases(seed: int, count: int) -> list[tuple[str, str, str | None, int]]:
    """``count`` cases (expression, variables, point or None, order), half of them in one variable."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        n = 1 if i % 2 == 0 else rng.randint(2, 8)
        names = NAMES[:n]
        order = rng.choice([2, 3, 5, 8, 12, 20, 30, 40]) if n == 1 else rng.randint(2, 8 if n <= 4 else 5)
        out.append((_expression(rng, names), ",".join(names), _point(rng, n), order))
    return out


def _summary(label: str, ratios: list[float]) -> str:
    if not ratios:
        return f"{label}: -"
    return (f"{label}: min {min(ratios):.2f}  median {statistics.median(ratios):.2f}  max {max(ratios):.2f}  "
            f"below 1: {sum(r < 1 for r in ratios)} of {len(ratios)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N for ours (default 3)")
    parser.add_argument("--seconds", type=float, default=0.5, metavar="S", help="Maxima's loop per case")
    args = parser.parse_args()
    have_maxima = shutil.which("maxima") is not None
    if not have_maxima:
        print("maxima is not on PATH: its column is skipped (apt-get install maxima)")
    print(f"{'#':>3s} {'k':>3s} {'Maxima ms':>10s} {'ours ms':>9s} {'speed':>6s} {'parsed ms':>9s} {'speed':>6s}"
          "  case")
    text_ratios, parsed_ratios, rows = [], [], []
    for number, (expr, variables, at, k) in enumerate(cases(args.seed, args.count), start=1):
        mine = ours(expr, variables, at, k, args.repeat)
        parsed = ours(parse_expression(expr), variables, at, k, args.repeat)
        theirs = maxima(expr, variables, at, k, args.seconds) if have_maxima else None
        where = f"at ({at})" if at else "at 0"
        label = f"{expr}  [{variables}] {where}"
        if theirs:
            text_ratios.append(theirs / mine)
            parsed_ratios.append(theirs / parsed)
            rows.append((theirs / parsed, theirs / mine, number, label))
            print(f"{number:3d} {k:3d} {theirs * 1e3:10.3f} {mine * 1e3:9.3f} {theirs / mine:6.2f} "
                  f"{parsed * 1e3:9.3f} {theirs / parsed:6.2f}  {label}", flush=True)
        else:
            print(f"{number:3d} {k:3d} {'-':>10s} {mine * 1e3:9.3f} {'-':>6s} {parsed * 1e3:9.3f} {'-':>6s}  {label}",
                  flush=True)
    print()
    print(_summary("speed from the text  ", text_ratios))
    print(_summary("speed from the parsed", parsed_ratios))
    for parsed_ratio, text_ratio, number, label in sorted(rows)[:5]:
        print(f"  worst parsed: #{number} {parsed_ratio:.2f} (from text {text_ratio:.2f})  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
