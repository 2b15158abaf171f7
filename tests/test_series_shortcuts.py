"""The series engine's shortcuts (issue 9: several variables at low order) give the general path's objects.

The affine sum q1 x1 + ... + r and the scaled product q*u*v (compose.SHORTCUTS), the one-term
coefficient (direct.ONE_TERM) and the skipped guard (expansion._unrefusable) are checked on random
expressions of the benchmark sweep's families (exp, sin, cos, atan, sinh, cosh, erf, log(1 + u**2),
sqrt(1 + u**2), 1/(1 + u**2) of scaled sums and products of 2-5 variables, nested once, summed or
multiplied in pairs; points at 0, integers and rationals): the same objects (==, args, srepr) as
with the shortcuts switched off, and as the derivative engine gives (its independent reference).
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples, time_limit
from taylorcli import expansion
from taylorcli.expansion import _taylor, expand
from taylorcli.series import compose, direct
from taylorcli.series.engine import survey

NAMES = [sp.Symbol(name, real=True) for name in ("x", "y", "z", "u", "v")]
UNARY = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf,
         lambda u: sp.log(1 + u**2), lambda u: sp.sqrt(1 + u**2), lambda u: 1 / (1 + u**2))


@st.composite
def _inner(draw: st.DrawFn, names: list) -> sp.Expr:
    if len(names) > 1 and draw(st.booleans()):
        return sp.Mul(*names)
    scales = draw(st.lists(st.sampled_from((1, 2, 3, -1, sp.Rational(1, 2))), min_size=len(names),
                           max_size=len(names)))
    return sp.Add(*[q * v for q, v in zip(scales, names)], draw(st.sampled_from((0, 0, 1, -2))))


@st.composite
def _term(draw: st.DrawFn, names: list) -> sp.Expr:
    inner = draw(_inner(names))
    if draw(st.integers(0, 2)) == 0:
        inner = draw(st.sampled_from(UNARY))(inner)
    return draw(st.sampled_from(UNARY))(inner)


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(2, 5))
    names = NAMES[:n]
    if draw(st.booleans()):
        cut = draw(st.integers(1, n - 1))
        a, b = draw(_term(names[:cut])), draw(_term(names[cut:]))
        expr = a + b if draw(st.booleans()) else a * b
    else:
        expr = draw(_term(names))
    kind = draw(st.integers(0, 2))
    values = (0,) if kind == 0 else (-2, -1, 1, 2, 3) if kind == 1 else (sp.Rational(1, 2), sp.Rational(-1, 3),
                                                                         sp.Rational(3, 2), 2)
    point = {v: sp.sympify(draw(st.sampled_from(values))) for v in names}
    return expr, names, point, draw(st.integers(0, 3 if n <= 3 else 2))


def _same(ours: list, expected: list) -> None:
    assert ours == expected
    assert [c.args for _, c in ours] == [c.args for _, c in expected]
    assert [sp.srepr(c) for _, c in ours] == [sp.srepr(c) for _, c in expected]
    assert [p for p, _ in ours] == [p for p, _ in expected]


@settings(max_examples=max_examples(40), **SETTINGS)
@given(cases())
def test_shortcuts_give_the_general_paths_objects(case: tuple) -> None:
    expr, names, point, order = case
    with time_limit(20):
        ours = _taylor(expr, names, point, order, "total")
        compose.SHORTCUTS = direct.ONE_TERM = False
        try:
            plain = _taylor(expr, names, point, order, "total")
        finally:
            compose.SHORTCUTS = direct.ONE_TERM = True
        _same(ours, plain)
        _same(ours, _taylor(expr, names, point, order, "total", arithmetic=False))


@settings(max_examples=max_examples(15), **SETTINGS)
@given(cases())
def test_expansions_without_the_guard_walk_are_the_same(case: tuple) -> None:
    expr, names, point, order = case
    with time_limit(20):
        ours = expand(expr, names, [point[v] for v in names], order)
        original = expansion._unrefusable
        expansion._unrefusable = lambda surveyed, point: False  # check_point always runs
        try:
            checked = expand(expr, names, [point[v] for v in names], order)
        finally:
            expansion._unrefusable = original
    _same(ours.coefficients, checked.coefficients)
    assert sp.srepr(ours.polynomial) == sp.srepr(checked.polynomial)


@pytest.mark.parametrize("build", [
    lambda a, b, y: sp.exp(a) / (1 - b) + y * b,
    lambda a, b, y: sp.sin(b * y) + a**2 * sp.cos(a + y),
    lambda a, b, y: (b + y) * sp.exp(a * y) - sp.atan(b),
    lambda a, b, y: sp.sqrt(1 + (a + b * y) ** 2) * sp.log(1 + y**2),
])
def test_survey_keeps_the_symbol_objects_free_symbols_keeps(build) -> None:
    # expand() names its variables by the expression's own objects: with two equal ones, free_symbols'.
    from sympy.core.cache import clear_cache
    first = sp.Symbol("x", real=True)
    clear_cache()
    second = sp.Symbol("x", real=True)
    y = sp.Symbol("y", real=True)
    for a, b in ((first, second), (second, first)):
        expr = build(a, b, y)
        surveyed = survey(expr)
        assert surveyed.plain
        assert sorted(map(id, surveyed.symbols)) == sorted(map(id, expr.free_symbols))
