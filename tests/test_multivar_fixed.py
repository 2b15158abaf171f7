"""Small multivariate expansions (issue 9, fixed costs): the shortcuts of the walk against the derivative engine.

A function of a constant series (x*y*z*u below order 4, an argument with no term left) is its
value alone; coordinates are read by identity in an affine argument; functions of a linear
argument at a point where it is 0 or not. Each case's coefficients must be the very objects
(==, srepr, args) the derivative engine gives, and the polynomial SymPy's own sum of them.
Irrational and negative constants, rational and negative coordinates, parameters.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients, same_expr
from strategies import SETTINGS, max_examples, time_limit
from taylorcli.errors import MathError
from taylorcli.expansion import expand
from taylorcli.singular import NotAnalytic

CASES = [
    ("cos(2*y + 2*x)", "x,y", "2,-2", 3),
    ("cos(2*y + 2*x)", "x,y", "2,-2", 6),
    ("cos(2*y + 2*x) * sin(3*x - y)", "x,y", "2,-2", 4),
    ("sin(3*x - 2*y + 1)", "x,y", "-1/3,1/2", 4),
    ("sinh(2*u + v - w + x + 2*y + z)", "u,v,w,x,y,z", "3,-2,2,3,-2,-2", 2),
    ("atan(y*z*u*x) + sinh(cosh(v**2))", "x,y,z,u,v", None, 2),
    ("atan(y*z*u*x) + sinh(cosh(v**2))", "x,y,z,u,v", None, 4),
    ("atan(x*y*z*u) + cos(v)", "x,y,z,u,v", "1/2,-1,3,2,0", 3),
    ("erf(x*y*z) * cos(x + y)", "x,y,z", None, 2),
    ("erf(x*y*z) * cos(x + y)", "x,y,z", "1,2,3", 2),
    ("exp(x*y*z*u) + sin(x + y)", "x,y,z,u", None, 3),
    ("tan(x*y*z) + asinh(x*y*z*w)", "x,y,z,w", None, 2),
    ("tanh(x*y*z) * sinh(x*y*w)", "x,y,z,w", "-1/3,1/2,2,0", 2),
    ("exp(sqrt(2)*x*y*z) * cos(x - y)", "x,y,z", None, 2),  # an irrational constant in a constant argument
    ("sin(a*x*y*z) + exp(x - y)", "x,y,z", None, 2),  # a parameter
    ("cosh(x*y*z - 3) * atan(x + y)", "x,y,z", None, 2),  # a negative constant argument
    ("sin(x*y) + cos(x*y)", "x,y", "-1/2,1/3", 1),
    ("exp(2*x - 3*y) + log(1 + (z)**2)", "x,y,z", "1/2,-1/3,-2", 3),
    ("sinh(2*x + y) + cosh(1/(1 + (z)**2))", "x,y,z", None, 6),
    ("1/(1 + (z**2)**2) + exp(x - y)", "x,y,z", None, 4),
    ("sin(exp(2*x + 2*y + 2*w + 2*z + 3*u + 3*v))", "x,y,z,u,v,w", None, 2),
    ("cos(x + 1) * sin(erf(y + 2))", "x,y", None, 3),
]


def _check(text: str, variables: str, at: str | None, order: int) -> None:
    e = expand(text, variables, at, order)
    case = (e.expression, e.variables, e.at, order, "total")
    same_coefficients(e.coefficients, coefficients_or_error(case, False), case)
    expected = sp.Add(*[c * e.monomial(p) for p, c in e.coefficients])
    same_expr(e.polynomial, expected)


@pytest.mark.parametrize("text, variables, at, order", CASES)
def test_small_multivariate_cases_are_the_derivative_engines(text: str, variables: str, at: str | None,
                                                             order: int) -> None:
    _check(text, variables, at, order)


NAMES = "xyzuvw"
SYMBOLS = tuple(sp.Symbol(name, real=True) for name in NAMES)
WHOLE = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tan, sp.tanh, sp.atan, sp.asinh, sp.erf)
AT = (sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Integer(-2), sp.Rational(1, 2), sp.Rational(-1, 3),
      sp.Rational(3, 2))
SHIFTS = (sp.Integer(0), sp.Integer(0), sp.Integer(-3), sp.Rational(1, 2), sp.sqrt(2), sp.pi / 4, sp.Symbol("a"))


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    """f(c * product of 2-4 variables + shift) beside g(linear form) or alone: constant arguments below their degree."""
    n = draw(st.integers(2, 5))
    variables = list(SYMBOLS[:n])
    m = draw(st.integers(2, n))
    inner = draw(st.sampled_from((1, 2, -3))) * sp.Mul(*variables[:m]) + draw(st.sampled_from(SHIFTS))
    expr = draw(st.sampled_from(WHOLE))(inner)
    how = draw(st.integers(0, 2))
    if how:
        linear = sp.Add(*[draw(st.sampled_from((1, 2, -1, -3))) * v for v in variables])
        other = draw(st.sampled_from(WHOLE))(linear)
        expr = expr + other if how == 1 else expr * other
    at_zero = draw(st.booleans())
    point = {v: sp.Integer(0) if at_zero else draw(st.sampled_from(AT)) for v in variables}
    return expr, variables, point, draw(st.integers(0, 4)), "total"


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_constant_arguments_are_the_derivative_engines(case: tuple) -> None:
    with time_limit(20):
        ours = coefficients_or_error(case, True)
        expected = coefficients_or_error(case, False)
    same_coefficients(ours, expected, case)
    expr, variables, point, order, degree = case
    if isinstance(ours, str):
        return
    try:
        e = expand(expr, variables, [point[v] for v in variables], order, degree)
    except (NotAnalytic, MathError):
        return
    same_expr(e.polynomial, sp.Add(*[c * e.monomial(p) for p, c in e.coefficients]))


def _shortcut_is_the_plain_walk(expr: sp.Expr, variables: list, point: dict, order: int, slots: int,
                                monkeypatch: pytest.MonkeyPatch) -> list:
    """The walk's polynomials with compose's shortcuts, asserted equal to those of the plain recurrences."""
    from taylorcli.series import compose
    from taylorcli.series.compose import Walker
    from taylorcli.series.tps import Ring

    ring = Ring.get(len(variables), slots, order)
    fast = Walker(variables, point, order, ring).series(expr)
    monkeypatch.setattr(compose, "SHORTCUTS", False)
    plain = Walker(variables, point, order, ring).series(expr)
    monkeypatch.setattr(compose, "SHORTCUTS", True)
    assert [str(p) for p in fast] == [str(p) for p in plain]
    return fast


@pytest.mark.parametrize("fn", sorted(__import__("taylorcli.series.univariate", fromlist=["_AT_ZERO"])._AT_ZERO,
                                      key=lambda f: f.__name__))
@pytest.mark.parametrize("order", [0, 1, 2, 5, 12])
def test_a_function_of_a_vanishing_linear_form_is_the_recurrences(fn: type, order: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """shortcuts.linear_function (sum of c_d l**d) gives the very polynomials of the plain walk, and the
    expansion is the derivative engine's (at 0, and at a point where the form vanishes)."""
    x, y, z = SYMBOLS[:3]
    form = 2 * x - y / 3 + 3 * z
    for point in ({x: sp.Integer(0), y: sp.Integer(0), z: sp.Integer(0)},
                  {x: sp.Rational(1, 2), y: sp.Integer(-3), z: sp.Rational(-2, 3)}):
        assert form.subs(point) == 0
        expr = fn(form)
        fast = _shortcut_is_the_plain_walk(expr, [x, y, z], point, order, 4, monkeypatch)
        assert len(fast) == order + 1 and (order < 12 or fast[11] or fast[12])  # (FLINT's cap is 10 terms)
        if order <= 5:  # (the derivative engine in three variables: slow beyond)
            case = (expr, [x, y, z], point, order, "total")
            same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
    one = fn(2 * x + sp.Rational(1, 3))  # one variable, at a point where the argument vanishes
    case = (one, [x], {x: sp.Rational(-1, 6)}, order, "total")
    same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)


@pytest.mark.parametrize("fn", [sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh])
@pytest.mark.parametrize("inner, at", [
    (lambda z: 1 / (1 + z**2), sp.Integer(0)),  # u(0) = 1
    (lambda z: sp.exp(z), sp.Integer(0)),
    (lambda z: z**2 - sp.Rational(1, 2), sp.Rational(1, 3)),  # a negative value: -sin(7/18) and the like
    (lambda z: 2 * z - 3, sp.Integer(1)),  # u(1) = -1
    (lambda z: sp.sqrt(2) + z, sp.Integer(0)),  # an irrational value: the recurrence (no shortcut)
    (lambda z: z / (1 - z), sp.Rational(-1, 2)),
])
@pytest.mark.parametrize("order", [1, 4, 7, 12])
def test_a_function_of_a_one_variable_series_away_from_0_is_the_recurrences(
        fn: type, inner: object, at: sp.Expr, order: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """shortcuts.offset_function (f(c) f1(w) + g(c) f2(w), w = u - c) gives the plain walk's polynomials,
    and beside a part in other variables the derivative engine's objects."""
    x, y, z = SYMBOLS[:3]
    point = {x: sp.Rational(1, 2), y: sp.Integer(-2), z: at}
    expr = fn(inner(z))
    _shortcut_is_the_plain_walk(expr, [x, y, z], point, order, 6, monkeypatch)
    if order <= 7:  # (the derivative engine in three variables: slow beyond)
        case = (expr * sp.exp(x - y) + sp.atan(x * y), [x, y, z], point, order, "total")
        same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
    case = (expr, [z], {z: at}, order, "total")  # one variable: the general walk once the lean path refuses
    same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
