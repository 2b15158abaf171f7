"""Function calls the parser builds without SymPy's evaluation, where it provably changes nothing.

``exp(1 - exp(x))`` costs ~4 ms to build after ``clear_cache()``: ``exp.eval``
builds ``exp(-exp(x))`` to look for logs and multiples of pi*I, then asks
``(1 - exp(x)).is_zero``, a chain of assumption deductions. For the shapes
below, eval provably returns None, so ``F(arg)`` is the unevaluated object
``Application.__new__`` builds: ``Basic.__new__(F, arg)`` with ``nargs`` set.
Only the parser's symbols qualify (a Symbol whose only given assumption is
``real=True``), so no assumption of the user's can change a branch.

Why eval returns None (SymPy 1.14; tests/test_fast_paths.py compares every
shortcut with the ordinary constructor, object for object):

- ``sin(s)``, ``cos(s)`` for such a symbol ``s``: not a number, nothing to
  extract a minus sign, I or pi from, not an Add, no inverse function inside;
  ``s.is_zero`` is None for a real symbol.
- ``exp(t)`` for t = s, or sin/cos/exp(s): eval reaches only ``t.is_zero``,
  which cannot be True (t is not identically zero).
- ``exp(r*t)``, a rational r (not 0, 1) times such a t: the Mul branch finds
  no pi*I factor, no log, and t is not comparable (it has a free symbol):
  it returns None whatever else holds.
- ``exp(Add)`` whose terms are rationals, such t and such r*t: each
  ``exp(term)`` is unchanged (above; exp(r) for a rational r other than 0, 1
  stays), so eval reaches ``arg.is_zero``, which cannot be True: 1, s, exp(s),
  sin(s), cos(s) over distinct symbols are linearly independent, and the
  canonical Add has merged equal terms, so the sum is not identically zero.

Also ``real_by_shape``: exp, sin and cos of real arguments built of the
same pieces are real, so ``parse.undefined`` need not ask SymPy.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> inert_call(sp.exp, [1 - sp.exp(x)]) == sp.exp(1 - sp.exp(x))
True
"""

from __future__ import annotations

import sympy as sp
from sympy.core.basic import Basic
from sympy.core.parameters import global_parameters

_INNER = (sp.exp, sp.sin, sp.cos)
_NARGS: dict[type, sp.FiniteSet] = {}  # FiniteSet(1): immutable, what Function.__new__ sets as nargs


def _plain_symbol(e: sp.Basic) -> bool:
    """A symbol as the parser makes it: real, nothing else given."""
    # (_assumptions_orig: the assumptions given, SymPy >= 1.12; without it no shortcut applies)
    return type(e) is sp.Symbol and getattr(e, "_assumptions_orig", None) == {"real": True}


def _atom(e: sp.Basic) -> bool:
    """s, or sin/cos/exp(s): a term t above."""
    return _plain_symbol(e) or type(e) in _INNER and _plain_symbol(e.args[0])


def _scaled(e: sp.Basic) -> bool:
    """t or r*t (r rational): the Mul SymPy builds has args (r, t)."""
    if _atom(e):
        return True
    return e.is_Mul and len(e.args) == 2 and e.args[0].is_Rational and _atom(e.args[1])


def _exp_inert(arg: sp.Basic) -> bool:
    if _scaled(arg):
        return True
    if arg.is_Add:
        return all(a.is_Rational or _scaled(a) for a in arg.args)
    return False


def inert_call(function: object, args: list) -> sp.Expr | None:
    """``function(*args)`` built unevaluated where evaluation provably leaves it so; else None.

    >>> import sympy as sp
    >>> inert_call(sp.sin, [sp.Symbol("x", real=True)])
    sin(x)
    >>> inert_call(sp.sin, [sp.Integer(0)]) is None
    True
    """
    if len(args) != 1 or function not in _INNER:
        return None
    if not global_parameters.evaluate or global_parameters.exp_is_pow:
        return None  # exp would be a Pow, or nothing evaluates: SymPy's own constructor decides
    (arg,) = args
    if not (_exp_inert(arg) if function is sp.exp else _plain_symbol(arg)):
        return None
    nargs = _NARGS.get(function)
    if nargs is None:
        if function._nargs != (1,):  # type: ignore[attr-defined]
            return None
        nargs = _NARGS[function] = sp.FiniteSet(1)
    obj = Basic.__new__(function, arg)  # what Application.__new__ builds once eval returned None
    obj.nargs = nargs
    return obj


def _real_argument(e: sp.Basic) -> bool:
    if e.is_Rational or _plain_symbol(e):
        return True
    if type(e) in _INNER:
        return _real_argument(e.args[0])
    return (e.is_Add or e.is_Mul) and all(_real_argument(a) for a in e.args)


def real_by_shape(node: sp.Basic) -> bool:
    """exp, sin or cos of a real argument (rationals, parser symbols, sums, products, these functions).

    Such a node is real wherever its argument is, so SymPy's ``is_real`` cannot be False.
    """
    return type(node) in _INNER and _real_argument(node.args[0])
