"""The lean one-variable path's shortcuts (series/onevar.py: f(q*x + r) before the walk, its linear
argument read directly, its values built as constants.leaf builds them, log(g)'s constant term from
SymEngine's log(c)) give the derivative engine's very objects: equal, same srepr, same args order.

Seeded loops over the shapes, rational points (negative, fractions) and orders 0-40; the reference
is ``_taylor(..., arithmetic=False)`` (derivatives evaluated at the point), independent of the path.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from same_object import same_expr, onevar_is_the_full_path
from taylorcli.series import onevar

LINEAR = ["exp(x)", "exp(3*x)", "exp(-2*x + 1/3)", "sin(x + 1)", "sin(2*x)", "-sin(2*x - 3)", "cos(x/3 + 1/2)",
          "sinh(-x)", "cosh(3*x - 1)", "3*exp(x)/2", "-5*cos(7*x)/3", "exp(2*(x + 1))", "sin(x - 2)"]
LOGS = ["log(1 + (x + 1)**2)", "log(1 + (x**2)**2)", "log(1 + (x + 2)**2)", "log(x)", "log(3*x + 1/2)",
        "log(x**2)", "log(2 - x)", "log(1 + x**3)", "exp(-3*x) * log(1 + (exp(x))**2)", "atan(x)"]
POINTS = [None, "1", "-1", "2", "-2", "3", "1/2", "-1/3", "3/2", "-7/2", "1/4", "4/3", "15", "-16/9"]


_same = same_expr


def _compare(monkeypatch: pytest.MonkeyPatch, text: str | sp.Expr, at: str | None, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


@pytest.mark.parametrize("text", LINEAR)
def test_one_function_of_a_linear_argument(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    rng = random.Random(text)
    for at in POINTS:
        for order in sorted({0, 1, rng.randint(2, 8), rng.choice([12, 20, 40])}):
            _compare(monkeypatch, text, at, order)


@pytest.mark.parametrize("text", LOGS)
def test_log_constant_terms(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # log(5), log(17/16) = -log(16) + log(17), log(4), log(16/9), log of a negative number (declined)
    rng = random.Random(text)
    for at in POINTS:
        for order in sorted({0, rng.randint(1, 5), rng.choice([8, 12])}):
            _compare(monkeypatch, text, at, order)


def test_random_rational_points(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    for _ in range(60):
        text = rng.choice(LINEAR + LOGS[:6])
        at = f"{rng.randint(-40, 40)}/{rng.choice([1, 2, 3, 5, 8, 16, 27])}"
        _compare(monkeypatch, text, at, rng.randint(0, 10))


_X = sp.Symbol("x", real=True)
_BIG = sp.Integer(2) ** 10_000  # beyond guard.check_size's 3000 digits (~9966 bits)


@pytest.mark.parametrize("f", [sp.exp(_X + _BIG), sp.sin(_BIG * _X), sp.cos(_X / _BIG + 1), sp.log(_X + _BIG),
                               sp.exp(_X) * _BIG])
def test_beyond_the_size_guard_falls_back(monkeypatch: pytest.MonkeyPatch, f: sp.Expr) -> None:
    assert onevar.taylor(f, _X, sp.Integer(1), 3) is None
    _compare(monkeypatch, f, "1", 3)


def test_linear_reader_declines_other_shapes() -> None:
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    assert onevar._linear(y + 1, x) is None
    assert onevar._linear(x**2 + 1, x) is None
    assert onevar._linear(x * y, x) is None
    assert onevar._linear(sp.Symbol("x") + 1, x) is None  # x with other assumptions: the walk decides
    q, r, own = onevar._linear(2 * x - sp.Rational(1, 3), x)
    assert (q, r, own) == (2, sp.Rational(-1, 3), x)
