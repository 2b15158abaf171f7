"""Readings of curvature: critical points and their kinds, delta-method moments, step prediction.

>>> [p.kind for p in critical_points("x**2 - y**2")]
['saddle point']
>>> round(expectation("x**2", [1], [[2]]).second_order_value, 12)
3.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from .calculus import Expr, Variables, _inertia_exact, as_expression, describe_point, gradient, hessian, to_float
from .degenerate import INFLECTION, several, sign_of, univariate
from .errors import InputError, MathError
from .guard import check_point
from .numeric import Compiled, compile
from .parse import resolve_variables
from .simplify import OutOfTime, time_limit

if TYPE_CHECKING:
    from .critical import CriticalPoints

SOLVE_SECONDS = 2.0
KINDS = ("local minimum", "local maximum", "saddle point", INFLECTION, "degenerate")


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
    multipliers: dict[str, sp.Expr] | None = None  # Lagrange multipliers (critical --subject-to)


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


def _higher_order(f: sp.Expr, variables: list[sp.Symbol], point: dict, H: sp.Matrix,
                  inertia: tuple[int, int, int]) -> tuple[str, str]:
    """Decide a degenerate critical point by higher-order terms (``degenerate.py``), or say it is undecided."""
    if len(variables) == 1:
        return univariate(f, variables[0], point[variables[0]])
    if not all(e.is_Rational for e in H):
        return "degenerate", "undecided: Hessian singular (numerically) and not rational, so no exact null space"
    return several(f, variables, point, H, inertia)


def classify_point(f: Expr | Compiled, variables: Variables, point: dict[sp.Symbol, sp.Expr] | Sequence[float],
                   exact: bool = True, tol: float = 1e-8) -> CriticalPoint:
    """Classify one critical point: Hessian, then higher-order terms where it is singular (MathError if grad f != 0).

    Exact points get exact tests (``degenerate.py``); numeric ones get the float Hessian, and "undecided"
    where it is singular.

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
    if exact:
        signs = [sign_of(g) for g in grad_values]
        if None in signs and not any(signs):
            raise MathError(f"cannot decide exactly whether grad f = 0 at {describe_point(point)}")
    if exact and any(signs) or not exact and norm > max(tol, 1e-6):
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
    if H is not None and len(symbols) == 1:
        # One variable: the sign of f'' itself, then higher derivatives, decided exactly.
        kind, note = univariate(expr, symbols[0], point[symbols[0]])
    elif kind == "degenerate" and H is not None:
        kind, note = _higher_order(expr, symbols, point, H, inertia)
    elif kind == "degenerate":
        note = "undecided: the Hessian is singular at a numeric point, where higher-order terms prove nothing"
    f_exact = expr.xreplace(point) if exact else None
    value = to_float(f_exact) if exact else float(compiled.value(x))  # type: ignore[union-attr]
    coordinates = [to_float(point[v]) if exact else float(point[v]) for v in symbols]
    return CriticalPoint(dict(point), coordinates, value, values, kind, exact, exact_eigenvalues, note, f_exact)


def critical_points(f: Expr, variables: Variables = None, region: Sequence[tuple[float, float]] | None = None,
                    starts: int = 400, seconds: float = SOLVE_SECONDS) -> CriticalPoints:
    """Critical points of f, a list that also says whether the search was complete (``critical.search``)."""
    from .critical import search  # critical.py builds on this module's classification
    return search(f, variables, region, starts, seconds)


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
        result.monte_carlo = _monte_carlo(compile(expr, symbols), np.array(mu.T.tolist()[0], dtype=float),
                                          np.array(sigma.tolist(), dtype=float), samples, seed)
    return result


SAMPLE_BLOCK = 2**20  # numbers drawn at once (8 MiB): memory stays bounded for any --samples


def _monte_carlo(c: Compiled, mean: np.ndarray, sigma: np.ndarray, samples: int,
                 seed: int | None) -> dict[str, float]:
    """Mean, standard error and count of f(X) over ``samples`` Gaussian draws, drawn in blocks.

    One array of all draws took 2.8 GB for 12 variables x 10^7 samples; blocks of
    ~2^20 numbers are merged with Chan's update of (count, mean, squared deviations),
    and consecutive blocks take the generator's numbers in the same order one big draw would.

    >>> c = compile("x", ["x"])
    >>> _monte_carlo(c, np.zeros(1), np.eye(1), 1000, 1)["n"]
    1000
    """
    rng = np.random.default_rng(seed)
    block = max(1, SAMPLE_BLOCK // max(1, len(mean)))
    count, total_mean, squares = 0, 0.0, 0.0
    for start in range(0, samples, block):
        size = min(block, samples - start)
        draws = rng.multivariate_normal(mean, sigma, size=size, method="eigh")
        values = np.atleast_1d(c.value(draws))
        finite = values[np.isfinite(values)]
        if not finite.size:
            continue
        m = float(finite.mean())
        q = float(((finite - m) ** 2).sum())
        merged = count + finite.size
        delta = m - total_mean
        total_mean += delta * finite.size / merged
        squares += q + delta**2 * count * finite.size / merged
        count = merged
    if count < 2:
        raise MathError("f is not finite at the sampled points")
    return {"mean": total_mean, "stderr": math.sqrt(squares / (count - 1)) / math.sqrt(count), "n": int(count)}


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
