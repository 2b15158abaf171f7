"""Kinds of critical points where the Hessian test says nothing: higher-order terms, decided or not.

Every answer here comes from a test that decides it; where no test does, the
kind is ``degenerate`` and the note says the question is open. The tests:

- one variable: the first nonzero derivative f^(n)(a): n even gives a minimum
  or maximum by its sign, n odd an inflection point (not an extremum);
- f(a + h) - f(a) a sum of even monomials with coefficients of one sign, or a
  product of even powers: f >= f(a) (or <=) everywhere, a minimum (maximum);
- several variables: the splitting lemma reduces f to Q(w) + g(u), Q the
  Hessian on its range, u coordinates on its null space; the lowest term of
  g of order j decides: j odd, or indefinite, or of the sign opposite to Q:
  a saddle; definite with Q's sign (proved exactly): a strict extremum.

>>> x = sp.Symbol("x", real=True)
>>> univariate(x**3, x, sp.Integer(0))
('inflection point', "f'' = 0 here; the first nonzero derivative (order 3) is odd: not an extremum")
>>> univariate(x**4, x, sp.Integer(0))[0]
'local minimum'
"""

from __future__ import annotations

import itertools
import signal
from contextlib import AbstractContextManager, nullcontext

import sympy as sp

from .simplify import OutOfTime, time_limit

MAX_ORDER = 8  # highest derivative order tried before calling a point undecided
INFLECTION = "inflection point"


def _outer() -> bool:
    """True if a time limit is already running (its OutOfTime belongs to the caller: re-raise it)."""
    return signal.getitimer(signal.ITIMER_REAL)[0] > 0


def _limit(seconds: float) -> AbstractContextManager[None]:
    """``time_limit`` unless one is already running: its timer is one per process, so an inner
    limit would cancel the outer one when it ends."""
    return nullcontext() if _outer() else time_limit(seconds)


def sign_of(value: sp.Expr, digits: int = 50) -> int | None:
    """The sign of an exact real constant, or None when it cannot be decided in time.

    SymPy's evalf tracks its own error: a result with real precision has a
    certain sign; a result of no precision (``0.e-159``) may be an exact zero,
    which only a proof (simplification to 0) settles.

    >>> sign_of(sp.sqrt(2) - 1), sign_of(sp.sqrt(6) - sp.sqrt(2) - 2*sp.sqrt(2 - sp.sqrt(3)))
    (1, 0)
    """
    value = value if isinstance(value, sp.Basic) else sp.Integer(value)  # internal numbers only, never text
    if value.is_Rational:
        return int(bool(value > 0)) - int(bool(value < 0))
    if value.free_symbols or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    outer = _outer()
    try:
        with _limit(2.0):
            number = sp.N(value, digits)
            if number.is_Float and number._prec > 10 and number != 0:  # noqa: SLF001 - evalf's certified bits
                return 1 if number > 0 else -1
            if number.is_Float or number == 0:
                return 0 if sp.simplify(value) == 0 or value.equals(0) else None
    except OutOfTime:
        if outer:
            raise
        return None
    except (TypeError, ValueError, NotImplementedError, ArithmeticError):
        return None
    return None


def univariate(f: sp.Expr, x: sp.Symbol, a: sp.Expr, max_order: int = MAX_ORDER) -> tuple[str, str]:
    """Kind of a critical point a of f(x) by its first nonzero derivative (f'(a) = 0 is assumed)."""
    derivative = sp.diff(f, x)
    for k in range(2, max_order + 1):
        derivative = sp.diff(derivative, x)
        s = sign_of(derivative.xreplace({x: a}))
        if s is None:
            return "degenerate", f"undecided: the sign of f^({k}) here cannot be decided exactly"
        if s == 0:
            continue
        if k == 2:
            return ("local minimum" if s > 0 else "local maximum"), ""
        zeros = "f'' = 0" if k == 3 else f"f'' = ... = f^({k - 1}) = 0"
        if k % 2:
            return INFLECTION, f"{zeros} here; the first nonzero derivative (order {k}) is odd: not an extremum"
        word = "positive" if s > 0 else "negative"
        return ("local minimum" if s > 0 else "local maximum"), \
            f"{zeros} here; the first nonzero derivative (order {k}) is {word}"
    return "degenerate", f"undecided: f' = f'' = ... = f^({max_order}) = 0 here"


def _one_signed(g: sp.Expr, symbols: list[sp.Symbol]) -> int | None:
    """+1 if g >= 0 everywhere by its form (even monomials of one sign, or even powers), -1 if <= 0."""
    outer = _outer()
    try:
        with _limit(2.0):
            poly = sp.Poly(sp.expand(g), *symbols)
            if poly.is_zero:
                return None
            signs = {sign_of(c) for c in poly.coeffs()}
            if all(e % 2 == 0 for m in poly.monoms() for e in m) and len(signs) == 1 and signs <= {1, -1}:
                return signs.pop()
            factored = sp.factor(g)
    except OutOfTime:
        if outer:
            raise
        return None
    except (sp.PolynomialError, sp.GeneratorsNeeded, NotImplementedError, ValueError, TypeError):
        return None
    constant, factors = factored.as_coeff_mul()
    if not all(isinstance(p, sp.Pow) and p.exp.is_Integer and p.exp % 2 == 0 for p in factors):
        return None
    s = sign_of(constant)
    return s if s in (1, -1) else None


def _truncate(expr: sp.Expr, gens: list[sp.Symbol], degree: int) -> sp.Expr:
    """The terms of a polynomial in ``gens`` of total degree <= ``degree``."""
    poly = sp.Poly(sp.expand(expr), *gens)
    return sp.Add(*[c * sp.Mul(*[g**e for g, e in zip(gens, m)])
                    for m, c in poly.terms() if sum(m) <= degree])


def _taylor(f: sp.Expr, symbols: list[sp.Symbol], point: dict, h: sp.Matrix, gens: list[sp.Symbol],
            degree: int) -> sp.Expr:
    """Taylor polynomial of f(a + h) - f(a) in ``gens`` (h linear in them) up to ``degree``."""
    s = sp.Dummy("s")
    shifted = f.xreplace({x: point[x] + s * h[i] for i, x in enumerate(symbols)})
    if f.is_polynomial(*symbols):
        series = sp.expand(shifted)
    else:
        series = sp.series(shifted, s, 0, degree + 1).removeO()
    series = sp.expand(series - shifted.xreplace({s: 0}))
    return _truncate(series.xreplace({s: 1}) if series.has(s) else series, gens, degree)


def _reduced(f: sp.Expr, symbols: list[sp.Symbol], point: dict, H: sp.Matrix, degree: int,
             u: list[sp.Symbol]) -> sp.Expr:
    """g(u) = f(a + N u + R w(u)) - f(a), where w(u) solves d f / d w = 0 (the splitting lemma).

    N spans the Hessian's null space and R its range. f near a is, up to a change of
    coordinates, Q(w) + g(u) with Q the nondegenerate quadratic R^T H R: a is a
    minimum of f iff Q > 0 and a is a minimum of g (likewise maximum), and not an
    extremum otherwise. With R empty (H = 0), g is f itself.
    """
    null = sp.Matrix.hstack(*H.nullspace())
    ranges = H.columnspace()
    w = [sp.Dummy(f"w{i}") for i in range(len(ranges))]
    h = null * sp.Matrix(u)
    if ranges:
        h += sp.Matrix.hstack(*ranges) * sp.Matrix(w)
    T = _taylor(f, symbols, point, h, u + w, degree)
    if not w:
        return T
    R = sp.Matrix.hstack(*ranges)
    inverse = (R.T * H * R).inv()
    grad_w = sp.Matrix([sp.diff(T, v) for v in w])
    W = sp.zeros(len(w), 1)
    for _ in range(degree):  # each step fixes at least one more order of w(u)
        residual = grad_w.xreplace(dict(zip(w, W)))
        W = sp.Matrix([_truncate(e, u, degree) for e in W - inverse * residual])
    return _truncate(T.xreplace(dict(zip(w, W))), u, degree)


def _form_sign(form: sp.Expr, u: list[sp.Symbol]) -> tuple[int | None, bool]:
    """(sign, definite) of an even form: sign 0 means indefinite; None: not decided.

    Exact for one or two variables (roots of the dehomogenized form); more
    variables: indefinite if two integer directions disagree, definite if
    the form is even monomials of one sign with every pure power present.
    """
    poly = sp.Poly(form, *u)
    degree = poly.total_degree()
    signs = {sign_of(c) for c in poly.coeffs()}
    if None in signs:
        return None, False
    if len(u) == 1:
        return signs.pop(), True
    if len(u) == 2 and all(c.is_Rational for c in poly.coeffs()):
        # P(u0, u1) = u1^d p(u0/u1) off the line u1 = 0, and lead * u0^d on it.
        t = sp.Dummy("t")
        p = sp.Poly(form.xreplace({u[0]: t, u[1]: 1}), t)
        lead = poly.coeff_monomial(u[0] ** degree)
        roots = p.real_roots(multiple=False) if p.degree() > 0 else []
        k = 0
        while p.eval(k) == 0:  # finitely many roots: some integer is not one
            k += 1
        s = 1 if p.eval(k) > 0 else -1
        if any(m % 2 for _, m in roots) or lead * s < 0:
            return 0, False
        return s, not roots and lead != 0
    seen = set()
    for direction in itertools.product(range(-2, 3), repeat=len(u)):
        value = form.xreplace(dict(zip(u, direction))) if any(direction) else 0
        s = sign_of(value)
        if s:
            seen.add(s)
        if seen == {1, -1}:
            return 0, False
    pure = all(poly.coeff_monomial(v ** degree) != 0 for v in u)
    even = all(e % 2 == 0 for m in poly.monoms() for e in m)
    if len(signs) == 1 and even:
        return signs.pop(), pure
    # One sign seen: the form takes it somewhere (enough to prove a saddle), definiteness unproved.
    return (seen.pop(), False) if len(seen) == 1 else (None, False)


def several(f: sp.Expr, symbols: list[sp.Symbol], point: dict, H: sp.Matrix, inertia: tuple[int, int, int],
            seconds: float = 4.0) -> tuple[str, str]:
    """Kind of a critical point with a singular, semidefinite exact Hessian H (several variables)."""
    positive, negative, _ = inertia
    outer = _outer()
    try:
        with _limit(seconds):
            return _several(f, symbols, point, H, positive, negative)
    except OutOfTime:
        if outer:
            raise
        return "degenerate", "undecided: the higher-order test ran out of time"
    except (NotImplementedError, ValueError, TypeError, sp.PolynomialError) as error:
        return "degenerate", f"undecided: the higher-order test failed ({type(error).__name__})"


def _several(f: sp.Expr, symbols: list[sp.Symbol], point: dict, H: sp.Matrix, positive: int,
             negative: int) -> tuple[str, str]:
    u = [sp.Dummy(f"u{i}") for i in range(len(H.nullspace()))]
    if not u:
        return "degenerate", "undecided: no exact null space"
    g = _reduced(f, symbols, point, H, MAX_ORDER, u)
    where = "the reduced function on the Hessian's null space (splitting lemma)" if positive or negative \
        else "the Taylor expansion"
    terms = sp.Poly(g, *u).terms() if g != 0 else []
    for j in range(3, MAX_ORDER + 1):
        form = sp.Add(*[c * sp.Mul(*[v**e for v, e in zip(u, m)]) for m, c in terms if sum(m) == j])
        signs = {sign_of(c) for c in sp.Poly(form, *u).coeffs()} if form != 0 else {0}
        if signs <= {0}:
            continue  # zero, proved coefficient by coefficient
        if signs <= {0, None}:
            return "degenerate", f"undecided: whether the order-{j} term vanishes cannot be decided exactly"
        if j % 2:
            return "saddle point", f"Hessian singular; the lowest term of {where} has odd order {j}: " \
                                   "not an extremum"
        s, definite = _form_sign(form, u)
        if s == 0:
            return "saddle point", f"Hessian singular; the order-{j} term of {where} is indefinite: " \
                                   "not an extremum"
        if s is not None and (s > 0 and negative or s < 0 and positive):
            return "saddle point", f"Hessian singular; the order-{j} term of {where} takes the sign " \
                                   "opposite to the curvature elsewhere: not an extremum"
        if s is not None and definite:
            word = "minimum" if s > 0 else "maximum"
            sign = "positive" if s > 0 else "negative"
            return f"local {word}", f"Hessian singular; the order-{j} term of {where} is {sign} definite: " \
                                    f"a strict local {word}"
        signed = _signed_by_form(f, symbols, point, positive, negative)
        if signed:
            return signed
        word = "minimum" if (s or 0) > 0 or positive else "maximum"
        return "degenerate", f"undecided: Hessian singular; the order-{j} term of {where} is semidefinite: " \
                             f"it suggests a {word}, but the test is not conclusive"
    return _signed_by_form(f, symbols, point, positive, negative) or \
        ("degenerate", f"undecided: Hessian singular and {where} vanishes up to order {MAX_ORDER}")


def _signed_by_form(f: sp.Expr, symbols: list[sp.Symbol], point: dict, positive: int,
                    negative: int) -> tuple[str, str] | None:
    """A minimum (maximum) proved by f - f(a) >= 0 (<= 0) everywhere, read off its form."""
    if not f.is_polynomial(*symbols):
        return None
    h = [sp.Dummy(f"h{i}") for i in range(len(symbols))]
    shifted = sp.expand(f.xreplace({x: point[x] + hi for x, hi in zip(symbols, h)}) - f.xreplace(point))
    s = _one_signed(shifted, h)
    if s is not None and not (s > 0 and negative or s < 0 and positive):
        word = "minimum" if s > 0 else "maximum"
        return f"local {word}", (f"Hessian singular; f - f(a) is {'>=' if s > 0 else '<='} 0 by its form "
                                 f"(even powers of one sign): a {word}, not necessarily strict")
    return None
