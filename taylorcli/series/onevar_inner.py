"""f(g(x)) for f = exp, sin, cos, sinh, cosh and g a rational series that is not linear at the point
(exp(x**2) at 2, cosh(x**2) at -2): the coefficients, as the derivative engine gives them.

With c = g(a) != 0 and h = g - c (no constant term), f(c + h) = f(c)*C(h) + f'(c)*S(h), where
(C, S) = (cosh h, sinh h) for sinh and cosh, (cos h, sin h) for sin and cos, and exp(c)*exp(h) for
exp. C and S come from their recurrences (n*S_n = sum k*h_k*C_(n-k), n*C_n = +-sum k*h_k*S_(n-k);
n*E_n = sum k*h_k*E_(n-k)), over h's non-zero terms only: a polynomial argument costs O(order).
A coefficient A*f(c) + B*f'(c) with A, B rational is then the object the derivative engine builds
(``calculus.Differentiator.value_at``: SymEngine's expanded value, ``convert.to_sympy``): one leaf
times a rational is built as ``onevar._one_function`` builds it, a sum of two as convert.add builds
SymEngine's (``onevar._composed``). tests/test_onevar_small.py compares them.

>>> import sympy as sp
>>> from flint import fmpq
>>> x = sp.Symbol("x", real=True)
>>> [found[0][0] for _, found in compose(sp.exp, [fmpq(4), fmpq(4), fmpq(1)], fmpq(1), 2, [(1, sp.exp(4))])]
[1, 4, 9]
"""

from __future__ import annotations

import math

import sympy as sp
from flint import fmpq

from ..guard import MAX_DIGITS

_LIMIT = int(MAX_DIGITS * math.log2(10))  # guard.check_size's limit, in bits
_SIGN = {sp.exp: 1, sp.sinh: 1, sp.cosh: 1, sp.sin: -1, sp.cos: -1}  # C' = sign * h' * S


def compose(kind: type, inner: list[fmpq], scale: fmpq, order: int,
            values: list[tuple[int, sp.Expr]]) -> list[tuple[int, list[tuple[fmpq, sp.Expr]]]] | None:
    """(degree, [(r, leaf) ...]) for the sum of r*leaf, one or two, for every non-zero coefficient of
    scale * kind(inner) up to ``order``;
    ``values``: onevar's (sign, leaf) of f(c), f'(c) ... (``_plain_values``). None where a number
    is past guard.check_size's limit or a value is not a plain leaf (the full path decides)."""
    terms = [(k, k * h) for k, h in enumerate(inner) if k and h]
    one, zero = fmpq(1), fmpq(0)
    if kind is sp.exp:
        e = [one] + [zero] * order
        for n in range(1, order + 1):
            total = zero
            for k, kh in terms:
                if k > n:
                    break
                total += kh * e[n - k]
            e[n] = total / n
        parts = [(e, values[0])]
    else:
        sign = _SIGN[kind]
        cs, sn = [one] + [zero] * order, [zero] * (order + 1)
        for n in range(1, order + 1):
            tc = ts = zero
            for k, kh in terms:
                if k > n:
                    break
                ts += kh * cs[n - k]
                tc += kh * sn[n - k]
            sn[n] = ts / n
            cs[n] = (tc if sign > 0 else -tc) / n
        parts = [(cs, values[0]), (sn, values[1])]
    out = []
    for d in range(order + 1):
        found = []
        for series, (s, leaf) in parts:
            r = series[d]
            if r:
                r = r * scale * s
                if abs(int(r.p)).bit_length() > _LIMIT or int(r.q).bit_length() > _LIMIT:
                    return None
                found.append((r, leaf))
        if found:
            out.append((d, found))
    return out
