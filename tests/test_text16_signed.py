"""Session 16 (text16): F(P) for an odd or even F and a linear sum P (parse_signed.linear_call, reached from
parse_nodes._monomial_call) is SymPy's own object: the sum built by ``sp.Add``/``sp.Mul`` of Symbols, F applied
by SymPy's constructor after clear_cache, compared node for node with the parse of the text and with
linear_call itself; texts also through test_parse_single._compare (the ordinary routes)."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache

from same_object import same_expr
from strategies import SETTINGS, max_examples
from taylorcli.parse import parse_expression
from taylorcli.parse_signed import linear_call
from test_parse_single import _compare

_NAMES = ["x", "y", "z", "u", "v", "w", "p", "q", "a1", "Z", "x_2"]
_FUNCTIONS = {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "atan": sp.atan, "sinh": sp.sinh, "cosh": sp.cosh,
              "tanh": sp.tanh, "erf": sp.erf, "exp": sp.exp, "log": sp.log}
_COEFFICIENTS = [1, -1, 2, -2, 3, -3, sp.Rational(1, 2), sp.Rational(-3, 2), sp.Rational(5, 3)]


def _coefficient_text(r: sp.Rational) -> str:
    return str(r.p) if r.q == 1 else f"{r.p}/{r.q}"


@st.composite
def _linear(draw: st.DrawFn) -> tuple[str, sp.Expr]:
    names = draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=6, unique=True))
    pieces, terms = [], []
    for name in names:
        r = sp.Rational(draw(st.sampled_from(_COEFFICIENTS)))
        s = sp.Symbol(name, real=True)
        terms.append(sp.Mul(r, s))
        pieces.append(("-" if r < 0 else "+", name if abs(r) == 1 else f"{_coefficient_text(abs(r))}*{name}"))
    c = draw(st.sampled_from([0, 1, -1, 2, -3]))
    if c:
        at = draw(st.integers(0, len(pieces)))
        pieces.insert(at, ("-" if c < 0 else "+", str(abs(c))))
        terms.append(sp.Integer(c))
    text = ""
    for k, (sign, piece) in enumerate(pieces):
        text += ("-" if sign == "-" else "") + piece if k == 0 else f" {sign} {piece}"
    return text, sp.Add(*terms)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(_linear(), st.sampled_from(sorted(_FUNCTIONS)))
def test_calls_of_linear_sums_are_sympys(linear: tuple[str, sp.Expr], name: str) -> None:
    text, arg = linear
    clear_cache()
    want = _FUNCTIONS[name](arg)
    clear_cache()
    got = parse_expression(f"{name}({text})")
    same_expr(got, want)
    if type(arg) is sp.Add:
        direct = linear_call(_FUNCTIONS[name], arg)
        if direct is not None:
            same_expr(direct, want)


@pytest.mark.parametrize("text", [
    "erf(-x - y)", "erf(-x + y)", "atan(3*y - x)", "cosh(-x + 2*y)", "sinh(atan(-x + y))", "tan(x - y - 1)",
    "sin(x + 2*y)", "cos(1 - x)", "sin(-1 - x)", "sinh(-x - z + 2*y)", "erf(q - x - u - y + w - v)",
    "atan(-v + 2*w + 2*q - y)", "tanh(x/2 - y)", "sin(-x + x)", "cos(-x - x)", "sin(-x + 2*x - y)",
    "sinh(sinh(-v + 3*w)) + atan(3*z - u + 2*x - y)", "erf(-x + y)*erf(-x + y)", "cos(-x + y) + cos(x - y)",
])
def test_texts_build_the_same_objects(text: str) -> None:
    _compare(text)


def test_other_shapes_are_left_to_the_reader() -> None:
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    plain = sp.Symbol("x")  # not a parser symbol
    assert linear_call(sp.exp, -x + y) is None and linear_call(sp.log, 1 - x) is None
    assert linear_call(sp.sin, plain - y) is None and linear_call(sp.sin, x**2 - y) is None
    assert linear_call(sp.sin, x * y - 1) is None


_INNER = {"exp": sp.exp, "sin": sp.sin, "cos": sp.cos, "atan": sp.atan, "sinh": sp.sinh, "cosh": sp.cosh,
          "tanh": sp.tanh, "erf": sp.erf, "tan": sp.tan, "log": sp.log}


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.sampled_from(sorted(_FUNCTIONS)), st.sampled_from(sorted(_INNER)), st.sampled_from(_NAMES),
       st.sampled_from(["-{s}", "-3*{s}", "-{s}**2", "-{s}/2", "{s} - 1", "1 - {s}", "-{s} - 2", "2*{s}", "{s}"]))
def test_calls_of_negated_calls_are_sympys(outer: str, inner: str, name: str, shape: str) -> None:
    """F(G(u)) for u with a minus sign: G(u) is -G(-u) for odd G, a Mul(-1, G(-u)) that parse_signed.negated_call
    takes; SymPy's constructor applied to the argument built from a Symbol."""
    s = sp.Symbol(name, real=True)
    u = {"-{s}": -s, "-3*{s}": sp.Mul(-3, s), "-{s}**2": -sp.Pow(s, 2), "-{s}/2": sp.Mul(sp.Rational(-1, 2), s),
         "{s} - 1": sp.Add(s, -1), "1 - {s}": sp.Add(1, -s), "-{s} - 2": sp.Add(-s, -2), "2*{s}": sp.Mul(2, s),
         "{s}": s}[shape]
    text = f"{outer}({inner}({shape.format(s=name)}))"
    if inner == "log" and shape in ("-{s}", "-3*{s}", "-{s}**2", "-{s}/2", "1 - {s}", "-{s} - 2"):
        return  # log of a negative somewhere: the parser may refuse it (not real); not this shortcut's case
    clear_cache()
    want = _FUNCTIONS[outer](_INNER[inner](u))
    clear_cache()
    try:
        got = parse_expression(text)
    except Exception:  # noqa: BLE001 - refused as undefined: SymPy's object is then no parse result
        return
    same_expr(got, want)


@pytest.mark.parametrize("text", [
    "erf(atan(-3*x))", "cosh(atan(-2*x))", "sin(sin(-3*x))", "atan(erf(-3*y))", "cos(sinh(-x))", "sin(atan(-x))",
    "tan(atan(-x))", "cos(atan(-2*x))", "tanh(exp(-x))", "sinh(cos(-x))", "erf(erf(-x/2)) + erf(atan(-3*x))",
    "sinh(-3*x) * 1/(1 + (-z - y)**2)", "atan(sin(-2*x))*cosh(sinh(-x + 1))",
])
def test_negated_call_texts_build_the_same_objects(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.sampled_from(_NAMES), st.integers(1, 12), st.sampled_from(["sin", "cos", "tan", "sinh", "erf"]))
def test_calls_of_atan_of_monomials_are_sympys(name: str, k: int, outer: str) -> None:
    """sin(atan(u)), cos(atan(u)) for u = s, s**k (parse_signed.atan_call builds rewritten's object directly):
    SymPy's constructor of the objects built from a Symbol."""
    s = sp.Symbol(name, real=True)
    u = s if k == 1 else sp.Pow(s, k)
    clear_cache()
    want = _FUNCTIONS[outer](sp.atan(u))
    clear_cache()
    got = parse_expression(f"{outer}(atan({name}))" if k == 1 else f"{outer}(atan({name}**{k}))")
    same_expr(got, want)


@pytest.mark.parametrize("text", ["sin(atan(x))", "cos(atan(x))", "sin(atan(x**2))", "cos(atan(y^3))",
                                  "sin(atan(x))*x", "sin(atan(x)) + sin(atan(x))", "sin(atan(x))/cos(atan(x))",
                                  "cos(atan(x))**2", "sin(atan(x**2))*sin(atan(x))", "log(1 + (x)**2) + sin(atan(x**2))"])
def test_atan_texts_build_the_same_objects(text: str) -> None:
    _compare(text)


@settings(max_examples=max_examples(200), **SETTINGS)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4, unique=True), st.lists(st.integers(1, 4), min_size=4,
       max_size=4), st.sampled_from(_COEFFICIENTS), st.sampled_from(["sin", "cos"]))
def test_calls_of_atan_of_products_are_sympys(names: list, powers: list, r: sp.Rational, outer: str) -> None:
    """cos(atan(r*monomial)) (parse_signed.atan_call through parse_shapes.monomial_power), sin(atan(...)) (rewritten):
    SymPy's constructor of Mul(r, Pow(Symbol, k), ...)."""
    r = sp.Rational(r)
    factors = [sp.Pow(sp.Symbol(n, real=True), k) for n, k in zip(names, powers)]
    text = "*".join(f"{n}**{k}" for n, k in zip(names, powers))
    text = f"{outer}(atan({_coefficient_text(r)}*{text}))"
    clear_cache()
    want = _FUNCTIONS[outer](sp.atan(sp.Mul(r, *factors)))
    clear_cache()
    same_expr(parse_expression(text), want)


@settings(max_examples=max_examples(300), **SETTINGS)
@given(_linear(), st.sampled_from([2, 3, -1, -2, 4]), st.sampled_from(["({u})**{n}", "1/(1 + ({u})**{n})",
                                                                      "sqrt(1 + ({u})**{n})", "log(1 + ({u})**{n})"]))
def test_powers_of_linear_sums_are_sympys(linear: tuple[str, sp.Expr], n: int, shape: str) -> None:
    """(linear sum)**n, any number of terms (parse_nodes._linear_sum, the reader's factor): SymPy's Pow of the sum
    built by sp.Add of Symbols, and the sweep's shapes around it."""
    text, arg = linear
    if n < 0 and shape != "({u})**{n}":
        return
    clear_cache()
    power = sp.Pow(arg, n)
    want = {"({u})**{n}": lambda: power, "1/(1 + ({u})**{n})": lambda: 1 / (1 + power),
            "sqrt(1 + ({u})**{n})": lambda: sp.sqrt(1 + power), "log(1 + ({u})**{n})": lambda: sp.log(1 + power)}[shape]()
    clear_cache()
    try:
        got = parse_expression(shape.format(u=text, n=n))
    except Exception:  # noqa: BLE001 - 1/0 or log(0) of a constant: refused, no object to compare
        assert not arg.free_symbols
        return
    same_expr(got, want)


_U = ["x", "x**2", "3*x", "x*y", "sin(x)", "atan(x)", "exp(x + y)", "(x + 2)**2", "1/(1 + x**2)", "sinh(x)**2", "x - y",
      "-x", "x**3", "sqrt(1 + x**2)", "log(1 + x**2)", "tan(x)", "1/x", "sin(1)", "pi*x"]


@pytest.mark.parametrize("u", _U)
@pytest.mark.parametrize("shape", ["1/({c} + {u})", "sqrt({c} + {u})", "1/({c} + ({u})**2)", "sqrt({c} + ({u})**2)"])
@pytest.mark.parametrize("c", ["1", "2", "-1", "1/2"])
def test_reciprocals_and_roots_of_sums_build_the_same_objects(u: str, shape: str, c: str) -> None:
    """parse_signed.sum_power (the reader's 1/(c + t), sqrt(c + t)): the same outcome as the ordinary routes."""
    _compare(shape.format(c=c, u=u))


def test_sum_power_is_sympys_pow() -> None:
    from taylorcli.parse_signed import sum_power
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    for t in (sp.Pow(x, 2), sp.Mul(9, sp.Pow(x, 2)), sp.sinh(x), sp.Pow(sp.Add(x, 2), 2), sp.Mul(x, y), sp.exp(x)):
        for c in (sp.Integer(1), sp.Rational(1, 2), sp.Integer(-3)):
            for n in (sp.S.NegativeOne, sp.S.Half):
                clear_cache()
                want = sp.Pow(sp.Add(c, t), n)
                clear_cache()
                got = sum_power(sp.Add(c, t), n)
                same_expr(got, want)
    assert sum_power(sp.Add(1, sp.sin(1)), sp.S.Half) is None and sum_power(sp.Add(1, sp.tan(x)), sp.S.Half) is None
