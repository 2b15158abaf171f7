"""log(1 + W), W 0 at the point with one homogeneous part (compose.Walker's shortcut, issue 9).

At 0, log(1 + (x - z)**2), log(1 + z**2), log(1 + (3*y + 3*z + u - x)**2), log(1 + x*y): W's series is one
part W_e of degree e (a form squared, a monomial), and log(1 + W) = sum_j (-1)**(j + 1) W_e**j / j in degree
j e: the very polynomials the recurrence gives (exact arithmetic on the one truncated series), in fewer
products, and no FLINT univariate walk of the argument. The argument's series is the walk's own (its memo
holds it, as the plain walk's would: inverse_risk reads it there). Anywhere else None: the walk decides.

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> x, z = sp.symbols("x z")
>>> w = Walker([x, z], {x: sp.Integer(0), z: sp.Integer(0)}, 4, Ring(2, 0, 4))
>>> [str(c) for c in log_one_plus(w, sp.log(1 + (x - z)**2))]
['0', '0', 'h0^2 - 2*h0*h1 + h1^2', '0', '-1/2*h0^4 + 2*h0^3*h1 - 3*h0^2*h1^2 + 2*h0*h1^3 - 1/2*h1^4']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp
from flint import fmpq

from .mv_slots import _vanishes
from .tps import Series

if TYPE_CHECKING:
    from .compose import Walker


def log_one_plus(walker: Walker, expr: sp.Expr) -> Series | None:
    """The series of ``expr`` = log(1 + W) where W is seen to vanish at a point all 0 and its series is
    one homogeneous part; else None."""
    arg = expr._args[0]
    if not arg.is_Add:
        return None
    args = arg._args
    if args[0] is not sp.S.One:
        return None
    at_zero = walker.__dict__.get("_all_zero")
    if at_zero is None:
        zero = sp.S.Zero
        at_zero = walker._all_zero = all([a is zero for a in walker.point.values()])
    if not at_zero:
        return None
    for a in args[1:]:  # (a cheap look before the walk: W vanishes where every symbol is 0)
        if not (a.is_Symbol or _vanishes(a, 0)):
            return None
    ring = walker.ring
    u = walker.series(arg)
    if walker._tried or u[0] != ring.one:  # (a parameter among W's symbols: a generator)
        return None  # (_tried: a part of W failed the univariate series: the walk's path, as before)
    k = ring.k
    e = 0
    for d in range(1, k + 1):
        if u[d]:
            if e:
                return None
            e = d
    zero = ring.zero
    out = [zero] * (k + 1)
    if not e:  # W is 0 to the order: log(1) = 0
        return out
    w = u[e]
    power = None
    for j in range(1, k // e + 1):
        power = w if power is None else ring.cut(power * w)
        out[j * e] = power if j == 1 else power * _coefficient(j)
    return out


def _coefficient(j: int) -> fmpq:
    """(-1)**(j + 1) / j, log(1 + t)'s coefficient of t**j."""
    return fmpq(1 if j % 2 else -1, j)
