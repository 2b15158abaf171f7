"""Benchmark cases 13-17: compiled derivatives against hand-written NumPy, Newton against SciPy, a cold solve."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/common.py, when imported from elsewhere

from common import TARGET_N, Check, Row, Timing, measure  # noqa: E402

from taylorcli.numeric import compile as compile_numeric  # noqa: E402
from taylorcli.optimize import newton  # noqa: E402
from derivatives import rosenbrock  # noqa: E402


def hand_gradient(x: np.ndarray) -> np.ndarray:
    """Chained Rosenbrock's gradient, written by hand in NumPy."""
    g = np.zeros_like(x)
    d = x[1:] - x[:-1] ** 2
    g[:-1] += -400 * x[:-1] * d - 2 * (1 - x[:-1])
    g[1:] += 200 * d
    return g


def hand_hessian(x: np.ndarray) -> np.ndarray:
    """Chained Rosenbrock's dense Hessian, written by hand in NumPy."""
    n = len(x)
    H = np.zeros((n, n))
    i = np.arange(n - 1)
    H[i, i] += 1200 * x[:-1] ** 2 - 400 * x[1:] + 2
    H[i + 1, i + 1] += 200
    H[i, i + 1] = H[i + 1, i] = -400 * x[:-1]
    return H


def per_call(fn: Callable[[], Any], calls: int = 2000) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def case_compiled_derivatives(repeat: int) -> Row:
    f, xs = rosenbrock(TARGET_N)
    compiled = measure(lambda: compile_numeric(f, xs), 1)
    c = compiled.result
    x = np.random.default_rng(0).uniform(-1, 1, TARGET_N)
    same = np.allclose(c.gradient(x), hand_gradient(x)) and np.allclose(c.hessian(x), hand_hessian(x))
    base = Timing(min(per_call(lambda: (hand_gradient(x), hand_hessian(x))) for _ in range(repeat)), repeat, None)
    ours = Timing(min(per_call(lambda: (c.gradient(x), c.hessian(x))) for _ in range(repeat)), repeat, None)
    row = Row(f"13 gradient+Hessian per point n={TARGET_N} vs hand NumPy", base, ours,
              Check(same, "equal to hand-written NumPy (allclose)" if same else "values differ"), target=1.0)
    row.notes.append(f"compile time {compiled.seconds:.3f} s (target < 0.5 s): "
                     + ("PASS" if compiled.seconds < 0.5 else "FAIL"))
    if compiled.seconds >= 0.5:
        row.check = Check(False, row.check.note + "; compile time over 0.5 s")
    row.notes.append(f"compiled with {c.backend}, {c.check} (checked when built)")
    return row


def chained_text(n: int) -> tuple[str, str]:
    text = " + ".join(f"100*(x{i + 1}-x{i}**2)**2 + (1-x{i})**2" for i in range(1, n))
    start = ",".join("-1.2" if i % 2 == 0 else "1" for i in range(n))
    return text, start


def case_newton_iterations(number: int, n: int, repeat: int) -> Row:
    """Our Newton against SciPy's trust-exact on the same exact derivatives."""
    from scipy.optimize import minimize

    text, start = chained_text(n)
    c = compile_numeric(text)
    x0 = np.array([float(v) for v in start.split(",")])
    base = measure(lambda: minimize(c.value, x0, jac=c.gradient, hess=c.hessian, method="trust-exact",
                                    options={"gtol": 1e-8, "maxiter": 2000}), repeat)
    ours = measure(lambda: newton(c, x0), repeat)
    r, s_ = ours.result, base.result
    ok = r.success and r.grad_norm <= 1e-8 and r.nit < s_.nit
    row = Row(f"{number} newton chained rosenbrock n={n} vs trust-exact", base, ours,
              Check(ok, f"iterations: ours {r.nit} (|g| {r.grad_norm:.1e}, f {r.fun:.4f}), trust-exact {s_.nit} "
                        f"(|g| {np.linalg.norm(s_.jac):.1e}, f {s_.fun:.4f})"))
    for method in ("Newton-CG", "BFGS", "L-BFGS-B"):
        other = minimize(c.value, x0, jac=c.gradient, hess=c.hessian if method == "Newton-CG" else None,
                         method=method, options={"maxiter": 20000})
        row.notes.append(f"{method}: {other.nit} iterations, |g| {np.linalg.norm(other.jac):.1e}, "
                         f"success {other.success}")
    return row


def case_cold_start(repeat: int) -> Row:
    """`taylor newton` at n = 100 in a fresh process vs importing sympy and numpy."""
    import subprocess

    text, start = chained_text(TARGET_N)

    def run(args: list[str]) -> None:
        subprocess.run(args, check=True, capture_output=True)

    base = measure(lambda: run([sys.executable, "-c", "import sympy, numpy"]), repeat)
    command = [sys.executable, "-m", "taylorcli", "newton", text, "--x0", start, "-f", "json"]
    ours = measure(lambda: run(command), repeat)
    # Here the target is ours <= 3x the baseline, i.e. ratio >= 1/3.
    return Row("14 cold taylor newton n=100 vs import sympy,numpy", base, ours,
               Check(True, "a whole process: parse, derive, compile, solve"), target=1 / 3)
