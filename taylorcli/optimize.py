"""Optimizers on compiled exact derivatives, with one result record for all.

Newton's method trusts the quadratic Taylor model, gradient descent the linear
one, quasi-Newton methods (BFGS, L-BFGS: SciPy's, with their Wolfe line
searches) build the curvature up from gradients. All record a trace, so a
user can watch Newton's digits double. Newton itself is in ``newton``
(``from taylorcli.optimize import newton`` still works).

>>> r = gradient_descent("(x - 1)**2 + (y + 2)**2", [0, 0], lr=0.5)
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
from .errors import InputError, MathError
from .numeric import Compiled, compile
from .verdict import Verdict, judge, leave

ARMIJO = 1e-4  # sufficient-decrease constant
BACKTRACKS = 60  # halvings before a line search gives up
TRACE_POINTS_UP_TO = 1000  # variables: above, trace rows before the last two keep no x
MAX_ESCAPES = 20  # steps off saddles and maxima before a run reports the one it is at


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
    """The outcome of one run, named as SciPy's ``OptimizeResult``.

    ``verdict`` says what the final point is (see ``verdict.KINDS``, plus
    "interrupted"); ``success`` is true only for a verified local minimum
    ("minimum") or a degenerate minimum candidate ("degenerate").
    """

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
    verdict: str = ""
    min_eigenvalue: float | None = None
    settings: dict[str, float] = field(default_factory=dict)  # the method's lr and hyper-parameters
    lr: float | None = None  # gradient descent's step size (what --lr auto chose, too)
    hessian: str = ""  # Newton: "dense" or "sparse", the path its Hessian took

    @property
    def interrupted(self) -> bool:
        return self.verdict == "interrupted"


def _start(f: Expr | Compiled, x0: Sequence[float], variables: Variables) -> tuple[Compiled, np.ndarray]:
    compiled = f if isinstance(f, Compiled) else compile(f, variables)
    x = np.asarray(x0, dtype=float)
    if x.shape != (len(compiled.variables),):
        raise InputError(f"x0 has {x.size} value(s) but there are {len(compiled.variables)} variable(s)")
    if not np.all(np.isfinite(x)):
        raise InputError("x0 must be finite")
    _check_start(compiled, x)
    return compiled, x


def _check_start(c: Compiled, x: np.ndarray) -> None:
    """Every optimizer starts where f and its gradient have finite values, or says why not.

    Otherwise the first step is nan (gd's automatic rate came out nan and blamed
    the user; its curvature estimate raised LinAlgError). E.g. x/y at (1, 0).
    """
    where = ", ".join(f"{v}={float(a):g}" for v, a in zip(c.variables, x))
    with np.errstate(all="ignore"):  # the message says it; numpy's warnings would add lines
        if not np.isfinite(c.value(x)):
            raise MathError(f"f is undefined at the start point {where}")
        if not np.all(np.isfinite(c.gradient(x))):
            raise MathError(f"f is not differentiable at the start point {where} (its gradient is not finite)")


def _norm(v: np.ndarray) -> float:
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run reports inf, not a warning
        return float(np.linalg.norm(v))


class _Run:
    """The state of one run: the current iterate (kept consistent for Ctrl-C) and its trace."""

    def __init__(self, method: str, c: Compiled, x: np.ndarray, tol: float) -> None:
        self.method, self.c, self.tol, self.started = method, c, tol, time.perf_counter()
        self.point = (x, c.value(x), c.gradient(x))  # one assignment: never half-updated
        self.trace: list[TraceRow] = []
        self.nit = 0
        self.escapes = 0
        self._pending: list[tuple[TraceRow, np.ndarray]] = []  # last rows whose x is made when read

    def record(self, step: float = 0.0, min_eig: float | None = None, note: str = "", lazy: bool = False) -> None:
        """Append the current iterate to the trace.

        Above ``TRACE_POINTS_UP_TO`` variables only the last two rows keep x
        (enough for ``direction``): thousands of iterations in 10,000 variables
        would keep gigabytes of points. ``lazy`` (Newton's sparse path) also
        defers making those two lists until read (``_points``): a 10,000-float
        list costs more to make and free than a banded Newton step.
        """
        x, fx, g = self.point
        large = len(x) > TRACE_POINTS_UP_TO
        self.trace.append(TraceRow(self.nit, [] if large and lazy else x.tolist(), fx, _norm(g), step, min_eig,
                                   note))
        if large and lazy:
            self._pending.append((self.trace[-1], x))
            if len(self._pending) > 2:
                self._pending.pop(0)[0].x = []
        elif large and len(self.trace) > 2:
            self.trace[-3].x = []
            self._pending = [(row, x) for row, x in self._pending if row is not self.trace[-3]]

    def _points(self) -> None:
        """Fill in the x of the rows ``record(lazy=True)`` left empty."""
        for row, x in self._pending:
            if not row.x:
                row.x = x.tolist()

    def direction(self) -> np.ndarray | None:
        """The last step taken, the way the run was travelling."""
        self._points()
        for earlier in reversed(self.trace[:-1]):
            if not earlier.x:  # dropped (large n)
                break
            d = np.asarray(self.trace[-1].x) - np.asarray(earlier.x)
            if np.any(d != 0):
                return d
        return None

    def judge(self, hessian: np.ndarray | None = None, tol: float | None = None) -> Verdict:
        x = self.point[0]
        return judge(self.c, x, self.tol if tol is None else tol, self.direction(), hessian)

    def escape(self, verdict: Verdict) -> np.ndarray | None:
        """The point off a saddle or maximum along the verdict's descent direction, if allowed."""
        if verdict.kind not in ("saddle", "maximum") or verdict.descent is None or self.escapes >= MAX_ESCAPES:
            return None
        self.escapes += 1
        return leave(self.c, self.point[0], self.point[1], verdict.descent)

    def finish(self, verdict: Verdict, reason: str = "") -> OptimizeResult:
        verdict = self._last_finite(verdict)
        if verdict.success or verdict.kind in ("saddle", "maximum", "unbounded") or not reason:
            message = verdict.message
        elif "not finite" in reason and "not finite" in verdict.message:
            message = reason
        else:
            message = f"{reason}: {verdict.message}"
        return self.result(verdict.success, message, verdict.kind, verdict.min_eigenvalue)

    def _last_finite(self, verdict: Verdict) -> Verdict:
        """A run that overflowed (f = inf - inf = nan) is judged where f was last finite."""
        if verdict.kind != "not converged" or math.isfinite(self.point[1]):
            return verdict
        self._points()
        finite = [t for t in self.trace if math.isfinite(t.f) and math.isfinite(t.grad_norm) and t.x]
        if len(finite) < 2 or finite[-1] is self.trace[-1]:
            return verdict
        x = np.asarray(finite[-1].x)
        earlier = judge(self.c, x, self.tol, x - np.asarray(finite[-2].x))
        return earlier if earlier.kind == "unbounded" else verdict

    def result(self, success: bool, message: str, kind: str, min_eig: float | None = None) -> OptimizeResult:
        x, fx, g = self.point
        c = self.c
        self._points()
        return OptimizeResult(self.method, x, fx, _norm(g), self.nit, c.nfev, c.njev, c.nhev, success, message,
                              self.trace, [v.name for v in c.variables], time.perf_counter() - self.started,
                              kind, min_eig)

    def interrupted(self) -> OptimizeResult:
        # Ctrl-C: the last consistent iterate, reported as such (the CLI prints it and exits 130).
        self._points()
        if not self.trace or self.trace[-1].x != self.point[0].tolist():
            self.record(note="interrupted")
        return self.result(False, "interrupted", "interrupted")


def _escape_note(verdict: Verdict) -> str:
    negative = verdict.min_eigenvalue is not None and verdict.min_eigenvalue < 0 and "degenerate" not in verdict.message
    return "negative curvature step" if negative else "descent step off a degenerate saddle"


def _interruptible(run: _Run, body: Callable[[], OptimizeResult]) -> OptimizeResult:
    try:
        return body()
    except KeyboardInterrupt:
        return run.interrupted()


def _armijo(c: Compiled, x: np.ndarray, fx: float, g: np.ndarray, p: np.ndarray,
            accepted: list[float] | None = None) -> float | None:
    """Backtracking step length with sufficient decrease, or None.

    ``accepted``, if given, receives f at the accepted point (so the caller need not evaluate it again).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        slope = float(g @ p)
    alpha = 1.0
    for _ in range(BACKTRACKS):
        trial = c.value(x + alpha * p)
        if math.isfinite(trial) and trial <= fx + ARMIJO * alpha * slope:
            if accepted is not None:
                accepted.append(trial)
            return alpha
        alpha /= 2
    return None


def _below_rounding(c: Compiled, x: np.ndarray, fx: float, g: np.ndarray, p: np.ndarray) -> bool:
    """Whether the full step's decrease is below f's rounding, and the gradient says take it.

    Near a minimum of f = -72.7 Newton's predicted decrease (~1e-15) is below
    what f can resolve (eps |f| ~ 1e-14): Armijo then shrinks the step to
    nothing and the run stalls at |grad f| = 3.6e-7. The gradient still
    resolves the step, so take it if it shrinks |grad f|.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        slope = abs(float(g @ p))
    if not slope <= 1e3 * np.finfo(float).eps * max(1.0, abs(fx)):
        return False
    return _norm(c.gradient(x + p)) < _norm(g)


def largest_curvature(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None) -> float:
    """L: the largest Hessian eigenvalue at x0 (gradient descent is stable for lr < 2/L).

    On the Hessian-free path (``hvp.compile_first_order``) L comes from exact
    Hessian-vector products (Lanczos when n is large), never from an n x n matrix.
    """
    c, x = _start(f, x0, variables)
    if getattr(c, "_hvp", None) is not None:
        from .curvature import extreme_eigenvalues
        largest = extreme_eigenvalues(c, x)[1]  # type: ignore[arg-type]
        if not math.isfinite(largest):
            raise MathError("the Hessian is not finite at the start point: give --lr")
        return largest
    with np.errstate(all="ignore"):
        hessian = c.hessian(x)
    if not np.all(np.isfinite(hessian)):
        raise MathError("the Hessian is not finite at the start point: give --lr")
    return float(np.linalg.eigvalsh(hessian)[-1]) if len(x) else 0.0


def gradient_descent(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None,
                     lr: float | None = None, tol: float = 1e-8, max_iter: int = 10_000,
                     progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Fixed-step gradient descent: the first-order family's plain rule (``firstorder.gradient_descent``)."""
    from .firstorder import gradient_descent as descend  # firstorder builds on this module's _Run
    return descend(f, x0, variables, lr, tol, max_iter, progress)


# --- SciPy's methods, with our trace and our notion of success ----------------------------------

HESSIAN_METHODS = {"newton-cg", "dogleg", "trust-ncg", "trust-krylov", "trust-exact", "trust-constr"}
GRADIENT_FREE = {"nelder-mead", "powell", "cobyla", "cobyqa"}


def gradient_tolerance(method: str, tol: float) -> float:
    """The |grad f| a method is judged by: ``tol``, or sqrt(tol) for derivative-free methods.

    A method that sees only values stops when f changes by about tol; near a
    minimum f - f* ~ |grad f|**2 / (2 lambda), so |grad f| ~ sqrt(tol) is what
    it can reach (Nelder-Mead on Rosenbrock: 3e-8 with tol 1e-8).
    """
    return math.sqrt(tol) if method.lower() in GRADIENT_FREE else tol


def scipy_minimize(f: Expr | Compiled, x0: Sequence[float], method: str, variables: Variables = None,
                   tol: float = 1e-8, max_iter: int = 1000, options: dict | None = None,
                   name: str | None = None, progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Any ``scipy.optimize.minimize`` method, fed our exact gradient and Hessian.

    Success is ours to judge (``verdict.judge``): a small gradient (see
    ``gradient_tolerance``) and a positive semidefinite Hessian, whatever
    SciPy reports (its Newton-CG can claim success at |grad f| = 0.19, all
    of them at a saddle they start on). Where SciPy stops at a saddle or a
    maximum, we step off along negative curvature and run it again.
    """
    c, x = _start(f, x0, variables)
    run = _Run(name or method.lower(), c, x, gradient_tolerance(method, tol))
    return _interruptible(run, lambda: _scipy(run, method, tol, max_iter, options, progress))


def _scipy(run: _Run, method: str, tol: float, max_iter: int, options: dict | None,
           progress: Callable[[int], None] | None) -> OptimizeResult:
    from scipy.optimize import minimize  # imported here: it costs ~0.3 s at start-up

    c, kind = run.c, method.lower()
    run.record()

    def record(intermediate_result: object) -> None:
        point = np.asarray(getattr(intermediate_result, "x", intermediate_result), dtype=float)
        previous = np.asarray(run.trace[-1].x)
        run.point = (point, float(c._value(point)), c._gradient(point))
        run.nit = len(run.trace)
        run.record(_norm(point - previous))
        if progress:
            progress(run.nit)

    # TNC counts function evaluations, not iterations, and warns about "maxiter" on stderr.
    budget = "maxfun" if kind == "tnc" else "maxiter"
    settings = {budget: max_iter, **(options or {})}
    if kind in ("bfgs", "cg"):
        settings.setdefault("gtol", tol)
    if kind == "l-bfgs-b":
        settings.setdefault("gtol", tol)
        settings.setdefault("ftol", 0.0)  # stop on the gradient, not on a stalled f
    counts = {"nit": 0, "nfev": 0, "njev": 0, "nhev": 0}
    while True:
        settings[budget] = max(1, max_iter - counts["nit"])  # one iteration budget across restarts
        with np.errstate(over="ignore", invalid="ignore"):
            raw = minimize(c.value, run.point[0], method=method, callback=record,
                           jac=None if kind in GRADIENT_FREE else c.gradient,
                           hess=c.hessian if kind in HESSIAN_METHODS else None,
                           tol=tol if kind not in ("bfgs", "cg", "l-bfgs-b") else None,
                           options=settings)
        for key in counts:
            counts[key] += int(getattr(raw, key, 0))
        x = np.asarray(raw.x, dtype=float)
        if not np.array_equal(x, run.point[0]):
            # SciPy's answer is not always its last callback point.
            run.point, run.nit = (x, float(c._value(x)), c._gradient(x)), len(run.trace)
            run.record(_norm(x - np.asarray(run.trace[-1].x)))
        verdict = run.judge()
        x_new = run.escape(verdict) if _norm(run.point[2]) <= run.tol else None
        if x_new is None:
            break
        counts["nit"] += 1
        run.point, run.nit = (x_new, float(c._value(x_new)), c._gradient(x_new)), len(run.trace)
        run.record(_norm(x_new - x), note=_escape_note(verdict))
    result = run.finish(verdict, "SciPy stopped")
    # SciPy's counts: evaluations for the trace and the verdict are not the method's.
    result.nit, result.nfev, result.njev, result.nhev = counts.values()
    if run.escapes:
        result.message += f" (after {run.escapes} step(s) off a saddle or maximum)"
    scipy_says = str(raw.message)
    if raw.success and not result.success:
        result.message += f" (SciPy reported success: {scipy_says})"
    else:
        result.message += f" (SciPy: {scipy_says})"
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
    from .newton import newton

    c = f if isinstance(f, Compiled) else compile(f, variables)
    runs = []
    for run in (gradient_descent, newton, bfgs, lbfgs):
        c.nfev = c.njev = c.nhev = 0
        runs.append(run(c, x0, tol=tol))
    return runs


def __getattr__(name: str) -> object:
    """Newton lives in ``newton`` (imported on use: it imports this module's run record)."""
    if name in ("newton", "_modified_newton_direction", "_sparse_solve"):
        from . import newton as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
