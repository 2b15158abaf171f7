"""Several variables, low order (issue 9, fixed costs): the series engine against the derivative engine.

The shapes of the sweep: sums and products of parts in disjoint (or shared) variables, 2-8
variables, orders 0-8, at 0 and at rational points, with constants from the point (log(2),
pi/4, sqrt(2), sinh(4) ...) and parameters. The engine's first ring at 0 has a few generator
slots (series/engine.py ``_FIRST_SLOTS``): the coefficients must be the very objects (==, srepr,
args) the derivative engine gives, and the same with no slot in the first ring (the walk restarts).
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients
from strategies import A, SETTINGS, max_examples, time_limit
from taylorcli.errors import MathError
from taylorcli.expansion import _taylor, expand
from taylorcli.series import engine
from taylorcli.singular import NotAnalytic

NAMES = "xyzuvwpq"
SYMBOLS = tuple(sp.Symbol(name, real=True) for name in NAMES)
UNARY = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.atan, sp.sqrt)
AT = (sp.Integer(0), sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Integer(-2), sp.Rational(1, 2),
      sp.Rational(-1, 3), sp.Rational(3, 2), sp.Integer(2))


def _inner(draw: st.DrawFn, variables: list[sp.Symbol]) -> sp.Expr:
    """A sweep-like argument: a product of variables, a linear form, a square, or one variable."""
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return sp.Mul(*variables)
    if shape == 1:
        return sp.Add(*[draw(st.sampled_from((1, 2, 3, -1, -3))) * v for v in variables])
    if shape == 2:
        return variables[0] ** 2
    return variables[0]


def _part(draw: st.DrawFn, variables: list[sp.Symbol]) -> sp.Expr:
    """One part: log(1 + u**2), 1/(1 + u**2), sqrt(1 + u**2), f(u), atan(1/(1 + u**2)), log(1 + exp(u)**2) ..."""
    u = _inner(draw, variables)
    if draw(st.booleans()) and len(variables) == 1:
        u = u + draw(st.sampled_from((1, 3)))  # a shifted argument (x + 1)
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return sp.log(1 + u ** 2)
    if kind == 1:
        return 1 / (1 + u ** 2)
    if kind == 2:
        return sp.sqrt(1 + u ** 2)
    if kind == 3:
        return sp.atan(1 / (1 + u ** 2))
    if kind == 4:
        return sp.log(1 + sp.exp(u) ** 2)
    if kind == 5:
        return sp.atan(sp.exp(u))
    return draw(st.sampled_from(UNARY))(u)


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 8))
    variables = list(SYMBOLS[:n])
    cut = draw(st.integers(1, n - 1))
    shared = draw(st.integers(0, 3)) == 0  # parts sharing a variable
    left = variables[:cut] if not shared else variables[:cut + 1]
    right = variables[cut:]
    first, second = _part(draw, left), _part(draw, right)
    how = draw(st.integers(0, 4))
    expr = first + second if how < 2 else first * second if how < 4 else first + A * second
    if how == 4 and draw(st.booleans()):
        expr = expr + A  # a parameter alone in the sum
    at_zero = draw(st.booleans())
    point = {v: sp.Integer(0) if at_zero else draw(st.sampled_from(AT)) for v in variables}
    degree = draw(st.sampled_from(("total", "total", "total", "each")))
    top = (8 if n == 2 else 4 if n <= 4 else 2) if degree == "total" else (3 if n == 2 else 1)
    return expr, variables, point, draw(st.integers(0, top)), degree


def _coefficients(expr: sp.Expr, variables: list, point: dict, order: int, arithmetic: bool,
                  degree: str) -> list | str:
    return coefficients_or_error((expr, variables, point, order, degree), arithmetic)


_same = same_coefficients


@settings(max_examples=max_examples(60), **SETTINGS)
@given(cases())
def test_multi_variable_coefficients_are_the_derivative_engines(case: tuple) -> None:
    expr, variables, point, order, degree = case
    with time_limit(15):
        ours = _coefficients(expr, variables, point, order, True, degree)
        expected = _coefficients(expr, variables, point, order, False, degree)
    _same(ours, expected, case)


@settings(max_examples=max_examples(30), **SETTINGS)
@given(cases())
def test_the_first_ring_slots_do_not_change_the_coefficients(case: tuple) -> None:
    expr, variables, point, order, degree = case
    with time_limit(15):
        ours = _coefficients(expr, variables, point, order, True, degree)
        saved = engine._FIRST_SLOTS, engine._AWAY_SLOTS
        # no slot at 0, and the ring with every slot at once away from 0 (as before the first slots)
        engine._FIRST_SLOTS, engine._AWAY_SLOTS = 0, None
        try:
            plain = _coefficients(expr, variables, point, order, True, degree)
        finally:
            engine._FIRST_SLOTS, engine._AWAY_SLOTS = saved
    _same(ours, plain, case)


@pytest.mark.parametrize("text, variables, at, order", [
    ("sqrt(1 + (1/(1 + (p*u*v*q*w*x*z)**2))**2) * exp(y**2)", "x,y,z,u,v,w,p,q", None, 2),
    ("sinh(y**2) + sinh(x)", "x,y", "-2,-2", 8),
    ("atan(1/(1 + (v)**2)) + sin(y*x*u*z)", "x,y,z,u,v", None, 2),
    ("sqrt(1 + (x**2)**2) + sinh(y)", "x,y", "1,-2", 5),
    ("sqrt(1 + (3*v - w - y + 2*x + 3*z)**2) + sin(1/(1 + (u)**2))", "x,y,z,u,v,w", "-1,2,-1,1,2,-1", 3),
    ("log(1 + (x*u*y)**2) * cosh(2*z)", "x,y,z,u", "1/2,3/2,2,-1/3", 3),
    ("log(1 + (2*v + u)**2) * atan(exp(q*w*p*x*z*y))", "x,y,z,u,v,w,p,q", None, 4),
    ("sinh(v*u*x*y) + 1/(1 + (-3*z)**2)", "x,y,z,u,v", None, 4),
    ("sqrt(1 + (w + 3*u + 2*v)**2) + exp(x*z*y)", "x,y,z,u,v,w", None, 2),
    ("cosh(u + 3*z - x + v) + log(1 + (exp(y))**2)", "x,y,z,u,v", None, 3),
    ("log(1 + (3*v)**2) + sin(2*x + 3*y + u + z + w + 2*p)", "x,y,z,u,v,w,p", "3,1,-1,-2,3,3,1", 2),
    ("cos(2*u + v + 3*y + 2*w) + cosh(sin(p + x + z))", "x,y,z,u,v,w,p", None, 2),
    ("exp(a*x) + log(2 + y) + atan(1 + z)", "x,y,z", None, 3),  # a parameter, three constants
])
def test_sweep_cases_equal_the_derivative_engine(text: str, variables: str, at: str | None, order: int) -> None:
    e = expand(text, variables, at, order)
    expected = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    _same(e.coefficients, expected, text)
    engine.taylor_coefficients(e.expression, e.variables, e.at, order, "total")  # the arithmetic applies


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_the_polynomial_with_the_engines_sort_keys_is_sympys(case: tuple) -> None:
    """The sums' keys the engine hands to keyed.polynomial are sort_key's, and the polynomial is SymPy's own."""
    from taylorcli.sortkey import sort_key

    expr, variables, point, order, degree = case
    with time_limit(15):
        try:
            e = expand(expr, variables, [point[v] for v in variables], order, degree)
        except (NotAnalytic, MathError):
            return
        for value, key in (e.sort_keys or {}).values():
            assert key == sort_key(value), (case, value)
        built = e.polynomial
        e.sort_keys = None
        plain = e.polynomial
        expected = sp.Add(*[c * e.monomial(p) for p, c in e.coefficients])
    assert sp.srepr(built) == sp.srepr(plain) == sp.srepr(expected), case
