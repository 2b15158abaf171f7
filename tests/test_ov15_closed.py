"""series/onevar_closed.py: the textbook coefficients of f(q*x**n) at 0 in ints are the walk's (FLINT's)
exact series, and the expansion they give is the derivative engine's objects and the full path's polynomial,
node for node (same_object.onevar_is_the_full_path); the list and polynomial are the fmpq route's
(``onevar_fused.terms`` of the walk's series)."""

from __future__ import annotations

import pytest
import sympy as sp
from flint import fmpq
from same_object import onevar_is_the_full_path, same_expr

from taylorcli import expand
from taylorcli.parse import parse_expression
from taylorcli.series import onevar, onevar_closed, onevar_fused, univariate

_FUNCTIONS = ["exp({})", "sin({})", "cos({})", "sinh({})", "cosh({})", "atan({})", "log(1 + {})",
              "sqrt(1 + {})", "1/(1 + {})", "(1 + {})**3", "(1 + {})**(-2)", "(1 + {})**(-3/2)",
              "(1 + {})**(5/2)", "1/sqrt(1 + {})", "-2*sin({})/3", "3*exp({})", "-atan({})/2", "2*log(1 + {})",
              "-sqrt(1 + {})/5", "-cos({})"]
_ARGUMENTS = ["x", "-x", "3*x", "-2*x", "x/3", "-5*x/7", "x**2", "(3*x)**2", "-x**2/4", "x**3", "2*x**5"]
_ORDERS = [0, 1, 2, 5, 12]


@pytest.mark.parametrize("function", _FUNCTIONS)
@pytest.mark.parametrize("argument", _ARGUMENTS)
def test_the_walks_series(function: str, argument: str) -> None:
    f = parse_expression(function.format(argument))
    (x,) = f.free_symbols
    for k in _ORDERS + [40]:
        found = onevar_closed.coefficients(f, x, k)
        assert found is not None, (f, k)
        pairs, own = found
        assert own is x
        series, _ = univariate.walk(f, x, sp.S.Zero, k, guard=True)
        want = [(d, int(c.p), int(c.q)) for d, c in enumerate(series) if c]
        assert pairs == want, (f, k)
        assert all(q > 0 for _, _, q in pairs)


@pytest.mark.parametrize("function", _FUNCTIONS)
@pytest.mark.parametrize("argument", _ARGUMENTS[::2])
def test_the_derivative_engines_objects(function: str, argument: str) -> None:
    for k in _ORDERS:
        onevar_is_the_full_path(function.format(argument), "0", k)


@pytest.mark.parametrize("text", ["sqrt(1 + (3*x)**2)", "atan(x)", "cos(x**2)", "1/(1 + (2*x)**2)",
                                  "log(1 + x**4)", "exp(-x/2)", "(1 - x)**(-1)"])
def test_the_fmpq_routes_objects(text: str) -> None:
    f = parse_expression(text)
    (x,) = f.free_symbols
    powers = onevar._powers(40)
    for k in (0, 1, 3, 20, 40):
        series, own = univariate.walk(f, x, sp.S.Zero, k, guard=True)
        out, value = onevar_fused.terms(series, own, sp.S.Zero, powers)
        e = expand(f, "x", "0", k)
        assert e.coefficients == out
        for (p, c), (q, d) in zip(e.coefficients, out):
            assert p is q
            same_expr(c, d)
        same_expr(e.polynomial, value)
        same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


@pytest.mark.parametrize("assumptions", [{}, {"real": True}, {"positive": True}, {"commutative": False}])
def test_own_symbol(assumptions: dict) -> None:
    x = sp.Symbol("x", **assumptions)
    for f in (sp.atan(x), sp.exp(2 * x**2), sp.sqrt(1 + x**2)):
        e = expand(f, [x], None, 5)
        (v,) = e.variables
        (own,) = f.free_symbols
        assert v is own
        same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


@pytest.mark.parametrize("text", ["exp(x + 1)", "sin(x*y)", "log(2 + x**2)", "(1 + x**2)**(1/3)",
                                  "sqrt(x**2 + x)", "exp(x**101)", "(1 + x)**100", "tan(x)", "erf(x)",
                                  "log(1 + x**2 + x)", "2*y*sin(x)", "sin(x)**2", "2*(x + sin(x))", "x*exp(x + 1)"])
def test_other_shapes_are_not_taken(text: str) -> None:
    f = parse_expression(text)
    x = sorted(f.free_symbols, key=str)[0]
    assert onevar_closed.coefficients(f, x, 8) is None


def test_a_long_coefficient_goes_to_the_full_path() -> None:
    with pytest.raises(Exception):  # noqa: B017 - the full path's own error
        expand("exp(10**3000*x)", "x", "0", 3).polynomial
    x = sp.Symbol("x")
    f = 1 / (1 + (sp.Integer(10**400) * x) ** 2)
    assert onevar.taylor(f, x, sp.S.Zero, 20) is None  # check_size: the full path says so
    assert fmpq(1)  # (flint imported for the walk)


_OFFSETS = [("log(1 + (x + 3)**2)", "0", 5), ("log(1 + (x + 3)**2)", "0", 0), ("log(2 + x)", "0", 4),
            ("log(1 + x**2)", "2", 6), ("log(3*x + 1)", "1/2", 3), ("atan(x)", "1", 5), ("atan(x) + log(1 + x)", "1", 3),
            ("atan(2*x)", "-1/3", 0), ("log(17 + x)", "1/2", 3), ("log(1 + (x + 1)**2)", "-1/3", 8),
            ("atan(x) + 1", "1", 3), ("2*atan(x)", "2", 4), ("log(1 + (2*x - 3)**2)", "1/2", 6),
            ("log(1 + (x + 2)**2)", "-2", 2), ("log(4 + x)**2", "0", 2), ("asinh(x)", "3/4", 3), ("atan(x) - log(2 + x)", "0", 3)]


@pytest.mark.parametrize(("text", "at", "order"), _OFFSETS)
def test_an_irrational_constant_term_in_one_pass(text: str, at: str, order: int) -> None:
    """onevar_fused.terms with a constant (sortkey_univariate.constant_sum): the derivative engine's coefficients,
    the full path's polynomial, expansion_polynomial's sum of the same list, and SymPy's own Add."""
    from taylorcli.expansion_polynomial import polynomial as built_apart
    onevar_is_the_full_path(text, at, order)
    e = expand(parse_expression(text), "x", at, order)
    same_expr(e.polynomial, built_apart(e))
    same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))


@pytest.mark.parametrize("text", ["1 + (x + 3)**2", "(x + 3)**2", "2*(x - 1)**2 + 5", "-(2*x - 3)**2/3",
                                  "1/(1 + (x + 3)**2)", "sqrt(1 + (x + 1)**2)", "log(1 + (3*x - 1)**2)",
                                  "atan(1 + (x + 2)**2)", "exp(x + 2)/(1 + (x + 3)**2)", "1 + x**4", "2 - 3*x**5/2",
                                  "log(1 + x**4)", "1/(1 + x**4)", "sqrt(1 + x**4)", "log(1 + x**4) + x**3",
                                  "1/(1 + (x**2)**2) + sqrt(1 + 4*x**8)", "atan(1 + x**6)", "exp(x**3 - 1)"])
@pytest.mark.parametrize("at", ["0", "1", "-1/3", "3/2", "-2", "-3"])
def test_a_square_of_a_linear_term(text: str, at: str) -> None:
    """univariate._short's r + q*(c + s*x)**2 and r + q*x**n away from 0: the walk's own route (``_short`` off)
    gives the same series, offsets and logs."""
    f = parse_expression(text)
    (x,) = f.free_symbols
    a = sp.Rational(at)
    for k in (0, 1, 2, 5):
        for make in (dict, lambda: {"guard": True}, lambda: {"guard": True, "offsets": set(), "logs": {}}):
            def run(short: bool) -> tuple:
                options = make()
                saved = univariate._short
                if not short:
                    univariate._short = lambda *_: None
                try:
                    found = univariate.walk(f, x, a, k, **options)
                    return "ok", [(c.p, c.q) for c in found[0]], found[1], options.get("offsets"), \
                        options.get("logs") and sorted((i, str(v)) for i, v in options["logs"].items())
                except Exception as error:  # noqa: BLE001 - the same error either way
                    return type(error), str(error)
                finally:
                    univariate._short = saved
            fast, slow = run(True), run(False)
            assert fast == slow, (text, at, k, make())
        onevar_is_the_full_path(f, at, 4)


_SUMS = ["sinh(x**2) + sqrt(1 + (x**2)**2)", "atan(x) + exp(x)", "1 + cos(x)", "sin(x) + sinh(x)", "atan(x) - sin(x)",
         "cos(x)/2 + 1/(1 + x**2) - 3", "cos(2*x) + 1/(1 + (3*x)**2)", "log(1 + x**2) - x**2*0 + atan(x**2)",
         "sin(x) - sinh(x)", "exp(x) - cosh(x) - sinh(x) + 1", "sqrt(1 + x**2) - 1/sqrt(1 + x**2)"]


@pytest.mark.parametrize("text", _SUMS)
def test_sums(text: str) -> None:
    """onevar_closed's sums: the walk's series (zeros dropped), the derivative engine's objects, the full path's polynomial."""
    f = parse_expression(text)
    (x,) = f.free_symbols
    for k in (0, 1, 2, 5, 12, 30):
        found = onevar_closed.coefficients(f, x, k)
        assert found is not None, (f, k)
        series, own = univariate.walk(f, x, sp.S.Zero, k, guard=True)
        assert found[0] == [(d, int(c.p), int(c.q)) for d, c in enumerate(series) if c], (f, k)
        assert found[1] is own
        onevar_is_the_full_path(f, "0", k)


_PRODUCTS = ["exp(x)*sin(x)", "x**2*cos(x)", "2*x*exp(x**2)", "-x*atan(x)/3", "x**3*sin(x)", "cos(-2*x)*cos(x)",
             "1/(1 + (3*x)**2) * 1/(1 + x**2)", "sinh(x**2)*atan(x)", "x*sin(x)*cos(x)", "x*log(1 + x)",
             "sqrt(1 + x**2)/(1 + x**2)", "x**5*exp(-x)/7", "exp(x)*sin(x)*cos(x)*atan(x)*x"]


@pytest.mark.parametrize("text", _PRODUCTS)
def test_products(text: str) -> None:
    """onevar_closed's products (up to its order and size caps): the walk's series, the derivative engine's objects."""
    f = parse_expression(text)
    (x,) = f.free_symbols
    for k in (0, 1, 2, 5, 8, 10, 12, 30):
        found = onevar_closed.coefficients(f, x, k)
        series, own = univariate.walk(f, x, sp.S.Zero, k, guard=True)
        if found is not None:
            assert found[0] == [(d, int(c.p), int(c.q)) for d, c in enumerate(series) if c], (f, k)
            assert found[1] is own
        onevar_is_the_full_path(f, "0", k)
    assert onevar_closed.coefficients(f, x, 5) is not None


_LEAVES = [("cosh(x + 3)", "0", 2), ("exp(x + 1)", "3", 2), ("exp(x**2)", "1/2", 2), ("sin(2*x - 1)", "1/3", 5),
           ("-sin(2*x - 3)", "0", 4), ("exp(x)", "1", 3), ("cos(x)", "-2", 6), ("exp(x/3)", "3", 4), ("sinh(x + 2)", "2", 8),
           ("3*cos(x + 1)", "0", 1), ("exp(-x)", "-1", 0), ("exp(x**2)", "2", 5), ("sin(x**2)", "1", 3),
           ("cosh(x**2)", "1", 2), ("exp(x - 1)", "0", 3), ("exp(2*x)", "1/2", 3), ("sin(x)", "1", 1), ("-cos(x/2)", "2/3", 7),
           ("exp(1 - x)", "1/2", 4), ("sinh(-x)", "-3", 3)]


@pytest.mark.parametrize(("text", "at", "order"), _LEAVES)
def test_one_functions_polynomial(text: str, at: str, order: int) -> None:
    """keyed_onevar.leaves (onevar._one_function's polynomial, made with its list): the derivative engine's
    coefficients, the full path's polynomial, keyed_onevar.build's and SymPy's own Add, node for node."""
    from taylorcli.expansion_polynomial import polynomial as built_apart
    onevar_is_the_full_path(text, at, order)
    for assumptions in ({}, {"real": True}, {"positive": True}):
        x = sp.Symbol("x", **assumptions)
        f = parse_expression(text).subs(sp.Symbol("x", real=True), x)
        e = expand(f, [x], at, order)
        same_expr(e.polynomial, built_apart(e))
        same_expr(e.polynomial, sp.Add(*(c * e.monomial(p) for p, c in e.coefficients)))
