"""Radius of convergence (taylor expand --radius) against closed forms and mpmath.

Independent checks: the radius R from known singularities (closed forms); the
root test on coefficients from sympy.series (not our expand) agrees with R; the named
nearest singularity is one (mpmath: |f| or |f'| grows without bound approaching it).
Every exact value printed reads back (test_roundtrip's readers).
"""

from __future__ import annotations

import functools
import json
import math
import os
import subprocess
import sys

import mpmath
import pytest
import sympy as sp
from test_roundtrip import by_name, equal, read_latex, render

from taylorcli import commands
from taylorcli.parse import parse_expression, parse_value
from taylorcli.radius import estimate, radius_of, singular_at

x = sp.Symbol("x")


@functools.lru_cache(maxsize=None)  # one computation per case, shared by the tests (a report is not mutated)
def _report(text: str, at: str | None, order: int):
    return commands.run_expand(expr=text, order=order, at=at, vars_=None, degree="total", terms=False,
                                 coeffs=False, remainder=False, check_at=None, check_h=False, simplify=True,
                                 radius=True)


def _radius(text: str, at: str | None = None, fmt: str | None = None, order: int = 4):
    report = _report(text, at, order)
    return report if fmt is None else render(report, fmt)


# (expression, point, R in closed form, the nearest singularities)
EXACT = [
    ("1/(1 + x**2)", None, sp.Integer(1), {sp.I, -sp.I}),
    ("tan(x)", None, sp.pi / 2, {sp.pi / 2, -sp.pi / 2}),
    ("log(1 + x)", "2", sp.Integer(3), {sp.Integer(-1)}),
    ("atan(x)", None, sp.Integer(1), {sp.I, -sp.I}),
    ("sqrt(1 + x)", None, sp.Integer(1), {sp.Integer(-1)}),
    ("asin(x)", "1/2", sp.Rational(1, 2), {sp.Integer(1)}),
    ("1/sin(x)", "1", sp.Integer(1), {sp.Integer(0)}),
    ("sigmoid(x)", None, sp.pi, {sp.I * sp.pi, -sp.I * sp.pi}),  # 1 + exp(-x) = 0
    ("softplus(x)", "1", sp.sqrt(1 + sp.pi**2), {sp.I * sp.pi, -sp.I * sp.pi}),
    ("gamma(x)", "1/2", sp.Rational(1, 2), {sp.Integer(0)}),
    ("exp(1/x)", "1", sp.Integer(1), {sp.Integer(0)}),  # essential singularity
    ("(1 + x)**(13/2)", None, sp.Integer(1), {sp.Integer(-1)}),  # branch term only at h**(13/2)
    ("1/(2 + sin(x))", None, sp.sqrt(sp.pi**2 / 4 + sp.acosh(2)**2),  # sin(z) = -2: z = -pi/2 +- I*acosh(2)
     {-sp.pi / 2 + sp.I * sp.acosh(2), -sp.pi / 2 - sp.I * sp.acosh(2)}),
    ("1/x + 1/(x - 2)", None, sp.Integer(2), {sp.Integer(2)}),  # Laurent at 0: the punctured disc
    ("x/sin(x)", None, sp.pi, {sp.pi, -sp.pi}),  # 0 is removable, the next zeros of sin are not
]


@pytest.mark.parametrize("text, at, R, nearest", EXACT)
def test_exact_radius_matches_the_closed_form(text, at, R, nearest):
    r = _radius(text, at).radius
    assert r.method == "exact"
    assert sp.simplify(r.radius - R) == 0 or abs(sp.N(r.radius - R, 50)) < 1e-45
    assert r.numeric == pytest.approx(float(R), rel=1e-12)
    assert {sp.nsimplify(sp.N(z, 30)) for z in r.nearest} == {sp.nsimplify(sp.N(z, 30)) for z in nearest} or \
        all(any(abs(complex(sp.N(z - w))) < 1e-20 for w in nearest) for z in r.nearest)
    assert len(r.nearest) == len(nearest)


@pytest.mark.parametrize("text, at", [("1/(1 + x**2)", None), ("tan(x)", None), ("log(1 + x)", "2"),
                                      ("atan(x)", None), ("1/(2 + sin(x))", None)])
def test_root_test_on_sympys_own_coefficients_agrees(text, at):
    """|c_k|^(-1/k) from sympy.series, at k ~ 40, approaches R (limsup: the largest of the last few)."""
    f = by_name(parse_expression(text), x)
    a = parse_expression(at) if at else sp.Integer(0)
    h = sp.Symbol("h")
    s = sp.series(f.subs(x, a + h), h, 0, 41).removeO()
    roots = [abs(float(s.coeff(h, k))) ** (1 / k) for k in range(34, 41) if s.coeff(h, k) != 0]
    R = _radius(text, at).radius.numeric
    assert 1 / max(roots) == pytest.approx(R, rel=0.12)


@pytest.mark.parametrize("text, at", [("1/(1 + x**2)", None), ("tan(x)", None), ("log(1 + x)", "2"),
                                      ("atan(x)", None), ("sqrt(1 + x)", None)])
def test_the_named_singularity_is_one_numerically(text, at):
    """mpmath: |f'| at z + 1e-8 is >= 50 times |f'| at z + 1e-4 (poles, logs and square roots all blow up)."""
    f = by_name(parse_expression(text), x)
    z = _radius(text, at).radius.nearest[0]
    d = sp.lambdify(x, sp.diff(f, x), modules="mpmath")
    with mpmath.workdps(30):
        c = mpmath.mpc(*[mpmath.mpf(str(sp.N(p, 30))) for p in sp.N(z, 30).as_real_imag()])
        near, far = abs(d(c + mpmath.mpc("1e-8", "1e-8"))), abs(d(c + mpmath.mpc("1e-4", "1e-4")))
    assert near > 50 * far


@pytest.mark.parametrize("text, at", [("exp(x)", None), ("sin(x)", None), ("x**3 - 2*x + 7", "1"),
                                      ("sin(x)/x", None), ("(x**2 - 1)/(x - 1)", None), ("erf(x)", None),
                                      ("sin(sqrt(x))/sqrt(x)", "1")])
def test_entire_functions_and_removable_singularities_give_infinity(text, at):
    r = _radius(text, at).radius
    assert r.radius == sp.oo and r.numeric is None and r.method == "exact" and not r.nearest


def test_unknown_singularities_give_an_estimate_with_its_uncertainty():
    """tan(x**2): poles where x**2 = pi/2 + k*pi, nearest |x| = sqrt(pi/2); not found exactly."""
    r = _radius("tan(x**2)").radius
    assert r.method == "estimate" and r.radius is None and r.terms == 31
    assert abs(r.numeric - math.sqrt(math.pi / 2)) <= max(r.uncertainty, 1e-9)
    assert r.uncertainty < 0.05


def test_an_estimate_is_never_printed_as_exact():
    plain = _radius("tan(x**2)", fmt="plain")
    assert "estimate from 31 coefficients, not exact" in plain
    data = json.loads(_radius("tan(x**2)", fmt="json"))
    assert data["radius"] is None and data["method"] == "estimate" and data["radius_terms"] == 31
    assert data["radius_uncertainty"] > 0


def test_all_removable_poles_of_a_family_fall_back_to_the_estimate():
    """tan(x)*cos(x) = sin(x): the poles of tan are all removable; no exact claim is made."""
    r = _radius("tan(x)*cos(x)").radius
    assert r.method == "estimate" and r.radius is None and r.numeric is None  # looks entire


def test_estimator_on_closed_form_coefficients():
    # c_k = k**2 / 3**k: R = 3, with an algebraic prefactor the plain root test converges slowly
    est = estimate([(k, sp.Integer(k) ** 2 / sp.Integer(3) ** k) for k in range(41)])
    assert est.numeric == pytest.approx(3, rel=1e-6)
    assert abs(est.numeric - 3) <= est.uncertainty + 1e-9


def test_removability_check():
    assert singular_at(sp.sin(x) / x, x, sp.Integer(0)) is False
    assert singular_at(1 / (2 + sp.sin(x)), x, -sp.pi / 2 + sp.I * sp.acosh(2)) is True
    assert singular_at(sp.sqrt(1 + x), x, sp.Integer(-1)) is True


def test_a_root_without_closed_form_is_numeric_not_exact():
    r = radius_of(1 / (x**5 + x + 3), x, sp.Integer(0))
    assert r.method == "numeric" and r.radius is None
    roots = [abs(complex(z)) for z in sp.Poly(x**5 + x + 3).nroots(n=30)]
    assert r.numeric == pytest.approx(min(roots), rel=1e-12)


@pytest.mark.parametrize("text, at", [("1/(1 + x**2)", None), ("tan(x)", None), ("log(1 + x)", "2"),
                                      ("1/(2 + sin(x))", None), ("exp(x)", None), ("softplus(x)", "1")])
def test_every_view_reads_back(text, at):
    report = _radius(text, at)
    r = report.radius
    data = json.loads(render(report, "json"))
    assert {"radius", "radius_numeric", "nearest_singularity", "method"} <= set(data)
    assert equal(parse_value(data["radius"], allow_infinity=True), r.radius)
    assert data["radius_numeric"] == r.numeric
    for point, z in zip(data["singularities_at_radius"], r.nearest):
        read = parse_expression(point["re"]) + sp.I * parse_expression(point["im"])
        assert sp.simplify(sp.expand_complex(by_name(read, z) - z)) == 0 or abs(complex(sp.N(read - z, 30))) < 1e-25
    plain = render(report, "plain").splitlines()
    line = next(line for line in plain if line.startswith("radius: "))
    assert equal(parse_value(line.removeprefix("radius: "), allow_infinity=True), r.radius)
    latex = render(report, "latex").splitlines()
    if r.radius != sp.oo:
        line = next(line for line in latex if line.startswith("% R = "))
        assert equal(read_latex(line.removeprefix("% R = ")), r.radius, exact_object=False)
    assert "Radius of convergence" in render(report, "table")


def test_json_is_strict_for_an_infinite_radius():
    text = _radius("exp(x)", fmt="json")
    assert "Infinity" not in text and json.loads(text)["radius_numeric"] is None


@pytest.mark.parametrize("args, status", [
    (["expand", "x*y", "--radius"], 2),
    (["expand", "1/(x**2 + c**2)", "--vars", "x", "--radius"], 2),
    (["expand", "atan(x)", "--at", "oo", "--radius"], 2),
])
def test_exit_statuses(args, status):
    from click.testing import CliRunner

    from taylorcli.cli import cli
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == status
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_command_line():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-m", "taylorcli", "expand", "1/(1 + x**2)", "--radius"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "radius: 1\n" in out.stdout
