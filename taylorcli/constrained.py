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
    except (NotImplementedError, ValueError) as error:
        raise MathError(f"the Lagrange system could not be solved exactly ({error})") from None
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
    method = "Lagrange multipliers, solved exactly (SymPy)" + ("" if polynomial else "; not a polynomial system")
    return PointsReport(expression, variables, points, polynomial, method,
                        inputs={"constraints": [exact_text(g) + " = 0" for g in gs]})
