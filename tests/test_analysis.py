"""Critical points, the delta method and step prediction against known answers."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.analysis import classify_point, critical_points, expectation, predict_step
from taylorcli.cli import cli
from taylorcli.errors import InputError, MathError

HIMMELBLAU = "(x**2+y-11)**2 + (x+y**2-7)**2"
# Its four minima (all with f = 0), from the literature.
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]


def kinds(text):
    return [(p.kind, tuple(round(v, 6) for v in p.numeric)) for p in critical_points(text)]


@pytest.mark.parametrize("text, expected", [
    ("x**2 + y**2", [("local minimum", (0, 0))]),
    ("x**2 - y**2", [("saddle point", (0, 0))]),
    ("-x**2 - 3*y**2 + x*y", [("local maximum", (0, 0))]),
    ("x**3 + y**2 - 3*x", [("saddle point", (-1, 0)), ("local minimum", (1, 0))]),
    ("x**3 - 3*x*y**2", [("saddle point", (0, 0))]),  # the monkey saddle: H = 0, odd cubic term
])
def test_known_critical_points(text, expected):
    assert kinds(text) == expected


def test_degenerate_quartic():
    # H = 0 and the quartic x**4 + y**4 is positive definite: a strict minimum, decided exactly.
    (p,) = critical_points("x**4 + y**4")
    assert p.kind == "local minimum" and p.exact and p.eigenvalues == [0.0, 0.0]
    assert "positive definite" in p.note
    (p,) = critical_points("x**4")
    assert p.kind == "local minimum" and "order 4" in p.note


def test_himmelblau_nine_critical_points():
    points = critical_points(HIMMELBLAU)
    minima = [p for p in points if p.kind == "local minimum"]
    assert len(points) == 9 and len(minima) == 4
    assert sum(p.kind == "saddle point" for p in points) == 4
    assert sum(p.kind == "local maximum" for p in points) == 1
    for x, y in HIMMELBLAU_MINIMA:
        assert any(abs(p.numeric[0] - x) < 1e-5 and abs(p.numeric[1] - y) < 1e-5 for p in minima)
    assert all(abs(p.value) < 1e-12 for p in minima)


def test_region_limits_the_search():
    points = critical_points("sin(x)*sin(y)", region=[(-1, 1), (-1, 1)])
    assert [p.kind for p in points] == ["saddle point"]


def test_classify_checks_the_gradient():
    with pytest.raises(MathError, match=r"\|grad f\| = 1"):
        classify_point("x**2 + y", None, [0, 0])
    p = classify_point("x**2 - y**2", None, [0, 0])
    assert p.kind == "saddle point" and p.exact_eigenvalues == [-2, 2]


def test_delta_method_exact_for_quadratics_of_gaussians():
    mu, cov = [sp.Integer(1), sp.Integer(2)], [[sp.Integer(2), sp.Rational(1, 2)], [sp.Rational(1, 2), sp.Integer(3)]]
    e = expectation("x**2 + x*y", mu, cov)
    # E[x^2] = mu_x^2 + S_xx, E[xy] = mu_x mu_y + S_xy.
    assert e.second_order == 1 + 2 + 1 * 2 + sp.Rational(1, 2)
    assert e.first_order == 3
    lin = expectation("3*x - y", mu, cov)
    assert lin.variance == 9 * 2 - 2 * 3 * sp.Rational(1, 2) + 3  # a^T S a, exact for linear f


def test_monte_carlo_agrees_with_the_exact_lognormal_mean():
    e = expectation("exp(x)", [0], [[sp.Rational(1, 4)]], samples=200_000, seed=3)
    exact = math.exp(1 / 8)  # E[exp(X)] for X ~ N(0, 1/4)
    mc = e.monte_carlo
    assert abs(mc["mean"] - exact) < 5 * mc["stderr"]
    assert float(e.second_order) == pytest.approx(1.125)  # the delta method's 1 + 1/8


def test_covariance_checks():
    with pytest.raises(InputError, match="symmetric"):
        expectation("x*y", [0, 0], [[1, 2], [0, 1]])
    with pytest.raises(InputError, match="semidefinite"):
        expectation("x*y", [0, 0], [[1, 2], [2, 1]])


def test_step_prediction_is_exact_for_a_quadratic():
    p = predict_step(0.05, "x**2 + 10*y**2", [1, 1])
    g = np.array([2.0, 20.0])
    assert p.value == 11 and p.grad_norm == pytest.approx(np.linalg.norm(g))
    assert p.predicted_first_order == pytest.approx(11 - 0.05 * g @ g)
    x1 = np.array([1.0, 1.0]) - 0.05 * g
    assert p.actual == pytest.approx(x1[0] ** 2 + 10 * x1[1] ** 2)
    assert p.predicted_second_order == pytest.approx(p.actual)
    assert p.L == 20 and p.lr_bound == pytest.approx(0.1) and p.stable


def test_step_from_summary_numbers():
    p = predict_step(0.1, value=2.5, grad_norm=1.2, curvature=10)
    assert p.predicted_first_order == pytest.approx(2.5 - 0.1 * 1.44)
    assert p.predicted_second_order == pytest.approx(2.5 - 0.144 + 0.5 * 0.01 * 10 * 1.44)
    assert p.actual is None and p.stable and p.lr_bound == pytest.approx(0.2)
    assert not predict_step(0.3, value=2.5, grad_norm=1.2, curvature=10).stable


# --- commands ------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_cli_critical_json():
    data = json.loads(run("critical", "x**3 + y**2 - 3*x", "-f", "json").stdout)
    assert [set(p) >= {"point", "numeric", "value", "eigenvalues", "kind", "exact"} for p in data["points"]] == [True] * 2
    assert data["points"][0]["point"] == {"x": "-1", "y": "0"} and data["points"][0]["kind"] == "saddle point"


def test_cli_classify_not_critical_is_exit_1():
    result = run("classify", "x**2 + y", "--at", "0,0")
    assert result.exit_code == 1 and "|grad f| = 1" in result.stderr


def test_cli_expect_json():
    data = json.loads(run("expect", "exp(x)", "--mean", "0", "--var", "1/4", "--samples", "1000", "--seed", "1",
                          "-f", "json").stdout)
    assert data["first_order"] == "1" and data["second_order"] == "9/8" and data["variance"] == "1/4"
    assert set(data["monte_carlo"]) == {"mean", "stderr", "n"}
    data = json.loads(run("expect", "x*y", "--mean", "1,2", "--cov", "1,1/2;1/2,2", "-f", "json").stdout)
    assert data["monte_carlo"] is None and data["second_order"] == "5/2"


def test_cli_step_json():
    data = json.loads(run("step", "x**2 + 10*y**2", "--at", "1,1", "--lr", "0.05", "-f", "json").stdout)
    assert set(data) == {"value", "grad_norm", "L", "lr", "predicted_first_order", "predicted_second_order",
                         "actual", "stable", "lr_bound", "value_float", "expression", "variables", "at"}
    assert data["at"] == {"x": "1", "y": "1"} and data["value_float"] == 11.0 and data["value"] == "11"
    data = json.loads(run("step", "--value", "2.5", "--grad-norm", "1.2", "--curvature", "10", "--lr", "0.1",
                          "-f", "json").stdout)
    assert data["actual"] is None and data["predicted_second_order"] == pytest.approx(2.428)


@pytest.mark.parametrize("args", [
    ["critical", "x**2 + y**2"],
    ["classify", "x**2 - y**2", "--at", "0,0"],
    ["expect", "x*y", "--mean", "1,2", "--var", "1,2", "--samples", "100", "--seed", "0"],
    ["step", "x**2 + 10*y**2", "--at", "1,1", "--lr", "0.05"],
])
@pytest.mark.parametrize("fmt", ["table", "plain", "latex", "json"])
def test_cli_analysis_every_format(args, fmt):
    result = run(*args, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


@pytest.mark.parametrize("args", [
    ["expect", "x*y", "--mean", "1,2"],
    ["expect", "x*y", "--mean", "1,2", "--var", "1,2", "--cov", "1,0;0,1"],
    ["expect", "x*y", "--mean", "1,2", "--cov", "1,2;2,1"],
    ["step", "x**2", "--lr", "0.1"],
    ["step", "x**2", "--at", "1", "--lr", "-1"],
    ["critical", "x**2", "--region", "3:1"],
    ["step", "--value", "1", "--lr", "0.1"],
])
def test_cli_analysis_bad_input(args):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith("taylor: error:"), result.stderr


def test_monte_carlo_blocks_merge_to_the_one_draw_answer():
    """Drawn in blocks (bounded memory), the estimate equals numpy's one big draw of the same seed."""
    import numpy as np

    from taylorcli import analysis
    from taylorcli.numeric import compile as compile_numeric

    mean, sigma = np.array([0.5, -1.0]), np.array([[1.0, 0.3], [0.3, 2.0]])
    c = compile_numeric("x**2 + sin(y)", ["x", "y"])
    old = analysis.SAMPLE_BLOCK
    analysis.SAMPLE_BLOCK = 2 * 777  # 777 samples a block: 13 blocks, the last one short
    try:
        blocked = analysis._monte_carlo(c, mean, sigma, 10_000, 7)
    finally:
        analysis.SAMPLE_BLOCK = old
    draws = np.random.default_rng(7).multivariate_normal(mean, sigma, size=10_000, method="eigh")
    values = draws[:, 0] ** 2 + np.sin(draws[:, 1])  # independent of taylorcli's compiler
    assert blocked["n"] == 10_000
    assert abs(blocked["mean"] - values.mean()) < 1e-12
    assert abs(blocked["stderr"] - values.std(ddof=1) / 100) < 1e-12
