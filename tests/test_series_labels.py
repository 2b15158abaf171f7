"""A series that is not a Taylor polynomial says so: no Lagrange bound on [nan, nan], and the
table's heading names its kind instead of "Taylor expansion"."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from taylorcli.cli import cli

NOTE = "no Lagrange bound: not a Taylor polynomial"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("args", [("1/x + x",), ("sqrt(x)", "--side", "+"), ("abs(x)", "--side", "+")])
@pytest.mark.parametrize("fmt", ["plain", "latex", "table", "json"])
def test_a_series_has_no_lagrange_bound_in_any_format(args, fmt):
    out = run("expand", *args, "--order", "2", "--check", "1/2", "--format", fmt)
    assert "nan" not in out.lower()
    if fmt == "json":
        bound = json.loads(out)["lagrange_bound"]
        assert bound == {"interval": None, "bound": None, "note": NOTE}
    else:
        assert NOTE in out and "Lagrange bound on" not in out


def test_a_taylor_polynomial_keeps_its_lagrange_bound():
    # exp(x) to order 2 at 1/2: the bound is e^(1/2) (1/2)^3 / 3!, Taylor's theorem with the largest f'''.
    bound = json.loads(run("expand", "exp(x)", "--order", "2", "--check", "1/2", "--format", "json"))
    assert bound["lagrange_bound"]["interval"] == ["0", "1/2"]
    assert abs(bound["lagrange_bound"]["bound"] - 1.6487212707001282 / 48) < 1e-12


@pytest.mark.parametrize("args, name", [
    (("exp(x)",), "Taylor expansion"),
    (("1/x",), "Laurent series"),
    (("sqrt(x)", "--side", "+"), "One-sided Puiseux series"),
    (("abs(x)", "--side", "-"), "One-sided Taylor series"),
    (("exp(1/x)", "--at", "oo"), "Asymptotic series"),
])
def test_table_heading_names_the_kind_of_series(args, name):
    first = run("expand", *args, "--order", "1", "--format", "table").splitlines()[0]
    assert first.startswith(f"{name} of "), first
