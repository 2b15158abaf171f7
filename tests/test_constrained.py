"""critical --subject-to: Lagrange multipliers, checked against textbook answers, the bordered
Hessian, and SciPy's SLSQP (independent computations)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner
from scipy.optimize import minimize

from taylorcli.cli import cli
from taylorcli.constrained import constrained_points
from taylorcli.parse import parse_expression

x, y, z = sp.symbols("x y z", real=True)


def bordered_kind(f, variables, constraints, point, lambdas):
    """The classical test: signs of the last n - m leading principal minors of the bordered Hessian."""
    n, m = len(variables), len(constraints)
    L = f - sum(l * g for l, g in zip(lambdas, constraints))
    J = sp.Matrix([[sp.diff(g, v) for v in variables] for g in constraints])
    H = sp.hessian(L, variables)
    B = sp.BlockMatrix([[sp.zeros(m, m), J], [J.T, H]]).as_explicit().subs(point)
    minors = [sp.nsimplify(B[:k, :k].det()) for k in range(2 * m + 1, n + m + 1)]
    if all(sp.sign(d) == (-1) ** m for d in minors):
        return "local minimum on the constraint"
    if all(sp.sign(d) == (-1) ** k for d, k in zip(minors, range(m + 1, n + 1))):
        return "local maximum on the constraint"
    return "other"


CASES = [
    (x * y, [x, y], [x + y - 1], {((sp.Rational(1, 2), sp.Rational(1, 2)), "local maximum on the constraint")}),
    (x**2 + y**2, [x, y], [x * y - 1], {((1, 1), "local minimum on the constraint"),
                                         ((-1, -1), "local minimum on the constraint")}),
    (x + y, [x, y], [x**2 + y**2 - 1], {((sp.sqrt(2) / 2, sp.sqrt(2) / 2), "local maximum on the constraint"),
                                         ((-sp.sqrt(2) / 2, -sp.sqrt(2) / 2), "local minimum on the constraint")}),
    (x + y + z, [x, y, z], [x**2 + y**2 + z**2 - 1, x - y],
     {((sp.sqrt(3) / 3,) * 3, "local maximum on the constraint"),
      ((-sp.sqrt(3) / 3,) * 3, "local minimum on the constraint")}),
]


@pytest.mark.parametrize("f, variables, constraints, expected", CASES)
def test_textbook_cases(f, variables, constraints, expected):
    points = constrained_points(f, variables, constraints)
    got = {(tuple(p.x[v] for v in variables), p.kind) for p in points}
    assert got == {(tuple(sp.sympify(c) for c in where), kind) for where, kind in expected}
    for p in points:
        # the multipliers satisfy grad f = sum(lambda_i grad g_i) at the point
        lambdas = [p.multipliers[f"lambda{i + 1}"] for i in range(len(constraints))]
        for v in variables:
            residual = sp.diff(f, v) - sum(l * sp.diff(g, v) for l, g in zip(lambdas, constraints))
            assert sp.simplify(residual.subs(p.x)) == 0
        assert bordered_kind(f, variables, constraints, p.x, lambdas) == p.kind


@pytest.mark.parametrize("f, variables, constraints, expected", CASES)
def test_minima_agree_with_slsqp(f, variables, constraints, expected):
    fn = sp.lambdify([variables], f)
    cons = [{"type": "eq", "fun": sp.lambdify([variables], g)} for g in constraints]
    minima = [p for p in constrained_points(f, variables, constraints) if p.kind.startswith("local minimum")]
    for p in minima:
        start = np.array([float(p.x[v]) for v in variables]) + 0.1
        res = minimize(fn, start, constraints=cons, method="SLSQP", tol=1e-12)
        assert res.success and np.allclose(res.x, [float(p.x[v]) for v in variables], atol=1e-5)


def test_cli_all_formats_and_read_back():
    out = CliRunner().invoke(cli, ["critical", "x*y", "--subject-to", "x + y = 1", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    (point,) = data["points"]
    assert data["constraints"] == ["x + y - 1 = 0"] and data["complete"] is True
    assert parse_expression(point["multipliers"]["lambda1"]) == sp.Rational(1, 2)
    assert {k: parse_expression(v) for k, v in point["point"].items()} == {"x": sp.Rational(1, 2),
                                                                          "y": sp.Rational(1, 2)}
    plain = CliRunner().invoke(cli, ["critical", "x*y", "--subject-to", "x + y = 1", "-f", "plain"]).stdout
    assert "local maximum on the constraint" in plain and "lambda1=1/2" in plain
    for fmt in ("latex", "table"):
        assert CliRunner().invoke(cli, ["critical", "x*y", "--subject-to", "x+y=1", "-f", fmt]).exit_code == 0


@pytest.mark.parametrize("args", [["x*y", "--subject-to", "x = y = 1"], ["x*y", "--vars", "x,y", "--subject-to", "z = 1"],
                                  ["x", "--subject-to", "x = 1"], ["x*y", "--subject-to", "x+y=1", "--region", "-1:1"]])
def test_bad_constraints_are_usage_errors(args):
    out = CliRunner().invoke(cli, ["critical", *args])
    assert out.exit_code == 2 and out.stderr.count("\n") == 1


def test_saddles_degenerate_and_unsolvable_cases_are_told():
    # x*y on z = 1: the origin of the (x, y) plane is a saddle on the constraint
    (p,) = constrained_points(x * y, [x, y, z], [z - 1])
    assert p.kind == "saddle on the constraint" and sorted(p.eigenvalues) == pytest.approx([-1.0, 1.0])
    # x**4 + y on y = 0: the reduced Hessian is 0 at the origin
    (p,) = constrained_points(x**4 + y, [x, y], [y])
    assert p.kind == "degenerate on the constraint"


def test_numeric_fallback_agrees_with_slsqp():
    """exp(x) + y on the unit circle: SymPy cannot solve it; Newton from random starts finds the
    minimum SLSQP finds and the maximum SLSQP finds for -f, and says the search is not exhaustive."""
    f, g = sp.exp(x) + y, x**2 + y**2 - 1
    points = constrained_points(f, [x, y], [g])
    assert not any(p.exact for p in points)
    fn, gn = sp.lambdify([[x, y]], f), sp.lambdify([[x, y]], g)
    cons = [{"type": "eq", "fun": gn}]
    low = minimize(fn, [0.0, -1.0], constraints=cons, method="SLSQP", tol=1e-12)
    high = minimize(lambda v: -fn(v), [1.0, 0.0], constraints=cons, method="SLSQP", tol=1e-12)
    kinds = {p.kind: p for p in points}
    assert np.allclose(kinds["local minimum on the constraint"].numeric, low.x, atol=1e-6)
    assert np.allclose(kinds["local maximum on the constraint"].numeric, high.x, atol=1e-6)
    out = CliRunner().invoke(cli, ["critical", "exp(x)+y", "--subject-to", "x**2+y**2=1", "-f", "json"])
    data = json.loads(out.stdout)
    assert out.exit_code == 0 and data["complete"] is False and "numeric" in data["method"]
