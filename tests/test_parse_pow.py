"""The parser's powers built without Pow's evaluation (parse_pow.py, issue 9).

Every shortcut is compared with SymPy's own constructor, object for object
(==, srepr, hash, args and commutativity down the tree), on hypothesis inputs
and fixed near misses; the parser's texts are compared with and without it.
``positive_everywhere`` is checked against float evaluation at random points.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse_fast import product, real_by_shape, real_symbol
from taylorcli.parse_pow import inert_factor, positive_everywhere, power
from test_fast_paths import _CALLS, _LEAVES, _X, _Y, _built, _outcome, _same, _shaped, _trees, _without_shortcuts

_Z = real_symbol("z")
_EXPONENTS = [sp.Integer(2), sp.Integer(-1), sp.S.Half, sp.Rational(-1, 2), sp.Integer(3), sp.Integer(-2),
              sp.Rational(1, 3), sp.Rational(-3, 2), sp.Rational(5, 2), sp.Integer(0), sp.Integer(1), sp.Float(2),
              sp.Float(0.5), sp.pi, sp.I, sp.oo, sp.zoo, _X]


def _bases() -> st.SearchStrategy[sp.Expr]:
    symbols = st.sampled_from([_X, _Y, _Z, sp.Symbol("x"), sp.Symbol("n", negative=True)])
    monomials = st.lists(st.tuples(symbols, st.integers(1, 3)), min_size=1, max_size=4).map(
        lambda fs: sp.Mul(*(s**k for s, k in fs)))
    scaled = st.tuples(st.sampled_from([sp.Integer(-1), sp.Integer(2), sp.Rational(-1, 3), sp.pi]), monomials).map(
        lambda p: p[0] * p[1])
    sums = st.lists(st.one_of(monomials, scaled, st.fractions(max_denominator=4).map(sp.Rational)),
                    min_size=1, max_size=4).map(lambda ts: sp.Add(*ts))
    squares = st.tuples(st.one_of(sums, monomials, _shaped()), st.integers(1, 3)).map(lambda p: p[0] ** p[1])
    calls = st.tuples(st.sampled_from(_CALLS + [sp.Abs]), st.one_of(sums, _shaped())).map(lambda p: p[0](p[1]))
    plus = st.tuples(st.one_of(sums, squares, calls), st.one_of(sums, squares, calls)).map(lambda p: p[0] + p[1])
    return st.one_of(monomials, scaled, sums, squares, calls, plus, _trees(), _shaped())


@settings(max_examples=max_examples(400), **SETTINGS)
@given(_bases(), st.sampled_from(_EXPONENTS))
def test_power_is_pows_object(base: sp.Expr, exponent: sp.Expr) -> None:
    fast = power(base, exponent)
    if fast is not None:
        _same(fast, sp.Pow(base, exponent))


_NEAR_MISSES = [
    (_X - 1, -1), (1 - _X, 2), (-_X, 2), (-_X - _Y, sp.S.Half), (sp.Integer(0), -1), (sp.Integer(1), sp.S.Half),
    (sp.Integer(-1), sp.S.Half), (sp.Integer(4), sp.S.Half), (sp.Float(2.5), 2), (sp.pi, 2), (sp.E, -1),
    (sp.I, 2), (sp.oo, -1), (_X + sp.oo, 2), (_X + sp.pi, sp.S.Half), (1 + sp.I * _X, -1), (_X**2, 2),
    (_X**2, sp.S.Half), (_X * _Y, 2), (2 * _X * _Y, 2), (4 * _X**2, sp.S.Half), (_X * _Y, sp.S.Half),
    (sp.exp(_X), 2), (sp.exp(_X + 1), -1), (sp.Abs(_X), 2), (sp.sqrt(_X), 2), (_X * sp.sin(_Y), 2),
    (_X, -1), (_X, sp.S.Half), (sp.Symbol("x", negative=True), sp.S.Half), (sp.Symbol("o", zero=True), -1),
    (1 + _X**2, -1), (1 + (_X * _Y)**2, -1), (1 + sp.sinh(_X)**2, sp.S.Half), (sp.log(_X), -1),
    (sp.sin(_X), 2), (sp.sin(_X) + sp.cos(_X), 2), (1 + 1 / _X, -1), (_X + sp.log(_Y), sp.S.Half),
    (sp.sin(_X)**2 + sp.cos(_X)**2, -1), (_X * _Y * _Z, -1), (_X**2 * _Y**3, -2), (_X * _Y, sp.Float(2)),
]


@pytest.mark.parametrize("base, exponent", _NEAR_MISSES)
def test_power_near_misses(base: sp.Expr, exponent: object) -> None:
    exponent = sp.sympify(exponent)
    fast = power(base, exponent)
    if fast is not None:
        _same(fast, sp.Pow(base, exponent))


def test_power_takes_the_parsers_shapes() -> None:
    for base, exponent in [(1 + _X**2, -1), (1 + (_X * _Y)**2, -1), (1 + sp.sinh(_X)**2, sp.S.Half),
                           (_X * _Y, 2), (_X**2 * _Y**3, -2), (_X + 2 * _Y + _Z, 2), (sp.sin(_X), 2)]:
        assert power(base, sp.sympify(exponent)) is not None, (base, exponent)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.one_of(_bases().map(lambda b: b ** sp.Integer(-1)), _bases().map(sp.sqrt),
                          st.sampled_from(_LEAVES + [_X, _Y, sp.sin(_X), sp.exp(_Y), _X**2])), min_size=1, max_size=4))
def test_product_of_powers_is_muls_object(factors: list) -> None:
    fast = product(factors)
    if fast is not None:
        _same(fast, sp.Mul(*factors))


def test_inert_factor_near_misses() -> None:
    assert inert_factor(sp.Pow(1 + _X, -1)) and inert_factor(sp.sqrt(1 + _X**2)) and inert_factor(sp.sin(_X)**2)
    for e in (sp.sqrt(2), sp.Pow(_X**2, 2, evaluate=False), sp.Pow(_X * _Y, -1, evaluate=False), sp.Pow(sp.exp(_X), 2, evaluate=False),
              sp.Pow(_X + sp.oo, 2, evaluate=False), _X ** _Y, sp.Pow(1 + _X, sp.Float(2), evaluate=False)):
        assert not inert_factor(e), e


def _value(e: sp.Expr, point: dict) -> sp.Expr:
    return e.evalf(30, subs=point)  # mpmath: no overflow at sinh(356)**2


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_bases(), st.randoms(use_true_random=False))
def test_positive_everywhere_is_positive(e: sp.Expr, rng: random.Random) -> None:
    e = 1 + e**2 if rng.random() < 0.5 else e
    if not positive_everywhere(e):
        return
    assert sp.Pow(e, sp.S.Half).is_real is not False and e.is_positive is not False
    for _ in range(5):
        point = {s: sp.Rational(rng.randint(-300, 300), rng.randint(1, 50)) for s in e.free_symbols}
        value = _value(e, point)
        assert value.is_Float and value > 0, (e, point)


def test_positive_everywhere_near_misses() -> None:
    assert positive_everywhere(1 + sp.cos(_X - _Y)**2) and positive_everywhere(2 + 3 * _X**2 * _Y**4)
    for e in (_X**2, -1 + _X**2, 1 - _X**2, 1 + _X**3, 1 + sp.log(_X)**2, 1 + sp.Symbol("x")**2, 1 + _X * _Y,
              1 + sp.tan(_X)**2, 1 + (sp.I * _X)**2, sp.Integer(2)):
        assert not positive_everywhere(e), e
    assert real_by_shape(sp.sqrt(1 + (_X + 2 * _Y)**2)) and not real_by_shape(sp.sqrt(-1 - _X**2))


@pytest.mark.parametrize("text", [
    "1/(1 + (x*p*v*w*u*y*z)**2)", "sqrt(1 + (v + 2*p + y + 3*q + 3*x + 2*z)**2) + cos(u + 3*w)",
    "sqrt(1 + (sinh(x))**2) + exp(x + 2)", "sqrt(1 + (cos(-u + 2*y + 2*v + 2*x))**2) + atan(z)",
    "1/(1 + x**2)", "1/(x - 1)", "1/(1 - x)", "1/x", "1/(x*y)", "x/(x*y)", "(x*y)**2", "(2*x*y)**2", "(x**2)**2",
    "(x*y)**2/(x**2*y**2)", "sqrt(4*x**2)", "sqrt(x**2)", "sqrt(-x**2 - 1)", "sqrt(1 - x**2)", "sqrt(1 + x**2)",
    "(1 + x)**(1/3)", "(1 + x)**(-1/2)", "(x + y)**0", "(x + y)**1", "(x + y)**1.5", "(x - y)**2 * (x - y)**-2",
    "sqrt(x + y)*sqrt(x + y)", "1/(x + y)*(x + y)", "exp(x)**2", "1/exp(x)", "sqrt(exp(x))", "1/sin(x)",
    "sin(x)**2 + cos(x)**2", "1/(sin(x)**2 + cos(x)**2)", "sqrt(-1)", "1/0", "1/(x - x)", "(x - x)**-1", "(-x)**2",
    "(-x - y)**2", "(-x - y)**(1/2)", "1/(pi + x)", "1/(E + x)", "sqrt(pi)", "1/(1 + 1.5*x)", "(1/2)**(1/2)",
    "sqrt(1 + sinh(x)**2)", "1/(1 + sqrt(x))", "1/sqrt(1 + x)", "sqrt(1 + x)/sqrt(1 + x)", "x**(-1)*x",
    "1/(x*y*z)**3", "1/sqrt(x*y)", "sqrt(x*y)", "(x*y)**(1/2)", "sqrt(1 + (x - y)**2)", "1/(1 + (x - y)**2)",
    "sqrt(1 + tan(x)**2)", "sqrt(2 + log(x)**2)", "1/(1 + abs(x))", "abs(x)**2", "sqrt(abs(x) + 1)",
])
def test_parser_texts_build_the_same(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


# --- calls of calls (parse_pow.inert_nested, through parse_fast.inert_call) ---------------------------------

from taylorcli.parse_fast import inert_call  # noqa: E402

_INNER_CALLS = _CALLS + [sp.asin, sp.acos, sp.atan, sp.asinh, sp.atanh, sp.acosh, sp.Abs, sp.sqrt]


def _calls() -> st.SearchStrategy[sp.Expr]:
    # _built: SymPy itself raises on some calls of infinite trees (sin(x + cosh(y + oo*I)): a NaN comparison)
    return st.tuples(st.sampled_from(_INNER_CALLS), st.one_of(_shaped(), _bases())).map(
        _built(lambda p: p[0](p[1]))).filter(lambda e: e is not None)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.sampled_from(_CALLS), _calls())
def test_nested_call_is_the_evaluated_object(function: object, arg: sp.Expr) -> None:
    fast = inert_call(function, [arg])
    if fast is not None:
        expected = function(arg)
        _same(fast, expected)
        assert fast.nargs == expected.nargs


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(st.one_of(_calls().map(sp.exp), _calls(), st.sampled_from([_X, sp.Integer(-2), sp.exp(_Y)])),
                min_size=1, max_size=3))
def test_product_of_nested_exps_is_muls_object(factors: list) -> None:
    fast = product(factors)
    if fast is not None:
        _same(fast, sp.Mul(*factors))


@pytest.mark.parametrize("text", [
    "cos(2*u + v + 3*y + 2*w) + cosh(sin(p + x + z))", "cosh(sin(x))", "sin(sin(x))", "sin(sin(-x))", "cos(sin(-x))",
    "exp(sin(x + y))", "exp(exp(x))*x", "exp(cos(x))*exp(x)", "exp(exp(x))*exp(sin(x))", "tan(tan(x))", "tan(atan(x))",
    "sin(asin(x))", "cosh(asinh(x))", "sin(pi*sin(x))", "sin(sin(pi))", "sin(sin(x - x))", "exp(log(sin(x)))",
    "log(exp(sin(x)))", "sinh(tanh(x*y))", "tanh(sinh(-x*y))", "cos(exp(-x))", "exp(tan(x + 1))*sin(x)",
    "atan(sin(x))", "sin(cosh(x + y))*cosh(sin(x))", "-exp(sin(x + 1))", "2*exp(cos(x))*exp(cos(y))",
])
def test_nested_texts_build_the_same(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


# --- a minus sign moved out (parse_pow.signed_call, through parse_fast.inert_call) --------------------------

from taylorcli.parse_pow import signed_call  # noqa: E402


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.sampled_from(_CALLS), st.one_of(_shaped(), _bases(), _shaped().map(lambda e: -e)))
def test_signed_call_is_the_evaluated_object(function: object, arg: sp.Expr) -> None:
    fast = signed_call(function, arg)
    if fast is not None:
        _same(fast, function(arg))


def test_signed_call_takes_the_parsers_shapes() -> None:
    w = real_symbol("w")
    for function in (sp.sin, sp.cos, sp.tan, sp.atan, sp.sinh, sp.cosh, sp.tanh):
        for arg in (-_X - _Y, _X - _Y + _Z - w, 1 - _X, -2 * _X * _Y, _Z - _X):
            fast = signed_call(function, arg)
            assert fast is not None or not arg.could_extract_minus_sign(), (function, arg)
            if fast is not None:
                _same(fast, function(arg))
    assert signed_call(sp.exp, -_X) is None and signed_call(sp.log, -_X) is None
    assert signed_call(sp.sin, -sp.pi * _X) is None and signed_call(sp.sin, _X + _Y) is None


@pytest.mark.parametrize("text", [
    "sin(x - z)", "sin(z - x)", "cos(x - y + z - w)", "sin(x - y + z - w)", "tan(1 - x)", "atan(-x*y)", "sinh(z - x)",
    "cosh(-2*x)", "tanh(-2*x - 1)", "sin(-x)", "cos(-x + pi)", "sin(-pi*x)", "sin(-x - I)", "cos(-x*sin(y))",
    "sin(-exp(x))", "tan(-x)*sin(-y)", "exp(-x)*sin(-x)", "sin(-x)/cos(-x)", "sin(-x) + sin(x)", "cos(1 - x - y + z)",
])
def test_signed_texts_build_the_same(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got
