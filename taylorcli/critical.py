"""The search for critical points, and what it proves about having found them all.

- One variable with f' a polynomial over the rationals: exact real-root
  isolation of f' finds every real critical point (complete), and the sign
  of f' at rational points between the isolating intervals decides each kind.
- grad f linear (f quadratic): an exact linear solve (complete); a polynomial system in shape
  position: a Groebner basis and real-root isolation (complete, ``polysystem.py``).
- Otherwise: SymPy's solve where it is quick, and Newton on the gradient from
  many starts in a box, refined at 50 digits; a refined point whose exact
  form is recognized (sqrt(2)) and proved to be a zero of grad f is exact.
  Such a search is not complete, and says so.

>>> found = search("(x - 1)*(x - 2)*(x - 3)")
>>> [p.kind for p in found], found.complete
(['local maximum', 'local minimum'], True)
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence

import mpmath
import numpy as np
import sympy as sp

from .analysis import SOLVE_SECONDS, CriticalPoint, classify_point
from .calculus import Expr, Variables, as_expression, gradient, hessian, to_float
from .degenerate import INFLECTION, sign_of
from .errors import InputError, MathError
from .numeric import Compiled, compile
from .parse import resolve_variables
from .polysystem import real_solutions
from .simplify import OutOfTime, time_limit

DEFAULT_REGION = 5.0  # half-width of the default search box around 0
DIGITS = 50  # working precision of the refinement


class CriticalPoints(list):
    """Critical points found, with ``complete`` (the search proves there are no others) and ``method``.

    ``sets`` names whole sets of critical points SymPy found (a circle), which are not listed point by point.
    """

    def __init__(self, points: Sequence[CriticalPoint] = (), complete: bool = False, method: str = "",
                 sets: Sequence[str] = ()) -> None:
        super().__init__(points)
        self.complete = complete
        self.method = method
        self.sets = list(sets)


def describe_box(box: Sequence[tuple[float, float]]) -> str:
    """``[-5, 5]^2`` for equal intervals, ``[-1, 1] x [0, 3]`` else."""
    def interval(lo: float, hi: float) -> str:
        return f"[{lo:g}, {hi:g}]"
    if len(set(box)) == 1:
        return interval(*box[0]) + (f"^{len(box)}" if len(box) > 1 else "")
    return " x ".join(interval(lo, hi) for lo, hi in box)


def search(f: Expr, variables: Variables = None, region: Sequence[tuple[float, float]] | None = None,
           starts: int = 400, seconds: float = SOLVE_SECONDS) -> CriticalPoints:
    """Critical points of f, exact where possible, with what the search proves.

    Without ``region``, a complete exact method reports every real critical
    point; the numeric search looks in [-5, 5] per variable. With ``region``,
    only points in that box are reported.
    """
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    if region is not None and len(region) != len(symbols):
        raise InputError(f"the region needs {len(symbols)} interval(s), one per variable")
    extra = expr.free_symbols - set(symbols)
    if extra:  # a parameter: critical points would depend on it (the numeric search says the same)
        names = ", ".join(sorted(s.name for s in extra))
        raise InputError(f"give every symbol a value or list it as a variable: {names}")
    if len(symbols) == 1:
        found = _univariate_polynomial(expr, symbols[0], region, seconds)
        if found is not None:
            return found
    box = list(region) if region is not None else [(-DEFAULT_REGION, DEFAULT_REGION)] * len(symbols)
    linear = _linear_solve(expr, symbols, box if region is not None else None, seconds)
    if linear is not None:
        return linear
    system = _polynomial_system(expr, symbols, region, seconds)
    if system is not None:
        return system
    return _general(expr, symbols, box, starts, seconds)


# --- one variable, f' a polynomial: real-root isolation ----------------------------------------


def _separated(p: sp.Poly, intervals: list[list[sp.Rational]]) -> list[list[sp.Rational]]:
    """Shrink isolating intervals until neighbours do not touch (sympy's may share an endpoint)."""
    for _ in range(200):
        touching = [i for i in range(len(intervals) - 1) if intervals[i][1] >= intervals[i + 1][0]]
        if not touching:
            return intervals
        for i in touching:
            for k in (i, i + 1):
                a, b = intervals[k]
                if a != b:
                    intervals[k] = list(p.refine_root(a, b, eps=(b - a) / 4))
    raise MathError("could not separate the roots of f'")  # not reached for a square-free isolation


def _univariate_polynomial(expr: sp.Expr, x: sp.Symbol, region: Sequence[tuple[float, float]] | None,
                           seconds: float) -> CriticalPoints | None:
    """Every real critical point when f' is a polynomial with rational coefficients, else None."""
    try:
        p = sp.Poly(sp.diff(expr, x), x)
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        return None
    if not (p.domain.is_ZZ or p.domain.is_QQ) or p.is_zero:
        return None
    method = "real-root isolation of f' (a polynomial)" + (f" in {describe_box(region)}" if region else "")
    if p.degree() == 0:
        return CriticalPoints([], True, method)
    try:
        with time_limit(max(seconds, 5.0)):
            roots = p.real_roots(multiple=False)
            intervals = _separated(p, [list(i) for i, _ in p.intervals()])
    except OutOfTime:
        return None
    # Rational test points left of, between and right of the isolated roots: f' keeps its sign on each gap.
    tests = [intervals[0][0] - 1] if intervals else [sp.Integer(0)]
    tests += [(intervals[i][1] + intervals[i + 1][0]) / 2 for i in range(len(intervals) - 1)]
    tests += [intervals[-1][1] + 1] if intervals else []
    signs = [1 if p.eval(t) > 0 else -1 for t in tests]
    points = []
    for i, ((root, multiplicity), (a, b)) in enumerate(zip(roots, intervals)):
        numeric = float(sp.N(root, 20)) if region else 0.0
        if region and not region[0][0] - 1e-9 <= numeric <= region[0][1] + 1e-9:
            continue
        left, right = signs[i], signs[i + 1]
        kind = INFLECTION if left == right else "local minimum" if right > 0 else "local maximum"
        points.append(_univariate_point(expr, x, p, root, multiplicity, kind, right, (a, b)))
    return CriticalPoints(points, True, method)


def _univariate_point(expr: sp.Expr, x: sp.Symbol, p: sp.Poly, root: sp.Expr, multiplicity: int, kind: str, right: int,
                      interval: tuple[sp.Rational, sp.Rational]) -> CriticalPoint:
    n = multiplicity + 1  # f' ~ c (x - r)^m: the first nonzero derivative of f has order m + 1
    note = ""
    if n > 2:
        zeros = "f'' = 0" if n == 3 else f"f'' = ... = f^({n - 1}) = 0"
        tail = "is odd: not an extremum" if n % 2 else f"is {'positive' if right > 0 else 'negative'}"
        note = f"{zeros} here; the first nonzero derivative (order {n}) {tail}"
    if not root.has(sp.CRootOf):
        point = None
        try:
            point = classify_point(expr, [x], {x: root})
        except MathError:
            pass
        if point is not None:
            # Both are proofs; the sign test decides even where derivatives at radicals are slow to sign.
            point.kind, point.note = kind, note or point.note if point.kind == kind else note
            return point
    # No closed form: numbers from the root at DIGITS digits (sympy refines its isolating interval).
    digits = sp.N(root, DIGITS)
    value = to_float(expr.xreplace({x: digits}))
    with mpmath.workdps(DIGITS):
        second = [mpmath.mpf(sp.Float(c, DIGITS)) for c in p.diff(x).all_coeffs()]
        curvature = float(mpmath.polyval(second, mpmath.mpf(digits)))
    a, b = interval
    where = f"a root of f' without a closed form, isolated exactly in [{a}, {b}]"
    number = float(digits)
    return CriticalPoint({x: number}, [number], value, [curvature], kind, False, None,
                         f"{note}; {where}" if note else where)


# --- grad f linear: one exact solve --------------------------------------------------------------


def _linear_solve(expr: sp.Expr, symbols: list[sp.Symbol], region: list[tuple[float, float]] | None,
                  seconds: float) -> CriticalPoints | None:
    grad = gradient(expr, symbols)
    try:
        if not all(sp.Poly(g, *symbols).total_degree() <= 1 for g in grad if g != 0):
            return None
    except (sp.PolynomialError, sp.GeneratorsNeeded):
        return None
    solution = sp.linsolve(grad, symbols)
    if solution == sp.EmptySet:
        return CriticalPoints([], True, "exact solve (grad f is linear)")
    (values,) = tuple(solution)
    if any(v.free_symbols for v in values):
        return None  # a family of critical points: the general search samples it
    point = dict(zip(symbols, values))
    inside = region is None or all(lo - 1e-9 <= to_float(point[v]) <= hi + 1e-9
                                   for v, (lo, hi) in zip(symbols, region))
    found = [classify_point(expr, symbols, point)] if inside else []
    return CriticalPoints(found, True, "exact solve (grad f is linear)")


# --- grad f polynomial: a Groebner basis in shape position ----------------------------------------


def _polynomial_system(expr: sp.Expr, symbols: list[sp.Symbol], region: Sequence[tuple[float, float]] | None,
                       seconds: float) -> CriticalPoints | None:
    """Every real critical point when grad f = 0 is a polynomial system in shape position (``polysystem``)."""
    grad = gradient(expr, symbols)
    n = len(symbols)
    # Shape position depends on which variable comes last: try each order for a few variables.
    orders = itertools.permutations(symbols) if n <= 3 else [tuple(symbols)]
    found = None
    for order in orders:
        started = time.monotonic()
        found = real_solutions(grad, list(order), seconds)
        if found is not None or time.monotonic() - started >= 0.9 * seconds:
            break  # solved, or out of time: other orders would cost as much
    if found is None:
        return None
    method = "exact solve of grad f = 0 (Groebner basis, real-root isolation)"
    method += f" in {describe_box(region)}" if region else ""
    points, refiner = [], None
    for solution in found:
        coordinates = [float(sp.N(solution[v], 20)) for v in symbols]
        if region and not all(lo - 1e-9 <= c <= hi + 1e-9 for c, (lo, hi) in zip(coordinates, region)):
            continue
        if not any(value.has(sp.CRootOf) for value in solution.values()):
            try:
                points.append(classify_point(expr, symbols, solution))
                continue
            except MathError:
                pass  # a sign it cannot settle exactly: the 50-digit Hessian below decides
        refiner = refiner or _Refiner(expr, symbols)
        points.append(_high_precision_point(expr, symbols, solution, refiner))
    return CriticalPoints(_sorted(points), True, method)


def _high_precision_point(expr: sp.Expr, symbols: list[sp.Symbol], solution: dict[sp.Symbol, sp.Expr],
                          refiner: _Refiner) -> CriticalPoint:
    """A point known exactly without a closed form: its kind from the Hessian's eigenvalues at 50 digits.

    The coordinates are good to ~50 digits, so an eigenvalue well above 1e-30 (relative) has a certain sign.
    """
    digits = {v: sp.N(solution[v], DIGITS) for v in symbols}
    with mpmath.workdps(DIGITS):
        H = mpmath.matrix(refiner.hess(*[mpmath.mpf(digits[v]) for v in symbols]))
        values = sorted(mpmath.eigsy(H, eigvals_only=True))
        scale = max([mpmath.mpf(1), *(abs(v) for v in values)])
        signs = [0 if abs(v) <= mpmath.mpf(10) ** -30 * scale else 1 if v > 0 else -1 for v in values]
    eigenvalues = [float(v) for v in values]
    note = "exact coordinates without a closed form; kind from the Hessian at 50 digits"
    if 0 in signs:
        kind, note = "degenerate", "undecided: the Hessian is singular to 30 digits at a point without a closed form"
    elif 1 in signs and -1 in signs:
        kind = "saddle point"
    else:
        kind = "local minimum" if 1 in signs else "local maximum"
    numbers = [float(digits[v]) for v in symbols]
    return CriticalPoint(dict(zip(symbols, numbers)), numbers, to_float(expr.xreplace(digits)), eigenvalues, kind,
                         False, None, note)


# --- the general search ----------------------------------------------------------------------------


def _exact_solutions(expr: sp.Expr, symbols: list[sp.Symbol], seconds: float,
                     families: list[dict] | None = None) -> list[dict[sp.Symbol, sp.Expr]]:
    """Real solutions of grad f = 0 that SymPy finds in time, in readable form.

    Solutions that leave a variable free (a curve of critical points) go to ``families``.
    """
    try:
        with time_limit(seconds):
            found = sp.solve(gradient(expr, symbols), symbols, dict=True)
    except (OutOfTime, NotImplementedError, ValueError, TypeError):
        return []
    points = []
    for solution in found:
        if set(solution) != set(symbols) or any(v.free_symbols for v in solution.values()):
            if families is not None and not any(v.has(sp.I) for v in solution.values()):
                families.append(solution)  # the method names it; its points are not listed one by one
            continue
        values = {s: solution[s] for s in symbols}
        if any(v.has(sp.I) or sp.count_ops(v) > 40 for v in values.values()):
            continue  # casus irreducibilis and friends: the numeric search finds these
        points.append(values)
    return points


def _newton_roots(c: Compiled, box: list[tuple[float, float]], starts: int) -> list[np.ndarray]:
    """Candidate zeros of grad f from many starts in the box (Newton on the gradient, in floats)."""
    n = len(box)
    per_axis = max(2, int(round(starts ** (1 / n)))) if n <= 3 else 0
    if per_axis:
        axes = [np.linspace(lo, hi, per_axis) for lo, hi in box]
        points = np.array(list(itertools.product(*axes)))
    else:
        rng = np.random.default_rng(0)
        points = rng.uniform([lo for lo, _ in box], [hi for _, hi in box], size=(starts, n))
    found: list[np.ndarray] = []
    scale = max(1.0, max(hi - lo for lo, hi in box))
    for x in points:
        # Stop on the step, not on |g|: at a degenerate root (x**4) Newton converges only
        # linearly, and where f is scaled by 10**12, |g| is never small in floats.
        converged = False
        with np.errstate(all="ignore"):
            for _ in range(200):
                g, H = c.gradient(x), c.hessian(x)
                if not (np.all(np.isfinite(g)) and np.all(np.isfinite(H))):
                    break
                if not np.any(g):
                    converged = True
                    break
                step = np.linalg.lstsq(H, -g, rcond=None)[0]
                x = x + step
                if np.linalg.norm(step) <= 1e-10 * scale:
                    converged = True
                    break
        if not converged or not np.all(np.isfinite(x)):
            continue
        if any(x[i] < lo - 1e-6 * scale or x[i] > hi + 1e-6 * scale for i, (lo, hi) in enumerate(box)):
            continue
        if not any(np.linalg.norm(x - y) <= 1e-9 * scale for y in found):
            found.append(x)
    return found


class _Refiner:
    """Newton on grad f at ``DIGITS`` digits (mpmath), for roots of any multiplicity."""

    def __init__(self, expr: sp.Expr, symbols: list[sp.Symbol]) -> None:
        # lambdify writes Python source from the expression; our own dummies stand in for the
        # user's names, so no user text reaches that source (as in numeric.py).
        dummies = [sp.Dummy(f"v{i}") for i in range(len(symbols))]
        rename = dict(zip(symbols, dummies))
        grad = [g.xreplace(rename) for g in gradient(expr, symbols)]
        H = hessian(expr, symbols).xreplace(rename)
        self.grad = sp.lambdify(dummies, grad, modules="mpmath")
        self.hess = sp.lambdify(dummies, H.tolist(), modules="mpmath")

    def __call__(self, x0: Sequence[float], iterations: int = 150) -> tuple[list[mpmath.mpf], mpmath.mpf] | None:
        with mpmath.workdps(DIGITS):
            x = mpmath.matrix([mpmath.mpf(float(v)) for v in x0])
            try:
                for _ in range(iterations):
                    g = mpmath.matrix(self.grad(*x))
                    if mpmath.norm(g) == 0:
                        break
                    step = mpmath.lu_solve(mpmath.matrix(self.hess(*x)), -g)
                    x += step
                    if mpmath.norm(step) <= mpmath.mpf(10) ** (-DIGITS + 5) * (1 + mpmath.norm(x)):
                        break
                residual = mpmath.norm(mpmath.matrix(self.grad(*x)))
            except (ZeroDivisionError, ValueError, TypeError, OverflowError, NameError, AttributeError):
                # A singular Hessian exactly at the point, or a function mpmath lacks (DiracDelta):
                # keep the float root.
                return None
            if not all(mpmath.isfinite(v) for v in x) or not mpmath.isfinite(residual):
                return None
            return [+v for v in x], residual


def _recognize(expr: sp.Expr, symbols: list[sp.Symbol], x: list[mpmath.mpf]) -> dict[sp.Symbol, sp.Expr] | None:
    """The exact point behind refined digits (sqrt(2), 1/3), if grad f provably vanishes there."""
    try:
        with time_limit(1.5):
            for constants in ([], [sp.pi]):  # algebraic numbers first, then multiples of pi (sin, cos)
                candidate = {}
                for v, value in zip(symbols, x):
                    guess = sp.nsimplify(sp.Float(mpmath.nstr(value, 40), 40), constants, tolerance=1e-30,
                                         rational=False)
                    if guess.has(sp.Float) or sp.count_ops(guess) > 20:
                        break
                    candidate[v] = guess
                else:
                    if all(sign_of(g.xreplace(candidate)) == 0 for g in gradient(expr, symbols)):
                        return candidate
    except (OutOfTime, ValueError, TypeError, NotImplementedError, ArithmeticError):
        return None
    return None


def _general(expr: sp.Expr, symbols: list[sp.Symbol], box: list[tuple[float, float]], starts: int,
             seconds: float) -> CriticalPoints:
    method = f"SymPy's solve and a numeric multistart Newton search in {describe_box(box)}"
    scale = max(1.0, max(hi - lo for lo, hi in box))
    exact_points: list[tuple[dict, np.ndarray]] = []
    families: list[dict] = []
    sets: list[str] = []
    solutions = _exact_solutions(expr, symbols, seconds, families)
    if families:
        sets = [", ".join(f"{k} = {sp.sstr(v)}" for k, v in family.items()) for family in families]
        method += f"; grad f = 0 on whole sets ({'; '.join(sets)}), whose points are not listed"
    for solution in solutions:
        coordinates = [to_float(solution[v]) for v in symbols]
        if any(c is None for c in coordinates):
            continue
        if all(lo - 1e-9 <= c <= hi + 1e-9 for c, (lo, hi) in zip(coordinates, box)):
            exact_points.append((solution, np.array(coordinates)))
    results: list[CriticalPoint] = []
    for solution, _ in exact_points:
        try:
            results.append(classify_point(expr, symbols, solution))
        except MathError:
            continue
    c = compile(expr, symbols)
    candidates = _newton_roots(c, box, starts)
    if not candidates:
        return CriticalPoints(_sorted(results), False, method, sets)
    # The gradient's own size in the box sets what "zero" means (f may be scaled by 10**12).
    samples = [c.gradient(np.array([lo + (hi - lo) * k / 4 for lo, hi in box])) for k in range(5)]
    size = max([1.0, *(float(np.linalg.norm(g)) for g in samples if np.all(np.isfinite(g)))])
    try:
        refine = _Refiner(expr, symbols)
    except (NameError, TypeError, ValueError, KeyError):  # no mpmath printer for some function: floats only
        refine = lambda root: None  # noqa: E731
    refined: list[np.ndarray] = []
    for root in candidates:
        better = refine(root)
        if better is not None and better[1] <= mpmath.mpf(10) ** -25 * size:
            x = [float(v) for v in better[0]]
            digits = better[0]
        elif np.linalg.norm(c.gradient(root)) <= 1e-8 * size:
            x, digits = [float(v) for v in root], None
        else:
            continue
        point = np.array(x)
        if any(_on_family(family, symbols, point, scale) for family in families):
            continue  # one of the whole sets the method line names
        if any(np.linalg.norm(point - known) <= 1e-7 * scale for _, known in exact_points) \
                or any(np.linalg.norm(point - y) <= 1e-7 * scale for y in refined):
            continue
        refined.append(point)
        exact = _recognize(expr, symbols, digits) if digits is not None and len(candidates) <= 40 else None
        try:
            if exact is not None:
                results.append(classify_point(expr, symbols, exact))
            else:
                results.append(classify_point(c, symbols, x, exact=False, tol=1e-8 * size))
        except MathError:
            continue
    return CriticalPoints(_sorted(results), False, method, sets)


def _on_family(family: dict, symbols: list[sp.Symbol], point: np.ndarray, scale: float) -> bool:
    at = {v: sp.Float(float(c), 30) for v, c in zip(symbols, point)}
    for v, value in family.items():
        number = to_float(value.xreplace(at))
        if number is None or abs(number - at[v]) > 1e-7 * scale:
            return False
    return True


def _sorted(points: list[CriticalPoint]) -> list[CriticalPoint]:
    return sorted(points, key=lambda p: p.numeric)
