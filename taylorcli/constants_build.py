"""Exact SymPy constants built as SymPy's own constructors would build them, without the constructors.

Each builder states why SymPy's constructor would return the same object (its steps, from
SymPy's source), and a test compares the two (tests/test_series_onevar_constants.py,
tests/test_point_powers.py, tests/test_erf14_powers.py). They depend on nothing else of ours,
so the modules that convert constants (constants, constants_sums, constants_roots, exp_sums)
import them without an import cycle.

>>> power(sp.exp(2, evaluate=False), 3) == sp.exp(6), unevaluated(sp.sin, sp.Integer(4)) == sp.sin(4)
(True, True)
"""

from __future__ import annotations

import symengine as se
import sympy as sp


def _plain_power(base: sp.Expr, arg: object) -> sp.Pow:
    """sqrt(17), pi**(-1/2), pi**(-1): Pow.__new__ finds nothing to do (Integer._eval_power extracts
    no square from a square-free integer, pi has no _eval_power, is no Number or Mul (no sign
    rule), and is truthy (e == -1 and not b: no); e is not 0, 1): Expr.__new__ and
    is_commutative, as power() builds (tests/test_series_onevar_constants.py)."""
    obj = sp.Expr.__new__(sp.Pow, base, arg if isinstance(arg, sp.Rational) else _rational(arg))
    obj.is_commutative = True
    return obj


def _ints(arg: object) -> tuple[int, int]:
    """(p, q) of a SymEngine Integer or Rational (q > 0, coprime)."""
    if isinstance(arg, se.Integer):
        return int(arg), 1
    p, q = arg.get_num_den()
    return int(p), int(q)


def _from_ints(p: int, q: int) -> sp.Rational:
    """``_rational``'s object from its (p, q): Integer(p), or Rational.from_coprime_ints (no gcd, no cache)."""
    return sp.Integer(p) if q == 1 else sp.Rational.from_coprime_ints(p, q)


def power(g: sp.Expr, e: int) -> sp.Expr:
    """``g**e`` (e a natural number): exp(q)**e is exp(q e) built unevaluated, the rest by Pow."""
    if e == 1:  # Pow(g, 1) is g (Pow.__new__'s first early return), without the cached constructor
        return g
    if g is sp.S.Exp1 and e > 1:
        # E**e: Pow.__new__ asks Exp1._eval_power, which (exp_is_pow off) returns exp(e), whose eval
        # leaves an integer e > 1 as it is: that object, unevaluated (SymPy's builds it through
        # Function.__new__ and its assumptions, ~0.1-0.3 ms after clear_cache; tests/test_point_powers.py)
        return unevaluated(sp.exp, sp.Integer(e))
    if type(g) is sp.exp and e > 1:
        q = g.args[0]
        if q.is_Rational:
            r = q * e
            if r != 1:  # (q is not 0: exp(0) is 1)
                return unevaluated(sp.exp, r)
            return sp.S.Exp1  # exp(1/2)**2: exp._eval_power gives exp(1), which exp.eval makes E
    if g is sp.pi and e > 1:  # pi**2: Pi has no _eval_power (_plain_power's object)
        return _plain_power(sp.pi, sp.Integer(e))
    if type(g) is sp.Pow and g.args[0] is sp.pi and g.args[1].is_Rational and e > 1:
        # (pi**(-1/2))**3: Pow.__new__ (no early return: the base is a Pow, the exponent an Atom) asks
        # Pow._eval_power, which for an integer exponent returns 1*Pow(pi, q*e) (s = 1), that is
        # Pow(pi, q*e) (times 1: itself): pi for q*e = 1, else _plain_power's object (Pi has no
        # _eval_power; q*e is not 0 as q is not). (tests/test_erf14_powers.py compares with g**e.)
        r = g.args[1] * e
        return sp.pi if r == 1 else _plain_power(sp.pi, r)
    if type(g) is sp.Mul and e > 1 and len(g.args) == 2 and g.args[0] is sp.S.NegativeOne \
            and type(g.args[1]) in _POWERED:
        # (-atan(36))**2: Pow.__new__'s sign rule (an Integer exponent, a numeric Mul that extracts a
        # minus sign: -1 first) takes Pow(atan(36), e) for an even e, -Pow(atan(36), e) for an odd
        # one (Expr.__neg__: Mul._from_args((-1, it))); that Pow is the case below.
        inner = power(g.args[1], e)
        return inner if e % 2 == 0 else sp.Mul._from_args((sp.S.NegativeOne, inner), True)
    if type(g) in _POWERED and e > 1:
        # Pow.__new__(f(c), e), e an Integer >= 2: no early return applies (e is not 0, 1, -1,
        # oo, zoo; f(c) is no Number, Mul or NaN or One), the exponent is an Atom, and these
        # classes have Expr's _eval_power (None); no constructor postprocessor is registered
        # for them or Integer. What is left: Expr.__new__(Pow, f(c), e), commutative.
        # (tests/test_series_points.py compares with g**e.)
        obj = sp.Expr.__new__(sp.Pow, g, sp.Integer(e))
        obj.is_commutative = True
        return obj
    return g**e


_POWERED = (sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh, sp.erf)  # (erf has Expr's _eval_power too)


def unevaluated(cls: type, arg: sp.Expr) -> sp.Expr:
    """``cls(arg, evaluate=False)``'s object for one of this module's functions, without its constructor.

    With evaluate=False, DefinedFunction.__new__ -> Function._new_ (one argument: valid) ->
    Application.__new__ only runs ``Basic.__new__(cls, arg)`` (the args, the class's default
    assumptions, no hash yet) and sets the instance's ``nargs`` to FiniteSet(*cls.nargs); no
    evalf (evaluate is False), ``_sympify`` returns it. The same here, nargs being the class's
    FiniteSet made once (immutable). Function.__new__ costs ~80 us after clear_cache (cacheit,
    sympify, FiniteSet). (tests/test_series_points.py compares objects, __dict__ and facts.)
    """
    obj = sp.Basic.__new__(cls, arg)
    obj.nargs = _NARGS[cls]
    return obj


# each class's nargs, as Application.__new__ sets it on an instance (FiniteSet(1); log: FiniteSet(1, 2))
_NARGS = {cls: cls(sp.Integer(2), evaluate=False).nargs
          for cls in (sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh, sp.exp, sp.erf)}


def _square_free(n: int) -> bool:
    """Whether 2 <= n < 2**20 has no square factor (SymPy's sqrt(n) then stays Pow(n, 1/2))."""
    if not 2 <= n < 1 << 20:
        return False
    d = 2
    while d * d <= n:
        if n % (d * d) == 0:
            return False
        d += 1
    return True


def _rational(arg: object) -> sp.Rational:
    if isinstance(arg, se.Integer):
        return sp.Integer(int(arg))
    p, q = arg.get_num_den()
    return sp.Rational(int(p), int(q))
