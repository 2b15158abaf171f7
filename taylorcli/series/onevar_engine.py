"""SymEngine's ``sympy2symengine`` for the nodes a one-variable walk accepts, faster and memoized.

``onevar_constants._Walk.argument`` takes the value of a function's argument at the point as
compose.Walker does: ``sympy2symengine(arg).subs(point)``. For cosh(cosh(3*x)) at 1 that
conversion was ~17 us of a ~70 us walk: ``sympy2symengine`` tries some thirty ``isinstance``
tests in turn (SymPy's exp has a metaclass ``__instancecheck__``), and every function converts
its argument again through ``sympify``. Here each class the walk accepts has its branch of
``sympy2symengine`` (the same SymEngine constructors, on the same converted parts, in the
same order: the very object), found by ``type``; each subexpression is converted once per
walk (``memo``, by id: the walk keeps the expression alive). Anything else goes to
``sympy2symengine`` itself. (tests/test_onevar_constants_fast.py compares them.)

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> engine_of(sp.cosh(3 * x) + sp.exp(x / 2), {})
exp((1/2)*x) + cosh(3*x)
"""

from __future__ import annotations

import symengine as se
import sympy as sp
from symengine.lib.symengine_wrapper import Add as _add
from symengine.lib.symengine_wrapper import Mul as _mul
from symengine.lib.symengine_wrapper import sympy2symengine

# sympy2symengine's branch for these classes: f(a.args[0]), the argument converted by sympify,
# which is sympy2symengine for a SymPy object (no _symengine_ or _sympy_ method on it)
_FUNCTIONS = {sp.sin: se.sin, sp.cos: se.cos, sp.tan: se.tan, sp.atan: se.atan, sp.sinh: se.sinh,
              sp.cosh: se.cosh, sp.log: se.log, sp.erf: se.erf}


def engine_of(e: sp.Expr, memo: dict[int, object]) -> object:
    """``sympy2symengine(e)``'s object; ``memo`` (by id) holds the parts converted in this job."""
    found = memo.get(id(e))
    if found is not None:
        return found
    cls = type(e)
    if e.is_Rational:  # sympy2symengine: Integer(p), else Integer(p) / Integer(q)
        value = se.Integer(e.p) if e.q == 1 else se.Integer(e.p) / se.Integer(e.q)
    elif cls is sp.Symbol:
        value = se.Symbol(e.name)
    elif cls is sp.Mul:
        value = _mul(*[engine_of(arg, memo) for arg in e.args])
    elif cls is sp.Add:
        value = _add(*[engine_of(arg, memo) for arg in e.args])
    elif cls is sp.Pow:
        base, exponent = e.args  # Pow.as_base_exp, unless the base is 1/q (then (q, -e)): left to SymPy's
        if base.is_Rational and base.p == 1 and base.q != 1:
            value = sympy2symengine(e)
        else:
            value = engine_of(base, memo) ** engine_of(exponent, memo)
    elif cls is sp.exp:  # exp.as_base_exp: (exp(1), Mul(*args)), which is (E, the argument)
        value = se.E ** engine_of(e.args[0], memo)
    else:
        function = _FUNCTIONS.get(cls)
        if function is not None and len(e.args) == 1:
            value = function(engine_of(e.args[0], memo))
        else:
            value = sympy2symengine(e)
    memo[id(e)] = value
    return value
