"""onevar_engine.engine_of against SymEngine's own sympy2symengine (the very object), and the lean
walk (onevar_constants) with it against the derivative engine on random shapes.

Independent references: ``sympy2symengine`` itself (equal, same printed form, same args), and the
expansion with the lean path switched off (compose.Walker / derivative engine) as in
tests/test_series_onevar_constants.py.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st
from symengine.lib.symengine_wrapper import sympy2symengine

from taylorcli.parse import parse_expression
from taylorcli.series.onevar_engine import engine_of
from strategies import SETTINGS, Slow, max_examples, time_limit
from test_series_onevar_constants import _compare

UNARY = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "erf({})", "tan({})",
         "log(1 + ({})**2)", "sqrt(1 + ({})**2)", "1/(1 + ({})**2)", "({})**3", "2*({}) + 1/3", "(1/2)**({})"]
INNER = ["x", "-3*x", "2*x + 1", "x/2 - 3", "x**2", "exp(-x)", "x*sin(x)"]


def _shape(draw_unary: list[int], inner: int) -> str:
    text = INNER[inner]
    for u in draw_unary:
        text = UNARY[u].format(text)
    return text


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.integers(0, len(UNARY) - 1), min_size=1, max_size=3), st.integers(0, len(INNER) - 1),
       st.sampled_from([0, 1, -2, sp.Rational(3, 2), sp.Rational(-1, 3)]))
def test_engine_of_is_sympy2symengine(unary: list[int], inner: int, a: sp.Rational) -> None:
    f = parse_expression(_shape(unary, inner))
    for sub in sp.preorder_traversal(f):
        want = sympy2symengine(sub)
        got = engine_of(sub, {})
        assert got == want and str(got) == str(want) and got.args == want.args
        point = {sympy2symengine(s): sympy2symengine(sp.Rational(a)) for s in sub.free_symbols}
        assert got.subs(point) == want.subs(point) and str(got.subs(point)) == str(want.subs(point))


def test_engine_of_memo_shares_parts() -> None:
    f = parse_expression("cosh(cosh(3*x)) + sin(cosh(3*x))")
    memo: dict = {}
    first = engine_of(f, memo)
    assert first == sympy2symengine(f) and len(memo) >= 4
    assert engine_of(f, memo) is first


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=3), st.integers(0, len(INNER) - 1),
       st.sampled_from(["1", "-2", "3/2", "-1/3", "2"]), st.integers(0, 6))
def test_nested_against_the_full_path(unary: list[int], inner: int, at: str, order: int) -> None:
    try:
        with time_limit(20):
            _compare(_shape(unary, inner), at, order, derivatives=False)
    except Slow:  # the reference (the full path, SymPy's comparisons of deep nests) ran out of time
        event("reference too slow")


def test_slice_cases_against_the_full_path() -> None:
    for text, at, k in [("cosh(cosh(3*x))", "1", 2), ("1/(1 + (exp(x + 3))**2)", "3/2", 8),
                        ("sin(x + 1) * cosh(atan(2*x))", "2", 12), ("sinh(atan(x**2)) * atan(exp(-2*x))", "3", 3),
                        ("sin(-3*x) + sqrt(1 + (-2*x)**2)", "2", 5), ("log(1 + (x**2)**2) * cosh(3*x)", "-2", 4),
                        ("cosh(x + 2) * log(1 + (log(1 + (x)**2))**2)", "2", 2),
                        ("sqrt(1 + (sinh(x))**2) + exp(x + 2)", None, 2), ("cos(cosh(x/2 - 3))", "-1/3", 7)]:
        _compare(text, at, k, derivatives=True)
