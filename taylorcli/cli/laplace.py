"""The laplace command: the Laplace approximation of the integral of exp(-n f)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import cli
from .shared import COMMAND_SETTINGS, output_options

if TYPE_CHECKING:
    from ..render.laplace import LaplaceReport


@cli.command(name="laplace", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--x0", metavar="POINT", help="Newton's start (default: 0 in every variable).")
@click.option("--n", "n", default="1", show_default=True, metavar="N", help="The large parameter n > 0.")
@click.option("--correction", is_flag=True, help="Add the O(1/n) term from third and fourth derivatives.")
@click.option("--check", is_flag=True,
              help="Integrate numerically beside it (SciPy quadrature in 1-2 variables, Monte Carlo beyond).")
@output_options
def laplace_command(expr: str, vars_: str | None, x0: str | None, n: str, correction: bool, check: bool,
                    simplify: bool) -> LaplaceReport:
    """Laplace approximation of the integral of exp(-N*EXPR) over the set where EXPR is finite.

    Newton from --x0 finds the minimiser x*; exit 1 unless it is a verified
    local minimum with H(x*) positive definite. Then
    log I ~ -n f(x*) + (d/2) log(2 pi/n) - log det H(x*) / 2, and the density
    exp(-n f)/I is close to N(x*, (n H)^-1). The integral runs over the domain
    where f is finite (x - log(x): x > 0). Exact values where x* is found exactly.

    \b
    Examples:
      taylor laplace "x - log(x)" --x0 1 --n 10 --correction --check
      taylor laplace "x**2 + x*y + y**2 - x" --n 3
    """
    from ..env import environment, expression_text
    from ..errors import InputError
    from ..laplace import laplace
    from ..parse import parse_expression, parse_point, parse_value, resolve_variables
    from ..calculus import to_float
    from ..render.laplace import LaplaceReport
    expression = parse_expression(expression_text(environment(), expr))
    variables = resolve_variables([expression], vars_)
    start = None
    if x0 is not None:
        start = [to_float(v) for v in parse_point(x0, variables).values()]
        if any(v is None for v in start):
            raise InputError("--x0 values must be finite numbers")
    return LaplaceReport(laplace(expression, variables, start, parse_value(n), correction, check))
