"""Sums of one-variable parts in disjoint variables (series/separable.py) against the derivative engine.

(Products of such parts too: the path declines them, the walk's shortcut for f(u) with u(a) != 0 takes them.)

f(x) + g(y) + ... at rational points (0, negative, fractions), 2-8 variables, orders 0-8, total
and per-variable degree, with parameters and numbers in the sum (which the path declines): the
coefficients must be the very objects (==, srepr, args, order) the derivative engine gives.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients
from strategies import SETTINGS, max_examples, time_limit
from taylorcli.series import separable

NAMES = "xyzuvwpq"
SYMBOLS = tuple(sp.Symbol(name, real=True) for name in NAMES)
A = sp.Symbol("a", real=True)
UNARY = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.atan, sp.erf, sp.tanh)
AT = (sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Integer(-2), sp.Rational(1, 2),
      sp.Rational(-1, 3), sp.Rational(3, 2), sp.Integer(2), sp.Integer(-1))


def _part(draw: st.DrawFn, v: sp.Symbol) -> sp.Expr:
    """One part in one variable: f(q*v + r), f(v**2), log(1 + v**2), 1/(1 + v**4), sqrt(1 + v**2), f(g(v)) ..."""
    q = draw(st.sampled_from((1, 2, 3, -1, -2, sp.Rational(1, 2))))
    u = draw(st.sampled_from((q * v, v ** 2, v + draw(st.sampled_from((1, 3, -2))))))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return sp.log(1 + u ** 2)
    if kind == 1:
        return 1 / (1 + u ** 2)
    if kind == 2:
        return sp.sqrt(1 + u ** 2)
    if kind == 3:
        return draw(st.sampled_from(UNARY))(draw(st.sampled_from(UNARY))(u))
    return draw(st.sampled_from(UNARY))(u)


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 8))
    variables = list(SYMBOLS[:n])
    used = draw(st.lists(st.sampled_from(variables), min_size=2, max_size=n, unique=True))
    parts = [_part(draw, v) for v in used]
    # a product: the walk's (compose.py: f(u) with u(a) != 0 straight to the walk), not this path
    expr = sp.Mul(*parts) if draw(st.integers(0, 3)) == 0 else sp.Add(*parts)
    extra = draw(st.integers(0, 5))
    if extra == 0:
        expr = expr + A * sp.sin(used[0])  # a parameter: declined
    elif extra == 1:
        expr = expr + draw(st.sampled_from((3, sp.Rational(-1, 2))))  # a number in the sum: declined
    point = {v: draw(st.sampled_from(AT)) for v in variables}
    degree = draw(st.sampled_from(("total", "total", "each")))
    top = (8 if n == 2 else 4 if n <= 4 else 2) if degree == "total" else (3 if n == 2 else 1)
    return expr, variables, point, draw(st.integers(0, top)), degree


_coefficients = coefficients_or_error
_same = same_coefficients


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_sums_of_one_variable_parts_are_the_derivative_engines(case: tuple) -> None:
    with time_limit(15):
        ours = _coefficients(case, True)
        expected = _coefficients(case, False)
    _same(ours, expected, case)


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_the_path_gives_what_the_walk_gives(case: tuple) -> None:
    with time_limit(15):
        ours = _coefficients(case, True)
        separable.ENABLED = False
        try:
            walk = _coefficients(case, True)
        finally:
            separable.ENABLED = True
    _same(ours, walk, case)


def test_the_path_takes_the_sweep_sum_and_declines_the_rest() -> None:
    x, y, z = SYMBOLS[:3]
    point = {x: sp.Integer(-2), y: sp.Integer(-2), z: sp.Integer(0)}
    found = separable.taylor(sp.sinh(y ** 2) + sp.sinh(x), [x, y], point, 8, "total")
    assert found is not None and len(found) == 17
    assert found[0] == ((0, 0), sp.sinh(4) - sp.sinh(2))
    declined = (sp.sin(x * y) + sp.exp(z), sp.exp(x) * sp.cos(y), sp.exp(x) + A * sp.cos(y),
                sp.exp(x) + sp.cos(y) + 3, sp.exp(x) + sp.cos(x) + sp.sin(y))
    for expr in declined:
        assert separable.taylor(expr, [x, y, z], point, 3, "total") is None, expr
    assert separable.taylor(sp.exp(x) + sp.cos(y), [x, y], {x: sp.sqrt(2), y: sp.Integer(0)}, 3, "total") is None
