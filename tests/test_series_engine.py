"""The series engine (taylorcli/series) against the derivative engine, its independent reference.

Wherever Taylor-mode arithmetic gives an expansion, its coefficients must be
the very objects the derivative engine gives (equal, same args: the output
does not change with the engine); where the derivative engine finds no
expansion, the arithmetic must not find one either. Random expressions in 1-4
variables with irrational constants, parameters and every function the
series engine composes, at 0, at rational points and at irrational ones
(where it falls back). Also: the sort key of sortkey.py orders as
``Basic.compare`` does, and the polynomial it builds is SymPy's own.
"""

from __future__ import annotations

import functools

import pytest
import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from strategies import A, B, CONSTANTS, SETTINGS, X, Y, Z, max_examples, time_limit
from taylorcli.errors import MathError
from taylorcli.expansion import _taylor, expand
from taylorcli.series import Unsupported
from taylorcli.series.engine import taylor_coefficients
from taylorcli.singular import NotAnalytic
from taylorcli.sortkey import rational_polynomial, sort_key

W = sp.Symbol("w", real=True)
FUNCTIONS = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.sec, sp.csc, sp.cot, sp.sinh, sp.cosh, sp.tanh,
             sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh, sp.erf, sp.sqrt)
EXPONENTS = (2, 3, -1, -2, sp.Rational(1, 2), sp.Rational(-1, 3), sp.Rational(3, 2))
AT = (sp.Integer(0), sp.Integer(0), sp.Integer(1), sp.Rational(1, 2), sp.Integer(-2), sp.Rational(1, 3),
      sp.pi / 4, sp.sqrt(2))


def _expressions(variables: tuple[sp.Symbol, ...]) -> st.SearchStrategy[sp.Expr]:
    leaves = st.one_of(st.sampled_from(variables), st.sampled_from((A, B)), st.sampled_from(CONSTANTS))

    def extend(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        pairs = st.tuples(children, children)
        return st.one_of(
            pairs.map(lambda p: p[0] + p[1]), pairs.map(lambda p: p[0] * p[1]), pairs.map(lambda p: p[0] / p[1]),
            st.tuples(st.sampled_from(FUNCTIONS), children).map(lambda p: p[0](p[1])),
            st.tuples(children, st.sampled_from(EXPONENTS)).map(lambda p: p[0] ** p[1]),
            st.tuples(children, children).map(lambda p: p[0] ** (p[1] / 7 + 1)),
        )

    return st.recursive(leaves, extend, max_leaves=5).filter(
        lambda e: isinstance(e, sp.Expr) and bool(e.free_symbols & set(variables))
        and not e.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I))


@st.composite
def cases(draw: st.DrawFn) -> tuple:
    n = draw(st.integers(1, 4))
    variables = (X, Y, Z, W)[:n]
    expr = draw(_expressions(variables))
    point = {v: draw(st.sampled_from(AT)) for v in variables}
    degree = draw(st.sampled_from(("total", "total", "each")))
    top = (4 if n < 3 else 3) if degree == "total" else (3 if n < 3 else 1)
    return expr, list(variables), point, draw(st.integers(0, top)), degree


def _coefficients(expr: sp.Expr, variables: list, point: dict, order: int, arithmetic: bool,
                  degree: str = "total") -> list | str:
    try:
        return _taylor(expr, variables, point, order, degree, arithmetic=arithmetic)
    except (NotAnalytic, MathError) as error:
        return f"{type(error).__name__}: {error}"


@settings(max_examples=max_examples(60), **SETTINGS)
@given(cases())
def test_series_engine_gives_the_derivative_engines_coefficients(case: tuple) -> None:
    expr, variables, point, order, degree = case
    with time_limit(10):
        try:
            taylor_coefficients(expr, variables, point, order, degree)
            event(f"series engine ({degree} degree)")
        except Unsupported as why:
            event(f"falls back: {str(why).split(' ')[0]}")
        except (NotAnalytic, MathError):
            event("series engine: not analytic")
        ours = _coefficients(expr, variables, point, order, True, degree)
        expected = _coefficients(expr, variables, point, order, False, degree)
    assert ours == expected, (expr, point, order, degree)
    if not isinstance(ours, str):
        assert [c.args for _, c in ours] == [c.args for _, c in expected], (expr, point, order, degree)


@pytest.mark.parametrize("text, variables, at, order", [
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 6),
    ("exp(x*y)*sin(x+z)", "x,y,z", None, 8),
    ("exp(sin(x))", "x", None, 15),
    ("exp(1-exp(x))", "x", None, 10),
    ("exp(a*b+c)*sin(d+e*f)", "a,b,c,d,e,f", None, 4),
    ("sec(x)*csc(x+1)*cot(y+2)*tan(x*y)", "x,y", "1,1/2", 4),
    ("asin(x/2)+acos(y/3)+atan(x*y)+asinh(x)+acosh(y+2)+atanh(x-y)+erf(x+y)", "x,y", "1/2,1", 4),
    ("x**y + 2**x + sqrt(1+x) + (x+y)**(-1/3)", "x,y", "1,2", 4),
    ("exp(p*x)*sin(q+y)*log(2+x)", "x,y", "0,1", 5),
    ("sigmoid(x*y) + softplus(x-y) + exp(pi*x)", "x,y", None, 5),
    ("x**x + (1+y)**(x+y)", "x,y", "1,0", 4),
    ("exp(p*(p/7 + x/7 + 1)) + exp(sin(x)*(1 + cos(x)))", "x", "1", 4),  # function values by subs
    ("exp(sin(x))", "x", None, 30),  # one variable, rational: FLINT's fmpq_series beyond its cap of 10
    ("1/(1+x)**2 + sqrt(4+x) + log(1+x) + sec(x)*tanh(x) + (8+x)**(-2/3)", "x", None, 12),
])
def test_issue_cases_equal_the_derivative_engine(text: str, variables: str, at: str | None, order: int) -> None:
    e = expand(text, variables, at, order)
    expected = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    assert e.coefficients == expected
    assert [c.args for _, c in e.coefficients] == [c.args for _, c in expected]
    try:  # and the arithmetic did apply, so the test measures it
        taylor_coefficients(e.expression, e.variables, e.at, order, "total")
    except Unsupported as why:
        pytest.fail(f"series arithmetic fell back: {why}")


@pytest.mark.parametrize("text, at", [("1/sin(x)", None), ("log(x)", "1,"), ("sqrt(x)", None), ("abs(x)", "1")])
def test_what_the_arithmetic_cannot_reach_falls_back(text: str, at: str | None) -> None:
    x = sp.Symbol("x", real=True)
    from taylorcli.parse import parse_expression
    with pytest.raises(Unsupported):
        taylor_coefficients(parse_expression(text), [x], {x: sp.Integer(0)}, 3, "total")


def test_per_variable_degree_falls_back_to_the_same_coefficients() -> None:
    e = expand("exp(x+y)", "x,y", None, 2, degree="each")
    assert len(e.coefficients) == 9 and e.coefficients[-1][1] == sp.Rational(1, 4)


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.lists(st.one_of(_expressions((X, Y, Z)), st.sampled_from(CONSTANTS)), min_size=2, max_size=8))
def test_sort_key_orders_as_basic_compare(items: list) -> None:
    by_compare = sorted(items, key=functools.cmp_to_key(sp.Basic.compare))
    by_key = sorted(items, key=sort_key)
    assert [sort_key(e) for e in by_compare] == [sort_key(e) for e in by_key]
    assert by_compare == by_key or all(sp.Basic.compare(a, b) == 0 for a, b in zip(by_compare, by_key))


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.tuples(st.tuples(st.integers(0, 3), st.integers(0, 3)),
                          st.fractions(max_denominator=9).map(sp.Rational)), min_size=1, max_size=10),
       st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Rational(-1, 2)]))
def test_rational_polynomial_is_sympys_sum(terms: list, a: sp.Rational) -> None:
    coefficients = list({p: c for p, c in terms if c}.items())
    bases = [X - a, Y]
    built = rational_polynomial(coefficients, bases)
    expected = sp.Add(*(c * sp.Mul(bases[0] ** p, bases[1] ** q) for (p, q), c in coefficients))
    if built is not None:
        assert built == expected and built.args == expected.args


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.tuples(st.tuples(st.integers(0, 5), st.integers(0, 5)),
                          st.fractions(max_denominator=9).map(sp.Rational)), min_size=1, max_size=12),
       st.sampled_from([sp.Integer(0), sp.Integer(2), sp.Rational(-1, 2), sp.Rational(7, 3)]),
       st.sampled_from([sp.Symbol("x", real=True), sp.Symbol("x"), sp.Symbol("x", positive=True)]))
def test_rational_polynomial_builds_sympys_objects(terms: list, a: sp.Rational, x: sp.Symbol) -> None:
    # Powers of x and of x - a built without Pow.__new__ (sortkey._power): the same objects.
    coefficients = [((sp.Integer(p), sp.Integer(q)), c) for (p, q), c in {p: c for p, c in terms if c}.items()]
    bases = [x - a, Y]
    built = rational_polynomial(coefficients, bases)
    expected = sp.Add(*(c * sp.Mul(bases[0] ** p, bases[1] ** q) for (p, q), c in coefficients))
    if built is None:
        return
    assert built == expected and built.args == expected.args and hash(built) == hash(expected)
    assert built.is_commutative is expected.is_commutative
    for got, want in zip(sp.preorder_traversal(built), sp.preorder_traversal(expected)):
        assert type(got) is type(want) and got.args == want.args
        assert got.is_commutative is want.is_commutative


@pytest.mark.parametrize("text, variables, at, order", [
    ("exp(x+y)", "x,y", None, 2),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 3),
    ("sec(x)*csc(x+1)*cot(y+2)*tan(x*y)", "x,y", "1,1/2", 2),
    ("exp(p*x)*sin(q+y)*log(2+x)", "x,y", "0,1", 3),
    ("1/(1+x*y)**2 + atan(x-y)", "x,y", None, 5),
])
def test_per_variable_degree_by_the_arithmetic(text: str, variables: str, at: str | None, order: int) -> None:
    e = expand(text, variables, at, order, degree="each")
    expected = _taylor(e.expression, e.variables, e.at, order, "each", arithmetic=False)
    assert e.coefficients == expected
    assert [c.args for _, c in e.coefficients] == [c.args for _, c in expected]
    assert max(max(p) for p, _ in e.coefficients) <= order
    taylor_coefficients(e.expression, e.variables, e.at, order, "each")  # no fallback


@pytest.mark.parametrize("text, variables, at, order", [
    ("exp(x)*sin(x)", "x", "pi/4", 8),
    ("exp(x*y)*sin(x+z)", "x,y,z", "sqrt(2),pi/4,1", 4),
    ("tan(x)+cos(x*y)", "x,y", "pi/4,sqrt(3)", 4),
    ("atan(x) + log(x) + 1/(1 + x**2) + sqrt(x)", "x", "sqrt(3)", 5),  # 1 + sqrt(3)**2 = 4
    ("1/(x + 1) + log(2*x + y) + asin(x/2)", "x,y", "sqrt(2),E", 3),  # 1/(1 + sqrt(2)): a generator
    ("exp(x+y)*cos(x-y)", "x,y", "pi/3,pi/6", 3),
])
def test_irrational_points_by_the_arithmetic(text: str, variables: str, at: str, order: int) -> None:
    # Coefficients in Q(sqrt(2), pi, exp(sqrt(2)) ...): the derivative engine's very objects.
    for degree in ("total", "each"):
        e = expand(text, variables, at, order if degree == "total" else 2, degree=degree)
        expected = _taylor(e.expression, e.variables, e.at, e.order, degree, arithmetic=False)
        assert e.coefficients == expected
        assert [c.args for _, c in e.coefficients] == [c.args for _, c in expected]
        taylor_coefficients(e.expression, e.variables, e.at, e.order, degree)  # no fallback
