"""A sort key that orders SymPy objects exactly as ``Basic.compare`` does, computed once per object.

SymPy sorts the arguments of a sum or product with ``cmp_to_key(Basic.compare)``,
which walks both trees at every one of the n log n comparisons: building the
3,003-term polynomial of an order-6 expansion in 8 variables spent 80% of its
time there. ``Basic.compare`` orders by class (``ordering_of_classes``, else the
class name), then by the length of ``_hashable_content()``, then element by
element (Basic elements recursively, others by ``<``); a nested tuple with the
same three parts orders the same way under Python's tuple comparison, and each
distinct subexpression's tuple is built once.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> terms = [y**2, 3*x*y, x, sp.exp(x)]
>>> sorted(terms, key=sort_key) == sorted(terms, key=sp.core.basic._args_sortkey)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from math import gcd
from operator import itemgetter
from typing import Any

from sympy import asin, asinh, atan, atanh, cos, cosh, erf, exp, log, sin, sinh, tan, tanh
from sympy.core import Add, Expr, Integer, Mul, Pow, Rational, S, Symbol, basic
from sympy.core.basic import Basic

_CLASS: dict[type, tuple[int, str]] = {}


class NoKey(Exception):
    """An object whose order needs ``Basic.compare`` itself (a frozenset in its content)."""


class Stop(Exception):
    """``sort_key`` met one of the objects it was told to stop at."""


def _class_key(cls: type) -> tuple[int, str]:
    found = _CLASS.get(cls)
    if found is None:
        names = basic.ordering_of_classes
        name = cls.__name__
        index = names.index(name) if name in names else len(names) + 1
        # Both unknown: by name; else by place in the list (a known name sorts first).
        found = _CLASS[cls] = (index, name if index == len(names) + 1 else "")
    return found


def sort_key(expr: Basic, memo: dict[Any, tuple] | None = None, stop: Any = ()) -> tuple:
    """The key of ``expr``: ``sort_key(a) < sort_key(b)`` iff ``a.compare(b) < 0``.

    ``memo`` (by object: equal objects have equal keys) shares keys between the sorts of one job.
    ``stop``: objects (variables) whose presence anywhere in ``expr`` raises ``Stop``, found on
    the same walk (``free_symbols`` would walk the tree again, and cost more than the key).
    """
    memo = {} if memo is None else memo
    found = memo.get(expr)
    if found is not None:
        return found
    if stop and expr in stop:
        raise Stop(expr)
    content = expr._hashable_content()
    parts = []
    for item in content:
        if isinstance(item, Basic):
            parts.append(sort_key(item, memo, stop))
        elif isinstance(item, frozenset):
            raise NoKey(expr)
        else:
            parts.append(item)
    key = memo[expr] = (_class_key(type(expr)), len(content), tuple(parts))
    return key


def key_by_id(expr: Basic, memo: dict[int, tuple], stop: dict[str, tuple] | None = None) -> tuple:
    """``sort_key`` memoized by ``id(expr)``: no SymPy ``__hash__`` (Python code) per lookup.

    Only for objects that stay alive while ``memo`` is used (an id is reused once its object
    is gone): the parts of the coefficients and bases one build is given; a content made on
    the call (not the object's args) is kept in ``memo[-1]`` for that reason. ``stop``: symbols by
    name ({x.name: (x,)}, ``stops``), as in ``sort_key`` (an object equal to a Symbol is a Symbol of that name).
    """
    found = memo.get(id(expr))
    if found is not None:
        return found
    cls = type(expr)
    if expr.is_Rational:  # _hashable_content() == (p, q) for Integer, Rational and their singletons
        key = ((_CLASS.get(cls) or _class_key(cls)), 2, (expr.p, expr.q))
    elif cls is Symbol:  # (name,) + assumptions: no Basic, no frozenset in it
        if stop:
            found = stop.get(expr.name)  # by name first: a str hashes in C, a Symbol in Python
            if found and expr in found:
                raise Stop(expr)
        content = expr._hashable_content()
        key = ((_CLASS.get(cls) or _class_key(cls)), len(content), content)
    elif cls in _ELEMENTARY and expr._args[0].is_Rational and len(expr._args) == 1:
        # sin(1/2), exp(2), log(5): the commonest leaves of coefficients (content: their args)
        item = expr._args[0]
        c = type(item)
        key = ((_CLASS.get(cls) or _class_key(cls)), 1, (((_CLASS.get(c) or _class_key(c)), 2, (item.p, item.q)),))
    else:
        content = expr._hashable_content()
        if content is not expr._args:  # made on the call (Subs, RootOf): its objects must outlive the ids
            memo.setdefault(-1, []).append(content)  # -1: never an id
        parts = []
        for item in content:
            if isinstance(item, Basic):
                if item.is_Rational:  # (a leaf's number: its key here, no call; not kept, as cheap to make again)
                    c = type(item)
                    parts.append(((_CLASS.get(c) or _class_key(c)), 2, (item.p, item.q)))
                else:
                    parts.append(memo.get(id(item)) or key_by_id(item, memo, stop))
            elif isinstance(item, frozenset):
                raise NoKey(expr)
            else:
                parts.append(item)
        key = ((_CLASS.get(cls) or _class_key(cls)), len(content), tuple(parts))
    memo[id(expr)] = key
    return key


def stops(variables: Sequence[Basic]) -> dict[str, tuple]:
    """``key_by_id``'s stop: the variables by name (two of one name and other assumptions kept apart)."""
    found: dict[str, tuple] = {}
    for v in variables:
        found[v.name] = found.get(v.name, ()) + (v,)
    return found


def sort_args(args: list[Basic], memo: dict[Any, tuple] | None = None) -> None:
    """Sort in place as ``_addsort``/``_mulsort`` do; ``memo`` as in ``sort_key``."""
    memo = {} if memo is None else memo
    try:
        args.sort(key=lambda e: sort_key(e, memo))
    except (NoKey, TypeError):  # a content SymPy compares its own way: let it
        args.sort(key=basic._args_sortkey)


def term_factors(powers: Sequence, bases: Sequence[Basic], powers_of: dict, memo: dict) -> list | None:
    """A term's (b**p, key) factors, each power made once per build (``powers_of``); None if one has no key."""
    factors = []
    for i, p in enumerate(powers):
        if p is S.Zero or type(p) is int and p == 0:  # Integer(0) is S.Zero; no Integer.__bool__
            continue
        # By identity: every p is alive in the caller's coefficients, and Integer.__hash__ is Python code.
        found = powers_of.get((i, id(p)), False)
        if found is False:
            found = powers_of[(i, id(p))] = _power(bases[i], p, memo)
        if found is None:
            return None
        factors.append(found)
    return factors


def rational_polynomial(coefficients: list, bases: list[Basic]) -> Basic | None:
    """``sp.Add(*(c * prod(b**p)))`` for rational coefficients, built without SymPy's flattening.

    Each power b**p and its key are made once; a term's factors are sorted by those keys
    and the term's key is assembled from them, so the final sort compares plain tuples.
    None where SymPy's constructors could do more than sort (a non-rational coefficient,
    a number times a sum, which SymPy distributes): the caller builds it the usual way.
    With plain bases (x, x - a) the sum is ``keyed._build``'s, which also distributes.

    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> rational_polynomial([((0, 0), sp.Integer(1)), ((1, 1), sp.Rational(-1, 2))], [x, y]) == 1 - x*y/2
    True
    """
    if all(map(_plain_base, bases)):  # x - a, x: keyed._build, the same objects at less cost per term
        for _, c in coefficients:
            if not c.is_Rational:
                return None
        if not _BUILD:  # keyed imports this module: imported on the first call, once
            from .keyed import _build
            _BUILD.append(_build)
        try:
            return _BUILD[0](coefficients, bases)
        except (NoKey, Stop):
            return None
    memo: dict[Any, tuple] = {}
    powers_of: dict[tuple[int, int], tuple[Basic, tuple] | None] = {}
    mul_class = _class_key(Mul)
    one, zero = S.One, S.Zero
    numbers, rest = [], []
    for powers, c in coefficients:
        if not c.is_Rational or c is zero:  # S.Zero, S.One: singletons (== would sympify)
            return None
        factors = term_factors(powers, bases, powers_of, memo)
        if factors is None:
            return None
        if not factors:
            numbers.append(c)
            continue
        if len(factors) == 1 and factors[0][0].is_Add:  # (x - 1) flattens, c*(x - 1) distributes
            return None
        if len(factors) > 1:
            factors.sort(key=_second)
        if c is one:
            if len(factors) == 1:
                rest.append(factors[0])
                continue
            args = [f[0] for f in factors]
            keys = tuple([f[1] for f in factors])
        else:  # a rational's key, as sort_key builds it from _hashable_content() == (p, q)
            args = [c] + [f[0] for f in factors]
            keys = ((_class_key(type(c)), 2, (c.p, c.q)),) + tuple([f[1] for f in factors])
        # Every factor is commutative (_power checks): Mul's own constructor would say so.
        rest.append((Mul._from_args(args, True), (mul_class, len(args), keys)))
    return _canonical_sum(numbers, rest)


_BUILD: list = []  # keyed._build


def _canonical_sum(numbers: list, rest: list[tuple], ordered: bool = False) -> Any:
    """The Add of a number (at most one) and (term, sort key) pairs, in SymPy's order; None if
    there is more than one number (Add's constructor would fold them). ``ordered``: already sorted."""
    if len(numbers) > 1:
        return None
    if not ordered:
        rest.sort(key=_SECOND)
    if numbers:
        if not rest:
            return numbers[0]
        args = (numbers[0], *map(_FIRST, rest))
    elif len(rest) > 1:
        args = tuple(map(_FIRST, rest))
    else:
        return rest[0][0] if rest else S.Zero
    value = object.__new__(Add)  # Add._from_args(args, True), inlined (Basic.__new__'s three fields)
    value._assumptions, value._mhash, value._args = _ADD_ASSUMPTIONS, None, args
    value.is_commutative = True  # (every term is: the callers check)
    return value


def _second(item: tuple) -> Any:
    return item[1]


_SECOND = itemgetter(1)  # _second in C
_FIRST = itemgetter(0)
_ADD_ASSUMPTIONS = Add.default_assumptions


def _power(base: Basic, p: Basic, memo: dict[Any, tuple]) -> tuple[Basic, tuple] | None:
    """``base**p`` and its sort key; None where it would not be a plain commutative factor.

    For a symbol x, or x + r with r rational, and an integer p >= 2, ``Pow(base, p)`` only
    builds ``Expr.__new__(Pow, base, p)`` (neither has ``_eval_power`` for that case, no
    constructor postprocessor applies): built here the same way, without ``Pow.__new__``'s
    checks; tests/test_series_engine.py compares the objects.
    """
    if isinstance(p, int):
        p = Integer(p)
    if p.is_Integer and p.p > 1 and _plain_base(base):
        power = Expr.__new__(Pow, base, p)
        power.is_commutative = True
        return power, (_class_key(Pow), 2, (sort_key(base, memo), (_class_key(type(p)), 2, (p.p, 1))))
    power = base if p is S.One else base**p  # Pow(b, 1) is b
    if power.is_Mul or power.is_Number or not power.is_commutative:
        return None
    return power, sort_key(power, memo)


def _plain_base(base: Basic) -> bool:
    if type(base) is Symbol:
        # is_commutative's getter reads _assumptions first (in C here); a Symbol always has that fact
        found = base._assumptions.get("commutative")
        return bool(base.is_commutative if found is None else found)
    if base.is_Add and len(base.args) == 2:
        r, x = base.args
        return bool(r.is_Rational and type(x) is Symbol and x.is_commutative)
    return False


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


def commutative(c: Basic) -> bool:
    """``c.is_commutative`` without SymPy's assumption query where the answer is plain: a fact
    already known, or an elementary function of a rational (sin(5), log(17): the leaves of
    onevar's coefficients, made unevaluated with no fact yet; Function's _eval_is_commutative
    is its arguments', a rational's is True). The query costs ~3.5 us on each fresh leaf."""
    found = c._assumptions.get("commutative")
    if found is not None:
        return found
    if type(c) in _ELEMENTARY and len(c._args) == 1 and c._args[0].is_Rational:
        return True
    return bool(c.is_commutative)


_ELEMENTARY = frozenset((sin, cos, tan, exp, log, sinh, cosh, tanh, atan, asin, asinh, atanh, erf))


def _number(p: int, q: int) -> Basic:
    """Rational(p, q) for coprime p, q > 0, without SymPy's cache (series.onevar.rational)."""
    # (Rational.from_coprime_ints and Expr.__new__ inlined: Basic.__new__'s three fields, then p and q)
    if q != 1:
        if p == 1 and q == 2:
            return S.Half
        value = _NEW(Rational)
        value._assumptions, value._mhash, value._args, value.p, value.q = _RATIONAL_ASSUMPTIONS, None, (), p, q
        return value
    if -1 <= p <= 1:
        return (S.NegativeOne, S.Zero, S.One)[p + 1]
    value = _NEW(Integer)
    value._assumptions, value._mhash, value._args, value.p = _INTEGER_ASSUMPTIONS, None, (), p
    return value


_NEW = object.__new__
_RATIONAL_ASSUMPTIONS, _INTEGER_ASSUMPTIONS = Rational.default_assumptions, Integer.default_assumptions


def _product(c: Basic, r: Basic) -> Basic:
    p, q = c.p * r.p, c.q * r.q
    g = gcd(p, q)
    return _number(p // g, q // g)


def _sum(c: Basic, r: Basic) -> Basic:
    p, q = c.p * r.q + r.p * c.q, c.q * r.q
    g = gcd(p, q)
    return _number(p // g, q // g)
