"""Small exact replacements for SymPy calls the parser makes on every node (issue 9: parse cost).

Parsing ``sqrt(1 + (sin(x))**2) + cos(x)`` took ~0.13 ms after ``clear_cache()``,
spread over every node: each object built directly (parse_fast, parse_pow)
still ran ``Basic._exec_constructor_postprocessors`` (~2 us: its two lookups
are ``@cacheit`` functions, emptied by ``clear_cache()``), and each shape
test compared a SymPy number with a Python int (``n > 0``, ``exponent in (0,
1)``, ``abs(exponent) > MAX_EXPONENT``: ~1-2 us each, through ``sympify``).
This module gives the same answers without those detours.

``postprocessed(cls, obj)`` is ``cls._exec_constructor_postprocessors(obj)``
(sympy/core/basic.py, SymPy 1.14): that function gathers, for each argument
``i`` of obj, the functions ``_get_postprocessors(clsname, type(i))`` finds in
``Basic._constructor_postprocessor_mapping[c]`` for the classes ``c`` of
``type(i).mro()`` that are keys of the mapping, and applies them to obj. If no
argument's type has such a class in its mro, the set is empty and obj is
returned as it is: that is checked here, remembering per type (a type's mro is
fixed) while the mapping's keys stay the same (the memory is dropped when they
change); else SymPy's own function runs.

The comparisons (``positive``, ``above_one``, ``zero_or_one``, ``exceeds``) act
on a SymPy Rational r = p/q as SymPy stores it (q > 0, gcd 1): ``r > 0`` is
``p > 0``; ``r in (0, 1)`` is ``p == 0 or p == q == 1`` (Rational.__eq__
compares p and q after sympifying the int); ``abs(r) > m`` is
``abs(p) > m*q`` (Rational.__gt__ compares ``p*other.q > q*other.p`` exactly).

Session 9 added three more, each tested against SymPy's own answer (tests/test_parse_everyday.py):
``commutative`` (``is_commutative`` of a fresh call without the assumption system's first query, ~2.7 us),
``sort_args`` (``_addsort``'s order, with ``_cmp_name`` kept per pair of classes) and ``is_number``
(Expr's recursion without a generator per level).

>>> import sympy as sp
>>> zero_or_one(sp.Integer(1)), zero_or_one(sp.Rational(1, 2)), exceeds(sp.Rational(-20001, 2), 10_000)
(True, False, True)
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.core import basic
from sympy.core.basic import Basic, _cmp_name
from sympy.core.expr import Expr

_MAPPING = Basic._constructor_postprocessor_mapping
_PLAIN: set[type] = set()  # argument types with no class of the mapping in their mro
_KEYS: list[tuple] = [()]  # the mapping's keys when _PLAIN was filled


def postprocessed(cls: type, obj: sp.Basic) -> sp.Basic:
    """``cls._exec_constructor_postprocessors(obj)``, without its lookups where no argument has a postprocessor.

    >>> x = sp.Symbol("x", real=True)
    >>> obj = sp.Add._from_args((sp.Integer(1), x))
    >>> postprocessed(sp.Add, obj) is obj
    True
    """
    keys = tuple(_MAPPING)
    if keys != _KEYS[0]:
        _PLAIN.clear()
        _KEYS[0] = keys
    for arg in obj._args:
        kind = type(arg)
        if kind not in _PLAIN:
            if any(c in _MAPPING for c in kind.mro()):
                return cls._exec_constructor_postprocessors(obj)
            _PLAIN.add(kind)
    return obj


_INTEGERS: dict[int, sp.Integer] = {}
_MAX_INTEGERS = 4096  # integers kept; beyond, the table starts again (bounded memory)


def integer(value: int) -> sp.Integer:
    """``parse_fast.number(sp.Integer(value))`` for a Python int, found by the int itself (up to 4096 values):
    after ``clear_cache()`` ``sp.Integer(7)`` is built anew (~1 us) only to be looked up in number's table.

    >>> integer(7) is integer(7) == sp.Integer(7)
    True
    """
    kept = _INTEGERS.get(value)
    if kept is None:
        if len(_INTEGERS) >= _MAX_INTEGERS:
            _INTEGERS.clear()
        kept = _INTEGERS[value] = parse_fast.number(sp.Integer(value))
    return kept


def positive(n: sp.Rational) -> bool:
    """``n > 0`` for a SymPy Rational n."""
    return n.p > 0


def above_one(n: sp.Rational) -> bool:
    """``n > 1`` for a SymPy Integer n."""
    return n.p > 1


def zero_or_one(r: sp.Rational) -> bool:
    """``r in (0, 1)`` for a SymPy Rational r."""
    return r.p == 0 or r.p == 1 and r.q == 1


def exceeds(r: sp.Basic, limit: int) -> bool:
    """``abs(r) > limit`` for a SymPy Number r (exactly for a Rational; SymPy decides for any other)."""
    if isinstance(r, sp.Rational):
        return abs(r.p) > limit * r.q
    return bool(abs(r) > limit)



def linear_tie(e: sp.Add) -> bool | None:
    """``bool(e.sort_key() < (-e).sort_key())``, the tie-break of SymPy's ``Add.could_extract_minus_sign``, for a
    linear sum e: an optional rational c and terms r*s or s (r rational, s a parser symbol); else None.

    Why (sympy/core/expr.py and add.py, SymPy 1.14): ``sort_key`` of an Add: ``as_coeff_Mul()`` is Expr's
    (1, e), e is no Pow, no Atom, an Add, so the key is ``(class_key, (n, keys of e.as_ordered_terms()),
    One.sort_key(), 1)``; -e (SymPy's negation: the terms -c, -r*s, -s) is such a sum too, of the same n,
    so the comparison is that of the two tuples of term keys, decided at their first term (below).
    ``as_ordered_terms()``: its special case takes a 2-term sum c + r*s with c > 0 and r < 0 as [c, r*s];
    else ``as_terms`` gives each term the monomial over the symbols sorted by ``default_sort_key`` (an Atom's
    key ``(class_key, (1, (str(s),)), ...)``: by name, as str(s) of a parser symbol is its name): a unit
    vector for r*s, zeros for c; ``_parse_order(None)`` is lex, ascending on the negated monomials, so the
    terms come by symbol name and c last (the monomials differ: no coefficient is compared). A term's key
    is ``(Symbol.class_key(), (1, (name,)), One.sort_key(), r)`` (``as_coeff_Mul``: r, 1 for s), c's is
    ``(Number.class_key(), (0, ()), (), c)``. Both general: the first terms differ only in r against -r,
    so e's key is the smaller iff r < 0, r the coefficient of the first name. e special (c > 0, r < 0): its
    first key is c's, Number's class_key (1, 0, ...) below Symbol's (2, 0, ...): True, and r < 0. -e special
    (c < 0, r > 0): False by the same, and r > 0. So in every case: r < 0 for the first name.

    >>> x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
    >>> linear_tie(x - 1), linear_tie(1 - x), linear_tie(-x + 3*y), linear_tie(x**2 - 1) is None
    (False, True, True, True)
    """
    first: tuple[str, bool] | None = None
    names = set()
    for t in e._args:
        if t.is_Rational:
            continue
        if type(t) is sp.Mul and len(t._args) == 2 and t._args[0].is_Rational and parse_fast._plain_symbol(t._args[1]):
            name, negative = t._args[1].name, t._args[0].p < 0
        elif parse_fast._plain_symbol(t):
            name, negative = t.name, False
        else:
            return None
        if name in names:
            return None  # (not in a canonical sum)
        names.add(name)
        if first is None or name < first[0]:
            first = (name, negative)
    return None if first is None else first[1]


_FUNCTION_COMMUTATIVE = sp.Function._eval_is_commutative


def commutative(e: sp.Basic) -> bool | None:
    """``e.is_commutative``, without the assumption system's first question to a fresh call (~2.7 us: it copies
    the class's fact base and deduces from the answer).

    Why (sympy/core/assumptions.py, SymPy 1.14): ``is_commutative`` of a Function (Application) is the
    property ``getit``: a value already in ``e._assumptions`` (the class's defaults or asked before) is
    returned; else ``_ask`` runs the handler ``_eval_is_commutative``, which a class keeping Function's
    computes as ``fuzzy_and(a.is_commutative for a in e.args)``, and a value that is not None is the answer
    (it is stored, and its consequences deduced: that is all this skips). Here: all arguments commutative
    (asked the same way) gives True; any other case asks SymPy. Any other object (Add, Mul, Pow keep it in a
    slot; a Symbol or Number has it among its facts) is asked directly.

    >>> commutative(sp.cosh(parse_fast.real_symbol("x")))
    True
    """
    if isinstance(e, sp.Function):
        known = e._assumptions.get("commutative")
        if known is not None:
            return known
        if type(e)._eval_is_commutative is _FUNCTION_COMMUTATIVE:
            for a in e._args:
                if commutative(a) is not True:
                    return e.is_commutative
            return True
    return e.is_commutative


_EXPR_IS_NUMBER = Expr.__dict__["is_number"]  # the property Expr defines (Add, Mul, Pow, the functions keep it)
_BASIC_ARGS = Basic.__dict__["args"]  # the property Basic defines (a few classes, none the parser builds, override it)


def is_number(e: sp.Basic) -> bool:
    """``e.is_number`` (SymPy 1.14), without a generator per level: Expr's property is
    ``all(obj.is_number for obj in self.args)``, recursing here for a class that keeps it; a class that
    overrides it (Symbol, the numbers, AppliedUndef, Basic) answers itself. ~0.5 us where it took 1.4 us
    on ``1 + (x + 1)**2``.

    >>> x = parse_fast.real_symbol("x")
    >>> is_number(1 + (x + 1)**2), is_number(sp.sin(2) + sp.pi)
    (False, True)
    """
    cls = type(e)
    if cls.is_number is not _EXPR_IS_NUMBER:
        return e.is_number
    args = e._args if cls.args is _BASIC_ARGS else e.args  # (Basic's property returns _args)
    if cls is _ADD or cls is _MUL:
        args = args[::-1]  # (a sum or product sorts its numbers first: the answer, the same, comes sooner)
    for a in args:
        if not (is_number(a) if a._args else a.is_number):  # (a leaf's own answer: is_number(a) is a.is_number)
            return False
    return True


_NAMES: dict[tuple[type, type], int] = {}  # _cmp_name of two classes (it reads their names and the list only)
_ORDERING: list = [None, 0]  # the list basic.ordering_of_classes and its length when _NAMES was filled


def _compare(a: sp.Basic, b: sp.Basic) -> int:
    """``a.compare(b)`` (``Basic.compare``, SymPy 1.14), with ``_cmp_name`` of each pair of classes kept.

    Basic.compare returns 0 for the same object, else ``_cmp_name`` of the two classes if not 0 (it depends
    on the class names and ``ordering_of_classes`` only, and runs ``list.index`` with up to two caught
    ValueErrors: ~1 us for sin against cos), else compares the ``_hashable_content`` tuples: by length,
    then item by item (a Basic by compare, a frozenset as Basic(*it), anything else by < and >). That is
    done here the same way, recursing through this function for an object keeping Basic.compare and
    through the object's own method for one that overrides it. Two objects of one class skip the class
    comparison (0); two Symbols whose assumption tuples are as long compare by name first (their
    ``_hashable_content`` is ``(name,) + _assumptions0``), two Integers by ``p`` (theirs is ``(p, 1)``),
    two Muls, Pows or Adds by their args (Expr's ``_hashable_content``, each a Basic) without the call.
    """
    if a is b:
        return 0
    n1, n2 = a.__class__, b.__class__
    if n1 is n2:  # _cmp_name of a class with itself is 0
        if n1 is _SYMBOL:  # (name,) + assumptions: by name where the assumption tuples are as long
            if len(a._assumptions0) == len(b._assumptions0):
                left, right = a.name, b.name
                if left != right:
                    return 1 if left > right else -1
        elif n1 is _INTEGER:  # (p, 1) against (q, 1)
            left, right = a.p, b.p
            return (left > right) - (left < right)
        elif n1 in _ARGS_CONTENT:  # Mul, Pow, Add: the content is the args, each a Basic
            st, ot = a._args, b._args
            c = (len(st) > len(ot)) - (len(st) < len(ot))
            if c:
                return c
            for left, right in zip(st, ot):
                c = _compare(left, right) if type(left).compare is _BASIC_COMPARE else left.compare(right)
                if c:
                    return c
            return 0
    else:
        c = _NAMES.get((n1, n2))
        if c is None:
            c = _NAMES[(n1, n2)] = _cmp_name(n1, n2)
        if c:
            return c
    st, ot = a._hashable_content(), b._hashable_content()
    c = (len(st) > len(ot)) - (len(st) < len(ot))
    if c:
        return c
    for left, right in zip(st, ot):
        if isinstance(left, Basic):
            c = _compare(left, right) if type(left).compare is _BASIC_COMPARE else left.compare(right)
        elif isinstance(left, frozenset):
            c = Basic(*left).compare(Basic(*right) if isinstance(right, frozenset) else right)
        else:
            c = (left > right) - (left < right)
        if c:
            return c
    return 0


_ADD, _MUL = sp.Add, sp.Mul
_BASIC_COMPARE = Basic.compare
_SYMBOL, _INTEGER = sp.Symbol, sp.Integer
_ARGS_CONTENT = frozenset(c for c in (sp.Mul, sp.Pow, sp.Add) if c._hashable_content is Expr._hashable_content)
_KEY = functools.cmp_to_key(_compare)


def sort_args(args: list) -> None:
    """``_addsort(args)`` and ``_mulsort(args)`` (both ``args.sort(key=cmp_to_key(Basic.compare))``), in place.

    >>> x = parse_fast.real_symbol("x")
    >>> args = [sp.cosh(x), sp.cos(x), x]; sort_args(args); args
    [x, cos(x), cosh(x)]
    """
    if len(args) < 2:
        return  # (nothing to compare)
    if _ORDERING[0] is not basic.ordering_of_classes or _ORDERING[1] != len(basic.ordering_of_classes):
        _NAMES.clear()  # (never in practice: the list is SymPy's constant)
        _ORDERING[:] = [basic.ordering_of_classes, len(basic.ordering_of_classes)]
    if len(args) == 2:  # list.sort's one comparison of two items (its first run): args[1] < args[0] by the key
        if _compare(args[1], args[0]) < 0:
            args.reverse()
        return
    args.sort(key=_KEY)  # (the key calls Basic.compare itself, whatever the class: so does _compare at the top)


_PAIRWISE = 6  # items compared pair by pair; more are hashed into a set


def repeats(items: list) -> bool:
    """Two of ``items`` (``total``'s rests) are equal, as a set or dict finds them, without
    hashing a few: a fresh object's first hash walks its whole tree (~0.5 us a node), and a one-variable expansion
    never asks for it (only this check did: 4-7 nodes of ``1/(1 + (x)**2) + cos(-2*x)``).

    The same answer: SymPy's hash is consistent with ``==``, so a set holds two items exactly when they are
    equal. Items of different types are not: a tuple (a Mul's factors: ``parse_fast._rest``)
    equals no Basic, and ``Basic.__eq__`` is False across classes but for two Numbers, which are never a rest
    (rationals are gathered in the coefficient, any other number is refused by ``parse_fast._factor_base``).

    >>> x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
    >>> repeats([sp.exp(x), sp.exp(y)]), repeats([sp.exp(x), (x, y), sp.exp(x)])
    (False, True)
    """
    n = len(items)
    if n > _PAIRWISE:
        return len(set(items)) < n
    for i in range(n - 1):
        a = items[i]
        for j in range(i + 1, n):
            b = items[j]
            if a is b:
                return True
            if type(a) is not type(b) or type(a) is _SYMBOL and a.name != b.name:
                continue  # (symbols of two names differ; Symbol's == sorts its assumptions anew each time)
            if a == b:
                return True
    return False


from . import parse_fast  # noqa: E402 - number (parse_fast imports this module's names first)
