"""parse_product: products with a sum as a factor or with factors of one base (``x*(1 - x)``, ``cosh(x)*cosh(x)``,
``sqrt(B)*B``) built directly are SymPy's ``Mul(*factors)``, object for object; and texts with such products
parse to the objects of the ordinary route and of SymPy's own constructors (test_parse_single._compare)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse_fast import real_symbol
from taylorcli.parse_product import product
from test_fast_paths import _factors, _same
from test_parse_single import _compare

x, y, z = (real_symbol(n) for n in ("x", "y", "z"))
_EXPONENTS = [sp.Integer(1), sp.Integer(2), sp.Integer(-1), sp.Integer(-2), sp.Integer(3), sp.Rational(1, 2),
              sp.Rational(-1, 2), sp.Rational(3, 2), sp.Rational(1, 3)]


def _pool() -> st.SearchStrategy[list]:
    """A few bases: the parser's symbols, calls, sums (two terms and more), near misses."""
    calls = st.tuples(st.sampled_from([sp.exp, sp.sin, sp.cos, sp.log, sp.atan, sp.cosh, sp.erf, sp.Abs]),
                      st.sampled_from([x, x + 1, x**2 + 1, x * y + z, 2 * x - y, -x])).map(lambda p: p[0](p[1]))
    sums = st.sampled_from([x + 1, 1 - x, x - y, 1 + x**2, 1 + x**2 * y**2, x + y + z, 1 + sp.sin(x)**2,
                            1 + sp.exp(x), x**2 - 1, 2 * x + 2, sp.pi + x, sp.Symbol("x") + 1])
    fixed = st.sampled_from([x, y, z, sp.Symbol("x"), sp.pi, sp.E, sp.sqrt(2), sp.Symbol("n", positive=True)])
    return st.lists(st.one_of(calls, sums, fixed), min_size=1, max_size=3)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(_pool(), st.lists(st.tuples(st.integers(0, 2), st.sampled_from(_EXPONENTS)), min_size=1, max_size=5),
       st.lists(st.sampled_from([sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Rational(-1, 2), sp.Integer(0)]),
                max_size=2))
def test_product_with_repeats_and_sums_is_mul(pool: list, picks: list, numbers: list) -> None:
    factors = numbers + [pool[i % len(pool)] ** e for i, e in picks]
    built = product(factors)
    if built is None:
        return
    _same(built, sp.Mul(*factors))


@settings(max_examples=max_examples(300), **SETTINGS)
@given(_factors())
def test_product_on_the_fast_paths_factors_is_mul(factors: list) -> None:
    built = product(factors)
    if built is None:
        return
    _same(built, sp.Mul(*factors))


def test_product_takes_sums_and_repeats() -> None:
    u = 1 + x**2
    root = sp.sqrt(u)
    cases = [[sp.cosh(x), sp.cosh(x)], [x, x], [x, x**2], [x + 1, x - 1], [x, 1 - x], [u, root], [root, root],
             [root, root, root], [1 / u, u**2], [x + 1, y, x**2], [sp.Integer(2), x + 1, y], [sp.Integer(-1), x + y, x],
             [sp.sin(x), sp.sin(x)**2, sp.Integer(3)], [x, y, x, y, x, y, x, y], [x + 1, x + 1], [sp.Integer(2), x, x],
             [x * (x + 1), x + 1], [sp.exp(x), x + 1, x]]
    for factors in cases:
        built = product(factors)
        assert built is not None, factors
        _same(built, sp.Mul(*factors))
    for factors in ([sp.Integer(2), x + 1], [x, 1 / x], [root, 1 / root], [sp.exp(x), sp.exp(x)], [sp.Integer(2), root, root],
                    [sp.Abs(x), sp.Abs(x)], [sp.sin(1), sp.sin(1)], [sp.Integer(-1), x + 1]):
        assert product(factors) is None, factors


@pytest.mark.parametrize("text", [
    "cosh(x) * cosh(x)", "x*x", "x*x*x", "x*(1 - x)", "(x + 1)*(x - 1)", "2*(x + 1)", "(x + 1)*2", "-(x + 1)", "-(x + 1)*y",
    "x/x", "x*x/x", "x**2/x", "sin(x)*sin(x)**2", "sin(x)/sin(x)**2", "sqrt(1 + x**2)*sqrt(1 + x**2)",
    "sqrt(1 + x**2)*(1 + x**2)", "(1 + x**2)/sqrt(1 + x**2)", "exp(log(1 + (w*y*v)**2)) * sqrt(1 + (erf(2*u - x + z))**2)",
    "exp(x)*exp(x)", "(1 - x)**2*(1 - x)", "x*y*x*y", "(x + y)*(x + y)*3", "3*(x + y)*(x - y)", "1/(1 + x**2) * (1 + x**2)",
    "(1/2)*(x + 1)", "(x - 1)*(x + 1)/(x - 1)", "cos(x)*cos(x) + sin(x)*sin(x)", "x1**2*x2 + x1*x2**3", "x*(x + 1)**2*(x + 1)",
    "(x + 1)*(y + 1)*(x + 1)", "atan(x)*atan(x)/atan(x)", "(1 + (x + 3)**2)*(1 + (x + 3)**2)",
])
def test_texts(text: str) -> None:
    _compare(text)


def _texts() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["x", "y", "(x + 1)", "(1 - x)", "(x - y)", "2", "sin(x)", "cosh(x)", "sqrt(1 + x**2)",
                              "(1 + x**2)", "1/(1 + x**2)", "x**2", "(x*y)", "exp(x)", "(x + 1)**2", "(-x)", "3"])
    return st.lists(st.tuples(st.sampled_from(["*", "/", "*", " + ", " - "]), pieces), min_size=2, max_size=6).map(
        lambda ps: "".join(op + t for op, t in ps).lstrip("*/ +-"))


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_texts())
def test_random_products_build_the_same_objects(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.sampled_from([sp.Integer(1), sp.Integer(2), sp.Integer(-1), sp.Rational(1, 2), sp.Rational(-3, 7),
                                 sp.Integer(0), x + 1, 1 - x, x**2 + 10 * y**2, x * y - sp.exp(z) + 3, sp.sin(x) + sp.pi,
                                 sp.Symbol("x") + 1, x, sp.exp(x), 2 * x, x + sp.I]), min_size=1, max_size=4))
def test_mul_is_mul(factors: list) -> None:
    from sympy.core.cache import clear_cache

    from taylorcli.parse_product import mul
    clear_cache()
    built = mul(factors)
    clear_cache()
    _same(built, sp.Mul(*factors))


@pytest.mark.parametrize("text", ["2*(x + 1)", "(x + 1)/2", "0.5*(x^2 + 10*y^2)", "1/2*(x^2 + 10*y^2)", "3*(x**2 + y**2)",
                                  "-2*(x - y)", "(1 - x)*(-3)", "2*(x + 1)*y", "(x + y)/(-4)", "1*2*(x + 1)", "0*(x + 1)",
                                  "2*(x + pi)", "2*(x + 1)/3", "2/(x + 1)"])
def test_rational_times_sum_texts(text: str) -> None:
    _compare(text)
