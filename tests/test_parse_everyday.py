"""Everyday texts (issue 9: parse time) build the very objects of the ordinary route, or its very errors.

parse_direct's one-pass reader cuts the text with one ``findall`` and reads it with
three methods; the texts here are soups of its tokens and of the characters it must
refuse (``2x``, ``01``, ``1.5``, ``1_0``, ``,``, tabs, a trailing space, a lone
``+``), and the sweep's families: nested calls, squares ``(u)**2`` of calls and
sums, ``1/(1 + (...)**2)``, sums of calls, redundant brackets. Each is parsed as
shipped, with the quick routes off (test_parse_single), and with SymPy's own
constructors only (test_fast_paths): the same object (srepr, hash, args down the
tree) or the same error (class, message).
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from test_parse_single import _compare

_SOUP = ["x", "y", "x1", "_a", "2", "10", "01", "2x", "1.5", "1_0", "0", "pi", "e", "E", "sin", "cos", "exp",
         "sqrt", "log", "atan", "cosh", "erf", "tan", "(", ")", "+", "-", "*", "/", "**", "^", ",", " ", "\t",
         "lambda", "oo", "abs", "zeta"]

_FUNCTIONS = ["exp", "sin", "cos", "atan", "sinh", "cosh", "tanh", "erf", "log", "sqrt", "tan"]


def _family() -> st.SearchStrategy[str]:
    leaves = st.sampled_from(["x", "x**2", "(x)", "x + 1", "2*x", "(x + 1)", "-x", "x - 1", "3"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(st.sampled_from(_FUNCTIONS), inner).map(lambda p: f"{p[0]}({p[1]})"),
            inner.map(lambda u: f"({u})**2"),
            inner.map(lambda u: f"1/(1 + ({u})**2)"),
            inner.map(lambda u: f"1 + ({u})**2"),
            st.tuples(inner, inner, st.sampled_from([" + ", " - ", "*"])).map(lambda p: f"{p[0]}{p[2]}{p[1]}"),
            inner.map(lambda u: f"({u})"))
    return st.recursive(leaves, extend, max_leaves=5)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.sampled_from(_SOUP), min_size=1, max_size=9).map("".join))
def test_token_soups_parse_as_the_ordinary_route(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(100), **SETTINGS)
@given(_family())
def test_everyday_families_build_the_same_objects(text: str) -> None:
    _compare(text)


@pytest.mark.parametrize("text", [
    "log(1 + (atan(x**2))**2) + 1/(1 + (x**2)**2)", "sin(x) + cos(1/(1 + (x + 1)**2))", "exp(1/(1 + (x**2)**2))",
    "cosh(x) + cos(x)", "sqrt(1 + (x)**2)", "exp(x**2)", "sin(x**2)", "cos(x)", "((x))", "(x)**2 ", "x  +  1  ",
    "2x", "01", "x.5", "1.5*x", "x,", "+x", "x +", "()", "sin()", "x**", "1_0*x", "x**-2", "-x**-2", "- - x",
    "sin(x) + (cos(x) + 1)", "(sin(x) + 1) + cos(x)", "(x*y)*z", "x*(y*z)", "(1 + (x)**2)**(1/2)", "é", "x\u00b2",
    "1/x", "1*x", "x*1", "x/1", "1/(1/x)", "1*1*x", "1/x/1", "1/(1 + x)*1", "2/x", "1/sin(x)", "1/(x - x)", "1/(1 + exp(x))",
])
def test_named_everyday_texts(text: str) -> None:
    _compare(text)


# --- parse_quick.sort_args and commutative against SymPy's own ----------------------------------------------

_X, _Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
_PIECES = [_X, _Y, sp.Symbol("a", real=True), sp.Symbol("z"), sp.Symbol("u"), sp.Symbol("w", commutative=False),
           sp.Integer(2), sp.Rational(-1, 3), sp.pi, sp.E, sp.Float(1.5), sp.Function("f")(_X), sp.oo, sp.I]
_ONE_ARGUMENT = [sp.sin, sp.cos, sp.exp, sp.log, sp.atan, sp.cosh, sp.sinh, sp.tanh, sp.erf, sp.sqrt, sp.tan, sp.Abs,
                 sp.Function("g")]


def _build(make: object) -> object:
    try:
        return make()
    except Exception:  # noqa: BLE001 - SymPy cannot build some random objects: not this test's subject
        return None


def _objects() -> st.SearchStrategy[sp.Basic]:
    def extend(inner: st.SearchStrategy[sp.Basic]) -> st.SearchStrategy[sp.Basic]:
        return st.one_of(
            st.tuples(st.sampled_from(_ONE_ARGUMENT), inner).map(lambda p: _build(lambda: p[0](p[1]))),
            st.tuples(inner, inner).map(lambda p: _build(lambda: sp.Add(*p))),
            st.tuples(inner, inner).map(lambda p: _build(lambda: sp.Mul(*p))),
            st.tuples(inner, st.sampled_from([2, 3, -1, sp.Rational(1, 2)])).map(lambda p: _build(lambda: sp.Pow(*p))),
        ).filter(lambda o: o is not None)
    return st.recursive(st.sampled_from(_PIECES), extend, max_leaves=5)


# Tuples and sets: their _hashable_content holds a tuple or frozenset (Basic.compare's other branches)
_CONTAINERS = st.tuples(st.sampled_from(_PIECES), st.sampled_from(_PIECES)).flatmap(
    lambda p: st.sampled_from([sp.Tuple(*p), sp.FiniteSet(*p)]))


_SORTED = [[_Y, _X], [sp.cos(_X), sp.sin(_X), sp.cosh(_X), _X**2, _X, sp.Integer(2), sp.exp(_X), sp.log(_X)],
           [sp.sin(_Y), sp.sin(_X), sp.sin(_X + 1), sp.sin(_X)**2], [sp.Tuple(1, _X), sp.Tuple(_X, 1), sp.Tuple(_Y)],
           [sp.FiniteSet(_X, _Y), sp.FiniteSet(_X, 2), sp.FiniteSet(_Y, 2)], [_X * _Y, _X**2, _Y**2, _X * _Y**2]]


@pytest.mark.parametrize("objects", _SORTED)
def test_sort_args_on_the_parsers_shapes(objects: list) -> None:
    test_sort_args_is_sympys_sort.hypothesis.inner_test(objects)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.one_of(_objects(), _CONTAINERS), min_size=0, max_size=6))
def test_sort_args_is_sympys_sort(objects: list) -> None:
    from sympy.core.add import _addsort
    from taylorcli.parse_quick import sort_args
    want, got = list(objects), list(objects)
    _addsort(want)
    sort_args(got)
    assert [id(a) for a in got] == [id(a) for a in want]


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_objects())
def test_commutative_is_sympys_answer(obj: sp.Basic) -> None:
    from sympy.core.cache import clear_cache
    from taylorcli.parse_quick import commutative
    clear_cache()
    fresh = _build(lambda: obj.func(*obj.args)) if obj.args else obj  # a new object: nothing asked of it yet
    if fresh is None:
        return
    assert commutative(fresh) == fresh.is_commutative


# --- parse_text._KEYWORD: the first keyword among the words, as the loop over _WORD found it --------------------

def _first_keyword_by_loop(text: str) -> tuple[str, int] | None:
    import keyword

    from taylorcli.parse_text import _WORD
    for match in _WORD.finditer(text):
        if keyword.iskeyword(match.group()):
            return match.group(), match.start()
    return None


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.sampled_from(["and", "if", "in", "import", "is", "not", "lambda", "None", "x", "_", "2", "é", "ß",
                                 " ", "(", "+", "_in", "in2", "yield", "as", "assert", "\u00b2", "match"]),
                max_size=8).map("".join))
def test_keyword_search_finds_the_first_keyword_word(text: str) -> None:
    from taylorcli.parse_text import _KEYWORD
    match = _KEYWORD.search(text)
    assert (None if match is None else (match.group(), match.start())) == _first_keyword_by_loop(text)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(_objects())
def test_is_number_is_sympys_answer(obj: sp.Basic) -> None:
    from taylorcli.parse_quick import is_number
    assert is_number(obj) == obj.is_number
