"""convert.to_sympy's numbers and f(c)**n, and constants.leaf read without SymEngine's comparisons,
give SymPy's own conversion (``_sympy_()`` after ``clear_cache``), node for node.

Hypothesis draws SymEngine constants: numbers (0, 1, -1, 1/2, -1/2, large), f(q) for every class
leaf knows (negative, zero, one and fractional q), E**q, pi**q, sqrt(n), sums under powers
and logs, products and sums of them; leaf's refusals (None) are checked on a table of the cases
its docstrings name.
"""

from __future__ import annotations

import pytest
import symengine as se
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache

from same_object import same_expr
from taylorcli.constants import leaf, shared
from taylorcli.convert import mul, to_sympy

RATIONALS = st.builds(lambda p, q: se.Rational(p, q), st.integers(-40, 40) | st.integers(-10**40, 10**40),
                      st.sampled_from([1, 1, 2, 3, 7, 10**30]))
FUNCTIONS = [se.sin, se.cos, se.tan, se.atan, se.log, se.sinh, se.cosh, se.erf, se.exp]


@st.composite
def constants(draw: st.DrawFn) -> object:
    kind = draw(st.integers(0, 6))
    q = draw(RATIONALS)
    if kind == 0:
        return q
    if kind == 1:
        return draw(st.sampled_from(FUNCTIONS))(q)
    if kind == 2:  # (small exponents: SymEngine computes an integer to a large one, or crashes)
        small = se.Rational(draw(st.integers(-9, 9)), draw(st.sampled_from([1, 2, 3])))
        return se.Pow(draw(st.sampled_from([se.E, se.pi, se.Integer(draw(st.integers(2, 40)))])),
                      draw(st.sampled_from([se.Rational(1, 2), se.Rational(-1, 2), se.Integer(-1), se.Integer(2), small])))
    f = draw(st.sampled_from(FUNCTIONS[:-1]))(abs(q) + 1)
    if kind == 3:
        return f ** draw(st.integers(-3, 7))
    if kind == 4:
        return (1 + f**2) ** draw(st.sampled_from([se.Integer(-1), se.Integer(-2), se.Rational(1, 2), se.Rational(-3, 2)]))
    if kind == 5:
        return se.log(2 + f**2)
    return se.expand(q * f**2 / (1 + f**2) + draw(RATIONALS) * se.sinh(se.Integer(2)) ** 3)


@settings(max_examples=400, deadline=None)
@given(constants())
def test_conversions_are_sympys(value: object) -> None:
    if not isinstance(value, se.Basic):
        return
    clear_cache()
    try:
        want = value._sympy_()
    except Exception:  # noqa: BLE001 - SymPy cannot build it: nothing to compare
        return
    clear_cache()
    with shared():
        got = to_sympy(value, {}, [])
    same_expr(got, want)
    clear_cache()
    found = leaf(value)
    if found is not None:
        same_expr(found, want)


@pytest.mark.parametrize("value", [
    se.log(se.Integer(1)), se.log(se.Rational(1, 2)), se.log(se.Rational(3, 2)), se.atan(se.Integer(1)),
    se.atan(se.Integer(-1)), se.sin(se.Integer(-2)), se.Pow(se.pi, se.Integer(1)),
    se.Pow(se.Integer(8), se.Rational(1, 2)), se.Pow(se.Integer(2), se.Rational(1, 3)),
    se.Pow(se.pi, se.Rational(1, 3)), se.Pow(se.E, se.Symbol("y")), se.Symbol("y"),
])
def test_leaf_leaves_these_to_sympy(value: object) -> None:
    assert leaf(value) is None


def test_leaf_builds_these() -> None:
    for value in [se.atan(se.Integer(-4)), se.atan(se.Rational(-1, 3)), se.sin(se.Integer(1)), se.log(se.Integer(2)),
                  se.Pow(se.pi, se.Rational(-1, 2)), se.Pow(se.pi, se.Integer(-1)), se.Pow(se.pi, se.Integer(3)),
                  se.Pow(se.Integer(17), se.Rational(1, 2)), se.exp(se.Integer(-1)), se.exp(se.Rational(2, 3)),
                  se.Pow(1 + se.cosh(se.Integer(2))**2, se.Integer(-1))]:
        found = leaf(value)
        assert found is not None, value
        clear_cache()
        same_expr(found, value._sympy_())


def test_mul_keeps_sympys_refusals() -> None:
    c = sp.cosh(2, evaluate=False)
    for factors in ([sp.Integer(1), c], [sp.Integer(0), c], [sp.Float(1.0), c],
                    [sp.Integer(2), sp.Integer(3), c], [sp.Rational(1, 2), 1 + c]):
        same_expr(mul(list(factors)), sp.Mul(*factors))


LEAVES = [sp.sin(2, evaluate=False), sp.cos(2, evaluate=False), sp.cosh(sp.Rational(1, 3), evaluate=False),
          sp.exp(3, evaluate=False), sp.log(5, evaluate=False), sp.sqrt(2), sp.E]
NUMBERS = st.sampled_from([sp.Integer(2), sp.Integer(-1), sp.Rational(1, 2), sp.Rational(-5, 3), sp.Integer(1)])


@st.composite
def terms(draw: st.DrawFn) -> sp.Expr:
    factors = draw(st.lists(st.sampled_from(LEAVES), min_size=0, max_size=3, unique=True))
    if not factors or draw(st.booleans()):
        factors = [draw(NUMBERS)] + factors
    return sp.Mul(*factors)


@settings(max_examples=300, deadline=None)
@given(st.lists(terms(), min_size=2, max_size=6))
def test_add_is_sympys_add(items: list) -> None:
    from taylorcli.convert import add
    same_expr(add(list(items)), sp.Add(*items))
    same_expr(add(list(items), {}), sp.Add(*items))
