"""Session 14's shortcuts of the series walk give the derivative engine's objects.

- a product of variables at 0 whose degree passes the order (shortcuts.monomial builds no product);
- f(u) with u 0 to the order (cosh(x*y*z*u) at order 2: shortcuts.function_of's constant f(0));
- a rational root of a one-variable base (sqrt(1 + x**4) at 0: mv_offsets' series from the base's);
- zero parts skipped in Ring.add/sub/neg/scale/div;
- no vet for pi (atan(1)'s generator) nor for a short rational (engine.py).

Each case is compared object for object with the derivative engine (tests/same_object.py).
"""

from __future__ import annotations

import pytest
import sympy as sp

from same_object import coefficients_or_error, same_coefficients
from taylorcli.series import tps
from taylorcli.series.tps import Ring

x, y, z, u, v, w = (sp.Symbol(name, real=True) for name in "xyzuvw")
R = sp.Rational

CASES = [
    # past the order: monomials, f(monomial), powers and functions of them
    (sp.cosh(x * y), [x, y], (0, 0), 1),
    (sp.cosh(x * y * z * u), [x, y, z, u], (0, 0, 0, 0), 2),
    (sp.exp(x) + sp.cosh(v * u * w * z * y), [x, y, z, u, v, w], (0,) * 6, 2),
    (sp.sinh(sp.exp(y * v * u * z * w * x)), [x, y, z, u, v, w], (0,) * 6, 2),
    (sp.sin(x * y * z * u), [x, y, z, u], (0, 0, 0, 0), 3),
    (sp.atan(x * y * z) + sp.asin(u * v * w), [x, y, z, u, v, w], (0,) * 6, 2),
    (sp.atanh(x * y * z) * sp.tan(y * z * u), [x, y, z, u], (0, 0, 0, 0), 2),
    (sp.asinh(x * y * z) - sp.tanh(x * y * z), [x, y, z], (0, 0, 0), 2),
    (1 / (1 + (v * x * z * y) ** 2) + 1 / (1 + u**2), [x, y, z, u, v], (0,) * 5, 5),
    (sp.cos(sp.exp(v * u * x * w)) * sp.cosh(z * y), [x, y, z, u, v, w], (0,) * 6, 2),
    (sp.sqrt(1 + (x * y * z) ** 2) * sp.exp(u), [x, y, z, u], (0, 0, 0, 0), 4),
    (3 * x**2 * y**3 + sp.cos(x), [x, y], (0, 0), 4),
    ((x * y * z) ** 2 + sp.sin(x + y), [x, y, z], (0, 0, 0), 5),
    (sp.cos(x * y * z * u + 1), [x, y, z, u], (0, 0, 0, 0), 2),
    # rational roots of one-variable bases
    (sp.cosh(y * z) * sp.sqrt(1 + (x**2) ** 2), [x, y, z], (0, 0, 0), 6),
    (sp.sqrt(1 + (x + 3) ** 2) * sp.exp(y), [x, y], (-3, 1), 5),
    (sp.sqrt(1 + (u**2) ** 2) * sp.log(1 + (x * z * y) ** 2), [x, y, z, u], (0, 0, 0, 0), 2),
    ((1 + x**2) ** R(-1, 2) * sp.sin(y * z), [x, y, z], (0, 0, 0), 5),
    ((4 + x) ** R(3, 2) + sp.cos(y), [x, y], (0, 0), 4),
    ((9 * x**2 + 16) ** R(-3, 2) * y, [x, y], (0, 1), 4),
    (sp.sqrt(1 + sp.sin(x - 1) ** 2) * sp.exp(y), [x, y], (1, 0), 3),
    (sp.sqrt(1 + sp.sin(x) ** 2) * sp.exp(y), [x, y], (0, 0), 4),
    (sp.sqrt(2 + x**2) * sp.exp(y), [x, y], (0, 0), 3),
    # pi and rationals among the leaves
    (sp.atan(sp.cosh(2 * x)) + sp.cosh(y * z), [x, y, z], (0, 0, 0), 2),
    (sp.atan(1 + x * y), [x, y], (0, 0), 4),
    (sp.atan(x + y + 1) * sp.exp(z), [x, y, z], (0, 0, 0), 3),
    (sp.atan(x * y + 1) ** 2 + sp.cos(z), [x, y, z], (0, 0, 0), 2),
    (sp.exp(x + y) * sp.sin(z + 1), [x, y, z], (R(1, 2), 2, R(-1, 3)), 3),
]


@pytest.mark.parametrize("expr, variables, at, order", CASES)
def test_the_derivative_engine_objects(expr, variables, at, order):
    point = {v_: sp.sympify(a) for v_, a in zip(variables, at)}
    for degree in ("total", "each"):
        case = (expr, variables, point, order, degree)
        same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)


def test_zero_parts_are_taken_as_they_are():
    ring = Ring(2, 1, 3)
    h0, h1 = ring.gens[0], ring.gens[1]
    a = [ring.one, h0, ring.zero, ring.zero]
    b = [ring.zero, h1, h0 * h1, ring.zero]
    assert ring.add(a, b) == [ring.one, h0 + h1, h0 * h1, ring.zero]
    assert ring.sub(a, b) == [ring.one, h0 - h1, -h0 * h1, ring.zero]
    assert ring.neg(b) == [ring.zero, -h1, -h0 * h1, ring.zero]
    assert ring.scale(b, ring.ctx.constant(3)) == [ring.zero, 3 * h1, 3 * h0 * h1, ring.zero]
    one_plus = [ring.one, h0, ring.zero, ring.zero]
    q = ring.div(ring.constant(1), one_plus)
    assert [str(c) for c in q] == ["1", "-h0", "h0^2", "-h0^3"]
    assert all(isinstance(c, tps.fmpq_mpoly) for c in ring.add(a, b) + ring.sub(a, b) + ring.neg(b))
