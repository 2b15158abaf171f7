"""parse_defined.integer_powers: where it says True, parse.undefined's walk (as it was) says False,
and parse.undefined answers as that walk does on rational functions of the parser's symbols, with
calls, poles, infinities and other symbols mixed in."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from test_fast_paths import _built
from test_fast_paths import _undefined_before as _walk_before  # parse.undefined as it was
from taylorcli import parse
from taylorcli.parse import parse_expression
from taylorcli.parse_defined import integer_powers
from taylorcli.parse_fast import real_symbol

_X, _Y = real_symbol("x"), real_symbol("y")
_LEAVES = [_X, _Y, sp.Integer(0), sp.Integer(1), sp.Integer(-3), sp.Rational(2, 5), sp.Symbol("z"),
           sp.Symbol("p", positive=True)]
_ODD = [sp.oo, -sp.oo, sp.zoo, sp.nan, sp.I, sp.pi, sp.AccumBounds(-1, 1)]
_CALLS = [sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf, sp.log, sp.sqrt, sp.tan, sp.asin]


def _trees(odd: bool) -> st.SearchStrategy[sp.Expr]:
    leaves = st.sampled_from(_LEAVES + (_ODD if odd else []))

    def extend(c: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        return st.one_of(st.tuples(c, c).map(_built(lambda p: p[0] + p[1])),
                         st.tuples(c, c).map(_built(lambda p: p[0] * p[1])),
                         st.tuples(c, c).map(_built(lambda p: p[0] / p[1])),
                         st.tuples(c, st.sampled_from([2, 3, -1, -2, sp.Rational(1, 2), sp.Rational(-1, 3)]))
                         .map(_built(lambda p: p[0] ** p[1])),
                         st.tuples(st.sampled_from(_CALLS), c).map(_built(lambda p: p[0](p[1])))
                         ).filter(lambda e: e is not None)
    return st.recursive(leaves, extend, max_leaves=7)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(_trees(False))
def test_integer_powers_only_where_the_walk_finds_nothing(expr: sp.Expr) -> None:
    if integer_powers(expr):
        assert _walk_before(expr) is False
    assert parse.undefined(expr) == _walk_before(expr)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_trees(True))
def test_undefined_as_before_with_infinities(expr: sp.Expr) -> None:
    assert parse.undefined(expr) == _walk_before(expr)


def test_shapes() -> None:
    x = _X
    assert integer_powers(1 / (1 - x)) and integer_powers(x**-3 + sp.sin(x) / (1 + x**2))
    assert integer_powers(sp.exp(sp.sin(x)) / (x - 2)**2)
    assert not integer_powers(sp.sin(1 / x))  # a call of what is not finite by shape
    assert not integer_powers(sp.log(1 + x)) and not integer_powers(sp.sqrt(1 + x**2))
    assert not integer_powers(sp.Integer(3)) and not integer_powers(1 / (2 + sp.sin(1)))  # no symbol
    assert not integer_powers(1 / sp.Symbol("z")) and not integer_powers(x + sp.pi)


def test_texts_with_poles_parse_as_before() -> None:
    x = _X
    for text, built in (("1/(1-x)", 1 / (1 - x)), ("x/(1+x)", x / (1 + x)), ("1/x", 1 / x),
                        ("sin(x)/(1-x)", sp.sin(x) / (1 - x)), ("1/(x**2 - 1)", 1 / (x**2 - 1)),
                        ("exp(x)/(x - 2)**3", sp.exp(x) / (x - 2)**3), ("1/(1-x)^2", 1 / (1 - x)**2)):
        expr = parse_expression(text)
        assert parse.undefined(expr) is False and _walk_before(expr) is False
        assert sp.srepr(expr) == sp.srepr(built)
