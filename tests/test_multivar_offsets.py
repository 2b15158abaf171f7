"""One-variable subtrees of the series walk read off at once (issue 9): the derivative engine's objects.

log(u), atan(u) and u**(p/q) of one variable whose value at the point is irrational (log(2), atan(3),
sqrt(5)) but whose other parts are rational (series/mv_offsets.py), and (a + h)**e of a variable
(tps.Ring.binomial), beside other factors and terms in other variables: random expressions at 0,
integer and rational points, orders 1-5, total and per-variable degree. The very objects (==,
srepr, args) the derivative engine gives, and those of the plain walk (compose.SHORTCUTS False).
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients
from strategies import SETTINGS, Slow, max_examples, time_limit
from taylorcli.errors import MathError
from taylorcli.expansion import _arithmetic
from taylorcli.series import compose, direct
from taylorcli.series.compose import Walker
from taylorcli.series.mv_offsets import offset_function
from taylorcli.series.tps import Ring
from taylorcli.singular import NotAnalytic

SYMBOLS = tuple(sp.Symbol(name, real=True) for name in ("x", "y", "z", "u"))
SCALES = (1, -1, 2, -3, sp.Rational(1, 2))
OFFSETS = (0, 1, -2, 3, sp.Rational(1, 3))
POINTS = (0, 1, -1, 2, sp.Rational(1, 2), sp.Rational(-1, 3))
ONE = (sp.atan, lambda w: sp.log(1 + w**2), lambda w: sp.log(2 + w), lambda w: sp.sqrt(1 + w**2),
       lambda w: (3 + w**2) ** sp.Rational(-3, 2), lambda w: (2 + w) ** sp.Rational(1, 3),
       lambda w: sp.log(1 + sp.exp(w)), lambda w: sp.atan(sp.sin(w) + 1), lambda w: w**4 + 1)
OTHER = (sp.exp, sp.sin, sp.cosh, sp.atan, lambda w: sp.log(1 + w**2), lambda w: 1 / (1 + w**2))


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 4))
    names = list(draw(st.permutations(SYMBOLS[:n])))
    v = names[0]
    inner = draw(st.sampled_from(SCALES)) * v + draw(st.sampled_from(OFFSETS))
    if draw(st.integers(0, 3)) == 0:
        inner = v ** draw(st.integers(2, 5)) + draw(st.sampled_from(OFFSETS))
    one = draw(st.sampled_from(ONE))(inner)
    rest = names[1:]
    other = draw(st.sampled_from(OTHER))(sp.Add(*[draw(st.sampled_from(SCALES)) * w for w in rest])
                                          if draw(st.booleans()) else sp.Mul(*rest))
    expr = one * other if draw(st.booleans()) else one + other
    point = {w: sp.sympify(draw(st.sampled_from(POINTS))) for w in names}
    degree = "each" if draw(st.integers(0, 4)) == 0 else "total"
    return expr, names, point, draw(st.integers(1, 5 if n <= 2 else 3 if degree == "total" else 2)), degree


def _route(case: tuple) -> bool | str:
    """Whether the arithmetic answers (not the derivative engine: inverse_risk's verdict among others)."""
    try:
        return _arithmetic(*case) is not None
    except (NotAnalytic, MathError) as error:
        return str(error)


def _check(expr: sp.Expr, names: list, point: dict, order: int, degree: str) -> None:
    case = (expr, names, point, order, degree)
    ours = coefficients_or_error(case, True)
    same_coefficients(ours, coefficients_or_error(case, False), case)
    route = _route(case)
    compose.SHORTCUTS = direct.ONE_TERM = False
    try:
        plain = coefficients_or_error(case, True)
        plain_route = _route(case)
    finally:
        compose.SHORTCUTS = direct.ONE_TERM = True
    same_coefficients(ours, plain, case)
    assert route == plain_route, case  # (the subtrees taken whole are known rational: mv_offsets.rational_inside)


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_one_variable_subtrees_are_the_derivative_engines(case: tuple) -> None:
    try:
        with time_limit(60):
            _check(*case)
    except Slow:  # (srepr of long coefficients on a loaded machine)
        pass


FIXED = [
    ("cosh(x) * log(1 + (y**2)**2)", "1,-1", 4),
    ("atan(y + 3) * exp(x)", "0,0", 3),
    ("sqrt(1 + (2*y + 1)**2) * exp(x)", "1,2", 3),
    ("(1 + y**2)**(-3/2) * x + sqrt(x + y)", "1/2,3", 3),
    ("sqrt(1 + (1/(1 + (y + 3)**2))**2) * sqrt(1 + (atan(x))**2)", "1,3", 3),
    ("log(1 + y**2) * atan(x) * cos(z)", "1/2,-1/3,2", 3),
    ("atan(log(1 + y)) + x", "1,2", 2),
    ("x**3*y**2 + y**4 + 1", "1,-1", 4),
    ("sqrt(1 + (1/(1 + (y + 3)**2))**2) * sqrt(1 + (atan(x))**2)", "1,3", 7),  # (the arithmetic's, as before)
]


@pytest.mark.parametrize("text, at, order", FIXED)
def test_fixed(text: str, at: str, order: int) -> None:
    from taylorcli.parse import parse_expression

    expr = parse_expression(text)
    names = sorted(expr.free_symbols, key=lambda s: "xyzu".index(s.name))
    point = {v: sp.sympify(a) for v, a in zip(names, at.split(","))}
    _check(expr, names, point, order, "total")


def test_the_shortcut_is_taken() -> None:
    """log(1 + y**4) at -1 by FLINT: log(2) asked as the recurrence asks it, the rest rational."""
    x, y = SYMBOLS[:2]
    w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(-1)}, 2, Ring(2, 2, 2))
    found = offset_function(w, sp.log(1 + y**4))
    assert [str(c) for c in found] == ["g0", "-2*h1", "h1^2"] and w.values == [sp.log(2)]
    w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(1)}, 2, Ring(2, 2, 2))
    found = offset_function(w, sp.sqrt(1 + y**2))
    assert [str(c) for c in found] == ["g0", "1/2*h1*g0", "1/8*h1^2*g0"] and str(w.values) == "[sqrt(2)]"
