"""Whether ``univariate.walk`` (guarded, with ``offsets``) certainly raises on an expression, read from its
shape and its polynomials' values at the point alone (no FLINT call, no walk set-up).

The walk walks every node until one raises, and a node raises (NoSlot or Unsupported) where:

- f(u) for f among exp, sin, cos, tan, sinh, cosh, tanh has u(a) != 0 ("... away from 0");
- a function (univariate._AT_ZERO's, log, sec) or a power takes an argument (base) with an irrational
  constant: log(u) with u(a) != 1 (an offset where u(a) > 0, Unsupported where not), atan, asinh,
  asin, atanh of u with u(a) != 0 (an offset, or NoSlot where the walk has no rate), or a sum or
  product holding such a term or factor (the walk's ``shifted``: an offset again, or NoSlot);
- a product other than a rational times one term has a factor with such a constant (or raising): the
  walk's ``shifted`` raises on it (log(1 + 4*x**2)*log(1 + 9*x**2) at 3/2);

u being a polynomial in x with rational coefficients (polynomial_value: the walk's u(a),
exactly). Where ``fails`` says True the walk would raise, and its callers' answer for a raise is
taken without it (onevar.taylor: onevar_constants; onevar_sums: None). False says nothing.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> fails(sp.log(1 + sp.exp(4*x)), x, sp.Rational(3, 2)), fails(sp.log(1 + x**4), x, sp.Integer(3))
(True, False)
>>> fails(sp.log(1 + sp.log(1 + x**2)**2), x, sp.Integer(1)), fails(sp.exp(x**2), x, sp.Integer(3))
(True, True)
"""

from __future__ import annotations

import sympy as sp
from flint import fmpq

_AWAY = frozenset((sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh))
# functions whose argument must carry no irrational constant (the walk raises "not only added" there)
_TAKES = frozenset((sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asin, sp.asinh,
                    sp.atanh, sp.log, sp.sec))
_OFFSETS = frozenset((sp.atan, sp.asin, sp.asinh, sp.atanh))
_DEPTH = 8


def fails(expr: sp.Expr, x: sp.Symbol, a: sp.Rational) -> bool:
    """True where the walk of ``expr`` at x = a certainly raises (module doc); False says nothing."""
    return _fails(expr, x, fmpq(int(a.p), int(a.q)), 0)


def _fails(e: sp.Expr, x: sp.Symbol, a: fmpq, depth: int) -> bool:
    if depth > _DEPTH or e.is_Atom:
        return False
    cls = type(e)
    if cls in _TAKES:
        arg = e._args[0]
        c = polynomial_value(arg, x, a, 0)
        if c is not None:  # f of a polynomial: nothing below it raises; exp, sin ... raise where u(a) != 0
            return cls in _AWAY and bool(c)
        return _offset(arg, x, a, depth + 1) or _fails(arg, x, a, depth + 1)
    if cls is sp.Pow:
        base = e._args[0]
        return _offset(base, x, a, depth + 1) or _fails(base, x, a, depth + 1)
    if cls is sp.Add or cls is sp.Mul:
        args = e._args
        # a product other than r*term with a factor carrying an irrational constant (or raising):
        # the walk's ``shifted`` raises there (log(1 + 4*x**2)*log(1 + 9*x**2) at 3/2), after walking all
        # (asked first: one value of each log's argument instead of two, as _fails would ask too)
        if cls is sp.Mul and not (len(args) == 2 and args[0].is_Rational):
            for arg in args:
                if _offset(arg, x, a, depth + 1):
                    return True
        for arg in args:
            if _fails(arg, x, a, depth + 1):
                return True
    return False


def _offset(e: sp.Expr, x: sp.Symbol, a: fmpq, depth: int) -> bool:
    """Whether the walk of ``e`` raises, or gives it an irrational constant (an offset)."""
    if depth > _DEPTH:
        return False
    cls = type(e)
    if cls is sp.log:
        c = polynomial_value(e._args[0], x, a, 0)
        return c is not None and c != 1
    if cls in _OFFSETS:
        c = polynomial_value(e._args[0], x, a, 0)
        return c is not None and c != 0
    if cls is sp.Add or cls is sp.Mul:
        for arg in e._args:
            if _offset(arg, x, a, depth + 1):
                return True
    return False


def polynomial_value(e: sp.Expr, x: sp.Symbol, a: fmpq, depth: int) -> fmpq | None:
    """e's value at x = a for a polynomial in x (x, rationals, sums, products, natural powers); else None
    (the walk's u(a): onevar and ``fails`` read it here)."""
    if e.is_Rational:
        return fmpq(int(e.p), int(e.q))
    if e.is_Symbol:
        return a if (e is x or e == x) else None
    if depth > 6:
        return None
    kind = type(e)
    if kind is sp.Pow:
        base, n = e._args
        if not (n.is_Integer and 0 <= n.p <= 64):
            return None
        value = polynomial_value(base, x, a, depth + 1)
        return None if value is None else value ** int(n.p)
    if kind is not sp.Add and kind is not sp.Mul:
        return None
    out = None
    for arg in e._args:
        value = polynomial_value(arg, x, a, depth + 1)
        if value is None:
            return None
        out = value if out is None else (out + value if kind is sp.Add else out * value)
    return out
