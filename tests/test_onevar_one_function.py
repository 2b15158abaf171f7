"""onevar.taylor: where ``_one_function``'s walk of f's argument fails (sin(cos(x + 3)) at 0,
sinh(exp(x**2)) at 3: an irrational constant inside), the walk of f(arg) is not tried again
(it walks arg first and fails too) and onevar_constants answers. The objects are the derivative
engine's, and the same as with the second walk.

Hypothesis draws a lone function (or a rational times it) of nested arguments, with negative and
fractional points and orders 1 to 6."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_with_patches
from taylorcli.series import onevar

FUNCTIONS = ["exp", "sin", "cos", "sinh", "cosh"]
INNER = ["cos(x + {r})", "exp(x**2)", "exp(-3*x)", "sin(x)", "log(1 + x**2)", "sqrt(1 + x**2)", "atan(x)", "erf(x)",
         "x**2 + {r}", "1/(1 + (x + {r})**2)", "log(x + 3)", "exp(x) - 1", "sinh(x)**2"]


@st.composite
def cases(draw: st.DrawFn) -> str:
    r = draw(st.sampled_from([-2, 1, 3]))
    text = draw(st.sampled_from(FUNCTIONS)) + "(" + draw(st.sampled_from(INNER)).format(r=r) + ")"
    return draw(st.sampled_from(["", "", "-", "3*", "-2/5*"])) + text


def _as_before(text: str, at: str, order: int) -> None:
    plain = onevar._one_function
    same_with_patches(text, at, order, [(onevar, "_one_function",
                                         lambda expr, x, a, order, failed=None: plain(expr, x, a, order))])


@settings(max_examples=80, deadline=None)
@given(cases(), st.sampled_from(["0", "1", "-2", "1/2", "-2/3", "3"]), st.integers(1, 6))
def test_lone_functions_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)


@pytest.mark.parametrize("text,at", [("sin(cos(x + 3))", "0"), ("sinh(exp(x**2))", "3"), ("cos(exp(-3*x))", "2"),
                                     ("cos(log(1 + x**2))", "1"), ("-3*sin(cos(x + 3))", "0"),
                                     ("exp(sqrt(1 + x**2))", "1/2")])
@pytest.mark.parametrize("order", [1, 3])
def test_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    _as_before(text, at, order)
