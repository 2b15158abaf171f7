"""The --cse option of the derivative commands: the result with common subexpressions named."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click


def cse_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --cse: name repeated subexpressions (x0 = ...) and write the result in terms of them."""

    @functools.wraps(command)
    def wrapper(*args: Any, cse: bool, **kwargs: Any) -> Any:
        result = command(*args, **kwargs)
        if cse:
            from ..cse import common_subexpressions
            from ..render import leaves, nested_map

            pairs, reduced = common_subexpressions(leaves(result.exact))
            parts = iter(reduced)
            result.cse = pairs
            result.cse_result = nested_map(lambda _: next(parts), result.exact)
        return result

    return click.option("--cse", is_flag=True,
                        help="Name common subexpressions (x0 = ...) and write the result in terms of them.")(wrapper)
