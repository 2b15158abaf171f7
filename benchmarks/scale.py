"""Newton with the exact sparse Hessian at scale (issue 11), beside SciPy with hand-coded derivatives.

Chained Rosenbrock, f = sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, from
x0 = (-1.2, 1, -1.2, 1, ...). Ours twice: the whole CLI run, ``taylor newton - --x0 @x0.txt``
(parse from stdin, sparse compile, solve, verdict: its wall time), and the solve alone in-process
on the already compiled f (Newton and its verdict: the time the method takes, apart from parsing).
SciPy: ``minimize`` with trust-krylov, trust-ncg, Newton-CG (exact sparse H.p as hessp) and
trust-constr (exact sparse Hessian), each with hand-written NumPy derivatives. One line each:
iterations, |grad f| at the end, the success flag, seconds. Not run by CI (minutes at n = 10,000).

Every Newton method needs O(n) iterations here (ours about 1.5 n, SciPy's trust-exact about 2 n):
the iterates fall onto a plateau near x = 0.01 and the solution then spreads along the chain about
one variable per iteration; what makes n = 10,000 fast is a cheap iteration.

    python benchmarks/scale.py                 # n = 10,000, SciPy maxiter 3000
    python benchmarks/scale.py --n 1000 --maxiter 500
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import scipy.sparse
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def f(x: np.ndarray) -> float:
    return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))


def grad(x: np.ndarray) -> np.ndarray:
    g = np.zeros_like(x)
    r = x[1:] - x[:-1] ** 2
    g[:-1] += -400 * x[:-1] * r - 2 * (1 - x[:-1])
    g[1:] += 200 * r
    return g


def hess(x: np.ndarray) -> scipy.sparse.csr_matrix:
    n = len(x)
    d = np.zeros(n)
    d[:-1] += 1200 * x[:-1] ** 2 - 400 * x[1:] + 2
    d[1:] += 200
    off = -400 * x[:-1]
    return scipy.sparse.diags([off, d, off], [-1, 0, 1], shape=(n, n), format="csr")


def hessp(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    return hess(x) @ p


def _text(n: int) -> str:
    return " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))


def ours_cli(n: int, *more: str) -> tuple[int, float, bool, float]:
    """The whole CLI run (parse, compile, solve, verdict, output): iterations, |grad f|, success, wall time.

    ``more``: extra options (``--hessian-free``). The child's peak memory is printed after the table.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as start:
        start.write(",".join("-1.2" if i % 2 == 0 else "1" for i in range(n)))
    env = {**os.environ, "PYTHONPATH": ROOT}
    began = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "taylorcli", "newton", "-", "--x0", f"@{start.name}", "--tol",
                          "1e-6", "--max-iter", "100000", "--timeout", "0", "-f", "json", *more],
                         input=_text(n), capture_output=True, text=True, env=env)
    import resource
    PEAKS[" ".join(more) or "newton"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MB, the largest child so far
    seconds = time.perf_counter() - began
    os.unlink(start.name)
    if not run.stdout.strip():
        print(run.stderr.strip(), file=sys.stderr)
        return 0, float("nan"), False, seconds
    result = json.loads(run.stdout)
    return result["nit"], result["grad_norm"], result["success"], seconds


PEAKS: dict[str, float] = {}


def ours_solve(n: int, x0: np.ndarray) -> tuple[int, float, bool, float, float]:
    """Newton alone, in-process, on f compiled beforehand: iterations, |grad f|, success, seconds, compile s."""
    sys.path.insert(0, ROOT)
    import sympy as sp

    from taylorcli.optimize import newton
    from taylorcli.parse import symbol
    from taylorcli.sparse_path import compile_for_newton

    xs = [symbol(f"x{i}") for i in range(1, n + 1)]
    expr = sp.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)])
    began = time.perf_counter()
    compiled = compile_for_newton(expr, xs)
    compiling = time.perf_counter() - began
    r = newton(compiled if compiled is not None else expr, x0, xs, tol=1e-6, max_iter=100_000)
    return r.nit, r.grad_norm, r.success, r.seconds, compiling


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--maxiter", type=int, default=3000, help="SciPy's iteration limit")
    parser.add_argument("--hessian-free", action="store_true",
                        help="also our Newton-CG on exact H.v products (about 5 minutes at n = 10,000)")
    args = parser.parse_args()
    x0 = np.tile([-1.2, 1.0], args.n // 2 + 1)[:args.n]
    *solve, compiling = ours_solve(args.n, x0)
    rows = [("taylor newton (CLI, wall)", *ours_cli(args.n)), ("taylor newton (solve only)", *solve)]
    if args.hessian_free:
        rows.append(("taylor newton --hessian-free", *ours_cli(args.n, "--hessian-free")))
    for method in ("trust-krylov", "trust-ncg", "trust-constr", "Newton-CG"):
        began = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extra = {"hess": hess} if method == "trust-constr" else {"hessp": hessp}  # exact sparse H, H·p
            r = minimize(f, x0, jac=grad, method=method, options={"maxiter": args.maxiter}, **extra)
        rows.append((f"scipy {method}", int(r.nit), float(np.linalg.norm(grad(r.x))), bool(r.success),
                     time.perf_counter() - began))
    print(f"chained Rosenbrock, n = {args.n:,}, x0 = (-1.2, 1, ...), tol 1e-6; numpy {np.__version__}, scipy "
          f"{scipy.__version__}; SciPy maxiter {args.maxiter}")
    print(f"{'method':30} {'iterations':>10} {'|grad f|':>10} {'success':>8} {'seconds':>8}")
    for name, nit, gnorm, success, seconds in rows:
        print(f"{name:30} {nit:>10} {gnorm:>10.3g} {str(success):>8} {seconds:>8.1f}")
    print(f"(ours in-process: sparse compile {compiling:.1f} s before the solve; the CLI's wall time also "
          "parses stdin and prints the result)")
    print("peak memory of our CLI runs (MB, ru_maxrss of the largest child so far): "
          + ", ".join(f"{name} {mb:.0f}" for name, mb in PEAKS.items()))
    print("seconds of each SciPy run / our solve: "
          + ", ".join(f"{name.split()[1]} {seconds / rows[1][4]:.2f}" for name, *_, seconds in rows
                      if name.startswith("scipy")))


if __name__ == "__main__":
    main()
