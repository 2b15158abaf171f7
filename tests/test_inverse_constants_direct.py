"""direct.Direct with generators 1/c, c a sum: the very objects SymEngine's expand and to_sympy give.

Where a coefficient holds 1/(1 + cosh(2)**2) the engines used to expand and convert every
coefficient; Direct builds it (its powers as se.expand makes them: Pow(expand(c**e), -1)).
Each value is compared with that path (engine._term, se.expand, convert.to_sympy).
"""

from __future__ import annotations

import symengine as se
import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st
from same_object import same_expr
from strategies import SETTINGS, max_examples

from taylorcli.convert import to_sympy
from taylorcli.series.direct import Direct
from taylorcli.series.engine import _rational, _term

# generator sets: an inverse of a sum beside the atoms of its base and others
SETS = [
    [se.Integer(1) / (1 + se.cosh(2) ** 2), se.cosh(2), se.sinh(2)],
    [se.Integer(1) / (1 + se.log(2)), se.log(2), se.exp(3)],
    [se.Integer(1) / (-2 + se.sqrt(2)), se.sqrt(2), se.sin(1)],
    [se.Integer(1) / (1 + se.cosh(2) ** 2), se.Integer(1) / (2 + se.sin(1)), se.cos(1), se.sin(1)],
    [se.Integer(1) / (1 + se.atan(se.Rational(1, 3)) ** 2), se.atan(se.Rational(1, 3)), se.E],
    [se.Integer(1) / (3 + se.exp(2)), se.exp(2), se.log(5)],
]

ITEMS = st.lists(st.tuples(st.lists(st.integers(0, 4), min_size=4, max_size=4),
                           st.fractions(min_value=-9, max_value=9, max_denominator=12).filter(bool)),
                 min_size=1, max_size=6)


def _slow(values: list, items: list) -> sp.Expr:
    engine = se.expand(se.Add(*[_term(values, gens, c) for gens, c in items]))
    return to_sympy(engine, {}, [], {})


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.integers(0, len(SETS) - 1), ITEMS)
def test_direct_is_expand_and_to_sympy(which: int, drawn: list) -> None:
    values = SETS[which]
    m = len(values)
    merged: dict = {}
    for gens, q in drawn:
        key = tuple(gens[:m])
        merged[key] = merged.get(key, fmpq(0)) + fmpq(q.numerator, q.denominator)
    items = [(k, c) for k, c in merged.items() if c]
    if not items:
        return
    want = _slow(values, items)
    if want == 0:
        return
    direct = Direct(values, None, {}, _rational)
    assert direct.ok
    same_expr(direct.value(items, []), want)
    same_expr(direct._slow(items), want)


def test_powers_of_an_inverse_are_expanded() -> None:
    values = SETS[0]
    direct = Direct(values, None, {}, _rational)
    items = [((2, 0, 1), fmpq(3)), ((1, 1, 0), fmpq(-2))]
    got = direct.value(items, [])
    same_expr(got, _slow(values, items))
    assert "cosh(2)**4" in str(got)
