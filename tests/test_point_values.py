"""onevar_constants._Walk.at_point: a function node's value at the point, f(its argument's value), is
the very SymEngine object ``engine_of(node).subs(point)`` gives (what ``argument`` took before)."""

from __future__ import annotations

import flint
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from symengine.lib.symengine_wrapper import sympy2symengine

from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.series.onevar_constants import _Walk
from taylorcli.series.onevar_engine import engine_of
from taylorcli.series.tps import Unsupported

FUNCTIONS = ["exp", "sin", "cos", "sinh", "cosh", "atan", "erf", "log"]
INNER = ["x", "2*x", "x**2", "x/3 - 1", "1 + x**2", "3*x + 1", "sqrt(1 + x**2)", "(2 + x)**(-1/3)", "1/(1 + x**2)"]


@st.composite
def nested(draw) -> str:
    text = draw(st.sampled_from(INNER))
    for _ in range(draw(st.integers(1, 3))):
        f = draw(st.sampled_from(FUNCTIONS))
        text = f"{f}(2 + {text}**2)" if f == "log" else f"{f}({text})"
        if draw(st.booleans()):
            text = draw(st.sampled_from([f"{text} + x", f"2*{text}", f"{text}**2", f"1/(1 + {text}**2)",
                                         f"sqrt(1 + {text}**2)"]))
    return text


@settings(max_examples=max_examples(80), **SETTINGS)
@given(nested(), st.sampled_from(["1", "-2", "1/2", "-1/3", "3"]), st.integers(0, 3))
def test_a_function_nodes_value_is_subs(text, at, order) -> None:
    f = parse_expression(text)
    (x,) = f.free_symbols
    a = sp.Rational(at)
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        walk = _Walk(x, a, order)
        try:
            walk.series(f)
        except (Unsupported, ArithmeticError, ValueError, TypeError, RuntimeError):
            pass
    finally:
        flint.ctx.cap = saved
    point = {sympy2symengine(x): sympy2symengine(a)}
    nodes = {id(node): node for node in sp.preorder_traversal(f)}
    for key, value in walk.at_point.items():
        expected = engine_of(nodes[key], {}).subs(point)
        assert value == expected and type(value) is type(expected), (text, at, nodes[key])
