"""Laurent series by valuation (taylorcli/series/laurent.py) against SymPy's series and mpmath.

Where f has a pole or a removable singularity at a rational point and its Laurent
coefficients are rational, ``expand`` computes them by truncated series arithmetic
instead of SymPy's ``series``. The result must be the expansion SymPy's route
(``singular.series``, two one-sided series compared) gives: same terms, same order
term, same kind. Independently, the truncated sum must approximate f at 50 digits
with an error that shrinks like h**(order + 1) (mpmath at 90 digits).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, X, max_examples, time_limit
from taylorcli.expansion import expand
from taylorcli.series import Unsupported
from taylorcli.series.laurent import laurent
from taylorcli.singular import series as sympy_route

CASES = ["1/sin(x)", "cot(x)", "csc(x)**2", "x/(exp(x) - 1)", "sinh(x)/x", "1/(x**2*cos(x))",
         "1/(1 - cos(x))", "(exp(x) - 1)/x**2", "tan(x)/x**4", "1/(sin(x) - x)", "log(1 + x)/x**3",
         "1/x**3 + exp(x)", "exp(sin(x))/(x*atan(x))"]


def _mp(expr: sp.Expr, h: mpmath.mpf) -> mpmath.mpf:
    return sp.lambdify(X, expr, "mpmath")(h)


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("order", [0, 5])
def test_laurent_is_sympys_series(text: str, order: int) -> None:
    e = expand(text, "x", None, order)
    with time_limit(60):
        expected = sympy_route(e.expression, e.variables[0], sp.Integer(0), order)
    assert [((p,), c) for p, c in expected.items] == e.coefficients
    assert (e.next_exponent, e.kind, e.side, e.method) == (expected.next_exponent, expected.kind, None, "series")
    # and the arithmetic did it (SymPy's route would take 20-700 ms)
    assert laurent(e.expression, e.variables[0], sp.Integer(0), order) == expected.items


@pytest.mark.parametrize("text", CASES)
def test_laurent_approximates_f(text: str) -> None:
    order = 6
    e = expand(text, "x", None, order)
    mpmath.mp.dps = 90  # 1 - cos(h) at h = 1e-4 cancels 8 digits
    try:
        errors = []
        for h in (mpmath.mpf("1e-3"), mpmath.mpf("1e-4")):
            approximation = sum(mpmath.mpf(int(c.p)) / int(c.q) * h ** int(p[0]) for p, c in e.coefficients)
            errors.append(abs(_mp(e.expression, h) - approximation))
        # error ~ C h**7: a tenfold smaller h gives ~10**7 smaller error (a missing term: far less)
        assert errors[1] < errors[0] * mpmath.mpf(10) ** -6 or errors[1] < mpmath.mpf(10) ** -60
    finally:
        mpmath.mp.dps = 15


@pytest.mark.parametrize("text, at", [("1/(x - 1)**2 + 1/x", "1"), ("x/(x**2 - 4)", "2"), ("1/tan(x - 1/2)", "1/2")])
def test_poles_at_rational_points(text: str, at: str) -> None:
    e = expand(text, "x", at, 4)
    a = sp.Rational(at)
    expected = sympy_route(e.expression, e.variables[0], a, 4)
    assert [((p,), c) for p, c in expected.items] == e.coefficients and e.kind == expected.kind == "laurent"


@pytest.mark.parametrize("text", ["1/sin(x)**(1/2)", "exp(1/x)", "sqrt(x + x**2)", "log(x)", "1/(x + sqrt(2)*x**2)"])
def test_what_the_valuation_cannot_reach_is_sympys(text: str) -> None:
    from taylorcli.parse import parse_expression
    with pytest.raises(Unsupported):
        laurent(parse_expression(text), X, sp.Integer(0), 3)


_ZERO_AT_0 = (sp.sin, sp.tan, sp.sinh, sp.atan, sp.asin, sp.tanh, lambda u: sp.exp(u) - 1, lambda u: sp.log(1 + u))


@st.composite
def quotients(draw: st.DrawFn) -> sp.Expr:
    """g(x)**m / h(x)**n with g, h vanishing at 0: poles and removable singularities."""
    f1, f2 = draw(st.sampled_from(_ZERO_AT_0)), draw(st.sampled_from(_ZERO_AT_0))
    c = draw(st.sampled_from([1, 2, sp.Rational(1, 2), -3]))
    top = f1(c * X) ** draw(st.integers(0, 2)) + draw(st.sampled_from([0, 1, X]))
    return top / f2(X) ** draw(st.integers(1, 3))


@settings(max_examples=max_examples(12), **SETTINGS)
@given(quotients(), st.integers(0, 4))
def test_random_quotients_are_sympys_series(expr: sp.Expr, order: int) -> None:
    try:
        ours = laurent(expr, X, sp.Integer(0), order)
    except Unsupported:
        return
    with time_limit(60):
        expected = sympy_route(expr, X, sp.Integer(0), order)
    assert ours == expected.items, expr


PUISEUX = ["sqrt(x + x**2)", "sqrt(x)*exp(x)", "sqrt(sin(x))", "(x + x**2)**(2/3)", "sqrt(x**2 + x**3)",
           "sqrt(x)", "1/sqrt(x) + x", "sqrt(x)/sin(x)**2", "x**(1/3)*cos(x)", "sqrt(4*x + x**2)/(1 + sqrt(x))",
           "sqrt(-x)*exp(x)", "sqrt(-x - x**2)*sqrt(-x)", "sqrt((x - 1)**3)", "1/(x - 1) + sqrt(x - 1)", "abs(x)"]


def _outcome(text: str, at: str | None, order: int, side: str | None) -> tuple | str:
    try:
        e = expand(text, "x", at, order, side=side)
    except Exception as error:  # noqa: BLE001 - the error is part of the outcome compared
        return f"{type(error).__name__}: {error}"
    return (e.coefficients, e.next_exponent, e.kind, e.side, e.side_note, e.reason, e.method, e.text)


@pytest.mark.parametrize("text", PUISEUX)
def test_puiseux_by_valuation_is_sympys_route(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole expansion (terms, order term, kind, side and why, errors) with the valuation
    # arithmetic and with SymPy's series alone (singular._raw_by_valuation switched off).
    from taylorcli import singular
    at = "1" if "x - 1" in text else None
    for order in (0, 3):
        for side in (None, "+", "-"):
            ours = _outcome(text, at, order, side)
            with monkeypatch.context() as m:
                m.setattr(singular, "_raw_by_valuation", lambda *args: None)
                with time_limit(60):
                    expected = _outcome(text, at, order, side)
            assert ours == expected, (text, order, side)


@st.composite
def radicals(draw: st.DrawFn) -> sp.Expr:
    """g(x)**r * h(x) with g vanishing at 0: branch points, one-sided or not real on a side."""
    g = draw(st.sampled_from(_ZERO_AT_0))(draw(st.sampled_from([1, -1, 2])) * X) + draw(st.sampled_from([0, X**2, -X**3]))
    r = draw(st.sampled_from([sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(-1, 2),
                              sp.Rational(3, 2)]))
    h = draw(st.sampled_from([sp.Integer(1), sp.exp(X), 1 + X, sp.cos(X)]))
    return g ** r * h


@settings(max_examples=max_examples(15), **SETTINGS)
@given(radicals(), st.integers(0, 3), st.sampled_from("+-"))
def test_random_radicals_are_sympys_raw_series(expr: sp.Expr, order: int, side: str) -> None:
    from taylorcli import singular
    t = sp.Dummy("t", positive=True)
    ours = singular._raw_by_valuation(expr, X, sp.Integer(0), order, side)
    if ours is None:
        return
    fast, singular._raw_by_valuation = singular._raw_by_valuation, lambda *args: None
    try:
        with time_limit(60):
            expected = singular.raw_series(expr, X, sp.Integer(0), order, side, t)
    finally:
        singular._raw_by_valuation = fast
    assert ours.real == expected.real, (expr, side)
    if ours.real:
        assert (ours.terms, ours.next_exponent) == (expected.terms, expected.next_exponent), (expr, side, order)
