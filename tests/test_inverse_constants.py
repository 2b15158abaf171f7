"""Inverses of irrational constant sums (1/(-2 + sqrt(2)), 1/(1 + cosh(2)**2)): the very objects (issue 9).

The arithmetic's generator for 1/c is a formal symbol; SymEngine's expand keeps
(1 + cosh(2)**2)**(-2) where a product of sums makes it, and its Mul cancels c * c**(-1):
series/inverse_risk.py sends those shapes to the derivative engine. Every case here is
compared with the derivative engine through tests/same_object.py, on the full path (the
one-variable path off) and through expand().
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from same_object import coefficients_or_error, same_coefficients
from strategies import SETTINGS, max_examples

from taylorcli import expansion
from taylorcli.expansion import expand
from taylorcli.series.engine import taylor_coefficients
from taylorcli.series.inverse_risk import risky
from taylorcli.series.tps import Unsupported

X = sp.Symbol("x", real=True)


def _constant(kind: int, p: int, q: int, r: int) -> sp.Expr:
    """p + q*sqrt(r), p + q*log(r) or p + q*cosh(r)**2 (q != 0: irrational)."""
    atom = [sp.sqrt(r), sp.log(r), sp.cosh(r) ** 2][kind]
    return sp.Integer(p) + q * atom


def _shape(i: int, c: sp.Expr, n: int) -> sp.Expr:
    x = X
    return [
        (x / c + x) ** n,
        c / (x + c),
        c * sp.exp(x) / (x + c),
        c * sp.sin(x) / (x + c),
        (x + c) / (x ** 2 + c),
        x / c + sp.exp(x) / (x + c),  # linear: the arithmetic answers
        1 / (x + c) ** n,
        sp.exp(x / c + x),
        (x / (1 + sp.cosh(x) ** 2) + x) ** n,
        sp.log(1 + sp.cosh(x) ** 2) / (x + c),
        sp.exp(sp.expand(x * c)) / c,  # the argument's partial is c: Mul cancels c/c
        sp.exp(sp.expand(x * c) + x ** 2 / 2) / (x + c),
        sp.cosh(x) / (1 + (1 / (x + c)) ** 2),
    ][i]


SHAPES = 13
CONSTANTS = st.tuples(st.integers(0, 2), st.integers(-3, 3), st.integers(-3, 3).filter(bool),
                      st.sampled_from([2, 3, 5]))
POINTS = st.fractions(min_value=-3, max_value=3, max_denominator=4).map(lambda f: sp.Rational(f.numerator,
                                                                                          f.denominator))


def _check(expr: sp.Expr, at: sp.Rational, order: int) -> None:
    case = (expr, [X], {X: at}, order, "total")
    expected = coefficients_or_error(case, False)
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(expansion, "_one_variable", lambda *_: None)  # the full path: engine.py, then the derivatives
        same_coefficients(coefficients_or_error(case, True), expected, case)
    finally:
        mp.undo()
    if not isinstance(expected, str):
        same_coefficients(expand(expr, [X], [at], order).coefficients, expected, case)


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.integers(0, SHAPES - 1), CONSTANTS, st.integers(2, 3), POINTS, st.integers(0, 6))
def test_inverse_constants_against_the_derivative_engine(shape: int, constant: tuple, n: int, at: sp.Rational,
                                                         order: int) -> None:
    c = _constant(*constant)
    expr = _shape(shape, c, n)
    if shape in (8, 9, 12):
        # x-dependent inverses go through the one-variable path first (onevar_constants.py): see
        # test_one_variable_path_known below; here the full path only
        case = (expr, [X], {X: at}, order, "total")
        mp = pytest.MonkeyPatch()
        try:
            mp.setattr(expansion, "_one_variable", lambda *_: None)
            same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
        finally:
            mp.undo()
        return
    _check(expr, at, order)


@pytest.mark.parametrize("text,at,order", [
    ("(x/(-2 + sqrt(2)) + x)**2", 1, 0),
    ("(-2 + sqrt(2))/(x - 2 + sqrt(2))", 0, 2),
    ("(x/(1 + cosh(2)**2) + x)**2", 1, 2),
    ("(x/(1 + log(2)) + x)**2", 1, 2),
    ("(1 + log(2))/(x + 1 + log(2))", 0, 2),
    ("1/(1 + sqrt(2) + x)**3", 1, 3),
    ("exp(x)/(1 + log(2) + x)", 1, 3),
])
def test_issue_cases(text: str, at: int, order: int) -> None:
    from taylorcli.parse import parse_expression
    f = parse_expression(text)
    (x,) = f.free_symbols
    case = (f, [x], {x: sp.Integer(at)}, order, "total")
    same_coefficients(expand(f, [x], [sp.Integer(at)], order).coefficients, coefficients_or_error(case, False), case)


@pytest.mark.parametrize("text,at,order", [
    ("1/(1 + cosh(x)**2)", 2, 3),
    ("log(1 + cosh(x)**2)*1/(1 + (sqrt(1 + x**2))**2)", -2, 3),
    ("exp(1/(1 + cosh(x)**2))", 2, 5),
    ("1/(2 + sin(x))", 1, 3),
])
def test_common_inverses_stay_with_the_arithmetic(text: str, at: int, order: int) -> None:
    """The sweep's shapes: the engine answers them (no refusal), with the derivative engine's objects."""
    from taylorcli.parse import parse_expression
    f = parse_expression(text)
    (x,) = f.free_symbols
    point = {x: sp.Integer(at)}
    try:
        got = taylor_coefficients(f, [x], point, order, "total")
    except Unsupported as why:  # pragma: no cover - the failure says why
        pytest.fail(f"refused: {why}")
    same_coefficients(got, coefficients_or_error((f, [x], point, order, "total"), False), text)


def test_risky_shapes() -> None:
    c = 1 + sp.log(2)
    assert risky((X / c + X) ** 2, lambda node: None)
    assert risky(c / (X + c), lambda node: None)
    assert risky(sp.exp(X / (1 + sp.cosh(X) ** 2) + X), lambda node: None)
    assert not risky(1 / (1 + sp.cosh(X) ** 2), lambda node: None)
    assert not risky(sp.exp(X) / (X + c), lambda node: None)
    assert not risky(X / c + sp.exp(X) / (X + c), lambda node: None)


ONEVAR = [
    ("(x/(1 + cosh(x)**2) + x)**2", 2, 1),
    ("exp(x/(1 + cosh(x)**2) + x)", 2, 3),
    ("exp(x + cosh(x))/(1 + sinh(x))", 2, 2),
    ("exp(x + cosh(x))*cosh(x)/(1 + sinh(x))", 2, 3),
]
KEPT = [
    ("1/(1 + cosh(x)**2)", 2, 3),
    ("log(1 + cosh(x)**2)*1/(1 + (sqrt(1 + x**2))**2)", -2, 3),
    ("exp(x + cosh(x))*log(x + cosh(x))", 2, 3),
    ("exp(1/(1 + cosh(x)**2))", 2, 5),
]


@pytest.mark.parametrize("text,at,order", ONEVAR + KEPT)
def test_one_variable_path(text: str, at: int, order: int) -> None:
    """onevar_constants.taylor refuses the first (inverse_risk.onevar_refuses), keeps the second."""
    from taylorcli.parse import parse_expression
    from taylorcli.series import onevar_constants as oc
    _same_as_derivatives(text, at, order)
    f = parse_expression(text)
    (x,) = f.free_symbols
    answered = oc.taylor(f, x, sp.Integer(at), order) is not None
    assert answered == ((text, at, order) in KEPT)


def _same_as_derivatives(text: str, at: int, order: int) -> None:
    from taylorcli.parse import parse_expression
    f = parse_expression(text)
    (x,) = f.free_symbols
    case = (f, [x], {x: sp.Integer(at)}, order, "total")
    same_coefficients(expand(f, [x], [sp.Integer(at)], order).coefficients, coefficients_or_error(case, False), case)
