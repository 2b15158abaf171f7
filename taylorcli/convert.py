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

from typing import Any

import symengine
import sympy as sp
from sympy.core.add import _addsort
from sympy.core.mul import _mulsort

from .constants import _POWERED, _from_ints, _ints, leaf, power
from .sortkey import sort_args

_NUMBERS = (symengine.Integer, symengine.Rational)


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
        result = _from_ints(*_ints(expr)) if isinstance(expr, _NUMBERS) else leaf(expr)
        if result is None and isinstance(expr, symengine.Pow):
            # SymEngine's Pow._sympy_ is base._sympy_() ** exp._sympy_(): the same power of the same
            # objects, its parts converted here (cos(35/6) by leaf, not cos.eval). Their own memo and
            # no leaves: the power is the leaf vetted, as before; a part met alone later is new then.
            base, exponent = expr.args
            base = to_sympy(base, {}, None, keys)
            if type(base) in _POWERED and isinstance(exponent, symengine.Integer) and exponent > 1:
                # cosh(2)**2: constants.power builds Pow.__new__'s object without its cached
                # constructor (~17 us after clear_cache; tests/test_series_points.py compares them)
                result = power(base, int(exponent))
            else:
                result = base ** to_sympy(exponent, {}, None, keys)
        elif result is None:
            result = expr._sympy_()
        if new_leaves is not None:
            new_leaves.append(result)
    memo[expr] = result
    return result


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
    _addsort(rest) if keys is None else sort_args(rest, keys)
    return sp.Add._from_args(numbers + rest)


def mul(factors: list[sp.Expr], keys: dict | None = None) -> sp.Expr:
    """``sp.Mul(*factors)``, without flattening when nothing would combine (``keys`` as in ``add``)."""
    if len(factors) < 2:
        return sp.Mul(*factors)
    numbers, rest, bases = [], [], set()
    for factor in factors:
        if factor.is_Number:
            numbers.append(factor)
            continue
        if factor.is_Mul or not factor.is_commutative:
            return sp.Mul(*factors)
        # exp(2) has base E: two exponentials combine (exp.as_base_exp's exp(1), without building it)
        base = sp.S.Exp1 if type(factor) is sp.exp else factor.as_base_exp()[0]
        if base.is_Number or base in bases:  # numeric radicals or like bases combine
            return sp.Mul(*factors)
        bases.add(base)
        rest.append(factor)
    if numbers:
        number = numbers[0]
        # 0 or 1 (a Rational's p and q, without Rational.__eq__'s sympify)
        if len(numbers) > 1 or (number.p == 0 or number.p == number.q if number.is_Rational
                                else number == 0 or number == 1):
            return sp.Mul(*factors)
        if len(rest) == 1 and rest[0].is_Add:  # a number times a sum distributes
            return sp.Mul(*factors)
    _mulsort(rest) if keys is None else sort_args(rest, keys)
    return sp.Mul._from_args(numbers + rest, True)  # (every factor commutative: checked above)
