"""``univariate.walk``'s answer for one node, or a sum or product of such nodes, over ``univariate._short``'s
shapes, without the walk's set-up (its memo, closures and dispatch: ~3 us, beside the one to four FLINT
calls a small expansion makes).

A node is f(u) for f in ``univariate._AT_ZERO`` with u(a) = 0, log(u) with u(a) = 1, u**n (n an integer,
or n/2 with u(a) = 1), u = r + q*x**n (``_short``): sin(x), atan(x), log(1 + x**2), 1/(1 + 9*x**2).
``of_terms`` takes a sum or product whose terms (after SymPy's leading rational) are such nodes,
``_short``'s polynomials, or (in a sum) a rational times a node: sqrt(1 + x**2) + cosh(x**2),
x*exp(x), 2*sin(x) - atan(x). u's series is made from _short's coefficients (the same exact series the
walk's FLINT arithmetic gives), then the walk's own call on it, and the terms are added or multiplied
as the walk adds or multiplies them (exact rationals, truncated at the same order: the same values).
Every other case (an offset, a guard, an error to raise) is None before any FLINT call: the walk decides.
The last walk kept for sharing (``univariate._LAST``) is this one. tests/test_small_walks.py and
tests/test_fix14_small.py compare with the walk's own route.
"""

from __future__ import annotations

import flint
import sympy as sp
from flint import fmpq, fmpq_series

_Add, _Mul, _Pow, _log = sp.Add, sp.Mul, sp.Pow, sp.log


def _plan(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, guard: bool, offset: bool = False) -> tuple | None:
    """(u's coefficients, its x, cls, name, n, m) for a node (module doc), read from its shape and u's
    coefficients alone (no FLINT call); None for anything else. ``offset``: also log(u) with u(a) a
    positive rational other than 1 (the walk's offset log: log(u(a)) + log(u/u(a)))."""
    cls = type(expr)
    name = _AT_ZERO.get(cls)
    args = expr._args
    n = m = 1
    if name is not None:
        at = 0  # u(a) must be 0 (else f(u(a)) is an offset or NoSlot: the walk's)
    elif cls is _log:
        at = None if offset else 1
    elif cls is _Pow:
        exponent = args[1]
        if not exponent.is_Rational:
            return None
        n, m = exponent.p, exponent.q
        if m == 1:
            at = None  # any u(a) (not 0 for n < 0: checked below)
        elif m == 2:
            at = 1
        else:
            return None
    else:
        return None
    if at is not None:
        # Read from the shape first (no FLINT arithmetic where the answer is None): away from 0,
        # u(a) is 0 or 1 by chance only; at 0 it is r, the sum's rational (r + q*x**n), or 0.
        if a.p:
            return None
        arg = args[0]
        r = arg._args[0] if type(arg) is _Add else None
        if (r is not None) if at == 0 else (r is not sp.S.One):
            return None
    inner = univariate._short(args[0], x, a)
    if inner is None:
        return None
    coefficients, own = inner
    u0 = coefficients[0]
    if at == 0 and u0 or at == 1 and u0 != 1 or n < 0 and not u0:
        return None  # (not met: the shape said so; a vanishing base of a negative power raises in the walk)
    if cls is _log and not u0 > 0:
        return None  # (the walk raises Unsupported)
    if guard and u0 and abs(n) * u0.height_bits() > _LIMIT:
        return None  # the walk's guard: NoSlot
    return coefficients, own, cls, name, n, m


def _apply(plan: tuple, prec: int) -> fmpq_series:
    """The node's series (FLINT's context cap set to prec by the caller), by the walk's own call."""
    coefficients, _, cls, name, n, m = plan
    if len(coefficients) > prec:
        del coefficients[prec:]
    u = fmpq_series(coefficients, prec=prec)
    if name is not None:
        return getattr(u, name)()
    if cls is _log:
        u0 = coefficients[0]
        return u.log() if u0 == 1 else (u * (1 / u0)).log()  # (u0 != 1: an offset log, the walk's)
    if cls is None:  # one of _short's polynomials itself
        return u
    if m == 1:
        return u ** n if n >= 0 else (u.inv() if n == -1 else u.inv() ** -n)
    root = u.sqrt() if n > 0 else u.rsqrt()
    return root ** abs(n) if n != 1 and n != -1 else root


def _finish(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int, guard: bool, root: fmpq_series,
            own: sp.Symbol) -> tuple[list[fmpq], sp.Symbol]:
    out = root.coeffs()
    if univariate._SHARING:
        univariate._LAST = (expr, x, k, a.p, a.q, guard, root, own)
    prec = k + 1
    if len(out) < prec:
        out += [fmpq(0)] * (prec - len(out))
    return out, own


def of_polynomial(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int, guard: bool,
                  offsets: set[int] | None = None, logs: dict | None = None) -> tuple[list[fmpq], sp.Symbol] | None:
    """``walk``'s answer for one node (module doc); None: the walk decides. With ``offsets`` (the walk's),
    also an offset log(u) (u(a) > 0, not 1): its id added to offsets, u(a) to ``logs``, as the walk adds them."""
    plan = _plan(expr, x, a, guard, offsets is not None)
    if plan is None:
        return None
    prec = k + 1
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        root = _apply(plan, prec)
    finally:
        flint.ctx.cap = saved
    if plan[2] is _log:
        u0 = plan[0][0]
        if u0 != 1:  # the walk's offset log: no series kept for sharing (the walk keeps none with an offset)
            offsets.add(id(expr))
            if logs is not None:
                logs[id(expr)] = u0
            out = root.coeffs()
            return (out + [fmpq(0)] * (prec - len(out)) if len(out) < prec else out), plan[1]
    return _finish(expr, x, a, k, guard, root, plan[1])


def of_terms(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int,
             guard: bool) -> tuple[list[fmpq], sp.Symbol] | None:
    """``walk``'s answer for a sum or product of nodes and polynomials (module doc); None: the walk decides."""
    args = expr._args
    first = args[0]
    rest = args[1:] if first.is_Rational else args  # SymPy puts the number first: a scalar for FLINT
    adding = type(expr) is _Add
    short = univariate._short
    plans = []
    for term in rest:
        plan = _plan(term, x, a, guard)
        scale = None
        if plan is None:
            found = short(term, x, a)
            if found is not None:
                plan = (found[0], found[1], None, None, 1, 1)
            elif adding and type(term) is _Mul and len(term._args) == 2 and term._args[0].is_Rational:
                number, node = term._args  # 2*sin(x): the walk's product of a scalar and the node
                plan = _plan(node, x, a, guard)
                if plan is None:
                    return None
                scale = fmpq(number.p, number.q)
            else:
                return None
        plans.append((plan, scale))
    prec = k + 1
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        out = None
        for plan, scale in plans:
            part = _apply(plan, prec)
            if scale is not None:
                part = part * scale
            out = part if out is None else (out + part if adding else out * part)
        if rest is not args:
            out = out + fmpq(first.p, first.q) if adding else out * fmpq(first.p, first.q)
    finally:
        flint.ctx.cap = saved
    return _finish(expr, x, a, k, guard, out, plans[0][0][1])  # its x: the first met, left to right


# (last: univariate imports this module at its end, and this one univariate, whichever comes first)
from . import univariate  # noqa: E402
from .univariate import _AT_ZERO, _LIMIT  # noqa: E402
