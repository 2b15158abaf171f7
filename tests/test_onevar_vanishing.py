"""onevar._vanishes by shape through odd functions, powers and sums (sinh(x**2), sin(3*x)**2,
atan(x) + x**3): at 0 a sum or product of cycles' functions of such arguments goes to the rational
walk first, not through onevar_sums' term_parts (which walked each term, found every value
rational and gave up). The objects are the derivative engine's, and the same as with the old
shape test (a route chosen, never an answer changed).

Hypothesis draws sums of one to three terms, functions of nested arguments that vanish at 0 or
not (x + 1, cos(x), exp(x) - 1, 1/x), at 0 (the test is asked only there), orders 1 to 8.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_with_patches
from taylorcli.series import onevar

FUNCTIONS = ["exp", "sin", "cos", "sinh", "cosh"]
INNER = ["x", "{q}*x", "x**2", "{q}*x**3", "sinh(x**2)", "sin({q}*x)", "atan(x)", "erf(x)", "tan(x)", "sin(x)**2",
         "sinh(x) + x**2", "x + {r}", "cos(x)", "exp(x) - 1", "1/x", "log(1 + x)", "sqrt(x)", "sin(x) + {r}",
         "x*cos(x)", "erf(x + {r})"]
FACTORS = ["", "", "x*", "{q}*", "sqrt(2)*", "cos(x)*", "exp(x + {r})*"]


@st.composite
def sums(draw: st.DrawFn) -> str:
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        q, r = draw(st.sampled_from([-3, -1, 2, 5])), draw(st.sampled_from([-2, 1, 3]))
        inner = draw(st.sampled_from(INNER)).format(q=q, r=r)
        if draw(st.booleans()):
            inner = draw(st.sampled_from(["sin", "sinh", "atan", "erf"])) + f"({inner})"
        terms.append(draw(st.sampled_from(FACTORS)).format(q=q, r=r) + draw(st.sampled_from(FUNCTIONS)) + f"({inner})")
    return " + ".join(terms)


def _old_vanishes(arg: sp.Expr) -> bool:
    """The shape test before: a symbol, a symbol's positive integer power, a rational times one."""
    if arg.is_Mul:
        args = arg._args
        if len(args) != 2 or not args[0].is_Rational:
            return False
        arg = args[1]
    if arg.is_Pow:
        base, n = arg._args
        return base.is_Symbol and n.is_Integer and n.p > 0
    return arg.is_Symbol


def _as_before(text: str, at: str, order: int) -> None:
    same_with_patches(text, at, order, [(onevar, "_vanishes", _old_vanishes)])


@settings(max_examples=30, deadline=None)
@given(sums(), st.integers(1, 8))
def test_vanishing_arguments_are_the_derivative_engines(text: str, order: int) -> None:
    onevar_is_the_full_path(text, "0", order)
    _as_before(text, "0", order)


@pytest.mark.parametrize("text", ["sinh(x) + exp(sinh(x**2))", "exp(sin(3*x)**2) + cos(x)", "sin(sinh(x**2))*exp(x)",
                                  "cos(atan(x) + x**3) - sinh(erf(x))", "exp(tan(x)) + sin(x)",
                                  "exp(sinh(x**2)) + cos(x + 1)", "exp(x*cos(x)) + sin(x)"])
@pytest.mark.parametrize("order", [1, 4, 8])
def test_cases(text: str, order: int) -> None:
    onevar_is_the_full_path(text, "0", order)
    _as_before(text, "0", order)


def test_shapes() -> None:
    x = sp.Symbol("x")
    assert onevar._vanishes(sp.sinh(x**2)) and onevar._vanishes(sp.sin(3 * x) ** 2)
    assert onevar._vanishes(sp.atan(x) + x**3) and onevar._vanishes(-sp.erf(x / 2))
    assert not onevar._vanishes(sp.cos(x)) and not onevar._vanishes(x + 1) and not onevar._vanishes(sp.exp(x) - 1)
    assert not onevar._vanishes(sp.sin(x) ** -2) and not onevar._vanishes(sp.sqrt(x))
