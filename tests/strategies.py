"""Hypothesis strategies shared by the property tests: random expressions and points.

Expressions are built directly as SymPy objects (never by parsing), from
variables x, y, z, parameters a, b (symbols that are not differentiated),
constants that are irrational or a negative sum (sqrt(2) - 2, E - 3, ...),
smooth functions, Abs (kinks), rational powers (branch points) and quotients
(poles). ``text(expr)`` is SymPy's own ``sstr`` of the object: a test reads it
with our parser and checks it gets the same object back.

Also: ``time_limit`` (SIGALRM) so that one slow SymPy call cannot stall a
property, ``numeric`` (mpmath through SymPy at 30 digits, ``None`` where
undefined) and ``max_examples`` (raised by TAYLOR_LONG_PROPERTIES=1).

>>> text(X + sp.sqrt(2) - 2)
'x - 2 + sqrt(2)'
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence

import sympy as sp
from hypothesis import HealthCheck
from hypothesis import strategies as st

LONG = os.environ.get("TAYLOR_LONG_PROPERTIES") == "1"

# deadline=None: SymPy's first call of a kind is slow (caches), which is not a failure.
SETTINGS = dict(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.data_too_large])


def max_examples(short: int) -> int:
    """``short`` in CI; 20 times as many with TAYLOR_LONG_PROPERTIES=1."""
    return short * 20 if LONG else short


# The parser's symbols are real: build the same ones.
X, Y, Z = (sp.Symbol(name, real=True) for name in "xyz")
A, B = (sp.Symbol(name, real=True) for name in "ab")
VARIABLES = (X, Y, Z)
PARAMETERS = (A, B)

CONSTANTS = (
    sp.sqrt(2) - 2, sp.E - 3, sp.log(2) - 1, sp.EulerGamma, sp.pi / 4, sp.Rational(-7, 3),
    sp.Integer(1), sp.Integer(2), sp.Integer(-1), sp.Rational(1, 2), sp.Integer(3),
)
SMOOTH = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.tanh, sp.erf)
SINGULAR = (sp.log, sp.tan, sp.sqrt, sp.Abs)  # branch points, poles, kinks
EXPONENTS = (2, 3, -1, -2, sp.Rational(1, 2), sp.Rational(3, 2), sp.Rational(-1, 3), sp.Rational(2, 3))

# Values that are no real number: an expression holding one is not generated.
UNDEFINED = (sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.AccumBounds)

POINT_VALUES = (
    sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Rational(1, 2), sp.Rational(-3, 2), sp.Integer(2),
    sp.pi / 2, sp.pi / 4, -sp.pi / 3, sp.pi, sp.sqrt(2), sp.E - 2, sp.Rational(7, 3),
)


def _defined(expr: sp.Expr) -> bool:
    """No undefined value, and every constant part real (sqrt(sqrt(2) - 2) is not)."""
    if expr.has(*UNDEFINED) or len(sp.sstr(expr)) > 400:
        return False
    for sub in sp.preorder_traversal(expr):
        if not sub.free_symbols and not sub.is_Atom:
            value = sp.N(sub, 15)
            if not (value.is_Number and value.is_real and value.is_finite):
                return False
    return True


def expressions(variables: Sequence[sp.Symbol] = VARIABLES, parameters: bool = True,
                singular: bool = True, max_leaves: int = 6) -> st.SearchStrategy[sp.Expr]:
    """Random real expressions in ``variables`` (and maybe a, b) with at least one variable."""
    symbols = list(variables) + (list(PARAMETERS) if parameters else [])
    leaves = st.one_of(st.sampled_from(list(variables)), st.sampled_from(symbols), st.sampled_from(CONSTANTS))
    functions = SMOOTH + (SINGULAR if singular else ())
    exponents = EXPONENTS if singular else tuple(e for e in EXPONENTS if e in (2, 3))

    def extend(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
        pairs = st.tuples(children, children)
        options = [
            pairs.map(lambda p: p[0] + p[1]),
            pairs.map(lambda p: p[0] - p[1]),
            pairs.map(lambda p: p[0] * p[1]),
            st.tuples(st.sampled_from(functions), children).map(lambda p: p[0](p[1])),
            st.tuples(children, st.sampled_from(exponents)).map(lambda p: p[0] ** p[1]),
        ]
        if singular:
            options.append(pairs.map(lambda p: p[0] / p[1]))
        return st.one_of(options)

    return st.recursive(leaves, extend, max_leaves=max_leaves).filter(
        lambda e: isinstance(e, sp.Expr) and bool(e.free_symbols & set(variables)) and _defined(e))


def text(expr: sp.Expr) -> str:
    """The expression as text, printed by SymPy (not by taylorcli)."""
    return sp.sstr(expr)


def used_variables(expr: sp.Expr) -> list[sp.Symbol]:
    """The differentiation variables in ``expr``, in x, y, z order."""
    return [v for v in VARIABLES if v in expr.free_symbols]


def points(variables: Sequence[sp.Symbol]) -> st.SearchStrategy[dict[sp.Symbol, sp.Expr]]:
    """A point: rationals, multiples of pi and irrational values, one per variable."""
    return st.tuples(*(st.sampled_from(POINT_VALUES) for _ in variables)).map(
        lambda values: dict(zip(variables, values)))


def point_text(point: dict[sp.Symbol, sp.Expr]) -> str:
    """--at text: x=pi/2,y=1."""
    return ",".join(f"{v}={sp.sstr(value)}" for v, value in point.items())


PARAMETER_VALUES = {A: sp.Rational(3, 7), B: sp.Rational(5, 4)}


def numeric(expr: sp.Expr, point: dict[sp.Symbol, sp.Expr], digits: int = 30) -> sp.Float | None:
    """``expr`` at ``point`` (parameters at PARAMETER_VALUES) to ``digits``; None if undefined or not real."""
    values = {**PARAMETER_VALUES, **point}
    # An unevaluated Derivative(g(x), x) cannot take x = 3/7 by xreplace: subs makes it Subs.
    try:
        exact = expr.subs(values).doit() if expr.has(sp.Derivative) else expr.xreplace(values)
    except ValueError:  # SymPy refuses the value (DiracDelta of a complex number): undefined there
        return None
    if exact.has(*UNDEFINED):
        return None
    value = sp.N(exact, digits)
    if not value.is_Number or value.has(*UNDEFINED) or not value.is_real or not value.is_finite:
        return None
    return value


def close(a: sp.Expr, b: sp.Expr, digits: int = 20) -> bool:
    """a and b agree to ``digits`` significant digits (absolutely near zero)."""
    return abs(a - b) <= sp.Float(10) ** -digits * max(1, abs(a), abs(b))


class Slow(BaseException):
    """Time is up. A BaseException, so that no ``except Exception`` (the CLI's) takes it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``Slow`` after ``seconds`` of wall time (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise Slow

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
