"""log(u) and atan(u) of one variable in the series walk (compose.Walker): FLINT's rational series and f(u(a)).

log(1 + y**4) at y = -1, atan(y + 3) at 0: u in one variable with rational coefficients, its value
u(a) rational (log: positive, not 1). The walk's recurrence gives f(u(a)) (a generator: log(2),
atan(3)) in degree 0 and rational multiples of h**d above (its parts never multiply the constant:
F' = u'/u, u'/(1 + u**2)); ``univariate.walk`` with ``offsets`` gives those rational series in one
C call per operation, the constant term apart. The value is asked of ``Walker.constant_of`` as
the recurrence asks it (SymEngine's log or atan of the rational u(a), the only constant of the
subtree): the same generator, the very polynomials (exact arithmetic). None where anything else
is met (an inner irrational constant, another function away from 0 ...): the walk does it.

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> x, y = sp.symbols("x y", real=True)
>>> w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(-1)}, 2, Ring(2, 2, 2))
>>> [str(c) for c in offset_function(w, sp.log(1 + y**4))], w.values
(['g0', '-2*h1', 'h1^2'], [log(2)])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flint
import symengine as se
import sympy as sp
from flint import fmpq, fmpq_series

from . import univariate
from .mv_forms import _unit_power
from .tps import NoSlot, Series, Unsupported

if TYPE_CHECKING:
    from .compose import Walker

TYPES = {sp.log: se.log, sp.atan: se.atan}


def offset_function(walker: Walker, expr: sp.Expr, shape: tuple[int, bool] | None = None) -> Series | None:
    """The series of log(u), atan(u) or u**(p/q), u in one variable at a rational coordinate, by FLINT; else None.

    ``shape``: ``walker.shape(expr)`` if the caller has it."""
    if expr.is_Pow:
        exponent = expr._args[1]
        if not exponent.is_Rational or exponent.q == 1:
            return None
    if shape is None:
        shape = walker.shape(expr)
    mask = shape[0]
    if not mask or mask & (mask - 1):
        return None
    i = mask.bit_length() - 1
    x = walker.variables[i]
    a = walker.point[x]
    if not a.is_Rational:
        return None
    ring = walker.ring
    if not ring.k:  # its value at the point alone (a factor mv_truncate walks no further): no series in x
        return _value(walker, expr, x, a)
    offsets: set[int] = set()
    logs: dict = {}
    try:
        if expr.is_Pow:
            power = _power(expr, x, a, ring.k)
        else:
            found = univariate.walk(expr, x, a, ring.k, offsets=offsets, logs=logs)[0]
    except (NoSlot, Unsupported):
        walker._tried = True  # (as Walker._one_variable: not again inside)
        return None
    if expr.is_Pow:
        if power is None:
            return None
        u0, grown = power
        if grown is None:
            # A rational root (sqrt(1 + x**4) at 0): Walker._one_variable's series, whose univariate walk of
            # the whole power would walk the base again; given where that path takes it (at 0, or no function
            # inside), the same polynomials from the base's series here (exact: one rational series)
            if shape[1] and a is not sp.S.Zero:
                return None  # (the plain walk's, as before)
            grown = u0
            return [ring.ctx.constant(grown[0])] + [ring.monomial(i, d, grown[d]) if grown[d] else ring.zero
                                                    for d in range(1, ring.k + 1)]
        p0 = walker.constant_of(se.Pow(se.Rational(int(u0.p), int(u0.q)), se.Rational(*power_exponent(expr))))
        walker.rational_parts.append(expr._args[0])
        out = [p0]
        for d in range(1, ring.k + 1):
            c = grown[d] if d < len(grown) else 0
            out.append(ring.power_of(i, d) * (p0 * c) if c else ring.zero)
        return out
    if not offsets:  # log(u), u(a) = 1, or atan(u), u(a) = 0: all rational
        first = ring.ctx.constant(found[0])
    elif len(offsets) == 1 and id(expr) in offsets:
        u0 = logs[id(expr)]
        first = walker.constant_of(TYPES[type(expr)](se.Rational(int(u0.p), int(u0.q))))
    else:
        return None
    walker.rational_parts.append(expr._args[0])
    return [first] + [ring.monomial(i, d, c) if c else ring.zero for d, c in enumerate(found[1:], start=1)]


def power_exponent(expr: sp.Expr) -> tuple[int, int]:
    return int(expr._args[1].p), int(expr._args[1].q)


def _power(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int) -> tuple | None:
    """(u(a), the coefficients of (u/u(a))**(p/q)) for u**(p/q), q > 1, u rational in x, u(a)**(p/q)
    irrational; else None. The walk's parts are u(a)**(p/q) (SymEngine's, ``Walker._power``'s generator)
    times these (u P' = r u' P: every part a multiple of the first).

    Where u(a)**(p/q) is rational: (the k + 1 coefficients of u**(p/q), None), the one rational series
    ``univariate.coefficients`` gives for the power (exact arithmetic)."""
    u = univariate.walk(expr._args[0], x, a, k)[0]
    u0 = u[0]
    if not u0 > 0:
        return None  # (0, or a fractional power of a negative number: the walk says why)
    n, m = power_exponent(expr)
    root = univariate._rational_power(u0, n, m)
    saved = flint.ctx.cap
    flint.ctx.cap = k + 1  # (FLINT truncates every series at its context's cap, whatever prec says)
    try:
        scaled = fmpq_series(u, prec=k + 1) * (1 / u0)
        grown = _unit_power(scaled, n, m)
        if root is not None:
            found = (grown * root).coeffs() if root != 1 else grown.coeffs()
            return found + [fmpq(0)] * (k + 1 - len(found)), None
        return u0, grown.coeffs()
    finally:
        flint.ctx.cap = saved


def rational_inside(walker: Walker, node: sp.Expr) -> bool:
    """Whether ``node`` lies in a subtree taken whole here, whose nodes' series are rational (the plain walk
    would have walked it: ``inverse_risk.risky`` then knows it holds no generator, as from the walk's memo)."""
    found = walker.__dict__.get("_rational_ids")
    if found is None:
        found = walker._rational_ids = {}
        stack = list(walker.rational_parts)
        while stack:
            e = stack.pop()
            if id(e) not in found:
                found[id(e)] = e
                stack.extend(e._args)
    return found.get(id(node)) is node


def _value(walker: Walker, expr: sp.Expr, x: sp.Symbol, a: sp.Rational) -> Series | None:
    """``offset_function``'s series at k = 0: f(u0) or u0**(p/q) as the walk's constant term, u0 the
    argument's value (univariate.walk's, rational), SymEngine's value of it made a ring element as the
    recurrence makes it (``Walker.constant_of``; a rational root or log(1), atan(0): a rational); None
    where u0 is not a rational the function takes (the walk decides, and says why)."""
    try:
        u0 = univariate.walk(expr._args[0], x, a, 0)[0][0]
    except (NoSlot, Unsupported):
        walker._tried = True  # (as offset_function: not again inside)
        return None
    if expr.is_Pow:
        if not u0 > 0:
            return None  # (0, or a fractional power of a negative number)
        n, m = power_exponent(expr)
        root = univariate._rational_power(u0, n, m)
        if root is not None:
            return [walker.ring.ctx.constant(root)]
        value = se.Pow(se.Rational(int(u0.p), int(u0.q)), se.Rational(n, m))
    else:
        if type(expr) is sp.log and not u0 > 0:
            return None
        value = TYPES[type(expr)](se.Rational(int(u0.p), int(u0.q)))
    walker.rational_parts.append(expr._args[0])
    return [walker.constant_of(value)]
