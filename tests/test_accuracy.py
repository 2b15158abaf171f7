"""Error analysis checked against values computed independently (mpmath, closed forms)."""

from __future__ import annotations

import json
import math

import mpmath
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.accuracy import actual_errors, convergence, lagrange_bound
from taylorcli.cli import cli
from taylorcli.expansion import expand

HALF = sp.Rational(1, 2)


def test_actual_errors_of_exp():
    e = expand("exp(x)", order=3)
    (x,) = e.variables
    table = actual_errors(e, {x: HALF})
    assert table.value == pytest.approx(math.exp(0.5), rel=1e-15)
    partial = [1.0, 1.5, 1.625, 1.625 + 1 / 48]
    for row, t in zip(table.rows, partial):
        assert row.approximation == pytest.approx(t, rel=1e-15)
        assert row.error == pytest.approx(abs(math.exp(0.5) - t), rel=1e-12)


def test_convergence_order_tends_to_k_plus_one():
    e = expand("exp(x)*cos(x)", order=3)
    (x,) = e.variables
    rows = convergence(e, {x: HALF})
    assert rows[0].order is None
    assert rows[-1].order == pytest.approx(4, abs=0.02)
    assert [r.distance for r in rows] == pytest.approx([0.5 / 2**m for m in range(len(rows))])


def test_convergence_multivariate_and_laurent():
    e = expand("sin(x)*exp(y)", at="1,0", order=2)
    x, y = e.variables
    assert convergence(e, {x: sp.Rational(3, 2), y: sp.Rational(1, 3)})[-1].order == pytest.approx(3, abs=0.02)
    e = expand("1/sin(x)", order=3)  # next omitted term is 31 x**5/15120
    (x,) = e.variables
    assert convergence(e, {x: HALF})[-1].order == pytest.approx(5, abs=0.02)


def test_high_precision_sees_tiny_errors():
    e = expand("exp(x)", order=10)
    (x,) = e.variables
    rows = convergence(e, {x: sp.Rational(1, 10)})
    with mpmath.workdps(50):
        exact = mpmath.exp(mpmath.mpf(1) / 640) - mpmath.fsum(
            (mpmath.mpf(1) / 640) ** k / mpmath.factorial(k) for k in range(11))
    assert rows[-1].error == pytest.approx(float(exact), rel=1e-9)
    assert rows[-1].order == pytest.approx(11, abs=0.05)


@pytest.mark.parametrize("text, k, b, formula", [
    ("exp(x)", 3, HALF, math.exp(0.5) * 0.5**4 / 24),  # max of e^x on [0, 1/2]
    ("log(1 + x)", 4, HALF, 24 * 0.5**5 / 120),  # |f^(5)| = 24/(1+x)^5 <= 24
    ("sin(x)", 4, sp.Rational(-1, 2), math.cos(0) * 0.5**5 / 120),  # |cos| <= 1 on [-1/2, 0]
])
def test_lagrange_bound(text, k, b, formula):
    e = expand(text, order=k)
    (x,) = e.variables
    bound = lagrange_bound(e, {x: b})
    assert bound.bound == pytest.approx(formula, rel=1e-6)
    assert bound.bound >= actual_errors(e, {x: b}).rows[-1].error


def test_lagrange_bound_not_available():
    e = expand("gamma(1 + x)", order=2)
    (x,) = e.variables
    assert lagrange_bound(e, {x: HALF}).bound is None
    e = expand("exp(x*y)", order=2)
    assert lagrange_bound(e, {v: HALF for v in e.variables}).bound is None


def test_cli_check_json():
    result = CliRunner().invoke(cli, ["expand", "exp(x)", "-k", "3", "--check", "1/2", "--check-h", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"check", "convergence", "lagrange_bound"} <= set(data)
    assert data["check"]["at"] == {"x": "1/2"}
    assert [r["order"] for r in data["check"]["errors"]] == [0, 1, 2, 3]
    assert data["convergence"][-1]["observed_order"] == pytest.approx(4, abs=0.02)
    assert data["lagrange_bound"]["interval"] == ["0", "1/2"]


@pytest.mark.parametrize("fmt", ["table", "plain", "latex"])
def test_cli_check_formats(fmt):
    result = CliRunner().invoke(cli, ["expand", "exp(x)", "--check", "1/2", "--check-h", "-f", fmt])
    assert result.exit_code == 0 and "0.0078125" in result.stdout


def test_cli_check_errors():
    runner = CliRunner()
    result = runner.invoke(cli, ["expand", "exp(x)", "--check-h"])
    assert result.exit_code == 2 and "--check" in result.stderr
    result = runner.invoke(cli, ["expand", "atan(x)", "--at", "oo", "--check", "2", "--check-h"])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["expand", "log(x)", "--at", "1", "--check", "0"])
    assert result.exit_code == 1 and "undefined" in result.stderr
