"""The variables and the point of an expansion, read from what ``expansion.expand`` was given.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> point("1/2", [x])
{x: 1/2}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from .calculus import Variables, as_expression
from .errors import InputError
from .parse import PARAMETERS, parse_point, resolve_variables  # PARAMETERS: the parser's only state

_RESOLVED: dict[tuple, list[sp.Symbol]] = {}  # variable lists read from text, by text and --param names


def variables(expr: sp.Expr, given: Variables) -> list[sp.Symbol]:
    """resolve_variables, with a text's symbols read once per process (a real Symbol is ~15 us to make)."""
    if not isinstance(given, str):
        return resolve_variables([expr], given)
    key = (given, tuple(PARAMETERS)) if PARAMETERS else given  # (a str key: no parameters)
    found = _RESOLVED.get(key)
    if found is None:  # parse_variables reads the text alone; an error is raised, never kept
        found = resolve_variables([expr], given)
        if len(_RESOLVED) >= 256:
            _RESOLVED.clear()
        _RESOLVED[key] = found
    return list(found)


def point(at: Mapping | str | Sequence | None, symbols: list[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """The point as {variable: value}: 0 by default, else from text, a mapping by name, or a sequence."""
    if at is None:
        return {v: sp.S.Zero for v in symbols}  # Integer(0)'s object, without its cache
    if isinstance(at, str):
        return parse_point(at, symbols, allow_infinity=True)
    if isinstance(at, Mapping):
        by_name = {(k if isinstance(k, str) else k.name): v for k, v in at.items()}
        missing = [v.name for v in symbols if v.name not in by_name]
        if missing:
            raise InputError(f"point gives no value for {', '.join(missing)}")
        return {v: as_expression(by_name[v.name]) for v in symbols}
    values = list(at)
    if len(values) != len(symbols):
        raise InputError(f"point has {len(values)} value(s) but there are {len(symbols)} variable(s)")
    return {v: as_expression(value) for v, value in zip(symbols, values)}
