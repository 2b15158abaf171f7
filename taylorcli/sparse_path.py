"""When Newton takes the sparse path, and the Compiled it then runs on.

Above ``SPARSE_FROM`` variables, if the structure of f (which variables meet
in a term, see ``sparse``) fills at most ``MAX_DENSITY`` of the n x n
Hessian, the Hessian is compiled shape by shape and kept in scipy CSR; the
optimizer then factors with a banded Cholesky where the pattern is a band
(``banded``), else with sparse LU, and the verdict takes eigenvalues with
ARPACK. Otherwise (small n, or a dense Hessian) nothing changes: the dense path.

>>> from taylorcli.parse import parse_expression, variables_of
>>> e = parse_expression(" + ".join(f"(x{i} - x{i + 1})**2" for i in range(1, 300)))
>>> compile_for_newton(e, variables_of(e)).backend
'llvm sparse'
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sympy as sp

from .calculus import Differentiator
from .compiled import Compiled, verify
from .sparse import compile_sparse

SPARSE_FROM = 200  # variables: at or below, the dense path (as fast, and unchanged)
MAX_DENSITY = 0.05  # structural nonzeros / n**2 at most
_log = logging.getLogger(__name__)


def compile_for_newton(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> Compiled | None:
    """A Compiled whose Hessian is scipy CSR, or None for the dense path (see the module doc)."""
    n = len(variables)
    if n <= SPARSE_FROM or expr.free_symbols - set(variables):
        return None
    # Before compiling anything: a term in k variables fills at most k**2 entries.
    bound = sum(len(term.free_symbols) ** 2 for term in sp.Add.make_args(expr))
    if bound > MAX_DENSITY * n * n:
        _log.debug("Hessian not sparse (up to %d of %d entries): dense path", bound, n * n)
        return None
    s = compile_sparse(expr, list(variables))
    if s.nnz > MAX_DENSITY * n * n:
        _log.debug("Hessian not sparse enough (%d of %d entries): dense path", s.nnz, n * n)
        return None
    compiled = Compiled(expr, list(variables), True, s.value, s.gradient, s.hessian, backend="llvm sparse")
    ok, note = verify(compiled, Differentiator(expr, list(variables)))
    compiled.check = note
    if ok is False:
        _log.debug("sparse Hessian disagreed with exact values (%s): dense path", note)
        return None
    _log.debug("Newton on the sparse path: %d variables, %d term shape(s), %d structural nonzeros; %s",
               n, s.shapes, s.nnz, note)
    return compiled
