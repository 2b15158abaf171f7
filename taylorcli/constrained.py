"""Critical points of f on {g = 0}: Lagrange multipliers, classified on the constraint.

The stationary points of L = f - sum(lambda_i g_i) solve grad f = sum(lambda_i grad g_i),
g = 0. Each is classified by the Hessian of L restricted to the tangent space of the
constraints (Z^T H_L Z, Z a basis of ker Dg): positive definite there is a local minimum
on the constraint, negative definite a maximum, indefinite a saddle, singular degenerate.
This is the bordered-Hessian test in another form (the tests check that they agree).

>>> x, y = sp.symbols("x y", real=True)
>>> [(p.x, p.kind, p.multipliers) for p in constrained_points(x*y, [x, y], [x + y - 1])]
[({x: 1/2, y: 1/2}, 'local maximum on the constraint', {'lambda1': 1/2})]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy as sp

from .analysis import CriticalPoint
from .errors import InputError, MathError

MAX_SOLUTIONS = 100


def parse_constraint(text: str) -> sp.Expr:
    """``lhs = rhs`` (or an expression meaning ``= 0``) as lhs - rhs, through the parser.

    >>> parse_constraint("x**2 + y**2 = 1")
    x**2 + y**2 - 1
    """
    from .parse import parse_expression
    sides = text.split("=")
    if len(sides) > 2 or any(not side.strip() for side in sides):
        raise InputError(f"a constraint is 'lhs = rhs' or an expression equal to 0, got {text!r}")
    if len(sides) == 1:
        return parse_expression(sides[0])
    return parse_expression(sides[0]) - parse_expression(sides[1])


def _kind(eigenvalues: Sequence[float]) -> str:
    scale = max([1.0, *(abs(v) for v in eigenvalues)])
    positive = sum(v > 1e-9 * scale for v in eigenvalues)
    negative = sum(v < -1e-9 * scale for v in eigenvalues)
    if positive + negative < len(eigenvalues):
        return "degenerate on the constraint"
    if positive and negative:
        return "saddle on the constraint"
    if not eigenvalues:
        return "isolated point of the constraint set"
    return "local minimum on the constraint" if positive else "local maximum on the constraint"


def constrained_points(f: sp.Expr, variables: Sequence[sp.Symbol], constraints: Sequence[sp.Expr]
                       ) -> list[CriticalPoint]:
    """The real stationary points of f on {g = 0}, exact (SymPy's solve), with their multipliers."""
    n, m = len(variables), len(constraints)
    if not constraints:
        raise InputError("give at least one constraint")
    if m >= n:
        raise InputError(f"{m} constraint(s) on {n} variable(s) leave no freedom to optimize")
    stray = set().union(*(g.free_symbols for g in constraints)) - set(variables)
    if stray:
        raise InputError(f"the constraints name {', '.join(sorted(s.name for s in stray))}, not variables")
    lambdas = [sp.Symbol(f"lambda{i + 1}", real=True) for i in range(m)]
    lagrangian = f - sum(l * g for l, g in zip(lambdas, constraints))
    equations = [sp.diff(lagrangian, v) for v in variables] + list(constraints)
    try:
        solutions = sp.solve(equations, list(variables) + lambdas, dict=True)
    except (NotImplementedError, ValueError):
        return numeric_points(f, variables, constraints, lagrangian, lambdas, equations)
    jacobian = sp.Matrix([[sp.diff(g, v) for v in variables] for g in constraints])
    hessian = sp.hessian(lagrangian, variables)
    points = []
    for solution in solutions[:MAX_SOLUTIONS]:
        if any(s not in solution for s in list(variables) + lambdas):
            raise MathError("the constraint set has a whole curve of stationary points; not listed point by point")
        values = {s: sp.nsimplify(solution[s]) if solution[s].is_Float else solution[s] for s in solution}
        if any(v.is_real is False or not v.is_number for v in values.values()):
            continue  # complex stationary points are not on the real constraint set
        at = {v: values[v] for v in variables}
        J = jacobian.subs(at)
        if J.rank() < m:
            kind, eigenvalues = "degenerate on the constraint (constraints not independent here)", []
        else:
            basis = J.nullspace()
            Z = sp.Matrix.hstack(*basis)
            reduced = (Z.T * hessian.subs({**at, **{l: values[l] for l in lambdas}}) * Z).applyfunc(sp.nsimplify)
            # symmetric: float eigenvalues from LAPACK (SymPy's eigenvals can exhaust precision)
            eigenvalues = [float(e) for e in np.linalg.eigvalsh(np.array(reduced.evalf(30), dtype=float))]
            kind = _kind(eigenvalues)
        value = f.subs(at)
        points.append(CriticalPoint(
            x=at, numeric=[float(a) for a in at.values()], value=float(value), eigenvalues=eigenvalues,
            kind=kind, exact=True, value_exact=sp.simplify(value),
            multipliers={l.name: values[l] for l in lambdas}))
    return points


def run_constrained(expr: str, vars_: str | None, constraints: Sequence[str], region: str | None) -> object:
    """``taylor critical EXPR --subject-to "g = 0" ...``: the points, their kinds and multipliers."""
    from .env import environment, expression_text
    from .parse import parse_expression, resolve_variables
    from .render import exact_text
    from .render.analysis import PointsReport
    if region is not None:
        raise InputError("--region does not apply with --subject-to (the Lagrange system is solved exactly)")
    expression = parse_expression(expression_text(environment(), expr))
    gs = [parse_constraint(text) for text in constraints]
    variables = resolve_variables([expression, *gs], vars_)
    points = constrained_points(expression, variables, gs)
    # SymPy's solve finds every solution of a polynomial system; elsewhere it may miss some
    polynomial = all(e.is_polynomial(*variables) for e in [expression, *gs])
    if points and not points[0].exact:
        polynomial = False
        method = f"Lagrange multipliers, numeric: Newton from {STARTS} starts in [-{BOX:g}, {BOX:g}] (not exhaustive)"
    else:
        method = "Lagrange multipliers, solved exactly (SymPy)" + ("" if polynomial else "; not a polynomial system")
    return PointsReport(expression, variables, points, polynomial, method,
                        inputs={"constraints": [exact_text(g) + " = 0" for g in gs]})


STARTS = 200  # random starts of the numeric search, in [-BOX, BOX] for every unknown
BOX = 3.0


def numeric_points(f: sp.Expr, variables: Sequence[sp.Symbol], constraints: Sequence[sp.Expr],
                   lagrangian: sp.Expr, lambdas: Sequence[sp.Symbol], equations: Sequence[sp.Expr]
                   ) -> list[CriticalPoint]:
    """Where SymPy cannot solve the Lagrange system: Newton (MINPACK's hybrid method with the exact
    Jacobian) from seeded random starts; points found, not a proof that there are no others."""
    from scipy.linalg import null_space
    from scipy.optimize import root

    unknowns = list(variables) + list(lambdas)
    F = sp.lambdify([unknowns], equations, "numpy")
    DF = sp.lambdify([unknowns], sp.Matrix(equations).jacobian(unknowns), "numpy")
    Jg = sp.lambdify([variables], sp.Matrix([[sp.diff(g, v) for v in variables] for g in constraints]), "numpy")
    HL = sp.lambdify([unknowns], sp.hessian(lagrangian, variables), "numpy")
    fn = sp.lambdify([variables], f, "numpy")
    rng = np.random.default_rng(0)
    found: list[np.ndarray] = []
    with np.errstate(all="ignore"):
        for start in rng.uniform(-BOX, BOX, size=(STARTS, len(unknowns))):
            try:
                sol = root(lambda u: np.asarray(F(u), dtype=float), start,
                           jac=lambda u: np.asarray(DF(u), dtype=float), method="hybr")
            except (ValueError, ArithmeticError):
                continue
            u = sol.x
            if not (sol.success and np.all(np.isfinite(u))
                    and np.linalg.norm(np.asarray(F(u), dtype=float)) < 1e-10):
                continue
            if not any(np.allclose(u, v, atol=1e-7, rtol=1e-7) for v in found):
                found.append(u)
    if not found:
        raise MathError(f"the Lagrange system has no exact solution SymPy can find, and Newton from {STARTS} "
                        f"starts in [-{BOX:g}, {BOX:g}] found no point either")
    points = []
    n = len(variables)
    for u in sorted(found, key=lambda v: tuple(np.round(v, 9))):
        xs = u[:n]
        Z = null_space(np.atleast_2d(np.asarray(Jg(xs), dtype=float)))
        H = np.asarray(HL(u), dtype=float)
        eigenvalues = [float(e) for e in np.linalg.eigvalsh(Z.T @ H @ Z)] if Z.size else []
        points.append(CriticalPoint(
            x={v: float(a) for v, a in zip(variables, xs)}, numeric=[float(a) for a in xs],
            value=float(fn(xs)), eigenvalues=eigenvalues, kind=_kind(eigenvalues), exact=False,
            multipliers={l.name: sp.Float(float(a), 17) for l, a in zip(lambdas, u[n:])}))
    return points
