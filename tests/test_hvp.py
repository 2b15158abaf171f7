"""Exact Hessian-vector products, Lanczos curvature and Hessian-free Newton-CG, checked against
sympy.hessian, SciPy's Rosenbrock derivatives and SciPy's own Newton-CG / trust-krylov."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import minimize, rosen, rosen_der, rosen_hess, rosen_hess_prod

import taylorcli.compiled
from taylorcli.curvature import extreme_eigenvalues, smallest_eigenpair
from taylorcli.hvp import DENSE_LIMIT, compile_first_order
from taylorcli.newtoncg import cg_direction, newton_cg
from taylorcli.verdict import judge

x, y, z = sp.symbols("x y z")
CASES = [
    (x**2 * y + sp.exp(x * z) - sp.sin(y * z), [x, y, z]),
    ((2 * y + 3 * z - 1) ** 2 + x, [x, y, z]),  # a variable missing from the gradient: the CSE name trap
    (sp.log(1 + x**2 + y**2) / (2 + sp.cos(z)), [x, y, z]),
    (sp.atan(x * y) + x**4 * z**3, [x, y, z]),
]


def chained_rosenbrock(n: int) -> tuple[sp.Expr, list[sp.Symbol]]:
    xs = list(sp.symbols(f"x0:{n}"))
    return sp.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(n - 1)]), xs


@pytest.mark.parametrize("f, variables", CASES)
def test_product_matches_sympy_hessian_times_v(f, variables):
    c = compile_first_order(f, variables)
    H = sp.hessian(f, variables)  # independent: SymPy's dense Hessian
    rng = np.random.default_rng(1)
    for _ in range(3):
        point, v = rng.uniform(-1, 1, 3), rng.uniform(-1, 1, 3)
        at = dict(zip(variables, point))
        want = np.array((H.subs(at) * sp.Matrix(v)).evalf(), dtype=float).ravel()
        assert np.allclose(c.hessvec(point, v), want, rtol=1e-10, atol=1e-12)
    assert c.check.startswith("agrees")


def test_product_matches_scipy_rosenbrock_at_n_300():
    f, xs = chained_rosenbrock(300)
    c = compile_first_order(f, xs)
    assert c.backend == "llvm shapes"  # a large sum of small terms: products from term shapes
    rng = np.random.default_rng(2)
    point, v = rng.uniform(-2, 2, 300), rng.standard_normal(300)
    assert np.allclose(c.hessvec(point, v), rosen_hess_prod(point, v), rtol=1e-12, atol=1e-9)
    assert np.isclose(c.value(point), rosen(point), rtol=1e-12)
    assert np.allclose(c.gradient(point), rosen_der(point), rtol=1e-12, atol=1e-9)


def test_term_shape_products_never_form_a_matrix(monkeypatch):
    """Hessian-free at scale: not even the sparse CSR Hessian is assembled; Newton-CG still finds
    SciPy's minimiser of chained Rosenbrock (n = 250, the all-ones point)."""
    import taylorcli.sparse

    def forbidden(*args, **kwargs):
        raise AssertionError("a Hessian matrix was formed")

    monkeypatch.setattr(taylorcli.sparse.SparseHessian, "hessian", forbidden)
    f, xs = chained_rosenbrock(250)
    c = compile_first_order(f, xs)
    x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(250)])
    r = newton_cg(c, x0, max_iter=3000)
    reference = minimize(rosen, x0, jac=rosen_der, hessp=rosen_hess_prod, method="trust-krylov",
                         options={"gtol": 1e-8, "maxiter": 5000})
    assert r.success and r.grad_norm <= 1e-8
    assert np.allclose(r.x, reference.x, atol=1e-6) or np.allclose(r.x, np.ones(250), atol=1e-6)


def test_the_hessian_is_never_compiled(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the Hessian was compiled")

    monkeypatch.setattr(taylorcli.compiled, "_engine_parts", forbidden)
    monkeypatch.setattr(taylorcli.compiled, "_build", forbidden)
    f, xs = chained_rosenbrock(DENSE_LIMIT + 50)
    c = compile_first_order(f, xs)
    assert judge(c, np.ones(len(xs)), 1e-8).kind == "minimum"


def test_lanczos_extremes_match_dense_eigenvalues_beyond_the_dense_limit():
    n = DENSE_LIMIT + 100
    f, xs = chained_rosenbrock(n)
    c = compile_first_order(f, xs)
    point = np.random.default_rng(3).uniform(-1, 1, n)
    exact = np.linalg.eigvalsh(rosen_hess(point))  # SciPy's hand-coded Hessian
    lo, hi = extreme_eigenvalues(c, point)
    assert np.isclose(lo, exact[0], rtol=1e-7, atol=1e-7) and np.isclose(hi, exact[-1], rtol=1e-9)
    value, vector = smallest_eigenpair(c, point)
    assert np.allclose(rosen_hess(point) @ vector, value * vector, atol=1e-6)


def test_large_saddle_and_maximum_are_not_minima():
    xs = list(sp.symbols(f"x0:{DENSE_LIMIT + 20}"))
    saddle = compile_first_order(sp.Add(*[v**2 for v in xs[:-1]]) - xs[-1] ** 2, xs)
    verdict = judge(saddle, np.zeros(len(xs)), 1e-8)
    assert verdict.kind == "saddle" and np.isclose(verdict.min_eigenvalue, -2)
    assert np.argmax(np.abs(verdict.descent)) == len(xs) - 1  # it points along the negative direction
    maximum = compile_first_order(-sp.Add(*[v**2 for v in xs]), xs)
    assert judge(maximum, np.zeros(len(xs)), 1e-8).kind == "maximum"
    flat = compile_first_order(sp.Add(*[v**4 for v in xs]), xs)  # H = 0 at 0: Lanczos must not break down
    assert judge(flat, np.zeros(len(xs)), 1e-8).kind == "degenerate"


def test_cg_direction_solves_a_positive_definite_system():
    rng = np.random.default_rng(4)
    A = rng.standard_normal((8, 8))
    H = A @ A.T + 8 * np.eye(8)
    g = rng.standard_normal(8) * 1e-6  # small gradient: the forcing term asks for a precise solve
    p, note = cg_direction(lambda v: H @ v, g)
    assert note == "" and np.allclose(H @ p, -g, rtol=1e-3 * 1e-3, atol=1e-3 * np.linalg.norm(g))


def test_cg_direction_follows_negative_curvature_downhill():
    H = np.diag([1.0, -2.0])
    g = np.array([1.0, 0.5])
    p, note = cg_direction(lambda v: H @ v, g)
    assert note == "negative curvature direction" and g @ p < 0


@pytest.mark.parametrize("n", [2, 10, 40])
def test_newton_cg_on_chained_rosenbrock_agrees_with_scipy(n):
    f, xs = chained_rosenbrock(n)
    x0 = np.array([-1.2, 1.0] * (n // 2))
    ours = newton_cg(f, x0, xs, tol=1e-8)
    assert ours.success and ours.verdict == "minimum"
    assert np.allclose(ours.x, np.ones(n), atol=1e-7)
    for method in ("trust-krylov", "Newton-CG"):
        theirs = minimize(rosen, x0, method=method, jac=rosen_der, hessp=rosen_hess_prod,
                          options={"maxiter": 5000} if method != "Newton-CG" else {"xtol": 1e-12, "maxiter": 5000})
        if np.allclose(theirs.x, np.ones(n), atol=1e-4):  # where SciPy gets there, we agree with it
            assert np.allclose(ours.x, theirs.x, atol=1e-4)


def test_newton_cg_leaves_a_saddle_and_reports_the_minimum():
    r = newton_cg(x**2 - y**2 + y**4, [0, 0], [x, y])
    assert r.success and np.allclose(np.abs(r.x), [0, 1 / np.sqrt(2)], atol=1e-8)
    assert any("negative curvature" in t.note for t in r.trace)


def test_newton_cg_counts_products_not_hessians():
    r = newton_cg(sp.exp(x) - x + (y - 1) ** 2, [1, 0], [x, y])
    assert r.success and np.allclose(r.x, [0, 1], atol=1e-8)
    assert r.nhev >= r.nit  # at least one product per step, and no dense Hessian counted as one


def test_newton_cg_on_an_unbounded_function_does_not_claim_success():
    r = newton_cg(x**3 + y**2, [1, 1], [x, y], max_iter=200)
    assert not r.success
