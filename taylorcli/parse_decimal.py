"""A decimal literal (``0.5``, ``2.25``) read by the one-pass reader as the builder reads it (issue 9: parse cost).

``parse_direct``'s tokens took ``0.5`` apart (``0.`` and ``5``), so every text with a decimal went to ``ast`` and
the builder (``0.5*(x^2 + 10*y^2)``: ~80 us where the one pass takes ~40). ``decimal(token, number)`` is the
leaf ``parse._Builder.constant`` makes of the same literal, for a token of digits, a point and digits only:

- Python's tokenizer reads such a token as one float literal (leading zeros are allowed in a float:
  ``00.5`` is 0.5), whose value is ``float(token)`` (the same correctly rounded conversion of the same
  text), and ``segment`` gives the builder that text, with no ``_`` in it;
- the builder refuses more than ``MAX_DIGITS`` digits (here: None, so the ordinary route says it); below
  that the adjusted exponent is below 100 (limit ``MAX_DECIMAL_EXPONENT`` = 300) and the float is finite;
- its value is ``number(Rational(n, d))`` for ``(n, d) = Decimal(token).as_integer_ratio()``, the fraction
  in lowest terms; ``Rational(int(digits), 10**k)`` (k digits after the point) is the same rational
  (SymPy's Rational reduces by the gcd), so ``number`` gives the same kept object.

Anything else (``2x``, ``1_0``, ``01``, ``1.5e3``, ``1.``) raises ValueError: the reader bails, as before
(``one_pass`` returns None on any exception).

>>> from taylorcli.parse_fast import number
>>> decimal("0.5", number), decimal("2.50", number)[0], decimal("00.25", number)[0]
((1/2, 0.5, 0), 5/2, 1/4)
>>> decimal("01", number)
Traceback (most recent call last):
ValueError: 01
"""

from __future__ import annotations

import re

import sympy as sp

from .parse_text import MAX_DIGITS

_DECIMAL = re.compile(r"([0-9]+)\.([0-9]+)")


def decimal(token: str, number: object) -> tuple:
    """(the builder's rational, its float estimate, 0: a leaf's kind) for a decimal token; else ValueError."""
    found = _DECIMAL.fullmatch(token)
    if found is None or len(token) - 1 > MAX_DIGITS:
        raise ValueError(token)
    whole, fraction = found.groups()
    return number(sp.Rational(int(whole + fraction), 10**len(fraction))), float(token), 0
