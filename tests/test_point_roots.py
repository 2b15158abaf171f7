"""onevar._irrational_root: where it says a root's value is irrational, or f(g(P)) meets g away from 0,
univariate.walk fails (the route it skips), and the expansion stays the derivative engine's."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path
from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.series import univariate
from taylorcli.series.onevar import _AWAY, _irrational_root
from taylorcli.series.tps import Unsupported

BASES = st.sampled_from(["1 + x**2", "1 + (2*x)**2", "x**2 + 9", "1 + (x**2)**2", "2 + x", "3*x**2 + 1",
                         "(x - 1)*(x + 3) + 7", "x**3 + 1/4"])
SHAPES = st.sampled_from(["sqrt({})", "({})**(-1/2)", "({})**(3/2)", "sin(x) + sqrt({})", "exp(x)*sqrt({})",
                          "log(1 + x**2) + ({})**(-3/2)", "x*sqrt({})", "1/(1 + x**2) + sin(exp({}))",
                          "cos(sinh({}))*x", "atan(x) + tanh(tan({}))", "exp(cos({} - 1)) + x**2",
                          "sin(sin(({})*(x - 1)))", "cosh(exp(x - 1)) + sqrt({})"])
POINTS = st.sampled_from(["1", "-2", "3", "4", "1/2", "-3/4", "2/3"])


@settings(max_examples=max_examples(120), **SETTINGS)
@given(SHAPES, BASES, POINTS, st.integers(0, 3))
def test_an_irrational_root_is_where_the_walk_fails(shape, base, at, order) -> None:
    text = shape.format(base)
    f = parse_expression(text)
    (x,) = f.free_symbols
    a = sp.Rational(at)
    if _irrational_root(f, x, a):
        with pytest.raises((Unsupported, ArithmeticError, ValueError)):
            univariate.walk(f, x, a, order, guard=True, offsets=set(), logs={})
    onevar_is_the_full_path(text, at, order)


def test_a_square_value_is_no_irrational_root() -> None:
    x = sp.Symbol("x")
    assert not _irrational_root(sp.sqrt(x**2 + 9), x, sp.Integer(4))
    assert not _irrational_root(sp.sqrt(1 + 3 * x**2), x, sp.Integer(1))
    assert _irrational_root(sp.sqrt(1 + 4 * x**2), x, sp.Integer(3))
    assert _irrational_root(sp.sin(x) + 1 / sp.sqrt(1 + x**2), x, sp.Rational(1, 2))
    assert not _irrational_root(sp.sqrt(1 + sp.sin(x)**2), x, sp.Integer(1))  # not a polynomial: says nothing


def test_away_is_the_walks_functions_that_must_vanish() -> None:
    assert _AWAY == set(univariate._AT_ZERO) - set(univariate._OFFSET)


def test_a_function_of_a_function_away_from_zero() -> None:
    x = sp.Symbol("x")
    assert _irrational_root(1 / (1 + x**2) + sp.sin(sp.exp(x**2)), x, sp.Integer(-1))
    assert not _irrational_root(sp.sin(sp.sin(x**2 - 1)) + x, x, sp.Integer(1))  # sin(0): rational
    assert not _irrational_root(sp.sin(sp.atan(x), evaluate=False) + x, x, sp.Integer(1))  # atan: an offset
