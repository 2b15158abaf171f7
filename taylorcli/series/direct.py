"""A coefficient's SymPy value built straight from its polynomial in the generators (issue 9).

At a point such as (1, 2, 3) each coefficient of exp(x*y)*sin(x+z) is a polynomial with
rational coefficients in generators that stand for exp(2), sin(4), cos(4). Its value is the
object ``to_sympy(se.expand(...))`` gives whenever the generators' powers and products do
not simplify (sin(4), cos(4), log(2), a parameter; at most one exponential, whose powers
SymPy and SymEngine both fold into exp(k a)): SymEngine's expanded sum then has one term
per monomial, SymPy's canonical sum holds the same terms sorted. Each monomial's factors,
and their sort keys (``sortkey``), are made once per call; a term's key is assembled from
them, so a coefficient costs one sort of plain tuples and ``Add._from_args``.

>>> import symengine as se
>>> from flint import fmpq
>>> d = Direct([se.exp(2), se.sin(4)], None, {}, lambda c: sp.Rational(int(c.p), int(c.q)))
>>> d.value([((0, 1), fmpq(3, 2)), ((1, 1), fmpq(2))], [])
2*exp(2)*sin(4) + 3*sin(4)/2
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

import symengine as se
import sympy as sp

from ..constants import _positive_sum, _square_free, power as constant_power
from ..constants_sums import power as sums_power
from ..convert import add, mul, to_sympy
from ..guard import LIMIT_BITS
from ..sortkey import NoKey, _canonical_sum, _class_key, key_by_id, sort_args, sort_key
from .direct_kinds import _exponential, _inverse_sum, _kinds, _pi_power, _square_root  # noqa: F401 (tests read them here)
from .direct_powers import _LIMIT_EXPONENT, _SHIFT, _pack, _packed_mul, _poly_mul, _unpack_power

_KEY = itemgetter(3)  # a power record's sort key


_GENERATORS: dict[tuple, tuple] = {}  # SymEngine values -> Direct._generators(values), no parameter
# (walked, fold) within ``within_walk`` (onevar_constants' job): what onevar_values' Direct takes; else None
_CONTEXT: tuple | None = None


class within_walk:
    """Within it a Direct made without ``walked`` and ``fold`` (onevar_values') takes the walk's and folds.

    Scoped to one onevar_constants job (no state survives it); the multivariate engine's Direct,
    made outside it, is untouched.
    """

    def __init__(self, walked: dict) -> None:
        self.walked = walked

    def __enter__(self) -> None:
        global _CONTEXT
        self.saved, _CONTEXT = _CONTEXT, (self.walked, True)

    def __exit__(self, *exc: object) -> None:
        global _CONTEXT
        _CONTEXT = self.saved
ONE_TERM = True  # a one-term coefficient without sort keys (False: the general sum; tests compare them)


class Direct:
    """Coefficients' values from (generator exponents, rational) items; ``ok`` False where it does not apply.

    ``ok`` is False when some generators' powers or products could simplify (sqrt(2), two
    exponentials ...): the caller then asks SymEngine to expand.
    """

    def __init__(self, values: list, names: dict | None, memo: dict,
                 rational: Callable[[object], sp.Rational], walked: dict | None = None, fold: bool = False) -> None:
        self.rational = rational  # fmpq -> the SymPy Rational (engine.exact_rational, without its cache)
        if walked is None and not fold and not names and _CONTEXT is not None:
            walked, fold = _CONTEXT
        # onevar_constants._Walk.engine (id -> (a constant's polynomial in the generators, its SymEngine
        # value)): the sums under 1/c generators, whose powers are then built here (``_inverse_power``)
        self.walked, self.polynomials = walked, None
        self.power_keys: dict[tuple[int, int], tuple] = {}  # the sort keys of the powers _inverse_power made
        # The generators' SymPy values, once per process for the same SymEngine values (no parameter):
        # immutable objects, the very ones to_sympy gives. (Their powers, and the leaves vetted, are per call.)
        key = tuple(values) if not names else None
        found = _GENERATORS.get(key) if key is not None else None
        if found is None:
            found = self._generators(values, names, memo)
            if key is not None:
                if len(_GENERATORS) >= 256:
                    _GENERATORS.clear()
                _GENERATORS[key] = found
        self.roots, self.ok, self.gens = dict(found[0]), found[1], list(found[2])
        self.inverse = found[4]  # the slots of 1/c generators, c a sum (``_inverse_sum``: read once, ~2-3 us a read)
        self.values, self.names, self.memo = values, names, memo
        # ``fold``: several exponentials (exp(3), exp(sin(1)), E) allowed, their powers in a monomial
        # multiplied by SymEngine into one exp(S) factor, as its expand folds them (``_exp_record``);
        # several square roots, sqrt(2)*sqrt(5) one sqrt(10) factor, as SymPy's Mul makes it (``_root_record``)
        self.exps: list[int] = []
        self.rootset: list[int] = []
        self.folding = False
        if fold and not self.ok and found[3] and not names:
            exps = list(found[5])  # (the slots of the exponentials: ``_exponential``)
            self.exps = exps if len(exps) > 1 else []
            self.rootset = sorted(self.roots) if len(self.roots) > 1 else []
            self.ok = self.folding = True
            self.exp_records: dict[tuple, tuple] = {}  # exponents of the exponentials -> record
            self.root_records: dict[tuple, tuple] = {}  # the roots' slots in a monomial -> record
            self.engine_memo: dict = {}  # the fallback's conversions (its leaves all new: vetted)
        self.powers: dict[tuple[int, int], sp.Expr] = {}
        # (plain alone, its base's slot, the power, its sort key) of each power met in a monomial
        self.facts: dict[tuple[int, int], tuple] = {}
        self.id_keys: dict = {}  # key_by_id's memo for the powers' keys (``_record``)
        self.bases: dict[sp.Expr, int] = {}
        # gens -> (factors, their keys, the monomial alone and its key); factors None: not plain
        self.monomials: dict[tuple, tuple] = {}
        self.keys: dict = {}
        self._mul = _class_key(sp.Mul)
        self._add = _class_key(sp.Add)
        # id -> (sum, its sort key) of every sum value made here: what sortkey.key_by_id gives for it
        self.sums: dict[int, tuple[sp.Expr, tuple]] = {}

    @staticmethod
    def _generators(values: list, names: dict | None, memo: dict) -> tuple[dict, bool, list, bool, frozenset, tuple]:
        """(square roots by slot, ``ok``, SymPy values, ``ok`` but for several exponentials, the slots of
        inverse sums, those of exponentials) of the generators."""
        # sqrt(n) for a square-free n: its powers are reduced here (sqrt(3)**2 is 3, as SymEngine has it)
        # (_square_root, _inverse_sum, _exponential, _pi_power of each value, its args read once: ~3 us a read)
        kinds = [_kinds(v) for v in values]
        roots = {j: int(v.args[0]) for j, v in enumerate(values) if kinds[j][0]}
        # 1/c, c a sum (1/(1 + cosh(2)**2)): its powers are SymEngine's expanded ones (``_power``)
        fold = all(
            kind[2] or j in roots or kind[1] or kind[3]
            or not isinstance(v, (se.Pow, se.Mul, se.Add, se.Number))
            for j, (v, kind) in enumerate(zip(values, kinds)))
        ok = fold and sum(kind[2] for kind in kinds) <= 1 and len(roots) <= 1
        gens = []
        for v in values:
            g = to_sympy(v, memo)
            if names:
                g = g.xreplace({s: names[s.name] for s in g.free_symbols if s.name in names})
            gens.append(g)
        if any(not gens[j].is_Pow for j in roots):  # sqrt(8) is 2*sqrt(2) in SymPy
            ok = fold = False
        return (roots, ok, gens, fold, frozenset([j for j, kind in enumerate(kinds) if kind[1]]),
                tuple([j for j, kind in enumerate(kinds) if kind[2]]))

    def value(self, items: list, leaves: list, big: object = None) -> sp.Expr:
        """The sum of rational * monomial over ``items``; new leaves (powers, big rationals) go to ``leaves``.

        ``big(q)``: whether the rational q (SymPy's) must be vetted (too long to print); None: every one is.
        """
        if self.roots:
            items = self._reduce(items)
        if len(items) == 1 and ONE_TERM:  # one term (most coefficients): what the sum below makes of it, without keys
            gens, c = items[0]
            q = self.rational(c)
            if big is None or big(q):
                leaves.append(q)
            monomial = self.monomials.get(gens)
            if monomial is None:
                monomial = self._monomial(tuple(gens), leaves)
            factors, _, alone, _ = monomial
            if factors is None:
                return self._fallback(items, leaves)
            if not factors:
                return q
            return alone if q is sp.S.One else sp.Mul._from_args([q] + factors, True)
        numbers, rest, seen = [], [], set()
        for gens, c in items:
            q = self.rational(c)
            if big is None or big(q):
                leaves.append(q)
            key = tuple(gens)
            monomial = self.monomials.get(key)
            if monomial is None:
                monomial = self._monomial(key, leaves)
            factors, keys, alone, alone_key = monomial
            if factors is None:  # something SymPy might combine: its own constructors decide
                return self._fallback(items, leaves)
            if self.folding and factors:  # exp(2)*exp(3) and exp(5): one term (like terms to collect)
                if alone_key in seen:
                    return self._fallback(items, leaves)
                seen.add(alone_key)
            if not factors:
                numbers.append(q)
            elif q is sp.S.One:
                rest.append((alone, alone_key))
            else:  # what Mul builds: the number, then the sorted factors
                rest.append((sp.Mul._from_args([q] + factors, True),
                             (self._mul, 1 + len(factors), ((_class_key(type(q)), 2, (q.p, q.q)),) + keys)))
        found = _canonical_sum(numbers, rest)
        if found is None:
            return self._fallback(items, leaves)
        if found.is_Add:  # its sort key from its terms' (_canonical_sum sorted ``rest``), for keyed.py's build
            keys = tuple([_number_key(q) for q in numbers] + [item[1] for item in rest])
            self.sums[id(found)] = (found, (self._add, len(keys), keys))
        return found

    def _reduce(self, items: list) -> list:
        """``items`` with sqrt(n)**e made n**(e // 2) sqrt(n)**(e % 2), like terms summed, zeros dropped."""
        out: dict[tuple, object] = {}
        for gens, c in items:
            gens = list(gens)
            for j, n in self.roots.items():
                e = int(gens[j])
                if e >= 2:
                    c = c * n ** (e // 2)
                    gens[j] = e % 2
            key = tuple(gens)
            out[key] = out[key] + c if key in out else c
        return [(gens, c) for gens, c in out.items() if c]

    def _fallback(self, items: list, leaves: list) -> sp.Expr:
        """``_slow``; with several exponentials SymEngine's expanded sum and to_sympy, as without Direct
        (every leaf of it new to its own memo: vetted)."""
        if not self.folding:
            return self._slow(items)
        terms = []
        for gens, c in items:
            term = se.Rational(int(c.p), int(c.q))
            for j, e in enumerate(gens):
                if e:
                    term = term * self.values[j] ** int(e)
            terms.append(term)
        return to_sympy(se.expand(se.Add(*terms)), self.engine_memo, leaves, self.keys)

    def _slow(self, items: list) -> sp.Expr:
        """The value by convert.add/mul (their checks fall back to SymPy's constructors)."""
        terms = []
        for gens, c in items:
            factors = [self._power(j, int(e)) for j, e in enumerate(gens) if e]
            terms.append(mul([self.rational(c)] + factors, self.keys) if factors else self.rational(c))
        return add(terms, self.keys) if len(terms) > 1 else terms[0]

    def _power(self, j: int, e: int, leaves: list | None = None) -> sp.Expr:
        power = self.powers.get((j, e))
        if power is None:
            # g**1 is g (Pow.__new__ returns the base for the exponent 1), without SymPy's operator
            if e == 1:
                power = self.gens[j]
            elif j in self.inverse:  # (_inverse_sum(self.values[j]))
                power = self._inverse_power(j, e, [] if leaves is None else leaves) \
                    if self.walked and not self.names else None
                # se.expand makes Pow(c, -e) Pow(expand(c**e), -1), (1 + 2*cosh(2)**2 + cosh(2)**4)**(-1);
                # the very object its to_sympy gives (tests/test_inverse_constants_direct.py)
                if power is None:
                    power = to_sympy(se.expand(self.values[j] ** e), self.memo)
                if self.names:
                    power = power.xreplace({s: self.names[s.name] for s in power.free_symbols
                                            if s.name in self.names})
            else:
                power = constant_power(self.gens[j], e)
            self.powers[(j, e)] = power
        return power

    def _inverse_power(self, j: int, e: int, leaves: list) -> sp.Expr | None:
        """1/c**e for the generator 1/c (c a sum), e >= 2: c's polynomial in the generators (the walk's)
        raised here, its value built as a coefficient's (``value``), and constants.leaf's power of it.

        to_sympy(se.expand(...)) gives Pow(S, -1), S SymPy's object for SymEngine's expanded c**e:
        the expanded sum of c**e's monomials in the generators (``ok``: their products do not
        simplify), which ``value`` builds; leaf's ``_power_of_sum`` makes Pow(S, -1) by hand where
        ``_positive_sum`` passes S, else constants_sums.power's (a real sum) or None (then SymPy's
        constructor): the same here, None where that is None (the caller converts). The powers of generators made for S go to ``leaves``: vetted as when a
        coefficient meets them first. None where the walk did not record c.
        """
        if self.polynomials is None:
            self.polynomials = {value: c for c, value in self.walked.values()}
            self.raised: dict[int, list] = {}  # j -> [c, c**2, ...] as far as asked; packed: [top, D, D*c, ...]
        raised = self.raised.get(j)
        if raised is None:
            c = self.polynomials.get(self.values[j].args[0])
            if c is None:
                return None
            # (exponents packed in one int, _SHIFT bits a generator: a product's keys one addition, not a
            # tuple built by map; the same terms in the same order as _poly_mul's. None: kept as tuples)
            packed = _pack(c)
            raised = self.raised[j] = [c] if packed is None else list(packed[:2]) + [packed[2]]
        m = len(self.values)
        if type(raised[0]) is int:  # [largest exponent of c, D, D*c, (D*c)**2 ...] packed, int coefficients
            if e * raised[0] >= _LIMIT_EXPONENT:
                return None
            while len(raised) <= e + 1:
                raised.append(_packed_mul(raised[-1], raised[2]))
            poly = raised[e + 1]
            if any(key >> (_SHIFT * j) for key, n in poly.items() if n):
                return None  # (c holds generators made before 1/c only)
            items = _unpack_power(poly, raised[1] ** e, m)
            if len(items) < 2:
                return None
        else:
            while len(raised) < e:
                raised.append(_poly_mul(raised[-1], raised[0]))
            poly = raised[e - 1]
            items = [(key + (0,) * (m - len(key)), q) for key, q in poly.items() if q]
            if len(items) < 2 or any(len(key) > m or any(key[j:]) for key, _ in items):
                return None  # (c holds generators made before 1/c only)
        inner = self.value(items, leaves, _never)
        if type(inner) is not sp.Add:
            return None
        if _positive_sum(inner, LIMIT_BITS):
            power = sp.Expr.__new__(sp.Pow, inner, sp.S.NegativeOne)
            power.is_commutative = True
        else:  # 1 + (log(5) - log(4))**2 expanded: leaf's ``_power_of_sum`` takes a real sum it cannot
            # prove positive to constants_sums.power, which builds Pow(S, -1) or says None (then SymPy's
            # constructor: the caller converts). The same call on the same S here, without SymEngine
            # expanding c**e again and converting it term by term (atan(log(1 + x**2)) at 1/2 k4: ~200
            # conversions a call)
            power = sums_power(inner, sp.S.NegativeOne)
            if power is None:
                return None
        known = self.sums.get(id(inner))  # its sort key from the sum's (``value`` made both): sort_key's
        if known is not None and known[0] is inner:
            self.power_keys[(j, e)] = (_class_key(sp.Pow), 2, (known[1], sort_key(sp.S.NegativeOne, self.keys)))
        return power

    def _monomial(self, gens: tuple, leaves: list) -> tuple:
        """The powers of the generators in one monomial, sorted as SymPy sorts a product's factors.

        Not plain (factors None) where SymPy could combine or distribute them: a power that is a
        product, a sum or a number; two powers of one base.
        """
        records = []
        exps, rootset = self.exps, self.rootset
        for j, e in enumerate(gens):
            if e and not (exps and j in exps or rootset and j in rootset):
                e = int(e)
                record = self.facts.get((j, e))
                if record is None:
                    record = self._record(j, e, leaves)
                records.append(record)
        if rootset:
            rx = tuple([j for j in rootset if j < len(gens) and gens[j]])  # (exponents 0 or 1: _reduce)
            if len(rx) == 1:
                record = self.facts.get((rx[0], 1))
                if record is None:
                    record = self._record(rx[0], 1, leaves)
                records.append(record)
            elif rx:
                record = self.root_records.get(rx)
                if record is None:
                    record = self._root_record(rx, leaves)
                records.append(record)
        if exps:
            ex = tuple([int(gens[j]) if j < len(gens) else 0 for j in exps])
            if any(ex):
                record = self.exp_records.get(ex)
                if record is None:
                    record = self._exp_record(ex, leaves)
                records.append(record)
        if len(records) == 1 and not rootset and not exps:  # one power (most monomials): itself, its key
            record = records[0]
            if not record[0]:
                found = self.monomials[gens] = (None, None, None, None)
                return found
            power, key = record[2], record[3]
            if key is None:  # (as sort_args and sort_key below make it for one factor)
                key = sort_key(power, self.keys)
            found = self.monomials[gens] = ([power], (key,), power, key)
            return found
        plain = all(record[0] for record in records)
        if plain and len(records) > 1:
            plain = len({record[1] for record in records}) == len(records)
        if not plain:
            found = self.monomials[gens] = (None, None, None, None)
            return found
        keys = None
        if all(record[3] is not None for record in records):
            try:  # by the powers' keys: sort_args' order (no two equal: their bases differ)
                records.sort(key=_KEY)
                keys = tuple([record[3] for record in records])
            except TypeError:  # a content SymPy compares its own way: sort_args below lets it
                pass
        factors = [record[2] for record in records]
        if keys is None:
            sort_args(factors, self.keys)
            keys = tuple([sort_key(f, self.keys) for f in factors])
        if len(factors) == 1:
            alone, alone_key = factors[0], keys[0]
        else:
            alone = sp.Mul._from_args(factors, True) if factors else None
            alone_key = (self._mul, len(factors), keys)
        found = self.monomials[gens] = (factors, keys, alone, alone_key)
        return found

    def _exp_record(self, ex: tuple, leaves: list) -> tuple:
        """``_record`` of the exponentials' part of a monomial: SymEngine's product of their powers
        (E**a * E**b is E**(a + b) in its Mul, expanded as its expand leaves a term's), converted.
        Not plain where it is a number (exp(2)*exp(-2)) or no plain factor: the caller falls back."""
        value = se.Integer(1)
        for j, e in zip(self.exps, ex):
            if e:
                value = value * self.values[j] ** e
        value = se.expand(value)
        if isinstance(value, (se.Number, se.Mul, se.Add)):
            record = self.exp_records[ex] = (False, -1, None, None)
            return record
        power = to_sympy(value, self.memo)
        leaves.append(power)
        plain = not (power.is_Mul or power.is_Add or power.is_Number)  # (a number: commutative; no parameter here)
        slot = self.bases.setdefault(_base(power), len(self.bases))
        try:
            key = sort_key(power, self.keys) if plain else ()
        except NoKey:
            key = None
        record = self.exp_records[ex] = (plain, slot, power, key)
        return record

    def _root_record(self, rx: tuple, leaves: list) -> tuple:
        """``_record`` of sqrt(a)*sqrt(b)*... (slots ``rx``): sqrt(a*b*...) where that is square-free, as
        Mul.flatten combines numeric radicals of one exponent (Integer._eval_power finds no square to
        take out); else not plain (2*sqrt(3) for sqrt(2)*sqrt(6)): the caller falls back."""
        m = 1
        for j in rx:
            m *= self.roots[j]
        if not _square_free(m):
            record = self.root_records[rx] = (False, -1, None, None)
            return record
        power = sp.Expr.__new__(sp.Pow, sp.Integer(m), sp.S.Half)
        power.is_commutative = True
        leaves.append(power)
        slot = self.bases.setdefault(power.args[0], len(self.bases))
        try:
            key = sort_key(power, self.keys)
        except NoKey:
            key = None
        record = self.root_records[rx] = (True, slot, power, key)
        return record

    def _record(self, j: int, e: int, leaves: list) -> tuple:
        """(plain alone, its base's slot, the power, its sort key or None) of g_j**e, once per call.

        A power ``_slow`` made first is no new leaf here (as before).
        """
        fresh = (j, e) not in self.powers
        power = self._power(j, e, leaves)
        if fresh:
            leaves.append(power)
        # (without parameters every value is a number, commutative: not asked, ~3 us of assumptions each)
        plain = not (power.is_Mul or power.is_Add or power.is_Number) and (not self.names or power.is_commutative)
        base = _base(power)
        slot = self.bases.setdefault(base, len(self.bases))  # equal bases, one slot
        try:  # (by id: sortkey.key_by_id's key is sort_key's; the power lives in self.powers, its parts in it)
            key = (self.power_keys.get((j, e)) or key_by_id(power, self.id_keys)) if plain else ()
        except NoKey:
            key = None
        record = self.facts[(j, e)] = (plain, slot, power, key)
        return record


def _never(q: object) -> bool:
    return False


def _base(power: sp.Expr) -> sp.Expr:
    """``power.as_base_exp()[0]``: exp(c)'s is E, without building exp(1) as exp.as_base_exp does (~10 us
    after clear_cache, once per generator power)."""
    return sp.S.Exp1 if type(power) is sp.exp else power.as_base_exp()[0]


def _number_key(q: sp.Rational) -> tuple:
    """A rational's sort key, as sort_key and key_by_id build it from _hashable_content() == (p, q)."""
    return (_class_key(type(q)), 2, (q.p, q.q))
