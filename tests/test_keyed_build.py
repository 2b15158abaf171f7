"""The keyed polynomial builders (keyed.py, keyed_onevar.py) against SymPy's own sum.

The independent reference is ``sp.Add(*(c * prod(b**p)))`` built by SymPy's constructors; the
object must be the same all the way down (type, args in order, hash, srepr). The one-variable
path is also checked against the general ``keyed._build``: both say None in the same cases.
Coefficients: rationals (negative, zero), constants at the point (sin(1/3), exp(6), pi,
sqrt(2), log(2)), their products and sums; points 0, integers, negative rationals; orders to 40.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli import keyed_onevar
from taylorcli.keyed import _build, displacement, polynomial
from taylorcli.sortkey import NoKey, Stop

X, Y, Z = (sp.Symbol(name, real=True) for name in "xyz")
RATIONALS = st.builds(sp.Rational, st.integers(-40, 40), st.integers(1, 12))
CONSTANTS = [sp.sin(sp.Rational(1, 3)), sp.cos(sp.Rational(1, 3)), sp.exp(6), sp.pi, sp.sqrt(2), sp.log(2),
             sp.E, sp.sinh(sp.cos(5)), sp.sqrt(17), sp.atan(sp.Rational(1, 2)), sp.exp(-1) * sp.sin(3)]
POINTS = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(3), sp.Rational(-1, 3), sp.Rational(7, 2),
          sp.Rational(-7, 5), sp.Integer(2) ** 70 + 1]


@st.composite
def coefficient(draw: st.DrawFn) -> sp.Expr:
    """A coefficient as SymPy builds it: a rational, q*K, q*K1*K2, q*K1 + r*K2 (+ s), K**2 ..."""
    q, r, s = draw(RATIONALS), draw(RATIONALS), draw(RATIONALS)
    k1, k2 = draw(st.sampled_from(CONSTANTS)), draw(st.sampled_from(CONSTANTS))
    kind = draw(st.integers(0, 8))
    return [q, q * k1, q * k1 * k2, q * k1 + r * k2, q * k1 + r * k2 + s, k1, k1 ** 2 * q + r, s + k1,
            q * k1 * k2 + r * k1 ** 3][kind]


def _same(built: sp.Basic, reference: sp.Basic) -> None:
    assert type(built) is type(reference) and built == reference and hash(built) == hash(reference)
    assert len(built.args) == len(reference.args)
    for a, b in zip(built.args, reference.args):
        _same(a, b)


def _general(coefficients: list, bases: list) -> sp.Expr | None:
    """``keyed._build`` as ``keyed.polynomial`` calls it for several variables."""
    try:
        return _build(coefficients, bases)
    except (NoKey, Stop):
        return None


def _reference(coefficients: list, bases: list) -> sp.Expr:
    return sp.Add(*[c * sp.Mul(*[b ** p for b, p in zip(bases, powers)]) for powers, c in coefficients])


@settings(max_examples=max_examples(120), **SETTINGS)
@given(st.dictionaries(st.integers(0, 40), coefficient(), min_size=1, max_size=14), st.sampled_from(POINTS),
       st.sampled_from([X, sp.Symbol("t"), sp.Symbol("x", positive=True)]), st.booleans())
def test_one_variable_is_sympys_sum(terms: dict, a: sp.Rational, x: sp.Symbol, plain_ints: bool) -> None:
    base = x if a == 0 else displacement(x, a)
    coefficients = [(((n if plain_ints else sp.Integer(n)),), c) for n, c in sorted(terms.items())]
    built = keyed_onevar.build(coefficients, base)
    general = _general(coefficients, [base])
    reference = _reference(coefficients, [base])
    assert built is not None and general is not None
    _same(built, reference)
    assert sp.srepr(built) == sp.srepr(reference)
    _same(general, built)
    _same(polynomial(coefficients, [base]), reference)


@pytest.mark.parametrize("c", [X * sp.exp(2), sp.Float(1.5), sp.sin(X) + 1, sp.Float(2) * sp.exp(2),
                               sp.Symbol("A", commutative=False) * sp.Symbol("B", commutative=False),
                               2 * sp.Symbol("A", commutative=False), sp.Symbol("A", commutative=False) + 1])
@pytest.mark.parametrize("n", [0, 1, 3])
def test_one_variable_refuses_as_the_general_path(c: sp.Expr, n: int) -> None:
    coefficients = [((sp.Integer(0),), sp.exp(2)), ((sp.Integer(n),), c)] if n else [((sp.Integer(0),), c)]
    for base in (X, X - 1):
        built, general = keyed_onevar.build(coefficients, base), _general(coefficients, [base])
        assert (built is None) == (general is None)
        if built is not None:  # a Float times a constant, alone: one term kept whole by both
            _same(built, general)
            _same(built, _reference(coefficients, [base]))


@pytest.mark.parametrize("powers", [(-2, 0, 1), (sp.Rational(1, 2), 1, 2)])
def test_one_variable_leaves_other_powers_to_the_general_path(powers: tuple) -> None:
    coefficients = [((sp.Integer(p) if isinstance(p, int) else p,), c)
                    for p, c in zip(powers, [sp.exp(2), sp.Rational(3, 2), sp.sin(1) + 2])]
    for base in (X, X + sp.Rational(1, 3)):
        built = keyed_onevar.build(coefficients, base)
        assert built is not None and built == _general(coefficients, [base])
        assert sp.srepr(built) == sp.srepr(_reference(coefficients, [base]))


def test_other_powers_with_a_variable_in_a_coefficient_are_refused() -> None:
    # sqrt(x)*log(x) at 0: log(x) times x**(1/2), left to SymPy's constructors
    for base in (X, X - 1):
        assert keyed_onevar.build([((sp.Rational(1, 2),), sp.log(X))], base) is None
        assert polynomial([((sp.Rational(1, 2),), sp.log(X))], [base]) is None


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.dictionaries(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2)), coefficient(),
                       min_size=1, max_size=14),
       st.tuples(st.sampled_from(POINTS), st.sampled_from(POINTS), st.sampled_from(POINTS)))
def test_several_variables_is_sympys_sum(terms: dict, at: tuple) -> None:
    bases = [v if a == 0 else displacement(v, a) for v, a in zip((X, Y, Z), at)]
    coefficients = [(tuple(sp.Integer(p) for p in powers), c) for powers, c in sorted(terms.items())]
    built = polynomial(coefficients, bases)
    reference = _reference(coefficients, bases)
    assert built is not None
    _same(built, reference)
    assert sp.srepr(built) == sp.srepr(reference)


@pytest.mark.parametrize("text, variables, at, order", [
    ("log(1 + (sqrt(1 + (3*x)**2))**2)", "x", "-1/3", 40),  # rational terms, log(3) the constant term
    ("sin(x)", "x", "-1/3", 40), ("exp(2*x)", "x", "3", 40), ("sinh(sin(x))", "x", "1", 12),
    ("sin(x + 3) * exp(x + 1)", "x", "2", 5), ("sqrt(1 + (x + 1)**2)", "x", "3", 6), ("log(x)", "x", "2", 6),
    ("exp(x*y)", "x,y", "-1,-1", 2), ("1/(1 + (x)**2) * 1/(1 + (y)**2)", "x,y", "3/2,1/2", 3),
    ("cosh(-2*x) + sin(3*u + z + 2*y)", "x,y,z,u", "-1,1,-1,3", 4), ("exp(x*y)*sin(x+z)", "x,y,z", None, 8),
    ("exp(3*z + 3*y + 2*x)", "x,y,z", None, 2), ("1/(1 + (x*p*v*w*u*y*z)**2)", "x,y,z,u,v,w,p", None, 2),
])
def test_expansion_polynomial_is_sympys_sum(text: str, variables: str, at: str | None, order: int) -> None:
    """Whatever path builds it (rational_univariate, rational_polynomial, keyed, keyed_onevar)."""
    from taylorcli.expansion import expand
    from taylorcli.parse import parse_expression

    e = expand(parse_expression(text), variables, at, order)
    reference = _reference(e.coefficients, e.bases)
    built = e.polynomial
    _same(built, reference)
    assert sp.srepr(built) == sp.srepr(reference)
