"""The text that is one name (``x``, `` pi ``): its symbol or constant without ``ast`` (issue 9: parse cost).

Part of the parser's door (``parse.py`` is the only caller), run after
``parse_text._check_text`` has applied every check on the raw text. A single
name costs ~9 us through ``ast.parse`` and the builder, ~3 us here. The answer
is what the builder's ``name`` gives for the lone ``ast.Name`` node: a constant's
value, else the kept real symbol of a valid name. A name the builder would refuse
(reserved, too long) returns None, so the ordinary route raises its own message
with its position. Nothing here evaluates text.

>>> one_name("  x1 ")
(x1, {'x1'})
>>> one_name("pi")
(pi, {'pi'})
>>> one_name("x + 1") is None, one_name("oo") is None
(True, True)
"""

from __future__ import annotations

import re

import sympy as sp

from .parse_fast import real_symbol
from .parse_text import _name_error
from .vocabulary import CONSTANTS

# Whitespace as parse.py rewrites it (\s), around one identifier as ``ast`` reads it (ASCII, checked before).
_ONE_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\Z")


def one_name(text: str) -> tuple[sp.Expr, set[str]] | None:
    """(value, {name}) for a text that is one name the builder accepts; else None (the ordinary route)."""
    match = _ONE_NAME.match(text)
    if match is None:
        return None
    name = match.group(1)
    if name in CONSTANTS:
        return CONSTANTS[name][0], {name}
    if _name_error(name):
        return None  # the builder raises it, with its position
    return real_symbol(name), {name}
