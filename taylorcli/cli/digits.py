"""--digits N on every command: significant digits of floats in tables, plain text and LaTeX.

Added to each registered command here (not in each decorator stack) so that a new
command gets it too; the number policy itself is in ``taylorcli/render/numbers.py``.
"""

from __future__ import annotations

import functools
from typing import Any

import click

DIGITS_OPTION = click.Option(["--digits"], type=click.IntRange(1, 17), default=None, metavar="N",
                             help="Significant digits of floats in tables, plain text and LaTeX "
                                  "(default: 6 in tables, enough to read back elsewhere; JSON always reads back).")


def add_digits_option(group: click.Group, skip: tuple[str, ...] = ("schema",)) -> None:
    """Give every command of ``group`` (but ``skip``) the --digits option."""
    for name, command in group.commands.items():
        if name in skip or any(p.name == "digits" for p in command.params) or command.callback is None:
            continue
        command.params.append(DIGITS_OPTION)
        command.callback = _with_digits(command.callback)


def _with_digits(callback: Any) -> Any:
    @functools.wraps(callback)
    def wrapper(*args: Any, digits: int | None = None, **kwargs: Any) -> Any:
        from ..render.numbers import set_digits

        set_digits(digits)
        return callback(*args, **kwargs)

    return wrapper
