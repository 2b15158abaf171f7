"""univariate._rational_power by FLINT's root and math.isqrt is SymPy's integer_nthroot's answer.

The reference is integer_nthroot (the function it replaced), on perfect powers, their
neighbours and random rationals, with positive and negative exponents.
"""

from __future__ import annotations

from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import integer_nthroot

from taylorcli.series.univariate import _rational_power


def _reference(u0: fmpq, n: int, m: int) -> fmpq | None:
    p, exact_p = integer_nthroot(int(u0.p), m)
    q, exact_q = integer_nthroot(int(u0.q), m)
    if not (exact_p and exact_q):
        return None
    return fmpq(p, q) ** n


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 10**12), st.integers(1, 10**12), st.integers(2, 7), st.integers(-9, 9),
       st.sampled_from([0, 0, 1, -1]), st.sampled_from([0, 0, 1, -1]), st.booleans())
def test_rational_power_is_integer_nthroots(a: int, b: int, m: int, n: int, da: int, db: int, power: bool) -> None:
    if power:  # perfect m-th powers, and their neighbours
        a, b = a % 10**4 + 1, b % 10**4 + 1
        a, b = max(a**m + da, 1), max(b**m + db, 1)
    u0 = fmpq(a, b)
    assert _rational_power(u0, n, m) == _reference(u0, n, m)


def test_large_and_one() -> None:
    for u0 in (fmpq(1), fmpq(2**400), fmpq(3**300, 7**150), fmpq(3**300 + 1, 7**150), fmpq(1, 10**100)):
        for m in (2, 3, 5, 100):
            for n in (-3, 1, 2):
                assert _rational_power(u0, n, m) == _reference(u0, n, m)
