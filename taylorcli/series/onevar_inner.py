"""f(g(x)) for f = exp, sin, cos, sinh, cosh and g a rational series that is not linear at the point
(exp(x**2) at 2, cosh(x**2) at -2): the coefficients, as the derivative engine gives them.

With c = g(a) != 0 and h = g - c (no constant term), f(c + h) = f(c)*C(h) + f'(c)*S(h), where
(C, S) = (cosh h, sinh h) for sinh and cosh, (cos h, sin h) for sin and cos, and exp(c)*exp(h) for
exp. C and S are FLINT's series of h (``fmpq_series.cos``, ``sin``, ``cosh``, ``sinh``, ``exp``): exact
rationals computed in C (running their recurrences over fmpq from Python cost ~40 us at order 20).
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


import flint
import sympy as sp
from flint import fmpq, fmpq_series

from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits

_SIGN = {sp.exp: 1, sp.sinh: 1, sp.cosh: 1, sp.sin: -1, sp.cos: -1}  # C' = sign * h' * S


def compose(kind: type, inner: list[fmpq], scale: fmpq, order: int,
            values: list[tuple[int, sp.Expr]]) -> list[tuple[int, list[tuple[fmpq, sp.Expr]]]] | None:
    """(degree, [(r, leaf) ...]) for the sum of r*leaf, one or two, for every non-zero coefficient of
    scale * kind(inner) up to ``order``;
    ``values``: onevar's (sign, leaf) of f(c), f'(c) ... (``_plain_values``). None where a number
    is past guard.check_size's limit or a value is not a plain leaf (the full path decides)."""
    if order <= 2:  # C(h), S(h) to order 2 by their formulas (FLINT's context and series: ~4 us more)
        parts = list(zip(small_cycle(kind, inner, order), values))
    else:  # FLINT's exp, cos/sin, cosh/sinh of h (no constant term), in C
        saved = flint.ctx.cap
        flint.ctx.cap = order + 1  # FLINT truncates every series at its context's cap whatever prec says
        try:
            h = fmpq_series([0] + list(inner[1:order + 1]), prec=order + 1)
            parts = [(padded(series, order), value) for series, value in zip(cycle_series(kind, h), values)]
        finally:
            flint.ctx.cap = saved
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


def small_cycle(kind: type, inner: list[fmpq], order: int) -> list[list[fmpq]]:
    """``cycle_series`` of h = h1*t + h2*t**2 (inner's, zero past its end) to ``order`` <= 2, padded:
    exp(h) = 1 + h1*t + (h2 + h1**2/2)*t**2; cosh(h), cos(h) = 1 +- h1**2/2*t**2; sinh(h), sin(h) = h1*t + h2*t**2
    (exact: the coefficients FLINT's series give, tests/test_fix14_small.py compares them)."""
    zero, one = _ZERO, _ONE
    h1 = inner[1] if order >= 1 and len(inner) > 1 else zero
    h2 = inner[2] if order >= 2 and len(inner) > 2 else zero
    square = h1 * h1 / 2
    if kind is sp.exp:
        return [[one, h1, h2 + square][:order + 1]]
    if _SIGN[kind] < 0:
        square = -square
    return [[one, zero, square][:order + 1], [zero, h1, h2][:order + 1]]


_ZERO, _ONE = fmpq(0), fmpq(1)


def cycle_series(kind: type, h: fmpq_series) -> list[fmpq_series]:
    """[C(h)] for exp, [C(h), S(h)] for sinh, cosh, sin, cos: f(c + h) = f(c)*C(h) + f'(c)*S(h) (module doc)."""
    if kind is sp.exp:
        return [h.exp()]
    if _SIGN[kind] > 0:
        return [h.cosh(), h.sinh()]
    return [h.cos(), h.sin()]


def padded(series: fmpq_series, order: int) -> list[fmpq]:
    """The order + 1 coefficients of ``series``, zeros included (FLINT drops trailing zeros)."""
    out = series.coeffs()
    if len(out) <= order:
        out += [fmpq(0)] * (order + 1 - len(out))
    return out
