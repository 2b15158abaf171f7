"""A product's factors walked only as far as the product needs them (series/mv_truncate.py, session 15).

x**2*cosh(y + 1) at order 2 takes cosh(1) alone. Each case's coefficients must be the derivative
engine's very objects (==, srepr, args), and the same with the truncation off (compose.TRUNCATE);
the cases where an inverse of an irrational constant sum is made (inverse_risk reads every node's full
series) must stay on the series arithmetic where they were.
"""

from __future__ import annotations

import logging
import random

import pytest
import sympy as sp

from same_object import coefficients_or_error, same_coefficients
from taylorcli.series import compose
from taylorcli.series.compose import Walker
from taylorcli.series.tps import Ring

x, y, z, u = (sp.Symbol(name) for name in "xyzu")

CASES = [
    (sp.cosh(y + 1) * sp.sin(sp.atan(x**2)), [x, y], 2),
    (x * y * sp.exp(x + y) * sp.sin(x + 1), [x, y], 2),
    (x * y * sp.exp(x + y) * sp.sin(x + 1), [x, y], 3),
    (x**2 * sp.exp(sp.exp(y + 1)) * sp.exp(2 + x), [x, y], 3),
    (3 * x * sp.cos(y + 1) * sp.exp(x + 3), [x, y], 2),
    (x * y * z * sp.gamma(y + 1), [x, y, z], 4),
    (x**2 * sp.atan(y + 2) * sp.sqrt(3 + y**2) / (2 + sp.cos(y + 1)), [x, y], 2),
    (sp.sin(x * y) / (1 + sp.cos(y + 1) ** 2), [x, y], 4),
    (sp.sin(x * y) * sp.log(2 + sp.cos(z + 1)), [x, y, z], 3),
    (x * sp.atan(sp.exp(x * y + 1)), [x, y], 3),
    (sp.sin(x + y) * sp.erf(z + 1) * sp.cosh(u - 1), [x, y, z, u], 2),
    (sp.atan(x * y) * sp.sqrt(2 + sp.sin(z + 1)), [x, y, z], 3),
    (x * y * sp.exp(x + y), [x, y], 0),
    (x**3 * sp.log(y + 2), [x, y], 2),
]


def _case(expr: sp.Expr, variables: list, order: int, point: dict) -> tuple:
    return expr, variables, {v: point.get(v, sp.Integer(0)) for v in variables}, order, "total"


def _agree(case: tuple) -> None:
    """The derivative engine's objects, with the truncation and without it."""
    got = coefficients_or_error(case, True)
    same_coefficients(got, coefficients_or_error(case, False), case)
    compose.TRUNCATE = False
    try:
        plain = coefficients_or_error(case, True)
    finally:
        compose.TRUNCATE = True
    same_coefficients(got, plain, case)


@pytest.mark.parametrize("expr, variables, order", CASES)
@pytest.mark.parametrize("where", ["zero", "rational"])
def test_truncated_products_are_the_derivative_engines(expr: sp.Expr, variables: list, order: int, where: str) -> None:
    point = {} if where == "zero" else {y: sp.Rational(1, 2), u: sp.Integer(-1)}
    _agree(_case(expr, variables, order, point))


FACTORS = (
    lambda w: sp.exp(w), sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf,
    lambda w: sp.log(1 + w**2), lambda w: sp.sqrt(1 + w**2), lambda w: 1 / (1 + w**2),
)


def _argument(rng: random.Random, names: list) -> sp.Expr:
    used = rng.sample(names, rng.randint(1, len(names)))
    if rng.random() < 0.5:
        return sp.Mul(*used)
    return sp.Add(*[rng.choice((1, -1, 2, 3)) * v for v in used], rng.choice((0, 0, 1, -2)))


def test_random_products_of_two_functions() -> None:
    """F(L1) * G(L2), F(G(L)) * M: the sweep's shapes, orders 0-4, at 0 and at a rational point."""
    rng = random.Random(15)
    for _ in range(60):
        n = rng.randint(2, 4)
        names = [x, y, z, u][:n]
        f, g = rng.choice(FACTORS), rng.choice(FACTORS)
        if rng.random() < 0.3:
            expr = f(g(_argument(rng, names))) * sp.Mul(*rng.sample(names, rng.randint(1, 2)))
        else:
            expr = f(_argument(rng, names)) * g(_argument(rng, names))
        point = {} if rng.random() < 0.6 else {v: sp.Rational(rng.choice((1, -1, 2)), rng.choice((1, 2))) for v in names}
        _agree(_case(expr, names, rng.randint(0, 4), point))


def test_an_inverse_of_a_sum_keeps_the_arithmetic(caplog: pytest.LogCaptureFixture) -> None:
    """inverse_risk sees every node's full series: no fall back to the derivative engine for it."""
    from taylorcli import expand
    with caplog.at_level(logging.DEBUG, logger="taylorcli.expansion"):
        expand("x**2*atan(y+2)*sqrt(3+y**2)/(2+cos(y+1))", "x,y", "0,0", 2)
    assert "series arithmetic (truncated power series)" in caplog.text


def test_the_truncated_factor_takes_its_value_alone() -> None:
    w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(0)}, 2, Ring(2, 4, 2))
    assert [str(c) for c in w.series(x**2 * sp.cosh(y + 1))] == ["0", "0", "h0^2*g0"]
    assert [str(v) for v in w.values] == ["cosh(1)"]  # (not sinh(1): no part of degree 1 is needed)
