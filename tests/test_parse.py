"""The safe parser, against SymPy objects built directly (never from parser output)."""

from __future__ import annotations

import re
import time

import pytest
import sympy as sp

from taylorcli.errors import InputError, LimitError, ParseError, TaylorError
from taylorcli.parse import (
    FUNCTIONS,
    MAX_DEPTH,
    natural_key,
    parse_expression,
    parse_point,
    parse_value,
    parse_variables,
    resolve_variables,
    symbol,
    variables_of,
)

x, y, z = (sp.Symbol(n, real=True) for n in "xyz")


@pytest.mark.parametrize("text, expected", [
    ("x^3-2*x+1", x**3 - 2 * x + 1),  # not x**(4-2*x), as XOR precedence would give
    ("x ^ 2 ^ 3", x**8),
    ("2^-1", sp.Rational(1, 2)),
    ("-x**2", -(x**2)),
    ("0.1*x + 1e-3", x / 10 + sp.Rational(1, 1000)),
    ("2.5e2", sp.Integer(250)),
    ("1_000*x", 1000 * x),
    ("+x - -y", x + y),
    ("x/y/z", x / (y * z)),
    ("x - y - z", x - y - z),
    ("pi*E", sp.pi * sp.E),
    ("log(x, 2)", sp.log(x) / sp.log(2)),
    ("ln(x)", sp.log(x)),
    ("abs(x) + Abs(y)", sp.Abs(x) + sp.Abs(y)),
    ("sigmoid(x)", 1 / (1 + sp.exp(-x))),
    ("softplus(x)", sp.log(1 + sp.exp(x))),
    ("min(x, y, 3)", sp.Min(x, y, 3)),
    ("max(x, y)", sp.Max(x, y)),
    ("atan2(y, x)", sp.atan2(y, x)),
    ("gamma(x)", sp.gamma(x)),
    ("  sin(x)\n + 1\t", sp.sin(x) + 1),
    ("sqrt(2)**2", sp.Integer(2)),
    ("8**(1/3)", sp.Integer(2)),
])
def test_parses_to_expected(text, expected):
    assert parse_expression(text) == expected


def test_every_function_parses_with_its_arity():
    for name, function in FUNCTIONS.items():
        arity = function.arities[0] if function.arities else 2
        args = ", ".join(["x", "2", "y"][:arity]) if name not in ("polygamma", "zeta") else "2, x"
        expr = parse_expression(f"{name}({args})")
        assert isinstance(expr, sp.Expr)


def test_names_are_plain_real_symbols():
    gamma, beta = sp.Symbol("gamma", real=True), sp.Symbol("beta", real=True)
    # A bare gamma or beta is a variable, never SymPy's function.
    assert parse_expression("gamma*x + beta") == gamma * x + beta
    assert parse_expression("gamma(x)*gamma") == sp.gamma(x) * gamma
    assert all(s.is_real for s in parse_expression("a*b_1 + Q").free_symbols)
    assert parse_expression("lambda_ + e") == sp.Symbol("lambda_", real=True) + sp.Symbol("e", real=True)


@pytest.mark.parametrize("text, fragment, position", [
    ("x^^2", "syntax error", 3),
    ("sinn(x)", "did you mean 'sin'", 1),
    ("x + (y", "syntax error", None),
    ("x // 2", "'//' is not supported", 1),
    ("x % 2", "'%' is not allowed", 3),
    ("x(2)", "unknown function 'x'", 1),
    ("sin(x, y)", "takes 1 argument(s), got 2", 1),
    ("log()", "takes 1 or 2 argument(s), got 0", 1),
    ("x.real", "a '.' after a name is not allowed", 1),
    ("lambda x: x", "':' is not allowed", 9),
    ("lambda", "keyword", 1),
    ("I*x", "complex numbers", 1),
    ("oo", "reserved", 1),
    ("_x", "invalid name", 1),
    ("a" * 33, "too long", 1),
    ("1j", "imaginary", 1),
    ("x é", "U+00E9", 3),
    ("x\x1b[2J", "U+001B", 2),
    ("x\0", "NUL", 2),
    ("x × y", "did you mean '*'", 3),
    ("[x]", "use ( )", 1),
    ("1e999", "out of range", 1),
    ("9**9**9", "too large", None),
    ("1/0", "undefined", 1),
    ("x/0", "undefined", None),
    ("log(0)", "undefined", 1),
    ("sqrt(-1)", "not real", 1),
    ("asin(2)", "not real", 1),
    ("", "empty", None),
    ("   ", "empty", None),
])
def test_errors_name_the_problem_and_position(text, fragment, position):
    with pytest.raises(ParseError) as info:
        parse_expression(text)
    assert fragment in str(info.value)
    if position is not None:
        assert info.value.position == position - 1


def test_position_accounts_for_caret_rewrite():
    with pytest.raises(ParseError) as info:
        parse_expression("x^2^3 + sinn(x)")
    assert info.value.position == 8
    with pytest.raises(ParseError) as info:
        parse_expression("   x^2 + foo(x)")
    assert info.value.position == 9


def test_error_messages_never_echo_control_characters():
    for text in ["x\x1b]0;pwned\x07", "x\x9b31m", "\u202ex", "x\u200by"]:
        with pytest.raises(ParseError) as info:
            parse_expression(text)
        assert str(info.value).isprintable() and str(info.value).isascii()


@pytest.mark.parametrize("text", [
    "9**9**9**9", "1e999999999", "gamma(10**10)", "exp(exp(exp(30)))", "10**10**10",
    "(x+1)**(10**9)", "x**100000", "(x**100)**200", "2**(10**6)", "polygamma(0, 10**6)",
    "1" * 200, "(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1), "-" * 20_000 + "x",
])
def test_hostile_limits_are_cheap(text):
    start = time.perf_counter()
    with pytest.raises(LimitError):
        parse_expression(text)
    assert time.perf_counter() - start < 1.0


def test_within_limits_is_accepted():
    deep = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert parse_expression(deep) == x
    flat = " + ".join(f"x{i}" for i in range(1, 1001))
    start = time.perf_counter()
    expr = parse_expression(flat)
    assert time.perf_counter() - start < 2.0
    assert len(expr.args) == 1000
    assert parse_expression("x**10000") == x**10000
    assert parse_expression("-" * 500 + "x") == x


def test_natural_order():
    assert sorted(["x10", "y", "x2", "x1", "b", "x"], key=natural_key) == ["b", "x", "x1", "x2", "x10", "y"]
    assert [v.name for v in variables_of(parse_expression("x10 + x9 + a"))] == ["a", "x9", "x10"]


def test_variables():
    assert parse_variables("z, y ,x") == [z, y, x]
    for bad, fragment in [("x,x", "twice"), ("pi", "constant"), ("x,1y", "invalid name"),
                          ("lambda", "keyword"), ("", "no variables"), ("__class__", "invalid name")]:
        with pytest.raises(InputError, match=fragment):
            parse_variables(bad)
    assert resolve_variables([x * y], None) == [x, y]
    assert resolve_variables([x * y], ["y", "x"]) == [y, x]
    with pytest.raises(InputError, match="no variables"):
        resolve_variables([sp.Integer(3)], None)


def test_points():
    assert parse_point("1,2", [x, y]) == {x: 1, y: 2}
    assert parse_point("y=1/2, x=pi/4", [x, y]) == {x: sp.pi / 4, y: sp.Rational(1, 2)}
    assert parse_point("atan2(1,2), sqrt(2)", [x, y]) == {x: sp.atan2(1, 2), y: sp.sqrt(2)}
    assert parse_point("-1.2,1", [x, y]) == {x: sp.Rational(-6, 5), y: 1}
    a = sp.Symbol("a", real=True)
    assert parse_point("x=1,a=2", [x], [a]) == {x: 1, a: 2}
    for bad, fragment in [("1", "1 value(s) but there are 2"), ("x=1,2", "not both"), ("x=1", "no value for y"),
                          ("x=1,z=2", "unknown variable 'z'"), ("x=1,x=2", "twice"), ("1,y", "must be a number"),
                          ("1,log(0)", "undefined"), ("1,__import__", "invalid name")]:
        with pytest.raises(TaylorError, match=re.escape(fragment)):
            parse_point(bad, [x, y])


def test_parse_value():
    assert parse_value("pi/4") == sp.pi / 4
    with pytest.raises(InputError):
        parse_value("x")


def test_symbol_validation():
    assert symbol("x1") == sp.Symbol("x1", real=True)
    with pytest.raises(InputError):
        symbol("E")
    with pytest.raises(InputError):
        symbol(3)  # type: ignore[arg-type]


def test_non_string_input():
    with pytest.raises(InputError):
        parse_expression(b"x")  # type: ignore[arg-type]


def test_marking_squares_finite_leaves_sympy_classes_alone():
    # The parser tells SymPy that the terms of (a + b)**2 are finite; it must say so of
    # those terms only, never in the dict a fresh Mul shares with every other Mul.
    parse_expression("(y - x**2)**2 + (1 - x*y)**2")
    assert "infinite" not in sp.Mul.default_assumptions
    z = sp.Symbol("z")
    assert sp.Mul(sp.oo, z, evaluate=False).is_infinite is not False


@pytest.mark.parametrize("text", ["-1/3", "3/2", "0", "-0", "1", "-1", "4/2", "-6/4", "7/1", "-0/5", "2",
                                  "123456789012345678901234567890", "-1/123456789012345678901234567890",
                                  "1/0", "01", "1/ 2", "+1", "1.5", "-1/-3", "1_0"])
def test_a_point_value_that_is_a_plain_rational_is_the_parsers(text):
    """points.parse_value reads -p/q without the parser: the very object the parser builds (or its error)."""
    try:
        reference = parse_expression(text)
    except TaylorError as error:
        with pytest.raises(type(error)):
            parse_value(text)
        return
    found = parse_value(text)
    assert sp.srepr(found) == sp.srepr(reference) and type(found) is type(reference)
    assert found == reference and hash(found) == hash(reference)


def test_plain_rationals_at_random_are_the_parsers():
    import random
    rng = random.Random(9)
    for _ in range(300):
        p, q = rng.randint(-10**6, 10**6), rng.randint(1, 10**4)
        for text in (str(p), f"{p}/{q}"):
            found, reference = parse_value(text), parse_expression(text)
            assert sp.srepr(found) == sp.srepr(reference) and type(found) is type(reference)
