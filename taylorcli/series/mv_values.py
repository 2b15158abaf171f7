"""Constants of the series walk (compose.Walker) written as SymEngine's derivatives hold them.

erf(w) whose argument SymEngine would negate (-u + z + sqrt(2) is stored -erf(u - z - sqrt(2))):
its derivative holds exp(-(u - z - sqrt(2))**2), whose value at the point is exp(-(1 - sqrt(2))**2),
not the exp(-(-1 + sqrt(2))**2) that w's own value gives (the same number, another object).

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> u, z = sp.symbols("u z", real=True)
>>> w = Walker([u, z], {u: sp.Integer(1), z: sp.Integer(0)}, 1, Ring(2, 4, 1))
>>> arg = -u + z + sp.sqrt(2)
>>> erf_rate(w, arg, w.argument(arg))
exp(-(1 - sqrt(2))**2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import symengine as se
from symengine.lib.symengine_wrapper import sympy2symengine

if TYPE_CHECKING:
    import sympy as sp

    from .compose import Walker

_RATIONALS = (se.Integer, se.Rational)
_ERF = type(se.erf(se.Symbol("w")))


def erf_rate(walker: Walker, arg: sp.Expr, v: object) -> object:
    """exp(-w**2) at the point (erf's rate but for 2/sqrt(pi)), ``v`` being w's value there."""
    if isinstance(v, _RATIONALS):  # ((-q)**2 is q**2: one object)
        return se.exp(-v**2)
    node = se.erf(sympy2symengine(arg))
    if isinstance(node, se.Mul):  # -erf(-w): SymEngine's derivative holds exp(-(-w)**2)
        for factor in node.args:
            if isinstance(factor, _ERF):
                if walker._engine_point is None:
                    walker.argument(arg)  # (makes the point's SymEngine values)
                return se.exp(-factor.args[0].subs(walker._engine_point) ** 2)
    return se.exp(-v**2)


def asinh_value(arg: sp.Expr, v: object) -> object:
    """asinh at the point as the derivative engine's value holds it, ``v`` being the argument's value.

    SymEngine stores asinh(w) as -asinh(-w) where it extracts w's sign (-2*x/3 + y/2 + z/2), and
    evaluates asinh(-1) as log(-1 + sqrt(2)): that node's value at 1 is -log(-1 + sqrt(2)), not
    log(1 + sqrt(2)). Elsewhere (any other value, or no sign extracted) asinh(v) itself.
    """
    if isinstance(v, _RATIONALS) and (v == 1 or v == -1) and isinstance(se.asinh(sympy2symengine(arg)), se.Mul):
        return -se.asinh(-v)
    return se.asinh(v)
