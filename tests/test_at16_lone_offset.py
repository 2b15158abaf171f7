"""A product with one offset factor (1/(1 + x**2)*log(1 + 9*x**2) at -1/3: a rational series times log(2)
plus a rational series), which univariate.walk refuses (its ``shifted``) and which went to onevar_constants:
onevar_products.offsets takes it to onevar_sums' route. The coefficients are the derivative engine's very
objects and the polynomial the full path's (same_object.onevar_is_the_full_path), on the cases and on
random products (and sums with them) at rational points, negative ones and 0 included."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from same_object import onevar_is_the_full_path
from taylorcli.series import onevar_products

CASES = [
    ("1/(1 + x**2) * log(1 + (-3*x)**2)", "-1/3", 8),
    ("1/(1 + x**2) * log(1 + (-3*x)**2)", "0", 5),
    ("x**3*atan(x)", "2", 5),
    ("exp(x) + (1 + x)*log(2 + x**2)", "1", 4),
    ("x*log(1 + x**2)", "1", 3),
    ("x*log(1 + x**2)", "-1/2", 4),
    ("(x + 1)*atan(2*x)", "1/2", 4),
    ("sqrt(1 + x**2)*log(1 + x**2)", "1/2", 3),
    ("sin(x)*log(1 + x**2)", "1", 3),
    ("1/(1 + (2*x)**2)*asinh(x)", "3/2", 4),
    ("x*log(1 + x**2)**2", "1", 3),
    ("x*log(x - 1)", "1/2", 3),
    ("(x**2 - 1/9)*log(1 + 9*x**2)", "-1/3", 3),
    ("erf(2*x)*log(1 + x**2)", "1", 3),
    ("1/(1 + sin(x)**2)*log(2 + x)", "0", 3),
]


@pytest.mark.parametrize("text, at, order", CASES)
def test_the_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


def test_the_case_takes_the_route() -> None:
    x = sp.Symbol("x", real=True)
    term = 1 / (1 + x**2) * sp.log(1 + 9 * x**2)
    assert onevar_products.offsets(term)
    assert not onevar_products.offsets(3 * sp.log(1 + x**2))
    assert onevar_products.offsets(x * sp.log(1 + x**2) * sp.atan(x))
    assert not onevar_products.offsets(x * sp.log(1 + x**2) ** 2)
    assert not onevar_products.offsets(sp.erf(2 * x) * sp.log(1 + x**2))  # (its walk raises at 1: not tried)


_RATIONAL = ["1/(1 + {q}*x**2)", "1/(1 + ({q}*x)**2)", "x", "x**{n}", "(x + {r})", "(x**2 + {r})", "exp({q}*x)",
             "sqrt(1 + {q}*x**2)", "cos(x)", "sin(x)", "1/(x + {p})", "exp(x**2)", "cosh({q}*x)",
             "erf(x)", "1/(1 + sin(x)**2)"]
_OFFSET = ["log(1 + {q}*x**2)", "log(1 + ({q}*x)**2)", "log(1 + (-{q}*x)**2)", "atan({q}*x)", "atan(x + {r})",
           "log({p} + x)", "asinh(x)", "log(1 + x**4)", "atan(x**2)", "log(1 + x**2)**2", "log(x**2)"]


def _random(rng: random.Random) -> str:
    def pick(options: list) -> str:
        return rng.choice(options).format(p=rng.choice([2, 3, 5, 7]), q=rng.choice([2, 3, 4, 9]),
                                          r=rng.choice([-1, 1, 2, 3]), n=rng.choice([2, 3]))
    factors = [pick(_RATIONAL) for _ in range(rng.choice([1, 1, 2]))] + [pick(_OFFSET)]
    rng.shuffle(factors)
    product = "*".join(factors)
    shape = rng.random()
    if shape < 0.6:
        return product
    if shape < 0.8:
        return f"{rng.choice([-3, 2, '1/2', '-2/3'])}*{product}"
    return f"{product} + {pick(_RATIONAL + _OFFSET)}"


@pytest.mark.parametrize("seed", range(8))
def test_random_products(seed: int) -> None:
    rng = random.Random(1650 + seed)
    for _ in range(12):
        at = f"{rng.randint(-5, 5)}/{rng.choice([1, 2, 3, 4])}"
        onevar_is_the_full_path(_random(rng), at, rng.choice([0, 1, 3, 5, 8]))


