"""One number policy for every view.

* JSON: floats as Python writes them (``repr``: the shortest text that reads back
  as the same float); ``--digits`` does not change JSON, which is data.
* plain and LaTeX: ``repr`` too, or ``--digits N`` significant digits.
* tables: 6 significant digits, or ``--digits N``.

Everywhere: no ``-0.0`` (a zero is ``0``'s float, whatever its sign bit), and a
NaN or infinite value reads ``nan`` / ``inf`` / ``-inf`` (``null`` in JSON).
Small values are never rounded to 0: a 1e-31 next to a 0.0 is a different number,
and each is written with the same number of significant digits.

>>> plain_number(-0.0), plain_number(0.1 + 0.2), table_number(0.1 + 0.2)
('0.0', '0.30000000000000004', '0.3')
>>> with digits(3):
...     plain_number(2/3), table_number(123456.0)
('0.667', '1.23e+05')
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

TABLE_DIGITS = 6
_digits: int | None = None  # --digits N of this run (None: the view's default)


def set_digits(n: int | None) -> None:
    """Set --digits for the views written from now on (None: each view's default)."""
    global _digits
    _digits = n


@contextmanager
def digits(n: int | None) -> Iterator[None]:
    """--digits N for the views written inside the block."""
    previous = _digits
    set_digits(n)
    try:
        yield
    finally:
        set_digits(previous)


def _special(value: float) -> str | None:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return None


def plain_number(value: float | None) -> str:
    """A float for plain text and LaTeX: round-trip ``repr``, or --digits significant digits."""
    if value is None:
        return "null"
    value = float(value) + 0.0  # + 0.0: -0.0 becomes 0.0
    special = _special(value)
    if special:
        return special
    return repr(value) if _digits is None else f"{value:.{_digits}g}"


def table_number(value: float | None, default: int = TABLE_DIGITS) -> str:
    """A float for a table: ``default`` (6) significant digits, or --digits."""
    if value is None:
        return "-"
    value = float(value) + 0.0
    special = _special(value)
    if special:
        return special
    return f"{value:.{_digits or default}g}"
