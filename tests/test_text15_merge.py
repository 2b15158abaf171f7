"""parse_merge: sums whose terms repeat (``x*y + 2*x*y``, ``log(u) + log(u)``) built directly are SymPy's
``Add(*terms)``, object for object; and texts with such sums parse to the objects of the ordinary route and of
SymPy's own constructors (test_parse_single._compare); so do texts in which a call comes again (parse_direct
reads it once)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse_fast import real_symbol
from taylorcli.parse_merge import total
from test_fast_paths import _same, _factors
from test_parse_single import _compare

_S = [real_symbol(n) for n in ("x", "y", "z")]
x, y, z = _S
_COEFFICIENTS = [sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Integer(-2), sp.Rational(1, 2), sp.Rational(-3, 2),
                 sp.Integer(3), sp.Rational(2, 3)]


def _pool() -> st.SearchStrategy[list]:
    """A few distinct terms (products of the parser's factors, calls of sums, and near misses)."""
    calls = st.tuples(st.sampled_from([sp.exp, sp.sin, sp.cos, sp.log, sp.atan, sp.cosh, sp.sqrt]),
                      st.sampled_from([x, x + 1, x**2 + 1, x * y + z, 1 + (x**2)**2, 2 * x - y])).map(
        lambda p: p[0](p[1]))
    fixed = st.sampled_from([x, y, x**2, x * y, x * y**2 * z, sp.exp(x), sp.exp(2 * x), sp.sin(x) * sp.cos(y),
                             sp.pi, sp.pi * x, sp.Symbol("x"), sp.sqrt(2), sp.Float(1.5) * x, 1 / (1 + x**2),
                             sp.log(1 + x**2) * x, x + y, sp.I * x, x * (x + 1), sp.sin(sp.atan(x + y + z)),
                             2 * y * (x - y), sp.exp(x) * (1 + x**2), sp.Mul(2, x + 1, evaluate=False)])
    term = st.one_of(fixed, calls, _factors().map(lambda fs: sp.Mul(*fs)))
    return st.lists(term, min_size=1, max_size=4)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(_pool(), st.lists(st.tuples(st.integers(0, 3), st.sampled_from(_COEFFICIENTS)), min_size=2, max_size=8),
       st.lists(st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Integer(-3), sp.Rational(1, 2)]), max_size=2))
def test_total_with_repeats_is_add(pool: list, picks: list, numbers: list) -> None:
    terms = [c * pool[i % len(pool)] for i, c in picks] + numbers
    built = total(terms)
    if built is None:
        return
    _same(built, sp.Add(*terms))


def test_total_takes_repeated_terms() -> None:
    u = sp.log(1 + x**4)
    cases = [[u, u], [x * y, 2 * x * y], [x, 2 * x, sp.Integer(1)], [sp.exp(x + 1), sp.exp(x + 1), x],
             [3 * x * y, -2 * x * y, z], [sp.Rational(1, 2) * x, sp.Rational(1, 2) * x, y], [sp.sin(x), sp.sin(x)],
             [x, -x, y, sp.Integer(3)], [x**2, x**2, x**2, x**2, x**2, x**2, x**2, y], [x + 1, x + 2], [2 * x * y, -x * y],
             [2 * sp.exp(x) * sp.sin(y), 3 * sp.exp(x) * sp.sin(y), x**2], [u, -u, sp.cos(x)]]
    for terms in cases:
        built = total(terms)
        assert built is not None, terms
        _same(built, sp.Add(*terms))
    for terms in ([x, -x], [u, -u], [x, -x, sp.Integer(2)], [sp.pi * x, sp.pi * x]):
        assert total(terms) is None, terms


@pytest.mark.parametrize("text", [
    "log(1 + (x**2)**2) + log(1 + (x**2)**2)", "x*y + 2*x*y", "sin(x) + sin(x)", "x + x", "x - x", "x - x + y",
    "2*x - x", "x*y - x*y + 1", "exp(x + 2) + exp(x + 2) - exp(x + 2)", "x**2 + x**2 + 3", "sqrt(1 + x**2) * 2 + sqrt(1 + x**2)",
    "1/(1 + x**2) + 1/(1 + x**2)", "cos(x)*sin(y) - sin(y)*cos(x)", "x/2 + x/2", "x/3 + x/6", "-x - x", "log(x) + log(x) + x",
    "atan(x + y) + atan(x + y) + log(1 + (z)**2)", "exp(x)*exp(y) + exp(y)*exp(x)", "x + y + x + y + x + y + x + y",
    # a call whose tokens come again (parse_direct._Reader.call reads it once)
    "sin(sin(x)) + sin(x)", "sin(x) + sin(sin(x))", "exp(x)*exp(x)", "sin(x + 1) - sin(x+1)", "sin(x)*cos(x) + sin(x)**2",
    "asin(x) + sin(x) + sin(x)", "f(x) + f(x)", "sin(x, y) + sin(x, y)", "log(x) + log(x, 2)", "sin(x)(1) + sin(x)",
    "sin(x) + sin(x)(2)", "sqrt(1 + x**2)/sqrt(1 + x**2)", "sin(x) + sin(x*y) + sin(x)", "sin(x) + sin (x)",
    "exp(sin(x) + sin(x)) * sin(x)", "cos(-x) + cos(x)", "sin(-x) + sin(x)", "1/(1 + sin(x)**2) - 1/(1 + sin(x)**2)",
    "log(1 + (x**2)**2) + log(1 + (x**2)**2) + log(1 + (x**2)**2)", "sin", "sin + sin(x)", "x*sin(x)*sin(x)",
    # a term with a sum as a factor (parse_fast._rest with merge)
    "log(1 + (p**2)**2) + sin(atan(2*w - y + 3*x + u + 3*v + 3*z))", "x*(x + 1) + y", "x*(1 - x) + x*(1 - x)",
    "x*(1 - x) - (1 - x)*x", "2*x*(x + y) + 3", "sin(atan(x + y)) + sin(atan(x + y))", "x*(x + 1) + x**2 + x",
    # c - s (parse_direct's two-operand sum)
    "1 - x", "2 - x", "0 - x", "(1/2) - x", "-1 - x", "1 - x - y", "(1 - x)**2", "1/(1-x)", "3 - (x)", "1 - (-x)",
    "1 - x**2", "1 - 2*x", "sin(1 - x)", "cos(2 - y)", "(1 - x)*(2 - x)", "0.5 - x", "1 - pi", "1 - e", "1 - E",
    # - s**n in a sum (parse_direct)
    "y - x**2", "x - x**-1", "x**2 - x**2", "y - x**0", "y - x**1", "x - x**2 - x**3", "y - (x**2)**2", "y - x**-2",
    "y - x**(1/2)", "y - 2**x", "x**3 - 2*x + 1", "y - x**2 - z**3", "x**2 - x", "x*x - x**2", "exp(y - x**2)",
])
def test_texts_with_repeats(text: str) -> None:
    _compare(text)


def _texts() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["x", "y", "x*y", "2*x", "x**2", "sin(x)", "log(1 + x**2)", "exp(x + 1)", "sqrt(1 + (2*x)**2)",
                              "1/(1 + x**2)", "x/2", "3", "cosh(y + 1)", "atan(x**2)", "x*y**2", "(x + 1)**2",
                              "sin(sin(x))", "sin(x)*exp(x + 1)", "exp(x + 1)**2", "log(1 + (x**2)**2)", "sin(-x)"])
    return st.lists(st.tuples(st.sampled_from([" + ", " - ", "*", "/"]), pieces), min_size=2, max_size=6).map(
        lambda ps: "".join(op + t for op, t in ps).removeprefix(" + ").removeprefix(" - ").lstrip("*/"))


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_texts())
def test_random_sums_build_the_same_objects(text: str) -> None:
    _compare(text)
