"""Sums of exp, sin, cos, sinh, cosh of rational series (alone, or times rational factors) and of
rational terms, at a rational point.

cosh(x) + cos(x) at 2, sin(x) + cos(1/(1 + (x + 1)**2)) at 0: every coefficient is a rational
plus rationals times the constants f(c), f'(c) of each function (cosh(2), sinh(2), cos(2), sin(2)).
``onevar._one_function`` takes one such function; a sum of them went to onevar_constants (a
ring of generators, SymEngine, direct.Direct: ~90 us for cosh(x) + cos(x) to order 3, beside
Maxima's ~140 us for the whole expansion). Here each function's part comes from
FLINT's series of its argument's tail, as in ``onevar_inner`` (the leaves from
``onevar._plain_values``), times the product of its other factors' series (x**2*cosh(x),
exp(x)/(1 + x**2)), the rational terms from ``univariate.walk``, and each coefficient
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


import flint
import sympy as sp
from flint import fmpq, fmpq_series

from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from ..sortkey import key_by_id
from . import onevar, univariate
from .onevar_inner import cycle_series, padded
from .tps import Unsupported

_CYCLES = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
_from_mul, _from_add = sp.Mul._from_args, sp.Add._from_args


def function_term(term: sp.Expr) -> tuple[sp.Expr, int] | None:
    """(f(g), its place among the term's factors) for a term f(g) of the cycles' functions, or a
    product with exactly one such factor (-3*x**2*cosh(x)); else None."""
    kind = type(term)
    if kind in _CYCLES:
        return term, -1
    if kind is not sp.Mul:
        return None
    found = None
    for i, arg in enumerate(term._args):
        if type(arg) in _CYCLES:
            if found is not None:
                return None  # exp(x)*sin(x): products of constants, not here
            found = arg, i
    return found


def candidate(expr: sp.Expr, a: sp.Rational) -> bool:
    """Whether a sum or product has a function term whose argument need not vanish at the point (by its shape)."""
    for term in (expr._args if type(expr) is sp.Add else (expr,)):
        found = function_term(term)
        if found is not None and (a or not onevar._vanishes(found[0]._args[0])):
            return True
    return False


def taylor(expr: sp.Expr, x: sp.Symbol, a: sp.Rational,
           order: int) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """(powers, value) for every non-zero term up to ``order`` >= 0, and the expression's own x; None
    for any other shape, for none of the functions away from 0 (the walk's case), or a number too long."""
    rationals: list[fmpq] | None = None
    parts: list[list[tuple[list[fmpq], int, sp.Expr]]] = []
    own = None
    saved = flint.ctx.cap
    try:
        for term in (expr._args if type(expr) is sp.Add else (expr,)):
            found = function_term(term)
            series = None
            if found is not None:
                function, place = found
                inner, seen = univariate.walk(function._args[0], x, a, order, guard=True)
                if inner[0]:  # f(c) irrational (or E): its leaves, times the other factors' series
                    others = []
                    if place >= 0:  # the other factors, walked left to right: the first x met is the term's
                        first = None
                        for arg in term._args:
                            met = seen
                            if arg is not function:
                                other, met = univariate.walk(arg, x, a, order, guard=True)
                                others.append(other)
                            if first is None:
                                first = met
                        seen = first
                    flint.ctx.cap = order + 1
                    composed = _compose(type(function), inner, others, order)
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
    finally:
        flint.ctx.cap = saved
    if not parts:
        return None
    return _build(rationals, parts, order), own


def _compose(kind: type, inner: list[fmpq], others: list[list[fmpq]], order: int
             ) -> list[tuple[list[fmpq], int, sp.Expr]] | None:
    """[(coefficients, sign, leaf) ...] of kind(inner) times the product of ``others`` (rational series):
    f(c + h) = f(c) C(h) + f'(c) S(h) (``onevar_inner``), c = inner[0] != 0; None past the limits."""
    c = inner[0]
    numbers = [c] + [q for other in others for q in other]
    for number in numbers:  # guard.check_size's limit on the point's value and the factors'
        if number and max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > _LIMIT:
            return None
    values = onevar._plain_values(kind, c)
    if values is None:
        return None
    prec = order + 1
    found = cycle_series(kind, fmpq_series([0] + list(inner[1:prec]), prec=prec))
    if others:
        factor = fmpq_series(others[0], prec=prec)
        for other in others[1:]:
            factor = factor * fmpq_series(other, prec=prec)
        found = [series * factor for series in found]
    return [(padded(series, order), sign, leaf) for series, (sign, leaf) in zip(found, values)]


def _build(rationals: list[fmpq] | None, parts: list, order: int) -> list[tuple[tuple[sp.Integer], sp.Expr]] | None:
    # by degree: {leaf's key: [total r, leaf]}; a leaf met again (sin(2) in sin(x) + cos(x) at 2) adds up
    by_degree: list[dict] = [{} for _ in range(order + 1)]
    for composed in parts:
        for coefficients, sign, leaf in composed:
            key = (type(leaf), leaf._args[0]._hashable_content()) if leaf._args else leaf
            for d, r in enumerate(coefficients):
                if not r:
                    continue
                here = by_degree[d]
                slot = here.get(key)
                if slot is None:
                    here[key] = [r if sign > 0 else -r, leaf]
                else:
                    slot[0] += r if sign > 0 else -r
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
