"""Asymptotic series at oo and -oo by valuation (x = 1/t, x = -1/t) against SymPy's series and mpmath.

Where f(1/t) is a Laurent/Puiseux series in t the arithmetic of series/laurent.py reaches
(with atan at a pole giving +-pi/2 apart), ``expand`` at oo no longer calls SymPy's
``series``. The whole expansion (terms, order term, kind, labels, errors) must be the one
SymPy's route gives (singular._raw_by_valuation switched off); independently, the truncated
sum must approximate f at x = 10**3, 10**4 with an error that shrinks like 1/x**m, m the
order term's exponent (mpmath at 80 digits).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, X, max_examples, time_limit
from test_series_laurent import _outcome as _outcome_at  # the whole expansion, or the error, compared
from taylorcli import singular
from taylorcli.expansion import expand

CASES = ["atan(x)", "x/(x + 1)", "sqrt(x**2 + 1) - x", "exp(1/x)", "1/(x**2 + 1)", "sqrt(x)", "x**(1/3)/(x + 1)",
         "sin(1/x)*x", "x**2*(exp(1/x) - 1)", "(x + 1)**(1/3) - x**(1/3)", "2*atan(x) + 1/x", "atan(1/x)",
         "1/sqrt(x)", "sqrt(x**3 + x)", "x**3/(x**2 - 1)", "log(1 + 1/x)", "(1 + 1/x)**(3/2)", "tan(1/x)",
         "1/(x*sin(1/x))", "x - sqrt(x**2 - x)", "exp(x)", "log(x)", "atan(x)**2", "x*atan(x)"]


def _outcome(text: str, at: str, order: int) -> tuple | str:
    try:
        e = expand(text, "x", at, order)
    except Exception as error:  # noqa: BLE001 - the error is part of the outcome compared
        return f"{type(error).__name__}: {error}"
    return (e.coefficients, e.next_exponent, e.kind, e.side, e.side_note, e.reason, e.method, e.text)


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("at", ["oo", "-oo"])
def test_asymptotic_by_valuation_is_sympys_route(text: str, at: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for order in (0, 4):
        ours = _outcome(text, at, order)
        with monkeypatch.context() as m:
            m.setattr(singular, "_raw_by_valuation", lambda *args: None)
            with time_limit(60):
                expected = _outcome(text, at, order)
        assert ours == expected, (text, at, order)


@pytest.mark.parametrize("text, at", [("atan(x)", "oo"), ("x/(x + 1)", "oo"), ("sqrt(x**2 + 1) - x", "-oo"),
                                      ("x**2*(exp(1/x) - 1)", "-oo"), ("2*atan(x) + 1/x", "-oo")])
def test_the_arithmetic_did_it(text: str, at: str) -> None:
    a = sp.oo if at == "oo" else -sp.oo
    assert singular._raw_by_valuation(expand(text, "x", at, 3).expression, X, a, 3, "+") is not None


def _approximates(text: str, at: str, order: int) -> None:
    e = expand(text, "x", at, order)
    sign = 1 if at == "oo" else -1
    f = sp.lambdify(X, e.expression, "mpmath")
    mpmath.mp.dps = 80
    try:
        errors = []
        for big in (mpmath.mpf(10) ** 3, mpmath.mpf(10) ** 4):
            x = sign * big
            approximation = sum(sp.lambdify(X, c, "mpmath")(x) * (1 / big) ** mpmath.mpf(sp.Rational(p[0]))  # the base is 1/x at oo, -1/x at -oo
                                for p, c in e.coefficients)
            errors.append(abs(f(x) - approximation))
        m = float(e.next_exponent)
        # error ~ C / x**m: x ten times larger, error ~10**m times smaller (a wrong term: far less)
        assert errors[1] < errors[0] * mpmath.mpf(10) ** -(m - 0.5) or errors[1] < mpmath.mpf(10) ** -70, (text, at)
    finally:
        mpmath.mp.dps = 15


@pytest.mark.parametrize("text", ["atan(x)", "sqrt(x**2 + 1) - x", "x**2*(exp(1/x) - 1)", "2*atan(x) + 1/x",
                                  "(1 + 1/x)**(3/2)", "1/(x*sin(1/x))", "x - sqrt(x**2 - x)", "sin(1/x)*x"])
@pytest.mark.parametrize("at", ["oo", "-oo"])
def test_asymptotic_approximates_f(text: str, at: str) -> None:
    _approximates(text, at, 5)


def test_atan_of_something_going_to_minus_infinity() -> None:
    # x - x**2 -> -oo as x -> oo: atan -> -pi/2. SymPy 1.14's series says +pi/2 here
    # (series(atan(1/t - 1/t**2), t, 0, 3) with t > 0 gives pi/2 + t**2 + O(t**3)); mpmath agrees with us.
    e = expand("atan(x - x**2)", "x", "oo", 4)
    assert e.coefficients[0] == ((0,), -sp.pi / 2)
    _approximates("atan(x - x**2)", "oo", 4)


_NEAR_ZERO = (sp.sin, sp.tan, sp.atan, sp.sinh, lambda u: sp.exp(u) - 1, lambda u: sp.log(1 + u))


@st.composite
def at_infinity(draw: st.DrawFn) -> sp.Expr:
    """x**m g(c/x) + P(x)/Q(x) (+ atan of a polynomial): poles, roots and constants at infinity."""
    g = draw(st.sampled_from(_NEAR_ZERO))(draw(st.sampled_from([1, -2, sp.Rational(1, 3)])) / X)
    rational = draw(st.sampled_from([0, X / (X + 1), (X**2 + 1) / (2 * X - 3), 1 / (X**2 + X + 1)]))
    extra = draw(st.sampled_from([0, sp.atan(X), sp.atan(3 * X - X**2) / 2, sp.sqrt(X**2 + X) - X,
                                  (X**3 + 1) ** sp.Rational(1, 3)]))
    return X ** draw(st.integers(0, 2)) * g + rational + extra


@settings(max_examples=max_examples(15), **SETTINGS)
@given(at_infinity(), st.integers(0, 4), st.sampled_from([sp.oo, -sp.oo]))
def test_random_expressions_are_sympys_raw_series(expr: sp.Expr, order: int, a: sp.Expr) -> None:
    ours = singular._raw_by_valuation(expr, X, a, order, "+")
    if ours is None:
        return
    t = sp.Dummy("t", positive=True)
    fast, singular._raw_by_valuation = singular._raw_by_valuation, lambda *args: None
    try:
        with time_limit(60):
            expected = singular.raw_series(expr, X, a, order, "+", t)
    finally:
        singular._raw_by_valuation = fast
    if expr.has(sp.atan) and sp.sympify(ours.terms.get(0, 0) - expected.terms.get(0, 0)).has(sp.pi):
        # SymPy's series takes atan(u) -> +pi/2 where u -> -oo faster than 1/t (see above): mpmath decides
        text = str(expr)
        _approximates(text, "oo" if a == sp.oo else "-oo", order)
        return
    assert (ours.terms, ours.next_exponent, ours.real) == (expected.terms, expected.next_exponent, expected.real), \
        (expr, a, order)


@pytest.mark.parametrize("text, at", [("atan(1/x)", None), ("atan(1/(x - 1)) + x", "1"), ("atan(1/x) + atan(x)", None),
                                      ("atan(1/x**2)", None), ("atan(1/x) - atan(1/x**2)", None)])
def test_atan_at_a_pole_of_its_argument_is_sympys_route(text: str, at: str | None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # One-sided walks give atan(u) = +-pi/2 - atan(1/u) by the sign of u's leading term; a
    # two-sided one refuses it (atan(1/x) - atan(1/x**2): pi/2 - pi/2 for x > 0, -pi for x < 0).
    for side in (None, "+", "-"):
        ours = _outcome_at(text, at, 3, side)
        with monkeypatch.context() as m:
            m.setattr(singular, "_raw_by_valuation", lambda *args: None)
            expected = _outcome_at(text, at, 3, side)
        assert ours == expected, (text, side)


