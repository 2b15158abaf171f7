"""The Laplace approximation of I(n) = integral of exp(-n f(x)) dx, over the set where f is finite.

At the minimiser x* of f, with H = f''(x*) positive definite and d variables,

    log I ~ -n f(x*) + (d/2) log(2 pi / n) - (1/2) log det H

and, with --correction, the next order (g = H^-1, f_ijk, f_ijkl the third and fourth partials at x*):

    + (1/n) [ -(1/8) f_ijkl g^ij g^kl + (1/8) f_ijk f_lmn g^ij g^kl g^mn + (1/12) f_ijk f_lmn g^il g^jm g^kn ]

which in one variable is (1/n)(5 f3^2 / (24 f2^3) - f4 / (8 f2^2)). The normalised density is close to the
Gaussian N(x*, (n H)^-1).

>>> r = laplace("x - log(x)", x0=[2], n=10, correction=True)
>>> r.x_star_exact, round(r.correction, 12)
([1], 0.008333333333)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import mpmath
import numpy as np
import sympy as sp

from .calculus import Expr, Variables, _inertia_exact, as_expression, gradient, hessian, to_float
from .errors import InputError, MathError
from .numeric import Compiled, compile
from .parse import resolve_variables
from .simplify import OutOfTime, time_limit

MAX_CORRECTION_VARIABLES = 6  # d^4 fourth partials


@dataclass
class Laplace:
    """The approximation; ``*_exact`` fields are SymPy values where x* and H(x*) are known exactly, else None."""

    expression: sp.Expr
    variables: list[sp.Symbol]
    n: sp.Expr
    x0: list[float]
    x_star: list[float]
    value: float
    hessian: list[list[float]]
    log_integral: float
    covariance: list[list[float]]
    correction: float | None = None  # the O(1/n) term added to log I
    x_star_exact: list[sp.Expr] | None = None
    value_exact: sp.Expr | None = None
    log_integral_exact: sp.Expr | None = None
    covariance_exact: list[list[sp.Expr]] | None = None
    correction_exact: sp.Expr | None = None
    check: dict | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def integral(self) -> float:
        return _exp(self.log_integral)

    @property
    def log_integral_corrected(self) -> float | None:
        return None if self.correction is None else self.log_integral + self.correction


def _exp(x: float) -> float:
    return math.exp(x) if x < 709 else math.inf  # JSON writes null for inf


def _minimiser(c: Compiled, x0: Sequence[float]) -> np.ndarray:
    from .optimize import newton
    result = newton(c, x0)
    if result.verdict != "minimum":
        raise MathError(f"no verified local minimum of f from x0: {result.message}")
    return result.x


def _exact_minimiser(expr: sp.Expr, symbols: list[sp.Symbol], x: np.ndarray) -> dict | None:
    """x* exactly (linear gradient, SymPy's solve, or recognised digits), if it matches the numeric one."""
    from .critical import _exact_solutions, _Refiner, _recognize
    scale = 1.0 + float(np.linalg.norm(x))

    def near(point: dict) -> bool:
        values = [to_float(point[v]) for v in symbols]
        return all(v is not None for v in values) and np.linalg.norm(np.array(values) - x) <= 1e-6 * scale

    try:
        grad = gradient(expr, symbols)
        if all(sp.Poly(g, *symbols).total_degree() <= 1 for g in grad if g != 0):
            solution = sp.linsolve(grad, symbols)
            if solution != sp.EmptySet:
                (values,) = tuple(solution)
                if not any(v.free_symbols for v in values):
                    return dict(zip(symbols, values))
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        pass
    for point in _exact_solutions(expr, symbols, 2.0):
        if near(point):
            return point
    try:
        refined = _Refiner(expr, symbols)(x)
    except (NameError, TypeError, ValueError, KeyError):
        return None
    if refined is None:
        return None
    point = _recognize(expr, symbols, refined[0])
    return point if point is not None and near(point) else None


def _tidy(value: sp.Expr) -> sp.Expr:
    try:
        with time_limit(2.0):
            return sp.simplify(value)
    except OutOfTime:
        return value


def _correction(expr: sp.Expr, symbols: list[sp.Symbol], point: dict, H: sp.Matrix) -> sp.Expr:
    """The O(1/n) coefficient from third and fourth partials at ``point`` (exact or 30-digit floats)."""
    d = len(symbols)
    g = H.inv()
    third = {}
    for idx in itertools.combinations_with_replacement(range(d), 3):
        third[idx] = sp.diff(expr, *[symbols[i] for i in idx])
    fourth = {}
    for idx in itertools.combinations_with_replacement(range(d), 4):
        below = third[idx[:3]]
        fourth[idx] = sp.diff(below, symbols[idx[3]]).xreplace(point)
    third = {k: v.xreplace(point) for k, v in third.items()}

    def f3(*i: int) -> sp.Expr:
        return third[tuple(sorted(i))]

    def f4(*i: int) -> sp.Expr:
        return fourth[tuple(sorted(i))]

    r = range(d)
    a = sum(f4(i, j, k, l) * g[i, j] * g[k, l] for i in r for j in r for k in r for l in r)
    # v_i = f_ijk g^jk: the (1/8) term is v^T g v
    v = [sum(f3(i, j, k) * g[j, k] for j in r for k in r) for i in r]
    b = sum(v[i] * g[i, l] * v[l] for i in r for l in r)
    c = sum(f3(i, j, k) * f3(l, m, o) * g[i, l] * g[j, m] * g[k, o]
            for i in r for j in r for k in r for l in r for m in r for o in r)
    return -a / 8 + b / 8 + c / 12


def laplace(f: Expr, variables: Variables = None, x0: Sequence[float] | None = None, n: Expr = 1,
            correction: bool = False, check: bool = False, samples: int = 200_000, seed: int = 0) -> Laplace:
    """The Laplace approximation of the integral of exp(-n f) (MathError without a verified minimum)."""
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    extra = expr.free_symbols - set(symbols)
    if extra:
        raise InputError(f"give every symbol a value or list it as a variable: {', '.join(sorted(map(str, extra)))}")
    n_exact = as_expression(n)
    n_value = to_float(n_exact)
    if n_exact.free_symbols or n_value is None or not n_value > 0:
        raise InputError("n must be a positive number")
    d = len(symbols)
    start = [0.0] * d if x0 is None else [float(v) for v in x0]
    c = compile(expr, symbols)
    x = _minimiser(c, start)
    exact = _exact_minimiser(expr, symbols, x)
    notes: list[str] = []
    if exact is not None:
        H_exact = hessian(expr, symbols).xreplace(exact)
        inertia = _inertia_exact(H_exact)
        if inertia is not None and inertia[0] != d:
            raise MathError("the Hessian at the minimiser is not positive definite: no Laplace approximation")
        x = np.array([to_float(exact[v]) for v in symbols])
    H = np.array(c.hessian(x), dtype=float)
    eig = np.linalg.eigvalsh(H)
    if not eig.min() > 1e-10 * max(1.0, float(np.abs(eig).max())):
        raise MathError("the Hessian at the minimiser is not positive definite: no Laplace approximation")
    value = float(c.value(x))
    sign, logdet = np.linalg.slogdet(H)
    log_integral = -n_value * value + d / 2 * math.log(2 * math.pi / n_value) - logdet / 2
    result = Laplace(expr, symbols, n_exact, start, x.tolist(), value, H.tolist(), log_integral,
                     np.linalg.inv(n_value * H).tolist(), notes=notes)
    if exact is not None:
        result.x_star_exact = [exact[v] for v in symbols]
        result.value_exact = _tidy(expr.xreplace(exact))
        result.log_integral_exact = _tidy(-n_exact * result.value_exact + sp.Rational(d, 2) * sp.log(2 * sp.pi / n_exact)
                                          - sp.log(H_exact.det()) / 2)
        result.covariance_exact = [[_tidy(e) for e in row] for row in (n_exact * H_exact).inv().tolist()]
        exact_value = to_float(result.value_exact)
        result.value = exact_value if exact_value is not None else result.value
        exact_log = to_float(result.log_integral_exact)
        if exact_log is not None:
            result.log_integral = exact_log
    if correction:
        if d > MAX_CORRECTION_VARIABLES:
            raise InputError(f"--correction takes at most {MAX_CORRECTION_VARIABLES} variables")
        if exact is not None:
            term = _tidy(_correction(expr, symbols, exact, H_exact))
            result.correction_exact = _tidy(term / n_exact)
            result.correction = to_float(result.correction_exact)
        if result.correction is None:
            point = {v: sp.Float(float(a), 30) for v, a in zip(symbols, x)}
            H30 = hessian(expr, symbols).xreplace(point)
            result.correction = float(_correction(expr, symbols, point, H30)) / n_value
            result.correction_exact = None
    if check:
        result.check = numeric_integral(c, x, value, np.array(result.covariance), n_value, samples, seed)
    return result


def numeric_integral(c: Compiled, x: np.ndarray, value: float, cov: np.ndarray, n: float, samples: int = 200_000,
                     seed: int = 0) -> dict:
    """log of the integral of exp(-n f) by quadrature (1-2 variables) or importance sampling (more).

    The integrand is exp(-n (f - f(x*))) (rescaled so it is 1 at x*), and 0 where f is not finite
    (outside its domain). Quadrature covers x* +- 40 standard deviations of the Gaussian per axis.
    """
    d = len(x)

    def g(*args: float) -> float:
        with np.errstate(all="ignore"):
            fx = float(c.value(np.array(args, dtype=float)))
        return math.exp(min(700.0, -n * (fx - value))) if math.isfinite(fx) else 0.0

    sd = np.sqrt(np.diag(cov))
    lo, hi = x - 40 * sd, x + 40 * sd
    from scipy import integrate
    if d == 1:
        total, error = integrate.quad(g, lo[0], hi[0], points=[x[0]], limit=400, epsabs=0, epsrel=1e-11)
        method = "scipy.integrate.quad on x* +- 40 sd"
    elif d == 2:
        total, error = integrate.dblquad(lambda b, a: g(a, b), lo[0], hi[0], lo[1], hi[1], epsabs=0, epsrel=1e-9)
        method = "scipy.integrate.dblquad on x* +- 40 sd per axis"
    else:
        # Importance sampling from the Laplace Gaussian with doubled covariance (heavier than the target).
        rng = np.random.default_rng(seed)
        proposal = 2 * cov
        draws = rng.multivariate_normal(x, proposal, size=samples, method="eigh")
        inv = np.linalg.inv(proposal)
        _, logdet = np.linalg.slogdet(2 * math.pi * proposal)
        centred = draws - x
        log_q = -0.5 * np.einsum("ij,jk,ik->i", centred, inv, centred) - logdet / 2
        weights = np.array([g(*row) for row in draws]) / np.exp(log_q)
        total, error = float(weights.mean()), float(weights.std(ddof=1) / math.sqrt(samples))
        method = f"Monte Carlo, {samples} Gaussian importance samples (seed {seed})"
    if not total > 0:
        raise MathError("the numeric integral is 0: cannot check")
    return {"log_integral": math.log(total) - n * value, "log_error": error / total, "method": method}
