"""Benchmark cases 6-12: Taylor expansions against the naive SymPy method and sympy.series."""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Callable
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, when imported from elsewhere

from common import SLOW_BASELINE, Check, Row, measure  # noqa: E402

from taylorcli import expand, symbol  # noqa: E402


def naive_taylor(f: sp.Expr, xs: list[sp.Symbol], point: list[int], order: int) -> sp.Expr:
    """The naive method: differentiate f afresh for every multi-index up to ``order``."""
    total = sp.Integer(0)
    for powers in itertools.product(range(order + 1), repeat=len(xs)):
        if sum(powers) > order:
            continue
        spec = [item for v, p in zip(xs, powers) if p for item in (v, p)]
        value = (sp.diff(f, *spec) if spec else f).subs(dict(zip(xs, point)))
        factorial = 1
        for p in powers:
            factorial *= math.factorial(p)
        total += value / factorial * sp.Mul(*((v - a) ** p for v, a, p in zip(xs, point, powers)))
    return total


def compare_polynomials(baseline: sp.Expr, ours: sp.Expr) -> Check:
    same = sp.expand(baseline - ours) == 0
    return Check(same, "expand(baseline - ours) == 0" if same else "polynomials differ")


def case_expand_vs_naive(number: int, point: list[int], order: int, repeat: int, targeted: bool) -> Row:
    x, y, z = (symbol(n) for n in "xyz")
    f = sp.exp(x * y) * sp.sin(x + z)
    base = measure(lambda: naive_taylor(f, [x, y, z], point, order), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: expand(f, [x, y, z], point, order).polynomial, repeat)
    at = ",".join(map(str, point))
    return Row(f"{number} expand exp(x*y)*sin(x+z) k={order} at ({at}) vs naive", base, ours,
               compare_polynomials(base.result, ours.result), target=100.0 if targeted else None)


def case_expand_vs_series(number: int, label: str, build: Callable[[sp.Symbol], sp.Expr], order: int,
                          repeat: int, target: float | None) -> Row:
    x = symbol("x")
    f = build(x)
    base = measure(lambda: sp.series(f, x, 0, order + 1).removeO(), repeat, slow=SLOW_BASELINE)
    ours = measure(lambda: expand(f, [x], [0], order).polynomial, repeat)
    return Row(f"{number} expand {label} k={order} vs sympy.series", base, ours,
               compare_polynomials(base.result, ours.result), target=target)
