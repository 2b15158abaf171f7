"""Curvature from Hessian-vector products: extreme eigenvalues, and the verdict at large n.

Lanczos (SciPy's ``eigsh`` on a ``LinearOperator`` of exact products H v)
finds the smallest and largest Hessian eigenvalues in O(n) memory; at most
``DENSE_LIMIT`` variables the dense Hessian assembled from n products is
used instead (exact, and cheap at that size). ``judge_by_products`` is
``verdict.judge`` for large n on the Hessian-free path: the same rules
(small gradient, no negative eigenvalue, a trusted Newton step or probes),
with the Newton step solved by conjugate gradients instead of a factorisation.

>>> from taylorcli.hvp import compile_first_order
>>> c = compile_first_order("x**2 + 5*y**2", ["x", "y"])
>>> [round(v, 9) for v in extreme_eigenvalues(c, [0.0, 0.0])]
[2.0, 10.0]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .hvp import DENSE_LIMIT, HessianFree
from .verdict import (NULL, RELATIVE, SHORT, UNBOUNDED, Verdict, _descending_eigenvector, _falls_without_bound,
                      _significant_decrease, _size, _unit, _value)

LANCZOS_TOL = 1e-10  # relative accuracy asked of eigsh


def _lanczos(c: HessianFree, x: np.ndarray, which: str, counted: bool) -> tuple[float, np.ndarray]:
    from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh

    n = len(x)
    start = np.random.default_rng(n).standard_normal(n)  # deterministic, and not orthogonal to anything
    start /= np.linalg.norm(start)
    with np.errstate(all="ignore"):
        image = c._hvp(x, start)  # type: ignore[misc]
    if not np.all(np.isfinite(image)):
        return math.nan, start
    if not np.any(image):  # H start = 0: ARPACK breaks down on the zero Krylov vector (x**4 at 0)
        return (0.0, start) if n == 1 or _zero_operator(c, x) else _lanczos_shifted(c, x, which, counted)
    try:
        values, vectors = eigsh(c.operator(x, counted), k=1, which=which, tol=LANCZOS_TOL, v0=start,
                                maxiter=max(1000, 20 * n))
    except ArpackNoConvergence as error:  # the best estimate so far, if any
        if not len(error.eigenvalues):
            return math.nan, start
        values, vectors = error.eigenvalues, error.eigenvectors
    except ArpackError:  # an invariant subspace ARPACK cannot restart from
        return _lanczos_shifted(c, x, which, counted)
    return float(values[0]), vectors[:, 0]


def _zero_operator(c: HessianFree, x: np.ndarray) -> bool:
    """Whether H(x) = 0: products with a few random vectors all vanish."""
    rng = np.random.default_rng(len(x) + 1)
    return not any(np.any(c._hvp(x, rng.standard_normal(len(x)))) for _ in range(3))  # type: ignore[misc]


def _lanczos_shifted(c: HessianFree, x: np.ndarray, which: str, counted: bool) -> tuple[float, np.ndarray]:
    """Eigenpair of H + I (no breakdown on a zero column space), shifted back."""
    from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, LinearOperator, eigsh

    n = len(x)
    if _zero_operator(c, x):
        return 0.0, np.ones(n) / math.sqrt(n)
    H = c.operator(x, counted)
    shifted = LinearOperator((n, n), matvec=lambda v: H.matvec(v) + np.ravel(v), dtype=float)  # type: ignore[attr-defined]
    try:
        values, vectors = eigsh(shifted, k=1, which=which, tol=LANCZOS_TOL, maxiter=max(1000, 20 * n))
    except (ArpackError, ArpackNoConvergence):
        return math.nan, np.ones(n) / math.sqrt(n)
    return float(values[0]) - 1.0, vectors[:, 0]


def smallest_eigenpair(c: HessianFree, x: Sequence[float] | np.ndarray,
                       counted: bool = True) -> tuple[float, np.ndarray]:
    """The smallest Hessian eigenvalue at x and its unit eigenvector."""
    x = np.asarray(x, dtype=float)
    if len(x) <= DENSE_LIMIT:
        H = _dense(c, x, counted)
        if H is None:
            return math.nan, np.zeros(len(x))
        values, vectors = np.linalg.eigh(H)
        return float(values[0]), vectors[:, 0]
    return _lanczos(c, x, "SA", counted)


def _dense(c: HessianFree, x: np.ndarray, counted: bool) -> np.ndarray | None:
    """The dense Hessian at small n (n products' worth of work), or None where it is not finite."""
    with np.errstate(all="ignore"):
        H = c._hessian(x)
    if counted:
        c.nhev += len(x)
    return H if np.all(np.isfinite(H)) else None


def extreme_eigenvalues(c: HessianFree, x: Sequence[float] | np.ndarray,
                        counted: bool = True) -> tuple[float, float]:
    """(smallest, largest) Hessian eigenvalue at x from exact products, never a dense H at large n.

    ``counted``: whether the products count in ``c.nhev`` (a method's work, not a verdict's).
    """
    x = np.asarray(x, dtype=float)
    if not len(x):
        return 0.0, 0.0
    if len(x) <= DENSE_LIMIT:
        H = _dense(c, x, counted)
        if H is None:
            return math.nan, math.nan
        values = np.linalg.eigvalsh(H)
        return float(values[0]), float(values[-1])
    return _lanczos(c, x, "SA", counted)[0], _lanczos(c, x, "LA", counted)[0]


def _newton_step(c: HessianFree, x: np.ndarray, g: np.ndarray) -> np.ndarray | None:
    from scipy.sparse.linalg import cg

    step, info = cg(c.operator(x, counted=False), -g, rtol=1e-12, atol=0.0, maxiter=10 * len(x))
    return step if info == 0 and np.all(np.isfinite(step)) else None


def _model_holds(c: HessianFree, x: np.ndarray, fx: float, p: np.ndarray, zero: float) -> bool:
    # verdict._model_holds with the smallest eigenvalue by Lanczos instead of eigvalsh.
    if not float(np.linalg.norm(p)) <= SHORT * max(1.0, _size(x)):
        near, far = _value(c, x + p), _value(c, x + 3 * p)
        if not (near <= fx and far > near):
            return False
    for point in (x + 3 * p, x - 3 * p):
        smallest, _ = smallest_eigenpair(c, point, counted=False)
        if not smallest > zero:
            return False
    return True


def judge_by_products(c: HessianFree, x: Sequence[float] | np.ndarray, tol: float,
                      direction: np.ndarray | None = None) -> Verdict:
    """``verdict.judge`` on Hessian-vector products (for more than ``DENSE_LIMIT`` variables)."""
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        fx = _value(c, x)
        g = np.asarray(c._gradient(x), dtype=float)
        gnorm = float(np.linalg.norm(g))
    travel = _unit(direction)
    if fx == -math.inf or fx < UNBOUNDED:
        return Verdict("unbounded", f"f appears unbounded below along the path (f = {fx:.3g} at |x| = {_size(x):.3g})")
    if not (math.isfinite(fx) and np.all(np.isfinite(g))):
        return Verdict("not converged", "f or its gradient is not finite at the final point")
    if gnorm > tol:
        away = travel if travel is not None else _unit(-g)
        if away is not None and _falls_without_bound(c, x, fx, away):
            return Verdict("unbounded", "f appears unbounded below along the path "
                           f"(|grad f| = {gnorm:.2e}, f still falling at |x| = {_size(x):.3g})")
        return Verdict("not converged", f"|grad f| = {gnorm:.2e} > tol ({tol:.2g})")
    with np.errstate(all="ignore"):
        min_eig, vector = smallest_eigenpair(c, x, counted=False)
        max_eig = _lanczos(c, x, "LA", False)[0]
    if not (math.isfinite(min_eig) and math.isfinite(max_eig)):
        return Verdict("undetermined", f"|grad f| = {gnorm:.2e} but the Hessian products are not finite here: "
                       "cannot verify a minimum")
    largest = max(abs(min_eig), abs(max_eig))
    zero = RELATIVE * largest
    if min_eig < -zero:
        descent = _descending_eigenvector(c, x, vector)
        if max_eig <= zero:
            return Verdict("maximum", f"local maximum: every Hessian eigenvalue is <= 0 (smallest {min_eig:.4g})",
                           min_eig, descent)
        return Verdict("saddle", f"saddle point: Hessian has a negative eigenvalue {min_eig:.4g}", min_eig, descent)
    newton_step = None
    if min_eig > zero:
        newton_step = _newton_step(c, x, g)
        if newton_step is not None and _model_holds(c, x, fx, newton_step, zero):
            return Verdict("minimum", f"local minimum: |grad f| = {gnorm:.2e}, Hessian positive definite "
                           f"(smallest eigenvalue {min_eig:.4g}, by Lanczos on exact H.v products)", min_eig)
    probes = [vector] if min_eig <= NULL * largest else []
    probes += [v for v in (travel, _unit(newton_step)) if v is not None]
    for d in probes:
        step = _significant_decrease(c, x, fx, gnorm, largest, d)
        if step is not None:
            return Verdict("saddle", "not a minimum: f decreases along a direction where the Hessian is "
                           f"singular (degenerate saddle; smallest eigenvalue {min_eig:.3g})", min_eig, step)
    why = "Hessian singular" if min_eig <= zero else "Hessian nearly singular nearby"
    return Verdict("degenerate", f"degenerate minimum candidate: |grad f| = {gnorm:.2e}, {why} (smallest "
                   f"eigenvalue {min_eig:.3g}), and f does not decrease along the probed directions", min_eig)
