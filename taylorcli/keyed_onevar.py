"""``keyed.polynomial`` for one variable: the same objects, with per-term work cut to a few steps.

In one variable every term is c*(x - a)**n with its own n, so ``keyed._build``'s general
machinery (a factor list per term, a power made and keyed by ``_power``, a sort of each
term's factors) pays its fixed cost on every term and saves nothing. Here:

- the key of x - a is made once, and (x - a)**n's key is assembled from it and n;
- (x - a)**n is ``Expr.__new__(Pow, x - a, n)``, built inline (``sortkey._power`` says why
  that is Pow's own object for a natural n >= 2 and a plain base);
- a coefficient's constant factors (sin(1/3), exp(6), sqrt(2)) are keyed once per object
  (``sortkey.key_by_id``: a dict by id, no SymPy hash), sorted once per distinct tuple of
  factors, and the power is placed among them by one comparison per factor: no factor holds
  the variable, so the comparison is decided before the exponent is reached and the place
  depends on n only through n == 1 (x - a itself) or n >= 2 (a power);
- a sum coefficient of x or of a power of x - a is not keyed: it goes after that factor
  (SymPy's class order), and two terms differ at their powers, before it, so the sort never
  reaches it (the powers are distinct: one term per n); it is only walked for the variable;
- the terms are sorted once, by keys that are plain tuples.

What it does not cover (a power that is not a natural number, a number that is not
rational, a coefficient that is not commutative) goes to ``keyed._build`` whole, which
says None where SymPy's constructors must decide.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> items = [((0,), sp.sin(1)), ((1,), sp.cos(1)), ((2,), -sp.sin(1) / 2)]
>>> build(items, x - 1) == sp.sin(1) + sp.cos(1) * (x - 1) - sp.sin(1) * (x - 1)**2 / 2
True
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sympy.core import Add, Basic, Integer, Mul, Pow, S, Symbol

from .sortkey import _CLASS, NoKey, Stop, _canonical_sum, _class_key, _number, _product, _sum, key_by_id
from .sortkey import commutative as _commutative

_SECOND = itemgetter(1)


class _Other(Exception):
    """A term this path does not build: ``keyed._build`` builds the whole sum."""


class Refused(Exception):
    """A term SymPy's constructors must build (a Float): None, as ``keyed._build`` says."""


def build(coefficients: Sequence[tuple[Sequence, Basic]], base: Basic, known: dict | None = None) -> Basic | None:
    """``sp.Add(*(c * base**n))`` for a plain base x or x - a (``sortkey._plain_base``); None as ``keyed._build``.

    ``known``: id -> (coefficient, its sort key) of sums made free of the variable (direct.Direct.sums,
    as ``keyed.polynomial`` has it); one taken only where it is that very object.
    """
    try:
        return _terms(coefficients, base, known)
    except (NoKey, Stop, Refused):
        return None
    except _Other:
        pass
    from .keyed import _build
    try:
        return _build(coefficients, [base], known)
    except (NoKey, Stop):
        return None


def _terms(coefficients: Sequence[tuple[Sequence, Basic]], base: Basic, known: dict | None = None) -> Basic | None:
    if type(base) is Symbol:
        shift, x = None, base
    else:
        shift, x = base._args  # Add(-a, x)
    keys: dict[int, tuple] = {}  # by id: the base's parts
    constants: dict[int, tuple] = {}  # by id: the coefficients' parts, never a variable (Stop)
    if known:  # a known sum and its terms (its key's parts, in its args' order): keyed, and free of x
        for _, c in coefficients:
            entry = known.get(id(c))
            if entry is not None and entry[0] is c:
                key = constants[id(c)] = entry[1]
                for arg, part in zip(c._args, key[2]):
                    constants[id(arg)] = part
    shapes: dict = {}  # ids of a coefficient's factors (the id of a lone one) -> those sorted and split (_shape)
    walked: dict[int, Any] | None = None  # by id: parts of sums found free of the variable (_no_variable)
    stop = {x.name: (x,)}  # key_by_id's (sortkey.stops)
    classes = _CLASS
    kx = key_by_id(x, keys)
    if shift is None:
        kb = kx
    else:  # key_by_id(x - a): Add's content is its args (-a, x), keyed as it keys them
        c = type(shift)
        kb = (_ADD_KEY, 2, (((classes.get(c) or _class_key(c)), 2, (shift.p, shift.q)), kx))
    mul_class, pow_class, integer_class = _KEYS or _keys()
    new = object.__new__
    pow_assumptions, mul_assumptions = Pow.default_assumptions, Mul.default_assumptions
    zero, one = S.Zero, S.One
    numbers: list[Basic] = []
    rest: list[tuple[Basic, tuple]] = []
    append = rest.append
    for powers, c in coefficients:
        if c is zero:
            continue
        (n,) = powers
        if type(n) is Integer:  # the commonest: a natural n >= 2 (0 and 1 are singletons)
            p = n.p
            if p < 0:
                raise _Other
        else:
            if type(n) is int:
                n = _number(n, 1) if n >= 0 else None
            if n is None or not n.is_Integer or n.p < 0:
                raise _Other
            p = n.p
        if c.is_Number:
            if not c.is_Rational:
                return None
            if p == 0:
                numbers.append(c)
                continue
            if p == 1 and shift is not None:  # c*(x - a) distributes: c*x and the number -c*a
                numbers.append(_product(c, shift))  # (Python ints: SymPy's Rational.__mul__ costs ~2 us)
                if c is one:
                    append((x, kx))
                else:
                    term = new(Mul)
                    term._assumptions, term._mhash, term._args = mul_assumptions, None, (c, x)
                    term.is_commutative = True
                    nkey = ((classes.get(type(c)) or _class_key(type(c))), 2, (c.p, c.q))
                    append((term, (mul_class, 2, (nkey, kx))))
                continue
            lead, own = c, None
        elif c.is_Mul and c.is_commutative:  # a product's factors join the term's (the number first)
            if p == 0:
                constant_term(c, numbers, append, constants, stop)
                continue
            args = c._args  # split_lead, inline
            lead = args[0]
            if lead.is_Number:
                if not lead.is_Rational:
                    return None  # (split_lead's Refused)
                args = args[1:]
            else:
                lead = one
            # one factor (r*sin(3)): by its id, as a lone coefficient sin(3) below (the same shape)
            ids = id(args[0]) if len(args) == 1 else tuple(map(id, args))
            own = shapes.get(ids)
            if own is None:
                own = shapes[ids] = _shape(args, constants, stop, kb)
        elif not _commutative(c):
            return None
        elif p == 0:
            constant_term(c, numbers, append, constants, stop)
            continue
        elif c.is_Add and _SUM_LAST and (shift is None or p != 1):
            # A sum goes after x and after any power of x - a (SymPy's class order: Symbol, Pow,
            # Mul, Add). Its key is not needed: two terms differ at their powers of x - a (or
            # before), so the sort never reaches what follows; only its variables are checked.
            if id(c) not in constants:  # (a known sum holds no variable)
                if walked is None:
                    walked = {}
                _no_variable(c, constants, walked, stop)
            lead, own = one, ((_NONE, (c,), _NONE, _NONE),) * 2
        else:
            lead = one
            own = shapes.get(id(c))
            if own is None:
                own = shapes[id(c)] = _shape((c,), constants, stop, kb)
        # the factor: x - a itself, or (x - a)**n
        if p == 1:
            factor, fkey = base, kb
        else:
            factor = new(Pow)
            factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, n)
            factor.is_commutative = True
            fkey = (pow_class, 2, (kb, (integer_class, 2, (p, 1))))
        if own is None:  # a rational times the factor
            if lead is one:
                append((factor, fkey))
                continue
            args = (lead, factor)
            keys_ = (((classes.get(type(lead)) or _class_key(type(lead))), 2, (lead.p, lead.q)), fkey)
        else:
            before, after, kbefore, kafter = own[p == 1]
            if lead is one:
                args = (*before, factor, *after)
                keys_ = (*kbefore, fkey, *kafter)
            else:
                args = (lead, *before, factor, *after)
                keys_ = (((classes.get(type(lead)) or _class_key(type(lead))), 2, (lead.p, lead.q)), *kbefore, fkey,
                         *kafter)
        term = new(Mul)
        term._assumptions, term._mhash, term._args = mul_assumptions, None, args
        term.is_commutative = True
        append((term, (mul_class, len(args), keys_)))
    if len(numbers) > 1:  # SymPy's Rational additions, in Python ints (sortkey._sum: the same object)
        total = numbers[0]
        for q in numbers[1:]:
            total = _sum(total, q)
    else:
        total = numbers[0] if numbers else zero
    return _canonical_sum([total] if total is not zero else [], rest)



def leaves(coefficients: Sequence[tuple[Sequence, Basic]], base: Basic) -> Basic | None:
    """``build``'s sum where every coefficient is a leaf f(q) or Mul(r, leaf), r rational (``onevar._one_function``'s
    terms: exp(4), 3*cosh(2)/2), by ``_terms``' own steps for those shapes alone (no dispatch per term, no
    rational_univariate attempt before it); None for any other coefficient (the caller's polynomial then
    comes from ``build``, later). ``base``: x or x - a, plain (``sortkey._plain_base``)."""
    if type(base) is Symbol:
        shift, x = None, base
    else:
        shift, x = base._args  # Add(-a, x)
    memo: dict[int, tuple] = {}
    stop = {x.name: (x,)}
    classes = _CLASS
    kx = key_by_id(x, memo)
    if shift is None:
        kb = kx
    else:
        c = type(shift)
        kb = (_ADD_KEY, 2, (((classes.get(c) or _class_key(c)), 2, (shift.p, shift.q)), kx))
    mul_class, pow_class, integer_class = _KEYS or _keys()
    probe = (pow_class, 2, (kb,))  # (x - a)**n's key up to n (``_shape``)
    new = object.__new__
    pow_assumptions, mul_assumptions = Pow.default_assumptions, Mul.default_assumptions
    placed: dict[int, tuple] = {}  # id(leaf) -> (its key, before a power, before x - a)
    rest: list[tuple[Basic, tuple]] = []
    append = rest.append
    for powers, c in coefficients:
        (n,) = powers
        if not n.is_Integer:  # (0 and 1: singletons of their own classes)
            return None
        p = n.p
        if p < 0:
            return None
        if type(c) is Mul:
            args = c._args
            if len(args) != 2 or not args[0].is_Rational or args[1].is_Number or type(args[1]) is Mul \
                    or type(args[1]) is Add or not c.is_commutative:
                return None
            lead, leaf = args
        elif c.is_Number or type(c) is Add or not _commutative(c):
            return None
        else:
            lead, leaf = None, c
        if p == 0:  # constant_term's: the coefficient itself, its own key
            append((c, key_by_id(c, memo, stop)))
            continue
        info = placed.get(id(leaf))
        if info is None:
            k = key_by_id(leaf, memo, stop)
            info = placed[id(leaf)] = (k, k <= probe, k <= kb)
        if p == 1:
            factor, fkey, first = base, kb, info[2]
        else:
            factor = new(Pow)
            factor._assumptions, factor._mhash, factor._args = pow_assumptions, None, (base, n)
            factor.is_commutative = True
            fkey, first = (pow_class, 2, (kb, (integer_class, 2, (p, 1)))), info[1]
        if lead is None:
            args, keys = ((leaf, factor), (info[0], fkey)) if first else ((factor, leaf), (fkey, info[0]))
        else:
            cl = type(lead)
            lkey = ((classes.get(cl) or _class_key(cl)), 2, (lead.p, lead.q))
            args, keys = ((lead, leaf, factor), (lkey, info[0], fkey)) if first else \
                ((lead, factor, leaf), (lkey, fkey, info[0]))
        term = new(Mul)
        term._assumptions, term._mhash, term._args = mul_assumptions, None, args
        term.is_commutative = True
        append((term, (mul_class, len(args), keys)))
    return _canonical_sum([], rest)

_NONE: tuple = ()
_SUM_LAST = _class_key(Add) > max(_class_key(Pow), _class_key(Symbol))  # SymPy's ordering_of_classes
_ADD_KEY = _class_key(Add)


def _no_variable(expr: Basic, constants: dict, walked: dict, stop: dict) -> None:
    """Raise ``Stop`` (or ``NoKey``) where ``key_by_id(expr, constants, stop)`` would, without the key.

    The same walk (``_hashable_content``, the parts ``constants`` already keyed skipped), so a
    sum whose key is never compared is still refused as the keyed path refuses it."""
    content = expr._hashable_content()
    if content is not expr._args:  # made on the call: its objects must outlive their ids
        walked.setdefault(-1, []).append(content)
    for item in content:
        if isinstance(item, Basic):
            i = id(item)
            if i in walked or i in constants:
                continue
            walked[i] = None
            if type(item) is Symbol:
                found = stop.get(item.name)
                if found and item in found:
                    raise Stop(item)
            elif not item.is_Rational:  # a number holds no Basic
                _no_variable(item, constants, walked, stop)
        elif isinstance(item, frozenset):
            raise NoKey(expr)


_KEYS: list = []  # the class keys of Mul, Pow and Integer, once


def _keys() -> list:
    _KEYS[:] = [_class_key(Mul), _class_key(Pow), _class_key(Integer)]
    return _KEYS


def split_lead(c: Basic) -> tuple[Basic, tuple]:
    """A product's rational number (1 if none) and its other factors; Refused for a Float or other number."""
    args = c._args
    lead = args[0]
    if not lead.is_Number:
        return S.One, args
    if not lead.is_Rational:
        raise Refused
    return lead, args[1:]


def constant_term(c: Basic, numbers: list, append: Any, constants: dict, stop: Any) -> None:
    """The constant term: a sum's terms join the polynomial's (its number joins ``numbers``)."""
    for arg in (c._args if c.is_Add else (c,)):
        if arg.is_Number:
            if not arg.is_Rational:
                raise Refused
            numbers.append(arg)
        else:
            append((arg, key_by_id(arg, constants, stop)))


def _shape(args: Sequence[Basic], constants: dict, stop: Any, kb: tuple) -> tuple:
    """A coefficient's non-number factors sorted by key (as Mul's sort would), split where (x - a)**n
    goes (index 0) and where x - a goes (index 1): (before, after, their keys). Stable: after equal
    keys, as a sort of the term's factors with the power last."""
    # (x - a)**n and a constant factor differ before n: Pow's key is (class, 2, (key of x - a, n)).
    probe = ((_KEYS or _keys())[1], 2, (kb,))
    if len(args) == 1:  # one constant factor (sin(1/3)): no sort
        k = key_by_id(args[0], constants, stop)
        one, none, key, nokey = args, (), (k,), ()
        return ((one, none, key, nokey) if k <= probe else (none, one, nokey, key),
                (one, none, key, nokey) if k <= kb else (none, one, nokey, key))
    pairs = sorted([(a, key_by_id(a, constants, stop)) for a in args], key=_SECOND)
    factors, fkeys = tuple([a for a, _ in pairs]), tuple([k for _, k in pairs])
    at_power = len([k for k in fkeys if k <= probe])
    at_base = len([k for k in fkeys if k <= kb])
    return tuple([(factors[:at], factors[at:], fkeys[:at], fkeys[at:]) for at in (at_power, at_base)])
