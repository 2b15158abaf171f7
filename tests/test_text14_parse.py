"""parse_direct's session-14 steps (s**n built inline, a known function's call read at once, product's tail
only after * or /, an exponent leaf, 1/u, -(r*s) in a sum) and parse_fast's bases compared pair by pair:
the very objects (or errors) of the ordinary route, with the quick routes off and with SymPy's own
constructors only (test_parse_single._compare)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from test_parse_single import _compare

_FUNCTIONS = ["exp", "sin", "cos", "atan", "sinh", "cosh", "tanh", "erf", "log", "sqrt", "tan", "zeta", "f"]


def _texts() -> st.SearchStrategy[str]:
    leaves = st.sampled_from(["x", "y", "x**2", "x**-1", "x^3", "(x**2)**2", "(x**3)**-1", "(x)", "2*x", "-3*y",
                              "x/2", "1/x", "1/(1-x)", "3", "1", "0", "-x", "x - 2*y", "x*y", "2*x*y", "pi"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(st.sampled_from(_FUNCTIONS), inner).map(lambda p: f"{p[0]}({p[1]})"),
            st.tuples(inner, st.sampled_from(["2", "3", "-1", "0", "1", "x", "2**2", "(1/2)"]))
            .map(lambda p: f"({p[0]})**{p[1]}"),
            inner.map(lambda u: f"1/({u})"),
            inner.map(lambda u: f"1/{u}"),
            st.tuples(inner, inner, st.sampled_from([" + ", " - ", "*", "/", "-", "+"]))
            .map(lambda p: f"{p[0]}{p[2]}{p[1]}"),
            st.tuples(inner, inner, inner).map(lambda p: f"{p[0]} - {p[1]} + {p[2]}"))
    return st.recursive(leaves, extend, max_leaves=6)


@settings(max_examples=max_examples(250), **SETTINGS)
@given(_texts())
def test_families_build_the_same_objects(text: str) -> None:
    _compare(text)


@pytest.mark.parametrize("text", [
    "log(1+x^2)", "1/(1+x**4)", "exp(x^2)", "sin(x)*cos(x)", "x**3 - 2*x + 1", "(1-x)**2 + 100*(y-x**2)**2",
    "1/(1 + (x**2)**2)", "exp(x**2)", "sinh(x**2)", "sqrt(1 + (x)**2) + cosh(x**2)",
    "log(1 + (x + 1)**2) * sqrt(1 + (x + 2)**2)", "sinh(-2*x) + log(1 + (x)**2)", "cos(2*x)", "x - 2*y",
    "1 - x/2", "x - -2*x", "x - (-1)*x", "y - (-x)", "x - 1*x", "2*x - 2*x", "x*y - 2*x*y", "x**2**3", "x**2**-1",
    "x**(2)", "x**-2**2", "(x**2)**0", "(x**2)**1", "(x**-1)**-1", "(x**400)**400", "x**99999", "1/1", "1/0",
    "1/(x - x)", "1/exp(x)", "1/(1/x)", "1/(-x)", "1/(2*x)", "sin(x)(2)", "sin (x)", "exp(x)*exp(2*x)", "x*x",
    "2*x*x", "sin(x)*sin(x) + 1", "x*y*x", "zeta(x)", "f(x)", "sin(x, y)", "sin()", "e**x", "E**x",
])
def test_named_texts(text: str) -> None:
    _compare(text)
