"""Products of factors whose irrational constant is only added (log(1 + x**2)*log(2 + x**4) at
-1/3, log(1 + x)*atan(x) at 2): onevar_sums takes each factor as its rational series plus the
leaves of its constant (onevar_products.term_parts with no function places) where the walk's
offsets refuse the product; constants_route sends such a product there. The objects are the
derivative engine's, and the same as with the route off (``OFFSET_PRODUCTS``: onevar_constants'
walk or the full path answers).

Hypothesis draws sums of one or two terms, products of two or three offset factors (logs and
atans of polynomials, rational multiples, powers), with or without a cycle's function, at
negative, fractional and integer points, orders 1 to 8."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_with_patches
from taylorcli.series import onevar_sums

OFFSETS = ["log(1 + x**2)", "log(1 + (x**2)**2)", "log(1 + (sqrt(1 + x**4))**2)", "log(x + 3)", "log(1 + (x + {r})**2)",
           "atan(x)", "atan(2*x + {r})", "log(1 + (3*x)**2)", "{q}*log(1 + x**2)", "log(5 - x)"]
OTHERS = ["", "", "x*", "{q}*", "sin(x)*", "cos(x + {r})*", "exp(x)*", "1/(1 + x**2)*"]


@st.composite
def cases(draw: st.DrawFn) -> str:
    terms = []
    for _ in range(draw(st.integers(1, 2))):
        q, r = draw(st.sampled_from([-2, 3, "1/2"])), draw(st.sampled_from([-1, 1, 2]))
        factors = [draw(st.sampled_from(OFFSETS)).format(q=q, r=r) for _ in range(draw(st.integers(2, 3)))]
        terms.append(draw(st.sampled_from(OTHERS)).format(q=q, r=r) + "*".join(f"({f})" for f in factors))
    return " + ".join(terms)


def _as_before(text: str, at: str, order: int) -> None:
    same_with_patches(text, at, order, [(onevar_sums, "OFFSET_PRODUCTS", False)])


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from(["0", "1", "-2", "1/2", "-1/3", "3", "2/3"]), st.integers(1, 8))
def test_offset_products_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)


@pytest.mark.parametrize("text,at", [("log(1 + x**2) * log(1 + (sqrt(1 + x**4))**2)", "-1/3"),
                                     ("log(1 + (x**2)**2) * log(1 + (x)**2)", "3"),
                                     ("log(1 + x)*log(2 + x)*log(3 + x)", "1/2"), ("3*log(1 + x**2)*atan(x)", "2"),
                                     ("log(1 + x**2)*log(2 + x) + sin(x)", "1"), ("atan(x)*atan(2*x)", "1"),
                                     ("log(1 + x**2)*log(1 + x**2)", "1"), ("log(1 + x**2)*log(2 + x)", "0")])
@pytest.mark.parametrize("order", [1, 2, 5])
def test_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)
