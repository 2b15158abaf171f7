"""Taylor-mode arithmetic: truncated power series with exact coefficients (issue 9).

``tps`` holds the arithmetic on series truncated by total degree, ``compose``
the elementary functions through their recurrences and the walk over a SymPy
expression; ``engine.taylor_coefficients`` gives the very coefficients that
the derivative engine (``expansion._taylor``) gives, or raises ``Unsupported``
so that the caller falls back to it.
"""

from .tps import Unsupported

__all__ = ["Unsupported"]
