"""Exact Hessian-vector products, compiled, without ever forming the Hessian.

H(x) v is the derivative of the gradient along v: (H v)_i = d/dt g_i(x + t v)
at t = 0 = sum_j (d g_i / d x_j) v_j. Each component sums only over the
variables g_i contains, so the product's expression has as many terms as the
Hessian has structural nonzeros: O(n) for chained Rosenbrock or a sum of
squares, where the dense Hessian has n**2 entries. The product is compiled
once with SymEngine (the arguments x and v side by side, named ``_v0 ..``
and ``_w0 ..``, never like SymEngine's CSE temporaries ``x0, x1``: see
``compiled``), and checked against exact values as ``compiled.compile``
checks its callables (v . H w from derivatives of f(p + s v + t w)).

``compile_first_order`` builds f, its gradient and this product, and no
Hessian: what gradient descent, the first-order family and Newton-CG need.
Its ``_hessian`` (used only to judge a final point when n is small, see
``DENSE_LIMIT``) is assembled from n products, not compiled.

>>> c = compile_first_order("x**2*y + y**3", ["x", "y"])
>>> c.hessvec([1.0, 2.0], [1.0, 0.0]).tolist()
[4.0, 2.0]
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .calculus import Differentiator, Expr, Variables
from .compiled import Compiled, _sympy_callable, every_symbol_a_variable, verify
from .compiled import _engine_callable as _compiled_callable
from .errors import MathError

DENSE_LIMIT = 200  # up to this n a final point is judged on the dense Hessian built from n products
_log = logging.getLogger(__name__)


@dataclass
class HessianFree(Compiled):
    """f and its gradient compiled, and the exact product H(x) v instead of H.

    ``hessvec`` counts its calls in ``nhev`` (one product, not one Hessian).

    >>> c = compile_first_order("x**2 + 3*y**2", ["x", "y"])
    >>> c.hessvec([0.0, 0.0], [1.0, 1.0]).tolist(), c.nhev
    ([2.0, 6.0], 1)
    """

    _hvp: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = field(default=None, repr=False)

    def hessvec(self, x: Sequence[float] | np.ndarray, v: Sequence[float] | np.ndarray) -> np.ndarray:
        """H(x) v for one point and one vector."""
        self.nhev += 1
        assert self._hvp is not None
        return self._hvp(self._point(x), np.asarray(v, dtype=float))

    def operator(self, x: Sequence[float] | np.ndarray, counted: bool = True) -> object:
        """H(x) as a SciPy ``LinearOperator`` (products on demand; symmetric)."""
        from scipy.sparse.linalg import LinearOperator

        point = self._point(x)
        n = len(point)
        assert self._hvp is not None
        product = self.hessvec if counted else (lambda y, v: self._hvp(y, v))  # type: ignore[misc]

        def matvec(v: np.ndarray) -> np.ndarray:
            return product(point, np.asarray(v, dtype=float).reshape(n))

        return LinearOperator((n, n), matvec=matvec, rmatvec=matvec, dtype=float)


def _dense_from_products(hvp: Callable, n: int) -> Callable[[np.ndarray], np.ndarray]:
    """H at one point (or a batch of points) from n products with the unit vectors, symmetrised."""
    def hessian(x: np.ndarray) -> np.ndarray:
        if x.ndim == 2:
            return np.stack([hessian(row) for row in x])
        if n > DENSE_LIMIT:
            raise MathError(f"{n} variables: the dense Hessian ({n}x{n}) is not formed on the Hessian-free path")
        columns = hvp(np.broadcast_to(x, (n, n)), np.eye(n)) if n else np.zeros((0, 0))
        H = np.asarray(columns, dtype=float).T
        return (H + H.T) / 2

    return hessian


def _product_callable(call: Callable[[np.ndarray], np.ndarray], n: int) -> Callable:
    """(x, v) -> H(x) v from a callable on the arguments x and v side by side."""
    def hvp(x: np.ndarray, v: np.ndarray) -> np.ndarray:
        x, v = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(v, dtype=float))
        return call(np.concatenate([x, v], axis=-1))

    return hvp


def _gradient(f: object, xs: list) -> list:
    """The gradient term by term: each term of a sum is differentiated only by the variables it has.

    ``f.diff(x)`` for every x walks all n terms each time, O(n**2): 1.3 s at n = 1,400.
    """
    import symengine

    index = {x: i for i, x in enumerate(xs)}
    parts: list[list] = [[] for _ in xs]
    for term in f.args if isinstance(f, symengine.Add) else (f,):  # type: ignore[attr-defined]
        for x in term.free_symbols:
            if x in index:
                parts[index[x]].append(term.diff(x))
    return [symengine.Add(*p) if p else symengine.Integer(0) for p in parts]


BIG = 100  # outputs beyond which LLVM compiles without optimisation passes


def _engine_callable(variables: list, exprs: list, shape: tuple[int, ...]) -> tuple[Callable, str]:
    """``compiled._engine_callable``, but large outputs are compiled at LLVM opt_level 0.

    Measured on chained Rosenbrock's gradient at n = 1,000: opt_level 0 compiles in 1.1 s
    instead of 5.7-7 s (levels 1-3) and evaluates in ~10 microseconds either way.
    """
    if len(exprs) <= BIG:
        return _compiled_callable(variables, exprs, shape)
    import symengine

    try:
        compiled = symengine.Lambdify(variables, exprs, backend="llvm", cse=True, opt_level=0)
    except (RuntimeError, ValueError, TypeError):
        return _compiled_callable(variables, exprs, shape)

    def call(x: np.ndarray) -> np.ndarray:
        out = np.asarray(compiled(x), dtype=float)
        return out.reshape(x.shape[:-1] + shape)

    return call, "llvm"


def _engine_build(d: Differentiator) -> tuple[Callable, Callable, Callable, str]:
    import symengine
    from symengine.lib.symengine_wrapper import sympy2symengine

    n = len(d.variables)
    xs = [symengine.Symbol(f"_v{i}") for i in range(n)]
    ws = [symengine.Symbol(f"_w{i}") for i in range(n)]
    index = {x: i for i, x in enumerate(xs)}
    f = d.engine_partial(()).subs({sympy2symengine(v): x for v, x in zip(d.variables, xs)})
    gradient = _gradient(f, xs)
    # (H w)_i = sum over the variables g_i contains: the Hessian's structure, never its zeros.
    products = [symengine.Add(*[g.diff(x) * ws[index[x]] for x in g.free_symbols if x in index])
                for g in gradient]
    value, backend = _engine_callable(xs, [f], ())
    grad, _ = _engine_callable(xs, gradient, (n,))
    hv, _ = _engine_callable(xs + ws, products, (n,))
    return value, grad, _product_callable(hv, n), backend


def _sympy_build(d: Differentiator) -> tuple[Callable, Callable, Callable, str]:
    n = len(d.variables)
    ws = [sp.Dummy(f"w{i}") for i in range(n)]
    products = []
    for i in range(n):
        g = d.partial((i,))
        products.append(sp.Add(*[d.partial((i, j)) * ws[j] for j, x in enumerate(d.variables) if g.has(x)]))
    hv = _sympy_callable(list(d.variables) + ws, products, (n,))
    return (_sympy_callable(d.variables, [d.partial(())], ()),
            _sympy_callable(d.variables, [d.partial((i,)) for i in range(n)], (n,)),
            _product_callable(hv, n), "sympy")


def verify_products(c: HessianFree, d: Differentiator) -> tuple[bool | None, str]:
    """Compare f, v . grad f and v . H w with exact values: ``compiled.verify`` on the product."""
    assert c._hvp is not None
    return verify(c, d, product=c._hvp)


def _shaped(expr: sp.Expr, symbols: list[sp.Symbol], d: Differentiator) -> HessianFree | None:
    """A large sum of small terms: f, its gradient and H.v from term shapes (``sparse.hessvec``).

    Compiling one LLVM function over all n variables costs seconds at n = 1,000 and grows
    with n; a few shapes compile in milliseconds and evaluate over index arrays.
    """
    from .sparse_path import sparse_terms, verify_shapes

    s = sparse_terms(expr, symbols)
    if s is None:
        return None
    n = len(symbols)
    c = HessianFree(expr, symbols, True, s.value, s.gradient, _dense_from_products(s.hessvec, n),
                    backend="llvm shapes", _hvp=s.hessvec)
    ok, note = verify_shapes(s)  # the compiled code is per shape; the sums over index arrays are bookkeeping
    c.check = note
    if ok is False:
        _log.debug("term-shape products disagreed with exact values (%s): one compiled function", note)
        return None
    _log.debug("compiled f, gradient and H.v of %d variables from %d term shape(s): %s", n, s.shapes, note)
    return c


def compile_first_order(f: Expr, variables: Variables = None) -> HessianFree:
    """Compile f, its gradient and the exact product H(x) v; no Hessian is built.

    >>> c = compile_first_order("exp(x*y)", ["x", "y"])
    >>> c.hessvec([0.0, 0.0], [1.0, 2.0]).tolist()
    [2.0, 1.0]
    """
    expr, symbols = every_symbol_a_variable(f, variables)
    d = Differentiator(expr, symbols)
    n = len(symbols)
    shaped = _shaped(expr, symbols, d)
    if shaped is not None:
        return shaped
    try:
        parts = _engine_build(d) if d.engine else _sympy_build(d)
    except RuntimeError:  # SymEngine cannot compile it (polygamma): SymPy's lambdify
        parts = _sympy_build(d)
    value, gradient, hvp, backend = parts
    c = HessianFree(expr, symbols, backend != "sympy", value, gradient, _dense_from_products(hvp, n),
                    backend=backend, _hvp=hvp)
    ok, note = verify_products(c, d)
    c.check = note
    if ok is False and c.engine:
        value, gradient, hvp, backend = _sympy_build(d)
        c._value, c._gradient, c._hvp, c.backend, c.engine = value, gradient, hvp, backend, False
        c._hessian = _dense_from_products(hvp, n)
        _, again = verify_products(c, d)
        c.check = f"SymEngine's code was wrong ({note}); SymPy's lambdify {again}"
    _log.debug("compiled f, gradient and H.v in %d variables with %s: %s", n, c.backend, c.check)
    return c
