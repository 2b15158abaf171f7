"""to_sympy converts a SymEngine function of a constant by SymPy's class on its converted argument
(what OneArgFunction._sympy_ does on arg._sympy_()): the very object SymEngine's own conversion gives."""

from __future__ import annotations

import random

import pytest
import symengine as se
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.convert import to_sympy
from same_object import same_expr

_FUNCTIONS = [se.sin, se.cos, se.tan, se.atan, se.sinh, se.cosh, se.tanh, se.erf, se.log, se.exp, se.asinh,
              se.gamma, lambda a: se.sqrt(1 + a ** 2), lambda a: 1 / (1 + a ** 2)]


def _value(rng: random.Random) -> object:
    e = se.Rational(rng.choice([-7, -4, -3, -2, -1, 1, 2, 3, 5]), rng.choice([1, 1, 2, 3]))
    for _ in range(rng.randint(1, 3)):
        e = rng.choice(_FUNCTIONS)(e)
        if rng.random() < 0.3:
            e = e * rng.choice([2, -1, se.Rational(1, 3)]) + rng.choice([0, 1, se.sin(1)])
    return e


@pytest.mark.parametrize("seed", range(8))
def test_nested_functions_of_constants_are_sympys_objects(seed):
    rng = random.Random(seed)
    for _ in range(150):
        try:
            e = _value(rng)
            if rng.random() < 0.3:
                clear_cache()
            want = e._sympy_()
        except (RuntimeError, ValueError, ZeroDivisionError):  # tan of oo, log(0) ...
            continue
        same_expr(to_sympy(e, {}, [], {}), want)


@pytest.mark.parametrize("make", [lambda: se.sinh(se.atan(-4)), lambda: se.cosh(se.atan(-4)),
                                  lambda: se.exp(se.atan(-4)), lambda: se.sin(se.atan(-4)),
                                  lambda: se.erf(se.atan(se.Rational(-3, 2))), lambda: se.atan(se.atan(-4))])
def test_a_function_of_atan_of_a_negative_number(make):
    value = make()
    clear_cache()
    want = value._sympy_()
    clear_cache()
    same_expr(to_sympy(value, {}, [], {}), want)


def test_zoo_in_a_sum_is_sympys_zoo():
    """zoo is no Number: add() must not keep it beside other terms (SymPy's Add gives zoo)."""
    from taylorcli.convert import add

    same_expr(add([sp.sin(1), sp.zoo]), sp.Add(sp.sin(1), sp.zoo))
    value = se.erf(se.zoo + se.sin(1))
    same_expr(to_sympy(value, {}, [], {}), value._sympy_())
