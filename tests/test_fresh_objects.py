"""Expanding a freshly parsed expression does the work a reused one does: the same calls, as often.

Issue 9's benchmark times an expression parsed once and reused, and its text (parse +
expand on fresh objects). What a reused object keeps across SymPy's clear_cache
(assumption facts, ``_mhash``, anything memoized on it or by it) would make the first
cheaper than what a user, who always comes from the text, pays. The profile of one
expansion of each (after clear_cache, the process's own tables warmed by a third object)
lists the same functions with the same call counts: no hidden work on fresh nodes. In
several variables a fresh node or two is hashed once (its ``_mhash`` is set then: two or
three ``Basic.__hash__`` calls more, ~2 us of ~1 ms), and nothing else differs.
(benchmarks/fresh_split.py measures the times, in interleaved rounds.)
"""

from __future__ import annotations

import cProfile
import gc
import pstats

import pytest
from sympy.core.cache import clear_cache

from taylorcli import expand
from taylorcli.parse import parse_expression

CASES = [
    ("sin(x) + cos(1/(1 + (x + 1)**2))", None, 5),
    ("log(1 + (atan(x**2))**2) + 1/(1 + (x**2)**2)", None, 8),
    ("cosh(x) + cos(x)", "2", 3),
    ("exp(1/(1 + (x**2)**2))", None, 20),
    ("sqrt(1 + (x)**2)", None, 20),
    ("sin(x**2)", "-1", 5),
    ("exp(x*y)*sin(x + z)", "1,2,3", 3),
    ("exp(-x**2/3)*atan(y - 1/2)", None, 4),
]


def _calls(text: str, at: str | None, order: int, reused: object | None) -> dict:
    """{function: calls} of one expansion (and its polynomial) of ``reused``, or of a fresh parse of ``text``."""
    clear_cache()
    f = reused if reused is not None else parse_expression(text)
    # No collection inside the profiled call: one there runs the finalizers of earlier tests' objects
    # (Hypothesis's gc hook, generators' clean-up) and counts them as this call's (seen after
    # tests/test_constants_erf_exp.py).
    gc.collect()
    gc.disable()
    profile = cProfile.Profile()
    try:
        profile.enable()
        expand(f, None, at, order).polynomial
        profile.disable()
    finally:
        gc.enable()
    return {key: value[1] for key, value in pstats.Stats(profile).stats.items()}


@pytest.mark.parametrize("text, at, order", CASES)
def test_a_fresh_expression_costs_the_calls_of_a_reused_one(text: str, at: str | None, order: int) -> None:
    expand(parse_expression(text), None, at, order).polynomial  # the process's tables (imports, constants)
    reused = parse_expression(text)
    expand(reused, None, at, order).polynomial  # what a reused object keeps, it keeps from here
    fresh, again = _calls(text, at, order, None), _calls(text, at, order, reused)
    if "y" not in text:
        assert fresh == again
        return
    differ = {key[2]: fresh.get(key, 0) - again.get(key, 0) for key in set(fresh) | set(again)
              if fresh.get(key, 0) != again.get(key, 0)}
    hashing = {"__hash__", "_hashable_content", "<built-in method builtins.hash>"}
    assert all(0 < n <= 4 for name, n in differ.items() if name in hashing), differ
    assert all(abs(n) <= 2 for name, n in differ.items() if name not in hashing), differ
