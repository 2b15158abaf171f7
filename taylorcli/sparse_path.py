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
from .sparse import SparseHessian, compile_sparse, term_groups

SPARSE_FROM = 200  # variables: at or below, the dense path (as fast, and unchanged)
MAX_DENSITY = 0.05  # structural nonzeros / n**2 at most
_log = logging.getLogger(__name__)


def sparse_terms(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> SparseHessian | None:
    """f compiled term shape by term shape when it is a large sum of small terms, else None.

    The Hessian-free path (``hvp``) takes its products from the same shapes.
    """
    n = len(variables)
    if n <= SPARSE_FROM:
        return None
    found = term_groups(expr, list(variables))  # None: a symbol that is not a variable
    if found is None:
        return None
    # Before compiling anything: a term in k variables fills at most k**2 entries.
    bound = sum(len(rows[0]) ** 2 * len(rows) for rows in found[0].values())
    if bound > MAX_DENSITY * n * n:
        _log.debug("Hessian not sparse (up to %d of %d entries): dense path", bound, n * n)
        return None
    s = compile_sparse(expr, list(variables), found)
    if s.nnz > MAX_DENSITY * n * n:
        _log.debug("Hessian not sparse enough (%d of %d entries): dense path", s.nnz, n * n)
        return None
    return s


def compile_for_newton(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> Compiled | None:
    """A Compiled whose Hessian is scipy CSR, or None for the dense path (see the module doc)."""
    s = sparse_terms(expr, variables)
    if s is None:
        return None
    n = len(variables)
    compiled = Compiled(expr, list(variables), True, s.value, s.gradient, s.hessian, backend="llvm sparse")
    ok, note = verify_shapes(s)
    compiled.check = note
    if ok is False:
        _log.debug("sparse Hessian disagreed with exact values (%s): dense path", note)
        return None
    _log.debug("Newton on the sparse path: %d variables, %d term shape(s), %d structural nonzeros; %s",
               n, s.shapes, s.nnz, note)
    return compiled


def verify_shapes(s: SparseHessian) -> tuple[bool | None, str]:
    """``compiled.verify`` on each term shape's compiled code, in its own k variables.

    The compiled code is per shape; the assembly over index arrays is exact bookkeeping. So
    each shape is checked against its exact derivatives (a few k-variable derivatives), not
    f at n = 10,000 (seconds of exact arithmetic over every term, for the same code).
    """
    verdicts, notes = [], set()
    for part in s.parts:
        shape = Compiled(part.term, part.local, True, part.value, part.gradient, part.hessian)
        ok, note = verify(shape, Differentiator(part.term, part.local))
        if ok is False:
            return False, f"term shape {part.term}: {note}"
        verdicts.append(ok)
        notes.add(note)
    if not any(verdicts):
        return None, "not checked: no point found where a term shape and its derivatives are real"
    return True, f"{len(verdicts)} term shape(s), each: " + "; ".join(sorted(notes))
