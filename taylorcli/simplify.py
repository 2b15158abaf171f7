"""Simplification of results under a time budget.

Simplification can run for minutes on an unlucky expression; users asked for
a derivative, not a proof, so each call gets what is left of a budget and an
expression keeps its unsimplified form when time runs out.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> tidy([sp.sin(x)**2 + sp.cos(x)**2, 2*x*(x + 1)])
[1, 2*x**2 + 2*x]
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sympy as sp

DEFAULT_SECONDS = 10.0


class OutOfTime(BaseException):
    """Raised by ``time_limit``; a BaseException so SymPy's ``except Exception`` cannot swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``OutOfTime`` after ``seconds`` of wall time; a no-op off the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_PAIRS = ((sp.sin, sp.cos), (sp.sinh, sp.cosh), (sp.tan, sp.sec), (sp.cot, sp.csc))


def _trig_pair(expr: sp.Expr) -> bool:
    """True if two functions of one argument could meet in an identity (sin**2 + cos**2).

    trigsimp costs ~90 ms on a lone sin(2*x + y), where it can do nothing.
    """
    for first, second in _PAIRS:
        a = {fn.args[0] for fn in expr.atoms(first)}
        if a and a & {fn.args[0] for fn in expr.atoms(second)}:
            return True
    return False


def _simplify_one(expr: sp.Expr) -> sp.Expr:
    """A few targeted rewrites, keeping whichever form is shortest.

    sympy.simplify tries everything and takes ~100 ms on a typical Hessian
    entry, mostly to return it unchanged; trigsimp (sin**2 + cos**2) and cancel
    (common factors of a quotient) cover what derivatives actually need, at a
    tenth of the cost.
    """
    if expr.is_Atom:
        return expr
    if not expr.atoms(sp.Function) and expr.is_polynomial():
        # Polynomials read best expanded, as textbooks write Hessians.
        return sp.expand(expr)
    candidates = []
    if _trig_pair(expr):
        candidates.append(sp.trigsimp(expr))
    if any(p.exp.is_negative and not p.base.is_number for p in expr.atoms(sp.Pow)):
        # A sum of quotients: cancel expands, together keeps factors whole. The
        # logistic loss's A/(1+A) - A**2/(1+A)**2 becomes A'/(1+A')**2 only by together
        # (its exp(-u) over a common denominator is exp(u)), in milliseconds.
        together = sp.together(expr)
        candidates += [sp.cancel(expr), together, sp.powsimp(together), sp.factor(together)]
    elif isinstance(expr, (sp.Add, sp.Mul)) and expr.atoms(sp.exp):
        candidates.append(sp.powsimp(expr))  # exp(a)*exp(b) -> exp(a + b)
    best = expr
    for candidate in candidates:
        if sp.count_ops(candidate) < sp.count_ops(best) and _reads_back(candidate):
            best = candidate
    return best


def _reads_back(expr: sp.Expr) -> bool:
    # simplify may answer with Piecewise((zoo, Eq(x, 0)), ...): results must stay
    # in the language users type, so such a form is not taken.
    from .parse import parse_expression  # late: parse imports nothing from here
    from .errors import TaylorError

    try:
        parse_expression(sp.sstr(expr))
    except TaylorError:
        return False
    return True


def tidy(exprs: Sequence[sp.Expr], seconds: float = DEFAULT_SECONDS) -> list[sp.Expr]:
    """Simplify each expression while the shared time budget lasts.

    Equal inputs are simplified once. Whatever is left when the budget runs out
    is returned unchanged, so the result is always correct, only sometimes
    less tidy.
    """
    deadline = time.monotonic() + seconds
    done: dict[sp.Expr, sp.Expr] = {}
    out = []
    for expr in exprs:
        if expr not in done:
            left = deadline - time.monotonic()
            done[expr] = expr
            if left > 0:
                try:
                    with time_limit(left):
                        done[expr] = _simplify_one(expr)
                except OutOfTime:
                    pass
        out.append(done[expr])
    return out
