"""Optimizers on compiled exact derivatives, with one result record for all.

Newton's method trusts the quadratic Taylor model, gradient descent the linear
one, quasi-Newton methods (BFGS, L-BFGS: SciPy's, with their Wolfe line
searches) build the curvature up from gradients. All record a trace, so a
user can watch Newton's digits double.

>>> r = newton("(x - 1)**2 + (y + 2)**2", [0, 0], pure=True)
>>> r.x.tolist(), r.nit
([1.0, -2.0], 1)
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .calculus import Expr, Variables
from .errors import InputError
from .numeric import Compiled, compile

ARMIJO = 1e-4  # sufficient-decrease constant
BACKTRACKS = 60  # halvings before a line search gives up


@dataclass
class TraceRow:
    k: int
    x: list[float]
    f: float
    grad_norm: float
    step: float  # length of the step taken to reach x (0 at the start)
    min_eig: float | None = None  # smallest Hessian eigenvalue (Newton)
    note: str = ""


@dataclass
class OptimizeResult:
    """The outcome of one run, named as SciPy's ``OptimizeResult``."""

    method: str
    x: np.ndarray
    fun: float
    grad_norm: float
    nit: int
    nfev: int
    njev: int
    nhev: int
    success: bool
    message: str
    trace: list[TraceRow] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _start(f: Expr | Compiled, x0: Sequence[float], variables: Variables) -> tuple[Compiled, np.ndarray]:
    compiled = f if isinstance(f, Compiled) else compile(f, variables)
    x = np.asarray(x0, dtype=float)
    if x.shape != (len(compiled.variables),):
        raise InputError(f"x0 has {x.size} value(s) but there are {len(compiled.variables)} variable(s)")
    if not np.all(np.isfinite(x)):
        raise InputError("x0 must be finite")
    return compiled, x


def _norm(v: np.ndarray) -> float:
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run reports inf, not a warning
        return float(np.linalg.norm(v))


def _result(method: str, c: Compiled, x: np.ndarray, fx: float, g: np.ndarray, nit: int, success: bool,
            message: str, trace: list[TraceRow], started: float) -> OptimizeResult:
    return OptimizeResult(method, x, fx, _norm(g), nit, c.nfev, c.njev, c.nhev, success,
                          message, trace, [v.name for v in c.variables], time.perf_counter() - started)


def _armijo(c: Compiled, x: np.ndarray, fx: float, g: np.ndarray, p: np.ndarray) -> float | None:
    """Backtracking step length with sufficient decrease, or None."""
    with np.errstate(over="ignore", invalid="ignore"):
        slope = float(g @ p)
    alpha = 1.0
    for _ in range(BACKTRACKS):
        trial = c.value(x + alpha * p)
        if math.isfinite(trial) and trial <= fx + ARMIJO * alpha * slope:
            return alpha
        alpha /= 2
    return None


def _modified_newton_direction(H: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, float, str]:
    """Solve (H + tau I) p = -g with the smallest tau that makes it positive definite.

    Cholesky with an added multiple of the identity (Nocedal & Wright, Alg. 3.3):
    never a step to a saddle, never a division by a singular H.
    """
    n = len(g)
    beta = 1e-3 * max(1.0, float(np.max(np.abs(np.diag(H)))) if n else 1.0)
    smallest = float(np.min(np.diag(H))) if n else 0.0
    tau = 0.0 if smallest > 0 else beta - smallest
    for _ in range(100):
        try:
            L = np.linalg.cholesky(H + tau * np.eye(n))
        except np.linalg.LinAlgError:
            tau = max(2 * tau, beta)
            continue
        p = -np.linalg.solve(L.T, np.linalg.solve(L, g))
        return p, tau, ("" if tau == 0 else f"H shifted by {tau:.3g} I")
    raise np.linalg.LinAlgError("no positive-definite shift found")


def newton(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None, tol: float = 1e-8,
           max_iter: int = 500, pure: bool = False,
           progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Newton's method with the exact Hessian.

    By default an Armijo line search damps the step, an indefinite or singular
    Hessian is shifted until positive definite, and at a saddle (gradient zero,
    negative curvature) the step follows the most negative curvature direction.
    ``pure`` takes the undamped step x - H^-1 g.
    """
    started = time.perf_counter()
    c, x = _start(f, x0, variables)
    fx, g = c.value(x), c.gradient(x)
    trace: list[TraceRow] = []
    step = 0.0
    note = ""
    for k in range(max_iter + 1):
        H = c.hessian(x)
        if not (math.isfinite(fx) and np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
            return _result("newton", c, x, fx, g, k, False, "f or its derivatives are not finite", trace, started)
        eigenvalues = np.linalg.eigvalsh(H) if len(x) else np.zeros(0)
        min_eig = float(eigenvalues[0]) if len(x) else 0.0
        trace.append(TraceRow(k, x.tolist(), fx, _norm(g), step, min_eig, note))
        scale = max(1.0, float(np.max(np.abs(eigenvalues)))) if len(x) else 1.0
        if _norm(g) <= tol:
            if pure or min_eig >= -1e-8 * scale:
                return _result("newton", c, x, fx, g, k, True, "gradient norm below tolerance", trace, started)
            # A saddle: leave along the direction of most negative curvature.
            p = np.linalg.eigh(H)[1][:, 0]
            p = p if c.value(x + p) <= c.value(x - p) else -p
            note = "negative curvature step"
        elif pure:
            try:
                p = -np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                return _result("newton", c, x, fx, g, k, False, "the Hessian is singular", trace, started)
            note = ""
        else:
            p, _, note = _modified_newton_direction(H, g)
        if k == max_iter:
            break
        alpha = 1.0 if pure else _armijo(c, x, fx, g, p) if not note.startswith("negative") else _descend(c, x, fx, p)
        if alpha is None:
            return _result("newton", c, x, fx, g, k, False, "line search found no decrease", trace, started)
        x_new = x + alpha * p
        step = _norm(x_new - x)
        x, fx, g = x_new, c.value(x_new), c.gradient(x_new)
        if progress:
            progress(k + 1)
    return _result("newton", c, x, fx, g, max_iter, False, f"maximum iterations ({max_iter}) reached", trace,
                   started)


def _descend(c: Compiled, x: np.ndarray, fx: float, p: np.ndarray) -> float | None:
    """Step length along a direction of negative curvature: any decrease will do."""
    alpha = 1.0
    for _ in range(BACKTRACKS):
        trial = c.value(x + alpha * p)
        if math.isfinite(trial) and trial < fx:
            return alpha
        alpha /= 2
    return None


def largest_curvature(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None) -> float:
    """L: the largest Hessian eigenvalue at x0 (gradient descent is stable for lr < 2/L)."""
    c, x = _start(f, x0, variables)
    return float(np.linalg.eigvalsh(c.hessian(x))[-1]) if len(x) else 0.0


def gradient_descent(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None,
                     lr: float | None = None, tol: float = 1e-8, max_iter: int = 10_000,
                     progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Fixed-step gradient descent; ``lr=None`` takes 1/L with L the largest eigenvalue at x0."""
    started = time.perf_counter()
    c, x = _start(f, x0, variables)
    if lr is None:
        curvature = largest_curvature(c, x)
        if curvature <= 0:
            raise InputError("--lr auto needs positive curvature at x0 (largest Hessian eigenvalue <= 0)")
        lr = 1.0 / curvature
    if not lr > 0 or not math.isfinite(lr):
        raise InputError(f"the learning rate must be positive, got {lr}")
    fx, g = c.value(x), c.gradient(x)
    trace = [TraceRow(0, x.tolist(), fx, _norm(g), 0.0)]
    for k in range(1, max_iter + 1):
        if _norm(g) <= tol:
            return _result("gd", c, x, fx, g, k - 1, True, "gradient norm below tolerance", trace, started)
        with np.errstate(over="ignore", invalid="ignore"):
            x_new = x - lr * g
            fx, g = c.value(x_new), c.gradient(x_new)
        step = _norm(x_new - x)
        x = x_new
        trace.append(TraceRow(k, x.tolist(), fx, _norm(g), step))
        if not (math.isfinite(fx) and np.all(np.isfinite(g))):
            return _result("gd", c, x, fx, g, k, False, "diverged: f or its gradient is not finite", trace,
                           started)
        if progress:
            progress(k)
    if _norm(g) <= tol:
        return _result("gd", c, x, fx, g, max_iter, True, "gradient norm below tolerance", trace, started)
    return _result("gd", c, x, fx, g, max_iter, False, f"maximum iterations ({max_iter}) reached", trace, started)


# --- SciPy's methods, with our trace and our notion of success ----------------------------------

HESSIAN_METHODS = {"newton-cg", "dogleg", "trust-ncg", "trust-krylov", "trust-exact", "trust-constr"}
GRADIENT_FREE = {"nelder-mead", "powell", "cobyla", "cobyqa"}


def scipy_minimize(f: Expr | Compiled, x0: Sequence[float], method: str, variables: Variables = None,
                   tol: float = 1e-8, max_iter: int = 1000, options: dict | None = None,
                   name: str | None = None, progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Any ``scipy.optimize.minimize`` method, fed our exact gradient and Hessian.

    Success is ours to judge: the final gradient norm must be at most ``tol``,
    whatever SciPy reports (its Newton-CG can claim success at |grad f| = 0.19).
    """
    from scipy.optimize import minimize  # imported here: it costs ~0.3 s at start-up

    started = time.perf_counter()
    c, x = _start(f, x0, variables)
    kind = method.lower()
    trace = [TraceRow(0, x.tolist(), float(c._value(x)), _norm(c._gradient(x)), 0.0)]

    def record(intermediate_result: object) -> None:
        # Evaluations for the trace are not counted: they are not the method's.
        point = np.asarray(getattr(intermediate_result, "x", intermediate_result), dtype=float)
        previous = np.asarray(trace[-1].x)
        trace.append(TraceRow(len(trace), point.tolist(), float(c._value(point)), _norm(c._gradient(point)),
                              _norm(point - previous)))
        if progress:
            progress(len(trace) - 1)

    settings = {"maxiter": max_iter, **(options or {})}
    if kind in ("bfgs", "cg"):
        settings.setdefault("gtol", tol)
    if kind == "l-bfgs-b":
        settings.setdefault("gtol", tol)
        settings.setdefault("ftol", 0.0)  # stop on the gradient, not on a stalled f
    with np.errstate(over="ignore", invalid="ignore"):
        raw = minimize(c.value, x, method=method, callback=record,
                       jac=None if kind in GRADIENT_FREE else c.gradient,
                       hess=c.hessian if kind in HESSIAN_METHODS else None,
                       tol=tol if kind not in ("bfgs", "cg", "l-bfgs-b") else None,
                       options=settings)
    x = np.asarray(raw.x, dtype=float)
    fx, g = float(c._value(x)), c._gradient(x)
    converged = _norm(g) <= tol
    message = str(raw.message)
    if converged and not raw.success:
        message += f" (but |grad f| = {_norm(g):.2e} <= tol)"
    elif not converged and raw.success:
        message = f"SciPy reported success, but |grad f| = {_norm(g):.2e} > tol ({message})"
    result = _result(name or kind, c, x, fx, g, int(getattr(raw, "nit", len(trace) - 1)), converged, message,
                     trace, started)
    result.nfev, result.njev, result.nhev = (int(getattr(raw, key, 0)) for key in ("nfev", "njev", "nhev"))
    return result


def bfgs(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None, tol: float = 1e-8,
         max_iter: int = 1000, progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """BFGS with a Wolfe line search (SciPy's)."""
    return scipy_minimize(f, x0, "BFGS", variables, tol, max_iter, name="bfgs", progress=progress)


def lbfgs(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None, tol: float = 1e-8,
          max_iter: int = 1000, memory: int = 10, progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """L-BFGS keeping ``memory`` correction pairs (SciPy's L-BFGS-B, unbounded)."""
    return scipy_minimize(f, x0, "L-BFGS-B", variables, tol, max_iter, {"maxcor": memory}, name="lbfgs",
                          progress=progress)


def compare(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None,
            tol: float = 1e-8) -> list[OptimizeResult]:
    """gd, newton, bfgs and lbfgs from the same start, each with its defaults."""
    c = f if isinstance(f, Compiled) else compile(f, variables)
    runs = []
    for run in (gradient_descent, newton, bfgs, lbfgs):
        c.nfev = c.njev = c.nhev = 0
        runs.append(run(c, x0, tol=tol))
    return runs
