"""Quotients of the sweep's non-constant pieces as call arguments: ``atan(y/x)``, ``sin(x/(1 + x**2))``
(issue 9: parse cost; used by parse_calls and parse_defined).

``atan(y/x)`` cost ~760 us to parse after ``clear_cache()`` where ``y/x`` alone costs ~10 us: atan.eval asks
``as_coefficient(I)`` and ``is_zero`` of the fresh ``y/x``, whose ``Mul._eval_is_zero`` asks the facts of
``1/x`` (is_zero, is_infinite, is_algebraic... after ``clear_cache()``), and ``parse.undefined`` then asks
``atan(y/x).is_real``, which asks ``is_extended_real`` of the same. parse_calls proves eval returns None
for F(A), A ``non_constant`` (continuous everywhere); y/x is not: it has a pole.

``quotient(A)`` holds for: B**n with n a negative Integer and B ``parse_calls.non_constant``; a Mul whose
arguments are an optional rational first (not 0; Mul's canonical form puts it there) and then factors
each ``non_constant`` or such a B**n, at least one of them a B**n (else ``non_constant`` or a
polynomial argument decides). Facts of such an A: every non_constant B is built of rationals, the
parser's real symbols, +, *, rational powers and exp, sin, cos, atan, sinh, cosh, tanh, erf, log (no pi,
I, E, Float, oo, zoo, nan, AccumBounds) and is real-analytic and not constant on R^n (parse_calls'
docstring: each step of its class keeps analyticity: analytic functions of an analytic argument, log and
rational powers of a B >= c > 0); so B is not identically zero and its zero set is closed with an empty
interior. On the dense open set where no base of a B**n vanishes, every factor is real, finite and not
zero (a non_constant factor is zero on a nowhere dense set only), so A is real, finite and not zero at
some real point: SymPy's (sound) ``A.is_zero`` is not True and ``A.is_finite`` is not False; A has a
free symbol, so ``A.is_number`` is False (a Mul is a number only if every factor is).

Why eval returns None for F(A), F among sin, cos, tan, atan, sinh, cosh, tanh, erf (and exp for a
B**n), A a quotient, ``could_extract_minus_sign`` False (SymPy 1.14): parse_calls' docstring lists each
branch and needs exactly these facts: A is no Number, zoo, nan, AccumBounds, SetExpr or matrix; for
cos, ``A.is_finite is False`` does not hold; A holds no I, so ``as_coefficient(I)`` and erf's
``extract_multiplicatively(I)`` are None; ``_pi_coeff``: A is not pi, ``not A`` is False, a Mul has
``coeff(pi) == 0`` (no factor pi) and a Pow reaches ``is_zero``, not True; A is no Add (no
``_peeloff_pi``), no call (no inverse function to undo), ``is_zero`` not True, ``is_number`` False
(atan's table). exp of a B**n: a Pow is no Number, zoo, log, AccumBounds, SetExpr, Mul or Add: eval
reaches ``arg.is_zero`` only. (exp of a Mul reaches logcombine and ``is_comparable`` of each factor,
and log.eval looks at Mul factors' signs: both left to SymPy.) Then F(A) is
``parse_fast._unevaluated(F, A)``; where ``could_extract_minus_sign`` is True, parse_calls.signed
builds ``-F(-A)`` or ``F(-A)`` (-A: a quotient again, its rational negated or dropped).

And ``parse.undefined``: F(A) for F in exp, sin, cos, atan, sinh, cosh, tanh, erf is real where A is
real and finite (above: somewhere), so SymPy's ``is_real`` of it cannot be False (``real_by_shape``).

>>> from taylorcli.parse_fast import real_symbol
>>> x, y = real_symbol("x"), real_symbol("y")
>>> quotient(y / x), quotient(x / (1 + x**2)), quotient(1 / x), quotient(x * y), quotient(x / (x - x**2 + 1))
(True, True, True, False, True)
"""

from __future__ import annotations

import sympy as sp

_POW, _MUL = sp.Pow, sp.Mul


def quotient(e: sp.Basic) -> bool:
    """The class of the module docstring."""
    cls = type(e)
    if cls is _POW:
        return _pole(e)
    if cls is not _MUL:
        return False
    args = e._args
    pole = False
    for i, a in enumerate(args):
        if i == 0 and a.is_Rational:
            if a.p == 0:
                return False
            continue
        if type(a) is _POW and _pole(a):
            pole = True
        elif not parse_calls.non_constant(a):
            return False
    return pole


def _pole(e: sp.Pow) -> bool:
    """B**n, n a negative Integer, B non_constant."""
    b, n = e._args
    return n.is_Integer and n.p < 0 and parse_calls.non_constant(b)


from . import parse_calls  # noqa: E402 - (parse_calls imports this module: its attribute, read at call time)
