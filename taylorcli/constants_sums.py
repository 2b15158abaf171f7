"""SymPy's objects for functions and powers of real sums of constants, without its constructors (constants.py).

log(1 + 9*x**2) at x = 3/2 is log(85) - log(4) in SymEngine: erf of it and its derivatives hold
erf(log(4) - log(85)), (-log(4) + log(85))**2 and exp(-(-log(4) + log(85))**2). SymPy's constructors
of these ask its assumptions about the sum (is it zero, infinite, comparable?): ~2 ms each after
``clear_cache``, where Maxima's whole expansion takes 3 ms. Each builder here states why SymPy's
evaluation leaves the object as it is built, for a sum S whose terms are rationals and the values
``constants_real.real_and_small`` passes (``_real_sum``: real and finite, no I, pi, Float, oo or
symbol in them); tests/test_erf14_sums.py compares them with SymPy's constructors.
"""

from __future__ import annotations

import sympy as sp

from .constants_build import unevaluated
from .constants_real import _real_sum
from .constants_sign import sign
from .guard import LIMIT_BITS


def real_sum(value: sp.Expr) -> bool:
    """Whether ``value`` is a SymPy Add of terms ``_real_sum`` passes (finite, real, no I)."""
    return type(value) is sp.Add and _real_sum(value, LIMIT_BITS)


def power(base: sp.Add, e: sp.Rational) -> sp.Pow | None:
    """``Pow(S, e)`` for a real sum S (``real_sum``) and a Rational e other than 0 and 1; None if not.

    Pow.__new__(S, e): e is no oo, zoo, 0 or 1, nor an AccumBounds; e == -1 with a falsy base does
    not apply (an Add is truthy); the sign rule needs a Number or Mul base; S is not NaN or One; e is
    an Atom (no rewrite as a power of E). ``Add._eval_power(e)``: its first branch needs a term
    SymPy finds infinite (each is finite: SymPy cannot prove otherwise), its second ``pure_complex(S)``,
    which is None without an I term (``as_coeff_Add`` then ``as_coeff_Mul`` of the rest is never
    (c, I)). So Expr.__new__; no constructor postprocessor is registered for Add or Rational; and
    is_commutative, as constants._power_of_sum builds it.
    """
    if not e.is_Rational or e is sp.S.Zero or e is sp.S.One or not real_sum(base):
        return None
    obj = sp.Expr.__new__(sp.Pow, base, e)
    obj.is_commutative = True
    return obj


def exp_of_power(inner: sp.Expr) -> sp.Expr | None:
    """exp(r*S**n) or exp(S**n): S a real sum, n an integer >= 2, r a nonzero Rational; None if not.

    exp.eval of r*S**n (a Mul: no Matrix, exp_is_pow is off, no Number, zoo, log, AccumBounds or
    SetExpr): ``as_coefficient(pi*I)`` is None (extract_multiplicatively(I) of r is no Rational, of a
    Pow whose base is no I is None: the Mul branch finds no factor), ``as_coeff_Mul()`` is (r, S**n),
    r finite; ``logcombine(S**n)`` rebuilds Pow(logcombine(S), n), and no Pow with an integer
    exponent >= 2 is a log (Pow.__new__ gives a Pow or a base's _eval_power: numbers, exp, Mul,
    Add's, never log), so the loop appends it or returns None: either way eval returns None.
    exp.eval of S**n (a Pow) reaches only ``arg.is_zero``: S**n is zero only where S is, and the
    float enclosure (constants_sign) proves S nonzero, so SymPy (sound) does not find it zero.
    No Float: Function.__new__ does not evalf. Built as constants.unevaluated builds.
    """
    factor = inner
    if type(inner) is sp.Mul:
        if len(inner.args) != 2 or not inner.args[0].is_Rational:
            return None
        factor = inner.args[1]
    if type(factor) is not sp.Pow:
        return None
    base, n = factor.args
    if not (n.is_Integer and n.p >= 2) or not real_sum(base):
        return None
    if factor is inner and sign(base) is None:
        return None
    return unevaluated(sp.exp, inner)


def function_of_sum(cls: type, inner: sp.Expr) -> sp.Expr | None:
    """f(S) for f among sin, cos, sinh, cosh, atan, erf and a real sum S proved nonzero, with no pi in
    it (atan: at least one function application or E in it): f(S), or what SymPy makes of the sign.

    Every one of these evals, for such an S (an Add: no Number, NaN, zoo, AccumBounds, SetExpr):
    ``S.could_extract_minus_sign()`` (asked here as SymPy asks it, ``minus_sign``) True gives
    -f(-S) (odd f) or f(-S) (cos, cosh), and -S (SymPy's negation: the terms negated, a sum again)
    goes through the same steps: built where it extracts no sign, else left to SymPy. Else:
    ``S.as_coefficient(I)`` / ``extract_multiplicatively(I)`` is None (erf's and the trigonometric
    ``_imaginary_unit_as_coefficient``; all or nothing over the terms, and every term's is None: a
    Rational's quotient by I is no Rational; a function application, a Pow or exp whose base is no I
    reach the final None; a Mul none of whose factors gives anything too); ``S.is_zero`` is not True
    (the float enclosure proves S nonzero; SymPy's assumptions are sound); sin, cos: ``_pi_coeff`` of
    an Add ends in that is_zero test (None), ``_peeloff_pi`` finds no term with a rational
    ``coeff(pi)`` (no pi in S: every coefficient 0) and returns (S, 0); sinh, cosh: ``_peeloff_ipi``
    finds no term pi*I or K*(pi*I) (no I); the inverse-function rewrites need an asin, atan,
    asinh ... (S is an Add); erf: S is no erfinv, erfcinv or erf2inv; atan: ``S in _atan_table()``
    compares with algebraic numbers (Rationals and their square roots), never equal to a sum holding a
    function application or E; it rewrites only tan and cot. So eval returns None; no Float:
    Function.__new__ does not evalf. Built as constants.unevaluated builds.
    """
    if cls not in _ODD_EVEN or not real_sum(inner) or sign(inner) is None or inner.has(sp.pi):
        return None
    if cls is sp.atan and not _transcendental(inner):
        return None
    minus = minus_sign(inner)
    if minus is None:
        return None
    if not minus:
        return unevaluated(cls, inner)
    negated = -inner
    if type(negated) is not sp.Add or minus_sign(negated) is not False:
        return None
    value = unevaluated(cls, negated)
    return sp.Mul._from_args((sp.S.NegativeOne, value), True) if _ODD_EVEN[cls] else value


def erf_of_sum(inner: sp.Expr) -> sp.Expr | None:
    """erf(S) (``function_of_sum``)."""
    return function_of_sum(sp.erf, inner)


_ODD_EVEN = {sp.sin: True, sp.sinh: True, sp.atan: True, sp.erf: True, sp.cos: False, sp.cosh: False}


def _transcendental(value: sp.Expr) -> bool:
    """Whether a term of the sum is or holds (as a factor, or a power's base) a function application or E."""
    for term in value.args:
        for factor in term.args if type(term) is sp.Mul else (term,):
            if type(factor) is sp.Pow:
                factor = factor.args[0]
            if factor is sp.S.Exp1 or isinstance(factor, sp.Function):
                return True
    return False


def minus_sign(value: sp.Add) -> bool | None:
    """``value.could_extract_minus_sign()`` for a real sum (``real_sum``), without its sort keys of sums; None: ask it.

    Add's rule (sympy.core.add._could_extract_minus_sign): count the terms that extract a sign
    (a negative Rational; a Mul whose first arg is a negative Number, ``self == -self`` being False
    for a nonzero finite product; nothing else: Expr's False); more negative than positive: True,
    fewer: False. A tie is decided by ``value.sort_key() < (-value).sort_key()``, whose parts
    differ only in ``as_ordered_terms``: both sums are (Add class key, (n, their terms' keys in that
    order), exponent 1, coefficient 1). -value's terms are the negations -t (Mul.flatten's
    distribution of -1), each one's key t's with its coefficient (``as_coeff_Mul``'s, last in
    ``Expr.sort_key``; a Number's own value, last in ``Number.sort_key``) negated.
    ``as_ordered_terms`` (order None): a Number (or E, pi) beside a two-factor Mul with a negative
    Number first, the number positive, comes first (its special case); else, for a sum of numbers,
    ``as_terms`` folds every factor into a float coefficient (``complex``): no generator, and the
    terms are ordered by their float values, ascending (``_parse_order``'s key: empty monomial, no
    nc part, then (re, im)), taken here from the float enclosures only where they are pairwise apart
    by far more than rounding (else None).
    """
    terms = value.args
    negative = 0
    for term in terms:
        if term.is_Rational:
            negative += term.p < 0
        elif type(term) is sp.Mul:
            c = term.args[0]
            negative += c.is_Rational and c.p < 0
    if 2 * negative != len(terms):
        return 2 * negative > len(terms)
    from .constants_sign import _enclose
    items, negated = [], []
    for term in terms:
        try:
            enclosed = _enclose(term, 0)
        except (ValueError, OverflowError, ZeroDivisionError):
            return None
        if enclosed is None:
            return None
        v, e = enclosed
        key = term.sort_key()
        minus = key[:-1] + (-key[-1],)
        if isinstance(term, sp.Number):
            items.append((v, e, key, True, term.is_positive, False))
            negated.append((-v, e, minus, True, term.is_negative, False))
        elif isinstance(term, sp.NumberSymbol):  # E, pi: positive; -E is Mul(-1, E)
            items.append((v, e, key, True, True, False))
            negated.append((-v, e, minus, False, False, True))
        elif type(term) is sp.Mul:
            args = term.args
            c = args[0] if isinstance(args[0], sp.Number) else None
            items.append((v, e, key, False, False, len(args) == 2 and c is not None and c.is_negative))
            # -(c*f) is (-c)*f, two factors with a negative first where c > 0 (c = -1: f alone)
            negated.append((-v, e, minus, False, False, len(args) == 2 and c is not None and c.is_positive))
        else:  # a function or power: -t is Mul(-1, t)
            items.append((v, e, key, False, False, False))
            negated.append((-v, e, minus, False, False, True))
    mine, theirs = _ordered(items), _ordered(negated)
    if mine is None or theirs is None:
        return None
    return bool(mine < theirs)  # (a list comparison ends in SymPy Numbers' <: BooleanTrue, BooleanFalse)


def _ordered(items: list) -> list | None:
    """The keys of ``as_ordered_terms()`` of a sum of numbers described by ``items`` (``minus_sign``), or None."""
    if len(items) == 2:
        a, b = items
        if b[3] and not a[3]:
            a, b = b, a
        if a[3] and not b[3] and b[5] and a[4]:  # 3 - sin(2): the number first
            return [a[2], b[2]]
    found = sorted(items, key=lambda item: item[0])
    for (v, e, *_), (w, f, *_) in zip(found, found[1:]):
        if w - v <= 4 * (e + f) + 1e-12 * (abs(v) + abs(w)) + 1e-300:
            return None
    return [item[2] for item in found]
