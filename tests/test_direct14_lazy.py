"""direct.Direct's keys of the generators' powers (sortkey.key_by_id, by id, direct14): the same order as sort_key's.

The coefficients and the polynomial must stay the derivative engine's objects, whichever order the
one-term and the many-term coefficients meet a power in.
"""
from __future__ import annotations

import pytest
import sympy as sp
from flint import fmpq
import symengine as se

from taylorcli.parse import parse_expression
from taylorcli.series import direct
from taylorcli.series.direct import Direct
from tests.same_object import coefficients_or_error, onevar_is_the_full_path, same_coefficients, same_expr

CASES = [
    ("sin(x) + log(1 + log(1 + x**2)**2)", "1", 3),
    ("1/(1 + x**2) + sinh(atan(x + 1))", "-1", 2),
    ("exp(sin(x))*cos(x)", "2", 5),
    ("atan(exp(x)) + log(1 + sin(x)**2)", "1/2", 4),
    ("sqrt(1 + cos(x)**2)*exp(x)", "3", 4),
    ("erf(sinh(x)) + cosh(log(1 + x**2))", "-2", 3),
]


@pytest.mark.parametrize("text,at,order", CASES)
def test_onevar_is_the_derivative_engine(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


@pytest.mark.parametrize("text,variables,point,order", [
    ("cos(exp(v*u*x*w)) * cosh(z*y)", "v,u,x,w,z,y", "0,0,0,0,0,0", 2),
    ("sin(x + 1)*exp(y - 2)", "x,y", "1,2", 3),
])
def test_multivariate_is_the_derivative_engine(text: str, variables: str, point: str, order: int) -> None:
    f = parse_expression(text)
    names = variables.split(",")
    symbols = sorted(f.free_symbols, key=lambda s: names.index(s.name))
    at = {s: sp.Rational(v) for s, v in zip(symbols, point.split(","))}
    case = (f, symbols, at, order, None)
    same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)


def _direct() -> Direct:
    return Direct([se.exp(2), se.sin(4), se.log(3)], None, {}, lambda c: sp.Rational(int(c.p), int(c.q)))


@pytest.mark.parametrize("order", [0, 1])
def test_lone_power_then_sums(order: int) -> None:
    """A power met alone first, then in sums and products (and the reverse): SymPy's own objects."""
    E2, S4, L3 = sp.exp(2), sp.sin(4), sp.log(3)
    calls = [
        ([((0, 2), fmpq(3))], 3 * S4**2),
        ([((0, 2), fmpq(1)), ((1,), fmpq(2))], S4**2 + 2 * E2),
        ([((1, 2), fmpq(1, 2))], E2 * S4**2 / 2),
        ([((0, 0, 1), fmpq(1))], L3),
        ([((0, 0, 1), fmpq(1)), ((0, 2, 1), fmpq(-1))], L3 - S4**2 * L3),
        ([((1,), fmpq(1)), ((0, 0, 1), fmpq(5))], E2 + 5 * L3),
    ]
    if order:
        calls.reverse()
    d = _direct()
    for items, want in calls:
        got = d.value(items, [])
        same_expr(got, want)


def test_one_term_off_is_the_same() -> None:
    """ONE_TERM off (every coefficient by the sum's path, keys made) gives the same objects."""
    for text, at, order in CASES[:3]:
        onevar_is_the_full_path(text, at, order)
        saved = direct.ONE_TERM
        direct.ONE_TERM = False
        try:
            onevar_is_the_full_path(text, at, order)
        finally:
            direct.ONE_TERM = saved
