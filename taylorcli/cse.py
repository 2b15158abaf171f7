"""Common subexpressions of a result (``--cse``): name each repeated piece once.

A Hessian of a loss repeats one exponential in every entry; naming it makes the
matrix readable. The names never collide with the expression's own symbols.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> pairs, reduced = common_subexpressions([sp.exp(x*y)/(1 + sp.exp(x*y)), sp.exp(x*y)])
>>> pairs, reduced
([(x0, exp(x*y))], [x0/(x0 + 1), x0])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sympy as sp


def _fresh_names(taken: set[str]) -> Iterator[sp.Symbol]:
    k = 0
    while True:
        name = f"x{k}"
        if name not in taken:
            yield sp.Symbol(name)
        k += 1


def common_subexpressions(exprs: Sequence[sp.Expr]) -> tuple[list[tuple[sp.Symbol, sp.Expr]], list[sp.Expr]]:
    """(name, value) pairs, each may use the names before it, and ``exprs`` in terms of them."""
    # exprs are computed results (a plain int may be among them), never text: no sympify needed
    taken = {s.name for e in exprs for s in getattr(e, "free_symbols", ())}
    pairs, reduced = sp.cse(list(exprs), symbols=_fresh_names(taken))
    return [(s, e) for s, e in pairs], list(reduced)
