"""sortkey.rational_univariate with an irrational constant term of a class none of the terms has
(log(5), atan(2), exp(3), sin(1), sqrt(2), pi, E) and with one that is a product (pi/4, 2*log(2)):
the very object SymPy's own Add of the products builds (==, srepr and args order)."""

import random

import sympy as sp

from taylorcli.sortkey import rational_univariate

x = sp.Symbol("x")
y = sp.Symbol("y", positive=True)
CONSTANTS = [sp.log(5), sp.log(17) - sp.log(16), sp.atan(2), sp.exp(3), sp.sin(1), sp.cos(sp.Rational(1, 3)),
             sp.sqrt(2), sp.pi, sp.E, sp.pi / 4, 2 * sp.log(2), -sp.log(3), sp.asinh(2), sp.Rational(1, 2) * sp.sqrt(3),
             sp.EulerGamma, sp.Catalan, sp.sinh(1), sp.log(2) ** 2]


def test_constant_term_against_sympy_add() -> None:
    rng = random.Random(7)
    for _ in range(600):
        base = rng.choice([x, y, x - 1, x + sp.Rational(1, 3), y - 2])
        k = rng.randint(0, 12)
        items = [((0,), rng.choice(CONSTANTS))]
        for d in range(1, k + 1):
            if rng.random() < 0.8:
                c = sp.Rational(rng.randint(-30, 30), rng.randint(1, 9))
                if c != 0:
                    items.append(((d,), c))
        got = rational_univariate(items, base)
        if got is None:
            continue
        want = sp.Add(*(c * base**p[0] for p, c in items))
        assert got == want and sp.srepr(got) == sp.srepr(want) and got.args == want.args, (items, base)
