"""univariate._of_polynomial (one node over r + q*x**n read off without FLINT's arithmetic) gives
what the whole walk gives: the same coefficients and symbol object, the same error, the same shared walk."""

from __future__ import annotations

import itertools

import pytest
import sympy as sp

from taylorcli.series import univariate
from taylorcli.series.tps import NoSlot, Unsupported

x = sp.Symbol("x")
xr = sp.Symbol("x", real=True)
_INNER = [x, 3 * x, -x / 2, x + 1, x - 2, 2 * x + sp.Rational(1, 3), x**2, 9 * x**2 + 1, 1 + x**2, -x**2 + 1, xr**2 + 1]
_OUTER = [sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asin, sp.asinh, sp.atanh, sp.log,
          lambda u: u**2, lambda u: u**-1, lambda u: u**-3, sp.sqrt, lambda u: 1 / sp.sqrt(u), lambda u: u**sp.Rational(3, 2),
          lambda u: u**sp.Rational(-5, 2), lambda u: u**sp.Rational(1, 3), lambda u: u**40]
_POINTS = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Rational(3, 2), sp.Integer(2)]


def _walk(expr, a, k, fast, **options):
    saved = univariate._of_polynomial
    if not fast:
        univariate._of_polynomial = lambda *args: None
    try:
        with univariate.shared_walks():
            found = univariate.walk(expr, x, a, k, **options)
            last = univariate._LAST
            return ("ok", [(c.p, c.q) for c in found[0]], found[1],
                    None if last is None else (last[0], last[1], last[2:6], last[6].coeffs(), last[7]))
    except (NoSlot, Unsupported, ArithmeticError, ValueError) as error:
        return (type(error), str(error))
    finally:
        univariate._of_polynomial = saved


@pytest.mark.parametrize("outer", range(len(_OUTER)))
def test_same_as_the_walk(outer):
    f = _OUTER[outer]
    for inner, a, k in itertools.product(_INNER, _POINTS, (0, 1, 2, 5, 12)):
        expr = f(inner)
        for options in (dict, lambda: {"guard": True}, lambda: {"guard": True, "offsets": set(), "logs": {}}):
            fast = _walk(expr, a, k, True, **options())  # (fresh offsets and logs for each walk)
            slow = _walk(expr, a, k, False, **options())
            assert fast == slow, (expr, a, k, options)
            if fast[0] == "ok":
                assert fast[2] is slow[2]


def test_taken_where_it_applies():
    assert univariate._of_polynomial(sp.sin(x), x, sp.Integer(0), 4, True) is not None
    assert univariate._of_polynomial(sp.log(1 + x**2), x, sp.Integer(0), 4, True) is not None
    assert univariate._of_polynomial(1 / (1 + 9 * x**2), x, sp.Integer(0), 4, True) is not None
    assert univariate._of_polynomial(sp.sin(x), x, sp.Integer(1), 4, True) is None  # sin(1): the walk's
    assert univariate._of_polynomial(sp.log(2 + x), x, sp.Integer(0), 4, True) is None  # log(2): an offset


def test_a_large_power_is_left_to_the_guarded_walk():
    big = sp.Integer(2) ** 600
    expr = (x + big) ** 40
    assert univariate._of_polynomial(expr, x, sp.Integer(0), 3, True) is None
    assert univariate._of_polynomial(expr, x, sp.Integer(0), 3, False) is not None
    with pytest.raises(NoSlot):
        univariate.walk(expr, x, sp.Integer(0), 3, guard=True)


def test_a_huge_exponent_is_left_to_the_guarded_walk():
    n = univariate._LIMIT + 1
    for exponent in (sp.Integer(n), sp.Rational(2 * n + 1, 2)):
        expr = (1 + x**2) ** exponent
        assert univariate._of_polynomial(expr, x, sp.Integer(0), 3, True) is None
        with pytest.raises(NoSlot):
            univariate.walk(expr, x, sp.Integer(0), 3, guard=True)


def test_read_from_the_shape_first():
    # u(a) != 0 for f(u), != 1 for log(u) or a half power: None before any FLINT arithmetic
    for expr, a in ((sp.sin(x + 1), 0), (sp.log(2 + x**2), 0), (sp.sqrt(2 + x**2), 0), (sp.log(1 + 9 * x**2), -1),
                    (sp.exp(x), 1), (sp.sqrt(1 + x), 3)):
        assert univariate._of_polynomial(expr, x, sp.Integer(a), 3, True) is None
    assert univariate._of_polynomial(1 / (1 + x**2), x, sp.Integer(3), 3, True) is not None  # an integer power


_NESTED = [sp.sinh(x**2) * sp.atan(x), sp.exp(sp.sin(3 * x)), sp.log(1 + (3 * x) ** 2), sp.exp(x) / (1 + x**2),
           sp.cos(x**2 + 1), sp.sqrt(1 + x**2) * sp.atan(2 * x), sp.atan(x + 1) + sp.log(2 + x), sp.exp(-2 * x) / (1 + x**2),
           sp.sin(x**2) ** 2, sp.log(1 + sp.atan(x) ** 2), (x + 1) ** 3 * sp.exp(x**2), sp.sec(2 * x), sp.asinh(x - 1),
           sp.exp(xr**2) * sp.sin(x), 1 / sp.cos(x) + sp.log(1 + x), sp.atanh(x / 2), sp.erf(x) * sp.exp(x**2)]


def _whole(expr, a, k, short, options):
    saved = univariate._short
    if not short:
        univariate._short = lambda *args: None  # the walk's own Add, Mul and Pow (and no _polynomial shortcut)
    offsets, logs = options.get("offsets"), options.get("logs")
    try:
        with univariate.shared_walks():
            found = univariate.walk(expr, x, a, k, **options)
        return ("ok", [(c.p, c.q) for c in found[0]], found[1], offsets, logs and sorted((i, str(v)) for i, v in logs.items()))
    except (NoSlot, Unsupported, ArithmeticError, ValueError) as error:
        return (type(error), str(error), offsets)
    finally:
        univariate._short = saved


@pytest.mark.parametrize("index", range(len(_NESTED)))
def test_operands_read_off_as_the_walk(index):
    """walk's operand(): a function's argument or a power's base r + q*x**n read off, as walking it gives."""
    expr = _NESTED[index]
    for a, k in itertools.product(_POINTS, (0, 1, 3, 8)):
        for options in (dict, lambda: {"guard": True}, lambda: {"guard": True, "offsets": set(), "logs": {}}):
            fast, slow = _whole(expr, a, k, True, options()), _whole(expr, a, k, False, options())
            assert fast == slow, (expr, a, k)
            if fast[0] == "ok":
                assert fast[2] is slow[2]
