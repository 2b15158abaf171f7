"""Float estimates that keep exact evaluation at a point cheap.

Substituting a point into an expression makes SymPy evaluate exactly:
``gamma(x)`` at ``x = 10**10`` builds a factorial with ~10^11 digits and
``2**x`` at ``x = 10**9`` a number of 300 million digits. The parser refuses
such constants in the text; this module refuses them when they arise from a
point, by estimating every node in floats first.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> check_point(sp.gamma(x), {x: sp.Integer(10)})
>>> check_point(sp.gamma(x), {x: sp.Integer(10**10)})
Traceback (most recent call last):
...
taylorcli.errors.MathError: gamma(x) is too large to compute exactly at x=10000000000
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import sympy as sp

from .constants_real import real_constant
from .errors import MathError
from .parse import FUNCTIONS

MAX_DIGITS = 3_000  # digits in any exact number we compute and print
LIMIT_BITS = int(MAX_DIGITS * math.log2(10))  # the same limit on a numerator or denominator, in bits

# SymPy class -> float estimate, from the parser's own table.
_ESTIMATES = {f.build: f.estimate for f in FUNCTIONS.values() if isinstance(f.build, type)}
# These evaluate exactly to big numbers at rational arguments; others stay symbolic.
_EXACT = (sp.Pow, sp.gamma, sp.polygamma)


def _describe(point: Mapping[sp.Symbol, sp.Expr]) -> str:
    return ", ".join(f"{v}={value}" for v, value in point.items())


def check_point(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> None:
    """Raise ``MathError`` if evaluating ``expr`` exactly at ``point`` would be huge."""
    if not _has_exact(expr):  # only a power or gamma is refused (_estimate): nothing to estimate
        return
    floats: dict[sp.Basic, float | None] = {}
    for symbol, value in point.items():
        try:
            if isinstance(value, (int, float)):
                floats[symbol] = float(value)
            elif value.is_Rational:
                floats[symbol] = _rational_float(value)
            else:
                floats[symbol] = float(value) if value.is_Number else float(sp.N(value, 17))
        except (TypeError, ValueError, OverflowError):
            floats[symbol] = None
    stack: list[tuple[sp.Basic, bool]] = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if node in floats:
            continue
        if not ready and node.args and not node.is_Number:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
            continue
        floats[node] = _estimate(node, floats, point)


def _has_exact(expr: sp.Basic) -> bool:
    """Whether ``expr`` holds a node of a type ``_EXACT`` (a walk of types, no float estimates)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, _EXACT):
            return True
        stack.extend(node.args)
    return False


def _estimate(node: sp.Basic, floats: dict[sp.Basic, float | None],
              point: Mapping[sp.Symbol, sp.Expr]) -> float | None:
    try:
        if node.is_Rational:
            return _rational_float(node)
        if node.is_Number or isinstance(node, sp.NumberSymbol):
            return float(node)
        args = [floats.get(arg) for arg in node.args]
        if any(a is None for a in args):
            return None
        if isinstance(node, sp.Add):
            value = math.fsum(args)  # type: ignore[arg-type]
        elif isinstance(node, sp.Mul):
            value = math.prod(args)  # type: ignore[arg-type]
        elif isinstance(node, sp.Pow):
            value = math.pow(*args)  # type: ignore[arg-type]
        elif type(node) in _ESTIMATES:
            value = float(_ESTIMATES[type(node)](*args))
        else:
            return None
    except (ValueError, ZeroDivisionError, TypeError):
        return None  # undefined here: exact evaluation will say so
    except OverflowError:
        value = math.inf
    if not math.isinf(value):
        return value
    # Beyond float range: refuse only what SymPy would build digit by digit.
    if isinstance(node, _EXACT) and not any(arg.atoms(sp.Function) for arg in node.args) \
            and _digits(node, args) > MAX_DIGITS:  # type: ignore[arg-type]
        raise MathError(f"{node} is too large to compute exactly at {_describe(point)}")
    return None


def _rational_float(q: sp.Rational) -> float:
    """``float(q)``: p/q in Python is correctly rounded (to nearest, ties to even) like SymPy's
    mpmath conversion, without it (~3 us a number); a huge one is left to SymPy (inf, not OverflowError).
    """
    p, d = q.p, q.q
    if abs(p).bit_length() <= 1000 and d.bit_length() <= 1000:
        return p / d if d != 1 else float(p)
    return float(q)


def _digits(node: sp.Basic, args: list[float]) -> float:
    """Roughly how many decimal digits the exact value of ``node`` has."""
    try:
        if isinstance(node, sp.Pow):
            return abs(args[1]) * math.log10(abs(args[0])) if args[0] else 0.0
        if isinstance(node, sp.gamma):
            return math.lgamma(args[0]) / math.log(10)
    except (ValueError, OverflowError):
        pass
    return math.inf


def check_size(value: sp.Expr, what: str = "the result") -> None:
    """Raise ``MathError`` if an exact value holds a number too long to print."""
    limit = int(MAX_DIGITS * math.log2(10))
    for number in [value] if value.is_Rational else value.atoms(sp.Rational):
        if max(abs(number.p).bit_length(), number.q.bit_length()) > limit:
            raise MathError(f"{what} has an exact value of more than {MAX_DIGITS} digits")


def not_real(value: sp.Expr, digits: int = 30) -> bool:
    """Whether a constant is not real, numerically when SymPy cannot decide.

    SymPy's ``is_real`` is None for sqrt((sqrt(2) - 2)/(E - 2)); at 30 digits its
    imaginary part is far beyond rounding. A value that does not evaluate to a
    number (a free symbol, an unevaluated function) is left to the caller.

    >>> not_real(sp.sqrt((sp.sqrt(2) - 2) / (sp.E - 2))), not_real(sp.sqrt(sp.E - 2))
    (True, False)
    """
    if real_constant(value, LIMIT_BITS):  # -atan(sinh(1)): real by its structure, where is_real took ~2 ms
        return False
    known = value.is_real
    if known is not None or value.free_symbols:
        return known is False
    try:
        number = sp.N(value, digits)
    except Exception:  # noqa: BLE001 - SymPy cannot evaluate it: undecided, not "not real"
        return False
    re, im = number.as_real_imag()
    if not (im.is_Number and re.is_Number):
        return False
    # Rounding at `digits` digits leaves |im| near 10**-digits times the size of the value.
    return abs(im) > sp.Float(10) ** (5 - digits) * max(1, abs(re))
