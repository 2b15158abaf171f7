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
>>> to_sympy(se.expand(3 * se.exp(2) * x + se.sin(4))) == sp.sympify("3*exp(2)*x + sin(4)")
True
"""

from __future__ import annotations

from typing import Any

import symengine
import sympy as sp
from sympy.core.add import _addsort
from sympy.core.mul import _mulsort


def to_sympy(expr: Any, memo: dict[Any, sp.Expr] | None = None,
             new_leaves: list[sp.Expr] | None = None) -> sp.Expr:
    """The SymPy object equal to a SymEngine expression, built quickly where safe.

    ``memo`` shares conversions between calls; every leaf (anything not a sum
    or a product) converted for the first time is appended to ``new_leaves``,
    so a caller can vet each distinct leaf once instead of every tree.
    """
    memo = {} if memo is None else memo
    found = memo.get(expr)
    if found is not None:
        return found
    if isinstance(expr, symengine.Add):
        result = add([to_sympy(arg, memo, new_leaves) for arg in expr.args])
    elif isinstance(expr, symengine.Mul):
        result = mul([to_sympy(arg, memo, new_leaves) for arg in expr.args])
    else:
        result = expr._sympy_()
        if new_leaves is not None:
            new_leaves.append(result)
    memo[expr] = result
    return result


def add(terms: list[sp.Expr]) -> sp.Expr:
    """``sp.Add(*terms)``, without flattening when the terms are already collected."""
    numbers = [t for t in terms if t.is_Number]
    rest = [t for t in terms if not t.is_Number]
    parts = [t.as_coeff_Mul()[1] for t in rest]
    if len(numbers) > 1 or any(t.is_Add for t in rest) or len(set(parts)) < len(parts) or \
            (numbers and numbers[0] == 0) or len(terms) < 2:
        return sp.Add(*terms)
    _addsort(rest)
    return sp.Add._from_args(numbers + rest)


def mul(factors: list[sp.Expr]) -> sp.Expr:
    """``sp.Mul(*factors)``, without flattening when nothing would combine."""
    numbers = [f for f in factors if f.is_Number]
    rest = [f for f in factors if not f.is_Number]
    bases = [f.as_base_exp()[0] for f in rest]
    if len(numbers) > 1 or len(factors) < 2 or (numbers and numbers[0] in (0, 1)) \
            or any(f.is_Mul or f.is_Number or isinstance(f, sp.exp) for f in bases) \
            or any(f.is_Mul for f in rest) or len(set(bases)) < len(bases) \
            or (numbers and len(rest) == 1 and rest[0].is_Add) \
            or sum(isinstance(f, sp.exp) or f.func is sp.exp for f in rest) > 1 \
            or not all(f.is_commutative for f in rest):
        return sp.Mul(*factors)
    _mulsort(rest)
    return sp.Mul._from_args(numbers + rest)
