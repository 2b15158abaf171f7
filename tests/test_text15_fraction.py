"""parse_direct.fraction: p/q of whole numbers read in one pass (``x**(1/2)``, ``1/2 + x``) gives the objects and
errors of the ordinary route and of SymPy's own constructors (test_parse_single._compare)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from test_parse_single import _compare


@pytest.mark.parametrize("text", [
    "(1 + x)^(1/2)", "x**(1/2)", "x^(-1/2)", "x/2 + 1/3", "(1/2)*x", "1/2 + x", "x**(3/2)", "x**(4/2)", "x**(2/1)",
    "x**(0/3)", "x**(1/0)", "(-8)**(1/3)", "(-1/2)**x", "2**(1/2)", "(1/2)**x", "x**(10001/2)",
    "x**(100000000000000000000/3)", "x + 1/3 - 1/3", "1/2*x + 1/2*x", "(1/3)**(1/2)*x", "(-1)**(1/2)",
    "x**(-1/2)*y**(1/2)", "exp(1/2*x)", "sin(x)**(3/2)", "(x**2+1)**(1/2)", "log(x)**(1/2)", "1/(2/3)", "(2/3)/x",
    "x/(2/3)", "x**(9007199254740993/2)", "x + 9007199254740993/3", "-1/2 + x", "x**-(1/2)"])
def test_fraction_texts(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.integers(-10**17, 10**17), st.integers(-10**17, 10**17), st.sampled_from(["x**({})", "{} + x", "({})*x",
                                                                                     "exp({}*y)", "(x + 1)**({})"]))
def test_random_fractions(p: int, q: int, shape: str) -> None:
    _compare(shape.format(f"{p}/{q}"))
