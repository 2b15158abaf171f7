"""The named functions that vocabulary.py builds of SymPy's operators (``sigmoid(x)`` is ``1/(1 + exp(-x))``),
built by the parser's shortcuts, each of which builds SymPy's very object (issue 9: parse cost).

``sigmoid(x)`` cost ~280 us to parse after ``clear_cache()`` (``exp(-x)``'s eval, then ``Pow(1 + exp(-x), -1)``,
whose ``Add._eval_power`` asks facts of the fresh terms); ~25 us here.

Why (SymPy 1.14): ``vocabulary._sigmoid(x)`` is ``1 / (1 + sp.exp(-x))``. ``-x`` is x's ``__neg__``
(``parse_calls.negative``'s proof); ``sp.exp(a)`` is what the parser's call builds (``inert_call``, else
``nested_call``, else the constructor itself: parse._Builder.call's order); ``1 + t`` is ``t.__radd__(1)``,
``Add(1, t)`` (t an Expr: exp's constructor returns one), built by the parser's ``total`` where it applies;
``1 / s`` is ``s.__rtruediv__(1)``, which returns ``Pow(s, -1)`` for the sympified 1 (``S.One``), built by
``parse_pow.power`` where it applies. Only with SymPy's default rules on (``parse_fast._evaluating``).
"""

from __future__ import annotations

import sympy as sp
from sympy.core.expr import Expr

from . import parse_calls, parse_fast
from .vocabulary import _sigmoid

_ONE, _MINUS_ONE = sp.S.One, sp.S.NegativeOne


def named(p: object, build: object, e: sp.Expr) -> sp.Expr:
    """``build(e)``, for sigmoid by the parser ``p``'s shortcuts (module docstring)."""
    if build is not _sigmoid or not isinstance(e, Expr) or not parse_fast._evaluating():
        return build(e)
    negated = parse_calls.negative(e)
    inner = p.inert_call(sp.exp, [negated])
    if inner is None:
        inner = p.nested_call(sp.exp, negated)
        if inner is None:
            inner = sp.exp(negated)
    if not isinstance(inner, Expr):
        return build(e)
    terms = [_ONE, inner]
    total = p.total(terms)
    if total is None:
        total = sp.Add(*terms)
    built = p.power(total, _MINUS_ONE)
    return sp.Pow(total, _MINUS_ONE) if built is None else built
