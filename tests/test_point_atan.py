"""atan of a negative value at a point: onevar_constants' generator atan(q) for SymEngine's atan(-q).

SymEngine keeps atan(-6) and atan(-sin(2)) as they are; SymPy's values are -atan(6), -atan(sin(2))
(constants.leaf). The walk takes -1 times the generator atan(6) there (``_Walk._atan``): these
expansions must stay the derivative engine's objects, and the route must answer where it did.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_expr
from strategies import SETTINGS, max_examples
from taylorcli.expansion import _taylor, expand
from taylorcli.series import onevar_constants

CASES = [
    ("sqrt(1 + (atan(3*x))**2)", "-2", 5),
    ("1/(1 + atan(2*x)**2)", "-3", 4),
    ("atan(3*x)*exp(x)", "-2", 3),
    ("atan(x)**3*cos(x)", "-2", 3),
    ("atan(x)**2*exp(atan(x))", "-2", 3),
    ("atan(atan(x))", "-2", 3),
    ("atan(x)*atan(x/2)", "-3", 3),
    ("erf(atan(x))", "-1", 2),
    ("sqrt(1 + (atan(3*x))**2)*atan(x)", "-1", 3),
    ("atan(sin(x)) + sin(sin(x**2))", "-2", 3),
    ("atan(sinh(x))**2", "-1", 3),
    ("atan(sin(x))*atan(sin(-x))", "-2", 2),
    ("atan(exp(-x)*sin(x))", "-2", 2),
    ("atan(3*x) + atan(x + 9)", "-2", 3),
    ("atan(x)*atan(-x + 1)", "-1", 3),
]


@pytest.mark.parametrize("text, at, order", CASES)
def test_negative_atan_generators_give_the_derivative_engines_objects(text, at, order) -> None:
    e = expand(text, "x", at, order)
    x = e.variables[0]
    found = onevar_constants.taylor(e.expression, x, e.at[x], order)
    assert found is not None, text  # the route answers (these did before, with the atan(-q) generator)
    reference = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    assert [p for p, _ in found[0]] == [p for p, _ in reference]
    for (_, c), (_, d) in zip(found[0], reference):
        same_expr(c, d)
    onevar_is_the_full_path(text, at, order)


def test_atan_beside_its_negative_is_left_to_the_full_path() -> None:
    # atan(6) and atan(-6) at one point (atan(3*x) + atan(3*x + 12) at -2): two generators in the Walker
    onevar_is_the_full_path("atan(3*x) + atan(3*x + 12)", "-2", 3)
    onevar_is_the_full_path("atan(sin(x)) * atan(sin(x) + 2*sin(2))", "-2", 2)


INNER = st.sampled_from(["x", "3*x", "x/2", "sin(x)", "sinh(x)", "x**2 - 5", "2*x + 1"])
OUTER = st.sampled_from(["atan({})", "atan({})**2", "sqrt(1 + atan({})**2)", "1/(1 + atan({})**2)",
                         "exp(atan({}))", "cos(atan({}))", "atan({})*exp(x)", "log(2 + atan({}))"])


@settings(max_examples=max_examples(40), **SETTINGS)
@given(OUTER, INNER, OUTER, INNER, st.sampled_from(["+", "*"]), st.sampled_from(["-3", "-2", "-1", "-1/2", "2"]),
       st.integers(0, 4))
def test_atan_at_negative_points_is_the_full_path(f, u, g, v, op, at, order) -> None:
    onevar_is_the_full_path(f"{f.format(u)} {op} {g.format(v)}", at, order)
