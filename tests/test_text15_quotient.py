"""parse_quotient: calls of quotients (``atan(y/x)``, ``sin(x/(1 + x**2))``, ``exp(1/x)``) built directly are
SymPy's own ``F(A)``, object for object, and ``parse.undefined`` answers for them as its walk (SymPy's
``is_real``) does; texts with them parse to the objects of the ordinary route and of SymPy's own
constructors (test_parse_single._compare)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache

from strategies import SETTINGS, max_examples
from taylorcli import parse, parse_calls
from taylorcli.parse_fast import real_symbol
from taylorcli.parse_quotient import quotient
from test_fast_paths import _same
from test_parse_single import _compare

x, y, z = (real_symbol(n) for n in ("x", "y", "z"))
_FUNCTIONS = [sp.exp, sp.sin, sp.cos, sp.tan, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf, sp.log]


def _pieces() -> st.SearchStrategy[sp.Expr]:
    """Numerators and bases: symbols, polynomials, calls of them, a sum that vanishes everywhere, near misses."""
    polys = st.sampled_from([x, y, z, x + 1, 1 - x, x - y, 1 + x**2, x * y + z, 2 * x - 3, x**2 - 1, x**3])
    calls = st.tuples(st.sampled_from([sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf, sp.log, sp.Abs]),
                      polys).map(lambda p: p[0](p[1]))
    other = st.sampled_from([sp.sqrt(1 + x**2), sp.log(1 + x**2), (x + 1)**2 - x**2 - 2 * x - 1, sp.pi + x,
                             sp.Symbol("x") + 1, sp.I * x, sp.sqrt(x), sp.Symbol("p", positive=True)])
    return st.one_of(polys, calls, other)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.sampled_from(_FUNCTIONS), st.lists(_pieces(), max_size=2), st.lists(_pieces(), min_size=1, max_size=2),
       st.lists(st.sampled_from([-3, -2, -1, 1, 2]), min_size=2, max_size=2),
       st.sampled_from([sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Rational(-3, 2)]))
def test_calls_of_quotients_are_sympys(function: type, top: list, bottom: list, powers: list, r: sp.Rational) -> None:
    arg = sp.Mul(r, *top, *(b ** -abs(n) for b, n in zip(bottom, powers)))
    clear_cache()
    built = parse_calls.call(function, arg)
    clear_cache()
    expected = function(arg)
    if built is not None:
        _same(built, expected)
    if quotient(arg) and function not in (sp.log, sp.tan):
        assert type(expected) is not function or parse.real_by_shape(expected)
        clear_cache()
        assert expected.is_real is not False
        assert not parse.undefined(expected)


@pytest.mark.parametrize("text", [
    "atan(y/x)", "atan(x/y)", "atan(-y/x)", "atan(-2*y/x)", "atan(3*y/(2*x))", "sin(x/(1+x**2))", "cos(-x/(1+x**2))",
    "tan(y/x)", "sinh(y/x)", "cosh(-y/x)", "tanh(x/y**2)", "erf(-y/x)", "atan(1/x)", "atan(-1/x)", "exp(1/x)",
    "exp(-1/x)", "exp(-1/x**2)", "exp(y/x)", "log(y/x)", "log(1/x)", "sin(1/(1-x))", "cos(1/(x-1))",
    "atan((x+1)/(x-1))", "atan((1-x)/(1+x))", "atan(sin(x)/x)", "atan(x/sin(x))", "atan(log(1+x**2)/x)",
    "atan(sqrt(1+x**2)/x)", "atan(x*y/z)", "atan(y/x) + atan(x/y)", "sin(atan(y/x))", "cos(atan(y/x))",
    "atan(1/(x-x))", "atan(y/(x**2-x**2))", "atan(1/((x+1)**2-x**2-2*x-1))", "atan(1/sin(x))", "sin(1/atan(x))",
    "atan(exp(x)*exp(-x)/x)", "atan(1/(1-cos(x)))", "atan(pi/x)", "atan(I/x)", "atan(x/abs(y))", "atan(y/x)^2"])
def test_texts_with_quotients_build_the_same_objects(text: str) -> None:
    _compare(text)


def test_quotient_class() -> None:
    assert quotient(y / x) and quotient(1 / x) and quotient(-2 * y / x) and quotient(sp.sin(x) / (1 + x**2))
    assert not quotient(x * y) and not quotient(sp.pi / x) and not quotient(sp.I / x) and not quotient(sp.sqrt(x) / y)
    assert not quotient(y / sp.Abs(x)) and not quotient(sp.Symbol("x") / y) and not quotient(x**-sp.Rational(1, 2))
