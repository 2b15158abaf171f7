"""Numbers from exact expressions: compiled callables, high-precision values, enclosures.

``compile`` turns f, its gradient and Hessian into fast callables, checked
against exact derivatives when built (it lives in ``compiled.py``, re-exported
here). ``enclose`` bounds an expression over a box with interval
arithmetic (mpmath's ``iv``), walking the SymPy tree itself.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> lo, hi = enclose(sp.exp(x), {x: (0, 1)})
>>> float(lo) <= 1 and float(hi) >= 2.718281828
True
"""

from __future__ import annotations

from collections.abc import Mapping

import mpmath
import sympy as sp

from .compiled import Compiled, compile

__all__ = ["Compiled", "compile", "enclose", "value"]

iv = mpmath.iv
iv.dps = 30

_DIRECT = {sp.exp: iv.exp, sp.log: iv.log, sp.sin: iv.sin, sp.cos: iv.cos, sp.tan: iv.tan,
           sp.sec: iv.sec, sp.csc: iv.csc, sp.cot: iv.cot, sp.Abs: abs}
_INCREASING = {sp.atan: mpmath.atan, sp.asinh: mpmath.asinh, sp.asin: mpmath.asin,
               sp.atanh: mpmath.atanh, sp.acosh: mpmath.acosh, sp.erf: mpmath.erf}
_DECREASING = {sp.acos: mpmath.acos}
_SLACK = mpmath.mpf(10) ** -25  # widening that covers endpoint rounding


def _monotone(fn, interval, increasing: bool):
    lo, hi = (fn(interval.a), fn(interval.b)) if increasing else (fn(interval.b), fn(interval.a))
    return iv.mpf([mpmath.mpf(lo) - _SLACK * (1 + abs(lo)), mpmath.mpf(hi) + _SLACK * (1 + abs(hi))])


def _interval(node: sp.Basic, args: list) -> object:
    if node.is_Rational:
        return iv.mpf([node.p, node.p]) / node.q
    if node.is_Number or isinstance(node, sp.NumberSymbol):
        value = mpmath.mpf(sp.N(node, 40))
        return iv.mpf([value - _SLACK, value + _SLACK])
    if isinstance(node, sp.Add):
        total = args[0]
        for a in args[1:]:
            total = total + a
        return total
    if isinstance(node, sp.Mul):
        product = args[0]
        for a in args[1:]:
            product = product * a
        return product
    if isinstance(node, sp.Pow):
        base, exponent = node.args
        if exponent.is_Integer:
            return args[0] ** int(exponent)
        if exponent == sp.Rational(1, 2):
            return iv.sqrt(args[0])
        return iv.exp(args[1] * iv.log(args[0]))
    kind = type(node)
    if kind in _DIRECT:
        return _DIRECT[kind](args[0])
    if kind in _INCREASING:
        return _monotone(_INCREASING[kind], args[0], True)
    if kind in _DECREASING:
        return _monotone(_DECREASING[kind], args[0], False)
    if kind in (sp.sinh, sp.cosh, sp.tanh):
        plus, minus = iv.exp(args[0]), iv.exp(-args[0])
        return {sp.sinh: (plus - minus) / 2, sp.cosh: (plus + minus) / 2,
                sp.tanh: (plus - minus) / (plus + minus)}[kind]
    raise NotImplementedError(f"no interval arithmetic for {kind.__name__}")


def enclose(expr: sp.Expr, box: Mapping[sp.Symbol, tuple]) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Rigorous (lo, hi) with lo <= expr <= hi for every point of ``box``.

    Raises ``NotImplementedError`` for functions without interval arithmetic,
    and ``ArithmeticError`` where the enclosure is unbounded.
    """
    values: dict[sp.Basic, object] = {}
    for symbol, (lo, hi) in box.items():
        values[symbol] = iv.mpf([mpmath.mpf(sp.N(lo, 40)), mpmath.mpf(sp.N(hi, 40))])
    stack: list[tuple[sp.Basic, bool]] = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if node in values:
            continue
        if node.is_Symbol:
            raise NotImplementedError(f"{node} has no range")
        if not ready and node.args and not node.is_Number:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
            continue
        values[node] = _interval(node, [values[arg] for arg in node.args])
    result = values[expr]
    lo, hi = mpmath.mpf(result.a), mpmath.mpf(result.b)  # type: ignore[attr-defined]
    if not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
        raise ArithmeticError("unbounded")
    return lo, hi


def value(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr], digits: int = 60) -> mpmath.mpf:
    """``expr`` at ``point`` to ``digits`` significant digits (exact substitution first)."""
    return mpmath.mpf(sp.N(expr.xreplace(dict(point)), digits))
