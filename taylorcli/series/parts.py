"""A sum of parts in disjoint variables, expanded part by part (issue 9: fixed costs).

sinh(y**2) + sinh(x), cosh(u + 3*z - x + v) + log(1 + exp(y)**2): every partial derivative
of such a sum but f itself is the partial of the one part that holds all its variables (the
others' vanish), so each coefficient but the constant term is that part's own coefficient,
the very object the derivative engine gives for the part alone (SymEngine's diff of a sum
drops the terms whose derivative is 0, the rest is the same expression). A part in one
variable takes the lean one-variable path (series/onevar.py: no ring, no generators, no
second walk when a constant such as log(2) or pi/4 turns up); a part in several variables
takes the general engine with only its own variables. The constant term f(a) is the parts'
rational sum, or the one part's value that is not 0, or else computed as
``calculus.Differentiator.value_at`` computes it (SymEngine's subs and expand of f itself).

Whatever a part cannot give (Unsupported) leaves the whole sum to the general engine.

>>> import sympy as sp
>>> x, y = sp.symbols("x y", real=True)
>>> split(sp.sinh(y**2) + sp.exp(x), [x, y])
[(exp(x), [0]), (sinh(y**2), [1])]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import symengine as se
import sympy as sp
from symengine.lib.symengine_wrapper import sympy2symengine

from ..constants import real_and_small
from ..convert import to_sympy
from .tps import Unsupported

ON = False  # False: every sum goes to the general engine (tests compare both)


def split(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> list[tuple[sp.Expr, list[int]]] | None:
    """The parts of a sum in disjoint variables, each with the indices of its variables (ascending).

    None where there is one part only, or a term holds no variable (a number or a parameter:
    it would only shift the constant term, left to the general engine).
    """
    if not expr.is_Add:
        return None
    index = {v: i for i, v in enumerate(variables)}
    groups: list[list] = []  # [mask, terms]
    memo: dict[int, int] = {}
    for term in expr.args:
        mask = _mask(term, index, memo)
        if not mask:
            return None
        joined = [g for g in groups if g[0] & mask]
        if not joined:
            groups.append([mask, [term]])
            continue
        first = joined[0]
        first[0] |= mask
        first[1].append(term)
        for g in joined[1:]:  # a term that bridges two groups merges them
            first[0] |= g[0]
            first[1].extend(g[1])
            groups.remove(g)
    if len(groups) < 2:
        return None
    out = []
    order = {id(t): j for j, t in enumerate(expr.args)}
    for mask, terms in groups:
        terms.sort(key=lambda t: order[id(t)])  # the sum's own order: Add's args stay canonical
        part = terms[0] if len(terms) == 1 else sp.Add._from_args(terms, True)
        out.append((part, [i for i in range(len(variables)) if mask >> i & 1]))
    return out


def _mask(expr: sp.Expr, index: dict, memo: dict[int, int]) -> int:
    """The variables in ``expr`` (bit i: the i-th), each distinct node once (by identity: all alive in expr)."""
    if expr.is_Atom:
        i = index.get(expr) if expr.is_Symbol else None
        return 0 if i is None else 1 << i
    found = memo.get(id(expr))
    if found is None:
        found = 0
        for arg in expr.args:
            found |= _mask(arg, index, memo)
        memo[id(expr)] = found
    return found


Coefficients = list[tuple[tuple, sp.Expr]]


def taylor_by_parts(expr: sp.Expr, variables: Sequence[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
                    order: int, degree: str, vet: Callable | None,
                    general: Callable[..., Coefficients], exponents: Callable[[tuple], tuple],
                    limit: int) -> Coefficients | None:
    """The coefficients of a sum of parts in disjoint variables; None where it is no such sum.

    ``general(expr, variables, point, order, degree, vet)``: the engine for a part in several
    variables; ``exponents``: a tuple of ints as the tuple of SymPy integers the engine keeps;
    ``limit``: guard.check_size's limit in bits.
    """
    if not ON or order < 0:
        return None
    parts = split(expr, variables)
    if parts is None:
        return None
    n = len(variables)
    constants: list[sp.Expr] = []
    found: list[tuple[tuple[int, ...], sp.Expr]] = []
    for part, where in parts:
        names = [variables[i] for i in where]
        coefficients = None
        if len(where) == 1 and point[names[0]].is_Rational:
            coefficients = _one_variable(part, names[0], point[names[0]], order)
        if coefficients is None:
            def part_vet(powers: tuple, leaf: sp.Expr, where: list[int] = where) -> None:
                full = [0] * n
                for i, p in zip(where, powers):
                    full[i] = int(p)
                vet(tuple(full), leaf)
            coefficients = general(part, names, {v: point[v] for v in names}, order, degree,
                                   part_vet if vet is not None else None)
        for powers, value in coefficients:
            if not any(powers):
                constants.append(value)
                continue
            full = [0] * n
            for i, p in zip(where, powers):
                full[i] = int(p)
            found.append((tuple(full), value))
    constant = _constant(expr, variables, point, constants, vet, limit)
    # The derivative engine's order: lowest degree first, then x**2 before x*y before y**2.
    found.sort(key=_order)
    out = [(exponents((0,) * n), constant)] if constant is not None else []
    out += [(exponents(powers), value) for powers, value in found]
    return out


def _order(item: tuple) -> tuple:
    powers = item[0]
    return (sum(powers), tuple([-p for p in powers]))


def _one_variable(part: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int) -> Coefficients | None:
    """The lean one-variable path's coefficients (the objects the derivative engine gives), or None."""
    from . import onevar

    found = onevar.taylor(part, x, a, order)
    return None if found is None else found[0]


def _constant(expr: sp.Expr, variables: Sequence[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
              constants: list[sp.Expr], vet: Callable | None, limit: int) -> sp.Expr | None:
    """f(a) from the parts' values, as the derivative engine has it; None for 0."""
    if not constants:
        return None
    if len(constants) == 1:
        return constants[0]  # the others are 0: f(a) is this part's value, the same SymEngine sum
    if all(c.is_Rational for c in constants):
        total = sp.S.Zero
        for c in constants:
            total = total + c
        if total is sp.S.Zero:
            return None
        if vet is not None and max(abs(total.p).bit_length(), total.q.bit_length()) > limit:
            vet((0,) * len(variables), total)
        return total
    # calculus.Differentiator.value_at at index () expands SymEngine's subs of f: the sum of the
    # parts' subs, each of which expanded is a part's value (converted back here, as SymEngine has it).
    try:
        value = se.expand(se.Add(*[sympy2symengine(c) for c in constants]))
    except Exception as error:  # noqa: BLE001 - whatever SymEngine cannot do, the general engine does
        raise Unsupported(f"the constant term by SymEngine: {error}") from None
    if value == 0:
        return None
    leaves: list[sp.Expr] = []
    value = to_sympy(value, {}, leaves)
    if any(leaf.has(sp.zoo, sp.nan) for leaf in leaves):
        raise Unsupported("a constant term SymEngine calls undefined")
    free = expr.free_symbols
    if not free <= set(point):  # parameters: our (real) symbols back, by name
        names = {s.name: s for s in free | set(variables)}
        value = value.xreplace({s: names[s.name] for s in value.free_symbols if s.name in names})
    if vet is not None:
        for leaf in leaves:
            if not real_and_small(leaf, limit):
                vet((0,) * len(variables), leaf)
    return value
