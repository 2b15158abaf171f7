"""Every function SymPy may print in a derivative or series of a parser function reads back.

`taylor expand "gamma(x)" --at 1 --order 3` once printed zeta(3), which the parser did not
know. For each function in the parser's table, the plain output of `derivative` and of
`expand` at a point of its domain is read back through our parser and compared with the
independently computed SymPy object (sympy.diff, sympy.series).
"""

from __future__ import annotations

import pytest
import sympy as sp
from click.testing import CliRunner

from taylorcli.cli import cli
from taylorcli.parse import FUNCTIONS, parse_expression
from test_roundtrip import equal, read_plain

x = sp.Symbol("x", real=True)

# A call of each function in x, and a point where it is smooth (a real, analytic value).
SAMPLES: dict[str, tuple[str, str]] = {
    "exp": ("exp(x)", "1"), "log": ("log(x, 3)", "2"), "ln": ("ln(x)", "2"), "sqrt": ("sqrt(x)", "2"),
    "sin": ("sin(x)", "1"), "cos": ("cos(x)", "1"), "tan": ("tan(x)", "1"), "sec": ("sec(x)", "1"),
    "csc": ("csc(x)", "1"), "cot": ("cot(x)", "1"), "sinh": ("sinh(x)", "1"), "cosh": ("cosh(x)", "1"),
    "tanh": ("tanh(x)", "1"), "asin": ("asin(x)", "1/2"), "acos": ("acos(x)", "1/2"),
    "atan": ("atan(x)", "1"), "atan2": ("atan2(x, 2)", "1"), "asinh": ("asinh(x)", "1"),
    "acosh": ("acosh(x)", "2"), "atanh": ("atanh(x)", "1/2"), "Abs": ("Abs(x)", "1"),
    "abs": ("abs(x - 3)", "1"), "sign": ("x*sign(x)", "1"), "erf": ("erf(x)", "1"),
    "gamma": ("gamma(x)", "1"), "sigmoid": ("sigmoid(x)", "1"), "softplus": ("softplus(x)", "1"),
    "min": ("min(x, 3)", "1"), "max": ("max(x, 3)", "1"), "Min": ("Min(x, 3)", "1"),
    "Max": ("Max(x, 3)", "1"), "polygamma": ("polygamma(1, x)", "1"), "zeta": ("zeta(2, x)", "1"),
    "Heaviside": ("x*Heaviside(x)", "1"), "DiracDelta": ("DiracDelta(x) + x**2", "1"),
    "re": ("re(x)*x", "1"), "im": ("im(x) + x", "1"),
}


def same_value(read: sp.Expr, want: sp.Expr, near: sp.Expr) -> bool:
    """Equal as functions: the same object, or equal at 30 digits at points near ``near``."""
    if equal(read, want):
        return True
    symbols = read.free_symbols | want.free_symbols
    for h in ("1/7", "-1/11", "3/13"):
        at = {v: near + parse_expression(h) for v in symbols}
        if abs(sp.N(read.xreplace(at) - want.xreplace(at), 30)) > 1e-25:
            return False
    return True


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def test_every_parser_function_has_a_sample():
    assert set(SAMPLES) == set(FUNCTIONS)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_derivatives_read_back(name):
    text, at = SAMPLES[name]
    f = parse_expression(text)
    for order in (1, 3):
        read = read_plain(run("derivative", text, "--order", str(order)).strip())
        while isinstance(read, list):  # one variable: [[[value]]]
            (read,) = read
        assert same_value(read, sp.diff(f, *f.free_symbols, order), parse_expression(at)), (text, order, read)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_taylor_polynomials_read_back(name):
    text, at = SAMPLES[name]
    f = parse_expression(text)
    (v,) = f.free_symbols
    a = parse_expression(at)
    read = parse_expression(run("expand", text, "--at", at, "--order", "3").strip())
    # The definition, sum of f^(k)(a)/k! (x - a)^k, with SymPy's derivatives.
    want = sum(sp.diff(f, v, k).subs(v, a) / sp.factorial(k) * (v - a) ** k for k in range(4))
    assert same_value(read, want, a), (text, read, want)


def test_gamma_at_one_prints_zeta_that_reads_back():
    read = parse_expression(run("expand", "gamma(x)", "--at", "1", "--order", "3").strip())
    assert read.has(sp.zeta)
    (v,) = read.free_symbols
    assert sp.simplify(read - sp.series(sp.gamma(v), v, 1, 4).removeO()) == 0


def test_zeta_of_a_variable_order_is_refused():
    result = CliRunner().invoke(cli, ["derivative", "zeta(x)", "--order", "1"])
    assert result.exit_code == 2 and "must be a constant" in result.stderr


def test_every_function_differentiates_in_closed_form_or_is_refused():
    """No result holds Derivative(...) (no closed form, and it does not read back): a function SymPy
    cannot differentiate in an argument (zeta's s, polygamma's order) takes only a constant there."""
    import sympy as sp

    from taylorcli.calculus import gradient
    from taylorcli.errors import ParseError
    from taylorcli.parse import parse_expression
    from taylorcli.vocabulary import FUNCTIONS

    names = ["x", "y", "z"]
    for name, function in FUNCTIONS.items():
        for arity in function.arities:
            text = f"{name}({', '.join(names[:arity])})"
            try:
                expr = parse_expression(text)
            except ParseError:
                continue  # refused at the door, with a reason
            assert not any(g.has(sp.Derivative) for g in gradient(expr, names[:arity])), text


def test_arguments_sympy_refuses_are_usage_errors():
    """DiracDelta(x, 1/2) was an internal error (SymPy's ValueError); polygamma(y, x) printed Derivative(...)."""
    from click.testing import CliRunner

    from taylorcli.cli import cli
    for text, says in [("DiracDelta(x, 1/2)", "non-negative integer"), ("DiracDelta(x, y)", "non-negative integer"),
                       ("polygamma(y, x)", "first argument of polygamma must be a constant")]:
        result = CliRunner().invoke(cli, ["gradient", text])
        assert result.exit_code == 2 and says in result.stderr and "internal error" not in result.stderr, text
        assert result.stderr.count("\n") == 1 and result.stdout == ""
