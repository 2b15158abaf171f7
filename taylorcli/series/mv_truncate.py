"""A product's factors walked only as far as the product needs them (compose.Walker, issue 9).

In u * f, u 0 at the point (its series starts at degree v >= 1: x**2, sin(x + y), x*y*z), the
product's part of degree d <= k takes f's parts up to d - v only. Every operation of the walk is
causal (its part of degree d is made of its operands' parts up to d), so a walk of f truncated
after k - v (the same generators' ring with k lower: tps.Ring, one context) gives the very
polynomials the full walk gives up to there; the parts above are left 0, never read.
x**2*cosh(y + 1) at order 2 takes cosh(1) alone: not sinh(1), nor the recurrence. A factor seen to
vanish at the point (``vanishing_first``: x, x*y**2, sin(x + y), log(1 + (x*y)**2) at 0) is walked
first, whatever its place in the product (cosh(z + 1)*sin(x*y)).

The truncated walk keeps its series apart (``Walker._low``, per k'): the walk's memo holds full
series only, which engine.py's inverse_risk reads. That check needs every node's full series where
an inverse of a constant sum is among the generators (1/(2 + cos(1))): no factor that may make one
is truncated (``_plain``), one made already stops truncation, and one made after a truncation
anyway has engine.py walk again without it (``Walker.partial``).

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> x, y = sp.symbols("x y", real=True)
>>> w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(0)}, 2, Ring(2, 4, 2))
>>> [str(c) for c in w.series(x**2 * sp.cosh(y + 1))], w.values
(['0', '0', 'h0^2*g0'], [cosh(1)])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from .inverse_risk import has_sum_power
from .tps import Ring, Series

if TYPE_CHECKING:
    from .compose import Walker


# Nodes whose series may take an inverse of their argument's (or base's) value, 1/c (Walker._inverse,
# or a power of it): c is rational where that argument is a polynomial with rational coefficients in
# variables at rational coordinates
_INVERTING = (sp.log, sp.atan, sp.atanh, sp.asin, sp.acos, sp.asinh, sp.acosh)


def needed(walker: Walker, out: Series, expr: sp.Expr) -> Series:
    """The series of the factor ``expr`` as far as its product with ``out`` (0 at the point) needs it."""
    ring = walker.ring
    entry = walker._memo.get(id(expr))
    if not ring.k or entry is not None and entry[0] is expr or expr.is_Atom or ring.each \
            or has_sum_power(walker.values) or not _plain(expr, walker):
        return walker.series(expr)  # (at k = 0 nothing is left to cut; an atom's series costs nothing in full)
    k = ring.k
    v = 1
    while v < k and not out[v]:
        v += 1
    j = k - v  # (0 where out starts at k or is 0 to the order: the factor's value alone)
    memos = walker._low
    if memos is None:
        memos = walker._low = {}
    memo = memos.get(j)
    if memo is None:
        memo = memos[j] = {}
    saved = walker._memo
    walker.ring, walker._memo = Ring.get(ring.n, ring.m, j), memo
    try:
        found = walker.series(expr)
    finally:
        walker.ring, walker._memo = ring, saved
    return found + [ring.zero] * (k - j)


def _plain(expr: sp.Expr, walker: Walker) -> bool:
    """Whether no node of ``expr`` may invert an irrational constant sum: the argument of every power
    with an exponent that is not natural, and of every log, atan ..., a rational polynomial (a sum
    that holds a function, a root or a parameter may have an irrational value)."""
    stack = [expr]
    seen: set[int] = set()
    kinds = _KINDS
    while stack:
        node = stack.pop()
        args = node._args
        if not args or id(node) in seen:
            continue
        seen.add(id(node))
        if node.is_Pow:
            e = args[1]
            if not (e.is_Integer and e.p >= 0) and not _polynomial(args[0], walker):
                return False
        else:
            kind = kinds.get(type(node))
            if kind is None:  # (a class's kind once: isinstance over SymPy's classes costs ~1 us a call)
                kind = kinds[type(node)] = issubclass(type(node), _INVERTING)
            if kind and not _polynomial(args[0], walker):
                return False
        stack += args
    return True


_KINDS: dict[type, bool] = {}  # a node's class -> whether it is one of _INVERTING


def _polynomial(node: sp.Expr, walker: Walker) -> bool:
    """inverse_risk.rational_polynomial(node, walker.point), the variables looked up by identity."""
    coordinates = walker.coordinates
    stack = [node]
    while stack:
        e = stack.pop()
        if e.is_Rational:
            continue
        if e.is_Symbol:
            entry = coordinates.get(id(e))  # (v, i, its coordinate as an fmpq or None if irrational)
            if entry is None or entry[0] is not e:
                entry = walker.coordinate(e)
            if entry is None or entry[2] is None:
                return False
        elif e.is_Add or e.is_Mul:
            stack += e._args
        elif e.is_Pow and e._args[1].is_Integer and e._args[1].p >= 0:
            stack.append(e._args[0])
        else:
            return False
    return True


# f(0) = 0, f'(0) != 0: f(w) starts at w's degree
_ZERO_AT_ZERO = frozenset((sp.sin, sp.sinh, sp.tan, sp.tanh, sp.atan, sp.asin, sp.asinh, sp.atanh, sp.erf))


_ORDERS = 3  # the orders at which vanishing_first looks


def vanishing_first(walker: Walker, args: tuple) -> tuple:
    """A product's factors with one seen to start at the order k first (``_start``: its series is 0 but in
    degree k, so each other factor's value at the point alone is needed), the others in order.

    (The product's polynomials are the same in any order: exact arithmetic; the generators may be made
    in another order, which no coefficient's value depends on: direct.py sorts their SymPy objects.)
    Only there, and at low orders: a factor walked to k' > 0 instead of k saves less than the look costs
    (~1-2 us a product, measured), and past k = 3 a factor seldom starts at k.
    """
    k = walker.ring.k
    if not 0 < k <= _ORDERS or len(args) < 2 or _start(args[0], walker, k) >= k:
        return args
    for i in range(1, len(args)):
        if _start(args[i], walker, k) >= k:
            return (args[i],) + args[:i] + args[i + 1:]
    return args


def _start(node: sp.Expr, walker: Walker, k: int, depth: int = 0) -> int:
    """A lower bound of the lowest degree of ``node``'s series (0 where none is seen): a variable at 0 starts
    at 1, a product at the sum of its factors', a sum at the least of its terms', w**n at n times w's,
    f(w) with f(0) = 0 and log(1 + w) at w's."""
    if node.is_Symbol:
        entry = walker.coordinates.get(id(node))  # (v, i, its coordinate as an fmpq or None if irrational)
        if entry is None or entry[0] is not node:
            entry = walker.coordinate(node)
        return 1 if entry is not None and entry[2] is not None and not entry[2] else 0
    args = node._args
    if not args or depth > 8:
        return 0
    depth += 1
    if node.is_Mul:
        total = 0
        for a in args:
            total += _start(a, walker, k, depth)
            if total >= k:
                break
        return total
    if node.is_Pow:
        e = args[1]
        return int(e.p) * _start(args[0], walker, k, depth) if e.is_Integer and e.p > 0 else 0
    cls = type(node)
    if cls in _ZERO_AT_ZERO:
        return _start(args[0], walker, k, depth)
    if node.is_Add:
        terms = args
    elif cls is sp.log and args[0].is_Add and args[0]._args[0] is sp.S.One:  # log(1 + w)
        terms = args[0]._args[1:]
    else:
        return 0
    low = None
    for a in terms:
        d = _start(a, walker, k, depth)
        if not d:
            return 0
        if low is None or d < low:
            low = d
    return low or 0
