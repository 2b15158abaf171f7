"""An expansion's polynomial: the sum of its terms c*(x - a)**n as the very objects ``sp.Add(*(c * m))`` gives.

(``Expansion.polynomial``, apart from expansion.py for its size.) Built with convert.add/mul:
the same objects as sp.Add(*(c * m)), without re-flattening 165 already-collected products
(half of an expansion's time). Rational coefficients (most expansions at rational points
with rational values) skip even that: sortkey.rational_polynomial sorts once by keys
computed once per power; one plain variable (x, x - a) goes to sortkey_univariate.rational_univariate,
else keyed.py, for any coefficients.

>>> from taylorcli import expand
>>> polynomial(expand("exp(x)", "x", "1/2", 2))
(x - 1/2)**2*exp(1/2)/2 + (x - 1/2)*exp(1/2) + exp(1/2)
>>> polynomial(expand("1/(1 + x)", "x", "1", 2))  # -(x - 1)/4 distributes: -x/4, and 1/4 joins 1/2
-x/4 + (x - 1)**2/8 + 3/4
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from .convert import add, mul
from .keyed import plain_displacement, polynomial as keyed_polynomial
from .sortkey import _plain_base, rational_polynomial
from .sortkey_univariate import rational_univariate


def polynomial(e: Any) -> sp.Expr:
    """``e.polynomial`` for an ``expansion.Expansion`` ``e``."""
    # Built with convert.add/mul: the same objects as sp.Add(*(c * m)), without
    # re-flattening 165 already-collected products (half of an expansion's time).
    # Rational coefficients (most expansions at rational points with rational values) skip
    # even that: sortkey.rational_polynomial sorts once by keys computed once per power.
    variables = e.variables
    if len(variables) == 1:  # (e.bases, without the list and the call)
        x = variables[0]
        a = e.at[x]
        if type(x) is sp.Symbol and a.is_Rational and _plain_base(x):  # x or x - a: a plain base, found once
            base = x if a is sp.S.Zero else plain_displacement(x, a)
            fast = rational_univariate(e.coefficients, base, plain=True)
            if fast is None:
                fast = keyed_polynomial(e.coefficients, [base], e.sort_keys, plain=True)
            if fast is not None:
                return fast
            bases = [base]  # (keyed_polynomial said None: SymPy's constructors decide, below)
        else:  # 1/x, x - sqrt(2)
            bases = e.bases
            fast = rational_univariate(e.coefficients, bases[0])
            if fast is None:  # (never plain here: keyed.py does not apply)
                fast = rational_polynomial(e.coefficients, bases)
            if fast is not None:
                return fast
    else:
        bases = e.bases
        if all(map(_plain_base, bases)):  # x, x - a (a rational): keyed.py, for any coefficients
            # (rational_polynomial's own path for such bases is keyed._build, without the known keys)
            fast = keyed_polynomial(e.coefficients, bases, e.sort_keys, plain=True)
        else:  # 1/x, x - sqrt(2): rational coefficients only
            fast = rational_polynomial(e.coefficients, bases)
        if fast is not None:
            return fast
    keys: dict = {}  # sort keys, once per distinct subexpression (sortkey.py)
    powers_of: dict = {}
    terms = []
    for powers, c in e.coefficients:
        factors = []
        for i, p in enumerate(powers):
            if p:
                power = powers_of.get((i, p))
                if power is None:
                    power = powers_of[(i, p)] = bases[i] ** p
                factors.append(power)
        parts = list(c.args) if c.is_Mul else [c]
        terms.append(mul(parts + factors, keys) if factors else c)
    return add(terms, keys) if len(terms) > 1 else (terms[0] if terms else sp.Integer(0))
