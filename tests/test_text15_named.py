"""parse_named: sigmoid(A) built by the parser's shortcuts is vocabulary's ``1 / (1 + exp(-A))``, object for object
(after clear_cache), and texts with it parse to the objects of the ordinary route and of SymPy's own constructors."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache

from strategies import SETTINGS, max_examples
from taylorcli import parse
from taylorcli.parse_fast import real_symbol
from taylorcli.parse_named import named
from taylorcli.vocabulary import _sigmoid
from test_fast_paths import _same
from test_parse_single import _compare

x, y = real_symbol("x"), real_symbol("y")


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.sampled_from([x, -x, 2 * x - y, x + 1, 1 - x, sp.log(x), -sp.log(x), sp.sin(x), sp.exp(x), 1 / x, x**2,
                        sp.Integer(0), sp.Integer(3), sp.Rational(-1, 2), sp.pi, sp.log(2), x + sp.I, sp.Symbol("z"),
                        sp.atan(x) - 1, -(x + y)]))
def test_sigmoid_is_vocabularys(arg: sp.Expr) -> None:
    clear_cache()
    built = named(parse, _sigmoid, arg)
    clear_cache()
    _same(built, _sigmoid(arg))


@pytest.mark.parametrize("text", [
    "sigmoid(x)", "sigmoid(-x)", "sigmoid(2*x - y)", "sigmoid(log(x))", "sigmoid(0)", "sigmoid(x)*(1 - sigmoid(x))",
    "sigmoid(sin(x))", "sigmoid(pi)", "sigmoid(-log(2))", "sigmoid(x + I)", "sigmoid(x)**2", "softplus(x)",
    "sigmoid(1/x)", "sigmoid(-(x+y))", "sigmoid(exp(x))", "sigmoid(x, y)", "sigmoid()"])
def test_sigmoid_texts(text: str) -> None:
    _compare(text)
