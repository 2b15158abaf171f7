"""Newton's method with the exact Hessian, dense or sparse (moved here from ``optimize``).

An Armijo line search damps the step; an indefinite or singular Hessian is
shifted by tau I until positive definite (Nocedal & Wright, Alg. 3.3), so no
step heads for a saddle; at a saddle the run leaves along negative curvature.
The Hessian is a NumPy array up to ``sparse_path.SPARSE_FROM`` variables and
scipy CSR above (when f's structure is sparse): then a banded Cholesky
(``banded``) where the pattern is a band, else sparse LU (``sparse``).
``from taylorcli.optimize import newton`` keeps working.

>>> r = newton("(x - 1)**2 + (y + 2)**2", [0, 0], pure=True)
>>> r.x.tolist(), r.nit
([1.0, -2.0], 1)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from .banded import Band
from .calculus import Expr, Variables
from .numeric import Compiled
from .optimize import OptimizeResult, _armijo, _below_rounding, _escape_note, _interruptible, _norm, _Run, _start
from .sparse import is_sparse, modified_newton_direction

TRIANGULAR_FROM = 50  # variables: from here SciPy's triangular solves (see _cholesky_solve)


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
        p = -_cholesky_solve(L, g)
        return p, tau, ("" if tau == 0 else f"H shifted by {tau:.3g} I")
    raise np.linalg.LinAlgError("no positive-definite shift found")


def _cholesky_solve(L: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(L L^T)^-1 g: two triangular solves above ``TRIANGULAR_FROM`` variables.

    NumPy has no triangular solve: its general solve factors L again (twice the
    work of the Cholesky, ~6 ms at n = 200 on a loaded machine); SciPy's costs
    0.3 s to import, more than small problems take in all.
    """
    if len(g) < TRIANGULAR_FROM:
        return np.linalg.solve(L.T, np.linalg.solve(L, g))
    from scipy.linalg import cho_solve

    return cho_solve((L, True), g, check_finite=False)


class _SparseSteps:
    """The sparse path's modified Newton direction: banded Cholesky where H's pattern is a band, else LU.

    The layout is found on the first Hessian of a run (the pattern is fixed),
    and found again only if a Hessian comes with another pattern.
    """

    def __init__(self) -> None:
        self.band: Band | None = None
        self.pattern: tuple[np.ndarray, np.ndarray] | None = None

    def __call__(self, H, g: np.ndarray) -> tuple[np.ndarray, float, str]:
        if not H.has_canonical_format:  # one sorted slot per entry (the band layout assigns, not adds)
            H.sum_duplicates()
        if self.pattern is None or not (H.indices is self.pattern[1] or (
                np.array_equal(H.indptr, self.pattern[0]) and np.array_equal(H.indices, self.pattern[1]))):
            self.pattern, self.band = (H.indptr, H.indices), Band.of(H)
        if self.band is None:
            return modified_newton_direction(H, g)
        return self.band.modified_newton_direction(H, g)


def _sparse_solve(H, g: np.ndarray) -> np.ndarray:
    from scipy.sparse.linalg import splu

    try:
        p = -splu(H.tocsc()).solve(g)
    except RuntimeError:  # exactly singular
        raise np.linalg.LinAlgError("singular") from None
    if not np.all(np.isfinite(p)):
        raise np.linalg.LinAlgError("singular")
    return p


def newton(f: Expr | Compiled, x0: Sequence[float], variables: Variables = None, tol: float = 1e-8,
           max_iter: int = 500, pure: bool = False,
           progress: Callable[[int], None] | None = None) -> OptimizeResult:
    """Newton's method with the exact Hessian.

    By default an Armijo line search damps the step, an indefinite or singular
    Hessian is shifted until positive definite, and at a saddle (gradient zero,
    negative curvature) the step follows the most negative curvature direction.
    ``pure`` takes the undamped step x - H^-1 g, and stops at whatever
    stationary point it reaches: a saddle is reported, not left.
    """
    c, x = _start(f, x0, variables)
    run = _Run("newton", c, x, tol)
    result = _interruptible(run, lambda: _newton(run, max_iter, pure, progress))
    result.hessian = "sparse" if c.backend.endswith("sparse") else "dense"
    return result


def _newton(run: _Run, max_iter: int, pure: bool, progress: Callable[[int], None] | None) -> OptimizeResult:
    c, tol = run.c, run.tol
    step, note = 0.0, ""
    sparse_steps = _SparseSteps()
    for k in range(max_iter + 1):
        run.nit = k
        x, fx, g = run.point
        H = c.hessian(x)
        sparse = is_sparse(H)
        if not (math.isfinite(fx) and np.all(np.isfinite(g)) and np.all(np.isfinite(H.data if sparse else H))):
            run.record(step, None, note)
            return run.finish(run.judge(), "f or its derivatives are not finite")
        if sparse:  # the trace's smallest eigenvalue at the end only: ARPACK per step costs more than the step
            min_eig = None
        else:
            min_eig = float(np.linalg.eigvalsh(H)[0]) if len(x) else 0.0
        run.record(step, min_eig, note, lazy=True)
        escaping = False
        if _norm(g) <= tol:
            verdict = run.judge(H)
            if verdict.success or pure or k == max_iter:
                return run.finish(verdict, f"maximum iterations ({max_iter}) reached")
            x_new = run.escape(verdict)
            if x_new is None:
                return run.finish(verdict)
            escaping, note = True, _escape_note(verdict)
        elif pure:
            try:
                p = _sparse_solve(H, g) if sparse else -np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                return run.finish(run.judge(H), "the Hessian is singular")
            note = ""
        else:
            p, _, note = (sparse_steps if sparse else _modified_newton_direction)(H, g)
        if k == max_iter:
            break
        accepted: list[float] = []  # f at the point the line search accepted
        if not escaping:
            alpha = 1.0 if pure else _armijo(c, x, fx, g, p, accepted)
            if not pure and alpha != 1.0 and _below_rounding(c, x, fx, g, p):
                alpha, accepted = 1.0, []
            if alpha is None:
                return run.finish(run.judge(H), "line search found no decrease")
            x_new = x + alpha * p
            if np.array_equal(x_new, x):
                return run.finish(run.judge(H), "no progress: the step is below floating-point resolution")
        step = _norm(x_new - x)
        run.point = (x_new, accepted[0] if accepted else c.value(x_new), c.gradient(x_new))
        if progress:
            progress(k + 1)
    return run.finish(run.judge(), f"maximum iterations ({max_iter}) reached")
