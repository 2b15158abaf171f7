"""The layout of an expansion: terms lowest degree first, in powers of (x - a).

SymPy's printers would reorder a sum and multiply a number into ``x - 1``
(``3*(x - 1)`` becomes ``3*x - 3``). Both are avoided without writing any
text by hand: each base ``x - a`` stands in the expression as a placeholder
symbol that the printer writes as ``(x - 1)``, and the sum of the terms is
printed by SymPy's own ``_print_Add`` in the order we give. Signs, brackets
and fractions are therefore always SymPy's, in plain text and in LaTeX alike;
``checked_text`` reads the text back before it is shown.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> series_text([x], {x: sp.Integer(1)}, [((sp.Integer(0),), sp.sqrt(2) - 2), ((sp.Integer(1),), sp.Integer(3))])
'-2 + sqrt(2) + 3*(x - 1)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

Powers = tuple[sp.Rational, ...]
Items = Sequence[tuple[Powers, sp.Expr]]


class _Layout:
    """Mixin: placeholders print as their bracketed base; one sum keeps our order."""

    def __init__(self, bases: Mapping[sp.Dummy, sp.Expr], top: sp.Expr | None, **settings) -> None:
        super().__init__(settings)  # type: ignore[call-arg]
        self._bases = dict(bases)
        self._top = top
        self._bare = False

    def _as_ordered_terms(self, expr, order=None):
        if expr is self._top:
            return list(expr.args)
        return super()._as_ordered_terms(expr, order=order)  # type: ignore[misc]

    def _print_Dummy(self, expr):
        base = self._bases.get(expr)
        if base is None:
            return self._print_Symbol(expr)  # type: ignore[attr-defined]
        inner = self._print(base)  # type: ignore[attr-defined]
        return inner if self._bare else self._bracket(inner)

    def _print_Pow(self, expr, *args, **kwargs):
        # sqrt(x - 1), not sqrt((x - 1)): a root's own brackets enclose the base.
        e = expr.exp
        root = e.is_Rational and abs(e.p) == 1 and e.q != 1
        if root and expr.base in self._bases:
            self._bare = True
            try:
                return super()._print_Pow(expr, *args, **kwargs)  # type: ignore[misc]
            finally:
                self._bare = False
        return super()._print_Pow(expr, *args, **kwargs)  # type: ignore[misc]


class _StrLayout(_Layout, StrPrinter):
    @staticmethod
    def _bracket(text: str) -> str:
        return f"({text})"


class _LatexLayout(_Layout, LatexPrinter):
    @staticmethod
    def _bracket(text: str) -> str:
        return rf"\left({text}\right)"


_PRINTERS = {"str": _StrLayout, "latex": _LatexLayout}


def _printer(fmt: str, bases: Mapping[sp.Dummy, sp.Expr], top: sp.Expr | None) -> _Layout:
    from . import LATEX_SETTINGS
    settings = LATEX_SETTINGS if fmt == "latex" else {}
    return _PRINTERS[fmt](bases, top, **settings)


def _base(v: sp.Symbol, a: sp.Expr) -> sp.Expr:
    if a == sp.oo:
        return 1 / v
    if a == -sp.oo:
        return -1 / v
    return v - a


def series_sum(variables: Sequence[sp.Symbol], at: Mapping[sp.Symbol, sp.Expr], items: Items
               ) -> tuple[sp.Expr, dict[sp.Dummy, sp.Expr]]:
    """The terms as one unevaluated sum over placeholders, and the placeholders' bases."""
    bases: dict[sp.Dummy, sp.Expr] = {}
    # Per variable: a non-commutative stand-in, which SymPy keeps after the coefficient
    # (E*(x - 1)), and a commutative one for negative powers, which SymPy moves below
    # a fraction bar (2/(x - 1)) only when it commutes.
    stand_ins: list[tuple[sp.Expr, sp.Expr]] = []
    for v in variables:
        a = at[v]
        if a == 0 or a in (sp.oo, -sp.oo):
            plain = _base(v, a)  # x itself, or 1/x: SymPy prints these as they are
            stand_ins.append((plain, plain))
        else:
            after, below = sp.Dummy(v.name, commutative=False), sp.Dummy(v.name)
            bases[after] = bases[below] = v - a
            stand_ins.append((after, below))
    terms: list[sp.Expr] = []
    for powers, c in items:
        which = 1 if any(p < 0 for p in powers) else 0
        term = c * sp.Mul(*(s[which]**p for s, p in zip(stand_ins, powers)))
        # A constant term that is itself a sum joins the top-level sum term by term.
        terms.extend(term.as_ordered_terms() if term.is_Add else [term])
    return sp.Add(*terms, evaluate=False), bases


def series_text(variables: Sequence[sp.Symbol], at: Mapping[sp.Symbol, sp.Expr], items: Items,
                fmt: str = "str") -> str:
    """The terms ``items`` (powers, coefficient), in this order, as plain text or LaTeX."""
    if not items:
        return "0"
    total, bases = series_sum(variables, at, items)
    if len(total.args) == 1:  # Add(t, evaluate=False) is t itself
        total = total.args[0] if total.is_Add else total
    return _printer(fmt, bases, total).doprint(total)


def remainder_text(variables: Sequence[sp.Symbol], at: Mapping[sp.Symbol, sp.Expr], order: int,
                   next_exponent: sp.Rational, fmt: str = "str") -> str:
    """The order term: O(x**5), O((x - 1)**5), O(1/x**5) or O(|h|**5)."""
    latex = fmt == "latex"
    if len(variables) > 1:
        return rf"O\left(\|h\|^{{{order + 1}}}\right)" if latex else f"O(|h|**{order + 1})"
    (v,) = variables
    a = at[v]
    if a in (sp.oo, -sp.oo) and next_exponent <= 0:  # a negative order: O(1), O(x), O(x**2)
        text = _printer(fmt, {}, None).doprint(v**-next_exponent)
    elif a in (sp.oo, -sp.oo):
        big = _printer(fmt, {}, None).doprint(v**next_exponent)
        # ** binds tighter than /, so 1/x**4 needs no brackets.
        text = rf"\frac{{1}}{{{big}}}" if latex else f"1/{big}"
    else:
        text = series_text([v], {v: a}, [((next_exponent,), sp.Integer(1))], fmt)
    return rf"O\left({text}\right)" if latex else f"O({text})"


def read_back(text: str, expected: sp.Expr) -> str:
    """``text`` if our parser reads it back to ``expected``; else a ``MathError``.

    The run-time half of "what you print is what you computed": a mismatch is
    an internal error (exit 1), never a wrong answer.

    >>> x = sp.Symbol("x")
    >>> read_back("x + 1", x + 1)
    'x + 1'
    """
    from ..errors import MathError
    from ..options import MAX_LENGTH
    from ..parse import parse_expression
    if len(text) > MAX_LENGTH:  # beyond what the parser takes; the tests cover such layouts
        return text
    parsed = parse_expression(text)
    by_name = {s.name: s for s in expected.free_symbols if isinstance(s, sp.Symbol)}
    parsed = parsed.xreplace({s: by_name.get(s.name, s) for s in parsed.free_symbols})
    if parsed != expected and sp.expand(parsed - expected) != 0:
        raise MathError(f"internal error: the printed expansion {text!r} does not read back to the one computed")
    return text
