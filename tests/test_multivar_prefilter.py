"""engine.taylor_coefficients skips separable.taylor where a sum has not as many parts as symbols.

separable.py answers only where each part is in one variable of its own (distinct ones): the sum's
symbols are then exactly one per part. Where their counts differ it declines; the engine then does
not walk the parts to find out (a cheaper no). Checked on random sums of one-variable and
several-variable parts, with parameters, shared variables and numbers.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.series import separable
from taylorcli.series.engine import survey

SYMBOLS = tuple(sp.Symbol(name, real=True) for name in ("x", "y", "z", "u", "a"))
FUNCTIONS = (sp.exp, sp.sin, sp.atan, lambda w: sp.log(1 + w**2), lambda w: 1 / (1 + w**2))


@st.composite
def sums(draw: st.DrawFn) -> sp.Expr:
    parts = []
    for _ in range(draw(st.integers(2, 4))):
        names = draw(st.lists(st.sampled_from(SYMBOLS), min_size=0, max_size=2))
        inner = sp.Add(*names, draw(st.sampled_from((0, 1, -2)))) if draw(st.booleans()) else sp.Mul(*names)
        parts.append(draw(st.sampled_from(FUNCTIONS))(inner) if names else sp.Integer(draw(st.integers(1, 3))))
    return sp.Add(*parts)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(sums(), st.integers(1, 3))
def test_separable_declines_where_parts_and_symbols_differ_in_number(expr: sp.Expr, order: int) -> None:
    if not expr.is_Add:
        return
    variables = list(SYMBOLS[:4])
    point = {v: sp.Integer(0) for v in variables}
    surveyed = survey(expr)
    if surveyed.plain and len(expr.args) != len(surveyed.symbols):
        assert separable.taylor(expr, variables, point, order, "total") is None, expr
