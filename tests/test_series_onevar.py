"""The lean one-variable path (series/onevar.py) against independent computations.

Its coefficients must be the derivative engine's very objects (equal, same args),
its polynomial the object the full path builds (same args, hash, srepr), and the
expansion SymPy's ``series`` truncated; wherever it steps aside (an irrational
value, a pole, a power too large for guard.check_point) the full path's answer
or error must be what it always was.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, X, max_examples, time_limit
from taylorcli import expansion
from taylorcli.errors import MathError
from taylorcli.expansion import _taylor, expand
from taylorcli.parse import parse_expression, parse_point
from taylorcli.series import onevar

FAMILIES = ["exp(sin(x))", "exp(1-exp(x))", "sin(x)", "cos(x)*exp(x)", "log(1+x)", "sqrt(1+x)", "1/(1+x**2)",
            "atan(x)", "tan(x)", "exp(x)/(1-x)", "erf(x)", "sinh(x)*cosh(2*x)", "(1+x)**(-3)", "asin(x)/2",
            "tanh(x)**2 - sec(x)", "(4+x)**(3/2) + (8 - x)**(-1/3)", "atanh(x/3) + asinh(x)", "x**3 - 2*x + 7"]
AT_RATIONAL = [("log(x)", "1"), ("sqrt(x)", "4"), ("1/(1+x**2)", "1/2"), ("(x**2+1)**3/(2-x)", "-3/2"),
               ("x**4 - x", "2/3"), ("log(x)*sqrt(x)/(1+x)", "1"), ("exp(x-1)*log(x)", "1"),
               ("sin(x-2)*cos(2*x-4)", "2"), ("(x+1/2)**(-1/2)", "1/2"),
               # an irrational constant term only (atan(1) = pi/4, log(2)): f(a) as the derivative engine has it
               ("atan(x)", "1"), ("log(x)", "2"), ("asin(x)", "3/5"), ("asinh(x)", "3/4"), ("atanh(x)", "1/2"),
               ("atan(x) + log(x) - x**2", "2"), ("3 - 2*atan(x)/5", "1"), ("log(x) + log(1/x)", "2"),
               ("atan(2*x) + atan(x - 1)", "1/2")]


def _full(monkeypatch: pytest.MonkeyPatch, *args: object) -> expansion.Expansion:
    """The expansion without the lean path: what expand() built before it."""
    with monkeypatch.context() as m:
        m.setattr(expansion, "_one_variable", lambda *_: None)
        return expand(*args)


def _same_object(got: sp.Expr, want: sp.Expr) -> None:
    assert got == want and got.args == want.args and hash(got) == hash(want)
    assert sp.srepr(got) == sp.srepr(want)
    for g, w in zip(sp.preorder_traversal(got), sp.preorder_traversal(want)):
        assert type(g) is type(w) and g.args == w.args and g.is_commutative is w.is_commutative


def _check(monkeypatch: pytest.MonkeyPatch, text: str, at: str | None, order: int) -> expansion.Expansion:
    f = parse_expression(text)
    e = expand(f, "x", at, order)
    assert e.method == "derivatives" and e.kind == "taylor" and e.reason == ""
    assert e.variables[0] is next(iter(f.free_symbols)), "the expression's own symbol"
    derivatives = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    assert e.coefficients == derivatives
    assert [c.args for _, c in e.coefficients] == [c.args for _, c in derivatives]
    assert [type(c) for _, c in e.coefficients] == [type(c) for _, c in derivatives]
    full = _full(monkeypatch, f, "x", at, order)
    assert (full.at, full.order, full.next_exponent, full.method, full.kind) == \
        (e.at, e.order, e.next_exponent, e.method, e.kind)
    assert e.coefficients == full.coefficients
    _same_object(e.polynomial, full.polynomial)
    base = e.variables[0] - e.at[e.variables[0]]
    _same_object(e.polynomial, sp.Add(*(c * base ** p[0] for p, c in e.coefficients)))  # SymPy's own
    return e


@pytest.mark.parametrize("order", [0, 1, 2, 3, 7, 12])
@pytest.mark.parametrize("text", FAMILIES)
def test_families_at_0_are_the_derivative_engines(monkeypatch: pytest.MonkeyPatch, text: str, order: int) -> None:
    e = _check(monkeypatch, text, None, order)
    assert e.coefficients or order < 3, "every family here has a non-zero term below degree 3"


@pytest.mark.parametrize("order", [0, 1, 2, 5, 9])
@pytest.mark.parametrize("text, at", AT_RATIONAL)
def test_rational_points_are_the_derivative_engines(monkeypatch: pytest.MonkeyPatch, text: str, at: str,
                                                    order: int) -> None:
    _check(monkeypatch, text, at, order)


@pytest.mark.parametrize("text, at, order", [
    ("exp(sin(x))", None, 10), ("tan(x)", None, 11), ("sqrt(1+x)", None, 6), ("log(x)", "1", 6),
    ("1/(1+x**2)", "1/2", 5), ("atan(x)", None, 0), ("cos(x)*exp(x)", None, 1), ("x**4 - x", "2/3", 2),
])
def test_sympy_series_agrees(text: str, at: str | None, order: int) -> None:
    e = expand(text, "x", at, order)
    x, a = e.variables[0], e.at[e.variables[0]]
    expected = sp.series(e.expression, x, a, order + 1).removeO()
    assert sp.expand(e.polynomial - expected) == 0


def test_a_high_order_beyond_flints_default_cap() -> None:
    # exp(1 - e^x) = sum_n (sum_k (-1)^k S(n, k)) x^n / n! (Stirling numbers of the second kind);
    # the derivative engine would swell for hours at this order.
    from sympy.functions.combinatorial.numbers import stirling
    e = expand("exp(1-exp(x))", "x", None, 40)
    expected = [((sp.Integer(n),), sp.Rational(sum((-1) ** k * stirling(n, k) for k in range(n + 1)),
                                               sp.factorial(n))) for n in range(41)]
    assert e.coefficients == [(p, c) for p, c in expected if c]


@pytest.mark.parametrize("text, at", [
    ("exp(x)", "1"), ("sin(x) + a", None), ("log(x)", None), ("sqrt(x)", None), ("1/x", None), ("sin(x)/x", None),
    ("exp(x)", "pi"), ("abs(x)", "1"), ("gamma(x)", "1"), ("x**x", "1"), ("log(2 + x)", None), ("exp(x)", "x=1/2"),
    ("exp(atan(x))", "1"), ("x*atan(x)", "1"), ("atan(x)**2", "1"), ("asin(x)", "1/2"), ("sin(atan(x))", "1"),
    ("log(log(x))", "3"), ("sqrt(atan(x))", "1"), ("1/log(x)", "2"), ("atan(x)", "x=1/2"),
])
def test_where_it_steps_aside_the_answer_is_the_full_paths(monkeypatch: pytest.MonkeyPatch, text: str,
                                                           at: str | None) -> None:
    f = parse_expression(text)
    if text == "sin(x) + a":  # a parameter: not a rational constant
        x = sp.Symbol("x", real=True)
        assert onevar.taylor(f, x, sp.Integer(0), 3) is None
    e, full = expand(f, "x", at, 3), _full(monkeypatch, f, "x", at, 3)
    assert (e.coefficients, e.method, e.kind, e.reason, e.next_exponent) == \
        (full.coefficients, full.method, full.kind, full.reason, full.next_exponent)
    _same_object(e.polynomial, full.polynomial)


def test_a_power_too_large_is_refused_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    # guard.check_point refuses (x + 10**10)**1000 before computing it: the lean path steps aside.
    f = (X + sp.Integer(10**10)) ** 1000
    assert onevar.taylor(f, X, sp.Integer(0), 2) is None
    with pytest.raises(MathError) as lean:
        expand(f, "x", None, 2)
    with pytest.raises(MathError) as full:
        _full(monkeypatch, f, "x", None, 2)
    assert str(lean.value) == str(full.value)
    # A coefficient too long to print: the same error as the full path's check_size.
    g = 1 / (X + sp.Rational(1, 10)) ** 5000
    with pytest.raises(MathError) as lean:
        expand(g, "x", None, 1)
    with pytest.raises(MathError) as full:
        _full(monkeypatch, g, "x", None, 1)
    assert str(lean.value) == str(full.value)


@pytest.mark.parametrize("text", ["0", "1", "-1", "+3", " 7 ", "-0", "2/4", "-6/4", "1/2", "10/5",
                                  "123456789012345678901234567890/7", "3 / 9"])
def test_plain_points_read_as_the_parser_reads_them(text: str) -> None:
    value = onevar.plain_rational(text)
    expected = parse_point(text, [X])[X]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text", ["pi", "1/0", "0.5", "1e3", "sqrt(4)", "x=1", "1,2", "01", "oo"])
def test_other_points_are_left_to_the_parser(text: str) -> None:
    assert onevar.plain_rational(text) is None


def _expressions() -> st.SearchStrategy[sp.Expr]:
    smooth = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.tan, sp.asin, sp.atanh, sp.log,
              sp.sqrt, sp.sec)
    leaves = st.one_of(st.just(X), st.sampled_from([sp.Integer(1), sp.Integer(2), sp.Rational(-1, 3),
                                                    sp.Integer(-1), sp.Rational(1, 2)]))

    def extend(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        pairs = st.tuples(children, children)
        return st.one_of(
            pairs.map(lambda p: p[0] + p[1]), pairs.map(lambda p: p[0] * p[1]), pairs.map(lambda p: p[0] / p[1]),
            st.tuples(st.sampled_from(smooth), children).map(lambda p: p[0](p[1])),
            st.tuples(children, st.sampled_from([2, 3, -1, -2, sp.Rational(1, 2), sp.Rational(-3, 2)]))
            .map(lambda p: p[0] ** p[1]))

    return st.recursive(leaves, extend, max_leaves=5).filter(
        lambda e: isinstance(e, sp.Expr) and X in e.free_symbols and not e.has(sp.zoo, sp.nan, sp.oo, sp.I))


@settings(max_examples=max_examples(80), **SETTINGS)
@given(_expressions(), st.sampled_from([None, "0", "1", "-1/2", "1/3", "2"]), st.integers(0, 6))
def test_random_expressions_equal_the_full_path_and_the_derivative_engine(expr: sp.Expr, at: str | None,
                                                                          order: int) -> None:
    point = {X: sp.Integer(0) if at is None else parse_point(at, [X])[X]}
    with time_limit(10):
        lean = onevar.taylor(expr, X, point[X], order)
        try:
            derivatives = _taylor(expr, [X], point, order, "total", arithmetic=False)
        except Exception as error:  # not analytic there, or too large: the lean path stepped aside
            assert lean is None, (expr, at, order, error)
            event("not analytic there, or too large")
            return
    if lean is None:
        event("the lean path steps aside")
        return
    event("the lean path")
    coefficients, own = lean
    assert own is None or own is next(iter(expr.free_symbols)), "the expression's own symbol object"
    assert coefficients == derivatives, (expr, at, order)
    assert [c.args for _, c in coefficients] == [c.args for _, c in derivatives]
    e = expand(expr, "x", at, order)
    assert e.coefficients == derivatives
    built = e.polynomial
    base = X - point[X]
    _same_object(built, sp.Add(*(c * base ** p[0] for p, c in derivatives)))


CONSTANT_TERMS = [sp.pi / 4, sp.log(2), sp.atan(2), 2 * sp.log(3), sp.sqrt(2), sp.pi, sp.E, -sp.pi / 4,
                  sp.atan(sp.Rational(1, 2)) / 3, sp.log(2) + sp.atan(2), sp.Integer(3) + sp.pi,
                  sp.Mul(-1, sp.Rational(2, 3), sp.pi ** sp.Rational(-1, 2), evaluate=False), sp.exp(-1)]


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.lists(st.tuples(st.integers(1, 6), st.fractions(max_denominator=9).map(sp.Rational)), max_size=7),
       st.sampled_from(CONSTANT_TERMS), st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Rational(-1, 2)]),
       st.sampled_from([X, sp.Symbol("x"), sp.Symbol("x", positive=True)]))
def test_polynomial_with_an_irrational_constant_term_is_sympys(terms: list, constant: sp.Expr, a: sp.Rational,
                                                               x: sp.Symbol) -> None:
    from taylorcli.sortkey_univariate import rational_univariate
    coefficients = [((sp.Integer(0),), constant)] + [((sp.Integer(d),), c) for d, c in dict(terms).items() if c]
    coefficients.sort(key=lambda item: item[0])
    base = x - a
    built = rational_univariate(coefficients, base)
    if built is not None:
        _same_object(built, sp.Add(*(c * base ** p[0] for p, c in coefficients)))


def test_two_equal_symbol_objects_give_the_one_free_symbols_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    # SymPy's cache hands back subexpressions built with another (equal) x object: expand() has
    # always named the expansion's variable by the object expr.free_symbols holds.
    from sympy.core.cache import clear_cache
    first = sp.Symbol("x", real=True)
    clear_cache()
    second = sp.Symbol("x", real=True)
    assert first is not second and first == second
    for expr in (sp.exp(first) / (1 - second), sp.sin(second) + first**2):
        e, full = expand(expr, "x", None, 4), _full(monkeypatch, expr, "x", None, 4)
        assert e.variables[0] is next(iter(expr.free_symbols)) and full.variables[0] is e.variables[0]
        assert e.coefficients == full.coefficients
        _same_object(e.polynomial, full.polynomial)


# one function of q*x + r away from its zero: every coefficient a rational times f(c), sin(c) or cos(c) ...
ONE_FUNCTION = ["exp(3*x)", "exp(x + 2)", "exp(x + 1)", "exp(-x/2 - 1)", "sinh(3*x)", "cosh(2*x - 1)",
                "sin(x)", "cos(x)", "sin(3 - 2*x)", "cos(x/3 + 1/2)", "sinh(-x)", "exp(2*(x + 1))"]


@pytest.mark.parametrize("at", [None, "1", "-1", "2", "-1/3", "-7/2"])
@pytest.mark.parametrize("text", ONE_FUNCTION)
def test_one_function_of_a_linear_argument_is_the_derivative_engines(monkeypatch: pytest.MonkeyPatch,
                                                                    text: str, at: str | None) -> None:
    for order in (0, 1, 2, 3, 5, 12, 40):
        e = _check(monkeypatch, text, at, order)
        assert len(e.coefficients) <= order + 1
    f, a = parse_expression(text), sp.Rational(at or 0)
    x = next(iter(f.free_symbols))
    if f.subs(x, a) != 0 and not f.subs(x, a).is_Rational:
        assert onevar.taylor(f, x, a, 40) is not None, "the lean path takes it"
        want = sp.series(f, x, a, 9).removeO()
        assert sp.expand(expand(f, "x", at, 8).polynomial - want) == 0, "SymPy's series"


@pytest.mark.parametrize("text, at", [("sin(pi*x)", "1"), ("exp(x)*gamma(x)", "2"),
                                      ("exp(x + sqrt(2))", "0"), ("tan(x + 1)", "1")])
def test_other_shapes_away_from_zero_are_declined(text: str, at: str) -> None:
    # an irrational constant in the expression, a pole, a function onevar_constants has no rule for
    f = parse_expression(text)
    assert onevar.taylor(f, next(iter(f.free_symbols)), sp.Rational(at), 6) is None


@pytest.mark.parametrize("text, at", [("exp(x**2 + x)", "1"), ("sin(x)*exp(x)", "1"), ("exp(sin(x) + 1)", None),
                                      ("cos(x + 1/x)", "1")])
def test_constants_from_the_point_are_the_derivative_engines(monkeypatch: pytest.MonkeyPatch, text: str,
                                                             at: str | None) -> None:
    # (series/onevar_constants.py; declined before it)
    f = parse_expression(text)
    assert onevar.taylor(f, next(iter(f.free_symbols)), sp.Rational(at or 0), 6) is not None
    for order in (0, 1, 4, 6):
        _check(monkeypatch, text, at, order)


@pytest.mark.parametrize("text", ["-sin(2*x - 3)", "3*exp(x + 1)/4", "-2*cosh(x - 5)"])
def test_a_rational_times_one_function_is_the_derivative_engines(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    for at in (None, "2", "-1/3"):
        for order in (0, 1, 4, 12):
            _check(monkeypatch, text, at, order)
