"""Sparse exact Hessians for sums of terms that each touch a few variables.

A term's Hessian is dense only on its own variables, so the Hessian of
f = sum of terms has its nonzeros where two variables meet in a term. Terms
that are the same up to renaming their variables (chained Rosenbrock's
100*(x_{i+1} - x_i**2)**2 for every i) share one *shape*: it is differentiated
and compiled once (SymEngine, arguments named _v0, _v1, ... as in
``compiled``), then evaluated on all its terms at once over index arrays. So
chained Rosenbrock, extended Powell or a banded least squares build in O(n);
a sum of unrelated terms still works, one compilation per distinct shape.

The values come back in a fixed CSR pattern (``pattern``): duplicates (two
terms meeting on the same pair) are summed by ``np.bincount`` into their slot.

>>> import sympy as sp
>>> from taylorcli.parse import parse_expression, symbol
>>> xs = [symbol(f"x{i}") for i in range(1, 5)]
>>> s = compile_sparse(parse_expression("(x1 - x2)**2 + (x2 - x3)**2 + (x3 - x4)**2"), xs)
>>> s.hessian([0.0, 0, 0, 0]).toarray().tolist()[1]
[-2.0, 4.0, -2.0, 0.0]
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .compiled import _engine_callable, _sympy_callable

_log = logging.getLogger(__name__)


@dataclass
class _Shape:
    """One term shape: its callables on local variables and the index rows of its terms."""

    k: int
    index: np.ndarray  # (m, k) global variable indices, one row per term
    value: object
    gradient: object
    hessian: object
    term: sp.Expr = None  # the canonical term, in _v0, _v1, ... (for checking the compiled code)
    local: list = None  # those symbols


@dataclass
class SparseHessian:
    """f, its gradient and its sparse Hessian (scipy CSR in a fixed pattern) from term shapes.

    ``shapes`` is the number of distinct term shapes compiled.
    """

    n: int
    parts: list[_Shape]
    constant: float
    rows: np.ndarray = field(repr=False, default=None)  # CSR pattern
    indptr: np.ndarray = field(repr=False, default=None)
    indices: np.ndarray = field(repr=False, default=None)
    slots: list[np.ndarray] = field(repr=False, default_factory=list)  # COO entry -> CSR slot, per shape

    @property
    def shapes(self) -> int:
        return len(self.parts)

    @property
    def nnz(self) -> int:
        return len(self.indices)

    def value(self, x: Sequence[float] | np.ndarray) -> float:
        x = np.asarray(x, dtype=float)
        return float(self.constant + sum(np.sum(p.value(x[p.index])) for p in self.parts))

    def gradient(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        g = np.zeros(self.n)
        for p in self.parts:  # bincount: np.add.at is ~10x slower at summing into repeated indices
            g += np.bincount(p.index.ravel(), weights=p.gradient(x[p.index]).ravel(), minlength=self.n)
        return g

    def hessvec(self, x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray) -> np.ndarray:
        """H(x) w term by term: each term's k x k Hessian times its k entries of w, summed into
        place. No n x n matrix is formed, not even a sparse one: memory O(terms * k**2).

        >>> from taylorcli.parse import parse_expression, symbol
        >>> xs = [symbol(f"x{i}") for i in range(1, 4)]
        >>> s = compile_sparse(parse_expression("x1**2*x2 + (x2 - x3)**2"), xs)
        >>> s.hessvec([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]).tolist()  # the first column: 2 x2, 2 x1, 0
        [4.0, 2.0, 0.0]
        """
        x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
        if x.ndim > 1 or w.ndim > 1:  # a batch of points or vectors: one product each
            return np.stack([self.hessvec(a, b) for a, b in zip(*np.broadcast_arrays(x, w))])
        out = np.zeros(self.n)
        for p in self.parts:
            local = np.einsum("mab,mb->ma", p.hessian(x[p.index]), w[p.index])
            out += np.bincount(p.index.ravel(), weights=local.ravel(), minlength=self.n)
        return out

    def hessian(self, x: Sequence[float] | np.ndarray):
        """The Hessian at x as a scipy.sparse CSR matrix (explicit zeros kept: the pattern is fixed)."""
        import scipy.sparse

        x = np.asarray(x, dtype=float)
        data = np.zeros(self.nnz)
        for p, slot in zip(self.parts, self.slots):
            data += np.bincount(slot, weights=p.hessian(x[p.index]).ravel(), minlength=self.nnz)
        return scipy.sparse.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))


def _skeleton(e: sp.Basic, slots: dict) -> object:
    """e's tree with each symbol replaced by its slot (order of first appearance) in ``slots``.

    Two terms with the same skeleton and the same slot -> local index map become the very
    same tree once their variables are renamed _v0, _v1, ... (so the same canonical term),
    which this tells without building and evaluating that renamed tree for every term.
    """
    if e.is_Symbol:
        return slots.setdefault(e, len(slots))
    cls = type(e)
    if not e.args or cls._hashable_content not in _ARGS_ONLY:
        return (cls, e)  # a number, or a node holding more than its arguments: itself
    return (cls, *[_skeleton(a, slots) for a in e.args])


# Nodes that are nothing but their class and arguments (Add, Mul, Pow, functions).
_ARGS_ONLY = (sp.Basic._hashable_content, sp.Expr._hashable_content)


def term_groups(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> tuple[dict, sp.Expr] | None:
    """The terms of expr grouped by shape: ({canonical term: [index rows]}, constant part), or None
    if expr has a symbol that is not one of ``variables``.

    Renamed in index order: x_i*x_{i+1} and x_j*x_{j+5} are one shape, _v0*_v1; each term
    keeps its own index row, so offsets need not match. The canonical term is built (renamed
    and evaluated by SymPy) once per skeleton (``_skeleton``), not once per term: groups,
    their order and their rows are the same as renaming every term would give.
    """
    position = {v: i for i, v in enumerate(variables)}
    groups: dict[sp.Expr, list[list[int]]] = {}
    constant = sp.Integer(0)
    placeholders = [sp.Symbol(f"_v{i}", real=True) for i in range(len(variables) + 1)]
    canonical_of: dict[object, sp.Expr] = {}
    for term in sp.Add.make_args(expr):
        slots: dict[sp.Symbol, int] = {}
        try:
            skeleton = _skeleton(term, slots)
        except RecursionError:
            return None
        if not slots:
            constant += term
            continue
        try:
            at = [position[s] for s in slots]
        except KeyError:
            return None
        own = sorted(at)
        key = (skeleton, tuple(own.index(j) for j in at))
        canonical = canonical_of.get(key)
        if canonical is None:
            canonical = canonical_of[key] = term.xreplace({variables[j]: placeholders[a] for a, j in enumerate(own)})
        groups.setdefault(canonical, []).append(own)
    return groups, constant


def _shapes(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> tuple[dict, float]:
    """Group the terms of expr by shape: {canonical term: (k, [index rows])}, and the constant part."""
    found = term_groups(expr, variables)
    if found is None:
        raise KeyError("a symbol of expr is not a variable")
    groups, constant = found
    return groups, float(constant)


def compile_sparse(expr: sp.Expr, variables: Sequence[sp.Symbol],
                   groups: tuple[dict, sp.Expr] | None = None) -> SparseHessian:
    """Compile f's value, gradient and sparse Hessian shape by shape (see the module doc).

    ``groups``: ``term_groups(expr, variables)`` if the caller has it already.
    """
    import symengine
    from symengine.lib.symengine_wrapper import sympy2symengine

    n = len(variables)
    groups, constant = _shapes(expr, variables) if groups is None else (groups[0], float(groups[1]))
    parts: list[_Shape] = []
    for canonical, rows in groups.items():
        k = len(rows[0])
        local = [sp.Symbol(f"_v{i}", real=True) for i in range(k)]
        try:
            xs = [symengine.Symbol(f"_v{i}") for i in range(k)]
            term = sympy2symengine(canonical)
            grad = [term.diff(v) for v in xs]
            hess = [grad[a].diff(xs[b]) for a in range(k) for b in range(k)]
            value, _ = _engine_callable(xs, [term], ())
            gradient, _ = _engine_callable(xs, grad, (k,))
            hessian, _ = _engine_callable(xs, hess, (k, k))
        except (RuntimeError, TypeError, ValueError):  # not compilable by SymEngine: SymPy's lambdify
            grad_sp = [canonical.diff(v) for v in local]
            value = _sympy_callable(local, [canonical], ())
            gradient = _sympy_callable(local, grad_sp, (k,))
            hessian = _sympy_callable(local, [grad_sp[a].diff(local[b]) for a in range(k) for b in range(k)],
                                      (k, k))
        parts.append(_Shape(k, np.array(rows, dtype=np.int64).reshape(len(rows), k), value, gradient, hessian,
                            canonical, local))
    result = SparseHessian(n, parts, constant)
    # The pattern: every (i, j) that two variables of one term make, with the diagonal
    # (a shift tau*I in Newton needs it), sorted row-major; each COO entry's slot in it.
    keys = [np.arange(n, dtype=np.int64) * (n + 1)]
    entry_keys = []
    for p in parts:
        r = np.repeat(p.index, p.k, axis=1)  # (m, k*k): row of entry (a, b) is index[:, a]
        c = np.tile(p.index, (1, p.k))
        entry_keys.append((r * n + c).ravel())
        keys.append(entry_keys[-1])
    unique = np.unique(np.concatenate(keys))
    result.indices = (unique % n).astype(np.int32)
    result.indptr = np.searchsorted(unique // n, np.arange(n + 1)).astype(np.int32)
    result.slots = [np.searchsorted(unique, e) for e in entry_keys]
    _log.debug("sparse Hessian: %d term shape(s), %d structural nonzeros of %d", len(parts), len(unique), n * n)
    return result


# --- linear algebra on the sparse path ----------------------------------------------------------


def is_sparse(H: object) -> bool:
    """Whether H is a scipy.sparse matrix (the sparse Newton path).

    Without importing scipy.sparse (0.35 s of every dense run's start-up): a
    sparse H was made by it, so it is imported already if H is one.
    """
    module = sys.modules.get("scipy.sparse")
    return module is not None and bool(module.issparse(H))


def extreme_eigen(H) -> tuple[np.ndarray, np.ndarray]:
    """The smallest and largest eigenvalues of a sparse symmetric H, with their vectors (columns 0, 1).

    ARPACK (eigsh), never a dense eig, ordered as ``np.linalg.eigh`` orders them. The
    smallest is the largest of |lambda|max I - H, the end ARPACK converges on fast.
    """
    from scipy.sparse.linalg import eigsh

    n = H.shape[0]
    if n <= 200:  # ARPACK needs k < n; small matrices are cheap dense
        values, vectors = np.linalg.eigh(H.toarray())
        return values[[0, -1]], vectors[:, [0, -1]]
    v0 = np.ones(n) / np.sqrt(n)  # deterministic start
    # The top of a Hessian's spectrum often clusters (chained Rosenbrock at its minimum, n = 10,000:
    # thousands of eigenvalues near 1802), where ARPACK's residual test at tol 1e-8 took 66 s and
    # 1e-6 13 s for what is only a scale here (the shift, and the verdict's "zero"); tol 1e-4
    # bounds the residual, and the Ritz value converges faster than it (0.14 s, 1e-5 relative).
    big = abs(float(eigsh(H, k=1, which="LM", v0=v0, return_eigenvectors=False, tol=1e-4)[0]))
    hi, top = eigsh(H, k=1, which="LA", v0=v0, tol=1e-4, maxiter=20 * n)
    from .banded import Band, smallest_eigenpair

    band = Band.of(H)
    if band is not None:  # the smallest exactly, by bisection on Cholesky (no gap needed)
        value, vector = smallest_eigenpair(H, band, big)
        return np.array([value, float(hi[0])]), np.column_stack([vector, top[:, 0]])
    shifted, low = eigsh(big * _identity(n) - H, k=1, which="LA", v0=v0, tol=1e-10, maxiter=20 * n)
    return np.array([big - float(shifted[0]), float(hi[0])]), np.column_stack([low[:, 0], top[:, 0]])


def spsolve(H, g: np.ndarray) -> np.ndarray:
    """H^-1 g for a sparse H (LU)."""
    from scipy.sparse.linalg import splu

    return splu(H.tocsc()).solve(g)


def _identity(n: int):
    import scipy.sparse

    return scipy.sparse.identity(n, format="csr")


def modified_newton_direction(H, g: np.ndarray) -> tuple[np.ndarray, float, str]:
    """Solve (H + tau I) p = -g (sparse LU) with the smallest tau, from 0 doubling, that gives a
    factorisation whose pivots are all positive and a descent step.

    splu does not pivot for symmetry, so the pivots alone are no proof of positive
    definiteness; the step must also satisfy g.p < 0 and p^T (H + tau I) p > 0. The
    verdict at the end checks the Hessian's smallest eigenvalue with eigsh.
    """
    from scipy.sparse.linalg import splu

    n = len(g)
    diag = H.diagonal()
    beta = 1e-3 * max(1.0, float(np.max(np.abs(diag)))) if n else 1.0
    smallest = float(np.min(diag)) if n else 0.0
    tau = 0.0 if smallest > 0 else beta - smallest
    for _ in range(100):
        A = (H + tau * _identity(n)).tocsc()
        try:
            # Symmetric ordering, diagonal pivots only: U's diagonal is D of P A P^T = L D L^T,
            # whose signs are A's inertia (Sylvester) when no pivot was forced.
            lu = splu(A, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0, options={"SymmetricMode": True})
            pivots = lu.U.diagonal()
            if np.all(pivots > 0):
                p = -lu.solve(g)
                if np.all(np.isfinite(p)) and float(g @ p) < 0 and float(p @ (A @ p)) > 0:
                    return p, tau, ("" if tau == 0 else f"H shifted by {tau:.3g} I")
        except RuntimeError:  # exactly singular
            pass
        tau = max(2 * tau, beta)
    raise np.linalg.LinAlgError("no positive-definite shift found")
