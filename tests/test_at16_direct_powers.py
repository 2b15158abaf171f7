"""direct_powers: packed keys give _poly_mul's products, term for term and in the same order, on random
polynomials in the generators (the powers direct.Direct._inverse_power raises); and the cases whose
coefficients hold powers of inverse sums are the derivative engine's objects (same_object)."""

from __future__ import annotations

import random

import pytest
from flint import fmpq

from same_object import onevar_is_the_full_path
from taylorcli.series.direct_powers import _pack, _packed_mul, _poly_mul, _unpack_power


def _random_poly(rng: random.Random, m: int) -> dict:
    out = {}
    for _ in range(rng.randint(1, 6)):
        key = [rng.choice([0, 0, 1, 2, 3]) for _ in range(rng.randint(0, m))]
        while key and not key[-1]:
            key.pop()
        out[tuple(key)] = fmpq(rng.randint(-5, 5), rng.randint(1, 4))
    return out


@pytest.mark.parametrize("seed", range(20))
def test_packed_powers_are_the_tuple_powers(seed: int) -> None:
    rng = random.Random(seed)
    m = rng.randint(1, 5)
    c = _random_poly(rng, m)
    top, den, packed = _pack(c)
    tuples, packs = [c], [packed]
    for _ in range(rng.randint(1, 9)):
        tuples.append(_poly_mul(tuples[-1], c))
        packs.append(_packed_mul(packs[-1], packed))
    for e, (t, p) in enumerate(zip(tuples, packs), 1):
        assert [(key + (0,) * (m - len(key)), q) for key, q in t.items() if q] == _unpack_power(p, den ** e, m)


CASES = [
    ("sin(x) + log(1 + log(1 + x**2)**2)", "1", 3),
    ("log(1 + (log(1 + (x)**2))**2)", "-1/3", 5),
    ("log(1 + (log(1 + (x + 1)**2))**2)", "3/2", 5),
    ("sinh(x + 2) + log(1 + exp(x**2)**2)", "-2", 5),
    ("log(1 + (sinh(x + 1))**2) + 1/(1 + (2*x)**2)", "0", 5),
    ("sqrt(1 + (sinh(x))**2) * sin(x + 3)", "1", 5),
    ("atan(log(1 + x**2))", "1/2", 4),
    ("1/(1 + atan(x)**2)", "2", 5),
]


@pytest.mark.parametrize("text, at, order", CASES)
def test_the_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)
