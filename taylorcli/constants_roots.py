"""SymPy's square roots of integers with a square factor, built without Integer._eval_power (convert.py).

Moved out of constants.py (its size). SymEngine keeps sqrt(50); SymPy's is 5*sqrt(2).
"""

from __future__ import annotations

import sympy as sp

from .constants_build import _plain_power


def root_of_square(n: int) -> sp.Expr | None:
    """SymPy's sqrt(n) for 4 <= n < 2**20 with a square factor: c*sqrt(m) (m square-free), c, or None.

    Integer._eval_power(1/2): a perfect square gives Integer(c); else it collects, from n's factors
    (trial division to 2**15: complete below 2**30; or perfect_power's p**k, k odd, whose Pow(p, 1/2)
    it evaluates again), out_int = c and sqr_int = m, m > 1 square-free, and returns
    c*Pow(m, 1/2): Pow(m, 1/2) is unevaluated (``_plain_power``), and c times it is Mul's
    (c, sqrt(m)) (flatten: the coefficient c, one numeric root left alone, sqrt(m)'s base m not
    divisible by a square). SymPy's own conversion costs ~5 ms after clear_cache (perfect_power,
    factorint). (tests/test_erf14_powers.py compares with sqrt(n) for every n below 20000.)
    """
    if not 4 <= n < 1 << 20:
        return None
    c, m, d = 1, n, 2
    while d * d <= m:
        while m % (d * d) == 0:
            m //= d * d
            c *= d
        d += 1
    if c == 1:
        return None
    if m == 1:
        return sp.Integer(c)
    return sp.Mul._from_args((sp.Integer(c), _plain_power(sp.Integer(m), sp.S.Half)), True)
