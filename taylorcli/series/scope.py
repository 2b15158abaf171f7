"""The scope of one one-variable expansion's series work (expansion._one_variable).

Inside it the walks share a subexpression's series (``univariate.shared_walks``) and the
coefficient sums' sort keys are collected (``onevar_values.SINK``) for the polynomial's
build (``keyed_onevar.build``'s ``known``). Both end with it: nothing is carried from one
expansion to the next, so a reused expression costs what a fresh one costs.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> keys: dict = {}
>>> with scope(keys):
...     pass
>>> keys
{}
"""

from __future__ import annotations

from . import onevar_values
from .univariate import shared_walks


class scope:
    """``with scope(keys):`` walks shared, and the sums' sort keys put in ``keys`` (id -> (sum, key))."""

    def __init__(self, keys: dict) -> None:
        self.keys = keys
        self.walks = shared_walks()

    def __enter__(self) -> None:
        self.walks.__enter__()
        onevar_values.SINK = self.keys

    def __exit__(self, *exc: object) -> None:
        onevar_values.SINK = None
        self.walks.__exit__(*exc)
