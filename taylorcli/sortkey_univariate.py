"""A polynomial in one plain variable (x or x - a) with rational coefficients, and an optional
irrational constant term, built as SymPy's ``Add(*(c*base**d))`` builds it: the terms' sort keys
assembled from the coefficients alone (split out of sortkey.py, whose keys it uses).

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> rational_univariate([((0,), sp.Integer(2)), ((1,), sp.Integer(1))], x) == x + 2
True
"""
from __future__ import annotations

from typing import Any

from sympy.core import Integer, Mul, Pow, S, Symbol
from sympy.core.basic import Basic

from .sortkey import (_CLASS, NoKey, Stop, _SECOND, _canonical_sum, _class_key, _product, _sum, commutative,
                      key_by_id)


def rational_univariate(coefficients: list, base: Basic, plain: bool = False) -> Basic | None:
    """``rational_polynomial`` for one plain symbol x or x - a: ``sp.Add(*(c * base**d))``, keys known in advance.

    SymPy orders such a sum's terms by class (the number, then x, then the powers, then
    the products c*x**d: ``ordering_of_classes``), powers by their exponent, products by
    their coefficient's key (class, then its numbers), x before a power. Those few plain
    keys are assembled here from the coefficient alone, instead of a key per subexpression.
    With base = x - a (``Add(-a, x)``), c*(x - a) distributes into c*x and the number -c*a,
    which joins the constant term, as SymPy's Mul and Add constructors do.
    None where this does not apply (not one Symbol, a coefficient that is not a non-zero
    rational, a power that is not a natural number): the caller uses ``rational_polynomial``.
    ``plain``: the caller found base plain (``_plain_base``: x commutative).

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> rational_univariate([((0,), sp.Integer(1)), ((2,), sp.Rational(-1, 2))], x) == 1 - x**2/2
    True
    >>> rational_univariate([((0,), sp.Integer(1)), ((1,), sp.Integer(3))], x - 1) == 3*x - 2
    True
    """
    shift = None
    if type(base) is Symbol:
        x = base
    elif base.is_Add and len(base._args) == 2 and base._args[0].is_Rational and type(base._args[1]) is Symbol:
        shift, x = base._args  # base = x + shift, shift = -a
    else:
        return None
    if not plain and not x.is_commutative:  # (plain: the caller found it so, sortkey._plain_base)
        return None
    mul_class, pow_class, symbol_class = _KEYS or _keys()
    one, zero = S.One, S.Zero
    numbers, rest = [], []
    classes = _CLASS
    new, Pow_, Mul_ = object.__new__, Pow, Mul
    pow_assumptions, mul_assumptions = Pow.default_assumptions, Mul.default_assumptions
    constant = None  # an irrational constant term (pi/4, log(2)): then full keys (sort_key) decide
    append = rest.append
    for powers, c in coefficients:
        if len(powers) != 1:
            return None
        d = powers[0]
        if type(d) is Integer and c.is_Rational and c is not zero:
            # The commonest term, c*base**d for a natural d >= 2 (0, 1 and -1 are singletons of other
            # classes), first: the same objects and ranks as below, fewer steps.
            p = d.p
            if p >= 2:
                factor = new(Pow_)  # Basic.__new__(Pow, base, d), inlined: one per term
                factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, d)
                factor.is_commutative = True
                if c is one:
                    append((factor, (pow_class, p)))
                    continue
                cls = type(c)
                term = new(Mul_)  # Mul._from_args((c, factor), True), without its checks
                term._assumptions, term._mhash, term._args = mul_assumptions, None, (c, factor)
                term.is_commutative = True
                append((term, (mul_class, classes.get(cls) or _class_key(cls), c.p, c.q, pow_class, p)))
                continue
        if type(d) is int:
            d = Integer(d)
        elif not d.is_Integer:
            return None
        p = d.p
        if p < 0:
            return None
        if not c.is_Rational or c is zero:
            if p != 0:
                return None
            if c.is_Add and not one_number(c):
                return None  # (constant_sum's refusal, before any term is built)
            constant = c  # _plain_part(c) is checked last: most such expansions have no rational term after it
            continue
        if p == 0:
            numbers.append(c)
            continue
        if p == 1:
            factor, rank = x, (symbol_class,)
            if shift is not None:
                numbers.append(_product(c, shift))
        else:  # Pow(base, d) for a natural d >= 2 only builds Expr.__new__ (see _power)
            if type(d) is not Integer:  # a singleton class (never here: p >= 2), or a subclass
                return None
            factor = new(Pow_)  # Basic.__new__(Pow, base, d), inlined: one per term
            factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, d)
            factor.is_commutative = True
            rank = (pow_class, p)
        if c is one:
            rest.append((factor, rank))
        else:
            # Mul(c, factor): args (c, factor); compared by c's class and numbers, then the factor
            # (x before x**d, then by exponent). rank[0] is the factor's class. (p, q) orders the
            # numbers of one class as _hashable_content() does: (p,) for an Integer, (p, q) else.
            # One flat tuple (the same order: its parts compare in turn, the factor's class decides
            # between x and a power before the exponent): two tuples fewer a term than nested.
            cls = type(c)
            key = (mul_class, classes.get(cls) or _class_key(cls), c.p, c.q, *rank)
            term = new(Mul_)  # Mul._from_args((c, factor), True), without its checks
            term._assumptions, term._mhash, term._args = mul_assumptions, None, (c, factor)
            term.is_commutative = True
            rest.append((term, key))
    if len(numbers) == 2:  # c0 + c1*shift: Add's constructor folds them, and drops a zero
        total = _sum(*numbers)
        numbers = [] if total is zero else [total]
    if constant is not None:
        return constant_sum(numbers, rest, constant, x, base)
    # Keys are of one shape per class: (Symbol,), (Pow, p), (Mul, ...); classes differ first.
    return _canonical_sum(numbers, rest)


def constant_sum(numbers: list, rest: list[tuple], constant: Basic, x: Symbol, base: Basic) -> Any:
    """``rational_univariate``'s sum where the constant term is irrational (``constant``: pi/4, log(10),
    1 + pi/4), given the rational number terms (``numbers``, at most one, folded) and the other
    (term, rank) pairs (``rest``, unsorted; onevar_fused.terms makes the same ranks); None where
    keyed_onevar's keys decide (the caller's fallback)."""
    zero = S.Zero
    mul_class, pow_class, symbol_class = _KEYS or _keys()
    parts = constant._args if constant.is_Add else (constant,)
    if len(parts) > 1:  # 1 + pi/4: Add's constructor takes a sum's terms in
        if not one_number(constant):
            return None
        numbers.append(parts[0])  # its number (SymPy's first) joins the others
        parts = parts[1:]
        if len(numbers) == 2:
            total = _sum(*numbers)
            numbers = [] if total is zero else [total]
    memo: dict[int, tuple] = {}  # (the parts' keys first: x's, memoized, would hide it from the stop)
    keyed = []
    stop = {x.name: (x,)}
    for part in parts:
        if not _plain_part(part):
            return None
        try:  # (Stop: a part holds x)
            keyed.append((part, key_by_id(part, memo, stop)))
        except (NoKey, Stop):
            return None
    ((constant, kc),) = keyed
    head = kc[0]
    if head != mul_class and head != pow_class and head != symbol_class:
        # The constant's class is none of the terms' (log(5), atan(2) beside x, powers and
        # products): the classes, which are both keys' first items, decide alone; the
        # ranks order the rest as their full keys do. It goes after every rank whose class is less.
        rest.sort(key=_SECOND)
        at = 0
        while at < len(rest) and rest[at][1][0] < head:
            at += 1
        rest.insert(at, (constant, kc))
        return _canonical_sum(numbers, rest, True)
    # The ranks' full keys (sort_key's), made from their parts: no walk of the terms
    full = _Full(key_by_id(base, memo), key_by_id(x, memo), pow_class, _class_key(Integer))
    rest = [(term, full(rank)) for term, rank in rest] + [(constant, kc)]
    return _canonical_sum(numbers, rest)


def one_number(constant: Basic) -> bool:
    """Whether a sum constant is a number and one other term (1 + pi/4), the sums ``constant_sum`` takes;
    -log(16) + log(17): keyed_onevar's keys cost less than _Full's (~15 vs ~19 us)."""
    parts = constant._args
    return len(parts) == 2 and parts[0].is_Rational


class _Full:
    """A rank of ``rational_univariate`` -> the term's ``sort_key``, given the keys of the base and of x."""

    def __init__(self, kb: tuple, kx: tuple, pow_class: tuple, integer_class: tuple) -> None:
        self.kb, self.kx, self.pow_class, self.integer_class = kb, kx, pow_class, integer_class

    def __call__(self, rank: tuple) -> tuple:
        if len(rank) == 1:  # (Symbol,): x
            return self.kx
        if len(rank) == 2:  # (Pow, d): base**d, d an Integer >= 2
            return (self.pow_class, 2, (self.kb, (self.integer_class, 2, (rank[1], 1))))
        # (Mul, class of c, p, q, the factor's rank...): Mul(c, factor)
        return (rank[0], 2, ((rank[1], 2, (rank[2], rank[3])), self(rank[4:])))


_KEYS: list = []  # the class keys of Mul, Pow and Symbol, once


def _keys() -> list:
    _KEYS[:] = [_class_key(Mul), _class_key(Pow), _class_key(Symbol)]
    return _KEYS


def _plain_part(c: Basic) -> bool:
    """Whether Add's constructor keeps ``c`` as one term of its own, the very object: a constant
    that is not a number, not a sum, and if a product then a canonical one (one rational first).
    (That it holds no x is the caller's key walk's to find: a constant term without x never folds
    with the terms in x.) No assumption query on a fresh leaf (``commutative``)."""
    if c.is_Number or c.is_Add or not commutative(c):
        return False
    if c.is_Mul:
        args = c._args
        return not any(arg.is_Number or arg.is_Mul or arg.is_Add for arg in args[1:]) and \
            (args[0].is_Rational and args[0] is not S.One or not args[0].is_Number)
    return True
