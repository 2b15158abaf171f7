"""Numbers from exact expressions: compiled callables, high-precision values, enclosures.

``compile`` turns f, its gradient and Hessian into fast callables (SymEngine's
LLVM backend: faster than hand-written NumPy on chained Rosenbrock, see
benchmarks/run.py). ``enclose`` bounds an expression over a box with interval
arithmetic (mpmath's ``iv``), walking the SymPy tree itself.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> lo, hi = enclose(sp.exp(x), {x: (0, 1)})
>>> float(lo) <= 1 and float(hi) >= 2.718281828
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import mpmath
import numpy as np
import symengine
import sympy as sp
from symengine.lib.symengine_wrapper import sympy2symengine

from .calculus import Differentiator, Expr, Variables, as_expression
from .errors import InputError
from .parse import resolve_variables

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


# --- compiled callables ------------------------------------------------------------------------


def _engine_callable(variables: list, exprs: list, shape: tuple[int, ...]) -> Callable[[np.ndarray], np.ndarray]:
    try:
        compiled = symengine.Lambdify(variables, exprs, backend="llvm", cse=True)
    except (RuntimeError, ValueError):  # a wheel without LLVM: the interpreted backend
        compiled = symengine.Lambdify(variables, exprs, backend="lambda", cse=True)

    def call(x: np.ndarray) -> np.ndarray:
        out = np.asarray(compiled(x), dtype=float)
        return out.reshape(x.shape[:-1] + shape)

    return call


def _dirac(x: np.ndarray, k: int = 0) -> np.ndarray:
    # A distribution, not a function: zero wherever it has a value, undefined at 0.
    return np.where(np.asarray(x) == 0, np.nan, 0.0)


_NUMPY_EXTRAS = {"DiracDelta": _dirac, "Heaviside": lambda x, h=0.5: np.heaviside(x, h)}


def _sympy_callable(variables: list[sp.Symbol], exprs: list[sp.Expr],
                    shape: tuple[int, ...]) -> Callable[[np.ndarray], np.ndarray]:
    # lambdify generates Python source from the expression; our own dummies stand in
    # for the user's names so that no name the user typed appears in that source.
    dummies = [sp.Dummy() for _ in variables]
    rename = dict(zip(variables, dummies))
    fn = sp.lambdify(dummies, [e.xreplace(rename) for e in exprs], modules=[_NUMPY_EXTRAS, "numpy"])

    def call(x: np.ndarray) -> np.ndarray:
        columns = [x[..., i] for i in range(x.shape[-1])]
        values = [np.broadcast_to(np.asarray(v, dtype=float), x.shape[:-1]) for v in fn(*columns)]
        return np.stack(values, axis=-1).reshape(x.shape[:-1] + shape) if values else np.zeros(x.shape[:-1] + shape)

    return call


@dataclass
class Compiled:
    """f, its gradient and its Hessian as callables on points.

    Each takes a 1-D array (one point) or a 2-D array (one point per row) and
    counts its calls (``nfev``, ``njev``, ``nhev``) for the optimizers.

    >>> c = compile("x**2 + 3*y", ["x", "y"])
    >>> c.value(np.array([1.0, 2.0])), c.gradient(np.array([1.0, 2.0])).tolist()
    (7.0, [2.0, 3.0])
    """

    expression: sp.Expr
    variables: list[sp.Symbol]
    engine: bool
    _value: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    _gradient: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    _hessian: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    nfev: int = 0
    njev: int = 0
    nhev: int = 0

    def _point(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        array = np.asarray(x, dtype=float)
        if array.shape[-1:] != (len(self.variables),) or array.ndim not in (1, 2):
            raise InputError(f"a point needs {len(self.variables)} coordinates, got shape {array.shape}")
        return array

    def value(self, x: Sequence[float] | np.ndarray) -> float | np.ndarray:
        array = self._point(x)
        self.nfev += 1
        out = self._value(array)
        return float(out) if array.ndim == 1 else out

    def gradient(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        self.njev += 1
        return self._gradient(self._point(x))

    def hessian(self, x: Sequence[float] | np.ndarray) -> np.ndarray:
        self.nhev += 1
        return self._hessian(self._point(x))


def compile(f: Expr, variables: Variables = None) -> Compiled:  # noqa: A001 - the documented name
    """Compile f, its gradient and Hessian once (SymEngine LLVM; SymPy lambdify as fallback)."""
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    extra = expr.free_symbols - set(symbols)
    if extra:
        names = ", ".join(sorted(s.name for s in extra))
        raise InputError(f"give every symbol a value or list it as a variable: {names}")
    n = len(symbols)
    d = Differentiator(expr, symbols)
    pairs = [(i, j) for i in range(n) for j in range(n)]
    if d.engine:
        xs = [sympy2symengine(v) for v in symbols]
        grads = [d.engine_partial((i,)) for i in range(n)]
        hess = [d.engine_partial(pair) for pair in pairs]
        make: Callable = _engine_callable
        f0 = d.engine_partial(())
        parts = (xs, [f0], grads, hess)
    else:
        make = _sympy_callable
        parts = (symbols, [expr], [d.partial((i,)) for i in range(n)], [d.partial(pair) for pair in pairs])
    xs_, fs, gs, hs = parts
    return Compiled(expr, symbols, d.engine, make(xs_, fs, ()), make(xs_, gs, (n,)), make(xs_, hs, (n, n)))
