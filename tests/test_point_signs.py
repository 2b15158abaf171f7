"""Shortcuts of one-variable expansions at a point agree with what they replace.

- ``onevar_constants._squares``: where it says a constant is positive, engine_sign of its
  SymEngine value says 1 (generators as the walk makes them: log(2), sin(1), atan(-6), 1/(1 + log(2)**2)).
- ``onevar_point.rationals_fit``: the size check of every rational in an expression, as over atoms(sp.Rational).
"""

from __future__ import annotations

import symengine as se
import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.guard import LIMIT_BITS
from taylorcli.series.numbers import engine_sign
from taylorcli.series.onevar_constants import _squares
from taylorcli.series.onevar_point import rationals_fit

GENERATORS = [se.log(se.Integer(2)), se.sin(se.Integer(1)), se.atan(se.Integer(-6)),
              1 / (1 + se.log(se.Integer(2)) ** 2), se.cos(se.Integer(5))]
FRACTIONS = st.builds(fmpq, st.integers(-50, 50), st.integers(1, 9))


def _value(c: dict) -> object:
    terms = []
    for key, q in c.items():
        term = se.Rational(int(q.p), int(q.q))
        for j, e in enumerate(key):
            term = term * GENERATORS[j] ** e
        terms.append(term)
    return se.expand(se.Add(*terms))


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.dictionaries(st.lists(st.integers(0, 4), max_size=len(GENERATORS)).map(tuple), FRACTIONS,
                       min_size=1, max_size=5))
def test_squares_are_positive_where_engine_sign_says_so(c) -> None:
    c = {tuple(key[:max((j + 1 for j, e in enumerate(key) if e), default=0)]): q for key, q in c.items() if q}
    if _squares(c):
        assert engine_sign(_value(c)) == 1


def test_squares_refuses_odd_powers_negative_terms_and_no_rational() -> None:
    assert _squares({(): fmpq(1), (2,): fmpq(1)})
    assert _squares({(): fmpq(1, 3), (0, 2): fmpq(5), (2, 4): fmpq(1, 7)})
    assert not _squares({(): fmpq(1), (1,): fmpq(1)})
    assert not _squares({(): fmpq(1), (2,): fmpq(-1)})
    assert not _squares({(2,): fmpq(1)})
    assert not _squares({(): fmpq(-1), (2,): fmpq(3)})
    assert not _squares({(): fmpq(1, 10**31), (2,): fmpq(1)})


@settings(max_examples=max_examples(100), **SETTINGS)
@given(st.integers(-2**(LIMIT_BITS + 3), 2**(LIMIT_BITS + 3)), st.integers(1, 2**(LIMIT_BITS + 3)),
       st.sampled_from([sp.sin, sp.cosh, sp.log]))
def test_rationals_fit_is_the_atoms_check(p, q, f) -> None:
    value = sp.Rational(p, q)
    for expr in (value, f(3 + value, evaluate=False) * sp.cos(sp.Integer(2), evaluate=False),
                 sp.Add(sp.sin(value, evaluate=False), sp.Rational(1, 3), evaluate=False)):
        expected = all(max(abs(r.p).bit_length(), r.q.bit_length()) <= LIMIT_BITS for r in expr.atoms(sp.Rational))
        assert rationals_fit(expr) == expected
