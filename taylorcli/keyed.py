"""An expansion's polynomial built with its sort keys, for any coefficients at a rational point.

``sortkey.rational_polynomial`` builds sums whose coefficients are all rational and whose
terms SymPy would not distribute. Two cases were left to SymPy's constructors (Add.flatten
over every term: 6 ms for the 210 terms of 1/(1+x+y+z+w) at 1/2, order 6):

- a rational c times (x - a), a != 0: SymPy distributes it (Mul's two-argument rule) into
  c*x and the number -c*a, which joins the constant term;
- a coefficient that is not rational (exp(2)*sin(4)/2, 2*exp(2)*cos(4) + 3*exp(2)*sin(4)/2):
  SymPy's product takes a Mul's factors in, keeps an Add or a function as one factor.

Here each term's factors are sorted by keys computed once per distinct subexpression
(``sortkey.sort_key``), the term's key is assembled from theirs, numbers are summed, and
the sum is made by ``Add._from_args`` in SymPy's order. Terms with distinct monomials of
the displacements never combine, and a coefficient holds no variable, so nothing else
could fold; the function says None (build it the usual way) wherever that is not plain:
an irrational point, a coefficient with a variable or a non-commutative part, a number
that is not rational.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> items = [((0, 0), sp.exp(2)), ((1, 0), sp.Rational(3, 2)), ((1, 1), 2 * sp.sin(4))]
>>> polynomial(items, [x - 1, y - 2]) == sp.exp(2) + sp.Rational(3, 2) * (x - 1) + 2 * sp.sin(4) * (x - 1) * (y - 2)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from math import gcd
from operator import itemgetter
from typing import Any

from sympy.core import Add, Basic, Integer, Mul, Pow, S, Symbol

from . import keyed_onevar
from .keyed_onevar import Refused, constant_term, split_lead
from .sortkey import _CLASS, NoKey, Stop, _canonical_sum, _class_key, _number, _plain_base, _power, commutative, key_by_id, stops


def displacement(x: Basic, a: Basic) -> Basic:
    """``x - a`` for a symbol x and a rational a != 0, without ``Add.__new__``.

    ``Expr.__sub__`` builds Add(x, -a); Add.flatten keeps the number apart, puts it first,
    and the sum is commutative: ``Add._from_args((-a, x), True)``. No constructor
    postprocessor is registered for a Symbol or a Rational. ``-a`` is Rational.__neg__'s
    Rational(-p, q) (Integer(-p)): coprime with q > 0, built as engine.exact_rational builds
    it. (tests/test_series_points.py compares the objects.)

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> sp.srepr(displacement(x, sp.Rational(3, 2))) == sp.srepr(x - sp.Rational(3, 2))
    True
    """
    if type(x) is not Symbol or not _plain_base(x) or not a.is_Rational or a is S.Zero:
        return x - a
    return plain_displacement(x, a)


def plain_displacement(x: Basic, a: Basic) -> Basic:
    """``displacement(x, a)`` where the caller found x a plain Symbol (``sortkey._plain_base``) and a a
    rational other than 0."""
    value = object.__new__(Add)  # Add._from_args((-a, x), True), inlined (Basic.__new__'s three fields)
    value._assumptions, value._mhash, value._args = Add.default_assumptions, None, (_negative(a), x)
    value.is_commutative = True
    return value


def _negative(a: Basic) -> Basic:
    """``-a`` for a rational a != 0: Rational(-p, q)'s object (engine.exact_rational's way), without its cache."""
    return _number(-a.p, a.q)


def polynomial(coefficients: Sequence[tuple[Sequence, Basic]], bases: Sequence[Basic],
               known: dict | None = None, plain: bool = False) -> Basic | None:
    """``sp.Add(*(c * prod(b**p)))`` built without SymPy's flattening; None where that is not safe.

    ``bases``: x_i - a_i with a_i rational (the symbol itself at 0). ``known``: id -> (coefficient,
    its sort key) for coefficients whose key is known (series/engine.py); one taken only where it is
    that very object. ``plain``: the caller found every base plain (``sortkey._plain_base``).
    """
    if not plain and not all(map(_plain_base, bases)):
        return None
    if len(bases) == 1:  # its own module: no per-term factor lists
        return keyed_onevar.build(coefficients, bases[0], known)
    try:
        return _build(coefficients, bases, known)
    except (NoKey, Stop):  # a content sort_key cannot order (a frozenset), a coefficient with a variable
        return None


def _build(coefficients: Sequence[tuple[Sequence, Basic]], bases: Sequence[Basic],
           known: dict | None = None) -> Basic | None:
    """The sum for plain bases; None where a term needs SymPy's constructors (a Float: ``Refused``)."""
    try:
        return _assemble(coefficients, bases, known)
    except Refused:
        return None


def _assemble(coefficients: Sequence[tuple[Sequence, Basic]], bases: Sequence[Basic],
              known: dict | None = None) -> Basic | None:
    variables = _Stops(bases)  # key_by_id's stop, made when a coefficient is not a number
    keys: dict[int, tuple] = {}  # by id (key_by_id): the bases' parts
    constants: dict[int, tuple] = {}  # by id: the coefficients' parts, never a variable (Stop)
    if known:  # (the engine's coefficients hold no variable: nothing for the stop to find)
        for _, c in coefficients:
            entry = known.get(id(c))
            if entry is not None and entry[0] is c:
                key = constants[id(c)] = entry[1]
                if c.is_Add:  # its terms' keys are its key's parts, in its args' order (as keyed_onevar takes them)
                    for arg, part in zip(c._args, key[2]):
                        constants[id(arg)] = part
    shapes: dict[Any, tuple] = {}  # ids of a coefficient's non-number factors -> (factor, key) pairs, sorted
    # Per base: id(p) -> (b**p, key); by id: every p is alive in the caller's coefficients, and
    # Integer.__hash__ is Python code. Zero powers are skipped by identity (Integer(0) is S.Zero).
    tables: list[dict[int, tuple]] = [{} for _ in bases]
    memo: dict[Any, tuple] = {}  # sort_key's, for _power's rare cases
    mul_class = _class_key(Mul)
    classes = _CLASS
    new, mul_assumptions = object.__new__, Mul.default_assumptions
    zero, one, int_zero = S.Zero, S.One, 0
    numbers: list[Basic] = []  # rationals, summed at the end
    shifted: list[tuple[int, int]] = []  # (p, q) of the numbers c*r that c*(x + r) gives (exact ints, no SymPy arithmetic)
    rest: list[tuple[Basic, tuple]] = []
    append = rest.append
    for powers, c in coefficients:
        if c is zero:
            continue
        factors = []
        i = -1
        for p in powers:
            i += 1
            if p is zero or p is int_zero:
                continue
            found = tables[i].get(id(p))
            if found is None:
                found = _factor(bases[i], p, keys, memo)
                if found is _MISSING:  # no plain factor: SymPy's constructors decide
                    return None
                if found is None:  # (p == 0 of another type: no factor)
                    continue
                tables[i][id(p)] = found
            factors.append(found)
        if c.is_Number:
            if not c.is_Rational:
                return None
            if not factors:
                numbers.append(c)
                continue
            if len(factors) == 1 and factors[0][0].is_Add:
                # c*(x - a) distributes (Mul's two-argument rule): c*x and the number -c*a
                r, x = factors[0][0]._args
                shifted.append((c.p * r.p, c.q * r.q))
                if c is one:
                    append((x, key_by_id(x, keys)))
                else:
                    term = new(Mul)
                    term._assumptions, term._mhash, term._args = mul_assumptions, None, (c, x)
                    term.is_commutative = True
                    nkey = ((classes.get(type(c)) or _class_key(type(c))), 2, (c.p, c.q))
                    append((term, (mul_class, 2, (nkey, key_by_id(x, keys)))))
                continue
            lead, own = c, ()
        elif c.is_Mul:  # a product's factors join the term's (the number first)
            if not c.is_commutative:  # (a Mul's fact is set when it is built: no query)
                return None
            if not factors:  # the constant term
                constant_term(c, numbers, append, constants, variables)
                continue
            lead, args = split_lead(c)
            ids = tuple(map(id, args))
            own = shapes.get(ids)
            if own is None:
                own = shapes[ids] = tuple(sorted([(a, key_by_id(a, constants, variables)) for a in args],
                                                 key=_SECOND))
        elif not (c.is_commutative if c.is_Add else commutative(c)):  # (sin(3), log(2): no query on a fresh leaf)
            return None
        elif not factors:  # the constant term: a sum's terms join the polynomial's
            # Each key below walks c with the variables as stops: no factor of c may combine with their powers.
            constant_term(c, numbers, append, constants, variables)
            continue
        else:
            lead = one
            own = shapes.get(id(c))
            if own is None:
                own = shapes[id(c)] = ((c, key_by_id(c, constants, variables)),)
        if not own:
            if len(factors) == 1:
                if lead is one:
                    append(factors[0])
                    continue
                parts = factors
            else:
                parts = sorted(factors, key=_SECOND)
        else:
            parts = sorted(own + tuple(factors), key=_SECOND)
        if lead is one:
            args = tuple(map(_FIRST, parts))
            keys_ = tuple(map(_SECOND, parts))
        else:
            args = (lead, *map(_FIRST, parts))
            keys_ = (((classes.get(type(lead)) or _class_key(type(lead))), 2, (lead.p, lead.q)), *map(_SECOND, parts))
        term = new(Mul)  # Mul._from_args(args, True): every factor is commutative
        term._assumptions, term._mhash, term._args = mul_assumptions, None, args
        term.is_commutative = True
        append((term, (mul_class, len(args), keys_)))
    if shifted or len(numbers) > 1:
        total = _exact_sum(numbers, shifted)
    else:
        total = numbers[0] if numbers else zero
    return _canonical_sum([total] if total is not zero else [], rest)


class _Stops:
    """``sortkey.stops`` of the bases' variables, made on the first lookup (all-rational sums make none)."""

    __slots__ = ("bases", "found")

    def __init__(self, bases: Sequence[Basic]) -> None:
        self.bases, self.found = bases, None

    def get(self, name: str) -> tuple | None:
        if self.found is None:
            self.found = stops([b if type(b) is Symbol else b._args[1] for b in self.bases])
        return self.found.get(name)


_MISSING = object()  # not in a table yet
_POW_ASSUMPTIONS = Pow.default_assumptions
_POW_KEY, _INTEGER_KEY = _class_key(Pow), _class_key(Integer)  # (ordering_of_classes is fixed at import)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _factor(base: Basic, p: Any, keys: dict, memo: dict) -> tuple | None | object:
    """``base**p`` and its key, made from the base's; None for p == 0, ``_MISSING`` where b**p is
    no plain factor (``sortkey._power``)."""
    if p is S.Zero or type(p) is int and p == 0:  # Integer(0) is S.Zero
        return None
    if p is S.One or type(p) is int and p == 1:  # Pow(b, 1) is b
        return base, key_by_id(base, keys)
    if type(p) is Integer and p.p > 1 or type(p) is int and p > 1:
        n = Integer(p) if type(p) is int else p
        # Expr.__new__(Pow, base, n) (see sortkey._power: Pow's own object for a plain base), inlined
        power = object.__new__(Pow)
        power._assumptions, power._mhash, power._args = _POW_ASSUMPTIONS, None, (base, n)
        power.is_commutative = True
        return power, (_POW_KEY, 2, (key_by_id(base, keys), (_INTEGER_KEY,
                                                                                 2, (n.p, 1))))
    found = _power(base, p, memo)
    return _MISSING if found is None else found


def _number_key(c: Basic) -> tuple:
    # A rational's key, as sort_key builds it from _hashable_content() == (p, q)
    return (_class_key(type(c)), 2, (c.p, c.q))


def _exact_sum(numbers: list[Basic], pairs: list[tuple[int, int]]) -> Basic:
    """The sum of rationals and of (p, q) pairs (q > 0, not reduced), as SymPy's Rational additions give it:
    Rational(p, q) reduced (``sortkey._number``: Integer for q == 1, the singletons 0, 1, -1, 1/2)."""
    p, q = 0, 1
    for r in numbers:
        rq = r.q
        p, q = p * rq + r.p * q, q * rq
    for rp, rq in pairs:
        p, q = p * rq + rp * q, q * rq
    g = gcd(p, q)
    return _number(p // g, q // g)


def _sum(numbers: list[Basic]) -> Basic:
    total = S.Zero
    for q in numbers:
        total = total + q if total is not S.Zero else q
    return total
