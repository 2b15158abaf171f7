"""expansion._unrefusable: where it says check_point cannot refuse, check_point does not refuse.

check_point (guard.py) refuses a power or gamma too large to compute exactly at the point;
the expansion skips that walk when one survey of the expression (series/engine.survey) shows
no gamma, only exponents of size at most 9 and a point of rationals of at most 1000 bits.
Random expressions with powers of every size, huge and small coordinates, and the refused
cases themselves.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.errors import MathError
from taylorcli.expansion import _unrefusable, expand
from taylorcli.guard import check_point
from taylorcli.series.engine import survey

X, Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
EXPONENTS = st.one_of(st.integers(-12, 12).filter(bool), st.sampled_from(
    (sp.Rational(1, 2), sp.Rational(-9, 2), sp.Rational(19, 2), sp.Rational(28, 3), sp.Rational(-1, 3))))
VALUES = st.sampled_from((0, 1, -2, sp.Rational(1, 3), 10**300, -(10**300), 2**999, 2**1001, sp.Rational(1, 10**305),
                          sp.Rational(7, 2**1001), 10**5))


def _expressions() -> st.SearchStrategy[sp.Expr]:
    leaves = st.one_of(st.sampled_from((X, Y, sp.pi, sp.E)), st.sampled_from((2, 3, 10**200, 2**1001)).map(sp.Integer))

    def extend(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        return st.one_of(
            st.tuples(children, children).map(lambda p: p[0] + p[1]),
            st.tuples(children, children).map(lambda p: p[0] * p[1]),
            st.tuples(children, EXPONENTS).map(lambda p: sp.Pow(p[0], p[1], evaluate=False)),
            st.tuples(children, EXPONENTS).map(lambda p: p[0] ** p[1]),
            st.tuples(st.sampled_from((sp.exp, sp.sin, sp.gamma)), children).map(lambda p: p[0](p[1], evaluate=False)),
        )

    return st.recursive(leaves, extend, max_leaves=6)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_expressions(), VALUES, VALUES)
def test_what_it_lets_through_check_point_lets_through(expr: sp.Expr, a: object, b: object) -> None:
    point = {X: sp.sympify(a), Y: sp.sympify(b)}
    try:
        check_point(expr, point)
        refused = False
    except MathError:
        refused = True
    through = _unrefusable(survey(expr), point)
    event(f"check_point refuses: {refused}; skipped: {through}")
    assert not (through and refused), (expr, point)


@pytest.mark.parametrize("expr, point", [
    (X**2, {X: sp.Integer(10) ** 400}),
    (X**11, {X: sp.Integer(10) ** 300}),
    (sp.gamma(X), {X: sp.Integer(10) ** 10}),
    (sp.Pow(sp.pi, 100000, evaluate=False) + X, {X: sp.Integer(1)}),
    (sp.Add(sp.Pow(sp.Integer(10) ** 400, sp.Rational(1, 3), evaluate=False), X, evaluate=False), {X: sp.Integer(1)}),
    (2**X, {X: sp.Integer(10) ** 9}),
])
def test_the_refused_cases_are_not_skipped(expr: sp.Expr, point: dict) -> None:
    with pytest.raises(MathError):
        check_point(expr, point)
    assert not _unrefusable(survey(expr), point)


def test_a_refused_expansion_says_what_check_point_says() -> None:
    expr, point = X**2 * Y + sp.exp(X), {X: sp.Integer(10) ** 400, Y: sp.Integer(1)}
    with pytest.raises(MathError) as expected:
        check_point(expr, point)
    with pytest.raises(MathError) as found:
        expand(expr, [X, Y], [point[X], point[Y]], 2)
    assert str(found.value) == str(expected.value)
