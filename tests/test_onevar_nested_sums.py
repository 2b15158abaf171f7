"""onevar_sums.nested: at a point other than 0, a sum or product whose function's argument (or
another factor or term) holds exp, sin, cos, sinh, cosh or erf of something other than a linear
q*x + r vanishing there (sin(exp(x)) + cosh(x**2) at 3, exp(sin(x + 3))*cosh(-2*x) at 1,
atan(cos(x))*sin(x**2) at 1/2) skips onevar_sums (whose
term_parts walked, then refused) for onevar_constants' walk. The objects are the derivative
engine's, and the same as with the test off (a route chosen, never an answer changed).

Hypothesis draws sums and products of one to three terms with nested functions whose inner
argument vanishes at the point or not, at negative, fractional and integer points, orders 1 to 5.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_with_patches
from taylorcli.parse import parse_expression
from taylorcli.series import onevar_sums

FUNCTIONS = ["exp", "sin", "cos", "sinh", "cosh"]
# {v}: a linear form vanishing at the point; {w}: one that does not
INNER = ["exp({v})", "sin({v})", "cosh({w})", "exp(x)", "sin(x**2)", "erf({w})", "erf({v})", "x**2", "x + {r}",
         "log(1 + x**2)", "cos({v}) + x", "sinh({w})*x"]
FACTORS = ["", "", "x*", "{r}*", "cos(x)*", "exp(x + {r})*", "sinh({v})*", "atan(cos(x))*", "atan(cos({v}))*",
           "log(1 + sin(x)**2)*", "erf(x)*", "sqrt(1 + exp({v}))*", "(1 + x**2)*"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, str]:
    p, q = draw(st.sampled_from([(1, 1), (-1, 1), (2, 1), (1, 2), (-2, 3), (3, 1)]))
    a = sp.Rational(p, q)
    v = draw(st.sampled_from([f"x - ({a})", f"2*x - 2*({a})", f"-x/3 + ({a})/3"]))
    w = draw(st.sampled_from(["x", "x + 2", "3*x - 1", "-x"]))
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.sampled_from([-2, 1, 3]))
        inner = draw(st.sampled_from(INNER)).format(v=v, w=w, r=r)
        terms.append(draw(st.sampled_from(FACTORS)).format(v=v, r=r) + draw(st.sampled_from(FUNCTIONS)) + f"({inner})")
    joiner = draw(st.sampled_from([" + ", "*"]))
    return str(parse_expression(joiner.join(terms))), str(a)


def _as_before(text: str, at: str, order: int) -> None:
    same_with_patches(text, at, order, [(onevar_sums, "_nested", lambda *_: False), (onevar_sums, "nested", lambda *_: False)])


@settings(max_examples=50, deadline=None)
@given(cases(), st.integers(1, 5))
def test_nested_arguments_are_the_derivative_engines(case: tuple[str, str], order: int) -> None:
    text, at = case
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)


@pytest.mark.parametrize("text,at", [("sin(exp(x)) + cosh(x**2)", "3"), ("exp(sin(x + 3))*cosh(-2*x)", "1"),
                                     ("exp(sin(x - 1))*cosh(2*x)", "1"), ("exp(sin(-x/3 + 1/3))*cos(x)", "1"),
                                     ("sin(x + erf(3)) + cos(x)", "1"), ("cos(log(1 + x**2)) + sin(x)", "1"),
                                     ("exp(erf(x + 1/2))*sin(x)", "-1/2"), ("atan(cos(x))*sin(x**2)", "1/2"),
                                     ("atan(cos(x - 1))*sin(x)", "1"), ("sin(x) + log(1 + cos(x)**2)", "2")])
@pytest.mark.parametrize("order", [1, 3])
def test_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)


def test_shapes() -> None:
    f = parse_expression("sin(exp(x)) + cosh(x**2)")
    assert onevar_sums.nested(f, sp.Integer(3)) and not onevar_sums.candidate(f, sp.Integer(3))
    assert not onevar_sums.nested(f, sp.Integer(0))
    g = parse_expression("exp(sin(2*x - 2)) + cos(x)")
    assert not onevar_sums.nested(g, sp.Integer(1)) and onevar_sums.candidate(g, sp.Integer(1))
