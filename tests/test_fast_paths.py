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
from taylorcli.sortkey_univariate import rational_univariate


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
from taylorcli import parse_fast  # noqa: E402
from taylorcli.parse_fast import inert_call, number, product, real_by_shape, real_symbol, total  # noqa: E402

_X, _Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
# Near misses too: symbols with other assumptions (zero may be known), pi, I, logs, numbers.
_LEAVES = [_X, _Y, sp.Symbol("x"), sp.Symbol("z", positive=True), sp.Symbol("n", integer=True),
           sp.Symbol("o", zero=True), sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2),
           sp.Rational(1, 2), sp.Rational(-3, 4), sp.pi, sp.I * sp.pi, sp.E, sp.Float(0.5)]
_CALLS = [sp.exp, sp.sin, sp.cos, sp.log, sp.tan, sp.atan, sp.sinh, sp.cosh, sp.tanh]


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
        monkeypatch.setattr(parse, "product", lambda factors: None)
        monkeypatch.setattr(parse, "total", lambda terms: None)
        monkeypatch.setattr(parse, "number", lambda value: value)
        monkeypatch.setattr(parse, "real_symbol", lambda name: sp.Symbol(name, real=True))
        monkeypatch.setattr(parse, "real_by_shape", lambda node: False)
        monkeypatch.setattr(parse, "power", lambda base, exponent: None)
        monkeypatch.setattr(parse, "nested_call", lambda function, arg: None)
        monkeypatch.setattr(parse, "finite_by_shape", lambda expr: False)
        for text, got in fast.items():
            assert _outcome(text) == got, text
    finally:
        signal.signal(signal.SIGALRM, old)
    assert len(fast) > 100


@contextlib.contextmanager
def _without_shortcuts() -> Iterator[None]:
    """The parser with SymPy's own constructors only (a hypothesis test cannot take monkeypatch)."""
    names = ("inert_call", "real_by_shape", "product", "total", "real_symbol", "number", "power", "nested_call",
             "finite_by_shape")
    saved = [getattr(parse, name) for name in names]
    parse.power, parse.nested_call = (lambda base, exponent: None), (lambda function, arg: None)
    parse.finite_by_shape = lambda expr: False
    parse.inert_call, parse.real_by_shape = (lambda function, args: None), (lambda node: False)
    parse.product, parse.total = (lambda factors: None), (lambda terms: None)
    parse.real_symbol, parse.number = (lambda name: sp.Symbol(name, real=True)), (lambda value: value)
    try:
        yield
    finally:
        for name, value in zip(names, saved):
            setattr(parse, name, value)


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
    # polynomial arguments (issue 9): signs, constants, products, repeated symbols
    "sin(x+z)", "sin(-x-z)", "sin(x-z)", "sin(z-x)", "cos(-x-z)", "cos(x-z)", "cos(z-x)", "exp(-x-z)",
    "exp(x-z)", "sin(1-x)", "sin(x-1)", "cos(-2*x+3)", "sin(x*y)", "sin(2*x*y)", "sin(-2*x*y)", "cos(-x*y)",
    "exp(x*y)*sin(x+z)", "exp(a*b+c)*sin(d+e*f)", "exp(x*x)", "sin(x*x*y)", "sin(x**2*y - y**3/2 + 1)",
    "exp(x + x)", "sin(x - x + y)", "exp(x*y - y*x)", "sin(x/2 + y/3)", "cos(x/2 - y/3)", "exp(-x/2 - 1/3)",
    "sin(x + sin(y))", "cos(x - 2*exp(y))", "sin(-x + y - z)", "sin(x - y + z - w)", "cos(x - y - z + w)",
    "exp(x)*exp(x)", "exp(x)*exp(y)", "exp(x)*exp(2*x)", "exp(x)/exp(x)", "x*exp(x)*x", "2*x*3*y*sin(x)",
    "-exp(x)", "-exp(x*y)*sin(x+z)", "-(2*x*y)", "-sin(x)*cos(x)", "0*exp(x)*sin(x)", "x*y/x", "x/y*exp(x)",
    "sin(x)*sin(x)", "sin(x)*sin(y)*sin(x+y)", "log(x)*exp(x+y)*x**3", "E*exp(x)", "pi*sin(x)", "sqrt(x)*exp(x)",
    "exp(x+1)*E", "exp(-x)*exp(x)", "exp(pi*I*x)", "sin(pi*x)", "cos(pi*x + pi)", "sin(x + pi/2)",
    "exp(x*y*z*w*u*v*p*q)", "sin(a+b+c+d+e+f+g+h)*exp(a+b+c+d+e+f+g+h)", "1/2*exp(x)", "-1/2*x*exp(x)*sin(y)",
    "tan(x+y)*exp(x)", "atan(x-y)*sinh(x*y)*cosh(x-z)*sqrt(1+x*y)*log(1+x+y)",
    "tan(x+y)", "tan(-x-y)", "tan(x-y)", "tan(y-x)", "tan(x*y)", "tan(pi/2 + x)", "tan(pi + x)", "tan(atan(x))",
    "atan(x-y)", "atan(y-x)", "atan(-x*y)", "atan(x**2+1)", "atan(tan(x))", "sinh(x*y)", "sinh(-x*y)", "sinh(x-z)",
    "sinh(z-x)", "cosh(x-z)", "cosh(z-x)", "cosh(-2*x)", "tanh(2*x+1)", "tanh(-2*x-1)", "sinh(I*pi + x)",
    "cosh(asinh(x))", "log(1+x+y)", "log(x*y)", "log(-x-y)", "log(x**2)", "log(exp(x))", "log(exp(x)+1)",
    "log(2*exp(x))", "log(x/2)", "log(1-exp(x))", "log(-x**2-1)", "sqrt(-x**2-1)", "log(sin(x)-2)", "sqrt(x**2-1)", "sqrt(1-x**2)", "log(x**2*y-1)",
    "(1+x+y)**(1/3)", "(x-y)**(-3/2)", "sqrt(-x*y-2)", "log(-x**3)", "sqrt(exp(x)-2)", "log(-exp(x))", "sqrt(-x-2)",
    "tan(exp(x))", "exp(tan(x))", "tan(2*atan(exp(x)) - atan(sinh(x)))", "atan(sinh(x))*tanh(cosh(x))",
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
        # Mul.flatten asserts on some (x*AccumBounds)**(1/2); p[0]/p[1] may divide by a zero
        except (TypeError, ValueError, AssertionError, ZeroDivisionError):
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


# --- polynomial arguments and products (issue 9: the cost of building from text) -------------------

_S = [sp.Symbol(n, real=True) for n in "xyzw"]


def _polynomials() -> st.SearchStrategy[sp.Expr]:
    """Sums of rationals and r*monomials (repeated symbols, powers, negative leading coefficients),
    with F(s) atoms and near misses (pi, I, an unreal symbol, log)."""
    symbols = st.sampled_from(_S + _S + [sp.Symbol("x"), sp.Symbol("n", integer=True), sp.pi, sp.I])
    powers = st.tuples(symbols, st.integers(1, 3)).map(lambda p: p[0] ** p[1])
    monomials = st.lists(powers, min_size=1, max_size=4).map(lambda fs: sp.Mul(*fs))
    atoms = st.one_of(monomials, monomials, st.tuples(st.sampled_from(_CALLS), symbols).map(lambda p: p[0](p[1])))
    numbers = st.fractions(max_denominator=6).map(sp.Rational) | st.sampled_from([sp.Integer(-1), sp.Integer(1)])
    terms = st.one_of(numbers, atoms, st.tuples(numbers, atoms).map(lambda p: p[0] * p[1]))
    return st.lists(terms, min_size=1, max_size=5).map(lambda ts: sp.Add(*ts))


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.sampled_from(sorted(parse_fast._CALLS, key=str)), _polynomials())
def test_inert_call_on_polynomial_arguments_is_the_evaluated_object(function: object, arg: sp.Expr) -> None:
    fast = inert_call(function, [arg])
    if fast is None:
        return
    expected = function(arg)
    _same(fast, expected)
    assert fast.nargs == expected.nargs


def test_inert_call_takes_the_polynomial_shapes() -> None:
    x, y, z, w = _S
    for arg in (x + z, x - z, x * y, 2 * x * y, x**2 * y - y**3 / 2 + 1, x / 2 + y / 3, x - y + z,
                -x * y - 2 + z, x * y * z * w + sp.sin(x) - 3 * sp.exp(y)):
        for function in parse_fast._CALLS:
            built = inert_call(function, [arg])
            if function in (sp.exp, sp.log) or not arg.could_extract_minus_sign():
                assert built is not None, (function, arg)
                _same(built, function(arg))
    # a minus sign to extract: SymPy's constructor builds sin(-x - z) = -sin(x + z)
    assert inert_call(sp.sin, [-x - z]) is None and inert_call(sp.cos, [z - x - y]) is None
    assert inert_call(sp.exp, [-x - z]) is not None and inert_call(sp.log, [-x - z]) is not None
    assert inert_call(sp.log, [sp.exp(x)]) is None and inert_call(sp.asin, [x]) is None
    # not a polynomial argument of the parser's symbols
    for arg in (sp.pi * x, x + sp.I, sp.Symbol("x") + y, x * sp.sin(y), sp.sqrt(x), x / y, sp.log(x) + 1,
                sp.Mul(x, x, evaluate=False), sp.Mul(0, x, evaluate=False), sp.Integer(2)):
        assert inert_call(sp.sin, [arg]) is None and inert_call(sp.exp, [arg]) is None, arg


def _factors() -> st.SearchStrategy[list]:
    symbols = st.sampled_from(_S + [sp.Symbol("x"), sp.pi, sp.E, sp.I])
    numbers = st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Rational(-3, 4),
                               sp.Rational(1, 2), sp.Float(0.5), sp.oo, sp.zoo])
    powers = st.tuples(symbols, st.sampled_from([1, 2, 3, -1, -2, sp.Rational(1, 2)])).map(lambda p: p[0] ** p[1])
    calls = st.tuples(st.sampled_from(_CALLS + [sp.sinh, sp.atan, sp.sqrt, sp.Abs]),
                      _polynomials() | symbols).map(lambda p: p[0](p[1]))
    factor = st.one_of(numbers, symbols, powers, calls, st.sampled_from([_S[0] + 1, _S[0] * _S[1], 2 * _S[1] * sp.exp(_S[0])]))
    products = st.lists(factor, min_size=1, max_size=3).map(lambda fs: sp.Mul(*fs))
    return st.lists(factor | products, min_size=1, max_size=5)


@settings(max_examples=max_examples(400), **SETTINGS)
@given(_factors())
def test_product_is_mul(factors: list) -> None:
    fast = product(factors)
    if fast is None:
        return
    _same(fast, sp.Mul(*factors))


def test_product_takes_the_parsers_products() -> None:
    x, y, z, w = _S
    cases = [[sp.exp(x * y), sp.sin(x + z)], [sp.Integer(-1), sp.exp(x)], [2 * x * y, sp.Integer(3), z**2],
             [sp.exp(x + y), x, sp.Rational(-1, 2), sp.sin(y), sp.log(z)], [sp.Integer(-1), 2 * x * sp.exp(y)],
             [x, 1 / y], [sp.Integer(1), sp.exp(w)], [sp.exp(x), sp.exp(y)], [sp.exp(x * y), sp.exp(z + 2)],
             [sp.exp(x + 1), sp.exp(2 * x + 2)]]
    for factors in cases:
        built = product(factors)
        assert built is not None, factors
        _same(built, sp.Mul(*factors))
    for factors in ([sp.exp(x), sp.exp(2 * x)], [sp.exp(x * y), sp.exp(-2 * x * y)], [x, x], [x, x**2], [sp.sin(x), sp.sin(x)], [sp.E, sp.exp(x)],
                    [sp.Integer(0), x], [sp.Integer(2), x + 1], [sp.pi, x], [sp.I, x], [sp.Float(2.0), x],
                    [sp.exp(sp.log(x) + 1), x], [sp.Integer(2), sp.Integer(3)]):
        assert product(factors) is None, factors


def test_real_symbol_is_the_symbol_and_the_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from sympy.core.cache import clear_cache
    a = real_symbol("x")
    clear_cache()
    assert real_symbol("x") is a and a == sp.Symbol("x", real=True) and sp.srepr(a) == sp.srepr(sp.Symbol("x", real=True))
    assert hash(a) == hash(sp.Symbol("x", real=True)) and parse.parse_expression("x + 1").free_symbols == {a}
    monkeypatch.setattr(parse_fast, "_MAX_INTERNED", 10)
    monkeypatch.setattr(parse_fast, "_INTERNED", {})
    for k in range(100):
        assert real_symbol(f"v{k}") == sp.Symbol(f"v{k}", real=True)
        assert len(parse_fast._INTERNED) <= 10


_ROOTS = [sp.sqrt, lambda p: p ** sp.Rational(1, 3), lambda p: p ** sp.Rational(-3, 2)]


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.sampled_from(_CALLS + _ROOTS), _polynomials())
def test_real_by_shape_of_polynomial_arguments_is_never_contradicted(function: object, arg: sp.Expr) -> None:
    expr = function(arg)
    for node in sp.preorder_traversal(expr):
        if real_by_shape(node):
            assert node.is_real is not False


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.sampled_from(_CALLS + _ROOTS), _polynomials(), st.sampled_from([0, 1, _S[0], sp.sin(_S[1])]))
def test_undefined_of_polynomial_arguments_answers_as_before(function: object, arg: sp.Expr, other: sp.Expr) -> None:
    expr = function(arg) + other
    assert parse.undefined(expr) == _undefined_before(expr)


def test_real_by_shape_takes_tan_of_polynomial_arguments_only() -> None:
    x, y = _S[:2]
    assert real_by_shape(sp.tan(x + y)) and real_by_shape(sp.tan(x * y - 1)) and real_by_shape(sp.atan(sp.sinh(x) + 1))
    assert not real_by_shape(sp.atan(sp.tan(x) + 1))  # tan is not finite everywhere
    assert not real_by_shape(sp.tan(2 * sp.atan(sp.exp(x)) - sp.atan(sp.sinh(x))))  # pi/2 for every x
    assert not real_by_shape(sp.exp(sp.tan(x)))
    # log and roots: where the argument is positive somewhere (at 0, of odd degree in a symbol, or far along the
    # diagonal). x**2 - 1 is positive for |x| > 1, where log and sqrt of it are real: real_by_shape promises a node
    # real at some real point (so SymPy's is_real, a statement about every real x, cannot be False), not one real
    # everywhere, so log(x**2 - 1) is real by shape (parse_pow.positive_somewhere's diagonal rule).
    for arg in (1 + x + y, x, x * y, x**2 * y - 1, -x**3, -x * y - 2, sp.exp(x) + 1, 1 + x**2, x - y, x**2 - 1,
                x**2 * y**2 - 1):
        assert real_by_shape(sp.log(arg)) and real_by_shape(sp.Pow(arg, sp.Rational(1, 2), evaluate=False)), arg
    for arg in (-x**2 - 1, x**2 - y**2 - 1, sp.cos(x) - 1, -2 * sp.exp(x), 2 * sp.sin(x) - 1, -x**2 * y**2, sp.log(x) + 2):
        assert not real_by_shape(sp.log(arg)) and not real_by_shape(sp.Pow(arg, sp.Rational(1, 2), evaluate=False))


@settings(max_examples=max_examples(400), **SETTINGS)
@given(st.lists(_factors().map(lambda fs: sp.Mul(*fs)) | _polynomials(), min_size=1, max_size=5),
       st.lists(st.sampled_from([1, -1, 2, sp.Rational(-1, 2)]), min_size=5, max_size=5))
def test_total_is_add(terms: list, signs: list) -> None:
    terms = [s * t for s, t in zip(signs, terms)]
    fast = total(terms)
    if fast is None:
        return
    _same(fast, sp.Add(*terms))


def test_total_takes_the_parsers_sums() -> None:
    x, y, z, w = _S
    cases = [[x, z], [sp.Integer(1), -sp.exp(x)], [2 * x * y, sp.Integer(-3), z**2, sp.Rational(1, 2)],
             [sp.exp(x + y), -x, sp.Rational(-1, 2) * sp.sin(y), sp.log(z) * x], [x + 1, y - 2], [2 * x * sp.exp(y), w],
             [sp.Integer(0), x * y], [x, x * y, x**2, 3 * x**2 * y]]
    for terms in cases:
        built = total(terms)
        assert built is not None, terms
        _same(built, sp.Add(*terms))
    for terms in ([x, -x], [x, 2 * x], [x + 1, -x], [sp.Integer(2), sp.Integer(3)], [x, sp.pi], [x, sp.Float(1.5)],
                  [x, sp.sqrt(2)], [x, sp.oo], [sp.exp(x), sp.exp(x)], [x, y + 1, -y], [sp.Float(2.0) * x, y]):
        assert total(terms) is None, terms


def test_number_is_the_rational_and_the_table_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from sympy.core.cache import clear_cache
    seven = number(sp.Integer(7))
    seven.is_zero  # noqa: B018 - its facts are kept with it
    clear_cache()
    assert number(sp.Integer(7)) is seven and number(sp.Rational(1, 3)) == sp.Rational(1, 3)
    assert type(number(sp.Rational(4, 2))) is sp.Integer and number(sp.Rational(-3, 4)) == sp.Rational(-3, 4)
    monkeypatch.setattr(parse_fast, "_MAX_NUMBERS", 10)
    monkeypatch.setattr(parse_fast, "_NUMBERS", {})
    for k in range(100):
        assert number(sp.Rational(k, 7)) == sp.Rational(k, 7)
        assert len(parse_fast._NUMBERS) <= 10


@pytest.mark.parametrize("text, noted", [
    ("e**x", True), ("log(e)", True), ("2*e**2 + x", True), ("sqrt(e)", True), ("exp(x)*log(e + 1)", False),
    ("exp(a*b+c)*sin(d+e*f)", False), ("1e5*x", False), ("x + e", False), ("1.5e-3*e", False), ("E**x", False),
    ("-e^x", True), ("exp(e)", False),
])
def test_the_note_about_e(text: str, noted: bool) -> None:
    from taylorcli.parameters import NOTES
    NOTES.clear()
    parse.parse_expression(text)
    assert bool(NOTES) is noted
    NOTES.clear()
