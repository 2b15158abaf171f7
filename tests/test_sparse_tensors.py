"""Large derivative tensors are kept as their distinct partials and written sparsely.

References are sympy.diff on each partial, independently of taylorcli's differentiator.
"""

from __future__ import annotations

import io
import itertools
import json

import pytest
import sympy as sp

from taylorcli import commands
from taylorcli.errors import LimitError
from taylorcli.parse import parse_expression
from taylorcli.render import show

NAMES = ",".join(f"x{i}" for i in range(1, 11))
X = sp.symbols(NAMES, real=True)
F = "x1**7*x2 + sin(x3) + x4*x5"


def render(result, fmt: str) -> str:
    out = io.StringIO()
    show(result, fmt, out)
    return out.getvalue()


def _reference_nonzero(f: sp.Expr, k: int, point: dict | None = None) -> dict[tuple[int, ...], sp.Expr]:
    """Every nonzero distinct k-th partial by sympy.diff (only x1..x5 occur, the rest give 0)."""
    found = {}
    for index in itertools.combinations_with_replacement(range(5), k):
        value = sp.diff(f, *(X[i] for i in index))
        if point is not None:
            value = value.subs(point)
        if sp.simplify(value) != 0:
            found[index] = value
    return found


def test_order_six_in_ten_variables_is_sparse_in_every_format():
    result = commands.run_derivative(F, 6, NAMES, None, True)
    assert result.exact is None  # 10**6 entries: no dense form built
    reference = _reference_nonzero(parse_expression(F), 6)
    data = json.loads(render(result, "json"))
    assert data["tensor"] is None and "1,000,000" in data["tensor_omitted"]
    got = {tuple(e["index"]): parse_expression(e["value"]) for e in data["entries"]}
    assert got.keys() == reference.keys()
    assert all(sp.simplify(got[key] - reference[key]) == 0 for key in reference)
    plain = render(result, "plain").splitlines()
    assert len(plain) == len(reference) and "d^6 f/dx1^6 = 5040*x1*x2" in plain
    assert render(result, "latex").count("&=") == len(reference)
    assert "∂⁶f/∂x3⁶" in render(result, "table")


def test_sparse_values_at_a_point_carry_floats():
    at = "1,2,pi/3,0,0,0,0,0,0,0"
    result = commands.run_derivative(F, 6, NAMES, at, True)
    point = dict(zip(X, [1, 2, sp.pi / 3] + [0] * 7))
    reference = _reference_nonzero(parse_expression(F), 6, point)
    entries = json.loads(render(result, "json"))["entries"]
    assert {tuple(e["index"]) for e in entries} == reference.keys()
    for e in entries:
        assert e["numeric"] == pytest.approx(float(reference[tuple(e["index"])]))


def test_small_mostly_zero_tensor_keeps_its_dense_key_and_adds_entries():
    result = commands.run_derivative("x*y**2", 3, None, None, True)
    data = json.loads(render(result, "json"))
    x, y = sp.symbols("x y", real=True)
    f = x * y**2
    dense = [[[sp.diff(f, a, b, c) for c in (x, y)] for b in (x, y)] for a in (x, y)]
    assert [[[parse_expression(v) for v in row] for row in plane] for plane in data["tensor"]] == dense
    assert data["entries"] == [{"index": [0, 1, 1], "value": "2"}]
    assert render(result, "plain").startswith("[[[0, 0], [0, 2]]")  # small: still the dense line


def test_too_many_distinct_partials_are_refused_before_work():
    names = ",".join(f"y{i}" for i in range(200))
    with pytest.raises(LimitError, match=r"95,746,959,700 distinct partials .*--max-entries"):
        commands.run_derivative("y0", 6, names, None, True)
    with pytest.raises(LimitError, match="--max-entries"):
        commands.run_hessian("y0*y1", names, None, True, max_entries=100)


@pytest.mark.parametrize("fmt", ["table", "plain", "latex", "json"])
def test_dense_tensors_at_a_point_render_in_every_format(fmt):
    # the table once looked floats up by sorted index in the dense (list) branch: KeyError 0
    result = commands.run_derivative("x*y**2", 1, None, "1,2", True)
    text = render(result, fmt)
    # the gradient (y**2, 2*x*y) at (1, 2) is (4, 4)
    assert "4" in text and ("4.0" in text or fmt in ("table", "latex"))
