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


def test_square_roots_with_square_factors():
    """SymEngine keeps sqrt(50); convert.to_sympy gives SymPy's 5*sqrt(2) (constants_roots.root_of_square)."""
    import symengine as se

    from taylorcli.constants_roots import root_of_square
    from taylorcli.convert import to_sympy

    for n in list(range(2, 20000)) + [2**19 * 3, 999_999, 1_048_575, 2**20 - 4, 720_720]:
        got = root_of_square(n)
        if got is None:
            continue
        same_expr(got, sp.sqrt(sp.Integer(n)))
    clear_cache()
    same_expr(to_sympy(se.Pow(se.Integer(50), se.Rational(1, 2)), {}, [], {}), sp.sqrt(50))
