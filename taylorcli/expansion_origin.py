"""Expansions at 0 in several variables by series/mv_origin.py: the point read, the modules loaded, the walk.

(expansion.expand's first try there, apart from expansion.py for its size.) One walk of the expression
gives survey's facts (the guard's and the series engine's) and, where mv_origin.py applies, the
coefficients and their polynomial; where it does not, the caller goes on with that survey.

>>> zeros("0, 0,0", 3), zeros([0, 0], 2), zeros("0,1", 2)
(True, True, False)
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence

import sympy as sp

ORDER = 8  # series/mv_origin.py's orders (past them FLINT's polynomials are faster)
_log = logging.getLogger("taylorcli.expansion")
_MODULES: list = []  # [series.mv_origin, series.mv_origin_walk, series.mv_origin_poly] once imported


def zeros(at: str | Sequence | Mapping, n: int) -> bool:
    """Whether ``at`` is the origin written plainly: "0,0,0" or n zeros (ints or SymPy's 0)."""
    if isinstance(at, str):
        parts = at.split(",")
        return len(parts) == n and all([p.strip() == "0" for p in parts])
    if isinstance(at, (list, tuple)) and len(at) == n:
        return all([a is sp.S.Zero or type(a) is int and a == 0 for a in at])
    return False


def at_origin(expr: sp.Expr, symbols: list[sp.Symbol], order: int,
              limit: int) -> tuple[tuple[list, sp.Expr | None, list] | None, object]:
    """((coefficients, their polynomial or None, the variables as the expression's own objects) or None;
    survey(expr), or None where python-flint is missing). ``limit``: expansion.MAX_COEFFICIENTS."""
    modules = _MODULES or _load()
    if not modules:
        return None, None
    n = len(symbols)
    if math.comb(n + order, n) > limit:
        return None, None  # (the full path says why)
    origin, walk, poly = modules
    walked, ok = walk.walk_at_origin(expr, symbols, order)
    if walked is None:
        return None, None  # (too deep: the caller's survey)
    found = origin.of_walk(expr, walked, order) if ok else None
    if found is None:
        return None, walked.survey()
    coefficients, rows, own = found
    # (None: keyed.py's build, when asked; no rows: a coefficient is not rational)
    polynomial = poly.polynomial(rows, own) if rows is not None else None
    _log.debug("expansion: series arithmetic (rational series at the origin)")
    return (coefficients, polynomial, own), None  # (no survey: the caller returns)


def _load() -> list:
    try:
        from .series import mv_origin, mv_origin_poly, mv_origin_walk
    except ImportError:
        return []
    _MODULES[:] = [mv_origin, mv_origin_walk, mv_origin_poly]
    return _MODULES
