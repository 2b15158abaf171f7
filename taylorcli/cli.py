"""The ``taylor`` command tree: parse options, call the library, hand results to render.

Errors are mapped to exit statuses in one place (``TaylorGroup.main``): one
line on stderr, never a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import functools
import os
import resource
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .env import Environment, debug_notes, environment as _environment
from .errors import BatchFailed, ExitStatus, InputError, NotConverged, TaylorError, printable
from .supervise import HARD_MARGIN, discard_output, in_child, limit_message, supervise
from .options import DEGREES, FORMATS, MAX_TIMEOUT, finite_float

if TYPE_CHECKING:  # the click tree names the results; commands.py builds them
    from .render import Result
    from .render.analysis import ExpectationReport, PointsReport, StepReport
    from .render.expansion import ExpansionReport
    from .render.runs import CompareReport, RunReport

DEFAULT_TIMEOUT = 60  # CPU seconds
MEMORY_LIMIT = 8 * 2**30  # bytes of address space


class _Interrupted(BaseException):
    """Ctrl-C, carried past click (which would print a newline and exit 1)."""


class _PipeClosed(BaseException):
    """The reader closed stdout, carried past click (which would exit 1)."""


class _CPUTimeExceeded(BaseException):
    # BaseException so that no `except Exception` inside SymPy swallows it.
    pass


def _apply_limits(timeout: float) -> None:
    """Cap this process's CPU time and memory; breaches become exit-1 messages."""
    if timeout > 0:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        soft = int(used + timeout) + 1
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        # Past the soft limit the kernel kills at the hard one: the supervising parent
        # (supervise.py) then says why, so the margin only needs room for a clean exit.
        new_hard = soft + HARD_MARGIN if hard == resource.RLIM_INFINITY else min(hard, soft + HARD_MARGIN)
        resource.setrlimit(resource.RLIMIT_CPU, (min(soft, new_hard), new_hard))

        def on_xcpu(signum: int, frame: object) -> None:
            # The kernel repeats SIGXCPU every CPU second past the soft limit: once is
            # enough, and a second one would interrupt the clean exit with a traceback.
            signal.signal(signal.SIGXCPU, signal.SIG_IGN)
            raise _CPUTimeExceeded(timeout)

        signal.signal(signal.SIGXCPU, on_xcpu)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(hard, MEMORY_LIMIT)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _one_line(message: str) -> str:
    # Messages may quote user text: never let a control character reach the terminal.
    return printable(" ".join(str(message).split()), limit=1000)


class ExpressionCommand(click.Command):
    """A command whose expression may start with '-' and hold letters of short options.

    click reads "-sinh(x)" as the flags -s -i -n -h (and shows the help, exit 0) and
    "-exp(x)*k" as -k missing its value. A token that starts with one '-', holds an
    operator or bracket and is no option's value is an expression: it reaches click
    behind a space (so it is not split into flags) and leaves without it.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {name for p in self.params if isinstance(p, click.Option) and not p.is_flag
                       and not p.count for name in p.opts + p.secondary_opts}
        shielded, out, previous = set(), [], ""
        for token in args:
            if token == "--":
                out.extend(args[len(out):])
                break
            if token[:1] == "-" and token[1:2] != "-" and previous not in takes_value \
                    and any(ch in " +*/^()" for ch in token):
                shielded.add(" " + token)
                token = " " + token
            out.append(token)
            previous = token
        rest = super().parse_args(ctx, out)
        for param in self.params:  # give the expressions back as typed
            value = ctx.params.get(param.name) if isinstance(param, click.Argument) else None
            if isinstance(value, str) and value in shielded:
                ctx.params[param.name] = value[1:]
            elif isinstance(value, tuple):
                ctx.params[param.name] = tuple(v[1:] if v in shielded else v for v in value)
        return rest


class TaylorGroup(click.Group):
    """A click group that maps every failure to one stderr line and an exit status."""

    command_class = ExpressionCommand

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args
        try:
            code = super().main(args, "taylor", complete_var, standalone_mode=False, **extra)
            sys.exit(code if isinstance(code, int) else ExitStatus.SUCCESS)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "taylor"
            self._fail(f"{where}: {error.format_message()} (see '{where} --help')", ExitStatus.USAGE, debug)
        except click.Abort:
            self._fail("aborted", ExitStatus.ERROR, debug)
        except click.ClickException as error:
            self._fail(error.format_message(), ExitStatus.USAGE, debug)
        except TaylorError as error:
            self._fail(str(error), error.exit_status, debug)
        except _CPUTimeExceeded as error:
            if in_child():  # no half-written result, and no cleanup that could outlast the hard limit
                discard_output()
                if debug:
                    traceback.print_exc(file=sys.stderr)
                sys.stderr.write(f"taylor: error: {limit_message(error.args[0])}\n")
                sys.stderr.flush()
                os._exit(int(ExitStatus.ERROR))
            self._fail(limit_message(error.args[0]), ExitStatus.ERROR, debug)
        except MemoryError:
            self._fail(f"out of memory (limit {MEMORY_LIMIT // 2**30} GiB)", ExitStatus.ERROR, debug)
        except RecursionError:
            self._fail("the expression is nested too deeply to work with", ExitStatus.ERROR, debug)
        except (BrokenPipeError, _PipeClosed):
            # The reader went away (`taylor ... | head`): not our failure. Later flushes
            # at exit go to /dev/null instead of raising again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(ExitStatus.SUCCESS)
        except (KeyboardInterrupt, _Interrupted):
            sys.exit(ExitStatus.INTERRUPTED)  # Ctrl-C: quietly, as shells expect (128 + SIGINT)
        except Exception as error:  # noqa: BLE001 - the last line of defence: no tracebacks
            self._fail(f"internal error: {type(error).__name__}: {error}", ExitStatus.ERROR, debug)

    @staticmethod
    def _fail(message: str, status: ExitStatus, debug: bool) -> None:
        if debug:
            traceback.print_exc(file=sys.stderr)
        click.echo(f"taylor: error: {_one_line(message)}", err=True)
        sys.exit(int(status))


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
            debug: bool, **kwargs: Any) -> None:
        env = _environment()
        if env.apply_limits:
            if timeout > 0 and not batch and hasattr(os, "fork"):
                supervise(timeout)  # returns in a child that the parent ends at its deadline
            # --batch --jobs N: each line has --timeout in its worker (batch.py), not the whole run
            _apply_limits(0 if batch and jobs > 1 else timeout)
        debug_notes(debug)
        if batch:
            _batch(env, command, args, kwargs, not no_simplify, jobs, timeout)
            return
        result = command(*args, simplify=not no_simplify, **kwargs)
        from .render import failure, show  # the command has loaded them

        expansion = getattr(result, "expansion", None)
        if debug and getattr(expansion, "method", None) == "series":
            click.echo("taylor: debug: not analytic at the point; used SymPy's series "
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
    from .batch import run_batch

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


# --- the computation every command shares -----------------------------------------------------


# --- commands ----------------------------------------------------------------------------------


def _commands() -> Any:
    """The module that does the work, imported on first use (it loads SymPy and NumPy)."""
    from . import commands

    return commands


# An expression may start with '-' ("-x**2 + y"): an unknown option is taken as an argument.
COMMAND_SETTINGS = {"ignore_unknown_options": True, "help_option_names": ["-h", "--help"]}


@click.group(cls=TaylorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="taylor")
def cli() -> None:
    """Exact calculus on the command line: derivatives, Taylor expansions,
    optimizers and curvature readings, in table, plain, LaTeX or JSON form.

    \b
    Examples:
      taylor hessian "x1**2*x2 + x1*x2**3"
      taylor expand "exp(x)" --order 4
      taylor gradient "x^2*y + sin(y)" --at x=1,y=pi
      taylor newton "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
      echo "exp(x*y)" | taylor derivative - --order 3 --format json
      taylor hessian - --batch < functions.txt

    Expressions use + - * / ** (or ^), numbers (decimals are exact), pi, E and
    the functions exp log ln sqrt sin cos tan sec csc cot sinh cosh tanh asin
    acos atan atan2 asinh acosh atanh abs sign erf gamma sigmoid softplus min
    max. Pass - to read an expression from standard input.

    Exit status: 0 success, 1 the math failed or a method did not converge,
    2 bad input or usage, 130 interrupted.
    """


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@point_options()
@output_options
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
@output_options
def hessian(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The Hessian of EXPR; with --at also its eigenvalues and definiteness.

    \b
    Examples:
      taylor hessian "x1**2*x2 + x1*x2**3"
      taylor hessian "(1-x)**2 + 100*(y-x**2)**2" --at 1,1
    """
    return _commands().run_hessian(expr=expr, vars_=vars_, at=at, simplify=simplify)


@cli.command(context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--order", "-k", type=int, required=True, help="Derivative order K (1: gradient, 2: Hessian).")
@point_options()
@output_options
def derivative(expr: str, order: int, vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The K-th derivative tensor of EXPR (all K-th partials, symmetric).

    \b
    Examples:
      taylor derivative "x**3*y + exp(y)" --order 3
      taylor derivative "sin(x*y)" -k 4 --at 0,0 --format json
    """
    return _commands().run_derivative(expr=expr, order=order, vars_=vars_, at=at, simplify=simplify)


@cli.command(name="eval", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@point_options()
@output_options
def evaluate(expr: str, vars_: str | None, at: str | None, simplify: bool) -> Result:
    """The exact and numeric value of EXPR at a point.

    \b
    Examples:
      taylor eval "sin(x)**2 + y" --at x=pi/4,y=1/2
      taylor eval "sqrt(2)*pi"
    """
    return _commands().run_evaluate(expr=expr, vars_=vars_, at=at, simplify=simplify)


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
@output_options
def expand_command(expr: str, order: int, at: str | None, vars_: str | None, degree: str, terms: bool,
                   coeffs: bool, remainder: bool, check_at: str | None, check_h: bool,
                   simplify: bool, side: str | None = None) -> ExpansionReport:
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
    """
    return _commands().run_expand(expr=expr, order=order, at=at, vars_=vars_, degree=degree, terms=terms,
                                  coeffs=coeffs, remainder=remainder, check_at=check_at, check_h=check_h,
                                  simplify=simplify, side=side)


PLOT_OPTION = click.option("--plot", metavar="FILE",
                           help="Draw the path on the contours of f (two variables): .png, .svg or .pdf.")


def optimizer_options(max_iter: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Options every optimizer shares: start, variables, tolerance, iterations, trace."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed([
            click.option("--x0", required=True, metavar="POINT", help="Start: -1.2,1 or x=-1.2,y=1."),
            click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y."),
            click.option("--tol", type=finite_float(0, 1, low_open=True), default=1e-8, show_default=True,
                         help="Stop when the gradient norm is at most this."),
            click.option("--max-iter", type=click.IntRange(min=0), default=max_iter, show_default=True,
                         help="Iteration limit."),
            click.option("--trace", is_flag=True, help="Show every iteration (always in JSON)."),
            PLOT_OPTION,
        ]):
            command = option(command)
        return command
    return decorate


@cli.command(name="newton", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=500)
@click.option("--pure", is_flag=True, help="Undamped steps x - H^-1 g: no line search, no Hessian modification.")
@output_options
def newton_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, pure: bool,
                   plot: str | None, simplify: bool) -> RunReport:
    """Newton's method with the exact Hessian: minimize EXPR from --x0.

    An Armijo line search damps the step; an indefinite or singular Hessian is
    shifted (Cholesky with an added multiple of I) so it never heads for a
    saddle, and at a saddle the step follows negative curvature. The trace
    shows the digits doubling near the minimum.

    \b
    Examples:
      taylor newton "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
      taylor newton "(x-1)**2 + (y+2)**2" --x0 0,0 --pure --trace
    """
    return _commands().run_newton(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                                  trace=trace, pure=pure, simplify=simplify)


@cli.command(name="gd", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@optimizer_options(max_iter=10_000)
@click.option("--lr", default="auto", show_default=True, metavar="ETA",
              help="Step size, or auto for 1/L (L: largest Hessian eigenvalue at x0).")
@output_options
def gd_command(expr: str, x0: str, vars_: str | None, tol: float, max_iter: int, trace: bool, lr: str,
               plot: str | None, simplify: bool) -> RunReport:
    """Gradient descent with a fixed step: minimize EXPR from --x0.

    Warns on stderr when the step is at least 2/L at x0, beyond which the
    linear model it trusts makes it diverge on the local quadratic.

    \b
    Examples:
      taylor gd "x**2 + 10*y**2" --x0 1,1
      taylor gd "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --lr 0.001 --max-iter 50000
    """
    return _commands().run_gd(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, max_iter=max_iter,
                              trace=trace, lr=lr, simplify=simplify)


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
@PLOT_OPTION
@output_options
def compare_command(expr: str, x0: str, vars_: str | None, tol: float, plot: str | None, simplify: bool) -> CompareReport:
    """Run gd, newton, bfgs and lbfgs from the same start; one table.

    Exit status 1 only if no method converged.

    \b
    Examples:
      taylor compare "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1
    """
    return _commands().run_compare(plot=plot, expr=expr, x0=x0, vars_=vars_, tol=tol, simplify=simplify)


@cli.command(name="critical", context_settings=COMMAND_SETTINGS)
@click.argument("expr")
@click.option("--vars", "vars_", metavar="NAMES", help="Variables and their order, e.g. x,y.")
@click.option("--region", metavar="BOX", help="Search box: -5:5 for every variable, or -1:1,0:3 per variable.")
@output_options
def critical_command(expr: str, vars_: str | None, region: str | None, simplify: bool) -> PointsReport:
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
    """
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


def main() -> None:
    """Console-script entry: the real process, with resource limits applied."""
    # One BLAS thread: our matrices are small, and with --jobs or a busy machine
    # OpenBLAS's spinning threads made a 100x100 solve take 90 ms instead of 0.3 ms.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    cli.main(obj=Environment(apply_limits=True))
