"""exp_sums.exp_sum builds SymPy's own Add (==, args in order, hash) of drawn sums n + sum c*exp(q),
and expansions whose denominators are such sums are the full path's and the derivative engine's."""

from __future__ import annotations

import symengine as se
import sympy as sp
from hypothesis import given, settings, strategies as st

from taylorcli.exp_sums import exp_sum
from test_series_onevar_constants import _compare, _same_object

terms = st.one_of(st.dictionaries(st.integers(2, 80), st.integers(1, 60), min_size=1, max_size=9),  # the shape
                  st.dictionaries(st.integers(-40, 80), st.integers(-3, 60), min_size=1, max_size=9))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.integers(1, 30), st.integers(-3, 30)), terms)
def test_built_sums_are_sympys_own(number: int, parts: dict) -> None:
    base = se.Integer(number) + se.Add(*[c * se.exp(q) for q, c in parts.items()])
    got = exp_sum(base, {}) if isinstance(base, se.Add) else None
    sp.core.cache.clear_cache()
    want = sp.Add(sp.Integer(number), *[sp.Integer(c) * sp.exp(q) for q, c in parts.items()])
    if got is None:  # (outside the shape: a negative or small part, a lone term ...)
        assert not (number >= 1 and all(q >= 2 and c >= 1 for q, c in parts.items()))
        return
    _same_object(got, want)
    assert got.is_commutative is want.is_commutative


def test_the_shapes_are_built_here() -> None:
    assert exp_sum(se.expand((1 + se.exp(9)) ** 8), {}) is not None
    assert exp_sum(1 + se.exp(se.Rational(1, 2)), {}) is None and exp_sum(1 + se.exp(1), {}) is None


@settings(max_examples=10, deadline=None)
@given(st.integers(-3, 3).filter(bool), st.fractions(-2, 2, max_denominator=3), st.integers(1, 6))
def test_expansions_are_the_derivative_engines(b: int, at: object, order: int) -> None:
    _compare(f"1/(1 + (exp(x + ({b})))**2) + sin(x)", str(at), order, derivatives=True)


def test_the_slow_case_takes_the_lean_path() -> None:
    assert _compare("1/(1 + (exp(x + 3))**2)", "3/2", 8, derivatives=False)
    assert _compare("1/(1 + (exp(x + 2))**2) + sin(sinh(x))", "2", 3, derivatives=True)
