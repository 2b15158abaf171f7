"""Renderers, written into a StringIO as rich's own tests do."""

from __future__ import annotations

import io
import json

import sympy as sp
from rich.console import Console

from taylorcli.parse import parse_expression
from taylorcli.render import Result, show, to_json, to_latex, to_plain, to_table

x, y = sp.symbols("x y", real=True)
HESSIAN = Result("hessian", "x**2*y", [x, y], [[2 * y, 2 * x], [2 * x, sp.Integer(0)]])
AT = Result("hessian", "x**2 + y**2", [x, y], [[sp.Integer(2), sp.Integer(0)], [sp.Integer(0), sp.Integer(2)]],
            at={x: sp.Integer(0), y: sp.Rational(1, 2)}, numeric=[[2.0, 0.0], [0.0, 2.0]],
            eigenvalues=[2.0, 2.0], definiteness="positive definite")
TENSOR = Result("tensor", "x**3*y", [x, y],
                [[[6 * y, 6 * x], [6 * x, sp.Integer(0)]], [[6 * x, sp.Integer(0)], [sp.Integer(0), sp.Integer(0)]]],
                order=3)


def render(result: Result, fmt: str) -> str:
    out = io.StringIO()
    show(result, fmt, out)
    return out.getvalue()


def test_plain_reads_back():
    line = to_plain(HESSIAN)
    assert line == "[[2*y, 2*x], [2*x, 0]]"
    rows = [part.strip("[] ") for part in line[1:-1].split("],")]
    assert [[parse_expression(cell) for cell in row.split(",")] for row in rows] == [[2 * y, 2 * x], [2 * x, 0]]


def test_plain_at_point_has_labelled_lines():
    assert to_plain(AT).splitlines() == [
        "[[2, 0], [0, 2]]", "numeric: [[2.0, 0.0], [0.0, 2.0]]",
        "eigenvalues: [2.0, 2.0]", "definiteness: positive definite", "variables: x, y"]


def test_json():
    data = json.loads(render(AT, "json"))
    assert data == {"expression": "x**2 + y**2", "variables": ["x", "y"], "hessian": [["2", "0"], ["0", "2"]],
                    "at": {"x": "0", "y": "1/2"}, "numeric": [[2.0, 0.0], [0.0, 2.0]],
                    "eigenvalues": [2.0, 2.0], "definiteness": "positive definite"}
    assert to_json(TENSOR)["order"] == 3


def test_latex():
    assert to_latex(HESSIAN) == r"\begin{bmatrix} 2 y & 2 x \\ 2 x & 0 \end{bmatrix}"
    tensor = to_latex(TENSOR)
    assert tensor.startswith("\\begin{aligned}") and r"\frac{\partial^{3} f}{\partial x^{2} \partial y} &= 6 x" in tensor
    assert tensor.count("&=") == 4  # distinct partials only
    assert "% definiteness: positive definite" in to_latex(AT)


def test_table_into_console():
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(to_table(AT))
    text = out.getvalue()
    assert "Hessian of x**2 + y**2" in text and "positive definite" in text and "at x = 0, y = 1/2" in text
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(to_table(TENSOR))
    assert "∂³f/∂x²∂y" in out.getvalue()


def test_table_without_terminal_has_no_escape_codes():
    assert "\x1b" not in render(HESSIAN, "table")


def test_a_sum_sympy_cannot_order_is_printed_in_stored_order_and_reads_back():
    # SymPy's printers order terms by numeric factors at low precision: 1/log(1 + exp(-98))
    # is 1/0 there (ZeroDivisionError from sstr and latex). Checked independently with mpmath.
    from test_roundtrip import read_latex
    from taylorcli.render import exact_text, latex_text
    x = sp.Symbol("x1", real=True)
    expr = 24 * x + 2 / sp.log(1 + sp.exp(-98))
    assert parse_expression(exact_text(expr)) == expr
    assert read_latex(latex_text(expr)) == expr
