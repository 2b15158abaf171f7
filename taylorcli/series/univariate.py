"""One variable, rational coefficients: FLINT's ``fmpq_series`` composes in C.

Where every constant term met is one at which the function's value is
rational (exp and sin at 0, log at 1, a power of a perfect power ...), the
whole series is a chain of FLINT calls (exp(sin(x)) to order 21 in ~10 us
instead of ~270 us of recurrences driven from Python). Anything else raises
``NoSlot``, and the general engine (compose.py, with generators for exp(2),
sin(1) ...) takes over; what no engine reaches raises ``Unsupported``.

The walk is the whole cost of a small expansion (a few FLINT calls of ~0.3 us
each): it dispatches on the node's class through one dict, keeps SymPy's
comparisons out (an Integer exponent is read from ``.p``), memoizes compound
nodes by identity and adds or multiplies rational terms as FLINT scalars.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> [str(c) for c in coefficients(sp.exp(sp.sin(x)), x, sp.Integer(0), 4)]
['1', '1', '1/2', '0', '-1/8']
"""

from __future__ import annotations

import math

import flint
import sympy as sp
from flint import fmpq, fmpq_series, fmpz

from ..guard import MAX_DIGITS
from .tps import NoSlot, Unsupported
from . import walk_doomed

# Functions whose value at 0 is 0 (or 1 for cos, cosh): FLINT composes them with a series that vanishes at 0.
_AT_ZERO = {sp.exp: "exp", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.sinh: "sinh", sp.cosh: "cosh",
            sp.tanh: "tanh", sp.atan: "atan", sp.asin: "asin", sp.asinh: "asinh", sp.atanh: "atanh"}
_LIMIT = int(MAX_DIGITS * math.log2(10))  # guard.check_size's limit, in bits
_ADD, _MUL, _POW, _LOG, _SEC = 1, 2, 3, 4, 5
_KIND = {sp.Add: _ADD, sp.Mul: _MUL, sp.Pow: _POW, sp.log: _LOG, sp.sec: _SEC}


def coefficients(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int) -> list[fmpq]:
    """The k + 1 Taylor coefficients of ``expr`` at x = a, all rational; else NoSlot/Unsupported."""
    return walk(expr, x, a, k)[0]


def walk(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int, guard: bool = False,
         offsets: set[int] | None = None,
         logs: dict[int, fmpq] | None = None) -> tuple[list[fmpq], sp.Symbol | None]:
    """``coefficients``, and the expression's own symbol equal to ``x`` (None if it has none): the
    first met left to right, the object ``expr.free_symbols`` holds where SymPy's cache gave
    subexpressions built with other (equal) symbol objects.

    ``guard``: raise NoSlot instead of computing a power whose value at the point could have
    more than guard.MAX_DIGITS digits, which guard.check_point may refuse (the caller's full
    path then decides, as it always did).

    ``offsets`` (a set, filled here): also accept atan, asinh, log ... whose value at the point
    is irrational (atan(1) = pi/4, log(2)) where that constant is only added to the rest or
    scaled by a rational: the walk gives their series without the constant term, and the ids
    of the nodes that carry such a constant. If ``expr``'s is among them its constant term is
    NOT the value f(a), which the caller computes (as the derivative engine does).

    ``logs`` (a dict, filled here): for each log(u), atan(u), asinh(u) ... among those nodes, by its
    id, u's value at the point (for log a positive rational other than 1): its constant term is f of it.

    Within ``share(True)``, the last successful walk's series is reused where this walk
    meets that very expression (``_LAST``): onevar.taylor walks f's argument (``_one_function``),
    then f, which holds it.
    """
    global _LAST, _FAILED
    failed = known = None  # a node this expansion's walk like this one found failing (_FAILED), None if none
    if _FAILED is not None and _SHARING:
        known = _FAILED
        if known[1] is x and known[2] == k and known[3] == a.p and known[4] == a.q and known[5] == guard \
                and known[6] == (offsets is not None):
            failed = known[0]
            if expr is failed:
                raise known[7](*known[8])
    found = _polynomial(expr, x, a, k)
    if found is not None:
        return found
    found = _of_polynomial(expr, x, a, k, guard, offsets, logs)
    if found is not None:
        return found
    if type(expr) is sp.Add or type(expr) is sp.Mul:
        found = _of_terms(expr, x, a, k, guard)
        if found is not None:
            return found
    if offsets is not None and walk_doomed.fails(expr, x, a):
        # log(1 + exp(4*x)) at 3/2, log(1 + log(1 + x**2)**2) at 1: a node below raises (NoSlot, or an
        # Unsupported met first: every caller with offsets takes both alike), read from the shape (~1-2 us
        # instead of ~7-11 us of a failing walk)
        why = NoSlot("a node the walk raises on")
        if _SHARING:  # recorded as the walk records its error (the same raised again where met)
            _FAILED = (expr, x, k, a.p, a.q, guard, True, NoSlot, why.args)
        raise why
    memo: dict[int, fmpq_series] = {}
    prec = k + 1
    own: list[sp.Symbol | None] = [None]
    last = _LAST if _SHARING else None
    # Its series holds here if it was walked for the same x object, point and order, and at least as
    # guarded; it had no offset (every node's series exact: the same with or without ``offsets``).
    seeded = seeded_own = None
    if last is not None and last[1] is x and last[2] == k and last[3] == a.p and last[4] == a.q \
            and (last[5] or not guard):
        seeded, seeded_own = last[0], last[7]
        memo[id(seeded)] = last[6]  # (kept alive here and in _LAST: the id is its own)
    variable: list[fmpq_series | None] = [None]  # x's series, made where x itself is met (operand() reads r + q*x off)
    at_zero, kinds = _AT_ZERO, _KIND

    def series(e: sp.Expr) -> fmpq_series:
        if e.is_Rational:
            return fmpq_series([fmpq(e.p, e.q)], prec=prec)
        if e.is_Atom:  # x itself; any other atom (pi, E, a parameter) is not a rational constant
            if e is x or e == x:
                if own[0] is None:  # the first met, left to right: the one free_symbols keeps
                    own[0] = e
                found = variable[0]
                if found is None:
                    found = variable[0] = fmpq_series([int(a.p) if a.q == 1 else fmpq(int(a.p), int(a.q)), 1], prec=prec)
                return found
            raise NoSlot("a constant that is not rational")
        found = memo.get(id(e))  # (every node is alive in expr: its id is its own)
        if found is None:
            if e is failed:  # walked before, in this expansion, to the same error: it fails again
                raise known[7](*known[8])
            found = memo[id(e)] = build(e)
        elif e is seeded and own[0] is None:
            own[0] = seeded_own  # the first x met in it, left to right, as walking it would find
        return found

    def operand(e: sp.Expr) -> fmpq_series:
        """series(e), where e is r + q*x**n (not x itself) made from its coefficients (_short: ~1 us less
        than walking its Add, Mul and Pow; the same exact series)."""
        if not e.is_Atom:
            found = _short(e, x, a)
            if found is not None:
                coefficients, met = found
                if own[0] is None:  # its x: the first met, left to right, as walking it would find
                    own[0] = met
                return fmpq_series(coefficients if len(coefficients) <= prec else coefficients[:prec], prec=prec)
        return series(e)

    def build(e: sp.Expr) -> fmpq_series:
        cls = type(e)
        name = at_zero.get(cls)  # the commonest node first
        if name is not None:
            arg = e._args[0]
            u = operand(arg)
            if offsets and id(arg) in offsets:
                raise NoSlot("an irrational constant that is not only added")
            if not u[0]:  # (an fmpq's truth: no conversion of 0)
                return getattr(u, name)()
            if offsets is not None and cls in _OFFSET:
                rate = _OFFSET[cls](u)
                if rate is not None:
                    offsets.add(id(e))  # f(u0) + integral of f'(u) u'
                    if logs is not None:
                        logs[id(e)] = u[0]
                    return (u.derivative() * rate).integral()
            raise NoSlot(f"{cls.__name__} away from 0")
        kind = kinds.get(cls)
        # A constant part (no x) goes through the same exact arithmetic: where it is rational
        # the coefficients are too; an irrational one meets a rule that raises NoSlot.
        if kind == _ADD or kind == _MUL:
            args = e._args
            first = args[0]
            rest = args[1:] if first.is_Rational else args  # SymPy puts the number first: a scalar for FLINT
            parts = [series(arg) for arg in rest]  # all walked first, so that their offsets are known
            if offsets and any(id(arg) in offsets for arg in rest):
                return shifted(e, kind)
            out = parts[0]
            if kind == _ADD:
                for part in parts[1:]:
                    out = out + part
                return out + fmpq(first.p, first.q) if rest is not args else out
            for part in parts[1:]:
                out = out * part
            return out * fmpq(first.p, first.q) if rest is not args else out
        if kind == _POW:
            return power(*e._args)
        if kind == _LOG:
            u = operand(e._args[0])
            if offsets and id(e._args[0]) in offsets:
                raise NoSlot("an irrational constant that is not only added")
            u0 = u[0]
            if u0 <= 0:
                raise Unsupported("log at a point where its argument is not positive")
            if u0 != 1:
                if offsets is None:
                    raise NoSlot("log of a constant that is not 1")
                offsets.add(id(e))  # log(u0) + log(u/u0)
                if logs is not None:
                    logs[id(e)] = u0
                return (u * (1 / u0)).log()
            return u.log()
        if kind == _SEC:
            u = series(e._args[0])
            if u[0] == 0 and not (offsets and id(e._args[0]) in offsets):
                return u.cos().inv()
            raise NoSlot("sec away from 0")
        raise NoSlot(f"no univariate rule for {cls.__name__}")

    def shifted(e: sp.Expr, kind: int | None) -> fmpq_series:
        """A sum or a rational multiple of terms with an irrational constant apart: the same without it."""
        args = e._args
        if kind == _ADD:
            offsets.add(id(e))
            out = series(args[0])
            for arg in args[1:]:
                out = out + series(arg)
            return out
        if kind == _MUL and len(args) == 2 and args[0].is_Rational:
            offsets.add(id(e))
            return series(args[1]) * fmpq(args[0].p, args[0].q)
        raise NoSlot("an irrational constant that is not only added")

    def power(base: sp.Expr, exponent: sp.Expr) -> fmpq_series:
        u = operand(base)
        if offsets and id(base) in offsets:
            raise NoSlot("an irrational constant that is not only added")
        if not exponent.is_Rational:
            raise NoSlot("a power with an exponent that is not rational")
        n, m = exponent.p, exponent.q
        u0 = u[0]
        vanishes = not u0  # (an fmpq's truth is C's; u0 == 0 converts the 0: ~150 ns a comparison)
        if guard and not vanishes and abs(n) * u0.height_bits() > _LIMIT:
            raise NoSlot("a power too large to compute before guard.check_point looks at it")
        if m == 1:
            if n >= 0:
                return u ** n
            if vanishes:
                raise Unsupported("a power of a series that vanishes at the point")
            return u.inv() if n == -1 else u.inv() ** -n
        if vanishes:
            raise Unsupported("a power of a series that vanishes at the point")
        if u0 < 0:
            raise Unsupported("a fractional power of a negative number")
        unit = u0 == 1
        if unit:
            scaled = u  # 1**(n/m): _rational_power's 1
        else:
            value = _rational_power(u0, n, m)
            if value is None:
                raise NoSlot("an irrational power")
            scaled = u * (1 / u0)
        if m == 2:  # FLINT's square root (Newton): ~3x faster than log and exp, the same exact series
            root = scaled.sqrt() if n > 0 else scaled.rsqrt()
            out = root if n == 1 or n == -1 else root ** abs(n)
        else:
            out = (scaled.log() * fmpq(n, m)).exp()
        return out if unit else out * value

    # FLINT truncates every series at its context's cap (default 10 terms) whatever prec says.
    saved = flint.ctx.cap
    flint.ctx.cap = max(prec, 1)
    try:
        root = series(expr)
        out = root.coeffs()
    except (NoSlot, Unsupported) as why:
        if _SHARING and not expr.is_Atom:  # (the error is expr's own: the same wherever it is walked so)
            _FAILED = (expr, x, k, a.p, a.q, guard, offsets is not None, type(why), why.args)
        raise
    finally:
        flint.ctx.cap = saved
    if _SHARING and not offsets and not expr.is_Atom:
        _LAST = (expr, x, k, a.p, a.q, guard, root, own[0])
    if len(out) < prec:
        out += [fmpq(0)] * (prec - len(out))
    return out, own[0]


def _polynomial(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, k: int) -> tuple[list[fmpq], sp.Symbol] | None:
    """``walk``'s answer for r + q*x**n, n = 1 or 2 (2 < n <= 100 at 0), q and r rational or absent, as SymPy stores it
    (x, -3*x, x + 2, x**2, 2*x**2 - 1: the arguments of most functions), its Taylor coefficients
    at a read off without FLINT (~1 us instead of ~5); None for any other shape (the walk decides).
    A square of a point past ``walk``'s guard (2 * its bits > guard.check_size's limit) is left to the
    walk, which raises NoSlot there when guarded; nothing for its offsets (no function here); the
    last walk kept for sharing stays."""
    found = _short(expr, x, a)
    if found is None:
        return None
    out, expr = found
    if len(out) > k + 1:
        del out[k + 1:]
    elif len(out) < k + 1:
        out += [_ZERO] * (k + 1 - len(out))
    return out, expr


def _short(expr: sp.Expr, x: sp.Symbol, a: sp.Rational) -> tuple[list[fmpq], sp.Symbol] | None:
    """``_polynomial``'s coefficients, neither cut nor padded to k + 1 (two or three; n + 1 for x**n at 0), and x's object."""
    cls = type(expr)
    r = q = None
    if cls is sp.Add:
        args = expr._args
        if len(args) != 2 or not args[0].is_Rational:
            return None
        r, expr = args
        cls = type(expr)
    if cls is sp.Mul:
        args = expr._args
        if len(args) != 2 or not args[0].is_Rational:
            return None
        q, expr = args
        cls = type(expr)
    n = 1
    if cls is sp.Pow:
        expr, exponent = expr._args
        if exponent is _TWO:
            n = 2
        elif not exponent.is_Integer:
            return None
        else:
            n = exponent.p
            # x**n, n > 2, at 0 (its coefficients are n - 1 zeros: no power of the point to guard); away
            # from 0 as a sum's term (1 + x**4: the sweep's (x**2)**2 in 1 + u**2), n <= 8, its binomial
            # coefficients past the walk's guard left to the walk (a bare x**n there stays the walk's:
            # tests/test_onevar_fixed.py pins that boundary)
            if n != 2 and not 2 < n <= _HIGHEST:
                return None
            if n != 2 and a.p:
                if r is None or n > 8 or not expr.is_Symbol or not (expr is x or expr == x):
                    return None
                point = fmpq(a.p, a.q)
                if n * point.height_bits() > _LIMIT:
                    return None  # (the walk's power(): its guard)
                scale = _ONE if q is None else fmpq(q.p, q.q)
                out = [scale * point ** (n - j) * _BINOMIAL[n][j] for j in range(n + 1)]
                out[0] += fmpq(r.p, r.q)
                return out, expr
    if not expr.is_Symbol or not (expr is x or expr == x):
        if n == 2 and type(expr) is sp.Add:
            return _square(r, q, expr, x, a)  # 1 + (x + 3)**2
        return None  # (another symbol, or x with other assumptions: the walk says NoSlot)
    scale = _ONE if q is None else fmpq(q.p, q.q)
    if not a.p:  # at 0: r (or 0), then q, no arithmetic
        c0 = _ZERO if r is None else fmpq(r.p, r.q)
        if n > 2:  # (x**4 of (x**2)**2, 1/(1 + (x**2)**2), by the sweep's nesting)
            return [c0] + [_ZERO] * (n - 1) + [scale], expr
        return ([c0, scale] if n == 1 else [c0, _ZERO, scale]), expr
    point = fmpq(a.p, a.q)
    if n == 2 and 2 * point.height_bits() > _LIMIT:
        return None  # (walk's power(): its guard, as the walk has it)
    if n == 1:
        out = [point * scale, scale]
    else:
        out = [point * point * scale, 2 * point * scale, scale]
    if r is not None:
        out[0] += fmpq(r.p, r.q)
    return out, expr


def _square(r: sp.Rational | None, q: sp.Rational | None, base: sp.Add, x: sp.Symbol,
            a: sp.Rational) -> tuple[list[fmpq], sp.Symbol] | None:
    """``_short`` for r + q*(c + s*x)**2 (either of r, q absent, s rational or absent): with y = c + s*a,
    the coefficients r + q*y**2, 2*q*s*y, q*s**2, FLINT's (u**2 of u = y + s*(x - a), times q, plus r:
    the walk's exact arithmetic). A y past the walk's guard (2 * its bits > the limit) is left to the walk."""
    args = base._args
    if len(args) != 2 or not args[0].is_Rational:
        return None
    c, term = args
    s = _ONE
    if type(term) is sp.Mul:
        factors = term._args
        if len(factors) != 2 or not factors[0].is_Rational:
            return None
        number, term = factors
        s = fmpq(number.p, number.q)
    if not term.is_Symbol or not (term is x or term == x):
        return None
    y = fmpq(c.p, c.q) + s * fmpq(a.p, a.q) if a.p else fmpq(c.p, c.q)
    if 2 * y.height_bits() > _LIMIT:
        return None  # (the walk's power(): its guard, as the walk has it)
    out = [y * y, 2 * s * y, s * s]
    if q is not None:
        scale = fmpq(q.p, q.q)
        out = [scale * v for v in out]
    if r is not None:
        out[0] += fmpq(r.p, r.q)
    return out, term


_ZERO, _ONE, _TWO = fmpq(0), fmpq(1), sp.Integer(2)
_BINOMIAL = [[math.comb(n, j) for j in range(n + 1)] for n in range(9)]
_HIGHEST = 100  # the highest n of x**n read off at 0 (expansion.MAX_ORDER: past it, only zeros are kept)


# Within share(True) ... share(False): the last successful walk without offsets, (expr, x, k, p, q of
# a, guard, expr's series, its own x), kept (so the ids stay their own) until the next one or the end.
_LAST: tuple | None = None
# Within share(True) ... share(False): the last walk that raised NoSlot or Unsupported, (expr, x, k, p, q
# of a, guard, with offsets or not, the error's class, its args): a later walk of this expansion meeting
# that very node, with the same x, point, order, guard and offsets or not, raises the same at once (the
# walk of a node depends on nothing else: onevar_products.offset_parts walks a sum's term, then
# onevar.taylor the sum, ~20 us of failing again on log(1 + log(1 + x**2)**2) at 1).
_FAILED: tuple | None = None
_SHARING = False
SHARE = True  # False: share(True) shares nothing, every walk from scratch (tests compare the two)


def share(on: bool) -> None:
    """Start (True) or end (False) one expansion's shared walks (``walk``); either forgets the last one.

    One expansion's walks only: nothing is carried from one expansion to the next, so a
    reused expression costs what a fresh one costs. (Two global stores: the scope costs
    ~0.1 us, not a context manager's ~0.6 us, on expansions of ~10 us.)
    """
    global _SHARING, _LAST, _FAILED
    _SHARING = on and SHARE
    _LAST = _FAILED = None


class shared_walks:
    """``with shared_walks():`` as share(True) ... share(False).

    >>> x = sp.Symbol("x")
    >>> with shared_walks():
    ...     inner = walk(sp.sin(x), x, sp.Integer(0), 3)[0]
    ...     outer = walk(sp.exp(sp.sin(x)), x, sp.Integer(0), 3)[0]  # sin(x)'s series reused
    >>> [str(c) for c in outer]
    ['1', '1', '1/2', '0']
    """

    def __enter__(self) -> None:
        share(True)

    def __exit__(self, *_: object) -> None:
        share(False)


def _atan_rate(u: fmpq_series) -> fmpq_series:
    return (u * u + 1).inv()


def _asinh_rate(u: fmpq_series) -> fmpq_series | None:
    inner = u * u + 1  # 1/sqrt(1 + u**2): rational where 1 + u0**2 is a square
    return _inverse_root(inner)


def _asin_rate(u: fmpq_series) -> fmpq_series | None:
    return _inverse_root(1 - u * u)


def _atanh_rate(u: fmpq_series) -> fmpq_series | None:
    inner = 1 - u * u
    return inner.inv() if inner[0] > 0 else None


def _inverse_root(inner: fmpq_series) -> fmpq_series | None:
    """1/sqrt(inner) where inner_0 is a positive rational square, else None."""
    c = inner[0]
    if not c > 0:
        return None
    root = _rational_power(c, -1, 2)
    if root is None:
        return None
    return (inner * (1 / c)).rsqrt() * root if c != 1 else inner.rsqrt()


# Functions whose value at a rational point is an irrational constant plus a rational series:
# the rate f'(u) as a series, or None where it is not rational (the full path decides).
_OFFSET = {sp.atan: _atan_rate, sp.asinh: _asinh_rate, sp.asin: _asin_rate, sp.atanh: _atanh_rate}


def _rational_power(u0: fmpq, n: int, m: int) -> fmpq | None:
    """u0**(n/m) for a positive rational u0 when it is rational (both parts perfect m-th powers), else None.

    (SymPy's integer_nthroot, with FLINT ground types and no gmpy, took ~4 us a call: 8 us of the
    ~37 us of sqrt(1 + x**2) to order 20. FLINT's floor root, checked exactly, ~0.5 us.)
    """
    if u0 == 1:
        return fmpq(1)  # 1**(n/m): both roots 1
    p = _exact_root(int(u0.p), m)
    if p is None:
        return None
    q = _exact_root(int(u0.q), m)
    if q is None:
        return None
    return fmpq(p, q) ** n


def _exact_root(v: int, m: int) -> int | None:
    """The m-th root of v >= 0 where it is an integer, else None (integer_nthroot's (root, exact))."""
    if m == 2:
        r = math.isqrt(v)
    else:
        r = int(fmpz(v).root(m))
    return r if r ** m == v else None


# (after _short, _AT_ZERO ... which they read: univariate_nodes imports this module)
from .univariate_nodes import of_polynomial as _of_polynomial, of_terms as _of_terms  # noqa: E402
