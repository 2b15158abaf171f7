"""log(1 + W), W 0 at 0 with one homogeneous part, in several variables (series/mv_log1p.py, session 15).

Each case's coefficients must be the derivative engine's very objects (==, srepr, args), and the same
with the shortcut off (the walk's own path: mv_forms, the recurrence).
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from same_object import agrees_with_route_off
from taylorcli.series import compose

x, y, z, u, a = (sp.Symbol(name) for name in "xyzua")
ZERO = sp.Integer(0)

CASES = [
    (sp.log(1 + (3 * y + 3 * z + u - x) ** 2), [x, y, z, u], 2),
    (sp.log(1 + (3 * y + 3 * z + u - x) ** 2), [x, y, z, u], 6),
    (sp.log(1 + (x - z) ** 2) * sp.cosh(y**2), [x, y, z], 6),
    (sp.log(1 + x * y) + sp.sin(z), [x, y, z], 5),
    (sp.log(1 + x * y * z) * sp.exp(x + y), [x, y, z], 7),
    (sp.log(1 + (x + y) ** 2) ** 2 / (1 + x**2), [x, y], 6),
    (sp.log(1 + sp.sin(x * y)), [x, y], 5),  # W's series: x*y - x**3*y**3/6: two parts (the walk's)
    (sp.log(1 + x + y**2), [x, y], 3),  # two parts
    (sp.log(1 + a * x * y), [x, y], 4),  # a parameter: a generator (the walk's)
    (sp.log(1 + (x - y) ** 2) * sp.log(1 + (x + 2 * y) ** 2), [x, y], 0),
    (sp.log(1 + (x - y) ** 2) * sp.log(1 + (x + 2 * y) ** 2), [x, y], 1),
    (sp.log(1 + (x - y) ** 2) * sp.sqrt(2 + x), [x, y], 4),
]


def _agree(expr: sp.Expr, variables: list, order: int, point: dict | None = None) -> None:
    case = (expr, variables, point or {v: ZERO for v in variables}, order, "total")
    agrees_with_route_off(case, compose, "log_one_plus", lambda walker, expr: None)


@pytest.mark.parametrize("expr, variables, order", CASES)
def test_log_one_plus_is_the_derivative_engines(expr: sp.Expr, variables: list, order: int) -> None:
    _agree(expr, variables, order)


def test_away_from_zero_it_declines() -> None:
    _agree(sp.log(1 + (x - y) ** 2), [x, y], 3, {x: sp.Integer(1), y: sp.Integer(1)})
    _agree(sp.log(1 + (x - y) ** 2) * sp.exp(x), [x, y], 3, {x: sp.Rational(1, 2), y: ZERO})


def _argument(rng: random.Random, names: list) -> sp.Expr:
    used = rng.sample(names, rng.randint(2, len(names)))
    if rng.random() < 0.4:
        return sp.Mul(*used)
    return sp.Add(*[rng.choice((1, -1, 2, 3)) * v for v in used])


def test_random_log_one_plus_squares() -> None:
    """log(1 + L**2), log(1 + M**2) beside or times another function: the sweep's shapes at 0."""
    rng = random.Random(1516)
    others = (sp.exp, sp.sin, sp.cos, sp.atan, sp.cosh, lambda w: 1 / (1 + w**2))
    for _ in range(30):
        names = [x, y, z, u][:rng.randint(2, 4)]
        expr = sp.log(1 + _argument(rng, names) ** 2)
        other = rng.choice(others)(rng.choice(names) + rng.choice((0, 0, 1)))
        expr = expr * other if rng.random() < 0.5 else expr + other
        _agree(expr, names, rng.randint(1, 6))
