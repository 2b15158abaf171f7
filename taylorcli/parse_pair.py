"""A sum of two terms, neither a number nor a sum (``sinh(x) + exp(x)``, ``1/(1 + x**2) + cos(x)``,
``sinh(x**2) - atan(3*x)`` read as ``sinh(x**2) + (-atan(3*x))``), built as the reader's ordinary chain builds
it, without its walks (issue 9: parse cost; session 16, text16b).

``parse_direct._Reader.sum`` reads ``a + b`` or ``a - b`` into ``terms = [a, b]`` (b negated for ``-``, as its
loop negates it), asks ``parse_shapes.linear_total(terms)`` and then ``parse.total(terms)`` (``parse_merge.total``:
``parse_fast.total`` with ``merge=True``). Why ``pair(a, b)`` is that object (SymPy 1.14, this package's code):

- neither term is a Rational or an Add, and one of them is neither a Symbol nor a Mul of two args with a Symbol
  last (the caller's test, ``parse_direct._linear_term``). So ``linear_total`` returns None: its loop takes
  rationals, Symbols and two-argument Muls whose last arg is a Symbol, and returns None at the first other term.
- ``parse_fast.total``: ``_evaluating()`` holds (the reader's ``fast``, asked once per parse: nothing in a parse
  changes SymPy's parameters). Neither term is an Add (not split) nor a Rational (not added into ``coeff``, which
  stays 0); each is filed by ``_rest(t, True)``: asked here for a Mul (``-atan(3*x)``); for a term that is no
  Mul it is t itself where ``_factor_base(t)`` is not None and None (total refuses) otherwise, asked here the
  same way (below: where it need not be asked). None is refused the same way (the ordinary route then runs).
  ``repeats`` of the two rests is ``parse_merge._equal`` of them (its pairwise test: ``a is b``, then the
  class and a Symbol's name, then ``==``); where it holds, ``merged`` decides (None here: the ordinary route
  runs). Otherwise ``kept`` is [a, b], two terms: sorted by ``parse_quick.sort_args`` (_addsort's order), no
  coefficient put first (coeff 0), and ``assembled(Add, tuple(kept))``: the same calls here.

Finite by shape (``parse_pow.finite_by_shape``, which ``parse.undefined`` asks at the end of each parse): an
Add is where all its args are; where the parse's table (``parse_pow._MEMO``) already holds both terms as True,
that is finite_by_shape's own answer for each (a node with args is looked up there first), so the sum is
recorded as True too (``parse_shapes.vouch``).

``_factor_base(t)`` is t, not asked, for a call t of a class in ``_FILED`` (sin, cos, atan, sinh, cosh, tanh, erf,
log: each keeps Expr's ``as_base_exp`` and Function's ``_eval_is_commutative``; exp, whose base is E, is not among
them) of one argument that the table holds as finite by shape: t is no Symbol, Pow or exp, its class is filed as
itself (``_FILED_AS_ITSELF``: a Function subclass keeping Expr's as_base_exp), it has one argument, and
``parse_quick.commutative(t)`` is True: a value in ``t._assumptions`` is t's own commutativity, True as below,
else Function's handler asks its argument. A finite-by-shape expression is built of rationals, the parser's
real symbols, Add, Mul and Pow nodes and calls of these classes (``parse_pow.finite_by_shape``,
``positive_everywhere``, ``_non_negative``), each commutative: rationals and real symbols have the fact, an
Add, Mul or Pow of commutative args holds True in its slot (set by SymPy's constructors and by this package's
direct ones), and a call of these classes by the same handler. (A term not in the table, or of another class, is
asked ``_factor_base`` itself.)

>>> from taylorcli.parse_fast import real_symbol
>>> x = real_symbol("x")
>>> pair(sp.exp(x), sp.sinh(x)), pair(sp.cos(x), sp.cos(x)) is None
(exp(x) + sinh(x), True)
"""

from __future__ import annotations

import sympy as sp

from sympy.core.expr import Expr

from .parse_fast import _REAL_FINITE, _factor_base, _rest
from .parse_quick import _FUNCTION_COMMUTATIVE
from .parse_merge import _equal
from .parse_objects import assembled
from .parse_pow import _MEMO
from .parse_quick import sort_args

_ADD, _MUL = sp.Add, sp.Mul
# Calls filed as themselves (_factor_base's last case) wherever they are finite by shape: module doc, last paragraph.
_FILED = frozenset(c for c in _REAL_FINITE | {sp.log} if issubclass(c, sp.Function)
                   and c.as_base_exp is Expr.as_base_exp and c._eval_is_commutative is _FUNCTION_COMMUTATIVE)


def pair(a: sp.Basic, b: sp.Basic) -> sp.Expr | None:
    """``parse.total([a, b])`` for a, b as the module doc says (the caller checks their classes), or None."""
    table = _MEMO.table
    known_a = table.get(id(a)) if table is not None else None
    known_b = table.get(id(b)) if table is not None else None
    finite_a = known_a is not None and known_a[1] is True
    finite_b = known_b is not None and known_b[1] is True
    if type(a) is _MUL:
        rest_a = _rest(a, True)
        if rest_a is None:
            return None
    elif finite_a and type(a) in _FILED and len(a._args) == 1 or _factor_base(a) is not None:
        rest_a = a
    else:
        return None
    if type(b) is _MUL:
        rest_b = _rest(b, True)
        if rest_b is None:
            return None
    elif finite_b and type(b) in _FILED and len(b._args) == 1 or _factor_base(b) is not None:
        rest_b = b
    else:
        return None
    if _equal(rest_a, rest_b):
        return None
    kept = [a, b]
    sort_args(kept)
    built = assembled(_ADD, (kept[0], kept[1]))
    if finite_a and finite_b:
        table[id(built)] = (built, True)  # (parse_shapes.vouch; the table keeps built alive)
    return built
