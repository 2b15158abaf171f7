"""Derivative commands: gradient, jacobian, hessian, derivative, eval."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .cse import cse_option
from .shared import point_options
from .app import cli
from .shared import COMMAND_SETTINGS, _commands, output_options

MAX_ENTRIES = 1_000_000  # as calculus.MAX_ENTRIES (the click tree does not import SymPy)
MAX_ENTRIES_OPTION = click.option(
    "--max-entries", type=click.IntRange(min=1), default=MAX_ENTRIES, show_default=True,
    help="Most distinct partials to compute; refused before any work above it.")

if TYPE_CHECKING:  # commands.py builds the results
    from ..render import Result


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@point_options()
@output_options
@cse_option
def gradient(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The gradient of EXPR: one partial derivative per variable.

    \b
    Examples:
      taylor gradient "x1**2*x2 + x1*x2**3"
      taylor gradient "x*exp(y)" --at 1,0 --format json
    """
    return _commands().run_gradient(expr=expr, vars_=vars_, at=at, simplify=simplify)


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("exprs", nargs=-1, required=True)
@point_options()
@output_options
@cse_option
def jacobian(exprs: tuple[str, ...], vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The Jacobian of the vector function (EXPRS...): one row per expression.

    With a single -, expressions are read from standard input, one per line.

    \b
    Examples:
      taylor jacobian "x*y" "x + y**2"
      taylor jacobian "r*cos(t)" "r*sin(t)" --vars r,t --at 2,pi/2
    """
    return _commands().run_jacobian(exprs=exprs, vars_=vars_, at=at, simplify=simplify)


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@point_options()
@MAX_ENTRIES_OPTION
@output_options
@cse_option
def hessian(expr: str, vars_: str | None, at: str | None, simplify: bool, max_entries: int) -> Result:
    """The Hessian of EXPR; with --at also its eigenvalues and definiteness.

    \b
    Examples:
      taylor hessian "x1**2*x2 + x1*x2**3"
      taylor hessian "(1-x)**2 + 100*(y-x**2)**2" --at 1,1
    """
    return _commands().run_hessian(expr=expr, vars_=vars_, at=at, simplify=simplify, max_entries=max_entries)


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--order", "-k", type=int, required=True, help="Derivative order K (1: gradient, 2: Hessian).")
@point_options()
@MAX_ENTRIES_OPTION
@output_options
@cse_option
def derivative(expr: str, order: int, vars_: str | None, at: str | None, simplify: bool,
               max_entries: int) -> Result:
    """The K-th derivative tensor of EXPR (all K-th partials, symmetric).

    A tensor of more than 10,000 entries is written sparsely: one line per
    nonzero distinct partial (JSON: "tensor" is null and "entries" lists them).

    \b
    Examples:
      taylor derivative "x**3*y + exp(y)" --order 3
      taylor derivative "sin(x*y)" -k 4 --at 0,0 --format json
    """
    return _commands().run_derivative(expr=expr, order=order, vars_=vars_, at=at, simplify=simplify,
                                      max_entries=max_entries)


@cli.command(name="eval", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@point_options()
@output_options
@cse_option
def evaluate(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The exact and numeric value of EXPR at a point.

    \b
    Examples:
      taylor eval "sin(x)**2 + y" --at x=pi/4,y=1/2
      taylor eval "sqrt(2)*pi"
    """
    return _commands().run_evaluate(expr=expr, vars_=vars_, at=at, simplify=simplify)


