"""The first-order family: each update rule step by step against a reference written here
(torch.optim's formulas, written out), convergence to known minimisers, the CLI, and gd at
n = 1,400 without a Hessian (time and peak memory of a child process)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.firstorder import METHODS, minimize_first_order

x, y = sp.symbols("x y")
A = np.array([[3.0, 1.0], [1.0, 2.0]])
B = np.array([1.0, -1.0])
QUADRATIC = sp.Rational(1, 2) * (3 * x**2 + 2 * x * y + 2 * y**2) - x + y  # 1/2 x'Ax - b'x
MINIMISER = np.linalg.solve(A, B)


def reference(method: str, x0: np.ndarray, lr: float, steps: int, **h: float) -> list[np.ndarray]:
    """torch.optim's update rules on grad = A x - b, written independently of taylorcli."""
    grad = lambda p: A @ p - B  # noqa: E731
    p = x0.astype(float).copy()
    buf, s, m, v = np.zeros(2), np.zeros(2), np.zeros(2), np.zeros(2)
    path = [p.copy()]
    for t in range(1, steps + 1):
        g = grad(p)
        if method == "gd":
            p = p - lr * g
        elif method in ("momentum", "nesterov"):  # torch.optim.SGD, dampening 0
            buf = g if t == 1 else h["momentum"] * buf + g
            p = p - lr * (g + h["momentum"] * buf if method == "nesterov" else buf)
        elif method == "adagrad":  # torch.optim.Adagrad, lr_decay 0
            s = s + g * g
            p = p - lr * g / (np.sqrt(s) + h["eps"])
        elif method == "rmsprop":  # torch.optim.RMSprop, alpha = beta, not centered
            s = h["beta"] * s + (1 - h["beta"]) * g * g
            p = p - lr * g / (np.sqrt(s) + h["eps"])
        else:  # torch.optim.Adam
            m = h["beta1"] * m + (1 - h["beta1"]) * g
            v = h["beta2"] * v + (1 - h["beta2"]) * g * g
            p = p - lr * (m / (1 - h["beta1"] ** t)) / (np.sqrt(v / (1 - h["beta2"] ** t)) + h["eps"])
        path.append(p.copy())
    return path


HYPER = {"gd": {}, "momentum": {"momentum": 0.7}, "nesterov": {"momentum": 0.8}, "adagrad": {"eps": 1e-6},
         "rmsprop": {"beta": 0.9, "eps": 1e-6}, "adam": {"beta1": 0.8, "beta2": 0.99, "eps": 1e-6}}


@pytest.mark.parametrize("method", METHODS)
def test_each_update_rule_step_by_step(method):
    x0 = np.array([2.0, -3.0])
    r = minimize_first_order(QUADRATIC, x0, method, [x, y], lr=0.1, max_iter=12, **HYPER[method])
    want = reference(method, x0, 0.1, 12, **HYPER[method])
    got = [np.array(t.x) for t in r.trace]
    assert len(got) == 13
    for k, (a, b) in enumerate(zip(got, want)):
        assert np.allclose(a, b, rtol=1e-12, atol=1e-14), (method, k, a, b)
    assert r.settings == {"lr": 0.1, **HYPER[method]}


# (method, lr): each converges on both problems with these rates (tol 1e-6).
RATES = {"gd": None, "momentum": None, "nesterov": None, "adagrad": 0.5, "rmsprop": 0.01, "adam": 0.01}


@pytest.mark.parametrize("method", METHODS)
def test_converges_on_a_convex_quadratic(method):
    r = minimize_first_order(QUADRATIC, [2, -3], method, [x, y], lr=RATES[method], tol=1e-6, max_iter=50_000)
    assert r.success and r.verdict == "minimum", r.message
    assert np.allclose(r.x, MINIMISER, atol=1e-5)


def test_rmsprop_cycles_near_the_rosenbrock_minimum_and_says_so():
    # A constant step normalised by the root mean square keeps |step| ~ lr: near (1, 1) RMSprop
    # settles on a cycle with |grad f| ~ 670 lr, close to the minimiser but never within --tol.
    f = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    r = minimize_first_order(f, [-1.2, 1], "rmsprop", [x, y], lr=1e-4, tol=1e-6, max_iter=60_000)
    assert not r.success and r.verdict == "not converged"
    assert np.allclose(r.x, [1, 1], atol=1e-3)


@pytest.mark.parametrize("method", [m for m in METHODS if m != "rmsprop"])
def test_converges_on_rosenbrock(method):
    f = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    lr = {"gd": 0.001}.get(method, RATES[method])
    r = minimize_first_order(f, [-1.2, 1], method, [x, y], lr=lr, tol=1e-6, max_iter=60_000)
    assert r.success, (method, r.message)
    assert np.allclose(r.x, [1, 1], atol=1e-5)


def test_a_saddle_start_is_left_and_the_verdict_is_honest():
    r = minimize_first_order(x**2 - y**2 + y**4, [0, 0], "adam", [x, y], lr=0.01, tol=1e-6, max_iter=20_000)
    assert r.success and np.allclose(np.abs(r.x), [0, 1 / np.sqrt(2)], atol=1e-5)
    stuck = minimize_first_order(x**2 - y**2, [1, 0], "momentum", [x, y], max_iter=500)
    assert not stuck.success  # unbounded below along y: never reported as a minimum


def test_not_converged_is_not_success():
    r = minimize_first_order(QUADRATIC, [2, -3], "adam", [x, y], lr=0.001, max_iter=10)
    assert not r.success and r.verdict == "not converged"


def test_lr_auto_is_one_over_the_largest_eigenvalue_by_lanczos():
    xs = sp.symbols("x0:260")  # beyond the dense limit: L comes from Lanczos on H.v
    f = sp.Add(*[(1 + i % 7) * v**2 for i, v in enumerate(xs)])
    r = minimize_first_order(f, np.ones(260), "gd", list(xs), max_iter=2000)
    assert r.success and np.isclose(r.settings["lr"], 1 / 14, rtol=1e-8)
    assert r.nhev > 0  # the products spent on L are reported


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_gd_method_json_echoes_hyper_parameters():
    out = invoke("gd", "(x-1)**2 + 2*(y+1)**2", "--x0", "0,0", "--method", "adam", "--lr", "0.05",
                 "--beta1", "0.8", "--tol", "1e-6", "--max-iter", "50000", "-f", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["method"] == "adam" and data["success"] is True
    assert (data["lr"], data["beta1"], data["beta2"], data["eps"]) == (0.05, 0.8, 0.999, 1e-8)
    assert np.allclose(data["x"], [1, -1], atol=1e-6) and "trace" not in data and "nhev" in data  # traces: --trace only


@pytest.mark.parametrize("args", [["--method", "adam", "--momentum", "0.5"], ["--method", "adam", "--beta1", "1"],
                                  ["--method", "rmsprop", "--eps", "nan"], ["--method", "sgd"]])
def test_cli_bad_hyper_parameters_exit_2(args):
    out = invoke("gd", "x**2", "--x0", "1", *args)
    assert out.exit_code == 2 and len(out.stderr.strip().splitlines()) == 1


def test_cli_compare_methods():
    out = invoke("compare", "x**2 + 10*y**2", "--x0", "1,1", "--methods", "gd,nesterov,adam,newton-cg,newton",
                 "--lr", "0.05", "--max-iter", "20000", "-f", "json")
    assert out.exit_code == 0, out.output
    runs = json.loads(out.stdout)["runs"]
    assert [r["method"] for r in runs] == ["gd", "nesterov", "adam", "newton-cg", "newton"]
    assert all(r["success"] for r in runs) and runs[2]["lr"] == 0.05 and "lr" not in runs[4]
    assert invoke("compare", "x**2", "--x0", "1", "--methods", "gd,nope").exit_code == 2


def test_cli_newton_hessian_free():
    out = invoke("newton", "(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1", "--hessian-free", "-f", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["method"] == "newton-cg" and np.allclose(data["x"], [1, 1], atol=1e-10)
    assert invoke("newton", "x**2", "--x0", "1", "--hessian-free", "--pure").exit_code == 2


def test_gd_on_1400_variables_is_fast_and_small():
    code = ("import numpy as np, sympy as sp\n"
            "from taylorcli.firstorder import minimize_first_order\n"
            "xs = sp.symbols('x1:1401')\n"
            "r = minimize_first_order(sp.Add(*[v**2 for v in xs]), np.ones(1400), 'gd', list(xs))\n"
            "print(r.success, r.nhev)\n")
    # A fresh parent for the run, so that RUSAGE_CHILDREN's peak is this run's alone.
    wrapper = ("import resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               "out = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, text=True)\n"
               "print(out.returncode, out.stdout.strip(), time.perf_counter() - t,\n"
               "      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(out.stderr[-300:]))\n")
    out = subprocess.run([sys.executable, "-c", wrapper, code], capture_output=True, text=True, timeout=120)
    status, success, _, seconds, peak_kb, stderr = out.stdout.split(maxsplit=5)
    assert status == "0" and success == "True", stderr
    # Before: 65 s of CPU and 2.6 GB, then a kill (the unused 1,400 x 1,400 Hessian was compiled).
    assert float(seconds) < 30  # ~4 s alone; generous for a loaded 2-core machine
    assert int(peak_kb) < 600_000  # kB: ~200 MB measured, most of it SymPy and NumPy themselves
