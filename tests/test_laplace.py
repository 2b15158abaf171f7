"""taylor laplace against closed forms (Gaussians, Stirling) and mpmath quadrature."""

from __future__ import annotations

import json
import math

import mpmath
import pytest
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
