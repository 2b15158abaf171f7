"""parse_quick's replacements answer as SymPy's own calls do (issue 9: parse cost).

``postprocessed`` is compared with ``Basic._exec_constructor_postprocessors``
(the object returned, identity included), also for an argument that has a
postprocessor (a MatrixSymbol) and after the mapping gains a key; the number
comparisons with SymPy's own comparisons on random rationals.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.basic import Basic

from strategies import SETTINGS, max_examples
from taylorcli.parse_quick import above_one, exceeds, positive, postprocessed, zero_or_one

_RATIONALS = (st.fractions(max_denominator=50) | st.integers(-10**30, 10**30)).map(sp.Rational)
x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(_RATIONALS, st.integers(0, 20_000))
def test_comparisons_are_sympys(r: sp.Rational, limit: int) -> None:
    assert positive(r) is bool(r > 0)
    assert zero_or_one(r) is (r in (0, 1))
    assert exceeds(r, limit) is bool(abs(r) > limit)
    if r.is_Integer:
        assert above_one(r) is bool(r > 1)


def test_exceeds_of_other_numbers_asks_sympy() -> None:
    assert exceeds(sp.Float("1e5"), 10_000) and not exceeds(sp.Float("-3.5"), 10_000)
    assert exceeds(sp.oo, 10_000) and exceeds(-sp.oo, 10_000)


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.sampled_from([x, y, sp.Integer(3), sp.sin(x), sp.exp(y), x**2, sp.Rational(1, 2)]),
                min_size=2, max_size=5))
def test_postprocessed_is_sympys_for_plain_arguments(args: list) -> None:
    for cls in (sp.Add, sp.Mul):
        obj = cls._from_args(tuple(args))
        assert postprocessed(cls, obj) is cls._exec_constructor_postprocessors(obj) is obj


def test_postprocessed_runs_sympys_postprocessors_where_an_argument_has_one() -> None:
    a = sp.MatrixSymbol("A", 2, 2)
    obj = sp.Add._from_args((a, a))  # MatAdd's postprocessor turns it into a MatAdd
    want = sp.Add._exec_constructor_postprocessors(obj)
    got = postprocessed(sp.Add, obj)
    assert type(got) is type(want) is not sp.Add and got == want


def test_postprocessed_forgets_what_it_knew_when_the_mapping_changes() -> None:
    class Marked(sp.Symbol):
        pass

    obj = sp.Add._from_args((Marked("m"), x))
    assert postprocessed(sp.Add, obj) is obj  # no postprocessor for Marked yet: remembered as plain
    Basic._constructor_postprocessor_mapping[Marked] = {"Add": [lambda e: sp.Integer(7)]}
    try:
        assert postprocessed(sp.Add, obj) == 7 == sp.Add._exec_constructor_postprocessors(obj)
    finally:
        del Basic._constructor_postprocessor_mapping[Marked]


@settings(max_examples=max_examples(100), **SETTINGS)
@given(st.integers(-10**40, 10**40))
def test_integer_is_the_kept_sympy_integer(value: int) -> None:
    from taylorcli.parse_fast import number
    from taylorcli.parse_quick import integer

    got = integer(value)
    assert type(got) is type(sp.Integer(value)) and got == sp.Integer(value) == number(sp.Integer(value))
    assert sp.srepr(got) == sp.srepr(sp.Integer(value)) and integer(value) is got


_NAMES = st.sampled_from(["x", "y", "z", "u", "v", "w", "p", "q", "x1", "x10", "x2", "X", "Y", "a_b", "ab", "b",
                          "t", "x_", "Z9", "aa"])


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.dictionaries(_NAMES, st.fractions(max_denominator=7).filter(bool).map(sp.Rational), min_size=1, max_size=8),
       st.fractions(max_denominator=5).map(sp.Rational), st.booleans())
def test_linear_tie_is_sympys_sort_key_comparison(coefficients: dict, constant: sp.Rational, balanced: bool) -> None:
    from taylorcli.parse_fast import minus_sign, real_symbol
    from taylorcli.parse_quick import linear_tie

    if balanced:  # as many terms with a minus sign as without: the case SymPy decides by sort keys
        items = sorted(coefficients.items())
        coefficients = {n: (abs(c) if i % 2 else -abs(c)) for i, (n, c) in enumerate(items)}
        if len(items) % 2:
            constant = abs(constant) if len(items) // 2 == sum(1 for c in coefficients.values() if c > 0) else -abs(constant)
    e = sp.Add(constant, *(c * real_symbol(n) for n, c in coefficients.items()))
    if not isinstance(e, sp.Add):
        return
    assert linear_tie(e) is bool(e.sort_key() < (-e).sort_key())
    assert minus_sign(e) is e.could_extract_minus_sign()


def test_linear_tie_leaves_other_sums_to_sympy() -> None:
    from taylorcli.parse_fast import real_symbol
    from taylorcli.parse_quick import linear_tie

    x, y = real_symbol("x"), real_symbol("y")
    for e in (x**2 - 1, x*y - 1, sp.sin(x) - x, x - sp.Symbol("y") , x - sp.pi):
        assert linear_tie(e) is None


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.dictionaries(_NAMES, st.fractions(max_denominator=7).filter(bool).map(sp.Rational), min_size=1, max_size=6),
       st.fractions(max_denominator=5).map(sp.Rational), st.integers(-9, 9).filter(lambda n: n not in (0, 1)),
       st.booleans())
def test_scaled_sum_is_sympys_product(coefficients: dict, constant: sp.Rational, n: int, squares: bool) -> None:
    from taylorcli.parse_fast import real_symbol
    from taylorcli.parse_pow import _scaled

    a = sp.Add(constant, *(c * real_symbol(name)**(2 if squares else 1) for name, c in coefficients.items()))
    got, want = _scaled(a, sp.Integer(n)), a * sp.Integer(n)
    assert type(got) is type(want) and got == want and sp.srepr(got) == sp.srepr(want)
    assert [type(t) for t in sp.preorder_traversal(got)] == [type(t) for t in sp.preorder_traversal(want)]
