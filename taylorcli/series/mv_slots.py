"""Whether a walk at 0 can need no generator slot: its first ring then has none (engine._walked, issue 9).

The walk's first ring at 0 has a few generator slots (engine._FIRST_SLOTS) for the constants most such
expansions meet (log(2), cosh(1), sqrt(2)); FLINT reads every term's exponents per ring variable, so each
spare slot costs on every product and every term read (monoms(): ~0.07 us an exponent). Where every
atom is a variable at 0 or a rational, every power's exponent an integer, every function one whose value
where its argument vanishes is rational (exp, sin, ... atanh) with an argument that vanishes at 0, or a log
of 1 plus such an argument, each function's value and each recurrence's constants are rational: no
generator is made, and a ring without slots gives the same polynomials (either ring gives the same
coefficients; only which is faster differs). A wrong yes would only cost a walk again in a bigger ring
(NoSlot), never another coefficient. exp(x*y)*sin(x + z) k8 at 0: ~222 -> 212 us.

>>> import sympy as sp
>>> from .engine import survey
>>> x, y = sp.symbols("x y")
>>> point = {x: sp.Integer(0), y: sp.Integer(0)}
>>> exact_at_zero(survey(sp.exp(x*y) * sp.log(1 + (x - y)**2)), point)
True
>>> exact_at_zero(survey(sp.cosh(y + 1) * sp.sin(x)), point), exact_at_zero(survey(sp.erf(x + y)), point)
(False, False)
"""

from __future__ import annotations

import sympy as sp

# f(0) = 0 (the recurrences' constants at u(a) = 0 rational too: sqrt(1 - 0**2), 1 + tan(0)**2)
_ZERO_AT_ZERO = frozenset((sp.sin, sp.sinh, sp.tan, sp.tanh, sp.atan, sp.asin, sp.asinh, sp.atanh))
_ONE_AT_ZERO = frozenset((sp.exp, sp.cos, sp.cosh))  # f(0) = 1
TYPES = _ZERO_AT_ZERO | _ONE_AT_ZERO | {sp.log}  # the functions survey's ``exact`` lets through
_ZERO = sp.S.Zero


def exact_at_zero(surveyed, point: dict) -> bool:
    """Whether ``surveyed`` (engine.survey's) is ``exact`` with every coordinate 0, every symbol a variable
    and every function's argument 0 there (a log's: 1)."""
    if not surveyed.exact or not surveyed.plain:
        return False
    zero = _ZERO
    for a in point.values():
        if a is not zero:
            return False
    if len(surveyed.symbols) > len(point):  # a parameter: a generator (a parameter beside an unused
        return False  # variable gets here: its walk stops at NoSlot, the first constant, and goes on with slots)
    one, log, vanishes = sp.S.One, sp.log, _vanishes
    for fn in surveyed.functions:
        arg = fn._args[0]
        if arg.is_Symbol:
            if type(fn) is log:
                return False
            continue
        if type(fn) is log:
            if not arg.is_Add:
                return False
            args = arg._args
            if args[0] is not one:
                return False
            for a in args[1:]:
                if not (a.is_Symbol or vanishes(a, 0)):
                    return False
        elif not vanishes(arg, 0):
            return False
    return True


def _vanishes(node: sp.Expr, depth: int) -> bool:
    """Whether ``node`` is seen to be 0 at the point (every symbol a variable at 0: exact_at_zero checked)."""
    args = node._args
    if not args:
        return node.is_Symbol  # (a rational: SymPy folds a 0 term or factor away)
    if depth > 16:
        return False
    depth += 1
    if node.is_Add:
        if args[0].is_Number:  # (SymPy's sum keeps its number first)
            return False
        for a in args:
            if a.is_Symbol:
                continue
            if a.is_Mul:  # 3*y, x*y: a factor a variable (inline: no call)
                for b in a._args:
                    if b.is_Symbol:
                        break
                else:
                    if not _vanishes(a, depth):
                        return False
                continue
            if not _vanishes(a, depth):
                return False
        return True
    if node.is_Mul:
        for a in args:
            if a.is_Symbol:
                return True
        for a in args:
            if a._args and _vanishes(a, depth):
                return True
        return False
    if node.is_Pow:
        e = args[1]
        return e.is_Integer and e.p > 0 and (args[0].is_Symbol or _vanishes(args[0], depth))
    return type(node) in _ZERO_AT_ZERO and _vanishes(args[0], depth)
