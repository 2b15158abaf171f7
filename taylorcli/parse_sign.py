"""``minus_sign``: SymPy's ``could_extract_minus_sign`` for the parser's shapes, by shape (issue 9: parse cost;
moved out of parse_fast.py for its size, which re-exports it: ``parse_fast.minus_sign`` is this function)."""

from __future__ import annotations

import sympy as sp


def minus_sign(e: sp.Basic) -> bool:
    """``e.could_extract_minus_sign()`` (SymPy 1.14) for the parser's shapes, without asking facts of a
    fresh coefficient (a new Integer's first ``is_extended_negative`` deduces all its facts: ~40 us).

    Rational: Number's ``bool(is_extended_negative)``, which for p/q is p < 0. Mul: ``self == -self``
    is False for a Mul whose first argument is a rational (not 0) or not a Number (the negation changes
    or adds that coefficient); then ``c.is_Number and c.is_extended_negative``; any other Number first
    (Float, oo, zoo) asks SymPy. Add: ``_could_extract_minus_sign`` counts the arguments that could, the
    tie asks SymPy (it compares sort keys). Others: Basic's and Expr's False (only Number, Mul and Add
    override it).

    >>> from taylorcli.parse_fast import real_symbol
    >>> x = real_symbol("x")
    >>> minus_sign(-3*x), minus_sign(x - 1), minus_sign(1 - x), minus_sign(-x - 1)
    (True, False, True, True)
    """
    cls = type(e)
    if cls is sp.Mul:
        c = e._args[0]
        if c.is_Rational and c.p != 0:
            return c.p < 0
        return e.could_extract_minus_sign() if c.is_Number else False
    if cls is sp.Add:  # (the answer kept in the parse's table under -2*id, as _polynomial_argument's)
        table = parse_pow._MEMO.table
        if table is not None:
            known = table.get(-2 * id(e))
            if known is not None:
                return known[1]
        negative = 0
        for a in e._args:  # (a loop: a generator per sum costs more)
            if minus_sign(a):
                negative += 1
        positive = len(e._args) - negative
        if positive != negative:
            answer = positive < negative
        else:
            tie = parse_quick.linear_tie(e)  # x - 1, -x + 3*y: SymPy compares sort keys (~0.7 ms after clear_cache)
            answer = e.could_extract_minus_sign() if tie is None else tie
        if table is not None:
            table[-2 * id(e)] = (e, answer)
        return answer
    if isinstance(e, sp.Rational):
        return e.p < 0
    return e.could_extract_minus_sign() if isinstance(e, (sp.Number, sp.Mul, sp.Add)) else False


from . import parse_pow, parse_quick  # noqa: E402 - last: both import parse_fast, which imports this module
