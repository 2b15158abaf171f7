"""SymPy's sum for SymEngine's 1 + 4*exp(9) + 6*exp(18) + 4*exp(27) + exp(36), built directly.

At a point, 1/(1 + exp(x + 3)**2) has the coefficients c*exp(9i)/(1 + exp(9))**j, which
SymEngine expands into such denominators (binomial sums). convert.to_sympy builds each term
through its general ``mul`` and the sum through ``add`` and a sort by SymPy's keys: most of
the time of an expansion at order 8 (~0.1 ms a denominator after clear_cache). Here a sum whose
terms are one positive integer and terms c*exp(q) or exp(q) (c, q integers >= 2, q distinct)
is built as Add.flatten builds it: nothing to combine (distinct exponents, one number), so its
args are the number, then ``_addsort``'s order (Basic.compare: the Muls first, by coefficient
then exponent; then the exps by exponent), and ``Add._from_args`` of them.
(tests/test_exp_sums.py compares with SymPy's own Add over drawn sums.)

>>> import symengine as se
>>> built = exp_sum(1 + 2 * se.exp(8) + se.exp(16), {})
>>> built == 1 + 2 * sp.exp(8) + sp.exp(16), built.args == sp.Add(1, 2 * sp.exp(8), sp.exp(16)).args
(True, True)
"""

from __future__ import annotations

import symengine as se
import sympy as sp

from .constants_build import unevaluated

_INTEGER = se.Integer  # (1 is a subclass of its own in both systems)
_POW = se.Pow
_MUL = se.Mul


def exp_sum(base: object, memo: dict) -> sp.Add | None:
    """SymPy's Add equal to the SymEngine sum ``base`` of the shape above, else None.

    ``memo`` maps SymEngine's exp(q) to SymPy's (constants.unevaluated), shared with the caller's
    conversions so that each exp(q) is one object in the job.
    """
    number = None
    muls: list = []
    exps: list = []
    seen: set = set()
    for term in base.args:
        if isinstance(term, _INTEGER):
            if number is not None:
                return None
            number = int(term)
            if number < 1:
                return None
            continue
        c = 1
        if type(term) is _MUL:
            parts = term.args
            if len(parts) != 2 or not isinstance(parts[0], _INTEGER):
                return None
            c, term = int(parts[0]), parts[1]
            if c < 2:
                return None
        if type(term) is not _POW:
            return None
        e, q = term.args
        if e != se.E or not isinstance(q, _INTEGER):
            return None
        q = int(q)
        if q < 2 or q in seen:
            return None
        seen.add(q)
        value = memo.get(term)
        if value is None:
            value = memo[term] = unevaluated(sp.exp, sp.Integer(q))
        if c == 1:
            exps.append((q, value))
        else:
            muls.append((c, q, sp.Mul._from_args((sp.Integer(c), value), True)))  # (exp(q) is commutative)
    if number is None or not muls and not exps:
        return None
    muls.sort(key=lambda t: (t[0], t[1]))
    exps.sort(key=lambda t: t[0])
    return sp.Add._from_args([sp.Integer(number)] + [t[2] for t in muls] + [t[1] for t in exps], True)
