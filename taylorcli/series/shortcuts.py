"""Shortcuts of the series walk (compose.Walker): a sum or a product whose series is read off at once.

Each gives the very polynomials the plain walk gives (exact rational arithmetic); SHORTCUTS
False in compose.py turns them off (tests/test_series_shortcuts.py compares both).

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> x, y = sp.symbols("x y", real=True)
>>> w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(0)}, 3, Ring(2, 0, 3))
>>> [str(c) for c in monomial(w, 3 * x * y)]
['0', '0', '3*h0*h1', '0']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flint
import symengine as se
import sympy as sp
from flint import fmpq_series

from .numbers import _ONE, _ZERO, _fmpq_of, _pq
from .tps import Ring, Series

if TYPE_CHECKING:
    from .compose import Walker


def affine(walker: Walker, args: tuple) -> Series | None:
    """The series of a sum of rationals, variables and rationals times variables; None for another sum."""
    coordinates = walker.coordinates
    constant = _ZERO
    terms: dict[int, object] = {}
    for arg in args:
        if arg.is_Rational:
            constant += _fmpq_of(arg)
            continue
        q = None
        if arg.is_Mul:
            margs = arg._args
            if len(margs) != 2 or not margs[0].is_Rational:
                return None
            q, arg = _fmpq_of(margs[0]), margs[1]
        if not arg.is_Symbol:  # (a sum of functions: before the coordinates are read)
            return None
        entry = coordinates.get(id(arg))  # (by identity: a Symbol's hash is Python code)
        if entry is None or entry[0] is not arg:
            entry = walker.coordinate(arg)
            if entry is None:
                return None
        i, a = entry[1], entry[2]
        if a is None:  # an irrational coordinate: a generator (_series)
            return None
        if i in terms:  # (x + 2*x: not a sum SymPy's Add leaves; the general walk adds them)
            return None
        if q is None:
            terms[i] = _ONE
            if a:
                constant += a
        else:
            terms[i] = q
            if a:
                constant += q * a
    if not terms:
        return None
    ring = walker.ring
    out = [ring.ctx.constant(constant)] + [ring.zero] * ring.k
    if ring.k >= 1:
        out[1] = ring.linear(terms)
    return out


def monomial(walker: Walker, expr: sp.Expr) -> Series | None:
    """The series of q * x_i**e_i * ..., every x_i a variable at 0 and e_i a natural number; else None.

    (x*y*z)**2 too. The polynomial the products of the factors' series give (exact arithmetic):
    q times the monomial in its degree, the rest 0 (nothing where the degree passes the order).
    """
    found = _monomial_parts(walker, expr)
    if found is None:
        return None
    q, degree, monomial = found
    ring = walker.ring
    out = ring.constant(0)
    if degree <= ring.k:
        if q is not None:
            monomial = monomial * _fmpq_of(q)
        out[degree] = ring.cut(monomial)
    return out

def _monomial_parts(walker: Walker, expr: sp.Expr, depth: int = 0) -> tuple | None:
    """(rational factor or None, degree, monomial) of a product of variables at 0; None for another shape.

    The monomial is None where the degree passes the order (none is needed: its series is 0).
    """
    ring, coordinates = walker.ring, walker.coordinates
    q, degree, factors = None, 0, []
    for factor in expr._args if expr.is_Mul else (expr,):
        if factor.is_Rational:
            if q is not None:
                return None
            q = factor
            continue
        if factor.is_Pow:
            base, e = factor._args
            if not (e.is_Integer and e.p > 0):
                return None
            e = int(e.p)
        else:
            base, e = factor, 1
        if base.is_Symbol:
            entry = coordinates.get(id(base))  # (by identity: a Symbol's hash is Python code)
            if entry is None or entry[0] is not base:
                entry = walker.coordinate(base)
            if entry is None or entry[2] is None or entry[2]:  # (a coordinate that is not 0)
                return None
            power, d = entry[1], 1
        elif base.is_Mul and not depth:  # (x*y*z)**2
            inner = _monomial_parts(walker, base, 1)
            if inner is None or inner[0] is not None:
                return None
            power, d = inner[2], inner[1]
        else:
            return None
        degree += d * e
        factors.append((power, e))
    if not factors:
        return None
    if degree > ring.k:  # (x*y*z*u at order 2: the products below would be dropped)
        return q, degree, None
    monomial = None
    gens = ring.gens
    for power, e in factors:
        if power.__class__ is int:
            power = gens[power]
        if e > 1:
            power = power ** e
        monomial = power if monomial is None else monomial * power
    return q, degree, monomial


_WALK: list = []  # function_of's answer "the recurrence": u(a) != 0 and no shortcut applies


def function_of(walker: Walker, expr: sp.Expr, name: str) -> Series | list | None:
    """The series of f(u), f in univariate._AT_ZERO (``name``), by a shortcut; ``_WALK`` for the
    recurrence (u(a) != 0), None where the univariate series may serve (Walker._one_variable)."""
    u = walker.series(expr.args[0])
    if u[0]:
        # In one variable with a rational u(a): f(u(a)) and its companion times two series of
        # u - u(a) (cosh(1/(1 + z**2)) = cosh(1) cosh(w) + sinh(1) sinh(w)): offset_function.
        if name in _OFFSET and u[0].is_constant() and any(u[1:]):  # (a constant: Walker._function's)
            mask = walker.shape(expr.args[0])[0]
            if mask and not mask & (mask - 1):
                found = offset_function(walker, name, mask.bit_length() - 1, u)
                if found is not None:
                    return found
        return _WALK
    e = 0  # cos(2*x + 2*y) where 2*x + 2*y is 0, cos(x*y*z) at 0: u one homogeneous part u_e
    for d in range(1, len(u)):
        if u[d]:
            if e:
                return None
            e = d
    if e:
        return linear_function(walker.ring, name, u[e], e)
    # u is 0 to the order (cosh(x*y*z*u) at order 2): f(0), 1 for exp, cos, cosh, else 0, the constant
    # series the walk gives (its value of f(0), rational: no generator; its recurrence's parts all 0)
    ring = walker.ring
    return [ring.one if name in _ONE_AT_ZERO else ring.zero] + [ring.zero] * ring.k


_ONE_AT_ZERO = frozenset(("exp", "cos", "cosh"))  # univariate._AT_ZERO's functions whose value at 0 is 1


def linear_function(ring: Ring, name: str, linear: object, e: int = 1) -> Series:
    """f(l) for a form l homogeneous of degree ``e`` (a series with no other part: a linear form, or a
    monomial at 0 as x*y*z) and f one of univariate._AT_ZERO (``name``).

    f(l) = sum_j c_j l**j in degree j e, c_j f's Taylor coefficients at 0 (rational: FLINT's
    fmpq_series, one call): the very polynomials the recurrence gives (exact arithmetic), in fewer products.
    """
    k = ring.k
    top = k // e
    c = taylor_table(name, top)
    zero = ring.zero
    out = [ring.ctx.constant(c[0])] + [zero] * k
    power, degree = None, 0  # linear**degree
    for j in range(1, top + 1):
        q = c[j]
        if not q:
            continue
        if degree == j - 1:
            power = linear if power is None else power * linear
        else:  # (cos: the even powers only)
            power = linear ** j
        degree = j
        out[j * e] = ring.cut(power * q if q != 1 else power)
    return out


def taylor_table(name: str, k: int) -> list:
    """f's Taylor coefficients at 0 up to t**k (f named as FLINT's fmpq_series method), as k + 1 fmpq:
    ``_flint_series([0, 1], k, (name,))[0]``'s, made once per process (numbers of f alone, no input's).

    >>> taylor_table("exp", 3)
    [1, 1, 1/2, 1/6]
    """
    found = _TABLES.get((name, k))
    if found is None:
        found = list(_flint_series([0, 1], k, (name,))[0].coeffs())
        found += [_ZERO] * (k + 1 - len(found))
        if len(_TABLES) < 512:
            _TABLES[(name, k)] = found
    return found


_TABLES: dict[tuple[str, int], list] = {}  # (FLINT's function name, k) -> its Taylor coefficients at 0 (fmpq: immutable)


def _offset_series(w: list, k: int, names: tuple[str, ...]) -> list:
    """``_flint_series(w, k, names)``; from ``taylor_table`` where w = q t (f(q t)'s coefficients c_j q**j)."""
    q = w[1] if len(w) > 1 else 0
    if not q or any(w[2:]):
        return _flint_series(w, k, names)
    out = []
    for name in names:
        table = taylor_table(name, k)
        if q == 1:
            out.append(table)
            continue
        scaled, power = [table[0]], _ONE
        for j in range(1, k + 1):
            power = power * q
            scaled.append(table[j] * power if table[j] else table[j])
        out.append(scaled)
    return out


def _flint_series(coefficients: list, k: int, names: tuple[str, ...]) -> list:
    """f(w) to order k for each f named (FLINT's fmpq_series methods), w(0) = 0."""
    # FLINT truncates every series at its context's cap (default 10 terms) whatever prec says
    # (univariate.walk sets it the same way).
    saved = flint.ctx.cap
    flint.ctx.cap = k + 1
    try:
        w = fmpq_series(coefficients, prec=k + 1)
        return [getattr(w, name)() for name in names]
    finally:
        flint.ctx.cap = saved


# f(c + w) = a f1(w) + b f2(w): (f1, f2, a's function, b's function, the sign of b), the values at c
# asked in the order the recurrence asks them (sin before cos: the same generator slots)
_OFFSET = {"exp": None, "sin": ("cos", "sin", -1), "cos": ("cos", "sin", -1),
           "sinh": ("cosh", "sinh", 1), "cosh": ("cosh", "sinh", 1)}


def offset_function(walker: Walker, name: str, i: int, u: Series) -> Series | None:
    """f(u) for f in ``_OFFSET`` and u = c + w a series in h_i alone with rational coefficients, c != 0.

    exp(u) = exp(c) exp(w), sin(u) = sin(c) cos(w) + cos(c) sin(w), cos(u) = cos(c) cos(w) - sin(c) sin(w),
    sinh(u) = sinh(c) cosh(w) + cosh(c) sinh(w), cosh(u) = cosh(c) cosh(w) + sinh(c) sinh(w): w's series
    are FLINT's (rational, one call each), f(c) and its companion the values the recurrence takes
    (Walker.constant_of of SymEngine's f(c)); the very polynomials the recurrence gives (exact
    arithmetic). None where a part of u is not q h_i**d (a generator in it).
    """
    ring = walker.ring
    k = ring.k
    w = [0]
    for d in range(1, k + 1):
        part = u[d]
        if not part:
            w.append(0)
        elif len(part) == 1 and part.total_degree() == d:  # (a generator would raise the degree)
            w.append(part.coeffs()[0])
        else:
            return None
    c = se.Rational(*_pq(u[0]))
    if name == "exp":
        e0 = walker.constant_of(se.exp(c))
        (grown,) = _offset_series(w, k, ("exp",))
        out = [e0]
        for d in range(1, k + 1):
            q = grown[d]
            out.append(ring.power_of(i, d) * (e0 * q) if q else ring.zero)
        return out
    even, odd, sign = _OFFSET[name]
    if name in ("sin", "sinh"):  # (the recurrence's order: f(c), then its companion)
        f0 = walker.constant_of(getattr(se, name)(c))
        g0 = walker.constant_of(getattr(se, even)(c))
        a, b = f0, g0  # f(u) = f(c) even(w) + even(c) odd(w)
    else:
        g0 = walker.constant_of(getattr(se, odd)(c))
        f0 = walker.constant_of(getattr(se, name)(c))
        a, b = f0, g0 * sign  # cos(u) = cos(c) cos(w) - sin(c) sin(w), cosh: + sinh(c) sinh(w)
    first, second = _offset_series(w, k, (even, odd))
    out = [f0]
    for d in range(1, k + 1):
        p, q = first[d], second[d]
        if p and q:
            coefficient = a * p + b * q
        elif p:
            coefficient = a * p
        elif q:
            coefficient = b * q
        else:
            out.append(ring.zero)
            continue
        out.append(ring.power_of(i, d) * coefficient)
    return out
