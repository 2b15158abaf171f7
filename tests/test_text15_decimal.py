"""parse_decimal: a decimal literal read by the one-pass reader (``0.5*(x^2 + 10*y^2)`` no longer goes to ``ast``):
the leaf is the builder's (``Decimal(literal).as_integer_ratio()``, ``float(literal)``), and texts with decimals
parse to the objects and errors of the ordinary route and of SymPy's own constructors (test_parse_single._compare)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import same_expr
from strategies import SETTINGS, max_examples
from taylorcli.parse_decimal import decimal
from taylorcli.parse_direct import one_pass
from taylorcli.parse_fast import number
from test_parse_single import _compare

_DIGITS = st.text("0123456789", min_size=1, max_size=20)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(_DIGITS, _DIGITS)
def test_decimal_is_the_builders_rational(whole: str, fraction: str) -> None:
    from sympy.core.cache import clear_cache
    token = whole + "." + fraction
    got, estimate, kind = decimal(token, number)
    clear_cache()
    n, d = Decimal(token).as_integer_ratio()
    want = sp.Rational(n, d)
    same_expr(got, want)
    assert got == want and sp.srepr(got) == sp.srepr(want) and kind == 0
    assert estimate == float(token) == eval(token)  # noqa: S307 - a test: Python's own reading of the literal


@pytest.mark.parametrize("token", ["01", "1.", ".5", "1.5e", "1.5e3", "1_0.5", "0.5_1", "2x", "1.5.2", "",
                                   "0." + "1" * 100])
def test_decimal_refuses_other_tokens(token: str) -> None:
    with pytest.raises(ValueError):
        decimal(token, number)


def test_the_one_pass_reads_decimals() -> None:
    assert one_pass("0.5*(x**2 + 10*y**2)") is not None and one_pass("x + 0.25") is not None
    assert one_pass("1.5e3*x") is None and one_pass("0.5x") is None and one_pass("1.x") is None


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from(["0.5", "2.0", "00.25", "1.125", "0.1", "3.50", "10.0", "0.0", "7"]),
                          st.sampled_from(["*x", "*sin(y)", "", "*(x + 1)", "**x", "/x", "*x**2"]),
                          st.sampled_from([" + ", " - ", "*", "/"])), min_size=1, max_size=4), st.booleans())
def test_texts_with_decimals_build_the_same_objects(pieces: list, negative: bool) -> None:
    text = ("-" if negative else "") + "".join(a + b + op for a, b, op in pieces)[:-1].rstrip(" +-*/")
    _compare(text)


@pytest.mark.parametrize("text", [
    "0.5*(x^2 + 10*y^2)", "x + 0.5", "-0.5*x", "x**0.5", "x**-0.5", "2**0.5", "0.5**x", "(-0.5)**x", "1/0.0",
    "0.0*x", "x/0.5", "1.5 + 2.5", "0.1 + 0.2", "10.0**400", "sin(0.5)", "log(0.5)", "00.5*x", "1.5e3*x", "1.x",
    "0.5x", "0.5_1", "1.5.2", "0." + "1" * 100 + "*x", "0." + "1" * 99 + "*x", "x*.5", "atan(0.5*x/y)",
    "0.999999999999999999999*x", "exp(-0.5*x**2)"])
def test_decimal_texts_build_the_same_objects(text: str) -> None:
    _compare(text)
