"""Compiled derivatives and the optimizers, against closed forms, finite differences and SciPy."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.errors import InputError
from taylorcli.numeric import compile
from taylorcli.optimize import gradient_descent, largest_curvature, newton

ROSENBROCK = "(1-x)**2 + 100*(y-x**2)**2"


def chained_rosenbrock(n: int) -> tuple[str, list[float]]:
    text = " + ".join(f"100*(x{i + 1}-x{i}**2)**2 + (1-x{i})**2" for i in range(1, n))
    return text, [-1.2 if i % 2 == 0 else 1.0 for i in range(n)]


# --- numeric.compile ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ROSENBROCK, "exp(x*y) + sin(x) - log(1 + y**2)", "Abs(x) + Max(x, y)**2 + x*y"])
def test_compiled_matches_finite_differences(text):
    c = compile(text, ["x", "y"])
    rng = np.random.default_rng(1)
    for p in rng.uniform(0.2, 0.9, size=(5, 2)):
        h = 1e-6
        fd = [(c.value(p + h * e) - c.value(p - h * e)) / (2 * h) for e in np.eye(2)]
        assert c.gradient(p) == pytest.approx(fd, rel=1e-6, abs=1e-6)
        fd_h = np.array([(c.gradient(p + h * e) - c.gradient(p - h * e)) / (2 * h) for e in np.eye(2)])
        assert c.hessian(p) == pytest.approx(fd_h, rel=1e-5, abs=1e-5)


def test_compiled_matches_sympy_values_and_batches():
    x, y = sp.symbols("x y", real=True)
    f = sp.exp(x * y) + sp.sin(x)
    c = compile(f, [x, y])
    points = np.array([[0.1, 0.2], [0.3, -0.4], [1.0, 2.0]])
    values = c.value(points)
    assert values.shape == (3,)
    for p, v in zip(points, values):
        assert v == pytest.approx(float(f.subs({x: p[0], y: p[1]})), rel=1e-14)
    assert c.gradient(points).shape == (3, 2) and c.hessian(points).shape == (3, 2, 2)
    assert c.hessian(points[1]) == pytest.approx(
        np.array(sp.hessian(f, [x, y]).subs({x: 0.3, y: -0.4}), dtype=float), rel=1e-13)


def test_compile_errors():
    with pytest.raises(InputError, match="a"):
        compile("a*x**2", ["x"])
    c = compile("x*y", ["x", "y"])
    with pytest.raises(InputError):
        c.value([1.0, 2.0, 3.0])


# --- Newton -----------------------------------------------------------------------------------


def test_newton_rosenbrock():
    r = newton(ROSENBROCK, [-1.2, 1])
    assert r.success and r.nit <= 30
    assert r.x == pytest.approx([1, 1], abs=1e-8)
    assert r.grad_norm <= 1e-8
    # Quadratic convergence: near the end the gradient norm roughly squares each step.
    norms = [t.grad_norm for t in r.trace[-3:]]
    assert norms[2] < 1e-3 * norms[1] and norms[1] < 1e-1 * norms[0]


def test_pure_newton_lands_on_a_quadratic_bowl_minimum_in_one_step():
    # f = 1/2 x^T A x - b^T x has its minimum at A^-1 b.
    r = newton("2*x**2 + x*y + 3*y**2 - x + 4*y", [5, -7], pure=True)
    A, b = np.array([[4, 1], [1, 6]]), np.array([1, -4])
    assert r.nit == 1 and r.success
    assert r.x == pytest.approx(np.linalg.solve(A, b), abs=1e-12)


def test_newton_leaves_a_saddle():
    r = newton("x**2 - y**2 + y**4", [0, 0])  # saddle at 0; minima at y = +-1/sqrt(2)
    assert r.success and abs(abs(r.x[1]) - 2**-0.5) < 1e-8
    assert any("negative curvature" in t.note for t in r.trace)


def test_newton_with_indefinite_hessian_does_not_go_to_the_saddle():
    r = newton("x**2 - y**2 + y**4", [0.3, 0.05])
    assert r.success and abs(abs(r.x[1]) - 2**-0.5) < 1e-8
    assert any(t.note.startswith("H shifted") for t in r.trace)


@pytest.mark.parametrize("n, trust_exact_iterations", [(2, 25), (10, 29), (100, 205)])
def test_newton_chained_rosenbrock_beats_trust_exact_iterations(n, trust_exact_iterations):
    text, x0 = chained_rosenbrock(n)
    r = newton(text, x0)
    assert r.success and r.grad_norm <= 1e-8
    assert r.nit < trust_exact_iterations


def test_newton_unbounded_below_fails_cleanly():
    r = newton("x**2 - y**2", [1, 1], max_iter=50)
    assert not r.success and r.verdict == "unbounded"


# --- gradient descent -------------------------------------------------------------------------


def test_gd_quadratic_with_auto_step():
    r = gradient_descent("x**2 + 10*y**2", [1, 1])
    assert r.success and r.x == pytest.approx([0, 0], abs=1e-8)
    assert largest_curvature("x**2 + 10*y**2", [1, 1]) == pytest.approx(20)


def test_gd_stable_step_decreases_monotonically_on_rosenbrock():
    r = gradient_descent(ROSENBROCK, [-1.2, 1], lr=1e-3, max_iter=3000)
    values = [t.f for t in r.trace]
    assert all(b <= a for a, b in zip(values, values[1:]))


def test_gd_too_large_a_step_diverges():
    r = gradient_descent("x**2 + 10*y**2", [1, 1], lr=0.2, max_iter=2000)
    assert not r.success


def test_gd_bad_rate():
    with pytest.raises(InputError):
        gradient_descent("x**2", [1], lr=-1)


# --- the commands -------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_cli_newton_json_keys():
    result = run("newton", ROSENBROCK, "--x0", "-1.2,1", "--trace", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"method", "x", "fun", "grad_norm", "nit", "nfev", "njev", "nhev", "success", "message",
            "trace"} <= set(data)
    assert data["method"] == "newton" and data["success"] is True
    assert data["x"] == pytest.approx([1, 1], abs=1e-8)
    assert {"k", "x", "f", "grad_norm", "step"} <= set(data["trace"][0])
    # the inputs are echoed, the point named; the trace only with --trace
    assert data["x0"] == {"x": "-6/5", "y": "1"} and data["tol"] == 1e-8 and data["max_iter"] == 500
    assert data["point_float"] == {"x": data["x"][0], "y": data["x"][1]}
    quiet = json.loads(run("newton", ROSENBROCK, "--x0", "-1.2,1", "-f", "json").stdout)
    assert "trace" not in quiet and quiet["x"] == data["x"]


def test_cli_gd_json_echoes_the_rate_auto_chose():
    data = json.loads(run("gd", "x**2 + 10*y**2", "--x0", "1,1", "-f", "json").stdout)
    assert data["lr"] == pytest.approx(1 / 20)  # 1/L, L = 20 the largest Hessian eigenvalue
    assert "trace" not in data and data["expression"] == "x**2 + 10*y**2"


@pytest.mark.parametrize("command", ["newton", "gd"])
@pytest.mark.parametrize("fmt", ["table", "plain", "latex", "json"])
def test_cli_optimizers_every_format(command, fmt):
    result = run(command, "x**2 + 10*y**2", "--x0", "1,1", "--trace", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_cli_not_converged_is_exit_1_with_a_reason():
    result = run("gd", "x**2 + 10*y**2", "--x0", "1,1", "--lr", "0.2", "--max-iter", "50")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("taylor: warning:") and "2/L" in lines[0]
    assert lines[-1].startswith("taylor: error: gd did not converge")
    assert json.loads(run("gd", "x**2", "--x0", "1", "--lr", "2", "--max-iter", "5", "-f", "json").stdout)[
        "success"] is False


@pytest.mark.parametrize("args", [
    ["newton", "x**2", "--x0", "1,2"],
    ["gd", "x**2", "--x0", "1", "--lr", "-1"],
    ["gd", "x**2", "--x0", "1", "--lr", "y"],
    ["newton", "x**2"],
    ["newton", "a*x**2", "--x0", "1", "--vars", "x"],
])
def test_cli_bad_input_is_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith("taylor: error:")


# --- quasi-Newton, SciPy's methods, compare ----------------------------------------------------


@pytest.mark.parametrize("method", ["bfgs", "lbfgs"])
def test_quasi_newton_converge_on_rosenbrock(method):
    from taylorcli.optimize import bfgs, lbfgs

    r = (bfgs if method == "bfgs" else lbfgs)(ROSENBROCK, [-1.2, 1])
    assert r.success and r.x == pytest.approx([1, 1], abs=1e-6) and r.grad_norm <= 1e-8
    assert r.trace[0].k == 0 and len(r.trace) == r.nit + 1
    values = [t.f for t in r.trace]
    assert values[-1] < values[0]


def test_lbfgs_memory_changes_the_run():
    from taylorcli.optimize import lbfgs

    text, x0 = chained_rosenbrock(10)
    assert lbfgs(text, x0, memory=2).nit != lbfgs(text, x0, memory=20).nit


def test_scipy_success_is_not_taken_on_trust():
    from scipy.optimize import minimize

    from taylorcli.optimize import scipy_minimize

    # SLSQP stops on its own criterion; the exact gradient there is far above 1e-8.
    r = scipy_minimize(ROSENBROCK, [-1.2, 1], "SLSQP")
    reference = minimize(lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2, [-1.2, 1], method="SLSQP",
                         tol=1e-8)
    x, y = reference.x
    exact_gradient = np.hypot(-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2))
    assert reference.success and exact_gradient > 1e-8
    assert not r.success and r.verdict == "not converged"
    assert "SciPy reported success" in r.message


def test_derivative_free_methods_are_judged_by_sqrt_tol():
    from scipy.optimize import minimize

    from taylorcli.optimize import scipy_minimize

    # Nelder-Mead stops on its simplex size (f changes by ~tol): |grad f| ~ 3e-8 is all it can reach,
    # and it is a minimum (Rosenbrock's Hessian at (1, 1) is positive definite).
    r = scipy_minimize(ROSENBROCK, [-1.2, 1], "Nelder-Mead")
    reference = minimize(lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2, [-1.2, 1], method="Nelder-Mead",
                         tol=1e-8)
    assert r.x == pytest.approx(reference.x, abs=1e-12)
    assert 1e-8 < r.grad_norm <= 1e-4
    assert r.success and r.verdict == "minimum"


def test_minimize_with_exact_hessian_matches_scipy_iterations():
    from scipy.optimize import minimize

    from taylorcli.optimize import scipy_minimize

    c = compile(ROSENBROCK, ["x", "y"])
    ours = scipy_minimize(c, [-1.2, 1], "trust-exact")
    theirs = minimize(c.value, np.array([-1.2, 1.0]), jac=c.gradient, hess=c.hessian, method="trust-exact",
                      tol=1e-8)
    assert ours.success and ours.nit == theirs.nit


def test_cli_compare():
    result = run("compare", ROSENBROCK, "--x0", "-1.2,1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    runs = json.loads(result.stdout)["runs"]
    assert [r["method"] for r in runs] == ["gd", "newton", "bfgs", "lbfgs"]
    newton_run = runs[1]
    assert newton_run["success"] and newton_run["nit"] < runs[2]["nit"] < runs[0]["nit"]
    assert min(r["distance"] for r in runs) == 0.0
    for fmt in ("table", "plain", "latex"):
        assert run("compare", ROSENBROCK, "--x0", "-1.2,1", "-f", fmt).exit_code == 0


@pytest.mark.parametrize("args", [
    ["bfgs", ROSENBROCK, "--x0", "-1.2,1"],
    ["lbfgs", ROSENBROCK, "--x0", "-1.2,1", "--memory", "5"],
    ["minimize", ROSENBROCK, "--x0", "-1.2,1", "--method", "newton-cg"],
    ["minimize", ROSENBROCK, "--x0", "-1.2,1", "--method", "BFGS"],
])
def test_cli_scipy_commands(args):
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["x"] == pytest.approx([1, 1], abs=1e-6)
