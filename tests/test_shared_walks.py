"""One expansion's univariate walks share a subexpression's series (univariate.shared_walks),
and its polynomial is built with the coefficient sums' sort keys (series/scope.py): the
coefficients and the polynomial are the very objects of walks from scratch (SHARE off) and a
build without those keys, and of the derivative engine (``_taylor(..., arithmetic=False)``);
nothing is carried from one expansion to the next.

Hypothesis draws f(u) shapes (the case that walks u twice: onevar._one_function, then the
whole walk) with negative and fractional constants, points and orders, and random
expressions in x with irrational constants, parameters, kinks and poles.
"""

from __future__ import annotations

import pytest
import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import coefficients_or_error, same_coefficients, same_expr
from strategies import SETTINGS, X, expressions, max_examples
from taylorcli import expand
from taylorcli.series import univariate
from taylorcli.series.tps import Unsupported

FAST = settings(max_examples=max_examples(60), **SETTINGS)

points = st.builds(lambda p, q: f"{p}/{q}", st.integers(-5, 5), st.sampled_from([1, 2, 3, 7]))
shapes = st.sampled_from([
    "exp(1/(1 + (x**2)**2))", "exp({q}/(1 - x**2))", "cos(x/({r} + x))", "exp({r} - exp(x))",
    "sin(x**2 + {q}*x)", "exp(x/(1 - x**2))", "sinh(({q}*x + {r})**3)", "cos(sqrt(1 + {p}*x**2))",
    "exp(atan(x) + {q})", "log(1 + x**2/{p})*exp(1/(1 + x))", "atan({q}*x**2 + {r})", "exp(log({p} + x))",
    "exp(1/(1 + (x + {r})**2)) + sin(x)", "exp(Abs(x) + {q})", "sin(1/(x + {r}))", "exp({q}*x**2 + {r})",
])


def _expand_both(f: sp.Expr, at: str | None, order: int, mp: pytest.MonkeyPatch) -> tuple:
    """(expansion with sharing, with SHARE off), or the two errors' types."""
    out = []
    for share in (True, False):
        mp.setattr(univariate, "SHARE", share)
        try:
            e = expand(f, "x", at, order)
            if not share:  # and the polynomial built without the coefficient sums' known sort keys
                e.sort_keys = None
            out.append((e.coefficients, e.polynomial))
        except Exception as error:  # noqa: BLE001 - then the other must raise the same
            out.append(type(error))
    return tuple(out)


def _same_both(f: sp.Expr, at: str | None, order: int) -> None:
    mp = pytest.MonkeyPatch()
    try:
        shared, alone = _expand_both(f, at, order, mp)
        if isinstance(shared, type) != isinstance(alone, type):
            # SymPy can raise on a first call only (a NaN comparison in an eval, with its cache cold:
            # see test_parse_pow): both again, warm; a difference due to the sharing stays
            shared, alone = _expand_both(f, at, order, mp)
    finally:
        mp.undo()
    if isinstance(shared, type) or isinstance(alone, type):
        assert shared == alone, (f, at, order)
        return
    assert shared[0] == alone[0], (f, at, order)
    for (p, c), (q, d) in zip(shared[0], alone[0]):
        assert p == q
        same_expr(c, d)
    same_expr(shared[1], alone[1])


@FAST
@given(shapes, st.integers(-3, 3), st.integers(1, 3), st.integers(2, 5), st.one_of(st.none(), points),
       st.integers(0, 14))
def test_shared_walks_give_the_objects_of_walks_from_scratch(shape: str, q: int, r: int, p: int, at: str | None,
                                                             order: int) -> None:
    f = shape.format(q=q, r=r, p=p)
    from taylorcli.parse import parse_expression
    _same_both(parse_expression(f), at, order)
    _derivative_engine(parse_expression(f), at, order)


@settings(max_examples=max_examples(40), **SETTINGS)
@given(expressions(variables=(X,), parameters=True, max_leaves=5), st.sampled_from([None, "1", "-1/2", "2"]),
       st.integers(0, 6))
def test_random_expressions_as_from_scratch(f: sp.Expr, at: str | None, order: int) -> None:
    _same_both(f, at, order)
    _derivative_engine(f, at, order)


def _derivative_engine(f: sp.Expr, at: str | None, order: int) -> None:
    """A Taylor expansion (not SymPy's series route) has the derivative engine's very coefficients."""
    try:
        e = expand(f, "x", at, order)
    except Exception:  # noqa: BLE001 - the same error from scratch (_same_both)
        return
    if e.method == "derivatives":
        case = (e.expression, e.variables, e.at, order, "total")
        same_coefficients(e.coefficients, coefficients_or_error(case, False), case)


def _walks(f: sp.Expr, u: sp.Expr, a: sp.Rational, k: int, k_first: int, first: dict) -> tuple | type:
    """walk(u, k_first, **first) then walk(f, k, guard=True, offsets, logs) inside shared_walks(): f's answer."""
    offsets: set = set()
    logs: dict = {}
    with univariate.shared_walks():
        try:
            univariate.walk(u, X, a, k_first, **first)
        except (Unsupported, ArithmeticError, ValueError):
            pass
        try:
            series, own = univariate.walk(f, X, a, k, guard=True, offsets=offsets, logs=logs)
        except (Unsupported, ArithmeticError, ValueError) as error:
            return type(error)
    assert not univariate._LAST  # forgotten at the scope's end
    return series, own, offsets, logs


@FAST
@given(st.sampled_from(["sin(x)", "1/(1 + x**2)", "atan(x + 1)", "log(2 + x)", "sqrt(1 + x)", "(x + 3)**200",
                        "exp(x)*log(1 + x)", "x**2 - 1/3"]),
       st.sampled_from(["exp", "sin", "cos", "atan", "log"]), st.integers(-2, 2), st.integers(0, 12),
       st.integers(0, 1), st.sampled_from([{}, {"guard": True}, {"offsets": set()}, {"guard": True, "offsets": set()}]))
def test_walk_reuses_only_what_holds(inner: str, outer: str, a: int, k: int, more: int, first: dict) -> None:
    """The second walk's answer (series, own symbol, offsets, logs) is the one it gives alone, whatever the
    first was (guarded or not, with offsets or not, another order)."""
    from taylorcli.parse import parse_expression
    u = parse_expression(inner)
    f = sp.log(u + 2) if outer == "log" else getattr(sp, outer)(u)
    a = sp.Integer(a)
    alone = _walks(f, sp.Integer(1), a, k, k, {})
    assert _walks(f, u, a, k, k + more, dict(first)) == alone, (f, a, k, more, first)


def test_another_symbol_or_point_is_not_reused() -> None:
    y = sp.Symbol("x")  # x without real=True: the same name, another symbol
    u = 1 / (1 + X**2)
    f = sp.exp(X * u)
    want = univariate.walk(f, X, sp.Integer(0), 6)
    with univariate.shared_walks():
        univariate.walk(u.subs(X, y), y, sp.Integer(0), 6)
        assert univariate._LAST[1] is y
        assert univariate.walk(f, X, sp.Integer(0), 6) == want
        univariate.walk(u, X, sp.Integer(1), 6)
        assert univariate.walk(f, X, sp.Integer(0), 6) == want
        univariate.walk(u, X, sp.Integer(0), 6)
        assert univariate.walk(f, X, sp.Integer(0), 6) == want  # (this one reused u's)
    assert not univariate._LAST


def test_nothing_is_carried_between_expansions() -> None:
    f = sp.exp(1 / (1 + X**4))
    expand(f, "x", None, 8)
    assert not univariate._LAST and not univariate._SHARING


def test_the_seed_is_what_the_second_walk_takes() -> None:
    """(That the reuse happens at all: a planted series for u shows in exp(u)'s.)"""
    from flint import fmpq_series
    u = sp.sin(X) + X**2
    with univariate.shared_walks():
        univariate.walk(u, X, sp.Integer(0), 4)
        last = univariate._LAST
        univariate._LAST = last[:6] + (fmpq_series([0, 2], prec=5),) + last[7:]  # as if u were 2x
        planted = univariate.walk(sp.exp(u), X, sp.Integer(0), 4)[0]
    assert planted == [fmpq(1), fmpq(2), fmpq(2), fmpq(4, 3), fmpq(2, 3)]  # exp(2x)
    assert univariate.walk(sp.exp(u), X, sp.Integer(0), 4)[0] != planted  # outside the scope: from scratch


@FAST
@given(st.sampled_from(["cosh(x) + cos(x)", "sin(x**2)", "sin(x + {q})*exp(x + {r})", "atan(x + {r}) + log({p} + x)",
                        "exp(x**2 - {q})*cos({q}*x)", "log(1 + x**2)*sin(x - {r})", "sinh(x)/({p} + cos(x))"]),
       st.integers(-3, 3), st.integers(1, 3), st.integers(2, 5), points, st.integers(0, 9))
def test_known_sums_build_the_same_polynomial(shape: str, q: int, r: int, p: int, at: str, order: int) -> None:
    from taylorcli import keyed_onevar
    from taylorcli.parse import parse_expression
    try:
        e = expand(parse_expression(shape.format(q=q, r=r, p=p)), "x", at, order)
    except Exception:  # noqa: BLE001 - not this test's business
        return
    if len(e.coefficients) < 2 or e.kind != "taylor":
        return
    known = keyed_onevar.build(e.coefficients, e.bases[0], e.sort_keys)
    plain = keyed_onevar.build(e.coefficients, e.bases[0], None)
    if plain is None:
        assert known is None
        return
    same_expr(known, plain)
    same_expr(known, sp.Add(*[c * e.bases[0] ** n for (n,), c in e.coefficients]))  # SymPy's own sum
