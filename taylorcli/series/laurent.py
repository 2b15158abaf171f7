"""Laurent series in one variable by valuation: poles and removable singularities without SymPy's series.

A series is kept as t**v * s(t) with s an ``fmpq_series`` whose constant term is not
zero (``v`` the valuation, may be negative) and ``r`` coefficients of s known: it is
known up to O(t**(v + r)). A sum aligns the valuations, a product adds them, an
inverse negates them, so 1/sin(x), x/(exp(x) - 1) or sinh(x)/x at 0 cost a few FLINT
calls. Functions are composed only where their argument has valuation >= 0 and the
univariate rules apply (exp, sin ... of a series vanishing at 0, log of one that is 1
there). Cancellation (sin(x) - x) loses relative precision: the whole walk is
repeated with more terms until the requested order is known. Anything else
(a fractional valuation, an essential singularity, an irrational coefficient)
raises ``Unsupported``: logseries.py then tries with log(t) terms and exact
constants, and SymPy's ``series`` keeps what neither reaches.

A one-sided walk (``puiseux``: t > 0, also f(1/t) for the series at oo) knows the sign
of a series near 0, so atan of a series with a pole is sign * pi/2 - atan(1/u): that
constant is kept apart from the rational coefficients (``_L.k``).

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> laurent(1 / sp.sin(x), x, sp.Integer(0), 3)
[(-1, 1), (1, 1/6), (3, 7/360)]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flint
import sympy as sp
from flint import fmpq, fmpq_series

from .tps import Unsupported
from .univariate import _AT_ZERO

MAX_EXTRA = 64  # terms of working precision beyond the order, at most


class _Short(Exception):
    """Cancellation left fewer known terms than needed: retry with more."""


class _L:
    """t**v * (c[0] + c[1] t + ...) + k, c[0] != 0, with len(c) known coefficients.

    ``k`` is an exact constant that is not rational (pi/2 from atan at a pole), kept
    apart: sums add it, a product with a rational constant scales it; anything else
    that meets it raises ``Unsupported``.
    """

    __slots__ = ("v", "c", "k")

    def __init__(self, v: int, c: list[fmpq], k: sp.Expr = sp.S.Zero) -> None:
        drop = 0
        while drop < len(c) and c[drop] == 0:
            drop += 1
        if drop == len(c):
            raise _Short()  # zero to the precision kept: its valuation is unknown
        self.v, self.c, self.k = v + drop, c[drop:], k

    @property
    def end(self) -> int:
        """The first exponent not known."""
        return self.v + len(self.c)


def _series(c: list[fmpq]) -> fmpq_series:
    return fmpq_series(c, prec=len(c))


def _coeffs(s: fmpq_series, n: int) -> list[fmpq]:
    out = s.coeffs()[:n]
    return out + [fmpq(0)] * (n - len(out))


def aligned_sum(a: Any, b: Any, sign: int = 1) -> tuple[int, list[fmpq]]:
    """a ± b for series s**v (c0 + c1 s + ...) known up to s**end: the valuation and coefficients.

    (Also logseries' coefficient series: anything with ``v``, ``c`` and ``end``.)
    """
    v, end = min(a.v, b.v), min(a.end, b.end)
    out = [fmpq(0)] * (end - v)
    for i, x in enumerate(a.c):
        if a.v + i < end:
            out[a.v + i - v] += x
    for i, x in enumerate(b.c):
        if b.v + i < end:
            out[b.v + i - v] += x if sign > 0 else -x
    return v, out


def _add(a: _L, b: _L, sign: int = 1) -> _L:
    v, out = aligned_sum(a, b, sign)
    return _L(v, out, a.k + b.k if sign > 0 else a.k - b.k)


def _constant_value(a: _L) -> fmpq | None:
    """The value of a series that is a rational constant to the precision kept, else None."""
    if a.v == 0 and not a.k and all(c == 0 for c in a.c[1:]):
        return a.c[0]
    return None


def _mul(a: _L, b: _L) -> _L:
    k = sp.S.Zero
    if a.k or b.k:  # (s + k) * c = s c + k c: only a rational constant c keeps k apart
        plain, other = (b, a) if a.k else (a, b)
        c = _constant_value(plain)
        if c is None:
            raise Unsupported("a product with an irrational constant term")
        k = other.k * sp.Rational(int(c.p), int(c.q))
    n = min(len(a.c), len(b.c))
    return _L(a.v + b.v, _coeffs(_series(a.c[:n]) * _series(b.c[:n]), n), k)


def _plain(a: _L) -> _L:
    if a.k:
        raise Unsupported("a function of a series with an irrational constant term")
    return a


def _inv(a: _L) -> _L:
    _plain(a)
    return _L(-a.v, _coeffs(_series(a.c).inv(), len(a.c)))


def _absolute(a: _L) -> tuple[fmpq_series, int]:
    """A series of valuation >= 0 in absolute form (coefficients from t**0), and its length."""
    _plain(a)
    if a.v < 0:
        raise Unsupported("a function of a series with a pole (an essential singularity, or a log)")
    full = [fmpq(0)] * a.v + a.c
    return _series(full), len(full)


def laurent(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int) -> list[tuple[sp.Integer, sp.Rational]]:
    """(exponent, coefficient) of the Laurent series of ``expr`` in powers of x - a, exponents <= order.

    Only non-zero coefficients, lowest exponent first; all rational, else Unsupported.
    """
    if not a.is_Rational:
        raise Unsupported("the point is not rational")
    extra = 4
    while True:
        try:
            found = _walk(expr, x, a, order + 1 + extra)
        except _Short:
            found = None
        if found is not None and found.end >= order + 1:
            break
        if extra >= MAX_EXTRA:
            raise Unsupported("too much cancellation for the working precision")
        extra *= 2
    out = []
    for i, c in enumerate(found.c):
        e = found.v + i
        if e > order:
            break
        if c != 0:
            out.append((sp.Integer(e), sp.Rational(int(c.p), int(c.q))))
    return out


class NotRealHere(Unsupported):
    """A fractional power of something negative beside the point: f may not be real on this side."""


def puiseux(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int,
            side: str) -> tuple[dict[sp.Rational, sp.Rational], sp.Rational]:
    """The series of f(a + t) (``side="+"``) or f(a - t) (``"-"``) for t -> 0+, as SymPy's series gives it.

    Exponents are multiples of 1/q, q the least common denominator of the expression's
    rational exponents (x = a + s**q, a Laurent series in s). Returns the terms of exponent
    <= order and the next exponent (the lowest one above order and below order + 1, else
    order + 1: SymPy's ``series(g, t, 0, order + 1)`` then keeps O(t**(order + 1))).
    ``NotRealHere`` where a fractional power meets a negative value; ``Unsupported`` otherwise.
    """
    if not a.is_Rational:
        raise Unsupported("the point is not rational")
    q = ramification(expr)
    sign = 1 if side == "+" else -1
    need = (order + 1) * q
    found = widening(lambda precision: _walk(expr, x, a, precision, q, sign, True), need, q)
    terms: dict[sp.Rational, sp.Rational] = {}
    next_exponent = sp.Integer(order + 1)
    for i, c in enumerate(found.c):
        e = found.v + i
        if e >= need:
            break
        if c != 0:
            exponent = sp.Rational(e, q)
            if exponent > order:
                next_exponent = min(next_exponent, exponent)
            else:
                terms[exponent] = sp.Rational(int(c.p), int(c.q))
    if found.k:  # the irrational constant joins the t**0 term (pi/2 - ...): SymPy's coefficient
        terms[sp.Integer(0)] = terms.get(sp.Integer(0), sp.S.Zero) + found.k
        terms = dict(sorted(terms.items()))
    return terms, next_exponent


def widening(attempt: Callable[[int], Any], need: int, q: int) -> Any:
    """``attempt(precision)``, with 4q terms beyond ``need``, doubled while cancellation leaves fewer.

    The result (anything with ``end``) must reach s**need; past MAX_EXTRA*q extra terms: Unsupported.
    """
    extra = 4 * q
    while True:
        try:
            found = attempt(max(need, 1) + extra)
        except _Short:
            found = None
        if found is not None and found.end >= need:
            return found
        if extra >= MAX_EXTRA * q:
            raise Unsupported("too much cancellation for the working precision")
        extra *= 2


def ramification(expr: sp.Expr) -> int:
    """q, the least common denominator of the rational exponents: x = a + s**q makes f a Laurent series in s.

    >>> ramification(sp.sqrt(sp.Symbol("x")) + sp.Symbol("x") ** sp.Rational(1, 3))
    6
    """
    q = 1
    for power in expr.atoms(sp.Pow):
        if power.exp.is_Rational:
            q = q * int(power.exp.q) // _gcd(q, int(power.exp.q))
    return q


def _gcd(m: int, n: int) -> int:
    while n:
        m, n = n, m % n
    return m


def _walk(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, precision: int, q: int = 1, sign: int = 1,
          one_sided: bool = False) -> _L:
    """The series of ``expr`` at x = a + sign * s**q, with leaves known to O(s**precision).

    ``one_sided``: s > 0 (Puiseux), so the sign of a series near 0 is that of its leading
    coefficient (atan at a pole); a two-sided walk refuses what depends on it.
    """
    memo: dict[sp.Expr, _L] = {}
    point = fmpq(int(a.p), int(a.q))

    def walk(e: sp.Expr) -> _L:
        found = memo.get(e)
        if found is None:
            found = memo[e] = build(e)
        return found

    def constant(q: fmpq) -> _L:
        return _L(0, [q] + [fmpq(0)] * (precision - 1))

    def build(e: sp.Expr) -> _L:
        if e.is_Rational:
            return constant(fmpq(int(e.p), int(e.q)))
        if e.is_Atom:
            if e != x:
                raise Unsupported("a constant that is not rational")
            if point == 0:
                return _L(q, [fmpq(sign)] + [fmpq(0)] * (precision - q - 1))
            return _L(0, [point] + [fmpq(0)] * (q - 1) + [fmpq(sign)] + [fmpq(0)] * (precision - q - 1))
        if e.is_Add:
            out = walk(e.args[0])
            for arg in e.args[1:]:
                out = _add(out, walk(arg))
            return out
        if e.is_Mul:
            out = walk(e.args[0])
            for arg in e.args[1:]:
                out = _mul(out, walk(arg))
            return out
        if e.is_Pow:
            base, exponent = e.args
            if not exponent.is_Integer:
                if not exponent.is_Rational or q == 1:
                    raise Unsupported("a power that is not an integer one (Puiseux or worse)")
                return root(walk(base), exponent)
            u, n = walk(base), int(exponent)
            if n == 1:
                return u
            _plain(u)
            if n < 0:
                u, n = _inv(u), -n
            return _L(u.v * n, _coeffs(_series(u.c) ** n, len(u.c)))
        if isinstance(e, sp.Function) and len(e.args) == 1:
            u = walk(e.args[0])
            fn = type(e)
            if fn in (sp.atan, sp.acot) and u.v < 0:
                return at_pole(fn, _plain(u))
            s, n = _absolute(u)
            u0 = s.coeffs()[0] if u.v == 0 else fmpq(0)
            if fn is sp.log:
                if u0 != 1:
                    raise Unsupported("log of a series that is not 1 at the point")
                return _L(0, _coeffs(s.log(), n))
            if fn is sp.sec and u0 == 0:
                return _L(0, _coeffs(s.cos().inv(), n))
            if fn in (sp.csc, sp.cot) and u0 == 0:  # a pole: 1/sin(u), cos(u)/sin(u)
                sine = _inv(_L(0, _coeffs(s.sin(), n)))
                return sine if fn is sp.csc else _mul(_L(0, _coeffs(s.cos(), n)), sine)
            name = _AT_ZERO.get(fn)
            if name is not None and u0 == 0:
                return _L(0, _coeffs(getattr(s, name)(), n))
            raise Unsupported(f"{fn.__name__} where its value is not rational")
        raise Unsupported(f"no rule for {type(e).__name__}")

    def at_pole(fn: type, u: _L) -> _L:
        """atan(u) = sign(u) pi/2 - atan(1/u) and acot(u) = atan(1/u) where u has a pole.

        The sign of u is that of its leading coefficient: t > 0 (one-sided walks only; a
        two-sided ``laurent`` refuses the constant term this gives).
        """
        if fn is sp.atan and not one_sided:
            raise Unsupported("atan at a pole: its value depends on the side")
        w = _inv(u)
        s, n = _absolute(w)
        inner = _coeffs(s.atan(), n)
        if fn is sp.acot:
            return _L(0, inner)
        half = sp.pi / 2 if u.c[0] > 0 else -sp.pi / 2
        return _L(0, [-c for c in inner], half)

    def root(u: _L, r: sp.Rational) -> _L:
        """u**r = c**r s**(v r) ((u / (c s**v))**r), r = p/m not an integer."""
        c = _plain(u).c[0]
        if c < 0:
            raise NotRealHere("a fractional power of a negative value")
        p, m = int(r.p), int(r.q)
        if (u.v * p) % m:
            raise Unsupported("a fractional valuation finer than the expression's exponents")
        value = sp.Rational(int(c.p), int(c.q)) ** r
        if not value.is_Rational:
            raise Unsupported("an irrational leading coefficient")
        unit = _series(u.c) * (1 / c)
        body = _coeffs((unit.log() * fmpq(p, m)).exp(), len(u.c))
        scale = fmpq(int(value.p), int(value.q))
        return _L(u.v * p // m, [b * scale for b in body])

    # FLINT truncates every series at its context's cap whatever prec says.
    saved = flint.ctx.cap
    flint.ctx.cap = max(precision + 1, 1)
    try:
        return walk(expr)
    finally:
        flint.ctx.cap = saved
