"""Options and plumbing every command shares: output format, batch mode, limits, points."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click

from ..env import Environment, debug_notes, environment as _environment
from ..errors import BatchFailed, InputError, NotConverged
from ..options import FORMATS, MAX_TIMEOUT, finite_float
from ..supervise import supervise
from .app import DEFAULT_TIMEOUT, _apply_limits, _Interrupted, _PipeClosed

# --- shared options --------------------------------------------------------------------------


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: format, batch mode, simplification, limits, debugging."""
    options = [
        click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
                     help="Output format. Default: table on a terminal, plain when piped."),
        click.option("--batch", is_flag=True,
                     help="Read one expression per line from stdin (give - as EXPR); write JSON Lines."),
        click.option("--jobs", "-j", type=click.IntRange(min=1, max=256), default=1, show_default=True,
                     help="Processes for --batch (output stays in input order)."),
        click.option("--no-simplify", is_flag=True, help="Skip simplifying the results."),
        click.option("--timeout", type=finite_float(0, MAX_TIMEOUT), default=DEFAULT_TIMEOUT, show_default=True,
                     help="CPU-time limit in seconds for the whole run (0: none)."),
        click.option("--debug", is_flag=True, help="Show a traceback on errors."),
        click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="A parameter: a constant substituted exactly, never a variable (a=3 or a=3,b=1/2; "
                          "repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        # click turns Ctrl-C into Abort (after printing a newline) and a closed pipe
        # into exit 1; shells expect 130 and silence, so both leave as our own signals.
        try:
            run(*args, **kwargs)
        except KeyboardInterrupt:
            raise _Interrupted from None
        except BrokenPipeError:
            raise _PipeClosed from None

    def run(*args: Any, fmt: str | None, batch: bool, jobs: int, no_simplify: bool, timeout: float,
            debug: bool, params: tuple[str, ...] = (), **kwargs: Any) -> None:
        env = _environment()
        if env.apply_limits:
            if timeout > 0 and not batch and hasattr(os, "fork"):
                supervise(timeout)  # returns in a child that the parent ends at its deadline
            # --batch: each line has --timeout in its worker (batch.py), not the whole run
            _apply_limits(0 if batch else timeout)
        debug_notes(debug)
        from ..parse import set_parameters
        set_parameters(params)  # also clears an earlier run's (in-process callers, tests)
        if batch:
            _batch(env, command, args, kwargs, not no_simplify, jobs, timeout)
            return
        result = command(*args, simplify=not no_simplify, **kwargs)
        from ..parse import NOTES, unused_parameters  # loaded by the command
        for name in unused_parameters():
            NOTES.append(f"--param {name}: '{name}' does not occur in the expression")
        for note in NOTES:
            click.echo(f"taylor: warning: {note}", err=True)
        NOTES.clear()
        from ..render import failure, show  # the command has loaded them

        expansion = getattr(result, "expansion", None)
        if debug and getattr(expansion, "method", None) == "series":
            click.echo("taylor: debug: not analytic at the point; gave its Laurent, Puiseux or asymptotic series "
                       f"({result.expansion.reason})", err=True)
        show(result, fmt or ("table" if env.stdout_isatty else "plain"), env.stdout,
             color=env.color if env.stdout_isatty else False)
        if getattr(result, "interrupted", False):
            raise _Interrupted  # Ctrl-C inside an optimizer: its last iterate is printed above
        problem = failure(result)
        if problem:
            raise NotConverged(problem)

    return wrapper


def _batch(env: Environment, command: Callable[..., Any], args: tuple, kwargs: dict[str, Any], simplify: bool,
           jobs: int, timeout: float = 0) -> None:
    """Run the command once per stdin line (EXPR is -); JSON Lines out; exit 1 if any line failed."""
    from ..batch import run_batch

    name = "exprs" if "exprs" in kwargs else "expr"
    if kwargs.get(name) not in ("-", ("-",)):
        raise InputError("--batch reads one expression per line from standard input: give - as the expression")

    def call(text: str) -> Any:
        # jacobian: one vector function per line, its components separated by ';'
        value = tuple(part.strip() for part in text.split(";")) if name == "exprs" else text
        return command(*args, simplify=simplify, **{**kwargs, name: value})

    total, failed = run_batch(env, call, jobs, timeout)
    if failed:
        raise BatchFailed(f"{failed} of {total} input lines failed (see their 'error' objects)")


def point_options(required_at: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option("--at", "at", required=required_at, metavar="POINT",
                               help="Evaluate at a point: 1,2 or x=1,y=2 (exact values like pi/4 allowed).")(command)
        return click.option("--vars", "vars_", metavar="NAMES",
                            help="Variables and their order, e.g. x,y,z (others stay symbolic).")(command)
    return decorate



def _commands() -> Any:
    """The module that does the work, imported on first use (it loads SymPy and NumPy)."""
    from .. import commands

    return commands


# Options are strict (an unknown one is an error with "Did you mean"); an expression that
# starts with '-' gets through ExpressionCommand (cli/app.py).
COMMAND_SETTINGS = {"help_option_names": ["-h", "--help"]}



PLOT_OPTION = click.option("--plot", metavar="FILE",
                           help="Draw the path on the contours of f (two variables): .png, .svg or .pdf.")


def optimizer_options(max_iter: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Options every optimizer shares: start, variables, tolerance, iterations, trace."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed([
            click.option("--x0", required=True, metavar="POINT",
                         help="Start: -1.2,1 or x=-1.2,y=1, or @FILE (values separated by commas or whitespace)."),
            click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y."),
            click.option("--tol", type=finite_float(0, 1, low_open=True), default=1e-8, show_default=True,
                         help="Stop when the gradient norm is at most this."),
            click.option("--max-iter", type=click.IntRange(min=0), default=max_iter, show_default=True,
                         help="Iteration limit."),
            click.option("--trace", is_flag=True, help="Show every iteration (in JSON too)."),
            PLOT_OPTION,
        ]):
            command = option(command)
        return command
    return decorate


