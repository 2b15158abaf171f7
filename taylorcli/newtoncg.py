"""Hessian-free Newton: truncated conjugate gradients on exact Hessian-vector products.

Each iteration solves H p = -g approximately by CG (Nocedal & Wright,
Alg. 7.1), using only products H v (``hvp``): O(n) memory, no Hessian built.
CG stops when the residual is at most eta |g| (eta = min(0.5, sqrt|g|): the
superlinear forcing sequence) or when it meets a direction d of negative
curvature (d.H d <= 0). There it follows that direction: the step is the CG
iterate so far plus d, turned downhill and scaled by |g| / |d.H d / d.d|,
the length a quadratic with that curvature magnitude would take. An Armijo
line search damps the step. Success is ``verdict.judge``'s, as for Newton:
a verified local minimum (for more than ``hvp.DENSE_LIMIT`` variables the
positive-semidefinite check is Lanczos on the same products). ``nhev``
counts Hessian-vector products.

>>> r = newton_cg("(1-x)**2 + 100*(y-x**2)**2", [-1.2, 1])
>>> r.success, [round(float(v), 8) for v in r.x]
(True, [1.0, 1.0])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .calculus import Expr, Variables
from .compiled import Compiled
from .hvp import HessianFree, compile_first_order
from .optimize import (OptimizeResult, _armijo, _below_rounding, _escape_note, _interruptible, _norm, _Run,
                       _start)


def cg_direction(hessvec: Callable[[np.ndarray], np.ndarray], g: np.ndarray,
                 max_cg: int | None = None) -> tuple[np.ndarray, str]:
    """An approximate Newton direction and a note ("" or "negative curvature direction").

    >>> H = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> p, note = cg_direction(lambda v: H @ v, np.array([2.0, 4.0]))
    >>> p.tolist(), note
    ([-1.0, -2.0], '')
    """
    n = len(g)
    gnorm = _norm(g)
    eta = min(0.5, math.sqrt(gnorm))
    z, r = np.zeros(n), g.copy()
    d = -r
    for _ in range(max_cg or 2 * n + 10):
        Hd = hessvec(d)
        curvature = float(d @ Hd)
        dd = float(d @ d)
        if not math.isfinite(curvature):
            break
        if curvature <= 1e-14 * dd * max(1.0, _norm(Hd) / math.sqrt(dd)):
            # Negative (or no) curvature along d: follow d downhill, as far as a model with |curvature| goes.
            downhill = -d if float(g @ d) > 0 else d
            length = gnorm / max(abs(curvature) / dd, 1e-12)
            return z + downhill / math.sqrt(dd) * min(length, 1e6 * max(1.0, gnorm)), "negative curvature direction"
        alpha = float(r @ r) / curvature
        z = z + alpha * d
        r_new = r + alpha * Hd
        if _norm(r_new) <= eta * gnorm:
            return z, ""
        beta = float(r_new @ r_new) / float(r @ r)
        d, r = -r_new + beta * d, r_new
    return (z if np.any(z) else -g), ""


def newton_cg(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None, tol: float = 1e-8,
              max_iter: int = 500, progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Hessian-free Newton-CG with a line search; same verdict as ``optimize.newton``."""
    c = f if isinstance(f, HessianFree) else compile_first_order(f.expression if isinstance(f, Compiled) else f,
                                                                  variables)
    c, x = _start(c, x0, variables)
    run = _Run("newton-cg", c, x, tol)
    return _interruptible(run, lambda: _iterate(run, max_iter, progress))


def _iterate(run: _Run, max_iter: int, progress: Callable[[int], None] | None) -> OptimizeResult:
    c, tol = run.c, run.tol
    assert isinstance(c, HessianFree)
    step, note = 0.0, ""
    for k in range(max_iter + 1):
        run.nit = k
        x, fx, g = run.point
        run.record(step, None, note)
        if not (math.isfinite(fx) and np.all(np.isfinite(g))):
            return run.finish(run.judge(), "f or its gradient is not finite")
        if _norm(g) <= tol:
            verdict = run.judge()
            if verdict.success or k == max_iter:
                return run.finish(verdict, f"maximum iterations ({max_iter}) reached")
            x_new = run.escape(verdict)
            if x_new is None:
                return run.finish(verdict)
            note = _escape_note(verdict)
        else:
            if k == max_iter:
                break
            with np.errstate(over="ignore", invalid="ignore"):
                p, note = cg_direction(lambda v: c.hessvec(x, v), g)
            alpha = _armijo(c, x, fx, g, p)
            if alpha != 1.0 and _below_rounding(c, x, fx, g, p):
                alpha = 1.0
            if alpha is None:
                return run.finish(run.judge(), "line search found no decrease")
            x_new = x + alpha * p
            if np.array_equal(x_new, x):
                return run.finish(run.judge(), "no progress: the step is below floating-point resolution")
        step = _norm(x_new - x)
        run.point = (x_new, c.value(x_new), c.gradient(x_new))
        if progress:
            progress(k + 1)
    return run.finish(run.judge(), f"maximum iterations ({max_iter}) reached")
