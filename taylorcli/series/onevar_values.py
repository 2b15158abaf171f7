"""The SymPy values of a one-variable series with coefficients in Q[constants] (onevar_constants.py).

engine.taylor_coefficients' conversion for one variable, from {generator exponents: fmpq_series}:
each coefficient's polynomial in the generators becomes direct.Direct's value, else SymEngine's
expanded sum through convert.to_sympy, exactly as there; every part is vetted as
expansion._arithmetic vets it, and where that would raise (or could say more) Unsupported lets
the full path decide, with its own message.

>>> import symengine as se
>>> from flint import fmpq_series
>>> coefficients({(): fmpq_series([0, 1]), (1,): fmpq_series([1])}, [se.exp(2)], 1)
[((0,), exp(2)), ((1,), 1)]
"""

from __future__ import annotations

import math

import symengine as se
import sympy as sp

from ..constants import _real_sum, real_and_small, shared
from ..convert import to_sympy
from ..guard import MAX_DIGITS, check_size, not_real
from .direct import Direct
from .engine import _big, _integers, _rational, _term
from .tps import Unsupported

_LIMIT = int(MAX_DIGITS * math.log2(10))  # guard.check_size's limit, in bits
_UNDEFINED = (sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.DiracDelta, sp.AccumBounds)


def coefficients(series: dict, values: list, order: int) -> list[tuple[tuple[sp.Integer], sp.Expr]]:
    """engine.taylor_coefficients' loop for one variable: the same values, vetted as expansion._arithmetic vets."""
    with shared():  # exp(9), exp(18) ... in each 1/(1 + 2*exp(9) + exp(18)) ... converted once
        return _coefficients(series, values, order)


def _coefficients(series: dict, values: list, order: int) -> list[tuple[tuple[sp.Integer], sp.Expr]]:
    m = len(values)
    padded = [(key + (0,) * (m - len(key)), s) for key, s in series.items()]
    direct = None
    memo: dict = {}
    keys: dict = {}
    integers = _integers(order)
    out = []
    for d in range(order + 1):
        items = [(key, c) for key, s in padded if (c := s[d])]
        if not items:
            continue
        if len(items) == 1 and not any(items[0][0]):
            c = items[0][1]
            if _big(c):  # check_size refuses it: the full path says so
                raise Unsupported("a coefficient too long to print")
            out.append(((integers[d],), _rational(c)))  # (real_and_small would not pass it: vetted here)
            continue
        if direct is None:
            direct = Direct(values, None, {}, _rational)
        if direct.ok:
            leaves = []
            value = direct.value(items, leaves, _big)
            if value is sp.S.Zero:
                continue
        else:
            engine = se.expand(se.Add(*[_term(values, gens, c) for gens, c in items]))
            if engine == 0:
                continue
            leaves = []
            value = to_sympy(engine, memo, leaves, keys)
        for leaf in leaves:
            if real_and_small(leaf, _LIMIT):  # f(q), powers, positive sums of them: no zoo or nan in it
                continue
            if d and _real_power(leaf):  # 1/(1 - 2*log(5)*log(4) + ...)**2: nothing the vet below refuses
                continue
            if not leaf.is_Rational and leaf.has(sp.zoo, sp.nan):  # (a Rational is neither)
                raise Unsupported("a coefficient SymEngine calls undefined")
            if not _passes(leaf, d):
                raise Unsupported("a part the full path vets")  # it raises, or says more: it decides
        out.append(((integers[d],), value))
    if SINK is not None and direct is not None:
        SINK.update(direct.sums)  # the sums' sort keys, for the polynomial's build (keyed_onevar)
    return out


# Within series.scope: where the sort keys of the coefficient sums made here go, id -> (sum, its key)
# (direct.Direct.sums); None outside it.
SINK: dict | None = None


def _real_power(part: sp.Expr) -> bool:
    """Whether ``part`` is S**k, S a sum ``_real_sum`` passes, k an integer: for a coefficient of degree d > 0
    ``_passes`` is then True and SymEngine saw no zoo or nan: the sum's terms are rationals and values
    ``real_and_small`` passes (no zoo, nan, oo, I, DiracDelta or AccumBounds in them), every number in
    them and k under the size limit (check_size's). (A zero S is not asked about at d > 0: the vet
    does not evaluate.)"""
    if type(part) is not sp.Pow:
        return False
    base, k = part.args
    return type(base) is sp.Add and k.is_Integer and k.p.bit_length() <= _LIMIT and _real_sum(base, _LIMIT)


def _passes(part: sp.Expr, d: int) -> bool:
    """Whether expansion._arithmetic's vet lets ``part`` (of the coefficient of degree d) through."""
    try:
        if not part.is_Rational and (part.has(*_UNDEFINED) or d == 0 and not_real(part)):
            return False
        check_size(part, "a coefficient")
    except Exception:  # noqa: BLE001 - whatever it raises, the full path raises
        return False
    return True
