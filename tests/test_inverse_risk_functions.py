"""An inverse of a function's derivative beside that derivative (inverse_risk.risky): atan(tan(u)).

atan(tan(x + y + 1)): the walk's rate 1/(1 + tan(1)**2) (a generator, a power of a sum) meets tan's
derivative 1 + tan(1)**2, which SymEngine's Mul cancels in the derivative engine's partials (its
coefficient of x is 1) where the arithmetic keeps g + g*tan(1)**2. A function standing as the
argument of another now has its partials matched against those sums too (the derivative engine
answers). Random f(g(L)), one to three variables, rational points, orders 1-4: its very objects.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients, same_or_slow
from strategies import SETTINGS, max_examples

X, Y, Z = (sp.Symbol(name, real=True) for name in "xyz")
OUTER = (sp.atan, sp.asinh, sp.log, sp.atanh, sp.asin, sp.exp, lambda w: 1 / (1 + w**2), lambda w: sp.sqrt(1 + w**2))
INNER = (sp.tan, sp.tanh, sp.sinh, sp.cosh, sp.exp, sp.sin, sp.cos, sp.atan, sp.erf)
POINTS = (0, 1, -1, sp.Rational(1, 2), sp.Rational(-1, 3))


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 3))
    names = [X, Y, Z][:n]
    form = sp.Add(*[draw(st.sampled_from((1, -1, 2))) * v for v in names], draw(st.sampled_from((0, 1, -2, 3))))
    outer, inner = draw(st.sampled_from(OUTER)), draw(st.sampled_from(INNER))
    expr = outer(inner(form))
    point = {v: sp.sympify(draw(st.sampled_from(POINTS))) for v in names}
    return expr, names, point, draw(st.integers(1, 4 if n == 1 else 3))


@settings(max_examples=max_examples(60), **SETTINGS)
@given(cases())
def test_a_function_of_a_function_is_the_derivative_engines(case: tuple) -> None:
    expr, names, point, order = case
    same_or_slow((expr, names, point, order, "total"))


@pytest.mark.parametrize("expr, point", [
    (sp.atan(sp.tan(X + Y + 1)), {X: 0, Y: 0}),
    (sp.atan(sp.tan(X + 1)), {X: 0}),
    (sp.asinh(sp.tan(X - Y + 2)), {X: 0, Y: 0}),
    (sp.atan(sp.tanh(X + Y + 1)), {X: 0, Y: 0}),
    (sp.log(sp.cosh(X + Y + 1)), {X: 0, Y: 0}),
    # a generator that is a product (SymEngine's has() raised RuntimeError on it: a crash)
    (sp.log(((X * Y + 1) ** 2 / 4 + 1) ** sp.Rational(2, 3) + 1), {X: 0, Y: 0}),
    (sp.log(((X + 1) ** 2 / 4 + 1) ** sp.Rational(2, 3) + 1), {X: 0}),
])
@pytest.mark.parametrize("order", [1, 3])
def test_fixed_cases(expr: sp.Expr, point: dict, order: int) -> None:
    full = (expr, list(point), {v: sp.sympify(a) for v, a in point.items()}, order, "total")
    same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)
