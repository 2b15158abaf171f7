"""What kind of generator value ``direct.Direct`` holds (SymEngine objects): a square root of an
integer, an inverse of a sum, an exponential, a power of pi. Split out of direct.py (its size).

>>> import symengine as se
>>> _kinds(se.sqrt(se.Integer(17)))
(True, False, False, False)
"""
from __future__ import annotations

import symengine as se

_SE_PI, _SE_E = type(se.pi), type(se.E)  # (their only instances: a class test is SymEngine's ==, ~0.3-2 us each)
_SE_HALF, _SE_MINUS_ONE = se.Rational(1, 2), se.Integer(-1)


def _kinds(value: object) -> tuple[bool, bool, bool, bool]:
    """(``_square_root``, ``_inverse_sum``, ``_exponential``, ``_pi_power``) of ``value``, its args read once."""
    if type(value) is _SE_E:
        return False, False, True, False
    if not isinstance(value, se.Pow):
        return False, False, False, False
    base, exponent = value.args
    return (isinstance(base, se.Integer) and base > 1 and exponent == _SE_HALF,
            isinstance(base, se.Add) and exponent == _SE_MINUS_ONE,
            type(base) is _SE_E,
            type(base) is _SE_PI and isinstance(exponent, (se.Integer, se.Rational)))


def _square_root(value: object) -> bool:
    if not isinstance(value, se.Pow):
        return False
    base, exponent = value.args
    return isinstance(base, se.Integer) and base > 1 and exponent == _SE_HALF


def _inverse_sum(value: object) -> bool:
    """Whether ``value`` is 1/c for a sum c (compose.Walker._inverse of an irrational sum)."""
    if not isinstance(value, se.Pow):
        return False
    base, exponent = value.args
    return isinstance(base, se.Add) and exponent == _SE_MINUS_ONE


def _pi_power(value: object) -> bool:
    """pi**(-1/2) (erf's 2/sqrt(pi)): its powers are pi**(-1), pi**(-3/2) in both systems (Pi has no
    _eval_power), and a monomial with another power of pi is not plain (one base: ``_monomial``)."""
    return isinstance(value, se.Pow) and type(value.args[0]) is _SE_PI \
        and isinstance(value.args[1], (se.Integer, se.Rational))


def _exponential(value: object) -> bool:
    # E itself too: SymEngine folds E*exp(E/7 + 1) into exp(E/7 + 2), SymPy's Mul does not
    return type(value) is _SE_E or isinstance(value, se.Pow) and type(value.args[0]) is _SE_E
