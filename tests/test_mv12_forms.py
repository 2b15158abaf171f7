"""Functions of one form in several variables (issue 9, the multivariate walk's fixed costs).

f(u) where u's series is one homogeneous part u_e (cos(x*y*z) at 0, atan(2*x*y)): shortcuts.linear_function
with any degree e. Each case's coefficients must be the derivative engine's very objects (==, srepr,
args), and the walk's polynomials those of the plain walk (compose.SHORTCUTS False). Random inputs
with negative and irrational constants, parameters, points at 0 and at rational points, orders 1-6.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients
from strategies import SETTINGS, max_examples, time_limit
from taylorcli.series import compose
from taylorcli.series.compose import Walker
from taylorcli.series.tps import NoSlot, Ring, Unsupported
from taylorcli.series.univariate import _AT_ZERO

NAMES = ("x", "y", "z", "u", "v")
SYMBOLS = tuple(sp.Symbol(name, real=True) for name in NAMES)
A = sp.Symbol("a", real=True)
FUNCTIONS = sorted(_AT_ZERO, key=lambda f: f.__name__)
SCALES = (1, -1, 2, -3, sp.Rational(1, 2), sp.Rational(-2, 3), sp.sqrt(2), -sp.sqrt(3), sp.pi, A)
OUTER = (None, sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf,
         lambda w: sp.log(1 + w**2), lambda w: sp.sqrt(1 + w**2), lambda w: 1 / (1 + w**2))
POINTS = (0, 0, 0, 1, -2, sp.Rational(1, 2), sp.Rational(-1, 3), sp.Rational(3, 2))


def _plain_walk_agrees(expr: sp.Expr, variables: list, point: dict, order: int) -> None:
    """The walk with its shortcuts gives the very polynomials of the plain walk (or both refuse)."""
    def walk() -> list | str:
        slots = Walker.slots(expr, order) + sum(not point[v].is_Rational for v in variables)
        try:
            return [str(p) for p in Walker(variables, point, order, Ring.get(len(variables), slots, order))
                    .series(expr)]
        except (NoSlot, Unsupported) as why:
            return type(why).__name__
    fast = walk()
    compose.SHORTCUTS = False
    try:
        plain = walk()
    finally:
        compose.SHORTCUTS = True
    if "Unsupported" not in (fast, plain):  # (the plain walk may refuse what a shortcut reaches: not here)
        assert fast == plain, (expr, point, order)


@st.composite
def monomial_cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 5))
    names = list(SYMBOLS[:n])
    factors = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4))
    u = draw(st.sampled_from(SCALES)) * sp.Mul(*factors)
    if draw(st.integers(0, 3)) == 0:
        u = u**2
    expr = draw(st.sampled_from(FUNCTIONS))(u)
    outer = draw(st.sampled_from(OUTER))
    if outer is not None:
        other = outer(draw(st.sampled_from(names)) + draw(st.sampled_from((0, 1, -2))))
        expr = expr + other if draw(st.booleans()) else expr * other
    at_zero = draw(st.booleans())
    point = {v: sp.Integer(0) if at_zero else sp.sympify(draw(st.sampled_from(POINTS))) for v in names}
    return expr, names, point, draw(st.integers(1, 6 if n <= 3 else 4))


@settings(max_examples=max_examples(60), **SETTINGS)
@given(monomial_cases())
def test_a_function_of_a_homogeneous_argument_is_the_derivative_engines(case: tuple) -> None:
    expr, names, point, order = case
    with time_limit(60):
        _plain_walk_agrees(expr, names, point, order)
        full = (expr, names, point, order, "total")
        same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("order", [1, 3, 5, 9])
def test_functions_of_monomials_at_0(fn: type, order: int) -> None:
    x, y, z = SYMBOLS[:3]
    point = {x: sp.Integer(0), y: sp.Integer(0), z: sp.Integer(0)}
    for u in (x * y * z, -2 * x * y, (x * y) ** 2, sp.Rational(1, 3) * x * y**2):
        expr = fn(u) + sp.cos(x - z)
        _plain_walk_agrees(fn(u), [x, y, z], point, order)
        if order <= 5:
            full = (expr, [x, y, z], point, order, "total")
            same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)
