"""Session 11's cuts of the fixed per-call costs of one-variable expansions give the same objects.

- ``univariate._polynomial``: the walk of r + q*x**n (n = 1, 2) without FLINT, against the walk's
  own FLINT route (the shortcut switched off) and, through whole expansions, the derivative engine;
- ``onevar_sums._build``'s inline terms and sums and the sort keys it hands keyed_onevar (through
  ``onevar_values.SINK``): the polynomial against the full path's, the coefficients against the
  derivative engine's (same_object.onevar_is_the_full_path);
- keyed_onevar's inline reading of powers and products: the same comparisons.

Hypothesis draws the sweep's families (benchmarks/expansion_sweep.py: exp, sin ... of x, c*x, x + c,
x**2, sums and products of two), rational and negative points, irrational constants in the values.
"""

from __future__ import annotations

import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path
from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.series import univariate

points = st.one_of(st.none(), st.builds(lambda p, q: f"{p}/{q}", st.integers(-7, 7), st.sampled_from([1, 2, 3, 5])))
numbers = st.builds(lambda p, q: f"{p}/{q}" if q != 1 else str(p), st.integers(-9, 9).filter(bool),
                    st.sampled_from([1, 1, 2, 3, 7]))


def walk_without(shortcut: str, f: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int, fast: object) -> tuple | None:
    """univariate.walk with ``univariate.<shortcut>`` off (the walk's own route); None where the walk
    refuses, which the shortcut's answer ``fast`` must then do too."""
    saved = getattr(univariate, shortcut)
    setattr(univariate, shortcut, lambda *_: None)
    try:
        return univariate.walk(f, x, a, k, guard=True)
    except Exception as error:  # noqa: BLE001 - the shortcut must not take what the walk refuses
        assert fast is None, (f, error)
        return None
    finally:
        setattr(univariate, shortcut, saved)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.sampled_from(["x", "{q}*x", "x + {r}", "{q}*x + {r}", "x**2", "{q}*x**2", "x**2 + {r}", "{q}*x**2 + {r}",
                        "(x + {r})**2", "x**3", "y + {r}", "x*y", "sqrt(x)", "{q}*x + x**2"]),
       numbers, numbers, points, st.integers(0, 6))
def test_polynomial_walk_is_flints(shape: str, q: str, r: str, at: str | None, k: int) -> None:
    f = parse_expression(shape.format(q=f"({q})", r=f"({r})"))
    x = next((s for s in f.free_symbols if s.name == "x"), sp.Symbol("x", real=True))
    a = sp.Rational(at) if at else sp.Integer(0)
    fast = univariate._polynomial(f, x, a, k)
    slow = walk_without("_polynomial", f, x, a, k, fast)
    if slow is None or fast is None:
        return
    assert fast[0] == slow[0] and len(fast[0]) == k + 1
    assert all(type(c) is fmpq for c in fast[0])
    assert fast[1] is slow[1]


def test_polynomial_walk_takes_the_sweeps_arguments() -> None:
    x = sp.Symbol("x", real=True)
    for text in ["x", "-3*x", "2*x", "x + 3", "x**2", "x/2 - 1", "-x**2 + 5"]:
        assert univariate._polynomial(parse_expression(text), x, sp.Rational(-1, 3), 4) is not None, text
    for text in ["x**3", "x*exp(x)", "y", "x + y", "1/x", "sqrt(x)", "x**2 + x"]:
        f = parse_expression(text)
        assert univariate._polynomial(f, x, sp.Integer(2), 4) is None, text


UNARY = ["exp({})", "sin({})", "cos({})", "sinh({})", "cosh({})", "atan({})", "log(1 + ({})**2)",
         "sqrt(1 + ({})**2)", "1/(1 + ({})**2)"]
INNER = ["x", "{c}*x", "x + {d}", "x**2"]


@st.composite
def sweep_like(draw: st.DrawFn) -> str:
    def term() -> str:
        inner = draw(st.sampled_from(INNER)).format(c=draw(st.sampled_from([-3, -2, 2, 3])), d=draw(st.integers(1, 3)))
        return draw(st.sampled_from(UNARY)).format(inner)
    scale = draw(st.sampled_from(["", "-", "2*", "-1/3*"]))
    if draw(st.booleans()):
        return f"{scale}{term()} {draw(st.sampled_from(['+', '*', '-']))} {term()}"
    return f"{scale}{term()}"


@settings(max_examples=max_examples(150), **SETTINGS)
@given(sweep_like(), st.sampled_from([None, "-2", "-1", "1", "2", "3", "1/2", "-1/3", "3/2"]),
       st.sampled_from([0, 1, 2, 3, 5, 8, 12]))
def test_sweep_families_match_the_derivative_engine(text: str, at: str | None, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


def test_the_issues_small_cases() -> None:
    for text, at, order in [("atan(-2*x)", None, 3), ("log(1 + (x)**2)", "2", 3), ("exp(2*x)", None, 20),
                            ("1/(1 + (-3*x)**2) + exp(x + 3)", "-2", 8), ("sinh(x**2) + exp(x + 2)", None, 30),
                            ("1/(1 + (x)**2) + cos(-2*x)", "2", 5), ("exp(x) + sinh(x + 2)", "2", 3),
                            ("sqrt(1 + (x + 2)**2)", "-2", 20), ("exp(x) + cos(x)", None, 20),
                            ("sin(x + 3)", None, 30), ("-cos(x/3 - 1) + 2*sinh(x**2 + 1)", "-1/3", 7)]:
        onevar_is_the_full_path(text, at, order)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.one_of(st.integers(-10**45, 10**45).map(str), st.text(alphabet="0123456789-/ +٣²", max_size=8),
                 st.builds(lambda p, q: f"{p}/{q}", st.integers(-99, 99), st.integers(0, 99))))
def test_plain_rational_reads_points_as_sympy(text: str) -> None:
    """onevar.plain_rational (an integer read without its pattern): SymPy's Rational of the text where
    it is an integer or fraction of at most 41 digits each, no leading zero or other digits; else None."""
    from fractions import Fraction
    import re

    from taylorcli.series.onevar import plain_rational
    got = plain_rational(text)
    plain = re.fullmatch(r"\s*[+-]?(0|[1-9][0-9]{0,40})(\s*/\s*[1-9][0-9]{0,40})?\s*", text, re.ASCII)
    if plain is None:
        assert got is None
        return
    want = sp.Rational(Fraction(text.replace(" ", "")))
    assert got == want and sp.srepr(got) == sp.srepr(want) and type(got) is type(want)


def test_polynomial_walk_leaves_huge_squares_to_the_guard() -> None:
    """A square of a point past the size limit: the walk's guard decides (NoSlot), as before the shortcut."""
    from taylorcli.series.tps import NoSlot
    x = sp.Symbol("x", real=True)
    big = sp.Integer(2) ** 6000 + 1
    assert univariate._polynomial(x**2 + 1, x, big, 3) is None
    try:
        univariate.walk(x**2 + 1, x, big, 3, guard=True)
    except NoSlot:
        pass
    else:
        raise AssertionError("the guard let a square past the limit through")
    assert univariate._polynomial(3 * x + 1, x, big, 3) is not None  # a linear one: no power to guard
