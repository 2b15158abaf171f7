"""SymEngine -> SymPy conversion that skips SymPy's flattening where it can.

Building SymPy objects dominates an expansion at a point such as (1, 2, 3):
SymEngine finds the 165 coefficients of exp(x*y)*sin(x+z) to order 8 in ~5 ms,
SymPy's constructors then take ~15 ms to rebuild them. SymEngine's results are
already collected and expanded, so for most sums and products SymPy's
flattening would only sort the arguments; sorting them the same way and
building with ``_from_args`` gives the very object SymPy would build (equal
args, equal hash). Wherever flattening could do more (numbers to combine,
like bases, numeric radicals, a number times a sum), the ordinary constructor
is used.

>>> import symengine as se, sympy as sp
>>> x = se.Symbol("x")
>>> to_sympy(se.expand(3 * se.exp(2) * x + se.sin(4))) == 3 * sp.exp(2) * sp.Symbol("x") + sp.sin(4)
True
"""

from __future__ import annotations

from math import gcd
from typing import Any

import symengine
from symengine.lib.symengine_wrapper import OneArgFunction
import sympy as sp
from sympy.core.add import _addsort
from sympy.core.mul import _mulsort

from .constants import _FUNCTIONS, _POWERED, _from_ints, _ints, _square_free, leaf, power
from .constants_roots import root_of_square
from .sortkey import sort_args

_NUMBERS = (symengine.Integer, symengine.Rational)
_POW, _INTEGER = symengine.Pow, symengine.Integer
_FUNCTION_TYPES = frozenset(_FUNCTIONS)  # SymEngine's sin, cos, tan, atan, log, sinh, cosh, erf classes (leaf's)
_MINUS_ONE = sp.S.NegativeOne
_E, _I, _ZOO = sp.S.Exp1, sp.S.ImaginaryUnit, sp.S.ComplexInfinity
_OneArg = OneArgFunction
_ONE_ARGUMENT: dict[type, type | None] = {}  # SymEngine class -> SymPy class (classes, not values)
_CHECKED = object()  # mul's entry in a job's memo: the numeric roots seen to be fixed points


def to_sympy(expr: Any, memo: dict[Any, sp.Expr] | None = None,
             new_leaves: list[sp.Expr] | None = None, keys: dict | None = None) -> sp.Expr:
    """The SymPy object equal to a SymEngine expression, built quickly where safe.

    ``memo`` shares conversions between calls; every leaf (anything not a sum
    or a product) converted for the first time is appended to ``new_leaves``,
    so a caller can vet each distinct leaf once instead of every tree. ``keys`` as in ``add``.
    """
    memo = {} if memo is None else memo
    found = memo.get(expr)
    if found is not None:
        return found
    if isinstance(expr, symengine.Add):
        result = add([to_sympy(arg, memo, new_leaves, keys) for arg in expr.args], keys)
    elif isinstance(expr, symengine.Mul):
        result = mul([to_sympy(arg, memo, new_leaves, keys) for arg in expr.args], keys)
    else:  # a constant such as sin(4) or exp(2) built without SymPy's evaluation (constants.py)
        # a number: SymEngine's _sympy_ is Integer(p) or Rational(p, q), the same object from its ints
        parts = None
        if isinstance(expr, _NUMBERS):
            result = _from_ints(*_ints(expr))
        elif type(expr) is _POW and type((parts := expr.args)[0]) in _FUNCTION_TYPES \
                and type(parts[1]) is _INTEGER:
            result = None  # log(2)**3: leaf says None for a power of a function (its Pow branch: no pi,
            # no Integer, sum or E base), and the base is no Integer (sqrt(50) below): straight to the power
        else:
            result = leaf(expr)
        if result is None and isinstance(expr, symengine.Pow) and parts is None:
            parts = expr.args  # (read once: ~0.7 us a read)
            base, exponent = parts
            if isinstance(base, symengine.Integer) and isinstance(exponent, symengine.Rational) \
                    and _ints(exponent) == (1, 2):
                # sqrt(50): SymEngine keeps it, SymPy's is 5*sqrt(2) (constants_roots.py)
                result = root_of_square(int(base))
        if result is None and isinstance(expr, symengine.Pow):
            # SymEngine's Pow._sympy_ is base._sympy_() ** exp._sympy_(): the same power of the same
            # objects, its parts converted here (cos(35/6) by leaf, not cos.eval). Their own memo and
            # no leaves: the power is the leaf vetted, as before; a part met alone later is new then.
            base, exponent = parts
            base = to_sympy(base, {}, None, keys)
            if (type(base) in _POWERED or type(base) is sp.Mul and len(base._args) == 2
                    and base._args[0] is _MINUS_ONE and type(base._args[1]) in _POWERED) \
                    and isinstance(exponent, symengine.Integer) and int(exponent) > 1:  # (int: SymEngine's > ~1.5 us)
                # cosh(2)**2: constants.power builds Pow.__new__'s object without its cached
                # constructor (~17 us after clear_cache; tests/test_series_points.py compares them)
                result = power(base, int(exponent))
            else:
                result = base ** to_sympy(exponent, {}, None, keys)
        elif result is None:
            cls = _one_argument(type(expr))
            if cls is not None:
                # SymEngine's OneArgFunction._sympy_ is sympy.<its class name>(arg._sympy_()): the same
                # call on the same object, its argument converted here: sinh(atan(-4)) gives
                # sinh(-atan(4)) from constants.leaf, where atan(-4)._sympy_() would rebuild atan.eval's
                # table (~10 ms after clear_cache). Own memo, no leaves: as for a power's parts.
                result = cls(to_sympy(expr.args[0], {}, None, keys))
            else:
                result = expr._sympy_()
        if new_leaves is not None:
            new_leaves.append(result)
    memo[expr] = result
    return result


def _one_argument(kind: type) -> type | None:
    """SymPy's class of that name for a SymEngine function class whose ``_sympy_`` is
    ``OneArgFunction._sympy_`` (sympy.<class name>(arg._sympy_())); else None."""
    found = _ONE_ARGUMENT.get(kind, False)
    if found is False:
        found = None
        if issubclass(kind, _OneArg) and kind._sympy_ is _OneArg._sympy_:
            found = getattr(sp, kind.__name__, None)
            if not (isinstance(found, type) and issubclass(found, sp.Function)):
                found = None
        _ONE_ARGUMENT[kind] = found
    return found


def add(terms: list[sp.Expr], keys: dict | None = None) -> sp.Expr:
    """``sp.Add(*terms)``, without flattening when the terms are already collected.

    ``keys``: a memo of sort keys (``sortkey``) shared by the calls of one job, whose
    terms repeat subexpressions; without it SymPy's own (slower, equal) sort is used.
    """
    if len(terms) < 2:
        return sp.Add(*terms)
    if any(term.is_Add for term in terms):
        # a nested sum's terms join the others (Add.flatten's first step; its args are no sums):
        # -log(4) + log(13) beside sin(3/2), a constant term of mv_groups, cost SymPy's whole
        # flatten, ~70 us after clear_cache, where the like-term check below serves
        terms = [t for term in terms for t in (term._args if term.is_Add else (term,))]
    numbers, rest, seen = [], [], set()
    for term in terms:
        if term.is_Number:
            numbers.append(term)
            continue
        if term is _ZOO:  # (no Number: zoo absorbs the other terms, SymPy's rules)
            return sp.Add(*terms)
        # as_coeff_Mul()[1] by its factors (that method builds a new Mul for each term, and hashes it)
        if term.is_Mul:
            part = term._args
            if part[0].is_Number:
                part = part[1:]
        else:
            part = (term,)
        if part in seen:  # like terms: SymPy must combine
            return sp.Add(*terms)
        seen.add(part)
        rest.append(term)
    if len(numbers) > 1 or numbers and (not numbers[0] or not numbers[0].is_Rational):  # (0, oo, floats: SymPy's rules)
        return sp.Add(*terms)
    if len(rest) > 1:  # (one term: nothing to sort, no sort key to make)
        _addsort(rest) if keys is None else sort_args(rest, keys)
    return sp.Add._from_args(numbers + rest)


def mul(factors: list[sp.Expr], keys: dict | None = None) -> sp.Expr:
    """``sp.Mul(*factors)``, without flattening when nothing would combine (``keys`` as in ``add``).

    Why ``Mul._from_args`` of the sorted factors is then ``Mul.flatten``'s object (SymPy 1.14's
    ``AssocOp.__new__`` and ``Mul.flatten``), for factors that are, as ``to_sympy`` makes them,
    values of SymPy's evaluating constructors (a power ``Pow(b, e)`` gives itself back):

    * A commutative product among the factors (-atan(6), 2*pi) is spliced: flatten's first loop
      appends its args to the sequence, and every later step is independent of the order of
      the sequence (the numbers multiply, the rest is collected by base then sorted by
      ``Basic.compare``, a total order on unequal objects). Its args are no products.
    * Numbers: flatten multiplies them into ``coeff`` from 1; with rationals only (no 0, no
      float, no oo/nan) that is their product, a Rational made canonical by its value, omitted
      when it is 1 (the identity is also what ``AssocOp`` drops before flattening).
    * A factor ``o`` whose base (``o.as_base_exp()``; E for exp) is no number joins
      ``c_powers`` as (b, e). With every base distinct, ``_gather`` gives each its own e
      (``Add`` of one coefficient, times the rest of e: e again) and the second part rebuilds
      ``Pow(b, e)``, that is ``o`` (a fixed point; for e = 1, b itself), with no base changed.
      zoo and I have their own branches: not taken here.
    * A numeric root ``Pow(n, r)`` (an Integer n > 1, a Rational 0 < r < 1, as SymPy's
      ``Integer._eval_power`` leaves sqrt(1370) or 2**(1/3)) goes to ``pnum_rat``: with the
      exponents distinct (``comb_e`` joins bases of one exponent: sqrt(2)*sqrt(3) = sqrt(6)) and
      the bases pairwise coprime (the gcd step splits shared factors: 2**(1/3)*6**(1/4)), each
      root is rebuilt as ``Pow(n, r)``: checked here to be the factor itself, by the same cached
      call flatten makes. Its base is positive: no power of -1 is collected.
    * The coefficient stays apart from the roots (only integer parts of root exponents reach
      it); the only other step flatten takes is a number times one sum (distributed, or the
      two-argument hack's unevaluated Mul): then, and in every case not listed, ``sp.Mul``.

    ``_from_args`` of one factor is that factor, and of none the coefficient, as the constructor's.
    """
    if len(factors) < 2:
        return sp.Mul(*factors)
    for factor in factors:
        if factor.is_Mul:
            if not factor.is_commutative:
                return sp.Mul(*factors)
            factors_in = [a for f in factors for a in (f._args if f.is_Mul else (f,))]
            break
    else:
        factors_in = factors
    coeff, rest, bases, roots = None, [], set(), None
    for factor in factors_in:
        if factor.is_Number:
            if not factor.is_Rational or not factor.p:  # (0, floats, oo, nan: SymPy's rules)
                return sp.Mul(*factors)
            coeff = factor if coeff is None else coeff * factor
            continue
        if not factor.is_commutative or factor is _ZOO or factor is _I:
            return sp.Mul(*factors)
        # exp(2) has base E: two exponentials combine (exp.as_base_exp's exp(1), without building it)
        if type(factor) is sp.exp:
            base = _E
        else:
            base, exponent = factor.as_base_exp()
            if base.is_Number:
                roots = _root(factor, base, exponent, roots, keys)
                if roots is None:  # other numeric powers, or roots that combine
                    return sp.Mul(*factors)
                rest.append(factor)
                continue
        if base in bases:  # like bases combine
            return sp.Mul(*factors)
        bases.add(base)
        rest.append(factor)
    if coeff is not None and coeff.p == coeff.q:
        coeff = None
    if coeff is not None and len(rest) == 1 and rest[0].is_Add:  # a number times a sum distributes
        return sp.Mul(*factors)
    if len(rest) > 1:
        _mulsort(rest) if keys is None else sort_args(rest, keys)
    return sp.Mul._from_args(rest if coeff is None else [coeff] + rest, True)  # (all commutative: checked)


def _root(factor: sp.Expr, base: sp.Expr, exponent: sp.Expr, roots: dict | None,
          keys: dict | None) -> dict | None:
    """``roots`` (exponent: base) with ``factor``, a numeric root flatten leaves alone beside them; else None.

    ``keys``: the job's memo (``add``), where the roots found to be fixed points are kept (under
    ``_CHECKED``, a key no SymPy object equals) for the job's other products.
    """
    if not (factor.is_Pow and base.is_Integer and base.p > 1 and exponent.is_Rational
            and 0 < exponent.p < exponent.q):
        return None
    roots = {} if roots is None else roots
    if exponent in roots or any(gcd(n.p, base.p) != 1 for n in roots.values()):
        return None
    checked = None if keys is None else keys.get(_CHECKED)
    if checked is None or factor not in checked:
        # sqrt(n), n square-free: a fixed point (constants._plain_power), without Integer._eval_power's
        # factoring (~0.3 ms after clear_cache); else flatten's own call: a fixed point, else let it
        if not (exponent is sp.S.Half and _square_free(base.p)) and sp.Pow(base, exponent) != factor:
            return None
        if keys is not None:
            keys.setdefault(_CHECKED, set()).add(factor)
    roots[exponent] = base
    return roots
