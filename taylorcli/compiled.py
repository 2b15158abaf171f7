"""Compiled f, gradient and Hessian, checked against exact derivatives when built.

``compile`` turns f, its gradient and its Hessian into fast callables on
points (SymEngine's LLVM backend: faster than hand-written NumPy on chained
Rosenbrock, see benchmarks/run.py), then checks them before anyone uses them.

Why the arguments are renamed: SymEngine's ``Lambdify(..., cse=True)`` (0.15)
names its common subexpressions ``x0, x1, ...``, skipping only the names that
occur in the outputs. An argument called ``x1`` that the outputs do not use
(the gradient of f = (2*x2 + 3*x3 - 1)**2 + ... by x1 is 0) then shares its
name with a temporary, and the generated code reads the argument where it
meant the temporary: the gradient at (1, 1, 1) came back (0, 24, 36), not
(0, 88, 132). Our arguments are named ``_v0, _v1, ...``, which the parser
cannot produce and the CSE never generates. CSE itself is kept: without it,
compiling the Hessian of a nested expression takes seconds instead of 0.1 s.

Why the check: compiled code is a second implementation of the derivatives.
At a few deterministic pseudo-random rational points where f is real and
finite, f(p), the directional derivative v . grad f(p) and v^T H(p) w are
computed exactly (SymEngine differentiates f(p + s v + t w) in s and t; the
exact number is evaluated to 100 bits, by SymPy where SymEngine cannot) and
compared with the compiled values. Three scalars per point cover every entry
of the gradient and Hessian (a wrong entry changes them for almost every v, w)
at the cost of a few derivatives of one expression, not n**2. On a mismatch
the callables are rebuilt with SymPy's lambdify; ``backend`` and ``check``
record what happened.

>>> c = compile("x**2 + 3*y", ["x", "y"])
>>> c.gradient([1.0, 2.0]).tolist(), c.check.startswith("agrees")
([2.0, 3.0], True)
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .calculus import Differentiator, Expr, Variables, as_expression
from .errors import InputError
from .parse import resolve_variables

CHECK_POINTS = 3  # points at which a compiled callable must agree with the exact values
CANDIDATES = 10  # points tried at most (some may lie outside f's domain)
RTOL = 1e-6  # relative to the sum of the absolute terms: catches wrong code, not rounding
_DENOMINATOR = 256  # points are odd multiples of 1/256: never 0, never 1/2, exact in binary
_BOXES = ((-1, 1), (0, 1), (-1, 1), (0, 1), (1, 3), (-3, 3), (0, 8), (2, 32))  # tried in turn
_SEED = 20_141_014
_log = logging.getLogger(__name__)  # ``--debug`` shows these notes


# --- callables ---------------------------------------------------------------------------------


def _engine_callable(variables: list, exprs: list, shape: tuple[int, ...]) -> tuple[Callable, str]:
    """A SymEngine Lambdify; ``variables`` must not be named like its CSE temporaries (x0, x1, ...)."""
    import symengine

    try:
        compiled, backend = symengine.Lambdify(variables, exprs, backend="llvm", cse=True), "llvm"
    except (RuntimeError, ValueError):  # a wheel without LLVM: the interpreted backend
        compiled, backend = symengine.Lambdify(variables, exprs, backend="lambda", cse=True), "lambda"

    def call(x: np.ndarray) -> np.ndarray:
        out = np.asarray(compiled(x), dtype=float)
        return out.reshape(x.shape[:-1] + shape)

    return call, backend


def _dirac(x: np.ndarray, k: int = 0) -> np.ndarray:
    # A distribution, not a function: zero wherever it has a value, undefined at 0.
    return np.where(np.asarray(x) == 0, np.nan, 0.0)


_NUMPY_EXTRAS = {"DiracDelta": _dirac, "Heaviside": lambda x, h=0.5: np.heaviside(x, h)}
# Functions NumPy lacks: lambdify takes them from scipy.special (imported only then).
_SCIPY_FUNCTIONS = (sp.gamma, sp.loggamma, sp.polygamma, sp.erf, sp.erfc, sp.erfi, sp.zeta, sp.beta)


def _sympy_callable(variables: list[sp.Symbol], exprs: list[sp.Expr],
                    shape: tuple[int, ...]) -> Callable[[np.ndarray], np.ndarray]:
    # lambdify generates Python source from the expression; our own dummies stand in
    # for the user's names so that no name the user typed appears in that source.
    dummies = [sp.Dummy() for _ in variables]
    rename = dict(zip(variables, dummies))
    special = any(e.has(*_SCIPY_FUNCTIONS) for e in exprs)
    fn = sp.lambdify(dummies, [e.xreplace(rename) for e in exprs],
                     modules=[_NUMPY_EXTRAS, "scipy", "numpy"] if special else [_NUMPY_EXTRAS, "numpy"])

    def call(x: np.ndarray) -> np.ndarray:
        columns = [x[..., i] for i in range(x.shape[-1])]
        with np.errstate(all="ignore"):  # overflow gives inf, as compiled code does: callers judge it
            results = fn(*columns)
        values = [np.broadcast_to(np.asarray(v, dtype=float), x.shape[:-1]) for v in results]
        return np.stack(values, axis=-1).reshape(x.shape[:-1] + shape) if values else np.zeros(x.shape[:-1] + shape)

    return call


@dataclass
class Compiled:
    """f, its gradient and its Hessian as callables on points.

    Each takes a 1-D array (one point) or a 2-D array (one point per row) and
    counts its calls (``nfev``, ``njev``, ``nhev``) for the optimizers.
    ``backend`` is ``llvm``, ``lambda`` (SymEngine) or ``sympy`` (lambdify);
    ``check`` says how the callables compared with exact values when built.

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
    backend: str = "sympy"
    check: str = "not checked"

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


# --- exact values to check against -------------------------------------------------------------


def _real(number: object) -> float | None:
    """A float for an evaluated number; None if not finite or not real."""
    try:
        value = complex(number)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, RuntimeError):
        return None
    if not (abs(value.real) <= 1e300 and math.isfinite(value.imag)):
        return None  # undefined, or beyond what a float holds: no comparison
    if abs(value.imag) > 1e-20 * max(1.0, abs(value.real)):
        return None  # not real here: outside the domain
    return value.real


def _number(exact: object) -> tuple[float, float] | None:
    """An exact real constant (SymEngine or SymPy) as (value, size); None if undefined or not real.

    ``size`` is the sum of the absolute values of its terms: roundoff in a
    compiled sum is relative to that, not to the sum (sin(x)**2 + cos(x)**2 - 1).
    """
    import symengine

    if isinstance(exact, symengine.Basic):
        values = []
        for term in exact.args if isinstance(exact, symengine.Add) else (exact,):
            number = None
            for real in (True, False):  # MPFR (erf, atan2), else MPC (log(-2)): fast, 100 bits
                try:
                    number = term.evalf(100, real=real)
                    break
                except (RuntimeError, TypeError, ValueError):  # complex or infinite, or no routine
                    continue
            if number is None:
                break  # no routine (gamma): SymPy below
            value = _real(number)
            if value is None:
                return None  # complex or infinite here
            values.append(value)
        else:
            return math.fsum(values), math.fsum(abs(v) for v in values)
        from .convert import to_sympy  # SymPy evaluates what SymEngine cannot

        try:
            exact = to_sympy(exact)
        except Exception:  # noqa: BLE001 - not convertible: no exact value to compare with
            return None
    assert isinstance(exact, sp.Expr)
    terms = exact.args if exact.is_Add else (exact,)
    values = []
    for term in terms:
        try:
            number = sp.N(term, 30)
        except (TypeError, ValueError, OverflowError):
            return None
        value = None if number.has(sp.nan, sp.zoo, sp.oo, -sp.oo) else _real(number)
        if value is None:
            return None
        values.append(value)
    return math.fsum(values), math.fsum(abs(v) for v in values)


def _exact(d: Differentiator, point: list[sp.Rational], v: list[sp.Rational],
           w: list[sp.Rational]) -> list[tuple[float, float]] | None:
    """Exact f(p), v . grad f(p) and v^T H(p) w with their sizes (see ``_number``), or None
    where one is undefined or not real.

    On SymEngine: with g(s, t) = f(p + s v + t w), g(0, 0), g_s(0, 0) and g_st(0, 0),
    a few derivatives of one expression whatever n is. On SymPy, where that is slow
    (Max, Abs, Heaviside), and n is small: the partials compile already has, at p.
    """
    if not d.engine:
        return _exact_from_partials(d, point, v, w)
    import symengine
    from symengine.lib.symengine_wrapper import sympy2symengine

    from .convert import to_sympy

    s, t = symengine.Symbol("_s"), symengine.Symbol("_t")
    numbers = [sympy2symengine(c) for c in point + v + w]
    n = len(point)
    variables = [sympy2symengine(x) for x in d.variables]
    g = d.engine_partial(()).subs({x: numbers[i] + s * numbers[n + i] + t * numbers[2 * n + i]
                                   for i, x in enumerate(variables)})
    values: list[tuple[float, float]] = []
    for k in range(3):  # g, then g_s, then g_st: no derivative where f itself is undefined
        expr = g if k == 0 else expr.diff(s if k == 1 else t)
        at_p = expr.subs({s: 0, t: 0})
        number = _number(at_p)
        if number is None and (at_p.has(symengine.zoo) or at_p.has(symengine.nan)):
            # SymEngine may evaluate a special value wrongly (polygamma(0, -2/5) is zoo): ask
            # SymPy, which is slow on large expressions, so only then (not for log(-1/2)).
            number = _number(to_sympy(expr).xreplace({sp.Symbol("_s"): 0, sp.Symbol("_t"): 0}))
        if number is None:
            return None
        values.append(number)
    return values


def _exact_from_partials(d: Differentiator, point: list[sp.Rational], v: list[sp.Rational],
                         w: list[sp.Rational]) -> list[tuple[float, float]] | None:
    at = dict(zip(d.variables, point))
    n = len(point)
    entries: dict[tuple[int, ...], tuple[float, float]] = {}
    for key in [()] + [(i,) for i in range(n)] + [(i, j) for i in range(n) for j in range(i, n)]:
        number = _number(d.partial(key).xreplace(at))
        if number is None:
            return None
        entries[key] = number
    vs, ws = [float(a) for a in v], [float(b) for b in w]
    gradient = [(vs[i] * entries[(i,)][0], abs(vs[i]) * entries[(i,)][1]) for i in range(n)]
    hessian = [(vs[i] * ws[j] * entries[(min(i, j), max(i, j))][0],
                abs(vs[i] * ws[j]) * entries[(min(i, j), max(i, j))][1]) for i in range(n) for j in range(n)]
    return [entries[()]] + [(math.fsum(a for a, _ in terms), math.fsum(b for _, b in terms))
                            for terms in (gradient, hessian)]


def _rational_point(rng: random.Random, n: int, lo: float, hi: float) -> tuple[list[sp.Rational], np.ndarray]:
    """n odd multiples of 1/256 in (lo, hi), exactly and as floats (the same numbers)."""
    odd = [2 * rng.randrange(int(lo * _DENOMINATOR) // 2, int(hi * _DENOMINATOR) // 2) + 1 for _ in range(n)]
    return [sp.Rational(k, _DENOMINATOR) for k in odd], np.array(odd, dtype=float) / _DENOMINATOR


def verify(c: Compiled, d: Differentiator,
           product: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None) -> tuple[bool | None, str]:
    """Compare ``c`` with exact values at up to CHECK_POINTS points of f's domain.

    Checked: f, v . grad f and v . H w for random v, w; ``product(x, w)`` gives H(x) w
    (default: the compiled Hessian times w; ``hvp`` passes its Hessian-free product).
    Returns (True, note) if they agree at every point tried, (False, note) at the
    first mismatch, (None, note) if no point in the domain was found.
    """
    third = "the Hessian" if product is None else "the Hessian product"
    if product is None:
        def product(x: np.ndarray, w: np.ndarray) -> np.ndarray:
            return c._hessian(x) @ w
    n = len(d.variables)
    rng = random.Random(_SEED + n)  # deterministic: the same points on every run
    agreed = 0
    for attempt in range(CANDIDATES):
        lo, hi = _BOXES[attempt % len(_BOXES)]
        (point, x), (v, vf), (w, wf) = (_rational_point(rng, n, *box) for box in ((lo, hi), (-1, 1), (-1, 1)))
        try:
            exact = _exact(d, point, v, w)
        except (ArithmeticError, RuntimeError, ValueError):  # no exact value here: no verdict
            exact = None
        if exact is None:
            continue  # f (or a derivative) is not defined here: no verdict, try another point
        with np.errstate(all="ignore"):
            grad, hw = c._gradient(x), product(x, wf)
            computed = (float(c._value(x)), float(vf @ grad), float(vf @ hw))
            # |v| . |H w| bounds the rounding of v . H w less tightly than |v| |H| |w| did, but needs
            # no matrix: the product path has none.
            scales = (abs(computed[0]), float(np.abs(vf) @ np.abs(grad)), float(np.abs(vf) @ np.abs(hw)))
        scales = tuple(s + size for s, (_, size) in zip(scales, exact))
        largest = max(scales)
        for name, got, (want, _), scale in zip(("f", "the gradient", third), computed, exact, scales):
            # NaN fails this test: compiled code undefined where f is defined is wrong too.
            if not abs(got - want) <= RTOL * scale + 1e-13 * largest:
                where = ", ".join(f"{p}" for p in point[:4]) + (", ..." if n > 4 else "")
                return False, f"{name} differs from the exact value at ({where}): {got!r} vs {want!r}"
        agreed += 1
        if agreed == CHECK_POINTS:
            break
    if not agreed:
        return None, "not checked: no point found where f and its derivatives are real"
    return True, f"agrees with exact values at {agreed} point{'s' * (agreed > 1)}"


# --- compile -----------------------------------------------------------------------------------


def _engine_parts(d: Differentiator) -> tuple[list, list, list, list]:
    """f, its gradient and its Hessian in SymEngine, in arguments named _v0, _v1, ...

    Names no parsed variable has and SymEngine's CSE never generates (see the
    module doc). Renaming f once in SymEngine and differentiating it costs
    microseconds; renaming the SymPy expression costs 0.25 s at n = 100.
    """
    import symengine
    from symengine.lib.symengine_wrapper import sympy2symengine

    n = len(d.variables)
    xs = [symengine.Symbol(f"_v{i}") for i in range(n)]
    f = d.engine_partial(()).subs({sympy2symengine(v): x for v, x in zip(d.variables, xs)})
    gradient = [f.diff(x) for x in xs]
    upper = {(i, j): gradient[i].diff(xs[j]) for i in range(n) for j in range(i, n)}
    return xs, [f], gradient, [upper[min(i, j), max(i, j)] for i in range(n) for j in range(n)]


def _build(d: Differentiator, engine: bool) -> tuple[Callable, Callable, Callable, str]:
    n = len(d.variables)
    if engine:
        xs, f, gradient_exprs, hessian_exprs = _engine_parts(d)
        value, backend = _engine_callable(xs, f, ())
        gradient, _ = _engine_callable(xs, gradient_exprs, (n,))
        hessian, _ = _engine_callable(xs, hessian_exprs, (n, n))
        return value, gradient, hessian, backend
    symbols = d.variables
    pairs = [(i, j) for i in range(n) for j in range(n)]
    return (_sympy_callable(symbols, [d.partial(())], ()),
            _sympy_callable(symbols, [d.partial((i,)) for i in range(n)], (n,)),
            _sympy_callable(symbols, [d.partial(pair) for pair in pairs], (n, n)), "sympy")


def every_symbol_a_variable(f: Expr, variables: Variables = None) -> tuple[sp.Expr, list[sp.Symbol]]:
    """f and its variables, where numeric code needs every free symbol to be one (exit 2 otherwise).

    >>> every_symbol_a_variable("x*y", ["x"])
    Traceback (most recent call last):
    ...
    taylorcli.errors.InputError: give every symbol a value or list it as a variable: y
    """
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    extra = expr.free_symbols - set(symbols)
    if extra:
        names = ", ".join(sorted(s.name for s in extra))
        raise InputError(f"give every symbol a value or list it as a variable: {names}")
    return expr, symbols


def compile(f: Expr, variables: Variables = None) -> Compiled:  # noqa: A001 - the documented name
    """Compile f, its gradient and Hessian once, and check them against exact values.

    SymEngine's LLVM backend where the expression allows it, SymPy's lambdify
    otherwise or when the compiled code disagrees with the exact derivatives.

    >>> c = compile("log(x) + y**2", ["x", "y"])
    >>> c.hessian([0.5, 1.0]).tolist(), c.backend in ("llvm", "lambda", "sympy")
    ([[-4.0, 0.0], [0.0, 2.0]], True)
    """
    expr, symbols = every_symbol_a_variable(f, variables)
    d = Differentiator(expr, symbols)
    try:
        value, gradient, hessian, backend = _build(d, d.engine)
    except RuntimeError:  # SymEngine differentiates gamma but cannot compile polygamma
        value, gradient, hessian, backend = _build(d, False)
    compiled = Compiled(expr, symbols, backend != "sympy", value, gradient, hessian, backend=backend)
    ok, note = verify(compiled, d)
    compiled.check = note
    if ok is False and compiled.engine:
        compiled._value, compiled._gradient, compiled._hessian, compiled.backend = _build(d, False)
        compiled.engine = False
        _, again = verify(compiled, d)
        compiled.check = f"SymEngine's code was wrong ({note}); SymPy's lambdify {again}"
    _log.debug("compiled f, gradient and Hessian in %d variables with %s: %s",
               len(symbols), compiled.backend, compiled.check)
    return compiled
