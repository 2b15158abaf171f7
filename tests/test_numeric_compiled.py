"""Compiled f, gradient and Hessian against exact derivatives (sympy.diff, evaluated to 30 digits).

Issue 14, item 6: SymEngine's ``Lambdify(..., cse=True)`` names its temporaries
x0, x1, ...; an argument with such a name that the outputs do not use was
overwritten, so compiled gradients were wrong. Every expected value here comes
from SymPy's own differentiation and evaluation, never from taylorcli.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taylorcli import compiled as compiled_module
from taylorcli.compiled import Compiled, verify
from taylorcli.calculus import Differentiator
from taylorcli.numeric import compile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("TAYLOR_PROPERTY_EXAMPLES", "40"))  # a longer run: e.g. 1000


def exact_gradient(f: sp.Expr, xs: list[sp.Symbol], point: list) -> np.ndarray:
    at = dict(zip(xs, point))
    return np.array([float(sp.diff(f, x).xreplace(at).evalf(30)) for x in xs])


def exact_hessian(f: sp.Expr, xs: list[sp.Symbol], point: list) -> np.ndarray:
    at = dict(zip(xs, point))
    rows = []
    for a in xs:
        fa = sp.diff(f, a)
        rows.append([float(sp.diff(fa, b).xreplace(at).evalf(30)) for b in xs])
    return np.array(rows)


def close(got: np.ndarray, want: np.ndarray, rtol: float = 1e-8) -> bool:
    scale = max(1.0, float(np.max(np.abs(want), initial=0.0)))
    return bool(np.all(np.abs(np.asarray(got) - want) <= rtol * scale))


# --- the reported case -------------------------------------------------------------------------

X1, X2, X3 = sp.symbols("x1 x2 x3", real=True)
REPORTED = (2 * X2 + 3 * X3 - 1) ** 2 + (2 * (2 * X2 + 3 * X3) - 1) ** 2


def test_reported_gradient_is_exact():
    c = compile(REPORTED, [X1, X2, X3])
    assert c.gradient([1, 1, 1]).tolist() == [0.0, 88.0, 132.0]
    assert close(c.hessian([1, 1, 1]), exact_hessian(REPORTED, [X1, X2, X3], [1, 1, 1]))
    assert c.backend in ("llvm", "lambda") and c.check.startswith("agrees")


def test_checker_catches_symengine_cse_name_clash():
    """The failing upstream path itself (arguments named like CSE temporaries) is caught."""
    import symengine
    from symengine.lib.symengine_wrapper import sympy2symengine

    xs = [X1, X2, X3]
    d = Differentiator(REPORTED, xs)
    names = [sympy2symengine(x) for x in xs]
    raw = symengine.Lambdify(names, [d.engine_partial((i,)) for i in range(3)], cse=True)
    if raw([1.0, 1.0, 1.0]).tolist() == [0.0, 88.0, 132.0]:
        pytest.skip("this SymEngine no longer clashes CSE names with arguments")
    good = compile(REPORTED, xs)
    bad = Compiled(REPORTED, xs, True, good._value, lambda x: np.asarray(raw(x), dtype=float), good._hessian)
    ok, note = verify(bad, d)
    assert ok is False and "gradient" in note


def test_wrong_compiled_code_falls_back_to_sympy(monkeypatch):
    real = compiled_module._engine_callable

    def off_by_a_little(variables, exprs, shape):
        call, backend = real(variables, exprs, shape)
        return (lambda x: call(x) * (1 + 1e-4)), backend

    monkeypatch.setattr(compiled_module, "_engine_callable", off_by_a_little)
    x, y = sp.symbols("x y", real=True)
    f = sp.exp(x * y) + sp.sin(x) * y**3
    c = compile(f, [x, y])
    assert c.backend == "sympy" and not c.engine
    assert "wrong" in c.check and c.check.endswith("points")
    p = [sp.Rational(3, 10), sp.Rational(-7, 10)]
    assert close(c.gradient([0.3, -0.7]), exact_gradient(f, [x, y], p), 1e-12)
    assert close(c.hessian([0.3, -0.7]), exact_hessian(f, [x, y], p), 1e-12)


def test_points_outside_the_domain_are_skipped():
    assert compile("log(x) + log(y)*x").check.startswith("agrees")  # found points with x, y > 0
    assert compile("sqrt(x - 5)").check.startswith("agrees")  # some boxes reach past 5
    c = compile("log(x - 100) + y**2", ["x", "y"])  # no box does: trusted, and said so
    assert c.check.startswith("not checked") and c.backend in ("llvm", "lambda")
    assert c.gradient([101.0, 1.0]).tolist() == [1.0, 2.0]


def test_roundoff_is_not_a_mismatch():
    c = compile("sin(x)**2 + cos(x)**2 - 1 + 0*y", ["x", "y"])
    assert c.backend in ("llvm", "lambda") and c.check.startswith("agrees")


def test_gamma_compiles_where_symengine_cannot():
    # SymEngine differentiates gamma into polygamma, which its Lambdify cannot compile.
    x, y = sp.symbols("x y", real=True)
    f = sp.gamma(x) * y + x**3 * y
    c = compile(f, [x, y])
    assert c.backend == "sympy" and c.check.startswith("agrees")
    p = [sp.Rational(-2, 5), sp.Rational(3, 2)]
    assert close(c.gradient([-0.4, 1.5]), exact_gradient(f, [x, y], p), 1e-10)
    assert close(c.hessian([-0.4, 1.5]), exact_hessian(f, [x, y], p), 1e-10)


# --- Moré, Garbow, Hillstrom: linear function, rank 1 with zero columns ------------------------

MGH_N, MGH_M = 10, 20


def mgh_rank1_zero_columns() -> tuple[str, list[sp.Symbol], sp.Expr]:
    """f = sum r_i^2, r_1 = r_m = -1, r_i = (i - 1) * sum_{j=2}^{n-1} j x_j - 1 (MGH problem 34)."""
    xs = list(sp.symbols(f"x1:{MGH_N + 1}", real=True))
    inner = sum(j * xs[j - 1] for j in range(2, MGH_N))
    residuals = [sp.Integer(-1)] + [(i - 1) * inner - 1 for i in range(2, MGH_M)] + [sp.Integer(-1)]
    f = sum(r**2 for r in residuals)
    text_inner = " + ".join(f"{j}*x{j}" for j in range(2, MGH_N))
    text = " + ".join(["1"] + [f"({i - 1}*({text_inner}) - 1)**2" for i in range(2, MGH_M)] + ["1"])
    return text, xs, f


def test_mgh_compiled_gradient_is_exact_at_random_points():
    _, xs, f = mgh_rank1_zero_columns()
    c = compile(f, xs)
    rng = np.random.default_rng(34)
    for _ in range(3):
        point = [Fraction(int(k), 16) for k in rng.integers(-32, 32, MGH_N)]
        rational = [sp.Rational(p.numerator, p.denominator) for p in point]
        floats = [float(p) for p in point]
        assert close(c.gradient(floats), exact_gradient(f, xs, rational), 1e-10)
        assert close(c.hessian(floats), exact_hessian(f, xs, rational), 1e-10)


@pytest.mark.parametrize("method", ["gd", "bfgs", "lbfgs"])
def test_mgh_optimizers_do_not_claim_success_at_a_non_stationary_point(method):
    text, xs, f = mgh_rank1_zero_columns()
    names = ",".join(x.name for x in xs)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "taylorcli", method, text, "--vars", names,
                          "--x0", ",".join(["1"] * MGH_N), "-f", "json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    if run.returncode != 0:
        return  # not claiming success is always honest
    data = json.loads(run.stdout)
    assert data["success"] is True
    point = [sp.Rational(v) for v in data["x"]]  # the printed floats, exactly
    gradient = exact_gradient(f, xs, point)
    assert float(np.linalg.norm(gradient)) <= 1e-6, gradient
    # The minimum value of this problem (MGH): (m^2 + 3m - 6) / (2(2m - 3)).
    assert data["fun"] == pytest.approx((MGH_M**2 + 3 * MGH_M - 6) / (2 * (2 * MGH_M - 3)), rel=1e-9)


# --- property: random expressions, variable lists with unused variables ------------------------

NAMES = ["x0", "x1", "x2", "x3", "x4", "y"]  # x0, x1, ... are the names SymEngine's CSE generates
SYMBOLS = {name: sp.Symbol(name, real=True) for name in NAMES}


def _expressions():
    leaves = st.one_of(st.sampled_from(list(SYMBOLS.values())),
                       st.integers(-3, 3).map(sp.Integer),
                       st.sampled_from([sp.Rational(1, 2), sp.sqrt(2) - 2, sp.pi]))

    def extend(children):
        unary = st.sampled_from([sp.sin, sp.cos, sp.atan, lambda u: sp.exp(u / 4),
                                 lambda u: sp.log(1 + u**2), lambda u: sp.sqrt(2 + u**2),
                                 lambda u: u**2, lambda u: u**3, lambda u: 2 * u - 1])
        return st.one_of(
            st.tuples(unary, children).map(lambda t: t[0](t[1])),
            st.tuples(children, children).map(lambda t: t[0] + t[1]),
            st.tuples(children, children).map(lambda t: t[0] * t[1]),
            st.tuples(children, children).map(lambda t: (t[0] - 2 * t[1]) ** 2),
        )

    return st.recursive(leaves, extend, max_leaves=8)


@st.composite
def problems(draw):
    f = draw(_expressions())
    used = sorted(f.free_symbols, key=lambda s: s.name)
    unused = draw(st.lists(st.sampled_from([s for s in SYMBOLS.values() if s not in used]),
                           unique=True, max_size=3))
    variables = draw(st.permutations(used + unused))
    seed = draw(st.integers(0, 2**32 - 1))
    return f, list(variables), seed


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_compiled_derivatives_match_exact_ones(problem):
    f, xs, seed = problem
    if not xs:
        return
    c = compile(f, xs)
    # Rounding is not a mismatch: SymEngine's code must pass its own check.
    assert "wrong" not in c.check, (f, xs, c.check)
    rng = np.random.default_rng(seed)
    for _ in range(2):
        point = [sp.Rational(int(k), 32) for k in rng.integers(-48, 48, len(xs))]
        floats = [float(p) for p in point]
        assert close(c.gradient(floats), exact_gradient(f, xs, point)), (f, xs, point)
        assert close(c.hessian(floats), exact_hessian(f, xs, point)), (f, xs, point)


def test_debug_shows_how_f_was_compiled_and_checked():
    from click.testing import CliRunner

    from taylorcli.cli import cli

    args = ["newton", "x**2 + 3*y**2 - x*y", "--x0", "1,1", "-f", "json"]
    quiet = CliRunner().invoke(cli, args)
    assert quiet.exit_code == 0 and quiet.stderr == ""
    loud = CliRunner().invoke(cli, args + ["--debug"])
    assert loud.exit_code == 0 and loud.stdout == quiet.stdout
    assert "taylor: debug: compiled f, gradient and Hessian in 2 variables with" in loud.stderr
    assert "agrees with exact values" in loud.stderr


def test_lambdify_overflow_is_inf_without_warnings():
    import warnings

    c = compile("Abs(x)*exp(y**2)", ["x", "y"])
    assert c.backend == "sympy"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a NumPy RuntimeWarning would reach stderr in the CLI
        assert c.value([1.5, 30.0]) == float("inf")
        assert np.isinf(c.gradient([1.5, 30.0])[1])
