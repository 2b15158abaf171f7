"""Taylor-mode arithmetic: truncated power series with exact coefficients (issue 9).

``tps`` holds the arithmetic on series truncated by total degree, ``compose``
the elementary functions through their recurrences and the walk over a SymPy
expression; ``engine.taylor_coefficients`` gives the very coefficients that
the derivative engine (``expansion._taylor``) gives, or raises ``Unsupported``
so that the caller falls back to it.
"""

from .tps import Unsupported

__all__ = ["Unsupported", "clear_caches"]


def clear_caches() -> None:
    """Forget the SymPy values the engine keeps across calls (the generators' values of ``direct``).

    Benchmarks call it beside ``sympy.core.cache.clear_cache()`` so that no timed run gains
    from constants (exp(2), sin(4) ...) converted by an earlier one.

    >>> clear_caches()
    """
    from .direct import _GENERATORS
    _GENERATORS.clear()
