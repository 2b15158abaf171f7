"""Newton with the exact sparse Hessian at scale (issue 11), beside SciPy with hand-coded derivatives.

Chained Rosenbrock, f = sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, from
x0 = (-1.2, 1, -1.2, 1, ...). Ours: the whole CLI run, ``taylor newton - --x0 @x0.txt``
(parse from stdin, sparse compile, solve, verdict). SciPy: ``minimize`` with trust-krylov,
trust-ncg, Newton-CG (exact sparse H.p as hessp) and trust-constr (exact sparse Hessian), each
with hand-written NumPy derivatives. One line each: iterations, |grad f| at the end,
the success flag, seconds. Not run by CI (it takes minutes at n = 10,000).

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


def ours(n: int) -> tuple[int, float, bool, float]:
    text = " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as start:
        start.write(",".join("-1.2" if i % 2 == 0 else "1" for i in range(n)))
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}
    began = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "taylorcli", "newton", "-", "--x0", f"@{start.name}", "--tol",
                          "1e-6", "--max-iter", "100000", "--timeout", "0", "-f", "json"],
                         input=text, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - began
    os.unlink(start.name)
    if not run.stdout.strip():
        print(run.stderr.strip(), file=sys.stderr)
        return 0, float("nan"), False, seconds
    result = json.loads(run.stdout)
    return result["nit"], result["grad_norm"], result["success"], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--maxiter", type=int, default=3000, help="SciPy's iteration limit")
    args = parser.parse_args()
    x0 = np.tile([-1.2, 1.0], args.n // 2 + 1)[:args.n]
    rows = [("taylor newton (sparse, CLI)", *ours(args.n))]
    for method in ("trust-krylov", "trust-ncg", "trust-constr", "Newton-CG"):
        began = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extra = {"hess": hess} if method == "trust-constr" else {"hessp": hessp}  # exact sparse H, H·p
            r = minimize(f, x0, jac=grad, method=method, options={"maxiter": args.maxiter}, **extra)
        rows.append((f"scipy {method}", int(r.nit), float(np.linalg.norm(grad(r.x))), bool(r.success),
                     time.perf_counter() - began))
    print(f"chained Rosenbrock, n = {args.n:,}, x0 = (-1.2, 1, ...); numpy {np.__version__}, scipy "
          f"{scipy.__version__}")
    print(f"{'method':30} {'iterations':>10} {'|grad f|':>10} {'success':>8} {'seconds':>8}")
    for name, nit, gnorm, success, seconds in rows:
        print(f"{name:30} {nit:>10} {gnorm:>10.3g} {str(success):>8} {seconds:>8.1f}")
    print(f"ratio of seconds (each SciPy run / ours): "
          + ", ".join(f"{name.split()[1]} {row[4] / rows[0][4]:.2f}" for name, *_ in rows[1:] for row in [
              next(r for r in rows if r[0] == name)]))


if __name__ == "__main__":
    main()
