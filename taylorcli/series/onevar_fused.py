"""``onevar.taylor``'s rational series turned into its (powers, value) list and the ``Expansion.polynomial`` in one pass.

A small expansion at a rational point (atan(x) to order 30: ~10 us of FLINT) spent as much again
turning FLINT's coefficients into SymPy numbers (``onevar.taylor``) and walking those numbers a
second time for the polynomial (``sortkey_univariate.rational_univariate``: a class, a key and a term per
coefficient). Here each coefficient c of d is read once (its ints p, q), and gives at once:

- its SymPy number, the very object ``onevar.taylor`` makes (the singletons -1, 1, 1/2, else an
  Integer or a Rational built as ``Rational.from_coprime_ints`` builds it);
- its term of the polynomial and that term's sort rank, as ``sortkey_univariate.rational_univariate`` makes
  them (c*base**d, base**d, c*x, x, the number; with base = x - a, c*(x - a) distributes into c*x
  and the number -c*a, which joins the constant term, as SymPy's Mul and Add constructors do).

The terms are then sorted once and joined by ``sortkey._canonical_sum``: the same Add, with the
same args in the same order, as ``rational_univariate`` of the list (tests/test_fused_onevar.py
compares both with SymPy's own ``Add(*(c * base**d))``, node for node).

>>> import sympy as sp
>>> from flint import fmpq
>>> x = sp.Symbol("x")
>>> out, value = terms([fmpq(1), fmpq(0), fmpq(-1, 2), fmpq(0), fmpq(1, 24)], x, sp.S.Zero, [(sp.Integer(d),) for d in range(5)])
>>> out
[((0,), 1), ((2,), -1/2), ((4,), 1/24)]
>>> value == 1 - x**2/2 + x**4/24, value.args == sp.Add(*(c * x**n[0] for n, c in out)).args
(True, True)
"""

from __future__ import annotations

from typing import Any

from sympy.core import Integer, Mul, Pow, Rational, S, Symbol

from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from ..keyed import plain_displacement
from ..sortkey import _canonical_sum, _class_key, _plain_base, _product, _sum
from ..sortkey_univariate import constant_sum


def terms(series: Any, x: Symbol, a: Rational, powers: list, constant: Any = None) -> tuple[list, Any] | None:
    """(powers, value) of each non-zero coefficient of ``series`` (fmpq, by degree), and their polynomial in
    x - a (x at a = 0), for a plain Symbol x (``sortkey._plain_base``); None where a coefficient is too long
    (``guard.check_size``: the full path says so), as ``onevar.taylor`` says.
    Where x is not plain, the polynomial is None (``expansion_polynomial`` decides, later).
    ``powers``: (Integer(d),) at d, for every d of the series (``onevar._powers``).
    ``constant``: an irrational constant term (log(10), 1 + pi/4) beside the series (whose own constant
    term is then 0): not in the list, and joined to the polynomial as ``rational_univariate`` joins it
    (``sortkey_univariate.constant_sum``; its None: the polynomial None, left to ``expansion_polynomial``)."""
    if type(x) is not Symbol or not _plain_base(x):
        return numbers(series, powers), None
    if a is S.Zero:
        base, shift = x, None
    else:
        base = plain_displacement(x, a)
        shift = base._args[0]
    mul_class, pow_class, symbol_class, integer_class, rational_class, minus_class, half_class = _KEYS or _keys()
    new = object.__new__
    rational_assumptions, integer_assumptions = Rational.default_assumptions, Integer.default_assumptions
    pow_assumptions, mul_assumptions = Pow.default_assumptions, Mul.default_assumptions
    one, minus, half = S.One, S.NegativeOne, S.Half
    out: list = []
    rest: list = []
    numbers: list = []
    append, add = out.append, rest.append
    for d, c in enumerate(series):
        if not c:
            continue
        p, q = int(c.p), int(c.q)
        if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
            return None
        n = powers[d]
        if q == 1:
            if p == 1:
                append((n, one))
                if d >= 2:
                    factor = new(Pow)  # Basic.__new__(Pow, base, d), inlined (sortkey._power says why)
                    factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, n[0])
                    factor.is_commutative = True
                    add((factor, (pow_class, d)))
                elif d:
                    add((x, (symbol_class,)))
                    if shift is not None:
                        numbers.append(_product(one, shift))  # (a fresh -a, as rational_univariate's)
                else:
                    numbers.append(one)
                continue
            if p == -1:
                v, ck = minus, minus_class
            else:
                v = new(Integer)
                v._assumptions, v._mhash, v._args, v.p = integer_assumptions, None, (), p
                ck = integer_class
        elif p == 1 and q == 2:
            v, ck = half, half_class
        else:  # Rational.from_coprime_ints(p, q), inlined (Expr.__new__ is Basic.__new__)
            v = new(Rational)
            v._assumptions, v._mhash, v._args, v.p, v.q = rational_assumptions, None, (), p, q
            ck = rational_class
        append((n, v))
        if d >= 2:
            factor = new(Pow)
            factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, n[0])
            factor.is_commutative = True
            term = new(Mul)  # Mul._from_args((c, factor), True), without its checks
            term._assumptions, term._mhash, term._args = mul_assumptions, None, (v, factor)
            term.is_commutative = True
            add((term, (mul_class, ck, p, q, pow_class, d)))
        elif d:
            term = new(Mul)
            term._assumptions, term._mhash, term._args = mul_assumptions, None, (v, x)
            term.is_commutative = True
            add((term, (mul_class, ck, p, q, symbol_class)))
            if shift is not None:
                numbers.append(_product(v, shift))
        else:
            numbers.append(v)
    if len(numbers) == 2:  # c0 + c1*shift: Add's constructor folds them, and drops a zero
        total = _sum(*numbers)
        numbers = [] if total is S.Zero else [total]
    if constant is not None:
        return out, constant_sum(numbers, rest, constant, x, base)
    return out, _canonical_sum(numbers, rest)


def pairs(found: list, x: Symbol, powers: list, polynomial: bool = True) -> tuple[list, Any] | None:
    """``terms`` at a = 0 for coefficients given as ints: (d, p, q) for each non-zero p/q of x**d, in order of d,
    q > 0 and coprime to p (``onevar_closed``): the same objects, with no fmpq to read back.
    ``polynomial`` False: the list alone (its polynomial None), as ``numbers``."""
    for _, p, q in found:
        if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
            return None
    new = object.__new__
    rational_assumptions, integer_assumptions = Rational.default_assumptions, Integer.default_assumptions
    one, minus, half = S.One, S.NegativeOne, S.Half
    if not polynomial or type(x) is not Symbol or not _plain_base(x):
        out = []
        for d, p, q in found:
            if q == 1:
                if p == 1 or p == -1:
                    v = one if p == 1 else minus
                else:
                    v = new(Integer)
                    v._assumptions, v._mhash, v._args, v.p = integer_assumptions, None, (), p
            elif p == 1 and q == 2:
                v = half
            else:
                v = new(Rational)
                v._assumptions, v._mhash, v._args, v.p, v.q = rational_assumptions, None, (), p, q
            out.append((powers[d], v))
        return out, None
    mul_class, pow_class, symbol_class, integer_class, rational_class, minus_class, half_class = _KEYS or _keys()
    pow_assumptions, mul_assumptions = Pow.default_assumptions, Mul.default_assumptions
    out: list = []
    rest: list = []
    number = None
    append, add = out.append, rest.append
    for d, p, q in found:
        n = powers[d]
        if q == 1:
            if p == 1:
                append((n, one))
                if d >= 2:
                    factor = new(Pow)  # as in terms
                    factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (x, n[0])
                    factor.is_commutative = True
                    add((factor, (pow_class, d)))
                elif d:
                    add((x, (symbol_class,)))
                else:
                    number = one
                continue
            if p == -1:
                v, ck = minus, minus_class
            else:
                v = new(Integer)
                v._assumptions, v._mhash, v._args, v.p = integer_assumptions, None, (), p
                ck = integer_class
        elif p == 1 and q == 2:
            v, ck = half, half_class
        else:
            v = new(Rational)
            v._assumptions, v._mhash, v._args, v.p, v.q = rational_assumptions, None, (), p, q
            ck = rational_class
        append((n, v))
        if d >= 2:
            factor = new(Pow)
            factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (x, n[0])
            factor.is_commutative = True
            term = new(Mul)
            term._assumptions, term._mhash, term._args = mul_assumptions, None, (v, factor)
            term.is_commutative = True
            add((term, (mul_class, ck, p, q, pow_class, d)))
        elif d:
            term = new(Mul)
            term._assumptions, term._mhash, term._args = mul_assumptions, None, (v, x)
            term.is_commutative = True
            add((term, (mul_class, ck, p, q, symbol_class)))
        else:
            number = v
    return out, _canonical_sum([] if number is None else [number], rest)


def numbers(series: Any, powers: list) -> list | None:
    """The (powers, value) list alone (``onevar.taylor`` without a polynomial); None as ``terms``."""
    out = []
    new, signs, half = object.__new__, (S.NegativeOne, S.Zero, S.One), S.Half
    rational_assumptions, integer_assumptions = Rational.default_assumptions, Integer.default_assumptions
    for d, c in enumerate(series):
        if not c:
            continue
        p, q = int(c.p), int(c.q)
        if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
            return None
        if q == 1:
            if -1 <= p <= 1:
                v = signs[p + 1]
            else:
                v = new(Integer)
                v._assumptions, v._mhash, v._args, v.p = integer_assumptions, None, (), p
        elif p == 1 and q == 2:
            v = half
        else:
            v = new(Rational)
            v._assumptions, v._mhash, v._args, v.p, v.q = rational_assumptions, None, (), p, q
        out.append((powers[d], v))
    return out


_KEYS: list = []  # class keys: Mul, Pow, Symbol, Integer, Rational, NegativeOne, Half


def _keys() -> list:
    _KEYS[:] = [_class_key(cls) for cls in (Mul, Pow, Symbol, Integer, Rational, type(S.NegativeOne),
                                            type(S.Half))]
    return _KEYS
