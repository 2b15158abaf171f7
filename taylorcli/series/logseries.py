"""Puiseux series with log(t) terms by valuation: x**2*log(x), log(sin(x)), x**x at 0+ without SymPy's series.

A series in t > 0 (x = a + t, a - t, or 1/t at oo) is kept as a polynomial in L = log(t)
and in generators g1, g2 ... (exact constants: log(2) from log(2*x), +-pi/2 from atan at a
pole, sqrt(2), a parameter) whose coefficients are Laurent series in s = t**(1/q) with
rational coefficients (``_P``: s**v (c0 + c1 s + ...), known up to O(s**end)), one per
monomial (``_LS``). Sums and products work part by part; log(c s**v (1 + w)) is
log(c) + (v/q) L + log(1 + w); 1/u, u**r and exp, sin ... of u go through their power
series in w, a series whose every part has positive valuation. Subexpressions with no
log and no variable exponent are laurent.py's walk unchanged.

The generators are formal variables (roots of rationals fold their powers, sqrt(2)**2 = 2). A leading log(t)**j inverts to log(t)**-j (exp(x)/log(x)).
What this does not reach raises ``Unsupported`` (SymPy's series then keeps the case): log or
a root of a series led by log(t) or by a constant that is not rational (log(log(x))), a lead
of two terms (1/((1 + pi) x + x**2): SymPy writes -1/(1 + 2*pi + pi**2), which we would not),
exp of a multiple of log(t) (x**pi, x**(1 + x)), functions at a pole other than cot, csc.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> t = sp.Symbol("t", positive=True)
>>> log_puiseux(x * sp.log(x) + sp.sin(x), x, sp.Integer(0), 3, "+", t)
({1: log(t) + 1, 3: -1/6}, 4)
"""

from __future__ import annotations

import logging
from typing import Any

import flint
import sympy as sp
from flint import fmpq, fmpq_series

from .laurent import NotRealHere, _Short, _walk, aligned_sum, puiseux, ramification, widening
from .tps import Unsupported
from .univariate import _AT_ZERO

_log = logging.getLogger(__name__)  # --debug: which arithmetic gave a one-sided series


class _P:
    """s**v (c[0] + c[1] s + ...) known up to O(s**(v + len(c))); c[0] != 0, or c empty: O(s**v)."""

    __slots__ = ("v", "c")

    def __init__(self, v: int, c: list[fmpq]) -> None:
        drop = 0
        while drop < len(c) and c[drop] == 0:
            drop += 1
        self.v, self.c = v + drop, c[drop:]

    @property
    def end(self) -> int:
        return self.v + len(self.c)


def _padd(a: _P, b: _P, sign: int = 1) -> _P:
    return _P(*aligned_sum(a, b, sign))


def _pmul(a: _P, b: _P) -> _P:
    n = min(len(a.c), len(b.c))
    if n == 0:  # O(s**a.v) times s**b.v (...) is O(s**(a.v + b.v))
        return _P(a.v + b.v, [])
    product = (fmpq_series(a.c[:n], prec=n) * fmpq_series(b.c[:n], prec=n)).coeffs()[:n]
    return _P(a.v + b.v, product + [fmpq(0)] * (n - len(product)))


def _pscale(a: _P, c: fmpq, shift: int = 0) -> _P:
    return _P(a.v + shift, [x * c for x in a.c])


Key = tuple  # exponents of (log(t), generator 1, generator 2 ...), no trailing zeros


def _key_mul(a: Key, b: Key) -> Key:
    if len(a) < len(b):
        a, b = b, a
    out = list(a)
    for i, e in enumerate(b):
        out[i] += e
    while out and out[-1] == 0:
        out.pop()
    return tuple(out)


# Generators that are roots of rationals, g = b**(p/m): index -> (m, b**p), g**m folded into b**p
# (sqrt(2)**2 = 2), so Q(sqrt(2)) takes two keys, not one per power. Set per walk (log_puiseux).
# (An inverse of a leading coefficient r0 + r1 pi is left to SymPy: its series writes
# -1/(1 + 2*pi + pi**2), which no folding here reproduces.)
_ROOTS: dict[int, tuple[int, fmpq]] = {}


def _kmul(a: Key, b: Key) -> tuple[Key, fmpq | None]:
    """The product of two monomials, with the roots' powers folded: (key, rational factor or None)."""
    key = _key_mul(a, b)
    if not _ROOTS:
        return key, None
    scale = None
    out = list(key)
    for j, (m, power) in _ROOTS.items():
        if j < len(out) and not 0 <= out[j] < m:
            k = out[j] // m
            out[j] -= k * m
            scale = (scale or fmpq(1)) * (power ** k if k > 0 else 1 / power ** -k)
    while out and out[-1] == 0:
        out.pop()
    return tuple(out), scale


class _LS:
    """sum over keys of log(t)**j g1**e1 ... parts[key]: each part a _P; the generators are exact constants.

    The generators (pi, sqrt(2), log(2) ...) are formal variables: where SymPy would combine
    them (sqrt(2)**2 = 2), only the coefficients' final SymPy objects do, so a value that is 0
    may look non-zero here; every test that matters (what leads, what vanishes at t = 0)
    asks for a rational part alone and refuses otherwise.
    """

    __slots__ = ("parts",)

    def __init__(self, parts: dict[Key, _P]) -> None:
        self.parts = parts

    @property
    def end(self) -> int:
        return min(p.end for p in self.parts.values())


def _add(a: _LS, b: _LS, sign: int = 1) -> _LS:
    parts = dict(a.parts)
    for key, p in b.parts.items():
        if key in parts:
            parts[key] = _padd(parts[key], p, sign)
        else:
            parts[key] = p if sign > 0 else _pscale(p, fmpq(-1))
    return _LS(parts)


def _mul(a: _LS, b: _LS) -> _LS:
    parts: dict[Key, _P] = {}
    for i, p in a.parts.items():
        for j, r in b.parts.items():
            term = _pmul(p, r)
            key, scale = _kmul(i, j)
            if scale is not None:
                term = _pscale(term, scale)
            parts[key] = _padd(parts[key], term) if key in parts else term
    return _LS(parts)


def _split(u: _LS) -> tuple[fmpq, Key, int, _LS]:
    """u = c g**e s**v (1 + w), w of positive valuation in every part; Unsupported where no one term leads.

    The leading term has no log(t); it may be a monomial in the generators (sqrt(2) s: 1/u has
    sqrt(2)**-1, which SymPy writes sqrt(2)/2).
    """
    live = [(p.v, key) for key, p in u.parts.items() if p.c]
    if not live:
        raise _Short()
    v, lead = min(live)  # (a log(t)**j lead: 1/u has log(t)**-j, as SymPy's 1/log(t); log and roots refuse it)
    for key, p in u.parts.items():
        if key != lead and p.v <= v:
            if p.c:
                raise Unsupported("two terms lead (a leading coefficient that is not a monomial)")
            raise _Short()
    c = u.parts[lead].c[0]
    w = _scaled(u, 1 / c, tuple(-e for e in lead), -v)
    w.parts[()] = _padd(w.parts[()], _P(0, [fmpq(1)] + [fmpq(0)] * max(w.parts[()].end, 1)), -1)
    return c, lead, v, w


def _compose(coefficients: list[fmpq], w: _LS) -> _LS:
    """sum_n coefficients[n] w**n (Horner) for w of positive valuation: known as far as w is."""
    end = w.end
    low = min((p.v for p in w.parts.values() if p.c), default=end)
    count = max(end // max(low, 1), 0) + 1
    cs = (coefficients + [fmpq(0)] * count)[:count]
    out = _LS({(): _P(0, [cs[-1]] + [fmpq(0)] * end)})
    for c in reversed(cs[:-1]):
        out = _add(_mul(out, w), _LS({(): _P(0, [c] + [fmpq(0)] * end)}))
    return out


def _scaled(u: _LS, c: fmpq, key: Key, shift: int) -> _LS:
    """u c g**key s**shift."""
    out: dict[Key, _P] = {}
    for k, p in u.parts.items():
        product, scale = _kmul(k, key)
        part = _pscale(p, c if scale is None else c * scale, shift)
        out[product] = _padd(out[product], part) if product in out else part
    return _LS(out)


def _taylor_at(name: str, n: int) -> list[fmpq]:
    """The first n Taylor coefficients of a function at 0 (name: fmpq_series's method) or of log/power at 1."""
    saved = flint.ctx.cap
    flint.ctx.cap = max(n, 1)
    try:
        s = fmpq_series([0, 1], prec=n)
        if name == "log1p":
            out = (s + 1).log().coeffs()
        elif name.startswith("pow "):
            out = ((s + 1).log() * fmpq(name[4:])).exp().coeffs()
        elif name == "sec":
            out = s.cos().inv().coeffs()
        else:
            out = getattr(s, name)().coeffs()
    finally:
        flint.ctx.cap = saved
    return out + [fmpq(0)] * (n - len(out))


# f(u0 + w) = f(u0) c(w) + sign g(u0) s(w): (c, s, g, sign)
_ADDITION = {sp.exp: None, sp.sin: (sp.cos, sp.sin, sp.cos, 1), sp.cos: (sp.cos, sp.sin, sp.sin, -1),
             sp.sinh: (sp.cosh, sp.sinh, sp.cosh, 1), sp.cosh: (sp.cosh, sp.sinh, sp.sinh, 1)}


def _series(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, precision: int, q: int, sign: int,
            gens: list[sp.Expr]) -> _LS:
    """The series of ``expr`` at x = a + sign * s**q (s > 0), leaves known to O(s**precision).

    ``gens``: the generators met so far (gens[0] is log(t)'s place), extended in place.
    """
    memo: dict[sp.Expr, _LS] = {}

    def walk(e: sp.Expr) -> _LS:
        found = memo.get(e)
        if found is None:
            found = memo[e] = build(e)
        return found

    def constant(c: fmpq) -> _LS:
        return _LS({(): _P(0, [c] + [fmpq(0)] * (precision - 1))})

    def generator(g: sp.Expr) -> int:
        if g not in gens:
            # a real parameter too (a, cos(a)): a formal variable like pi; log(a) (maybe not real) is not
            if not (g.is_real and (g.is_finite or not g.is_number and g.is_finite is not False)) \
                    or g.has(sp.zoo, sp.nan, sp.I):
                raise Unsupported(f"a constant that is not a real number: {g}")
            gens.append(g)
            if g.is_Pow and g.base.is_Rational and g.base > 0 and g.exp.is_Rational:  # 2**(2/3): g**3 = 4
                _ROOTS[len(gens) - 1] = (int(g.exp.q), fmpq(int(g.base.p), int(g.base.q)) ** int(g.exp.p))
        return gens.index(g)

    def irrational(e: sp.Expr) -> _LS:
        """A constant as a polynomial in generators: 1 + pi/4 is 1 + (1/4) g, 2*sqrt(2)*pi is 2 g1 g2."""
        parts: dict[Key, _P] = {}
        for term in sp.Add.make_args(e):
            c, rest = term.as_coeff_Mul()
            if not c.is_Rational:
                raise Unsupported(f"a constant that is not exact: {c}")
            key: Key = ()
            for factor in sp.Mul.make_args(rest):
                if factor is sp.S.One:
                    continue
                base, n = factor.as_base_exp()
                base, n = (base, int(n)) if n.is_Integer else (factor, 1)
                j = generator(base)
                key = _key_mul(key, (0,) * j + (n,))
            part = _P(0, [fmpq(int(c.p), int(c.q))] + [fmpq(0)] * (precision - 1))
            parts[key] = _padd(parts[key], part) if key in parts else part
        return _LS(parts)

    def build(e: sp.Expr) -> _LS:
        if not e.has(x):
            if e.is_Rational:
                return constant(fmpq(int(e.p), int(e.q)))
            return irrational(e)
        if not any(isinstance(n, sp.log) or n.is_Pow and n.exp.has(x) for n in sp.preorder_traversal(e)):
            try:  # laurent.py's walk where it applies (its k: +-pi/2 from atan at a pole)
                found = _walk(e, x, a, precision, q, sign, True)
            except NotRealHere:
                raise
            except Unsupported:
                pass
            else:
                out = _LS({(): _P(found.v, list(found.c))})
                return _add(out, irrational(found.k)) if found.k else out
        if e.is_Add or e.is_Mul:
            out = walk(e.args[0])
            for arg in e.args[1:]:
                out = _add(out, walk(arg)) if e.is_Add else _mul(out, walk(arg))
            return out
        if e.is_Pow:
            return power(*e.args)
        if isinstance(e, sp.log):
            return log(walk(e.args[0]))
        if isinstance(e, sp.Function) and len(e.args) == 1:
            return function(type(e), walk(e.args[0]))
        raise Unsupported(f"no rule for {type(e).__name__} with log(t) terms or irrational constants")

    def log(u: _LS) -> _LS:
        c, lead, v, w = _split(u)
        if lead:
            raise Unsupported("log of a series whose leading term is not rational (log(log(t)), log(pi t))")
        if c < 0:
            raise NotRealHere("log of a negative value")
        out = _compose(_taylor_at("log1p", w.end + 1), w)
        if v:
            out = _add(out, _LS({(1,): _P(0, [fmpq(v, q)] + [fmpq(0)] * precision), (): _P(precision, [])}))
        if c != 1:  # SymPy's series writes log(4) as 2*log(2), log(2/3) as log(2) - log(3)
            value = sp.expand_log(sp.log(sp.Rational(int(c.p), int(c.q))), force=True)
            out = _add(out, irrational(value))
        return out

    def power(base: sp.Expr, exponent: sp.Expr) -> _LS:
        if exponent.has(x):  # b**e = exp(e log b): x**x
            return function(sp.exp, _mul(walk(exponent), log(walk(base))))
        u = walk(base)
        if exponent.is_Integer:
            n = int(exponent)
            if n < 0:
                u, n = inverse(u), -n
            out, square = None, u
            while n:
                if n & 1:
                    out = square if out is None else _mul(out, square)
                n >>= 1
                if n:
                    square = _mul(square, square)
            return out if out is not None else constant(fmpq(1))
        if not exponent.is_Rational:
            raise Unsupported("a power with an exponent that is not rational (t**pi: no Puiseux series)")
        c, lead, v, w = _split(u)
        if lead:
            raise Unsupported("a fractional power of an irrational leading coefficient")
        if c < 0:
            raise NotRealHere("a fractional power of a negative value")
        p, m = int(exponent.p), int(exponent.q)
        if (v * p) % m:
            raise Unsupported("a fractional valuation finer than the expression's exponents")
        value = sp.Rational(int(c.p), int(c.q)) ** exponent
        if not value.is_Rational:
            raise Unsupported("an irrational leading coefficient")
        out = _compose(_taylor_at(f"pow {p}/{m}", w.end + 1), w)
        return _scaled(out, fmpq(int(value.p), int(value.q)), (), v * p // m)

    def inverse(u: _LS) -> _LS:
        c, lead, v, w = _split(u)
        out = _compose(_taylor_at("pow -1", w.end + 1), w)
        return _scaled(out, 1 / c, tuple(-e for e in lead), -v)

    def function(fn: type, u: _LS) -> _LS:
        """f(u) = sum_n f_n u**n where u vanishes at t = 0 in every part (exp(t log t), sin(sqrt(2) t)).

        exp, sin ... of u0 + w (u0 a constant, w vanishing): exp(u0) exp(w), sin(u0) cos(w) +
        cos(u0) sin(w), with exp(u0), sin(u0), cos(u0) as SymPy evaluates them; cot, csc at a pole.
        """
        if fn in (sp.cot, sp.csc):
            sine = inverse(function(sp.sin, u))
            return sine if fn is sp.csc else _mul(function(sp.cos, u), sine)
        if fn in _ADDITION and any(p.v == 0 and p.c for p in u.parts.values()):
            if any(p.v < 0 and p.c for p in u.parts.values()) or any(k and k[0] and p.v == 0 and p.c
                                                                     for k, p in u.parts.items()):
                raise Unsupported(f"{fn.__name__} of a series with a pole or a log(t) term")
            u0 = sp.Add(*[sp.Rational(int(p.c[0].p), int(p.c[0].q)) * sp.Mul(*[g**e for g, e in zip(gens, k)])
                          for k, p in u.parts.items() if p.v == 0 and p.c])
            w = _LS({k: _P(p.v + 1, p.c[1:]) if p.v == 0 and p.c else p for k, p in u.parts.items()})
            if fn is sp.exp:
                return _mul(irrational(sp.exp(u0)), function(sp.exp, w))
            c, s, g, sign = _ADDITION[fn]  # f(u0 + w) = f(u0) c(w) + sign g(u0) s(w)
            out = _mul(irrational(fn(u0)), function(c, w))
            return _add(out, _mul(irrational(g(u0)), function(s, w)), sign)
        if any(p.v <= 0 for p in u.parts.values()):
            if any(p.c and p.v <= 0 for p in u.parts.values()):
                raise Unsupported(f"{fn.__name__} of a series that does not vanish at the point, "
                                  "with log(t) terms or irrational constants")
            raise _Short()
        name = "sec" if fn is sp.sec else _AT_ZERO.get(fn)
        if name is None:
            raise Unsupported(f"no rule for {fn.__name__} with log(t) terms or irrational constants")
        return _compose(_taylor_at(name, u.end + 1), u)

    saved = flint.ctx.cap
    flint.ctx.cap = max(precision + 1, 1)
    try:
        return walk(expr)
    finally:
        flint.ctx.cap = saved


def log_puiseux(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int, side: str,
                t: sp.Symbol) -> tuple[dict[sp.Rational, sp.Expr], sp.Rational]:
    """The series of f(a + t) (``side="+"``) or f(a - t) (``"-"``) for t -> 0+, log(t) terms included.

    As laurent.puiseux (the terms of exponent <= order, each a polynomial in log(t) and the
    constants as SymPy's expanded series has it, and the next exponent), also for expressions
    with a log, a variable exponent or irrational constants. ``NotRealHere`` where a log or a
    fractional power meets a negative value.
    """
    if not a.is_Rational:
        raise Unsupported("the point is not rational")
    q = ramification(expr)
    sign = 1 if side == "+" else -1
    need = (order + 1) * q
    gens: list[sp.Expr] = []

    def attempt(precision: int) -> Any:
        gens[:] = [sp.log(t)]  # the walk appends the constants it meets: afresh each attempt
        _ROOTS.clear()
        try:
            return _series(expr, x, a, precision, q, sign, gens)
        finally:
            _ROOTS.clear()

    found = widening(attempt, need, q)
    by_exponent: dict[int, list[sp.Expr]] = {}
    for key, part in found.parts.items():
        monomial = sp.Mul(*[g**e for g, e in zip(gens, key) if e])
        for i, c in enumerate(part.c):
            if c != 0 and part.v + i < need:
                by_exponent.setdefault(part.v + i, []).append(sp.Rational(int(c.p), int(c.q)) * monomial)
    terms: dict[sp.Rational, sp.Expr] = {}
    next_exponent = sp.Integer(order + 1)
    for e in sorted(by_exponent):
        value = sp.Add(*by_exponent[e])
        if value == 0:  # generators SymPy combines (sqrt(2)**2 - 2)
            continue
        exponent = sp.Rational(e, q)
        if exponent > order:
            next_exponent = min(next_exponent, exponent)
            continue
        terms[exponent] = value
    return terms, next_exponent


def by_valuation(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int, side: str,
                 t: sp.Symbol | None = None) -> tuple[dict[sp.Rational, sp.Expr], sp.Rational]:
    """laurent.puiseux, else (given the symbol t of the result's log(t)) ``log_puiseux``.

    ``Unsupported`` names why each declined; --debug (singular.py) prints it before SymPy's series.
    """
    try:
        return puiseux(expr, x, a, order, side)
    except NotRealHere:
        raise
    except Unsupported as error:
        if t is None:
            raise
        first = error
    try:
        found = log_puiseux(expr, x, a, order, side, t)
    except NotRealHere:
        raise
    except Unsupported as second:
        raise Unsupported(f"{first}; with log(t) terms and exact constants: {second}") from None
    _log.debug("series: log(t) terms and exact constants as generators (plain Laurent/Puiseux: %s)", first)
    return found
