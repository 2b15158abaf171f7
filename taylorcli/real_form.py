"""Real values that SymPy writes through complex constants, in a real closed form (or refused).

The derivative of |asin(x)| at x = 2 is real (0.3709...), but SymPy's value is
``-sqrt(3)*im(asin(2))*sign(asin(2))/(3*asin(2))``: asin(2) is not real, and
neither ``im`` nor ``asin(2)`` reads back through the parser, whose world is
real. What we print must read back to what we computed, so such a value is
rewritten into logs, its real part taken and simplified (~1 s, only on this rare
path), and kept only if that form has no complex piece left and agrees with the
value at 30 digits. Otherwise the caller refuses it (MathError, exit 1).

>>> value = (-1) ** sp.Rational(2, 3) * sp.sign((-1) ** sp.Rational(1, 3)) / 12
>>> complex_piece(value)
(-1)**(2/3)
>>> real_closed_form(value)
-1/12
"""

from __future__ import annotations

import sympy as sp

_COMPLEX_FUNCTIONS = (sp.re, sp.im, sp.arg, sp.conjugate)
_MAX_OPS = 200  # simplify's time grows fast with size; larger values are refused, not waited for
_DIGITS = 30


def complex_piece(value: sp.Expr) -> sp.Expr | None:
    """A constant piece of ``value`` that is not real (or re/im/arg/conjugate of one), else None."""
    if value.is_Rational:  # most values at a point: no walk (is_real is no shortcut: SymPy proves
        return None        # sqrt(2)*im(acosh(-1/3))*sign(acosh(-1/3))/acosh(-1/3) real, pieces and all)
    for node in sp.preorder_traversal(value):
        if node is sp.I or isinstance(node, _COMPLEX_FUNCTIONS):
            return node
        if isinstance(node, (sp.Function, sp.Pow)) and not node.free_symbols and node.is_extended_real is False:
            return node
    return None


def numerically_real(value: sp.Expr, digits: int = _DIGITS) -> bool:
    """Whether a constant's imaginary part at ``digits`` digits is rounding (guard.not_real's bound).

    Asked where SymPy's is_real is wrong or undecided: it says False for
    -re(atanh(2))*sign(atanh(2))/(3*atanh(2)), a real number (-0.1100...).
    """
    try:
        re, im = sp.N(value, digits).as_real_imag()
    except Exception:  # noqa: BLE001 - SymPy cannot evaluate it: not shown real
        return False
    return bool(re.is_Number and im.is_Number and abs(im) <= sp.Float(10) ** (5 - digits) * max(1, abs(re)))


def real_float(value: sp.Expr) -> float | None:
    """float of a constant that is real at 30 digits, its rounding-size imaginary part dropped; else None."""
    if not numerically_real(value):
        return None
    try:
        return float(sp.re(sp.N(value, _DIGITS)))
    except (TypeError, ValueError, OverflowError):
        return None


def root_hint(expr: sp.Expr, point: dict) -> str:
    """A hint when ``expr`` takes an odd root of a negative number at ``point``, else "".

    SymPy's x**(1/3) is the principal root, complex at x = -8, where a user may mean the real -2.

    >>> x = sp.Symbol("x", real=True)
    >>> root_hint(x ** sp.Rational(2, 3), {x: sp.Integer(-8)})
    ' (x**(2/3) is the principal, complex root; the real one is Abs(x)**(2/3))'
    """
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow) and node.exp.is_Rational and not node.exp.is_Integer and node.exp.q % 2:
            if node.base.xreplace(point).is_negative:
                u, q = sp.sstr(node.base), sp.sstr(node.exp)
                real = f"Abs({u})**({q})" if node.exp.p % 2 == 0 else f"sign({u})*Abs({u})**({q})"
                return f" ({sp.sstr(node)} is the principal, complex root; the real one is {real})"
    return ""


def real_closed_form(value: sp.Expr) -> sp.Expr | None:
    """``value`` (a real constant) without complex pieces, equal at 30 digits; None if not found."""
    if sp.count_ops(value) > _MAX_OPS:
        return None
    try:
        candidate = sp.simplify(sp.re(sp.expand_complex(value.rewrite(sp.log))))
    except Exception:  # noqa: BLE001 - SymPy cannot rewrite it: no real form
        return None
    if candidate.free_symbols or not candidate.is_number or complex_piece(candidate) is not None:
        return None
    try:
        difference = complex(sp.N(candidate - value, _DIGITS))
        size = abs(complex(sp.N(value, _DIGITS)))
    except (TypeError, ValueError):
        return None
    return candidate if abs(difference) <= 10.0 ** (5 - _DIGITS) * max(1.0, size) else None
