"""direct.py's generator predicates by class tests (E and pi by their SymEngine classes, exponents
against prebuilt SymEngine numbers) answer as the former SymEngine == comparisons did."""

from __future__ import annotations

import symengine as se
from hypothesis import given, settings
from hypothesis import strategies as st

from taylorcli.series import direct


def _old_square_root(value: object) -> bool:
    return isinstance(value, se.Pow) and isinstance(value.args[0], se.Integer) and value.args[0] > 1 \
        and value.args[1] == se.Rational(1, 2)


def _old_inverse_sum(value: object) -> bool:
    return isinstance(value, se.Pow) and isinstance(value.args[0], se.Add) and value.args[1] == -1


def _old_pi_power(value: object) -> bool:
    return isinstance(value, se.Pow) and value.args[0] == se.pi and isinstance(value.args[1], (se.Integer, se.Rational))


def _old_exponential(value: object) -> bool:
    return value == se.E or isinstance(value, se.Pow) and value.args[0] == se.E


_ATOMS = [se.Integer(2), se.Integer(3), se.Integer(8), se.Integer(-2), se.Rational(1, 3), se.pi, se.E, se.sin(se.Integer(4)),
          se.log(se.Integer(5)), se.exp(se.Integer(2)), se.Symbol("t")]
_EXPONENTS = [se.Rational(1, 2), se.Rational(-1, 2), se.Integer(-1), se.Integer(2), se.Rational(3, 2), se.Integer(-2),
              se.sin(se.Integer(1))]


@st.composite
def values(draw: st.DrawFn) -> object:
    a, b = draw(st.sampled_from(_ATOMS)), draw(st.sampled_from(_ATOMS))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return a
    if shape == 1:
        return a + b
    if shape == 2:
        return a * b
    base = draw(st.sampled_from([a, a + b, a * b, se.Integer(1) + se.cosh(se.Integer(2)) ** 2]))
    return se.Pow(base, draw(st.sampled_from(_EXPONENTS)))


@settings(max_examples=400, deadline=None)
@given(values())
def test_predicates_as_before(value: object) -> None:
    assert direct._square_root(value) == _old_square_root(value)
    assert direct._inverse_sum(value) == _old_inverse_sum(value)
    assert direct._pi_power(value) == _old_pi_power(value)
    assert bool(direct._exponential(value)) == bool(_old_exponential(value))


def test_examples() -> None:
    assert direct._square_root(se.sqrt(se.Integer(17))) and direct._exponential(se.E)
    assert direct._exponential(se.exp(se.Integer(3))) and direct._pi_power(1 / se.sqrt(se.pi))
    assert direct._inverse_sum(1 / (1 + se.sinh(se.Integer(4)) ** 2))
