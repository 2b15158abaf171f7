"""Session 12's changes to the keyed builders, against SymPy's own canonical construction.

- ``keyed._exact_sum``: the polynomial's number, summed as Python ints, is the Rational that
  SymPy's additions give (type, value: Integer for q == 1, the singletons 0, 1, -1, 1/2);
- ``keyed.polynomial`` in several variables with ``known`` keys of sum coefficients (their
  terms' keys taken from the sum's), coefficients holding symbolic parameters, irrational
  constants, negative rationals: ``sp.Add(*(c * prod(b**p)))`` node for node;
- ``sortkey.key_by_id``, which now makes a rational child's key inline: ``sort_key``'s key.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.keyed import _exact_sum, displacement, polynomial
from taylorcli.sortkey import key_by_id, sort_key

X, Y, Z = (sp.Symbol(name, real=True) for name in "xyz")
A, B = sp.Symbol("a"), sp.Symbol("b", positive=True)  # parameters: in coefficients, never variables
RATIONALS = st.builds(sp.Rational, st.integers(-60, 60), st.integers(1, 15))
CONSTANTS = [sp.sin(sp.Rational(1, 3)), sp.exp(2), sp.pi, sp.sqrt(2), sp.log(4), sp.log(1093), A, B, A * B,
             sp.exp(A), sp.sqrt(B), sp.atan(sp.Rational(-1, 2)), sp.E, sp.cos(3) + A]
POINTS = [sp.Integer(0), sp.Integer(2), sp.Integer(-1), sp.Rational(3, 2), sp.Rational(-7, 5)]


def _same(built: sp.Basic, reference: sp.Basic) -> None:
    assert type(built) is type(reference) and built == reference and hash(built) == hash(reference)
    assert len(built.args) == len(reference.args)
    for a, b in zip(built.args, reference.args):
        _same(a, b)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(RATIONALS, max_size=6), st.lists(st.tuples(st.integers(-400, 400), st.integers(1, 60)), max_size=6))
def test_exact_sum_is_sympys_sum(numbers: list, pairs: list) -> None:
    reference = sp.Add(*numbers, *[sp.Rational(p, q) for p, q in pairs])
    built = _exact_sum(numbers, pairs)
    _same(built, reference)
    assert sp.srepr(built) == sp.srepr(reference)


@st.composite
def coefficient(draw: st.DrawFn) -> sp.Expr:
    q, r, s = draw(RATIONALS), draw(RATIONALS), draw(RATIONALS)
    k1, k2 = draw(st.sampled_from(CONSTANTS)), draw(st.sampled_from(CONSTANTS))
    return [q, q, q * k1, q * k1 * k2, q * k1 + r * k2, q * k1 + r * k2 + s, k1, s + k1][draw(st.integers(0, 7))]


def _reference(coefficients: list, bases: list) -> sp.Expr:
    return sp.Add(*[c * sp.Mul(*[b ** p for b, p in zip(bases, powers)]) for powers, c in coefficients])


@settings(max_examples=max_examples(120), **SETTINGS)
@given(st.dictionaries(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2)), coefficient(),
                       min_size=1, max_size=14),
       st.tuples(st.sampled_from(POINTS), st.sampled_from(POINTS), st.sampled_from(POINTS)), st.booleans())
def test_several_variables_with_known_sums_is_sympys_sum(terms: dict, at: tuple, tell: bool) -> None:
    bases = [v if a == 0 else displacement(v, a) for v, a in zip((X, Y, Z), at)]
    coefficients = [(tuple(sp.Integer(p) for p in powers), c) for powers, c in sorted(terms.items())]
    known = {id(c): (c, sort_key(c)) for _, c in coefficients if c.is_Add} if tell else None
    built = polynomial(coefficients, bases, known)
    reference = _reference(coefficients, bases)
    assert built is not None
    _same(built, reference)
    assert sp.srepr(built) == sp.srepr(reference)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(coefficient(), coefficient(), st.sampled_from([X, Y, X - 1, Y + sp.Rational(1, 2)]))
def test_key_by_id_is_sort_key(c: sp.Expr, d: sp.Expr, v: sp.Expr) -> None:
    for e in (c, d, c * v, c + d * v ** 3, sp.sin(c) * d):
        memo: dict = {}
        assert key_by_id(e, memo) == sort_key(e)
        assert key_by_id(e, memo) == sort_key(e)  # from the memo


def _odd_integer(n: int) -> sp.Integer:
    """An Integer object made without Integer.__new__ (as engines make them): 0 and 1 not the singletons."""
    value = sp.Expr.__new__(sp.Integer)
    value.p = n
    return value


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.dictionaries(st.integers(0, 40), RATIONALS.filter(bool), min_size=1, max_size=16),
       st.sampled_from(POINTS), st.sampled_from(["int", "Integer", "odd"]),
       st.sampled_from([None, sp.pi / 4, sp.log(5), 1 + sp.atan(2)]))
def test_rational_univariate_is_sympys_sum(terms: dict, a: sp.Rational, kind: str, constant: object) -> None:
    """sortkey_univariate.rational_univariate (its natural-power terms first) and keyed_onevar, through the
    polynomial, against SymPy's Add of c*(x - a)**n; exponents as ints, Integers, or Integer objects
    made without the constructor (its singletons' values included)."""
    from taylorcli.sortkey_univariate import rational_univariate
    base = X if a == 0 else displacement(X, a)
    make = {"int": int, "Integer": sp.Integer, "odd": _odd_integer}[kind]
    coefficients = [((make(n),), c) for n, c in sorted(terms.items())]
    if constant is not None:
        coefficients = [((make(0),), constant)] + [item for item in coefficients if int(item[0][0]) != 0]
    reference = _reference(coefficients, [base])
    for built in (rational_univariate(coefficients, base), polynomial(coefficients, [base])):
        if built is not None:
            _same(built, reference)
            assert sp.srepr(built) == sp.srepr(reference)


def test_a_non_commutative_sum_coefficient_is_refused_in_several_variables() -> None:
    """keyed._assemble reads a sum's is_commutative (set when it is built) instead of asking: still None."""
    a = sp.Symbol("A", commutative=False)
    for coefficient in (a + 1, a * sp.Symbol("B", commutative=False) + 2):
        items = [((sp.Integer(0), sp.Integer(0)), sp.exp(2)), ((sp.Integer(1), sp.Integer(1)), coefficient)]
        for bases in ([X, Y], [displacement(X, sp.Integer(1)), Y]):
            assert polynomial(items, bases) is None
