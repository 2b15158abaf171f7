"""Building the sparse path fast: term groups by skeleton, shape-by-shape verification, n = 10,000.

``term_groups`` renames one term per skeleton instead of every term; it must give the groups
(same canonical terms, same order, same rows) that renaming every term gives, which the
reference below does the plain way. The n = 10,000 build is checked against the closed-form
gradient and Hessian of chained Rosenbrock.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SETTINGS, max_examples

from taylorcli.options import StdinText
from taylorcli.parse import parse_expression, symbol, variables_of
from taylorcli.sparse import compile_sparse, term_groups
from taylorcli.sparse_path import verify_shapes, compile_for_newton


def _reference_groups(expr: sp.Expr, variables: list[sp.Symbol]) -> tuple[dict, sp.Expr]:
    """Every term renamed _v0, _v1, ... in index order and evaluated by SymPy (the plain way)."""
    position = {v: i for i, v in enumerate(variables)}
    placeholders = [sp.Symbol(f"_v{i}", real=True) for i in range(len(variables))]
    groups: dict[sp.Expr, list[list[int]]] = {}
    constant = sp.Integer(0)
    for term in sp.Add.make_args(expr):
        own = sorted(position[s] for s in term.free_symbols)
        if not own:
            constant += term
            continue
        canonical = term.xreplace({variables[j]: placeholders[a] for a, j in enumerate(own)})
        groups.setdefault(canonical, []).append(own)
    return groups, constant


XS = [symbol(f"x{i}") for i in range(1, 41)]  # x9 < x10 as numbers, not as text
SHAPES = [
    lambda a, b, c: 100 * (b - a**2) ** 2,
    lambda a, b, c: (1 - a) ** 2,
    lambda a, b, c: (a + 10 * b) ** 2 + sp.Rational(1, 3),
    lambda a, b, c: sp.exp(a - c) * b,
    lambda a, b, c: sp.log(1 + a**2) - sp.sin(b) * c,
    lambda a, b, c: a * b * c - sp.sqrt(2) * a,
    lambda a, b, c: sp.Max(a, b) + sp.Abs(c - a),
    lambda a, b, c: (a - b) ** 4 / 7,
    lambda a, b, c: 3 * a,
]


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.tuples(st.integers(0, len(SHAPES) - 1), st.integers(0, 37), st.permutations([0, 1, 2])),
                min_size=1, max_size=40), st.integers(-3, 3))
def test_term_groups_are_the_plain_renaming(terms, constant):
    expr = sp.Add(*[SHAPES[k](*[XS[i + d] for d in order]) for k, i, order in terms]) + constant
    got = term_groups(expr, XS)
    want = _reference_groups(expr, XS)
    assert got is not None
    assert list(got[0].items()) == list(want[0].items())  # same canonical terms, order and rows
    assert [sp.srepr(c) for c in got[0]] == [sp.srepr(c) for c in want[0]]
    assert got[1] == want[1]


def test_a_symbol_that_is_not_a_variable_means_no_groups():
    y = symbol("y")
    assert term_groups(XS[0] ** 2 + y * XS[1], XS) is None
    assert compile_for_newton(sum(x**2 for x in XS) + y, XS) is None


def _chain(n: int) -> str:
    return " + ".join(f"100*(x{i + 1} - x{i}**2)**2 + (1 - x{i})**2" for i in range(1, n))


def test_a_wrong_shape_is_caught_by_its_check():
    expr = parse_expression(StdinText(_chain(300)))
    s = compile_sparse(expr, variables_of(expr))
    ok, note = verify_shapes(s)
    assert ok is True and note.startswith("2 term shape(s), each: agrees with exact values")
    right = s.parts[0].hessian
    s.parts[0].hessian = lambda x: right(x) * 1.001  # a 0.1% wrong Hessian in one shape
    ok, note = verify_shapes(s)
    assert ok is False and "the Hessian differs" in note


def _rosenbrock_derivatives(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Closed-form gradient, Hessian diagonal and off-diagonal of chained Rosenbrock (by hand)."""
    a, b = x[:-1], x[1:]
    g = np.zeros_like(x)
    g[:-1] += -400 * a * (b - a**2) - 2 * (1 - a)
    g[1:] += 200 * (b - a**2)
    diag = np.zeros_like(x)
    diag[:-1] += 1200 * a**2 - 400 * b + 2
    diag[1:] += 200
    return g, diag, -400 * a


def test_rosenbrock_10000_parses_and_builds_in_seconds():
    n = 10_000
    start = time.process_time()
    expr = parse_expression(StdinText(_chain(n)))
    variables = variables_of(expr)
    compiled = compile_for_newton(expr, variables)
    cpu = time.process_time() - start
    assert compiled is not None and compiled.backend == "llvm sparse"
    assert cpu < 30, f"{cpu:.1f} CPU seconds"  # about 1.5 s on an idle machine
    x = np.tile([-1.2, 1.0], n // 2) + np.linspace(0, 0.1, n)
    g, diag, off = _rosenbrock_derivatives(x)
    assert np.allclose(compiled.gradient(x), g, rtol=1e-12, atol=1e-9)
    H = compiled.hessian(x)
    assert np.allclose(H.diagonal(), diag, rtol=1e-12) and np.allclose(H.diagonal(1), off, rtol=1e-12)
    assert H.nnz == 3 * n - 2 and abs(H - H.T).max() == 0


@pytest.mark.parametrize("n", [250, 1000])
def test_sparse_build_matches_the_dense_hessian_on_a_banded_sum(n):
    # Extended Powell-like blocks plus a band: the sparse values against sympy.diff at a point.
    text = " + ".join(f"(x{i} + 10*x{i + 1})**2 + 5*(x{i + 2} - x{i + 3})**2 + (x{i + 1} - 2*x{i + 2})**4"
                      for i in range(1, n - 2, 4))
    expr = parse_expression(StdinText(text))
    xs = variables_of(expr)
    compiled = compile_for_newton(expr, xs)
    assert compiled is not None
    point = {x: sp.Rational(k % 7 - 3, 4) for k, x in enumerate(xs)}
    H = compiled.hessian(np.array([float(point[x]) for x in xs]))
    for i, j in [(0, 0), (0, 1), (1, 2), (2, 3), (len(xs) - 2, len(xs) - 1), (5, 6)]:
        want = float(sp.diff(expr, xs[i], xs[j]).xreplace(point))
        assert H[i, j] == pytest.approx(want, rel=1e-12, abs=1e-12)
