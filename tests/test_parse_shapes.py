"""parse_shapes' direct builds are SymPy's evaluated objects and the general builders' (issue 9: parse cost).

Random monomials with rational coefficients (negative, 1, -1, fractions), powers, and random terms
(sums, products, powers of sums and of irrational constants, calls) are built by ``parse_shapes`` and by
SymPy's own ``Pow``, ``Mul`` and ``Add``: the same srepr, hash, types and args down the tree, the same
commutativity and the same answers to key facts; and the same as the general builders they stand for.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli import parse_fast, parse_pow
from taylorcli.parse import parse_expression
from taylorcli.parse_shapes import monomial_power, rational_plus, symbol_product
from test_fast_paths import _same

_NAMES = ["x", "y", "z", "u", "v", "w", "p", "q", "a1", "b_2"]
_RATIONALS = st.sampled_from([1, -1, 2, -3, sp.Rational(1, 2), sp.Rational(-7, 5), sp.Rational(3, 4)]).map(sp.Rational) | \
    st.fractions(min_value=-20, max_value=20, max_denominator=9).filter(bool).map(sp.Rational)
_FACTS = ("real", "finite", "positive", "negative", "zero", "integer", "rational", "commutative", "polynomial")


def _facts(e: sp.Expr) -> tuple:
    return tuple(getattr(e, f"is_{fact}") if fact != "polynomial" else e.is_polynomial() for fact in _FACTS)


def _equal(built: sp.Expr, expected: sp.Expr) -> None:
    _same(built, expected)
    assert built.assumptions0 == expected.assumptions0
    assert _facts(built) == _facts(expected)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.one_of(st.none(), _RATIONALS), st.dictionaries(st.sampled_from(_NAMES), st.integers(1, 4), min_size=1, max_size=6),
       st.integers(-6, 6).filter(lambda n: n not in (0, 1)))
def test_monomial_power_is_sympys_power(coefficient: sp.Rational | None, powers: dict, n: int) -> None:
    factors = [parse_fast.real_symbol(name)**k for name, k in powers.items()]
    base = sp.Mul(*([] if coefficient is None else [coefficient]), *factors)
    if not isinstance(base, sp.Mul):
        return
    built = monomial_power(base, sp.Integer(n))
    if built is None:  # (a Pow before a symbol of a smaller name: the general builder sorts them)
        assert any(k > 1 for k in powers.values())
        return
    _equal(built, sp.Pow(base, n))
    _same(built, parse_pow.power(base, sp.Integer(n)))
    assert n < 0 or parse_pow.finite_by_shape(built)  # (what parse_shapes.vouch records for it)


def test_monomial_power_refuses_other_factors() -> None:
    x = parse_fast.real_symbol("x")
    for base in (sp.sqrt(2) * x, sp.sin(x) * x, sp.Symbol("t") * x, sp.pi * x, x * sp.exp(x), x * (x + 1)):
        assert monomial_power(base, sp.Integer(2)) is None or sp.srepr(monomial_power(base, sp.Integer(2))) == sp.srepr(base**2)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(st.one_of(_RATIONALS, st.sampled_from(_NAMES).map(parse_fast.real_symbol)), min_size=1, max_size=7))
def test_symbol_product_is_sympys_product(factors: list) -> None:
    built = symbol_product(list(factors))
    names = [f.name for f in factors if isinstance(f, sp.Symbol)]
    if not names or len(set(names)) < len(names):
        assert built is None
        return
    _equal(built, sp.Mul(*factors))
    _same(built, parse_fast.product(list(factors)))
    assert parse_pow.finite_by_shape(built)


def _terms() -> st.SearchStrategy[sp.Expr]:
    x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
    bases = st.sampled_from([x, y, x + 1, x + y, 2 * x - y, x * y, sp.sin(x), sp.exp(x + y), sp.sqrt(2) * x,
                             sp.pi * y, 1 + x**2, sp.atan(x) + 3])
    exponents = st.sampled_from([2, 3, -1, -2, sp.Rational(1, 2), sp.Rational(-1, 2), sp.Rational(3, 2)])
    calls = st.tuples(st.sampled_from(sorted(parse_fast._CALLS, key=str)), bases).map(lambda p: p[0](p[1]))
    powers = st.tuples(bases, exponents).map(lambda p: sp.Pow(*p))
    products = st.tuples(_RATIONALS, st.one_of(bases, powers, calls)).map(lambda p: sp.Mul(*p))
    return st.one_of(bases, calls, powers, products, st.sampled_from([sp.Pow(2, x), sp.sqrt(2) * sp.pi]))


@settings(max_examples=max_examples(250), **SETTINGS)
@given(_RATIONALS, _terms())
def test_rational_plus_is_sympys_sum(c: sp.Rational, t: sp.Expr) -> None:
    built = rational_plus(c, t)
    if built is None:
        return
    assert not t.is_Rational
    _equal(built, sp.Add(c, t))
    general = parse_fast.total([c, t])
    if general is not None:
        _same(built, general)


def test_rational_plus_takes_the_everyday_terms() -> None:
    x = parse_fast.real_symbol("x")
    for t in (x, 3 * x, x**2, (x + 1)**2, sp.sin(x), sp.exp(2 * x), (x + 1)**-1, (1 + x**2)**sp.Rational(1, 2)):
        assert rational_plus(sp.Integer(1), t) is not None, t
    assert rational_plus(sp.Integer(0), x) is None and rational_plus(sp.Integer(1), x + 1) is None
    assert rational_plus(sp.Integer(1), sp.Pow(2, x)) is None


def test_texts_of_the_shapes_parse_as_sympy_builds_them() -> None:
    x, y, z = (parse_fast.real_symbol(n) for n in "xyz")
    cases = {
        "(2*x)**2": sp.Pow(2 * x, 2), "(-x)**2": sp.Pow(-x, 2), "(x*y*z)**2": sp.Pow(x * y * z, 2),
        "(-1/2*x*y**2)**3": sp.Pow(-x * y**2 / 2, 3), "(3*x*z)**-2": sp.Pow(3 * x * z, -2),
        "z*y*x*2": 2 * x * y * z, "1/2*y*x": x * y / 2, "x*y*x": x**2 * y, "1 + (x*y*z)**2": 1 + (x * y * z)**2,
        "(x + y)**2 - 3": (x + y)**2 - 3, "2 + sin(x)": sp.sin(x) + 2, "x - 1/3": x - sp.Rational(1, 3),
        "1 - (x + 2)**2": 1 - (x + 2)**2, "0 + x": x, "sqrt(2) + x**2": sp.sqrt(2) + x**2,
    }
    u, v, w, p = (parse_fast.real_symbol(n) for n in "uvwp")
    cases.update({
        "3*v": 3 * v, "u - z": u - z, "-x + 2*y": -x + 2 * y, "2*p - z - x - w + v": 2 * p - z - x - w + v,
        "cosh(y + 2*u)": sp.cosh(y + 2 * u), "exp(2*p - z - x - w + v)": sp.exp(2 * p - z - x - w + v),
        "sin(z - u + 2*v)": sp.sin(z - u + 2 * v), "cos(z - u - 2*v)": sp.cos(z - u - 2 * v),
        "log(1 + (x + 3*v + 2*y)**2)": sp.log(1 + (x + 3 * v + 2 * y)**2), "log(x - y)": sp.log(x - y),
        "atan(-u - v)": sp.atan(-u - v), "erf(x - 1)": sp.erf(x - 1), "log(1 + (sin(x))**2)": sp.log(1 + sp.sin(x)**2),
        "0*x + y": y, "1*x - y": x - y,
    })
    for text, expected in cases.items():
        _same(parse_expression(text), expected)


_LINEAR_COEFFICIENTS = st.sampled_from([None, -1, 2, -2, 3, sp.Rational(1, 2), sp.Rational(-1, 2), sp.Rational(3, 4),
                                        sp.Rational(-7, 3), sp.Rational(5, 2)]) | _RATIONALS


@settings(max_examples=max_examples(250), **SETTINGS)
@given(st.dictionaries(st.sampled_from(_NAMES), _LINEAR_COEFFICIENTS, min_size=1, max_size=8),
       st.lists(_RATIONALS, max_size=2), st.randoms(use_true_random=False))
def test_linear_total_is_sympys_sum(coefficients: dict, constants: list, rng: object) -> None:
    from taylorcli.parse_shapes import linear_total
    terms = [parse_fast.real_symbol(n) if c is None else parse_fast.product([sp.Rational(c), parse_fast.real_symbol(n)])
             for n, c in coefficients.items()]
    terms += constants
    rng.shuffle(terms)
    terms = [t for t in terms if t is not None]
    built = linear_total(list(terms))
    assert built is not None
    _equal(built, sp.Add(*terms))
    _same(built, parse_fast.total(list(terms)))
    assert parse_pow.finite_by_shape(built)


def test_linear_total_refuses_repeats_and_other_terms() -> None:
    from taylorcli.parse_shapes import linear_total
    x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
    for terms in ([x, 2 * x], [x, x], [x, x**2], [x, sp.sin(y)], [x, sp.Symbol("t")], [x, x * y], [x + y, y], [sp.Integer(1)]):
        assert linear_total(terms) is None


def test_keyword_errors_are_those_of_the_whole_check() -> None:
    from taylorcli.errors import TaylorError
    from taylorcli.parse_text import _check_text
    for text in ("lambda", "x + lambda", "sin(x) + if", "x and y", "None", "True + x", "x^2 + pass", "sin(\tnot)",
                 "x*y + (z or 1)", "x1 + in_", "for"):
        try:
            _check_text(text)
        except TaylorError as error:
            want = (type(error), str(error))
        else:
            want = None
        try:
            parse_expression(text)
        except TaylorError as error:
            got = (type(error), str(error))
        else:
            got = None
        if want is not None:
            assert got == want, text
