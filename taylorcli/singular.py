"""Where f is not analytic, and why: kinks, jumps, branch points, essential singularities.

SymPy's ``series`` about a finite point a substitutes x = a + t with t > 0, so
what it returns holds for x > a only. Here the series is computed on each
side (x = a + t and x = a - t, t > 0) and the two are compared: a two-sided
expansion is given only when they are the same series in powers of x - a.
Otherwise the reason is named ("Abs(x) is not differentiable at x = 0"), and a
one-sided series is given only on request (``side="+"`` or ``"-"``), or when f
is real on one side only (sqrt(x) at 0: the series for x > 0 is the only one).

>>> x = sp.Symbol("x", real=True)
>>> obstacles(sp.Abs(x) + x**2, {x: sp.Integer(0)})
['Abs(x) is not differentiable at x = 0']
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from .errors import InputError, MathError

_log = logging.getLogger(__name__)  # --debug: which one-sided series came from the arithmetic
SIDES = ("+", "-")
KINDS = ("taylor", "laurent", "puiseux", "asymptotic")
MAX_CHECKS = 60  # one-sided series computed to vouch for derivatives at a non-smooth point
_KINKS = (sp.Abs, sp.Min, sp.Max)
_JUMPS = (sp.sign, sp.Heaviside)


class NotAnalytic(MathError):
    """f has no Taylor polynomial at the point; the message says why."""


def where(point: Mapping[sp.Symbol, sp.Expr]) -> str:
    """``x = 0, y = 1``: how a point is named in messages."""
    return ", ".join(f"{v} = {a}" for v, a in point.items())


def _vanishes(value: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    return value.xreplace(dict(point)) == 0


def obstacles(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> list[str]:
    """Pieces of ``expr`` that are not smooth at ``point``, each with the reason.

    Only pieces whose trouble spot is the point itself count: Abs, Min, Max
    (kinks), sign, Heaviside, DiracDelta (jumps), non-integer powers and logs
    of something that vanishes there (branch points). An empty list does not
    prove f analytic; the caller's derivative values still get vetted.
    """
    if not expr.free_symbols & set(point):
        return []

    def at_(piece: sp.Expr) -> str:
        return where({v: a for v, a in point.items() if v in piece.free_symbols})

    reasons: list[tuple[sp.Expr, str]] = []
    for fn in sorted(expr.atoms(sp.Abs, sp.sign, sp.Heaviside, sp.DiracDelta), key=sp.default_sort_key):
        if _vanishes(fn.args[0], point):
            verb = "is not differentiable" if isinstance(fn, sp.Abs) else "jumps" if isinstance(fn, _JUMPS) \
                else "is not a function"
            reasons.append((fn, f"{fn} {verb} at {at_(fn)}"))
    for fn in sorted(expr.atoms(sp.Min, sp.Max), key=sp.default_sort_key):
        values = [arg.xreplace(dict(point)) for arg in fn.args]
        if len(set(values)) < len(values):
            reasons.append((fn, f"{fn} is not differentiable at {at_(fn)}"))
    for power in sorted(expr.atoms(sp.Pow), key=sp.default_sort_key):
        if not power.exp.is_Integer and power.base.free_symbols and _vanishes(power.base, point):
            reasons.append((power, f"{power} has a branch point at {at_(power)}" if power.base.is_Symbol
                            else f"{power} is not smooth at {at_(power)}, where {power.base} = 0"))
    for fn in sorted(expr.atoms(sp.log), key=sp.default_sort_key):
        if _vanishes(fn.args[0], point):
            reasons.append((fn, f"{fn} is singular at {at_(fn)}"))
    # The outermost piece first: log(Abs(x)) is singular, not merely kinked.
    return [r for _, _, r in sorted((-sp.count_ops(p), i, r) for i, (p, r) in enumerate(reasons))]


# --- one-sided series ----------------------------------------------------------------------


@dataclass
class Raw:
    """A series in t > 0: exponent -> coefficient (may hold log(t)), and the order term's exponent."""

    terms: dict[sp.Rational, sp.Expr]
    next_exponent: sp.Rational
    real_near: bool = True  # f itself is real beside the point on this side

    @property
    def real(self) -> bool:
        return self.real_near and not any(c.has(sp.I) or c.is_real is False for c in self.terms.values())


def raw_series(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, side: str, t: sp.Symbol) -> Raw:
    """The series of f(a + t) (side "+"), f(a - t) ("-"), or f(1/t) at a = oo, for t -> 0+.

    Raises ``NotAnalytic`` for an essential singularity, ``MathError`` when SymPy has no series.
    At a rational point and at +-oo (through x = +-1/t) the series arithmetic (series/laurent.py)
    gives it first where it can.
    """
    fast = _raw_by_valuation(expr, x, a, order, side, t)
    if fast is not None:
        return fast
    if a == sp.oo:
        g = expr.xreplace({x: 1 / t})
    elif a == -sp.oo:
        g = expr.xreplace({x: -1 / t})
    else:
        g = expr.xreplace({x: a + t if side == "+" else a - t})
    name = f"{x} -> {a}" + ("" if a in (sp.oo, -sp.oo) else side)
    try:
        series = sp.series(g, t, 0, order + 1)
    except (NotImplementedError, ValueError, TypeError, ZeroDivisionError, sp.PoleError) as error:
        raise MathError(f"no series of {expr} as {name}: {error}") from None
    next_exponent = sp.Integer(order + 1)
    order_terms = [term for term in sp.Add.make_args(series) if isinstance(term, sp.Order)]
    if order_terms:
        next_exponent = _split(order_terms[0].expr, t)[1]
    terms: dict[sp.Rational, sp.Expr] = {}
    for term in sp.Add.make_args(sp.expand(series.removeO())):
        c, e = _split(term, t)
        if c.has(sp.Order):  # erf at oo: -(1/x + O(1/x**3))*exp(-x**2)/sqrt(pi), an O inside a product
            raise MathError(f"no series of {expr} as {name}: SymPy's series holds terms it cannot order")
        if c.has(sp.zoo, sp.nan, sp.oo, -sp.oo):  # atan(a/x) at 0 gives atan(zoo*a)
            raise MathError(f"no series of {expr} as {name}: SymPy's series has an undefined coefficient")
        if c.has(t) and not e.has(t) and not any(fn.args[0] == t for fn in c.atoms(sp.log)):
            c, e = (c * t**e).as_coeff_exponent(t)  # 1/(pi*t/4 + t): expand distributed a t
        if c.xreplace({fn: sp.Dummy() for fn in c.atoms(sp.log) if fn.args[0] == t}).has(t) or e.has(t):
            raise NotAnalytic(f"{expr} has an essential singularity at {x} = {a}: it has no Laurent or "
                              "Puiseux series there")
        if not e.is_Rational:
            raise MathError(f"the series of {expr} as {name} has a non-rational exponent {e}")
        if e > order:
            next_exponent = min(next_exponent, e)
            continue
        terms[e] = terms.get(e, 0) + c
    real_near = True if a in (sp.oo, -sp.oo) else _real_near(expr, x, a, side)
    return Raw({e: c for e, c in sorted(terms.items()) if c != 0}, next_exponent, real_near)


def _raw_by_valuation(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, side: str,
                      t: sp.Symbol | None = None) -> Raw | None:
    """The Raw that SymPy's series would give, by Laurent/Puiseux arithmetic in s = t**(1/q); else None.

    Rational coefficients, log(t) terms, exact constants and parameters (series/logseries.py). Where a fractional
    power meets a negative value f is taken as not real on this side only if the numeric test
    (``_real_near``) agrees; else SymPy decides. Any order: below -1 SymPy's series refuses
    (series(g, t, 0, n) wants n >= 0), the arithmetic does not.
    """
    if not (a.is_Rational or a in (sp.oo, -sp.oo)):
        return None
    try:
        from functools import partial

        from .series.laurent import NotRealHere
        from .series.logseries import by_valuation
        from .series.tps import Unsupported
    except ImportError:
        return None
    puiseux = partial(by_valuation, t=t)  # log(t) terms (in this t) and exact constants too
    if a in (sp.oo, -sp.oo):
        return _asymptotic_by_valuation(expr, x, a, order, puiseux, Unsupported)
    try:
        terms, next_exponent = puiseux(expr, x, a, order, side)
    except NotRealHere:
        if _real_near(expr, x, a, side):
            return None
        _log.debug("series for %s -> %s%s: not real there (series arithmetic and numerics)", x, a, side)
        return Raw({}, sp.Integer(order + 1), False)  # not real: its terms are never read
    except Unsupported as why:
        _log.debug("series for %s -> %s%s: SymPy's series (the arithmetic does not apply: %s)", x, a, side, why)
        return None
    _log.debug("series for %s -> %s%s: Laurent/Puiseux arithmetic", x, a, side)
    return Raw(terms, next_exponent, _real_near(expr, x, a, side))


def _asymptotic_by_valuation(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, puiseux: Callable,
                             unsupported: type[Exception]) -> Raw | None:
    """f(1/t) (f(-1/t) at -oo) as t -> 0+ by the same arithmetic: what SymPy's series at oo gives, or None.

    g(x) = f(1/x) is expanded at x = 0 for x > 0 (a fractional power of a negative value
    included: the arithmetic then declines, and SymPy's series decides).
    """
    g = expr.xreplace({x: (1 if a == sp.oo else -1) / x})
    try:
        terms, next_exponent = puiseux(g, x, sp.Integer(0), order, "+")
    except unsupported as why:  # NotRealHere too
        _log.debug("series for %s -> %s: SymPy's series (the arithmetic in t = %s1/%s does not apply: %s)",
                   x, a, "" if a == sp.oo else "-", x, why)
        return None
    _log.debug("series for %s -> %s: Laurent/Puiseux arithmetic in t = %s1/%s", x, a, "" if a == sp.oo else "-", x)
    return Raw(terms, next_exponent, True)


def _split(term: sp.Expr, t: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """term = c * t**e with the powers of t in e (as_coeff_exponent keeps t*log(t) whole)."""
    c, e = sp.Integer(1), sp.Integer(0)
    for factor in sp.Mul.make_args(term):
        if factor == t:
            e += 1
        elif factor.is_Pow and factor.base == t and factor.exp.is_number:
            e += factor.exp
        else:
            c *= factor
    return c, e


def _real_near(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, side: str) -> bool:
    """Whether f is real just beside a (numerically, at 30 digits); True if it cannot tell.

    The series alone cannot say: x**(5/2) to order 2 is empty on both sides.
    """
    if expr.free_symbols - {x}:
        return True
    for h in (sp.Rational(1, 10**6), sp.Rational(1, 10**7)):
        value = expr.evalf(30, subs={x: a + h if side == "+" else a - h})
        re, im = value.as_real_imag()
        if not (re.is_number and im.is_number):
            return True
        if abs(im) > sp.Float("1e-20") * max(abs(re), sp.Float("1e-300")):
            return False
    return True


def _same(p: sp.Expr, q: sp.Expr) -> bool:
    difference = p - q
    if difference == 0:
        return True
    if not difference.free_symbols:
        value = sp.N(difference, 30)
        # p and q may hold a parameter that cancels in p - q (a + 1 against a - 1): no size then
        sizes = [abs(sp.N(c, 30)) for c in (p, q) if not c.free_symbols]
        scale = max([*sizes, sp.Integer(1)])
        return bool(abs(value) < sp.Float("1e-25") * scale)
    return sp.simplify(difference) == 0


def _log_t(c: sp.Expr) -> bool:
    """Whether a coefficient holds a log of something variable (log(t)), not only log(2)."""
    return c.has(sp.log) and any(fn.free_symbols for fn in c.atoms(sp.log))


def mirrored(plus: Raw, minus: Raw) -> bool:
    """Whether f(a - t) = S+(-t): both sides are one series in powers of x - a (integers, no logs)."""
    cut = min(plus.next_exponent, minus.next_exponent)
    exponents = {e for e in set(plus.terms) | set(minus.terms) if e < cut}
    for e in exponents:
        p, m = plus.terms.get(e, sp.Integer(0)), minus.terms.get(e, sp.Integer(0))
        if not e.is_Integer or _log_t(p) or _log_t(m):
            return False
        if not _same(p, m * sp.Integer(-1) ** int(e)):
            return False
    return True


def items(expr: sp.Expr, raw: Raw, x: sp.Symbol, a: sp.Expr, side: str | None, t: sp.Symbol) -> list[tuple[sp.Rational, sp.Expr]]:
    """The series as (exponent, coefficient) in powers of x - a (of 1/x at infinity), log(t) put back in x."""
    back = 1 / x if a == sp.oo else -1 / x if a == -sp.oo else (a - x if side == "-" else x - a)
    out = []
    for e, c in raw.terms.items():
        if side == "-":
            if not e.is_Integer:
                # (a - x)**(1/2) is not a power of (x - a) with a real coefficient; the
                # printer writes powers of x - a only.
                raise NotAnalytic(f"{expr}: the series for {x} < {a} is in non-integer powers of {a - x}, "
                                  f"which cannot be written in powers of {x - a}: expand "
                                  f"{expr.xreplace({x: a - sp.Symbol('u')})} about u = 0 instead")
            c = c * sp.Integer(-1) ** int(e)
        c = c.xreplace({t: back}) if c.has(t) else c
        out.append((e, sp.simplify(c) if _log_t(c) else c))  # (log(2)**2 + 4*log(2) stays, not log(16))
    return out


def kind_of(exponents_and_coefficients: Sequence[tuple[sp.Rational, sp.Expr]], infinite: bool) -> str:
    """taylor, laurent (negative powers), puiseux (fractional powers) or asymptotic (at oo, or log terms)."""
    if infinite or any(_log_t(c) for _, c in exponents_and_coefficients):  # (is_constant: 47 ms on x*log(x))
        return "asymptotic"
    exponents = [e for e, _ in exponents_and_coefficients]
    if any(not e.is_Integer for e in exponents):
        return "puiseux"
    if any(e < 0 for e in exponents):
        return "laurent"
    return "taylor"


def verify(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, series: Sequence[tuple[sp.Rational, sp.Expr]],
           next_exponent: sp.Rational, sides: Sequence[str]) -> None:
    """Check the lowest terms against f at 60 digits on each side: the error must shrink like h**m.

    A wrong sign or a missing term of degree e < m leaves an error of order h**e,
    which the ratio between h = 1e-6 and h = 1e-7 tells apart from h**m.
    """
    if expr.free_symbols - {x} or not series or any(c.free_symbols - {x} for _, c in series):
        return  # parameters: no number to compare
    lowest = series[0][0]
    kept = [(e, c) for e, c in series if e <= lowest + 4]
    later = [e for e, _ in series if e > lowest + 4]
    m = min(later + [next_exponent])
    for side in sides:
        errors = []
        for h in (sp.Rational(1, 10**6), sp.Rational(1, 10**7)):
            point = a + h if side == "+" else a - h
            f = expr.evalf(60, subs={x: point})
            approximation = sp.Add(*(c.xreplace({x: point}) * (point - a) ** e for e, c in kept)).evalf(60)
            error, size = abs(sp.N(f - approximation, 60)), abs(f)
            if not (error.is_number and size.is_number) or error.has(sp.nan, sp.zoo, sp.oo):
                return  # SymPy cannot evaluate f there: nothing to check against
            errors.append((sp.Float(error, 60), sp.Float(size, 60)))
        (e1, f1), (e2, f2) = errors
        if e2 <= sp.Float("1e-45", 60) * max(f2, sp.Float(1e-300, 60)) or e1 == 0:
            continue  # exact to working precision
        # log(h)**j factors (x**x: h**5 log(h)**5 left over) shrink the ratio less: 3/4 of a power spared
        slack = sp.Rational(3, 4) if any(c.has(sp.log) and c.has(x) for _, c in series) else sp.Rational(1, 4)
        if e2 > e1 * sp.Float(10, 60) ** (-(m - slack)):
            raise MathError(f"the series of {expr} at {x} = {a} failed a numeric check for {x} "
                            f"{'>' if side == '+' else '<'} {a}; it is not printed")


@dataclass
class Series:
    """A series of f about a in one variable, and on which side it holds (None: both)."""

    items: list[tuple[sp.Rational, sp.Expr]]
    next_exponent: sp.Rational
    kind: str
    side: str | None
    note: str = ""  # why one-sided when nobody asked


def series(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, side: str | None = None,
           reason: str = "") -> Series:
    """The series of ``expr`` about x = a: two-sided when it exists, else on ``side``.

    ``reason`` says why f is not analytic there (for the message). Without a
    side, f must have the same series on both sides of a, or be real on one
    side only; otherwise ``NotAnalytic`` names the reason and suggests --side.

    >>> x = sp.Symbol("x", real=True)
    >>> series(1 / sp.sin(x), x, sp.Integer(0), 1).items
    [(-1, 1), (1, 1/6)]
    """
    if side not in (None, *SIDES):
        raise InputError(f"side must be '+' or '-', got {side!r}")
    t = sp.Dummy("t", positive=True)
    if a in (sp.oo, -sp.oo):
        if side is not None:
            raise InputError(f"--side has no meaning at {x} = {a}: the series is already one-sided")
        raw = raw_series(expr, x, a, order, "+", t)
        if not raw.real:
            raise NotAnalytic(f"{expr} is not real as {x} -> {a}")
        found = items(expr, raw, x, a, None, t)
        return Series(found, raw.next_exponent, "asymptotic", None)
    words = {"+": f"{x} > {a}", "-": f"{x} < {a}"}
    if side is not None:
        raw = raw_series(expr, x, a, order, side, t)
        if not raw.real:
            raise NotAnalytic(f"{expr} is not real for {words[side]}")
        found = items(expr, raw, x, a, side, t)
        verify(expr, x, a, found, raw.next_exponent, [side])
        return Series(found, raw.next_exponent, kind_of(found, False), side)
    raws: dict[str, Raw | Exception] = {}
    for s in SIDES:
        try:
            raws[s] = raw_series(expr, x, a, order, s, t)
        except NotAnalytic as error:
            raise error from None  # an essential singularity on either side: no series at all
        except MathError as error:
            raws[s] = error
    plus, minus = raws["+"], raws["-"]
    hint = "use --side + or --side - for a one-sided series"
    why = reason or f"{expr} is not analytic at {x} = {a}"
    if isinstance(plus, Raw) and isinstance(minus, Raw):
        if plus.real and minus.real and mirrored(plus, minus):
            found = items(expr, plus, x, a, "+", t)
            next_exponent = min(plus.next_exponent, minus.next_exponent)
            verify(expr, x, a, found, next_exponent, SIDES)
            return Series(found, next_exponent, kind_of(found, False), None)
        real = [s for s, r in (("+", plus), ("-", minus)) if r.real]
        if len(real) == 1:  # f is real on one side only: that side's series is the only one
            (s,) = real
            other = "-" if s == "+" else "+"
            raw = raws[s]
            found = items(expr, raw, x, a, s, t)  # type: ignore[arg-type]
            verify(expr, x, a, found, raw.next_exponent, [s])  # type: ignore[union-attr]
            return Series(found, raw.next_exponent, kind_of(found, False), s,  # type: ignore[union-attr]
                          f"{expr} is not real for {words[other]}")
        if not real:
            raise NotAnalytic(f"{expr} is not real on either side of {x} = {a}")
        raise NotAnalytic(f"{why}: its series for {words['+']} and for {words['-']} differ; {hint}")
    raise NotAnalytic(f"{why}: no series could be shown to hold on both sides of {x} = {a}; {hint}")


# --- derivatives at a point ------------------------------------------------------------------


def checked_partials(expr: sp.Expr, variables: Sequence[sp.Symbol], point: Mapping[sp.Symbol, sp.Expr],
                     k: int, what: str) -> dict[tuple[int, ...], sp.Expr] | None:
    """The k-th partials of f at a point where some piece of f is not smooth, from one-sided series.

    None when no piece of f is in trouble at the point (the caller's exact
    values stand). Otherwise each partial D^K f(a) is the derivative, along its
    last index i, of D^(K - i) f restricted to the line a + t e_i: it exists
    when that function has the same first-order series for t > 0 and t < 0,
    and is then the coefficient of t. ``MathError`` names the first that does
    not exist.

    >>> x, y = sp.symbols("x y", real=True)
    >>> checked_partials(x * sp.Abs(x) + y, [x, y], {x: sp.Integer(0), y: sp.Integer(0)}, 1, "the gradient")
    {(0,): 0, (1,): 1}
    """
    reasons = obstacles(expr, point)
    if not reasons or k == 0:
        return None
    keys = list(itertools.combinations_with_replacement(range(len(variables)), k))
    if len(keys) > MAX_CHECKS:
        raise MathError(f"{what} cannot be trusted at {where(point)}: {reasons[0]}")
    t = sp.Dummy("t", positive=True)
    parents: dict[tuple[int, ...], sp.Expr] = {}
    values = {}
    for key in keys:
        prefix, i = key[:-1], key[-1]
        if prefix not in parents:
            parents[prefix] = sp.diff(expr, *(variables[j] for j in prefix)) if prefix else expr
        v = variables[i]
        line = parents[prefix].xreplace({u: a for u, a in point.items() if u != v})
        value, detail = _first_order(line, v, point[v], t)
        if value is None:
            order = {1: "", 2: "second "}.get(k, f"order-{k} ")
            raise MathError(f"{what} does not exist at {where(point)}: {expr} has no {order}derivative "
                            f"there ({detail or reasons[0]})")
        values[key] = value
    return values


def _first_order(g: sp.Expr, v: sp.Symbol, a: sp.Expr, t: sp.Symbol) -> tuple[sp.Expr | None, str]:
    """(g'(a), "") when g(a + t) and g(a - t) have one first-order series in t; else (None, why if known)."""
    none: tuple[None, str] = (None, "")
    try:
        plus, minus = (raw_series(g, v, a, 1, s, t) for s in SIDES)
    except MathError:
        return none
    for s, r in (("+", plus), ("-", minus)):
        if not r.real:
            return None, f"{g} is not real for {v} {'>' if s == '+' else '<'} {a}"
    low = [e for e in set(plus.terms) | set(minus.terms) if e <= 1]
    if any(e not in (0, 1) for e in low) or min(plus.next_exponent, minus.next_exponent) <= 1:
        return none
    for e in (0, 1):
        p, m = (r.terms.get(sp.Integer(e), sp.Integer(0)) for r in (plus, minus))
        if _log_t(p) or _log_t(m) or not _same(p, m * sp.Integer(-1) ** e):
            return none
    value0 = g.xreplace({v: a})
    if value0.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.DiracDelta) \
            or not _same(value0, plus.terms.get(sp.Integer(0), sp.Integer(0))):
        return none  # g jumps at a (or has no value there)
    return plus.terms.get(sp.Integer(1), sp.Integer(0)), ""
