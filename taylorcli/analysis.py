"""Readings of curvature: critical points and their kinds, delta-method moments, step prediction.

>>> [p.kind for p in critical_points("x**2 - y**2")]
['saddle point']
>>> round(expectation("x**2", [1], [[2]]).second_order_value, 12)
3.0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .calculus import Expr, Variables, _inertia_exact, as_expression, describe_point, gradient, hessian, to_float
from .errors import InputError, MathError
from .guard import check_point
from .numeric import Compiled, compile
from .parse import resolve_variables
from .simplify import OutOfTime, time_limit

SOLVE_SECONDS = 2.0
KINDS = ("local minimum", "local maximum", "saddle point", "degenerate")
DEFAULT_REGION = 5.0  # half-width of the default search box around 0
MAX_HIGHER_ORDER = 8


@dataclass
class CriticalPoint:
    x: dict[sp.Symbol, sp.Expr | float]  # exact values when ``exact``, else floats
    numeric: list[float]
    value: float | None
    eigenvalues: list[float]
    kind: str
    exact: bool
    exact_eigenvalues: list[sp.Expr] | None = None
    note: str = ""
    value_exact: sp.Expr | None = None


def _kind_from_inertia(positive: int, negative: int, zero: int) -> str:
    if zero:
        return "degenerate"
    if positive and negative:
        return "saddle point"
    return "local minimum" if positive else "local maximum"


def _float_inertia(values: Sequence[float]) -> tuple[int, int, int]:
    scale = max([1.0, *(abs(v) for v in values)])
    tol = 1e-8 * scale
    return (sum(v > tol for v in values), sum(v < -tol for v in values), sum(abs(v) <= tol for v in values))


def _higher_order(f: sp.Expr, variables: list[sp.Symbol], point: dict, null: list[sp.Matrix],
                  inertia: tuple[int, int, int]) -> tuple[str, str]:
    """Decide a degenerate critical point along exact null directions, where cheap."""
    t = sp.Dummy("t")
    signs = []
    for v in null:
        g = f.xreplace({x: point[x] + t * c for x, c in zip(variables, v)})
        for k in range(3, MAX_HIGHER_ORDER + 1):
            derivative = sp.simplify(sp.diff(g, t, k).xreplace({t: 0}))
            if derivative != 0:
                direction = ", ".join(sp.sstr(c) for c in v)
                if k % 2:
                    return "saddle point", f"Hessian singular; the order-{k} term along ({direction}) is odd: " \
                                           "not an extremum"
                signs.append((k, derivative > 0, direction))
                break
    positive, negative, _ = inertia
    if len(variables) == 1 and signs:
        k, up, _ = signs[0]
        return ("local minimum" if up else "local maximum"), f"f' = f'' = 0; the first nonzero derivative " \
                                                             f"(order {k}) is {'positive' if up else 'negative'}"
    if signs and all(up for _, up, _ in signs) and not negative or signs and not any(up for _, up, _ in signs) \
            and not positive:
        word = "minimum" if signs[0][1] else "maximum"
        return "degenerate", f"Hessian singular; higher-order terms along the null directions suggest a {word}, " \
                             "but the test is not conclusive"
    if signs:
        return "saddle point", "Hessian singular; curvature along null directions has the opposite sign"
    return "degenerate", "Hessian singular: the second-order test says nothing"


def classify_point(f: Expr | Compiled, variables: Variables, point: dict[sp.Symbol, sp.Expr] | Sequence[float],
                   exact: bool = True, tol: float = 1e-8) -> CriticalPoint:
    """Classify one critical point by the Hessian's eigenvalues (MathError if grad f != 0 there).

    ``f`` may be already compiled when ``exact`` is false (many numeric points).
    """
    compiled = f if isinstance(f, Compiled) else None
    expr = compiled.expression if compiled else as_expression(f)
    symbols = compiled.variables if compiled else resolve_variables([expr], variables)
    if not isinstance(point, dict):
        point = dict(zip(symbols, point))
    point = {v: point[v] for v in symbols}
    if exact:
        point = {v: as_expression(value) for v, value in point.items()}
        exact = not any(value.has(sp.Float) for value in point.values())  # floats: no exact claims
    check_point(expr, point)
    if exact:
        grad_values = [g.xreplace(point) for g in gradient(expr, symbols)]
        H = hessian(expr, symbols).xreplace(point)
        numeric_grad = [to_float(g) for g in grad_values]
    else:
        compiled = compiled or compile(expr, symbols)
        x = np.array([float(point[v]) for v in symbols])
        numeric_grad = compiled.gradient(x).tolist()
        H = None
    if any(g is None for g in numeric_grad):
        raise MathError(f"the gradient is undefined at {describe_point(point)}")
    norm = math.sqrt(sum(g * g for g in numeric_grad))
    if exact and any(g != 0 for g in grad_values) or not exact and norm > max(tol, 1e-6):
        raise MathError(f"not a critical point: |grad f| = {norm:.3g} at {describe_point(point)}")
    if H is not None:
        floats = np.array([[to_float(e) for e in row] for row in H.tolist()], dtype=float)
    else:
        floats = compiled.hessian(x)  # type: ignore[union-attr]
    if np.isnan(floats).any():
        raise MathError(f"the Hessian is undefined at {describe_point(point)}")
    values = sorted(float(v) for v in np.linalg.eigvalsh(floats))
    inertia = _inertia_exact(H) if H is not None else None
    inertia = inertia or _float_inertia(values)
    kind, note = _kind_from_inertia(*inertia), ""
    exact_eigenvalues = None
    if H is not None and len(symbols) <= 3:
        try:
            with time_limit(1.0):
                found = H.eigenvals()
            exact_eigenvalues = sorted((e for e, m in found.items() for _ in range(m)), key=lambda e: float(sp.N(e)))
        except (OutOfTime, NotImplementedError, TypeError, ValueError):
            exact_eigenvalues = None
    if kind == "degenerate" and H is not None and all(e.is_Rational for e in H):
        kind, note = _higher_order(expr, symbols, point, H.nullspace(), inertia)
    f_exact = expr.xreplace(point) if exact else None
    value = to_float(f_exact) if exact else float(compiled.value(x))  # type: ignore[union-attr]
    coordinates = [to_float(point[v]) if exact else float(point[v]) for v in symbols]
    return CriticalPoint(dict(point), coordinates, value, values, kind, exact, exact_eigenvalues, note, f_exact)


def _exact_solutions(expr: sp.Expr, symbols: list[sp.Symbol], seconds: float) -> list[dict[sp.Symbol, sp.Expr]]:
    """Real solutions of grad f = 0 that SymPy finds in time, in readable form."""
    try:
        with time_limit(seconds):
            found = sp.solve(gradient(expr, symbols), symbols, dict=True)
    except (OutOfTime, NotImplementedError, ValueError, TypeError):
        return []
    points = []
    for solution in found:
        if set(solution) != set(symbols) or any(v.free_symbols for v in solution.values()):
            continue  # a family of solutions: the numeric search samples it
        values = {s: solution[s] for s in symbols}
        if any(v.has(sp.I) or sp.count_ops(v) > 40 for v in values.values()):
            continue  # casus irreducibilis and friends: the numeric search finds these
        points.append(values)
    return points


def _newton_roots(c: Compiled, box: list[tuple[float, float]], starts: int) -> list[np.ndarray]:
    """Zeros of grad f from many starts in the box (Newton on the gradient), deduplicated."""
    n = len(box)
    per_axis = max(2, int(round(starts ** (1 / n)))) if n <= 3 else 0
    if per_axis:
        axes = [np.linspace(lo, hi, per_axis) for lo, hi in box]
        points = np.array(list(itertools.product(*axes)))
    else:
        rng = np.random.default_rng(0)
        points = rng.uniform([lo for lo, _ in box], [hi for _, hi in box], size=(starts, n))
    found: list[np.ndarray] = []
    scale = max(1.0, max(hi - lo for lo, hi in box))
    for x in points:
        # Stop on the step, not on |g|: at a degenerate root (x**4) Newton converges only
        # linearly and |g| is tiny long before x is near the root.
        with np.errstate(all="ignore"):
            for _ in range(200):
                g, H = c.gradient(x), c.hessian(x)
                if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))) or not np.any(g):
                    break
                step = np.linalg.lstsq(H, -g, rcond=None)[0]
                x = x + step
                if np.linalg.norm(step) <= 1e-13 * scale:
                    break
            g = c.gradient(x)
        if not np.all(np.isfinite(g)) or np.linalg.norm(g) > 1e-8 * scale:
            continue
        if any(x[i] < lo - 1e-9 or x[i] > hi + 1e-9 for i, (lo, hi) in enumerate(box)):
            continue
        if not any(np.linalg.norm(x - y) <= 1e-5 * scale for y in found):
            found.append(x)
    return found


def critical_points(f: Expr, variables: Variables = None, region: Sequence[tuple[float, float]] | None = None,
                    starts: int = 400, seconds: float = SOLVE_SECONDS) -> list[CriticalPoint]:
    """Critical points of f: exact where SymPy solves grad f = 0 in time, numeric (multi-start Newton) else.

    ``region`` is a box, one (low, high) per variable, default [-5, 5] each;
    exact points outside it are kept only if they are the only ones found.
    """
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    box = list(region) if region is not None else [(-DEFAULT_REGION, DEFAULT_REGION)] * len(symbols)
    if len(box) != len(symbols):
        raise InputError(f"the region needs {len(symbols)} interval(s), one per variable")
    exact_points = []
    for solution in _exact_solutions(expr, symbols, seconds):
        coordinates = [to_float(solution[v]) for v in symbols]
        if any(c is None for c in coordinates):
            continue
        inside = all(lo - 1e-9 <= c <= hi + 1e-9 for c, (lo, hi) in zip(coordinates, box))
        if inside:
            exact_points.append((solution, np.array(coordinates)))
    results: list[CriticalPoint] = []
    for solution, _ in exact_points:
        try:
            results.append(classify_point(expr, symbols, solution))
        except MathError:
            continue
    c = compile(expr, symbols)
    scale = max(1.0, max(hi - lo for lo, hi in box))
    for root in _newton_roots(c, box, starts):
        if any(np.linalg.norm(root - known) <= 1e-5 * scale for _, known in exact_points):
            continue
        try:
            results.append(classify_point(c, symbols, [float(v) for v in root], exact=False))
        except MathError:
            continue
    results.sort(key=lambda p: p.numeric)
    return results


# --- the delta method --------------------------------------------------------------------------


@dataclass
class Expectation:
    first_order: sp.Expr
    second_order: sp.Expr
    variance: sp.Expr
    monte_carlo: dict[str, float] | None = None
    variables: list[sp.Symbol] = field(default_factory=list)

    @property
    def second_order_value(self) -> float | None:
        return to_float(self.second_order)


def _matrix(values: Sequence[Sequence[Expr]]) -> sp.Matrix:
    return sp.Matrix([[as_expression(v) if isinstance(v, str) else sp.nsimplify(v) if isinstance(v, float)
                       else sp.Integer(v) if isinstance(v, int) else v for v in row] for row in values])


def expectation(f: Expr, mean: Sequence[Expr], cov: Sequence[Sequence[Expr]], variables: Variables = None,
                samples: int = 0, seed: int | None = None) -> Expectation:
    """E[f(X)] ~ f(mu) + 1/2 tr(H(mu) Sigma) and Var[f(X)] ~ grad f(mu)^T Sigma grad f(mu).

    With ``samples``, a Monte Carlo estimate for Gaussian X (mean, standard error).
    """
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    n = len(symbols)
    mu = _matrix([mean]).T if n else sp.Matrix([])
    sigma = _matrix(cov)
    if mu.shape != (n, 1) or sigma.shape != (n, n):
        raise InputError(f"need a mean of {n} value(s) and a {n}x{n} covariance")
    if sigma != sigma.T:
        raise InputError("the covariance must be symmetric")
    inertia = _inertia_exact(sigma)
    eig = np.linalg.eigvalsh(np.array(sigma.tolist(), dtype=float))
    if (inertia[1] if inertia else (eig < -1e-12 * max(1.0, abs(eig).max())).sum()):
        raise InputError("the covariance must be positive semidefinite")
    point = dict(zip(symbols, mu))
    check_point(expr, point)
    g = sp.Matrix([e.xreplace(point) for e in gradient(expr, symbols)])
    H = hessian(expr, symbols).xreplace(point)
    value = expr.xreplace(point)
    if any(e.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I) for e in [value, *g, *H]):
        raise MathError(f"f or its derivatives are undefined at the mean {describe_point(point)}")
    second = sp.simplify(value + (H * sigma).trace() / 2)
    variance = sp.simplify((g.T * sigma * g)[0, 0])
    result = Expectation(value, second, variance, variables=symbols)
    if samples:
        c = compile(expr, symbols)
        rng = np.random.default_rng(seed)
        draws = rng.multivariate_normal(np.array(mu.T.tolist()[0], dtype=float),
                                        np.array(sigma.tolist(), dtype=float), size=samples, method="eigh")
        values = np.atleast_1d(c.value(draws))
        finite = values[np.isfinite(values)]
        if finite.size < 2:
            raise MathError("f is not finite at the sampled points")
        result.monte_carlo = {"mean": float(finite.mean()), "stderr": float(finite.std(ddof=1) / math.sqrt(finite.size)),
                              "n": int(finite.size)}
    return result


# --- one gradient step -------------------------------------------------------------------------


@dataclass
class StepPrediction:
    value: float
    grad_norm: float
    L: float
    lr: float
    predicted_first_order: float
    predicted_second_order: float
    actual: float | None
    stable: bool
    lr_bound: float | None


def predict_step(lr: float, f: Expr | Compiled | None = None, x0: Sequence[float] | None = None, variables: Variables = None,
                 value: float | None = None, grad_norm: float | None = None,
                 curvature: float | None = None) -> StepPrediction:
    """f after x1 = x0 - lr g: first order f - lr |g|^2, second order + lr^2/2 g^T H g, and the actual f(x1).

    Without f, the seeds' summary numbers (value, |g|, L) give the worst case
    g^T H g <= L |g|^2.
    """
    if not lr > 0:
        raise InputError(f"the learning rate must be positive, got {lr}")
    if f is None:
        if value is None or grad_norm is None or curvature is None or grad_norm < 0:
            raise InputError("give an expression and a point, or --value, --grad-norm and --curvature")
        quadratic, actual, L, fx, norm = curvature * grad_norm**2, None, curvature, value, grad_norm
    else:
        c = f if isinstance(f, Compiled) else compile(f, variables)
        x = np.asarray(x0, dtype=float)
        fx, g, H = c.value(x), c.gradient(x), c.hessian(x)
        if not (np.isfinite(fx) and np.isfinite(g).all() and np.isfinite(H).all()):
            raise MathError("f or its derivatives are undefined or infinite at the point")
        norm = float(np.linalg.norm(g))
        L = float(np.linalg.eigvalsh(H)[-1]) if len(x) else 0.0
        quadratic = float(g @ H @ g)
        actual = c.value(x - lr * g)
    first = fx - lr * norm**2
    bound = 2 / L if L > 0 else None
    return StepPrediction(fx, norm, L, lr, first, first + lr**2 * quadratic / 2, actual,
                          bound is None or lr < bound, bound)
