"""The complexity command: taylor complexity (the lecture notes' cost table, measured)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import cli
from .shared import COMMAND_SETTINGS, output_options

if TYPE_CHECKING:  # complexity.py builds the result
    from ..complexity import Complexity

DEFAULT_SIZES = "100,300,1000"  # as complexity.DEFAULT_SIZES (not imported: it loads NumPy)
DEFAULT_DENSE_MAX = 2000
MAX_DENSE = 5000


@cli.command(name="complexity", context_settings=COMMAND_SETTINGS)
@click.option("--function", "function", default="rosenbrock", show_default=True, metavar="NAME|TEMPLATE",
              help="rosenbrock (chained), powell (extended), tridiagonal (a banded least squares), or a term "
                   "in x{i}, x{i+1}, ... summed over i, e.g. \"(x{i} - x{i+1})**2 + x{i}**4\".")
@click.option("--n", "sizes", default=DEFAULT_SIZES, show_default=True, metavar="N,N,...",
              help="The numbers of variables, 2 to 10,000.")
@click.option("--dense-max", type=click.IntRange(min=0, max=MAX_DENSE), default=DEFAULT_DENSE_MAX,
              show_default=True, help="The largest n at which the dense Hessian and the dense solve are formed.")
@click.option("--repeat", type=click.IntRange(min=1, max=20), default=3, show_default=True,
              help="Each time is the best of this many.")
@output_options
def complexity_command(function: str, sizes: str, dense_max: int, repeat: int, simplify: bool) -> Complexity:
    """Time and memory of the gradient, H.v, the sparse and dense Hessians and a Newton step, as n grows.

    The lecture notes' table (Multivariate Taylor Series, section 4), measured:
    each operation at each n at the function's start x0 (seconds, the best of
    --repeat, and the bytes of what it builds), then the fitted k in cost ~ n^k.
    The dense Hessian is formed from n exact products H e_j; above --dense-max
    it and the dense solve are skipped, and the row says so.

    \b
    Examples:
      taylor complexity
      taylor complexity --function powell --n 100,200,400,800
      taylor complexity --function "(x{i} - x{i+1})**2 + x{i}**4" --n 50,100,200 -f json
    """
    from ..complexity import BUILDS, OPERATIONS, check_function, parse_sizes, run_complexity  # loads NumPy
    from ..env import environment, progress
    from ..render import complexity as _views  # noqa: F401 - registers the views

    values = parse_sizes(sizes, function)
    check_function(function)  # a template's mistakes, located in one term, before any work
    env = environment()
    with progress(env, len(values) * (len(BUILDS) + len(OPERATIONS)), "complexity") as tick:
        return run_complexity(function, values, dense_max=dense_max, repeat=repeat, progress=tick)
