"""One variable at a rational point, coefficients in Q[constants]: FLINT series per monomial.

Where a constant such as exp(3), sin(5), log(17) or 1/(1 + log(5)**2) enters a one-variable
expansion, the general engine (compose.Walker on a multivariate ring, engine.py) costs
0.3-3 ms. Here a series is a dict {monomial in the generators: fmpq_series}: the
constants' polynomial ring times FLINT's rational series, so that a product, exp(q + v),
sin(q + v), log(q + v) ... of a rational v are a few C calls. A function of a series whose
coefficients hold generators is composed formally: f(u0 + v) = sum f^(n)(u0) v^n / n!.

The generators are the very SymEngine values compose.Walker makes (its ``constant_of``,
``_split``, ``_settle``, ``_inverse``, ``_sign`` and the argument's value by SymEngine's subs,
mirrored here), and each function's series is the unique formal solution of the same
recurrence the Walker runs (its value at the point, and 1/u0, are independent generators
there as here): the same polynomials in the same generators. They are turned into SymPy
objects as engine.taylor_coefficients turns them (direct.Direct, else SymEngine's expand and
convert.to_sympy), and vetted as expansion._arithmetic vets them: the very objects, or None
wherever the full path could decide otherwise (an error, a guard, a shape not mirrored here).

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> taylor(sp.sin(x + 3) * sp.exp(x + 1), x, sp.Integer(2), 1)[0]
[((0,), exp(3)*sin(5)), ((1,), exp(3)*sin(5) + exp(3)*cos(5))]
"""

from __future__ import annotations


import flint
import symengine as se
import sympy as sp
from flint import fmpq, fmpq_series
from symengine.lib.symengine_wrapper import OneArgFunction

from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from .numbers import engine_sign
from .direct import within_walk
from .inverse_risk import onevar_refuses
from .onevar_engine_point import engine_value_at
from .onevar_engine import engine_of
from .onevar_ring import (Constant, Ring, Series, _binomial_scales, _cadd, _cmul, _exp_scales, _fmpq,
                          _is_rational, _log_scales)
from .onevar_values import coefficients
from .tps import Unsupported

_BAD = (se.zoo, se.nan, se.oo, -se.oo, se.I)
_EXP, _SIN, _COS, _SINH, _COSH, _LOG, _ATAN, _ERF = range(8)
_FUNCTION = {sp.exp: _EXP, sp.sin: _SIN, sp.cos: _COS, sp.sinh: _SINH, sp.cosh: _COSH, sp.log: _LOG,
             sp.atan: _ATAN, sp.erf: _ERF}
_RATIONAL = (se.Integer, se.Rational)
_SE_ATAN, _SE_E, _SE_PI = type(se.atan(se.Integer(2))), type(se.E), type(se.pi)
_ONE_ARG = OneArgFunction
_MINUS_ONE = se.Integer(-1)
BOTTOM_UP = True  # argument's value from its parts' (_value_at); False: engine_of and subs (tests compare)


def taylor(expr: sp.Expr, x: sp.Symbol, a: sp.Rational,
           order: int) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """(powers, value) for every non-zero term up to ``order`` >= 0, and the expression's own x; else None."""
    from .onevar_products import constants_route  # (it imports onevar, which imports this module)

    found = constants_route(expr, x, a, order)
    if found is not None:
        return found
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1  # FLINT truncates every series at its context's cap whatever prec says
    try:
        walk = _Walk(x, a, order)
        series = walk.series(expr)
        if onevar_refuses(expr, walk):  # an inverse constant sum SymEngine's expand writes otherwise
            return None
        if not walk.values or len(walk.values) > 2 * walk.nodes + 1 and len(walk.values) > walk.slots(expr):
            return None  # rational only (univariate.py's), or more than the Walker's ring holds
        with within_walk(walk.engine):  # (direct.Direct: the walk's sums, several exponentials or roots)
            return coefficients(series, walk.values, order), walk.own
    except (Unsupported, ArithmeticError, ValueError, TypeError, RuntimeError, RecursionError):
        return None
    finally:
        flint.ctx.cap = saved


_TINY = fmpq(1, 10**30)  # engine_sign's "too close to 0" is below 1e-30


def _squares(c: Constant) -> bool:
    """Whether c is a rational q0 >= 1e-30 plus positive rationals times even powers of the generators:
    then its value is >= q0 and engine_sign says 1 (every generator is a real number: f of a real value,
    log and fractional powers of positive ones, 1/value of a nonzero one; constant_of refuses I, zoo ...)."""
    q0 = c.get(())
    if q0 is None or q0 < _TINY:
        return False
    for key, q in c.items():
        if key and (q < 0 or any(e & 1 for e in key)):
            return False
    return True


def _positive_terms(c: Constant, values: list) -> bool:
    """``_squares``, odd powers of positive generators allowed too: E, exp(r) (E**r), pi, n**r (n a positive
    integer, r rational; every generator is a real number, as ``_squares`` says). 1 + exp(8): positive."""
    q0 = c.get(())
    if q0 is None or q0 < _TINY:
        return False
    for key, q in c.items():
        if key:
            if q < 0:
                return False
            for j, e in enumerate(key):
                if e & 1 and not _positive_generator(values[j]):
                    return False
    return True


def _positive_generator(value: object) -> bool:
    kind = type(value)
    if kind is _SE_E or kind is _SE_PI:
        return True
    if kind is not se.Pow:
        return False
    base, exponent = value.args
    return type(base) is _SE_E or isinstance(base, se.Integer) and int(base) > 0 \
        and isinstance(exponent, _RATIONAL)


class _Walk(Ring):
    """The series of each subexpression once (by identity), and the generators met, as compose.Walker has them.

    Its arithmetic (add, mul, scale, powers ...) is onevar_ring.Ring's."""

    def __init__(self, x: sp.Symbol, a: sp.Rational, k: int) -> None:
        Ring.__init__(self, k)
        self.x, self.a = x, a
        self.values: list = []
        self.by_value: dict = {}
        self.memo: dict[int, Series] = {}
        self.engine: dict[int, tuple] = {}  # to_engine's, by id of a constant: (it, its value)
        self.converted: dict[int, object] = {}  # engine_of's, by id of a subexpression
        self.own: sp.Symbol | None = None
        self.point: dict | None = None
        # a function node's value at the point, f(its argument's value) as SymEngine makes it: the very
        # object ``engine_of(node).subs(point)`` gives (subs rebuilds f by the same constructor), by id
        self.at_point: dict[int, object] = {}
        self.negated: set = set()  # atan(q) standing for atan(-q) (``_atan``)
        self.subs_used = False  # whether ``argument`` last asked SymEngine's subs
        self.nodes = 0  # functions and powers walked: the Walker's slots count two each (at least)

    # --- the walk ----------------------------------------------------------------------------
    def series(self, e: sp.Expr) -> Series:
        if e.is_Rational:
            return {(): fmpq_series([fmpq(int(e.p), int(e.q))], prec=self.prec)} if e.p else {}
        if e.is_Atom:
            if e is self.x or e == self.x:
                if self.own is None:
                    self.own = e
                a = self.a
                return {(): fmpq_series([fmpq(int(a.p), int(a.q)), 1], prec=self.prec)}
            raise Unsupported("a constant that is not rational")
        found = self.memo.get(id(e))
        if found is None:
            found = self.memo[id(e)] = self._build(e)
        return found

    def _build(self, e: sp.Expr) -> Series:
        cls = type(e)
        kind = _FUNCTION.get(cls)
        args = e._args
        if kind is None and cls is not sp.Add and cls is not sp.Mul and cls is not sp.Pow:
            raise Unsupported(f"no rule here for {cls.__name__}")
        parts = [self.series(arg) for arg in args]
        # compose.Walker takes a subexpression without x as one constant: not mirrored here
        if all(arg.is_Rational for arg in args):  # (any other atom than x raised above)
            raise Unsupported("a constant subexpression")
        self.nodes += kind is not None or cls is sp.Pow
        if kind is not None:
            return self._function(kind, args[0], parts[0], e)
        if cls is sp.Pow:
            return self._power(args[0], args[1], parts[0], e)
        out = parts[0]
        for part in parts[1:]:
            out = self.add(out, part) if cls is sp.Add else self.mul(out, part)
        return out

    # --- constants, as compose.Walker makes them ------------------------------------------------
    def constant_of(self, value: object, vetted: bool = False) -> Constant:
        # compose.Walker.constant_of's test; f(q) or E**q (rational arguments) holds none of _BAD but itself,
        # and is none of them (all Numbers; SymEngine's == is structural): ``value in _BAD`` (~3 us) only for a Number.
        # ``vetted``: the caller knows the value holds none (``inverse``, ``_function``'s log): not asked (~3 us)
        if value.is_Number:
            if value in _BAD:
                raise Unsupported(f"{value} is not a real number")
        elif not vetted and not all(isinstance(arg, _RATIONAL) or arg == se.E for arg in value.args) \
                and value.has(*_BAD):  # (SymEngine's has: any of them, as any(value.has(bad) ...))
            raise Unsupported(f"{value} is not a real number")
        if isinstance(value, _RATIONAL):
            q = _fmpq(value)
            return {(): q} if q else {}
        if isinstance(value, se.Mul):
            args = value.args  # (read once: ~0.5 us a read)
            if len(args) == 2 and isinstance(args[0], _RATIONAL):
                q = _fmpq(args[0])
                return {key: c * q for key, c in self.constant_of(args[1]).items()}
        if isinstance(value, se.Add):
            return self._split(value)
        if type(value) is _SE_ATAN:
            return self._atan(value)
        j = self.by_value.get(value)
        if j is None:
            j = self.by_value[value] = len(self.values)
            self.values.append(value)
        return {(0,) * j + (1,): fmpq(1)}

    def _atan(self, value: object) -> Constant:
        """atan(-q) (SymEngine keeps the sign inside; q > 0 rational, or -g(c)) as -1 times the generator atan(q).

        SymPy's value of atan(-q) is Mul(-1, atan(q)) (constants.leaf): as a generator its powers and
        products went through SymPy's Mul (a product factor; for sqrt(1 + atan(3*x)**2) at -2 its
        flatten rebuilt Pow(1 + atan(6)**2, -3/2), whose assumptions rebuilt atan's table after
        clear_cache: ~1 ms). The polynomials are the Walker's with g -> -g, one term each: SymPy's
        objects for them are the same (tests/test_point_atan.py compares them with the derivative
        engine's). Where atan(q) itself is met too (atan(3*x) + atan(-3*x)), Unsupported: the
        Walker keeps two generators there.
        """
        (arg,) = value.args
        if isinstance(arg, _RATIONAL):
            q = _fmpq(arg)
            positive = se.atan(se.Rational(-int(q.p), int(q.q))) if q < 0 else None
        elif isinstance(arg, se.Mul) and len(arg.args) == 2 and arg.args[0] == _MINUS_ONE:
            positive = se.atan(arg.args[1])  # atan(-sin(2)): SymPy's -atan(sin(2)) (constants._of_negated)
        else:
            positive = None
        if positive is None:
            if value in self.negated:
                raise Unsupported("atan(q) beside atan(-q)")
            return self._generator(value)
        if positive not in self.negated:
            if positive in self.by_value:
                raise Unsupported("atan(-q) beside atan(q)")
            self.negated.add(positive)
        return {key: -c for key, c in self._generator(positive).items()}

    def _generator(self, value: object) -> Constant:
        j = self.by_value.get(value)
        if j is None:
            j = self.by_value[value] = len(self.values)
            self.values.append(value)
        return {(0,) * j + (1,): fmpq(1)}

    def _split(self, value: object) -> Constant:
        if isinstance(value, _RATIONAL):
            q = _fmpq(value)
            return {(): q} if q else {}
        if isinstance(value, se.Add):
            out: Constant = {}
            for arg in value.args:
                out = _cadd(out, self._split(arg))
            return out
        if isinstance(value, se.Mul):
            out = {(): fmpq(1)}
            for arg in value.args:
                out = _cmul(out, self._split(arg))
            return out
        if isinstance(value, se.Pow):
            b, e = value.args  # (read once; the exponent compared as an int: SymEngine's > ~1.5 us)
            if isinstance(e, se.Integer) and int(e) > 0 and not isinstance(b, (se.Add, se.Mul, se.Pow, se.Number)):
                base, out = self._split(b), {(): fmpq(1)}
                for _ in range(int(e)):
                    out = _cmul(out, base)
                return out
        return self.constant_of(value)

    def to_engine(self, c: Constant) -> object:
        # settle, sign and inverse of one constant (the same dict) ask for its value in turn: made once.
        # By id, the dict kept alive beside its value (a key of its items would hash each fmpq: slower)
        found = self.engine.get(id(c))
        if found is None or found[0] is not c:
            found = self.engine[id(c)] = (c, self._to_engine(c))
        return found[1]

    def _to_engine(self, c: Constant) -> object:
        terms = []
        functions = True  # every generator met a function application (sin(1), log(1 + log(2)**2) ...)
        values = self.values
        for key, q in c.items():
            term = se.Rational(int(q.p), int(q.q))
            for j, e in enumerate(key):
                if e:
                    v = values[j]
                    if functions and not isinstance(v, _ONE_ARG):
                        functions = False
                    term = term * v ** int(e)
            terms.append(term)
        if not terms:
            return se.Integer(0)
        # a sum of rationals times products of powers of function applications is its own expansion
        # (SymEngine's expand distributes products over sums and expands powers of sums, none here,
        # and does not enter a function's argument): expand's object without the call (~2-4 us);
        # tests/test_at15_walk.py compares on random such sums
        return se.Add(*terms) if functions else se.expand(se.Add(*terms))

    def settle(self, c: Constant) -> Constant:
        """compose.Walker._settle: a constant term whose SymEngine value is rational made that rational."""
        if _is_rational(c):
            return c
        value = self.to_engine(c)
        if isinstance(value, _RATIONAL):
            q = _fmpq(value)
            return {(): q} if q else {}
        return c

    def inverse(self, c: Constant) -> Constant:
        """1/c: a rational, or compose.Walker._inverse's generator (SymEngine's 1/value)."""
        if _is_rational(c):
            q = c.get((), fmpq(0))
            if not q:
                raise Unsupported("division by a series that vanishes at the point")
            return {(): 1 / q}
        value = self.to_engine(c)
        if value == 0:
            raise Unsupported("division by a series that vanishes at the point")
        # 1/value of a nonzero expanded polynomial in the generators (each vetted by constant_of: none
        # of _BAD in it) and rationals: SymEngine's Pow(value, -1), or its factors' inverses: no zoo, nan,
        # oo or I made (only 1/0 makes zoo): vetted
        return self.constant_of(se.Integer(1) / value, True)

    def sign(self, c: Constant) -> int:
        """compose.Walker._sign."""
        if _is_rational(c):
            q = c.get((), fmpq(0))
            return (q > 0) - (q < 0)
        if _squares(c) or _positive_terms(c, self.values):  # 1 + log(2)**2, 1 + exp(8): positive without
            return 1  # SymEngine's 200-bit value (~8-12 us)
        return engine_sign(self.to_engine(c))

    def argument(self, arg: sp.Expr, u0: Constant) -> object:
        """The argument's value at the point as compose.Walker._function takes it (a rational, else SymEngine's subs)."""
        if _is_rational(u0):
            q = u0.get((), fmpq(0))
            return se.Rational(int(q.p), int(q.q))
        found = self.at_point.get(id(arg))
        if found is not None:  # a function node walked: f(its argument's value), what subs rebuilds
            return found
        if BOTTOM_UP:
            found = self._value_at(arg)
            if found is not None:
                return found
        self.subs_used = True
        if self.point is None:
            # (engine_of: sympy2symengine's objects by the same branches, without its isinstance chain)
            self.point = {engine_of(self.x, self.converted): engine_of(self.a, {})}
        return engine_of(arg, self.converted).subs(self.point)  # sympy2symengine's object, parts once

    def _value_at(self, e: sp.Expr) -> object | None:
        """``engine_of(e).subs(point)``'s object from its parts' values, or None (``onevar_engine_point.engine_value_at``)."""
        return engine_value_at(e, self.x, self.a, self.at_point)

    # --- functions ---------------------------------------------------------------------------
    def _function(self, kind: int, arg: sp.Expr, u: Series, node: sp.Expr) -> Series:  # noqa: C901 - one branch per function
        u0 = self.head(u)
        self.subs_used = False
        v = self.argument(arg, u0)
        rational = all(not key for key in u)  # every coefficient rational: FLINT composes
        if kind == _EXP:
            self.at_point[id(node)] = value = se.exp(v)
            e0 = self.constant_of(value)
            w = self.tail(u)
            if rational:
                return self.scale({(): w.get((), self.zero).exp()}, e0)
            return self.scale(self.total(self.powers(w, _exp_scales(self.k))), e0)
        if kind in (_SIN, _COS, _SINH, _COSH):
            hyperbolic = kind in (_SINH, _COSH)
            sv, cv = (se.sinh if hyperbolic else se.sin)(v), (se.cosh if hyperbolic else se.cos)(v)
            self.at_point[id(node)] = sv if kind in (_SIN, _SINH) else cv
            s0, c0 = self.constant_of(sv), self.constant_of(cv)
            w = self.tail(u)
            if rational:
                w = w.get((), self.zero)
                ss = {(): w.sinh() if hyperbolic else w.sin()}
                cc = {(): w.cosh() if hyperbolic else w.cos()}
            else:
                terms = self.powers(w, _exp_scales(self.k))
                sign = 1 if hyperbolic else -1
                # (times +-1: the series or its negation, not python-flint's product with an int, ~1.3 us)
                cc = self.total([t if sign ** (n // 2) == 1 else {key: -s for key, s in t.items()}
                                 for n, t in enumerate(terms) if n % 2 == 0])
                ss = self.total([t if sign ** (n // 2) == 1 else {key: -s for key, s in t.items()}
                                 for n, t in enumerate(terms) if n % 2 == 1])
            if kind in (_SIN, _SINH):  # s0 C + c0 S
                return self.add(self.scale(cc, s0), self.scale(ss, c0))
            if hyperbolic:  # cosh: c0 C + s0 S
                return self.add(self.scale(cc, c0), self.scale(ss, s0))
            return self.add(self.scale(cc, c0), self.scale(ss, {key: -q for key, q in s0.items()}))
        if kind == _LOG:
            u0 = self.settle(u0)
            if self.sign(u0) <= 0:
                raise Unsupported("log at a point where its argument is not positive")
            self.at_point[id(node)] = value = se.log(v)
            # v: a rational, a walked function's value (vetted), or the sum, product, power of such values
            # and rationals (``_value_at``; a power of a vanishing base raised in its own walk): no _BAD in
            # it; log of it, positive (``sign``), makes none (log(0) is zoo, log of a negative number has I)
            l0 = self.constant_of(value, not self.subs_used)
            inv = self.inverse(u0)
            w = self.tail(u)
            if rational and _is_rational(inv):
                q = inv.get(())
                return self.add(self.lift(l0), {(): (w.get((), self.zero) * q + 1).log()})
            w = self.scale(w, inv)  # log(u0 (1 + w)) = l0 + sum (-1)^(n-1) w^n / n
            return self.add(self.lift(l0), self.total(self.powers(w, _log_scales(self.k))))
        if kind == _ATAN:  # atan' = u' / (1 + u^2)
            inner = self.add({(): self.one}, self.mul(u, u))
            rate = self.reciprocal(inner)
            self.at_point[id(node)] = value = se.atan(v)
            a0 = self.constant_of(value)
            return self.add(self.lift(a0), self.integral(self.mul(self.derivative(u), rate)))
        if kind == _ERF:  # erf' = 2 exp(-u^2) / sqrt(pi) u'
            nuu = self.mul(u, {(): -self.one})
            nuu = self.mul(nuu, u)
            e0 = self.constant_of(se.exp(-v**2))
            w = self.tail(nuu)
            if all(not key for key in w):
                e = self.scale({(): w.get((), self.zero).exp()}, e0)
            else:
                e = self.scale(self.total(self.powers(w, _exp_scales(self.k))), e0)
            rate = self.scale(e, self.constant_of(2 / se.sqrt(se.pi)))
            self.at_point[id(node)] = value = se.erf(v)
            f0 = self.constant_of(value)
            return self.add(self.lift(f0), self.integral(self.mul(self.derivative(u), rate)))
        raise Unsupported("no rule")

    def reciprocal(self, b: Series) -> Series:
        """1/b as compose.Walker's ``ring.div(one, b, _inverse(b))`` after ``_settle``: inv0 / (1 + inv0 w)."""
        b0 = self.settle(self.head(b))
        if self.sign(b0) <= 0:
            raise Unsupported("a denominator that is not positive")  # (the Walker's atan/atanh check)
        inv = self.inverse(b0)
        w = self.tail(b)
        if _is_rational(inv) and all(not key for key in w):
            q = inv[()]
            return {(): (w.get((), self.zero) * q + 1).inv() * q}
        w = self.scale(w, inv)
        return self.scale(self.total(self.powers(w, _binomial_scales(fmpq(-1), self.k))), inv)

    def _power(self, base: sp.Expr, exponent: sp.Expr, u: Series, node: sp.Expr) -> Series:
        if not exponent.is_Rational:
            raise Unsupported("a power with an exponent that is not rational")
        n, m = int(exponent.p), int(exponent.q)
        u0 = self.head(u)
        q = u0.get(())  # guard.check_point estimates a power of a base without functions: univariate.py's bound
        if q and abs(n) * q.height_bits() > _LIMIT and not base.atoms(sp.Function):  # (atoms last: ~20 us)
            raise Unsupported("a power too large to compute before guard.check_point looks at it")
        if m == 1 and n >= 0:  # ring.pow_int: plain products
            out, square = {(): self.one}, u
            while n:
                if n & 1:
                    out = self.mul(out, square)
                n >>= 1
                if n:
                    square = self.mul(square, square)
            return out
        u0 = self.settle(u0)
        if m != 1 and self.sign(u0) < 0:
            raise Unsupported("a fractional power of a negative number")
        if not u0:
            raise Unsupported("a power of a series that vanishes at the point")
        if m == 1 and _is_rational(u0):
            p0 = {(): u0[()] ** n}
        else:
            value = se.Pow(self.to_engine(u0), se.Rational(n, m))
            if _is_rational(u0):  # sqrt(2): pow(the base's value, the exponent), what subs rebuilds (at_point)
                self.at_point[id(node)] = value
            p0 = self.constant_of(value)
        inv = self.inverse(u0)
        w = self.tail(u)
        r = fmpq(n, m)
        if _is_rational(inv) and all(not key for key in w):
            q = inv[()]
            scaled = w.get((), self.zero) * q + 1
            if m == 1:
                series = scaled.inv() ** -n
            else:
                series = (scaled.log() * r).exp()
            return self.scale({(): series}, p0)
        w = self.scale(w, inv)  # p0 (1 + inv0 w)^r
        return self.scale(self.total(self.powers(w, _binomial_scales(r, self.k))), p0)

    # --- the Walker's slot count -------------------------------------------------------------
    def slots(self, expr: sp.Expr) -> int:
        """compose.Walker.slots: one, two per function or power, one per atom that is not rational (repeats counted)."""
        counts: dict[int, int] = {}

        def count(e: sp.Expr) -> int:
            if e.is_Atom:
                return 0 if e.is_Rational else 1
            found = counts.get(id(e))
            if found is None:
                found = counts[id(e)] = (2 if isinstance(e, sp.Function) or e.is_Pow else 0) \
                    + sum(count(arg) for arg in e.args)
            return found

        return 1 + count(expr)
