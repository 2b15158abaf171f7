"""series/onevar_fused.py: the (powers, value) list and ``Expansion.polynomial`` made in one pass are the
very objects of the separate builders (onevar.taylor's list, expansion_polynomial's sum) and SymPy's own
``Add(*(c * (x - a)**n))``, node for node, and the coefficients are the derivative engine's."""

from __future__ import annotations

import pytest
import sympy as sp
from same_object import onevar_is_the_full_path, same_expr

from taylorcli import expand
from taylorcli.expansion_polynomial import polynomial as built_apart
from taylorcli.parse import parse_expression

_CASES = [
    ("atan(x)", "0", 30), ("1/(1 + (3*x)**2)", "0", 30), ("sin(x**2)", "0", 20), ("sin(x)", "0", 12),
    ("log(1 + x**2)", "0", 3), ("log(1 + (x)**2)", "0", 1), ("exp(x)", "0", 0), ("exp(x)", "0", 1),
    ("1/(1 - x)", "0", 6), ("1/(1 + x)", "0", 6), ("-1/(1 - x)", "0", 5), ("2/(1 - x)", "0", 4),
    ("x**2", "-2", 3), ("x", "5", 1), ("-x", "0", 2), ("x + 1", "-1", 2), ("1 + x + x**2", "0", 3),
    ("1/(1 + x**2)", "1/3", 6), ("1/(1 + x)", "1", 4), ("1/(1 + x)", "-1/2", 4), ("sqrt(1 + x**2)", "0", 8),
    ("exp(x)*sin(x)", "0", 10), ("cosh(x)", "0", 9), ("erf(x)", "0", 7), ("sin(x)**2", "0", 8),
    ("x**3 - x", "1", 3), ("1/(2 - x)", "1", 5), ("(1 + x)**5", "-1", 6), ("3 + 0*x", "0", 2), ("x*(1 - x)", "1/2", 3),
    ("1/(3 + x)**2", "-2", 4), ("2*x - 1", "1/2", 2), ("x/2 - 1/4", "1/2", 2), ("atan(x)", "1", 6),
    ("atan(x) + log(1 + x)", "1", 3), ("tan(x)", "0", 15), ("asin(x)", "0", 9), ("(1 + 2*x)**(-3)", "0", 10),
]


@pytest.mark.parametrize(("text", "at", "order"), _CASES)
def test_one_pass_is_the_separate_builders(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)  # the derivative engine's coefficients, the full path's polynomial
    for f in (text, parse_expression(text)):
        e = expand(f, "x", at, order)
        apart = built_apart(e)  # expansion_polynomial's own sum of the same list
        same_expr(e.polynomial, apart)
        same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


def test_made_in_one_pass() -> None:
    for text, at, order in (("atan(x)", "0", 30), ("1/(1 + x)", "1", 4), ("x", "5", 1)):
        e = expand(text, "x", at, order)
        assert e.made is not None and e.made[0] is e.coefficients and e.polynomial is e.made[1]


def test_a_replaced_list_is_built_again() -> None:
    e = expand("1/(1 - x)", "x", "0", 4)
    e.coefficients = [(p, 2 * c) for p, c in e.coefficients]  # (commands.py replaces the list so)
    same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


@pytest.mark.parametrize("assumptions", [{}, {"real": True}, {"positive": True}, {"integer": True}])
def test_own_symbol(assumptions: dict) -> None:
    x = sp.Symbol("x", **assumptions)
    for f, at in ((sp.atan(x), None), (1 / (1 + x), "2"), (x**3 - 2 * x, "-1/3")):
        e = expand(f, [x], at, 5)
        (v,) = e.variables
        (own,) = f.free_symbols  # (SymPy's cache may give f another x equal to this one: f's own is taken)
        assert v is own
        same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


def test_a_long_coefficient_goes_to_the_full_path() -> None:
    # past guard.check_size's limit the lean path says None, as before, whatever the full path then says
    with pytest.raises(Exception):  # noqa: B017 - the full path's own error
        expand("1/(1 - 10**5000*x)", "x", "0", 3).polynomial
