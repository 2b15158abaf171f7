"""Exact calculus on the command line: derivatives, Hessians and Taylor expansions.

>>> from taylorcli import hessian
>>> hessian("x*y**2")
Matrix([
[  0, 2*y],
[2*y, 2*x]])
"""

__version__ = "0.1.0"

from .calculus import (
    definiteness,
    derivative_tensor,
    distinct_partials,
    eigenvalues,
    gradient,
    hessian,
    jacobian,
    value_at,
)
from .expand import Expansion, expand
from .errors import ExitStatus, InputError, LimitError, MathError, ParseError, TaylorError
from .parse import parse_expression, parse_point, parse_variables, symbol

__all__ = [
    "ExitStatus", "InputError", "LimitError", "MathError", "ParseError", "TaylorError",
    "Expansion", "expand", "definiteness", "derivative_tensor", "distinct_partials", "eigenvalues", "gradient",
    "hessian", "jacobian", "parse_expression", "parse_point", "parse_variables", "symbol",
    "value_at",
]
