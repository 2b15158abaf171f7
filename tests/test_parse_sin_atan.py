"""sin(atan(u)) of a sum u: parse_calls._sum_times builds SymPy's own object without Mul's constructor."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.parse import parse_expression

SUMS = ["x - y + 2*z", "x + 1", "3*x - 2", "x*y + z", "x**2 + y**2 - 3", "exp(x) + y", "u + v + w + p + q"]


@pytest.mark.parametrize("u", SUMS)
@pytest.mark.parametrize("outer", ["sin", "cos", "tan"])
def test_trig_of_atan_of_a_sum_is_sympys_object(outer: str, u: str) -> None:
    clear_cache()
    inner = parse_expression(u)
    want = getattr(sp, outer)(sp.atan(inner))  # SymPy's own evaluation of the call
    clear_cache()
    got = parse_expression(f"{outer}(atan({u}))")
    assert got == want and sp.srepr(got) == sp.srepr(want)
    assert [type(a) for a in sp.preorder_traversal(got)] == [type(a) for a in sp.preorder_traversal(want)]
