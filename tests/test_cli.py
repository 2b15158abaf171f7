"""The command line, end to end in-process with click's CliRunner."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli import __version__
from taylorcli.cli import Environment, cli
from taylorcli.parse import parse_expression

SEED = "x1**2*x2 + x1*x2**3"
SEED_HESSIAN = "[[2*x2, 2*x1 + 3*x2**2], [2*x1 + 3*x2**2, 6*x1*x2]]"
COMMANDS = ["gradient", "jacobian", "hessian", "derivative", "eval"]
FORMATS = ["table", "plain", "latex", "json"]


def run(*args: str, input: str | None = None, obj: Environment | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, obj=obj)
    return result


def ok(*args: str, **kwargs) -> str:
    result = run(*args, **kwargs)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert result.stderr == ""
    return result.stdout


def fails(code: int, *args: str, **kwargs) -> str:
    result = run(*args, **kwargs)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("taylor: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def parse_json(text: str) -> dict:
    return json.loads(text)


def read_back(value: str) -> sp.Expr:
    return parse_expression(value)


# --- the seed example and the quick start ---------------------------------------------------


def test_quick_start_prints_seed_hessian():
    assert ok("hessian", SEED).strip() == SEED_HESSIAN


def test_console_script_and_module_entry_points():
    out = subprocess.run([sys.executable, "-m", "taylorcli", "hessian", SEED],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == SEED_HESSIAN and out.stderr == ""


def test_version_and_help():
    assert __version__ in ok("--version")
    top = ok("--help")
    for command in COMMANDS:
        assert command in top


def test_every_command_is_listed_in_top_level_help():
    top = ok("--help")
    for command in cli.commands:
        assert command in top


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    text = ok(command, "--help")
    assert "Example" in text and f"taylor {command}" in text
    assert "--format" in text


# --- results in every format ------------------------------------------------------------------

CASES = {
    "gradient": (["gradient", "x*exp(y)"], "gradient"),
    "jacobian": (["jacobian", "x*y", "x + y**2"], "jacobian"),
    "hessian": (["hessian", SEED], "hessian"),
    "derivative": (["derivative", "x**3*y", "--order", "3"], "tensor"),
    "eval": (["eval", "sin(x)**2 + y", "--at", "x=pi/4,y=1/2"], "value"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_command_in_every_format(command, fmt):
    args, _ = CASES[command]
    out = ok(*args, "--format", fmt)
    assert out.strip()
    if fmt == "json":
        parse_json(out)
    if fmt == "latex":
        assert "\\begin{bmatrix}" in out or "\\begin{aligned}" in out or command == "eval"


@pytest.mark.parametrize("command", COMMANDS)
def test_json_keys(command):
    args, key = CASES[command]
    data = parse_json(ok(*args, "--format", "json"))
    expected = {"expression", "variables", key}
    if command == "derivative":
        expected.add("order")
    if command == "jacobian":
        expected.add("functions")
    if command == "eval":
        expected |= {"at", "numeric", "value_float"}  # value_float: the float twin (taylorcli/contract.py)
    assert set(data) == expected


def test_json_gradient_values_read_back():
    data = parse_json(ok("gradient", "x*exp(y)", "-f", "json"))
    assert data["expression"] == "x*exp(y)"
    assert data["variables"] == ["x", "y"]
    x, y = sp.symbols("x y", real=True)
    assert [read_back(v) for v in data["gradient"]] == [sp.exp(y), x * sp.exp(y)]


def test_json_hessian_at_point():
    data = parse_json(ok("hessian", "(1-x)**2 + 100*(y-x**2)**2", "--at", "1,1", "-f", "json"))
    assert set(data) == {"expression", "variables", "hessian", "at", "numeric", "eigenvalues", "definiteness"}
    assert data["hessian"] == [["802", "-400"], ["-400", "200"]]
    assert data["at"] == {"x": "1", "y": "1"}
    assert data["numeric"] == [[802.0, -400.0], [-400.0, 200.0]]
    # Independent: eigenvalues of [[802,-400],[-400,200]] are 501 -+ sqrt(301^2 + 400^2).
    r = (301**2 + 400**2) ** 0.5
    assert data["eigenvalues"] == pytest.approx([501 - r, 501 + r])
    assert data["definiteness"] == "positive definite"


@pytest.mark.parametrize("f, point, expected", [
    ("x**2 + y**2", "0,0", "positive definite"),
    ("-x**2 - y**2", "0,0", "negative definite"),
    ("x**2 - y**2", "0,0", "indefinite"),
    ("x**2 + y**4", "0,0", "positive semidefinite"),
    ("-x**4 - y**2", "0,0", "negative semidefinite"),
])
def test_definiteness_at_critical_points(f, point, expected):
    data = parse_json(ok("hessian", f, "--at", point, "-f", "json"))
    assert data["definiteness"] == expected


def test_tensor_json_shape_and_values():
    data = parse_json(ok("derivative", "x**3*y + exp(y)", "-k", "3", "-f", "json"))
    assert data["order"] == 3
    t = data["tensor"]
    assert len(t) == 2 and len(t[0]) == 2 and len(t[0][0]) == 2
    x, y = sp.symbols("x y", real=True)
    assert read_back(t[0][0][1]) == 6 * x == read_back(t[1][0][0])
    assert read_back(t[1][1][1]) == sp.exp(y)


def test_derivative_order_one_and_two_match_gradient_and_hessian():
    assert ok("derivative", SEED, "-k", "2") == ok("hessian", SEED)
    assert ok("derivative", SEED, "-k", "1") == ok("gradient", SEED)


def test_eval_exact_and_float():
    out = ok("eval", "sin(x)**2 + y", "--at", "x=pi/4,y=1/2").splitlines()
    assert out == ["1", "numeric: 1.0"]
    data = parse_json(ok("eval", "sqrt(2)*pi", "-f", "json"))
    assert data["numeric"] == pytest.approx(2**0.5 * 3.141592653589793)


def test_gradient_at_exact_point():
    data = parse_json(ok("gradient", "sin(x)*y", "--at", "pi/3,2", "-f", "json"))
    assert data["gradient"] == ["1", "sqrt(3)/2"]  # 2*cos(pi/3), sin(pi/3)
    assert data["numeric"] == pytest.approx([1.0, 3**0.5 / 2])


def test_jacobian_at_point_and_vars():
    data = parse_json(ok("jacobian", "r*cos(t)", "r*sin(t)", "--vars", "r,t", "--at", "2,pi/2", "-f", "json"))
    assert data["functions"] == ["r*cos(t)", "r*sin(t)"] and data["expression"] == "r*cos(t); r*sin(t)"
    assert data["jacobian"] == [["0", "-2"], ["1", "0"]]


def test_vars_order_extra_variables_and_parameters():
    data = parse_json(ok("gradient", "a*x**2 + y", "--vars", "y,x,w", "-f", "json"))
    assert data["variables"] == ["y", "x", "w"]
    assert data["gradient"] == ["1", "2*a*x", "0"]


def test_natural_variable_order():
    data = parse_json(ok("gradient", "x10 + x2 + x1 + b + a", "-f", "json"))
    assert data["variables"] == ["a", "b", "x1", "x2", "x10"]


def test_parameters_in_point_left_symbolic():
    data = parse_json(ok("gradient", "a*x**2", "--vars", "x", "--at", "x=1", "-f", "json"))
    assert data["gradient"] == ["2*a"] and data["numeric"] == [None]
    data = parse_json(ok("gradient", "a*x**2", "--vars", "x", "--at", "x=1,a=3", "-f", "json"))
    assert data["numeric"] == [6.0]


def test_stdin_dash():
    assert ok("hessian", "-", input=SEED + "\n").strip() == SEED_HESSIAN
    data = parse_json(ok("jacobian", "-", "-f", "json", input="x*y\n\nx+y\n"))
    assert data["jacobian"] == [["y", "x"], ["1", "1"]]


def test_simplify_and_no_simplify():
    assert ok("gradient", "sin(x)**2*y + cos(x)**2*y", "--vars", "y").strip() == "[1]"
    raw = ok("gradient", "sin(x)**2*y + cos(x)**2*y", "--vars", "y", "--no-simplify").strip()
    assert raw == "[sin(x)**2 + cos(x)**2]"


def test_expression_may_start_with_a_minus():
    assert ok("gradient", "-x**2 - y").strip() == "[-2*x, -1]"
    assert ok("gradient", "--", "-x").strip() == "[-1]"


def test_caret_is_power():
    assert ok("gradient", "x^3-2*x+1").strip() == "[3*x**2 - 2]"


# --- output conventions ------------------------------------------------------------------------


def test_default_is_plain_when_piped_and_table_on_a_terminal():
    out = io.StringIO()
    env = Environment(stdout=out, stdout_isatty=True, env={})
    result = CliRunner().invoke(cli, ["hessian", SEED], obj=env)
    assert result.exit_code == 0
    text = out.getvalue()
    assert "Hessian" in text and "x1" in text and "\x1b[" in text  # rich, coloured
    env = Environment(stdout=(out := io.StringIO()), stdout_isatty=True, env={"NO_COLOR": "1"})
    CliRunner().invoke(cli, ["hessian", SEED], obj=env)
    assert "Hessian" in out.getvalue() and "\x1b[" not in out.getvalue()


def test_table_format_when_piped_has_no_escape_codes():
    out = ok("hessian", SEED, "-f", "table")
    assert "2*x1 + 3*x2**2" in out and "\x1b" not in out


def test_latex_output():
    out = ok("hessian", SEED, "-f", "latex")
    assert out.strip() == (r"\begin{bmatrix} 2 x_{2} & 2 x_{1} + 3 x_{2}^{2} \\ "
                           r"2 x_{1} + 3 x_{2}^{2} & 6 x_{1} x_{2} \end{bmatrix}")


# --- errors and exit codes ---------------------------------------------------------------------


@pytest.mark.parametrize("args, code, fragment", [
    (["eval", "log(x)", "--at", "0"], 1, "undefined at x=0"),
    (["gradient", "sqrt(x)", "--at", "0"], 1, "not real for x < 0"),
    (["eval", "sqrt(x)", "--at", "-1"], 1, "not real"),
    (["hessian", "x^^2"], 2, "position 3"),
    (["hessian", "sinn(x)"], 2, "did you mean 'sin'"),
    (["hessian", "x*y", "--at", "1"], 2, "1 value(s) but there are 2"),
    (["hessian", "x*y", "--at", "x=1,z=2"], 2, "unknown variable 'z'"),
    (["hessian", "x*y", "--vars", "x,x"], 2, "twice"),
    (["hessian", "x*y", "--vars", "pi"], 2, "constant"),
    (["gradient", "3"], 2, "no variables"),
    (["eval", "x + 1"], 2, "--at"),
    (["derivative", "x", "--order", "-1"], 2, "order"),
    (["derivative", "x", "--order", "50"], 2, "too high"),
    (["derivative", "x", "--order", "x"], 2, "not a valid integer"),
    (["hessian"], 2, "Missing argument"),
    (["hessian", "x", "--format", "xml"], 2, "xml"),
    (["nosuchcommand"], 2, "No such command"),
    (["gradient", "x", "--at", "y"], 2, "must be a number"),
])
def test_error_paths(args, code, fragment):
    line = fails(code, *args)
    assert fragment in line


def test_stdin_too_long():
    # stdin has the larger budget (2,000,000 characters) but still one
    assert "too long" in fails(2, "gradient", "-", input="x+" * 1_000_001 + "x")


def test_debug_shows_traceback():
    result = run("eval", "log(x)", "--at", "0", "--debug")
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_cpu_limit_is_a_clean_exit_1():
    # A real process, so the rlimit does not touch the test runner.
    code = ("import sys; sys.argv=['taylor','eval','x','--at','1','--timeout','1'];"
            "import taylorcli.cli as c, taylorcli.commands as w;"
            "w.tidy=lambda *a, **k: [sum(1 for _ in iter(int, 1))];"
            "c.main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith("taylor: error: time limit") and out.stderr.count("\n") == 1
