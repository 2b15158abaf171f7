"""Whether a constant's SymPy value is real, finite and printable, without asking SymPy (constants.py).

Moved from constants.py (its size): ``real_and_small`` passes the values constants.leaf and
power build (f(q), their powers, positive sums of them) that need no vetting, ``_positive_sum``
the sums under logs and powers that are positive by their terms.
"""

from __future__ import annotations

import sympy as sp

from .constants_sign import sign

_REAL = (sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh, sp.exp, sp.erf)


def real_and_small(value: sp.Expr, bits: int) -> bool:
    """Whether ``value`` is f(q), f(q)**k or -f(q) of this module's functions, q > 0 (log: q > 1; exp:
    any q; sin, cos, sinh, cosh, exp, erf: q may be such a value itself, or a sum or product of rationals
    and such values), E or E**k, k natural, every
    number under ``bits`` bits: defined, real and printable, nothing to vet.

    (tan(q) is finite: q is rational, pi/2 is not. Asking SymPy ``is_real`` of sin(4) costs
    ~1 ms after ``clear_cache``: it looks for multiples of pi.)

    >>> real_and_small(sp.sin(4)**2, 100), real_and_small(sp.log(sp.Rational(1, 2), evaluate=False), 100)
    (True, False)
    """
    if type(value) is sp.Mul and len(value._args) == 2 and value._args[0] is sp.S.NegativeOne:
        value = value._args[1]  # -atan(1/3) (leaf): real and small where atan(1/3) is
    if type(value) is sp.Pow:
        value, k = value._args
        if type(value) is sp.Add and k.is_Rational and _small(k, bits) and _positive_sum(value, bits):
            return True  # sqrt(1 + cos(4)**2), 1/(2 + sin(1)**2): a power of a positive number
        if (value is sp.pi or value.is_Integer and value.p > 0 and _small(value, bits)) and k.is_Rational \
                and _small(k, bits):
            return True  # sqrt(17), pi**(-1/2): a rational power of a positive number
        if type(value) is sp.Add and k.is_Integer and k.p > 0 and _small(k, bits) and _real_sum(value, bits):
            return True  # (-log(4) + log(85))**2: real and finite (a negative power: guard.not_real decides)
        if not (k.is_Integer and 0 < k.p and k.p.bit_length() <= bits):
            return False
    if value is sp.S.Exp1:  # E, E**3 (exp(1) is E)
        return True
    if type(value) not in _REAL:
        return False
    (q,) = value._args
    if type(value) is sp.log and type(q) is sp.Add:  # log(1 + log(5)**2): of a positive number
        return _positive_sum(q, bits)
    if not q.is_Rational:  # sinh(sinh(4)), atan(sinh(1)): real for a real argument, and finite (not tan, log: domains)
        # (exp(-9 - erf(3)), exp(1 + E), sin(2*cosh(1)): of a real sum or product of them, as real)
        return type(value) in _EVERYWHERE and (_real_sum(q, bits) if type(q) in (sp.Add, sp.Mul)
                                               else real_and_small(q, bits))
    return bool((q.p > 0 or type(value) is sp.exp) and max(abs(q.p).bit_length(), q.q.bit_length()) <= bits
                and (type(value) is not sp.log or q.p > q.q))  # exp(-2): real too; q > 1 without Rational.__gt__'s sympify


def _real_sum(value: sp.Expr, bits: int) -> bool:
    """Whether a sum or product is of rationals and products of rationals and values ``real_and_small``
    passes, every number under ``bits`` bits: real and printable."""
    for term in value._args if type(value) is sp.Add else (value,):
        for factor in term._args if type(term) is sp.Mul else (term,):
            if not (_small(factor, bits) if factor.is_Rational else _factor(factor, bits)):
                return False
    return True


# Within constants.shared (one job): id -> (part, bits, ``real_and_small``'s answer) for the factors and
# bases of the sums ``_real_sum`` and ``_positive`` take apart, the part kept alive beside it: the same
# powers log(4)**3, log(5)**2 ... stand in many sums of one expansion (the expanded powers of
# 1 + (log(5) - log(4))**2: ~200 asks a call for atan(log(1 + x**2)) at 1/2 k4). None outside it.
FACTORS: dict | None = None


def _remembered(memo: dict | None, ask, value: sp.Expr, bits: int) -> bool:
    """``ask(value, bits)``, kept in ``memo`` (id -> (value, bits, answer)) when a job has one."""
    if memo is None:
        return ask(value, bits)
    found = memo.get(id(value))
    if found is not None and found[0] is value and found[1] == bits:
        return found[2]
    answer = ask(value, bits)
    memo[id(value)] = (value, bits, answer)
    return answer


def _factor(value: sp.Expr, bits: int) -> bool:
    """``real_and_small``, once per part within a job (``FACTORS``)."""
    return _remembered(FACTORS, real_and_small, value, bits)


def _small(q: sp.Rational, bits: int) -> bool:
    return max(abs(q.p).bit_length(), q.q.bit_length()) <= bits


# Within constants.shared (one job: onevar_values.coefficients): id -> (sum, bits, ``_positive_sum``'s
# answer), the sum kept alive beside it. The same sum is asked for again and again in one expansion
# (log(S) and 1/S converted, then vetted as leaves; 1/S**2's expanded base built, then vetted).
SEEN: dict | None = None


def _positive_sum(value: sp.Expr, bits: int) -> bool:
    """Whether a sum is a positive rational plus terms that cannot be negative.

    Each other term: an even power of a value ``real_and_small`` passes (cos(4)**2), or exp/cosh
    of one (positive), either times a positive rational. Then the sum is positive and real.
    """
    return _remembered(SEEN, _positive, value, bits)


def _positive(value: sp.Expr, bits: int) -> bool:
    """``_positive_sum``, asked."""
    positive = False
    for term in value._args:
        if term.is_Rational:
            if term.p <= 0 or not _small(term, bits):
                return False
            positive = True
            continue
        if type(term) is sp.Mul and len(term._args) == 2 and term._args[0].is_Rational:
            q, term = term._args
            if q.p <= 0 or not _small(q, bits):
                return False
        if type(term) is sp.Pow:
            base, k = term._args
            if not (k.is_Integer and k.p > 0 and k.p % 2 == 0 and k.p.bit_length() <= bits
                    and _factor(base, bits)):
                return False
        elif not (type(term) in (sp.exp, sp.cosh) and _factor(term, bits)):
            return False
    return positive


_EVERYWHERE = (sp.sin, sp.cos, sp.sinh, sp.cosh, sp.exp, sp.erf, sp.atan)  # real and finite at every real number


def real_constant(value: sp.Expr, bits: int, depth: int = 0) -> bool:
    """Whether ``value`` is real and finite by its structure (guard.not_real's shortcut): a value
    ``real_and_small`` passes, a rational, a sum or product of such values, or a power of one: a
    positive integer power; a negative one of a value the float enclosure (constants_sign) proves
    nonzero; a fractional one of a value it proves positive. (1/(1 + (log(13) - log(4))**2) + sin(1/2):
    SymPy's is_real of it built log(4) and asked its assumptions, ~0.3-0.5 ms.)
    """
    if value.is_Rational:
        return _small(value, bits)
    if real_and_small(value, bits):
        return True
    if depth > 20:
        return False
    kind = type(value)
    if kind is sp.Add or kind is sp.Mul:
        return all(real_constant(a, bits, depth + 1) for a in value.args)
    if kind is sp.Pow:
        base, k = value.args
        if not (k.is_Rational and _small(k, bits) and real_constant(base, bits, depth + 1)):
            return False
        if k.is_Integer and k.p > 0:
            return True
        found = sign(base)
        return found == 1 or found == -1 and k.is_Integer
    return False
