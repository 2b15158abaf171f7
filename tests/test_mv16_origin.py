"""Small expansions at 0 in several variables by series/mv_origin.py (session 16).

expand()'s coefficients must be the derivative engine's very objects (==, srepr, args), and its
polynomial and variables those of the full path (mv_origin off); where the path declines (a
parameter, an irrational value, erf) the full path answers as before.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import sympy as sp

from same_object import same_expr
from taylorcli import expand
from taylorcli.expansion import _taylor
from taylorcli.parse import parse_expression
from taylorcli.series import mv_origin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

CASES = [
    ("atan(x + y) + log(1 + z**2)", "x,y,z", 2),
    ("1/(1 + (1/(1 + (3*z)**2))**2) + exp(u*w*v*y*x*p)", "x,y,z,u,v,w,p", 2),
    ("cos(x) + sin(y*z)", "x,y,z", 3),
    ("atan(3*u + y) + sin(x*z*v)", "x,y,z,u,v", 3),
    ("sqrt(1 + (2*x - y)**2)*exp(z)", "x,y,z", 4),
    ("atan(sinh(x*y*z))", "x,y,z", 6),
    ("1/(1 + (x + y)**2)*cos(z - 3*u)", "x,y,z,u", 5),
    ("(x + y)**3 + 2*sin(x)*cos(x) - y", "x,y", 4),
    ("sqrt(4 + (x*y)**2) + (1 + x - y/3)**(3/2)", "x,y", 5),
    ("log(1 + x + y)*exp(x*y**2)", "x,y", 5),
    ("tan(x)/2 + asinh(y) + atanh(x*y) - asin(2*y)", "x,y", 5),
    ("cos(x + y)**-2 * 3", "x,y", 4),
    ("exp(x)**(1/3) + sin(x*y)**10", "x,y", 3),
    ("x*y + z**2 + 5", "x,y,z", 0),
    ("cosh(x + y)*sinh(z) + 1/2", "x,y,z", 1),
    ("sin(x)", "x,y", 3),  # a variable it does not hold
    # a factor in one variable with an irrational value (onevar.taylor's coefficients, times the rest)
    ("cosh(y + 1)*sin(atan(x**2))", "x,y", 2),
    ("cosh(y + 1)*sin(atan(x**2))", "x,y", 6),
    ("sin(x*y)*log(1 + (z + 1)**2)", "x,y,z", 4),
    ("5/7*atan(2*x - y)*exp(z/2 + 2)*cos(u)", "x,y,z,u", 5),
    ("(x + 2*y)**3*sqrt(3 + z)", "x,y,z", 4),
    ("exp(cosh(y + 1)) + y", "x,y", 3),
    ("cosh(y + 1)*y*sin(x)", "x,y", 4),
    ("log(z - 1)*cosh(2*x - y)", "x,y,z", 2),  # not real there: the full path's error
    ("sqrt(z - 3)*exp(x*y)", "x,y,z", 2),
    # sums of such parts and others, in disjoint variables
    ("cosh(y + 1) + sin(x*z)", "x,y,z", 3),
    ("atan(x - 2*y) + exp(z + 1) - 3", "x,y,z", 3),
    ("log(1 + (z + 2)**2) + cos(x*y) + sinh(u - 1)", "x,y,z,u", 4),
    ("exp(z + 1) + 1/(1 + (x + y)**2) + x*y", "x,y,z", 2),
    # declined: the full path answers
    ("cosh(y + 1)*sin(x*y) + x", "x,y", 3),
    ("cosh(y + 1)*sin(y*x)", "x,y", 3),
    ("cosh(y + 1) + sin(y*x)", "x,y", 3),
    ("cosh(y + 1) + sin(y + 2) + x", "x,y", 3),
    ("erf(x + y)", "x,y", 3),
    ("exp(x + y)*a", "x,y", 2),
    ("log(1 + x)*pi + y", "x,y", 2),
    ("sqrt(x + y)", "x,y", 2),
    ("exp(x + y*exp(x))", "x,y", 3),
    ("(1 + x + y)**12", "x,y", 2),
]


def _same_as_the_references(f: sp.Expr, variables: str, order: int, at: object = None) -> None:
    try:
        e = expand(f, variables, at, order)
    except Exception as error:  # noqa: BLE001 - the full path must say the same
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(mv_origin, "ENABLED", False)
            with pytest.raises(type(error)):
                expand(f, variables, at, order)
        return
    want = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
    assert e.coefficients == want
    assert [p for p, _ in e.coefficients] == [p for p, _ in want]
    for (_, c), (_, d) in zip(e.coefficients, want):
        same_expr(c, d)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mv_origin, "ENABLED", False)
        other = expand(f, variables, at, order)
    assert all(a is b for a, b in zip(e.variables, other.variables)) and e.variables == other.variables
    assert e.at == other.at and e.order == other.order and e.method == other.method
    same_expr(e.polynomial, other.polynomial)


@pytest.mark.parametrize("text, variables, order", CASES)
def test_the_derivative_engines_objects(text: str, variables: str, order: int) -> None:
    _same_as_the_references(parse_expression(text), variables, order)


def test_points_written_as_zeros() -> None:
    f = parse_expression("atan(x + y) + log(1 + z**2)")
    for at in ("0,0,0", " 0, 0 ,0", [0, 0, 0], (sp.S.Zero, 0, 0)):
        _same_as_the_references(f, "x,y,z", 3, at)


def test_other_symbol_objects() -> None:
    x, y = sp.symbols("x y")
    f = sp.atan(x + y) + sp.exp(x * y)
    e = expand(f, [sp.Symbol("x"), sp.Symbol("y")], None, 3)
    own = {s.name: s for s in f.free_symbols}  # (SymPy's cache may hold f's parts with older, equal symbols)
    assert all(a is own[a.name] for a in e.variables)
    e = expand(f, [x, y], None, 3)
    want = _taylor(f, [x, y], {x: sp.S.Zero, y: sp.S.Zero}, 3, "total", arithmetic=False)
    assert e.coefficients == want


@pytest.mark.parametrize("seed", range(6))
def test_sweep_drawn(seed: int) -> None:
    from expansion_sweep import NAMES, _expression

    rng = random.Random(1600 + seed)
    for _ in range(25):
        n = rng.randint(2, 6)
        names = NAMES[:n]
        _same_as_the_references(parse_expression(_expression(rng, names)), ",".join(names), rng.randint(0, 4 if n <= 3 else 2))


def test_polynomial_as_keyed_builds_it() -> None:
    from taylorcli.keyed import polynomial as keyed_polynomial
    from taylorcli.series.engine import _exponents
    from taylorcli.series.mv_origin_poly import polynomial

    rng = random.Random(16)
    names = ["x", "y", "z", "B", "a1", "a10", "a2", "u_1", "w", "p"]
    for _ in range(300):
        variables = [sp.Symbol(name, **rng.choice([{}, {"real": True}, {"positive": True}]))
                     for name in rng.sample(names, rng.randint(2, 6))]
        rows = {}
        for _ in range(rng.randint(1, 12)):
            exps = tuple(rng.choice([0, 0, 1, 2, 3]) for _ in variables)
            rows[exps] = sp.Rational(rng.choice([1, 1, -1, 2, -3, 5]), rng.choice([1, 1, 2, 3]))
        items = sorted(rows.items(), key=lambda item: (sum(item[0]), [-p for p in item[0]]))
        want = keyed_polynomial([(_exponents(e), c) for e, c in items], variables, None, plain=True)
        same_expr(polynomial(items, variables), want)
