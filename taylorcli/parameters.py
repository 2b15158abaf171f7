"""The state of one run that the parser reads: --param values, and notes about what was read.

``PARAMETERS`` are substituted exactly into every expression parsed; ``USED_PARAMETERS``
records which appeared (an unused one is warned about); ``NOTES`` are warnings the CLI
writes to stderr once per run (``e`` read as a variable). All are importable from
``taylorcli.parse`` as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from .errors import InputError, printable


# --param name=value: constants substituted into every expression read (exactly), so a
# parameter is never a variable. Set by the CLI for one run (see set_parameters).
PARAMETERS: dict[sp.Symbol, sp.Expr] = {}
USED_PARAMETERS: set[sp.Symbol] = set()  # which of them an expression read this run used


def set_parameters(texts: Sequence[str]) -> dict[sp.Symbol, sp.Expr]:
    """Read ``--param`` values (``a=3``, ``a=3,b=1/2``) into PARAMETERS, replacing any before.

    >>> from taylorcli.parse import parse_expression
    >>> set_parameters(["a=3", "b=1/2,c=pi"])
    {a: 3, b: 1/2, c: pi}
    >>> parse_expression("a*x**2 + b"); _ = set_parameters([])
    3*x**2 + 1/2
    """
    from .parse import symbol
    from .points import _split_top_level, parse_value
    PARAMETERS.clear()
    USED_PARAMETERS.clear()
    for text in texts:
        for part in _split_top_level(text):
            name, sep, value = part.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise InputError(f"--param takes name=value, got {printable(part)!r}")
            PARAMETERS[symbol(name.strip())] = parse_value(value.strip())
    return dict(PARAMETERS)


# Warnings about what was read (not errors): the CLI writes them to stderr once per run.
NOTES: list[str] = []


def unused_parameters() -> list[str]:
    """The --param names no expression of this run contained (a typo, or a stale option): warned about."""
    return [name.name for name in PARAMETERS if name not in USED_PARAMETERS]


def _note_e(expr: sp.Expr) -> None:
    # Only where 'e' is used as Euler's number would be (e**x, log(e)): a, b, c, d, e, f
    # as six variables is fine.
    e = next((s for s in expr.free_symbols if s.name == "e"), None)
    if e is not None and any(isinstance(node, sp.Pow) and node.base == e or isinstance(node, sp.log) and node.args[0] == e
                             for node in sp.preorder_traversal(expr)):  # one walk for atoms(Pow) and atoms(log)
        note = "'e' is a variable here; Euler's number is E (exp(x) is E**x)"
        if note not in NOTES:
            NOTES.append(note)
