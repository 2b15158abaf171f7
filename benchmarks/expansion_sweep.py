"""Expansion speed beside Maxima on cases nobody tuned for (issue 9's "other cases of the same families").

    python benchmarks/expansion_sweep.py                 # 40 generated cases, seed 9
    python benchmarks/expansion_sweep.py --seed 3 --count 60 --seconds 0.3
    python benchmarks/expansion_sweep.py --seed 41 --rounds 3   # steadier: see below

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

On a shared machine one busy minute can slow either side 2x. ``--rounds R`` runs
the whole sweep R times, case after case in each round (so a busy minute falls
on different cases each time), and the summary takes for each case our best
time over all rounds and the median of Maxima's R loops.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from expansion_maxima import maxima, ours  # noqa: E402

from taylorcli.parse import parse_expression  # noqa: E402

MAXIMA_TIMEOUT = 60.0  # seconds: beyond it Maxima's time counts as this (a lower bound of its time)
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
    return (f"{label}: min {min(ratios):.2f}  median {statistics.median(ratios):.2f}  "
            f"geometric mean {_geometric_mean(ratios):.2f}  max {max(ratios):.2f}  "
            f"below 1: {sum(r < 1 for r in ratios)} of {len(ratios)}")


def measure(seed: int, count: int, repeat: int, seconds: float, echo: bool = True) -> list[tuple]:
    """(Maxima s or None, ours from text s, ours parsed s, number, label) per case; printed as it goes."""
    have_maxima = shutil.which("maxima") is not None
    if echo:
        if not have_maxima:
            print("maxima is not on PATH: its column is skipped (apt-get install maxima)")
        print(f"{'#':>3s} {'k':>3s} {'Maxima ms':>10s} {'ours ms':>9s} {'speed':>6s} {'parsed ms':>9s} "
              f"{'speed':>6s}  case")
    out = []
    for number, (expr, variables, at, k) in enumerate(cases(seed, count), start=1):
        # Ours has the same limit: a case neither finishes counts 60 s on both sides (ratio 1).
        mine = min(ours(expr, variables, at, k, repeat, limit=MAXIMA_TIMEOUT), MAXIMA_TIMEOUT)
        parsed = min(ours(parse_expression(expr), variables, at, k, repeat, limit=MAXIMA_TIMEOUT), MAXIMA_TIMEOUT)
        theirs = maxima(expr, variables, at, k, seconds, timeout=MAXIMA_TIMEOUT) if have_maxima else None
        timed_out = theirs == float("inf")
        if timed_out:
            theirs = MAXIMA_TIMEOUT
        label = f"{expr}  [{variables}] {f'at ({at})' if at else 'at 0'}" + (
            f"  (Maxima stopped after {MAXIMA_TIMEOUT:.0f} s: its time is at least that)" if timed_out else "") + (
            f"  (ours stopped after {MAXIMA_TIMEOUT:.0f} s: our speed is at most this)"
            if MAXIMA_TIMEOUT in (mine, parsed) else "")
        out.append((theirs, mine, parsed, number, label))
        if echo:
            peer = (f"{theirs * 1e3:10.3f} {mine * 1e3:9.3f} {theirs / mine:6.2f} {parsed * 1e3:9.3f} "
                    f"{theirs / parsed:6.2f}" if theirs else
                    f"{'-':>10s} {mine * 1e3:9.3f} {'-':>6s} {parsed * 1e3:9.3f} {'-':>6s}")
            print(f"{number:3d} {k:3d} {peer}  {label}", flush=True)
    return out


def combine(rounds: list[list[tuple]]) -> list[tuple]:
    """One row per case from several rounds of ``measure``: our best times, Maxima's median."""
    out = []
    for rows in zip(*rounds):
        theirs = [r[0] for r in rows]
        peer = None if None in theirs else statistics.median(theirs)
        out.append((peer, min(r[1] for r in rows), min(r[2] for r in rows), rows[0][3], rows[0][4]))
    return out


def _geometric_mean(values: list[float]) -> float:
    return math.exp(statistics.fmean(math.log(v) for v in values))


def peer_row(number: int, repeat: int, count: int = 20, seed: int = 9, seconds: float = 0.3):
    """The sweep as one row of ``run.py``: geometric means of Maxima's and our times (from the text), target 1x.

    The ratio of geometric means is the geometric mean of the per-case ratios, so no
    one slow case decides it; the notes give the same from the parsed object and the worst case.
    """
    from common import Check, Row, Timing

    if shutil.which("maxima") is None:
        return None
    found = [r for r in measure(seed, count, repeat, seconds, echo=False) if r[0]]
    theirs = _geometric_mean([r[0] for r in found])
    row = Row(f"{number} expand: {len(found)} untuned cases (sweep, seed {seed}) vs Maxima", Timing(theirs, 1, None),
              Timing(_geometric_mean([r[1] for r in found]), repeat, None),
              Check(True, "Maxima's result is another system's form: timed, not compared"), target=1.0)
    parsed = theirs / _geometric_mean([r[2] for r in found])
    worst = min(found, key=lambda r: r[0] / r[2])
    row.notes.append(f"from the parsed expression: geometric-mean speed {parsed:.2f}x; worst "
                     f"{worst[0] / worst[2]:.2f}x, {worst[4]}")
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N for ours (default 3)")
    parser.add_argument("--seconds", type=float, default=0.5, metavar="S", help="Maxima's loop per case")
    parser.add_argument("--rounds", type=int, default=1, metavar="R",
                        help="measure the sweep R times; ours best, Maxima's median per case (default 1)")
    args = parser.parse_args()
    rounds = []
    for number in range(args.rounds):
        if args.rounds > 1:
            print(f"round {number + 1} of {args.rounds}")
        rounds.append(measure(args.seed, args.count, args.repeat, args.seconds))
    found = [r for r in combine(rounds) if r[0]]
    print()
    if args.rounds > 1:
        print(f"per case: ours the best of {args.rounds} rounds x {args.repeat} runs, Maxima the median of "
              f"{args.rounds} loops")
        for theirs, mine, parsed, number, label in found:
            print(f"{number:3d} {theirs * 1e3:10.3f} {mine * 1e3:9.3f} {theirs / mine:6.2f} {parsed * 1e3:9.3f} "
                  f"{theirs / parsed:6.2f}  {label}")
        print()
    print(_summary("speed from the text  ", [r[0] / r[1] for r in found]))
    print(_summary("speed from the parsed", [r[0] / r[2] for r in found]))
    for theirs, mine, parsed, number, label in sorted(found, key=lambda r: r[0] / r[2])[:5]:
        print(f"  worst parsed: #{number} {theirs / parsed:.2f} (from text {theirs / mine:.2f})  {label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
