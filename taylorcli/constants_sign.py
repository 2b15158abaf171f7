"""The sign of a real constant from a float enclosure, without SymPy's assumptions (constants_sums.py).

``sign(value)`` evaluates a constant built of rationals, E, pi, sums, products, powers and
sin, cos, atan, log, sinh, cosh, exp, erf in floats, carrying a bound on the error of every
node (each math-library result within a few ulps, plus the first-order propagation of the
error of its argument, with a generous margin), and answers the sign where the enclosure
[v - e, v + e] excludes 0: 1 or -1; else (or for anything outside that vocabulary) None.

SymPy decides the same (``is_zero``, ``is_negative``) through its assumptions and evalf, ~1-2 ms
after ``clear_cache`` for log(4) - log(85); this costs a few microseconds.

>>> import sympy as sp
>>> sign(sp.log(4, evaluate=False) - sp.log(85, evaluate=False)), sign(sp.sin(4)), sign(sp.Integer(0))
(-1, -1, None)
"""

from __future__ import annotations

import math

import sympy as sp

_EPS = 4.5e-16  # two ulps: the error of one correctly rounded or faithful operation, with margin
_TINY = 1e-300
_BITS = 1000  # rationals of more bits are left to SymPy (no float overflow questions)
_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)


def sign(value: sp.Expr) -> int | None:
    """1 or -1 when the enclosure of ``value`` excludes 0; None when undecided or not of this vocabulary."""
    try:
        found = _enclose(value, 0)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    if found is None:
        return None
    v, e = found
    if not (math.isfinite(v) and math.isfinite(e)) or abs(v) <= 2 * e + _TINY:
        return None
    return 1 if v > 0 else -1


def _enclose(value: sp.Expr, depth: int) -> tuple[float, float] | None:
    """(v, e) with |value - v| <= e, or None."""
    if depth > 40:
        return None
    if value.is_Rational:
        p, q = value.p, value.q
        if abs(p).bit_length() > _BITS or q.bit_length() > _BITS:
            return None
        v = p / q if q != 1 else float(p)
        return v, abs(v) * _EPS
    if value is sp.S.Exp1:
        return math.e, math.e * _EPS
    if value is sp.S.Pi:
        return math.pi, math.pi * _EPS
    kind = type(value)
    if kind is sp.Add:
        v = e = size = 0.0
        for term in value.args:
            found = _enclose(term, depth + 1)
            if found is None:
                return None
            v += found[0]
            e += found[1]
            size += abs(found[0])
        return v, e + (size + abs(v)) * _EPS * len(value.args)
    if kind is sp.Mul:
        v, e = 1.0, 0.0
        for factor in value.args:
            found = _enclose(factor, depth + 1)
            if found is None:
                return None
            w, f = found
            e = abs(v) * f + abs(w) * e + e * f
            v *= w
            e += abs(v) * _EPS
        return v, e
    if kind is sp.Pow:
        base, k = value.args
        if not k.is_Rational or abs(k.p).bit_length() > 20 or k.q > 1 << 20:
            return None
        found = _enclose(base, depth + 1)
        if found is None:
            return None
        b, f = found
        if k.q != 1 and b - f <= 0:  # a root of a base not known positive
            return None
        if abs(b) <= 4 * f:  # relative error too large to propagate (or a base near 0)
            return None
        r = f / abs(b)
        n = abs(k.p) / k.q
        v = math.pow(b, k.p / k.q) if k.q != 1 else b ** k.p
        rel = math.expm1(n * math.log1p(r)) if k.p > 0 else math.expm1(-n * math.log1p(-r))
        return v, abs(v) * (rel + (n + 2) * _EPS)
    (arg,) = value.args if len(value.args) == 1 else (None,)
    if arg is None:
        return None
    if kind is sp.exp:
        found = _enclose(arg, depth + 1)
        if found is None:
            return None
        x, f = found
        v = math.exp(x)
        return v, v * (math.expm1(f) + 2 * _EPS)
    if kind not in _FUNCTIONS:
        return None
    found = _enclose(arg, depth + 1)
    if found is None:
        return None
    x, f = found
    if kind is sp.sin or kind is sp.cos:
        v = math.sin(x) if kind is sp.sin else math.cos(x)
        return v, f + _EPS + _TINY  # |derivative| <= 1; the library's result within an ulp of 1
    if kind is sp.atan:
        v = math.atan(x)
        return v, f + abs(v) * _EPS + _TINY  # |derivative| <= 1
    if kind is sp.erf:
        v = math.erf(x)
        return v, _TWO_OVER_SQRT_PI * f + _EPS + _TINY  # |derivative| <= 2/sqrt(pi)
    if kind is sp.log:
        if x - 2 * f <= 0:
            return None
        v = math.log(x)
        return v, -math.log1p(-f / x) + abs(v) * _EPS + _TINY  # log(x) - log(x - f)
    # sinh, cosh: |derivative| <= cosh(|x| + f) on the enclosure
    v = math.sinh(x) if kind is sp.sinh else math.cosh(x)
    return v, math.cosh(abs(x) + f) * f + abs(v) * 2 * _EPS + _TINY


_FUNCTIONS = (sp.sin, sp.cos, sp.atan, sp.erf, sp.log, sp.sinh, sp.cosh)
