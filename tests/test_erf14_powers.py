"""constants.power of erf(c) and of pi's rational powers builds Pow's own object (compared with g**e)."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.constants import power, unevaluated
from same_object import same_expr


@pytest.mark.parametrize("q", [sp.Rational(-1, 2), sp.Rational(1, 2), sp.Integer(-1), sp.Rational(-3, 2),
                               sp.Rational(1, 3), sp.Rational(-2, 3), sp.Integer(2)])
@pytest.mark.parametrize("e", [2, 3, 4, 5, 7])
def test_powers_of_pi_powers(q, e):
    g = sp.Pow(sp.pi, q)
    clear_cache()
    want = g**e
    clear_cache()
    same_expr(power(g, e), want)


@pytest.mark.parametrize("arg", [sp.Integer(2), sp.Rational(1, 3), sp.Rational(7, 2)])
@pytest.mark.parametrize("e", [2, 3, 6])
def test_powers_of_erf(arg, e):
    g = unevaluated(sp.erf, arg)
    clear_cache()
    want = sp.erf(arg)**e
    clear_cache()
    same_expr(power(g, e), want)
    nested = unevaluated(sp.erf, unevaluated(sp.sin, arg))
    same_expr(power(nested, e), sp.erf(sp.sin(arg))**e)


@pytest.mark.parametrize("e", [2, 3, 8])
def test_powers_of_pi(e):
    clear_cache()
    want = sp.pi**e
    clear_cache()
    same_expr(power(sp.pi, e), want)
