"""The parts of an offset term's irrational constant, made directly (onevar_products.offset_parts).

offset_parts walks a term whose constant is irrational but only added (log(1 + 4*x**2) at 3/2: log(10)
plus a rational series; atan(2*x) at 1: pi/4 plus one), asks its value as the derivative engine has it
(onevar_point.log_of, value_at: SymEngine's value converted), then takes the value apart into parts
r*leaf. For a log of a positive rational c other than 1 and an atan of a polynomial, those parts are
known from c alone; here they are made without building the value and taking it apart:

- log(p/q): log_of's value is log(p) for q = 1, else -log(q) + log(p) (Mul(-1, log(q)) first; -log(q)
  alone for p = 1): the parts (-1, log(q)), (1, log(p)) in that order, each leaf log_of's
  (``constants.unevaluated`` of log of an Integer);
- atan(c), c = u(a) rational: value_at's value is atan(c) for c > 0 (c != 1), Mul(-1, atan(-c)) for c < 0
  (c != -1: constants.leaf takes the sign out, as SymPy's atan.eval does), Mul(1/4, pi) for c = 1
  (SymEngine's pi/4): the parts (1, atan(c)), (-1, atan(-c)), (1/4, pi). -pi/4 (c = -1) is
  Mul(-1, 1/4, pi), which offset_parts refuses: left to it (None here), as is any c past the size limit.

The series of atan(u), u = r + q*x**n (``univariate._short``'s shapes) with u(a) != 0, is the walk's:
u's series, then (u' / (1 + u**2)) integrated (FLINT), its constant term 0 (the walk's offset).
tests/test_at16_offsets.py compares the parts with value_at's and log_of's and the expansions with the
derivative engine's.
"""

from __future__ import annotations

import flint
import sympy as sp
from flint import fmpq, fmpq_series

from ..constants import unevaluated
from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from .onevar_point import rational
from .univariate import _short

_ZERO, _ONE, _MINUS_ONE, _QUARTER = fmpq(0), fmpq(1), fmpq(-1), fmpq(1, 4)


def log_parts(c: fmpq, order: int) -> list | None:
    """offset_parts' parts of log_of(c)'s value (module doc), each ([r, 0, ...], 1, (leaf,)); None where
    log_of says None (c <= 0, c = 1, past the size limit)."""
    p, q = int(c.p), int(c.q)
    if p <= 0 or p == q or p.bit_length() > _LIMIT or q.bit_length() > _LIMIT:
        return None
    zeros = [_ZERO] * order
    if q == 1:
        return [([_ONE] + zeros, 1, (unevaluated(sp.log, rational(p, 1)),))]
    parts = [([_MINUS_ONE] + zeros, 1, (unevaluated(sp.log, rational(q, 1)),))]
    if p != 1:
        parts.append(([_ONE] + zeros, 1, (unevaluated(sp.log, rational(p, 1)),)))
    return parts


def atan_value_parts(c: fmpq, order: int) -> list | None:
    """offset_parts' parts of value_at's atan(c) (module doc); None for c = 0, c = -1 and past the size limit."""
    p, q = int(c.p), int(c.q)
    if not p or p == -1 and q == 1 or abs(p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
        return None
    zeros = [_ZERO] * order
    if p == 1 and q == 1:
        return [([_QUARTER] + zeros, 1, (sp.pi,))]
    if p > 0:
        return [([_ONE] + zeros, 1, (unevaluated(sp.atan, rational(p, q)),))]
    return [([_MINUS_ONE] + zeros, 1, (unevaluated(sp.atan, rational(-p, q)),))]


def atan_parts(term: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int) -> tuple | None:
    """offset_parts(atan(u)) for u one of ``_short``'s polynomials with u(a) != 0: (parts, series, own x);
    None for anything else (offset_parts walks)."""
    found = _short(term._args[0], x, a)
    if found is None:
        return None
    coefficients, own = found
    u0 = coefficients[0]
    if not u0:
        return None
    parts = atan_value_parts(u0, order)
    if parts is None:
        return None
    prec = order + 1
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        u = fmpq_series(coefficients if len(coefficients) <= prec else coefficients[:prec], prec=prec)
        series = (u.derivative() * (u * u + 1).inv()).integral().coeffs()  # (the walk's _atan_rate)
    finally:
        flint.ctx.cap = saved
    if len(series) < prec:
        series += [_ZERO] * (prec - len(series))
    series[0] = _ZERO
    return parts, series, own
