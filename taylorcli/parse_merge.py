"""Sums whose terms repeat, built directly (issue 9: parse cost; ``x*y + 2*x*y``, ``log(u) + log(u)``).

``parse_fast.total`` builds ``Add(*terms)`` for terms with distinct rests and refuses the others, which
SymPy's ``Add`` then builds: after ``clear_cache()`` that cost ~110 us on
``log(1 + (x**2)**2) + log(1 + (x**2)**2)``, where ``Add.flatten`` asks ``is_zero`` of the fresh coefficient
2 and ``is_commutative`` of the fresh call (two rounds of ``deduce_all_facts``) and ``Mul(2, log(...))``
runs Mul's whole machinery. ``total`` here (``parse.total``, the parser's) is ``parse_fast.total`` with the
repeated rests merged as ``Add.flatten`` merges them; ``merged`` does the merging.

Why ``merged`` builds SymPy's object (sympy/core/add.py, ``Add.flatten``, and operations.py,
``AssocOp.__new__``, SymPy 1.14). Its input is what ``parse_fast.total`` gathered: the terms' rationals
added into ``coeff`` (Add.flatten adds its Numbers into its ``coeff`` the same way: exact rational sums,
the same value whatever the order), and the other terms ``kept`` in order, each with its rest (``_rest``):
the term without a leading rational, a tuple standing for a Mul of those args (with ``merge`` a Mul may also
have a commutative sum among its args: Add.flatten's ``as_coeff_Mul`` looks at the first arg only). Those
terms are commutative (``_rest`` files only commutative factors) and none is an Order, a number, an infinity, an AccumBounds, a
matrix, a tensor, an Add or a Pow of a number, so Add.flatten files each as ``c*s`` by ``as_coeff_Mul``:
a Mul whose first arg is a Rational c gives (c, the rest: its other args, one arg alone or a Mul of
several); any other term t gives (1, t). Its rest is t's rest here (``_rest`` returns the same for each
shape, r*s included). The two-argument shortcut of Add.flatten does not apply (it needs a rational, and
here are at least two non-rational terms). Add.flatten keeps ``terms[s] += c`` in a dict: rests equal as
SymPy objects are merged and their coefficients added (a tuple of args equals another exactly when the
Muls of them are equal: a Mul's ``_hashable_content`` is its args; a tuple never equals a Basic and two
Basic rests of different classes are unequal, as ``parse_quick.repeats`` argues). Then per rest, in the
order of first appearance: a coefficient 0 is dropped (``c.is_zero``: a Rational is zero iff p == 0); a
coefficient 1 (``c is S.One``: every rational sum equal to 1 is the singleton) gives s, which is the first
term of that rest itself (coefficient 1) or a Mul of the rest's args (``_new_rawargs`` of the first term's
other args: ``Mul._from_args(args, True)``, as it was commutative), a single factor for a one-factor rest;
any other c gives, for a Mul rest, ``s._new_rawargs(c, *s.args)``, which is ``Mul._from_args((c, *args),
True)`` (no postprocessors: ``_new_rawargs`` runs none), and for a single factor ``Mul(c, s)``, which
``parse_fast.product([c, s])`` builds (its proof: s is a factor it files, as ``_rest`` filed it; where it
refuses, ``merged`` refuses too). No coefficient is oo or zoo, nothing is Order: ``_addsort``
(``parse_quick.sort_args``) orders the new terms, ``coeff`` goes first unless it is 0, and
``AssocOp.__new__`` returns ``Add._from_args`` of them (the lone one itself), after the postprocessors
(``parse_quick.postprocessed``, which works on any object by its args). The rationals are the
parser's interned objects (``parse_fast.number``): equal, as everywhere in the parser. Nothing left but a
rational (``x - x``) is refused: SymPy builds it (None).

tests/test_text15_merge.py compares ``total`` with ``Add(*terms)`` on random terms that repeat.

>>> from taylorcli.parse_fast import real_symbol
>>> x, y = real_symbol("x"), real_symbol("y")
>>> total([x * y, 2 * x * y, sp.Integer(1)]), total([sp.log(x), sp.log(x)]), total([x, -x]) is None
(3*x*y + 1, 2*log(x), True)
"""

from __future__ import annotations

import types

import sympy as sp


_MUL, _ADD, _SYMBOL = sp.Mul, sp.Add, sp.Symbol
_ONE = sp.S.One


def merging(f: types.FunctionType) -> types.FunctionType:
    """``f`` whose one default, ``merge``, is True: the same code, globals and closure, so calling it runs f's
    own body with merge=True, without a wrapper (a function calling f costs a frame on every sum the parser
    builds, a ``functools.partial`` with a keyword ~0.2 us).

    >>> merging(parse_fast.total).__defaults__, parse_fast.total.__defaults__
    ((True,), (False,))
    """
    if f.__defaults__ != (False,) or f.__kwdefaults__:
        raise TypeError(f"{f.__name__} must have one default, merge=False")
    clone = types.FunctionType(f.__code__, f.__globals__, f.__name__, (True,), f.__closure__)
    clone.__doc__, clone.__module__, clone.__qualname__ = f.__doc__, f.__module__, f.__qualname__
    return clone




def _equal(a: object, b: object) -> bool:
    """a == b for two rests (parse_quick.repeats' pairwise test)."""
    if a is b:
        return True
    if type(a) is not type(b) or type(a) is _SYMBOL and a.name != b.name:
        return False
    return a == b


def merged(coeff: sp.Rational, kept: list, rests: list) -> sp.Expr | None:
    """``Add(coeff, *kept)`` where some of ``rests`` (parse_fast._rest of each kept term) are equal, or None."""
    groups: list[list] = []  # [rest, coefficient sum, first term]
    if len(rests) > _PAIRWISE:
        where: dict = {}
        for t, s in zip(kept, rests):
            c = t._args[0] if type(t) is _MUL and t._args[0].is_Rational else _ONE
            i = where.get(s)
            if i is None:
                where[s] = len(groups)
                groups.append([s, c, t])
            else:
                groups[i][1] += c
    else:
        for t, s in zip(kept, rests):
            c = t._args[0] if type(t) is _MUL and t._args[0].is_Rational else _ONE
            for group in groups:
                if _equal(group[0], s):
                    group[1] += c
                    break
            else:
                groups.append([s, c, t])
    terms = []
    for s, c, t in groups:
        if c.p == 0:
            continue
        if c is _ONE:  # s: the first term itself where its rest is its args (no coefficient), else its rest
            if type(s) is tuple:
                terms.append(t if t._args is s else _MUL._from_args(s, True))
            else:
                terms.append(s)
        elif type(s) is tuple:
            terms.append(_MUL._from_args((parse_fast.number(c), *s), True))
        else:
            built = parse_fast.product([parse_fast.number(c), s])
            if built is None:
                return None
            terms.append(built)
    if not terms:
        return None
    sort_args(terms)
    if coeff.p != 0:
        terms.insert(0, parse_fast.number(coeff))
    if len(terms) == 1:
        return postprocessed(_ADD, terms[0])
    return assembled(_ADD, tuple(terms))  # (postprocessed _from_args: parse_objects)


from . import parse_fast  # noqa: E402 - last: parse_fast imports parse_product, which imports this module's names
from .parse_quick import _PAIRWISE, postprocessed, sort_args  # noqa: E402 - (so does parse_quick, through parse_fast)
from .parse_objects import assembled  # noqa: E402

# ``Add(*terms)``: ``parse_fast.total``, and where rests repeat ``merged`` (module docstring).
total = merging(parse_fast.total)
