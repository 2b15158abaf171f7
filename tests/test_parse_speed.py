"""The sweep's texts (benchmarks/expansion_sweep.py) build the very objects of the reference routes (issue 9).

Session 10 cut parse costs on the texts the sweep draws: SymPy's negation of a sum
(``cos(y - x)`` is ``cos(x - y)``), ``exp(3*x)**2``, the comparisons that sort the
arguments of sums and products. Texts of the sweep's grammar (scaled sums of
variables in any order and sign, products of variables, a variable plus a constant,
squares, the ten unary families, nested once or twice, summed or multiplied in
pairs) are parsed as shipped, with the quick routes off and with SymPy's own
constructors only (``test_parse_single._compare``): the same object, node for
node (==, srepr, hash, types, args and commutativity down the tree), or the same error.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli import parse_calls, parse_pow, parse_quick
from taylorcli.parse_fast import real_symbol
from test_fast_paths import _same
from test_parse_single import _compare

_NAMES = ["x", "y", "z", "u", "v", "w", "p", "q"]
_UNARY = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "erf({})", "log(1 + ({})**2)",
          "sqrt(1 + ({})**2)", "1/(1 + ({})**2)", "tan({})", "tanh({})", "({})**2", "-{}", "({})**3"]


@st.composite
def _inner(draw: st.DrawFn) -> str:
    """The argument of a function: as the sweep's ``_inner`` draws it, and a few neighbours (constants, repeats)."""
    names = draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=8, unique=True))
    kind = draw(st.integers(0, 4))
    if len(names) == 1 or kind == 0:
        a = names[0]
        return draw(st.sampled_from([a, f"{draw(st.sampled_from([-3, -2, 2, 3, 5]))}*{a}", f"{a} + {draw(st.integers(1, 3))}",
                                     f"{a} - {draw(st.integers(1, 3))}", f"{a}**2", f"-{a}", f"{a}/2"]))
    if kind == 1:
        return "*".join(names)
    scales = st.sampled_from(["", "2*", "3*", "-", "-2*", "1/2*"])
    parts = [f"{draw(scales)}{name}" for name in names]
    if kind == 2 and draw(st.booleans()):
        parts.append(draw(st.sampled_from(["1", "2", "-3", names[0], f"2*{names[-1]}"])))  # constants, repeats
    return " + ".join(parts).replace("+ -", "- ")


@st.composite
def _term(draw: st.DrawFn) -> str:
    inner = draw(_inner())
    for _ in range(draw(st.integers(1, 3))):
        inner = draw(st.sampled_from(_UNARY)).format(inner)
    return inner


@st.composite
def _sweep_text(draw: st.DrawFn) -> str:
    first = draw(_term())
    if draw(st.booleans()):
        return first
    joint = draw(st.sampled_from([" + ", " * ", " - ", " * 1/", " + 2*"]))
    return f"{first}{joint}{draw(st.one_of(_term(), st.just(first)))}"


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_sweep_text())
def test_sweep_texts_build_the_reference_objects(text: str) -> None:
    _compare(text)


@pytest.mark.parametrize("text", [
    # sums whose minus sign eval moves out (SymPy's negation of a sum, built directly since session 10)
    "cos(y - x)", "cosh(-x - y + z)", "cosh(-x - y + 2*z)", "cos(-v + 3*y)", "sinh(cosh(-u + x - v - y))",
    "sin(-x - y)", "atan(-2*y)", "erf(-2*x)", "sinh(-x + 1)", "tan(-x - 2*y + 1)", "atan(sinh(-x - y))",
    "sin(-x - sin(y))", "erf(-exp(x) - y)", "cos(-2*x**2 - 3*y)", "sinh(-x*y - z)", "-(x - y)", "-(-x - y)",
    # powers of exp: exp(3*x)**2 is exp(6*x)
    "(exp(3*x))**2", "(exp(x))**3", "(exp(-x))**2", "(exp(x/2))**2", "(exp(2*x*y))**3", "(exp(x + y))**2",
    "log(1 + (exp(3*x))**2) * 1/(1 + (x + 2)**2)", "1/(1 + (exp(-2*x))**2)",
    # sorting: products and sums of many names, coefficients of every class
    "x*p*w*z*u", "q*z*y*x*p*v*u", "w + p + 2*y + z + 3*u - v + 3*x", "-y - x + 2*z - 3*w + x/2",
    "2*y + 2*x + 3*v", "x1*x10*x2", "x/2 + y/3 - z/2 + 2*w", "sinh(x**2) + sinh(x**2)", "sin(x) - 2*sin(x)",
])
def test_named_sweep_texts(text: str) -> None:
    _compare(text)


_X, _Y, _Z = real_symbol("x"), real_symbol("y"), real_symbol("z")


@pytest.mark.parametrize("make", [
    lambda: _Y - _X, lambda: -_X - _Y + 2 * _Z, lambda: 1 - _X, lambda: _X + sp.sin(_Y), lambda: sp.sin(_X),
    lambda: sp.atan(2 * _Y), lambda: _X ** 2, lambda: 3 * _X, lambda: sp.Integer(2), lambda: _X - sp.exp(_Y) / 2,
    lambda: sp.Symbol("n", commutative=False) + _X, lambda: sp.Symbol("n", commutative=False),
    lambda: -2 * _X, lambda: -_X, lambda: _X * _Y, lambda: -_X * _Y, lambda: sp.Rational(-1, 2) * _X,
    lambda: sp.Rational(3, 2) * _X * sp.sin(_Y), lambda: sp.zoo * _X, lambda: sp.Mul(2, sp.zoo, _X, evaluate=False),
    lambda: sp.Float(-1.5) * _X, lambda: sp.pi * _X, lambda: -sp.pi * _X, lambda: sp.Symbol("n", commutative=False) * _X * 2,
])
def test_negative_is_sympys_negation(make: object) -> None:
    e = make()
    _same(parse_calls.negative(e), -e)


@pytest.mark.parametrize("n", [sp.Integer(-1), sp.Integer(2), sp.Integer(-3), sp.Rational(1, 2)])
@pytest.mark.parametrize("make", [
    lambda: _Y - _X, lambda: -_X - _Y + 2 * _Z + 1, lambda: _X + sp.sin(_Y) - sp.exp(_Z), lambda: 3 * _X,
    lambda: _X, lambda: sp.exp(_X), lambda: _X * _Y, lambda: sp.atan(_X + 1),
])
def test_scaled_is_sympys_product(make: object, n: sp.Rational) -> None:
    a = make()
    _same(parse_pow._scaled(a, n), a * n)


_COMPARED = [_X, _Y, real_symbol("x1"), sp.Symbol("x"), sp.Symbol("x", positive=True), sp.Symbol("y", real=True),
             sp.Integer(2), sp.Integer(-3), sp.Integer(10**30), sp.Rational(1, 2), sp.Rational(-7, 3), sp.S.One,
             sp.S.NegativeOne, sp.S.Zero, 2 * _X, -_X, 3 * _Y, sp.sin(_X), sp.Dummy("x"), sp.Float(2.5), _X**2, _X**3,
             _Y**2, _X**-1, sp.sqrt(_X), _X + 1, _X + _Y, _X * _Y, 2 * _X * _Y, _X * _Y**2, sp.sin(_X) * _X]


@pytest.mark.parametrize("a", _COMPARED)
def test_compare_is_sympys(a: sp.Basic) -> None:
    for b in _COMPARED:
        assert parse_quick._compare(a, b) == a.compare(b), (a, b)


# --- the quick no to keywords (parse_text._WORDS) and to whitespace (parse.parse_expression) ----------------

_KEYWORD_SOUP = ["and", "lambda", "if", "in", "is", "not", "None", "True", "x", "y_", "_", "2", "0", "e", "exp",
                 "(", ")", "+", "*", " ", ".", ",", "\t", "\n", "_and", "and_", "x2", "in2", "2in"]


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # Python's own, on 2and (ast.parse on the ordinary route)
@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(st.sampled_from(_KEYWORD_SOUP), min_size=1, max_size=8).map("".join))
def test_keyword_quick_no_is_the_search(text: str) -> None:
    from taylorcli import parse_text
    quick = None if parse_text._KEYWORDS.isdisjoint(parse_text._WORDS.findall(text)) else parse_text._KEYWORD.search(text)
    found = parse_text._KEYWORD.search(text)
    assert (quick and (quick.start(), quick.group())) == (found and (found.start(), found.group()))
    _compare(text)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@pytest.mark.parametrize("text", ["x\tand y", "2and", "x and", "lambda: x", "x_and + and_x", "x +\n1", "\tx", "x\u00a0+ 1",
                                  "x\u2028", "1e5*x", "x + e", "e", "e2 + x", "2e"])
def test_keyword_and_whitespace_texts(text: str) -> None:
    _compare(text)


def test_leaves_read_again_are_the_kept_objects() -> None:
    """parse_direct keeps what atom read of a number or a name; never a test's stand-in, always the kept object."""
    from taylorcli import parse_direct
    from taylorcli.parse_quick import integer
    _compare("2*y + 2*x + 3*v - w + 17")  # (its _without_shortcuts run reads through stand-ins)
    for token, (expr, estimate, _) in parse_direct._LEAVES.items():
        if token[0].isdigit():
            assert expr is integer(int(token)) and estimate == float(int(token))
        else:
            assert expr is real_symbol(token) and estimate is None
