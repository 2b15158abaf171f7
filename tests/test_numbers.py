"""The number policy: tables never elide digits, wide matrices become listings, no -0.0, --digits."""

from __future__ import annotations

import io
import json

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli import commands
from taylorcli.cli import cli
from taylorcli.optimize import OptimizeResult
from taylorcli.render import show
from taylorcli.render.numbers import digits, plain_number, table_number
from taylorcli.render.runs import CompareReport

import numpy as np


def _table(result, width: int) -> str:
    out = io.StringIO()
    show(result, "table", out, color=False, width=width)
    return out.getvalue()


def _run(method: str, fun: float) -> OptimizeResult:
    return OptimizeResult(method, np.array([1.0, -0.0]), fun, 2.2093953514139524e-17, 10, 11, 11, 0, True,
                          "ok", variables=["x", "y"], seconds=0.012345, verdict="minimum")


@pytest.mark.parametrize("width", [60, 90])
def test_compare_never_elides(width: int) -> None:
    text = _table(CompareReport([_run("gd", 2.2093953514139524e-17), _run("newton", 1.5e-30)]), width)
    assert "…" not in text
    assert "2.2094" in text.replace("\n", "").replace(" ", "") or "2.20940e-17" in text


def test_wide_hessian_lists_entries() -> None:
    f = " + ".join(f"120*x{i}**3*x{(i + 1) % 12}" for i in range(12))
    result = commands.run_hessian(f, None, ",".join(["1"] * 12), True)
    text = _table(result, 90)
    assert "…" not in text and "nonzero entries" in text
    hessian = sp.hessian(sp.sympify(f), sp.symbols("x0:12")).subs({s: 1 for s in sp.symbols("x0:12")})
    assert str(hessian[0, 0]) in text  # 720: the digits are all there


def test_narrow_matrix_wraps_not_elides() -> None:
    result = commands.run_hessian("exp(x*y*z)*sin(x)", None, "1/3,1/7,1/11", True)
    text = _table(result, 60)
    assert "…" not in text


def test_no_negative_zero() -> None:
    assert plain_number(-0.0) == "0.0" and table_number(-0.0) == "0"
    out = CliRunner().invoke(cli, ["gradient", "-x*y", "--at", "0,0", "-f", "json"]).stdout
    assert "-0.0" not in out and json.loads(out)["numeric"] == [0.0, 0.0]


def test_digits_option() -> None:
    out = CliRunner().invoke(cli, ["eval", "pi", "--digits", "4", "-f", "plain"]).stdout
    assert out.splitlines() == ["pi"] or "3.142" in out
    out = CliRunner().invoke(cli, ["eval", "x", "--at", "pi", "--digits", "4", "-f", "plain"]).stdout
    assert "numeric: 3.142" in out
    full = CliRunner().invoke(cli, ["eval", "x", "--at", "pi", "-f", "plain"]).stdout
    assert f"numeric: {float(sp.pi)!r}" in full  # default: reads back as the same float
    data = json.loads(CliRunner().invoke(cli, ["eval", "x", "--at", "pi", "--digits", "4", "-f", "json"]).stdout)
    assert data["numeric"] == float(sp.pi)  # JSON is data: --digits leaves it alone
    with digits(3):
        assert table_number(123456.0) == "1.23e+05"


@pytest.mark.parametrize("args", [
    ["step", "x**2 + y**2/3", "--at", "1/3,2", "--lr", "0.1", "-f", "plain"],
    ["step", "x**2 + y**2/3", "--at", "1/3,2", "--lr", "0.1", "-f", "latex"],
    ["pade", "exp(x)", "--order", "2,2", "--check", "1/3", "-f", "plain"],
    ["expect", "exp(x)", "--mean", "0", "--var", "1/3", "--samples", "1000", "--seed", "1", "-f", "plain"],
])
def test_every_view_follows_digits(args) -> None:
    """--digits 3: no float in the view has more than 3 significant digits (the policy, not a view's own)."""
    import re
    out = CliRunner().invoke(cli, [*args, "--digits", "3"])
    assert out.exit_code == 0, out.output
    for number in re.findall(r"(?<![\w/*.])\d+\.\d+(?:e[-+]?\d+)?", out.stdout):
        mantissa = number.split("e")[0].replace(".", "").lstrip("0")
        assert len(mantissa) <= 3, (number, out.stdout)
