"""Analysis commands: critical, classify, expect, step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .app import cli
from .shared import COMMAND_SETTINGS, _commands, output_options

if TYPE_CHECKING:  # commands.py builds the results
    from ..render.analysis import ExpectationReport, PointsReport, StepReport


@cli.command(name="critical", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--region", metavar="BOX", help="Search box: -5:5 for every variable, or -1:1,0:3 per variable.")
@click.option("--subject-to", "subject_to", multiple=True, metavar="'G = H'",
              help="A constraint (repeatable): critical points of f on it by Lagrange multipliers, "
                   "classified on the constraint.")
@output_options
def critical_command(expr: str, vars_: str | None, region: str | None, simplify: bool,
                     subject_to: tuple[str, ...] = ()) -> PointsReport:
    """Critical points of EXPR (grad f = 0), their kind, and whether all were found.

    One variable with a polynomial f': exact real-root isolation, complete.
    Otherwise SymPy's solve and Newton from many starts inside --region
    (default -5:5 in each variable), refined at 50 digits; the output says
    "search may be incomplete", and exit status 1 if nothing was found. Kinds:
    local minimum, local maximum, saddle point, inflection point (one
    variable), degenerate (undecided: no test decides it; the note says why).

    \b
    Examples:
      taylor critical "x**3 + y**2 - 3*x"
      taylor critical "(x**2+y-11)**2 + (x+y**2-7)**2" --region -5:5
      taylor critical "(x-1)*(x-2)*(x-3)*(x-4)"
      taylor critical "x*y" --subject-to "x + y = 1"
    """
    if subject_to:
        from ..constrained import run_constrained
        return run_constrained(expr=expr, vars_=vars_, constraints=subject_to, region=region)
    return _commands().run_critical(expr=expr, vars_=vars_, region=region, simplify=simplify)


@cli.command(name="classify", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--at", "at", required=True, metavar="POINT", help="The critical point: 0,0 or x=0,y=0.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@output_options
def classify_command(expr: str, at: str, vars_: str | None, simplify: bool) -> PointsReport:
    """Classify one critical point of EXPR: Hessian, then higher-order terms (exit 1 if grad f != 0 there).

    \b
    Examples:
      taylor classify "x**2 - y**2" --at 0,0
      taylor classify "x**4 + y**4" --at 0,0 --format json
      taylor classify "x**3" --at 0
    """
    return _commands().run_classify(expr=expr, at=at, vars_=vars_, simplify=simplify)


@cli.command(name="expect", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--mean", required=True, metavar="MU", help="The mean of X: 1,2 or x=1,y=2.")
@click.option("--cov", metavar="SIGMA", help='Covariance matrix, rows separated by ";": "1,0.5;0.5,2".')
@click.option("--var", metavar="VARIANCES", help="Diagonal covariance: the variances, 1,2.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--samples", type=click.IntRange(min=0, max=10_000_000), default=0,
              help="Add a Monte Carlo estimate from N Gaussian samples.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None, help="Seed for the samples.")
@output_options
def expect_command(expr: str, mean: str, cov: str | None, var: str | None, vars_: str | None, samples: int,
                   seed: int | None, simplify: bool) -> ExpectationReport:
    """The delta method: E[f(X)] ~ f(mu) + tr(H(mu) Sigma)/2, Var[f(X)] ~ grad^T Sigma grad.

    \b
    Examples:
      taylor expect "exp(x)" --mean 0 --var 1/4 --samples 100000 --seed 1
      taylor expect "x*y" --mean 1,2 --cov "1,0.5;0.5,2"
    """
    return _commands().run_expect(expr=expr, mean=mean, cov=cov, var=var, vars_=vars_, samples=samples,
                                  seed=seed, simplify=simplify)


@cli.command(name="step", context_settings=COMMAND_SETTINGS)
@click.argument("expr", required=False)
@click.option("--at", "at", metavar="X0", help="The current point.")
@click.option("--lr", required=True, metavar="ETA", help="The learning rate.")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--value", metavar="F", help="Without EXPR: the loss value f(x0).")
@click.option("--grad-norm", metavar="G", help="Without EXPR: the gradient norm.")
@click.option("--curvature", metavar="L", help="Without EXPR: the largest Hessian eigenvalue.")
@output_options
def step_command(expr: str | None, at: str | None, lr: str, vars_: str | None, value: str | None,
                 grad_norm: str | None, curvature: str | None, simplify: bool) -> StepReport:
    """Predict f after one gradient step x0 - ETA*grad f, to first and second order.

    Shows the actual value too, L (the largest Hessian eigenvalue) and whether
    ETA < 2/L. Without EXPR, the summary numbers --value, --grad-norm and
    --curvature give the worst case along the top eigenvector.

    \b
    Examples:
      taylor step "x**2 + 10*y**2" --at 1,1 --lr 0.05
      taylor step --value 2.5 --grad-norm 1.2 --curvature 10 --lr 0.1
    """
    return _commands().run_step(expr=expr, at=at, lr=lr, vars_=vars_, value=value, grad_norm=grad_norm,
                                curvature=curvature, simplify=simplify)


