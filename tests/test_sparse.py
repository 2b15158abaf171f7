"""Sparse exact Hessians and the sparse Newton path, against sympy.hessian and the dense path.

The n = 10,000 CLI run takes about half a minute (the target: under one): it runs only with TAYLOR_SLOW=1.
"""

import os
import random
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from taylorcli import sparse_path
from taylorcli.errors import InputError, LimitError, ParseError
from taylorcli.optimize import newton
from taylorcli.options import MAX_LENGTH, StdinText
from taylorcli.parse import parse_expression, read_point_file, symbol
from taylorcli.sparse import compile_sparse, extreme_eigen

SHAPES = [
    lambda a, b, c: (a * b - 1) ** 2,
    lambda a, b, c: sp.sin(a) * b + sp.pi * c ** 2,
    lambda a, b, c: sp.exp(a - b) * sp.sqrt(2),
    lambda a, b, c: sp.cos(a * c) + sp.Rational(3, 7) * b ** 4,
    lambda a, b, c: sp.log(1 + a ** 2 + b ** 2),
]


def _random_sum(n: int, terms: int, seed: int) -> tuple[sp.Expr, list[sp.Symbol]]:
    rng = random.Random(seed)
    xs = [symbol(f"x{i}") for i in range(n)]
    expr = sp.Integer(0)
    for _ in range(terms):
        a, b, c = rng.sample(xs, 3)
        expr += rng.choice(SHAPES)(a, b, c)
    return expr, xs


@pytest.mark.parametrize("seed", range(6))
def test_sparse_hessian_equals_sympy_hessian(seed):
    expr, xs = _random_sum(7, 9, seed)
    s = compile_sparse(expr, xs)
    rng = np.random.default_rng(seed)
    point = rng.uniform(-1, 1, len(xs))
    at = dict(zip(xs, point))
    want_h = np.array(sp.hessian(expr, xs).xreplace(at).evalf(), dtype=float)
    want_g = np.array([sp.diff(expr, x).xreplace(at).evalf() for x in xs], dtype=float)
    assert np.allclose(s.hessian(point).toarray(), want_h, rtol=1e-10, atol=1e-10)
    assert np.allclose(s.gradient(point), want_g, rtol=1e-10, atol=1e-10)
    assert s.value(point) == pytest.approx(float(expr.xreplace(at).evalf()), rel=1e-12)
    # The pattern holds every structural nonzero (entries sympy finds nonzero are in it).
    pattern = s.hessian(point).toarray() != 0
    assert not np.any((np.abs(want_h) > 1e-12) & ~pattern)


def _rosenbrock(n: int) -> str:
    return " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))


def test_pattern_detection_chained_rosenbrock():
    expr = parse_expression(_rosenbrock(50))
    xs = [symbol(f"x{i}") for i in range(1, 51)]
    s = compile_sparse(expr, xs)
    assert s.shapes == 2  # 100*(b - a**2)**2 and (1 - a)**2, each compiled once
    assert s.nnz == 3 * 50 - 2  # tridiagonal
    x = np.linspace(-1, 1, 50)
    dense = np.array(sp.hessian(expr, xs).xreplace(dict(zip(xs, map(sp.Float, x)))), dtype=float)
    assert np.allclose(s.hessian(x).toarray(), dense)


def test_extreme_eigen_against_dense():
    expr = parse_expression(StdinText(_rosenbrock(300)))
    xs = [symbol(f"x{i}") for i in range(1, 301)]
    H = compile_sparse(expr, xs).hessian(np.tile([-1.2, 1.0], 150))
    values, _ = extreme_eigen(H)
    dense = np.linalg.eigvalsh(H.toarray())
    assert values[0] == pytest.approx(dense[0], rel=1e-6, abs=1e-6)
    # The largest is a scale for the verdict ("zero" is 1e-8 of it): ARPACK's tol 1e-4 is enough.
    assert values[1] == pytest.approx(dense[-1], rel=1e-4)


def test_newton_sparse_agrees_with_dense(monkeypatch):
    expr = parse_expression(_rosenbrock(50))
    xs = [symbol(f"x{i}") for i in range(1, 51)]
    start = np.tile([-1.2, 1.0], 25)
    monkeypatch.setattr(sparse_path, "SPARSE_FROM", 10)
    monkeypatch.setattr(sparse_path, "MAX_DENSITY", 0.2)  # tridiagonal at n = 50 is 6% full
    compiled = sparse_path.compile_for_newton(expr, xs)
    assert compiled is not None and compiled.backend == "llvm sparse"
    sparse_run = newton(compiled, start, tol=1e-8, max_iter=2000)
    dense_run = newton(expr, start, xs, tol=1e-8, max_iter=2000)
    assert sparse_run.hessian == "sparse" and dense_run.hessian == "dense"
    assert sparse_run.success and dense_run.success
    assert np.allclose(sparse_run.x, dense_run.x, atol=1e-6)
    assert sparse_run.min_eigenvalue == pytest.approx(dense_run.min_eigenvalue, rel=1e-6)


def test_dense_hessian_stays_dense():
    xs = [symbol(f"x{i}") for i in range(1, 301)]
    expr = sp.Add(*xs) ** 2  # every pair meets: not sparse
    assert sparse_path.compile_for_newton(expr, xs) is None


# --- inputs that size --------------------------------------------------------------------------


def test_stdin_budget_is_larger_than_an_argument():
    text = _rosenbrock(400)  # ~17,000 characters
    assert len(text) > MAX_LENGTH
    with pytest.raises(LimitError, match="length limit 10,000 in a command-line argument"):
        parse_expression(text)
    expr = parse_expression(StdinText(text))
    xs = [symbol(f"x{i}") for i in range(1, 401)]
    want = sp.Add(*[100 * (xs[i + 1] - xs[i] ** 2) ** 2 + (1 - xs[i]) ** 2 for i in range(399)])
    assert sp.expand(expr - want) == 0


def test_long_sum_pieces_keep_signs_and_exponents():
    # 1e-5 is not a place to cut; minus signs stay with their terms.
    terms = [f"{'-' if i % 3 else '+'} 2.5e-3*x{i % 7}**2 - (x{(i + 1) % 7} - 1e+2)" for i in range(1500)]
    text = "1 " + " ".join(terms)
    xs = [symbol(f"x{i}") for i in range(7)]
    want = 1 + sp.Add(*[(-1 if i % 3 else 1) * sp.Rational(25, 10000) * xs[i % 7] ** 2 - (xs[(i + 1) % 7] - 100)
                        for i in range(1500)])
    assert sp.expand(parse_expression(StdinText(text)) - want) == 0


def test_long_sum_errors_keep_their_position():
    text = " + ".join(f"x{i}" for i in range(6000)) + " + sin(x1,,)"
    with pytest.raises(ParseError) as error:
        parse_expression(StdinText(text))
    assert error.value.position is not None and error.value.position > len(text) - 12


def test_depth_limit_holds_on_stdin():
    with pytest.raises(LimitError, match="nested too deeply"):
        parse_expression(StdinText("(" * 200 + "x" + ")" * 200))


def test_point_file(tmp_path):
    path = tmp_path / "x0.txt"
    path.write_text("-1.2, 1\n1e-3\t pi/4\n")
    assert read_point_file(str(path)) == pytest.approx([-1.2, 1.0, 1e-3, np.pi / 4])
    path.write_text("1, nan")
    with pytest.raises(InputError, match="nan"):
        read_point_file(str(path))


@pytest.mark.skipif(os.environ.get("TAYLOR_SLOW") != "1", reason="minutes: set TAYLOR_SLOW=1")
def test_chained_rosenbrock_10000_cli(tmp_path):
    n = 10_000
    (tmp_path / "x0.txt").write_text(",".join("-1.2" if i % 2 == 0 else "1" for i in range(n)))
    import time

    began = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "taylorcli", "newton", "-", "--x0", f"@{tmp_path / 'x0.txt'}",
                          "--tol", "1e-6", "--max-iter", "40000", "--timeout", "0", "-f", "json"],
                         input=_rosenbrock(n), capture_output=True, text=True, timeout=1200)
    import json

    result = json.loads(run.stdout)
    assert run.returncode == 0 and result["success"] and result["hessian_form"] == "sparse"
    assert result["grad_norm"] <= 1e-6 and result["min_eigenvalue"] > 0
    assert time.perf_counter() - began < 60  # issue 11: the whole CLI run in under a minute
