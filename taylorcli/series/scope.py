"""The scope of one one-variable expansion's series work (expansion._one_variable).

Inside it the walks share a subexpression's series (``univariate.share``) and the
coefficient sums' sort keys are collected (``onevar_values.SINK``) for the polynomial's
build (``keyed_onevar.build``'s ``known``). Both end with it: nothing is carried from one
expansion to the next, so a reused expression costs what a fresh one costs. Plain functions
(enter, then leave in a finally): a context manager cost ~0.6 us of a ~10 us expansion.
(expansion._one_variable makes the same three stores itself, without the calls.)

>>> keys: dict = {}
>>> enter(keys)
>>> onevar_values.SINK is keys
True
>>> leave()
>>> onevar_values.SINK is None
True
"""

from __future__ import annotations

from . import onevar_values
from .univariate import share


def enter(keys: dict) -> None:
    """Walks shared, and the sums' sort keys put in ``keys`` (id -> (sum, key)), until ``leave()``."""
    share(True)
    onevar_values.SINK = keys


def leave() -> None:
    onevar_values.SINK = None
    share(False)
