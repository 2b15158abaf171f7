"""Radius of convergence of a one-variable Taylor (or Laurent/Puiseux) series about a point.

The radius is the distance from the point to the nearest COMPLEX singularity of f.
Exact route: every node of the expression that can be singular names its candidates
(zeros of denominators and of log/sqrt/fractional-power arguments, poles of
tan/sec/csc/cot/tanh/..., branch points of atan/asin/acos/atanh/asinh/acosh, poles of
gamma), each found exactly (polynomial roots, or the nearest members of a periodic
family when the argument is linear). Candidates are checked nearest first with SymPy's
own series at the candidate: a removable one (sin(x)/x at 0) does not count. If a node
is not understood, a candidate cannot be decided, or a family's nearest members are all
removable, the radius is estimated from the coefficients instead (method "estimate",
with the number of terms and an uncertainty), never presented as exact.

>>> import sympy as sp
>>> r = radius_of(sp.tan(sp.Symbol("x")), sp.Symbol("x"), sp.Integer(0))
>>> r.radius, r.method
(pi/2, 'exact')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import mpmath
import sympy as sp

from .errors import InputError, MathError
from .simplify import OutOfTime, time_limit

if TYPE_CHECKING:
    from .expansion import Expansion

ESTIMATE_TERMS = 30  # coefficients computed for an estimate
FAMILY_MEMBERS = 3  # nearest members of a periodic family that are checked
CHECK_SECONDS = 5.0  # SymPy's series at one candidate
DIGITS = 30

_ENTIRE = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.erf, sp.erfc)
# f(u) is singular where g(u) = 0: tan and sec at the zeros of cos, ...
_POLES_AT_ZEROS_OF = {sp.tan: sp.cos, sp.sec: sp.cos, sp.cot: sp.sin, sp.csc: sp.sin,
                      sp.tanh: sp.cosh, sp.sech: sp.cosh, sp.coth: sp.sinh, sp.csch: sp.sinh}
# f(u) has branch points where u takes these values.
_BRANCH_VALUES = {sp.atan: (sp.I, -sp.I), sp.asinh: (sp.I, -sp.I), sp.asin: (1, -1), sp.acos: (1, -1),
                  sp.atanh: (1, -1), sp.acosh: (1, -1)}


class Unsupported(Exception):
    """The singularities of a piece of f cannot be listed exactly: estimate instead."""


@dataclass
class Radius:
    """The radius of convergence and how it was found.

    ``radius`` is exact (``oo`` when f is entire) or None for an estimate or a radius
    known only numerically; ``numeric`` is a float, None for infinity.
    """

    radius: sp.Expr | None
    numeric: float | None
    method: str  # "exact", "numeric" (nearest singularity a root without closed form), "estimate"
    nearest: list[sp.Expr] = field(default_factory=list)  # singularities at that distance, exact
    terms: int | None = None  # coefficients an estimate used
    uncertainty: float | None = None  # of an estimate, absolute
    note: str = ""


@dataclass
class _Candidate:
    point: sp.Expr
    why: str
    family: int | None = None  # members of one periodic family share an id
    distance: float = 0.0


# --- candidates -------------------------------------------------------------------------------


def _polynomial_roots(u: sp.Expr, x: sp.Symbol) -> list[sp.Expr]:
    numerator = sp.numer(sp.together(u))
    if not numerator.has(x):
        return []
    if not numerator.is_polynomial(x):
        raise Unsupported(f"the zeros of {u}")
    poly = sp.Poly(numerator, x)
    found = sp.roots(poly)
    if sum(found.values()) == poly.degree():
        return list(found)
    # No closed form: the roots to DIGITS digits (SymPy's CRootOf takes seconds to evaluate at
    # 30 digits); the radius is then reported as "numeric", not exact.
    return list(dict.fromkeys(poly.nroots(n=DIGITS, maxsteps=200)))


def _linear(v: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    """(v1, v0) with v = v1*x + v0, or Unsupported."""
    p = sp.expand(v)
    if not p.is_polynomial(x) or sp.degree(p, x) != 1:
        raise Unsupported(f"a periodic function of the nonlinear argument {v}")
    return p.coeff(x, 1), p.coeff(x, 0)


class _Finder:
    def __init__(self, x: sp.Symbol, a: sp.Expr) -> None:
        self.x, self.a = x, a
        self.found: list[_Candidate] = []
        self.families = 0

    def family(self, v: sp.Expr, start: sp.Expr, period: sp.Expr, why: str, from_zero: bool = False) -> None:
        """Points where v = start + k*period (k integer; k >= 0 if ``from_zero``), v linear in x."""
        v1, v0 = _linear(v, self.x)
        x0, step = (start - v0) / v1, period / v1
        # the continuous k nearest to a, then its integer neighbours
        d = complex(sp.N(step, DIGITS))
        t = ((complex(sp.N(self.a - x0, DIGITS)) * d.conjugate()).real) / abs(d) ** 2
        ks = range(math.floor(t) - 1, math.floor(t) + 3)
        if from_zero:
            ks = range(max(0, math.floor(t) - 1), max(0, math.floor(t) - 1) + 4)
        self.families += 1
        members = sorted((sp.expand(x0 + k * step) for k in ks),
                         key=lambda z: abs(complex(sp.N(z - self.a, DIGITS))))
        for z in members[:FAMILY_MEMBERS]:
            self.found.append(_Candidate(z, why, self.families))

    def zeros(self, u: sp.Expr, why: str) -> None:
        """Where u = 0: polynomial roots, or A + B*g(v) with g periodic and v linear."""
        x = self.x
        if not u.has(x):
            return
        if sp.numer(sp.together(u)).is_polynomial(x):
            self.found += [_Candidate(z, why) for z in _polynomial_roots(u, x)]
            return
        a_part, rest = u.as_independent(x, as_Add=True)
        b_part, g = rest.as_independent(x, as_Add=False)
        if not isinstance(g, sp.Function) or len(g.args) != 1:
            raise Unsupported(f"the zeros of {u}")
        c = sp.simplify(-a_part / b_part)
        # asin(-2) as pi/2 + I*log(2 + sqrt(3)) (real and imaginary parts), asin(1/2) as pi/6
        asin, acos, asinh, acosh = (lambda w, fn=fn: fn(w) if fn(w).is_real else
                                    sp.expand_complex(fn(w).rewrite(sp.log))
                                    for fn in (sp.asin, sp.acos, sp.asinh, sp.acosh))
        v = g.args[0]
        two_pi, i_pi = 2 * sp.pi, sp.I * sp.pi
        if isinstance(g, sp.exp):
            if c != 0:
                self.family(v, sp.log(c), 2 * i_pi, why)
        elif isinstance(g, sp.sin):
            self.family(v, asin(c), two_pi, why)
            self.family(v, sp.pi - asin(c), two_pi, why)
        elif isinstance(g, sp.cos):
            self.family(v, acos(c), two_pi, why)
            self.family(v, -acos(c), two_pi, why)
        elif isinstance(g, sp.sinh):
            self.family(v, asinh(c), 2 * i_pi, why)
            self.family(v, i_pi - asinh(c), 2 * i_pi, why)
        elif isinstance(g, sp.cosh):
            self.family(v, acosh(c), 2 * i_pi, why)
            self.family(v, -acosh(c), 2 * i_pi, why)
        else:
            raise Unsupported(f"the zeros of {u}")

    def visit(self, node: sp.Expr) -> None:
        x = self.x
        if not node.has(x) or node.is_Symbol or isinstance(node, (sp.Add, sp.Mul)):
            return
        if isinstance(node, sp.Pow):
            base, exponent = node.args
            if exponent.has(x):  # b**e = exp(e*log(b)): singular where b = 0
                self.zeros(base, f"a zero of the base {base}")
            elif not (exponent.is_Integer and exponent >= 0):
                if exponent.is_Integer:
                    self.zeros(base, f"a zero of the denominator {base}")
                else:
                    self.zeros(base, f"branch point: a zero of {base}")
        elif isinstance(node, _ENTIRE):
            return
        elif isinstance(node, sp.log):
            self.zeros(node.args[0], f"branch point of log({node.args[0]})")
        elif type(node) in _POLES_AT_ZEROS_OF:
            self.zeros(_POLES_AT_ZEROS_OF[type(node)](node.args[0]), f"pole of {node}")
        elif type(node) in _BRANCH_VALUES:
            for value in _BRANCH_VALUES[type(node)]:
                self.zeros(node.args[0] - value, f"branch point of {node}")
        elif isinstance(node, sp.gamma):
            self.family(node.args[0], sp.Integer(0), sp.Integer(-1), f"pole of {node}", from_zero=True)
        else:
            raise Unsupported(f"{type(node).__name__}")


def candidates(f: sp.Expr, x: sp.Symbol, a: sp.Expr) -> list[_Candidate]:
    """Every point where a piece of f may be singular (periodic families: nearest members), nearest first."""
    finder = _Finder(x, a)
    for node in dict.fromkeys(sp.preorder_traversal(f)):
        finder.visit(node)
    unique: dict[sp.Expr, _Candidate] = {}
    for c in finder.found:
        unique.setdefault(c.point, c)
    for c in unique.values():
        c.distance = abs(complex(sp.N(c.point - a, DIGITS)))
    return sorted(unique.values(), key=lambda c: c.distance)


# --- is a candidate a true singularity? ---------------------------------------------------------


def _matches(g: sp.Expr, s: sp.Expr, h: sp.Symbol) -> bool:
    """SymPy's series s agrees with g at |h| = 1e-3 (it can miss a zero it cannot see:
    2 + sin(-pi/2 - I*log(2 + sqrt(3))) is 0, but SymPy expands 1/(2 + sin(z + h)) as regular)."""
    gf, sf = (sp.lambdify(h, e, modules="mpmath") for e in (g, s))
    with mpmath.workdps(40):
        for j in range(4):
            t = mpmath.mpf("1e-3") * mpmath.expjpi(mpmath.mpf(j) / 2 + mpmath.mpf(1) / 8)
            try:
                exact, approx = gf(t), sf(t)
            except (ZeroDivisionError, OverflowError, ValueError):
                return False
            if not abs(exact - approx) <= mpmath.mpf("1e-6") * (1 + abs(exact)):
                return False
    return True


def _series_verdict(g: sp.Expr, h: sp.Symbol, n: int) -> bool | None:
    try:
        with time_limit(CHECK_SECONDS):
            s = sp.series(g, h, 0, n).removeO()
    except (OutOfTime, Exception):  # noqa: BLE001 - SymPy fails in many ways: undecided
        return None
    for term in sp.Add.make_args(sp.expand(s)):
        coefficient, exponent = term.as_coeff_exponent(h)
        if coefficient.has(h):
            if any(fn.args[0].has(h) for fn in coefficient.atoms(sp.log)):
                return True
            return None
        if exponent.is_negative or not exponent.is_integer:
            return True
    try:  # removable only if SymPy's regular series is f near z, numerically
        return False if _matches(g, s, h) else None
    except Exception:  # noqa: BLE001 - a value mpmath cannot take: undecided
        return None


def _blows_up(f: sp.Expr, x: sp.Symbol, z: sp.Expr) -> bool | None:
    """Numerically: |f| on circles of radius 1e-6 and 1e-12 about z grows by >= 1e3 (a pole,
    a log, an essential singularity); None when it does not (a bounded branch point
    cannot be told from a removable point this way)."""
    fn = sp.lambdify(x, f, modules="mpmath")
    with mpmath.workdps(40):
        re, im = sp.N(z, 40).as_real_imag()
        centre = mpmath.mpc(mpmath.mpf(str(re)), mpmath.mpf(str(im)))
        peaks = []
        for r in (mpmath.mpf("1e-6"), mpmath.mpf("1e-12")):
            values = []
            for j in range(8):
                try:
                    values.append(abs(fn(centre + r * mpmath.expjpi(mpmath.mpf(j) / 4 + mpmath.mpf(1) / 16))))
                except (ZeroDivisionError, OverflowError, ValueError):
                    values.append(mpmath.inf)
            peaks.append(max(values))
    if peaks[1] >= 1e3 * max(peaks[0], mpmath.mpf(1)):
        return True
    return None


def singular_at(f: sp.Expr, x: sp.Symbol, z: sp.Expr, branch: bool = True) -> bool | None:
    """True if f is singular at z (SymPy's series there has a negative, fractional or log
    term, or |f| blows up numerically), False if analytic there (removable), None if undecided.

    ``branch``: z may be a branch point, so a clean low-order series is checked to
    degree 6 before z is called removable ((1 + x)**(5/2) looks analytic to degree 2).

    >>> x = sp.Symbol("x")
    >>> singular_at(sp.sin(x) / x, x, sp.Integer(0)), singular_at(1 / (1 + x**2), x, sp.I)
    (False, True)
    """
    h = sp.Dummy("h")
    verdict = None
    if not z.has(sp.Float):  # a root without closed form: only the numeric test applies
        g = f.xreplace({x: z + h})
        verdict = _series_verdict(g, h, 3)
        if verdict is False and branch:
            verdict = _series_verdict(g, h, 7)
    if verdict is None:
        verdict = _blows_up(f, x, z)
    return verdict


# --- estimates ------------------------------------------------------------------------------------


def _local_radius(points: Sequence[tuple[int, float]]) -> float:
    """exp(-slope) of log|c_k| against k over these points."""
    (k0, v0), (k1, v1) = points[0], points[-1]
    return math.exp(-(v1 - v0) / (k1 - k0)) if k1 > k0 else math.inf


def estimate(coefficients: Sequence[tuple[int, sp.Expr]], note: str = "", terms: int | None = None) -> Radius:
    """The radius from Taylor coefficients (degree, exact value): a fit of log|c_k| against
    k and log k (root test with an algebraic prefactor) over the upper half, beside the
    plain root test and the Domb-Sykes ratio extrapolation; the spread is the uncertainty.

    >>> est = estimate([(k, sp.Integer(2) ** -k) for k in range(31)])
    >>> round(est.numeric, 6), est.method
    (2.0, 'estimate')
    """
    import numpy as np

    with mpmath.workdps(DIGITS):
        points = [(k, float(mpmath.log(abs(mpmath.mpmathify(sp.N(c, DIGITS))))))
                  for k, c in coefficients if k >= 1 and c != 0]
    # terms: the series' length through its last degree (zero coefficients are not listed)
    terms = terms if terms is not None else max((k for k, _ in coefficients), default=-1) + 1
    if len(points) < 4:
        if points and max(k for k, _ in points) <= terms // 2:  # no term in the upper half: a polynomial
            return Radius(None, None, "estimate", terms=terms, uncertainty=None,
                          note=note + "; the coefficients vanish beyond degree "
                          f"{max(k for k, _ in points)}: looks entire")
        raise MathError(f"too few nonzero coefficients ({len(points)} of {terms}) to estimate a radius")
    upper = [p for p in points if p[0] >= points[-1][0] / 2] or points
    ks = np.array([k for k, _ in upper], dtype=float)
    logs = np.array([v for _, v in upper])
    design = np.column_stack([np.ones_like(ks), ks, np.log(ks)]) if len(upper) >= 4 else \
        np.column_stack([np.ones_like(ks), ks])
    slope = np.linalg.lstsq(design, logs, rcond=None)[0][1]
    k_last, log_last = points[-1]
    estimates = {"fit": math.exp(-slope) if -slope < 700 else math.inf,
                 "root": math.exp(-log_last / k_last)}
    # Domb-Sykes: ratios |c_k/c_j|^(1/(k-j)) of consecutive nonzero terms, linear in 1/k; intercept 1/R
    ratios = [(1 / k, math.exp((v - w) / (k - j))) for (j, w), (k, v) in zip(points, points[1:])
              if k >= points[-1][0] / 2]
    if len(ratios) >= 3:
        inverse = np.polyfit([r[0] for r in ratios], [r[1] for r in ratios], 1)[1]
        estimates["domb_sykes"] = 1 / inverse if inverse > 0 else math.inf
    value = estimates["fit"]
    # Entire: the local root-test radius grows with k (like k/e for 1/k!); for a finite radius
    # it settles. Compared on the last two quarters of the nonzero terms.
    quarter = [p for p in points if p[0] >= points[-1][0] / 2]
    early, late = quarter[: len(quarter) // 2], quarter[len(quarter) // 2:]
    growing = len(early) >= 2 and len(late) >= 2 and _local_radius(late) > 1.25 * _local_radius(early)
    if growing or not math.isfinite(value) or value > 1e6:
        return Radius(None, None, "estimate", terms=terms, uncertainty=None,
                      note=note + "; the coefficients fall faster than any geometric rate: looks entire")
    spread = max(abs(v - value) for v in estimates.values() if math.isfinite(v))
    return Radius(None, value, "estimate", terms=terms, uncertainty=spread,
                  note=note + "; " + ", ".join(f"{k} {v:.6g}" for k, v in estimates.items()))


# --- the radius ---------------------------------------------------------------------------------


def _exact_distance(z: sp.Expr, a: sp.Expr) -> sp.Expr:
    if z.has(sp.Float):
        return sp.Abs(z - a)  # no closed form (the caller reports it numerically)
    re, im = (sp.radsimp(part) for part in sp.expand_complex(z - a).as_real_imag())
    return sp.sqrt(sp.expand(re**2 + im**2)) if im != 0 else sp.Abs(re)


def radius_of(f: sp.Expr, x: sp.Symbol, a: sp.Expr,
              coefficients: Callable[[], Sequence[tuple[int, sp.Expr]]] | None = None,
              terms: int | None = None) -> Radius:
    """The radius of convergence of the series of ``f`` about ``a``.

    The point a itself never counts: f is analytic there (a Taylor series), or it is the
    centre of a punctured disc (a Laurent or Puiseux series). ``coefficients`` gives the
    Taylor coefficients through degree ``terms - 1`` for an estimate; it is called only
    when one is needed (computing 30 of them can cost seconds).
    """
    if a.has(sp.oo, -sp.oo, sp.zoo):
        raise InputError("--radius needs a finite expansion point")
    why = ""
    try:
        found = candidates(f, x, a)
    except Unsupported as error:
        found, why = None, f"singularities not found exactly ({error})"
    if found is not None:
        nearest: list[_Candidate] = []
        removable: dict[int, int] = {}
        members: dict[int, int] = {}
        for c in found:
            if c.family is not None:
                members[c.family] = members.get(c.family, 0) + 1
        for c in found:
            if nearest and c.distance > nearest[0].distance * (1 + 1e-20):
                break
            if c.distance == 0:
                continue  # a itself: removable (a Taylor series exists) or the centre of a punctured disc
            verdict = singular_at(f, x, c.point, branch="branch" in c.why)
            if verdict is None:
                why = f"could not decide whether {sp.sstr(c.point)} is a singularity"
                break
            if verdict:
                nearest.append(c)
            elif c.family is not None:
                removable[c.family] = removable.get(c.family, 0) + 1
                if removable[c.family] == members[c.family]:
                    why = "the nearest poles of a periodic family are all removable"
                    break
        else:
            if not nearest:
                return Radius(sp.oo, None, "exact", note="no singularity in the complex plane: f is entire")
        if not why and nearest:
            # ties (x = +-i) in a fixed order: by real part, then imaginary part
            nearest.sort(key=lambda c: tuple(float(p) for p in sp.N(c.point, DIGITS).as_real_imag()))
            points = [c.point for c in nearest]
            distance = _exact_distance(points[0], a)
            numeric = nearest[0].distance
            if distance.has(sp.Float):  # no closed form: located to 30 digits
                return Radius(None, numeric, "numeric", points, note=nearest[0].why)
            return Radius(distance, numeric, "exact", points, note=nearest[0].why)
    if coefficients is None:
        raise MathError(f"no radius: {why}")
    return estimate(coefficients(), note=why, terms=terms)


def radius_of_expansion(expansion: Expansion) -> Radius:
    """``taylor expand --radius``: the radius of the expansion's series (one variable, finite point).

    An estimate, when needed, uses the Taylor coefficients through degree ESTIMATE_TERMS.
    """
    from .expansion import expand

    if len(expansion.variables) != 1:
        raise InputError(f"--radius needs one variable; the expression has {len(expansion.variables)}")
    if expansion.at_infinity:
        raise InputError("--radius needs a finite expansion point (an asymptotic series has no disc)")
    (x,) = expansion.variables
    a = expansion.at[x]
    parameters = expansion.expression.free_symbols - {x}
    if parameters:  # where 1/(x**2 + c**2) is singular depends on c
        names = ", ".join(sorted(s.name for s in parameters))
        raise InputError(f"--radius needs numbers for every parameter; {names} left symbolic")
    terms = max(expansion.order, ESTIMATE_TERMS) + 1

    def coefficients() -> list[tuple[int, sp.Expr]]:
        if expansion.kind != "taylor" or expansion.side is not None:
            raise MathError(f"no radius: the singularities of {expansion.expression} were not found exactly, and "
                            f"an estimate needs a two-sided Taylor series (this is a {expansion.kind} series)")
        more = expand(expansion.expression, [x], {x: a}, terms - 1)
        return [(int(p[0]), c) for p, c in more.coefficients]

    return radius_of(expansion.expression, x, a, coefficients=coefficients, terms=terms)
