"""convert.mul builds SymPy's own Mul object (node for node, same assumptions recorded) on products
of constants: rationals, numeric roots, E, pi, exp(2), log(3), atan(6), sin(1), powers of sums of
such constants with negative and zero exponents, and products of them (-atan(6), 2*pi)."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.convert import mul
from same_object import same_expr

R = sp.Rational
_ROOTS = [sp.sqrt(2), sp.sqrt(3), sp.sqrt(6), sp.cbrt(2), sp.cbrt(3), sp.Integer(3) ** R(2, 3), sp.sqrt(1370),
          sp.Integer(5) ** R(1, 4), sp.Integer(12) ** R(1, 5), sp.sqrt(10), sp.Integer(7) ** R(3, 4)]
_LEAVES = [sp.E, sp.pi, sp.exp(2), sp.exp(-3), sp.exp(R(1, 2)), sp.log(3), sp.log(2), sp.atan(6), sp.atan(R(1, 3)),
           sp.sin(1), sp.cos(R(3, 2)), sp.erf(2), sp.sinh(1), sp.Symbol("x"), sp.Symbol("a", positive=True)]
_SUMS = [1 + sp.pi ** 2 / 16, 1 + sp.sqrt(2), sp.exp(2) + sp.log(3), 1 + sp.atan(6) ** 2, sp.sin(1) + sp.cos(1),
         sp.Symbol("x") + 1]
_NUMBERS = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), R(1, 37), R(-6, 937765), R(3, 2),
            sp.Integer(1370), R(1, 1370), sp.Float(1.5), sp.oo, sp.zoo, sp.I]
_EXPONENTS = [0, 1, -1, 2, -2, 3, R(1, 2), R(-1, 2), R(-3, 2), R(5, 2), R(1, 3), R(-7, 2)]


def _factor(rng: random.Random) -> sp.Expr:
    kind = rng.random()
    if kind < 0.2:
        return rng.choice(_NUMBERS[:-3] if rng.random() < 0.95 else _NUMBERS)
    if kind < 0.4:
        return rng.choice(_ROOTS) ** rng.choice([1, 1, 1, -1, 2, 3])
    if kind < 0.65:
        return rng.choice(_LEAVES) ** rng.choice([1, 1, 1, 2, -1, -2, 3, R(1, 2), 0])
    if kind < 0.8:
        return rng.choice(_SUMS) ** rng.choice(_EXPONENTS)
    # a product: -atan(6), 2*pi, -sqrt(2), sqrt(1370)*pi/37 ...
    return sp.Mul(*[_factor(rng) for _ in range(rng.randint(2, 3))])


def _same(got: sp.Expr, want: sp.Expr) -> None:
    same_expr(got, want)
    assert got.is_commutative == want.is_commutative
    # recorded facts agree (a fresh object has only is_commutative; a cached one may know more)
    for key in got._assumptions.keys() & want._assumptions.keys():
        assert got._assumptions[key] == want._assumptions[key], key


@pytest.mark.parametrize("seed", range(30))
def test_random_products_are_sympys_mul(seed):
    rng = random.Random(seed)
    for _ in range(150):
        factors = [_factor(rng) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.3:
            clear_cache()
        want = sp.Mul(*factors)
        _same(mul(list(factors)), want)
        _same(mul(list(factors), {}), want)


def test_the_products_of_the_sweep():
    """The shapes met at (1, 3): a rational, sqrt(1370), powers of pi, a power of a sum; -atan(6)."""
    s = 1 + sp.pi ** 2 / 16
    cases = [
        [R(1, 37), sp.sqrt(1370), s ** R(1, 2)],
        [R(-1, 4736), sp.sqrt(1370), sp.pi ** 2, s ** R(-3, 2)],
        [R(3, 4), -sp.atan(6), sp.pi, (1 + sp.atan(6) ** 2) ** -2],
        [sp.Integer(-1), -sp.atan(6)],
        [R(1, 2), -sp.sqrt(2)],
        [sp.Integer(2), R(1, 2) * (1 + sp.sqrt(2))],
        [sp.sqrt(2), sp.cbrt(3), sp.Integer(5) ** R(1, 4)],
    ]
    for factors in cases:
        clear_cache()
        want = sp.Mul(*factors)
        _same(mul(list(factors)), want)


def test_roots_that_combine_go_to_sympy():
    for factors, want in [([sp.sqrt(2), sp.sqrt(3)], sp.sqrt(6)), ([sp.sqrt(2), sp.cbrt(2)], sp.Integer(2) ** R(5, 6)),
                          ([sp.cbrt(2), sp.Integer(6) ** R(1, 4)], sp.cbrt(2) * sp.Integer(6) ** R(1, 4)),
                          ([sp.sqrt(2), -sp.sqrt(2)], sp.Integer(-2))]:
        _same(mul(factors), want)
