"""Nodes the one-pass reader (``parse_direct``) builds straight from their parts, each the object of the
builder's own functions for that shape (issue 9: parse cost; tests/test_parse_monomial_calls.py and
tests/test_text14_parse.py compare them with the ordinary route and SymPy's constructors).

>>> from taylorcli.parse_fast import real_symbol
>>> x = real_symbol("x")
>>> _symbol_power(x, sp.Integer(3)), _monomial_call(sp.sin, -2 * x), _linear_sum(1 + 2 * x), _linear_sum(x**2 - x)
(x**3, -sin(2*x), True, False)
"""

from __future__ import annotations

import sympy as sp

from .parse_calls import negative
from .parse_fast import _plain_symbol as _plain, _unevaluated
from .parse_quick import postprocessed

_SYMBOL, _POW, _MUL, _SUM, _ATAN = sp.Symbol, sp.Pow, sp.Mul, sp.Add, sp.atan
_EVEN = frozenset((sp.cos, sp.cosh))  # (parse_pow.signed_call: eval drops the minus sign; the others keep it)
_NO_SIGN_MOVED = frozenset((sp.exp, sp.log))  # (_CALLS whose eval moves no minus sign out)


def _monomial_call(build: type, e: sp.Basic) -> sp.Expr | None:
    """F(s), F(s**n), F(r*s), F(s + c) as parse_fast.inert_call or parse_calls.call build them (_Reader.call's
    docstring), and F(P) of a linear sum P (parse_signed), for F in parse_fast._CALLS while SymPy evaluates;
    None for any other argument."""
    cls = type(e)
    if cls is _SYMBOL:
        return _unevaluated(build, e) if _plain(e) else None
    if cls is _POW:
        n = e._args[1]
        return _unevaluated(build, e) if n.is_Integer and n.p > 1 and _plain(e._args[0]) else None
    if cls is _SUM:  # s + c: Add's order puts the rational c first
        c, s = e._args if len(e._args) == 2 else (None, None)
        if c is not None and c.is_Rational and c.p != 0 and _plain(s):
            return _unevaluated(build, e)
        return linear_call(build, e)  # F(-x + 2*y), F(x + y) (parse_signed)
    if cls is not _MUL or len(e._args) != 2:
        return atan_call(build, e) if cls is _ATAN else None  # sin(atan(u)), cos(atan(u)) (parse_signed)
    r, s = e._args
    if not r.is_Rational or r.p == 0 or r.p == 1 and r.q == 1 or not _plain(s):
        return negated_call(build, e)  # F(-G(B)): erf(atan(-3*x)) (parse_signed)
    if r.p > 0 or build in _NO_SIGN_MOVED:
        return _unevaluated(build, e)
    inner = _unevaluated(build, negative(e))
    if inner is None:
        return None
    return inner if build in _EVEN else negative(inner)


_POW_ASSUMPTIONS = sp.Pow.default_assumptions  # what Basic.__new__ gives a Pow (the class's, constant)
_object_new = object.__new__


def _symbol_power(s: sp.Symbol, n: sp.Integer) -> sp.Expr:
    """``parse_pow._unevaluated_pow(s, n)`` for a parser symbol s (``_plain``) and an Integer n, inlined:
    ``Expr.__new__(Pow, s, n)`` is Basic.__new__'s object (its class's assumptions, no hash yet, the args),
    then Pow's postprocessors (``postprocessed``), and ``is_commutative`` is ``commutative(s) and
    n.is_commutative``: True, as a plain symbol was not given commutative=False and an Integer is."""
    obj = _object_new(_POW)
    obj._assumptions, obj._mhash, obj._args = _POW_ASSUMPTIONS, None, (s, n)
    obj = postprocessed(_POW, obj)
    if isinstance(obj, _POW):
        obj.is_commutative = True
    return obj


_LINEAR_TERMS = frozenset((_SYMBOL, _MUL))  # (the classes of s and r*s: a test before _linear_sum's call)


def _linear_sum(b: sp.Add) -> bool:
    """An Add of rationals, parser symbols s and r*s (r rational), at least one of them not a rational (session
    16: any number of terms; before, c + s and c + r*s only). Its terms are finite by shape
    (parse_pow.finite_by_shape) and it has a symbol."""
    symbol = False
    for t in b._args:
        if type(t) is _MUL:
            targs = t._args
            if not (len(targs) == 2 and targs[0].is_Rational and _plain(targs[1])):
                return False
            symbol = True
        elif _plain(t):
            symbol = True
        elif not t.is_Rational:
            return False
    return symbol


from .parse_signed import atan_call, linear_call, negated_call  # noqa: E402 - last: it uses _symbol_power
