"""f(a) where a one-variable walk found an irrational constant term (atan(1) = pi/4, log(2) ...).

``onevar.taylor`` asks for it as the derivative engine computes it (calculus.Differentiator:
SymEngine's subs and expand of the expression, then convert.to_sympy): the very object.
For atan(cos(x**2)) + sqrt(1 + x**2) at 0, order 2, this was ~60 us of a ~125 us expansion
(Maxima's taylor: ~45 us): ``sympy2symengine`` of the whole expression (~23 us, where
onevar_engine.engine_of, the same conversion, takes ~11 us), to_sympy of 1 + pi/4 through
its general route, then ``has`` and ``atoms`` walks over the value. Here the value's
terms that are rationals, pi, and constants.leaf's f(q) (alone or times a rational, as
SymEngine's expanded sum holds them) are converted by the same calls to_sympy makes
(constants.leaf, convert.mul, convert.add) and vetted as they are built: such a value has
no zoo, nan, oo or I, and only its rationals (and f's rational arguments) have sizes.
Anything else takes the general route, with its checks.
"""

from __future__ import annotations

import math
import re

import symengine as se
import sympy as sp
from flint import fmpq

from ..constants import leaf, unevaluated
from ..convert import add, mul, to_sympy
from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from .onevar_engine import engine_of

_SIGNS = (sp.S.NegativeOne, sp.S.Zero, sp.S.One)
_from_coprime = sp.Rational.from_coprime_ints
_new = sp.Expr.__new__
_Integer = sp.Integer
_from_mul, _from_add = sp.Mul._from_args, sp.Add._from_args
_SE_MINUS, _SE_ATAN = se.Integer(-1), type(se.atan(se.Integer(2)))
_SE_PI, _SE_RATIONAL, _SE_INTEGER = type(se.pi), se.Rational, se.Integer
_SE_ADD, _SE_MUL = se.Add, se.Mul
_ONE = se.Integer(1)
# constants.leaf's f(q) (unevaluated, q rational): no zoo, nan, oo or I in them
_LEAF_CLASSES = frozenset((sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh, sp.erf, sp.exp))


def rational(p: int, q: int) -> sp.Rational:
    """``Rational(p, q)``'s object for coprime p, q > 0, without SymPy's cache (engine.exact_rational's, uncached)."""
    # (Rational.from_coprime_ints and Expr.__new__ inlined: Basic.__new__'s three fields, then p and q)
    if q != 1:
        if p == 1 and q == 2:
            return _HALF
        value = _object_new(_Rational)
        value._assumptions, value._mhash, value._args, value.p, value.q = _RATIONAL_ASSUMPTIONS, None, (), p, q
        return value
    if -1 <= p <= 1:
        return _SIGNS[p + 1]
    value = _object_new(_Integer)
    value._assumptions, value._mhash, value._args, value.p = _INTEGER_ASSUMPTIONS, None, (), p
    return value


_object_new, _Rational, _HALF = object.__new__, sp.Rational, sp.S.Half
_RATIONAL_ASSUMPTIONS, _INTEGER_ASSUMPTIONS = sp.Rational.default_assumptions, sp.Integer.default_assumptions


def log_of(c: fmpq) -> sp.Expr | None:
    """``value_at`` of log(g) where the walk found g(a) = c, a positive rational other than 1:
    SymEngine's log(c) converted, what its subs would build from the same number (log(5),
    -log(16) + log(17) for 17/16) without converting and substituting the whole expression.
    None where that is not sure (then value_at)."""
    p, q = int(c.p), int(c.q)
    if p <= 0 or p == q or p.bit_length() > _LIMIT or q.bit_length() > _LIMIT:
        return None  # log(1) = 0 and the others: value_at's checks decide
    if q == 1:
        # SymEngine keeps log(n) of an integer n >= 2 as it is (log(4), log(2**70): no factoring),
        # and to_sympy makes it log(Integer(n)) unevaluated (constants.leaf): built here the same way
        return unevaluated(sp.log, rational(p, 1))
    # SymEngine's log(p/q) is log(p) - log(q) (no factoring: log(16), log(4) - log(9)), and
    # to_sympy makes it Add(Mul(-1, log(q)), log(p)) (Mul before the function: SymPy's class
    # order), or Mul(-1, log(q)) for p = 1: built here the same way, without SymEngine and
    # convert (~60 us). tests/test_onevar_small.py compares them with to_sympy's objects.
    minus = _from_mul((sp.S.NegativeOne, unevaluated(sp.log, rational(q, 1))), True)
    if p == 1:
        return minus
    return _from_add((minus, unevaluated(sp.log, rational(p, 1))), True)


def value_at(expr: sp.Expr, x: sp.Symbol, a: sp.Rational) -> sp.Expr | None:
    """f(a) as calculus.Differentiator.value_at computes it (SymEngine's subs and expand, then
    convert.to_sympy): the very object the derivative engine gives. None where it is not a
    finite real number that the full path would accept without asking more."""
    try:
        memo: dict = {}
        engine = se.expand(engine_of(expr, memo).subs({engine_of(x, memo): engine_of(a, memo)}) * _ONE)
        value = plain_value(engine)
        if value is not None:
            return value  # vetted as it was built
        value = to_sympy(engine, {}, [])
    except Exception:  # noqa: BLE001 - whatever SymEngine cannot do, the full path does
        return None
    return _vetted(value)


def _vetted(value: sp.Expr) -> sp.Expr | None:
    """value, if finite, real and within guard.check_size's limit; else None."""
    if value.is_Rational:
        return value  # (as before: a lone rational of any size; the caller's own checks follow)
    # Real by construction (the walk took atan, asinh of rationals, log, asin, atanh inside their
    # domains: guard.not_real would say so at a cost of ~100 us); SymEngine's undefined values only.
    if value.has(sp.zoo, sp.nan, sp.oo, sp.S.NegativeInfinity, sp.I):
        return None
    if not rationals_fit(value):  # guard.check_size's limit
        return None
    return value


def rationals_fit(value: sp.Expr) -> bool:
    """Whether every rational in value (``value.atoms(sp.Rational)``'s, by a plain walk of the args,
    without atoms' preorder_traversal and set: ~5 us) is within guard.check_size's limit."""
    stack = [value]
    pop, push = stack.pop, stack.extend
    while stack:
        node = pop()
        if node.is_Rational:
            if not _fits(node):
                return False
        else:
            push(node._args)
    return True


def _fits(number: sp.Rational) -> bool:
    return max(abs(number.p).bit_length(), number.q.bit_length()) <= _LIMIT


# The walk's offset leaves (univariate._OFFSET, log) and SymEngine's function of each
_ENGINE_FUNCTIONS = {sp.atan: se.atan, sp.asinh: se.asinh, sp.asin: se.asin, sp.atanh: se.atanh, sp.log: se.log}


def offset_value(expr: sp.Expr, rest: fmpq, offsets: set[int], values: dict[int, fmpq]) -> sp.Expr | None:
    """``value_at``'s object from the walk of ``expr`` (univariate.walk with ``offsets`` and ``logs``):
    f(a) is ``rest`` (the rational part, its series' constant term) plus rational multiples of the
    offset leaves' values g(u0) (atan(1), log(5)), which the walk only adds or scales (a node with an
    offset argument that does neither raised NoSlot). SymEngine's expanded sum of those is its
    expanded value of the whole substituted expression: its every other node is a rational at the
    point, which SymEngine's subs evaluates to the same rational (sqrt(9/4) is 3/2, cos(0) is 1),
    and an expanded sum is kept in one canonical form. Converted by ``plain_value``; None where
    it is not of that shape (``value_at`` then computes it, converting the whole expression).
    """
    found = log_sum(expr, rest, offsets, values)
    if found is not None:
        return found
    terms = [se.Rational(int(rest.p), int(rest.q))]

    def gather(e: sp.Expr, scale: object) -> bool:
        u0 = values.get(id(e))
        if u0 is not None:
            function = _ENGINE_FUNCTIONS.get(type(e))
            if function is None:
                return False
            value = function(se.Rational(int(u0.p), int(u0.q)))
            terms.append(value if scale is None else scale * value)
            return True
        kind = type(e)
        if kind is sp.Add:
            return all(gather(arg, scale) for arg in e._args if id(arg) in offsets)
        if kind is sp.Mul and len(e._args) == 2 and e._args[0].is_Rational and id(e._args[1]) in offsets:
            number = e._args[0]
            number = se.Rational(int(number.p), int(number.q))
            return gather(e._args[1], number if scale is None else scale * number)
        return False

    try:
        if not gather(expr, None):
            return None
        return plain_value(se.expand(se.Add(*terms)))
    except Exception:  # noqa: BLE001 - whatever SymEngine cannot do, value_at decides
        return None


def log_sum(expr: sp.Expr, rest: fmpq, offsets: set[int], values: dict[int, fmpq]) -> sp.Expr | None:
    """``offset_value``'s object where every offset leaf is log(g) (g(a) a positive rational other than 1)
    or atan(g) (g(a) a rational other than 0): 1 + log(2) for log(1 + (x + 1)**2) + cos(x**2) at 0,
    atan(2) for atan(x + 2) at 0, built without SymEngine (~5-10 us).

    SymEngine's log(p/q) is log(p) - log(q) (log(n) of an integer kept as it is: log(4), no factoring);
    its atan(1) is pi/4, atan(-1) -pi/4, atan(q) of any other rational atan(q) as it is (atan(-2) too);
    its expanded sum collects like terms (the same log(n), atan(q), pi) and drops zeros. ``plain_value``
    converts each term (log(n), atan(q) unevaluated; c*f(q) as Mul(c, f(q)); -atan(-q) as atan(q);
    SymEngine's atan(-q) as constants.leaf's Mul(-1, atan(q)), times c through convert.mul) and joins
    them (``add``: the numbers first, the rest in SymPy's order, whatever SymEngine's). The same here
    from the rationals. None for any other leaf, a number past the size limit, or no constant left
    (``offset_value``'s own route decides); tests/test_disc16_offsets.py compares with it."""
    logs: dict[int, fmpq] = {}
    atans: dict[tuple[int, int], fmpq] = {}
    pi: list = []

    def gather(e: sp.Expr, scale: fmpq) -> bool:
        u0 = values.get(id(e))
        if u0 is not None:
            p, q = int(u0.p), int(u0.q)
            kind = type(e)
            if kind is sp.log:
                if p <= 0 or p == q:
                    return False
                if p != 1:
                    logs[p] = logs.get(p, 0) + scale
                if q != 1:
                    logs[q] = logs.get(q, 0) - scale
                return True
            if kind is not sp.atan or not p:
                return False
            if q == 1 and (p == 1 or p == -1):
                pi.append(scale / 4 if p == 1 else -scale / 4)
            else:
                atans[(p, q)] = atans.get((p, q), 0) + scale
            return True
        kind = type(e)
        if kind is sp.Add:
            for arg in e._args:
                if id(arg) in offsets and not gather(arg, scale):
                    return False
            return True
        if kind is sp.Mul and len(e._args) == 2 and e._args[0].is_Rational and id(e._args[1]) in offsets:
            number = e._args[0]
            return gather(e._args[1], scale * fmpq(int(number.p), int(number.q)))
        return False

    if not gather(expr, fmpq(1)):
        return None
    parts = []
    if rest:
        number = _small(rest)
        if number is None:
            return None
        parts.append(number)
    for n, c in logs.items():
        if not c:
            continue
        number = _small(c)
        if number is None or n.bit_length() > _LIMIT:
            return None
        term = unevaluated(sp.log, rational(n, 1))
        parts.append(term if number is _SIGNS[2] else _from_mul((number, term), True))
    for (p, q), c in atans.items():
        if not c:
            continue
        number = _small(c)
        if number is None or (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
            return None
        if p > 0:
            term = unevaluated(sp.atan, rational(p, q))
            parts.append(term if number is _SIGNS[2] else _from_mul((number, term), True))
        elif number is _SIGNS[0]:  # -atan(-q): atan(q) (_negated_atan)
            parts.append(unevaluated(sp.atan, rational(-p, q)))
        else:  # SymEngine's atan(-q): leaf's Mul(-1, atan(q)), times c by convert.mul (_term's branch)
            term = _from_mul((_SIGNS[0], unevaluated(sp.atan, rational(-p, q))), True)
            parts.append(term if number is _SIGNS[2] else mul([number, term]))
    if pi:
        c = sum(pi[1:], pi[0])
        if c:
            number = _small(c)
            if number is None:
                return None
            parts.append(sp.pi if number is _SIGNS[2] else _from_mul((number, sp.pi), True))
    if len(parts) == (1 if rest else 0):
        return None  # no constant left (a rational, or 0): offset_value's route
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2 and rest and not parts[1].is_Add:
        return _from_add(parts, True)  # a number and one other term (plain_value's, its number first)
    return add(parts)  # plain_value's Add branch on the same parts


def _small(c: fmpq) -> sp.Rational | None:
    """``_number``'s object for a rational from its ints (None past the size limit)."""
    p, q = int(c.p), int(c.q)
    if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
        return None
    return rational(p, q)


def _number(term: se.Basic) -> sp.Rational | None:
    """to_sympy's object for a SymEngine rational within guard.check_size's limit; None for a larger one."""
    if type(term) is _SE_INTEGER:
        p, q = int(term), 1
    else:
        p, q = term.get_num_den()
        p, q = int(p), int(q)
    if (p if p > 0 else -p).bit_length() > _LIMIT or q.bit_length() > _LIMIT:
        return None
    return rational(p, q)


def _constant(term: se.Basic, alone: bool = False) -> sp.Expr | None:
    """to_sympy's object for pi or for constants.leaf's f(q) with q within the size limit (its
    unevaluated f(q), or Mul(-1, atan(q)) for SymEngine's atan(-q)); None for anything else.
    ``alone`` (a term of its own, not a factor): also leaf's other constants (sqrt(17),
    sinh(sinh(4)), log(1 + log(5)**2) ...), to_sympy's object for such a term, vetted by ``_vetted``."""
    if type(term) is _SE_PI:
        return sp.pi  # SymEngine's pi._sympy_()
    found = leaf(term)
    if found is None:
        return None
    inner = found._args[1] if type(found) is sp.Mul and len(found._args) == 2 \
        and found._args[0] is sp.S.NegativeOne else found
    if type(inner) not in _LEAF_CLASSES or len(inner._args) != 1 or not inner._args[0].is_Rational:
        return _vetted(found) if alone else None
    return found if _fits(inner._args[0]) else None


def _term(term: se.Basic) -> sp.Expr | None:
    """to_sympy's object for a number, a constant (``_constant``) or a rational times one; else None."""
    if isinstance(term, _SE_RATIONAL):  # an Integer too
        return _number(term)
    if type(term) is _SE_MUL:
        args = term.args
        if len(args) != 2 or not isinstance(args[0], _SE_RATIONAL):
            return None
        if type(args[1]) is _SE_ATAN and args[0] == _SE_MINUS:  # -atan(-q): atan(q)
            found = _negated_atan(args[1])
            if found is not None:
                return found
        number, constant = _number(args[0]), _constant(args[1])
        if number is None or constant is None:
            return None
        if type(constant) is sp.Mul or number.p == 0 or number.p == number.q:
            return mul([number, constant])  # to_sympy's Mul branch on the same converted parts
        # what mul([number, constant]) builds for a commutative leaf that is not a product and
        # whose base (pi; E for exp(q); f(q) itself) is not a number: Mul(number, leaf), unsorted
        return _from_mul((number, constant), True)
    return _constant(term, True)


def _negated_atan(atan: se.Basic) -> sp.Expr | None:
    """atan(q) for SymEngine's -atan(-q), q > 0 not 1 within the size limit (to_sympy's Mul(-1, Mul(-1, atan(q))) goes
    through Mul's flatten, ~40 us, to atan(q)); else None."""
    (arg,) = atan.args
    if not isinstance(arg, _SE_RATIONAL) or not arg < 0 or arg == _SE_MINUS:
        return None
    number = _number(-arg)
    return None if number is None else unevaluated(sp.atan, number)


def plain_value(engine: se.Basic) -> sp.Expr | None:
    """to_sympy's object for SymEngine's value that is a ``_term`` or a sum of them (1 + pi/4,
    log(5) + 2*atan(3), atan(6) - 1/2 where SymEngine holds -atan(-6)), each vetted (finite, real,
    within check_size's limit); else None (to_sympy decides, and value_at vets its object).
    (It took over session 10's ``plain_sum``: every sum that took within the size limit;
    tests/test_fixed_costs.py compares both with to_sympy.)"""
    if type(engine) is not _SE_ADD:
        return _term(engine)
    parts = []
    for term in engine.args:
        found = _term(term)
        if found is None:
            return None
        parts.append(found)
    if len(parts) == 2 and parts[0].is_Rational and parts[0].p and not parts[1].is_Number \
            and not parts[1].is_Add:
        # add(parts) for a number (not 0) and one other term: nothing to sort or combine
        return _from_add(parts)
    return add(parts)  # to_sympy's Add branch on the same converted parts


_PLAIN = re.compile(r"\s*([+-]?)(0|[1-9][0-9]{0,40})(?:\s*/\s*([1-9][0-9]{0,40}))?\s*")


def plain_rational(text: str) -> sp.Rational | None:
    """The value of a point written as an integer or a fraction ("1", "-3/4"), as the parser reads it; else None.

    >>> plain_rational("-6/4"), plain_rational("pi")
    (-3/2, None)
    """
    digits = text[1:] if text[:1] == "-" else text
    if digits.isascii() and digits.isdigit() and len(digits) <= 41 and (digits[0] != "0" or digits == "0"):
        return rational(int(text), 1)  # an integer (the commonest point): what the pattern reads, without it
    top, slash, bottom = digits.partition("/")
    if slash and top.isascii() and top.isdigit() and len(top) <= 41 and (top[0] != "0" or top == "0") \
            and bottom.isascii() and bottom.isdigit() and len(bottom) <= 41 and bottom[0] != "0":
        p, q = int(top), int(bottom)  # a plain fraction ("-1/3"): what the pattern reads, without it
        g = math.gcd(p, q)
        p, q = (-(p // g) if digits is not text else p // g), q // g
        if q == 1 or p == 1 and q == 2:
            return rational(p, q)
        value = _object_new(_Rational)  # Rational.from_coprime_ints(p, q), inlined (Expr.__new__ is Basic.__new__)
        value._assumptions, value._mhash, value._args, value.p, value.q = _RATIONAL_ASSUMPTIONS, None, (), p, q
        return value
    found = _PLAIN.fullmatch(text)
    if found is None:
        return None
    sign, p, q = found.groups()
    p, q = int(sign + p), int(q or 1)
    g = math.gcd(p, q)
    return rational(p // g, q // g)
