"""Issue 10's interface items: strict options with "Did you mean", bare help, parse errors in plain words."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.errors import ParseError


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("args, wanted", [
    (["gradient", "--verbose"], "No such option '--verbose'"),
    (["hessian", "-q"], "No such option '-q'"),
    (["gradient", "x*y", "--att", "1,2"], "'--at'"),
    (["gradient", "-x"], "'(-x)'"),
])
def test_unknown_options_are_errors_with_suggestions(args, wanted):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert wanted in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("args, first_line", [
    (["gradient", "-x**2"], "[-2*x]"),
    (["eval", "-1"], "-1"),
    (["eval", "-.5"], "-1/2"),
    (["eval", "-(x)", "--at", "2"], "-2"),
    (["gradient", "-sinh(x)"], "[-cosh(x)]"),
    (["newton", "(x-1)**2", "--x0", "-1.5", "-f", "plain"], None),
])
def test_expressions_that_start_with_minus_still_work(args, first_line):
    result = run(*args, *([] if "-f" in args else ["-f", "plain"]))
    assert result.exit_code == 0, result.output
    if first_line is not None:
        assert result.stdout.splitlines()[0] == first_line


def test_bare_taylor_shows_the_help():
    result = run()
    assert result.exit_code == 0 and result.stdout.startswith("Usage: taylor")
    assert "Commands:" in result.stdout and result.stderr == ""


@pytest.mark.parametrize("text, hint", [
    ("3xy", "write 3*xy (or 3*x*y for a product)"),
    ("x + 2.5ab", "write 2.5*ab (or 2.5*a*b for a product)"),
    ("(x, y)", "a comma is not an operator"),
    ("x**", "not a complete expression"),
])
def test_parse_errors_speak_plainly(text, hint):
    result = run("gradient", text)
    assert result.exit_code == 2 and hint in result.stderr
    assert "decimal literal" not in result.stderr and result.stderr.count("\n") == 1


def test_the_caret_points_at_the_mistake():
    from taylorcli.parse import parse_expression
    with pytest.raises(ParseError) as info:
        parse_expression("x + 3xy")
    assert info.value.caret() == ["  x + 3xy", "      ^"]


def test_a_bare_e_is_a_variable_and_the_user_is_told():
    result = run("gradient", "e**x", "-f", "plain")
    assert result.exit_code == 0
    assert "'e' is a variable here; Euler's number is E" in result.stderr
    assert "warning" not in run("gradient", "E**x", "-f", "plain").stderr


def test_params_are_constants_substituted_exactly():
    """--param a=3: the Hessian is sympy's of f with a = 3 substituted (2x2, not 3x3 with a as a variable)."""
    import json

    import sympy as sp
    x, y, a = sp.symbols("x y a", real=True)
    f = a * x**2 * y + sp.exp(a * y)
    result = run("hessian", "a*x**2*y + exp(a*y)", "--param", "a=3/2", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = sp.hessian(f.subs(a, sp.Rational(3, 2)), (x, y))
    from taylorcli.parse import parse_expression, set_parameters
    set_parameters([])
    got = sp.Matrix([[parse_expression(v) for v in row] for row in data["hessian"]])
    assert sp.simplify(got - expected.xreplace({s: sp.Symbol(s.name, real=True) for s in expected.free_symbols})) \
        == sp.zeros(2, 2)
    assert data["variables"] == ["x", "y"] and data["params"] == {"a": "3/2"}


def test_params_reach_optimizers_and_expansions():
    import json
    out = run("newton", "(x-a)**2 + b*y**2", "--x0", "0,0", "--param", "a=2,b=1/2", "-f", "json")
    data = json.loads(out.stdout)
    assert out.exit_code == 0 and abs(data["x"][0] - 2) < 1e-9 and abs(data["x"][1]) < 1e-9
    out = run("expand", "exp(k*x)", "--order", "3", "--param", "k=1/2", "-f", "plain")
    assert out.stdout.splitlines()[0] == "1 + x/2 + x**2/8 + x**3/48"


@pytest.mark.parametrize("value", ["a", "=3", "a=", "a=x+", "1a=2"])
def test_bad_params_are_usage_errors(value):
    result = run("hessian", "x**2", "--param", value)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_optimizer_plain_output_names_the_variables():
    """A function of w and b: the point says which number is which (b comes first), and reads back."""
    from taylorcli.parse import parse_point, symbol
    result = run("newton", "(w-1)**2 + (b+2)**2", "--x0", "0,0", "-f", "plain")
    first = result.stdout.splitlines()[0]
    assert first.startswith("b=") and ", w=" in first
    point = parse_point(first, [symbol("b"), symbol("w")])
    assert abs(float(point[symbol("b")]) + 2) < 1e-9 and abs(float(point[symbol("w")]) - 1) < 1e-9


def test_a_parameter_named_as_a_variable_is_a_usage_error():
    result = run("hessian", "a*x**2", "--param", "a=3", "--vars", "a")
    assert result.exit_code == 2 and "'a' is a parameter" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_an_unused_parameter_is_warned_about_once():
    result = run("hessian", "a*x**2", "--param", "a=3,b=2", "-f", "plain")
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == "[[6]]"
    assert result.stderr == "taylor: warning: --param b: 'b' does not occur in the expression\n"
    assert run("hessian", "a*x**2", "--param", "a=3", "-f", "plain").stderr == ""


@pytest.mark.parametrize("text, words", [
    ("x, y", "a comma is not an operator"), ("x < y", "'<'"), ("x if y else 1", "'if' is a Python keyword"),
    ("x.real", "a '.' after a name"), ("x[1:2]", "'['"),
])
def test_no_python_words_in_parse_errors(text, words):
    result = run("gradient", text)
    assert result.exit_code == 2 and words in result.stderr
    assert not any(w in result.stderr for w in ("Tuple", "Compare", "IfExp", "Attribute", "Lambda"))


@pytest.mark.parametrize("args, names", [
    (["gradient", "x*y + z", "--at", "1,2,3"], "x, y, z"),
    (["hessian", "b*w**2", "--at", "1,2"], "b, w"),
    (["jacobian", "x*y", "y", "--at", "1,2"], "x, y"),
])
def test_plain_vectors_at_a_point_name_their_variables(args, names):
    """The numbers after 'numeric:' are in the order of the 'variables:' line, which reads back."""
    from taylorcli.parse import parse_variables
    result = run(*args, "-f", "plain")
    assert result.exit_code == 0
    line = result.stdout.splitlines()[-1]
    assert line == f"variables: {names}"
    assert [v.name for v in parse_variables(line.split(": ", 1)[1])] == names.split(", ")


def test_an_iteration_limit_says_how_to_raise_it():
    result = run("newton", "(1-x)**2 + 100*(y-x**2)**2", "--x0", "-1.2,1", "--max-iter", "3", "-f", "plain")
    assert result.exit_code == 1 and result.stderr.rstrip().endswith("raise the limit with --max-iter")
