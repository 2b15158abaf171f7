"""Every real solution of a polynomial system in shape position, exactly.

A zero-dimensional system over the rationals is in shape position when its
lexicographic Groebner basis reads x_i = g_i(x_n) (i < n) and p(x_n) = 0. Then
its solutions are in one-to-one correspondence with the roots of p, a real
root r giving the real point (g_1(r), ..., g_{n-1}(r), r) and a non-real one a
non-real point; exact real-root isolation of p therefore finds every real
solution, provably. Systems not in that form (families of solutions, or two
solutions sharing x_n) are left to other methods (``None``).

>>> x, y = sp.symbols("x y", real=True)
>>> real_solutions([x**2 - 2, y - x], [x, y])
[{x: -sqrt(2), y: -sqrt(2)}, {x: sqrt(2), y: sqrt(2)}]
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from .simplify import OutOfTime, time_limit


def _rational(p: sp.Poly) -> bool:
    return p.domain.is_ZZ or p.domain.is_QQ


def real_solutions(equations: Sequence[sp.Expr], symbols: list[sp.Symbol],
                   seconds: float = 2.0) -> list[dict[sp.Symbol, sp.Expr]] | None:
    """All real solutions (radicals or CRootOf), or None if the system is not in shape position in time."""
    try:
        with time_limit(seconds):
            return _solve(equations, symbols)
    except (OutOfTime, sp.PolynomialError, sp.GeneratorsNeeded, NotImplementedError, ValueError, TypeError):
        return None


def _solve(equations: Sequence[sp.Expr], symbols: list[sp.Symbol]) -> list[dict[sp.Symbol, sp.Expr]] | None:
    polys = [sp.Poly(e, *symbols) for e in equations if e != 0]
    if not polys or not all(_rational(p) for p in polys):
        return None
    basis = sp.groebner(polys, *symbols, order="lex")
    if list(basis.exprs) == [1]:
        return []  # no complex solution at all
    if not basis.is_zero_dimensional or len(basis.exprs) != len(symbols):
        return None
    last = symbols[-1]
    *firsts, univariate = [sp.Poly(g, *symbols) for g in basis.exprs]
    if univariate.degree(last) < 1 or any(univariate.degree(v) for v in symbols[:-1]):
        return None
    formulas = {}
    for v, g in zip(symbols[:-1], firsts):
        # x_i - g_i(x_n): linear in x_i with a constant coefficient, free of the other x_j.
        lead = g.coeff_monomial(v)
        rest = sp.expand(g.as_expr() - lead * v)
        if lead == 0 or g.degree(v) != 1 or rest.free_symbols - {last}:
            return None
        formulas[v] = -rest / lead
    p = sp.Poly(univariate.as_expr(), last)
    points = []
    for root in p.real_roots(multiple=False):
        r = root[0]
        point = {v: sp.expand(formula.xreplace({last: r})) if not r.has(sp.CRootOf) else formula.xreplace({last: r})
                 for v, formula in formulas.items()}
        if not r.has(sp.CRootOf):
            point = {v: sp.radsimp(value) for v, value in point.items()}
        point[last] = r
        points.append({v: point[v] for v in symbols})
    return points
