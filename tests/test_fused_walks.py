"""univariate._FAILED: within one expansion, a walk meeting a node an earlier walk (same x, point, order,
guard, offsets or not) found failing raises the same error at once; the expansions are the very objects
they are without it (univariate.SHARE off: every walk from scratch), and nothing is kept past the scope."""

from __future__ import annotations

import pytest
import sympy as sp
from same_object import onevar_is_the_full_path, same_with_patches

from taylorcli.parse import parse_expression
from taylorcli.series import univariate
from taylorcli.series.tps import NoSlot, Unsupported

_CASES = [
    ("sin(x) + log(1 + log(1 + x**2)**2)", "1", 4), ("log(1 + log(1 + x**2)**2) + 3*x", "1", 3),
    ("atan(x) + log(1 + atan(x)**2)", "1", 3), ("exp(x) + log(1 + log(1 + x)**2)", "1", 2),
    ("log(1 + log(1 + x**2)**2)*x + x**2", "2", 3), ("cos(x) + sqrt(1 + log(1 + x)**2)", "1", 3),
    ("sin(x) + log(1 + log(1 + x**2)**2)", "0", 6), ("1/(1 + x) + log(2 + x)**2", "0", 3),
]


@pytest.mark.parametrize(("text", "at", "order"), _CASES)
def test_same_objects(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
    same_with_patches(text, at, order, [(univariate, "SHARE", False)])


def _walk(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int) -> tuple[type, tuple] | None:
    try:
        univariate.walk(expr, x, a, k, guard=True, offsets=set(), logs={})
    except (NoSlot, Unsupported) as why:
        return type(why), why.args
    return None


def test_the_same_error_again() -> None:
    f = parse_expression("sin(x) + log(1 + log(1 + x**2)**2)")
    (x,) = f.free_symbols
    term = next(t for t in f.args if t.func is sp.log)
    one = sp.Integer(1)
    fresh = _walk(f, x, one, 4)  # (no scope: nothing recorded)
    assert fresh is not None and univariate._FAILED is None
    univariate.share(True)
    try:
        first = _walk(term, x, one, 4)
        assert first is not None and univariate._FAILED[0] is term
        assert _walk(f, x, one, 4) == fresh  # raised at the recorded term: the same error as walking it
        assert _walk(f, x, one, 5) == fresh  # another order: walked again, the same
        assert _walk(term, x, one, 4) == first
        assert univariate.walk(sp.sin(x), x, sp.Integer(0), 4)[0][1] == 1  # other walks as before
    finally:
        univariate.share(False)
    assert univariate._FAILED is None
