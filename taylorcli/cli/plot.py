"""The plot command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .app import cli
from .shared import COMMAND_SETTINGS, _commands, output_options

if TYPE_CHECKING:  # commands.py builds the results
    from ..render import Result


@cli.command(name="plot", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--output", "-o", required=True, metavar="FILE", help="The picture: .png, .svg or .pdf.")
@click.option("--order", "orders", default="1,2", show_default=True, metavar="K,K,...",
              help="Taylor orders to draw (one variable).")
@click.option("--at", "at", default=None, metavar="A", help="Expansion point (one variable). Default: 0.")
@click.option("--range", "range_", default=None, metavar="LO,HI[,LO,HI]",
              help="x range, or x and y ranges for two variables. Default: -3,3.")
@click.option("--size", default="800x600", show_default=True, metavar="WxH", help="Picture size in pixels.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@output_options
def plot_command(expr: str, output: str, orders: str, at: str | None, range_: str | None, size: str,
                 vars_: str | None, simplify: bool) -> Any:
    """Draw EXPR: beside its Taylor polynomials (one variable), or as contours (two).

    \b
    Examples:
      taylor plot "exp(x)" --order 1,2,4 --at 0 --range -3,3 -o taylor.png
      taylor plot "(1-x)**2 + 100*(y-x**2)**2" --range -2,2,-1,3 -o banana.svg
    """
    return _commands().run_plot(expr=expr, output=output, orders=orders, at=at, range_=range_, size=size,
                                vars_=vars_)


