"""An irrational argument's value at the point, built from its parts' values: what
``onevar_constants._Walk.argument`` would get from SymEngine's subs (split out of onevar_constants.py).

>>> import sympy as sp, symengine as se
>>> x = sp.Symbol('x')
>>> engine_value_at(x**2 + 3, x, sp.Integer(2), {})
7
"""
from __future__ import annotations

import symengine as se
import sympy as sp
from symengine.lib.symengine_wrapper import Add as _se_add
from symengine.lib.symengine_wrapper import Mul as _se_mul


def engine_value_at(e: sp.Expr, x: sp.Symbol, a: sp.Rational, at_point: dict) -> object | None:
    """``engine_of(e).subs(point)``'s object from its parts' values: None where not built here.

    SymEngine's subs rebuilds a sum by ``Add::coef_dict_add_term`` of each term's new value, a
    product by ``Mul::dict_add_term_new`` of each factor's (its number times the rest), a power
    by ``pow`` of the new base and exponent, a function by its constructor on the new argument:
    the very steps of ``add``/``mul``/``pow`` on the parts' values, which are the parts' own
    subs (a walked function's is ``at_point``; x is the point; a rational is itself). Only sums,
    products and powers of walked functions, x and rationals (the shapes ``engine_of`` converts
    by its own branches); else None, and ``argument`` asks subs. (tests/test_at15_walk.py compares
    them with subs on random shapes; engine_of + subs was ~10-20 us a call.)
    """
    if e.is_Rational:
        return se.Integer(e.p) if e.q == 1 else se.Integer(e.p) / se.Integer(e.q)
    if e is x:
        return se.Integer(a.p) if a.q == 1 else se.Integer(a.p) / se.Integer(a.q)
    found = at_point.get(id(e))
    if found is not None:
        return found
    cls = type(e)
    if cls is sp.Add or cls is sp.Mul:
        parts = []
        for arg in e._args:
            value = engine_value_at(arg, x, a, at_point)
            if value is None:
                return None
            parts.append(value)
        return _se_add(*parts) if cls is sp.Add else _se_mul(*parts)
    if cls is sp.Pow:
        base, exponent = e._args
        if base.is_Rational or not exponent.is_Rational:  # (1/q)**e: engine_of asks sympy2symengine
            return None
        value = engine_value_at(base, x, a, at_point)
        return None if value is None else value ** engine_value_at(exponent, x, a, at_point)
    return None
