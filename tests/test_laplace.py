"""taylor laplace against closed forms (Gaussians, Stirling) and mpmath quadrature."""

from __future__ import annotations

import json
import math

import mpmath
import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.errors import MathError
from taylorcli.laplace import laplace
from taylorcli.parse import parse_expression


def _stirling_exact(n: int) -> float:
    # Gamma(n+1) = n^(n+1) * integral of exp(-n (x - log x)) over x > 0
    return math.lgamma(n + 1) - (n + 1) * math.log(n)


@pytest.mark.parametrize("n", [5, 10, 20, 40])
def test_stirling_errors_shrink(n):
    r = laplace("x - log(x)", n=n, x0=[2], correction=True)
    exact = _stirling_exact(n)
    assert abs((r.log_integral - exact) + 1 / (12 * n)) < 1 / n**2  # relative error ~ 1/(12 n)
    assert abs(r.log_integral_corrected - exact) < 1 / n**3  # Stirling's log series has no 1/n^2 term
    assert str(r.correction_exact) == f"1/{12 * n}"


def test_gaussian_exact():
    r = laplace("x**2 + x*y + y**2 - x", n=3, correction=True)
    # integral of exp(-n (x^T A x / 2 + b.x)) = exp(n^2 b^T A^-1 b / (2n)) (2 pi/n)^(d/2) det(A)^(-1/2)
    import numpy as np
    A, b, n = np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([-1.0, 0.0]), 3
    exact = n * b @ np.linalg.solve(A, b) / 2 + math.log(2 * math.pi / n) - math.log(np.linalg.det(A)) / 2
    assert r.log_integral == pytest.approx(exact, rel=1e-14)
    assert r.correction == 0
    assert np.allclose(np.array(r.covariance_exact, dtype=float), np.linalg.inv(n * A), rtol=1e-15)


def _quad_log(f, n, lo, hi, dims=1):
    mpmath.mp.dps = 30
    if dims == 1:
        return float(mpmath.log(mpmath.quad(lambda x: mpmath.exp(-n * f(x)), [lo, 0, hi])))
    from scipy import integrate  # mpmath's 2-D quad takes ~25 s per integral
    total, _ = integrate.dblquad(lambda y, x: math.exp(-n * f(x, y)), lo, hi, lo, hi, epsabs=0, epsrel=1e-12)
    return math.log(total)


def test_correction_against_quadrature_1d():
    f = lambda x: x**2 / 2 + x**3 / 3 + x**4  # noqa: E731 - minimum at 0
    errors = []
    for n in (20, 40, 80):
        r = laplace("x**2/2 + x**3/3 + x**4", n=n, correction=True)
        exact = _quad_log(f, n, -3, 3)
        errors.append((abs(r.log_integral - exact), abs(r.log_integral_corrected - exact)))
    assert errors[1][0] / errors[2][0] == pytest.approx(2, rel=0.2)  # 1/n
    assert errors[1][1] / errors[2][1] > 3.2  # 1/n^2
    assert all(c < u for u, c in errors)


def test_correction_against_quadrature_2d():
    f = lambda x, y: x**2 / 2 + y**2 + x * y / 2 + x**2 * y / 3 + x**4 / 4 + y**4 / 3  # noqa: E731
    text = "x**2/2 + y**2 + x*y/2 + x**2*y/3 + x**4/4 + y**4/3"
    errors = []
    for n in (20, 40):
        r = laplace(text, n=n, correction=True)
        exact = _quad_log(f, n, -2, 2, dims=2)
        errors.append(abs(r.log_integral_corrected - exact))
        assert abs(r.log_integral_corrected - exact) < abs(r.log_integral - exact)
    assert errors[0] / errors[1] > 3


def test_no_minimum_fails():
    with pytest.raises(MathError):
        laplace("x**2 - y**2", x0=[0.5, 0.5])
    result = CliRunner().invoke(cli, ["laplace", "x**4", "--x0", "1"])  # H(0) = 0
    assert result.exit_code == 1


def test_cli_json_roundtrip_and_check():
    result = CliRunner().invoke(cli, ["laplace", "x - log(x)", "--x0", "1", "--n", "10", "--correction",
                                      "--check", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert parse_expression(data["log_integral_exact"]) == laplace("x - log(x)", n=10, x0=[1]).log_integral_exact
    assert parse_expression(data["correction_exact"]) == parse_expression("1/120")
    assert data["integral_check"]["log_integral"] == pytest.approx(_stirling_exact(10), rel=1e-10)
    for key in ("x_star", "value", "log_integral", "integral", "covariance", "log_integral_corrected",
                "expression", "variables", "n", "x0"):
        assert key in data


def test_monte_carlo_beyond_two():
    r = laplace("x**2 + y**2 + z**2", n=2, check=True)
    assert abs(r.check["log_integral"] - r.log_integral) < 5 * r.check["log_error"] + 1e-9


def test_every_view_reads_back_to_the_closed_form():
    """A Gaussian integral with irrational and negative constants: plain and JSON through our parser,
    LaTeX through SymPy's, each equal to -n f(x*) + d/2 log(2 pi/n) - log(det H)/2 computed with sympy.solve."""
    from test_roundtrip import equal, read_latex, read_plain, render

    from taylorcli.render.laplace import LaplaceReport
    text = "(x - sqrt(2))**2 + x*y/3 + y**2 + (log(2) - 1)*y"
    n = sp.Rational(7, 2)
    x, y = sp.symbols("x y", real=True)
    f = (x - sp.sqrt(2))**2 + x * y / 3 + y**2 + (sp.log(2) - 1) * y
    star = sp.solve([sp.diff(f, x), sp.diff(f, y)], [x, y], dict=True)[0]
    H = sp.hessian(f, (x, y))
    closed = -n * f.subs(star) + sp.log(2 * sp.pi / n) - sp.log(H.det()) / 2
    report = LaplaceReport(laplace(text, n=n, x0=[0, 0]))
    assert sp.simplify(report.laplace.log_integral_exact - closed) == 0
    plain = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in render(report, "plain").splitlines()}
    exact_of = lambda text: text.rsplit(" (", 1)[0]  # "exact (float)"  # noqa: E731
    assert equal(read_plain(exact_of(plain["log_integral"])), report.laplace.log_integral_exact)
    assert equal(read_plain(exact_of(plain["f(x*)"])), report.laplace.value_exact)
    assert [equal(a, b) for a, b in zip(read_plain(exact_of(plain["x*"])), report.laplace.x_star_exact)] == [True] * 2
    data = json.loads(render(report, "json"))
    assert equal(parse_expression(data["log_integral_exact"]), report.laplace.log_integral_exact)
    assert equal(parse_expression(data["value"]), f.subs(star))
    latex = render(report, "latex").split(r"\approx", 1)[1]
    assert equal(read_latex(latex), closed, exact_object=False)
