"""Products of exp, sin, cos, sinh, cosh (exp(x)*sin(x) at 1) and terms with an irrational constant
only added (log(1 + x) at 1, atan(x) at 2) beside them (series/onevar_products.py, through
onevar_sums): the coefficients are the derivative engine's very objects, and the polynomial the
full path's (``_one_variable`` off).

Hypothesis draws sums of one to three terms, each a product of one to three of the functions
(linear, polynomial and rational arguments; the same function twice: sin(1)**2; two exponentials,
which SymPy's Mul folds) with rational factors and square roots (sqrt(1 + (x + 3)**2) at 3/2 is
sqrt(85)/2 times a rational series), or a term with an irrational constant (log, atan, asinh of
rational series; pi/4), alone, as a factor (log(2) + h) or as a function's argument (cos(log(2) + h):
cos(log(2)), sin(log(2))), or a rational term, at rational points and orders 0 to 12.
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path
from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.series import onevar_sums

FUNCTIONS = ["exp", "sin", "cos", "sinh", "cosh"]
ARGUMENTS = ["x", "{q}*x", "x + {r}", "{q}*x + {r}", "x**2", "x**2 + {r}", "1/(1 + (x + {r})**2)", "x - 1",
             "2*x + 1", "log(1 + x**2)", "atan(x) + {r}", "2*atan({q}*x)", "log(x**2 + {p})", "asinh(x)"]
FACTORS = ["", "", "", "x*", "{q}*", "1/(1 + x**2)*", "(x + {r})**2*", "sqrt(2)*", "1/(x - 7)*",
           "sqrt(1 + (x + {r})**2)*", "(x**2 + {p})**(-1/2)*", "log(1 + x**2)*", "atan(x + {r})*", "log(x**2 + {p})**2*"]
OFFSETS = ["log(2 + x**2)", "log(x**2 + {p})", "log(1 + (x + {r})**2)", "atan(x)", "atan({q}*x + {r})", "asinh(x)",
           "2*atan(x)", "log(1 + x**2) + atan(x)", "x**2", "1/(1 + x**2)", "{r}", "sqrt(1 + x**2)",
           "log(1 + (x**2)**2)", "sqrt(1 + ({q}*x)**2)", "sqrt(x**2 + {p})", "1/sqrt(2 + x**2)", "(3 + x**2)**(3/2)",
           "sqrt(1 + x**2)*sqrt(2 + x)", "x*sqrt(5 + x**2)/(1 + x**2)"]
points = st.builds(lambda p, q: f"{p}/{q}", st.integers(-6, 6), st.sampled_from([1, 2, 3]))


def _function(draw: st.DrawFn, p: int, q: int, r: int) -> str:
    return draw(st.sampled_from(FUNCTIONS)) + "(" + draw(st.sampled_from(ARGUMENTS)).format(p=p, q=q, r=r) + ")"


@st.composite
def terms(draw: st.DrawFn) -> str:
    p, q, r = draw(st.integers(1, 5)), draw(st.integers(-3, 3).filter(bool)), draw(st.integers(-3, 3))
    if draw(st.integers(0, 3)):
        scale = draw(st.sampled_from(["", "-", "2*", "-1/3*"])) + draw(st.sampled_from(FACTORS)).format(p=p, q=q, r=r)
        return scale + "*".join(_function(draw, p, q, r) for _ in range(draw(st.integers(1, 3))))
    return draw(st.sampled_from(OFFSETS)).format(p=p, q=q, r=r)


@st.composite
def sums(draw: st.DrawFn) -> str:
    return " + ".join(draw(terms()) for _ in range(draw(st.integers(1, 3))))


@settings(max_examples=max_examples(120), **SETTINGS)
@given(sums(), points, st.integers(0, 12))
def test_products_and_offsets_are_the_derivative_engines(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


def test_the_cases() -> None:
    for text, at, order in [("exp(x)*sin(x)", "1", 5), ("exp(x) + log(1 + x)", "1", 6),
                            ("cosh(x + 1)*exp(x + 2)", "2", 2), ("sinh(x)*cos(x + 2)", "2", 12),
                            ("cosh(x)*sin(x)", "2", 3), ("sin(x)*cos(x)", "1", 4), ("sin(x)**2 + sin(x)*cos(x)", "1", 3),
                            ("exp(x)*exp(x + 1)", "1", 3), ("exp(x)*sin(x)*exp(2*x)", "1", 2),
                            ("atan(2*x) + sinh(-2*x)", "-2", 5), ("sin(x) + atan(x)", "1", 3),
                            ("cosh(-2*x)*cosh(x)", "3", 8), ("sin(x)*cos(x)*exp(x)", "1/2", 4),
                            ("log(1 + x) + log(3 + x) + cos(x)", "1", 2), ("2*atan(x) + exp(x)", "1", 3),
                            ("-sin(x)*cos(2*x)*x", "1/3", 4), ("sin(x)**2*cos(x)", "1", 3),
                            ("exp(x)*sin(x)", "-1/2", 0), ("cos(x**2)*sin(x)", "0", 5),
                            ("exp(2*x) + sqrt(1 + (x + 3)**2)", "3/2", 8), ("sqrt(1 + (x + 3)**2)", "3/2", 5),
                            ("log(1 + (x**2)**2) + sqrt(1 + (2*x)**2)", "3", 3), ("sqrt(1 + x**2)*exp(x)", "1", 4),
                            ("sqrt(1 + x**2)*sqrt(1 + (x + 1)**2)", "1", 3), ("(1 + x**2)**(3/2)*cos(x)", "-1/2", 3),
                            ("sqrt(2 + x)*sqrt(2 + x)*exp(x)", "1", 2), ("sqrt(8 + x)", "0", 3), ("sqrt(x + 7)", "1", 4),
                            ("cos(log(1 + x**2))", "1", 3), ("exp(x)*cosh(log(1 + (x + 3)**2))", "2", 3),
                            ("cosh(x + 3) + sin(log(1 + (x**2)**2))", "3", 5), ("sin(atan(x + 1))", "1/2", 2),
                            ("exp(atan(x))", "1", 4), ("sinh(2*atan(x) + 1)", "1", 3), ("exp(log(1 + x))", "1", 2),
                            ("cos(atan(x))*sin(x)", "2", 3), ("log(1 + (x + 1)**2)*sqrt(1 + (x + 2)**2)", "-1/3", 2),
                            ("log(1 + (2*x)**2)*cosh(x)", "3/2", 3), ("log(1 + x)*log(2 + x)*exp(x)", "1", 3),
                            ("log(1 + x)*log(1 + x**2)", "1", 3), ("atan(x)*atan(x + 1)*exp(x)", "1", 2),
                            ("log(1 + x)**2*exp(x)", "1", 2), ("log(17 + x)*sin(x)", "-1", 3)]:
        onevar_is_the_full_path(text, at, order)


def test_the_route_is_taken() -> None:
    x = sp.Symbol("x", real=True)
    one = sp.Integer(1)
    for text in ["exp(x)*sin(x)", "exp(x) + log(1 + x)", "sin(x)*cos(x)", "cosh(x)*sinh(x)*x + atan(x)",
                 "exp(2*x) + sqrt(1 + (x + 3)**2)"]:
        f = parse_expression(text)
        assert onevar_sums.candidate(f, one)
        assert onevar_sums.taylor(f, x, one, 3) is not None, text
    # two exponentials fold in SymPy's Mul (E*exp(2) is exp(3)): not built here
    assert onevar_sums.taylor(sp.Mul(sp.exp(x), sp.exp(2 * x), evaluate=False), x, one, 3) is None


def test_an_offset_that_is_not_a_log_keeps_its_function() -> None:
    """atan(x)*cosh(x) at 2 is atan(2)*cosh(2) + ..., not log(2)*cosh(2): the walk records the
    argument's value of atan, asinh ... beside log's (onevar_point), and only a log's is a log."""
    import mpmath

    from taylorcli import expand

    mpmath.mp.dps = 30
    cases = [("atan(x)*cosh(x)", "2", mpmath.atan(2) * mpmath.cosh(2)),
             ("atan(x) + sinh(-3*x)", "2", mpmath.atan(2) - mpmath.sinh(6)),
             ("asinh(x)*exp(x)", "2", mpmath.asinh(2) * mpmath.exp(2)),
             ("atanh(x) + sin(x)", "1/2", mpmath.atanh(0.5) + mpmath.sin(0.5)),
             ("asin(x)*cos(x)", "1/3", mpmath.asin(mpmath.mpf(1) / 3) * mpmath.cos(mpmath.mpf(1) / 3))]
    for text, at, value in cases:
        onevar_is_the_full_path(text, at, 3)
        (_, f0), *_ = expand(text, "x", at, 3).coefficients
        assert abs(mpmath.mpf(str(f0.evalf(40))) - value) < mpmath.mpf(10) ** -25, text
