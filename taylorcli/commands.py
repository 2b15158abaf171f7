"""What each command does, between its options and the renderer.

The click tree in ``cli`` stays free of SymPy and NumPy imports (so ``taylor
--help`` answers at once); the first command to run imports this module, and
the numeric modules (NumPy, SciPy, mpmath intervals) load only for the
commands that use them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy as sp

from .calculus import (
    DENSE_LIMIT,
    MAX_ENTRIES,
    Differentiator,
    check_tensor_size,
    definiteness,
    distinct_partials,
    eigenvalues,
    nested_tensor,
    to_float,
    value_at,
)
from .env import Environment
from .env import environment as _environment
from .env import expression_text as _expression_text
from .env import progress as _progress
from .env import read_stdin as _read_stdin
from .errors import InputError, MathError, printable
from .options import MAX_LENGTH
from .parse import parse_expression, parse_point, parse_value, resolve_variables
from .render import Result, exact_text, leaves, nested_map
from .simplify import DEFAULT_SECONDS, tidy

if TYPE_CHECKING:
    from .render.analysis import ExpectationReport, PointsReport, StepReport
    from .render.expansion import ExpansionReport


@dataclass
class _Request:
    texts: list[str]
    exprs: list[sp.Expr]
    variables: list[sp.Symbol]
    point: dict[sp.Symbol, sp.Expr] | None


def _request(env: Environment, texts: Sequence[str], vars_: str | None, at: str | None) -> _Request:
    exprs = [parse_expression(text) for text in texts]
    variables = resolve_variables(exprs, vars_) if (exprs and (vars_ or any(e.free_symbols for e in exprs))) else []
    point = None
    if at is not None:
        parameters = sorted({s for e in exprs for s in e.free_symbols} - set(variables), key=lambda s: s.name)
        point = parse_point(at, variables, parameters)
    return _Request([exact_text(e) for e in exprs], exprs, variables, point)


_ORDERS = {"gradient": 1, "jacobian": 1, "hessian": 2}


def _trusted_at_point(kind: str, request: _Request, exact: Any, what: str, order: int = 0) -> Any:
    """Derivatives at a point exist only where f is defined, real and differentiable.

    f itself must have a real value there (``eval``'s test). Where some piece
    of f is not smooth at the point (Abs, sign, a root of something vanishing
    there), each partial is taken from one-sided series instead of by
    substitution: sign(0) = 0 would make d|x|/dx at 0 "0", and the Hessian of
    |x| would hold DiracDelta(0).
    """
    from .singular import checked_partials

    point = request.point
    assert point is not None
    k = _ORDERS.get(kind, order)
    for text, expr in zip(request.texts, request.exprs):
        value_at(expr, point, text)
    if k == 0:
        return exact
    n = len(request.variables)
    for row, expr in enumerate(request.exprs):
        verified = checked_partials(expr, request.variables, point, k, what)
        if verified is None:
            continue
        for index in itertools.product(range(n), repeat=k):
            cell = exact[row] if kind == "jacobian" else exact
            for i in index[:-1]:
                cell = cell[i]
            cell[index[-1]] = verified[tuple(sorted(index))]
    return exact


def _finish(kind: str, request: _Request, exact: Any, simplify: bool, what: str, **extra: Any) -> Result:
    """Evaluate at the point (if any), simplify, and pack the result."""
    point = request.point
    if point is not None:
        if kind != "value":
            exact = _trusted_at_point(kind, request, exact, what, extra.get("order", 0))
        exact = nested_map(lambda e: value_at(e, point, what), exact)
    if simplify:
        flat = leaves(exact)
        tidied = iter(tidy(flat, DEFAULT_SECONDS))
        exact = nested_map(lambda _: next(tidied), exact)
    expression: str | list[str] = request.texts if kind == "jacobian" else request.texts[0]
    result = Result(kind, expression, request.variables, exact, at=point, **extra)
    if point is not None:
        result.numeric = nested_map(to_float, exact)
        if kind == "hessian" and all(v is not None for v in leaves(result.numeric)) and request.variables:
            matrix = sp.Matrix(exact)
            result.eigenvalues = eigenvalues(matrix)
            result.definiteness = definiteness(matrix, result.eigenvalues)
    return result


def _distinct(env: Environment, request: _Request, k: int, max_entries: int = MAX_ENTRIES) -> dict:
    """The distinct order-k partials of the request's expression, by sorted index tuple."""
    n = len(request.variables)
    check_tensor_size(n, k, max_entries)  # before any work: the estimate and the option that raises it
    total = math.comb(n + k - 1, k)
    with _progress(env, total, f"order-{k} partials") as tick:
        return distinct_partials(request.exprs[0], request.variables, k, tick, max_entries)


def _partials(env: Environment, request: _Request, k: int, max_entries: int = MAX_ENTRIES) -> Any:
    """The order-k derivative tensor of the request's expression, as nested lists."""
    return nested_tensor(_distinct(env, request, k, max_entries), len(request.variables), k)


def _finish_tensor(request: _Request, partials: dict, simplify: bool, what: str, order: int) -> Result:
    """A derivative tensor kept as its distinct partials; nested lists only up to DENSE_LIMIT entries.

    Every step (values at the point, simplifying, floats) works on the C(n+k-1, k)
    distinct partials, never on the n**k entries: 10 variables at order 6 are
    5,005 partials, not a million cells.
    """
    from .singular import checked_partials

    point, n = request.point, len(request.variables)
    if point is not None:
        value_at(request.exprs[0], point, request.texts[0])
        verified = checked_partials(request.exprs[0], request.variables, point, order, what) if order else None
        partials = {key: value_at(verified[key] if verified else e, point, what) for key, e in partials.items()}
    if simplify:
        tidied = iter(tidy(list(partials.values()), DEFAULT_SECONDS))
        partials = {key: next(tidied) for key in partials}
    dense = n**order <= DENSE_LIMIT
    result = Result("tensor", request.texts[0], request.variables,
                    nested_tensor(partials, n, order) if dense else None, at=point, order=order,
                    partials=partials)
    if point is not None:
        result.numeric_partials = {key: to_float(e) for key, e in partials.items()}
        if dense:
            result.numeric = nested_tensor(result.numeric_partials, n, order)
    return result


def _need_variables(request: _Request) -> None:
    if not request.variables:
        raise InputError("the expression has no variables; name them with --vars")


def _region(text: str | None, n: int) -> list[tuple[float, float]] | None:
    """``-5:5`` for every variable, or one ``lo:hi`` per variable, comma-separated."""
    if text is None:
        return None
    parts = [part.strip() for part in text.split(",")]
    if len(parts) == 1:
        parts *= n
    if len(parts) != n:
        raise InputError(f"--region needs one lo:hi interval, or {n} of them")
    box = []
    for part in parts:
        lo_text, colon, hi_text = part.partition(":")
        values = [to_float(parse_value(t)) for t in (lo_text, hi_text)] if colon else [None, None]
        if any(v is None for v in values) or not values[0] < values[1]:
            raise InputError(f"--region intervals are lo:hi with lo < hi, got '{printable(part)}'")
        box.append((values[0], values[1]))
    return box


def _covariance(cov: str | None, var: str | None) -> list[list[sp.Expr]]:
    if (cov is None) == (var is None):
        raise InputError("give the covariance as --cov \"1,0.5;0.5,2\" or its diagonal as --var 1,2")
    if var is not None:
        diagonal = [parse_value(t) for t in var.split(",")]
        return [[d if i == j else sp.Integer(0) for j in range(len(diagonal))] for i, d in enumerate(diagonal)]
    rows = [[parse_value(t) for t in row.split(",")] for row in cov.split(";")]  # type: ignore[union-attr]
    if any(len(row) != len(rows) for row in rows):
        raise InputError(f"--cov must be a square matrix: got rows of lengths {', '.join(str(len(r)) for r in rows)}")
    return rows


# --- commands ---

def run_gradient(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    env = _environment()
    request = _request(env, [_expression_text(env, expr)], vars_, at)
    _need_variables(request)
    return _finish("gradient", request, _partials(env, request, 1), simplify, "the gradient")


def run_jacobian(exprs: tuple[str, ...], vars_: str | None, at: str | None, simplify: bool) -> Result:
    env = _environment()
    if list(exprs) == ["-"]:
        texts = [line for line in _read_stdin(env, 10 * MAX_LENGTH).splitlines() if line.strip()]
        if not texts:
            raise InputError("no expressions on standard input")
    else:
        texts = [_expression_text(env, text) for text in exprs]
    request = _request(env, texts, vars_, at)
    _need_variables(request)
    rows = []
    for expr in request.exprs:
        d = Differentiator(expr, request.variables, len(request.variables))
        rows.append([d.partial((i,)) for i in range(len(request.variables))])
    return _finish("jacobian", request, rows, simplify, "the Jacobian")


def run_hessian(expr: str, vars_: str | None, at: str | None, simplify: bool,
                max_entries: int = MAX_ENTRIES) -> Result:
    env = _environment()
    request = _request(env, [_expression_text(env, expr)], vars_, at)
    _need_variables(request)
    return _finish("hessian", request, _partials(env, request, 2, max_entries), simplify, "the Hessian")


def run_derivative(expr: str, order: int, vars_: str | None, at: str | None, simplify: bool,
                   max_entries: int = MAX_ENTRIES) -> Result:
    env = _environment()
    request = _request(env, [_expression_text(env, expr)], vars_, at)
    _need_variables(request)
    if order < 0:
        raise InputError(f"--order must be >= 0, got {order}")
    partials = _distinct(env, request, order, max_entries)
    return _finish_tensor(request, partials, simplify, f"the order-{order} derivative", order)


def run_evaluate(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    env = _environment()
    request = _request(env, [_expression_text(env, expr)], vars_, at)
    if request.point is None:
        if request.exprs[0].free_symbols:
            names = ", ".join(v.name for v in request.variables)
            raise InputError(f"give a point with --at (variables: {names})")
        request.point = {}
    return _finish("value", request, request.exprs[0], simplify, request.texts[0])


def _on_its_side(expansion: Any, point: dict[sp.Symbol, sp.Expr]) -> None:
    """A one-sided series says nothing about f on the other side: --check must stay on its side."""
    if expansion.side is None:
        return
    (v,) = expansion.variables
    a, c = expansion.at[v], point[v]
    outside = sp.sign(c - a) != (1 if expansion.side == "+" else -1)
    if outside:
        where = f"{v} > {a}" if expansion.side == "+" else f"{v} < {a}"
        raise InputError(f"the series holds for {where} only; the --check point {v} = {c} is not there")


def run_expand(expr: str, order: int, at: str | None, vars_: str | None, degree: str, terms: bool,
                   coeffs: bool, remainder: bool, check_at: str | None, check_h: bool,
                   simplify: bool, side: str | None = None, radius: bool = False) -> ExpansionReport:
    from .expansion import expand
    from .render.expansion import ExpansionReport
    from .accuracy import actual_errors, convergence, lagrange_bound
    env = _environment()
    expression = parse_expression(_expression_text(env, expr))
    expansion = expand(expression, vars_, at, order, degree, side)
    if simplify:
        values = tidy([c for _, c in expansion.coefficients], DEFAULT_SECONDS)
        expansion.coefficients = [(p, c) for (p, _), c in zip(expansion.coefficients, values)]
    report = ExpansionReport(expansion, terms=terms, coefficients=coeffs, remainder=remainder)
    if check_h and check_at is None:
        raise InputError("--check-h halves the step to the --check point: give --check POINT too")
    if check_at is not None:
        point = parse_point(check_at, expansion.variables)
        _on_its_side(expansion, point)
        report.check = actual_errors(expansion, point)
        if len(expansion.variables) == 1:
            report.lagrange = lagrange_bound(expansion, point)
        if check_h:
            report.convergence = convergence(expansion, point)
    if radius:
        from .radius import radius_of_expansion
        report.radius = radius_of_expansion(expansion)
    return report


def run_critical(expr: str, vars_: str | None, region: str | None, simplify: bool) -> PointsReport:
    from .render.analysis import PointsReport
    from .analysis import critical_points
    env = _environment()
    expression = parse_expression(_expression_text(env, expr))
    variables = resolve_variables([expression], vars_)
    box = _region(region, len(variables))
    points = critical_points(expression, variables, box)
    if not points and not points.complete and not points.sets:
        # An empty list from a search that cannot prove there is nothing is no answer.
        raise MathError(f"no critical point found; the search is not exhaustive ({points.method})")
    return PointsReport(expression, variables, list(points), points.complete, points.method, points.sets,
                        inputs={} if box is None else {"region": [list(pair) for pair in box]})


def run_classify(expr: str, at: str, vars_: str | None, simplify: bool) -> PointsReport:
    from .render.analysis import PointsReport
    from .analysis import classify_point
    env = _environment()
    expression = parse_expression(_expression_text(env, expr))
    variables = resolve_variables([expression], vars_)
    point = parse_point(at, variables)
    return PointsReport(expression, variables, [classify_point(expression, variables, point)],
                        inputs={"at": {v.name: exact_text(a) for v, a in point.items()}})


def run_expect(expr: str, mean: str, cov: str | None, var: str | None, vars_: str | None, samples: int,
                   seed: int | None, simplify: bool) -> ExpectationReport:
    from .render.analysis import ExpectationReport
    from .analysis import expectation
    env = _environment()
    expression = parse_expression(_expression_text(env, expr))
    variables = resolve_variables([expression], vars_)
    mean_point = parse_point(mean, variables)
    sigma = _covariance(cov, var)
    result = expectation(expression, list(mean_point.values()), sigma, variables, samples, seed)
    inputs = {"mean": {v.name: exact_text(a) for v, a in mean_point.items()},
              "cov": [[exact_text(c) for c in row] for row in sigma], "samples": samples, "seed": seed}
    return ExpectationReport(expression, result, inputs)


def run_step(expr: str | None, at: str | None, lr: str, vars_: str | None, value: str | None,
                 grad_norm: str | None, curvature: str | None, simplify: bool) -> StepReport:
    from .render.analysis import StepReport
    from .analysis import predict_step
    env = _environment()

    def number(text: str | None, name: str) -> float | None:
        if text is None:
            return None
        result = to_float(parse_value(text))
        if result is None:
            raise InputError(f"{name} must be a finite number")
        return result

    rate = number(lr, "--lr")
    if expr is None:
        prediction = predict_step(rate, value=number(value, "--value"), grad_norm=number(grad_norm, "--grad-norm"),
                                  curvature=number(curvature, "--curvature"))
        return StepReport(prediction, value=None if value is None else parse_value(value))
    else:
        if at is None:
            raise InputError("give the current point with --at")
        from .optimizer_runs import _start_point
        compiled, start = _start_point(env, expr, vars_, at)
        prediction = predict_step(rate, compiled, start)
        point = parse_point(at, compiled.variables)
        exact = compiled.expression.xreplace(point)
        return StepReport(prediction, {"expression": exact_text(compiled.expression),
                                       "variables": [v.name for v in compiled.variables],
                                       "at": {v.name: exact_text(a) for v, a in point.items()}},
                          exact if exact.is_number and exact.is_finite else None)


# --- pictures ------------------------------------------------------------------------------------


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise InputError(f"--size is WIDTHxHEIGHT in pixels, e.g. 800x600; got '{printable(text)}'")
    return int(width), int(height)


def _numbers(text: str, what: str) -> list[float]:
    values = [to_float(parse_value(part)) for part in text.split(",")]
    if any(v is None for v in values):
        raise InputError(f"{what} needs finite numbers")
    return values  # type: ignore[return-value]


def _with_plot(report: Any, plot: str | None, expression: sp.Expr) -> Any:
    """Draw the optimizer paths on the contours of f, if asked."""
    from .render.runs import CompareReport
    if plot is None:
        return report
    from .plot import contours, draw_contours, path_box

    runs = report.runs if isinstance(report, CompareReport) else [report.result]
    if len(runs[0].variables) != 2:
        raise InputError("--plot draws paths on contours: it needs two variables")
    paths = {r.method: [t.x for t in r.trace] for r in runs}
    # gd's thousands of steps crowd the picture; every step is still drawn, at most 2,000 points.
    paths = {name: points[:: max(1, len(points) // 2000)] + points[-1:] for name, points in paths.items()}
    data = contours(expression, runs[0].variables, path_box(paths), paths=paths)
    draw_contours(data, plot)
    return report


def _orders(orders: str) -> list[int]:
    try:
        ks = [int(k) for k in orders.split(",")]
    except ValueError:
        raise InputError(f"--order is a list of whole numbers, got '{printable(orders)}'") from None
    if not ks or not all(0 <= k <= 40 for k in ks):
        raise InputError("--order values are whole numbers from 0 to 40")
    return ks


def run_plot(expr: str, output: str, orders: str, at: str | None, range_: str | None, size: str,
             vars_: str | None) -> Any:
    from .plot import contours, draw_contours, draw_curves, taylor_curves
    from .render.plot import PlotReport

    from . import batch
    env = _environment()
    expression = parse_expression(_expression_text(env, expr))
    variables = resolve_variables([expression], vars_)
    pixels = _size(size)
    if batch.LINE is not None:  # --batch: one picture per line, p.png -> p-1.png, p-2.png, ...
        stem, dot, suffix = output.rpartition(".")
        output = f"{stem}-{batch.LINE}.{suffix}" if dot else f"{output}-{batch.LINE}"
    echo = {"expression": exact_text(expression), "variables": [v.name for v in variables]}
    bounds = _numbers(range_, "--range") if range_ else [-3.0, 3.0]
    if len(variables) == 1:
        if len(bounds) != 2 or not bounds[0] < bounds[1]:
            raise InputError("--range for one variable is LO,HI with LO < HI")
        ks = _orders(orders)
        point = parse_value(at) if at is not None else sp.Integer(0)
        data = taylor_curves(expression, variables, point, ks, bounds[0], bounds[1])
        path = draw_curves(data, output, pixels)
        # lowest degree first, as expand writes polynomials
        polynomials = {k: sp.sstr(p, order="rev-lex") for k, p in data.polynomials.items()}
        return PlotReport(str(path), "curves", pixels, polynomials,
                          {**echo, "orders": ks, "at": {variables[0].name: exact_text(point)}})
    if len(variables) == 2:
        box = bounds * 2 if len(bounds) == 2 else bounds
        if len(box) != 4 or not (box[0] < box[1] and box[2] < box[3]):
            raise InputError("--range for two variables is LO,HI (both) or XLO,XHI,YLO,YHI")
        data = contours(expression, variables, box)
        if at is None:
            return PlotReport(str(draw_contours(data, output, pixels)), "contours", pixels, {}, echo)
        # --at: the Taylor model of the highest --order (the quadratic one by default) beside f
        from .expansion import expand
        from .plot import with_model
        k = max(_orders(orders))
        point = parse_point(at, variables)
        polynomial = expand(expression, variables, [point[v] for v in variables], k).polynomial
        numbers = [to_float(point[v]) for v in variables]
        if any(v is None for v in numbers):
            raise InputError("--at must be a finite real point")
        path = draw_contours(with_model(data, polynomial, numbers, k), output, pixels)
        return PlotReport(str(path), "contours", pixels, {k: sp.sstr(polynomial, order="rev-lex")},
                          {**echo, "orders": [k], "at": {v.name: exact_text(a) for v, a in point.items()}})
    raise InputError(f"plot draws one or two variables; the expression has {len(variables)}")


# The optimizer commands live in optimizer_runs.py (which uses this module); the CLI finds them
# here, loaded on first use.
_OPTIMIZER_RUNS = {"run_newton", "run_gd", "run_bfgs", "run_lbfgs", "run_minimize", "run_compare"}


def __getattr__(name: str) -> object:
    if name in _OPTIMIZER_RUNS:
        from . import optimizer_runs
        return getattr(optimizer_runs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
