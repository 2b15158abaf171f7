"""The parser's quick routes (issue 9: parse cost) give the very objects of the ordinary route.

Random expression texts (nested calls of known functions, powers with negative
and rational exponents, unary minus, rationals and decimals, pi, E, names that
are --param parameters) are parsed three ways: as shipped; with the quick
routes of this slice off (``parse_single.one_name``, ``parse_direct.one_pass``,
the per-parse memo of ``finite_by_shape``); and with every shortcut off, SymPy's own constructors
only (``test_fast_paths._without_shortcuts``). The outcomes must be the same:
equal objects with the same srepr, hash, types and args all the way down and
the same commutativity, or the same error (class and message).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli import parse
from taylorcli.errors import TaylorError
from taylorcli.parameters import set_parameters
from test_fast_paths import _same, _without_shortcuts

_FUNCTIONS = ["exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "atan", "asin", "log", "sqrt", "erf", "asinh",
              "acosh", "sec", "abs"]
_EXPONENTS = ["2", "3", "-1", "-2", "(1/2)", "(-1/2)", "(1/3)", "(3/2)", "0", "1", "0.5", "-3"]
_LEAVES = ["x", "y", "z", "a", "b", "1", "2", "3", "0", "-1", "(1/2)", "(-2/3)", "0.25", "pi", "E", "e"]


def _texts() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        pairs = st.tuples(inner, inner)
        return st.one_of(
            st.tuples(st.sampled_from(_FUNCTIONS), inner).map(lambda p: f"{p[0]}({p[1]})"),
            st.tuples(pairs, st.sampled_from([" + ", " - ", "*", "/", " * "])).map(
                lambda p: f"{p[0][0]}{p[1]}{p[0][1]}"),
            st.tuples(inner, st.sampled_from(_EXPONENTS), st.sampled_from(["**", "^"])).map(
                lambda p: f"({p[0]}){p[2]}{p[1]}"),
            inner.map(lambda t: f"-{t}"), inner.map(lambda t: f"({t})"))
    return st.recursive(st.sampled_from(_LEAVES), extend, max_leaves=7)


def _outcome(text: str) -> tuple:
    try:
        e = parse.parse_expression(text)
    except TaylorError as error:
        return ("error", type(error).__name__, str(error))
    return ("ok", e)


@contextlib.contextmanager
def _without_quick_routes() -> Iterator[None]:
    """The parser without this slice's quick routes (what was built before them)."""
    from taylorcli import parse_pow
    saved = parse.one_name, parse.one_pass, parse_pow._MEMO.active
    parse.one_name, parse.one_pass, parse_pow._MEMO.active = (lambda text: None), (lambda source: None), False
    try:
        yield
    finally:
        parse.one_name, parse.one_pass, parse_pow._MEMO.active = saved


def _compare(text: str) -> None:
    got = _outcome(text)
    with _without_quick_routes():
        before = _outcome(text)
    with _without_shortcuts():
        plain = _outcome(text)
    for want in (before, plain):
        assert got[0] == want[0], (text, got, want)
        if got[0] == "ok":
            _same(got[1], want[1])
        else:
            assert got == want


@settings(max_examples=max_examples(120), **SETTINGS)
@given(_texts(), st.booleans())
def test_random_texts_build_the_same_objects(text: str, parameters: bool) -> None:
    set_parameters(["a=3/2,b=pi"] if parameters else [])
    try:
        _compare(text)
    finally:
        set_parameters([])


@pytest.mark.parametrize("text", [
    "x", " x ", "x\n", "\tpi", "E", "e", "a", "sin", "exp", "x1", "x_", "X9_a", "oo", "I", "nan", "zoo", "inf",
    "_x", "lambda", "None", "abcdefghijklmnopqrstuvwxyzabcdefg", "abcdefghijklmnopqrstuvwxyzabcdef", "x y", "x,",
    "EulerGamma", "GoldenRatio", "Catalan", "1/(1 + (x + 2)**2)", "cos(x + 3)", "cosh(x**2)",
    "exp(1/(1 + (y + 3)**2)) * sinh(x**2)", "log(1 + (x**2)**2)", "sqrt(1 + (sinh(x))**2) + exp(x + 2)",
])
def test_named_texts_build_the_same_objects(text: str) -> None:
    _compare(text)
    set_parameters(["a=3/2"])
    try:
        _compare(text)
    finally:
        set_parameters([])
