"""gamma at positive integer points by series arithmetic (compose.Walker._gamma) against the derivative engine and mpmath.

log gamma(a + t) = log gamma(a) + sum_k polygamma(k - 1, a) t**k / k!, so gamma(a + t) is exp of
that series times gamma(a). The coefficients must be the very objects the derivative engine
gives (EulerGamma, pi**2, zeta(3) ... exact), and their values must be mpmath's Taylor
coefficients of gamma at 60 digits.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, X, max_examples
from taylorcli.expansion import _taylor
from taylorcli.series.engine import taylor_coefficients
from taylorcli.series import Unsupported

CASES = [sp.gamma(X), sp.gamma(X) ** 2, sp.exp(X) * sp.gamma(X + 1), sp.gamma(2 * X + 1), sp.gamma(X ** 2 - X + 1) * sp.sin(X),
         1 / sp.gamma(X), sp.gamma(X) * sp.log(X), sp.gamma(X ** 2 + 1) * sp.cos(X)]


@pytest.mark.parametrize("expr", CASES)
@pytest.mark.parametrize("a", [1, 2, 3])
def test_gamma_is_the_derivative_engines(expr: sp.Expr, a: int) -> None:
    point = {X: sp.Integer(a)}
    for order in (0, 2, 6):
        ours = taylor_coefficients(expr, [X], point, order, "total")  # the arithmetic did it (no Unsupported)
        assert ours == _taylor(expr, [X], point, order, "total", arithmetic=False), (expr, a, order)
        assert _taylor(expr, [X], point, order, "total") == ours


@pytest.mark.parametrize("a", [sp.Rational(1, 2), sp.Rational(1, 3), sp.Integer(0), sp.Integer(-1), sp.sqrt(2)])
def test_gamma_elsewhere_is_left_to_the_derivative_engine(a: sp.Expr) -> None:
    # at 1/2, 1/3 the derivative engine is faster (sqrt(pi), sqrt(3)*pi); at 0, -1 a pole
    with pytest.raises(Unsupported):
        taylor_coefficients(sp.gamma(X), [X], {X: a}, 3, "total")


@pytest.mark.parametrize("a", [1, 2, 5])
def test_gamma_coefficients_are_mpmaths(a: int) -> None:
    order = 8
    ours = dict(taylor_coefficients(sp.gamma(X), [X], {X: sp.Integer(a)}, order, "total"))
    mpmath.mp.dps = 60
    try:
        expected = mpmath.taylor(mpmath.gamma, a, order)
        for k in range(order + 1):
            value = sp.N(ours.get((k,), sp.Integer(0)), 60)
            assert abs(mpmath.mpf(str(value)) - expected[k]) < mpmath.mpf(10) ** -50, (a, k)
    finally:
        mpmath.mp.dps = 15


_INNER = (lambda u: u, sp.sin, sp.exp, lambda u: u ** 2, lambda u: 2 * u)
_OUTER = (lambda g: g, lambda g: 1 / g, lambda g: g ** 2, sp.log, lambda g: g * sp.exp(X))


@settings(max_examples=max_examples(15), **SETTINGS)
@given(st.sampled_from(_INNER), st.sampled_from(_OUTER), st.integers(1, 3), st.integers(0, 5), st.integers(1, 3))
def test_random_gamma_compositions_are_the_derivative_engines(inner, outer, shift: int, order: int, a: int) -> None:
    expr = outer(sp.gamma(inner(X) + shift))
    point = {X: sp.Integer(a)}
    try:
        ours = taylor_coefficients(expr, [X], point, order, "total")
    except Unsupported:
        return  # (the argument is not an integer at the point: exp(1) + 1)
    assert ours == _taylor(expr, [X], point, order, "total", arithmetic=False), (expr, a, order)
