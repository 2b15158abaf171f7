"""Exact derivatives: gradient, Jacobian, Hessian and k-th derivative tensors.

Differentiation runs on SymEngine (a C++ core, 40-200x faster than SymPy here)
whenever the expression only uses functions SymEngine differentiates
correctly; results come back as SymPy objects for printing and simplifying.

>>> hessian("x1**2*x2 + x1*x2**3")
Matrix([
[          2*x2, 2*x1 + 3*x2**2],
[2*x1 + 3*x2**2,        6*x1*x2]])
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp

from .errors import InputError, LimitError, MathError
from .guard import check_point, check_size, not_real
from .real_form import complex_piece, numerically_real, real_closed_form, real_float, root_hint
from .parse import INFINITE, parse_expression, resolve_variables

Expr = sp.Expr | str
Variables = Sequence[sp.Symbol | str] | str | None
Progress = Callable[[int, int], None]

MAX_ORDER = 12  # derivative order
ENGINE_WORK = 300  # partials x expression size above which SymEngine pays for its import
MAX_ENTRIES = 1_000_000  # distinct partials computed for one result (default of --max-entries)
DENSE_LIMIT = 10_000  # entries n**k above which a tensor is kept and written sparsely only

# SymEngine treats functions it does not know as constants when differentiating
# (d/dx Heaviside(x) comes back 0), so it is used only when every function in
# the expression is one it is known to differentiate correctly.
_ENGINE_SAFE = (
    sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.sec, sp.csc, sp.cot, sp.sinh, sp.cosh, sp.tanh,
    sp.asin, sp.acos, sp.atan, sp.atan2, sp.asinh, sp.acosh, sp.atanh, sp.erf, sp.gamma,
)


def _sign_rate(derivative: sp.Derivative) -> sp.Expr:
    """d^k sign(u) / dv...: 2 DiracDelta(u) u' differentiated on, SymPy's own rule for real u."""
    (u,) = derivative.expr.args
    variables = [v for v, count in derivative.variable_count for _ in range(count)]
    rate = 2 * sp.DiracDelta(u) * sp.diff(u, variables[0])
    return sp.diff(rate, *variables[1:]) if variables[1:] else rate


def settle(expr: sp.Expr) -> sp.Expr:
    """``expr`` with the derivatives of sign that SymPy leaves unevaluated worked out.

    SymPy differentiates sign(u) only when it can prove u real; for u = x/y
    (zoo at y = 0) it leaves Derivative(sign(x/y), x), which has no value at a
    point. Where u is real (the only place our real functions are defined),
    sign(u) is constant away from u = 0, so the rate is 2 DiracDelta(u) u':
    0 at a point where u != 0, and DiracDelta(0) (undefined, caught) at u = 0.

    >>> x, y = sp.symbols("x y", real=True)
    >>> settle(sp.Derivative(sp.sign(x / y), x)).subs({x: 1, y: -2})
    0
    """
    if not expr.has(sp.Derivative):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Derivative) and isinstance(e.expr, sp.sign), _sign_rate)


_ZOO_NAN = frozenset(map(id, (sp.zoo, sp.nan)))


def has_any(value: sp.Expr, singletons: frozenset[int], kinds: tuple[type, ...] = ()) -> bool:
    """``value.has(*singletons, *kinds)`` in one walk: singletons (ids) by identity, kinds by isinstance.

    SymPy's has walks the tree once per pattern and compares by ==; the derivative engine's
    values can be large (a four-variable log at order 7 spent two thirds of its time there).

    >>> has_any(sp.exp(2) + sp.Rational(1, 3), _ZOO_NAN), has_any(sp.sin(sp.zoo, evaluate=False), _ZOO_NAN)
    (False, True)
    """
    stack, seen = [value], set()
    while stack:
        e = stack.pop()
        if id(e) in seen:  # converted values share subtrees (convert.to_sympy's memo): walk each once
            continue
        seen.add(id(e))
        if id(e) in singletons or kinds and isinstance(e, kinds):
            return True
        stack += e.args
    return False


def _substitute(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr], what: str) -> sp.Expr:
    """``expr`` at ``point``; a rate of sign(u) at a u that is not real is no number (MathError
    naming u).

    DiracDelta(u) from ``settle`` refuses a complex u with ValueError: |x**(2/3)| at x = -1/2,
    where SymPy's x**(2/3) is complex, so sign(u) is no step function there.
    """
    try:
        return expr.xreplace(dict(point))
    except ValueError:
        where = describe_point(point)
        for delta in expr.atoms(sp.DiracDelta):
            u = delta.args[0]
            if u.xreplace(dict(point)).is_extended_real is False:
                # |asin(x)| at x = 2 is smooth (the modulus of a complex value), but SymPy's rate of
                # |u| goes through sign(u), a step only for real u: say which u stopped us
                raise MathError(f"SymPy cannot evaluate {what} in closed form at {where}: the rate "
                                f"of sign({u}) is needed, and {u} is not real there") from None
        raise MathError(f"SymPy cannot evaluate {what} in closed form at {where}") from None


def as_expression(f: Expr) -> sp.Expr:
    """A SymPy expression from an expression or text (through the safe parser)."""
    if isinstance(f, str):
        return parse_expression(f)
    if isinstance(f, sp.Expr):
        return f
    if isinstance(f, (int, float)) and not isinstance(f, bool):
        return sp.Integer(f) if isinstance(f, int) else sp.Float(f)
    raise InputError(f"expected an expression or text, got {type(f).__name__}")


class Differentiator:
    """Partial derivatives of one expression, each computed once and cached.

    Keys are sorted tuples of variable indices (a multiset), so the symmetric
    entries of a tensor share one computation.
    """

    def __init__(self, f: sp.Expr, variables: Sequence[sp.Symbol], partials: int | None = None) -> None:
        """``partials``: how many partials the caller expects to ask for (None: many).

        Small jobs stay on SymPy: loading SymEngine (and the NumPy it imports)
        costs ~70 ms of start-up, more than differentiating x**2*y takes.
        """
        self.f = f
        self.variables = list(variables)
        safe = all(isinstance(fn, _ENGINE_SAFE) for fn in f.atoms(sp.Function))
        small = partials is not None and partials * (sp.count_ops(f) + 1) <= ENGINE_WORK
        self.engine = safe and not small
        self._cache: dict[tuple[int, ...], object] = {}
        self._engine_point: tuple[Mapping, dict] | None = None
        self._memo: dict[object, sp.Expr] = {}  # SymEngine -> SymPy, shared by this f's values
        self._free_cache: tuple[Mapping, bool] | None = None
        self._scales: dict[sp.Expr, object] = {}  # 1/a! in SymEngine, by value
        if self.engine:
            from symengine.lib.symengine_wrapper import sympy2symengine

            try:
                self._cache[()] = sympy2symengine(f)
                self._engine_vars = [sympy2symengine(v) for v in self.variables]
            except Exception:  # noqa: BLE001 - anything SymEngine cannot take goes to SymPy
                self.engine = False
        if not self.engine:
            self._cache[()] = f
        self._names = {s.name: s for s in f.free_symbols | set(self.variables)}

    def _raw(self, index: tuple[int, ...]) -> object:
        if index not in self._cache:
            parent = self._raw(index[:-1])
            last = index[-1]
            if self.engine:
                self._cache[index] = parent.diff(self._engine_vars[last])  # type: ignore[attr-defined]
            else:
                self._cache[index] = settle(sp.diff(parent, self.variables[last]))
        return self._cache[index]

    def engine_partial(self, index: Sequence[int]) -> object:
        """The partial as a SymEngine object (only when ``engine`` is on)."""
        return self._raw(tuple(sorted(index)))

    def partial(self, index: Sequence[int]) -> sp.Expr:
        """The partial derivative by the variables at ``index`` (any order)."""
        key = tuple(sorted(index))
        raw = self._raw(key)
        if not self.engine:
            return raw  # type: ignore[return-value]
        if raw == 0:
            return sp.Integer(0)
        back = raw._sympy_()  # type: ignore[attr-defined]
        # SymEngine symbols carry no assumptions: restore ours (real) by name.
        back = back.xreplace({s: self._names[s.name] for s in back.free_symbols if s.name in self._names})
        if back.has(sp.Derivative):
            return settle(sp.diff(self.f, *(self.variables[i] for i in key)))
        return back

    def _parameters(self, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
        """Whether f has symbols the point leaves free (asked once per point)."""
        if self._free_cache is None or self._free_cache[0] is not point:
            self._free_cache = (point, not self.f.free_symbols <= set(point))
        return self._free_cache[1]

    def value_at(self, index: Sequence[int], point: Mapping[sp.Symbol, sp.Expr],
                 scale: sp.Rational = sp.Integer(1),
                 vet: Callable[[sp.Expr], None] | None = None) -> sp.Expr:
        """``scale`` times the partial at ``index``, evaluated exactly at ``point``.

        The value may be undefined (zoo, nan): ``vet`` is called on each part
        that could make it so, once per distinct part across all calls (on
        SymEngine's path, the leaves of the value; else the whole value).
        Substituting, scaling and expanding in SymEngine before converting
        back keeps the conversion small: a full symbolic high-order partial can
        be thousands of terms, its value at a point a handful.
        """
        key = tuple(sorted(index))
        raw = self._raw(key)
        if self.engine:
            import symengine
            from symengine.lib.symengine_wrapper import sympy2symengine

            from .convert import to_sympy

            try:
                if self._engine_point is None or self._engine_point[0] is not point:
                    converted = {sympy2symengine(v): sympy2symengine(a) for v, a in point.items()}
                    self._engine_point = (point, converted)
                factor = self._scales.get(scale)
                if factor is None:
                    factor = self._scales[scale] = sympy2symengine(scale)
                value = symengine.expand(raw.subs(self._engine_point[1]) * factor)
                if value == 0:
                    return sp.Integer(0)  # most coefficients at 0 vanish: skip the conversion
                leaves: list[sp.Expr] = []
                value = to_sympy(value, self._memo, leaves)
                if self._parameters(point):  # parameters: give back our (real) symbols
                    value = value.xreplace({s: self._names[s.name] for s in value.free_symbols
                                            if s.name in self._names})
            except Exception:  # noqa: BLE001 - fall through to SymPy, which is slower but complete
                leaves = []
                value = None
            if value is not None and has_any(value, _ZOO_NAN):
                # SymEngine says zoo for some finite values (polygamma(0, -2/5)): SymPy decides.
                value = None
            if value is not None:
                for leaf in leaves if vet is not None else ():
                    vet(leaf)  # outside the try: a vetting error is the caller's answer
                return value
            raw = settle(sp.diff(self.f, *(self.variables[i] for i in key))) if key else self.f
        if raw.has(sp.Derivative):  # type: ignore[union-attr]
            # SymPy left a piece undifferentiated (d/dx re(sqrt(x))): it has no value at a point.
            raise MathError(f"SymPy cannot differentiate {self.f} in closed form")
        value = sp.expand(scale * _substitute(raw, point, f"the derivatives of {self.f}"))  # type: ignore[arg-type]
        if vet is not None:
            vet(value)
        return value


def _prepare(f: Expr, variables: Variables) -> tuple[sp.Expr, list[sp.Symbol]]:
    expr = as_expression(f)
    return expr, resolve_variables([expr], variables)


def gradient(f: Expr, variables: Variables = None) -> list[sp.Expr]:
    """The gradient of ``f`` as a list, one partial per variable.

    >>> gradient("x1**2*x2 + x1*x2**3")
    [2*x1*x2 + x2**3, x1**2 + 3*x1*x2**2]
    """
    expr, symbols = _prepare(f, variables)
    d = Differentiator(expr, symbols, len(symbols))
    return [d.partial((i,)) for i in range(len(symbols))]


def jacobian(fs: Sequence[Expr] | Expr, variables: Variables = None) -> sp.Matrix:
    """The Jacobian of a vector of expressions: row i holds the gradient of f_i.

    >>> jacobian(["x*y", "x + y"])
    Matrix([
    [y, x],
    [1, 1]])
    """
    if isinstance(fs, (str, sp.Expr)):
        fs = [fs]
    exprs = [as_expression(f) for f in fs]
    if not exprs:
        raise InputError("no expressions given")
    symbols = resolve_variables(exprs, variables)
    rows = []
    for expr in exprs:
        d = Differentiator(expr, symbols, len(symbols))
        rows.append([d.partial((i,)) for i in range(len(symbols))])
    return sp.Matrix(rows)


def hessian(f: Expr, variables: Variables = None, progress: Progress | None = None) -> sp.Matrix:
    """The Hessian matrix of ``f``; each of the n(n+1)/2 distinct entries computed once.

    >>> hessian("x**2*y", ["x", "y"])
    Matrix([
    [2*y, 2*x],
    [2*x,   0]])
    """
    expr, symbols = _prepare(f, variables)
    return sp.Matrix(nested_tensor(distinct_partials(expr, symbols, 2, progress), len(symbols), 2))


def check_tensor_size(n: int, k: int, max_entries: int = MAX_ENTRIES) -> None:
    """Refuse, before any work, a tensor whose distinct partials number more than ``max_entries``.

    The work (and the sparse output) is one partial per multiset of k indices,
    C(n + k - 1, k); the dense n**k is never built for large tensors (see DENSE_LIMIT).

    >>> check_tensor_size(10, 6)  # 5,005 distinct partials of 1,000,000 entries: fine
    >>> check_tensor_size(200, 6)
    Traceback (most recent call last):
    ...
    taylorcli.errors.LimitError: a tensor of order 6 in 200 variables has 95,746,959,700 distinct partials to compute (limit 1,000,000; raise it with --max-entries)
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 0:
        raise InputError(f"derivative order must be a whole number >= 0, got {k!r}")
    if k > MAX_ORDER:
        raise LimitError(f"derivative order {k} is too high (limit {MAX_ORDER})")
    distinct = math.comb(n + k - 1, k)
    if distinct > max_entries:
        raise LimitError(f"a tensor of order {k} in {n} variables has {distinct:,} distinct partials to compute "
                         f"(limit {max_entries:,}; raise it with --max-entries)")


def distinct_partials(f: Expr, variables: Variables, k: int, progress: Progress | None = None,
                      max_entries: int = MAX_ENTRIES) -> dict[tuple[int, ...], sp.Expr]:
    """Every distinct k-th partial, keyed by sorted variable-index tuples.

    >>> distinct_partials("x**2*y", ["x", "y"], 2)
    {(0, 0): 2*y, (0, 1): 2*x, (1, 1): 0}
    """
    expr, symbols = _prepare(f, variables)
    check_tensor_size(len(symbols), k, max_entries)
    keys = list(itertools.combinations_with_replacement(range(len(symbols)), k))
    # Beyond second order, derivatives swell: SymEngine pays for its import at once.
    d = Differentiator(expr, symbols, len(keys) * k if k <= 2 else None)
    result = {}
    for done, key in enumerate(keys, 1):
        result[key] = d.partial(key)
        if progress:
            progress(done, len(keys))
    return result


def derivative_tensor(f: Expr, variables: Variables = None, k: int = 2,
                      progress: Progress | None = None) -> sp.Array:
    """The k-th derivative tensor D^k f, shape (n,)*k, symmetric in its indices.

    >>> derivative_tensor("x**3*y", ["x", "y"], 3)[0, 0, 1]
    6*x
    """
    expr, symbols = _prepare(f, variables)
    if len(symbols) ** k > MAX_ENTRIES:  # a dense SymPy Array: refuse before the work
        raise LimitError(f"a tensor of order {k} in {len(symbols)} variables has {len(symbols) ** k:,} entries "
                         f"(limit {MAX_ENTRIES:,}); distinct_partials gives its distinct entries")
    partials = distinct_partials(expr, symbols, k, progress)
    if k == 0:
        return sp.Array(partials[()])
    n = len(symbols)
    flat = [partials[tuple(sorted(index))] for index in itertools.product(range(n), repeat=k)]
    return sp.Array(flat, (n,) * k)


def nested_tensor(partials: Mapping[tuple[int, ...], sp.Expr], n: int, k: int) -> Any:
    """The full tensor as nested lists (k deep) from its distinct partials.

    >>> nested_tensor({(0, 0): 2, (0, 1): 3, (1, 1): 4}, 2, 2)
    [[2, 3], [3, 4]]
    """
    def build(prefix: tuple[int, ...]) -> Any:
        if len(prefix) == k:
            return partials[tuple(sorted(prefix))]
        return [build(prefix + (i,)) for i in range(n)]

    return build(())


# --- values at a point --------------------------------------------------------------------



def describe_point(point: Mapping[sp.Symbol, sp.Expr]) -> str:
    return ", ".join(f"{v}={value}" for v, value in point.items())


def value_at(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr], what: str = "the result") -> sp.Expr:
    """``expr`` at ``point``, exactly; ``MathError`` if undefined or not real there.

    >>> x = sp.Symbol("x", real=True)
    >>> value_at(sp.sin(x), {x: sp.pi / 4})
    sqrt(2)/2
    """
    if expr == 0:
        return sp.Integer(0)
    check_point(expr, point)
    expr = settle(expr)
    if expr.has(sp.Derivative):  # d/ds zeta(s): no value to give
        raise MathError(f"SymPy cannot compute {what} in closed form")
    value = _substitute(expr, point, what)
    if value.has(*INFINITE, sp.DiracDelta):  # DiracDelta(0) is no number: |x|'' at 0 does not exist
        raise MathError(f"{what} is undefined at {describe_point(point)}")
    piece = complex_piece(value)
    # SymPy's is_real is no proof either way on complex pieces (False for a real -re(atanh(2))/(3*Abs(atanh(2)))
    if not_real(value) and not (piece is not None and numerically_real(value)):
        raise MathError(f"{what} is not real at {describe_point(point)}{root_hint(expr, point)}")
    if piece is not None:  # real, but written through I, asin(2) or (-1)**(1/3): it would not read back
        real = real_closed_form(value)
        if real is None:
            number = to_float(value)
            if number is None:  # not shown real at 30 digits either
                raise MathError(f"{what} is not real at {describe_point(point)}")
            raise MathError(f"{what} at {describe_point(point)} is real ({number:.15g}) but SymPy writes it only "
                            f"through the complex constant {piece}, which taylor cannot print so that it reads back")
        value = real
    check_size(value, what)
    return value


def to_float(value: sp.Expr) -> float | None:
    """A float for an exact constant; ``None`` if it still has symbols or overflows."""
    if value.free_symbols:
        return None
    try:
        number = float(sp.N(value, 17))
    except TypeError:  # a real value SymPy evaluates with a rounding-size imaginary part: |asin(2)|' at 2
        number = real_float(value)
    except (ValueError, OverflowError):
        return None
    return number if number is not None and math.isfinite(number) else None


def eigenvalues(matrix: sp.Matrix) -> list[float]:
    """Eigenvalues of a constant symmetric matrix, ascending, as floats."""
    import numpy as np  # here: the symbolic commands never need it

    floats = np.array([[to_float(e) for e in row] for row in matrix.tolist()], dtype=float)
    if matrix.shape[0] == 0 or np.isnan(floats).any():
        raise MathError("the matrix has no numeric value, so no eigenvalues")
    return sorted(float(v) for v in np.linalg.eigvalsh(floats))


def _inertia_exact(matrix: sp.Matrix) -> tuple[int, int, int] | None:
    """(positive, negative, zero) eigenvalue counts, exactly, for small rational matrices.

    A symmetric matrix has a real-rooted characteristic polynomial, so Descartes'
    rule of signs counts its positive and negative roots exactly.
    """
    n = matrix.shape[0]
    if n == 0 or n > 12 or not all(e.is_Rational for e in matrix):
        return None
    lam = sp.Dummy("lam")
    coeffs = matrix.charpoly(lam).all_coeffs()
    zero = len(coeffs) - 1 - max(i for i, c in enumerate(coeffs) if c != 0)

    def changes(cs: list[sp.Rational]) -> int:
        signs = [c > 0 for c in cs if c != 0]
        return sum(a != b for a, b in zip(signs, signs[1:]))

    positive = changes(coeffs)
    negative = changes([c * (-1) ** (len(coeffs) - 1 - i) for i, c in enumerate(coeffs)])
    return positive, negative, zero


def definiteness(matrix: sp.Matrix, values: Sequence[float] | None = None) -> str:
    """Classify a constant symmetric matrix.

    One of ``positive definite``, ``negative definite``, ``positive semidefinite``,
    ``negative semidefinite`` or ``indefinite``; the zero matrix counts as
    positive semidefinite. Exact for small rational matrices, else from the
    eigenvalues with a relative tolerance.

    >>> definiteness(sp.Matrix([[2, 0], [0, 0]]))
    'positive semidefinite'
    """
    inertia = _inertia_exact(matrix)
    if inertia is None:
        values = list(values) if values is not None else eigenvalues(matrix)
        scale = max((abs(v) for v in values), default=0.0)
        tol = max(len(values), 1) * 64 * 2.220446049250313e-16 * scale  # 64 ulps per dimension
        inertia = (sum(v > tol for v in values), sum(v < -tol for v in values),
                   sum(abs(v) <= tol for v in values))
    positive, negative, zero = inertia
    if positive and negative:
        return "indefinite"
    if negative:
        return "negative definite" if not zero else "negative semidefinite"
    return "positive definite" if not zero else "positive semidefinite"
