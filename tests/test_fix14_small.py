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
