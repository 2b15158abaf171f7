"""Shared checks that a fast expansion path builds the very objects the reference builds.

"The same object" is ==, and srepr, args and node types equal all the way down: SymPy's ==
alone accepts sqrt(2)/(-2 + sqrt(2)) - 2/(-2 + sqrt(2)) where 1 was printed before.
"""
from __future__ import annotations

import pytest
import sympy as sp

from taylorcli import expansion
from taylorcli.errors import MathError
from taylorcli.expansion import _taylor, expand
from taylorcli.parse import parse_expression
from taylorcli.singular import NotAnalytic


def same_expr(got: sp.Expr, want: sp.Expr) -> None:
    """``got`` is ``want``, node for node."""
    assert got == want and got.args == want.args and sp.srepr(got) == sp.srepr(want)
    for g, w in zip(sp.preorder_traversal(got), sp.preorder_traversal(want)):
        assert type(g) is type(w) and g.args == w.args


def coefficients_or_error(case: tuple, arithmetic: bool) -> list | str:
    """``_taylor``'s coefficients of ``case`` = (expr, variables, point, order, degree), or its error's text."""
    expr, variables, point, order, degree = case
    try:
        return _taylor(expr, variables, point, order, degree, arithmetic=arithmetic)
    except (NotAnalytic, MathError) as error:
        return f"{type(error).__name__}: {error}"


def same_coefficients(ours: list | str, expected: list | str, case: tuple) -> None:
    """Two ``coefficients_or_error`` answers are the same objects in the same order."""
    assert ours == expected, case
    if not isinstance(ours, str):
        assert [sp.srepr(c) for _, c in ours] == [sp.srepr(c) for _, c in expected], case
        assert [c.args for _, c in ours] == [c.args for _, c in expected], case
        assert [p for p, _ in ours] == [p for p, _ in expected], case


def _remainder_vanishes(e: object, order: int) -> None:
    (x,) = e.variables
    a = e.at[x]
    remainder = (e.expression - e.polynomial) / (x - a) ** order
    for side in "+-":
        assert sp.limit(remainder, x, a, side) == 0, (e.expression, a, order, side)


def onevar_is_the_full_path(text: str | sp.Expr, at: str | None, order: int) -> None:
    """expand(f, "x", at, order) is the derivative engine's coefficients and the full path's polynomial.

    The full path is the one with ``expansion._one_variable`` off; an error must be the same there.
    """
    f = parse_expression(text) if isinstance(text, str) else text
    mp = pytest.MonkeyPatch()
    try:
        try:
            e = expand(f, "x", at, order)
        except Exception as error:  # noqa: BLE001 - then the full path must say the same
            mp.setattr(expansion, "_one_variable", lambda *_: None)
            with pytest.raises(type(error)):
                expand(f, "x", at, order)
            return
        if e.kind != "taylor":
            return
        try:
            derivatives = _taylor(e.expression, e.variables, e.at, order, "total", arithmetic=False)
        except NotAnalytic:
            # The derivative engine needs every derivative up to the order at the point itself; at a
            # removable singularity or a kink (sin(x)/x, sqrt(x**2) at order 0, x*|x| at order 1) the
            # series may still answer: then its polynomial P must be the Taylor polynomial, the
            # remainder (f - P)/(x - a)**order tending to 0 from both sides (SymPy's limit).
            _remainder_vanishes(e, order)
            return
        assert e.coefficients == derivatives, (text, at, order)
        for (p, c), (q, d) in zip(e.coefficients, derivatives):
            assert p == q
            same_expr(c, d)
        mp.setattr(expansion, "_one_variable", lambda *_: None)
        same_expr(e.polynomial, expand(f, "x", at, order).polynomial)
    finally:
        mp.undo()


def same_with_patches(text: str, at: str | None, order: int, patches: list[tuple[object, str, object]]) -> None:
    """expand(text, "x", at, order) is the very same with ``patches`` ((owner, name, value), ...) set:
    a route switched off changes no object. An error is onevar_is_the_full_path's to compare."""
    f = parse_expression(text)
    try:
        e = expand(f, "x", at, order)
    except Exception:  # noqa: BLE001 - onevar_is_the_full_path compares errors
        return
    with pytest.MonkeyPatch.context() as mp:
        for owner, name, value in patches:
            mp.setattr(owner, name, value)
        other = expand(f, "x", at, order)
    assert [p for p, _ in e.coefficients] == [p for p, _ in other.coefficients]
    for (_, c), (_, d) in zip(e.coefficients, other.coefficients):
        same_expr(c, d)
    same_expr(e.polynomial, other.polynomial)


def agrees_with_route_off(case: tuple, owner: object, name: str, value: object) -> None:
    """The arithmetic's coefficients of ``case`` are the derivative engine's, and the same with
    ``owner.name`` set to ``value`` (a route switched off changes no object)."""
    got = coefficients_or_error(case, True)
    same_coefficients(got, coefficients_or_error(case, False), case)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(owner, name, value)
        before = coefficients_or_error(case, True)
    same_coefficients(got, before, case)


def same_or_slow(case: tuple, seconds: float = 60) -> None:
    """The arithmetic's coefficients of ``case`` are the derivative engine's; skipped past ``seconds``
    (coefficients too long to compare in time on a loaded machine)."""
    from strategies import Slow, time_limit

    try:
        with time_limit(seconds):
            same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
    except Slow:
        pass
