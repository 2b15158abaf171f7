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

from typing import Any

from sympy.core import basic
from sympy.core.basic import Basic

_CLASS: dict[type, tuple[int, str]] = {}


class NoKey(Exception):
    """An object whose order needs ``Basic.compare`` itself (a frozenset in its content)."""


def _class_key(cls: type) -> tuple[int, str]:
    found = _CLASS.get(cls)
    if found is None:
        names = basic.ordering_of_classes
        name = cls.__name__
        index = names.index(name) if name in names else len(names) + 1
        # Both unknown: by name; else by place in the list (a known name sorts first).
        found = _CLASS[cls] = (index, name if index == len(names) + 1 else "")
    return found


def sort_key(expr: Basic, memo: dict[Any, tuple] | None = None) -> tuple:
    """The key of ``expr``: ``sort_key(a) < sort_key(b)`` iff ``a.compare(b) < 0``.

    ``memo`` (by object: equal objects have equal keys) shares keys between the sorts of one job.
    """
    memo = {} if memo is None else memo
    found = memo.get(expr)
    if found is not None:
        return found
    content = expr._hashable_content()
    parts = []
    for item in content:
        if isinstance(item, Basic):
            parts.append(sort_key(item, memo))
        elif isinstance(item, frozenset):
            raise NoKey(expr)
        else:
            parts.append(item)
    key = memo[expr] = (_class_key(type(expr)), len(content), tuple(parts))
    return key


def sort_args(args: list[Basic], memo: dict[Any, tuple] | None = None) -> None:
    """Sort in place as ``_addsort``/``_mulsort`` do; ``memo`` as in ``sort_key``."""
    memo = {} if memo is None else memo
    try:
        args.sort(key=lambda e: sort_key(e, memo))
    except (NoKey, TypeError):  # a content SymPy compares its own way: let it
        args.sort(key=basic._args_sortkey)


def rational_polynomial(coefficients: list, bases: list[Basic]) -> Basic | None:
    """``sp.Add(*(c * prod(b**p)))`` for rational coefficients, built without SymPy's flattening.

    Each power b**p and its key are made once; a term's factors are sorted by those keys
    and the term's key is assembled from them, so the final sort compares plain tuples.
    None where SymPy's constructors could do more than sort (a non-rational coefficient,
    a number times a sum, which SymPy distributes): the caller builds it the usual way.

    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> rational_polynomial([((0, 0), sp.Integer(1)), ((1, 1), sp.Rational(-1, 2))], [x, y]) == 1 - x*y/2
    True
    """
    import sympy as sp

    memo: dict[Any, tuple] = {}
    powers_of: dict[tuple[int, int], tuple[Basic, tuple]] = {}
    mul_class = _class_key(sp.Mul)
    numbers, rest = [], []
    for powers, c in coefficients:
        if not c.is_Rational or c is sp.S.Zero:  # S.Zero, S.One: singletons (== would sympify)
            return None
        factors = []
        for i, p in enumerate(powers):
            if p:
                found = powers_of.get((i, p))
                if found is None:
                    power = bases[i] ** p
                    if power.is_Mul or power.is_Number or not power.is_commutative:
                        return None
                    found = powers_of[(i, p)] = (power, sort_key(power, memo))
                factors.append(found)
        if not factors:
            numbers.append(c)
            continue
        if len(factors) == 1 and factors[0][0].is_Add:  # (x - 1) flattens, c*(x - 1) distributes
            return None
        factors.sort(key=lambda f: f[1])
        one = c is sp.S.One
        if one and len(factors) == 1:
            rest.append(factors[0])
            continue
        args = [f[0] for f in factors] if one else [c] + [f[0] for f in factors]
        keys = tuple(f[1] for f in factors) if one else (sort_key(c, memo),) + tuple(f[1] for f in factors)
        rest.append((sp.Mul._from_args(args), (mul_class, len(args), keys)))
    if len(numbers) > 1:
        return None
    rest.sort(key=lambda t: t[1])
    terms = numbers + [t[0] for t in rest]
    if len(terms) == 1:
        return terms[0]
    return sp.Add._from_args(terms) if terms else sp.Integer(0)
