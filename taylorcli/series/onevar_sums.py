"""Sums of exp, sin, cos, sinh, cosh of rational series and rational terms, at a rational point.

cosh(x) + cos(x) at 2, sin(x) + cos(1/(1 + (x + 1)**2)) at 0: every coefficient is a rational
plus rationals times the constants f(c), f'(c) of each function (cosh(2), sinh(2), cos(2), sin(2)).
``onevar._one_function`` takes one such function; a sum of them went to onevar_constants (a
ring of generators, SymEngine, direct.Direct: ~90 us for cosh(x) + cos(x) to order 3, beside
Maxima's ~140 us for the whole expansion). Here each function's part comes from
``onevar_inner.compose`` (FLINT's series of its argument's tail, the leaves from
``onevar._plain_values``), the rational terms from ``univariate.walk``, and each coefficient
is built as the derivative engine's is built (SymEngine's expanded sum, ``convert.to_sympy``):
one number or one ``r*leaf`` alone; else ``Add._from_args`` of the number first, then the terms
``r*leaf`` (``Mul._from_args``, or the leaf for r = 1) in ``Basic.compare``'s order
(``sortkey.key_by_id``), like leaves folded into one term, zeros dropped.
tests/test_onevar_sums.py compares with the derivative engine and the full path.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> [c.args for _, c in taylor(sp.cosh(x) + sp.cos(x) + x, x, sp.Integer(2), 1)[0]]
[(2, cos(2), cosh(2)), (1, -sin(2), sinh(2))]
"""

from __future__ import annotations

import math

import sympy as sp
from flint import fmpq

from ..guard import MAX_DIGITS
from ..sortkey import key_by_id
from . import onevar, onevar_inner, univariate
from .tps import Unsupported

_LIMIT = int(MAX_DIGITS * math.log2(10))  # guard.check_size's limit, in bits
_CYCLES = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
_from_mul, _from_add = sp.Mul._from_args, sp.Add._from_args


def function_term(term: sp.Expr) -> tuple[sp.Rational | None, sp.Expr] | None:
    """(r, f(g)) for a term f(g) (r None) or r*f(g) of the cycles' functions, r rational; else None."""
    kind = type(term)
    if kind in _CYCLES:
        return None, term
    if kind is sp.Mul and len(term._args) == 2 and type(term._args[1]) in _CYCLES and term._args[0].is_Rational:
        return term._args[0], term._args[1]
    return None


def candidate(expr: sp.Add, a: sp.Rational) -> bool:
    """Whether a sum has a function term whose argument need not vanish at the point (by its shape)."""
    for term in expr._args:
        found = function_term(term)
        if found is not None and (a or not onevar._vanishes(found[1]._args[0])):
            return True
    return False


def taylor(expr: sp.Add, x: sp.Symbol, a: sp.Rational,
           order: int) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """(powers, value) for every non-zero term up to ``order`` >= 0, and the expression's own x; None
    for any other shape, for none of the functions away from 0 (the walk's case), or a number too long."""
    rationals: list[fmpq] | None = None
    parts: list[list[tuple[int, list[tuple[fmpq, sp.Expr]]]]] = []
    own = None
    try:
        for term in expr._args:
            found = function_term(term)
            series = None
            if found is not None:
                r, function = found
                inner, seen = univariate.walk(function._args[0], x, a, order, guard=True)
                c = inner[0]
                if c:  # f(c) irrational (or E): its leaves
                    composed = _compose(type(function), inner, r, order)
                    if composed is None:
                        return None
                    parts.append(composed)
                else:  # f(0) rational: the walk's series
                    series, seen = univariate.walk(term, x, a, order, guard=True)
            else:
                series, seen = univariate.walk(term, x, a, order, guard=True)
            if own is None:
                own = seen
            if series is not None:
                rationals = series if rationals is None else [s + t for s, t in zip(rationals, series)]
    except (Unsupported, ArithmeticError, ValueError, RecursionError):  # (NoSlot is an Unsupported)
        return None
    if not parts:
        return None
    return _build(rationals, parts, order), own


def _compose(kind: type, inner: list[fmpq], r: sp.Rational | None, order: int
             ) -> list[tuple[int, list[tuple[fmpq, sp.Expr]]]] | None:
    """``onevar._composed``'s parts of r*kind(inner) (c = inner[0] != 0), with its limits."""
    scale = fmpq(1) if r is None else fmpq(int(r.p), int(r.q))
    c = inner[0]
    for number in (c, scale):  # guard.check_size's limit on the point's value
        if max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > _LIMIT:
            return None
    values = onevar._plain_values(kind, c)
    if values is None:
        return None
    return onevar_inner.compose(kind, inner, scale, order, values)


def _build(rationals: list[fmpq] | None, parts: list, order: int) -> list[tuple[tuple[sp.Integer], sp.Expr]] | None:
    # by degree: {leaf's key: [total r, leaf]}; a leaf met again (sin(2) in sin(x) + cos(x) at 2) adds up
    by_degree: list[dict] = [{} for _ in range(order + 1)]
    for composed in parts:
        for d, found in composed:
            here = by_degree[d]
            for r, leaf in found:
                key = (type(leaf), leaf._args[0]._hashable_content()) if leaf._args else leaf
                slot = here.get(key)
                if slot is None:
                    here[key] = [r, leaf]
                else:
                    slot[0] += r
    powers = onevar._POWERS if len(onevar._POWERS) > order else onevar._powers(order)
    keys: dict = {}
    out = []
    for d in range(order + 1):
        terms = []
        for r, leaf in by_degree[d].values():
            if not r:
                continue
            p, q = int(r.p), int(r.q)
            if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
                return None  # check_size refuses it: the full path says so
            terms.append(leaf if p == 1 and q == 1 else _from_mul((onevar.rational(p, q), leaf), True))
        number = rationals[d] if rationals is not None else None
        if number:
            p, q = int(number.p), int(number.q)
            if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
                return None
            number = onevar.rational(p, q)
        if not terms:
            if number:
                out.append((powers[d], number))
            continue
        if len(terms) > 1:
            terms.sort(key=lambda t: key_by_id(t, keys))
        if number:
            terms.insert(0, number)
        out.append((powers[d], terms[0] if len(terms) == 1 else _from_add(tuple(terms), True)))
    return out
