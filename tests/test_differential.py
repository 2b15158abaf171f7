"""Differential properties: taylorcli against independent computations, on random expressions.

- text printed by SymPy reads back through our parser to the same object;
- gradients, Hessians and third-derivative tensors (SymPy and SymEngine paths)
  equal ``sympy.diff``, compared at random points with 30-digit arithmetic;
- Taylor coefficients equal the multi-index definition D^alpha f(a) / alpha!,
  computed with ``sympy.diff`` and substitution; where there is none, expand
  raises ``MathError`` (exit 1), never anything else.

Expressions come from tests/strategies.py (irrational and negative-sum
constants, parameters a and b, kinks, branch points, poles). Bounded: a few
dozen examples each, every SymPy call under a time limit; TAYLOR_LONG_PROPERTIES=1
runs 20 times as many.
"""

from __future__ import annotations

import itertools
import math

import sympy as sp
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from strategies import (PARAMETER_VALUES, SETTINGS, UNDEFINED, A, X, Y, Slow, close, expressions, max_examples,
                        numeric, point_text, points, text, time_limit, used_variables)
from taylorcli.calculus import Differentiator, derivative_tensor, gradient, hessian
from taylorcli.errors import LimitError, MathError, ParseError
from taylorcli.expansion import expand
from taylorcli.parse import parse_expression

# Points at which derivatives are compared: away from the generated points, so
# poles and kinks of the expressions rarely sit on them.
PROBES = ({X: sp.Rational(3, 7), Y: sp.Rational(-5, 11), sp.Symbol("z", real=True): sp.Rational(13, 17)},
          {X: sp.Rational(-6, 5), Y: sp.Rational(9, 8), sp.Symbol("z", real=True): sp.Rational(-2, 9)},
          {X: sp.Rational(5, 2), Y: sp.Rational(7, 3), sp.Symbol("z", real=True): sp.Rational(11, 4)})


SECOND = tuple({v: -2 * value for v, value in probe.items()} for probe in PROBES)


def equal_at_probes(ours: sp.Expr, reference: sp.Expr, probes=PROBES) -> bool:
    """Equal wherever both are defined at the probe points (30 digits, 20 compared)."""
    for probe in probes:
        a, b = numeric(ours, probe), numeric(reference, probe)
        if b is None and a is not None and reference.has(sp.Derivative):
            continue  # sympy.diff left a Derivative it cannot evaluate (of sign(log(x))): no number to compare
        if (a is None) != (b is None):
            return False
        if a is not None and not close(a, b):
            return False
    return True


def limited(seconds: float, work):
    """work() under a time limit; a hypothesis rejection when too slow."""
    try:
        with time_limit(seconds):
            return work()
    except Slow:
        assume(False)


# --- text round trip -----------------------------------------------------------------------------


@settings(max_examples=max_examples(300), **SETTINGS)
@given(expressions())
def test_sympy_text_reads_back_to_the_same_object(expr):
    printed = text(expr)
    try:
        back = parse_expression(printed)
    except LimitError:
        assume(False)  # a documented size limit
        return
    except ParseError:
        # The parser refuses what is real nowhere (log(-exp(x) - 7/3)): so must the probes.
        assert all(numeric(expr, probe) is None for probe in PROBES + SECOND), printed
        return
    assert back == expr or equal_at_probes(back, expr) and (
        limited(5, lambda: sp.simplify(back - expr)) == 0 or equal_at_probes(back, expr, SECOND)), (printed, back)


# --- derivatives against sympy.diff ---------------------------------------------------------------


@settings(max_examples=max_examples(80), **SETTINGS)
@given(expressions())
def test_gradient_and_hessian_equal_sympy_diff(expr):
    variables = used_variables(expr)

    def check() -> None:
        grad = gradient(expr, variables)
        hess = hessian(expr, variables)
        engine = Differentiator(expr, variables)  # partials=None: SymEngine when it can
        for i, v in enumerate(variables):
            reference = sp.diff(expr, v)
            assert equal_at_probes(grad[i], reference), (expr, v, grad[i], reference)
            assert equal_at_probes(engine.partial((i,)), reference), (expr, v, "engine")
            for j, w in enumerate(variables):
                reference2 = sp.diff(expr, v, w)
                assert equal_at_probes(hess[i, j], reference2), (expr, v, w, hess[i, j], reference2)
                assert equal_at_probes(engine.partial((i, j)), reference2), (expr, v, w, "engine")

    limited(10, check)


@settings(max_examples=max_examples(40), **SETTINGS)
@given(expressions(max_leaves=4))
def test_third_derivative_tensor_equals_sympy_diff(expr):
    variables = used_variables(expr)

    def check() -> None:
        tensor = derivative_tensor(expr, variables, 3)
        for index in itertools.product(range(len(variables)), repeat=3):
            reference = sp.diff(expr, *(variables[i] for i in index))
            assert equal_at_probes(tensor[index], reference), (expr, index)

    limited(10, check)


# --- Taylor coefficients against the multi-index definition ------------------------------------------


def reference_coefficients(expr: sp.Expr, variables: list[sp.Symbol], point: dict, order: int):
    """{powers: D^alpha f(a) / alpha!} for |alpha| <= order, or None where a value is undefined."""
    out = {}
    for powers in itertools.product(range(order + 1), repeat=len(variables)):
        if sum(powers) > order:
            continue
        derivative = expr
        for v, p in zip(variables, powers):
            if p:
                derivative = sp.diff(derivative, v, p)
        # sympy.diff may leave a Derivative it cannot evaluate (of sign(sqrt(x)) in Abs(sqrt(x))):
        # xreplace would then differentiate with respect to a number. No reference there.
        assume(not derivative.has(sp.Derivative))
        exact = derivative.xreplace(point)
        value = numeric(exact, {})
        if value is None:
            # Undefined at a, or only at the parameters' sample values (then no verdict).
            assume(not exact.free_symbols or exact.has(*UNDEFINED) or exact.is_real is False)
            return None
        out[powers] = value / math.prod(math.factorial(p) for p in powers)
    return out


def not_real(coefficients) -> bool:
    """Whether some coefficient is numerically not real (parameters at their sample values)."""
    for _, c in coefficients:
        value = sp.N(c.xreplace(PARAMETER_VALUES), 20)
        if value.is_number and abs(sp.im(value)) > 1e-15:
            return True
    return False


def not_real_beside(expr: sp.Expr, variables, point: dict) -> bool:
    """Whether f is numerically not real just beside the point along some variable (30 digits)."""
    base = {**PARAMETER_VALUES, **point}
    for v in variables:
        for h in (sp.Rational(1, 10**8), -sp.Rational(1, 10**8)):
            value = sp.N(expr.xreplace({**base, v: point[v] + h}), 30)
            # relative: (-1e-8)**(7/2) is 1e-28*i, tiny but not real
            if value.is_number and abs(sp.im(value)) > 1e-15 * abs(value):
                return True
    return False


def kinked(expr: sp.Expr, point: dict) -> bool | None:
    """Whether an Abs in expr has argument 0 at the point (sympy.diff says sign(0) = 0 there).

    None when that depends on a parameter: Abs(a + x) at x = 0 has a kink only if a = 0.
    """
    arguments = [fn.args[0].xreplace(point) for fn in expr.atoms(sp.Abs, sp.sign)]
    if any(sp.simplify(arg) == 0 for arg in arguments):
        return True
    return None if any(arg.free_symbols for arg in arguments) else False


@st.composite
def expansion_cases(draw, max_variables: int = 2):
    expr = draw(expressions(variables=draw(st.sampled_from([(X,), (X, Y)][:max_variables])), max_leaves=5))
    variables = used_variables(expr)
    return expr, variables, draw(points(variables)), draw(st.integers(0, 3))


@settings(max_examples=max_examples(100), **SETTINGS)
@given(expansion_cases())
def test_taylor_coefficients_equal_the_multi_index_definition(case):
    expr, variables, point, order = case

    def check() -> None:
        try:
            expansion = expand(expr, variables, point, order)
        except MathError:
            expansion = None  # allowed only where there is no Taylor polynomial: checked below
        kink = kinked(expr, point)
        if expansion is None or expansion.method != "derivatives":
            if kink is None:
                return  # a kink for some parameter values: refusing is right too
            # No Taylor polynomial claimed: right if f has a kink or some D^alpha f(a) is
            # undefined, possibly just beyond the order (x**(4/3) at 0 to order 0).
            beyond = None if kink else reference_coefficients(expr, variables, point, order + 2)
            if beyond is not None and not_real_beside(expr, variables, point):
                return  # x**2/log(x) at 0: real on one side only, so no two-sided expansion
            assert beyond is None, (expr, point, order, "refused although", beyond)
            return
        reference = None if kink else reference_coefficients(expr, variables, point, order)
        assert reference is not None, (expr, point, order, "expanded although undefined", expansion.coefficients)
        ours = dict(expansion.coefficients)
        for powers, value in reference.items():
            mine = numeric(ours.pop(tuple(sp.Integer(p) for p in powers), sp.Integer(0)), {})
            assert mine is not None and close(mine, value), (expr, point, powers, mine, value)
        assert not ours, f"coefficients beyond the order: {ours}"

    limited(15, check)


# --- the command line: honest exit statuses, one line on failure, JSON that parses ------------------

CLI_COMMANDS = ("gradient", "hessian", "derivative", "expand", "eval")


def run_cli(args: list[str]):
    """CliRunner on args under a time limit (None when too slow: SymPy's series can grind)."""
    from click.testing import CliRunner

    from taylorcli.cli import cli

    try:
        with time_limit(4):
            return CliRunner().invoke(cli, args)
    except Slow:
        return None


def assert_honest(args: list[str], result) -> None:
    """Exit 0 with output (JSON that parses), or exit 1/2 with one error line and no internal error."""
    where = " ".join(repr(a) if " " in a else a for a in ["taylor", *args])
    assert result.exit_code in (0, 1, 2), (where, result.exit_code, result.stderr, result.exception)
    if result.exit_code == 0:
        assert result.stdout.strip(), where
        if "json" in args:
            import json

            json.loads(result.stdout)
        return
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("taylor: error: "), (where, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (where, lines[0])


@st.composite
def cli_cases(draw):
    expr = draw(expressions(max_leaves=5))
    with_vars = draw(st.booleans())  # without --vars, a and b are variables too
    variables = used_variables(expr) if with_vars else sorted(expr.free_symbols, key=lambda s: s.name)
    point = draw(points(variables))
    return expr, variables if with_vars else None, point


@settings(max_examples=max_examples(30), **SETTINGS)
@given(cli_cases(), st.sampled_from(["plain", "json", "latex", "table"]), st.integers(-1, 3))
def test_cli_exit_status_is_honest(case, fmt, order):
    expr, variables, point = case
    for command in CLI_COMMANDS:
        base = [command, text(expr), "--format", fmt]
        if variables is not None:
            base += ["--vars", ",".join(v.name for v in variables)]
        if command in ("expand", "derivative"):
            base += ["--order", str(order if command == "expand" else abs(order))]
        for extra in ([], ["--at", point_text(point)]):
            args = base + extra
            result = run_cli(args)
            if result is not None:
                assert_honest(args, result)


# --- series against mpmath on both sides of the point ----------------------------------------------

H = (sp.Rational(1, 10**4), sp.Rational(1, 10**8))  # far apart: x**(4/3) - 0 = o(h) slowly


def remainder_ratio(expr: sp.Expr, polynomial: sp.Expr, x: sp.Symbol, a: sp.Expr, h: sp.Expr, order: int):
    """|f(a + h) - T(a + h)| / |h|**order at 50 digits; None where f is undefined or not real."""
    f = numeric(expr, {x: a + h}, 50)
    if f is None:
        return None
    t = sp.N(polynomial.xreplace({**PARAMETER_VALUES, x: a + h}), 50)
    if not t.is_real:
        return sp.oo  # T is not real where f is: T is no expansion of f there
    return abs(f - t) / abs(h) ** order


@settings(max_examples=max_examples(80), **SETTINGS)
@given(expansion_cases(max_variables=1))
@example((X**sp.Rational(1, 9), [X], {X: 0}, 0))  # found by the random search: a remainder of degree 1/9
@example((A * X + sp.Abs(X), [X], {X: 0}, 1))  # found on CI: a kink beside a parameter
def test_expansion_error_vanishes_faster_than_h_to_the_order_on_both_sides(case):
    """f - T = o(|h|**K) as h -> 0 from the right and from the left (K the order)."""
    expr, (x,), point, order = case
    a = point[x]

    def check() -> None:
        try:
            expansion = expand(expr, [x], point, order)
        except MathError:
            return  # no expansion claimed (test_taylor_... checks that this is right)
        polynomial = expansion.polynomial
        for side in (1, -1):
            ratios = [remainder_ratio(expr, polynomial, x, a, side * h, order) for h in H]
            if None in ratios:
                continue  # f is undefined on this side near a
            # o(|h|**K): rounding-level, small and not growing, or shrinking with h (large coefficients).
            # A wrong term leaves the ratio constant; a right one shrinks it by 10**(4 e) for a next
            # term of degree K + e, which is 2.8 for x**(1/9) at K = 0 (a Puiseux remainder): so 2.
            fine = ratios[1] < sp.Float("1e-20") or ratios[1] < sp.Float("1e-3") and ratios[1] <= ratios[0] \
                or ratios[1] < ratios[0] / 2
            assert fine, (expr, point, order, expansion.method, "right" if side > 0 else "left", ratios,
                          polynomial)

    limited(15, check)
