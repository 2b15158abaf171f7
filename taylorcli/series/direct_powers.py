"""The powers c, c**2 ... of a constant sum c's polynomial in the generators, for direct.Direct._inverse_power.

A polynomial is {generator exponents (no trailing zeros): fmpq} (onevar_constants' walk's); ``_poly_mul``
multiplies two such. ``_pack`` writes each key as one int (exponent i in bits _SHIFT*i and up), so a
product's key is one addition (``_packed_mul``: the same products summed in the same order as
``_poly_mul``'s, the same dict order), and ``_unpack`` gives the padded tuple back. c**12 of a
four-term c at -1/3 (log(1 + log(1 + x**2)**2) k12): ~2.2 ms a call with tuple keys and fmpq products.
"""

from __future__ import annotations

import math
from operator import add as _add

from flint import fmpq


_SHIFT = 32
_MASK = (1 << _SHIFT) - 1
_LIMIT_EXPONENT = 1 << (_SHIFT - 1)  # a packed exponent stays below it: no carry into the next generator


def _pack(c: dict) -> tuple[int, int, dict] | None:
    """(largest exponent, the common denominator D, D*c with each key packed: sum of e_i << (_SHIFT * i) and
    each coefficient an int); None for a negative exponent or one past 2**16. c**e is then the packed
    ints' power over D**e: Python's int products instead of fmpq's, the same values (``_unpack_power``)."""
    out: dict = {}
    top = 0
    den = 1
    for q in c.values():
        if type(q) is not fmpq:
            return None
        d = int(q.q)
        den = den * d // math.gcd(den, d)
    for key, q in c.items():
        packed = 0
        for i, e in enumerate(key):
            if e < 0 or e >= 1 << 16:
                return None
            if e > top:
                top = e
            packed += e << (_SHIFT * i)
        out[packed] = int(q.p) * (den // int(q.q))
    return top, den, out


def _packed_mul(a: dict, b: dict) -> dict:
    """``_poly_mul`` on packed keys (and int coefficients): the same products, summed in the same order."""
    out: dict = {}
    for ka, qa in a.items():
        for kb, qb in b.items():
            key = ka + kb
            q = qa * qb
            out[key] = out[key] + q if key in out else q
    return out


def _unpack_power(poly: dict, den: int, m: int) -> list:
    """[(padded exponents, fmpq)] of the nonzero terms of a packed power over den (D**e), in its order."""
    return [(_unpack(key, m), fmpq(n, den)) for key, n in poly.items() if n]


def _unpack(key: int, m: int) -> tuple:
    return tuple([(key >> (_SHIFT * i)) & _MASK for i in range(m)])


def _poly_mul(a: dict, b: dict) -> dict:
    """The product of two polynomials {generator exponents (no trailing zeros): fmpq}."""
    out: dict = {}
    for ka, qa in a.items():
        la = len(ka)
        for kb, qb in b.items():
            lb = len(kb)
            if not la:
                key = kb
            elif not lb:
                key = ka
            elif la == lb:
                key = tuple(map(_add, ka, kb))
            elif la < lb:  # (map stops at the shorter)
                key = tuple(map(_add, ka, kb)) + kb[la:]
            else:
                key = tuple(map(_add, ka, kb)) + ka[lb:]
            q = qa * qb
            out[key] = out[key] + q if key in out else q
    return out
