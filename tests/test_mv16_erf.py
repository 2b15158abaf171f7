"""erf(L) at 0 in several variables by series/mv_origin.py (session 16, mv16b): L a linear form or a
monomial vanishing at 0, alone or times factors of rational series; each coefficient (2 r)/sqrt(pi)
must be the derivative engine's very object, the polynomial the full path's (mv_origin off)."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from test_mv16_origin import _same_as_the_references
from taylorcli.parse import parse_expression
from taylorcli.series import mv_origin

CASES = [
    ("erf(x + y)*cos(z)", "x,y,z", 2),
    ("erf(x + y)*cos(z)", "x,y,z", 7),
    ("erf(2*x - y/3)", "x,y", 6),
    ("erf(x*y)*sin(x)", "x,y", 8),
    ("3/7*erf(x)*cos(y)", "x,y", 8),
    ("erf(3*x**2*y)*exp(x - y)", "x,y", 8),
    ("erf(x/2 + y)*atan(x - y)*(1 + z)", "x,y,z", 5),
    ("erf(x)", "x,y", 4),
    ("-erf(x - 2*y + z)", "x,y,z", 5),
    # sums with nodes of rational series
    ("erf(x + y) + cos(z)", "x,y,z", 5),
    ("erf(x) + erf(x + y) + 3", "x,y", 7),
    ("erf(x)*z + exp(y) - 1/3", "x,y,z", 6),
    ("erf(x*y) - erf(2*y)*cos(x)", "x,y", 8),
    # declined: the full path answers
    ("erf(x) + sin(x)", "x,y", 4),
    ("erf(x) + erf(y)*erf(z)", "x,y,z", 4),
    ("sin(erf(x) + y)", "x,y", 4),
    ("(erf(x) + y)*z", "x,y,z", 4),
    ("erf(x)*erf(y)", "x,y", 4),
    ("erf(x + y) + z", "x,y,z", 3),
    ("sin(erf(x + y))", "x,y", 3),
    ("erf(x + y + 1)*z", "x,y,z", 3),
    ("erf(x)*cosh(y + 1)", "x,y", 3),
    ("erf(sin(x) + y)*z", "x,y,z", 3),
    ("erf(x + y)**2", "x,y", 3),
]


@pytest.mark.parametrize("text, variables, order", CASES)
def test_the_derivative_engines_objects(text: str, variables: str, order: int) -> None:
    _same_as_the_references(parse_expression(text), variables, order)


def test_taken() -> None:
    f = parse_expression("erf(x + y)*cos(z)")
    assert mv_origin.coefficients(f, sorted(f.free_symbols, key=str), 3) is not None


_PARTS = ["exp({})", "sin({})", "cos({})", "atan({})", "sinh({})", "cosh({})", "log(1 + ({})**2)",
          "sqrt(1 + ({})**2)", "1/(1 + ({})**2)"]


def _form(rng: random.Random, names: list) -> str:
    if rng.random() < 0.3:
        return "*".join(rng.sample(names, rng.randint(1, len(names)))) + rng.choice(["", "**2"])
    picked = rng.sample(names, rng.randint(1, len(names)))
    return " + ".join(f"{rng.choice([1, -1, 2, -3, '1/2', '-2/3'])}*{v}" for v in picked)


@pytest.mark.parametrize("seed", range(4))
def test_random_products(seed: int) -> None:
    rng = random.Random(1616 + seed)
    for _ in range(25):
        names = ["x", "y", "z", "u"][:rng.randint(2, 4)]
        text = f"erf({_form(rng, names)})"
        for _ in range(rng.randint(0, 2)):
            text += "*" + rng.choice(_PARTS).format(_form(rng, names))
        if rng.random() < 0.3:
            text = f"{rng.choice(['-1', '2/5', '3'])}*{text}"
        if rng.random() < 0.4:
            text += " + " + rng.choice(_PARTS + ["erf({})"]).format(_form(rng, names))
        _same_as_the_references(parse_expression(text), ",".join(names), rng.randint(0, 8 if len(names) <= 2 else 4))
