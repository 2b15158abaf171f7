"""Products of a node in one variable with an irrational value at 0 (cosh(y + 1)) and factors sharing its
variable (session 16, mv16b): monomials times at most one function of a monomial holding another variable,
each term of the product from one pair of terms (q*c, onevar.taylor's c); the derivative engine's objects."""

from __future__ import annotations

import random

import pytest

from test_mv16_origin import _same_as_the_references
from taylorcli.parse import parse_expression
from taylorcli.series import mv_origin

CASES = [
    ("cosh(y + 1)*sin(x*y)", "x,y", 3),
    ("cosh(y + 1)*sin(x*y)", "x,y", 8),
    ("cosh(y + 1)*y*sin(x)", "x,y", 6),
    ("cosh(y + 1)*x*y", "x,y", 4),
    ("3*log(1 + (y + 1)**2)*exp(x*y**2)", "x,y", 7),
    ("exp(y + 1)*atan(x**2*y)*z", "x,y,z", 6),
    ("-2/3*sqrt(2 + z)*cos(x*z)", "x,y,z", 5),
    # declined: the full path answers
    ("cosh(y + 1)*sin(x + y)", "x,y", 4),
    ("cosh(y + 1)*sin(x)*cos(x*y)", "x,y", 4),
    ("cosh(y + 1)*sin(y**2)*x", "x,y", 4),
    ("cosh(y + 1)*(x + y)", "x,y", 3),
    ("cosh(y + 1)*sin(x*y) + x", "x,y", 3),
]


@pytest.mark.parametrize("text, variables, order", CASES)
def test_the_derivative_engines_objects(text: str, variables: str, order: int) -> None:
    _same_as_the_references(parse_expression(text), variables, order)


def test_taken() -> None:
    f = parse_expression("cosh(y + 1)*sin(x*y)")
    assert mv_origin.coefficients(f, sorted(f.free_symbols, key=str), 3) is not None


_OPAQUE = ["cosh({} + 1)", "exp({} - 2)", "log(1 + ({} + 1)**2)", "sqrt(3 + {})", "sin({} + 1/2)", "atan({} + 1)"]
_PARTS = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "log(1 + ({})**2)", "1/(1 + ({})**2)", "{}"]


@pytest.mark.parametrize("seed", range(4))
def test_random_products(seed: int) -> None:
    rng = random.Random(1660 + seed)
    for _ in range(25):
        names = ["x", "y", "z"][:rng.randint(2, 3)]
        v = rng.choice(names)
        factors = [rng.choice(_OPAQUE).format(v)]
        for _ in range(rng.randint(1, 2)):
            picked = rng.sample(names, rng.randint(1, len(names)))
            monomial = "*".join(f"{w}**{rng.randint(1, 2)}" for w in picked)
            factors.append(rng.choice(_PARTS).format(f"{rng.choice(['', '2*', '-1/3*'])}{monomial}"))
        text = "*".join(factors)
        _same_as_the_references(parse_expression(text), ",".join(names), rng.randint(0, 7 if len(names) == 2 else 4))
