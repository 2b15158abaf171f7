"""Expansions the derivative engine refuses but the series answers (removable singularities, kinks).

The derivative engine needs every derivative at the point itself, so sin(x)/x at 0 or |x| at
order 0 raise NotAnalytic there; the series engine answers. same_object's check then asks for the
Taylor property itself: (f - P)/(x - a)**order tends to 0 from both sides (SymPy's limit).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy as sp

from same_object import _remainder_vanishes, onevar_is_the_full_path

CASES = [
    ("sqrt(x**2)", None, 0),
    ("sin(x)/x", None, 0),
    ("sin(x)/x", None, 4),
    ("x*sqrt(x**2)", None, 1),
    ("x/(exp(x) - 1)", None, 3),
    ("sin(x - 1)/(x - 1)", "1", 2),
    ("(cos(x) - 1)/x**2", None, 2),
    ("-sqrt(2)*sqrt((x + 3)**2)", "-3", 0),
]


@pytest.mark.parametrize("text,at,order", CASES)
def test_the_series_answer_is_the_taylor_polynomial(text: str, at: str | None, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


def test_a_wrong_polynomial_fails_the_check() -> None:
    x = sp.Symbol("x", real=True)
    wrong = SimpleNamespace(variables=[x], at={x: 0}, expression=sp.sin(x) / x, polynomial=1 + x)
    with pytest.raises(AssertionError):
        _remainder_vanishes(wrong, 1)
    kink = SimpleNamespace(variables=[x], at={x: 0}, expression=sp.Abs(x), polynomial=x)
    with pytest.raises(AssertionError):
        _remainder_vanishes(kink, 1)
