"""The polynomial of an expansion at 0 with rational coefficients, from mv_origin.py's exponents (issue 9).

keyed.polynomial's objects for this case (every base a plain symbol, every coefficient a rational, at most
one constant term), built the way keyed._assemble builds them, without its general cases: no shifted
displacement (x - a), no coefficient with factors of its own, no sum to split. A term is c times the
powers of the symbols, each factor b**p made as ``Pow`` makes it for a plain symbol and an integer p >= 2
(keyed._factor), the factors in the order of their sort keys, the rational first; the sum's terms in the
order of theirs (sortkey._canonical_sum). tests/test_mv16_origin.py compares them with keyed's.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> polynomial([((0, 0), sp.Integer(2)), ((1, 0), sp.Integer(1)), ((1, 2), sp.Rational(-1, 3))], [x, y])
-x*y**2/3 + x + 2
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from sympy.core import Integer, Mul, Pow, S, Symbol

from ..sortkey import _CLASS, _canonical_sum, _class_key, _plain_base, key_by_id
from .engine import _integers

_POW_ASSUMPTIONS, _MUL_ASSUMPTIONS = Pow.default_assumptions, Mul.default_assumptions
_POW_KEY, _INTEGER_KEY, _MUL_KEY = _class_key(Pow), _class_key(Integer), _class_key(Mul)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_new = object.__new__


def polynomial(rows: Sequence[tuple[tuple, object]], variables: Sequence[Symbol]) -> object | None:
    """The sum of c * x1**a1 * ... for rows (exponents as ints, c a rational), or None where a variable is
    not a plain symbol (keyed.polynomial's own build decides then)."""
    for v in variables:
        if type(v) is not Symbol or not _plain_base(v):
            return None
    keys: dict = {}  # key_by_id's, by id: the variables' keys
    made: dict = {}  # 16 i + a -> (x_i**a, its key)
    integers = None
    one, classes = S.One, _CLASS
    numbers: list = []
    rest: list = []
    append = rest.append
    for exps, c in rows:
        factors = []
        i = -16
        for a in exps:
            i += 16
            if not a:
                continue
            found = made.get(i + a)
            if found is None:
                base = variables[i >> 4]
                if a == 1:
                    found = base, key_by_id(base, keys)
                else:
                    if integers is None:
                        integers = _integers(15)
                    n = integers[a]
                    power = _new(Pow)  # keyed._factor's Pow, inlined
                    power._assumptions, power._mhash, power._args = _POW_ASSUMPTIONS, None, (base, n)
                    power.is_commutative = True
                    found = power, (_POW_KEY, 2, (key_by_id(base, keys), (_INTEGER_KEY, 2, (a, 1))))
                made[i + a] = found
            factors.append(found)
        if not factors:
            numbers.append(c)
            continue
        if len(factors) == 1:
            if c is one:
                append(factors[0])
                continue
            parts = factors
        else:
            parts = sorted(factors, key=_SECOND)
        if c is one:
            args = tuple(map(_FIRST, parts))
            keys_ = tuple(map(_SECOND, parts))
        else:
            args = (c, *map(_FIRST, parts))
            cls = type(c)
            keys_ = (((classes.get(cls) or _class_key(cls)), 2, (c.p, c.q)), *map(_SECOND, parts))
        term = _new(Mul)  # Mul._from_args(args, True): every factor is commutative
        term._assumptions, term._mhash, term._args = _MUL_ASSUMPTIONS, None, args
        term.is_commutative = True
        append((term, (_MUL_KEY, len(args), keys_)))
    if len(numbers) > 1:
        return None
    return _canonical_sum(numbers, rest)
