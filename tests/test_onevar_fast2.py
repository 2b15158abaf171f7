"""sortkey_univariate.rational_univariate with an irrational constant term of a class none of the terms has
(log(5), atan(2), exp(3), sin(1), sqrt(2), pi, E) and with one that is a product (pi/4, 2*log(2)):
the very object SymPy's own Add of the products builds (==, srepr and args order)."""

import random

import sympy as sp

from taylorcli.sortkey_univariate import rational_univariate

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


def test_log_of_an_integer_is_what_symengine_gives() -> None:
    from flint import fmpq

    from taylorcli.convert import to_sympy
    from taylorcli.series.onevar import _log_of
    import symengine as se
    for p, q in [(2, 1), (4, 1), (5, 1), (12, 1), (16, 1), (2**70, 1), (3**40, 1), (17, 16), (1, 3), (16, 9)]:
        got = _log_of(fmpq(p, q))
        want = to_sympy(se.log(se.Rational(p, q)), {}, [])
        assert got == want and sp.srepr(got) == sp.srepr(want) and got.args == want.args
        assert got.__dict__.keys() == want.__dict__.keys() if hasattr(want, "__dict__") else True
        assert got.is_real and got == sp.log(sp.Rational(p, q)) or sp.expand_log(got - sp.log(sp.Rational(p, q))) == 0
