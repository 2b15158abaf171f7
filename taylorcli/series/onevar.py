"""The lean path of a one-variable expansion at a rational point with rational coefficients.

``expansion.expand`` of exp(sin(x)) to order 4 spent ~50 us in checks and dispatch
around a ~5 us chain of FLINT calls, more than Maxima's whole ``taylor`` (~25 us).
Here one walk of the expression (``univariate.walk``) gives the coefficients, the
expression's own symbol and the guard that ``guard.check_point`` would apply, and
the (powers, value) list is built as ``expansion._taylor`` builds it: the same
SymPy objects (tests/test_series_onevar.py compares them, and the derivative
engine's). Wherever this path cannot promise that, it answers None and the full
path decides, with its own errors and messages (an irrational constant, a
power too large for check_point, a pole, a coefficient too long to print).
One irrational factor is taken (``_one_function``): exp, sin, cos, sinh, cosh of
q*x + r, whose coefficients are rationals times f(c) or its cycle's functions at c;
any other shape with constants from the point (exp(3), sin(5), log(17), sqrt(17) ...)
goes to ``onevar_constants.taylor`` (coefficients in Q[constants]), the same objects again.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> taylor(sp.exp(sp.sin(x)), x, sp.Integer(0), 4)[0]
[((0,), 1), ((1,), 1), ((2,), 1/2), ((4,), -1/8)]
"""

from __future__ import annotations

import math
from math import gcd

import symengine as se
import sympy as sp
from flint import fmpq

from ..constants import _FUNCTIONS, _NARGS, unevaluated
from ..convert import to_sympy
from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from ..keyed import plain_displacement
from ..keyed_onevar import leaves as _leaves
from ..sortkey import NoKey, Stop, _plain_base
from ..sortkey_univariate import one_number
from . import onevar_closed, onevar_constants, onevar_fused, onevar_inner, onevar_sums, univariate
from .walk_doomed import polynomial_value as _polynomial_value
from .onevar_point import log_of as _log_of, offset_value, rational, value_at as _value_at
from .onevar_point import plain_rational  # noqa: F401 - expansion._one_variable reads it here
from .tps import Unsupported

_POWERS: list[tuple[sp.Integer]] = []  # (Integer(0),), (Integer(1),) ...: immutable, built once
_from_add = sp.Add._from_args
_compare = sp.Basic.compare


def _powers(k: int) -> list[tuple[sp.Integer]]:
    while len(_POWERS) <= k:
        _POWERS.append((sp.Integer(len(_POWERS)),))
    return _POWERS


def taylor(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int,
           polynomial: list | None = None) -> tuple[list[tuple[tuple[sp.Integer], sp.Rational]], sp.Symbol | None] | None:
    """(powers, value) for every non-zero term up to ``order`` >= 0, and the expression's own x; else None.

    ``polynomial``: where the series is rational, its ``Expansion.polynomial`` (in the own x) is appended to
    it, made in the same pass as the list (``onevar_fused``); nothing appended elsewhere."""
    if not a:  # exp(3*x), cos(x**2), sqrt(1 + 9*x**2) at 0: textbook coefficients in ints, no FLINT
        closed = onevar_closed.coefficients(expr, x, order)
        if closed is not None:
            found, own = closed
            made = onevar_fused.pairs(found, own, _POWERS if len(_POWERS) > order else _powers(order),
                                      polynomial is not None)
            if made is None:
                return None  # check_size refuses a coefficient: the full path says so
            if made[1] is not None:
                polynomial.append(made[1])
            return made[0], own
    offsets: set[int] = set()
    logs: dict[int, fmpq] = {}
    kind = type(expr)
    # exp, sin ... of q*x + r first: the walk fails on each (f(c) is irrational where c != 0, and
    # _one_function declines c == 0), so trying it first saves the failing walk
    one = kind in _CYCLES or (kind is sp.Mul and len(expr._args) == 2 and type(expr._args[1]) in _CYCLES)
    if one and not a and _vanishes((expr if kind in _CYCLES else expr._args[1])._args[0]):
        one = False  # cos(x**2) at 0: f(0) is rational, the walk's case (_one_function says None)
    if one:
        failed: list = []
        found = _one_function(expr, x, a, order, failed)
        if found is not None:
            if polynomial is not None:
                _leaf_polynomial(found, x, a, polynomial)
            return found
        if failed and kind in _CYCLES:  # its argument's walk failed: so would f's (below), offsets or not
            return onevar_constants.taylor(expr, x, a, order)
    if (kind is sp.Add or kind is sp.Mul) and onevar_sums.candidate(expr, a):  # cosh(x) + cos(x) at 2
        found = onevar_sums.taylor(expr, x, a, order)
        if found is not None:
            return found
    if a and _irrational_root(expr, x, a):  # sqrt(1 + 4*x**2), sin(exp(x**2)) at -1: the walk below fails there
        return onevar_constants.taylor(expr, x, a, order)
    try:
        series, own = univariate.walk(expr, x, a, order, guard=True, offsets=offsets, logs=logs)
    except (Unsupported, ArithmeticError, ValueError, RecursionError):  # an irrational constant, or no rule
        return onevar_constants.taylor(expr, x, a, order)
    value = None
    if id(expr) in offsets:  # an irrational constant term (atan(1) = pi/4): f(a) as the derivative engine has it
        c = logs.get(id(expr)) if kind is sp.log else None
        value = (_log_of(c) if c is not None else offset_value(expr, series[0], offsets, logs)) \
            or _value_at(expr, x, a)
        # (measured: faster here than onevar_constants, which gives the same)
        if value is None:
            return None
        series[0] = fmpq(0)
        if polynomial is not None and not value.is_Rational and (not value.is_Add or one_number(value)):
            # the list and the polynomial in one pass (sortkey_univariate.constant_sum's constants)
            found = onevar_fused.terms(series, x if own is None else own, a,
                                       _POWERS if len(_POWERS) > order else _powers(order), value)
            if found is None:
                return None  # check_size refuses a coefficient: the full path says so
            out, made = found
            out.insert(0, (_POWERS[0], value))
            if made is not None:
                polynomial.append(made)
            return out, own
    elif polynomial is not None:  # the list and the polynomial in one pass
        found = onevar_fused.terms(series, x if own is None else own, a,
                                   _POWERS if len(_POWERS) > order else _powers(order))
        if found is None:
            return None  # check_size refuses a coefficient: the full path says so
        out, value = found
        if value is not None:
            polynomial.append(value)
        return out, own
    powers = _POWERS if len(_POWERS) > order else _powers(order)
    out = onevar_fused.numbers(series, powers)  # (the singletons -1, 1, 1/2, else Integer's or Rational's object)
    if out is None:
        return None  # check_size refuses a coefficient: the full path says so
    if value is not None and value != 0:
        out.insert(0, (powers[0], value))
    return out, own


def _leaf_polynomial(found: tuple, x: sp.Symbol, a: sp.Rational, polynomial: list) -> None:
    """``_one_function``'s polynomial appended to ``polynomial`` (keyed_onevar.leaves: build's object, the terms
    being leaves or rationals times one), where x is plain; else nothing (expansion_polynomial builds it)."""
    own = x if found[1] is None else found[1]
    if type(own) is not sp.Symbol or not _plain_base(own):
        return
    for _, c in found[0]:
        if type(c) is sp.Add:
            return  # (sin(x**2) at 1: A*sin(1) + B*cos(1), keyed_onevar.build's sums)
    try:
        made = _leaves(found[0], own if not a else plain_displacement(own, a))
    except (NoKey, Stop):
        return
    if made is not None:
        polynomial.append(made)


def _irrational_root(expr: sp.Expr, x: sp.Symbol, a: sp.Rational) -> bool:
    """Whether expr, one of its terms, or a factor of either is u**(n/2) (sqrt(1 + 4*x**2)) whose base u is
    a polynomial in x with rational coefficients whose value at a is a positive rational and no square,
    or f(g(P)) (sin(exp(x**2))), f and g among ``_AWAY``, P such a polynomial not 0 at a: univariate.walk
    then raises NoSlot ("an irrational power", the guard's before it; "exp away from 0") on that node,
    which it walks whatever else it meets (~10 us of a failing walk saved). False says nothing."""
    for term in (expr._args if type(expr) is sp.Add else (expr,)):
        for factor in (term._args if type(term) is sp.Mul else (term,)):
            if type(factor) in _AWAY:  # sin(exp(x**2)): exp(P), P(a) != 0, raises NoSlot ("exp away from 0")
                inner = factor._args[0]
                if type(inner) in _AWAY:
                    c = _polynomial_value(inner._args[0], x, fmpq(int(a.p), int(a.q)), 0)
                    if c is not None and c:
                        return True
                continue
            if type(factor) is sp.Pow:
                base, e = factor._args
                if e.is_Rational and e.q == 2:
                    c = _polynomial_value(base, x, fmpq(int(a.p), int(a.q)), 0)
                    if c is not None and c > 0:
                        p, q = int(c.p), int(c.q)
                        if math.isqrt(p) ** 2 != p or math.isqrt(q) ** 2 != q:
                            return True
    return False


# univariate.walk's functions of a series that must vanish at the point (its _AT_ZERO), other than the
# offset ones (atan, asin, asinh, atanh: their constant may be added): away from 0, NoSlot
_AWAY = frozenset((sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh))


def _vanishes(arg: sp.Expr, depth: int = 0) -> bool:
    """Whether arg is 0 at 0 by its shape: a symbol, a positive integer power of what vanishes, a
    rational times it, sin, sinh, tan, atan or erf of it (sinh(x**2), sin(3*x)**2), a sum of such
    (False says nothing; a wrong True or False only chooses a route: each gives the same objects or None)."""
    if arg.is_Symbol:
        return True
    if depth > 8:
        return False
    kind = type(arg)
    if kind is sp.Mul:
        args = arg._args
        if len(args) != 2 or not args[0].is_Rational:
            return False
        return _vanishes(args[1], depth + 1)
    if kind is sp.Pow:
        base, n = arg._args
        return n.is_Integer and n.p > 0 and _vanishes(base, depth + 1)
    if kind in _ODD:
        return _vanishes(arg._args[0], depth + 1)
    if kind is sp.Add:
        return all(_vanishes(term, depth + 1) for term in arg._args)
    return False


_ODD = frozenset((sp.sin, sp.sinh, sp.tan, sp.atan, sp.erf))  # f(0) = 0



# f(q*x + r): the n-th derivative is q**n times the n-th of this cycle of functions at q*a + r, with its sign
_CYCLES = {sp.exp: ((se.exp, 1),), sp.sinh: ((se.sinh, 1), (se.cosh, 1)), sp.cosh: ((se.cosh, 1), (se.sinh, 1)),
           sp.sin: ((se.sin, 1), (se.cos, 1), (se.sin, -1), (se.cos, -1)),
           sp.cos: ((se.cos, 1), (se.sin, -1), (se.cos, -1), (se.sin, 1))}


def _linear(arg: sp.Expr, x: sp.Symbol) -> tuple[fmpq, fmpq, sp.Symbol] | None:
    """(q, r, arg's own x) for arg = x, q*x, r + x or r + q*x as SymPy stores them (the number
    first), q and r rational; None for any other shape (the walk then decides)."""
    found = _lead_number(arg, sp.Add)
    if found is None:
        return None
    r, arg = found
    found = _lead_number(arg, sp.Mul)
    if found is None:
        return None
    q, arg = found
    if r is None:
        r = fmpq(0)
    if q is None:
        q = fmpq(1)
    if type(arg) is not type(x) or not (arg is x or arg == x):
        return None  # another symbol, or x with other assumptions: the walk says
    return q, r, arg


def _lead_number(node: sp.Expr, cls: type) -> tuple[fmpq | None, sp.Expr] | None:
    """(its rational first argument, the other) of a two-argument ``cls`` node; (None, node) for a
    node of another class; None for any other shape of ``cls``."""
    if type(node) is not cls:
        return None, node
    if len(node._args) != 2 or not node._args[0].is_Rational:
        return None
    number, rest = node._args
    return fmpq(int(number.p), int(number.q)), rest


def _direct(value: se.Basic) -> sp.Expr | None:
    """constants.leaf's object for SymEngine's f(q), q rational (q > 0 for sin, cos, sinh, cosh; E**q
    for exp), by leaf's own last step (unevaluated(f, q)) without its general tests; None for
    anything else (to_sympy decides)."""
    kind = type(value)
    if kind is _SE_POW:
        base, arg = value.args
        if type(base) is not _SE_E:
            return None
        cls = sp.exp
    else:
        cls = _FUNCTIONS.get(kind)
        if cls not in _LEAVES:
            return None
        (arg,) = value.args
    if isinstance(arg, se.Integer):
        p, q = int(arg), 1
    elif isinstance(arg, se.Rational):
        p, q = arg.get_num_den()
        p, q = int(p), int(q)
    else:
        return None
    if p <= 0 and cls is not sp.exp or p == 0 or p == q:
        return None  # leaf's other branches, or SymEngine's own values (exp(0), E)
    return unevaluated(cls, rational(p, q))


_SE_POW, _SE_E = type(se.exp(se.Integer(2))), type(se.E)
_LEAVES = frozenset((sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh))  # f(rational): a commutative, unevaluated leaf


def _one_function(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int,
                  failed: list | None = None) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """exp, sin, cos, sinh or cosh of q*x + r, or a rational times it (-sin(2*x - 3)), at a rational point where q*a + r != 0: every coefficient
    is a rational times f(c) or its derivative's function at c = q*a + r (exp(-3), sin(1/3)). Each is
    converted as the derivative engine converts its value (SymEngine's product, convert.to_sympy), so
    it is the very object (tests/test_series_onevar.py). None for any other shape; ``failed`` gets an
    item where the argument's own walk raised (irrational constants in it: the walk of f(arg), which
    walks arg first, raises too, with or without offsets: f is no offset function).

    >>> x = sp.Symbol("x", real=True)
    >>> taylor(sp.exp(3*x), x, sp.Integer(-1), 2)[0]
    [((0,), exp(-3)), ((1,), 3*exp(-3)), ((2,), 9*exp(-3)/2)]
    """
    scale = fmpq(1)
    if type(expr) is sp.Mul:
        if len(expr.args) != 2 or not expr.args[0].is_Rational or type(expr.args[1]) not in _CYCLES:
            return None
        scale, expr = fmpq(int(expr.args[0].p), int(expr.args[0].q)), expr.args[1]
    linear = _linear(expr._args[0], x)
    if linear is not None:  # x, q*x, r + x, r + q*x: no walk
        q, r, own = linear
        c = q * fmpq(int(a.p), int(a.q)) + r
        if not order:
            q = fmpq(0)  # as the walk's series to order 0 has it
        inner = ()
    else:
        try:  # the argument to the same order: it must be exactly q*x + r up to it, q, r rational
            inner, own = univariate.walk(expr.args[0], x, a, order, guard=True)
        except (Unsupported, ArithmeticError, ValueError, RecursionError):
            if failed is not None:
                failed.append(True)
            return None
        c, q = inner[0], inner[1] if order else fmpq(0)
        if c and any(inner[d] for d in range(2, len(inner))):  # exp(x**2) at 2: onevar_inner
            return _composed(type(expr), inner, scale, order, own)
    if not c or (order and not q):
        return None  # f(0) is rational (the walk's case), or the argument is constant
    for number in (c, q, scale):  # guard.check_size's limit on the point's value
        if max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > _LIMIT:
            return None
    values = _plain_values(type(expr), c) or _engine_values(type(expr), c)
    if values is None:
        return None
    powers = _POWERS if len(_POWERS) > order else _powers(order)
    out = []
    append, cycle = out.append, len(values)
    new, Rational, Mul, half = object.__new__, sp.Rational, sp.Mul, sp.S.Half
    rational_assumptions, mul_assumptions = Rational.default_assumptions, Mul.default_assumptions
    # the factor scale * q**d / d! as Python ints (coprime, r > 0): no fmpq objects to read back
    p, r = int(scale.p), int(scale.q)
    qp, qq = int(q.p), int(q.q)
    for d in range(order + 1):
        if d:
            p, r = p * qp, r * qq * d
            g = gcd(p, r)
            if g != 1:
                p, r = p // g, r // g
        if (p if p > 0 else -p).bit_length() > _LIMIT or r.bit_length() > _LIMIT:
            return None  # check_size refuses it: the full path says so
        sign, leaf = values[d % cycle]
        n = p * sign
        # convert.to_sympy of SymEngine's (n/r) * leaf: mul([n/r, leaf]) is Mul(n/r, leaf) (one number,
        # not 0 or 1, one factor that is not a product and whose base is not a number); 1 * leaf is leaf
        # (is_commutative given: what Mul._from_args' fuzzy_and of the two would find, checked above)
        if n == 1 and r == 1:
            append((powers[d], leaf))
            continue
        if r == 1:
            number = rational(n, 1)
        elif n == 1 and r == 2:
            number = half
        else:  # Rational.from_coprime_ints(n, r), inlined (Expr.__new__ is Basic.__new__)
            number = new(Rational)
            number._assumptions, number._mhash, number._args, number.p, number.q = \
                rational_assumptions, None, (), n, r
        term = new(Mul)  # Mul._from_args((number, leaf), True), inlined
        term._assumptions, term._mhash, term._args = mul_assumptions, None, (number, leaf)
        term.is_commutative = True
        append((powers[d], term))
    return out, own


def _composed(kind: type, inner: list[fmpq], scale: fmpq, order: int,
              own: sp.Symbol | None) -> tuple[list[tuple[tuple[sp.Integer], sp.Expr]], sp.Symbol | None] | None:
    """``_one_function`` for an argument that is not linear (``onevar_inner.compose``), its terms
    built as ``_one_function`` builds them."""
    c = inner[0]
    for number in (c, scale):  # guard.check_size's limit on the point's value
        if max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > _LIMIT:
            return None
    values = _plain_values(kind, c)
    if values is None:
        return None
    found = onevar_inner.compose(kind, inner, scale, order, values)
    if found is None:
        return None
    powers = _POWERS if len(_POWERS) > order else _powers(order)
    out = []
    append, from_args = out.append, sp.Mul._from_args
    for d, parts in found:
        terms = []
        for r, leaf in parts:
            p, q = int(r.p), int(r.q)
            terms.append(leaf if p == 1 and q == 1 else from_args((rational(p, q), leaf), True))
        if len(terms) == 1:
            append((powers[d], terms[0]))
            continue
        # A*f(c) + B*f'(c): convert.add's object for SymEngine's sum (tested against it), its two
        # terms in SymPy's order (Add's _addsort: Basic.compare), distinct leaves never folding
        first, second = terms
        if _compare(first, second) > 0:
            first, second = second, first
        append((powers[d], _from_add((first, second), True)))
    return out, own


def _plain_values(kind: type, c: fmpq) -> list[tuple[int, sp.Expr]] | None:
    """``_engine_values`` where SymEngine keeps f(c) as f(|c|), up to its sign (c rational, not 0):
    exp(c) (E for c = 1: SymEngine's E converts to SymPy's E); sin, sinh odd (sin(-1/3) is
    -sin(1/3)); cos, cosh even; f(1) is f(Integer(1)) unevaluated as constants.leaf makes it.
    The leaves are made as ``_direct`` makes them, without SymEngine's call (~5 us per cycle)."""
    p, q = int(c.p), int(c.q)
    if p == 0:
        return None
    if kind is sp.exp:
        return [(1, sp.S.Exp1 if p == q else _leaf(sp.exp, rational(p, q)))]
    odd, other, four = _PARITY[kind]
    magnitude = rational(p if p > 0 else -p, q)
    first, second = _leaf(kind, magnitude), _leaf(other, magnitude)
    # f's sign and the other function's (odd: sin(-1/3) is -sin(1/3); the other is even, and so on)
    n1, n2 = (-1 if odd else 1, 1 if odd else -1) if p < 0 else (1, 1)
    if four is None:  # sinh, cosh: (f, 1), (other, 1)
        return [(n1, first), (n2, second)]
    # sin: (sin, 1), (cos, 1), (sin, -1), (cos, -1); cos: (cos, 1), (sin, -1), (cos, -1), (sin, 1)
    return [(n1, first), (four * n2, second), (-n1, first), (-four * n2, second)]


def _leaf(cls: type, arg: sp.Rational) -> sp.Expr:
    """constants.unevaluated(cls, arg)'s object, inlined (Basic.__new__(cls, arg), then nargs)."""
    obj = _object_new(cls)
    obj._assumptions, obj._mhash, obj._args = cls.default_assumptions, None, (arg,)
    obj.nargs = _NARGS[cls]
    return obj


_object_new = object.__new__
# f -> (f is odd, its cycle's other function, the sign of the other at the cycle's second place for a
# cycle of four (sin: cos, cos: -sin), None for a cycle of two)
_PARITY = {sp.sin: (True, sp.cos, 1), sp.cos: (False, sp.sin, -1), sp.sinh: (True, sp.cosh, None),
           sp.cosh: (False, sp.sinh, None)}



def _engine_values(kind: type, c: fmpq) -> list[tuple[int, sp.Expr]] | None:
    """(sign, SymPy object) of each function of the cycle at c, as SymEngine's f(c) converted by
    ``_direct`` or convert.to_sympy; None where it is not a number times a commutative leaf."""
    point = se.Rational(int(c.p), int(c.q))
    values = []  # (sign, SymPy object) of each function of the cycle at c: sin(-1/3) is -sin(1/3)
    converted: dict = {}  # by function: sin and cos come twice in their cycle, converted once
    try:
        for function, sign in _CYCLES[kind]:
            found = converted.get(function)
            if found is None:
                value, number = function(point), 1
                if isinstance(value, se.Mul):  # SymEngine's product: its number first
                    number, value = value.args
                    number = int(number)
                value = _direct(value) or to_sympy(value, {}, [])
                # convert.mul keeps (number, leaf) only for a commutative leaf that is neither a
                # product nor a number; f(rational) of these classes is one (no assumption query)
                if type(value) not in _LEAVES or not value._args[0].is_Rational:
                    if value.is_Mul or value.is_Number or not value.is_commutative:
                        return None  # not the shape built below
                found = converted[function] = (number, value)
            values.append((sign * found[0], found[1]))
    except Exception:  # noqa: BLE001 - whatever the conversion cannot do, the full path does
        return None
    return values
