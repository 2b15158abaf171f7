"""Optimizer commands: newton, gd, bfgs, lbfgs, minimize, compare."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..options import finite_float
from .shared import PLOT_OPTION, optimizer_options
from .app import cli
from .shared import COMMAND_SETTINGS, _commands, output_options

if TYPE_CHECKING:  # commands.py builds the results
    from ..render.runs import CompareReport, RunReport


@cli.command(name="newton", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=500)
@click.option("--pure", is_flag=True, help="Undamped steps x - H^-1 g: no line search, no Hessian modification.")
@click.option("--hessian-free", is_flag=True,
              help="Newton-CG: truncated CG on exact Hessian-vector products, O(n) memory, H never formed.")
@output_options
def newton_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, pure: bool,
                   hessian_free: bool, plot: str | None, simplify: bool) -> RunReport:
    """Newton's method with the exact Hessian: minimize EXPR from --x0.

    An Armijo line search damps the step; an indefinite or singular Hessian is
    shifted (Cholesky with an added multiple of I) so it never heads for a
    saddle, and at a saddle the step follows negative curvature. The trace
    shows the digits doubling near the minimum.

    \b
    Examples:
      taylor newton "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
      taylor newton "(x-1)**2 + (y+2)**2" --x0 0,0 --pure --trace
      taylor newton "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --hessian-free
    """
    return _commands().run_newton(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                                  trace=trace, pure=pure, simplify=simplify, hessian_free=hessian_free)


FIRST_ORDER = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]


def _unit_interval(name: str, help_: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(name, type=finite_float(0, 1), default=None, help=help_)


@cli.command(name="gd", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=10_000)
@click.option("--method", type=click.Choice(FIRST_ORDER, case_sensitive=False), default="gd", show_default=True,
              help="The update rule (PyTorch's formulas; see the README).")
@click.option("--lr", default="auto", show_default=True, metavar="ETA",
              help="Step size, or auto: 1/L (L: largest Hessian eigenvalue at x0, from H.v products) for "
                   "gd, momentum, nesterov; 0.01 for adagrad and rmsprop, 0.001 for adam.")
@_unit_interval("--momentum", "momentum and nesterov: the momentum mu [default: 0.9].")
@_unit_interval("--beta", "rmsprop: the decay of the mean square [default: 0.99].")
@_unit_interval("--beta1", "adam: the decay of the first moment [default: 0.9].")
@_unit_interval("--beta2", "adam: the decay of the second moment [default: 0.999].")
@click.option("--eps", type=finite_float(0, 1, low_open=True), default=None,
              help="adagrad, rmsprop, adam: added to the root in the denominator "
                   "[default: 1e-10 adagrad, 1e-8 otherwise].")
@output_options
def gd_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, method: str, lr: str,
               momentum: float | None, beta: float | None, beta1: float | None, beta2: float | None,
               eps: float | None, plot: str | None, simplify: bool) -> RunReport:
    """Gradient descent and the first-order family: minimize EXPR from --x0.

    Only gradients drive the steps; the Hessian is never built (H.v products
    give L for --lr auto and check the final point). Success only at a
    verified local minimum with |grad f| <= --tol. Warns on stderr when the
    step is at least 2/L at x0 (gd, momentum, nesterov).

    \b
    Examples:
      taylor gd "x**2 + 10*y**2" --x0 1,1
      taylor gd "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --lr 0.001 --max-iter 50000
      taylor gd "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --method adam --lr 0.01 --tol 1e-6
    """
    return _commands().run_gd(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                              trace=trace, lr=lr, simplify=simplify, method=method.lower(), momentum=momentum,
                              beta=beta, beta1=beta1, beta2=beta2, eps=eps)


@cli.command(name="bfgs", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=1000)
@output_options
def bfgs_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool,
                 plot: str | None, simplify: bool) -> RunReport:
    """BFGS (SciPy's, with a Wolfe line search) on exact gradients: minimize EXPR.

    \b
    Examples:
      taylor bfgs "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
    """
    return _commands().run_bfgs(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                                trace=trace, simplify=simplify)


@cli.command(name="lbfgs", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=1000)
@click.option("--memory", "-m", type=click.IntRange(min=1, max=1000), default=10, show_default=True,
              help="Correction pairs kept (M).")
@output_options
def lbfgs_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, memory: int,
                  plot: str | None, simplify: bool) -> RunReport:
    """L-BFGS keeping M correction pairs (SciPy's L-BFGS-B, unbounded): minimize EXPR.

    \b
    Examples:
      taylor lbfgs "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --memory 5
    """
    return _commands().run_lbfgs(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                                 trace=trace, memory=memory, simplify=simplify)


SCIPY_METHODS = ["Nelder-Mead", "Powell", "CG", "BFGS", "Newton-CG", "L-BFGS-B", "TNC", "SLSQP", "dogleg",
                 "trust-ncg", "trust-krylov", "trust-exact", "trust-constr", "COBYLA"]


@cli.command(name="minimize", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=1000)
@click.option("--method", type=click.Choice(SCIPY_METHODS, case_sensitive=False), default="trust-exact",
              show_default=True, help="A scipy.optimize.minimize method.")
@output_options
def minimize_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, method: str,
                     plot: str | None, simplify: bool) -> RunReport:
    """Any SciPy minimize method, given the exact gradient and Hessian of EXPR.

    Success means a verified local minimum at the end, whatever SciPy reports:
    |grad f| <= --tol (sqrt(--tol) for Nelder-Mead, Powell, COBYLA) and a
    positive semidefinite Hessian. Where SciPy stops at a saddle or maximum,
    the run steps off along negative curvature and SciPy starts again.

    \b
    Examples:
      taylor minimize "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --method Newton-CG
    """
    return _commands().run_minimize(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                                    trace=trace, method=method, simplify=simplify)


@cli.command(name="compare", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--x0", required=True, metavar="POINT", help="Start: -1.2,1 or x=-1.2,y=1.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--tol", type=finite_float(0, 1, low_open=True), default=1e-8, show_default=True,
              help="Stop when the gradient norm is at most this.")
@click.option("--methods", default="gd,newton,bfgs,lbfgs", show_default=True, metavar="LIST",
              help="Comma-separated: gd, momentum, nesterov, adagrad, rmsprop, adam, newton, newton-cg, bfgs, lbfgs.")
@click.option("--lr", default="auto", show_default=True, metavar="ETA",
              help="Step size of the first-order methods (auto: each method's default).")
@click.option("--max-iter", type=click.IntRange(min=0), default=None,
              help="Iteration limit for every method [default: each method's own].")
@PLOT_OPTION
@output_options
def compare_command(expr: str, x0: str, vars_: str | None, tol: float, methods: str, lr: str,
                    max_iter: int | None, plot: str | None, simplify: bool) -> CompareReport:
    """Run several optimizers (default gd, newton, bfgs, lbfgs) from the same start; one table.

    Exit status 1 only if no method converged.

    \b
    Examples:
      taylor compare "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
      taylor compare "x**2 + 10*y**2" --x0 1,1 --methods gd,momentum,nesterov,adam --lr 0.05
    """
    return _commands().run_compare(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, simplify=simplify,
                                   methods=methods, lr=lr, max_iter=max_iter)
