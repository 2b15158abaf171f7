"""How good an expansion is: actual errors, observed convergence order, Lagrange bounds.

All arithmetic runs in mpmath at 80 significant digits, so errors of 1e-40
are measured, not lost to cancellation against f(p) ~ 1.

>>> from taylorcli.expansion import expand
>>> e = expand("exp(x)", order=2)
>>> x = e.variables[0]
>>> [round(row.error, 6) for row in actual_errors(e, {x: 1}).rows]
[1.718282, 0.718282, 0.218282]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import mpmath
import sympy as sp

from .calculus import Differentiator, describe_point
from .errors import InputError, MathError
from .expansion import Expansion
from .guard import check_point
from .numeric import enclose, value

DIGITS = 80
HALVINGS = 6


@dataclass
class ErrorRow:
    order: int
    approximation: float
    error: float


@dataclass
class ErrorTable:
    """f and each partial sum T_k at one point, with |f - T_k|."""

    point: dict[sp.Symbol, sp.Expr]
    value: float
    rows: list[ErrorRow]
    exact: sp.Expr | None = None  # f at the point, exact


@dataclass
class ConvergenceRow:
    scale: sp.Rational  # h is (point2 - a) times this
    distance: float  # |h|
    error: float  # |f(a + h) - T_K(a + h)|
    order: float | None  # log2 of the error ratio to the previous row


@dataclass
class LagrangeBound:
    interval: tuple[sp.Expr, sp.Expr] | None  # None where no bound applies (never nan)
    bound: float | None
    note: str = ""


def _term_values(e: Expansion, point: Mapping[sp.Symbol, sp.Expr]) -> list[tuple[sp.Rational, mpmath.mpf]]:
    """(degree, value at the point) of each term of the expansion."""
    bases = [value(b, point, DIGITS) for b in e.bases]
    out = []
    for powers, c in e.coefficients:
        try:  # a series coefficient may hold log(x): it takes the point too
            term = value(c, point, DIGITS)
        except TypeError:  # mpmath refuses a value that is not a real number
            raise MathError(f"the term {c} is not real at {describe_point(point)}") from None
        for b, p in zip(bases, powers):
            if p:
                if b < 0 and not p.is_Integer:
                    raise MathError(f"the series has x**{p}: it is not real at {describe_point(point)}")
                term *= b ** mpmath.mpf(sp.N(p, DIGITS)) if not p.is_Integer else b ** int(p)
        out.append((sum(powers), term))
    return out


def _checked(e: Expansion, point: Mapping[sp.Symbol, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
    point = {v: point[v] for v in e.variables}
    free = sorted(s.name for s in e.expression.free_symbols - set(e.variables))
    if free:  # a number is needed for every symbol: the parameters have none
        raise InputError(f"--check needs values for the parameters: {', '.join(free)} "
                         "(list them in --vars to expand in them too)")
    check_point(e.expression, point)
    return point


def _f_value(e: Expansion, point: Mapping[sp.Symbol, sp.Expr]) -> mpmath.mpf:
    exact = e.expression.xreplace(dict(point))
    if exact.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I) or exact.is_real is False:
        raise MathError(f"f is undefined or not real at {describe_point(point)}")
    return value(exact, {}, DIGITS)


def actual_errors(e: Expansion, point: Mapping[sp.Symbol, sp.Expr]) -> ErrorTable:
    """|f(p) - T_k(p)| for every order k up to the expansion's order."""
    point = _checked(e, point)
    with mpmath.workdps(DIGITS):
        f = _f_value(e, point)
        terms = _term_values(e, point)
        degrees = [d for d, _ in terms]
        low = min([0, *(math.floor(d) for d in degrees)])
        rows = []
        for k in range(low, e.order + 1):
            approximation = mpmath.fsum(t for d, t in terms if d <= k)
            rows.append(ErrorRow(k, float(approximation), float(abs(f - approximation))))
    return ErrorTable(point, float(f), rows, e.expression.xreplace(dict(point)))


def convergence(e: Expansion, point: Mapping[sp.Symbol, sp.Expr], halvings: int = HALVINGS) -> list[ConvergenceRow]:
    """Errors of T_K as the displacement h = point - a is halved, with the observed order.

    Taylor's theorem says the error is O(|h|^(K+1)), so the observed order
    log2(error(h) / error(h/2)) tends to K + 1 (for a Laurent or Puiseux series,
    to the first omitted exponent).
    """
    if e.at_infinity:
        raise InputError("--check-h needs a finite expansion point")
    point = _checked(e, point)
    rows: list[ConvergenceRow] = []
    with mpmath.workdps(DIGITS):
        previous = None
        for m in range(halvings + 1):
            scale = sp.Rational(1, 2**m)
            p = {v: e.at[v] + (point[v] - e.at[v]) * scale for v in e.variables}
            f = _f_value(e, p)
            approximation = mpmath.fsum(t for _, t in _term_values(e, p))
            error = abs(f - approximation)
            distance = mpmath.sqrt(mpmath.fsum(value((p[v] - e.at[v]) ** 2, {}, DIGITS) for v in e.variables))
            order = None
            if previous is not None and previous > 0 and error > 0:
                order = float(mpmath.log(previous / error, 2))
            rows.append(ConvergenceRow(scale, float(distance), float(error), order))
            previous = error
    return rows


def lagrange_bound(e: Expansion, point: Mapping[sp.Symbol, sp.Expr]) -> LagrangeBound:
    """max |f^(K+1)| on [a, x] * |x - a|^(K+1) / (K+1)!, by interval arithmetic (one variable)."""
    (x,) = e.variables if len(e.variables) == 1 else (None,)
    if e.method != "derivatives" or e.kind != "taylor" or e.side is not None or e.at_infinity or e.order < 0:
        # A Laurent, Puiseux, asymptotic or one-sided series has no f^(K+1) on [a, x] to bound it.
        return LagrangeBound(None, None, "no Lagrange bound: not a Taylor polynomial")
    if x is None:
        return LagrangeBound(None, None, "no Lagrange bound: only for a Taylor polynomial in one variable")
    a, b = e.at[x], point[x]
    interval = (a, b) if sp.N(b - a) >= 0 else (b, a)
    k = e.order + 1
    derivative = Differentiator(e.expression, [x]).partial((0,) * k)
    try:
        with mpmath.workdps(30):
            lo, hi = enclose(derivative, {x: interval})
            largest = max(abs(lo), abs(hi))
            width = abs(mpmath.mpf(sp.N(b - a, 30)))
            bound = largest * width**k / mpmath.factorial(k)
    except (NotImplementedError, ArithmeticError, ValueError, ZeroDivisionError) as error:
        return LagrangeBound(interval, None, f"no bound: {error}")
    return LagrangeBound(interval, float(bound))
