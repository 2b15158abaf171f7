"""taylor complexity: the notes' cost table, measured.

What can be checked exactly is: the functions built (against SymPy sums built by hand),
the bytes (against the sizes the notes' table predicts, 8 n and 8 n^2, and the CSR layout of
a Hessian whose nonzeros are known), the Newton steps the solves compute (against NumPy on
hand-written derivatives), the fitted exponents on those bytes, and the errors. Seconds
are measurements: only their presence and sign are checked.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli import complexity, env as env_module
from taylorcli.cli import cli
from taylorcli.env import Environment
from taylorcli.parse import parse_expression, symbol


def _run(*args: str, obj: Environment | None = None):
    return CliRunner().invoke(cli, ["complexity", *args], obj=obj)


def _xs(n: int) -> list[sp.Symbol]:
    return [symbol(f"x{i}") for i in range(1, n + 1)]


# --- the functions ----------------------------------------------------------------------------


def test_the_built_in_functions_are_the_textbook_sums() -> None:
    x = _xs(12)
    rosenbrock = sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(11))
    powell = sum((x[a] + 10 * x[a + 1]) ** 2 + 5 * (x[a + 2] - x[a + 3]) ** 2 + (x[a + 1] - 2 * x[a + 2]) ** 4
                 + 10 * (x[a] - x[a + 3]) ** 4 for a in range(0, 12, 4))
    padded = [0, *x, 0, 0]  # rows i = 0 .. 13 of x_{i-1} + 4 x_i + x_{i+1} - (1 + i mod 3)
    tridiagonal = sum(((padded[i - 1] if i >= 1 else 0) + 4 * padded[i] + padded[i + 1] - (1 + i % 3)) ** 2
                      for i in range(14))
    for name, want, start in (("rosenbrock", rosenbrock, [-1.2, 1.0]), ("powell", powell, [3.0, -1.0, 0.0, 1.0]),
                              ("tridiagonal", tridiagonal, [0.0])):
        text, x0 = complexity.problem(name, 12)
        assert sp.expand(parse_expression(text) - want) == 0, name
        assert x0.tolist() == np.resize(start, 12).tolist()


def test_a_template_is_summed_over_every_i_that_keeps_its_indices_in_range() -> None:
    x = _xs(6)
    text, x0 = complexity.problem("(x{i-1} - x{i+1})**2 + x{ i }**4", 6)
    want = sum((x[i - 1] - x[i + 1]) ** 2 + x[i] ** 4 for i in range(1, 5))  # i = 2 .. 5 in 1-based terms
    assert sp.expand(parse_expression(text) - want) == 0
    assert x0.shape == (6,) and np.all((0.5 <= x0) & (x0 <= 1.5))


# --- the measurements -------------------------------------------------------------------------


def rosenbrock_derivatives(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Chained Rosenbrock's gradient and Hessian by hand."""
    n = len(x)
    r = x[1:] - x[:-1] ** 2
    g = np.zeros(n)
    g[:-1] += -400 * x[:-1] * r - 2 * (1 - x[:-1])
    g[1:] += 200 * r
    H = np.zeros((n, n))
    d = np.arange(n)
    H[d[:-1], d[:-1]] += 1200 * x[:-1] ** 2 - 400 * x[1:] + 2
    H[d[1:], d[1:]] += 200
    H[d[:-1], d[1:]] = H[d[1:], d[:-1]] = -400 * x[:-1]
    return g, H


def test_measurements_build_what_the_notes_table_counts_and_solve_the_newton_step(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(complexity, "BLOCK", 7)  # the dense H from products in blocks, the last one short
    n = 60
    measured, steps = complexity.measure_size("rosenbrock", n, dense_max=100, repeat=1)
    by = {m.operation: m for m in measured}
    assert [m.operation for m in measured] == list(complexity.BUILDS + complexity.OPERATIONS)
    assert by["gradient"].bytes == by["hvp"].bytes == 8 * n  # O(n)
    assert by["dense_hessian"].bytes == by["newton_dense"].bytes == 8 * n * n  # O(n^2)
    nnz = 3 * n - 2  # tridiagonal
    assert by["sparse_hessian"].bytes == 8 * nnz + 4 * nnz + 4 * (n + 1)  # CSR: data, int32 indices, indptr
    assert all(m.seconds is not None and m.seconds > 0 and m.note is None for m in measured)
    g, H = rosenbrock_derivatives(np.resize([-1.2, 1.0], n))
    want = np.linalg.solve(H, -g)
    assert np.allclose(steps["dense"], want, rtol=1e-10, atol=1e-12)
    assert np.allclose(steps["sparse"], want, rtol=1e-10, atol=1e-12)
    # the sparse LU of a tridiagonal matrix has no fill-in: L and U hold about 2n entries each
    # (12 bytes apiece with their row indices), plus their column pointers and two permutations
    assert by["newton_sparse"].bytes <= 12 * 4 * n + 16 * (n + 1)


def test_growth_exponents_of_the_bytes_are_the_notes_powers() -> None:
    r = complexity.run_complexity("powell", [8, 16, 32], dense_max=100, repeat=1)
    growth = {g.operation: g for g in r.growth}
    assert growth["gradient"].memory_exponent == growth["hvp"].memory_exponent == 1.0
    assert growth["dense_hessian"].memory_exponent == growth["newton_dense"].memory_exponent == 2.0
    assert growth["sparse_hessian"].memory_exponent == pytest.approx(1.0, abs=0.05)
    assert growth["parse"].memory_exponent is None
    assert all(isinstance(g.time_exponent, float) for g in r.growth)


def test_growth_exponent_is_the_log_log_slope() -> None:
    assert complexity.growth_exponent([2, 4, 8], [3.0, 24.0, 192.0]) == 3.0
    assert complexity.growth_exponent([2, 4, 8], [None, None, 5.0]) is None
    assert complexity.growth_exponent([10, 100], [1.0, 10 ** 1.5]) == 1.5


def test_progress_counts_every_step() -> None:
    seen: list[tuple[int, int]] = []
    complexity.run_complexity("tridiagonal", [4, 8], repeat=1, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 18) for k in range(1, 19)]


# --- the command ------------------------------------------------------------------------------


def test_json_skips_the_dense_operations_above_dense_max_and_says_so() -> None:
    result = _run("--function", "tridiagonal", "--n", "10,30", "--dense-max", "20", "--repeat", "1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sizes"] == [10, 30] and data["dense_max"] == 20 and data["function"] == "tridiagonal"
    rows = {(m["size"], m["operation"]): m for m in data["measurements"]}
    for operation in ("dense_hessian", "newton_dense"):
        assert rows[(30, operation)]["seconds"] is None and rows[(30, operation)]["bytes"] is None
        assert "--dense-max 20" in rows[(30, operation)]["note"]
        assert rows[(10, operation)]["bytes"] == 800
    growth = {g["operation"]: g for g in data["growth"]}
    assert growth["dense_hessian"]["time_exponent"] is None  # one measured size: no slope


@pytest.mark.parametrize("fmt, expected", [("table", "n^k, k ="), ("plain", "growth gradient: time n^"),
                                           ("latex", r"\begin{tabular}")])
def test_every_format(fmt: str, expected: str) -> None:
    result = _run("--n", "6,12", "--repeat", "1", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout
    assert "Multivariate Taylor Series" in result.stdout or fmt != "table"


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env_module, "PROGRESS_DELAY", 0.0)
    real, ticks = complexity.run_complexity, []

    def spy(*args, progress=None, **kwargs):
        ticks.append(progress is not None)
        return real(*args, progress=progress, **kwargs)

    monkeypatch.setattr(complexity, "run_complexity", spy)
    terminal, pipe = io.StringIO(), io.StringIO()
    for stream, isatty in ((terminal, True), (pipe, False)):
        out = io.StringIO()
        result = _run("--n", "6,12", "--repeat", "1", "-f", "json",
                      obj=Environment(stdout=out, stderr=stream, stderr_isatty=isatty))
        assert result.exit_code == 0 and json.loads(out.getvalue())["sizes"] == [6, 12]
    assert ticks == [True, False]
    assert terminal.getvalue() and not pipe.getvalue()  # the bar (transient: erased at the end)


@pytest.mark.parametrize("args, message", [
    (["--n", "1,10"], "from 2 to"),
    (["--n", "20000"], "from 2 to"),
    (["--n", "ten"], "whole numbers"),
    (["--function", "powell", "--n", "10"], "multiple of 4"),
    (["--function", "x**2"], "template"),
    (["--function", "x{i} + y{i}"], "one indexed variable"),
    (["--function", "x{j}"], "no other braces"),
    (["--function", "x{i+1000}"], "|k| <= 100"),
    (["--function", "x{i} +* 2"], ""),
    (["--function", "(x{i} - x{i+5})**2", "--n", "4"], "n > 5"),
    (["--dense-max", "6000"], ""),
])
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_singular_hessian_gives_no_newton_step_and_says_so() -> None:
    # (x_i - x_{i+1})^2 summed: H is the path graph's Laplacian, whose null space holds the constants.
    result = _run("--function", "(x{i} - x{i+1})**2", "--n", "5,10", "--repeat", "1", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = [m for m in json.loads(result.stdout)["measurements"] if m["operation"].startswith("newton")]
    assert len(rows) == 4 and all(m["seconds"] is None and "singular" in m["note"] for m in rows)


def test_a_nearly_singular_solve_is_flagged() -> None:
    H = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-17]])
    p = np.linalg.lstsq(H, [-1.0, 0.0], rcond=None)[0]
    assert "singular" in complexity._unreliable(H, p, np.array([1.0, 0.0]))
    D = np.diag([2.0, 3.0])
    assert complexity._unreliable(D, np.array([-0.5, -1 / 3]), np.ones(2)) is None
