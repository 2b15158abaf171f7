"""Exact numbers between SymPy, SymEngine and FLINT for the series walk (compose.py), and a constant's sign.

>>> _fmpq_of(sp.Rational(-3, 4))
-3/4
"""

from __future__ import annotations

from fractions import Fraction

import symengine as se
import sympy as sp
from flint import fmpq

from .tps import Unsupported


def engine_sign(value: object) -> int:
    """The sign of a SymEngine constant from 200 bits; Unsupported where it is too close to 0 to call.

    >>> engine_sign(se.sin(se.Integer(4)))
    -1
    """
    try:
        x = float(value.n(200, real=True))
    except (RuntimeError, TypeError, ValueError):
        raise Unsupported("a constant term whose sign SymEngine cannot tell") from None
    if not abs(x) > 1e-30:
        raise Unsupported("a constant term too close to 0 to tell its sign")
    return 1 if x > 0 else -1


def _pq(c: object) -> tuple[int, int]:
    """The numerator and denominator of a constant element of the ring."""
    q = c.leading_coefficient() if c else None
    return (int(q.p), int(q.q)) if q is not None else (0, 1)


def _fraction(q: sp.Rational) -> Fraction:
    return Fraction(int(q.p), int(q.q))


def _fmpq_of(q: sp.Rational) -> fmpq:
    """A SymPy rational (reduced, q > 0) as FLINT's."""
    return fmpq(q.p, q.q) if q.q != 1 else fmpq(q.p)


_ZERO, _ONE = fmpq(0), fmpq(1)


def _fmpq(value: object) -> object:
    if isinstance(value, se.Integer):
        return fmpq(int(value))
    p, q = value.get_num_den()  # SymEngine's rational is reduced, q > 0
    return fmpq(int(p), int(q))
