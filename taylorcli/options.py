"""Names and limits shared by the library and the command line.

Importable without SymPy or NumPy, so the command tree can be built (and
``taylor --help`` answered) without loading them.
"""

FORMATS = ("table", "plain", "latex", "json")
DEGREES = ("total", "each")
MAX_LENGTH = 10_000  # characters in one expression given as a command-line argument
# Read from standard input (EXPR is -), an expression may be larger: chained Rosenbrock
# at n = 10,000 is 450 kB and ~170,000 syntax nodes. Depth, digits and exponents keep their limits.
MAX_STDIN_LENGTH = 2_000_000  # characters
MAX_NODES = 20_000  # syntax-tree nodes in a command-line argument
MAX_STDIN_NODES = 1_000_000  # syntax-tree nodes from standard input


def finite_float(low: float, high: float, low_open: bool = False):
    """A click float type that refuses nan and inf (FloatRange lets nan through) and values out of range.

    >>> finite_float(0, 10).convert("2.5", None, None)
    2.5
    """
    import math

    import click

    class Finite(click.FloatRange):
        name = "number"

        def convert(self, value, param, ctx):
            number = super().convert(value, param, ctx)
            if not math.isfinite(number):
                self.fail(f"{value!r} is not a finite number", param, ctx)
            return number

    return Finite(min=low, max=high, min_open=low_open)


MAX_TIMEOUT = 10**6  # CPU seconds (11 days): beyond what the OS limit takes as a plain number


class StdinText(str):
    """Expression text read from standard input: the parser gives it the larger budget
    (MAX_STDIN_LENGTH characters, MAX_STDIN_NODES nodes); every other limit is the same.

    >>> StdinText("x + 1") == "x + 1"
    True
    """
