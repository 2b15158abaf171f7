"""The coefficients of a Taylor expansion by Taylor-mode arithmetic (issue 9).

``taylor_coefficients`` returns the same list as ``expansion._taylor``'s
derivative engine: (powers, value) pairs, zeros left out, lowest degree first,
each value the SymPy object that engine builds (SymEngine's expanded value,
converted by ``convert.to_sympy``). Where the arithmetic cannot promise that
(a function with no recurrence here, an irrational point, an inverse of an
irrational constant, a pole or branch point, per-variable degree), it raises
``Unsupported`` and the caller uses the derivative engine.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> taylor_coefficients(sp.exp(x), [x], {x: sp.Integer(1)}, 2, "total")
[((0,), E), ((1,), E), ((2,), E/2)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import math
from operator import itemgetter

import symengine as se
import sympy as sp

from ..constants import real_and_small
from ..convert import to_sympy
from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from . import mv_groups, mv_slots, separable, univariate
from .survey import Survey, _survey, survey  # noqa: F401 (importers read survey here)
from .compose import _FUNCTION_TYPES, FUNCTIONS, Walker
from .direct import Direct
from .inverse_risk import base_matcher, has_sum_power, risky
from .mv_offsets import rational_inside
from .tps import NoSlot, Ring, Unsupported
from .tps import terms as _terms

# Vets a part of a coefficient (powers, part): every part that is not rational, and every
# rational too long to print (MAX_DIGITS); a shorter rational is defined, real and small.
Vet = Callable[[tuple[int, ...], sp.Expr], None]
# Generator slots of the first ring (measured on the session-7 sweep): at 0 most expansions need
# none, some one or two (log(2), pi/4, sqrt(2)); away from 0 a few (exp(2), sin(4), cos(4)). A few
# spare slots cost little (FLINT packs the exponents); a constant with no slot left restarts the walk
# in a ring with as many as the expression may need. None away from 0: that ring at once.
_FIRST_SLOTS = 4
_AWAY_SLOTS: int | None = 6


def applies(expr: sp.Expr, degree: str, functions: set | list | None = None) -> str | None:
    """Why the arithmetic does not apply to ``expr`` (None when it does); ``functions``: its function nodes."""
    if degree not in ("total", "each"):
        return f"degree {degree!r}"
    for fn in expr.atoms(sp.Function) if functions is None else functions:
        if not (type(fn) in _FUNCTION_TYPES or isinstance(fn, FUNCTIONS)) or len(fn._args) != 1:
            return f"no recurrence for {type(fn).__name__}"
    return None


def taylor_coefficients(expr: sp.Expr, variables: Sequence[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
                        order: int, degree: str, vet: Vet | None = None,
                        surveyed: Survey | None = None, sort_keys: dict | None = None) -> list[tuple[tuple, sp.Expr]]:
    """(powers, exact coefficient) for every non-zero term of total degree <= ``order``.

    ``sort_keys``: a dict that receives id -> (value, sort key) of coefficient sums whose key is known
    here (keyed.polynomial's build then need not walk them again).

    ``degree="each"``: every term whose exponents are each <= ``order`` (total degree up to
    n * order, in a ring that drops the rest: tps.Ring's ``each``). ``surveyed``: ``survey(expr)``
    if the caller has it.
    """
    if degree not in ("total", "each"):
        raise Unsupported(f"degree {degree!r}")
    n = len(variables)
    k = max(order, 0)
    each = k if degree == "each" and n > 1 else None  # one variable: the same as total degree
    if each is not None:
        k = n * each
    if n > 1 and expr.is_Add:  # f(x) + g(y): each part by the one-variable path (separable.py)
        surveyed = surveyed or survey(expr)
        # (each part in one variable of its own: as many parts as symbols; a cheaper no than its walk)
        separate = not surveyed.plain or len(expr._args) == len(surveyed.symbols)
        found = separable.taylor(expr, variables, point, order, degree) if separate else None
        if found is None:  # f(x) + g(y, z): each part in its own variables (mv_groups.py)
            found = mv_groups.taylor(expr, variables, point, order, degree, vet, sort_keys)
        if found is not None:
            return found
    if n == 1:
        try:
            return _univariate(expr, variables[0], point[variables[0]], order, k, vet)
        except NoSlot:
            pass  # an irrational constant, or a function it has no rule for: the general engine
    surveyed = surveyed or survey(expr)
    functions, free = surveyed[:2]
    why = applies(expr, degree, functions)  # (the univariate walk refuses what this refuses, with NoSlot)
    if why:
        raise Unsupported(why)
    # at 0, a ring without generator slots where the walk can make no generator (mv_slots.py)
    first = 0 if surveyed.exact and mv_slots.exact_at_zero(surveyed, point) else None
    walker, parts = _walked(expr, variables, point, n, k, each, functions, True, first)
    if walker.partial:  # inverse_risk below reads every node's full series (mv_truncate.py)
        walker, parts = _walked(expr, variables, point, n, k, each, functions, False, walker.ring.m)
    if not walker.values:  # rational coefficients only: no generator, no parameter in any coefficient
        return _rational_terms(parts, n, k, order, vet)
    if has_sum_power(walker.values) and risky(expr, _irrational(walker, n), _base_value(walker, n)):
        # an inverse of a constant sum where SymEngine's expand or Mul would give another object
        raise Unsupported("an inverse of an irrational sum in a product of sums (inverse_risk.py)")
    # (by identity first: expand() passes the expression's own symbol objects; Symbol.__hash__ is Python code)
    point_ids = set(map(id, point))
    parameters = any(id(s) not in point_ids for s in free) and not free <= set(point)
    names = {s.name: s for s in free | set(variables)} if parameters else {}
    memo: dict[object, sp.Expr] = {}
    keys: dict = {}  # sort keys of the SymPy objects built (sortkey.py)
    # fold (no parameter): several exponentials or square roots in one coefficient built directly too,
    # SymEngine's expand and to_sympy only where a monomial's factors could combine (direct.py)
    direct = (Direct(walker.values, names if parameters else None, {}, _rational, None, not parameters)
              if walker.values else None)
    out: list[tuple[tuple[int, ...], sp.Expr]] = []
    engine_powers: dict = {}  # (j, e) -> the j-th generator's value ** e (SymEngine's), for _term
    for d in range(k + 1):
        # order < 0: f(a) is still computed and vetted (is f analytic here?)
        if not parts[d]:  # (no terms: monoms() costs ~0.4 us even then)
            continue
        found: list[tuple[tuple[int, ...], sp.Expr]] = []
        # Group the terms by their powers of h; the rest of each term is a constant of the coefficient.
        by_powers: dict[tuple, list] = {}
        for exps, c in _terms(parts[d]):
            powers = exps[:n]  # (monoms() gives tuples)
            items = by_powers.get(powers)
            if items is None:
                by_powers[powers] = [(exps[n:], c)]
            else:
                items.append((exps[n:], c))
        for powers, items in by_powers.items():
            if len(items) == 1 and not any(items[0][0]):
                value = _rational(items[0][1])
                if not _big_rational(value):  # defined, real and printable: nothing to vet
                    found.append((powers, value))
                    continue
                leaves = [value]
            elif direct is not None and direct.ok:
                leaves = []
                value = direct.value(items, leaves, _big_rational)
                if value is sp.S.Zero:  # sqrt(3)**2 - 3: the powers of a root cancelled (direct.py)
                    continue
                if direct.folding and any(_undefined(leaf) for leaf in leaves):
                    # (fold's fallback converts SymEngine's expanded sum: vetted as the branch below)
                    raise Unsupported("a coefficient SymEngine calls undefined")
            else:
                engine = se.expand(se.Add(*[_term(walker.values, gens, c, engine_powers) for gens, c in items]))
                if engine == 0:
                    continue
                leaves = []
                value = to_sympy(engine, memo, leaves, keys)
                if any(_undefined(leaf) for leaf in leaves):  # new leaves only: the rest passed
                    raise Unsupported("a coefficient SymEngine calls undefined")
                if parameters:
                    value = value.xreplace({s: names[s.name] for s in value.free_symbols if s.name in names})
            if vet is not None:
                for leaf in leaves:
                    # sin(4), exp(2)**3: nothing to vet (constants.py); nor pi (atan(1)'s generator), which
                    # real_and_small does not pass alone (the vet's has() walk and checks, ~15 us, find nothing),
                    # nor a rational short enough to print (the vet's only check of one: guard.check_size)
                    if leaf is not _PI and not (real_and_small(leaf, _LIMIT) or leaf.is_Rational and not _big_rational(leaf)):
                        vet(powers, leaf)
            found.append((powers, value))
        found.sort(key=_powers, reverse=True)
        out += found
    if order < 0:
        return []
    if sort_keys is not None and direct is not None:
        sort_keys.update(direct.sums)
    return [(_exponents(powers), value) for powers, value in out]



def _rational_terms(parts: list, n: int, k: int, order: int, vet: Vet | None) -> list[tuple[tuple, sp.Expr]]:
    """taylor_coefficients' list where every coefficient is rational (a walk that made no generator)."""
    out: list[tuple[tuple, sp.Expr]] = []
    exponents = _EXPONENTS
    for d in range(k + 1):
        # order < 0: f(a) is still computed and vetted (is f analytic here?)
        part = parts[d]
        if not part:  # (no terms: monoms() costs ~0.4 us even then)
            continue
        found = []
        for exps, c in zip(part.monoms(), part.coeffs()):
            exps = exps[:n]  # (a ring with slots: every generator's exponent is 0 here)
            p, q = int(c.p), int(c.q)
            value = exact_rational(p, q)  # an fmpq is reduced, q > 0: Rational(p, q)'s object
            if vet is not None and max(abs(p).bit_length(), q.bit_length()) > _LIMIT:
                vet(exps, value)
            found.append((exps, value))
        if len(found) > 1:  # within a degree: x**2 before x*y before y**2 (the derivative engine's order)
            found.sort(key=_powers, reverse=True)
        for powers, value in found:
            # (_exponents(powers), inlined: the SymPy integers' tuple, made once per tuple)
            out.append((exponents.get(powers) or _exponents(powers), value))
    return out if order >= 0 else []


def _walked(expr: sp.Expr, variables: Sequence[sp.Symbol], point: dict[sp.Symbol, sp.Expr], n: int, k: int,
            each: int | None, functions: list, truncate: bool, first: int | None = None) -> tuple[Walker, list]:
    """The walker and the series of ``expr``: first in a ring of a few generator slots, then (NoSlot) in one
    of as many as it may need. ``truncate``: mv_truncate's truncated factors allowed; ``first``: the first
    ring's slots (a walk that needs doing again in full got through in that ring)."""
    # First without generator slots (most expansions at 0 have rational coefficients only:
    # FLINT is fastest with the fewest variables), then with as many as the expression may need.
    # Away from 0, a function's value at the point is irrational (sin(4), exp(2)) unless its argument
    # is 0 there: the ring with slots comes first (the other one's walk would stop at it, wasted).
    # Either ring gives the same coefficients; only which is faster differs.
    try:
        if first is not None:
            pass
        elif functions and any(a is not sp.S.Zero for a in point.values()):
            first = _AWAY_SLOTS
            if first is None:
                raise NoSlot("a function away from 0")
        else:
            first = _FIRST_SLOTS
        walker = Walker(variables, point, k, Ring.get(n, first, k, each))
        walker.truncate = truncate
        return walker, walker.series(expr)
    except NoSlot:
        # Then as many slots as its functions and constants may need (the variables' atoms take
        # none: a rational coordinate is no generator, an irrational one is counted here): a
        # term's exponents are read per ring variable (monoms()), ~1.5 us a term with 21 of them.
        # Where that is not enough, the first count (each variable's atom too), as it always was.
        irrational = sum(not point[v].is_Rational for v in variables)
        tight = Walker.slots(expr, k, variables) + irrational
        try:
            walker = Walker(variables, point, k, Ring.get(n, tight, k, each))
            walker.truncate = truncate
            return walker, walker.series(expr)
        except NoSlot:
            slots = Walker.slots(expr, k) + irrational
            if slots == tight:
                raise
            walker = Walker(variables, point, k, Ring.get(n, slots, k, each))
            walker.truncate = truncate
            return walker, walker.series(expr)


def _irrational(walker: Walker, n: int) -> Callable[[sp.Expr], bool | None]:
    """Whether a node's series (walked: else None) has a coefficient with a generator."""
    def irrational(node: sp.Expr) -> bool | None:
        entry = walker._memo.get(id(node))
        if entry is None or entry[0] is not node:
            return False if rational_inside(walker, node) else None
        # (degrees(): each variable's highest power, one call; monoms() costs ~0.17 us an exponent)
        return any(any(c.degrees()[n:]) for c in entry[1] if c)
    return irrational


def _base_value(walker: Walker, n: int) -> Callable[[sp.Expr, bool], bool | None]:
    """inverse_risk.base_matcher over the walk: a node's partials from its series (coefficient times factorials)."""
    def partials(node: sp.Expr, limit: int):
        entry = walker._memo.get(id(node))
        if entry is None or entry[0] is not node:
            return [] if rational_inside(walker, node) else None  # (rational: no partial is a sum)
        out = []
        for c in entry[1]:
            if not c or not any(c.degrees()[n:]):  # (no generator: every group one term, none below)
                continue
            groups: dict[tuple, dict] = {}
            for exps, q in zip(c.monoms(), c.coeffs()):
                found = groups.get(exps[:n])
                if found is None:
                    groups[exps[:n]] = {exps[n:]: q}
                else:
                    found[exps[n:]] = q
            for powers, group in groups.items():
                if 2 <= len(group) <= limit:
                    scale = 1
                    for p in powers:
                        scale *= math.factorial(p)
                    out.append((not any(powers), group, scale))
        return out
    return base_matcher(walker.values, partials, walker.point)


_EXPONENTS: dict[tuple[int, ...], tuple] = {}  # (1, 0, 2) -> (Integer(1), Integer(0), Integer(2)): immutable


def _exponents(powers: tuple[int, ...]) -> tuple:
    """The powers as a tuple of SymPy integers (the objects ``_integers`` keeps), made once per tuple."""
    found = _EXPONENTS.get(powers)
    if found is None:
        if len(_EXPONENTS) >= 50_000:
            _EXPONENTS.clear()
        integers = _integers(max(powers, default=0))
        found = _EXPONENTS[powers] = tuple([integers[p] for p in powers])
    return found


def _univariate(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, k: int,
                vet: Vet | None) -> list[tuple[tuple, sp.Expr]]:
    """One variable with rational coefficients only: FLINT's fmpq_series (univariate.py)."""
    if not a.is_Rational:
        raise NoSlot("the point has a coordinate that is not rational")  # a generator: compose.py
    out = []
    integers = _integers(k)
    for d, c in enumerate(univariate.coefficients(expr, x, a, k)):
        if not c:
            continue
        p, q = int(c.p), int(c.q)
        value = exact_rational(p, q)
        if vet is not None and max(abs(p).bit_length(), q.bit_length()) > _LIMIT:
            vet((d,), value)
        out.append(((integers[d],), value))
    return out if order >= 0 else []


_SIGNS = (sp.S.NegativeOne, sp.S.Zero, sp.S.One)


def exact_rational(p: int, q: int) -> sp.Rational:
    """``Rational(p, q)`` for coprime ``p``, ``q > 0`` (an fmpq's): its very object, without its cache.

    ``Integer(p)`` goes through SymPy's cache (emptied by ``clear_cache``) to build
    ``Expr.__new__(Integer)`` with ``p`` set, or a singleton for -1, 0, 1: the same here.

    >>> exact_rational(6, 1) == sp.Integer(6), exact_rational(-1, 3)
    (True, -1/3)
    """
    # (Rational.from_coprime_ints and Expr.__new__ inlined: Basic.__new__'s three fields, then p and q)
    if q != 1:
        if p == 1 and q == 2:
            return _HALF  # (from_coprime_ints' singleton)
        value = _new(_RATIONAL)
        value._assumptions, value._mhash, value._args, value.p, value.q = _RATIONAL_ASSUMPTIONS, None, (), p, q
        return value
    if -1 <= p <= 1:
        return _SIGNS[p + 1]
    value = _new(_INTEGER)
    value._assumptions, value._mhash, value._args, value.p = _INTEGER_ASSUMPTIONS, None, (), p
    return value


_new, _RATIONAL, _INTEGER, _HALF = object.__new__, sp.Rational, sp.Integer, sp.S.Half
_RATIONAL_ASSUMPTIONS, _INTEGER_ASSUMPTIONS = sp.Rational.default_assumptions, sp.Integer.default_assumptions


_INTEGERS: list[sp.Integer] = []  # sp.Integer(0), sp.Integer(1) ...: immutable, built once


def _integers(k: int) -> list[sp.Integer]:
    while len(_INTEGERS) <= k:
        _INTEGERS.append(sp.Integer(len(_INTEGERS)))
    return _INTEGERS


_powers = itemgetter(0)  # an item's powers (C: no Python call per item of a sort)


def _rational(c: object) -> sp.Rational:
    # An fmpq is reduced with q > 0: what Rational(p, q) builds, without its checks and cache.
    return exact_rational(int(c.p), int(c.q))


def _big(c: object) -> bool:
    """Whether a rational is too long to print (guard.check_size would refuse it)."""
    return max(abs(int(c.p)).bit_length(), int(c.q).bit_length()) > _LIMIT


_BOUND = 1 << _LIMIT  # an integer has more than _LIMIT bits when its absolute value reaches this


def _big_rational(r: sp.Rational) -> bool:
    """``_big`` of a SymPy rational: its numerator or denominator longer than _LIMIT bits."""
    return r.q >= _BOUND or not -_BOUND < r.p < _BOUND


def _term(values: list, gens: Sequence[int], c: object, powers: dict | None = None) -> object:
    """c times the generators' values to the powers ``gens`` (SymEngine's); ``powers`` keeps each power made."""
    term = se.Rational(int(c.p), int(c.q))
    for j, e in enumerate(gens):
        if e:
            if powers is None:
                term = term * values[j] ** int(e)
                continue
            found = powers.get((j, e))
            if found is None:
                found = powers[(j, e)] = values[j] ** int(e)
            term = term * found
    return term


_ZOO, _NAN, _PI = sp.S.ComplexInfinity, sp.S.NaN, sp.S.Pi


def _undefined(leaf: sp.Expr) -> bool:
    """``leaf.has(sp.zoo, sp.nan)``: both are singletons, found by identity in one walk of the tree.

    >>> _undefined(sp.exp(2) + sp.Rational(1, 3)), _undefined(sp.sin(sp.zoo, evaluate=False))
    (False, True)
    """
    if leaf.is_Rational:  # (neither)
        return False
    stack = [leaf]
    while stack:
        e = stack.pop()
        if e is _ZOO or e is _NAN:
            return True
        stack += e._args
    return False
