"""parse_pow.positive_somewhere's diagonal rule (x**2 + y**2, x**2 - x*y + 3*y**2): a polynomial it vouches for is positive
at some real point (found among a grid of points), and texts with roots and logs of such sums parse to the objects
of the ordinary route and of SymPy's own constructors (test_parse_single._compare)."""

from __future__ import annotations

import itertools

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse_fast import real_symbol
from taylorcli.parse_pow import positive_somewhere
from test_parse_single import _compare

x, y, z = (real_symbol(n) for n in ("x", "y", "z"))
_GRID = [-10**6, -3, -1, 0, 1, 3, 10**6]


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(0, 4), st.integers(0, 4), st.integers(0, 2)),
                min_size=1, max_size=5))
def test_vouched_polynomials_are_positive_somewhere(terms: list) -> None:
    p = sp.Add(*(c * x**a * y**b * z**e for c, a, b, e in terms))
    if not p.free_symbols or not positive_somewhere(p):
        return
    assert any(p.subs({x: u, y: v, z: w}) > 0 for u, v, w in itertools.product(_GRID, repeat=3)), p


def test_diagonal_rule() -> None:
    assert positive_somewhere(x**2 + y**2) and positive_somewhere(x**2 - x * y + 3 * y**2) and positive_somewhere(x**2 + 10 * y**2)
    assert not positive_somewhere(-x**2 - y**2) and not positive_somewhere(x**2 - y**2) and not positive_somewhere(-x**2 - 1)
    # the value at 0 plays no part (x**2 - 1 > 0 for |x| > 1): real_by_shape promises a node real somewhere
    assert positive_somewhere(x**2 - 1) and positive_somewhere(x**2 * y**2 - 1) and positive_somewhere(x**2 + y**2 - 1)
    assert not positive_somewhere(x**2 - y**2 - 1) and not positive_somewhere(-x**2 * y**2 - 1)


@pytest.mark.parametrize("text", [
    "sqrt(x**2 + y**2)", "log(x**2 + y**2)", "sqrt(x**2 + y**2 - 1)", "(x**2 + y**2)**(1/3)", "log(x^2*y^2 - 1)",
    "sqrt(-x**2 - y**2)", "log(-x^2 - y^2)", "sqrt(x**2 - y**2)", "(x**4 - 2*x**2*y**2 + y**4)**(1/2)",
    "atan(sqrt(x**2 + y**2))", "1/sqrt(x**2 + y**2 + z**2)", "log(1 + x**2 + y**2) + sqrt(x**2 + y**2)"])
def test_texts_with_even_sums_build_the_same_objects(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.sampled_from([x, y, x + 1, 1 - x, x**2 + y**2, -x**2 - 1, x**2 - y**2, x * y - 1, sp.Integer(2),
                        sp.Rational(1, 2), sp.Integer(-2), sp.sin(x), sp.exp(x), sp.pi, y / x, sp.Integer(0)]),
       st.sampled_from([y, x, sp.Rational(1, 2), sp.sin(y), x + y, sp.log(x), y / x, sp.Integer(-1), sp.sqrt(x), sp.I]),
       st.booleans())
def test_real_by_shape_powers_and_abs_are_not_unreal(base: sp.Expr, exponent: sp.Expr, absolute: bool) -> None:
    from sympy.core.cache import clear_cache

    from taylorcli.parse_defined import real_by_shape
    node = sp.Abs(base * exponent) if absolute else sp.Pow(base, exponent)
    for other in (node, sp.gamma(base), sp.gamma(exponent)):
        if real_by_shape(other) and isinstance(other, sp.gamma):
            clear_cache()
            assert other.is_real is not False, other
    if real_by_shape(node):
        clear_cache()
        assert node.is_real is not False, node


@pytest.mark.parametrize("text", [
    "x**y", "2**x", "abs(x)", "x*abs(x)", "a*x + abs(x)", "-(x+y)", "x**2*(1-x)**y", "(1/2)**x", "(-2)**x",
    "(-x**2-1)**y", "x**sin(y)", "x**log(y)", "abs(y/x)", "abs(log(x))", "abs(x + I)", "-(x + I)", "-(sin(x) + pi)",
    "+(x + y)", "-(1/2)", "-(-(x - y))", "(x**2+y**2)**x", "pi**x", "x**(y/x)", "0**x", "1**x", "-abs(x)",
    "abs(1/(x-x))", "(x - x)**y", "-(y*log(p) + (1 - y)*log(1 - p))", "gamma(x)", "gamma(x+1)*x", "gamma(-x**2)",
    "gamma(1/x)", "gamma(sin(x))", "gamma(x)/gamma(x+1)", "gamma(0)", "gamma(-1)", "gamma(1/2)"])
def test_texts_with_real_powers_build_the_same_objects(text: str) -> None:
    _compare(text)
