"""erf of an argument SymEngine negates, at a point where its value is irrational (mv_values.erf_rate).

erf(-u + z + sqrt(2)) is SymEngine's -erf(u - z - sqrt(2)): the derivative engine's partials hold
exp(-(1 - sqrt(2))**2) at u = 1, z = 0, the walk took exp(-(-1 + sqrt(2))**2) (the same number,
another object). Random linear and nested arguments with irrational constants, negative scales,
rational and irrational points, orders 1-4: the derivative engine's very objects.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients, same_or_slow
from strategies import SETTINGS, max_examples

X, Y, Z = (sp.Symbol(name, real=True) for name in "xyz")
CONSTANTS = (sp.sqrt(2), -sp.sqrt(3), sp.pi / 4, sp.E - 3, sp.log(2), sp.Integer(-1), sp.Rational(1, 2))
SCALES = (1, -1, 2, -3, sp.Rational(1, 2))
POINTS = (0, 1, -1, 2, sp.Rational(1, 2), sp.Rational(-1, 3), sp.sqrt(2))
INNER = (lambda w: w, sp.exp, sp.sin, sp.atan, lambda w: -w, lambda w: w**2 - 1)


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 3))
    names = [X, Y, Z][:n]
    form = sp.Add(*[draw(st.sampled_from(SCALES)) * v for v in names], draw(st.sampled_from(CONSTANTS)))
    expr = sp.erf(draw(st.sampled_from(INNER))(form))
    if draw(st.booleans()):
        expr = draw(st.sampled_from((-1, 2, sp.cos(X), X + 1))) * expr
    point = {v: sp.sympify(draw(st.sampled_from(POINTS))) for v in names}
    return expr, names, point, draw(st.integers(1, 4 if n == 1 else 3))


@settings(max_examples=max_examples(60), **SETTINGS)
@given(cases())
def test_erf_of_a_negated_argument_is_the_derivative_engines(case: tuple) -> None:
    expr, names, point, order = case
    same_or_slow((expr, names, point, order, "total"))


@pytest.mark.parametrize("expr, point", [
    (sp.erf(-Y + Z + sp.sqrt(2)), {Y: 1, Z: 0}),
    (-sp.erf(X + Y - 1), {X: 0, Y: sp.sqrt(2)}),
    (sp.erf(X - Y - sp.sqrt(3)) * sp.cos(X), {X: 1, Y: 2}),
    (sp.erf(sp.sqrt(2) - X), {X: 1}),
    (sp.erf(sp.exp(X) - Y), {X: 1, Y: 0}),
])
@pytest.mark.parametrize("order", [1, 3])
def test_erf_cases(expr: sp.Expr, point: dict, order: int) -> None:
    names = list(point)
    full = (expr, names, {v: sp.sympify(a) for v, a in point.items()}, order, "total")
    same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)


@pytest.mark.parametrize("expr, point", [
    (sp.asinh(-2 * X / 3 + Y / 2 + Z / 2), {X: -1, Y: 1, Z: sp.Rational(-1, 3)}),  # -log(-1 + sqrt(2))
    (sp.asinh(X - 2), {X: 1}),
    (sp.asinh(2 - X + Y), {X: 1, Y: 0}),
    (sp.asinh(X + Y), {X: 1, Y: 0}),
    (-sp.asinh(X + Y), {X: 1, Y: 0}),
    (sp.asinh(X - Y) * sp.cos(X), {X: 1, Y: 2}),
    (sp.exp(sp.asinh(Y - X)), {X: 1, Y: 0}),
])
@pytest.mark.parametrize("order", [1, 3])
def test_asinh_at_one(expr: sp.Expr, point: dict, order: int) -> None:
    """asinh(w) that SymEngine stores -asinh(-w), where w is +-1: its value -asinh(-1) = -log(-1 + sqrt(2))."""
    full = (expr, list(point), {v: sp.sympify(a) for v, a in point.items()}, order, "total")
    same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)
