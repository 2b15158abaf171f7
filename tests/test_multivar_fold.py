"""Several exponentials or square roots in one multivariate coefficient (direct.Direct's fold mode).

exp(x*y)*exp(sin(x + y)) at (1, 2) has coefficients in exp(2) and exp(sin(3)); sqrt(1 + x**2)*sqrt(1 + 4*y**2)
at (1, 1) in sqrt(2) and sqrt(5). The engine builds them directly (SymEngine's expand and to_sympy only where a
monomial's factors could combine); they must be the derivative engine's very objects.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings, strategies as st

from same_object import coefficients_or_error, same_coefficients
from taylorcli.parse import symbol
from taylorcli.series import direct

X, Y, Z = (symbol(n) for n in "xyz")
LINEAR = [X, Y, X + Y, 2 * X - Y, X * Y, X + Z, Y * Z]
ATOMS = [sp.exp, lambda u: sp.sqrt(1 + u**2), sp.sin, lambda u: sp.exp(sp.sin(u)), sp.cosh,
         lambda u: sp.sqrt(2 + u), lambda u: sp.exp(-u), sp.erf]
coordinates = st.builds(sp.Rational, st.integers(-3, 3), st.sampled_from([1, 1, 2, 3]))


def _folds(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    made: list[bool] = []
    init = direct.Direct.__init__

    def recording(self: direct.Direct, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        made.append(self.folding)
    monkeypatch.setattr(direct.Direct, "__init__", recording)
    return made


@pytest.mark.parametrize("expr, point, order", [
    (sp.sqrt(1 + X**2) * sp.sqrt(1 + 4 * Y**2) * sp.sin(X * Y), {X: 1, Y: 1}, 4),
    (sp.exp(X * Y) * sp.exp(sp.sin(X + Y)), {X: 1, Y: 2}, 4),
    (sp.exp(X + Y) * sp.exp(sp.cos(X)) * sp.sqrt(1 + Y**2) * sp.sqrt(2 + X), {X: -1, Y: 2}, 3),
])
def test_folded_coefficients_are_the_derivative_engines(expr: sp.Expr, point: dict, order: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    made = _folds(monkeypatch)
    case = (expr, [X, Y], {v: sp.Integer(c) if isinstance(c, int) else c for v, c in point.items()}, order, "total")
    same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
    assert any(made)  # the fold mode answered


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(LINEAR), st.booleans()), min_size=2, max_size=3),
       st.tuples(coordinates, coordinates, coordinates), st.integers(1, 3))
def test_products_and_sums_of_exponentials_and_roots(parts: list, at: tuple, order: int) -> None:
    expr = sp.Integer(1)
    for f, u, times in parts:
        expr = expr * f(u) if times else expr + f(u)
    case = (expr, [X, Y, Z], dict(zip((X, Y, Z), at)), order, "total")
    same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
