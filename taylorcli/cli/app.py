"""The ``taylor`` group: process limits, expression-aware parsing, and the one place
where failures become exit statuses (``TaylorGroup.main``): one line on stderr, never a
traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from .. import __version__
from ..env import Environment
from ..errors import ExitStatus, TaylorError, printable
from ..supervise import HARD_MARGIN, discard_output, in_child, limit_message

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
    """A command whose expression may start with '-', with strict options.

    click reads "-sinh(x)" as the flags -s -i -n -h (and shows the help, exit 0) and
    "-exp(x)*k" as -k missing its value. A token that starts with one '-', is no
    option's value and cannot be an option (it holds an operator or bracket, or a
    digit follows the '-': "-x**2", "-(x)", "-1") is an expression: it reaches click
    behind a space (so it is not split into flags) and leaves without it. Everything
    else that starts with '-' is an option, so "--verbose" or "-q" is an error with
    click's "Did you mean", never the gradient of a variable called verbose.
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
                    and (any(ch in " +*/^()" for ch in token) or token[1:2].isdigit() or token[1:2] == "."):
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
        except click.exceptions.NoArgsIsHelpError as error:
            # bare `taylor`: the help, as a user who typed nothing wants it
            click.echo(error.ctx.get_help())
            sys.exit(ExitStatus.SUCCESS)
        except click.NoSuchOption as error:
            where = error.ctx.command_path if error.ctx else "taylor"
            hint = ""
            if error.option_name[1:2] != "-" and not error.possibilities:
                hint = (f"; an expression that is a negated name needs brackets: '(-{error.option_name[1:]})' "
                        f"or '-({error.option_name[1:]})'")
            message = error.format_message().rstrip(".") if hint else error.format_message()
            self._fail(f"{where}: {message}{hint} (see '{where} --help')", ExitStatus.USAGE, debug)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "taylor"
            self._fail(f"{where}: {error.format_message()} (see '{where} --help')", ExitStatus.USAGE, debug)
        except click.Abort:
            self._fail("aborted", ExitStatus.ERROR, debug)
        except click.ClickException as error:
            self._fail(error.format_message(), ExitStatus.USAGE, debug)
        except TaylorError as error:
            caret = getattr(error, "caret", None)
            if caret and sys.stderr.isatty():  # on a terminal, the text with a caret under the mistake
                self._fail(str(error), error.exit_status, debug, extra=caret())
            self._fail(str(error), error.exit_status, debug)
        except _CPUTimeExceeded as error:
            if in_child():  # no half-written result, and no cleanup that could outlast the hard limit
                discard_output()
                if debug:
                    traceback.print_exc(file=sys.stderr)
                    sys.stderr.flush()
                # The parent says it, once: had we written the line, the kernel's hard limit or
                # the parent's wall-clock backstop could still kill us before _exit, and the
                # parent, seeing a killed child past its budget, would write it a second time.
                os.kill(os.getpid(), signal.SIGKILL)
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
    def _fail(message: str, status: ExitStatus, debug: bool, extra: Sequence[str] = ()) -> None:
        if debug:
            traceback.print_exc(file=sys.stderr)
        click.echo(f"taylor: error: {_one_line(message)}", err=True)
        for line in extra:  # only on a terminal: pipelines get the one line
            click.echo(line, err=True)
        sys.exit(int(status))



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



def main() -> None:
    """Console-script entry: the real process, with resource limits applied."""
    # One BLAS thread: our matrices are small, and with --jobs or a busy machine
    # OpenBLAS's spinning threads made a 100x100 solve take 90 ms instead of 0.3 ms.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    cli.main(obj=Environment(apply_limits=True))

