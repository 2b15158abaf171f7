"""SymPy objects for the constants of an expansion at a point, without SymPy's evaluation.

At (1, 2, 3) the coefficients of exp(x*y)*sin(x+z) hold exp(2), sin(4), cos(4). Converting
SymEngine's sin(4) to SymPy runs ``sin.eval``, which after ``clear_cache`` rebuilds 4/I
and its assumptions: ~0.2-0.4 ms a constant, more than all of Maxima's ``taylor`` at order 2.
For a function of a positive rational these evaluations can only leave the object as it
is (they rewrite 0, 1, negatives, multiples of pi or I, exp of a log ...), so it is built
unevaluated: the same object (tests/test_series_points.py compares them with SymPy's own
conversion). The same for an integer power of exp(q), which SymPy folds into exp(k q).

>>> import symengine as se
>>> leaf(se.sin(4)) == sp.sin(4), leaf(se.exp(2)), power(sp.exp(2, evaluate=False), 3)
(True, exp(2), exp(6))
"""

from __future__ import annotations

import symengine as se
import sympy as sp

from . import constants_real
from .guard import LIMIT_BITS  # check_size's limit, in bits
# (in constants_real.py, by size; imported here for the modules and tests that take them from constants)
from .constants_real import _EVERYWHERE, _REAL, _positive_sum, _real_sum, _small, real_and_small  # noqa: F401
from .constants_sums import exp_of_power, function_of_sum
from .constants_sums import power as sums_power
from .constants_build import (_NARGS, _POWERED, _from_ints, _ints, _plain_power, _rational,  # noqa: F401
                              _square_free, power, unevaluated)

_LATE: tuple | None = None  # (convert.to_sympy, exp_sums.exp_sum) once imported


def _late() -> tuple:
    """(convert.to_sympy, exp_sums.exp_sum), imported on first use (convert imports this module): an
    import statement in a function costs ~1.5-4 us a call, several calls an expansion."""
    global _LATE
    if _LATE is None:
        from .convert import to_sympy
        from .exp_sums import exp_sum
        _LATE = (to_sympy, exp_sum)
    return _LATE


# SymEngine's function class -> SymPy's, for a positive rational argument (log: an integer >= 2;
# atan: other than 1, whose value pi/4 SymEngine gives already)
_FUNCTIONS = {type(se.sin(2)): sp.sin, type(se.cos(2)): sp.cos, type(se.tan(2)): sp.tan,
              type(se.atan(2)): sp.atan, type(se.log(2)): sp.log,
              type(se.sinh(2)): sp.sinh, type(se.cosh(2)): sp.cosh, type(se.erf(2)): sp.erf}
_RATIONAL = (se.Integer, se.Rational)


def leaf(value: object) -> sp.Expr | None:
    """SymPy's object for a SymEngine constant f(q) or exp(q), q rational; None for anything else."""
    # (SymEngine's ==, <, > build Python objects, ~0.4-2 us each: numbers are read as ints, and pi
    # and E by their SymEngine classes, the only ones that hold them)
    cls = _FUNCTIONS.get(type(value))
    if cls is not None:
        (arg,) = value.args
        if not isinstance(arg, _RATIONAL):
            if cls is sp.log and isinstance(arg, se.Add):
                return _log_of_sum(arg)
            return _nested(cls, arg)
        p, q = _ints(arg)
        if p <= 0:
            if cls is sp.atan and p < 0 and not (p == -1 and q == 1):
                # SymEngine keeps atan(-q); SymPy's atan.eval takes the sign out first
                # (could_extract_minus_sign: -atan(q), before its table, which it rebuilds after
                # clear_cache: ~3 ms) and atan(q) stays as it is (below): Mul(-1, atan(q)),
                # what Mul.flatten makes of (-1, atan(q)).
                return sp.Mul._from_args((sp.S.NegativeOne, unevaluated(sp.atan, _from_ints(-p, q))), True)
            return None
        if cls is sp.log and (q != 1 or p < 2) or cls is sp.atan and p == 1 and q == 1:
            return None
        return unevaluated(cls, _from_ints(p, q))
    if isinstance(value, se.Pow):
        base, arg = value.args
        kind, rational = type(base), isinstance(arg, _RATIONAL)
        if kind is _SE_PI:
            if rational and _ints(arg)[1] <= 2 and _ints(arg) not in ((0, 1), (1, 1)):
                # pi**(-1/2) (erf's 2/sqrt(pi)), pi**(-1) (its square), pi**(-3/2) (their product): Pi has
                # no _eval_power, so an exponent but 0 and 1 leaves Pow(pi, e) as it is (integers and
                # halves here, the powers of 1/sqrt(pi); others left to SymPy, tests/test_convert_leaves.py)
                return _plain_power(sp.pi, arg)
            return None
        if rational and _ints(arg) == (1, 2) and isinstance(base, se.Integer) and _square_free(int(base)):
            return _plain_power(sp.Integer(int(base)), arg)  # sqrt(17) (sqrt(50): constants_roots.py)
        if isinstance(base, se.Add):
            if rational and _ints(arg)[0] != 0 and _ints(arg) != (1, 1):
                return _power_of_sum(base, arg)
            return None
        if kind is _SE_E:
            if rational:
                p, q = _ints(arg)
                if p != 0 and not (p == 1 and q == 1):
                    return unevaluated(sp.exp, _from_ints(p, q))
            elif isinstance(arg, se.Mul):
                return _exp_of_product(arg)
            elif isinstance(arg, se.Add) or type(arg) in _FUNCTIONS or isinstance(arg, se.Pow) or type(arg) is _SE_E:
                return _exp_of_sum(arg)  # exp(-9 - erf(3)), exp(sinh(1)), exp(sin(2)**2), exp(E)
    return None


_SE_PI, _SE_E, _SE_ATAN = type(se.pi), type(se.E), type(se.atan(2))


# factors g(...) of r*g(...)**n under exp (``_exp_of_product``): classes ``leaf`` builds, none a log
_FACTOR = (sp.sin, sp.cos, sp.tan, sp.atan, sp.sinh, sp.cosh, sp.erf, sp.exp)


def _exp_of_product(arg: object) -> sp.Expr | None:
    """exp(-atan(2/3)**2) (erf's derivative at a point): exp of r*g(c)**n, r rational, unevaluated.

    exp.eval of the Mul A = r*G (G = g(c) or g(c)**n, n an integer >= 2, built by ``leaf``, no log
    anywhere in it, no I, pi, Float, oo): no Matrix, exp_is_pow is off, A is no Number, zoo, log,
    AccumBounds or SetExpr; in the Mul branch ``as_coefficient(pi*I)`` is None (A holds no I:
    extract_multiplicatively finds no factor to divide), ``as_coeff_Mul()`` is (r, G), r finite,
    and the one factor G is no log after ``logcombine`` (which rewrites only sums and products
    holding logs), so whether comparable or not it returns None. Function.__new__ then evalfs
    only a Float or a sum with one (``_should_evalf`` of a Mul is -1). SymPy's own conversion
    costs ~0.7 ms after clear_cache. (tests/test_constants_erf_exp.py compares with it.)
    """
    to_sympy = _late()[0]

    inner = to_sympy(arg) if _SCOPE is None else to_sympy(arg, _SCOPE[0], None, _SCOPE[1])
    if type(inner) is not sp.Mul or len(inner.args) != 2:
        return None
    r, g = inner.args
    if type(g) is sp.Pow and type(g.args[0]) is sp.Add:
        return exp_of_power(inner)
    if not r.is_Rational:
        return None
    if type(g) is sp.Pow:
        g, n = g.args
        if not n.is_Integer or n < 2:
            return None
    if type(g) not in _FACTOR or g.has(sp.log, sp.pi, sp.I, sp.E):
        return exp_of_power(inner)  # exp(-(-log(4) + log(85))**2): of a power of a real sum (constants_sums.py)
    return unevaluated(sp.exp, inner)


def _exp_of_sum(arg: object) -> sp.Expr | None:
    """exp(-9 - erf(3)), exp(-1 + erf(1)) (SymEngine's fold of exp(-9)*exp(-erf(3))): exp of a sum, unevaluated;
    exp(sinh(1)), exp(sin(2)**2) likewise (one such term: only exp.eval's last test applies to it).

    exp.eval of an Add A whose terms are nonzero rationals, function applications of ``_FACTOR``
    classes (or integer powers of them) or E, or such a product times a rational, with no log, pi,
    I or Float anywhere (``_plain``): A is no Matrix, Number, zoo, log, AccumBounds, SetExpr or
    Mul; its Add branch calls exp(a) for each term a other than 1: a rational stays exp(a) (not
    0, not 1); a product r*G stays exp(r*G) as in ``_exp_of_product`` (no I: as_coefficient(pi*I)
    is None; no log factor: its loop returns None whether comparable or not); any other term
    (an application or a power) reaches ``a.is_zero``, which SymPy cannot make True of a
    nonzero real number (every term here is one: f(q) of a nonzero q, their nonzero powers; E is
    a NumberSymbol, no Number: exp(E) reaches the same test).
    No term leaves exp or changes, so ``out or argchanged`` is False, and ``A.is_zero`` (the
    last test) is not True either: Add._eval_is_zero returns None when every term is nonzero,
    and the sign is decided by evalf, never both non-positive and non-negative for a sum whose
    value has significance (and None without). No Float: Function.__new__ does not evalf.
    A term may also be sqrt(n) or r*sqrt(n), n square-free (``_square_root``): a nonzero real number,
    no log, pi, I or Float in it, no log after logcombine: the same steps leave exp of it as it is.
    SymPy's own conversion (Exp1._eval_power, exp.eval and the assumptions it asks) costs
    ~0.5-1 ms after clear_cache. (tests/test_nested_constants.py compares with it.)
    """
    to_sympy = _late()[0]

    inner = to_sympy(arg) if _SCOPE is None else to_sympy(arg, _SCOPE[0], None, _SCOPE[1])
    if type(inner) is sp.Add:
        terms = inner.args
    elif inner.is_Rational or type(inner) is sp.Mul:
        return None
    elif type(inner) is sp.Pow and type(inner.args[0]) is sp.Add:
        return exp_of_power(inner)  # exp((-log(4) + log(85))**2) (constants_sums.py)
    else:  # one term, exp(sinh(1)) or exp(sin(2)**2): only exp.eval's last test, ``inner.is_zero``, applies
        terms = (inner,)
    for term in terms:
        if term.is_Rational:
            continue
        if type(term) is sp.Mul:
            factors = term.args
            if factors[0].is_Rational:
                factors = factors[1:]
        else:
            factors = (term,)
        for factor in factors:
            if _square_root(factor):  # exp(sqrt(37)), exp(1 - 2*sqrt(3))
                continue
            if type(factor) is sp.Pow:
                factor, n = factor.args
                if not n.is_Integer or n.p < 2:
                    return None
            if factor is not sp.S.Exp1 and (type(factor) not in _FACTOR or not _plain(factor.args[0])):
                return None
    return unevaluated(sp.exp, inner)


def _square_root(value: sp.Expr) -> bool:
    """Whether ``value`` is sqrt(n), n >= 2 square-free (``_plain_power``'s): exp(sqrt(122)) is, for
    ``_exp_of_sum``, a term as f(q) is: nonzero and real, no log, pi, I or Float in it; as a factor
    of r*sqrt(n), no log after logcombine (a Pow), no I coefficient."""
    return (type(value) is sp.Pow and value.args[1] is sp.S.Half and value.args[0].is_Integer
            and _square_free(value.args[0].p))


def _plain(value: sp.Expr) -> bool:
    """Whether ``value`` is a rational or E, or a function of ``_FACTOR`` of such a value (no log, pi, I, Float)."""
    while not value.is_Rational and value is not sp.S.Exp1:
        if type(value) not in _FACTOR:
            return False
        value = value.args[0]
    return True


# f(g(...)) where f's eval can only leave it as it is (below): f and g among these
_OUTER = (sp.sin, sp.cos, sp.sinh, sp.cosh, sp.atan, sp.erf)
# (log: none of the outer functions' eval has a rule for a log; sin(log(17)) at x = 2 of sin(log(1 + x**4))
# cost ~1 ms through SymPy's constructors, most of it log.eval and the assumptions it asks)
# (erf likewise: atan(erf(1)) went through atan.eval's table, ~5 ms after clear_cache)
_INNER = (sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.exp, sp.log, sp.erf)
# sinh/cosh.eval rewrite no atan (only asinh/acosh/atanh/acoth); atan.eval rewrites tan and cot only
_INNER_OF = {sp.sinh: _INNER + (sp.atan,), sp.cosh: _INNER + (sp.atan,),
             sp.atan: (sp.sin, sp.cos, sp.sinh, sp.cosh, sp.exp, sp.atan, sp.log, sp.erf),
             sp.erf: _INNER + (sp.atan,)}


def _nested(cls: type, arg: object) -> sp.Expr | None:
    """sinh(sinh(4)), cos(exp(2)) ...: f of a constant that ``leaf`` builds as a function, unevaluated.

    For an argument that is such a function application g(c) (not a Number, Add, Mul, pi or
    I*something; not an inverse function), sin/cos/sinh/cosh.eval can only return it unevaluated:
    its number branch, AccumBounds/SetExpr branch and ComplexInfinity do not apply,
    ``could_extract_minus_sign`` is Expr's False, ``_imaginary_unit_as_coefficient`` is None (no I),
    ``_pi_coeff`` None (not pi, not a Mul), ``_peeloff_(i)pi`` is for an Add, and the inverse
    function rewrites (sin(atan(x)), cosh(asinh(x)) ...) need asin/acos/atan/acot/acsc/asec/atan2
    or asinh/acosh/atanh/acoth: none is in ``_INNER``. What is left is ``arg.is_zero``, which
    SymPy cannot prove of these (sin(4) != 0: |4 - k pi| > 0, and so on down): when it is
    not True, eval returns None. (tests/test_series_points.py compares with SymPy's conversion.)

    sinh/cosh of atan(q) too: their eval's inverse rewrites are asinh/acosh/atanh/acoth only.
    atan of g(c) (exp(-6), sinh(atan(9)) ..., no tan): atan.eval's number branch and AccumBounds do
    not apply, ``could_extract_minus_sign`` is False, ``arg in _atan_table()`` compares structurally
    with algebraic numbers (no function application is one; building that table after clear_cache
    costs ~5 ms), no I coefficient, is_zero not True, and it rewrites only tan and cot.
    (tests/test_onevar_constants_shared.py compares with SymPy's conversion.)

    erf of g(c) (erf(atan(2/3)): SymEngine's own conversion builds atan(2/3) through atan.eval and
    its table, ~5 ms after clear_cache): erf.eval's Number branch does not apply, g(c) is no
    erfinv, erfcinv or erf2inv, ``is_zero`` is not True (as above), ``extract_multiplicatively(I)``
    of a function application is None (Expr's last branch), ``could_extract_minus_sign`` is False.
    (tests/test_constants_erf_exp.py compares with SymPy's conversion.)
    """
    if cls not in _OUTER:
        return None
    if isinstance(arg, se.Add):  # erf(log(4) - log(85)), sin(-log(4) + log(85)) ... (constants_sums.py)
        to_sympy = _late()[0]
        return function_of_sum(cls, to_sympy(arg) if _SCOPE is None else to_sympy(arg, _SCOPE[0], None, _SCOPE[1]))
    if isinstance(arg, se.Mul) and len(arg.args) == 2 and arg.args[0] == _SE_MINUS_ONE:
        return _of_negated(cls, arg.args[1])
    if isinstance(arg, se.Mul) or isinstance(arg, se.Pow) and isinstance(arg.args[0], se.Integer):
        return _of_root(cls, arg)
    inner = _inner_leaf(cls, arg)
    if inner is None:
        if type(arg) is _SE_ATAN:
            return _of_negative_atan(cls, arg)
        return None
    return unevaluated(cls, inner)


def _of_negative_atan(cls: type, arg: object) -> sp.Expr | None:
    """sinh(atan(-4)): SymEngine keeps atan(-4), whose SymPy value (``leaf``) is -atan(4); cls of it is
    -cls(atan(4)) (odd) or cls(atan(4)) (cos, cosh), as ``_of_negated`` argues for -g(c): each eval takes
    ``could_extract_minus_sign`` (a Mul with -1 first) before anything else that could apply, and
    cls(atan(4)) is ``_nested``'s case where atan is allowed inside cls. (~0.5 ms through sinh.eval.)"""
    value = leaf(arg)
    if type(value) is not sp.Mul or len(value.args) != 2 or value.args[0] is not sp.S.NegativeOne:
        return None
    g = value.args[1]
    if type(g) is not sp.atan or sp.atan not in _INNER_OF.get(cls, _INNER):
        return None
    inner = unevaluated(cls, g)
    return sp.Mul._from_args((sp.S.NegativeOne, inner), True) if cls in _ODD else inner


def _inner_leaf(cls: type, arg: object) -> sp.Expr | None:
    """``leaf(arg)`` where it is one of the functions ``_INNER_OF`` allows inside ``cls``, or E itself; else None.

    E (sin(exp(x**2)) at x = 1: sin(E)) is no Number, no sum, no product, holds no I and is no
    multiple of pi, and SymPy cannot find it zero: each eval above returns None for it as for g(c)
    (atan's table holds algebraic numbers only). (tests/test_constants_of_e.py compares with SymPy's.)
    """
    if type(arg) is _SE_E:
        return sp.S.Exp1
    inner = leaf(arg)
    return inner if inner is not None and type(inner) in _INNER_OF.get(cls, _INNER) else None


_SE_MINUS_ONE = se.Integer(-1)
_ODD = (sp.sin, sp.sinh, sp.atan, sp.erf)


def _of_negated(cls: type, arg: object) -> sp.Expr | None:
    """atan(-erf(1)) (SymEngine keeps atan's minus sign): -atan(erf(1)), as SymPy has it.

    Before anything that could apply to -g(c) (a Mul: no Number, zoo, AccumBounds), each of these
    evals takes ``could_extract_minus_sign`` (True: the coefficient is -1) and returns -cls(g(c)),
    odd functions, or cls(g(c)), cos and cosh; cls(g(c)) is ``_nested``'s case, and the minus sign
    is SymPy's own negation of it. (atan(-erf(1)) cost ~3 ms there: atan.eval's table after clear_cache.)
    """
    inner = _inner_leaf(cls, arg)
    if inner is None:
        return None
    value = unevaluated(cls, inner)
    return -value if cls in _ODD else value


def _of_root(cls: type, arg: object) -> sp.Expr | None:
    """atan(sqrt(17)/4), sinh(sqrt(2)): f of r*sqrt(n), r > 0 rational, n >= 2 square-free, unevaluated.

    Such an argument (``leaf``'s sqrt(n), times r) is a positive irrational algebraic number,
    no Number, Add, I multiple or pi multiple: sin/cos/sinh/cosh.eval find no number, no minus sign
    to extract (a positive coefficient), no I coefficient, no pi coefficient (``_pi_coeff``:
    ``coeff(pi)`` is 0), no sum to peel, ``is_zero`` False, and no inverse function inside: None.
    atan.eval likewise, its table holding r*sqrt(n) only for n = 3 (sqrt(3), sqrt(3)/3: left to
    it); erf.eval: no erfinv, no I factor, no minus sign. No Float: Function.__new__ does not
    evalf. (tests/test_nested_constants.py compares with SymPy's conversion.)
    """
    to_sympy = _late()[0]

    inner = to_sympy(arg) if _SCOPE is None else to_sympy(arg, _SCOPE[0], None, _SCOPE[1])
    root = inner
    if type(inner) is sp.Mul:
        if len(inner.args) != 2 or not inner.args[0].is_Rational or inner.args[0].p <= 0:
            return None
        root = inner.args[1]
    if type(root) is not sp.Pow or root.exp is not sp.S.Half:
        return None
    n = root.base
    if not (n.is_Integer and _square_free(n.p)) or cls is sp.atan and n.p == 3:
        return None
    return unevaluated(cls, inner)


def _log_of_sum(arg: object) -> sp.Expr | None:
    """log(1 + log(5)**2): log of a sum that ``_positive_sum`` proves positive, unevaluated.

    log.eval of such an Add returns None: it is no Number, exp, Pow of E, AccumBounds or
    SetExpr; is_negative and is_zero are False (positive); as_coefficient(I) is skipped for
    an Add; and where SymPy finds it algebraic, the branch that follows splits off its I
    part, which is 0 (no I in it): no return. No Float in it, so Function.__new__ does not
    evalf. (SymPy's own conversion costs ~3 ms after clear_cache, asking for its sign.)
    """
    to_sympy = _late()[0]

    inner = to_sympy(arg) if _SCOPE is None else to_sympy(arg, _SCOPE[0], None, _SCOPE[1])
    if type(inner) is not sp.Add or not _positive_sum(inner, LIMIT_BITS):
        return None
    return unevaluated(sp.log, inner)




def _power_of_sum(base: object, arg: object) -> sp.Expr | None:
    """(1 + log(5)**2)**(-1), sqrt(1 + sinh(1)**2): a rational power of a sum ``_positive_sum`` proves positive.

    Pow.__new__(b, e), e a Rational other than 0, 1: e is no Infinity, ComplexInfinity, NaN or
    AccumBounds; e == -1 with a falsy b does not apply (b is a sum); b is no Mul or Number (the
    sign rule) and not One; e is an Atom (no rewrite as E**...); Add._eval_power returns None:
    its two-term branch asks for an infinite term (none: each is real_and_small) and its
    number branch needs ``pure_complex(b)``, None without I. So Expr.__new__, no constructor
    postprocessor (none is registered for Add or Rational), and is_commutative.
    """
    to_sympy, exp_sum = _late()

    memo = {} if _SCOPE is None else _SCOPE[0]
    inner = memo.get(base)
    if inner is None:  # 1 + 2*exp(9) + exp(18) directly (exp_sums.py), else the general conversion
        inner = exp_sum(base, memo)
        if inner is not None:
            memo[base] = inner
        else:
            inner = to_sympy(base) if _SCOPE is None else to_sympy(base, _SCOPE[0], None, _SCOPE[1])
    if type(inner) is not sp.Add:
        return None
    if not _positive_sum(inner, LIMIT_BITS):  # (-log(4) + log(85))**2: any real sum (constants_sums.py)
        return sums_power(inner, _rational(arg))
    obj = sp.Expr.__new__(sp.Pow, inner, _rational(arg))
    obj.is_commutative = True
    return obj


# SymEngine -> SymPy conversions of the sums under powers and logs (and of their parts), shared by
# the leaves of one job (``shared``): 1/(1 + 2*exp(9) + exp(18)), 1/(1 + 3*exp(9) + ...) convert
# exp(9), exp(18) ... once, and sort their terms with one memo of sort keys (sortkey.sort_args: the
# order SymPy's own sort gives, faster). Parts only: the caller's own memo and leaf vetting are untouched.
_SCOPE: tuple[dict, dict] | None = None  # (conversions, sort keys)


class shared:
    """Within ``with shared():`` the parts of sums under powers and logs are converted once.

    Scoped to one job: nothing survives it (a later job, after ``clear_cache``, starts afresh).

    >>> with shared():
    ...     leaf(se.Pow(1 + se.exp(9), -1)) == 1 / (1 + sp.exp(9))
    True
    """

    def __enter__(self) -> None:
        global _SCOPE
        self.saved, _SCOPE = _SCOPE, ({}, {})
        # (and constants_real._positive_sum's answers, by sum: the same sums asked for again; and
        # real_and_small's of the parts of sums, constants_real.FACTORS)
        self.seen, constants_real.SEEN = constants_real.SEEN, {}
        self.factors, constants_real.FACTORS = constants_real.FACTORS, {}

    def __exit__(self, *exc: object) -> None:
        global _SCOPE
        _SCOPE = self.saved
        constants_real.SEEN = self.seen
        constants_real.FACTORS = self.factors
