"""Padé approximants [M/N] of f about a point, exact, from its Taylor coefficients.

P/Q with deg P <= M, deg Q <= N, Q(a) = 1 and f*Q - P = O((x - a)^(M+N+1)).
The N denominator coefficients solve the linear system that cancels the
terms of degree M+1..M+N of f*Q; it is solved exactly (SymPy's Matrix
LU over the coefficients' field), then P is the truncated product.
A singular system or a P and Q with a common factor is reported, not guessed.

>>> str(pade("exp(x)", "x", None, 2, 2).approximant)
'(x**2/12 + x/2 + 1)/(x**2/12 - x/2 + 1)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mpmath
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from .calculus import Expr, Variables, describe_point
from .errors import InputError, LimitError, MathError, printable
from .expansion import expand

MAX_ORDER = 40  # M + N: an exact N x N solve over the coefficients' field
if TYPE_CHECKING:
    from .render.pade import PadeReport

DIGITS = 50


@dataclass
class Pade:
    """The [m/n] Padé approximant numerator/denominator of ``expression`` about ``at``."""

    expression: sp.Expr
    variable: sp.Symbol
    at: sp.Expr
    m: int
    n: int
    numerator: sp.Expr
    denominator: sp.Expr
    taylor: sp.Expr  # the Taylor polynomial of degree m + n it was built from

    @property
    def approximant(self) -> sp.Expr:
        return self.numerator / self.denominator


@dataclass
class PadeCheck:
    """f, the Padé value and the Taylor polynomial of degree m+n at one point, with their errors."""

    point: sp.Expr
    value: float
    pade: float
    pade_error: float
    taylor: float
    taylor_error: float
    exact: sp.Expr | None = None  # f at the point, exact


def _in_powers(coefficients: Sequence[sp.Expr], base: sp.Expr) -> sp.Expr:
    return sp.Add(*(c * base**k for k, c in enumerate(coefficients)))


def pade(f: Expr, variable: Variables, at: Mapping | str | Sequence | None, m: int, n: int) -> Pade:
    """The [m/n] Padé approximant of ``f`` (one variable) about ``at`` (default 0).

    >>> p = pade("log(1 + x)", None, None, 3, 2)
    >>> str(sp.factor(p.approximant))
    'x*(x**2 + 21*x + 30)/(3*(3*x**2 + 12*x + 10))'
    """
    for name, k in (("M", m), ("N", n)):
        if not isinstance(k, int) or isinstance(k, bool) or k < 0:
            raise InputError(f"--order M,N needs whole numbers >= 0, got {name} = {k!r}")
    if m + n > MAX_ORDER:
        raise LimitError(f"order M + N = {m + n} is too high (limit {MAX_ORDER})")
    e = expand(f, variable, at, m + n)
    if len(e.variables) != 1:
        raise InputError(f"a Pade approximant needs one variable; the expression has {len(e.variables)}")
    (x,) = e.variables
    a = e.at[x]
    if e.at_infinity:
        raise InputError("a Pade approximant needs a finite point")
    if e.kind != "taylor" or e.side is not None:
        raise MathError(f"{e.expression} is not analytic at {describe_point(e.at)}: "
                        f"no Taylor series to build a Pade approximant from ({e.kind} series)")
    c = [sp.Integer(0)] * (m + n + 1)
    for (p,), value in e.coefficients:
        c[int(p)] = value

    def coefficient(i: int) -> sp.Expr:
        return c[i] if 0 <= i <= m + n else sp.Integer(0)

    q = [sp.Integer(1)]
    if n:
        # Rows k = m+1..m+n: sum_{j=1..n} q_j c_{k-j} = -c_k (the Toeplitz system).
        A = sp.Matrix(n, n, lambda r, j: coefficient(m + 1 + r - (j + 1)))
        b = sp.Matrix(n, 1, lambda r, _: -coefficient(m + 1 + r))
        # Exact rank over the coefficients' field (DomainMatrix: QQ, QQ<sqrt(2)>, QQ(E), EX).
        system = DomainMatrix.from_Matrix(A).to_field()
        if system.rank() < n:
            raise MathError(f"the [{m}/{n}] Pade approximant of {e.expression} at {describe_point(e.at)} "
                            "is degenerate: the coefficient system is singular (try another order)")
        solution = system.lu_solve(DomainMatrix.from_Matrix(b).convert_to(system.domain)).to_Matrix()
        q += [sp.radsimp(sp.cancel(v)) for v in solution]
    p = [sp.radsimp(sp.cancel(sp.Add(*(q[j] * coefficient(k - j) for j in range(min(k, n) + 1)))))
         for k in range(m + 1)]
    t = sp.Dummy("t")
    P, Q = _in_powers(p, t), _in_powers(q, t)
    common = sp.gcd(sp.Poly(P, t, domain="EX"), sp.Poly(Q, t, domain="EX")) if P != 0 else sp.Poly(1, t)
    if common.degree() > 0:
        raise MathError(f"the [{m}/{n}] Pade approximant of {e.expression} is degenerate: numerator and "
                        f"denominator share the factor {common.as_expr().subs(t, x - a)}")
    base = x - a
    return Pade(e.expression, x, a, m, n, P.subs(t, base), Q.subs(t, base), e.polynomial)


def _number(expr: sp.Expr) -> mpmath.mpf:
    value = sp.N(expr, DIGITS)
    if not value.is_real:
        raise MathError(f"the value {expr} is not a real number")
    return mpmath.mpf(value)


def check(result: Pade, points: Sequence[sp.Expr]) -> list[PadeCheck]:
    """Actual errors |f - P/Q| and |f - T_(m+n)| at each point, at 50 digits."""
    x = result.variable
    rows = []
    with mpmath.workdps(DIGITS):
        for point in points:
            exact = result.expression.xreplace({x: point})
            f = _number(exact)
            q = _number(result.denominator.xreplace({x: point}))
            if q == 0:
                raise MathError(f"the Pade denominator vanishes at {x} = {point}")
            r = _number(result.numerator.xreplace({x: point})) / q
            t = _number(result.taylor.xreplace({x: point}))
            rows.append(PadeCheck(point, float(f), float(r), float(abs(f - r)), float(t), float(abs(f - t)), exact))
    return rows


def parse_order(text: str) -> tuple[int, int]:
    """``--order M,N`` as two whole numbers.

    >>> parse_order("3, 2")
    (3, 2)
    """
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise InputError(f"--order takes M,N (two whole numbers >= 0), got {printable(text)}")
    return int(parts[0]), int(parts[1])


def run_pade(expr: str, order: str, at: str | None, vars_: str | None, check_at: str | None,
             simplify: bool) -> PadeReport:
    """``taylor pade``: the [M/N] Padé approximant, and with --check its errors beside Taylor's.

    (Here, not in commands.py: a new capability gets its own module.)
    """
    from .env import environment, expression_text
    from .parse import parse_expression, parse_point
    from .render.pade import PadeReport

    env = environment()
    expression = parse_expression(expression_text(env, expr))
    m, n = parse_order(order)
    result = pade(expression, vars_, at, m, n)
    report = PadeReport(result)
    if check_at is not None:
        points = [parse_point(text, [result.variable])[result.variable] for text in check_at.split(",")]
        report.check = check(result, points)
    return report
