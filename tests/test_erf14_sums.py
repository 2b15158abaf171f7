"""constants_sums builds SymPy's own objects for powers, exp and erf of real sums of constants, and
constants_sign's float enclosures give the sign SymPy finds: compared with SymPy's constructors on
random constants (log(p) - log(q), the values of log(1 + u**2) at rational points, and others)."""

from __future__ import annotations

import random

import pytest
import symengine as se
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.constants_sign import sign
from taylorcli.constants_sums import exp_of_power, function_of_sum, minus_sign, power, real_sum
from taylorcli.convert import to_sympy
from same_object import same_expr

_Q = [se.Rational(p, q) for p in (1, 2, 3, 5, 7, 9, 17) for q in (1, 2, 3, 4)]


def _atom(rng: random.Random) -> object:
    q = rng.choice(_Q)
    kind = rng.randrange(9)
    if kind == 0:
        return se.log(rng.randint(2, 120))
    if kind == 1:
        return se.log(rng.choice(_Q) + 1)  # log(p/q) = log(p) - log(q) in SymEngine
    if kind == 2:
        return se.sin(q) if rng.random() < 0.5 else se.cos(q)
    if kind == 3:
        return se.exp(q * rng.choice([1, -1]))
    if kind == 4:
        return se.atan(q * rng.choice([1, -1]))
    if kind == 5:
        return se.sinh(q) if rng.random() < 0.5 else se.cosh(q)
    if kind == 6:
        return se.erf(q)
    if kind == 7:
        return se.log(rng.randint(2, 30)) ** 2
    return rng.choice(_Q) * rng.choice([1, -1])


def _sum(rng: random.Random) -> object:
    while True:
        s = sum((_atom(rng) * rng.choice([1, -1, 2, se.Rational(-1, 3), 3]) for _ in range(rng.randint(2, 4))),
                se.Integer(0))
        s = se.expand(s)
        if isinstance(s, se.Add):
            return s


def _sympy(value: object) -> sp.Expr:
    return to_sympy(value, {}, [], {})


@pytest.mark.parametrize("seed", range(3))
def test_builders_give_sympys_objects(seed):
    rng = random.Random(seed)
    for _ in range(60):
        s = _sum(rng)
        clear_cache()
        mine = _sympy(s)
        want = s._sympy_()
        same_expr(mine, want)
        if not real_sum(mine):  # atan(1) is pi/4: not of the vocabulary
            continue
        for e in (sp.Integer(2), sp.Integer(3), sp.Integer(-1), sp.Integer(-2), sp.S.Half, sp.Rational(-1, 2)):
            clear_cache()
            same_expr(power(mine, e), sp.Pow(want, e))
        number = sp.N(want, 50)
        assert sign(mine) in (None, 1 if number > 0 else -1)
        if abs(number) > 1e-6:
            assert sign(mine) is not None
        found = minus_sign(mine)
        assert found is None or found == want.could_extract_minus_sign()
        for cls in (sp.erf, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.atan):
            clear_cache()
            got = function_of_sum(cls, mine)
            if got is not None:
                clear_cache()
                same_expr(got, cls(want))
        for r in (sp.Integer(-1), sp.Integer(1), sp.Rational(-2, 3)):
            for n in (2, 3, 4):
                inner = r * sp.Pow(want, n)
                got = exp_of_power(inner)
                assert got is not None
                clear_cache()
                same_expr(got, sp.exp(inner))


@pytest.mark.parametrize("seed", range(3))
def test_conversions_of_functions_of_sums_are_sympys(seed):
    rng = random.Random(100 + seed)
    for _ in range(40):
        s = _sum(rng)
        for value in (se.erf(s), se.erf(-s), se.sin(s), se.cos(-s), se.sinh(-s), se.cosh(s), se.atan(s), se.atan(-s),
                      se.sin(-s), s ** 2, s ** -1, s ** -2, se.exp(-s ** 2), se.exp(s ** 2),
                      se.exp(-2 * s ** 2) * 3, 1 / (1 + s ** 2)):
            value = se.expand(value) if rng.random() < 0.3 else value
            clear_cache()
            want = value._sympy_()
            clear_cache()
            same_expr(_sympy(value), want)


def test_minus_sign_of_two_logs():
    s = _sympy(se.log(4) - se.log(85))
    assert minus_sign(s) is s.could_extract_minus_sign() is False
    t = _sympy(se.log(85) - se.log(4))
    assert minus_sign(t) is t.could_extract_minus_sign()


def test_sign_refuses_what_it_cannot_bound():
    assert sign(sp.Integer(0)) is None
    assert sign(sp.Symbol("x")) is None
    assert sign(sp.sin(sp.exp(80))) in (None, 1, -1)  # an argument of 5e34: no digit left
    assert sign(sp.sin(sp.exp(80))) is None
    assert sign(sp.log(4, evaluate=False) - 2 * sp.log(2, evaluate=False)) is None  # zero


def test_atan_of_an_algebraic_sum_is_left_to_sympy():
    """atan(1 + sqrt(2)) is 3*pi/8 (atan's table): a sum with no function application is not built."""
    s = sp.Add(1, sp.sqrt(2))
    assert function_of_sum(sp.atan, s) is None
    same_expr(to_sympy(se.atan(1 + se.sqrt(2)), {}, [], {}), sp.atan(s))
