"""Functions of one form in several variables (issue 9, the multivariate walk's fixed costs).

f(u) where u's series is one homogeneous part u_e (cos(x*y*z) at 0, atan(2*x*y)): shortcuts.linear_function
with any degree e; F(L) for a linear form or monomial L in several variables and F any expression of
one argument (log(1 + L**2), exp(cos(L)), sqrt(1 + L**2) ...): mv_forms.form_function. Each case's coefficients must be the derivative engine's very objects (==, srepr,
args), and the walk's polynomials those of the plain walk (compose.SHORTCUTS False). Random inputs
with negative and irrational constants, parameters, points at 0 and at rational points, orders 1-6.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients
from strategies import SETTINGS, Slow, max_examples, time_limit
from taylorcli.series import compose, mv_forms
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


def _walk_and_engine_agree(case: tuple) -> None:
    """The plain walk's polynomials and the derivative engine's coefficients, both; skipped past 60 s."""
    expr, names, point, order = case
    try:
        with time_limit(60):
            _plain_walk_agrees(expr, names, point, order)
            full = (expr, names, point, order, "total")
            same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)
    except Slow:  # a drawn nest whose coefficients are long (srepr of both on a loaded machine)
        pass


@settings(max_examples=max_examples(60), **SETTINGS)
@given(monomial_cases())
def test_a_function_of_a_homogeneous_argument_is_the_derivative_engines(case: tuple) -> None:
    _walk_and_engine_agree(case)


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


UNARY = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf, sp.asinh, sp.atanh, sp.log,
         lambda w: sp.log(1 + w**2), lambda w: sp.sqrt(1 + w**2), lambda w: 1 / (1 + w**2),
         lambda w: (2 + w**2) ** sp.Rational(-3, 2), lambda w: sp.cbrt(1 + w**2 / 4), lambda w: 3 / (w - 2),
         lambda w: w**2 + 3 * w)
FORM_SCALES = (1, -1, 2, -3, sp.Rational(1, 2), sp.Rational(-2, 3))
FORM_CONSTANTS = (0, 0, 1, -2, sp.Rational(1, 3), sp.sqrt(2), A)
FORM_POINTS = (0, 0, 1, -1, 2, sp.Rational(1, 2), sp.Rational(-1, 3), sp.Rational(3, 2), 3, sp.sqrt(2))


@st.composite
def form_cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 4))
    names = list(SYMBOLS[:n])
    used = draw(st.lists(st.sampled_from(names), min_size=2, max_size=n, unique=True))
    if draw(st.integers(0, 2)):
        form = sp.Add(*[draw(st.sampled_from(FORM_SCALES)) * v for v in used], draw(st.sampled_from(FORM_CONSTANTS)))
    else:  # a monomial (at 0: one homogeneous part, or none left below its degree)
        form = draw(st.sampled_from(SCALES)) * sp.Mul(*used) ** draw(st.sampled_from((1, 1, 2)))
        form = form + draw(st.sampled_from(FORM_CONSTANTS))
    expr = draw(st.sampled_from(UNARY))(form)
    if draw(st.integers(0, 3)):  # (f(L) alone: the walk's recurrence, no shortcut)
        expr = draw(st.sampled_from(UNARY))(expr)
    if draw(st.integers(0, 3)) == 0:
        other = draw(st.sampled_from(OUTER[1:]))(draw(st.sampled_from(names)) - 1)
        expr = expr + other if draw(st.booleans()) else expr * other
    at_zero = draw(st.integers(0, 2)) == 0
    point = {v: sp.Integer(0) if at_zero else sp.sympify(draw(st.sampled_from(FORM_POINTS))) for v in names}
    return expr, names, point, draw(st.integers(1, 6 if n <= 2 else 4))


@settings(max_examples=max_examples(80), **SETTINGS)
@given(form_cases())
def test_a_function_of_a_linear_form_is_the_derivative_engines(case: tuple) -> None:
    _walk_and_engine_agree(case)


FORM_CASES = [
    ("log(1 + (x + y + z)**2)", "0,0,0", 2),
    ("log(1 + (3*z + 3*x + 3*y)**2)", "2,2,3/2", 4),
    ("sqrt(1 + (x - 2*y)**2)", "1,2", 5),
    ("sqrt(1 + (x - 2*y)**2)", "1,1/2", 5),
    ("(2 + (x + y - 1)**2)**(-3/2)", "1/2,-1", 4),
    ("1/(1 + (x - 2*y + 1)**2)", "1,2", 6),
    ("exp(cos(x + y))", "0,0", 6),
    ("exp(sin(x + y))", "1,-1", 6),
    ("sin(1/(1 + (x - y)**2))", "1/2,1/2", 5),
    ("cos(1/(1 + (x - y)**2))", "1,-1", 5),
    ("cos(cos(x*y))", "0,0", 2),  # (no part of the argument left below degree 4: cos(1) alone)
    ("cos(cos(x*y))", "0,0", 5),
    ("sinh(cos(x*y))", "0,0", 3),
    ("cosh((x + y)**2 + 3*(x + y))", "1,-1/2", 4),
    ("sinh(2/(x + 2*y - 3))", "1,-1/2", 4),
    ("exp(sqrt(1 + (3*x + 4*y)**2))", "0,1", 4),
    ("cos(log(1 + (x + y)**2))", "1,1", 4),
    ("cosh(sqrt(1 + (x + 2*y)**2))", "0,0", 5),
    ("sinh(atan(x - y))", "3,2", 4),
    ("atan(1/(1 + (x + y)**2))", "-1,1/3", 4),
    ("atan(exp(2*x - y))", "0,0", 5),
    ("log(2 + sin(x + y))", "0,0", 5),
    ("tan(sin(x + y))", "0,0", 6),
    ("erf(sin(x + y))", "0,0", 4),  # (the walk: erf's value at 0 is rational, its rate is not)
    ("sin(a*(x + y))", "0,0", 3),  # a parameter
    ("sin(sqrt(2) + (x + y)**2)", "0,0", 3),  # an irrational constant inside
    ("log((x + y)**2)", "1,1", 3),
    ("cosh(-2*y) * 1/(1 + (z*v*u*x)**2)", "0,0,0,0,0", 5),
    ("cosh(-2*y) * 1/(1 + (z*v*u*x)**2)", "0,0,0,0,0", 9),
    ("sin(1 + x*y)", "0,0", 1),
    ("cos(1 + (x*y)**2) * exp(x)", "0,0", 3),
    ("cos(1 + (x*y)**2) * exp(x)", "0,0", 5),
    ("sqrt(1 + x*y*z)", "0,0,0", 6),
    ("exp(2 + a*x*y)", "0,0", 4),
    ("log(1 + (atan(v*y*z*u))**2)", "0,0,0,0", 4),
    ("sqrt(1 - (x + y)**2)", "1,1", 2),  # no real value
]


@pytest.mark.parametrize("text, at, order", FORM_CASES)
def test_functions_of_linear_forms(text: str, at: str, order: int) -> None:
    from taylorcli.parse import parse_expression

    expr = parse_expression(text)
    names = [s for s in SYMBOLS if s in expr.free_symbols]
    point = {v: sp.sympify(a) for v, a in zip(names, at.split(","))}
    _plain_walk_agrees(expr, names, point, order)
    full = (expr, names, point, order, "total")
    same_coefficients(coefficients_or_error(full, True), coefficients_or_error(full, False), full)
    mv_forms.ENABLED = False
    try:
        off = coefficients_or_error(full, True)
    finally:
        mv_forms.ENABLED = True
    same_coefficients(coefficients_or_error(full, True), off, full)
