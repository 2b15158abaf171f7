"""The Padé command: taylor pade."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import cli
from .shared import COMMAND_SETTINGS, output_options

if TYPE_CHECKING:  # pade.py builds the result
    from ..render.pade import PadeReport


@cli.command(name="pade", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--order", "order", required=True, metavar="M,N", help="Degrees of numerator and denominator.")
@click.option("--at", "at", metavar="POINT", help="Expansion point. Default: 0.")
@click.option("--vars", "vars_", metavar="NAMES", help="The variable (one).")
@click.option("--check", "check_at", metavar="POINTS",
              help="Errors of P/Q and of the Taylor polynomial of degree M+N at these points: 1/2,2,3.")
@output_options
def pade_command(expr: str, order: str, at: str | None, vars_: str | None, check_at: str | None,
                 simplify: bool) -> PadeReport:
    """The [M/N] Padé approximant P/Q of EXPR about a point (Q(a) = 1), exact.

    P/Q matches the Taylor series of EXPR through degree M+N. A singular
    coefficient system or a common factor of P and Q is reported (exit 1),
    not guessed.

    \b
    Examples:
      taylor pade "exp(x)" --order 2,2
      taylor pade "1/(1 + x**2)" --order 1,2 --check 1/2,2,3
    """
    from ..pade import run_pade  # loads SymPy: only when the command runs

    return run_pade(expr=expr, order=order, at=at, vars_=vars_, check_at=check_at, simplify=simplify)
