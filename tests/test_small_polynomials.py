"""Expansion.polynomial (sortkey_univariate.rational_univariate, keyed_onevar) is SymPy's own sum of c*(x - a)**n,
node for node, on one-variable expansions of the sweep's shapes: rational coefficients at 0, an
irrational constant term (pi/4, log(2), sqrt(2)), coefficients with constants at other points."""

from __future__ import annotations

import pytest
import sympy as sp
from same_object import same_expr

from taylorcli import expand

_CASES = [
    ("atan(x)", "0", 30), ("1/(1 + (3*x)**2)", "0", 30), ("sin(x**2)", "0", 20), ("sin(x)", "0", 12),
    ("log(1 + (x)**2)", "0", 3), ("sinh(x**2) * atan(x)", "0", 12), ("exp(-2*x)", "3/2", 2),
    ("log(1 + (3*x)**2)", "-1", 3), ("exp(-2*x) * 1/(1 + (x)**2)", "3", 2), ("cos(x + 1)", "0", 2),
    ("log(1 + (x**2)**2)", "2", 5), ("atan(x)", "1", 6), ("atan(x) + 3*x", "1", 5), ("atan(x/2)", "2", 5),
    ("sqrt(2)*x + atan(x)", "1", 4), ("pi*exp(x)", "0", 3), ("x + log(2 + x)", "0", 4), ("exp(x) + x**3", "1/2", 4),
    ("1 + x + x**2", "0", 3), ("x**2", "-2", 3), ("cosh(x)", "0", 9), ("erf(x)", "0", 7), ("sqrt(1 + x**2)", "0", 8),
    ("sqrt(1 + x**2)", "3", 3), ("exp(x)*sin(x)", "0", 10), ("1/(1 + x**2)", "1/3", 6), ("-x", "0", 2), ("x", "5", 1),
    ("atan(x) + log(1 + x)", "1", 3), ("exp(x - 1)", "1", 5), ("2*cos(x)", "0", 4), ("x*exp(3*x)", "-1", 3),
]


def _sympys(e: object) -> sp.Expr:
    return sp.Add(*(c * e.monomial(p) for p, c in e.coefficients))


@pytest.mark.parametrize(("text", "at", "order"), _CASES)
def test_polynomial_is_sympys_sum(text: str, at: str, order: int) -> None:
    e = expand(text, "x", at, order)
    same_expr(e.polynomial, _sympys(e))
