"""Where an inverse of a constant sum could make the derivative engine's object differ (issue 9).

A generator for 1/c, c a sum such as 1 + cosh(2)**2 or -2 + sqrt(2) (compose.Walker._inverse),
is a formal symbol g here: g**2 is built as SymEngine expands Pow(c, -2), the lone power
(1 + 2*cosh(2)**2 + cosh(2)**4)**(-1). The derivative engine gets that object too where each
term of its raw partial holds the powers of c as one factor: SymEngine's diff gives sums of
products of the expression's own nodes, and its Mul joins the powers of one base. Two
things make it differ:

* a sum that holds such an inverse (x/c + x, x + log(u)) standing where its partials are
  multiplied together (a factor of a product, a power's base, a function's argument):
  SymEngine's expand multiplies the sums' expanded terms, keeping (1 + cosh(2)**2)**(-2) or
  1/((1 + cosh(2)**2)*(1 + 2*cosh(2)**2 + cosh(2)**4));
* a sum whose value is irrational standing as a factor (c/(x + c), (x + c)/(x**2 + c)): Mul
  cancels c * c**(-1) where the arithmetic keeps sqrt(2)*g - 2*g.

``risky`` finds both shapes (conservatively: an inverse whose base may be a sum counts); the
engine then raises Unsupported and the derivative engine answers. Only expressions whose walk
made a generator that is a power of a sum are examined (``has_sum_power``).

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> risky((x / (1 + sp.log(2)) + x) ** 2, lambda node: None)
True
>>> risky(1 / (1 + sp.cosh(x) ** 2), lambda node: None)
False
"""

from __future__ import annotations

from collections.abc import Callable

import symengine as se
import sympy as sp

# f(B) whose derivative holds an inverse of a sum of B: log(B) 1/B, atan(B) 1/(1 + B**2) ...
_RECIPROCAL_FUNCTIONS = (sp.log, sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh)


def has_sum_power(values: list) -> bool:
    """Whether a generator is a power of a sum, (1 + cosh(2)**2)**(-1), (-2 + sqrt(2))**(-1)."""
    return any(isinstance(v, se.Pow) and isinstance(v.args[0], se.Add) for v in values)


def risky(expr: sp.Expr, irrational: Callable[[sp.Expr], bool | None]) -> bool:
    """Whether ``expr`` holds one of the two shapes above.

    ``irrational(node)``: whether the node's series has an irrational coefficient (True), has
    none (False), or is unknown (None, counted as irrational).
    """
    carries: dict[int, bool] = {}  # id -> whether the node holds an inverse of a sum that may be irrational

    def holds(node: sp.Expr) -> bool:
        found = carries.get(id(node))
        if found is None:
            found = carries[id(node)] = _source(node, irrational) or any(holds(a) for a in node.args)
        return found

    stack = [(expr, True)]  # (node, whether it enters linearly: through sums and rational multiples)
    while stack:
        node, linear = stack.pop()
        if node.is_Atom:
            continue
        if node.is_Add:
            if not linear and holds(node):
                return True
            stack.extend((a, linear) for a in node.args)
        elif node.is_Mul:
            factors = [a for a in node.args if not a.is_Number]
            for a in factors:
                if len(factors) > 1 and a.is_Add and irrational(a) is not False:
                    return True  # a sum that may be irrational, beside another factor: c * c**(-1)
                stack.append((a, linear and len(factors) == 1))
        elif node.is_Pow:
            base = node.base
            if base.is_Add and node.exp.is_Integer and node.exp > 1 and irrational(base) is not False:
                return True  # (x + c)**2 / (x + c)**3 cancels too
            stack.append((base, False))
            stack.append((node.exp, False))
        else:
            stack.extend((a, False) for a in node.args)
    return False


def _source(node: sp.Expr, irrational: Callable[[sp.Expr], bool | None]) -> bool:
    """Whether the node's partials hold an inverse of a sum that may be irrational at the point."""
    if node.is_Pow:
        e = node.exp
        if e.is_Integer and e >= 0 or node.base.is_Number:
            return False
        base = node.base
    elif isinstance(node, _RECIPROCAL_FUNCTIONS):
        base = node.args[0]
        if not isinstance(node, sp.log):  # 1 + B**2, 1 - B**2: a sum wherever B is irrational
            return irrational(base) is not False
    else:
        return False
    if base.is_Add:
        return irrational(base) is not False
    if not base.free_symbols:  # log(2)**(-1), pi**(-1): no sum
        return False
    return irrational(base) is not False  # u(x) whose value may be a sum
