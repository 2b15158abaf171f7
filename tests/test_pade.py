"""Padé approximants against references (the issue's closed form, Maxima) and the defining property.

Independent check: f*Q - P = O((x - a)^(M+N+1)) by sympy.series, and Q(a) = 1.
Every exact value in plain, JSON and LaTeX reads back (test_roundtrip's readers).
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import sympy as sp


from taylorcli.errors import InputError, MathError
from taylorcli.parse import parse_expression
from taylorcli.pade import pade, run_pade
from test_roundtrip import by_name, equal, read_latex, render

x = sp.Symbol("x")


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    a = by_name(a, b) if b.free_symbols else a
    return sp.simplify(sp.factor(a) - sp.factor(b)) == 0


def _order_ok(f: sp.Expr, p, m: int, n: int) -> None:
    """f*Q - P vanishes to order m+n+1 at a (an independent sympy.series computation)."""
    v = p.variable
    h = sp.Symbol("h")
    residual = (f * p.denominator - p.numerator).subs(v, p.at + h)
    s = sp.series(residual, h, 0, m + n + 1).removeO()
    assert sp.simplify(s) == 0, s
    assert sp.simplify(p.denominator.subs(v, p.at) - 1) == 0


def test_the_issue_example_exp_2_2():
    p = pade("exp(x)", None, None, 2, 2)
    expected = (1 + x / 2 + x**2 / 12) / (1 - x / 2 + x**2 / 12)
    assert _same(p.approximant, expected)
    assert _same(p.numerator, 1 + x / 2 + x**2 / 12)
    assert _same(p.denominator, 1 - x / 2 + x**2 / 12)


# Generated once with Maxima 5.x (`maxima --batch-string`), e.g. pade(taylor(exp(x),x,0,4),2,2);
# the approximants Maxima printed are hard-coded here (Maxima normalises differently: compare P/Q).
MAXIMA = [
    ("exp(x)", 2, 2, "(x**2+6*x+12)/(x**2-6*x+12)"),
    ("1/(1+x**2)", 2, 2, "1/(x**2+1)"),
    ("log(1+x)", 3, 2, "(x**3+21*x**2+30*x)/(9*x**2+36*x+30)"),
    ("tan(x)", 3, 3, "(x**3-15*x)/(6*x**2-15)"),
]


@pytest.mark.parametrize("text, m, n, reference", MAXIMA)
def test_maxima_documented_examples(text, m, n, reference):
    p = pade(text, None, None, m, n)
    assert _same(p.approximant, sp.sympify(reference, locals={"x": x}))


@pytest.mark.skipif(shutil.which("maxima") is None, reason="maxima is not on PATH")
def test_against_live_maxima():
    out = subprocess.run(["maxima", "--very-quiet", "--batch-string",
                          "display2d:false$ pade(taylor(atan(x),x,0,5),3,2);"],
                         capture_output=True, text=True, timeout=60).stdout
    line = [ln for ln in out.splitlines() if ln.startswith("[")][-1]
    reference = sp.sympify(line.strip("[]").replace("^", "**"), locals={"x": x})
    assert _same(pade("atan(x)", None, None, 3, 2).approximant, reference)


@pytest.mark.parametrize("text, at, m, n", [
    ("exp(x)", None, 3, 3), ("sin(x)", None, 3, 2), ("exp(x)*cos(x)", "1/2", 2, 2),
    ("log(x)", "1", 2, 2), ("sqrt(1 + x)", None, 2, 3), ("exp(x) + sqrt(2)", "pi", 1, 1),
    ("1/(1 - x)", None, 0, 1), ("atan(x)", None, 4, 0),
])
def test_the_defining_property(text, at, m, n):
    p = pade(text, None, at, m, n)
    _order_ok(parse_expression(text), p, m, n)
    assert sp.degree(sp.expand(p.numerator), p.variable) <= m
    assert sp.degree(sp.expand(p.denominator), p.variable) <= n


def test_rational_function_is_reproduced():
    p = pade("(1 + 2*x)/(1 - x + 3*x**2)", None, None, 1, 2)
    assert _same(p.approximant, (1 + 2 * x) / (1 - x + 3 * x**2))


def test_singular_system_is_reported():
    with pytest.raises(MathError, match="singular"):
        pade("cos(x)", None, None, 1, 1)


def test_not_analytic_is_reported():
    with pytest.raises(MathError):
        pade("1/x", None, None, 1, 1)


@pytest.mark.parametrize("order", ["1", "a,b", "1,2,3", "-1,2"])
def test_bad_order_is_input_error(order):
    with pytest.raises(InputError):
        run_pade(expr="exp(x)", order=order, at=None, vars_=None, check_at=None, simplify=True)


def test_two_variables_are_input_error():
    with pytest.raises(InputError):
        pade("x*y", None, None, 1, 1)


def test_check_shows_pade_winning_beyond_radius():
    """1/(1+x**2): Taylor of degree 4 diverges for |x| > 1; [2/2] is the function itself."""
    report = run_pade(expr="1/(1+x**2)", order="2,2", at=None, vars_=None, check_at="1/2,2,3",
                               simplify=True)
    for row in report.check:
        t = float(row.point)
        f = 1 / (1 + t * t)
        assert row.value == pytest.approx(f)
        assert row.pade_error < 1e-15
        assert row.taylor_error == pytest.approx(abs(f - (1 - t**2 + t**4)))
    assert report.check[2].taylor_error > 50


def test_check_of_exp_against_closed_forms():
    report = run_pade(expr="exp(x)", order="2,2", at=None, vars_=None, check_at="1", simplify=True)
    (row,) = report.check
    assert row.pade == pytest.approx(19 / 7)  # (1 + 1/2 + 1/12)/(1 - 1/2 + 1/12)
    assert row.pade_error == pytest.approx(abs(sp.N(sp.E) - 19 / 7))
    assert row.taylor_error == pytest.approx(abs(float(sp.E) - (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24)))


@pytest.mark.parametrize("text, at, order", [("exp(x)", None, "2,2"), ("log(x) + sqrt(2)", "2", "2,1"),
                                             ("exp(x)*(E - 3)", "pi/4", "1,1"), ("tan(x)", None, "3,3")])
def test_every_view_reads_back(text, at, order):
    report = run_pade(expr=text, order=order, at=at, vars_=None, check_at=None, simplify=True)
    p = report.pade
    data = json.loads(render(report, "json"))
    assert data["pade_order"] == [int(k) for k in order.split(",")]
    for key, computed in (("pade", p.approximant), ("numerator", p.numerator), ("denominator", p.denominator),
                          ("taylor", p.taylor), ("expression", p.expression)):
        assert equal(parse_expression(data[key]), computed), key
    assert equal(parse_expression(data["at"][p.variable.name]), p.at)
    plain = render(report, "plain").splitlines()
    assert equal(parse_expression(plain[0]), p.approximant)
    assert equal(parse_expression(plain[1].removeprefix("numerator: ")), p.numerator)
    assert equal(parse_expression(plain[2].removeprefix("denominator: ")), p.denominator)
    latex = render(report, "latex").splitlines()[0]
    assert equal(read_latex(latex), p.approximant, exact_object=False)
    assert "Pad" in render(report, "table")


# --- independent computations: mpmath.pade on float coefficients, a direct sympy.solve ---------

@pytest.mark.parametrize("text, m, n", [("exp(x)", 3, 2), ("log(1 + x)", 2, 2), ("tan(x)", 3, 2),
                                         ("sqrt(1 + x)", 1, 3), ("exp(x)*cos(x)", 2, 3)])
def test_against_mpmath_pade(text, m, n):
    import mpmath
    f = by_name(parse_expression(text), x)  # the parser's x may carry assumptions: ours by name
    series = sp.series(f, x, 0, m + n + 1).removeO()  # sympy's own series, not our expand
    coefficients = [float(series.coeff(x, k)) for k in range(m + n + 1)]
    p_ref, q_ref = mpmath.pade(coefficients, m, n)  # lowest degree first, q_ref[0] = 1
    p = pade(text, None, None, m, n)
    ours_p = sp.Poly(sp.expand(by_name(p.numerator, x)), x).all_coeffs()[::-1]
    ours_q = sp.Poly(sp.expand(by_name(p.denominator, x)), x).all_coeffs()[::-1]
    assert [float(c) for c in ours_q] + [0.0] * (n + 1 - len(ours_q)) == pytest.approx(
        [float(c) for c in q_ref], rel=1e-9, abs=1e-12)
    assert [float(c) for c in ours_p] + [0.0] * (m + 1 - len(ours_p)) == pytest.approx(
        [float(c) for c in p_ref], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("text, at, m, n", [("exp(x)", "1", 2, 2), ("atan(x)", None, 3, 2),
                                             ("log(x)", "2", 1, 2)])
def test_against_a_direct_linear_solve(text, at, m, n):
    """Unknown P and Q coefficients, Q(a) = 1, f*Q - P = O(h^(m+n+1)): sympy.solve, exactly."""
    f = by_name(parse_expression(text), x)
    a = parse_expression(at) if at else sp.Integer(0)
    h = sp.Symbol("h")
    ps, qs = sp.symbols(f"p0:{m + 1}"), sp.symbols(f"q1:{n + 1}")
    P = sum(c * h**k for k, c in enumerate(ps))
    Q = 1 + sum(c * h**(k + 1) for k, c in enumerate(qs))
    residual = sp.expand(sp.series(f.subs(x, a + h), h, 0, m + n + 1).removeO() * Q - P)
    solution = sp.solve([residual.coeff(h, k) for k in range(m + n + 1)], [*ps, *qs], dict=True)
    assert len(solution) == 1
    reference = (P / Q).subs(solution[0]).subs(h, x - a)
    assert sp.simplify(by_name(pade(text, None, at, m, n).approximant, x) - reference) == 0


def test_reproducible_rational_function_at_too_high_an_order_is_degenerate():
    """1/(1 - x) as [1/2]: the system is singular, every solution has a common factor; reported."""
    with pytest.raises(MathError, match="degenerate"):
        pade("1/(1 - x)", None, None, 1, 2)


@pytest.mark.parametrize("args, status", [
    (["pade", "exp(x)", "--order", "2,2"], 0),
    (["pade", "cos(x)", "--order", "1,1"], 1),
    (["pade", "1/x", "--order", "1,1"], 1),
    (["pade", "exp(x)", "--order", "2"], 2),
    (["pade", "x*y", "--order", "1,1"], 2),
    (["pade", "exp(x)", "--order", "30,30"], 2),
])
def test_exit_statuses(args, status):
    import os
    import sys
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-m", "taylorcli", *args], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == status, out.stderr
    assert "Traceback" not in out.stderr
    if status:
        assert len(out.stderr.strip().splitlines()) == 1


def test_json_contract():
    data = json.loads(render(run_pade(expr="exp(x)", order="2,2", at=None, vars_=None, check_at="1,3",
                                      simplify=True), "json"))
    assert {"expression", "variables", "at", "pade_order", "pade", "numerator", "denominator"} <= set(data)
    assert data["variables"] == ["x"] and data["at"] == {"x": "0"} and data["pade_order"] == [2, 2]
    assert [row["at"] for row in data["checks"]] == [{"x": "1"}, {"x": "3"}]
    # [2/2] beats the degree-4 Taylor polynomial of exp at x = 3: e^3 - 131/8 vs |e^3 - (17/2 + 27/8 ...)|
    row = data["checks"][1]
    assert parse_expression(row["value"]) == parse_expression("exp(3)") and row["value_float"] == float(sp.exp(3))
    assert row["pade_error"] == pytest.approx(abs(float(sp.exp(3)) - (1 + 1.5 + 0.75) / (1 - 1.5 + 0.75)))
    assert row["taylor_error"] == pytest.approx(float(sp.exp(3)) - (1 + 3 + 4.5 + 4.5 + 81 / 24))
