"""Everyday shapes built straight from their parts by parse_direct's reader (issue 9: parse cost).

Each function returns exactly the object the general builders of ``parse_fast`` and ``parse_pow`` return
for the same input (and so SymPy's own, by their proofs), or None where its shape does not apply; it only
skips the general checks that cannot fail for that shape. They are called only while SymPy evaluates by
its default rules (``parse_fast._evaluating``) and only where the reader uses the parser's own builders
(``_Reader.symbols``), so a test standing those in sees every node go through its stand-ins.
tests/test_parse_shapes.py compares each with SymPy's evaluated construction (srepr, commutativity) on
random inputs, and with the general builder it replaces.

``monomial_power(b, n)``, b a Mul ``[r*]s1**k1*...*sm**km`` (r rational, si the parser's symbols with
names in increasing order, ki >= 1) and n an Integer other than 0 and 1, is ``parse_pow.power(b, n)``:
power's tests hold (n a Rational other than 0, 1; b an Expr, not a number: it has a symbol); it takes
its Mul branch, which gives ``parse_fast.product([r**n, s1**(k1*n), ...])`` (``_rational_power`` for
r**n, ``_unevaluated_pow`` for each si, whose ki*n is neither 0 nor 1). In product, the rational is the
coefficient (its very object: ``coeff`` starts at 1 and takes the first rational as it is), each
``si**(ki*n)`` is filed under si (``_factor_base``), the si are distinct, no coefficient is 0 (r is not
0 in a canonical Mul), a lone factor with coefficient 1 is returned as it is, and ``sort_args`` orders
the powers as ``parse_quick._compare`` does: two Pows by their arguments, first their bases, two parser
symbols (the same assumptions) by name, so the increasing names are already that order. Then
``number(coeff)`` first unless it is 1, ``Mul._from_args(parts, True)`` and the postprocessors: here too.

``symbol_product(factors)``, factors rationals and parser symbols with distinct names (at least one
symbol, no rational 0), is ``parse_fast.product(factors)``: its two-factor shortcut is ``r*s`` of a
rational (not 0, 1) and a symbol, ``number(r)`` then s, as the loop below builds it (r the only
rational: it is the coefficient); else the loop multiplies the rationals into ``coeff`` in order (the
first taken as it is), files each symbol under itself (``_filed``: distinct), returns a lone symbol
with coefficient 1 as it is, sorts the symbols (``sort_args``: by name, as above), puts
``number(coeff)`` first unless it is 1, and builds ``Mul._from_args(parts, True)`` postprocessed.

``rational_plus(c, t)``, c a Rational other than 0 and t a commutative term with ``_rest`` (below), is
SymPy's ``Add(c, t)`` (sympy/core/add.py and operations.py, SymPy 1.14): ``AssocOp.__new__`` drops no
argument (neither is ``S.Zero``), ``Add.flatten`` of two: a Mul t takes the shortcut ``[c, t]``
(commutative); any other t goes through the loop: c is a Number (``coeff = 0 + c``), t is no Order,
Number, AccumBounds, MatrixExpr, TensExpr, zoo, Add or Mul, and a Pow t has no Number base, so it is
filed as ``terms[t] = 1`` and comes back as t; ``_addsort`` of one term, the coefficient first. So
``Add._from_args([c, t], True)`` and the postprocessors, with the coefficient ``number(c)`` as
``parse_fast.total`` puts it (an equal rational). The terms taken: a Mul, a parser symbol, a Pow whose
base is no Number, and a call of one of ``parse_fast._CALLS`` (none of those classes is a Number, Add,
Mul, Pow or Order).

``linear_total(terms)``, terms rationals, parser symbols s and ``r*s`` (a Mul of a Rational and a parser
symbol) over distinct names, is ``parse_fast.total(terms)``: total adds the rationals into its
coefficient in order (the first taken as it is), files each other term under its symbol (``_rest``:
r*s under s, s under itself), finds no repeat among them (distinct names: distinct symbols), returns a
lone term with coefficient 0 as it is, sorts the terms with ``sort_args`` (``parse_quick._compare``),
puts ``number(coeff)`` first unless it is 0, and builds ``Add._from_args(kept, True)`` postprocessed.
The sort is done here by a key that orders these terms as ``_compare`` does: a Symbol before a Mul
(``_cmp_name``: 'Symbol' comes before 'Mul' in ``basic.ordering_of_classes``); two parser symbols by
name; two Muls (their content is their args, two each) by their rationals, then by their symbols:
two rationals of one class by ``p`` (Integer) or by ``(p, q)`` (their ``_hashable_content``: Rational;
a singleton class has one object, which compares equal to itself), of two classes by ``_cmp_name``
(the index in ``ordering_of_classes``: every Rational class is in it).

Each of linear_total, symbol_product and monomial_power (n > 0) builds an object that
``parse_pow.finite_by_shape`` finds finite (rationals, parser symbols, their products and their powers
with positive Integer exponents: its definition), and says so in the parse's table (``vouch``), so that
``parse.undefined``'s last walk stops there.
"""

from __future__ import annotations

import sympy as sp

from sympy.core import basic

from .parse_fast import _CALLS, _REAL_ONLY, number
from .parse_pow import _MEMO, _rational_power, _unevaluated_pow
from .parse_quick import commutative, integer
from .parse_objects import assembled  # (postprocessed _from_args, assembled directly)

_SYMBOL, _POW, _MUL, _ADD = sp.Symbol, sp.Pow, sp.Mul, sp.Add
_ONE, _ZERO = sp.S.One, sp.S.Zero


def vouch(e: sp.Basic) -> sp.Basic:
    """e, recorded as finite by shape in the parse's table (``parse_pow._MEMO``): the caller knows its shape."""
    table = _MEMO.table
    if table is not None:
        table[id(e)] = (e, True)  # (the table keeps e alive: its id is not reused while it is open)
    return e


def monomial_power(b: sp.Mul, n: sp.Integer) -> sp.Expr | None:
    """``parse_pow.power(b, n)`` for a monomial Mul b and an Integer n (not 0, 1): module docstring."""
    args = b._args
    first = args[0]
    coeff = _ONE
    if first.is_Rational:
        if first.p == 0:
            return None
        coeff = _rational_power(first, int(n.p))
        args = args[1:]
    parts = []
    last = ""
    for f in args:
        cls = type(f)
        if cls is _SYMBOL:
            s, k = f, 1
        elif cls is _POW:
            s, m = f._args
            if type(s) is not _SYMBOL or not m.is_Integer or m.p < 2:
                return None
            k = m.p
        else:
            return None
        if getattr(s, "_assumptions_orig", None) != _REAL_ONLY or not last < s.name:
            return None  # (the empty name sorts first: no parser symbol has it)
        last = s.name
        parts.append(_unevaluated_pow(s, integer(k * n.p)))
    if not parts:
        return None
    if len(parts) == 1 and coeff is _ONE:
        return vouch(parts[0]) if n.p > 0 else parts[0]
    if coeff is not _ONE:
        parts.insert(0, number(coeff))
    built = assembled(_MUL, tuple(parts))
    return vouch(built) if n.p > 0 else built


def symbol_product(factors: list) -> sp.Expr | None:
    """``parse_fast.product(factors)`` for rationals and parser symbols of distinct names: module docstring."""
    coeff = _ONE
    symbols = []
    for f in factors:
        if f.is_Rational:
            coeff = f if coeff is _ONE else coeff * f
        elif type(f) is _SYMBOL and getattr(f, "_assumptions_orig", None) == _REAL_ONLY:
            symbols.append(f)
        else:
            return None
    if not symbols or coeff.p == 0:
        return None
    if len(symbols) == 1:
        if coeff is _ONE:
            return symbols[0]
    else:
        symbols.sort(key=_name)
        for i in range(1, len(symbols)):
            if symbols[i - 1].name == symbols[i].name:
                return None
    if coeff is not _ONE:
        symbols.insert(0, number(coeff))
    return vouch(assembled(_MUL, tuple(symbols)))


def _name(s: sp.Symbol) -> str:
    return s.name


def rational_plus(c: sp.Rational, t: sp.Expr) -> sp.Expr | None:
    """``Add(c, t)`` for a Rational c (not 0) and one term t of the kinds named in the module docstring."""
    if c.p == 0:
        return None
    cls = type(t)
    if cls is _MUL or cls is _POW:
        if cls is _POW and t._args[0].is_Number or t.is_commutative is not True:
            return None
    elif cls is _SYMBOL:
        if getattr(t, "_assumptions_orig", None) != _REAL_ONLY:
            return None
    elif cls not in _CALLS or commutative(t) is not True:
        return None
    return assembled(_ADD, (number(c), t))


def _class_rank(cls: type) -> int | None:
    """The index ``_cmp_name`` compares classes by, or None for a class outside ``ordering_of_classes``."""
    try:
        return basic.ordering_of_classes.index(cls.__name__)
    except ValueError:
        return None


_RANKS: dict[type, int | None] = {}  # (ordering_of_classes is SymPy's constant list: kept per class)


def linear_total(terms: list) -> sp.Expr | None:
    """``parse_fast.total(terms)`` for rationals, parser symbols and r*s of distinct names: module docstring."""
    coeff = _ZERO
    keyed = []
    names = set()
    for t in terms:
        if t.is_Rational:
            coeff = t if coeff is _ZERO else coeff + t
            continue
        cls = type(t)
        if cls is _SYMBOL:
            if getattr(t, "_assumptions_orig", None) != _REAL_ONLY:
                return None
            name = t.name
            key = (0, name)
        elif cls is _MUL:
            args = t._args
            if len(args) != 2:
                return None
            r, s = args
            if type(s) is not _SYMBOL or not r.is_Rational or getattr(s, "_assumptions_orig", None) != _REAL_ONLY:
                return None
            rank = _RANKS.get(type(r), -1)
            if rank == -1:
                rank = _RANKS[type(r)] = _class_rank(type(r))
            if rank is None or r.p == 0 or r.q == 1 and r.p == 1:
                return None
            name = s.name
            key = (1, rank, r.p, r.q, name)
        else:
            return None
        if name in names:
            return None
        names.add(name)
        keyed.append((key, t))
    if not keyed or _SYMBOL_FIRST[0] is not True:
        return None
    if len(keyed) == 1 and coeff.p == 0:
        return vouch(keyed[0][1])
    keyed.sort(key=_first)
    kept = [t for _, t in keyed]
    if coeff.p != 0:
        kept.insert(0, number(coeff))
    built = vouch(assembled(_ADD, tuple(kept)))
    table = _MEMO.table
    if table is not None:  # and a polynomial argument (parse_fast._polynomial_argument, kept under -2*id - 1):
        table[-2 * id(built) - 1] = (built, True)  # nonzero rationals, symbols, r*s with r not 0, 1
    return built


def _first(pair: tuple) -> tuple:
    return pair[0]


# The key's first item puts a Symbol before a Mul: true while _cmp_name says so (SymPy 1.14's list).
_SYMBOL_FIRST = [basic._cmp_name(_SYMBOL, _MUL) < 0]
