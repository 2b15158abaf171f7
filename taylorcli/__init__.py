"""Exact calculus on the command line: derivatives, Hessians and Taylor expansions.

>>> from taylorcli import hessian
>>> hessian("x*y**2")
Matrix([
[  0, 2*y],
[2*y, 2*x]])
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names and the module holding each. They are imported on first use, so
# that `taylor --help` and `taylor --version` do not pay for SymPy and NumPy.
_EXPORTS = {
    "definiteness": "calculus", "derivative_tensor": "calculus", "distinct_partials": "calculus",
    "eigenvalues": "calculus", "gradient": "calculus", "hessian": "calculus", "jacobian": "calculus",
    "value_at": "calculus", "Expansion": "expansion", "expand": "expansion",
    "ExitStatus": "errors", "InputError": "errors", "LimitError": "errors", "MathError": "errors",
    "ParseError": "errors", "TaylorError": "errors",
    "parse_expression": "parse", "parse_point": "parse", "parse_variables": "parse", "symbol": "parse",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'taylorcli' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
