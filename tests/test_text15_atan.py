"""parse_calls.rewritten: sin(atan(u)) for u a parser symbol or s**n built by _sum_times (Mul._from_args of the two
sorted factors) is SymPy's own object, sin(atan(u)) after clear_cache, node for node; texts via _compare."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import same_expr
from strategies import SETTINGS, max_examples
from taylorcli.parse_calls import rewritten
from taylorcli.parse_fast import real_symbol
from test_parse_single import _compare

_NAMES = ["x", "y", "a", "z1", "A", "u_2", "zz", "b"]


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.sampled_from(_NAMES), st.integers(1, 9), st.sampled_from([sp.sin, sp.cos]))
def test_sin_atan_of_symbol_powers_is_sympys(name: str, n: int, function: type) -> None:
    from sympy.core.cache import clear_cache
    s = real_symbol(name)
    u = s if n == 1 else sp.Pow(s, n)
    got = rewritten(function, sp.atan(u))
    clear_cache()
    want = function(sp.atan(u))
    same_expr(got, want)


@pytest.mark.parametrize("text", ["sin(atan(x))", "sin(atan(x**2))", "sin(atan(y^3))", "cos(atan(x**2))",
                                  "cosh(y + 1) * sin(atan(x**2))", "sin(atan(x))*x", "sin(atan(a**2))*sin(atan(x))"])
def test_sin_atan_texts_build_the_same_objects(text: str) -> None:
    _compare(text)


_X, _Y = real_symbol("x"), real_symbol("y")
_ARGS = [_X, _X**2, 3 * _X, -_X, _X * _Y, _X + _Y, 2 * _X - _Y + 1, sp.sin(_X), sp.exp(_X), 1 / _X, sp.sqrt(_X),
         _X**sp.Rational(1, 3), sp.sqrt(2) * _X, _X * sp.sqrt(_Y), sp.cosh(_X + 1), (_X + 1)**2, _X / (1 + _X**2),
         sp.log(1 + _X**2), sp.atan(_X), sp.Rational(1, 2) * _X**3, sp.pi * _X, _Y**-3, sp.erf(_X)]


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.sampled_from(_ARGS), st.sampled_from(_ARGS), st.sampled_from([sp.sin, sp.cos]), st.booleans())
def test_sin_atan_of_other_arguments_is_sympys(a: sp.Expr, b: sp.Expr, function: type, both: bool) -> None:
    from sympy.core.cache import clear_cache
    u = a + b if both else a
    got = rewritten(function, sp.atan(u))
    if got is None:
        return
    clear_cache()
    same_expr(got, function(sp.atan(u)))
