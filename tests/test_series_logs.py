"""log(t) terms and exact constants by valuation (taylorcli/series/logseries.py) against SymPy's series and mpmath.

x**2*log(x) at 0+, log(sin(x)), x**x, x*atan(x) at oo, 1/(x + sqrt(2)*x**2): series whose
terms hold log(t) or an irrational constant used to go to SymPy's ``series``. The whole
expansion (terms, order term, kind, side and why, errors) must be the one SymPy's route gives
(singular._raw_by_valuation switched off), and the arithmetic must have done it; independently,
the truncated sum must approximate f beside the point (mpmath at 90 digits) with an error that
shrinks like h**m (times powers of log h), m the order term's exponent.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, A, B, X, Slow, max_examples, time_limit
from test_series_laurent import _outcome
from taylorcli import singular
from taylorcli.expansion import expand
from taylorcli.series import Unsupported
from taylorcli.series.logseries import by_valuation, log_puiseux
from taylorcli.parse import parse_expression

# (text, point, side): the brief's cases first, then logs with constants, roots, exact constants
CASES = [("x**2*log(x)", None, None), ("x*log(x) + sin(x)", None, "+"), ("log(x)*exp(x)", None, "+"),
         ("x*atan(x)", "oo", None), ("1/(x + sqrt(2)*x**2)", None, None), ("log(sin(x))", None, "+"),
         ("x**x", None, "+"), ("1/(1 + x*log(x))", None, "+"), ("log(2*x)*(1 + x)", None, "+"),
         ("log(4*x)", None, "+"), ("log(x/6)**2", None, "+"), ("sqrt(x)*log(x)", None, None),
         ("log(sqrt(x) + x)", None, "+"), ("log(1 - cos(x))", None, "+"), ("log(x)", "oo", None),
         ("log(x)/x", "-oo", None), ("log(x**3 + x)*atan(x)", "oo", None), ("x**2*log(x**2)", None, "-"),
         ("log(x - 1)*(x - 1)", "1", "+"), ("1/sin(sqrt(2)*x)", None, None), ("1/sin(pi*x)", None, "-"),
         ("exp(pi*x)/x**2", None, None), ("(E - 3)/(x + x**3)", None, None), ("cot(sqrt(3)*x) - log(x)", None, "+"),
         ("x*atan(x)**2", "oo", None), ("sqrt(2)*sqrt(x)/tan(x)", None, "+"), ("exp(x + 1)/x", None, None),
         ("cos(x + pi/3)/x**2", None, None), ("sin(1 + x)*log(x)", None, "+"), ("cosh(x + sqrt(2))/sin(x)", None, None),
         ("x**2*sin(2 + 1/x)", "oo", None), ("log(x)*exp(x)", None, "-"), ("1/(pi*x - x**2)", None, None),
         ("x**(x**2)", None, "+"), ("(x + 1)**x", None, None), ("-log(-x)/7", None, "-"),
         # parameters (real symbols, not variables): formal constants like pi
         ("a*x**2*log(x)", None, "+"), ("log(x)*exp(a*x)", None, "+"), ("a*x*atan(x)", "oo", None),
         ("1/(x + a*x**2)", None, None), ("a/sin(x) + b*log(x)", None, "+"), ("cos(a + x)/x", None, None),
         ("1/(a*x + x**2)", None, None), ("(a + b)*x*log(x)", None, "+"), ("log(x)*(a + x)**2", None, "+"),
         # a log(t) lead: 1/log(t) in the coefficients
         ("exp(x)/log(x)", None, "+"), ("1/(x*log(x) + x**2)", None, "+"), ("sqrt(x)/log(x)**2", None, "+")]


@pytest.mark.parametrize("text, at, side", CASES)
def test_logs_and_constants_are_sympys_route(text: str, at: str | None, side: str | None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for order in (0, 8) if len(text) < 12 else (3,):
        ours = _outcome(text, at, order, side)
        with monkeypatch.context() as m:
            m.setattr(singular, "_raw_by_valuation", lambda *args: None)
            with time_limit(60):
                expected = _outcome(text, at, order, side)
        assert ours == expected, (text, order, side)


@pytest.mark.parametrize("text, at, side", [c for c in CASES if "-" not in (c[1] or "") + (c[2] or "") or "log" not in c[0]])
def test_the_arithmetic_did_it(text: str, at: str | None, side: str | None) -> None:
    t = sp.Dummy("t", positive=True)
    g = parse_expression(text)
    a = sp.Integer(0) if at in (None, "oo", "-oo") else sp.Rational(at)
    if at in ("oo", "-oo"):
        g = g.xreplace({X: (1 if at == "oo" else -1) / X})
    by_valuation(g, X, a, 4, side or "+", t)  # no Unsupported


def _approximates(text: str, at: str | None, side: str, order: int) -> None:
    """|f - S| at h = 1e-6 and 1e-7 beside the point: the ratio is ~10**-m up to powers of log(h)."""
    e = expand(text, "x", at, order, side=side if at not in ("oo", "-oo") else None)
    values = {A: sp.Rational(-7, 3), B: sp.sqrt(2)}  # the parameters, if any
    f = sp.lambdify(X, e.expression.xreplace(values), "mpmath")
    mpmath.mp.dps = 90
    try:
        errors = []
        for h in (mpmath.mpf("1e-6"), mpmath.mpf("1e-7")):  # log(h)**7 changes by (16.1/13.8)**7 only
            if at in ("oo", "-oo"):
                x = 1 / h if at == "oo" else -1 / h
                base = h
            else:
                a = mpmath.mpf(sp.Rational(at or 0))
                x = a + h if side == "+" else a - h
                base = x - a
            approximation = sum(sp.lambdify(X, c.xreplace(values), "mpmath")(x) * base ** mpmath.mpf(sp.Rational(p[0]))
                                for p, c in e.coefficients)
            errors.append(abs(f(x) - approximation))
        m = float(e.next_exponent)
        assert errors[1] < errors[0] * mpmath.mpf(10) ** -(m - 0.6) or errors[1] < mpmath.mpf(10) ** -80, \
            (text, side, errors)
    finally:
        mpmath.mp.dps = 15


@pytest.mark.parametrize("text, at, side", [c for c in CASES if "- 1" not in c[0] and "-oo" != c[1]])
@pytest.mark.parametrize("order", [1, 6])
def test_the_series_approximates_f(text: str, at: str | None, side: str | None, order: int) -> None:
    if "log" in text and side is None and at is None:
        side = "+"
    if side == "-" and "log" in text and "-x" not in text and "x**2" not in text:
        pytest.skip("not real for x < 0")
    _approximates(text, at, side or "+", order)


def test_what_sympys_series_cannot_do() -> None:
    # SymPy 1.14: series(sin(t*log(t)), t, 0, 4) raises 'Cannot expand sin(_t*log(_t)) around 0';
    # the arithmetic gives t log t - (t log t)**3/6: checked against mpmath only
    t = sp.Dummy("t", positive=True)
    terms, next_exponent = log_puiseux(sp.sin(X * sp.log(X)), X, sp.Integer(0), 3, "+", t)
    assert terms == {1: sp.log(t), 3: -sp.log(t) ** 3 / 6} and next_exponent == 4
    _approximates("sin(x*log(x))", None, "+", 5)


@pytest.mark.parametrize("text", ["1/(1 + log(x))", "log(log(1/x))", "sqrt(log(1/x))", "x**pi", "x**sqrt(2)*exp(x)", "1/sin(pi*x/4 + x)",
                                  "x**(1 + x)", "gamma(x)*log(x)", "atan(x*log(x) + 1/x)"])
def test_what_the_valuation_cannot_reach_is_sympys(text: str) -> None:
    t = sp.Dummy("t", positive=True)
    with pytest.raises(Unsupported):
        by_valuation(parse_expression(text), X, sp.Integer(0), 3, "+", t)


def test_pi_x_over_4_plus_x_has_a_laurent_series() -> None:
    # SymPy's expanded series holds 1/(pi*t/4 + t) (expand distributes t into the denominator):
    # that term is c*t**-1, not an essential singularity
    e = expand("1/sin(pi*x/4 + x)", "x", None, 3)
    assert e.coefficients[0] == ((-1,), 1 / (1 + sp.pi / 4)) and e.kind == "laurent"
    _approximates("1/sin(pi*x/4 + x)", None, "+", 3)
    _approximates("1/sin(pi*x/4 + x)", None, "-", 3)


_NEAR_ZERO = (sp.sin, sp.tan, sp.atan, sp.sinh, lambda u: sp.exp(u) - 1, lambda u: sp.log(1 + u), lambda u: u)
_CONSTANTS = (sp.Integer(1), sp.Integer(-3), sp.Rational(1, 2), sp.sqrt(2), sp.pi / 4, sp.E - 3, -sp.log(2))


@st.composite
def with_logs(draw: st.DrawFn) -> sp.Expr:
    """c1 g(c2 x)**m log(h(x))**j + P(x) (maybe x**x or 1/(1 + x log x)): log(t) terms and constants."""
    g = draw(st.sampled_from(_NEAR_ZERO))(draw(st.sampled_from(_CONSTANTS)) * X)
    h = draw(st.sampled_from(_NEAR_ZERO))(draw(st.sampled_from([1, 2, sp.Rational(1, 3)])) * X)
    first = draw(st.sampled_from(_CONSTANTS)) * g ** draw(st.integers(-1, 2)) * sp.log(h) ** draw(st.integers(0, 1))
    rest = draw(st.sampled_from([0, X, X**X, 1 / (1 + X * sp.log(X)), sp.exp(X), sp.sqrt(X), sp.cos(X) / X]))
    return first + rest


@settings(max_examples=max_examples(8), **SETTINGS)
@given(with_logs(), st.integers(0, 5))
def test_random_logs_are_sympys_raw_series(expr: sp.Expr, order: int) -> None:
    t = sp.Dummy("t", positive=True)
    ours = singular._raw_by_valuation(expr, X, sp.Integer(0), order, "+", t)
    if ours is None:
        return
    fast, singular._raw_by_valuation = singular._raw_by_valuation, lambda *args: None
    try:
        with time_limit(3):
            expected = singular.raw_series(expr, X, sp.Integer(0), order, "+", t)
    except Slow:
        sp.core.cache.clear_cache()  # (an interrupted SymPy call can leave its caches half-written)
        return
    except singular.MathError:
        return  # SymPy's series has none (sin(t log t)) or takes too long: mpmath is the judge (above)
    finally:
        singular._raw_by_valuation = fast
    assert (list(ours.terms), ours.next_exponent, ours.real) == \
        (list(expected.terms), expected.next_exponent, expected.real), (expr, order)
    for e, c in ours.terms.items():
        theirs = expected.terms[e]
        if c != theirs:
            # SymPy's series sometimes leaves a coefficient that is no polynomial in log(t) (a sum
            # over 54*log(t) - 54*log(3)); ours is the expanded polynomial: equal in value
            assert not theirs.is_polynomial(sp.log(t)), (expr, order, e)
            for value in (sp.Rational(1, 7), sp.Rational(1, 1000)):
                difference = sp.N((c - theirs).xreplace({t: value}), 40)
                assert abs(difference) < sp.Float("1e-30") * (1 + abs(sp.N(c.xreplace({t: value})))), (expr, e)


NEGATIVE = [("x**3/(x**2 - 1)", "oo"), ("x**3/(x**2 - 1)", "-oo"), ("x**2*atan(x)", "oo"), ("x**4 + x", "oo"),
            ("sqrt(x**5 + 1)", "oo"), ("x**3*log(x)", "oo"), ("1/x**3 + exp(x)", None), ("1/sin(x)**3", None),
            ("x**3*log(1 + 1/x)", "oo"), ("cot(x)**2", None), ("log(x)/x**4", None), ("sqrt(2)/sin(x)**5", None)]


@pytest.mark.parametrize("text, at", NEGATIVE)
def test_negative_orders(text: str, at: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Order -1 is SymPy's series(g, t, 0, 0): the same whole expansion. Below, SymPy's series
    # refuses (n must be >= 0); the arithmetic's terms are the order -1 series' terms of exponent
    # <= order, its order term the next exponent there (else order + 1).
    side = "+" if "log(x)/" in text else None
    ours = _outcome(text, at, -1, side)
    with monkeypatch.context() as m:
        m.setattr(singular, "_raw_by_valuation", lambda *args: None)
        assert ours == _outcome(text, at, -1, side), text
    t = sp.Dummy("t", positive=True)
    expr = parse_expression(text)
    a = sp.Integer(0) if at is None else sp.oo if at == "oo" else -sp.oo
    with monkeypatch.context() as m:
        m.setattr(singular, "_raw_by_valuation", lambda *args: None)
        reference = singular.raw_series(expr, X, a, -1, "+", t)
    for order in (-2, -3, -5):
        raw = singular.raw_series(expr, X, a, order, "+", t)
        assert raw.terms == {e: c for e, c in reference.terms.items() if e <= order}, (text, order)
        above = [e for e in reference.terms if order < e < order + 1]
        assert raw.next_exponent == min(above + [sp.Integer(order + 1)]), (text, order)
        e = expand(text, "x", at, order, side=side)
        assert e.next_exponent == raw.next_exponent


@pytest.mark.parametrize("text, first", [("log(2)/x", sp.log(2)), ("1/(x**2 + x*(log(2) + 2))", 1 / (sp.log(2) + 2)),
                                         ("1/(x**2 + x*(1 + pi))", 1 / (1 + sp.pi))])
def test_a_constant_log_or_a_sum_leading_is_two_sided(text: str, first: sp.Expr) -> None:
    # log(2) in a coefficient is no log(t): the two sides are one Laurent series (they were called
    # different), and its coefficients are left as SymPy's series gives them (not log(16) by simplify)
    e = expand(text, "x", None, 2)
    assert e.side is None and e.kind == "laurent" and e.coefficients[0] == ((-1,), first)
    assert "log(16)" not in e.text
    for side in "+-":
        _approximates(text, None, side, 2)
