"""Variables and points from user text (--vars, --at, --x0, point files), through the parser.

Part of the door that ``parse`` is: values are read with ``parse_value``, never eval'd.

>>> from taylorcli.parse import symbol
>>> parse_point("1,pi/2", [symbol("x"), symbol("y")])
{x: 1, y: pi/2}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import sympy as sp

from .errors import InputError, LimitError, printable
from .options import MAX_LENGTH, MAX_STDIN_LENGTH
from .parse import MAX_DIGITS, _name_error, parse_expression, symbol
from .parse_fast import number


def natural_key(name: str) -> list[str | int]:
    """Sort key that puts x2 before x10.

    >>> sorted(["x10", "y", "x2", "x"], key=natural_key)
    ['x', 'x2', 'x10', 'y']
    """
    return [int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", name))]


def variables_of(exprs: sp.Expr | Iterable[sp.Expr]) -> list[sp.Symbol]:
    """The free symbols of one or more expressions, in natural order."""
    if isinstance(exprs, sp.Basic):
        exprs = [exprs]
    found: set[sp.Symbol] = set()
    for expr in exprs:
        found |= expr.free_symbols
    return sorted(found, key=lambda s: natural_key(s.name))


def _split_top_level(text: str) -> list[str]:
    """Split at commas that are not inside brackets (``atan2(1,2),3``)."""
    if "(" not in text and ")" not in text:  # no brackets: every comma splits (1,-1/2,3)
        return [part.strip() for part in text.split(",")]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def parse_variables(text: str) -> list[sp.Symbol]:
    """Parse ``"x,y,z"`` into symbols, in the order given.

    >>> parse_variables("x, y1")
    [x, y1]
    """
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise LimitError("variable list is too long")
    names = [name.strip() for name in text.split(",")]
    if not any(names):
        raise InputError("no variables given")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(f"variable '{printable(name)}' is listed twice")
        seen.add(name)
    from .parse import PARAMETERS
    variables = [symbol(name) for name in names]
    for var in variables:
        if var in PARAMETERS:  # substituted before any work, so it could only ever be a zero derivative
            raise InputError(f"'{var.name}' is a parameter (--param {var.name}={PARAMETERS[var]}), "
                             "not a variable: drop it from --vars or from --param")
    return variables


def resolve_variables(exprs: Sequence[sp.Expr], given: str | Sequence[sp.Symbol | str] | None) -> list[sp.Symbol]:
    """The variables to differentiate by: those given, else all free symbols.

    Free symbols not among the given variables stay symbolic (parameters).
    """
    if given is None:
        found = variables_of(exprs)
        if not found:
            raise InputError("the expression has no variables; name them with --vars")
        return found
    if isinstance(given, str):
        return parse_variables(given)
    variables = [v if isinstance(v, sp.Symbol) else symbol(v) for v in given]
    if len(set(variables)) != len(variables):
        raise InputError("a variable is listed twice")
    return variables


def parse_value(text: str, allow_infinity: bool = False) -> sp.Expr:
    """An exact constant such as ``pi/4``, ``1/3`` or ``sqrt(2)`` (or ``oo`` if allowed).

    >>> parse_value("pi/4")
    pi/4
    """
    if allow_infinity and isinstance(text, str) and text.strip() in _INFINITY:
        return _INFINITY[text.strip()]
    found = _PLAIN.get(text) if isinstance(text, str) else None
    if found is not None:
        return found
    plain = _RATIONAL.fullmatch(text) if isinstance(text, str) else None
    if plain:
        if len(_PLAIN) >= 1024:
            _PLAIN.clear()
        found = _PLAIN[text] = _rational(*plain.groups())
        return found
    value = parse_expression(text)
    if value.free_symbols:
        names = ", ".join(sorted(s.name for s in value.free_symbols))
        raise InputError(f"a point value must be a number, got a variable ({names}) in '{printable(text)}'")
    return value


# An integer or a fraction of integers, as Python writes them (no leading zero, no space, a
# non-zero denominator, fewer digits than the parser's limit): the parser's value is the
# exact rational, built here directly (the parser's full walk costs ~60-90 us a value).
_RATIONAL = re.compile(r"(-?)(0|[1-9][0-9]{0,29})(?:/([1-9][0-9]{0,29}))?")


def _rational(sign: str, numerator: str, denominator: str | None) -> sp.Rational:
    """What ``parse_expression`` gives for ``-p/q``, ``p/q``, ``-p`` or ``p`` (tests/test_parse.py compares them).

    ``-p/q`` is (-p)/q there, ``-(p/q)`` the same rational; ``number`` keeps one object per value, as the
    parser's numbers are kept.
    """
    p = -int(numerator) if sign else int(numerator)
    return number(sp.Rational(p, int(denominator)) if denominator else sp.Integer(p))


_PLAIN: dict[str, sp.Rational] = {}  # "-1/3" -> its rational (``number``'s kept object): a point's text read once

_INFINITY = {"oo": sp.oo, "+oo": sp.oo, "-oo": -sp.oo, "inf": sp.oo, "+inf": sp.oo, "-inf": -sp.oo}


def parse_point(text: str, variables: Sequence[sp.Symbol],
                parameters: Sequence[sp.Symbol] = (), allow_infinity: bool = False) -> dict[sp.Symbol, sp.Expr]:
    """Parse ``"1,2"`` (in variable order) or ``"x=1,y=2"`` into a substitution.

    The named form may also give values to ``parameters`` (symbols that are
    not variables); those left out stay symbolic. With ``allow_infinity``, a
    value may be ``oo`` or ``-oo`` (a point at infinity, for expansions).

    >>> x, y = symbol("x"), symbol("y")
    >>> parse_point("y=1/2, x=pi", [x, y])
    {x: pi, y: 1/2}
    """
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise LimitError("point is too long")
    if "=" not in text and "(" not in text and ")" not in text:  # 1,-1/2,3: values in variable order
        parts = text.split(",")
        if len(parts) == len(variables):
            values = []
            for part in parts:  # (a rational's text read before, as is: parse_value's own lookup)
                found = _PLAIN.get(part)
                values.append(found if found is not None else parse_value(part.strip(), allow_infinity))
            return dict(zip(variables, values))
    parts = _split_top_level(text)
    named = ["=" in part for part in parts]
    if any(named) and not all(named):
        raise InputError("give a point either as values (1,2) or as names (x=1,y=2), not both")
    if not any(named):
        if len(parts) != len(variables):
            names = ",".join(v.name for v in variables)
            raise InputError(f"point has {len(parts)} value(s) but there are {len(variables)} variable(s) ({names})")
        return dict(zip(variables, (parse_value(part, allow_infinity) for part in parts)))
    point: dict[sp.Symbol, sp.Expr] = {}
    by_name = {v.name: v for v in [*variables, *parameters]}
    for part in parts:
        name, _, value = (piece.strip() for piece in part.partition("="))
        if name not in by_name:
            problem = _name_error(name)
            if problem:
                raise InputError(problem)
            known = ", ".join(by_name)
            raise InputError(f"unknown variable '{name}' in point (variables: {known})")
        if by_name[name] in point:
            raise InputError(f"variable '{printable(name)}' is given twice in the point")
        point[by_name[name]] = parse_value(value, allow_infinity)
    missing = [v.name for v in variables if v not in point]
    if missing:
        raise InputError(f"point gives no value for {', '.join(missing)}")
    return {v: point[v] for v in [*variables, *parameters] if v in point}


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def read_point_file(path: str) -> list[float]:
    """The values of ``--x0 @FILE``: numbers separated by commas and/or whitespace.

    Plain decimals are read as floats directly (10,000 of them in milliseconds);
    anything else (pi/4, 1/3) goes through ``parse_value`` with its limits.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("-1.2, 1   pi/4")
    >>> [round(v, 4) for v in read_point_file(f.name)]
    [-1.2, 1.0, 0.7854]
    >>> os.unlink(f.name)
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            text = stream.read(MAX_STDIN_LENGTH + 1)
    except OSError as error:
        raise InputError(f"cannot read the point file '{printable(path)}': {error.strerror}") from None
    if len(text) > MAX_STDIN_LENGTH:
        raise LimitError(f"point file is too long (length limit {MAX_STDIN_LENGTH:,} characters)")
    values = []
    for part in re.split(r"[\s,]+", text.strip()):
        if not part:
            continue
        if _PLAIN_NUMBER.fullmatch(part) and len(part) <= MAX_DIGITS + 8:
            value = float(part)
        else:
            exact = parse_value(part)
            try:
                value = float(exact)
            except (TypeError, ValueError):
                value = math.nan
        if not math.isfinite(value):
            raise InputError(f"the point file '{printable(path)}' has a value that is not a finite number: "
                             f"'{printable(part[:40])}'")
        values.append(value)
    if not values:
        raise InputError(f"the point file '{printable(path)}' holds no values")
    return values
