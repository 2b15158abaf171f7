"""Rational functions of the parser's symbols, and real finite functions of such, found defined by shape
(``parse.undefined``'s answer without its walk; issue 9: parse cost).

``parse.undefined(expr)`` is True where ``expr`` holds zoo, nan, oo, -oo, an interval or I, or is a
constant whose ``is_real`` is False, or where one of its calls or powers that is no integer power and
not real by shape (``real_by_shape``, below; ``parse_fast`` imports it) has ``is_real`` False. After ``finite_by_shape`` it
walks the whole tree, hashing every call and power into a set and asking ``free_symbols``: ~8 us of
the ~22 us parse of ``1/(1 - x)``, whose integer power of a sum that can vanish is not finite by shape.

``integer_powers(expr)`` is True for a tree of these nodes only, with at least one parser symbol:
rationals, parser symbols (``parse_fast._plain_symbol``), Add, Mul, Pow with an Integer exponent of
such a tree, and f(g) for f among ``parse_fast._REAL_FINITE`` (exp, sin, cos, atan, sinh, cosh, tanh,
erf) with g such a tree that is also finite by shape (``parse_pow.finite_by_shape``) or, asked with
``quotients`` (as ``parse.undefined`` asks), a quotient (``parse_quotient``: real and finite somewhere, so
f(g) is real there). On such a tree
``undefined`` answers False: no node is one of its atoms (a rational or a symbol is none of them; an
Add, Mul, Pow or call is no atom and no interval); a parser symbol is free, so it does not ask the
constant's ``is_real``; and no node is risky: every Pow has an Integer exponent, and every call is
real by shape (``real_by_shape``'s last case: a class of ``_REAL_FINITE`` whose argument is finite by
shape or a quotient; inside that argument every call and power is real by shape too, as ``undefined``'s own first
test relies on). False says nothing: ``undefined`` walks as before.

>>> from taylorcli.parse_fast import real_symbol
>>> x = real_symbol("x")
>>> integer_powers(1 / (1 - x)), integer_powers(1 / (1 + sp.sin(x)) + x**-2), integer_powers(sp.log(1 + x))
(True, True, False)
"""

from __future__ import annotations

import sympy as sp


_SYMBOL, _POW, _ADD, _MUL = sp.Symbol, sp.Pow, sp.Add, sp.Mul
_MAX_DEPTH = 200  # deeper trees are walked by undefined (no recursion limit reached here)


def integer_powers(expr: sp.Basic, quotients: bool = False) -> bool:
    """The tree of the module docstring, with a parser symbol in it; with ``quotients``, its calls may also
    take a quotient (``parse_quotient``: ``atan(y/x)``), which ``real_by_shape`` finds real by shape too."""
    return _shape(expr, 0, quotients) == 2


def _shape(e: sp.Basic, depth: int, quotients: bool = False) -> int:
    """0: another node in e; 1: the tree, without a symbol; 2: the tree, with a parser symbol."""
    args = e._args
    if not args:
        if e.is_Rational:
            return 1
        return 2 if type(e) is _SYMBOL and getattr(e, "_assumptions_orig", None) == _REAL_ONLY else 0
    if depth > _MAX_DEPTH:
        return 0
    cls = type(e)
    if cls is _POW:
        return _shape(args[0], depth + 1, quotients) if args[1].is_Integer else 0
    if cls is _ADD or cls is _MUL:
        found = 1
        for a in args:
            shape = _shape(a, depth + 1, quotients)
            if not shape:
                return 0
            if shape == 2:
                found = 2
        return found
    if cls in _REAL_FINITE and len(args) == 1 and (parse_pow.finite_by_shape(args[0])
                                                   or quotients and quotient(args[0])):
        return _shape(args[0], depth + 1, quotients)  # atan(y/x): real by shape too (below)
    return 0


def real_by_shape(node: sp.Basic) -> bool:
    """A node real at some real point at least, so SymPy's ``is_real`` cannot be False.

    exp, sin, cos, atan, sinh, cosh, tanh of a real argument (rationals, parser symbols, sums, products,
    these functions) are real and finite everywhere. tan is real except at its poles: of a polynomial
    argument (not constant: see parse_fast's docstring) it is real at most points; not of any real
    argument, which could sit on a pole everywhere (2*atan(exp(x)) - atan(sinh(x)) is pi/2). log(P)
    and P**r (r rational: sqrt) are real where the polynomial argument P is positive, if it is
    somewhere (``parse_pow.positive_somewhere``: sqrt(x**2 - 1) too); log(-x**2 - 1) is still asked. So is
    P**e for e real and finite everywhere (``finite_by_shape``: x**y, 2**x; P a positive rational too: P**e
    is exp(e*log(P)) there); and Abs(A), real where A is real and finite (finite by shape, or a quotient).
    """
    cls = type(node)
    if cls is sp.tan or cls is sp.gamma:  # gamma(P): real where P is no pole (a whole number <= 0): at most points
        return len(node._args) == 1 and _polynomial_argument(node._args[0])
    if cls is sp.log:
        return len(node._args) == 1 and (parse_pow.positive_somewhere(node._args[0])
                                        or parse_pow.positive_everywhere(node._args[0]))  # log(1 + (x + 1)**2)
    if cls is sp.Pow:  # sqrt(1 + u**2); 2**x, x**y: b > 0 somewhere, e real and finite everywhere
        b, e = node._args
        return ((e.is_Rational or parse_pow.finite_by_shape(e))
                and (b.is_Rational and b.p > 0 or parse_pow.positive_somewhere(b) or parse_pow.positive_everywhere(b)))
    if cls is sp.Abs:  # |A| of an A real and finite somewhere
        return len(node._args) == 1 and (parse_pow.finite_by_shape(node._args[0]) or quotient(node._args[0]))
    if cls in _REAL_FINITE:  # sin(x**2), erf(sqrt(1 + x**2)); atan(y/x): real where y/x is (parse_quotient)
        return parse_pow.finite_by_shape(node._args[0]) or quotient(node._args[0])
    return False


# (last: parse_fast imports real_by_shape from here at its end, whichever module is imported first)
from . import parse_pow  # noqa: E402
from .parse_fast import _REAL_FINITE, _REAL_ONLY, _polynomial_argument  # noqa: E402
from .parse_quotient import quotient  # noqa: E402
