"""The one-pass reader's own shortcuts (parse_direct._monomial_call, the s**n power) build SymPy's objects.

F(s), F(s**n), F(r*s) and F(s + c) for every function of parse_fast._CALLS, and s**n, are built by the
reader without parse_fast.inert_call / parse_calls.call / parse_pow.power (issue 9: parse cost). Each
text is parsed as shipped, with the quick routes off and with SymPy's constructors only
(test_parse_single._compare: the same object node for node, or the same error). The sweep's texts
must stay on the one-pass route: a reader that bails falls back to ``ast`` and the builder, which
gives the same objects, only slower (a name clash once sent every sum there unnoticed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from taylorcli.parse_direct import one_pass
from test_parse_single import _compare

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

_CALLS = ["exp", "log", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "erf"]
_ARGUMENTS = ["x", "x**2", "x**3", "x**-1", "2*x", "-x", "-2*x", "-3*y", "x/2", "-x/3", "x + 1", "x - 1", "x + 3",
              "y - 2", "2 + x", "-3 + x", "1 - x", "-x - 2", "x + y", "2*x + 1", "x**2 + 1", "0*x", "x - x", "1*x"]


@pytest.mark.parametrize("function", _CALLS)
@pytest.mark.parametrize("argument", _ARGUMENTS)
def test_a_call_of_a_monomial_is_sympys_object(function: str, argument: str) -> None:
    _compare(f"{function}({argument})")


@pytest.mark.parametrize("text", ["x**2", "x**-3", "y**0", "y**1", "x**2*y**3", "(x)**2 + 1", "-x**2", "x**10001"])
def test_a_power_of_a_symbol_is_sympys_object(text: str) -> None:
    _compare(text)


def test_the_sweeps_texts_stay_on_the_one_pass_route() -> None:
    from expansion_sweep import cases

    texts = [expr for seed in (9, 38, 39) for expr, *_ in cases(seed, 40)]
    assert all(one_pass(text.replace("^", "**")) is not None for text in texts)
