"""f(g(x)) where g(a) = 1 or -1 (sin(x**2) at -1, cosh(cosh(x**2)) at 0, exp(1/(1 + x**4)) at 0): the
lean path's leaves f(1) (E for exp) and f(-1) built without SymEngine (onevar._plain_values) are the
objects SymEngine's values convert to, and whole expansions are the derivative engine's and the
full path's (tests/same_object.py). Hypothesis draws the point, the sign of g(a), the shape of g
and the rational scales, negative ones included.
"""

from __future__ import annotations

import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_expr
from taylorcli.series.onevar import _engine_values, _plain_values

NAMES = ["exp", "sin", "cos", "sinh", "cosh"]


def test_plain_values_at_one_and_minus_one_are_symengines() -> None:
    for name in NAMES:
        kind = getattr(sp, name)
        for c in (1, -1):
            got, want = _plain_values(kind, fmpq(c)), _engine_values(kind, fmpq(c))
            assert got is not None and want is not None and len(got) == len(want)
            for (s1, v1), (s2, v2) in zip(got, want):
                assert s1 == s2
                same_expr(v1, v2)
                assert getattr(v1, "__dict__", None) == getattr(v2, "__dict__", None)
    assert _plain_values(sp.exp, fmpq(1))[0][1] is sp.E


points = st.builds(lambda p, q: sp.Rational(p, q), st.integers(-6, 6), st.sampled_from([1, 2, 3]))
# g(x) - g(a) for a shape that is not linear at a (the composed route) or is (the linear one)
shapes = st.sampled_from(["(x - {a})**2", "{q}*(x - {a})**3 + (x - {a})**2", "{q}*(x - {a})",
                          "x**2 - {a2}", "(x**4 - {a4})/{q}"])


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from([1, -1]), shapes, st.integers(-3, 3).filter(bool),
       st.integers(-2, 2).filter(bool), points, st.integers(0, 9))
def test_functions_where_the_argument_is_one_or_minus_one(name: str, value: int, shape: str, q: int, s: int,
                                                          a: sp.Rational, order: int) -> None:
    inner = shape.format(a=f"({a})", q=q, a2=f"({a**2})", a4=f"({a**4})")
    onevar_is_the_full_path(f"{s}*{name}({inner} + ({value}))", str(a), order)


def test_the_issue_cases_at_one() -> None:
    for text, at, order in [("sin(x**2)", "-1", 5), ("cosh(cosh(x**2))", None, 8),
                            ("exp(1/(1 + (x**2)**2))", None, 20), ("exp(x**2)", "1", 12), ("cos(1 - x**3)", "0", 10),
                            ("-3*sinh(x**2 - 2)", "1", 7), ("exp(-x**2)", "1", 6)]:
        onevar_is_the_full_path(text, at, order)
