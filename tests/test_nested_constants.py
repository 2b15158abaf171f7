"""One variable at a point, nested functions whose values are irrational (exp(erf(...)), exp(sinh(x))
at 1, cosh(sinh(2*x)) at 2 ...): the constants built here (constants.leaf's exp of a sum, powers of
pi) are SymPy's own conversions after clear_cache, and the expansions are the derivative engine's
very objects (never our own output pasted back)."""

from __future__ import annotations

import pytest
import symengine as se
import sympy as sp
from hypothesis import HealthCheck, given, settings, strategies as st

from same_object import onevar_is_the_full_path
from taylorcli.constants import leaf, shared
from test_series_onevar_constants import _compare, _same_object

_INNER = [se.sin, se.cos, se.tan, se.atan, se.sinh, se.cosh, se.exp, se.erf]
rationals = st.fractions(min_value=-5, max_value=5, max_denominator=7).filter(lambda q: q != 0)
points = st.fractions(min_value=-3, max_value=3, max_denominator=5)


def _q(q: object) -> se.Expr:
    return se.Rational(q.numerator, q.denominator)


def _check(value: se.Expr) -> object:
    """leaf(value) is None or SymPy's own conversion of ``value`` after clear_cache (object, nargs, facts)."""
    with shared():
        got = leaf(value)
    sp.core.cache.clear_cache()
    want = value._sympy_()
    if got is None:
        return None
    _same_object(got, want)
    assert getattr(got, "nargs", None) == getattr(want, "nargs", None)
    for fact in ("real", "positive", "zero", "finite"):
        assert getattr(got, f"is_{fact}") == getattr(want, f"is_{fact}")
    return got


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_INNER), rationals, rationals, st.integers(1, 3)), min_size=1, max_size=3),
       st.one_of(st.just(None), rationals))
def test_exp_of_a_sum_is_sympys_own(terms: list, r: object) -> None:
    total = se.Integer(0) if r is None else _q(r)
    for g, q, c, n in terms:
        total = total + _q(c) * g(_q(q)) ** n
    _check(se.exp(total))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_INNER), st.sampled_from(_INNER), rationals, rationals)
def test_exp_of_a_nested_sum_is_sympys_own(f: object, g: object, q: object, r: object) -> None:
    _check(se.exp(_q(r) + f(g(_q(q)))))
    _check(se.exp(-f(g(_q(q))) - _q(r) * g(_q(q)) ** 2))
    _check(se.exp(f(g(_q(q)))))
    _check(se.exp(g(_q(q))))
    _check(se.exp(g(_q(q)) ** 2))
    _check(se.exp(_q(r) * se.E + g(_q(q))))
    _check(se.exp(se.E + _q(r)))
    _check(se.exp(g(se.E) + _q(r)))
    _check(se.exp(se.E))


def test_the_shapes_are_built_here() -> None:
    assert leaf(se.exp(-9 - se.erf(3))) is not None
    assert leaf(se.exp(se.Rational(-1, 2) + se.erf(1) + 2 * se.sin(3) ** 2)) is not None
    assert leaf(se.exp(se.sinh(1))) is not None and leaf(se.exp(se.sin(2) ** 2)) is not None
    assert leaf(se.exp(2 + se.log(3))) is None  # a log: exp.eval takes it out; SymPy decides
    assert leaf(se.exp(2 + se.pi)) is None
    assert leaf(se.exp(2 + se.sin(se.sqrt(2)))) is None


@settings(max_examples=30, deadline=None)
@given(st.integers(-9, 9), st.integers(1, 5))
def test_rational_powers_of_pi_are_sympys_own(p: int, q: int) -> None:
    _check(se.pi ** se.Rational(p, q))
    if q == 2 and p % 2:
        assert leaf(se.pi ** se.Rational(p, q)) is not None  # pi**(-3/2): erf's 1/sqrt(pi) cubed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([se.sin, se.cos, se.sinh, se.cosh, se.atan, se.erf]), rationals,
       st.sampled_from([2, 3, 5, 6, 7, 12, 17, 18, 27, 30]))
def test_functions_of_a_multiple_of_a_square_root_are_sympys_own(f: object, r: object, n: int) -> None:
    _check(f(_q(r) * se.sqrt(n)))
    _check(f(se.sqrt(n)))


def test_roots_are_built_here_but_atans_table() -> None:
    assert leaf(se.atan(se.sqrt(17) / 4)) is not None and leaf(se.sinh(se.sqrt(2))) is not None
    assert leaf(se.atan(se.sqrt(3) / 3)) is None and leaf(se.atan(se.sqrt(3))) is None


_SHAPES = ["exp(erf({a}*x)) * sin(x**2)", "exp(erf({a}*x))", "cos(x**2) * exp(erf(x**2))",
           "exp(sinh(x)) + sinh(x)", "cosh(sinh({a}*x))", "sinh(sinh(x + {a}))", "log(1 + (cos(x**2))**2)",
           "exp(erf(x) + {a}) * cosh(x)", "exp(-erf(x + {a})) - exp(sin(x))", "erf(x)**2 * exp(erf(x + {a}))",
           "exp(sin(x)**2 - cos(x)) * erf({a}*x)", "exp(exp(x)) * sin(exp({a}*x))", "atan(exp(x)) * exp(erf(x))",
           "cos(x**2) + atan(sqrt(1 + (x**2)**2))", "sinh(sqrt(1 + x**2)) * erf(x)", "erf(sqrt(1 + ({a}*x)**2))",
           "exp(cosh(x)) * sin(sqrt(2 + x**2))"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SHAPES), rationals, points, st.integers(0, 4))
def test_expansions_are_the_derivative_engines(shape: str, a: object, at: object, order: int) -> None:
    onevar_is_the_full_path(shape.format(a=f"({a})"), str(at), order)


@pytest.mark.parametrize("text, at, order", [
    ("exp(erf(-2*x)) * sin(x**2)", "3/2", 5), ("exp(erf(-3*x))", "1/2", 5), ("cos(x**2)*exp(erf(x**2))", "1", 4),
    ("exp(sinh(x)) + sinh(x)", "1", 3), ("cosh(sinh(2*x))", "2", 5), ("log(1 + (cos(x**2))**2)", "-1/3", 2),
    ("sinh(sinh(x + 2))", "2", 5), ("exp(erf(x) - 2) * exp(erf(2*x))", "-1/2", 3),
])
def test_the_issue_cases_take_the_lean_path(text: str, at: str, order: int) -> None:
    assert _compare(text, at, order, derivatives=True)


@pytest.mark.parametrize("text, at, order", [
    ("1/(1 + (cos(x))**2)", "-2", 3), ("log(1 + (cos(x**2))**2)", "-1/3", 3), ("log(1 + (sin(x + 2))**2)", "2", 3),
    ("1/(1 + (exp(x + 3))**2)", "3/2", 5), ("atan(cosh(x)) * sin(x)", "2", 4), ("1/(2 + sin(x)**2) + cos(x)", "1", 4),
])
def test_inverse_powers_built_from_the_walk_are_sympys(text: str, at: str, order: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """direct.Direct._inverse_power's 1/c**e and their sort keys: to_sympy's objects and sort_key's keys."""
    from taylorcli.series import direct, onevar_values
    from taylorcli.sortkey import sort_key

    made = []

    class Recording(direct.Direct):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(onevar_values, "Direct", Recording)
    assert _compare(text, at, order, derivatives=True)
    built = [(d, slot) for d in made for slot in d.power_keys]
    assert built
    for d, (j, e) in built:
        power = d.powers[(j, e)]
        _same_object(power, direct.to_sympy(se.expand(d.values[j] ** e)))
        assert d.power_keys[(j, e)] == sort_key(power)


_FOLDED = [se.exp(2), se.exp(se.Rational(-1, 3)), se.E, se.exp(se.sin(1)), se.exp(-se.erf(3)), se.sin(1), se.cos(1),
           se.pi ** se.Rational(-1, 2), se.exp(se.Rational(1, 2)), se.exp(-2), 1 / (1 + se.cos(1) ** 2),
           se.sqrt(2), se.sqrt(5), se.sqrt(6), se.sqrt(3), se.sinh(se.sqrt(2)), se.sqrt(10)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, len(_FOLDED) - 1), min_size=2, max_size=5, unique=True),
       st.lists(st.tuples(st.lists(st.integers(0, 3), min_size=5, max_size=5),
                          st.fractions(min_value=-9, max_value=9, max_denominator=6).filter(lambda q: q != 0)),
                min_size=1, max_size=6))
def test_folded_exponentials_are_symengines_expansion(chosen: list, drawn: list) -> None:
    """Direct with several exponentials or roots (fold): each coefficient the object to_sympy(se.expand(...)) gives."""
    from flint import fmpq

    from taylorcli.series.direct import Direct
    from taylorcli.series.engine import _rational

    values = [_FOLDED[i] for i in chosen]
    items, seen = [], set()
    for exponents, q in drawn:
        key = tuple(exponents[:len(values)])
        if key not in seen:
            seen.add(key)
            items.append((key, fmpq(q.numerator, q.denominator)))
    sp.core.cache.clear_cache()
    direct = Direct(values, None, {}, _rational, None, True)
    if not direct.ok:
        return
    got = direct.value(items, [])
    terms = [se.Rational(int(c.p), int(c.q)) * se.Mul(*[v ** e for v, e in zip(values, key)]) for key, c in items]
    with shared():
        want = direct_to_sympy(se.expand(se.Add(*terms)))
    _same_object(got, want)


def direct_to_sympy(value: se.Expr) -> sp.Expr:
    from taylorcli.convert import to_sympy

    return to_sympy(value, {}, None, {})


_OUTER_OF_LOG = [se.sin, se.cos, se.sinh, se.cosh, se.atan, se.erf]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_OUTER_OF_LOG), st.fractions(min_value=1, max_value=90, max_denominator=13).filter(lambda q: q != 1),
       st.sampled_from([lambda v: v, lambda v: 1 + v**2, lambda v: -v, lambda v: 3 * v / 2]))
def test_a_function_of_a_log_is_sympys_own(f: object, q: object, shape: object) -> None:
    """sin(log(17)) (sin(log(1 + x**4)) at 2), atan(log(1 + log(5)**2)), cos(-log(2)): SymPy's own object and facts."""
    inner = shape(se.log(_q(q)))
    _check(f(se.log(inner) if shape(2) == 5 else inner))


@pytest.mark.parametrize("text, at, order", [
    ("sin(log(1 + (x**2)**2))", "2", 3), ("cos(log(1 + x**2))", "3", 5), ("atan(log(1 + x**2))", "2", 4),
    ("sinh(log(2 + x))", "-1/2", 4), ("erf(log(1 + x**2))", "1/2", 3), ("sin(log(x))", "1/3", 3),
])
def test_functions_of_logs_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


_INNER_ALL = [se.sin, se.cos, se.tan, se.sinh, se.cosh, se.exp, se.log, se.erf, se.atan]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(_OUTER_OF_LOG), st.sampled_from(_INNER_ALL),
       st.fractions(min_value=1, max_value=30, max_denominator=9).filter(lambda q: q != 1), st.booleans())
def test_a_function_of_a_negated_or_erf_constant_is_sympys_own(f: object, g: object, q: object, negated: bool) -> None:
    """atan(-erf(1)) (atan(erf(3*x)) at -1/3), sin(erf(1)), cosh(-sin(2)): SymPy's own object and facts."""
    _check(f(-g(_q(q))) if negated else f(g(_q(q))))


@pytest.mark.parametrize("text, at, order", [
    ("atan(erf(3*x))", "-1/3", 3), ("atan(erf(x)) + exp(x + 2)", "2", 3), ("sin(erf(x))", "1", 4),
    ("cosh(erf(2*x))", "1/2", 3), ("atan(sin(x))", "-1", 3), ("erf(erf(x))", "-2", 3),
])
def test_functions_of_erf_and_negated_constants_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
