"""Denominators with constants (1/(1 + exp(9))**k ...): the shared conversion of their parts (constants.shared)
gives the full path's and the derivative engine's very objects."""

from __future__ import annotations

import pytest
import symengine as se
import sympy as sp

from taylorcli.constants import leaf, shared
from test_series_onevar_constants import _compare

CASES = [("1/(1 + (exp(x + 3))**2)", "3/2", 8), ("1/(1 + (exp(x + 3))**2)", "-1/3", 4),
         ("sinh(atan(x**2)) * atan(exp(-2*x))", "3", 3), ("cosh(x + 2) * log(1 + (log(1 + (x)**2))**2)", "2", 3),
         ("1/(1 + (sinh(x + 1))**2) + 1/(1 + (exp(x))**2)", "1/2", 5),
         ("log(1 + (log(1 + (x)**2))**2) / (1 + (cos(x))**2)", "-2", 4)]


@pytest.mark.parametrize("text, at, order", CASES)
def test_denominators_with_constants_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    assert _compare(text, at, order, derivatives=True), "the lean path takes it"


@pytest.mark.parametrize("text, at, order", [("1/(1 + (exp(x + 3))**2)", "3/2", 12),
                                             ("1/(1 + (exp(-2*x))**2) * sqrt(1 + (exp(x + 1))**2)", "1", 10)])
def test_higher_orders_are_the_full_paths(text: str, at: str, order: int) -> None:
    _compare(text, at, order, derivatives=False)


def test_shared_parts_build_sympys_objects_and_do_not_outlive_the_job() -> None:
    base = 1 + 2 * se.exp(9) + se.exp(18)
    with shared():
        first, second = leaf(se.Pow(base, -1)), leaf(se.Pow(base, -2))
        log = leaf(se.log(base))
    assert first == 1 / (1 + 2 * sp.exp(9) + sp.exp(18)) and sp.srepr(first) == sp.srepr(base._sympy_() ** -1)
    assert second == (1 + 2 * sp.exp(9) + sp.exp(18)) ** -2 and sp.srepr(second) == sp.srepr(base._sympy_() ** -2)
    assert sp.srepr(log) == sp.srepr(sp.log(base._sympy_()))
    import taylorcli.constants as constants
    assert constants._SCOPE is None


@pytest.mark.parametrize("build", [lambda m: m.atan(m.exp(-6)), lambda m: m.atan(m.exp(sp.Rational(3, 2) if m is sp else
                                                                                     se.Rational(3, 2))),
                                   lambda m: m.sinh(m.atan(9)), lambda m: m.cosh(m.atan(4)),
                                   lambda m: m.atan(m.sinh(m.atan(9))), lambda m: m.atan(m.cos(5)),
                                   lambda m: m.atan(m.atan(7)), lambda m: m.cosh(m.atan(m.exp(-2)))])
def test_nested_atan_leaves_are_sympys_own(build: object) -> None:
    from test_series_onevar_constants import _same_object
    got = leaf(build(se))
    assert got is not None
    sp.core.cache.clear_cache()
    want = build(se)._sympy_()
    _same_object(got, want)
    assert got.nargs == want.nargs and got.args[0].func == want.args[0].func
    for fact in ("real", "positive", "zero", "finite"):
        assert getattr(got, f"is_{fact}") == getattr(want, f"is_{fact}")
    assert sp.srepr(got) == sp.srepr(build(sp))


def test_atan_of_tan_and_sin_of_atan_are_left_to_sympy() -> None:
    assert leaf(se.atan(se.tan(2))) is None and leaf(se.sin(se.atan(3))) is None
