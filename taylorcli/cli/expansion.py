"""The expansion command: taylor expand."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..options import DEGREES
from .app import cli
from .shared import COMMAND_SETTINGS, _commands, output_options

if TYPE_CHECKING:  # commands.py builds the results
    from ..render.expansion import ExpansionReport


@cli.command(name="expand", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--order", "-k", type=int, default=2, show_default=True,
              help="Keep terms of degree <= K (negative K for Laurent series).")
@click.option("--at", "at", metavar="POINT", help="Expansion point: 1,2 or x=1,y=2; oo for infinity. Default: 0.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y,z.")
@click.option("--degree", type=click.Choice(DEGREES), default="total", show_default=True,
              help="Limit the total degree, or each variable's exponent.")
@click.option("--terms", is_flag=True, help="Show the expansion degree by degree.")
@click.option("--coeffs", is_flag=True, help="List the coefficient of every monomial.")
@click.option("--remainder", is_flag=True, help="Append the order term, O(x**(K+1)) or O(|h|**(K+1)).")
@click.option("--check", "check_at", metavar="POINT",
              help="Compare f with T_0..T_K at this point (and, in one variable, a Lagrange bound).")
@click.option("--check-h", is_flag=True, help="Halve the step to --check's point: observed convergence order.")
@click.option("--side", type=click.Choice(["+", "-"]), default=None,
              help="One-sided series for x > a (+) or x < a (-), where f has a kink or branch point at a.")
@click.option("--radius", is_flag=True,
              help="Radius of convergence (one variable): exact from the singularities of f, else an estimate.")
@output_options
def expand_command(expr: str, order: int, at: str | None, vars_: str | None, degree: str, terms: bool,
                   coeffs: bool, remainder: bool, check_at: str | None, check_h: bool,
                   simplify: bool, side: str | None = None, radius: bool = False) -> ExpansionReport:
    """The Taylor expansion of EXPR about a point, up to order K.

    Exact coefficients, written in powers of (x - a), lowest degree first. With
    one variable, a pole, branch point or oo gives the Laurent, Puiseux or
    asymptotic series instead, if it holds on both sides of the point (or f
    is real on one side only, which the output then says). Where the two
    sides differ (a kink: abs(x) at 0) there is no expansion (exit 1) unless
    --side asks for the one-sided series.

    \b
    Examples:
      taylor expand "exp(x)" --order 4
      taylor expand "x**2*y + exp(x)" --at 1,2 --terms
      taylor expand "1/sin(x)" --order 5
      taylor expand "atan(x)" --at oo --order 3 --format json
      taylor expand "abs(x)" --order 1 --side +
      taylor expand "exp(x)" --order 3 --check 1/2 --check-h
      taylor expand "1/(1 + x**2)" --order 4 --radius
    """
    return _commands().run_expand(expr=expr, order=order, at=at, vars_=vars_, degree=degree, terms=terms,
                                  coeffs=coeffs, remainder=remainder, check_at=check_at, check_h=check_h,
                                  simplify=simplify, side=side, radius=radius)


