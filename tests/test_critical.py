"""Critical points and their kinds against independent computations.

Where the points come from: sympy.solve / Poly.nroots of f' (not our search). Where the kinds
come from: f itself, sampled at 50 digits on both sides of the point (a minimum is below its
neighbours, an inflection between them), or a closed form checked by hand in a comment.
"""

from __future__ import annotations

import json

import mpmath
import numpy as np
import pytest
import sympy as sp
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from taylorcli.analysis import classify_point, critical_points
from taylorcli.cli import cli
from taylorcli.parse import parse_expression

x = sp.Symbol("x", real=True)
WILKINSON = "*".join(f"(x-{k})" for k in range(1, 21))
SCALED = "10^12*(x^2-2)^2*(x-3)^2*(x+1)^3"


def sampled_kind(f: sp.Expr, variable: sp.Symbol, at: float | sp.Expr, h: str = "1e-6") -> str:
    """The kind of a one-variable critical point read off f(a - h), f(a), f(a + h) at 50 digits."""
    with mpmath.workdps(50):
        a = mpmath.mpf(sp.N(at, 50)) if isinstance(at, sp.Basic) else mpmath.mpf(at)
        step = mpmath.mpf(h)
        values = [mpmath.mpf(sp.N(f.xreplace({variable: sp.Float(v, 50)}), 50)) for v in (a - step, a, a + step)]
    left, mid, right = values
    if left > mid and right > mid:
        return "local minimum"
    if left < mid and right < mid:
        return "local maximum"
    return "inflection point"


def derivative_roots(f: sp.Expr, variable: sp.Symbol) -> list[float]:
    """Real roots of f' by SymPy's numeric polynomial solver on its square-free part (distinct, ascending)."""
    roots = sp.Poly(sp.diff(f, variable), variable).sqf_part().nroots(n=30, maxsteps=200)
    real = sorted(float(sp.re(r)) for r in roots if abs(sp.im(r)) < 1e-12)
    distinct: list[float] = []
    for r in real:
        if not distinct or abs(r - distinct[-1]) > 1e-6 * max(1.0, abs(r)):
            distinct.append(r)
    return distinct


def test_wilkinson_all_nineteen_points_provably():
    f = parse_expression(WILKINSON)
    (var,) = f.free_symbols
    found = critical_points(f)
    assert found.complete and "real-root isolation" in found.method
    expected = derivative_roots(f, var)
    assert len(expected) == len(found) == 19
    for p, r in zip(found, expected):
        assert p.numeric[0] == pytest.approx(r, rel=1e-12, abs=1e-12)
        assert p.kind == sampled_kind(f, var, p.numeric[0])
    # f < 0 on (1, 2): the first point is a minimum, and kinds alternate.
    assert [p.kind for p in found] == ["local minimum", "local maximum"] * 9 + ["local minimum"]
    assert found[9].x[var] == sp.Rational(21, 2) and found[9].exact  # the symmetric one is exact


def test_scaled_high_multiplicity():
    f = parse_expression(SCALED)
    (var,) = f.free_symbols
    found = critical_points(f)
    assert found.complete
    # f' = 2*10**12 (x**2-2)(x-3)(x+1)**2 (9x**3 - 15x**2 - 22x + 14): seven distinct real roots.
    values = [complex(sp.N(r, 30)) for r in sp.solve(sp.diff(f, var), var)]  # radicals with I: casus irreducibilis
    expected = sorted(v.real for v in values if abs(v.imag) < 1e-12)
    assert [float(p.numeric[0]) for p in found] == pytest.approx(expected, abs=1e-12)
    by_value = {sp.nsimplify(p.x[var]) if p.exact else None: p for p in found}
    # -sqrt(2): (x+1)**3 < 0 there and f <= 0 nearby, so a maximum; sqrt(2) and 3: f >= 0 = f(a), minima.
    assert by_value[-sp.sqrt(2)].kind == "local maximum"
    assert by_value[sp.sqrt(2)].kind == "local minimum" and by_value[sp.Integer(3)].kind == "local minimum"
    assert by_value[sp.Integer(-1)].kind == "inflection point" and "not an extremum" in by_value[-1].note
    for p in found:
        assert p.kind == sampled_kind(f, var, p.x[var] if p.exact else p.numeric[0], h="1e-8")
    assert len({round(p.numeric[0], 9) for p in found}) == len(found) == 7  # no duplicates


def test_scaled_numeric_search_refines_and_recognizes():
    # exp(x/100) makes f' non-polynomial: the numeric search must still find the multiple root
    # at -1 once, and recognize -1, +-sqrt(2), 3 as exact.
    f = parse_expression(SCALED + "*exp(x/100)")
    (var,) = f.free_symbols
    found = critical_points(f)
    assert not found.complete and "[-5, 5]" in found.method
    polynomial_part = sp.Poly(sp.cancel(sp.diff(f, var) / sp.exp(var / 100)), var).sqf_part()
    expected = sorted(float(sp.re(r)) for r in polynomial_part.nroots(n=30) if abs(sp.im(r)) < 1e-12)
    expected = [r for r in expected if -5 <= r <= 5]
    assert [p.numeric[0] for p in found] == pytest.approx(expected, abs=1e-9)
    exact = {p.x[var] for p in found if p.exact}
    assert {-sp.sqrt(2), sp.sqrt(2), sp.Integer(-1), sp.Integer(3)} <= exact
    for p in found:
        assert p.kind == sampled_kind(f, var, p.x[var] if p.exact else p.numeric[0], h="1e-8")


@pytest.mark.parametrize("text, point, kind, words", [
    ("x**3", [0], "inflection point", "order 3"),       # f''' = 6
    ("sin(x) - x", [0], "inflection point", "order 3"),  # -x**3/6 + ...
    ("x**4", [0], "local minimum", "order 4"),
    ("-x**6", [0], "local maximum", "order 6"),
    ("cos(x) + x**2/2", [0], "local minimum", "order 4"),  # 1 + x**4/24 + ...
    ("x**2*y**2", [0, 0], "local minimum", "not necessarily strict"),  # >= 0 = f(0); the axes are minima too
    ("x**4 + y**4", [0, 0], "local minimum", "strict"),
    ("x**4 + x**2*y**2 + y**4", [0, 0], "local minimum", "strict"),  # >= (x**4 + y**4)/2 > 0
    ("(x - y)**2", [0, 0], "local minimum", "not necessarily strict"),
    ("x**4 - y**4", [0, 0], "saddle point", "not an extremum"),
    ("x**2 - y**4", [0, 0], "saddle point", "not an extremum"),   # along y: -y**4
    ("x**2 + y**3", [0, 0], "saddle point", "odd"),
    ("x*y*z", [0, 0, 0], "saddle point", "odd"),  # cubic, zero on every axis but not on (1, 1, +-1)
    ("x**3 - 3*x*y**2", [0, 0], "saddle point", "odd"),
    # Peano: f = (y - x**2)(y - 2 x**2) > 0 on every line through 0, yet < 0 on y = 3x**2/2:
    # on the curve where df/dy = 0, y = 3x**2/2, f = -x**4/4 while f_yy = 2 > 0 (splitting lemma).
    ("(y - x**2)*(y - 2*x**2)", [0, 0], "saddle point", "splitting lemma"),
    ("(y - x**2)**2 + x**6", [0, 0], "local minimum", "strict"),   # >= 0, and = 0 only at 0
    ("(y - x**2)**2 - x**6", [0, 0], "saddle point", "not an extremum"),  # -x**6 on y = x**2
    ("(y - x**2)**2 + x**5", [0, 0], "saddle point", "odd order 5"),
    ("(y - sin(x))**2 + x**4", [0, 0], "local minimum", "strict"),
    ("x**2 + y**2 + z**4 - x*y*z", [0, 0, 0], "local minimum", "strict"),  # df/dx = df/dy = 0 gives x = y = 0
    ("cos(x)*cosh(y) + x**2/2 - y**2/2", [0, 0], "saddle point", "indefinite"),  # 1 + (x^4 - 6x^2y^2 + y^4)/24
    # A saddle (f = -x**6 on y = 0, f = x**4 - x**6 on y = x), but its lowest term x**2*y**2 is only
    # semidefinite: no test here decides it, and the answer says so.
    ("x**2*y**2 - x**6", [0, 0], "degenerate", "undecided"),
])
def test_classify_decides_or_says_undecided(text, point, kind, words):
    p = classify_point(text, None, point)
    assert p.kind == kind and words in p.note, p.note


@pytest.mark.parametrize("text, point", [
    ("x**4 - y**4", (0, 0)), ("x**2 - y**4", (0, 0)), ("x**2 + y**3", (0, 0)), ("x*y*z", (0, 0, 0)),
])
def test_saddles_take_both_signs_nearby(text, point):
    f = parse_expression(text)
    symbols = sorted(f.free_symbols, key=lambda s: s.name)
    signs = set()
    for k in range(-3, 4):
        for m in range(-3, 4):
            h = [sp.Rational(k, 1000), sp.Rational(m, 1000), sp.Rational(k, 1000)][:len(symbols)]
            value = f.xreplace(dict(zip(symbols, [sp.Integer(c) + d for c, d in zip(point, h)])))
            signs.add(sp.sign(value))
    assert {1, -1} <= signs


def test_peano_and_friends_by_curves():
    # Independent of the splitting lemma: f on curves through 0, exactly.
    t = sp.Symbol("t", positive=True)
    x_, y_ = sp.symbols("x y", real=True)
    peano = (y_ - x_**2) * (y_ - 2 * x_**2)
    assert sp.simplify(peano.subs({x_: t, y_: 3 * t**2 / 2})) == -t**4 / 4
    assert sp.simplify(peano.subs({x_: 0, y_: t})) == t**2
    lowest = x_**2 * y_**2 - x_**6
    assert lowest.subs({x_: t, y_: 0}) < 0 and sp.factor(lowest.subs({x_: t, y_: t})) == -t**4 * (t - 1) * (t + 1)


def test_classify_at_an_irrational_root():
    # f' = x**2 - x - 1 vanishes at the golden ratio; f'' = 2x - 1 = sqrt(5) > 0 there.
    p = classify_point("x**3/3 - x**2/2 - x", None, {x: (1 + sp.sqrt(5)) / 2})
    assert p.kind == "local minimum" and p.exact


# hypothesis: products of (x - r)**m with small integer roots, checked against nroots and sampling.
@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(-4, 4), st.integers(1, 4)), min_size=1, max_size=4),
       st.sampled_from([1, -3, sp.Rational(1, 7), 10**9]))
def test_univariate_polynomials_complete_and_kinds_sampled(factors, scale):
    f = scale * sp.Mul(*[(x - r) ** m for r, m in factors])
    found = critical_points(f, [x])
    assert found.complete
    expected = derivative_roots(sp.expand(f), x)
    assert [p.numeric[0] for p in found] == pytest.approx(expected, abs=1e-6)
    for p in found:
        assert p.kind == sampled_kind(f, x, p.x[x] if p.exact else p.numeric[0], h="1e-4")


# --- the command --------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_cli_wilkinson_and_scaled():
    result = run("critical", WILKINSON, "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and len(data["points"]) == 19 and data["complete"] is True
    result = run("critical", SCALED, "-f", "plain")
    assert result.exit_code == 0
    assert "x=-1: inflection point" in result.stdout and "search complete" in result.stdout


def test_cli_says_when_the_search_is_incomplete():
    result = run("critical", "sin(x) + y**2", "-f", "plain")  # x = pi/2 + k pi: infinitely many
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines()[-1].startswith("search may be incomplete:")
    assert "[-5, 5]^2" in result.stdout
    data = json.loads(run("critical", "sin(x)*sin(y)", "--region", "-1:1", "-f", "json").stdout)
    assert data["complete"] is False and "numeric" in data["method"] and "[-1, 1]^2" in data["method"]
    table = run("critical", "sin(x)*sin(y)", "--region", "-1:1", "-f", "table").stdout
    assert "search may be incomplete" in table
    latex = run("critical", "sin(x)*sin(y)", "--region", "-1:1", "-f", "latex").stdout
    assert "% search may be incomplete" in latex


def test_cli_nothing_found_is_exit_1_unless_proved():
    result = run("critical", "exp(x) + y**2")
    assert result.exit_code == 1
    assert "no critical point found; the search is not exhaustive" in result.stderr
    result = run("critical", "x + 1", "-f", "plain")  # f' = 1: proved to have no root
    assert result.exit_code == 0 and "no critical points" in result.stdout and "search complete" in result.stdout


def test_cli_classify_inflection():
    result = run("classify", "x**3", "--at", "0", "-f", "json")
    (p,) = json.loads(result.stdout)["points"]
    assert result.exit_code == 0 and p["kind"] == "inflection point" and "not an extremum" in p["note"]
    assert "complete" not in json.loads(result.stdout)  # one given point: no search, no claim


def test_cli_whole_sets_of_critical_points_are_named_not_listed():
    # grad (x**2 + y**2 - 1)**2 = 0 on the unit circle and at the origin (a maximum, f = 1 > 0 = f on the circle).
    data = json.loads(run("critical", "(x**2+y**2-1)**2", "-f", "json").stdout)
    assert [(p["point"], p["kind"]) for p in data["points"]] == [({"x": "0", "y": "0"}, "local maximum")]
    assert data["complete"] is False and len(data["sets"]) == 2
    result = run("critical", "x**2*y", "-f", "plain")  # grad = (2xy, x**2): zero on the whole line x = 0
    assert result.exit_code == 0 and "no isolated critical points found" in result.stdout
    assert "x = 0" in result.stdout


def test_polynomial_systems_are_solved_completely_beyond_the_box():
    # grad = (4x(x**2 - 100), 2y): (0, 0), (+-10, 0), closed form; f_xx(0) = -400 < 0 < f_yy: a saddle.
    found = critical_points("(x**2 - 100)**2 + y**2")
    assert found.complete and "Groebner" in found.method
    assert [(p.kind, p.numeric) for p in found] == [("local minimum", [-10.0, 0.0]), ("saddle point", [0.0, 0.0]),
                                                    ("local minimum", [10.0, 0.0])]
    assert all(p.exact for p in found)


def test_himmelblau_complete_at_fifty_digits():
    f = parse_expression("(x**2+y-11)**2 + (x+y**2-7)**2")
    symbols = sorted(f.free_symbols, key=lambda s: s.name)
    found = critical_points(f)
    assert found.complete and len(found) == 9
    grad = [sp.diff(f, v) for v in symbols]
    for p in found:
        # Independent check: grad f at the printed point is zero to float accuracy, by exact arithmetic.
        at = {v: sp.Rational(c) for v, c in zip(symbols, p.numeric)}
        assert max(abs(float(g.xreplace(at))) for g in grad) < 1e-10


# --- property: decided kinds of random degenerate polynomial critical points hold on curves ----

X, Y = sp.symbols("x y", real=True)
MONOMIALS = [(i, d - i) for d in range(2, 7) for i in range(d + 1)]


def _curve_values(f: sp.Expr) -> set[int]:
    """Signs of f on curves y = a x**k and x = a y**k (k <= 4) through 0 (exact rationals, small t).

    The splitting lemma's curves are x = w(y) with w a power series; for x**2 + x*y**3 it is
    x = -y**3/2, where f = -y**6/4 < 0.
    """
    signs = set()
    for t in (sp.Rational(1, 100), sp.Rational(-1, 100), sp.Rational(1, 1000), sp.Rational(-1, 1000)):
        for a in [sp.Rational(k, 2) for k in range(-6, 7)]:
            for point in [(t, a * t**k) for k in (1, 2, 3, 4)] + [(a * t**k, t) for k in (1, 2, 3, 4)]:
                signs.add(int(sp.sign(f.xreplace({X: point[0], Y: point[1]}))))
    # Valleys and ridges: fix one variable at t, solve df/d(other) = 0 near 0 numerically (mpmath).
    with mpmath.workdps(60):
        for fixed, free in ((X, Y), (Y, X)):
            dfree = sp.lambdify((fixed, free), sp.diff(f, free), "mpmath")
            value = sp.lambdify((fixed, free), f, "mpmath")
            for t in ("0.01", "-0.01", "0.001", "-0.001"):
                try:
                    other = mpmath.findroot(lambda v: dfree(mpmath.mpf(t), v), mpmath.mpf(0))
                except (ValueError, ZeroDivisionError):
                    continue
                if abs(other) < 0.1:
                    v = value(mpmath.mpf(t), other)
                    if abs(v) > mpmath.mpf(10) ** -50:
                        signs.add(1 if v > 0 else -1)
    return signs


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(MONOMIALS), st.integers(-3, 3)), min_size=1, max_size=5))
def test_decided_kinds_hold_on_curves(terms):
    f = sp.Add(*[c * X**i * Y**j for (i, j), c in terms])
    if f == 0 or not f.free_symbols >= {X, Y}:
        return
    p = classify_point(f, [X, Y], [0, 0])
    signs = _curve_values(f)  # f(0) = 0: compare signs with 0
    if p.kind == "local minimum":
        assert -1 not in signs, p.note
    elif p.kind == "local maximum":
        assert 1 not in signs, p.note
    elif p.kind == "saddle point":
        assert {1, -1} <= signs, p.note
    else:
        assert p.kind == "degenerate" and p.note.startswith("undecided"), p.note


def test_polynomial_system_against_resultants():
    # Independent: the y-coordinates of the real critical points are real roots of the resultant
    # of the two gradient components in x, and each has a real x with both components zero.
    f = parse_expression("x**4 + y**4 - 4*x*y + x**2*y - y**3")
    xs, ys = sorted(f.free_symbols, key=lambda s: s.name)
    found = critical_points(f)
    assert found.complete
    gx, gy = sp.diff(f, xs), sp.diff(f, ys)
    resultant = sp.Poly(sp.resultant(gx, gy, xs), ys)
    ys_expected = []
    for r in resultant.sqf_part().nroots(n=30):
        if abs(sp.im(r)) < 1e-20:
            coefficients = [float(c) for c in sp.Poly(gx.subs(ys, sp.re(r)), xs).all_coeffs()]
            xs_real = [c.real for c in np.roots(coefficients) if abs(c.imag) < 1e-7]
            if any(abs(float(gy.subs({xs: c, ys: sp.re(r)}))) < 1e-6 for c in xs_real):
                ys_expected.append(float(sp.re(r)))
    assert sorted(p.numeric[1] for p in found) == pytest.approx(sorted(ys_expected), abs=1e-12)
