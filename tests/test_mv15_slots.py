"""A walk at 0 that can make no generator starts in a ring without slots (series/mv_slots.py, session 15).

Each case's coefficients must be the derivative engine's very objects (==, srepr, args), and the same
with the first ring at its former slots (engine._FIRST_SLOTS, mv_slots off); a wrong guess (a parameter,
an irrational constant the survey lets through) must only walk again in a bigger ring.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from same_object import agrees_with_route_off
from taylorcli.series import engine, mv_slots
from taylorcli.series.engine import survey

x, y, z, u, a = (sp.Symbol(name) for name in "xyzua")
ZERO = sp.Integer(0)

CASES = [
    (sp.atan(x + y) + sp.log(1 + z**2), [x, y, z], 2),
    (sp.log(1 + (3 * y + 3 * z + u - x) ** 2), [x, y, z, u], 2),
    (sp.exp(x * y) * sp.sin(x + z), [x, y, z], 8),
    (sp.log(1 + (x - z) ** 2) * sp.cosh(y**2), [x, y, z], 6),
    (sp.sin(sp.atan(x**2)) * sp.cos(y), [x, y], 4),
    (sp.tan(x - y) / (1 + sp.sinh(x * y)), [x, y], 5),
    (sp.asin(x + y) * sp.atanh(x - y) + sp.asinh(x * y), [x, y], 5),
    (sp.exp(sp.sin(x + y)) * (1 + x) ** 3, [x, y], 4),
    (sp.log(1 + x + y) ** 2 * sp.tanh(y), [x, y], 3),
    (1 / (1 + sp.exp(x) * sp.cos(y)), [x, y], 3),
    # guesses that need a slot after all (the walk goes on in a ring with slots)
    (sp.exp(x + y) * a, [x, y, z], 2),  # a parameter beside an unused variable
    (sp.cos(sp.cos(x * y)), [x, y], 3),  # cos(1)
    (sp.log(1 + x * y) * sp.exp(sp.exp(x + y)), [x, y], 3),  # exp(1)
]


def _agree(expr: sp.Expr, variables: list, order: int) -> None:
    case = (expr, variables, {v: ZERO for v in variables}, order, "total")
    agrees_with_route_off(case, mv_slots, "exact_at_zero", lambda surveyed, point: False)


@pytest.mark.parametrize("expr, variables, order", CASES)
def test_slot_free_walks_are_the_derivative_engines(expr: sp.Expr, variables: list, order: int) -> None:
    _agree(expr, variables, order)


def test_the_guess() -> None:
    point = {x: ZERO, y: ZERO, z: ZERO}
    yes = [sp.exp(x * y) * sp.log(1 + (x - y) ** 2), sp.atan(x + y) + sp.log(1 + z**2),
           x * y + z**2, sp.cos(3 * x + 2 * y * z), sp.sin(sp.sinh(x**2))]
    no = [sp.cosh(y + 1) * sp.sin(x), sp.erf(x + y), sp.log(2 + x), sp.sqrt(1 + x**2), sp.pi * x, sp.log(x + y),
          sp.cos(sp.cos(x)), sp.exp(x + y + z + a)]  # (a parameter beside unused variables: a yes, CASES)
    for expr in yes:
        assert mv_slots.exact_at_zero(survey(expr), point), expr
    for expr in no:
        assert not mv_slots.exact_at_zero(survey(expr), point), expr
    assert not mv_slots.exact_at_zero(survey(sp.sin(x + y)), {x: ZERO, y: sp.Integer(1), z: ZERO})


FACTORS = (
    sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tan, sp.tanh,
    lambda w: sp.log(1 + w**2), lambda w: 1 / (1 + w**2),
)


def _argument(rng: random.Random, names: list) -> sp.Expr:
    used = rng.sample(names, rng.randint(1, len(names)))
    if rng.random() < 0.5:
        return sp.Mul(*used)
    return sp.Add(*[rng.choice((1, -1, 2, 3)) * v for v in used], rng.choice((0, 0, 0, 1)))


def test_random_sums_and_products_of_two_functions() -> None:
    """F(L1) +/* G(L2), F(G(L)) * M at 0: the sweep's shapes, 2-5 variables, orders 1-5."""
    rng = random.Random(1515)
    names_all = [x, y, z, u, a]
    for _ in range(50):
        names = names_all[:rng.randint(2, 5)]
        f, g = rng.choice(FACTORS), rng.choice(FACTORS)
        shape = rng.random()
        if shape < 0.25:
            expr = f(g(_argument(rng, names))) * sp.Mul(*rng.sample(names, rng.randint(1, 2)))
        elif shape < 0.6:
            expr = f(_argument(rng, names)) + g(_argument(rng, names))
        else:
            expr = f(_argument(rng, names)) * g(_argument(rng, names))
        _agree(expr, names, rng.randint(1, 5))
