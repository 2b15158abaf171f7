"""Shortcuts that build SymPy's own objects without its general constructors (issue 9).

Each is compared with the ordinary construction on random inputs: equal, same
args all the way down, same srepr and hash. ``rational_univariate`` builds the
one-variable polynomial of an expansion; the parser's shortcuts build function
calls whose evaluation provably leaves them as they are.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.sortkey import rational_univariate


def _same(built: sp.Basic, expected: sp.Basic) -> None:
    assert built == expected and sp.srepr(built) == sp.srepr(expected) and hash(built) == hash(expected)
    for got, want in zip(sp.preorder_traversal(built), sp.preorder_traversal(expected), strict=True):
        assert type(got) is type(want) and got.args == want.args
        assert got.is_commutative is want.is_commutative


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.dictionaries(st.integers(0, 40), st.fractions(max_denominator=12).map(sp.Rational)
                       | st.sampled_from([sp.Integer(1), sp.Integer(-1), sp.Rational(1, 2)]), min_size=1, max_size=14),
       st.sampled_from([sp.Symbol("x", real=True), sp.Symbol("x"), sp.Symbol("x", positive=True),
                        sp.Symbol("t", real=True)]),
       st.booleans())
def test_rational_univariate_is_sympys_sum(terms: dict, x: sp.Symbol, plain_ints: bool) -> None:
    coefficients = [(((d if plain_ints else sp.Integer(d)),), c) for d, c in sorted(terms.items()) if c]
    built = rational_univariate(coefficients, x)
    expected = sp.Add(*(c * x**d for (d,), c in coefficients))
    assert built is not None or not coefficients
    if coefficients:
        _same(built, expected)


def test_rational_univariate_refuses_what_it_does_not_build() -> None:
    x = sp.Symbol("x")
    # (A constant term that is one term of its own, and x - a, are built: SymPy's objects.)
    _same(rational_univariate([((0,), sp.sqrt(2)), ((1,), sp.Integer(3))], x), sp.sqrt(2) + 3 * x)
    _same(rational_univariate([((1,), sp.Integer(1))], x - 1), x - 1)
    assert rational_univariate([((0,), sp.sqrt(2) + sp.log(3))], x) is None  # a sum: Add flattens it
    assert rational_univariate([((1,), sp.sqrt(2))], x) is None
    assert rational_univariate([((0,), x)], x) is None
    assert rational_univariate([((sp.Rational(1, 2),), sp.Integer(1))], x) is None
    assert rational_univariate([((1, 0), sp.Integer(1))], x) is None


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.integers(-10**40, 10**40), st.integers(1, 10**12))
def test_exact_rational_is_rationals_object(p: int, q: int) -> None:
    from math import gcd

    from taylorcli.series.engine import exact_rational
    g = gcd(p, q)
    p, q = p // g, q // g
    _same(exact_rational(p, q), sp.Rational(p, q))
    _same(exact_rational(p, 1), sp.Integer(p))
    assert type(exact_rational(p, 1)) is type(sp.Integer(p))


# --- the parser's shortcuts (parse_fast.py) ---------------------------------------------------------

import ast  # noqa: E402
import contextlib  # noqa: E402
import pathlib  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

from taylorcli import parse  # noqa: E402
from taylorcli.errors import TaylorError  # noqa: E402
from taylorcli.parse_fast import inert_call, real_by_shape  # noqa: E402

_X, _Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
# Near misses too: symbols with other assumptions (zero may be known), pi, I, logs, numbers.
_LEAVES = [_X, _Y, sp.Symbol("x"), sp.Symbol("z", positive=True), sp.Symbol("n", integer=True),
           sp.Symbol("o", zero=True), sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2),
           sp.Rational(1, 2), sp.Rational(-3, 4), sp.pi, sp.I * sp.pi, sp.E, sp.Float(0.5)]
_CALLS = [sp.exp, sp.sin, sp.cos, sp.log, sp.tan]


def _trees() -> st.SearchStrategy[sp.Expr]:
    def extend(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        pairs = st.tuples(children, children)
        return st.one_of(pairs.map(lambda p: p[0] + p[1]), pairs.map(lambda p: p[0] - p[1]),
                         pairs.map(lambda p: p[0] * p[1]),
                         st.tuples(st.sampled_from(_CALLS), children).map(lambda p: p[0](p[1])))
    return st.recursive(st.sampled_from(_LEAVES), extend, max_leaves=6)


def _shaped() -> st.SearchStrategy[sp.Expr]:
    """Arguments of the shapes parse_fast accepts, and near misses (other symbols, pi, log, I)."""
    symbols = st.sampled_from([_X, _Y, _X, _Y, sp.Symbol("x"), sp.Symbol("o", zero=True),
                               sp.Symbol("n", integer=True), sp.pi, sp.I])
    atoms = st.one_of(symbols, st.tuples(st.sampled_from(_CALLS), symbols).map(lambda p: p[0](p[1])))
    numbers = st.fractions(max_denominator=6).map(sp.Rational)
    terms = st.one_of(numbers, atoms, st.tuples(numbers, atoms).map(lambda p: p[0] * p[1]))
    return st.lists(terms, min_size=1, max_size=4).map(lambda ts: sp.Add(*ts))


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.sampled_from(_CALLS), st.one_of(_trees(), _shaped()))
def test_inert_call_is_the_evaluated_object(function: object, arg: sp.Expr) -> None:
    fast = inert_call(function, [arg])
    if fast is None:
        return
    expected = function(arg)
    _same(fast, expected)
    assert fast.nargs == expected.nargs and fast.func is expected.func


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_trees())
def test_real_by_shape_is_never_contradicted(expr: sp.Expr) -> None:
    for node in sp.preorder_traversal(expr):
        if real_by_shape(node):
            assert node.is_real is not False


def _strings(path: pathlib.Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return sorted({n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                   and 0 < len(n.value) <= 2000})


def _outcome(text: str) -> tuple:
    try:
        e = parse.parse_expression(text)
    except TaylorError as error:
        return ("error", type(error).__name__, str(error))
    return ("ok", e, sp.srepr(e))


_TEXTS = [t for name in ("test_parse.py", "test_hostile.py")
          for t in _strings(pathlib.Path(__file__).parent / name)]


def test_every_parser_test_string_builds_the_same_with_and_without_the_shortcuts(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    def alarm(*_: object) -> None:
        raise TimeoutError

    fast = {}
    old = signal.signal(signal.SIGALRM, alarm)
    try:
        for text in _TEXTS:
            signal.alarm(5)  # a hostile text the parser is slow on is compared elsewhere
            try:
                fast[text] = _outcome(text)
            except TimeoutError:
                pass
            finally:
                signal.alarm(0)
        monkeypatch.setattr(parse, "inert_call", lambda function, args: None)
        monkeypatch.setattr(parse, "real_by_shape", lambda node: False)
        for text, got in fast.items():
            assert _outcome(text) == got, text
    finally:
        signal.signal(signal.SIGALRM, old)
    assert len(fast) > 100


@contextlib.contextmanager
def _without_shortcuts() -> Iterator[None]:
    """The parser with SymPy's own constructors only (a hypothesis test cannot take monkeypatch)."""
    saved = parse.inert_call, parse.real_by_shape
    parse.inert_call, parse.real_by_shape = (lambda function, args: None), (lambda node: False)
    try:
        yield
    finally:
        parse.inert_call, parse.real_by_shape = saved


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_trees())
def test_parsed_text_is_the_same_with_and_without_the_shortcuts(expr: sp.Expr) -> None:
    text = sp.sstr(expr)
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


@pytest.mark.parametrize("text", [
    "exp(sin(x))", "exp(1-exp(x))", "exp(2*x - 3)", "exp(x + y - exp(y)/2)", "sin(x)", "cos(y)",
    "exp(exp(x))", "exp(-cos(x))", "exp(1 - sin(x) + 3*cos(y) - x/7)", "exp(x)*sin(x+z)", "exp(x*y)",
    # near misses, built by SymPy's own constructor
    "exp(log(x))", "exp(x - x)", "sin(-x)", "sin(pi)", "exp(0)", "exp(1)", "exp(x + 1 - 1)", "cos(-x + 1)",
    "exp(I*pi)", "exp(log(2) + x)", "exp(2*log(x))", "exp(-oo)", "sin(asin(x))", "exp(x)**2",
])
def test_shortcut_texts_build_the_same(text: str) -> None:
    got = _outcome(text)
    with _without_shortcuts():
        assert _outcome(text) == got


def _undefined_before(expr: sp.Expr) -> bool:
    """parse.undefined as it was: has(), then atoms() and is_real on every risky node."""
    if expr.has(*parse._UNDEFINED):
        return True
    if not expr.free_symbols:
        return expr.is_real is False
    risky = [node for node in expr.atoms(sp.Function, sp.Pow)
             if not (isinstance(node, sp.Pow) and node.exp.is_Integer)]
    return any(node.is_real is False for node in risky[:200])


def _built(f: object) -> object:
    def build(p: tuple) -> sp.Expr | None:
        try:  # SymPy cannot build every combination of infinities and intervals
            return f(p)
        except (TypeError, ValueError):
            return None
    return build


def _wild() -> st.SearchStrategy[sp.Expr]:
    leaves = st.sampled_from(_LEAVES + [sp.oo, -sp.oo, sp.zoo, sp.nan, sp.AccumBounds(-1, 1), sp.Integer(-2)])

    def extend(c: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        return st.one_of(st.tuples(c, c).map(_built(lambda p: p[0] + p[1])),
                         st.tuples(c, c).map(_built(lambda p: p[0] * p[1])),
                         st.tuples(c, st.sampled_from([2, -1, sp.Rational(1, 2)])).map(_built(lambda p: p[0] ** p[1])),
                         st.tuples(st.sampled_from(_CALLS + [sp.sqrt, sp.asin]), c).map(_built(lambda p: p[0](p[1])))
                         ).filter(lambda e: e is not None)
    return st.recursive(leaves, extend, max_leaves=6)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_wild())
def test_undefined_answers_as_before(expr: sp.Expr) -> None:
    assert parse.undefined(expr) == _undefined_before(expr)
