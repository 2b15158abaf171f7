"""The parser's nested calls and powers built without SymPy's evaluation (parse_calls.py, parse_pow.py; issue 9).

Every shortcut is compared with SymPy's own constructor, object for object (==,
srepr, hash, args and commutativity down the tree), on hypothesis inputs drawn
from the sweep's families (benchmarks/expansion_sweep.py) and on near misses
(Float, pi, E, I, oo, zoo, nan, other symbols, negative numbers, rational
exponents, sums that are constant); the parser's texts are compared with and
without every shortcut, errors included.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse_calls import build, non_constant
from taylorcli.parse_fast import product, real_by_shape, real_symbol, total
from taylorcli.parse_pow import positive_everywhere, power
from test_fast_paths import _outcome, _same, _without_shortcuts

_X, _Y, _Z = (real_symbol(n) for n in "xyz")
_FUNCTIONS = [sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf, sp.tan, sp.log]
_ODD_LEAVES = [sp.Symbol("x"), sp.Symbol("p", positive=True), sp.pi, sp.E, sp.I, sp.Float(1.5), sp.oo, sp.zoo,
               sp.nan, sp.Integer(0), sp.Integer(-2), sp.Rational(1, 3), sp.pi * _X, _X + sp.I]


def _polynomials() -> st.SearchStrategy[sp.Expr]:
    """The sweep's inner arguments: a symbol, c*s, s + c, s**2, products, signed sums; and near misses."""
    symbols = st.sampled_from([_X, _Y, _Z])
    coefficient = st.sampled_from([-3, -2, -1, 2, 3, sp.Rational(1, 2), sp.Rational(-3, 4)])
    return st.one_of(
        symbols, st.tuples(coefficient, symbols).map(lambda p: p[0] * p[1]),
        st.tuples(symbols, st.integers(-3, 3)).map(lambda p: p[0] + p[1]), symbols.map(lambda s: s**2),
        st.lists(symbols, min_size=2, max_size=3, unique=True).map(lambda ss: sp.Mul(*ss)),
        st.lists(st.tuples(coefficient, symbols), min_size=2, max_size=3).map(lambda ts: sp.Add(*(c * s for c, s in ts))),
        st.sampled_from(_ODD_LEAVES))


def _unary(u: sp.Expr, which: int) -> sp.Expr:
    """The sweep's UNARY list (and tan, tanh): exp, sin, ..., log(1 + u**2), sqrt(1 + u**2), 1/(1 + u**2)."""
    if which < len(_FUNCTIONS):
        return _FUNCTIONS[which](u)
    return [sp.log(1 + u**2), sp.sqrt(1 + u**2), 1 / (1 + u**2), -u, 2 * u, u**2, sp.sin(u)**2 + sp.cos(u)**2][
        which - len(_FUNCTIONS)]


def _nested() -> st.SearchStrategy[sp.Expr]:
    unary = st.integers(0, len(_FUNCTIONS) + 6)
    once = st.tuples(_polynomials(), unary).map(lambda p: _unary(*p))
    return st.one_of(once, st.tuples(once, unary).map(lambda p: _unary(*p)))


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.sampled_from(_FUNCTIONS), _nested())
def test_build_is_the_evaluated_call(function: type, arg: sp.Expr) -> None:
    fast = build(function, arg)
    if fast is not None:
        _same(fast, function(arg))


@settings(max_examples=max_examples(300), **SETTINGS)
@given(_nested(), st.sampled_from([2, 3, -1, -2, sp.S.Half, sp.Rational(-1, 2), sp.Rational(3, 2), 0, 1]))
def test_power_of_nested_shapes_is_pows_object(base: sp.Expr, exponent: object) -> None:
    exponent = sp.sympify(exponent)
    fast = power(base, exponent)
    if fast is not None:
        _same(fast, sp.Pow(base, exponent))


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(st.one_of(_nested(), _polynomials()), min_size=1, max_size=3),
       st.sampled_from([1, -1, 2, sp.Rational(-1, 2)]))
def test_products_and_sums_of_nested_shapes(items: list, sign: object) -> None:
    fast = product(items)
    if fast is not None:
        _same(fast, sp.Mul(*items))
    terms = [sign * items[0]] + items[1:]
    fast = total(terms)
    if fast is not None:
        _same(fast, sp.Add(*terms))


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_nested())
def test_real_by_shape_of_nested_shapes_is_never_contradicted(expr: sp.Expr) -> None:
    for node in sp.preorder_traversal(expr):
        if real_by_shape(node):
            assert node.is_real is not False, node


def test_the_shortcuts_take_the_sweeps_shapes() -> None:
    u = _X + 2
    for function, arg in [(sp.erf, u), (sp.erf, -3 * _X), (sp.atan, 1 / (1 + _X**2)), (sp.cos, sp.atan(3 * _X)),
                          (sp.sin, sp.atan(_X + 1)), (sp.exp, sp.log(1 + _X**2)), (sp.log, 1 + (_X + 1)**2),
                          (sp.sinh, sp.sqrt(1 + _X**4)), (sp.exp, sp.atan(_Y)), (sp.erf, sp.log(1 + _X**4)),
                          (sp.atan, sp.exp(_X + 1)), (sp.cos, sp.erf(_Z + 2)), (sp.sin, sp.atan(-3 * _X))]:
        fast = build(function, arg)
        assert fast is not None, (function, arg)
        _same(fast, function(arg))
    for base, exponent in [(-3 * _X, 2), (2 * _X * _Y, -1), (_X**2, 2), (sp.sqrt(1 + 9 * _X**2), 2),
                           (1 / (1 + _X**2), 2), (sp.exp(_X), 2), (sp.exp(_X + 1), 2)]:
        fast = power(base, sp.Integer(exponent))
        assert fast is not None, (base, exponent)
        _same(fast, sp.Pow(base, exponent))


def test_near_misses_are_left_to_sympy() -> None:
    for function, arg in [(sp.sin, sp.atan(sp.pi * _X)), (sp.exp, sp.log(_X)), (sp.erf, sp.pi * _X),
                          (sp.erf, _X + sp.I), (sp.erf, sp.Symbol("x")), (sp.log, sp.exp(_X)),
                          (sp.erf, sp.sin(_X)**2 + sp.cos(_X)**2 - 1), (sp.atan, sp.tan(_X)),
                          (sp.cos, sp.asin(_X)), (sp.log, _X - 1 - _X**2), (sp.exp, 2 * sp.log(1 + _X**2))]:
        fast = build(function, arg)
        if fast is not None:
            _same(fast, function(arg))
    assert build(sp.erf, sp.Symbol("x")) is None and build(sp.sin, sp.atan(sp.pi * _X)) is None
    assert not non_constant(sp.sin(_X)**2 + sp.cos(_X)**2) and not non_constant(sp.log(_X))
    assert not non_constant(sp.Integer(2)) and not non_constant(sp.sqrt(_X)) and non_constant(sp.erf(_X**2))
    assert positive_everywhere(1 + sp.exp(2 * _X)) and positive_everywhere(2 + (1 + _X**2)**-2)
    assert not positive_everywhere(1 - sp.exp(_X)) and not positive_everywhere(1 + sp.sqrt(_X))


def _texts() -> st.SearchStrategy[str]:
    """Texts of the sweep's grammar (_inner, _term, _expression) with near misses mixed in."""
    names = st.sampled_from(["x", "y", "z"])
    odd = st.sampled_from(["1.5", "pi", "E", "I", "oo", "-2", "(x)**(1/3)", "x - x", "-x-z", "(x**2)**2", "0"])
    inner = st.one_of(names, st.tuples(st.sampled_from(["-3", "-2", "2", "3", "1/2"]), names).map("*".join),
                      names.map(lambda a: f"{a} + 2"), names.map(lambda a: f"{a}**2"), st.just("x*y*z"),
                      st.just("2*x - y + 3*z"), st.just("-x - 3*y"), odd)
    unary = st.sampled_from(["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "erf({})",
                             "log(1 + ({})**2)", "sqrt(1 + ({})**2)", "1/(1 + ({})**2)", "tan({})", "log({})",
                             "sqrt({})", "({})**2", "-{}", "exp(log({}))"])
    once = st.tuples(unary, inner).map(lambda p: p[0].format(p[1]))
    term = st.one_of(once, st.tuples(unary, once).map(lambda p: p[0].format(p[1])))
    return st.one_of(term, st.tuples(term, st.sampled_from([" + ", " * ", " - ", " / "]), term).map("".join))


@settings(max_examples=max_examples(250), **SETTINGS)
@given(_texts())
def test_sweep_texts_build_the_same_with_and_without_the_shortcuts(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


@pytest.mark.parametrize("text", [
    "1/(1 + (-2*x)**2)", "cosh(2*x) * cos(x**2)", "cosh(x + 2) * log(1 + (log(1 + (x)**2))**2)",
    "1/(1 + (-2*x)**2) + erf(x)", "erf(sqrt(1 + (x)**2))", "sinh(x) + erf(sqrt(1 + (y**2)**2))",
    "1/(1 + (x)**2) * sinh(log(1 + (x)**2))", "exp(x) * exp(cosh(-2*x))",
    "log(1 + (3*v)**2) + sin(2*x + 3*y + u + z + w + 2*p)", "atan(erf(y)) + sqrt(1 + (x + 3*z)**2)",
    "sin(cos(-3*x)) + log(1 + (x**2)**2)", "1/(1 + (x*p*v*w*u*y*z)**2)", "cos(atan(3*x))", "sin(atan(x + 1))",
    "sin(atan(-3*x))", "cos(atan(x*y))", "exp(log(1 + (x)**2))", "log(1 + (exp(2*x))**2)", "sqrt(1 + (exp(x))**2)",
    "1/(1 + (1/(1 + (z + 3)**2))**2)", "log(1 + (sqrt(1 + (3*x)**2))**2)", "erf(-3*x)", "erf(x - y)", "erf(y - x)",
    "atan(1/(1 + (x)**2))", "atan(sinh(x**2))", "atan(exp(x + 1))", "exp(atan(y))", "cos(erf(z + 2))",
    "erf(log(1 + (x**2)**2))", "sinh(sqrt(1 + (x**2)**2))", "(2*x*y)**-1", "(-x)**3", "(x**2)**-1", "(x**(1/2))**2",
    "sqrt(x)**2", "(1/(1 + x))**-1", "exp(x)**-1", "exp(-x)**2", "exp(x + y)**3", "exp(sin(x))**2", "exp(log(x))",
    "exp(2*log(1 + x**2))", "erf(pi*x)", "erf(x + I)", "erf(1.5*x)", "erf(oo*x)", "cos(atan(pi))", "sin(atan(0*x))",
    "log(1 + (sin(x)**2 + cos(x)**2 - 1)**2)", "erf(log(1 + (sin(x)**2 + cos(x)**2 - 1)**2))", "exp(-sin(3*x))",
    "log(-1 - (x + 1)**2)", "sqrt(-1 - exp(x)**2)", "atan(-erf(x))", "cos(-erf(x)**2)", "erf(-x**2 - 1)",
])
def test_sweep_examples_build_the_same(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


from test_fast_paths import _trees  # noqa: E402
from taylorcli.parse_fast import minus_sign  # noqa: E402


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.one_of(_trees(), _nested(), _polynomials(), _nested().map(lambda e: -e), _polynomials().map(lambda e: -e)))
def test_minus_sign_is_could_extract_minus_sign(e: sp.Expr) -> None:
    assert minus_sign(e) == e.could_extract_minus_sign()
    for node in sp.preorder_traversal(e):
        assert minus_sign(node) == node.could_extract_minus_sign(), node


def test_minus_sign_near_misses() -> None:
    for e in (sp.zoo * _X, sp.oo * _X, -sp.oo * _X, sp.Float(-1.5) * _X, sp.Float(-1.5), sp.nan, sp.zoo, -sp.oo,
              _X - _Y, _Y - _X, 1 - _X, _X - 1, -_X - _Y + 1, sp.Integer(0), sp.Rational(-1, 2), -sp.pi, -sp.pi * _X,
              sp.I * _X, -sp.I * _X, -sp.sqrt(2) + 3, 3 - sp.sqrt(2), -_X + _Y - _Z + 2):
        assert minus_sign(e) == e.could_extract_minus_sign(), e


from taylorcli import parse  # noqa: E402
from test_fast_paths import _undefined_before  # noqa: E402


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.one_of(_nested(), _polynomials(), st.tuples(_nested(), _nested()).map(lambda p: p[0] + p[1]),
                 st.tuples(_nested(), _polynomials()).map(lambda p: p[0] * p[1])))
def test_undefined_of_nested_shapes_answers_as_before(expr: sp.Expr) -> None:
    assert parse.undefined(expr) == _undefined_before(expr)
