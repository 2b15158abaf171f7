"""erf(g(c)) and exp(r*g(c)**n) built unevaluated by constants.leaf are SymPy's own conversions
(after clear_cache), and expansions whose coefficients hold them are the full path's and the
derivative engine's very objects."""

from __future__ import annotations

import symengine as se
import sympy as sp
from hypothesis import HealthCheck, given, settings, strategies as st

from taylorcli.constants import leaf
from test_series_onevar_constants import _compare, _same_object

_INNER = [se.sin, se.cos, se.tan, se.atan, se.sinh, se.cosh, se.exp, se.erf]
rationals = st.fractions(min_value=-5, max_value=5, max_denominator=7).filter(lambda q: q != 0)


def _q(q: object) -> se.Expr:
    return se.Rational(q.numerator, q.denominator)


def _check(value: se.Expr) -> None:
    got = leaf(value)
    sp.core.cache.clear_cache()
    want = value._sympy_()
    if got is None:
        return
    _same_object(got, want)
    assert getattr(got, "nargs", None) == getattr(want, "nargs", None)
    for fact in ("real", "positive", "zero", "finite"):
        assert getattr(got, f"is_{fact}") == getattr(want, f"is_{fact}")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_INNER), rationals)
def test_erf_of_a_function_of_a_rational_is_sympys_own(g: object, q: object) -> None:
    _check(se.erf(g(_q(q))))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_INNER), rationals, rationals, st.integers(1, 4))
def test_exp_of_a_multiple_of_a_power_is_sympys_own(g: object, q: object, r: object, n: int) -> None:
    _check(se.exp(_q(r) * g(_q(q)) ** n))


def test_the_shapes_are_built_here() -> None:
    q = se.Rational(2, 3)
    assert leaf(se.erf(se.atan(q))) is not None and leaf(se.exp(-se.atan(q) ** 2)) is not None
    assert leaf(se.exp(-3 * se.log(2) ** 2)) is None  # a log: left to SymPy


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["erf(atan(x + {a})) * cos(x)", "erf(sin(x + {a}))", "exp(erf(x + {a}))",
                        "erf(atan(x + {a})) + erf(atan(-x - {a}))", "erf(cosh(x)) * sin(x + {a})"]),
       rationals, rationals, st.integers(1, 3))
def test_expansions_are_the_derivative_engines(shape: str, a: object, at: object, order: int) -> None:
    _compare(shape.format(a=f"({a})"), str(at), order, derivatives=True)


def test_the_slow_case_takes_the_lean_path() -> None:
    assert _compare("erf(atan(x + 1)) * cos(x)", "-1/3", 3, derivatives=True)
    assert _compare("exp(erf(x + 2))", "-1/2", 3, derivatives=True)


@settings(max_examples=20, deadline=None)
@given(st.integers(-6, 6))
def test_integer_powers_of_pi_are_sympys_own(n: int) -> None:
    _check(se.pi ** n)
    if n not in (0, 1):
        assert leaf(se.pi ** n) is not None


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["exp(erf(2*x))", "erf(x) ** 2 + erf(3*x)", "exp(-erf(x)) * cos(x)"]), st.integers(1, 5))
def test_expansions_with_powers_of_pi_are_the_derivative_engines(text: str, order: int) -> None:
    _compare(text, None, order, derivatives=True)
