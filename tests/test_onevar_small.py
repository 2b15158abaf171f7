"""Session 8's small one-variable shortcuts (series/onevar.py): log(p/q)'s constant term built
directly, and the other fixed-cost cuts, give the derivative engine's very objects.

The references are independent of the shortcuts: SymEngine's log(p/q) converted by
convert.to_sympy, and ``_taylor(..., arithmetic=False)`` (derivatives evaluated at the point)
and the full path (``_one_variable`` off) for whole expansions. Hypothesis draws rational
points, orders and small integer coefficients (negative ones included).
"""

from __future__ import annotations

import symengine as se
import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import same_expr, onevar_is_the_full_path
from taylorcli.convert import to_sympy
from taylorcli.series.onevar import _log_of

FAST = settings(max_examples=60, deadline=None)


_same = same_expr
_compare = onevar_is_the_full_path


points = st.builds(lambda p, q: f"{p}/{q}", st.integers(-12, 12), st.sampled_from([1, 2, 3, 4, 5, 7, 9, 16]))


@FAST
@given(st.integers(1, 10**30), st.integers(1, 10**30))
def test_log_of_a_rational_is_symengines(p: int, q: int) -> None:
    if p == q:
        return
    got = _log_of(fmpq(p, q))
    want = to_sympy(se.log(se.Rational(p, q)), {}, [])
    assert got is not None
    _same(got, want)
    assert hash(got) == hash(want)


@FAST
@given(st.sampled_from(["log(1 + (x**2)**2)", "log(1 + (x + {c})**2)", "log({c}*x + 5)", "log(1 + x**3)",
                        "atan({c}*x) + log(1 + (x)**2)", "log(1 + ({c}*x)**2)"]),
       st.integers(-3, 3), points, st.integers(0, 12))
def test_log_expansions_match_the_derivative_engine(shape: str, c: int, at: str, order: int) -> None:
    _compare(shape.format(c=c), at, order)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["exp", "sin", "cos", "sinh", "cosh"]), st.integers(-10**12, 10**12),
       st.sampled_from([1, 2, 3, 7, 16, 10**9 + 7]))
def test_plain_values_are_symengines(name: str, p: int, q: int) -> None:
    from taylorcli.series.onevar import _engine_values, _plain_values
    kind = getattr(sp, name)
    got = _plain_values(kind, fmpq(p, q))
    if got is None:
        return
    want = _engine_values(kind, fmpq(p, q))
    assert want is not None and len(got) == len(want)
    for (s1, v1), (s2, v2) in zip(got, want):
        assert s1 == s2
        _same(v1, v2)


@FAST
@given(st.sampled_from(["exp", "sin", "cos", "sinh", "cosh"]), st.integers(-3, 3), st.integers(-4, 4),
       st.integers(-3, 3), points, st.integers(0, 9))
def test_one_function_of_a_linear_argument(name: str, s: int, q: int, r: int, at: str, order: int) -> None:
    if s == 0 or q == 0:
        return
    _compare(f"{s}*{name}({q}*x + {r})", at, order)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["exp", "sin", "cos", "sinh", "cosh"]), st.integers(-3, 3),
       st.sampled_from(["x**2", "x**2 + {q}*x", "{q}*x**3 + x", "(x + {q})**2", "{q}*x**2 + {r}", "x**4/{p}",
                        "1/(1 + x**2)", "x**2 + {q}*x**5"]),
       st.integers(-3, 3), st.integers(-3, 3), st.integers(1, 4), points, st.integers(0, 9))
def test_one_function_of_a_polynomial(name: str, s: int, inner: str, q: int, r: int, p: int, at: str,
                                      order: int) -> None:
    if s == 0:
        return
    _compare(f"{s}*{name}({inner.format(q=q, r=r, p=p)})", at, order)


def test_one_function_of_a_polynomial_high_order() -> None:
    for text, at in [("exp(x**2)", "2"), ("exp(x**2)", "-1"), ("cosh(x**2)", "-2"), ("sin(x**2 + 1)", "1/2"),
                     ("-2*cos(3*x**3)", "-2/3")]:
        _compare(text, at, 30)


def test_vanishing_argument_at_zero_skips_the_one_function_path() -> None:
    from taylorcli.series.onevar import _vanishes
    x, y = sp.symbols("x y")
    assert _vanishes(x) and _vanishes(x**2) and _vanishes(-3 * x**5) and _vanishes(y**3)
    assert not _vanishes(x + 1) and not _vanishes(x**-1) and not _vanishes(sp.sqrt(x)) and not _vanishes(x * y + 1)
    for text in ["cos(x**2)", "-3*sinh(2*x**3)", "exp(x**2)", "cosh(x)", "sin(-x**4/3)"]:
        for order in (0, 1, 5, 20):
            _compare(text, None, order)


@FAST
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), points, st.integers(0, 7))
def test_sums_with_irrational_constant_terms(q: int, r: int, s: int, at: str, order: int) -> None:
    _compare(f"atan({q}*x + {r}) + log(1 + (x + {s})**2)", at, order)
    _compare(f"{s}*atan({q}*x) - atan(x + {r})", at, order)
