"""The ``taylor`` command tree: parse options, call the library, hand results to render.

One module per group of commands; ``app`` holds the group and maps every failure to an
exit status in one place; ``shared`` holds the options every command takes.
"""

from __future__ import annotations

from ..env import Environment
from . import analysis, derivatives, expansion, laplace, optimizers, pade, plot, schema  # noqa: F401 - they register commands
from . import complexity  # noqa: F401 - registers taylor complexity
from .app import cli, main
from .digits import add_digits_option

add_digits_option(cli)  # after every command module has registered its commands

__all__ = ["Environment", "cli", "main"]
