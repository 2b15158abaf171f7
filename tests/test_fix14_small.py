"""onevar_inner.small_cycle against FLINT's series (cycle_series), and compose's output at orders <= 2 both ways."""
import flint
import sympy as sp
from flint import fmpq, fmpq_series
from hypothesis import given, settings, strategies as st

from taylorcli.series import onevar, onevar_inner

_KINDS = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
_Q = st.builds(lambda p, q: fmpq(p, q), st.integers(-50, 50), st.integers(1, 30))


def _flint(kind, inner, order):
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        h = fmpq_series([0] + list(inner[1:order + 1]), prec=order + 1)
        return [onevar_inner.padded(s, order) for s in onevar_inner.cycle_series(kind, h)]
    finally:
        flint.ctx.cap = saved


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_KINDS), st.lists(_Q, min_size=1, max_size=4), st.integers(0, 2))
def test_small_cycle_is_flints(kind, inner, order):
    small = onevar_inner.small_cycle(kind, inner, order)
    assert small == _flint(kind, inner, order)
    assert all(type(c) is fmpq for s in small for c in s)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_KINDS), st.lists(_Q, min_size=3, max_size=3), _Q, st.integers(0, 2))
def test_compose_small_orders_as_before(kind, inner, scale, order):
    if not inner[0] or not scale:
        return
    values = onevar._plain_values(kind, inner[0])
    found = onevar_inner.compose(kind, inner, scale, order, values)
    parts = list(zip(_flint(kind, inner, order), values))
    expected = []
    for d in range(order + 1):
        row = [(series[d] * scale * s, leaf) for series, (s, leaf) in parts if series[d]]
        if row:
            expected.append((d, row))
    assert found == expected


# univariate._short: r + q*x**n, 2 < n <= 100, read off at 0 (x**4 of (x**2)**2, by the sweep's nesting)

from same_object import onevar_is_the_full_path  # noqa: E402
from taylorcli.parse import parse_expression  # noqa: E402
from taylorcli.series import univariate  # noqa: E402

_NUMBERS = st.builds(lambda p, q: f"({p}/{q})", st.integers(-9, 9).filter(bool), st.sampled_from([1, 2, 3, 7]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["x**{n}", "{q}*x**{n}", "x**{n} + {r}", "{q}*x**{n} + {r}", "(x**2)**{m}", "y**{n}",
                        "x**{n} + x", "1/(1 + {q}*x**{n})", "exp({q}*x**{n})", "sqrt(1 + x**{n})"]),
       st.integers(2, 103), st.integers(2, 4), _NUMBERS, _NUMBERS, st.sampled_from([None, "1", "-1/3"]),
       st.integers(0, 12))
def test_powers_read_off_at_zero_as_the_walk(shape, n, m, q, r, at, k):
    f = parse_expression(shape.format(n=n, m=m, q=q, r=r))
    x = next((s for s in f.free_symbols if s.name == "x"), sp.Symbol("x", real=True))
    a = sp.Rational(at) if at else sp.Integer(0)
    fast = univariate._polynomial(f, x, a, k)
    saved = univariate._short
    univariate._short = lambda *_: None  # the walk's own Add, Mul and Pow
    try:
        slow = univariate.walk(f, x, a, k, guard=True)
    except Exception as error:  # noqa: BLE001 - the shortcut must not take what the walk refuses
        assert fast is None, (f, error)
        return
    finally:
        univariate._short = saved
    whole = univariate.walk(f, x, a, k, guard=True)  # with the shortcuts (operand, _of_polynomial)
    assert whole[0] == slow[0] and whole[1] is slow[1]
    if fast is None:
        return
    assert fast[0] == slow[0] and len(fast[0]) == k + 1
    assert all(type(c) is fmpq for c in fast[0])
    assert fast[1] is slow[1]


def test_powers_at_zero_and_elsewhere():
    x = sp.Symbol("x", real=True)
    assert univariate._polynomial(x**4, x, sp.Integer(0), 6) is not None
    assert univariate._polynomial(3 * x**5 - 1, x, sp.Integer(0), 2) is not None
    assert univariate._polynomial(x**3, x, sp.Integer(2), 4) is None  # away from 0: the walk (and its guard)
    assert univariate._polynomial(x**101, x, sp.Integer(0), 4) is None


def test_sweep_cases_with_fourth_powers_are_the_derivative_engines():
    for text, at, k in [("1/(1 + (x**2)**2)", None, 20), ("sqrt(1 + (x**2)**2)", None, 8),
                        ("log(1 + (x**2)**2)", None, 12), ("atan(x**3) + cos(x)", None, 9),
                        ("1/(1 + (x**2)**2) * exp(x)", None, 6), ("sinh(x**3)", None, 12),
                        ("sqrt(1 + (x**2)**2) + cosh(x**2)", None, 12), ("exp(2*x**4 - 1)", None, 9),
                        ("1/(1 + (x**2)**2)", "1/2", 5), ("log(1 + (x**2)**2)", "-1", 4)]:
        onevar_is_the_full_path(text, at, k)
