"""Simplification finds compact forms (together, powsimp, factor), and --cse names repeats.

Independent check: the simplified result and sympy.diff's raw derivative agree at random
points, evaluated at 30 digits.
"""

from __future__ import annotations

import json
import random

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.parse import parse_expression
from taylorcli.simplify import tidy

LOGISTIC = "log(1 + exp(-y*(w1*x1 + w2*x2 + b)))"


def _json(*args: str) -> dict:
    result = CliRunner().invoke(cli, [*args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _agree(a: sp.Expr, b: sp.Expr, symbols: list[sp.Symbol], trials: int = 5) -> bool:
    rng = random.Random(7)
    for _ in range(trials):
        point = {s: sp.Rational(rng.randint(-200, 200), 100) for s in symbols}
        left, right = a.evalf(30, subs=point), b.evalf(30, subs=point)
        if abs(left - right) > sp.Float("1e-25", 30) * (1 + abs(right)):
            return False
    return True


def test_logistic_hessian_is_compact_and_equal() -> None:
    data = _json("hessian", LOGISTIC, "--vars", "w1,w2,b")
    f = parse_expression(LOGISTIC)
    names = {s.name: s for s in f.free_symbols}
    order = [names[n] for n in ("w1", "w2", "b")]
    symbols = sorted(f.free_symbols, key=lambda s: s.name)
    for i, row in enumerate(data["hessian"]):
        for j, text in enumerate(row):
            ours = parse_expression(text)
            raw = sp.diff(f, order[i], order[j])
            assert _agree(ours, raw, symbols)
            assert sp.count_ops(ours) < sp.count_ops(raw)  # shorter than the A/(1+A) - A**2/(1+A)**2 form
            assert sp.count_ops(ours) <= 20


@pytest.mark.parametrize("text", ["exp(x)/(1 + exp(x)) - exp(2*x)/(1 + exp(x))**2",
                                  "1/(x + 1) + 1/(x - 1)", "exp(x)*exp(y) + x", "sin(x)**2 + cos(x)**2 + x/y"])
def test_tidy_keeps_the_value(text: str) -> None:
    expr = parse_expression(text)
    (simple,) = tidy([expr])
    assert _agree(simple, expr, sorted(expr.free_symbols, key=lambda s: s.name))
    assert sp.count_ops(simple) <= sp.count_ops(expr)


def test_cse_rebuilds_the_result() -> None:
    data = _json("hessian", LOGISTIC, "--vars", "w1,w2,b", "--cse")
    names = [name for name, _ in data["cse"]]
    assert not {"w1", "w2", "b", "x1", "x2", "y"} & set(names)  # fresh names, never the user's
    substitutions: list[tuple[sp.Symbol, sp.Expr]] = []
    for name, text in data["cse"]:
        substitutions.append((sp.Symbol(name), parse_expression(text)))
    for row, full_row in zip(data["cse_result"], data["hessian"]):
        for text, full in zip(row, full_row):
            value = parse_expression(text)
            # parse gives real symbols: substitute by name, last definition first
            for symbol, replacement in reversed(substitutions):
                value = value.subs({s: replacement for s in value.free_symbols if s.name == symbol.name})
            expected = parse_expression(full)
            assert _agree(value, expected, sorted(expected.free_symbols, key=lambda s: s.name))


def test_cse_plain_and_latex() -> None:
    plain = CliRunner().invoke(cli, ["hessian", LOGISTIC, "--vars", "w1,w2,b", "--cse", "-f", "plain"]).stdout
    lines = plain.splitlines()
    assert lines[0].startswith("x0 = exp(") and lines[-1].startswith("[[")
    latex = CliRunner().invoke(cli, ["hessian", LOGISTIC, "--vars", "w1,w2,b", "--cse", "-f", "latex"]).stdout
    assert latex.startswith("\\begin{aligned}") and "bmatrix" in latex
