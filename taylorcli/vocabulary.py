"""The parser's vocabulary: the constants and functions user text may name.

Each function has its SymPy builder and a float estimate, so that constant
arguments are vetted before SymPy starts exact work.

>>> FUNCTIONS["sin"].arities
(1,)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp


# Every constant SymPy's printer may write (gamma'(1) = -EulerGamma) must read back as itself.
CONSTANTS: dict[str, tuple[sp.Expr, float]] = {
    "pi": (sp.pi, math.pi), "E": (sp.E, math.e), "EulerGamma": (sp.EulerGamma, 0.5772156649015329),
    "Catalan": (sp.Catalan, 0.915965594177219), "GoldenRatio": (sp.GoldenRatio, (1 + math.sqrt(5)) / 2),
}
RESERVED = {
    "I": "complex numbers are not supported",
    "oo": "infinity is not a value here",
    "zoo": "infinity is not a value here",
    "nan": "nan is not a value",
    "inf": "infinity is not a value here",
    "infinity": "infinity is not a value here",
}


def _sigmoid(x: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-x))


def _softplus(x: sp.Expr) -> sp.Expr:
    return sp.log(1 + sp.exp(x))


def _fsign(x: float) -> float:
    return float((x > 0) - (x < 0))


def _fheaviside(x: float) -> float:
    return 1.0 if x > 0 else 0.0 if x < 0 else 0.5


def _fdelta(x: float, k: float = 0) -> float:
    if x == 0:
        raise ValueError("DiracDelta at 0")
    return 0.0


def _flog(x: float, b: float | None = None) -> float:
    return math.log(x) if b is None else math.log(x, b)


def _fpolygamma(n: float, x: float) -> float:
    # Exact SymPy evaluation of polygamma at an integer builds harmonic numbers:
    # keep the arguments small, and return no float (none is needed downstream).
    if n != int(n) or not 0 <= n <= 50 or abs(x) > 1000:
        raise OverflowError("polygamma argument too large")
    return math.nan


def _fzeta(s: float, a: float = 1.0) -> float:
    # gamma'''(1) = -EulerGamma**3 - pi**2*EulerGamma/2 - 2*zeta(3): zeta must read back in.
    import mpmath

    value = mpmath.zeta(s, a)
    if not isinstance(value, mpmath.mpf):  # a pole (s = 1) or a complex value
        raise ValueError("zeta is undefined or not real here")
    return float(value)


@dataclass(frozen=True)
class Function:
    """A function the parser knows: how to build it and how to estimate it."""

    build: Callable[..., sp.Expr]
    estimate: Callable[..., float]  # float version, to vet constant arguments
    arities: tuple[int, ...]  # allowed argument counts; () means 1 or more


FUNCTIONS: dict[str, Function] = {
    "exp": Function(sp.exp, math.exp, (1,)),
    "log": Function(sp.log, _flog, (1, 2)),
    "ln": Function(sp.log, math.log, (1,)),
    "sqrt": Function(sp.sqrt, math.sqrt, (1,)),
    "sin": Function(sp.sin, math.sin, (1,)),
    "cos": Function(sp.cos, math.cos, (1,)),
    "tan": Function(sp.tan, math.tan, (1,)),
    "sec": Function(sp.sec, lambda x: 1 / math.cos(x), (1,)),
    "csc": Function(sp.csc, lambda x: 1 / math.sin(x), (1,)),
    "cot": Function(sp.cot, lambda x: 1 / math.tan(x), (1,)),
    "sinh": Function(sp.sinh, math.sinh, (1,)),
    "cosh": Function(sp.cosh, math.cosh, (1,)),
    "tanh": Function(sp.tanh, math.tanh, (1,)),
    "asin": Function(sp.asin, math.asin, (1,)),
    "acos": Function(sp.acos, math.acos, (1,)),
    "atan": Function(sp.atan, math.atan, (1,)),
    "atan2": Function(sp.atan2, math.atan2, (2,)),
    "asinh": Function(sp.asinh, math.asinh, (1,)),
    "acosh": Function(sp.acosh, math.acosh, (1,)),
    "atanh": Function(sp.atanh, math.atanh, (1,)),
    "Abs": Function(sp.Abs, abs, (1,)),
    "abs": Function(sp.Abs, abs, (1,)),
    "sign": Function(sp.sign, _fsign, (1,)),
    "erf": Function(sp.erf, math.erf, (1,)),
    "gamma": Function(sp.gamma, math.gamma, (1,)),
    "sigmoid": Function(_sigmoid, lambda x: 1 / (1 + math.exp(-x)), (1,)),
    "softplus": Function(_softplus, lambda x: math.log1p(math.exp(x)), (1,)),
    "min": Function(sp.Min, min, ()),
    "max": Function(sp.Max, max, ()),
    # Names SymPy prints in derivatives, so that every result reads back in.
    "Min": Function(sp.Min, min, ()),
    "Max": Function(sp.Max, max, ()),
    "polygamma": Function(sp.polygamma, _fpolygamma, (2,)),
    "zeta": Function(sp.zeta, _fzeta, (1, 2)),
    "Heaviside": Function(sp.Heaviside, _fheaviside, (1,)),
    "DiracDelta": Function(sp.DiracDelta, _fdelta, (1, 2)),
    # |u|' for a u that leaves the reals (|asin(x)| for x > 1) is SymPy's re(u) re(u)' + im(u) im(u)' over |u|
    "re": Function(sp.re, float, (1,)),
    "im": Function(sp.im, lambda x: 0.0, (1,)),
}
