"""Shortcuts that build SymPy's own objects without its general constructors (issue 9).

Each is compared with the ordinary construction on random inputs: equal, same
args all the way down, same srepr and hash. ``rational_univariate`` builds the
one-variable polynomial of an expansion; the parser's shortcuts build function
calls whose evaluation provably leaves them as they are.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.sortkey import rational_univariate


def _same(built: sp.Basic, expected: sp.Basic) -> None:
    assert built == expected and sp.srepr(built) == sp.srepr(expected) and hash(built) == hash(expected)
    for got, want in zip(sp.preorder_traversal(built), sp.preorder_traversal(expected), strict=True):
        assert type(got) is type(want) and got.args == want.args
        assert got.is_commutative is want.is_commutative


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.dictionaries(st.integers(0, 40), st.fractions(max_denominator=12).map(sp.Rational)
                       | st.sampled_from([sp.Integer(1), sp.Integer(-1), sp.Rational(1, 2)]), min_size=1, max_size=14),
       st.sampled_from([sp.Symbol("x", real=True), sp.Symbol("x"), sp.Symbol("x", positive=True),
                        sp.Symbol("t", real=True)]),
       st.booleans())
def test_rational_univariate_is_sympys_sum(terms: dict, x: sp.Symbol, plain_ints: bool) -> None:
    coefficients = [(((d if plain_ints else sp.Integer(d)),), c) for d, c in sorted(terms.items()) if c]
    built = rational_univariate(coefficients, x)
    expected = sp.Add(*(c * x**d for (d,), c in coefficients))
    assert built is not None or not coefficients
    if coefficients:
        _same(built, expected)


def test_rational_univariate_refuses_what_it_does_not_build() -> None:
    x = sp.Symbol("x")
    assert rational_univariate([((0,), sp.sqrt(2))], x) is None
    assert rational_univariate([((1,), sp.Integer(1))], x - 1) is None
    assert rational_univariate([((sp.Rational(1, 2),), sp.Integer(1))], x) is None
    assert rational_univariate([((1, 0), sp.Integer(1))], x) is None


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.integers(-10**40, 10**40), st.integers(1, 10**12))
def test_exact_rational_is_rationals_object(p: int, q: int) -> None:
    from math import gcd

    from taylorcli.series.engine import exact_rational
    g = gcd(p, q)
    p, q = p // g, q // g
    _same(exact_rational(p, q), sp.Rational(p, q))
    _same(exact_rational(p, 1), sp.Integer(p))
    assert type(exact_rational(p, 1)) is type(sp.Integer(p))
