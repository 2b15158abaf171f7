"""onevar_constants._Walk's shortcuts against the computations they replace (session 15, helper at15).

* ``_value_at``: a function's argument value at the point built from its parts' values must be
  ``engine_of(arg).subs(point)``'s very object (equal, same printed form, same args all the way
  down), checked on every argument the walk asks for, on random nestings with sums, products and
  powers inside functions; and the expansion with it must be the one without it.
"""

from __future__ import annotations

import flint
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.series import onevar_constants
from taylorcli.series.onevar_engine import engine_of

UNARY = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "erf({})",
         "log(1 + ({})**2)", "sqrt(1 + ({})**2)", "1/(1 + ({})**2)", "log(2 + ({}))", "({})**3",
         "2*({}) - 1/3", "({})*sin(x)", "({}) + cos(x)**2", "({})**2 + 3*({})", "1/(3 + ({}))",
         "({})*({}) - 2", "-({})/2"]
INNER = ["x", "-3*x", "2*x + 1", "x/2 - 3", "x**2", "exp(-x)", "x*sin(x)", "log(1 + x**2)"]
POINTS = [1, -2, sp.Rational(3, 2), sp.Rational(-1, 3), 2, sp.Rational(1, 2)]


def _shape(unary: list[int], inner: int) -> str:
    text = INNER[inner]
    for u in unary:
        text = UNARY[u].format(*[text] * UNARY[u].count("{}"))
    return text


def _deep_same(got: object, want: object) -> None:
    """Equal, same class, same printed form and hash, the same parts all the way down. (A sum's args
    are in its hash map's order, which the order of insertion decides: by printed form here; every
    consumer of these values sorts them or asks ==, has, type.)"""
    assert got == want and str(got) == str(want) and type(got) is type(want) and hash(got) == hash(want)
    assert len(got.args) == len(want.args)
    for g, w in zip(sorted(got.args, key=str), sorted(want.args, key=str)):
        _deep_same(g, w)


def _walk_checked(f: sp.Expr, a: sp.Rational, k: int) -> int:
    """Walk f with every irrational argument's value built both ways and compared; how many were."""
    x = sorted(f.free_symbols, key=str)[0]
    compared = 0
    saved_cap = flint.ctx.cap
    flint.ctx.cap = k + 1
    walk = onevar_constants._Walk(x, a, k)
    original = walk._value_at

    def checked(arg: sp.Expr) -> object:
        nonlocal compared
        got = original(arg)
        if got is not None:
            point = {engine_of(x, {}): engine_of(a, {})}
            _deep_same(got, engine_of(arg, {}).subs(point))
            compared += 1
        return got

    walk._value_at = checked
    try:
        walk.series(f)
    except (onevar_constants.Unsupported, ArithmeticError, ValueError, TypeError, RuntimeError):
        pass
    finally:
        flint.ctx.cap = saved_cap
    return compared


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.integers(0, len(UNARY) - 1), min_size=1, max_size=4), st.integers(0, len(INNER) - 1),
       st.sampled_from(POINTS))
def test_value_at_is_subs(unary: list[int], inner: int, a: sp.Rational) -> None:
    f = parse_expression(_shape(unary, inner))
    if f.free_symbols:
        _walk_checked(f, sp.Rational(a), 2)


def test_value_at_meets_sums_products_powers() -> None:
    cases = ["sin(1 + log(1 + x**2)**2)", "log(1 + log(1 + x**2)**2)", "atan(2*sin(x)*cos(x) - exp(x)/3)",
             "erf((log(2 + x) + 1)**3)", "cos(sin(x)**2 + 3*sin(x)*exp(x))", "sinh(log(1 + log(2 + x)**2)*atan(x))"]
    total = sum(_walk_checked(parse_expression(t), sp.Integer(1), 3) for t in cases)
    assert total >= len(cases)


@pytest.mark.parametrize("text, at, k", [("sin(x) + log(1 + log(1 + x**2)**2)", 1, 3),
                                         ("atan(log(1 + x**2))", sp.Rational(1, 2), 4),
                                         ("erf(log(1 + 9*x**2))", sp.Rational(3, 2), 3),
                                         ("cos(exp(x)**2 + sin(x)*exp(x))", 2, 3),
                                         ("sinh(log(1 + log(2 + x)**2) * atan(x))", 1, 3)])
def test_same_expansion_without_it(text: str, at: sp.Rational, k: int, monkeypatch: pytest.MonkeyPatch) -> None:
    f = parse_expression(text)
    x = sorted(f.free_symbols, key=str)[0]
    got = onevar_constants.taylor(f, x, sp.Rational(at), k)
    monkeypatch.setattr(onevar_constants, "BOTTOM_UP", False)
    want = onevar_constants.taylor(f, x, sp.Rational(at), k)
    assert (got is None) == (want is None)
    if got is not None:
        assert [p for p, _ in got[0]] == [p for p, _ in want[0]]
        assert [sp.srepr(c) for _, c in got[0]] == [sp.srepr(c) for _, c in want[0]]


def test_a_sum_of_function_monomials_is_its_own_expansion() -> None:
    """_Walk._to_engine skips SymEngine's expand for rationals times powers of function applications."""
    import random

    import symengine as se

    lg = se.log(2)
    values = [se.log(2), se.sin(1), se.cos(se.Rational(1, 3)), se.log(1 + lg**2), se.atan(se.Rational(1, 2)),
              se.erf(2), se.sinh(se.sin(1)), se.atan(se.Rational(-1, 2)), se.log(se.Add(1, se.sqrt(2))),
              se.sin((1 + lg) ** 2), se.cosh(se.exp(2))]
    rng = random.Random(15)
    for _ in range(2000):
        terms = []
        for _ in range(rng.randint(1, 6)):
            term = se.Rational(rng.randint(-5, 5) or 1, rng.randint(1, 4))
            for v in values:
                e = rng.choice([0, 0, 0, 1, 2, 3])
                if e:
                    term = term * v**e
            terms.append(term)
        plain = se.Add(*terms)
        _deep_same(plain, se.expand(plain))


@pytest.mark.parametrize("text, at, k", [("atan(log(1 + x**2))", "1/2", 4), ("atan(log(1 + x**2))", "1/2", 6),
                                         ("1/(1 + log(1 + x**2)**2)", "1/3", 5),
                                         ("atan(log(1 + x**2) - log(2 + x))", "1", 4),
                                         ("sqrt(1 + (log(2 + x) - log(3 + x))**2)", "1", 3),
                                         ("atan(log(1 + (3*x)**2))", "3/2", 5),
                                         ("1/(1 + (sin(x) - cos(x))**2)", "1", 4),
                                         ("1/(1 + (log(1 + (x - 2)**2))**2)", "3/2", 6)])
def test_inverse_powers_of_sums_not_proved_positive(text: str, at: str, k: int) -> None:
    """direct._inverse_power: 1/S**e for a sum S with a negative term (1 - 2*log(4)*log(5) + ...) is
    constants_sums.power of its own expanded S, as leaf's conversion of SymEngine's expansion made it:
    the derivative engine's objects."""
    from same_object import coefficients_or_error, same_coefficients

    f = parse_expression(text)
    x = sorted(f.free_symbols, key=str)[0]
    lean = onevar_constants.taylor(f, x, sp.Rational(at), k)
    assert lean is not None
    case = (f, [x], {x: sp.Rational(at)}, k, "total")
    same_coefficients(lean[0], coefficients_or_error(case, False), case)
