"""inverse_risk.onevar_refuses' shortcuts decide as before: the objects are the derivative engine's.

onevar_refuses compares a node's partials with the inverted sums only where a group of two terms or
more exists: a node whose series is one monomial in the generators has none (no group, nothing to
compare, the same False as building the groups); SymEngine's units and the usable generators are
made when a group is compared, and only for the generators it holds (the same answers, asked lazily).
Cases where the walk made a generator 1/c, c a sum (the check runs), refused or not: one variable
at rational points, the arithmetic's coefficients and polynomial are the derivative engine's.
"""

from __future__ import annotations

import flint
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path
from strategies import SETTINGS, max_examples
from taylorcli.series import inverse_risk, onevar_constants

X = sp.Symbol("x", real=True)


def _l(u: sp.Expr) -> sp.Expr:
    return sp.log(1 + u**2)


def _s(u: sp.Expr) -> sp.Expr:
    return sp.sqrt(1 + u**2)


def _r(u: sp.Expr) -> sp.Expr:
    return 1 / (1 + u**2)


# (expr, point, order, onevar_refuses' answer)
CASES = [
    (sp.sin(X) + _l(_l(X)), 1, 3, False),
    (_l(sp.sinh(X + 3)), 1, 3, False),
    (sp.exp(2 * X) * _r(sp.atan(2 * X)), 3, 4, False),
    (sp.sin(2 * X) * _r(sp.atan(2 * X)), sp.Rational(3, 2), 3, False),
    (_s(sp.sinh(X)) + _l(X), 3, 1, False),
    (_l(sp.sinh(X + 3)) * sp.sinh(X + 3), -2, 4, False),
    (_s(sp.cos(X**2)), 1, 3, False),
    (_s(X**2) * _l(sp.sinh(X**2)), sp.Rational(3, 2), 3, False),
    (sp.cosh(2 * X) * _r(sp.sinh(2 * X)), sp.Rational(1, 2), 3, False),
    (sp.cosh(X) * _r(sp.sin(X)), 1, 2, False),
    (_l(sp.erf(2 * X)) + sp.erf(X), sp.Rational(3, 2), 3, False),
    (_l(sp.sinh(2 * X)) * sp.cos(2 * X), 1, 2, False),
    # atan's inverse 1/(1 + x**2) is rational at a rational point: no longer counted as irrational (risk14)
    (_s(sp.atan(X)) + sp.sinh(X), 3, 4, False),
    (_l(sp.atan(X)), 1, 1, False),
    (sp.atan(X) + _r(sp.atan(X)), 1, 4, False),
    (_s(sp.atan(X)) * _r(X), 1, 2, False),
    (sp.atan(X) * _r(sp.atan(X)), -2, 2, False),
    (_l(_l(X)) * _l(_l(X) + 1), 1, 3, None),
    (_l(_l(X) + sp.sin(X)), 1, 3, None),
]


def _refuses(expr: sp.Expr, point: sp.Rational, order: int) -> bool:
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        walk = onevar_constants._Walk(X, point, order)
        walk.series(expr)
        assert inverse_risk.has_sum_power(walk.values)  # the check runs
        return inverse_risk.onevar_refuses(expr, walk)
    finally:
        flint.ctx.cap = saved


@pytest.mark.parametrize("expr, point, order, refuses", CASES)
def test_the_derivative_engines_objects(expr: sp.Expr, point: object, order: int, refuses: bool | None) -> None:
    point = sp.Rational(point)
    if refuses is not None:
        assert _refuses(expr, point, order) is refuses
    onevar_is_the_full_path(expr, str(point), order)


OUTER = (_l, _s, _r, sp.atan, sp.exp, sp.sin, sp.cosh)
INNER = (_l, _s, _r, sp.atan, sp.sinh, sp.cos, sp.erf, sp.exp)


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    inner = draw(st.sampled_from((X, 2 * X, X**2, X + 3, X - 1)))
    f, g, h = (draw(st.sampled_from(OUTER)), draw(st.sampled_from(INNER)), draw(st.sampled_from(INNER)))
    shape = draw(st.integers(0, 2))
    expr = f(g(inner)) if shape == 0 else f(g(inner)) * h(inner) if shape == 1 else f(g(inner)) + h(X)
    point = sp.Rational(draw(st.sampled_from((1, -2, 3, 0))), draw(st.sampled_from((1, 2))))
    return expr, point, draw(st.integers(1, 4))


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_random_compositions(case: tuple) -> None:
    expr, point, order = case
    onevar_is_the_full_path(expr, str(point), order)
