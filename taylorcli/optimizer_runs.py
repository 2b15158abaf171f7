"""What the optimizer commands do (newton, gd and its family, bfgs, lbfgs, minimize, compare),
between their options and the renderer: the start point, the compiled f, the run, the echoed inputs.

>>> _rate("0.1"), _rate("auto")
(0.1, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click
import sympy as sp

from .calculus import to_float
from .commands import _with_plot
from .env import Environment
from .env import environment as _environment
from .env import expression_text as _expression_text
from .env import progress as _progress
from .errors import InputError, printable
from .parse import parse_expression, parse_point, read_point_file, resolve_variables
from .render import exact_text

if TYPE_CHECKING:
    from .render.runs import CompareReport, RunReport


def _start_point(env: Environment, expr: str, vars_: str | None, x0: str, hessian: bool = True,
                 sparse: bool = False):
    """The compiled f and the start; ``hessian=False`` compiles H.v products instead of H (hvp.py),
    ``sparse=True`` lets Newton take a sparse Hessian for a large sum of small terms (sparse_path.py)."""
    from .numeric import compile as compile_numeric
    expression = parse_expression(_expression_text(env, expr))
    variables = resolve_variables([expression], vars_)
    values = _start_values(x0, variables)
    if any(v is None for v in values):
        raise InputError("--x0 values must be finite numbers")
    if not hessian:
        from .hvp import compile_first_order
        return compile_first_order(expression, variables), values
    if sparse:
        from .sparse_path import compile_for_newton
        compiled = compile_for_newton(expression, variables)
        if compiled is not None:
            return compiled, values
    return compile_numeric(expression, variables), values


def _start_values(x0: str, variables: Sequence[sp.Symbol]) -> list[float | None]:
    """--x0: a point, or @FILE with the values in variable order (comma or whitespace separated)."""
    if x0.startswith("@"):
        values = read_point_file(x0[1:])
        if len(values) != len(variables):
            raise InputError(f"the point file has {len(values)} value(s) but there are {len(variables)} variable(s)")
        return values
    return [to_float(v) for v in parse_point(x0, variables).values()]


def _run_inputs(compiled: Any, x0: str, tol: float, **more: Any) -> dict[str, Any]:
    """The inputs an optimizer's JSON echoes (contract keys): expression, start, tolerance, ..."""
    if x0.startswith("@"):  # a point file: its floats, as the parser reads them back
        start = {v.name: repr(float(a)) for v, a in zip(compiled.variables, _start_values(x0, compiled.variables))}
    else:
        start = {v.name: exact_text(a) for v, a in parse_point(x0, compiled.variables).items()}
    return {"expression": exact_text(compiled.expression), "x0": start, "tol": tol, **more}


def run_newton(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, pure: bool,
                   plot: str | None, simplify: bool, hessian_free: bool = False) -> RunReport:
    from .render.runs import RunReport
    from .optimize import newton
    from .newtoncg import newton_cg
    if pure and hessian_free:
        raise InputError("--pure and --hessian-free do not go together (Newton-CG is damped by a line search)")
    env = _environment()
    compiled, start = _start_point(env, expr, vars_, x0, hessian=not hessian_free, sparse=not hessian_free)
    inputs = _run_inputs(compiled, x0, tol, max_iter=max_iter)
    with _progress(env, max_iter, "newton") as tick:
        report = (lambda k: tick(k, max_iter)) if tick else None
        result = (newton_cg(compiled, start, tol=tol, max_iter=max_iter, progress=report) if hessian_free else
                  newton(compiled, start, tol=tol, max_iter=max_iter, pure=pure, progress=report))
    return _with_plot(RunReport(result, trace=trace, inputs=inputs), plot, compiled.expression)


def _rate(lr: str) -> float | None:
    """--lr: a positive number, or None for auto."""
    if lr == "auto":
        return None
    rate = to_float(parse_expression(lr)) if not parse_expression(lr).free_symbols else None
    if rate is None or not rate > 0:
        raise InputError(f"--lr must be a positive number or auto, got {printable(lr)}")
    return rate


def run_gd(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, lr: str,
               plot: str | None, simplify: bool, method: str = "gd", **hyper: float | None) -> RunReport:
    from .render.runs import RunReport
    from .firstorder import DEFAULT_LR, minimize_first_order, settings_for
    from .optimize import largest_curvature
    env = _environment()
    settings_for(method, hyper)  # bad options fail before anything is compiled
    rate = _rate(lr)
    # H.v products, never the Hessian: gd on 1,400 variables compiled a 2-million-entry H it did not use.
    compiled, start = _start_point(env, expr, vars_, x0, hessian=False)
    if rate is not None and method not in DEFAULT_LR:
        curvature = largest_curvature(compiled, start)
        if curvature > 0 and rate >= 2 / curvature:
            click.echo(f"taylor: warning: --lr {rate:g} >= 2/L = {2 / curvature:.4g} at x0: "
                       f"{'gradient descent' if method == 'gd' else method} may diverge", err=True)
    with _progress(env, max_iter, "gradient descent" if method == "gd" else method) as tick:
        result = minimize_first_order(compiled, start, method, lr=rate, tol=tol, max_iter=max_iter,
                                      progress=(lambda k: tick(k, max_iter)) if tick else None, **hyper)
    inputs = _run_inputs(compiled, x0, tol, max_iter=max_iter)
    return _with_plot(RunReport(result, trace=trace, inputs=inputs), plot, compiled.expression)


def run_bfgs(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool,
                 plot: str | None, simplify: bool) -> RunReport:
    from .render.runs import RunReport
    from .optimize import bfgs
    compiled, start = _start_point(_environment(), expr, vars_, x0)
    inputs = _run_inputs(compiled, x0, tol, max_iter=max_iter)
    with _progress(_environment(), max_iter, "bfgs") as tick:
        result = bfgs(compiled, start, tol=tol, max_iter=max_iter,
                      progress=(lambda k: tick(k, max_iter)) if tick else None)
    return _with_plot(RunReport(result, trace=trace, inputs=inputs), plot, compiled.expression)


def run_lbfgs(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, memory: int,
                  plot: str | None, simplify: bool) -> RunReport:
    from .render.runs import RunReport
    from .optimize import lbfgs
    compiled, start = _start_point(_environment(), expr, vars_, x0)
    inputs = _run_inputs(compiled, x0, tol, max_iter=max_iter, memory=memory)
    with _progress(_environment(), max_iter, "lbfgs") as tick:
        result = lbfgs(compiled, start, tol=tol, max_iter=max_iter, memory=memory,
                       progress=(lambda k: tick(k, max_iter)) if tick else None)
    return _with_plot(RunReport(result, trace=trace, inputs=inputs), plot, compiled.expression)


def run_minimize(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, method: str,
                     plot: str | None, simplify: bool) -> RunReport:
    from .render.runs import RunReport
    from .optimize import scipy_minimize
    compiled, start = _start_point(_environment(), expr, vars_, x0)
    inputs = _run_inputs(compiled, x0, tol, max_iter=max_iter)
    with _progress(_environment(), max_iter, method) as tick:
        result = scipy_minimize(compiled, start, method, tol=tol, max_iter=max_iter,
                                progress=(lambda k: tick(k, max_iter)) if tick else None)
    return _with_plot(RunReport(result, trace=trace, inputs=inputs), plot, compiled.expression)


def run_compare(expr: str, x0: str, vars_: str | None, tol: float, plot: str | None, simplify: bool,
                methods: str = "gd,newton,bfgs,lbfgs", lr: str = "auto",
                max_iter: int | None = None) -> CompareReport:
    from .render.runs import CompareReport
    from .firstorder import compare_methods, parse_methods
    names = parse_methods(methods)
    rate = _rate(lr)
    # Only Newton needs the Hessian itself; every other method runs on H.v products.
    compiled, start = _start_point(_environment(), expr, vars_, x0, hessian="newton" in names)
    inputs = {**_run_inputs(compiled, x0, tol), "variables": [v.name for v in compiled.variables]}
    runs = compare_methods(compiled, start, names, tol=tol, lr=rate, max_iter=max_iter)
    return _with_plot(CompareReport(runs, inputs), plot, compiled.expression)
