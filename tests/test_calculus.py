"""Derivatives checked against independent computations: SymPy's diff directly,
finite differences at random points, and the lecture notes' worked example."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest
import sympy as sp

from taylorcli import (
    InputError,
    LimitError,
    MathError,
    definiteness,
    derivative_tensor,
    distinct_partials,
    eigenvalues,
    gradient,
    hessian,
    jacobian,
    symbol,
    value_at,
)
from taylorcli.calculus import Differentiator

x, y, z = (sp.Symbol(n, real=True) for n in "xyz")
x1, x2 = sp.Symbol("x1", real=True), sp.Symbol("x2", real=True)


def _numeric(expr, vs):
    fn = sp.lambdify(vs, expr, "mpmath")  # mpmath knows polygamma, erf, sec...
    return lambda *p: float(fn(*p))


def same(a, b, vs=(x, y, z)):
    """Equal as functions: symbolically, or else at random points to 1e-12."""
    if sp.expand(a - b) == 0:
        return True
    fa, fb = _numeric(a, vs), _numeric(b, vs)
    rng = random.Random(11)
    for _ in range(8):
        p = [rng.uniform(0.1, 0.9) for _ in vs]
        if not math.isclose(fa(*p), fb(*p), rel_tol=1e-12, abs_tol=1e-12):
            return False
    return True

# Expressions covering every function the parser knows, smooth near the sample points.
SMOOTH = [
    x**3 * y + sp.exp(x * y),
    sp.log(x**2 + y**2 + 1) * sp.sin(z),
    sp.sqrt(x**2 + 2) * sp.cos(y) - sp.tan(z / 3),
    sp.sec(x / 2) + sp.csc(y / 3 + 2) + sp.cot(z / 4 + 1),
    sp.sinh(x) * sp.cosh(y) + sp.tanh(x * z),
    sp.asin(x / 4) + sp.acos(y / 5) + sp.atan(x * y),
    sp.atan2(y + 3, x + 3) + sp.asinh(x * y) + sp.acosh(z**2 + 2) + sp.atanh(x / 5),
    sp.erf(x * y) + sp.gamma(z + 3),
    1 / (1 + sp.exp(-x * y)) + sp.log(1 + sp.exp(z)),
    x**y * z,
    sp.log(x + 4, 3) * y**2,
]


def test_seed_example_hessian():
    # ../shared/seeds/000_*: f = x1^2 x2 + x1 x2^3.
    H = hessian("x1**2*x2 + x1*x2**3")
    assert H == sp.Matrix([[2 * x2, 2 * x1 + 3 * x2**2], [2 * x1 + 3 * x2**2, 6 * x1 * x2]])


def test_seed_example_gradient():
    assert gradient("x1**2*x2 + x1*x2**3") == [2 * x1 * x2 + x2**3, x1**2 + 3 * x1 * x2**2]


@pytest.mark.parametrize("f", SMOOTH, ids=str)
def test_gradient_and_hessian_match_sympy_diff(f):
    vs = [x, y, z]
    for got, var in zip(gradient(f, vs), vs):
        assert same(got, sp.diff(f, var))
    H = hessian(f, vs)
    for i, j in itertools.product(range(3), repeat=2):
        assert same(H[i, j], sp.diff(f, vs[i], vs[j]))




@pytest.mark.parametrize("f", SMOOTH, ids=str)
def test_gradient_matches_finite_differences(f):
    vs = [x, y, z]
    fn = _numeric(f, vs)
    grad = [_numeric(g, vs) for g in gradient(f, vs)]
    rng = random.Random(7)
    for _ in range(5):
        p = [rng.uniform(0.2, 0.9) for _ in vs]
        for i in range(3):
            h = 1e-6
            plus, minus = list(p), list(p)
            plus[i] += h
            minus[i] -= h
            fd = (fn(*plus) - fn(*minus)) / (2 * h)
            assert grad[i](*p) == pytest.approx(fd, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("f", SMOOTH[:6], ids=str)
def test_hessian_matches_finite_differences_of_gradient(f):
    vs = [x, y, z]
    grad = [_numeric(g, vs) for g in gradient(f, vs)]
    H = [[_numeric(e, vs) for e in row] for row in hessian(f, vs).tolist()]
    p = [0.3, 0.6, 0.45]
    h = 1e-6
    for i, j in itertools.product(range(3), repeat=2):
        plus, minus = list(p), list(p)
        plus[j] += h
        minus[j] -= h
        fd = (grad[i](*plus) - grad[i](*minus)) / (2 * h)
        assert H[i][j](*p) == pytest.approx(fd, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("f", [sp.Abs(x) * y, sp.sign(x) * y**2, sp.Min(x, y) * z, sp.Max(x, y**2),
                               sp.Heaviside(x) * sp.sin(y), sp.polygamma(0, x + 2) * y])
def test_functions_symengine_does_not_know_fall_back_to_sympy(f):
    # SymEngine differentiates Heaviside as a constant; we must not.
    vs = [x, y, z]
    for got, var in zip(gradient(f, vs), vs):
        assert got == sp.diff(f, var)


def test_engine_choice():
    assert Differentiator(sp.exp(x) * sp.sin(y), [x, y]).engine
    assert not Differentiator(sp.Heaviside(x) * y, [x, y]).engine


def test_results_use_our_real_symbols():
    g = gradient("x**2*y")
    assert all(s.is_real for e in g for s in e.free_symbols)
    assert gradient("sqrt(x**2)") == [sp.sign(x)]


def test_jacobian_rows_are_gradients():
    J = jacobian(["x*y", "x + y**2", "sin(x)*z"], "x,y,z")
    assert J.shape == (3, 3)
    assert J == sp.Matrix([[y, x, 0], [1, 2 * y, 0], [sp.cos(x) * z, 0, sp.sin(x)]])
    assert J == sp.Matrix([x * y, x + y**2, sp.sin(x) * z]).jacobian([x, y, z])


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4])
def test_derivative_tensor_matches_direct_diff(k):
    f = sp.exp(x * y) * z**3 + x**4 * sp.sin(y)
    vs = [x, y, z]
    T = derivative_tensor(f, vs, k)
    if k == 0:
        assert T == sp.Array(f)
        return
    assert T.shape == (3,) * k
    for index in itertools.product(range(3), repeat=k):
        assert sp.expand(T[index] - sp.diff(f, *(vs[i] for i in index))) == 0


def test_derivative_tensor_is_symmetric_and_computed_once():
    f = "x**3*y**2*z + exp(x+z)"
    partials = distinct_partials(f, "x,y,z", 3)
    assert len(partials) == math.comb(3 + 3 - 1, 3)  # 10 distinct, not 27
    T = derivative_tensor(f, "x,y,z", 3)
    for index in itertools.product(range(3), repeat=3):
        for perm in itertools.permutations(index):
            assert T[index] == T[perm]


def test_variables_order_and_parameters():
    # --vars may list variables the expression lacks and leave others as parameters.
    a = sp.Symbol("a", real=True)
    assert gradient("a*x**2", ["x", "w"]) == [2 * a * x, 0]
    natural = gradient("x10 + 2*x2 + 3*x1")
    assert natural == [3, 2, 1]


def test_library_errors():
    with pytest.raises(InputError):
        gradient("3")
    with pytest.raises(LimitError):
        derivative_tensor("x*y", "x,y", 13)
    with pytest.raises(LimitError):
        derivative_tensor("x1", [f"x{i}" for i in range(1, 101)], 4)
    with pytest.raises(InputError):
        gradient(["not", "an", "expression"])  # type: ignore[arg-type]


def test_value_at_exact_and_undefined():
    assert value_at(sp.sin(x) ** 2, {x: sp.pi / 4}) == sp.Rational(1, 2)
    with pytest.raises(MathError, match="undefined at x=0"):
        value_at(sp.log(x), {x: 0}, "log(x)")
    with pytest.raises(MathError, match="not real"):
        value_at(sp.sqrt(x), {x: -1})


@pytest.mark.parametrize("matrix, expected", [
    ([[2, 1], [1, 2]], "positive definite"),
    ([[-2, 1], [1, -2]], "negative definite"),
    ([[1, 2], [2, 4]], "positive semidefinite"),
    ([[-1, 0], [0, 0]], "negative semidefinite"),
    ([[1, 0], [0, -1]], "indefinite"),
    ([[0, 0], [0, 0]], "positive semidefinite"),
    ([[1, 1, 0], [1, 1, 0], [0, 0, 1]], "positive semidefinite"),
])
def test_definiteness_exact(matrix, expected):
    assert definiteness(sp.Matrix(matrix)) == expected


def test_definiteness_agrees_with_numpy_on_random_matrices():
    rng = np.random.default_rng(3)
    for n in (2, 3, 5, 14):
        for _ in range(10):
            a = rng.integers(-4, 5, size=(n, n))
            m = a + a.T
            values = np.linalg.eigvalsh(m.astype(float))
            assert eigenvalues(sp.Matrix(m)) == pytest.approx(sorted(values), abs=1e-9)
            pos, neg = (values > 1e-9).any(), (values < -1e-9).any()
            got = definiteness(sp.Matrix(m))
            if pos and neg:
                assert got == "indefinite"
            elif neg:
                assert got.startswith("negative")
            else:
                assert got.startswith("positive")


def test_rosenbrock_hessian_identical_to_sympy():
    n = 12
    xs = [symbol(f"x{i}") for i in range(1, n + 1)]
    f = sum(100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1))
    assert hessian(f, xs) == sp.hessian(f, xs)
