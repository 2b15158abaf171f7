"""f(E) built unevaluated (constants._inner_leaf): sin(exp(x**2)) at x = -1 holds sin(E) and cos(E).

Each must be SymPy's own conversion of SymEngine's value after clear_cache (object, nargs, facts),
and the expansions that hold them the derivative engine's very objects (never our output pasted back).
"""

from __future__ import annotations

import pytest
import symengine as se

from same_object import onevar_is_the_full_path
from test_nested_constants import _check

_OUTER = [se.sin, se.cos, se.sinh, se.cosh, se.atan, se.erf]


@pytest.mark.parametrize("f", _OUTER)
@pytest.mark.parametrize("arg", [se.E, -se.E, 2 * se.E, se.E ** 2, se.exp(se.Rational(1, 2))])
def test_f_of_e_is_sympys_own(f: object, arg: object) -> None:
    _check(f(arg))
    _check(f(arg) ** 2)
    _check(se.exp(f(arg)))


@pytest.mark.parametrize("text,at,order", [
    ("1/(1 + x**2) + sin(exp(x**2))", "-1", 2), ("sin(exp(x**2))", "1", 4), ("cos(exp(x))", "1", 3),
    ("atan(exp(x))", "1", 3), ("sinh(exp(-x))", "-1", 3), ("erf(exp(x**2))", "-1", 2),
    ("cosh(exp(x)) * sin(x)", "1", 3), ("atan(exp(x**3)) + exp(sin(x))", "1", 2),
])
def test_expansions_through_f_of_e_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
