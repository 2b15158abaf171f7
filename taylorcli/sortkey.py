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
