"""Everyday texts (issue 9: parse time) build the very objects of the ordinary route, or its very errors.

parse_direct's one-pass reader cuts the text with one ``findall`` and reads it with
three methods; the texts here are soups of its tokens and of the characters it must
refuse (``2x``, ``01``, ``1.5``, ``1_0``, ``,``, tabs, a trailing space, a lone
``+``), and the sweep's families: nested calls, squares ``(u)**2`` of calls and
sums, ``1/(1 + (...)**2)``, sums of calls, redundant brackets. Each is parsed as
shipped, with the quick routes off (test_parse_single), and with SymPy's own
constructors only (test_fast_paths): the same object (srepr, hash, args down the
tree) or the same error (class, message).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from test_parse_single import _compare

_SOUP = ["x", "y", "x1", "_a", "2", "10", "01", "2x", "1.5", "1_0", "0", "pi", "e", "E", "sin", "cos", "exp",
         "sqrt", "log", "atan", "cosh", "erf", "tan", "(", ")", "+", "-", "*", "/", "**", "^", ",", " ", "\t",
         "lambda", "oo", "abs", "zeta"]

_FUNCTIONS = ["exp", "sin", "cos", "atan", "sinh", "cosh", "tanh", "erf", "log", "sqrt", "tan"]


def _family() -> st.SearchStrategy[str]:
    leaves = st.sampled_from(["x", "x**2", "(x)", "x + 1", "2*x", "(x + 1)", "-x", "x - 1", "3"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(st.sampled_from(_FUNCTIONS), inner).map(lambda p: f"{p[0]}({p[1]})"),
            inner.map(lambda u: f"({u})**2"),
            inner.map(lambda u: f"1/(1 + ({u})**2)"),
            inner.map(lambda u: f"1 + ({u})**2"),
            st.tuples(inner, inner, st.sampled_from([" + ", " - ", "*"])).map(lambda p: f"{p[0]}{p[2]}{p[1]}"),
            inner.map(lambda u: f"({u})"))
    return st.recursive(leaves, extend, max_leaves=5)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.sampled_from(_SOUP), min_size=1, max_size=9).map("".join))
def test_token_soups_parse_as_the_ordinary_route(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(100), **SETTINGS)
@given(_family())
def test_everyday_families_build_the_same_objects(text: str) -> None:
    _compare(text)


@pytest.mark.parametrize("text", [
    "log(1 + (atan(x**2))**2) + 1/(1 + (x**2)**2)", "sin(x) + cos(1/(1 + (x + 1)**2))", "exp(1/(1 + (x**2)**2))",
    "cosh(x) + cos(x)", "sqrt(1 + (x)**2)", "exp(x**2)", "sin(x**2)", "cos(x)", "((x))", "(x)**2 ", "x  +  1  ",
    "2x", "01", "x.5", "1.5*x", "x,", "+x", "x +", "()", "sin()", "x**", "1_0*x", "x**-2", "-x**-2", "- - x",
    "sin(x) + (cos(x) + 1)", "(sin(x) + 1) + cos(x)", "(x*y)*z", "x*(y*z)", "(1 + (x)**2)**(1/2)", "é", "x\u00b2",
])
def test_named_everyday_texts(text: str) -> None:
    _compare(text)
