"""Expansions at non-zero points (issue 9): the fast builders give SymPy's own objects.

- ``constants.leaf``/``power``: sin(q), exp(q) ... built unevaluated equal SymEngine's own
  conversion to SymPy (same args, same hash), and exp(q)**k SymPy's Pow;
  ``real_and_small`` only passes values SymPy calls real and finite.
- ``keyed.polynomial``: the sum SymPy's ``Add(*(c * monomial))`` builds, for rational,
  product and sum coefficients at rational points (where c*(x - a) distributes).
- ``series.direct.Direct``: a coefficient's value equals SymEngine's expansion converted
  (with a square root among the constants, whose powers it reduces).
- Whole expansions at points such as (1, 2, 3), (1/2, ...), (1, -1, 2): the arithmetic's
  coefficients are the derivative engine's objects, and the polynomial equals the Taylor
  polynomial made from ``sympy.diff`` at the point (an independent computation).
"""

from __future__ import annotations

import math

import pytest
import symengine as se
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, expressions, max_examples
from taylorcli.constants import leaf, power, real_and_small
from taylorcli.convert import to_sympy
from taylorcli.expansion import _taylor, expand
from taylorcli.keyed import polynomial
from taylorcli.parse import parse_expression, resolve_variables

X, Y, Z = sp.symbols("x y z", real=True)
RATIONALS = st.builds(sp.Rational, st.integers(-40, 40), st.integers(1, 12))
SE_FUNCTIONS = (se.sin, se.cos, se.tan, se.atan, se.log, se.exp, se.sinh, se.cosh)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.sampled_from(SE_FUNCTIONS), RATIONALS, st.integers(2, 6))
def test_constants_are_sympys_conversion(fn, q, k) -> None:
    value = fn(se.Rational(int(q.p), int(q.q)))
    built = leaf(value)
    if built is None:
        return
    reference = value._sympy_()
    assert sp.srepr(built) == sp.srepr(reference) and hash(built) == hash(reference)
    assert sp.srepr(power(built, k)) == sp.srepr(reference**k)
    if real_and_small(built, 100):
        assert built.is_real and built.is_finite
        assert (built**k).is_real


@pytest.mark.parametrize("q", [sp.Rational(-1, 3), sp.Integer(-2), sp.Rational(-7, 5), sp.Integer(-1)])
def test_atan_of_a_negative_rational_is_sympys(q) -> None:
    """SymEngine keeps atan(-1/3); leaf builds SymPy's -atan(1/3) without atan.eval (its table)."""
    value = se.atan(se.Rational(int(q.p), int(q.q)))
    built = leaf(value)
    reference = sp.atan(q)
    if q == -1:  # SymEngine's -pi/4 is no atan: left to SymPy's conversion
        assert built is None
        return
    assert sp.srepr(built) == sp.srepr(reference) == sp.srepr(value._sympy_())
    assert built == reference and hash(built) == hash(reference)
    assert real_and_small(built, 100) and reference.is_real and reference.is_finite


NESTED = (se.sin, se.cos, se.tan, se.atan, se.log, se.exp, se.sinh, se.cosh)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(st.lists(st.sampled_from(NESTED), min_size=2, max_size=4), RATIONALS)
def test_nested_constants_are_sympys_conversion(fns, q) -> None:
    """sinh(sinh(4)), cos(exp(2)), sin(atan(1/2)) ...: leaf's object is SymPy's own, or None."""
    value = se.Rational(int(q.p), int(q.q))
    try:
        for fn in fns:
            value = fn(value)
    except RuntimeError:  # log(0), then tan of an infinity: SymEngine refuses
        return
    built = leaf(value)
    if built is None:
        return
    reference = value._sympy_()
    assert sp.srepr(built) == sp.srepr(reference) and hash(built) == hash(reference)
    if real_and_small(built, 100):
        assert built.is_real and built.is_finite


@pytest.mark.parametrize("value", [sp.E, sp.E**3, sp.exp(-2, evaluate=False), sp.exp(sp.Rational(-1, 3)),
                                   sp.sinh(sp.sinh(4, evaluate=False), evaluate=False),
                                   sp.cos(sp.exp(2, evaluate=False), evaluate=False)])
def test_real_and_small_passes_e_and_nested_values(value) -> None:
    assert real_and_small(value, 100) and value.is_real and value.is_finite


C4 = sp.cos(4, evaluate=False)


@pytest.mark.parametrize("value", [sp.sqrt(1 + C4**2), 1 / (1 + C4**2), (sp.Rational(1, 2) + 3 * C4**4) ** sp.Rational(-3, 2),
                                   sp.sqrt(2 + sp.exp(3, evaluate=False) + sp.cosh(C4, evaluate=False))])
def test_real_and_small_passes_powers_of_positive_sums(value) -> None:
    assert real_and_small(value, 100) and value.is_real and value.is_finite


@pytest.mark.parametrize("value", [sp.sqrt(C4**2 - 1), sp.sqrt(1 + C4), sp.sqrt(C4**2 + sp.sin(4)**2),
                                   sp.sqrt(1 - 2 * C4**2), sp.sqrt(1 + sp.tan(C4, evaluate=False)**2),
                                   sp.sqrt(1 + sp.pi**2), sp.sqrt(2**200 + C4**2)])
def test_real_and_small_refuses_sums_it_cannot_sign(value) -> None:
    assert not real_and_small(value, 100)


@pytest.mark.parametrize("value", [sp.tan(sp.sin(4, evaluate=False), evaluate=False), sp.pi, sp.I,
                                   sp.log(sp.sin(4, evaluate=False), evaluate=False), sp.exp(sp.I)])
def test_real_and_small_refuses_what_it_cannot_vouch_for(value) -> None:
    assert not real_and_small(value, 100)


@pytest.mark.parametrize("value", [se.sinh(se.sinh(4)), se.cosh(se.sinh(4)), se.cos(se.exp(2)),
                                   se.sin(se.tan(se.Rational(1, 3))), se.sinh(se.cos(se.sin(3)))])
def test_nested_constants_are_built(value) -> None:
    built = leaf(value)
    assert built is not None and sp.srepr(built) == sp.srepr(value._sympy_())


@pytest.mark.parametrize("a", [sp.Rational(3, 2), sp.Integer(1), sp.Integer(-1), sp.Integer(5), sp.Integer(-7),
                               sp.Rational(-1, 3), sp.Integer(2) ** 70 + 1, -sp.Rational(2**70 + 1, 3)])
def test_a_displacement_is_sympys_difference(a) -> None:
    from taylorcli.keyed import displacement

    for x in (X, sp.Symbol("t")):
        found, reference = displacement(x, a), x - a
        assert sp.srepr(found) == sp.srepr(reference) and found == reference and hash(found) == hash(reference)
        assert type(found.args[0]) is type(reference.args[0])


@pytest.mark.parametrize("cls", [sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh, sp.exp])
@pytest.mark.parametrize("arg", [sp.Integer(4), sp.Rational(1, 3), sp.Rational(-7, 2), sp.sinh(2, evaluate=False)])
def test_unevaluated_is_the_constructors_object(cls, arg) -> None:
    from taylorcli.constants import unevaluated

    found, reference = unevaluated(cls, arg), cls(arg, evaluate=False)
    assert type(found) is type(reference) and sp.srepr(found) == sp.srepr(reference)
    assert found == reference and hash(found) == hash(reference) and found.__dict__ == reference.__dict__
    assert found.nargs == reference.nargs and found._assumptions == reference._assumptions
    for fact in ("real", "positive", "zero", "finite", "rational", "integer"):
        assert getattr(found, f"is_{fact}") == getattr(reference, f"is_{fact}")


@pytest.mark.parametrize("cls", [sp.sin, sp.cos, sp.tan, sp.atan, sp.log, sp.sinh, sp.cosh])
@pytest.mark.parametrize("arg", [sp.Integer(4), sp.Rational(1, 3), sp.sinh(2, evaluate=False)])
@pytest.mark.parametrize("e", [2, 3, 7])
def test_a_power_of_a_constant_is_pows_object(cls, arg, e) -> None:
    from sympy.core.cache import clear_cache

    g = cls(arg, evaluate=False)
    found = power(g, e)
    clear_cache()
    reference = g**e
    assert type(found) is type(reference) is sp.Pow and sp.srepr(found) == sp.srepr(reference)
    assert found == reference and hash(found) == hash(reference) and found.is_commutative
    for fact in ("real", "positive", "zero", "finite", "rational"):
        assert getattr(found, f"is_{fact}") == getattr(reference, f"is_{fact}")


def _coefficient(kind: int, q: sp.Rational, r: sp.Rational) -> sp.Expr:
    return [q, q * sp.exp(2), q * sp.exp(2) * sp.sin(4) + r * sp.cos(4), sp.log(2) + r, sp.sin(4),
            q * sp.sqrt(3), r + sp.exp(2) * sp.cos(4)][kind]


@settings(max_examples=max_examples(100), **SETTINGS)
@given(st.lists(st.tuples(st.tuples(st.integers(0, 3), st.integers(0, 3)), st.integers(0, 6), RATIONALS,
                          RATIONALS), min_size=1, max_size=12, unique_by=lambda t: t[0]),
       st.sampled_from([(0, 0), (1, 2), (sp.Rational(1, 2), sp.Rational(1, 2)), (1, -1), (-3, sp.Rational(2, 3))]))
def test_keyed_polynomial_is_sympys_sum(items, at) -> None:
    bases = [X - at[0], Y - at[1]]
    coefficients = [(tuple(sp.Integer(p) for p in powers), _coefficient(kind, q, r))
                    for powers, kind, q, r in items if _coefficient(kind, q, r) != 0]
    built = polynomial(coefficients, bases)
    reference = sp.Add(*[c * sp.Mul(bases[0] ** p[0], bases[1] ** p[1]) for p, c in coefficients])
    assert built is not None
    assert sp.srepr(built) == sp.srepr(reference) and hash(built) == hash(reference)


def test_keyed_polynomial_refuses_a_coefficient_with_a_variable() -> None:
    assert polynomial([((sp.Integer(1), sp.Integer(0)), X * sp.exp(2))], [X - 1, Y - 2]) is None


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.lists(st.tuples(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2)),
                          st.integers(-30, 30), st.integers(1, 9)), min_size=1, max_size=8, unique_by=lambda t: t[0]),
       st.sampled_from([(se.exp(2), se.sin(4), se.cos(4)), (se.exp(-1), se.sin(3), se.log(2)),
                        (se.atan(se.Rational(1, 2)), se.cos(1), se.exp(se.Rational(1, 2))),
                        (se.sqrt(3), se.sin(4), se.exp(2)), (se.sin(1), se.sqrt(7), se.log(3))]))
def test_direct_values_are_symengines_expansion(items, values) -> None:
    from flint import fmpq

    from taylorcli.series.direct import Direct
    from taylorcli.series.engine import _rational

    items = [(gens, fmpq(p, q)) for gens, p, q in items if p]
    if not items:
        return
    direct = Direct(list(values), None, {}, _rational)
    assert direct.ok
    engine = se.expand(se.Add(*[se.Rational(int(c.p), int(c.q)) * se.Mul(*[v**e for v, e in zip(values, gens)])
                                for gens, c in items]))
    built = direct.value(items, [])
    reference = engine._sympy_()
    assert sp.srepr(built) == sp.srepr(reference) and sp.srepr(to_sympy(engine)) == sp.srepr(reference)


CASES = [
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,2,3", 4),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1/2,1/2,1/2", 3),
    ("exp(x*y)*sin(x+z)", "x,y,z", "1,-1,2", 4),
    ("sin(x*y)+cos(y*z)", "x,y,z", "1,-1,2", 3),
    ("log(1+x+y)", "x,y", "1,2", 5),
    ("log(1+x**2+y**2)", "x,y", "1/2,1/2", 4),
    ("sqrt(1+x+y+z)", "x,y,z", "1,2,3", 3),
    ("sqrt(1+x**2+y**2)", "x,y", "1,1", 4),
    ("1/sqrt(1+x*y) + sqrt(x+y)*exp(x)", "x,y", "1,2", 3),
    ("sqrt(x+y)*sin(x)+sqrt(y)", "x,y", "1,1", 4),
    ("atan(x-y) + log(x*y)", "x,y", "1,3", 3),
    ("log(x+y)*sin(x)", "x,y", "1/2,1", 3),
    ("atan(x*y+z)", "x,y,z", "1,2,3", 3),
    ("sin(x)*cos(y)/(1+z**2)", "x,y,z", "1,2,3", 3),
    ("exp(x*y)/(1+x**2+y**2)", "x,y", "1,-1", 4),
    ("1/(1+x+y+z)", "x,y,z", "1/2,1/2,1/2", 4),
    ("exp(x/2)*cosh(y)*tan(x)", "x,y", "1,2", 3),
    ("x*y + 3*x - 2", "x,y", "1,2", 3),
    # issue 9's low orders beside Maxima: negative and fractional coordinates, atan(-1/3)
    ("1/(1 + (x)**2) * 1/(1 + (y)**2)", "x,y", "3/2,1/2", 3),
    ("exp(x*y)", "x,y", "-1,-1", 2),
    ("cosh(2*y) * sinh(sinh(x + 1))", "x,y", "3,2", 3),
    ("sqrt(1 + (cos(-u + 2*y + 2*v + 2*x))**2) + atan(z)", "x,y,u,v,z", "-1/3,2,1/2,3/2,-1/3", 2),
    ("atan(x) + asin(y) + sin(x - y)", "x,y", "-1/3,-1/2", 2),
]


def _diff_taylor(expr: sp.Expr, variables: list, point: dict, order: int) -> sp.Expr:
    """The Taylor polynomial from sympy.diff at the point, term by term."""
    out = []
    n = len(variables)

    def powers(d: int, i: int):
        if i == n - 1:
            yield (d,)
            return
        for p in range(d, -1, -1):
            for rest in powers(d - p, i + 1):
                yield (p,) + rest

    for d in range(order + 1):
        for ps in powers(d, 0):
            partial = expr
            for v, p in zip(variables, ps):
                if p:
                    partial = sp.diff(partial, v, p)
            value = partial.subs(point) / math.prod(math.factorial(p) for p in ps)
            out.append(value * sp.Mul(*[(v - point[v]) ** p for v, p in zip(variables, ps)]))
    return sp.Add(*out)


@pytest.mark.parametrize(("text", "names", "at", "order"), CASES)
def test_expansions_at_points_equal_sympy_diff_and_the_derivative_engine(text, names, at, order) -> None:
    expr = parse_expression(text)
    variables = resolve_variables([expr], names)
    found = expand(expr, names, at, order)
    point = found.at
    # The arithmetic's coefficients are the derivative engine's very objects.
    by_arithmetic = _taylor(expr, variables, point, order, "total", arithmetic=True)
    by_derivatives = _taylor(expr, variables, point, order, "total", arithmetic=False)
    assert [(p, sp.srepr(c)) for p, c in by_arithmetic] == [(p, sp.srepr(c)) for p, c in by_derivatives]
    # The polynomial is SymPy's own sum of those terms ...
    reference = sp.Add(*[c * found.monomial(p) for p, c in found.coefficients])
    assert sp.srepr(found.polynomial) == sp.srepr(reference)
    # ... and the Taylor polynomial of sympy.diff's partials at the point.
    assert sp.expand(found.polynomial - _diff_taylor(expr, variables, point, order)) == 0


def test_e_and_an_exponential_fold_as_symengine_folds_them() -> None:
    """E*exp(E/7 + 1) is exp(E/7 + 2) for SymEngine (the derivative engine), not for SymPy's Mul."""
    x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    expr = sp.exp(x * (sp.exp(x) / 7 + 1))
    point = {x: sp.Integer(1), y: sp.Integer(0)}
    ours = _taylor(expr, [x, y], point, 2, "total", arithmetic=True)
    reference = _taylor(expr, [x, y], point, 2, "total", arithmetic=False)
    assert [(p, sp.srepr(c)) for p, c in ours] == [(p, sp.srepr(c)) for p, c in reference]


def test_point_floats_are_sympys() -> None:
    """guard._rational_float: Python's p/q, rounded as SymPy's float(Rational) rounds (to nearest, ties to even)."""
    import random

    from taylorcli.guard import _rational_float

    rng = random.Random(9)
    for _ in range(3000):
        bits = rng.randint(1, 1000)
        p, q = rng.randint(-2**bits, 2**bits), rng.randint(1, 2 ** rng.randint(1, 1000))
        for value in (sp.Rational(p, q), sp.Integer(p)):
            assert _rational_float(value) == float(value)
    for value in (sp.Integer(10) ** 400, sp.Rational(1, 10**400), -sp.Rational(10**400, 3)):
        assert _rational_float(value) == float(value)


@settings(max_examples=max_examples(100), **SETTINGS)
@given(expressions())
def test_survey_is_atoms_and_free_symbols(expr) -> None:
    """engine._survey: atoms(Function) and free_symbols in one walk (no binding construct reaches it)."""
    from taylorcli.series.engine import _survey

    functions, symbols = _survey(expr)
    assert functions == expr.atoms(sp.Function) and symbols == expr.free_symbols
