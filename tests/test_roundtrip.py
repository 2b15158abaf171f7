"""What is printed is what was computed: every exact value in every format reads back.

Plain text and JSON are read back through our own parser, LaTeX through SymPy's
LaTeX parser (antlr backend, a dev dependency), and each must equal the object
the command computed. Independently, the computed objects are compared with
``sympy.diff`` and with the multi-index definition of a Taylor polynomial, so
a printer and an engine cannot agree on a wrong answer.

Inputs carry the constants that broke the old hand-built printer: irrational
and negative-sum constants (sqrt(2) - 2, E - 3, log(2) - 1, EulerGamma),
parameters, and rational and pi points.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
import re
import warnings
from unittest import mock

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taylorcli import commands
from taylorcli.errors import MathError
from taylorcli import parse as _parse
from taylorcli.parse import parse_expression as _parse_expression


def parse_expression(text: str):
    """Our parser, without the length limit meant for user input: an expansion may
    print longer than a user may type, and it must still read back."""
    with mock.patch.object(_parse, "MAX_LENGTH", 10**7):
        return _parse_expression(text)
from taylorcli.render import show

pytest.importorskip("antlr4")
from sympy.parsing.latex import parse_latex  # noqa: E402

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
# TAYLOR_LONG_PROPERTIES=1: a longer exploration than CI's bounded run.
EXAMPLES = 200 if os.environ.get("TAYLOR_LONG_PROPERTIES") else 20

EXPRESSIONS = [
    ("x**2 + x + sqrt(2) - 2", None),
    ("1/(1 + x**2) + sqrt(2) - 2", None),
    ("(E - 3)*exp(x*y) + (log(2) - 1)*y**2", None),
    ("(pi - 3) - 7 + 4*x1**3 + 4*x1*x2**2 + pi/4", None),
    ("EulerGamma*sin(x) - cos(y)/3 + x*y*(sqrt(3) - 2)", None),
    ("erf(x) + atan(x*y) - 1", None),
    ("sqrt(1 + x**2)*(sqrt(2) - 2) - x*y", None),
    ("a*x**2 + (sqrt(3) - 2)*x*y - exp(-a*y)", "x,y"),
    ("log(1 + x**2) - (E - 3)*x*y + tanh(y)/7", None),
]
POINTS = [None, "1/2,-2,3", "pi/4,1/3,-1"]  # the first n values for n variables


# --- reading the printed text back -----------------------------------------------------------

def _split_top(text: str) -> list[str]:
    """Top-level comma-separated items of "[a, [b, c]]" (our parser reads expressions, not lists)."""
    text = text.strip()
    assert text.startswith("[") and text.endswith("]"), text
    items, depth, start = [], 0, 1
    for i, ch in enumerate(text[1:-1], start=1):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:-1])
    return [item.strip() for item in items if item.strip()]


def read_plain(text: str):
    """Nested lists of parsed values from plain text such as "[[2*x, 1], [1, 0]]"."""
    text = text.strip()
    if text.startswith("["):
        return [read_plain(item) for item in _split_top(text)]
    return parse_expression(text)


# Functions SymPy's LaTeX reader does not know: \operatorname{erf}{\left(u\right)} becomes F(u).
_LETTERS = {"F": sp.erf, "G": sp.sign, "R": sp.re, "J": sp.im, "T": sp.atan2}
_OPERATORS = {r"\operatorname{erf}": "F", r"\operatorname{sign}": "G", r"\operatorname{re}": "R",
              r"\operatorname{im}": "J", r"\operatorname{atan}_{2}": "T"}


def _applications(text: str) -> str:
    for name, letter in _OPERATORS.items():
        while name + "{" in text:
            start = text.index(name + "{")
            i, depth = start + len(name), 0
            for j in range(i, len(text)):
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                if depth == 0:
                    break
            inner = text[i + 1:j].strip()
            inner = inner.removeprefix(r"\left(").removesuffix(r"\right)").strip()
            text = f"{text[:start]}{letter}({inner}){text[j + 1:]}"
    return text


def _atoms(text: str) -> str:
    """Brace every \\left( ... \\right) group, with its exponent: an atom to the reader.

    The antlr reader takes "a \\left(x\\right)^{2}" for a function a applied to x, then
    squared; a reader of mathematics (and LaTeX's own layout) multiplies a by x**2.
    """
    out, i = [], 0
    while i < len(text):
        if text.startswith(r"\left(", i):
            depth, j = 0, i
            while j < len(text):
                if text.startswith(r"\left(", j):
                    depth, j = depth + 1, j + 6
                elif text.startswith(r"\right)", j):
                    depth, j = depth - 1, j + 7
                    if depth == 0:
                        break
                else:
                    j += 1
            group = _atoms(text[i + 6:j - 7])
            end = j
            if text.startswith("^{", j):
                level, end = 0, j + 1
                while end < len(text):
                    level += {"{": 1, "}": -1}.get(text[end], 0)
                    end += 1
                    if level == 0:
                        break
            # After a factor ("2 x \\left(...\\right)") the antlr reader drops the x unless the
            # product is written out; after "{" (a function's argument brace) it is no product.
            before = "".join(out).rstrip()[-1:]
            product = "\\cdot " if before.isalnum() or before == "}" else ""
            out.append(product + "{\\left(" + group + "\\right)" + text[j:end] + "}")
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


_FUNCTIONS = re.compile(r"\\(sinh|cosh|tanh|sin|cos|tan|cot|sec|csc|log|arcsin|arccos|arctan|arccot)(?![a-z])")


def _group(text: str, i: int) -> int:
    """The index after the {...} group that starts at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return j + 1
    raise ValueError(text)


def _function_atoms(text: str) -> str:
    """\\log{\\left(2\\right)}^{2} is (log 2)**2 and \\sin{a} b is sin(a)*b: brace them so.

    The antlr reader takes the first for log(4) and lets a function's argument run on.
    """
    out, i = [], 0
    while True:
        m = _FUNCTIONS.search(text, i)
        if not m:
            return "".join(out) + text[i:]
        out.append(text[i:m.start()])
        j, power = m.end(), ""
        if text.startswith("^{", j):
            end = _group(text, j + 1)
            power, j = text[j + 1:end], end
        if not text.startswith("{", j):
            out.append(text[m.start():j])
            i = j
            continue
        end = _group(text, j)
        argument = _function_atoms(text[j + 1:end - 1])
        if text.startswith("^{", end):
            after = _group(text, end + 1)
            power, end = text[end + 1:after], after
        call = "\\" + m.group(1) + "{" + argument + "}"
        out.append("{\\left(" + call + "\\right)^" + power + "}" if power else "{" + call + "}")
        i = end


def read_latex(text: str) -> sp.Expr:
    """Our LaTeX back to a SymPy object, through SymPy's LaTeX parser."""
    text = _atoms(_function_atoms(_applications(text))).replace(r"\gamma", "Q")  # the reader's \gamma is a function
    text = re.sub(r"\\left\|\{(.*?)\}\\right\|", r"\\left|\1\\right|", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expr = parse_latex(text)
    names = {}
    for s in expr.free_symbols:
        name = re.sub(r"[{}_]", "", s.name)
        names[s] = {"e": sp.E, "Q": sp.EulerGamma, "pi": sp.pi}.get(name, sp.Symbol(name, real=True))
    expr = expr.xreplace(names)
    expr = expr.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef) and e.func.__name__ in _LETTERS,
                        lambda e: _LETTERS[e.func.__name__](*e.args))
    # The reader takes "y \left(E - 3\right)" for a function y applied to E - 3; we never print one.
    expr = expr.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef) and len(e.args) == 1,
                        lambda e: sp.Symbol(e.func.__name__, real=True) * e.args[0])
    return expr.doit()


def read_latex_matrix(text: str) -> list:
    body = text.split(r"\begin{bmatrix}")[1].split(r"\end{bmatrix}")[0]
    return [[read_latex(cell) for cell in row.split("&")] for row in body.split(r"\\")]


def by_name(expr: sp.Expr, like: sp.Expr) -> sp.Expr:
    """``expr`` with its symbols replaced by ``like``'s symbols of the same name."""
    names = {s.name: s for s in like.free_symbols if isinstance(s, sp.Symbol)}
    return expr.xreplace({s: names.get(s.name, s) for s in expr.free_symbols if isinstance(s, sp.Symbol)})


def equal(read: sp.Expr, computed: sp.Expr, exact_object: bool = True) -> bool:
    """Read-back equality: the same object for our own parser; the same value for LaTeX."""
    read = by_name(sp.sympify(read), computed)
    if read == computed:
        return True
    if exact_object:
        # Our parser builds SymPy's canonical objects; equal up to SymPy's own re-association.
        return sp.expand(read - computed) == 0
    # The LaTeX reader builds its own (partly unevaluated) objects: compare values, exactly
    # where SymPy can, else at 30 digits at a few points.
    read = sp.sympify(sp.sstr(read))
    read = by_name(read, computed)
    if sp.simplify(read - computed) == 0:
        return True
    symbols = sorted(read.free_symbols | computed.free_symbols, key=lambda s: s.name)
    for values in ([sp.Rational(3, 7) * (i + 1) for i in range(len(symbols))],
                   [sp.Rational(-5, 11) + i for i in range(len(symbols))]):
        point = dict(zip(symbols, values))
        a, b = sp.N(read.subs(point), 30), sp.N(computed.subs(point), 30)
        if not (a.is_number and b.is_number) or abs(a - b) > sp.Float("1e-20", 30) * (1 + abs(b)):
            return False
    return True


def assert_nested_equal(read, computed, exact_object: bool = True) -> None:
    if isinstance(computed, (list, tuple)):
        assert len(read) == len(computed)
        for r, c in zip(read, computed):
            assert_nested_equal(r, c, exact_object)
        return
    assert equal(read, computed, exact_object), (read, computed)


def render(result, fmt: str) -> str:
    out = io.StringIO()
    show(result, fmt, out)
    return out.getvalue()


# --- derivative-shaped results ---------------------------------------------------------------

def _reference(kind: str, expr: sp.Expr, variables: list[sp.Symbol], order: int = 0):
    """The same derivatives from sympy.diff, independently of taylorcli."""
    if kind == "value":
        return expr
    if kind == "gradient":
        return [sp.diff(expr, v) for v in variables]
    if kind == "hessian":
        return [[sp.diff(expr, u, v) for v in variables] for u in variables]

    def tensor(prefix: tuple, depth: int):
        if depth == 0:
            return sp.diff(expr, *prefix) if prefix else expr
        return [tensor(prefix + (v,), depth - 1) for v in variables]
    return tensor((), order)


def _at(value, point):
    if isinstance(value, list):
        return [_at(v, point) for v in value]
    return value.subs(point) if point else value


def _check_result(result, reference) -> None:
    exact = result.exact
    # 1. the computed object is right (independent reference, compared by value)
    assert_nested_equal(exact, _at(reference, result.at), exact_object=False)
    # 2. plain: the first line reads back to the computed object
    plain = render(result, "plain").splitlines()[0]
    assert_nested_equal(read_plain(plain), exact)
    # 3. JSON: the exact strings read back; the point too
    data = json.loads(render(result, "json"))
    key = {"tensor": "tensor"}.get(result.kind, result.kind)
    strings = data[key]
    parsed = [read_plain(f"[{', '.join(_flatten(strings))}]")] if isinstance(strings, list) else None
    if parsed is not None:
        assert_nested_equal(parsed[0], _flatten_values(exact))
    else:
        assert equal(parse_expression(strings), exact)
    if result.at:
        for v, a in result.at.items():
            assert equal(parse_expression(data["at"][v.name]), a)
    # 4. LaTeX through SymPy's LaTeX reader
    latex = render(result, "latex").splitlines()
    if result.kind in ("gradient", "hessian", "jacobian"):
        matrix = read_latex_matrix(latex[0])
        want = [[e] for e in exact] if result.kind == "gradient" else exact
        assert_nested_equal(matrix, want, exact_object=False)
    elif result.kind == "value":
        assert equal(read_latex(latex[0]), exact, exact_object=False)
    else:
        rows = [line.split("&=")[1].rstrip(" \\") for line in latex if "&=" in line]
        want = [value for _, value in _distinct(exact, len(result.variables), result.order)]
        assert_nested_equal([read_latex(r) for r in rows], want, exact_object=False)


def _flatten(value) -> list:
    if isinstance(value, list):
        return [leaf for item in value for leaf in _flatten(item)]
    return [value]


def _flatten_values(value) -> list:
    return _flatten(value)


def _distinct(tensor, n: int, k: int):
    for index in itertools.combinations_with_replacement(range(n), k):
        value = tensor
        for i in index:
            value = value[i]
        yield index, value


def _run(kind: str, text: str, vars_: str | None, at: str | None, simplify: bool):
    if kind == "gradient":
        return commands.run_gradient(text, vars_, at, simplify)
    if kind == "hessian":
        return commands.run_hessian(text, vars_, at, simplify)
    if kind == "tensor":
        return commands.run_derivative(text, 3, vars_, at, simplify)
    return commands.run_evaluate(text, vars_, at, simplify)


def _point(at: str | None, variables: list) -> str | None:
    return None if at is None else ",".join(at.split(",")[:len(variables)])


def _variables(text: str, vars_: str | None) -> list[sp.Symbol]:
    expr = parse_expression(text)
    if vars_:
        return [sp.Symbol(name, real=True) for name in vars_.split(",")]
    return sorted(expr.free_symbols, key=lambda s: s.name)


@pytest.mark.parametrize("kind", ["gradient", "hessian", "tensor", "value"])
@pytest.mark.parametrize("text, vars_", EXPRESSIONS)
@pytest.mark.parametrize("at", POINTS)
@pytest.mark.parametrize("simplify", [True, False])
def test_derivative_results_read_back_in_every_format(kind, text, vars_, at, simplify):
    if kind == "value" and at is None:
        pytest.skip("eval needs a point")
    if kind == "tensor" and (at is None or not simplify):
        pytest.skip("order-3 tensors: one symbolic run per expression is enough")
    variables = _variables(text, vars_)
    point_text = _point(at, variables)
    if at is not None and parse_expression(text).free_symbols - set(variables):
        point_text = None
        if kind == "value":
            pytest.skip("eval of a parameterised expression needs every value")
    result = _run(kind, text, vars_, point_text, simplify)
    expr = parse_expression(text)
    reference = _reference(kind, expr, result.variables, 3)
    _check_result(result, reference)


def test_jacobian_reads_back_in_every_format():
    result = commands.run_jacobian(("x*y + sqrt(2) - 2", "exp(x)*(E - 3)", "log(2) - 1 - y**2"), None, None, True)
    x, y = result.variables
    exprs = [x * y + sp.sqrt(2) - 2, sp.exp(x) * (sp.E - 3), sp.log(2) - 1 - y**2]
    reference = [[sp.diff(e, v) for v in (x, y)] for e in exprs]
    assert_nested_equal(result.exact, reference, exact_object=False)
    assert_nested_equal(read_plain(render(result, "plain").splitlines()[0]), result.exact)
    data = json.loads(render(result, "json"))
    assert_nested_equal([[parse_expression(s) for s in row] for row in data["jacobian"]], result.exact)
    assert_nested_equal(read_latex_matrix(render(result, "latex").splitlines()[0]), result.exact, False)


# --- expansions --------------------------------------------------------------------------------

def taylor_by_definition(expr: sp.Expr, variables: list[sp.Symbol], point: dict, k: int) -> sp.Expr:
    """sum over |alpha| <= k of D^alpha f(a) / alpha! (x - a)^alpha, straight from sympy.diff."""
    total = sp.Integer(0)
    n = len(variables)
    for alpha in itertools.product(range(k + 1), repeat=n):
        if sum(alpha) > k:
            continue
        d = expr
        for v, p in zip(variables, alpha):
            if p:
                d = sp.diff(d, v, p)
        value = d.subs(point)
        monomial = sp.Mul(*((v - point[v]) ** p for v, p in zip(variables, alpha)))
        total += value / math.prod(math.factorial(p) for p in alpha) * monomial
    return total


def _check_expansion(report) -> None:
    e = report.expansion
    polynomial = e.polynomial
    # plain: the first line, and each --terms line
    lines = render(report, "plain").splitlines()
    first = lines[0].split(" + O(")[0] if report.remainder else lines[0]
    assert equal(parse_expression(first), polynomial)
    terms = [line.split("): ", 1)[1] for line in lines if line.startswith("degree ")]
    for (d, term), text in zip(e.terms, terms):
        assert equal(parse_expression(text), term)
    coefficients = [line for line in lines if line.startswith("coefficient [")]
    for (powers, c), line in zip(e.coefficients, coefficients):
        assert equal(parse_expression(line.split("]: ", 1)[1].rsplit(" (", 1)[0]), c)
    # JSON: polynomial, terms, coefficients, point, expression
    data = json.loads(render(report, "json"))
    assert equal(parse_expression(data["polynomial"]), polynomial)
    assert equal(parse_expression(data["expression"]), e.expression)
    for (d, term), item in zip(e.terms, data["terms"]):
        assert equal(parse_expression(item["expression"]), term)
    for (powers, c), item in zip(e.coefficients, data["coefficients"]):
        assert equal(parse_expression(item["value"]), c)
        assert [sp.Rational(p) for p in item["powers"]] == list(powers)
    for v, a in e.at.items():
        if a in (sp.oo, -sp.oo):
            assert data["at"][v.name] == sp.sstr(a)
        else:
            assert equal(parse_expression(data["at"][v.name]), a)
    # LaTeX: the first line, and each aligned row
    latex = render(report, "latex").splitlines()
    first = latex[0].split(r" + O\left(")[0] if report.remainder else latex[0]
    assert equal(read_latex(first), polynomial, exact_object=False)
    rows = [line.split("&=")[1].rstrip(" \\") for line in latex if "&=" in line]
    for (d, term), row in zip(e.terms, rows):
        assert equal(read_latex(row), term, exact_object=False)


@pytest.mark.parametrize("text, vars_", EXPRESSIONS)
@pytest.mark.parametrize("at", POINTS)
def test_expansions_read_back_and_match_the_definition(text, vars_, at):
    at = _point(at, _variables(text, vars_))
    report = commands.run_expand(text, 3, at, vars_, "total", True, True, False, None, False, True)
    e = report.expansion
    reference = taylor_by_definition(e.expression, e.variables, e.at, 3)
    assert sp.simplify(e.polynomial - reference) == 0
    _check_expansion(report)


@pytest.mark.parametrize("text, at, k", [
    ("x**2 + x + sqrt(2) - 2", None, 2),
    ("(pi - 3) - 7 + 4*x1**3 + 4*x1*x2**2 + pi/4", "1/2,2", 2),
    ("erf(x)", None, 3),
    ("1/x + sqrt(2) - 2", None, 1),
    ("1/sin(x)", "pi", 3),
    ("atan(x)", "oo", 3),
    ("exp(x)*(E - 3)", "-1", 3),
])
def test_issue_examples_print_what_was_computed(text, at, k):
    """The sign flips of issue 14, item 1, in every format."""
    report = commands.run_expand(text, k, at, None, "total", True, True, True, None, False, True)
    _check_expansion(report)


def test_the_first_example_prints_the_right_sign():
    report = commands.run_expand("x**2 + x + sqrt(2) - 2", 2, None, None, "total", False, False, False, None,
                                 False, True)
    assert render(report, "plain").splitlines()[0] == "-2 + sqrt(2) + x + x**2"
    report = commands.run_expand("erf(x)", 3, None, None, "total", False, False, False, None, False, True)
    assert render(report, "plain").splitlines()[0] == "2*x/sqrt(pi) - 2*x**3/(3*sqrt(pi))"


# --- random expressions ------------------------------------------------------------------------

X, Y = sp.symbols("x y", real=True)
CONSTANTS = [sp.sqrt(2) - 2, sp.E - 3, sp.log(2) - 1, sp.EulerGamma, sp.pi / 4, sp.Rational(-7, 3), sp.Integer(3)]
UNARY = [sp.exp, sp.sin, sp.cos, sp.atan, sp.tanh, lambda u: sp.sqrt(1 + u**2), lambda u: sp.log(2 + u**2),
         lambda u: 1 / (3 + u**2)]


def expressions(depth: int = 3):
    leaf = st.sampled_from([X, Y, *CONSTANTS])
    return st.recursive(leaf, lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
        st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
        st.tuples(inner, st.sampled_from([2, 3])).map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(UNARY), inner).map(lambda p: p[0](p[1])),
    ), max_leaves=6)


@settings(max_examples=EXAMPLES, **SETTINGS)
@given(expressions(), st.sampled_from([None, "1/2,-1", "pi/3,2"]), st.integers(0, 3))
def test_random_expansions_read_back(expr, at, k):
    if not expr.free_symbols & {X, Y}:
        expr = expr + X * Y
    text = sp.sstr(expr)
    expr = parse_expression(text)  # SymPy may build text's object differently from the drawn one
    try:
        report = commands.run_expand(text, k, at, "x,y", "total", True, True, False, None, False, False)
    except MathError:
        return
    e = report.expansion
    assert sp.simplify(e.polynomial - taylor_by_definition(e.expression, e.variables, e.at, k)) == 0
    _check_expansion(report)


@settings(max_examples=EXAMPLES, **SETTINGS)
@given(expressions(), st.sampled_from([None, "1/2,-1"]), st.sampled_from(["gradient", "hessian"]))
def test_random_derivatives_read_back(expr, at, kind):
    if not expr.free_symbols & {X, Y}:
        expr = expr + X * Y
    text = sp.sstr(expr)
    expr = parse_expression(text)
    try:
        result = _run(kind, text, "x,y", at, True)
    except MathError:
        return
    _check_result(result, _reference(kind, expr, [X, Y]))


@pytest.mark.parametrize("text", ["x**2*(log(2) - 1) + x*y", "x*y*(sqrt(3) - 2)", "a*(x + 1)**2*y"])
def test_a_factor_before_a_bracket_reads_back(text):
    """Found by the random test: SymPy's LaTeX reader dropped the x of "2 x \\left(...\\right)"."""
    expr = parse_expression(text)
    _check_result(_run("gradient", text, "x,y", None, True), _reference("gradient", expr, [X, Y]))


# --- expectations ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, mean, cov", [
    ("exp(x)*(E - 3)", "1", "2"),
    ("(sqrt(2) - 2)*x*y + log(2 + x**2) - y**2", "1/2,-1", "1,1/3;1/3,2"),
    ("EulerGamma*sin(x) + cos(y)", "pi/4,0", "1/4,0;0,1/9"),
])
def test_expectations_read_back_and_match_the_delta_method(text, mean, cov):
    report = commands.run_expect(text, mean, cov, None, None, 0, None, True)
    f = report.expression
    variables = sorted(f.free_symbols, key=lambda s: s.name)
    mu = dict(zip(variables, [parse_expression(m) for m in mean.split(",")]))
    sigma = sp.Matrix([[parse_expression(c) for c in row.split(",")] for row in cov.split(";")])
    g = sp.Matrix([sp.diff(f, v) for v in variables]).subs(mu)
    h = sp.hessian(f, variables).subs(mu)
    # The delta method, written out: E f(X) ~ f(mu) + tr(H Sigma)/2, Var f(X) ~ g^T Sigma g.
    reference = {"first_order": f.subs(mu), "second_order": f.subs(mu) + (h * sigma).trace() / 2,
                 "variance": (g.T * sigma * g)[0]}
    e = report.expectation
    computed = {"first_order": e.first_order, "second_order": e.second_order, "variance": e.variance}
    for key, value in computed.items():
        assert equal(value, reference[key], exact_object=False), key
    data = json.loads(render(report, "json"))
    plain = dict(line.split(": ", 1) for line in render(report, "plain").splitlines() if ": " in line)
    for key, value in computed.items():
        assert equal(parse_expression(data[key]), value)
        assert equal(parse_expression(plain[key].rsplit(" (", 1)[0]), value)
    latex = [line.split(r"&\approx")[1].rstrip(" \\") for line in render(report, "latex").splitlines()
             if r"&\approx" in line]
    assert equal(read_latex(latex[0]), e.second_order, exact_object=False)
    assert equal(read_latex(latex[1]), e.variance, exact_object=False)


def test_json_is_strict():
    """NaN and Infinity are not JSON: strict readers refuse them, so they are written as null."""
    from taylorcli.render import json_text
    assert json.loads(json_text({"a": [float("nan"), 1.5], "b": float("-inf")})) == {"a": [None, 1.5], "b": None}


# --- critical points ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "x**3 + (sqrt(2) - 2)*x + y**2 - y",
    "(x - 1)*(x - 2)*(x - 3)*(E - 3) + y**2",
    "x**4 - (log(2) - 1)*x**2",
])
def test_critical_points_read_back_and_are_critical(text):
    report = commands.run_critical(text, None, None, True)
    f = report.expression
    variables = report.variables
    exact = [p for p in report.points if p.exact]
    assert exact
    gradient = [sp.diff(f, v) for v in variables]
    hessian = sp.hessian(f, variables)
    for p in exact:  # independently: the gradient vanishes there, the eigenvalues are H's
        assert all(sp.simplify(g.subs(p.x)) == 0 for g in gradient)
        if p.exact_eigenvalues is not None:
            want = sorted(float(ev) for ev, m in hessian.subs(p.x).eigenvals().items() for _ in range(m))
            assert [float(ev) for ev in p.exact_eigenvalues] == pytest.approx(want)
    data = json.loads(render(report, "json"))
    for p, item in zip(report.points, data["points"]):
        if p.exact:
            for v in variables:
                assert equal(parse_expression(item["point"][v.name]), p.x[v])
            # value: exact, and f at the point computed here (sympy), not the command's own value
            assert sp.simplify(parse_expression(item["value"]) - f.subs(p.x)) == 0
            if p.exact_eigenvalues is not None:
                for s, ev in zip(item["exact_eigenvalues"], p.exact_eigenvalues):
                    assert equal(parse_expression(s), ev)
    lines = [line for line in render(report, "plain").splitlines() if ": " in line and "=" in line.split(":")[0]]
    for p, line in zip(report.points, lines):
        if p.exact:
            where = line.split(": ", 1)[0]
            values = dict(re.findall(r"(\w+)=(.*?)(?=, \w+=|$)", where))
            for v in variables:
                assert equal(parse_expression(values[v.name]), p.x[v])
    rows = [line for line in render(report, "latex").splitlines() if line.startswith("$")]
    for p, row in zip(report.points, rows):
        if p.exact:
            cells = re.findall(r"\$(\w+) = (.*?)\$", row.split(" & ")[0])
            for name, value in cells:
                v = next(v for v in variables if v.name == name)
                assert equal(read_latex(value), p.x[v], exact_object=False)
