"""walk_doomed.fails: where it says True, univariate.walk (guarded, with offsets) raises without it."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from taylorcli.series import univariate, walk_doomed
from taylorcli.series.tps import Unsupported

x = sp.Symbol("x", real=True)
_F = [sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.erf,
      lambda u: sp.log(1 + u**2), lambda u: sp.sqrt(1 + u**2), lambda u: 1 / (1 + u**2), sp.log, sp.tan, sp.asinh]
_POINTS = [sp.Integer(0), sp.Integer(1), sp.Integer(-2), sp.Rational(1, 2), sp.Rational(3, 2), sp.Rational(-1, 3)]


def _argument(rng: random.Random) -> sp.Expr:
    c = sp.Integer(rng.choice([1, 2, 3]))
    r = sp.Integer(rng.choice([0, 0, 1, 2, -1]))
    return c * x ** rng.choice([1, 1, 2]) + r


def _expr(rng: random.Random, depth: int) -> sp.Expr:
    if depth == 0:
        return _argument(rng)
    shape = rng.random()
    if shape < 0.5:
        return rng.choice(_F)(_expr(rng, depth - 1))
    left, right = _expr(rng, depth - 1), _expr(rng, rng.randint(0, depth - 1))
    return left + right if shape < 0.75 else left * right


def _raw_walk(expr: sp.Expr, a: sp.Rational, k: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the walk raises with the shortcut off."""
    with monkeypatch.context() as m:
        m.setattr(walk_doomed, "fails", lambda *args: False)
        try:
            univariate.walk(expr, x, a, k, guard=True, offsets=set(), logs={})
        except (Unsupported, ArithmeticError, ValueError):
            return True
    return False


def test_fails_only_where_the_walk_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(15)
    claimed = 0
    for _ in range(1500):
        expr = _expr(rng, rng.randint(1, 3))
        if expr.is_number or not expr.has(x):
            continue
        a = rng.choice(_POINTS)
        if walk_doomed.fails(expr, x, a):
            claimed += 1
            assert _raw_walk(expr, a, 3, monkeypatch), (expr, a)
    assert claimed > 300


@pytest.mark.parametrize("text, point, expected", [
    ("log(1 + exp(4*x))", sp.Rational(3, 2), True),
    ("log(1 + log(1 + x**2)**2)", sp.Integer(1), True),
    ("sin(x) + log(1 + log(1 + x**2)**2)", sp.Integer(1), True),
    ("log(1 + x**4)", sp.Integer(3), False),
    ("atan(x) + log(1 + x**2)", sp.Integer(1), False),
    ("sinh(1/(1 + (x + 1)**2))", sp.Integer(2), False),
    ("exp(sin(x))", sp.Integer(0), False),
])
def test_cases(text: str, point: sp.Rational, expected: bool) -> None:
    from taylorcli.parse import parse_expression
    expr = parse_expression(text)
    own = next(iter(expr.free_symbols))
    assert walk_doomed.fails(expr, own, point) is expected
