"""Leaves built without SymPy's constructors in session 14 (constants.py, convert.py) are SymPy's own
objects: f(atan(-q)), exp of square roots, powers of -g(c), products of square roots."""

from __future__ import annotations

import random

import pytest
import symengine as se
from sympy.core.cache import clear_cache

from taylorcli.convert import to_sympy
from same_object import same_expr

_F = [se.sin, se.cos, se.sinh, se.cosh, se.atan, se.erf, se.exp, se.tan, se.log]


def _q(rng: random.Random) -> object:
    return se.Rational(rng.choice([1, 2, 3, 5, 7, 36]), rng.choice([1, 1, 2, 3]))


def _value(rng: random.Random) -> object:
    kind = rng.randrange(6)
    if kind == 5:
        return se.exp(se.sqrt(rng.choice([2, 3, 37, 122, 8, 50])) * rng.choice([1, -1, 2, se.Rational(1, 3)]))
    if kind == 0:
        return rng.choice(_F)(se.atan(-_q(rng)))
    if kind == 1:
        n = rng.choice([2, 3, 5, 6, 7, 10, 122, 53, 8, 12, 50])
        a = rng.choice([1, -1, 2, se.Rational(3, 2), se.Rational(-1, 3)]) * se.sqrt(n)
        return se.exp(a + rng.choice([0, 0, 1, se.sin(1), -se.Rational(1, 2)]))
    if kind == 2:
        g = rng.choice([se.sin, se.cos, se.sinh, se.atan, se.erf, se.tan, se.log])(_q(rng) * rng.choice([1, -1]))
        return g ** rng.randint(2, 5)
    if kind == 3:
        return se.sqrt(rng.randint(2, 400)) * se.sqrt(rng.randint(2, 400)) * rng.choice([1, se.sin(1), se.Rational(2, 3)])
    return se.sqrt(rng.randint(2, 5000))


@pytest.mark.parametrize("seed", range(6))
def test_leaves_are_sympys_objects(seed):
    rng = random.Random(seed)
    for _ in range(120):
        value = _value(rng)
        clear_cache()
        try:
            want = value._sympy_()
        except (RuntimeError, ValueError, ZeroDivisionError):
            continue
        clear_cache()
        same_expr(to_sympy(value, {}, [], {}), want)


def test_powers_of_exp_of_halves():
    import sympy as sp

    from taylorcli.constants import power, unevaluated

    for q, e in [(sp.S.Half, 2), (sp.Rational(1, 3), 3), (sp.Rational(1, 2), 4), (sp.Rational(-1, 2), 2)]:
        g = unevaluated(sp.exp, q)
        clear_cache()
        want = sp.exp(q) ** e
        clear_cache()
        same_expr(power(g, e), want)
