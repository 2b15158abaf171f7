"""Names and limits shared by the library and the command line.

Importable without SymPy or NumPy, so the command tree can be built (and
``taylor --help`` answered) without loading them.
"""

FORMATS = ("table", "plain", "latex", "json")
DEGREES = ("total", "each")
MAX_LENGTH = 10_000  # characters in one expression


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
