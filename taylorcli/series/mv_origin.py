"""Small expansions at 0 in several variables with rational coefficients, without the general walk.

Where every piece of f is a function of one form (a variable, a linear form q1 x1 + ... + r, or a
monomial q x1**a1 ...) whose one-variable series has rational coefficients (exp, sin, atan, log(1 + .),
sqrt(1 + .), 1/(1 + .) ... of forms that vanish at 0), joined by sums and products, each piece is
g(L) = sum_j g_j l**j with g_j from FLINT's fmpq_series (mv_forms._series: the recurrences on one
series in t) and l the form's displacement; the pieces are added and multiplied as polynomials with
exact rational coefficients, truncated after total degree k. The coefficients are those of f's Taylor
polynomial, the derivative engine's values (exact, rational), in its order. Anything else (an
irrational value, a parameter, a function with no rational series there, a power of size above 9,
erf, a sum too large for this plain arithmetic) is None: the series engine does it.

A term's exponents are packed in one int, 4 bits a variable, the first variable highest: a sum of
exponents is a sum of ints (no carry below 16), and within one degree the derivative engine's order
(x**2 before x*y before y**2) is the packed ints' descending order.

>>> import sympy as sp
>>> x, y, z = sp.symbols("x y z")
>>> coefficients(sp.atan(x + y) + sp.log(1 + z**2), [x, y, z], 3)[0]
[((1, 0, 0), 1), ((0, 1, 0), 1), ((0, 0, 2), 1), ((3, 0, 0), -1/3), ((2, 1, 0), -1), ((1, 2, 0), -1), ((0, 3, 0), -1/3)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import comb

import flint
import sympy as sp
from flint import fmpq, fmpq_series

from . import onevar, onevar_closed
from .engine import _exponents, exact_rational
from .shortcuts import taylor_table
from .mv_forms import _AT_ZERO as _NAMES, _Refused, _series
from .mv_origin_walk import ERF, ESUM, MAX_TERMS, MIXED as _MIXED, OPAQUE, PRODUCT, SCALED, SUM, Walk, survey_at_origin
from ..convert import add
from ..errors import TaylorError

ENABLED = True  # (tests switch it off to compare with the series engine)
MAX_PRODUCT = 120  # terms of one degree of a product: past it FLINT's polynomials are faster
MAX_ORDER = 15  # 4 bits an exponent

_Add, _Mul, _Pow, _S_ZERO, _MINUS_HALF = sp.Add, sp.Mul, sp.Pow, sp.S.Zero, sp.Rational(-1, 2)
_from_args = _Mul._from_args


class _Fail(Exception):
    """Not a case of this path."""


def coefficients(expr: sp.Expr, variables: Sequence[sp.Symbol], k: int) -> tuple[list, list] | None:
    """(the derivative engine's list of (powers, value) at 0 to total degree k, the variables as the
    expression's own symbol objects), or None where this path does not apply."""
    found = of_walk(expr, survey_at_origin(expr, variables, k)[1], k)
    return None if found is None else (found[0], found[2])


def of_walk(expr: sp.Expr, walk: Walk | None, k: int) -> tuple[list, list, list] | None:
    """``coefficients`` from the walk of ``expr`` (mv_origin_walk.survey_at_origin's), None where it stopped:
    (the list, its rows for mv_origin_poly.polynomial, the variables)."""
    if walk is None or not ENABLED or k > MAX_ORDER:
        return None
    n = len(walk.variables)
    if n > 15:
        return None
    state = _State(walk, k)
    saved = flint.ctx.cap
    flint.ctx.cap = k + 1  # (FLINT truncates every series at its context's cap, whatever prec says)
    try:
        form = state.shape(expr)[1]
        if form is OPAQUE or form is PRODUCT:
            return _opaque(state, walk, expr, form), None, walk.own
        if form is SUM:
            return _opaque_sum(state, walk, expr), None, walk.own
        if form is ERF or form is SCALED or form is ESUM:
            return _scaled(state, expr, form), None, walk.own
        parts = state.parts(expr)
    except (_Fail, _Refused, ZeroDivisionError, ValueError, TaylorError, ArithmeticError):
        return None
    finally:
        flint.ctx.cap = saved
    return (*_listed(parts, n), walk.own)


def _opaque(state: _State, walk: Walk, expr: sp.Expr, form: object) -> list:
    """The list for a node in one variable with an irrational value at 0 (cosh(y + 1)), alone or times
    factors in the other variables (its coefficients the one-variable path's objects, onevar.taylor's):
    each term's coefficient is q*c, q the other factors' rational and c the node's, one pair per term."""
    if form is OPAQUE:
        node, others = expr, ()
    else:
        others = []
        node = None
        for arg in expr._args:
            if arg._args and state.shapes[id(arg)][1] is OPAQUE:
                node = arg
            else:
                others.append(arg)
    k, n = state.k, state.n
    found, bit = _one_variable(state, walk, node)
    rest = None
    for arg in others:
        p = state.parts(arg)
        rest = p if rest is None else _mul(rest, p, k)
    if rest is None:
        rest = [{0: _ONE}] + [{} for _ in range(k)]
    out: list[dict] = [{} for _ in range(k + 1)]
    for (d,), c in found:
        d = int(d)
        rational = c.is_Rational
        split = None  # _split(c), on the first use
        for degree in range(k + 1 - d):
            for e, q in rest[degree].items():
                if q == 1:
                    value = c
                elif rational:
                    value = c * exact_rational(int(q.p), int(q.q))
                else:
                    if max(abs(int(q.p)).bit_length(), int(q.q).bit_length()) > 1000:
                        raise _Fail
                    if split is None:
                        split = _split(c)
                    if split is False:
                        value = exact_rational(int(q.p), int(q.q)) * c  # (SymPy's product: the engine's object)
                    else:
                        r = q * split[0]
                        value = _from_args(split[1], True) if r == 1 else \
                            _from_args((exact_rational(int(r.p), int(r.q)), *split[1]), True)
                e += bit * d
                if e in out[degree + d]:
                    raise _Fail  # (two pairs of terms for one term: a sum of products, the series engine's)
                out[degree + d][e] = value
    return _listed_objects(out, n)


def _split(c: sp.Expr) -> tuple[fmpq, tuple] | bool:
    """(r, the other factors) for c = r * f1 * ... (Mul's args) where q*c is Mul(q*r, f1, ...) as SymPy's
    Mul.flatten builds it: every f a function, a symbol, a constant (pi) or a power with a base that is not a
    number (nothing for flatten to merge with a rational); False otherwise (SymPy multiplies)."""
    if c.is_Mul:
        args = c._args
        first = args[0]
        if first.is_Rational:
            r, tail = fmpq(int(first.p), int(first.q)), args[1:]
        else:
            r, tail = _ONE, args
    elif c.is_Add or c.is_Number:
        return False
    else:
        r, tail = _ONE, (c,)
    for f in tail:
        if f.is_Number or f.is_Add or f.is_Mul or f.is_Pow and (f._args[0].is_Number or f._args[0].is_Mul) \
                or not f.is_commutative:
            return False
    return r, tail


def _one_variable(state: _State, walk: Walk, node: sp.Expr) -> tuple[list, int]:
    """(onevar.taylor's (powers, value) pairs of a node in one variable, that variable's packed bit)."""
    i = state.shapes[id(node)][0].bit_length() - 1
    v = walk.own[i]
    found = onevar.taylor(node, v, _S_ZERO, state.k)
    if found is None or found[1] is not None and found[1] is not v:
        raise _Fail
    return found[0], 1 << (4 * (state.n - 1 - i))


def _opaque_sum(state: _State, walk: Walk, expr: sp.Expr) -> list:
    """The list for a sum of nodes in one variable each with an irrational value at 0 and other terms, in
    disjoint variables: each node's terms its own (onevar.taylor's objects: a partial derivative of the sum
    in its variable alone), the constant terms added as mv_groups adds them (convert.add)."""
    k = state.k
    rest = None
    constants = []
    out: list[dict] = [{} for _ in range(k + 1)]
    for arg in expr._args:
        if arg._args and state.shapes[id(arg)][1] is OPAQUE:
            found, bit = _one_variable(state, walk, arg)
            for (d,), c in found:
                if d:
                    out[d][bit * int(d)] = c
                else:
                    constants.append(c)
        else:
            p = state.parts(arg)
            rest = p if rest is None else _add(rest, p)
    if rest is not None:
        c = rest[0].get(0)
        if c:
            constants.insert(0, exact_rational(int(c.p), int(c.q)))
        for degree in range(1, k + 1):
            for e, q in rest[degree].items():
                out[degree][e] = exact_rational(int(q.p), int(q.q))
    if constants:
        value = constants[0] if len(constants) == 1 else add(constants)  # sp.Add's object (mv_groups')
        if value != 0:
            out[0][0] = value
    return _listed_objects(out, state.n)


def _erf_table(k: int) -> list:
    """erf(t)'s Taylor coefficients at 0 up to t**k over 2/sqrt(pi): (-1)**n / (n! (2n + 1)) at t**(2n + 1)."""
    out = [_ZERO] * (k + 1)
    f = 1
    for n in range((k + 1) // 2):
        if n:
            f *= n
        out[2 * n + 1] = fmpq(-1 if n % 2 else 1, f * (2 * n + 1))
    return out


def _scaled(state: _State, expr: sp.Expr, form: object) -> list:
    """The list for erf(L) (L a form vanishing at 0), alone or times nodes of rational series, or a sum of
    such nodes and others: 2/sqrt(pi) times a rational series E (plus a rational series R), each coefficient
    (2 r) * pi**(-1/2) as Mul builds it (direct.py's objects), or R's rational; a monomial in both: _Fail."""
    k = state.k
    rest = None
    if form is ESUM:
        parts = None
        for arg in expr._args:
            f = state.shapes[id(arg)][1] if arg._args else None
            if f is ERF or f is SCALED:
                p = _scaled_parts(state, arg, f)
                parts = p if parts is None else _add(parts, p)
            else:
                p = state.parts(arg)
                rest = p if rest is None else _add(rest, p)
    else:
        parts = _scaled_parts(state, expr, form)
    factor = _Pow(sp.pi, _MINUS_HALF)
    out = []
    two, make = fmpq(2), _Mul._from_args
    for degree, part in enumerate(parts):
        scaled = {}
        for e, c in part.items():
            c = two * c
            scaled[e] = factor if c == 1 else make((exact_rational(int(c.p), int(c.q)), factor), True)
        if rest is not None:
            for e, c in rest[degree].items():
                if e in scaled:
                    raise _Fail  # (a sum of a rational and an irrational coefficient: the series engine's)
                scaled[e] = exact_rational(int(c.p), int(c.q))
        out.append(scaled)
    return _listed_objects(out, state.n)


def _scaled_parts(state: _State, expr: sp.Expr, form: object) -> list[dict]:
    """The rational series of erf(L) or of a product of it and others, over 2/sqrt(pi)."""
    if form is ERF:
        return state.erf(expr)
    parts = None
    for arg in expr._args:
        p = state.erf(arg) if arg._args and state.shapes[id(arg)][1] is ERF else state.parts(arg)
        parts = p if parts is None else _mul(parts, p, state.k)
    return parts


def _listed_objects(out: list[dict], n: int) -> list:
    """_listed's list for parts whose values are SymPy's objects already."""
    listed = []
    unpacked = _unpacked(n)
    for part in out:
        for e in sorted(part, reverse=True) if len(part) > 1 else part:
            found = unpacked.get(e)
            listed.append(((found or _unpack(unpacked, e, n))[1], part[e]))
    return listed


class _State:
    __slots__ = ("ids", "k", "shapes", "n")

    def __init__(self, walk: Walk, k: int) -> None:
        self.n = len(walk.variables)
        self.ids = walk.ids  # id(v) -> i, for the expression's own symbol objects too
        self.k = k
        self.shapes = walk.shapes  # id(node) -> (mask, form, value)

    def shape(self, node: sp.Expr) -> tuple[int, object]:
        if node._args:
            return self.shapes[id(node)][:2]
        return (0, None) if node.is_Rational else (1 << self.ids[id(node)], node)

    def parts(self, node: sp.Expr) -> list[dict]:
        """The series of ``node``: one dict per degree 0..k, packed exponents -> fmpq (zeros left out)."""
        mask, form = self.shape(node)
        if form is not _MIXED:
            return self._composed(node, form)
        cls = type(node)
        if cls is _Add:
            out = None
            for arg in node._args:
                p = self.parts(arg)
                out = p if out is None else _add(out, p)
            return out
        if cls is _Mul:
            out = None
            for arg in node._args:
                p = self.parts(arg)
                out = p if out is None else _mul(out, p, self.k)
            return out
        if cls is _Pow and node._args[1].is_Integer and node._args[1].p >= 0:
            base = self.parts(node._args[0])
            out = base
            for _ in range(int(node._args[1].p) - 1):
                out = _mul(out, base, self.k)
            return out
        raise _Fail  # a function or inverse of a sum of several forms

    def erf(self, node: sp.Expr) -> list[dict]:
        """erf(L)'s series over 2/sqrt(pi) (``node`` = erf(L), L a form vanishing at 0)."""
        return self._composed(node, node._args[0], _erf_table)

    def _composed(self, node: sp.Expr, form: sp.Expr | None, table: object = None) -> list[dict]:
        """g(L) for ``node`` a function g of the form L (or a constant: form None); ``table(top)``: g's
        coefficients, where given."""
        k = self.k
        out: list[dict] = [{} for _ in range(k + 1)]
        if form is None:  # a constant made of rationals: its value (mv_origin_walk's)
            c = self.shapes[id(node)][2] if node._args else node.p if node.q == 1 else Fraction(node.p, node.q)
            if c:
                out[0][0] = fmpq(int(c.numerator), int(c.denominator))
            return out
        if table is None and form.is_Symbol and node is not form and node._args[0] is not form:
            # f(q*x**n) in one variable (f(x) itself: taylor_table below): textbook coefficients in ints
            closed = onevar_closed.coefficients(node, form, k)
            if closed is not None and closed[1] is form:
                bit = self._bit(form)
                for d, p, q in closed[0]:
                    out[d][bit * d] = fmpq(p, q) if q != 1 else fmpq(p)
                return out
        step, c0, lead, packed = self._form(form)
        top = k // step
        name = _NAMES.get(type(node))
        if table is not None:
            g = table(top)
        elif name is not None and node._args[0] is form and not c0:  # f(L): f's own coefficients
            g = taylor_table(name, top)
        else:
            g = _series(node, {id(form): fmpq_series([c0, 1], prec=top + 1)}, top + 1)
        g0 = g[0]
        if g0:
            out[0][0] = g0
        if not top:
            return out
        if packed is not None:  # a monomial (or one variable): lead * packed, one term a degree
            power = _ONE
            for j in range(1, top + 1):
                power = power * lead
                q = g[j]
                if q:
                    out[j * step][packed * j] = q * power
            return out
        l = lead  # a linear form: its powers, one dict each (every term of degree j)
        if comb(len(l) + top - 1, top) > MAX_TERMS:  # (the terms of l**top: FLINT's products are faster)
            raise _Fail
        power = None
        for j in range(1, top + 1):
            power = l if power is None else _times(power, l)
            if len(power) > MAX_TERMS:
                raise _Fail
            q = g[j]
            if q:
                out[j] = {e: q * c for e, c in power.items()} if q != 1 else dict(power)
        return out

    def _bit(self, symbol: sp.Symbol) -> int:
        return 1 << (4 * (self.n - 1 - self.ids[id(symbol)]))

    def _form(self, form: sp.Expr) -> tuple[int, fmpq, object, int | None]:
        """(degree of its displacement, its value at 0, the displacement: a rational for a monomial (times the
        packed exponents) or a dict for a linear form, packed exponents or None)."""
        if form.is_Symbol:
            return 1, _ZERO, _ONE, self._bit(form)
        if form.is_Add:
            c0, l = _ZERO, {}
            for arg in form._args:
                if arg.is_Rational:
                    c0 = fmpq(int(arg.p), int(arg.q))
                elif arg.is_Mul:
                    q, v = arg._args
                    l[self._bit(v)] = fmpq(int(q.p), int(q.q))
                else:
                    l[self._bit(arg)] = _ONE
            return 1, c0, l, None
        q, packed, degree = self._monomial(form)
        return degree, _ZERO, q, packed

    def _monomial(self, node: sp.Expr) -> tuple[fmpq, int, int]:
        q, packed, degree = _ONE, 0, 0
        for factor in node._args if node.is_Mul else (node,):
            if factor.is_Rational:
                q = q * fmpq(int(factor.p), int(factor.q))
            elif factor.is_Symbol:
                packed += self._bit(factor)
                degree += 1
            else:  # a power of a symbol or of a monomial, exponent a natural number (_monomial)
                base, e = factor._args
                p = int(e.p)
                if base.is_Symbol:
                    packed += self._bit(base) * p
                    degree += p
                else:
                    bq, bpacked, bdegree = self._monomial(base)
                    q = q * bq ** p
                    packed += bpacked * p
                    degree += bdegree * p
        return q, packed, degree


_ZERO, _ONE = fmpq(0), fmpq(1)


def _add(a: list[dict], b: list[dict]) -> list[dict]:
    out = []
    for x, y in zip(a, b):
        if not y:
            out.append(x)
        elif not x:
            out.append(y)
        else:
            s = dict(x)
            for e, c in y.items():
                t = s.get(e)
                if t is None:
                    s[e] = c
                else:
                    t = t + c
                    if t:
                        s[e] = t
                    else:
                        del s[e]
            out.append(s)
    return out


def _times(x: dict, y: dict) -> dict:
    s: dict = {}
    for e, c in x.items():
        for f, d in y.items():
            g = e + f
            t = s.get(g)
            s[g] = c * d if t is None else t + c * d
    return {e: c for e, c in s.items() if c}


def _mul(a: list[dict], b: list[dict], k: int) -> list[dict]:
    out: list[dict] = [{} for _ in range(k + 1)]
    for i, x in enumerate(a):
        if not x:
            continue
        for j in range(k + 1 - i):
            y = b[j]
            if not y:
                continue
            if not out[i + j]:
                out[i + j] = _times(x, y)
            else:
                out[i + j] = _add([out[i + j]], [_times(x, y)])[0]
            if len(out[i + j]) > MAX_PRODUCT:
                raise _Fail
    return out


def _listed(parts: list[dict], n: int) -> tuple[list, list]:
    """(powers, value) pairs, lowest degree first, x**2 before x*y before y**2 (the derivative engine's),
    and the same with the exponents as ints (mv_origin_poly.py's rows)."""
    out = []
    rows = []
    unpacked = _unpacked(n)
    for part in parts:
        for e in sorted(part, reverse=True) if len(part) > 1 else part:
            c = part[e]
            found = unpacked.get(e)
            exps, exponents = found or _unpack(unpacked, e, n)
            value = exact_rational(int(c.p), int(c.q))
            out.append((exponents, value))
            rows.append((exps, value))
    return out, rows


# n -> {packed exponents: (the exponents as ints, engine._exponents' tuple of them)}: ints, and the
# Integers engine._integers keeps for the process anyway (no SymPy value of an input's)
_UNPACKED: dict[int, dict[int, tuple]] = {}


def _unpacked(n: int) -> dict:
    found = _UNPACKED.get(n)
    if found is None:
        found = _UNPACKED[n] = {}
    return found


def _unpack(unpacked: dict, e: int, n: int) -> tuple:
    exps = tuple([(e >> (4 * (n - 1 - j))) & 15 for j in range(n)])
    found = (exps, _exponents(exps))
    if len(unpacked) < 20_000:
        unpacked[e] = found
    return found
