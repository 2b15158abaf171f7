"""The fast SymEngine -> SymPy conversion must build exactly SymPy's canonical objects."""

from __future__ import annotations

import itertools

import pytest
import symengine as se
import sympy as sp
from symengine.lib.symengine_wrapper import sympy2symengine

from taylorcli import expand, symbol
from taylorcli.calculus import Differentiator
from taylorcli.convert import add, mul, to_sympy

x, y, z = (symbol(n) for n in "xyz")
HALF = sp.Rational(1, 2)

CASES = [
    (sp.exp(x * y) * sp.sin(x + z), (1, 2, 3)),
    (sp.log(1 + x**2 + y) * sp.cos(z), (1, HALF, 2)),
    (sp.sqrt(x**2 + y**2 + z**2), (1, 2, 2)),
    (sp.atan(x * y) + sp.exp(z) * x, (sp.pi / 4, 1, 3)),
    (sp.exp(x + y + z), (1, 1, 1)),
    (sp.exp(x) * sp.exp(2 * y) * z, (1, 2, 3)),
    (sp.sin(x) * sp.cos(y) * sp.tan(z), (sp.pi / 3, sp.pi / 4, sp.pi / 6)),
    ((x + y) ** 5 * z, (1, -1, 2)),
    (sp.gamma(x + 1) * y + z, (HALF, 1, 1)),
    (sp.exp(sp.sqrt(2) * x) * y, (1, 2, 0)),
]


def identical(a: sp.Expr, b: sp.Expr) -> bool:
    return a == b and a.args == b.args and hash(a) == hash(b)


@pytest.mark.parametrize("f, point", CASES, ids=str)
def test_values_at_points_convert_to_canonical_objects(f, point):
    d = Differentiator(f, [x, y, z])
    substitution = {sympy2symengine(v): sympy2symengine(sp.Integer(a) if isinstance(a, int) else a)
                    for v, a in zip((x, y, z), point)}
    memo: dict = {}
    for k in range(5):
        for index in itertools.combinations_with_replacement(range(3), k):
            value = se.expand(d.engine_partial(index).subs(substitution) * se.Rational(1, 7))
            assert identical(to_sympy(value, memo), value._sympy_())


@pytest.mark.parametrize("text, at, k", [
    ("exp(x*y)*sin(x+z)", "1,2,3", 5), ("x**2*y + exp(x)", "1,2", 3), ("2*x + 3", "1", 2),
    ("sin(x)", "pi/4", 5), ("(x+y)**5*z", "1,-1,2", 4), ("1/sin(x)", "0", 3), ("atan(x)", "oo", 3),
])
def test_polynomial_is_the_canonical_sum(text, at, k):
    e = expand(text, at=at, order=k)
    reference = sp.Add(*(c * e.monomial(p) for p, c in e.coefficients))
    assert identical(e.polynomial, reference)


def test_fallbacks_where_flattening_does_more():
    two = sp.Integer(2)
    assert identical(mul([two, x - 1]), sp.Mul(two, x - 1))  # a number times a sum distributes
    assert identical(mul([sp.exp(x), sp.exp(y)]), sp.exp(x) * sp.exp(y))  # exponentials combine
    assert identical(mul([sp.sqrt(2), sp.sqrt(3)]), sp.sqrt(6))  # numeric radicals combine
    assert identical(add([x, 2 * x]), 3 * x)  # like terms combine
    assert identical(add([sp.Integer(1), sp.Integer(2), x]), x + 3)


@pytest.mark.parametrize("make", [
    lambda: se.sqrt(1 + se.cos(se.Rational(35, 6)) ** 2),
    lambda: (1 + se.cos(se.Rational(35, 6)) ** 2) ** -1,
    lambda: (se.Rational(3, 4) + se.sin(2) * se.exp(3)) ** se.Rational(-3, 2),
    lambda: se.sqrt(se.exp(2) + se.log(3)),
    lambda: se.sqrt(2) * se.sqrt(1 + se.sinh(se.sinh(4))),
    lambda: se.sqrt(se.Rational(3, 7)),
    lambda: (se.cos(1) + se.sin(1)) ** 3,
    lambda: se.sqrt(se.cos(4) - 1),
])
def test_a_power_converts_to_sympys_object(make):
    """to_sympy converts a power's parts itself (SymEngine's Pow._sympy_ is base ** exp): the same object."""
    value = make()
    leaves: list = []
    found = to_sympy(value, {}, leaves, {})
    reference = value._sympy_()
    assert sp.srepr(found) == sp.srepr(reference) and hash(found) == hash(reference)


_LEAVES = [sp.log(4), sp.log(13), sp.sin(sp.Rational(3, 2)), sp.exp(2), sp.sqrt(2), sp.pi, sp.cos(1),
           sp.Symbol("a", real=True), sp.Integer(3), sp.Rational(-1, 2), sp.Integer(0), sp.oo]


@pytest.mark.parametrize("seed", range(40))
def test_add_of_nested_sums_is_sympys_add(seed):
    """add() splices a nested sum's terms (-log(4) + log(13) beside sin(3/2)) and must stay sp.Add's object."""
    import random

    rng = random.Random(seed)

    def term():
        leaf = rng.choice(_LEAVES)
        return leaf * rng.choice([1, -1, 2, sp.Rational(1, 3)]) if rng.random() < 0.5 else leaf

    for _ in range(30):
        terms = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.5:
                terms.append(sp.Add(*[term() for _ in range(rng.randint(2, 3))]))
            else:
                terms.append(term())
        want = sp.Add(*terms)
        got = add(terms)
        assert got == want and sp.srepr(got) == sp.srepr(want), terms
        assert add(terms, {}) == want and sp.srepr(add(terms, {})) == sp.srepr(want), terms
