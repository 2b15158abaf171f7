"""One walk of an expression before a series expansion: its function nodes, its symbols, and
whether it is plain, tame and exact (``Survey``): what engine.taylor_coefficients and
expansion's guard decide by (split out of engine.py).

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> survey(sp.sin(x) * x)[1:3]
({x}, True)
"""
from __future__ import annotations

from typing import NamedTuple

import sympy as sp

from . import mv_slots


def _survey(expr: sp.Expr) -> tuple[set, set]:
    """``expr.atoms(sp.Function)`` and its symbols (``survey``'s function nodes as a set).

    The symbols are ``expr.free_symbols`` wherever they are used: only after the walk
    succeeded, so the expression is made of sums, products, powers, FUNCTIONS and atoms
    (no Integral, Lambda or Subs binds a symbol; anything else raised Unsupported).
    """
    functions, symbols = survey(expr)[:2]
    return set(functions), symbols


class Survey(NamedTuple):
    """What one walk of an expression finds (``survey``)."""

    # expr.atoms(sp.Function) as a list, each node object once (no hash: a fresh node's walks its whole
    # subtree, ~0.5 us a node, and nothing here needs the set)
    functions: list
    symbols: set  # its Symbol atoms: expr.free_symbols where ``plain``
    plain: bool  # made of sums, products, powers, functions and atoms only (nothing binds a symbol)
    tame: bool  # no gamma or polygamma, every power q**r or u**r with |r| <= 9 (expansion._unrefusable)
    # every atom a symbol or a rational, every power's exponent an integer, every function one of
    # mv_slots.TYPES (mv_slots.exact_at_zero: a walk at 0 that may need no generator slot)
    exact: bool = False


_GAMMAS = (sp.gamma, sp.polygamma)


def survey(expr: sp.Expr) -> Survey:
    """The functions and symbols of ``expr`` and two facts about its nodes, in one walk.

    >>> x = sp.Symbol("x")
    >>> survey(sp.exp(x) + x**2)[1:]
    ({x}, True, True, True)
    """
    functions: list = []
    symbols: set = set()
    seen: set = set()
    plain = tame = exact = True
    stack = [expr]
    pop, kinds, exact_types = stack.pop, _KINDS, _EXACT_TYPES
    while stack:
        node = pop()
        args = node._args  # (Basic.args is a property around it)
        if not args:
            if node.is_Symbol:
                symbols.add(node)
            elif exact and not node.is_Rational:
                exact = False
            continue
        if id(node) in seen:  # by identity: every node is alive in expr
            continue
        seen.add(id(node))  # (an equal node met again is walked again: the same sets and facts)
        kind = kinds.get(type(node))
        if kind is None:
            kind = _kind(type(node))
        if kind == _FUNCTION:
            functions.append(node)  # (once: ``seen``)
            if exact and type(node) not in exact_types:
                exact = False
        elif kind == _POWER:
            if tame:
                tame = _tame_power(node)
            if exact and not args[1].is_Integer:
                exact = False
        elif kind == _GAMMA:
            functions.append(node)
            tame = False
        elif kind == _OTHER:
            plain = False
        # Left to right, depth first: of two equal symbol objects the set keeps the first met,
        # the one free_symbols keeps (its unions run left to right): expand() names variables by it.
        stack += args[::-1]
    return Survey(functions, symbols, plain, tame, exact)


_SUM, _FUNCTION, _GAMMA, _POWER, _OTHER = range(5)
_EXACT_TYPES = mv_slots.TYPES
_KINDS: dict[type, int] = {}  # a node's class -> what survey does with it (classes are few: made once each)


def _kind(cls: type) -> int:
    if cls.is_Add or cls.is_Mul:  # (no Function is either)
        kind = _SUM
    elif issubclass(cls, sp.Function):
        kind = _GAMMA if issubclass(cls, _GAMMAS) else _FUNCTION
    elif cls.is_Pow:
        kind = _POWER
    else:
        kind = _OTHER
    if len(_KINDS) < 1000:
        _KINDS[cls] = kind
    return kind


def _tame_power(node: sp.Pow) -> bool:
    """A rational exponent of size at most 9 on a base that is not a number, or a rational of <= 1000 bits."""
    base, e = node._args
    if not e.is_Rational or abs(e.p) > 9 * e.q:
        return False
    return not base.is_Number or base.is_Rational and abs(base.p).bit_length() <= 1000 \
        and base.q.bit_length() <= 1000
