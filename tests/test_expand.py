"""Taylor expansions against sympy.series, a naive SymPy loop over multi-indices,
and series known by heart."""

from __future__ import annotations

import itertools
import json
import math

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli import expand
from taylorcli.cli import cli
from taylorcli.errors import InputError, LimitError, MathError
from taylorcli.parse import parse_expression

x, y, z = (sp.Symbol(n, real=True) for n in "xyz")


def naive_taylor(f, variables, point, order, degree="total"):
    """Sum over multi-indices of D^a f(p)/a! * (x - p)^a, straight from SymPy."""
    total = 0
    n = len(variables)
    for powers in itertools.product(range(order + 1), repeat=n):
        if degree == "total" and sum(powers) > order:
            continue
        d = f
        for v, p in zip(variables, powers):
            if p:
                d = sp.diff(d, v, p)
        value = d.subs(dict(zip(variables, point)))
        term = value / math.prod(math.factorial(p) for p in powers)
        total += term * sp.Mul(*((v - a) ** p for v, a, p in zip(variables, point, powers)))
    return total


def same(a, b):
    return sp.simplify(sp.expand(a - b)) == 0


UNIVARIATE = [
    (sp.exp(sp.sin(x)), 0, 8),
    (sp.exp(1 - sp.exp(x)), 0, 7),
    (1 / sp.cos(x), 0, 10),
    (sp.tan(x), 0, 9),
    (sp.atan(x), 0, 9),
    (sp.log(1 + x), 0, 6),
    (sp.sqrt(1 + x), 0, 6),
    (sp.sin(x), sp.pi / 2, 6),
    (sp.cos(x), sp.pi / 4, 5),
    (sp.exp(x), 1, 5),
    (sp.log(x), 2, 5),
    (x**5 - 3 * x**2 + 1, -1, 7),
    (sp.asin(x), sp.Rational(1, 2), 4),
    (sp.erf(x), 0, 7),
    (sp.gamma(1 + x), 0, 3),
    (1 / (1 + sp.exp(-x)), 0, 7),
    (sp.sinh(x) * sp.cosh(2 * x), 0, 7),
]


@pytest.mark.parametrize("f, a, k", UNIVARIATE, ids=str)
def test_univariate_matches_sympy_series_and_naive(f, a, k):
    e = expand(f, [x], [a], k)
    assert e.method == "derivatives"
    reference = sp.series(f, x, a, k + 1).removeO()
    assert same(e.polynomial, reference)
    assert same(e.polynomial, naive_taylor(f, [x], [a], k))


MULTIVARIATE = [
    (sp.exp(x * y) * sp.sin(x + z), (0, 0, 0), 5),
    (sp.exp(x * y) * sp.sin(x + z), (1, 2, 3), 3),
    (x**2 * y + x * y**3, (1, -1, 0), 4),
    (sp.log(1 + x + y**2) * sp.cos(z), (0, 0, 0), 4),
    (sp.sqrt(x**2 + y**2 + z**2), (1, 2, 2), 3),
    (sp.atan2(y, x) + z, (1, 1, 0), 3),
    (1 / (1 - x - y - z), (0, 0, 0), 4),
]


@pytest.mark.parametrize("f, point, k", MULTIVARIATE, ids=str)
def test_multivariate_matches_naive(f, point, k):
    vs = [x, y, z]
    e = expand(f, vs, list(point), k)
    assert same(e.polynomial, naive_taylor(f, vs, point, k))


@pytest.mark.parametrize("f, point, k", MULTIVARIATE[:3], ids=str)
def test_degree_each_matches_naive(f, point, k):
    vs = [x, y, z]
    e = expand(f, vs, list(point), min(k, 2), degree="each")
    assert same(e.polynomial, naive_taylor(f, vs, point, min(k, 2), degree="each"))


def test_multivariate_agrees_with_univariate_restriction():
    # g(t) = f(a + t h) has Taylor coefficients given by the multivariate polynomial.
    t = sp.Symbol("t")
    f = sp.exp(x * y) * sp.sin(x + z)
    e = expand(f, [x, y, z], [1, 2, 3], 4)
    h = (sp.Rational(1, 3), -2, sp.Rational(5, 7))
    restricted = e.polynomial.subs({x: 1 + h[0] * t, y: 2 + h[1] * t, z: 3 + h[2] * t})
    reference = sp.series(f.subs({x: 1 + h[0] * t, y: 2 + h[1] * t, z: 3 + h[2] * t}), t, 0, 5).removeO()
    assert same(restricted, reference)


@pytest.mark.parametrize("text, k, expected", [
    ("exp(x)", 4, "1 + x + x**2/2 + x**3/6 + x**4/24"),
    ("sin(x)", 7, "x - x**3/6 + x**5/120 - x**7/5040"),
    ("log(1 + x)", 4, "x - x**2/2 + x**3/3 - x**4/4"),
    ("1/(1 - x)", 4, "1 + x + x**2 + x**3 + x**4"),
    ("(1 + x)**(1/2)", 3, "1 + x/2 - x**2/8 + x**3/16"),
    ("atan(x)", 7, "x - x**3/3 + x**5/5 - x**7/7"),
    ("cos(x)", 0, "1"),
])
def test_known_series_text(text, k, expected):
    assert expand(text, order=k).text == expected


def test_text_is_in_powers_of_x_minus_a_and_reads_back():
    e = expand("exp(x)", at="1", order=2)
    assert e.text == "E + E*(x - 1) + E*(x - 1)**2/2"
    e = expand("x**2*y + exp(x)", at="1,2", order=2)
    assert same(parse_expression(e.text), e.polynomial)
    assert [d for d, _ in e.terms] == [0, 1, 2]


@pytest.mark.parametrize("text, at, k, expected", [
    ("1/sin(x)", "0", 3, 1 / x + x / 6 + 7 * x**3 / 360),
    ("1/x + 1 + x", "0", 0, 1 / x + 1),
    ("1/x + 1 + x", "0", -1, 1 / x),
    ("x**(-3/2)*exp(x)", "0", 3,
     x ** sp.Rational(-3, 2) + x ** sp.Rational(-1, 2) + sp.sqrt(x) / 2 + x ** sp.Rational(3, 2) / 6
     + x ** sp.Rational(5, 2) / 24),
    ("x + 1/x + 2/x**2", "oo", 1, x + 1 / x),
    ("atan(x)", "oo", 3, sp.pi / 2 - 1 / x + 1 / (3 * x**3)),
    ("sqrt(x + x**2)", "0", 2, sp.sqrt(x) + x ** sp.Rational(3, 2) / 2),
    ("acosh(x)", "1", 1, sp.sqrt(2) * sp.sqrt(x - 1)),
])
def test_laurent_puiseux_asymptotic(text, at, k, expected):
    e = expand(text, at=at, order=k)
    assert e.method == "series"
    assert same(e.polynomial, expected)


def test_puiseux_order_meaning_ends_at_five_halves():
    e = expand("x**(-3/2)*exp(x)", order=3)
    assert max(p[0] for p, _ in e.coefficients) == sp.Rational(5, 2)
    assert e.remainder() == "O(x**(7/2))"


def test_remainders():
    assert expand("exp(x)", order=4).remainder() == "O(x**5)"
    assert expand("exp(x)", at="1", order=2).remainder() == "O((x - 1)**3)"
    assert expand("exp(x*y)", order=2).remainder() == "O(|h|**3)"
    assert expand("atan(x)", at="oo", order=3).remainder() == "O(1/x**4)"


def test_not_analytic_multivariate_is_a_math_error():
    with pytest.raises(MathError, match="not analytic at x=0, y=1"):
        expand("log(x*y)", at="0,1", order=2)
    with pytest.raises(MathError, match="Abs"):
        expand("Abs(x) + y", at="0,0", order=2)


def test_kink_univariate_falls_back_or_fails_clearly():
    e = expand("sqrt(x)", order=2)
    assert e.method == "series" and same(e.polynomial, sp.sqrt(x))


def test_limits_and_bad_input():
    with pytest.raises(LimitError):
        expand("exp(x)", order=101)
    with pytest.raises(LimitError):
        expand("exp(x1+x2+x3+x4+x5+x6+x7+x8)", order=12)
    with pytest.raises(InputError):
        expand("exp(x)", order=2, degree="most")
    with pytest.raises(InputError):
        expand("exp(x*y)", at="oo,1", order=2)
    with pytest.raises(InputError):
        expand("exp(x)", order=2.5)  # type: ignore[arg-type]


# --- the command ------------------------------------------------------------------------------


def run(*args):
    result = CliRunner().invoke(cli, ["expand", *args])
    return result


def test_cli_issue_example():
    result = run("exp(x)", "--order", "4", "--at", "0")
    assert result.exit_code == 0 and result.stdout == "1 + x + x**2/2 + x**3/6 + x**4/24\n"


@pytest.mark.parametrize("fmt", ["table", "plain", "latex", "json"])
def test_cli_every_format(fmt):
    result = run("x**2*y + exp(x)", "--at", "1,2", "--terms", "--coeffs", "--remainder", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_cli_json_keys_and_values():
    result = run("x**2*y + exp(x)", "--at", "1,2", "-k", "2", "-f", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"expression", "variables", "at", "order", "degree", "polynomial", "terms",
                         "coefficients", "remainder", "kind", "side"}
    assert data["kind"] == "taylor" and data["side"] is None
    assert data["at"] == {"x": "1", "y": "2"} and data["order"] == 2 and data["degree"] == "total"
    assert same(parse_expression(data["polynomial"]), naive_taylor(x**2 * y + sp.exp(x), [x, y], (1, 2), 2))
    assert [t["power"] for t in data["terms"]] == [0, 1, 2]
    coefficients = {tuple(c["powers"]): c for c in data["coefficients"]}
    assert parse_expression(coefficients[(1, 1)]["value"]) == 2  # d2f/dxdy = 2x at x=1
    assert coefficients[(2, 0)]["numeric"] == pytest.approx(math.e / 2 + 2)
    assert data["remainder"] == "O(|h|**3)"


def test_cli_terms_and_remainder_plain():
    out = run("exp(x)", "-k", "2", "--terms", "--remainder").stdout.splitlines()
    assert out == ["1 + x + x**2/2 + O(x**3)", "degree 0 (f(a)): 1", "degree 1 (grad f(a)^T h): x",
                   "degree 2 (1/2 h^T H(a) h): x**2/2"]


def test_cli_at_infinity_and_degree_each():
    assert run("atan(x)", "--at", "oo", "-k", "3").stdout.strip() == "pi/2 - 1/x + 1/(3*x**3)"
    assert run("x*y + x**2*y**2", "-k", "2", "--degree", "each").stdout.strip() == "x*y + x**2*y**2"
    assert run("x*y + x**2*y**2", "-k", "2").stdout.strip() == "x*y"


def test_cli_errors():
    result = run("log(x*y)", "--at", "0,1")
    assert result.exit_code == 1 and result.stderr.startswith("taylor: error:") and "not analytic" in result.stderr
    result = run("exp(x)", "-k", "1000")
    assert result.exit_code == 2 and "too high" in result.stderr
    result = run("exp(x)", "--at", "oops")
    assert result.exit_code == 2


def test_cli_latex_remainder_is_balanced():
    out = run("exp(x)", "-k", "2", "--remainder", "-f", "latex").stdout.strip()
    assert out == r"1 + x + \frac{x^{2}}{2} + O\left(x^{3}\right)"
    assert out.count(r"\left(") == out.count(r"\right)")


def test_digamma_at_a_negative_rational_is_not_called_undefined():
    """SymEngine evaluates polygamma(0, -2/5) to zoo; the value is finite (0.9594...)."""
    import mpmath
    e = expand("gamma(x)*gamma(y)", at="-2/5,-2/5", order=1)
    x = e.variables[0]
    slope = [c for powers, c in e.coefficients if list(powers) == [1, 0]][0]
    want = mpmath.gamma(-0.4) ** 2 * mpmath.digamma(-0.4)
    assert abs(float(slope) - float(want)) < 1e-9 * abs(float(want))
    assert x.name == "x"
