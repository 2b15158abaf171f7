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
tests/test_onevar_sums.py compares with the derivative engine and the full path. Products of several
functions, square roots and terms with an irrational constant only added: ``onevar_products``
(tests/test_onevar_products.py); a coefficient's terms are then rationals times monomials in the leaves.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> [c.args for _, c in taylor(sp.cosh(x) + sp.cos(x) + x, x, sp.Integer(2), 1)[0]]
[(2, cos(2), cosh(2)), (1, -sin(2), sinh(2))]
"""

from __future__ import annotations


import sympy as sp
from flint import fmpq

from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from ..sortkey import _CLASS, _class_key, key_by_id
from . import onevar, onevar_products, onevar_values
from .tps import Unsupported

_CYCLES = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
OFFSET_PRODUCTS = True  # False: a product of offsets is refused here, as before (tests compare the two)
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
                return None  # exp(x)*sin(x): a product of functions (onevar_products)
            found = arg, i
    return found


def candidate(expr: sp.Expr, a: sp.Rational) -> bool:
    """Whether a sum or product has a function term (or a product of them) whose argument need not
    vanish at the point (by its shape), and nothing ``nested`` (an irrational value it would refuse)."""
    found = False
    for term in (expr._args if type(expr) is sp.Add else (expr,)):
        kind = type(term)
        if kind in _CYCLES:
            if a or not onevar._vanishes(term._args[0]):
                found = True
                break
        elif kind is sp.Mul:
            for arg in term._args:
                if type(arg) in _CYCLES and (a or not onevar._vanishes(arg._args[0])):
                    found = True
                    break
            if found:
                break
    return found and not nested(expr, a)


def nested(expr: sp.Expr, a: sp.Rational) -> bool:
    """Whether at a point other than 0 a term would meet exp, sin, cos, sinh, cosh or erf of anything
    but q*x + r vanishing at the point, other than as a function term or factor itself (whose value
    ``term_parts`` takes as a leaf): in its argument (sin(exp(x)), exp(sin(x + 3))*cosh(2*x)) or in
    another factor or term (atan(cos(x))*sin(x**2) at 1/2). Its value is then irrational by its shape
    (False says nothing), which ``term_parts``/``offset_parts`` refuse after walking (16-30 us):
    onevar_constants' walk decides. A wrong answer only chooses a route."""
    if not a:
        return False
    for term in (expr._args if type(expr) is sp.Add else (expr,)):
        kind = type(term)
        if kind in _CYCLES:
            if _nested(term._args[0], a):
                return True
        elif kind is sp.Mul:
            for arg in term._args:
                if _nested(arg._args[0], a) if type(arg) in _CYCLES else _nested(arg, a):
                    return True
        elif _nested(term, a):
            return True
    return False


_INNER = frozenset((*_CYCLES, sp.erf))


def _nested(arg: sp.Expr, a: sp.Rational, depth: int = 0) -> bool:
    """Whether ``arg`` holds a function of ``_INNER`` whose argument is not x, q*x, r + x or r + q*x
    (SymPy's order: the number first) vanishing at a."""
    if arg.is_Atom or depth > 12:
        return False
    if type(arg) in _INNER:
        inner = arg._args[0]
        if type(inner) is not sp.Add or len(inner._args) != 2:
            return True  # f(x), f(q*x) (a != 0), f(sin(x) + x) ...: by its shape irrational
        r, rest = inner._args
        q = sp.S.One
        if type(rest) is sp.Mul and len(rest._args) == 2:
            q, rest = rest._args
        if not (r.is_Rational and q.is_Rational and rest.is_Symbol):
            return True
        # q*a + r, by the integers: zero leaves f's value rational (exp(0), sin(0) ...)
        if q.p * a.p * r.q + r.p * q.q * a.q:
            return True
    for part in arg._args:
        if _nested(part, a, depth + 1):
            return True
    return False


def taylor(expr: sp.Expr, x: sp.Symbol, a: sp.Rational,
           order: int) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """(powers, value) for every non-zero term up to ``order`` >= 0, and the expression's own x; None
    for any other shape, for none of the functions away from 0 (the walk's case), or a number too long."""
    rationals: list[fmpq] | None = None
    parts: list[list[tuple[list[fmpq], int, tuple]]] = []
    own = None
    try:
        for term in (expr._args if type(expr) is sp.Add else (expr,)):
            places = onevar_products.cycle_places(term)
            if places is not None:
                found, series, seen = onevar_products.term_parts(term, x, a, order, places)
                if found is not None:
                    parts.append(found)
            elif type(term) is sp.Mul and OFFSET_PRODUCTS and onevar_products.offsets(term):
                # log(1 + x**2)*log(2 + x**4) at 1/3: a product of offsets (the walk's offsets refuse
                # it, unless every value is rational: then the same series), factor by factor
                found, series, seen = onevar_products.term_parts(term, x, a, order, [])
                if found is not None:
                    parts.append(found)
            else:
                found, series, seen = onevar_products.offset_parts(term, x, a, order)
                if found:
                    parts.append(found)
            if own is None:
                own = seen
            if series is not None:
                rationals = series if rationals is None else [s + t for s, t in zip(rationals, series)]
    except (Unsupported, ArithmeticError, ValueError, RecursionError):  # (NoSlot is an Unsupported)
        return None
    if not parts:
        return None  # no function away from 0: the walk's case
    found = _build(rationals, parts, order)
    return None if found is None else (found, own)


def _build(rationals: list[fmpq] | None, parts: list, order: int) -> list[tuple[tuple[sp.Integer], sp.Expr]] | None:
    # by monomial key: [its coefficients, its factors (onevar_products.monomial), their sort keys]; a
    # monomial met again (sin(2) in sin(x) + cos(x) at 2) adds up
    merged: dict = {}
    keys: dict = {}
    for composed in parts:
        for coefficients, sign, leaves in composed:
            if sign < 0:
                coefficients = [-r for r in coefficients]
            if not leaves:  # a product's rational part (log(2) + h times x**2: h*x**2)
                rationals = coefficients if rationals is None else [r + t for r, t in zip(rationals, coefficients)]
                continue
            if len(leaves) == 1:  # monomial_key's and monomial's answers for one leaf, inline
                leaf = leaves[0]
                k = keys.get(id(leaf)) or key_by_id(leaf, keys)
                key = (k,)
                found = merged.get(key)
                if found is None:
                    merged[key] = [coefficients, leaves, key]
                else:
                    found[0] = [r + t for r, t in zip(found[0], coefficients)]
                continue
            if len(leaves) == 2:  # two leaves of distinct keys, not both exponentials or roots (which
                # SymPy's Mul combines): monomial's factors are the leaves in key order, the key their keys
                first, second = leaves
                k = keys.get(id(first)) or key_by_id(first, keys)
                j = keys.get(id(second)) or key_by_id(second, keys)
                if k != j and not (type(first) is _POW and type(second) is _POW) \
                        and not (_exponential(first) and _exponential(second)):
                    key, factors = ((k, j), leaves) if k < j else ((j, k), (second, first))
                    found = merged.get(key)
                    if found is None:
                        merged[key] = [coefficients, factors, key]
                    else:
                        found[0] = [r + t for r, t in zip(found[0], coefficients)]
                    continue
            key = onevar_products.monomial_key(leaves, keys)
            found = merged.get(key)
            if found is None:
                factors = onevar_products.monomial(leaves, keys)
                if factors is None:
                    return None
                merged[key] = [coefficients, tuple(factors), tuple([key_by_id(f, keys) for f in factors])]
            else:
                found[0] = [r + t for r, t in zip(found[0], coefficients)]
    columns = list(merged.values())
    powers = onevar._POWERS if len(onevar._POWERS) > order else onevar._powers(order)
    out = []
    rational, one, half = onevar.rational, sp.S.One, sp.S.Half
    new, Rational, Mul, Add = object.__new__, sp.Rational, sp.Mul, sp.Add
    assumptions, mul_assumptions, add_assumptions = \
        Rational.default_assumptions, Mul.default_assumptions, Add.default_assumptions
    classes = _CLASS
    integer_key, rational_key = _NUMBER_KEYS or _number_keys()
    sink = onevar_values.SINK  # the sums' sort keys, for the polynomial's build (keyed_onevar)
    limit = _LIMIT
    for d in range(order + 1):
        terms = []
        for coefficients, factors, factor_keys in columns:
            r = coefficients[d]
            if not r:
                continue
            p, q = int(r.p), int(r.q)
            if (p if p > 0 else -p).bit_length() > limit or q.bit_length() > limit:
                return None  # check_size refuses it: the full path says so
            # onevar_products.term(number, factors): convert.mul's Mul(r, *factors), or the monomial
            # alone for r = 1 (Mul._from_args(..., True), inlined: Basic.__new__, then is_commutative);
            # its sort key (key_by_id's) from its parts' keys: the monomial alone, or Mul's (class, count, parts)
            if q == 1:
                if p == 1:
                    if len(factors) == 1:
                        terms.append((factor_keys[0], factors[0]))
                        continue
                    args, sort = factors, (_MUL_KEY, len(factors), factor_keys)
                else:
                    number = rational(p, 1)  # (-1: the singleton, its class NegativeOne's key)
                    nkey = integer_key if p != -1 else (classes.get(type(number)) or _class_key(type(number)))
                    args = (number, *factors)
                    sort = (_MUL_KEY, len(args), ((nkey, 2, (p, 1)),) + factor_keys)
            else:
                if p == 1 and q == 2:
                    number, nkey = half, (classes.get(type(half)) or _class_key(type(half)))
                else:  # Rational.from_coprime_ints(p, q), inlined as onevar.taylor has it
                    number, nkey = new(Rational), rational_key
                    number._assumptions, number._mhash, number._args, number.p, number.q = assumptions, None, (), p, q
                args = (number, *factors)
                sort = (_MUL_KEY, len(args), ((nkey, 2, (p, q)),) + factor_keys)
            value = new(Mul)
            value._assumptions, value._mhash, value._args = mul_assumptions, None, args
            value.is_commutative = True
            terms.append((sort, value))
        number = rationals[d] if rationals is not None else None
        if number:
            p, q = int(number.p), int(number.q)
            if (p if p > 0 else -p).bit_length() > limit or q.bit_length() > limit:
                return None
            number = rational(p, q)
        if not terms:
            if number:
                out.append((powers[d], number))
            continue
        if len(terms) == 1 and not number:
            out.append((powers[d], terms[0][1]))
            continue
        if len(terms) > 1:
            terms.sort(key=_first)
        # Add._from_args(tuple(...), True), inlined: the number first, then the sorted terms
        if number:
            args = (number, *[t for _, t in terms])
            keys = (((classes.get(type(number)) or _class_key(type(number))), 2, (number.p, number.q)),
                    *[k for k, _ in terms])
        else:
            args, keys = tuple([t for _, t in terms]), tuple([k for k, _ in terms])
        value = new(Add)
        value._assumptions, value._mhash, value._args = add_assumptions, None, args
        value.is_commutative = True
        if sink is not None:
            sink[id(value)] = (value, (_ADD_KEY, len(args), keys))
        out.append((powers[d], value))
    return out


_NUMBER_KEYS: list = []  # the class keys of Integer and Rational, once


def _number_keys() -> list:
    _NUMBER_KEYS[:] = [_class_key(sp.Integer), _class_key(sp.Rational)]
    return _NUMBER_KEYS


def _first(item: tuple) -> tuple:
    return item[0]


_MUL_KEY, _ADD_KEY = _class_key(sp.Mul), _class_key(sp.Add)
_POW, _EXP1, _EXP = sp.Pow, sp.S.Exp1, sp.exp


def _exponential(leaf: sp.Expr) -> bool:  # (onevar_products.exponential: that module imports this one)
    return leaf is _EXP1 or type(leaf) is _EXP
