"""Sums of parts in disjoint sets of variables, one part in several of them (issue 9).

f(x) + g(y, z) at a rational point: each part expanded alone, in its own variables (a part in one
variable by the lean one-variable path, as separable.py does; a part in several by the series walk,
in a ring of those variables only), the terms put together in the derivative engine's order
(lowest degree first, then x**2 before x*y before y**2), the constant terms added as separable.py
adds them. A partial derivative of the sum in one part's variables is that part's own (the other
parts' vanish), so each term is the part's very object. Anything else (a number or a parameter
among the parts, two parts sharing a variable, every part in one variable: separable.py's case, an
irrational coordinate) is None: the general walk does it.

>>> import sympy as sp
>>> x, y, z = sp.symbols("x y z")
>>> point = {x: sp.Integer(0), y: sp.Integer(0), z: sp.Integer(0)}
>>> taylor(sp.cos(x + 1) + sp.exp(y * z), [x, y, z], point, 2, "total", None, None)
[((0, 0, 0), cos(1) + 1), ((1, 0, 0), -sin(1)), ((2, 0, 0), -cos(1)/2), ((0, 1, 1), 1)]
>>> taylor(sp.cos(x) + sp.exp(y * z), [x, y, z], point, 2, "total", None, None) is None  # (no offset part)
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from ..convert import add
from ..errors import TaylorError
from .separable import symbol_atoms
from .tps import Unsupported

ENABLED = True  # (tests switch it off to compare with the walk)
_MODULES: list = []  # [onevar, engine] once imported (engine imports this module)


def taylor(expr: sp.Expr, variables: Sequence[sp.Symbol], point: dict[sp.Symbol, sp.Expr], order: int,
           degree: str, vet: Callable | None, sort_keys: dict | None) -> list | None:
    """(powers, value) for every non-zero term, lowest degree first (the derivative engine's list); else None."""
    n = len(variables)
    if not ENABLED or n < 2 or order < 0 or not expr.is_Add or degree not in ("total", "each"):
        return None
    for arg in expr._args:  # (a class looked at first: no call for atan(x + y), log(1 + z**2))
        if (type(arg) in _CYCLES or arg.is_Mul) and _lean(arg, point):
            break
    else:
        # (no part the lean one-variable path does faster than one walk of the whole: measured, the
        # walk's own shortcuts are as fast elsewhere)
        return None
    index = {v: i for i, v in enumerate(variables)}
    taken: set[int] = set()
    parts = []
    several = False
    for arg in expr._args:
        found = _variables(arg, index)
        if not found or taken & found:
            return None  # a number, a parameter, two parts sharing a variable
        taken |= found
        several = several or len(found) > 1
        parts.append((arg, sorted(found)))
    if not several:
        return None  # (every part in one variable: separable.py's, which declined)
    for i in taken:
        if not point[variables[i]].is_Rational:
            return None
    if not _MODULES:
        from . import engine, onevar
        _MODULES[:] = [onevar, engine]
    onevar, engine = _MODULES
    terms: list = []
    constants: list = []
    for arg, own in parts:
        if len(own) == 1:
            (i,) = own
            v = variables[i]
            try:
                found = onevar.taylor(arg, v, point[v], order)
            except (TaylorError, ArithmeticError, ValueError):
                return None
            if found is None or found[1] is not None and found[1] is not v:
                return None  # (the part's own symbol object is another, equal one: expand() picks names)
            coefficients = found[0]
        else:
            sub = [variables[i] for i in own]
            try:
                coefficients = engine.taylor_coefficients(arg, sub, point, order, degree,
                                                          vet and _widened(vet, own, n), None, sort_keys)
            except Unsupported:
                return None
        for powers, value in coefficients:
            full = [0] * n
            for i, p in zip(own, powers):
                full[i] = int(p)
            if any(full):
                terms.append((sum(full), [-p for p in full], full, value))
            else:
                constants.append(value)
    out: list = []
    if constants:
        value = constants[0] if len(constants) == 1 else add(constants)  # sp.Add's object, sorted once
        if value != 0:
            out.append((engine._exponents((0,) * n), value))
    terms.sort(key=_order)
    out += [(engine._exponents(tuple(full)), value) for _, _, full, value in terms]
    return out


def _widened(vet: Callable, own: list[int], n: int) -> Callable:
    """``vet`` for a part in the variables ``own``: its powers put where they stand among all ``n``."""
    def widened(powers: tuple, part: sp.Expr) -> None:
        full = [0] * n
        for i, p in zip(own, powers):
            full[i] = p
        vet(tuple(full), part)
    return widened


def _order(item: tuple) -> tuple:
    return item[0], item[1]


_CYCLES = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)


def _lean(arg: sp.Expr, point: dict) -> bool:
    """Whether ``arg`` is f(q*x + r) (or a rational times it), f in exp, sin, cos, sinh, cosh, where
    q*x + r may not vanish at the point: the one-variable path builds its coefficients, rational
    multiples of f(c) and its companion, directly (measured: faster than the walk's generators)."""
    if arg.is_Mul:
        args = arg._args
        if len(args) != 2 or not args[0].is_Rational:
            return False
        arg = args[1]
    if type(arg) not in _CYCLES:
        return False
    u = arg._args[0]
    constant = u.is_Add
    if constant:
        args = u._args
        if len(args) != 2 or not args[0].is_Rational:
            return False
        u = args[1]
    if u.is_Mul:
        args = u._args
        if len(args) != 2 or not args[0].is_Rational:
            return False
        u = args[1]
    return u.is_Symbol and (constant or point.get(u, 0) != 0)


def _variables(expr: sp.Expr, index: dict) -> set[int] | None:
    """The indices of the variables among ``expr``'s Symbol atoms; None if another symbol is there."""
    found: set[int] = set()
    for node in symbol_atoms(expr):
        i = index.get(node)
        if i is None:
            return None
        found.add(i)
    return found
