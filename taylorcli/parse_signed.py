"""F(P) for an odd or even F and a linear sum P with a minus sign, built straight from P's terms (issue 9:
parse cost; session 16). ``erf(-x + y)`` took ~24 us to parse where ``erf(x + y)`` took ~9.5: the reader
asked ``parse_fast._inert`` of P, then ``parse_fast.inert_call`` (``_inert`` again, ``parse_pow.inert_nested``,
``parse_calls.inert``), then ``parse_calls.call``, whose ``parse_pow.signed_call`` asked
``_polynomial_argument`` and ``minus_sign`` of P, negated P through ``parse_calls.negative`` and
``parse_pow._scaled``, and asked ``_inert`` of the negation, each walking the terms again.

Also (each proved in its docstring) ``negated_call``: F(-G(B)) for a call G(B), and ``atan_call``: sin(atan(u)),
cos(atan(u)); all three are reached from ``parse_nodes._monomial_call``.

``linear_call(F, P)`` returns the object the reader's ordinary calls build for F(P) where P has the shape below:
``parse_pow.signed_call(F, P)``'s where P has a minus sign, else the unevaluated ``F(P)``; None where the
shape does not hold (then the reader's ordinary calls decide, as before).

Shape: F in ``parse_fast._ODD_OR_EVEN`` (sin, cos, tan, atan, sinh, cosh, tanh, erf); P an Add whose
arguments are, in SymPy's order, an optional Rational c (first, not 0) and terms s (a parser symbol,
``parse_fast._plain_symbol``) or ``Mul(r, s)`` (two arguments: a Rational r other than 0 and 1, then a
parser symbol s), over distinct names. The caller (``parse_direct._Reader.call``) takes this only while SymPy
evaluates by its default rules (``_Reader.fast``: ``parse_fast._evaluating()`` was True), from
``parse_nodes._monomial_call`` for a sum that is not ``c + s``; the reader then vouches for the result where
F is in ``parse_fast._REAL_FINITE`` (all but tan), as for the unevaluated F(P).

No minus sign (``minus_sign(P)`` False, computed as below): the reader's next branch is
``_inert(F, P)``: F is not log nor exp, ``_polynomial_argument(P)`` holds (below) and ``not minus_sign(P)``:
True, so it builds ``parse_fast._unevaluated(F, P)``: built here the same way.

Why this is signed_call's object (parse_pow.signed_call, SymPy 1.14):

- ``function in _ODD_OR_EVEN`` and ``_evaluating()``: given.
- ``_polynomial_argument(P)``: an Add each of whose arguments is a nonzero rational or a term (``_term``:
  s is an atom; ``Mul(r, s)`` with r rational not 0, 1 and the rest one atom s): True.
- ``minus_sign(P)`` (parse_sign): for an Add it counts the arguments a with ``minus_sign(a)``: a Rational
  c has it iff ``c.p < 0``, a Mul whose first argument is a nonzero rational r iff ``r.p < 0``, a Symbol
  never (no Mul, Add or Number). Where the counts differ the answer is ``positive < negative``; on a tie
  it is ``parse_quick.linear_tie(P)``, which for this shape (rationals, s and r*s of distinct names: never
  None, as P has a term with a name) is the sign of the coefficient of the least name: computed here the
  same way (``first``). False: the unevaluated F(P) above.
- ``negated = parse_calls.negative(P)``: P is an Add, so ``parse_pow._scaled(P, -1)``: -1 is not 0 or 1,
  P is an Add with ``is_commutative`` True (every Add the reader builds of these terms: ``_from_args(...,
  True)``; asked here as _scaled asks it), so its terms are ``_keep_coefficient(-1, t)``, which for -1 is
  ``parse_calls.negative(t)``: for c, ``-c`` (a rational equal to -c; ``linear_total`` adds the rationals
  into its coefficient and puts ``number(coeff)`` first, and ``number`` gives the one kept object for any
  equal rational, so ``integer(-c.p)``/``number(-c)`` builds the same sum); for s, a Symbol keeps
  ``Expr.__neg__``: ``Mul._from_args((-1, s), commutative(s))``, and ``commutative(s)`` is
  ``s.is_commutative``, True for a parser symbol; for ``Mul(r, s)``: r is a Rational and s no Number, so s
  alone where r is -1 (``_from_args`` of one argument is that argument), else ``Mul._from_args((-r, s),
  is_commutative)`` with -r from ``integer``/``number`` (the very objects negative takes). Then
  ``linear_total`` of those terms (rationals, s, r*s over the same distinct names) is not None, and
  ``postprocessed(Mul, ...)`` of it: built here by the same two calls on equal terms.
- ``_inert(F, negated)``: F is not log; ``_polynomial_argument(negated)`` holds (the negated shape is the
  same shape: -r is not 0, and where it would be 1 the term is s); ``minus_sign(negated)``: each argument's
  sign flips, so where the counts differed the majority is now positive (False), and on a tie the least
  name's coefficient is -r, whose sign is the opposite of the one that gave True: False. So
  ``not minus_sign`` holds and F(negated) is ``parse_fast._unevaluated(F, negated)``.
- The result: that object for an even F (cos, cosh), else ``parse_calls.negative`` of it.

tests/test_text16_signed.py compares with SymPy's own constructor on random linear arguments.

>>> from taylorcli.parse_fast import real_symbol
>>> x, y = real_symbol("x"), real_symbol("y")
>>> linear_call(sp.erf, -x + y), linear_call(sp.cosh, 2 - x), linear_call(sp.sin, x + y), linear_call(sp.exp, x + y)
(-erf(x - y), cosh(x - 2), sin(x + y), None)
"""

from __future__ import annotations

import sympy as sp

from .parse_calls import negative
from .parse_fast import _REAL_ONLY, _unevaluated, number
from .parse_quick import integer, postprocessed
from .parse_objects import assembled, joined  # (postprocessed) Mul._from_args(args, True) (parse_objects)
from .parse_shapes import linear_total

_SYMBOL, _MUL, _POW, _ADD, _ONE = sp.Symbol, sp.Mul, sp.Pow, sp.Add, sp.S.One
_MINUS_ONE = sp.S.NegativeOne
_TWO = sp.Integer(2)
_ODD = frozenset((sp.sin, sp.tan, sp.atan, sp.sinh, sp.tanh, sp.erf))
_EVEN = frozenset((sp.cos, sp.cosh))


def linear_call(function: type, arg: sp.Add) -> sp.Expr | None:
    """F(P) as the reader's calls build it, for an odd or even F and a linear sum P (module docstring); None
    for anything else."""
    even = function in _EVEN
    if not even and function not in _ODD:
        return None
    negative_count = 0
    first = ""  # the least name so far and whether its coefficient is negative
    first_negative = False
    names = set()
    for t in arg._args:
        cls = type(t)
        if cls is _SYMBOL:
            if getattr(t, "_assumptions_orig", None) != _REAL_ONLY:
                return None
            name, minus = t.name, False
        elif cls is _MUL:
            args = t._args
            if len(args) != 2:
                return None
            r, s = args
            if (not r.is_Rational or type(s) is not _SYMBOL
                    or getattr(s, "_assumptions_orig", None) != _REAL_ONLY or r.p == 0 or r.q == 1 and r.p == 1):
                return None
            name, minus = s.name, r.p < 0
        elif t.is_Rational:
            if t.p == 0:
                return None
            if t.p < 0:
                negative_count += 1
            continue
        else:
            return None
        if name in names:
            return None
        names.add(name)
        if minus:
            negative_count += 1
        if not first or name < first:
            first, first_negative = name, minus
    if not first or arg.is_commutative is not True:
        return None
    positive_count = len(arg._args) - negative_count
    if not (positive_count < negative_count if positive_count != negative_count else first_negative):
        return _unevaluated(function, arg)  # no minus sign
    negated = []  # each term negated as parse_calls.negative builds it (module docstring)
    for t in arg._args:
        if type(t) is _SYMBOL:
            negated.append(joined(_MUL, (_MINUS_ONE, t)))
        elif type(t) is _MUL:
            r, s = t._args
            if r.q == 1:
                negated.append(s if r.p == -1 else joined(_MUL, (integer(-r.p), s)))
            else:
                negated.append(joined(_MUL, (number(-r), s)))
        else:
            negated.append(integer(-t.p) if t.q == 1 else number(-t))
    built = linear_total(negated)
    if built is None:
        return None
    inner = _unevaluated(function, postprocessed(_MUL, built))
    if inner is None or even:
        return inner
    return negative(inner)


_MUL_CLASS = sp.Mul
_ATAN = sp.atan
_REWRITING_ATAN = frozenset((sp.sin, sp.cos, sp.tan))  # (parse_calls.inert: sin, cos, tan of an atan are rewritten)


def negated_call(function: type, arg: sp.Mul) -> sp.Expr | None:
    """F(-A) for an odd or even F and A = G(B) a call of G in ``parse_calls._KEEP`` that is
    ``parse_calls.non_constant``: ``-F(A)`` (odd F) or ``F(A)`` (even F), as the reader's calls build it;
    else None. (``erf(atan(-3*x))``: its argument is ``-atan(3*x)``, Mul(-1, atan(3*x)); ~12 us of checks.)

    Why (SymPy 1.14; the reader's route for F(e), e = Mul(-1, A), after ``_monomial_call``, is
    ``parse_fast.inert_call`` then ``parse_calls.call``): inert_call gives None: ``_inert(F, e)`` is False
    (where e is a polynomial argument at all, ``minus_sign(e)`` is True: its first argument -1 is a negative
    rational, and F is neither exp nor log), ``inert_nested`` needs e of a class in ``_INNER`` (e is a Mul),
    and ``parse_calls.inert(F, e)`` ends in ``not minus_sign(e)`` (F in sin, cos, tan sees e, no atan): False.
    ``parse_calls.call`` asks ``parse_pow.signed_call(F, e)`` first: where e is a polynomial argument (A is
    exp, sin or cos of a parser symbol) it has the minus sign, ``negative(e)`` is A (``parse_calls.negative``
    of a Mul whose rational is -1: the rest alone), ``_inert(F, A)`` holds (A an atom, no minus sign: a call
    is no Mul, Add or Number) and it returns ``_unevaluated(F, A)``, negated for odd F; else None and
    ``parse_calls.build(F, e)``: ``inert(F, e)`` is False as above, ``_of_quotient`` needs ``not minus_sign(e)``:
    False, e is no log or atan, so ``signed(F, e)``: F odd or even, ``non_constant(e)`` (two arguments, a
    nonzero rational first, A non_constant), ``minus_sign(e)``; ``negative(e)`` is A without a minus sign, and
    ``build(F, A)``: ``inert(F, A)``: F in ``_TAKEN``, A non_constant, F neither exp nor log, not (F in sin,
    cos, tan and A an atan: excluded here), ``not minus_sign(A)``: True, so ``_unevaluated(F, A)``; signed
    returns it for even F, else ``negative`` of it. Both routes: the same object, built here by the same calls.
    The result is finite by shape (the reader vouches for it where F is real and finite): A non_constant is
    built of the pieces ``parse_pow.finite_by_shape`` accepts (parse_calls: rationals, parser symbols, +, *,
    natural powers, the real finite functions, rational powers and log of positive_everywhere sums).
    """
    even = function in _EVEN
    if not even and function not in _ODD:
        return None
    args = arg._args
    if type(arg) is not _MUL_CLASS or len(args) != 2 or args[0] is not _MINUS_ONE:
        return None
    a = args[1]
    cls = type(a)
    if cls not in _KEEP or cls is _ATAN and function in _REWRITING_ATAN or not non_constant(a):
        return None
    inner = _unevaluated(function, a)
    if inner is None or even:
        return inner
    return negative(inner)




_SIN_COS = frozenset((sp.sin, sp.cos))


def atan_call(function: type, arg: sp.atan) -> sp.Expr | None:
    """sin(atan(u)) and cos(atan(u)) as the reader's calls build them: ``parse_calls.rewritten``'s object (None
    where it gives None, or for another F: the reader's calls decide).

    Why: for F in sin, cos and an atan argument A, ``parse_fast.inert_call`` gives None (``_inert`` needs a
    polynomial argument, and an atan is no term; ``inert_nested`` needs A's class among exp, sin, cos, tan,
    sinh, cosh, tanh; ``parse_calls.inert`` is False for sin, cos, tan of an atan), then ``parse_calls.call``:
    ``parse_pow.signed_call`` gives None (A is no polynomial argument), and ``build``: ``inert`` is False as
    said, ``_of_quotient`` needs ``quotient(A)``, False for a call (neither a Pow nor a Mul), and A is an atan:
    ``rewritten(F, A)``. sin(atan(u)) and cos(atan(u)) are real and finite (|.| <= 1) for the real, finite u
    ``rewritten`` takes (``non_constant``), so the reader's ``vouch`` for F in ``_REAL_FINITE`` stays sound.
    """
    if function not in _SIN_COS:
        return None
    u = arg._args[0]
    if type(u) is _SYMBOL and getattr(u, "_assumptions_orig", None) == _REAL_ONLY:
        s, k = u, 1
    elif (type(u) is _POW and type(u._args[0]) is _SYMBOL and u._args[1].is_Integer and u._args[1].p > 1
          and getattr(u._args[0], "_assumptions_orig", None) == _REAL_ONLY):
        s, k = u._args
        k = k.p
    elif function is sp.cos and type(u) is _MUL:
        square = monomial_power(u, _TWO)  # cos(atan(3*x)), cos(atan(x*y)): see _monomial_rewritten
        if square is None:
            return rewritten(function, arg)
        return _unevaluated_pow(rational_plus(_ONE, square), _MINUS_HALF)
    else:
        return rewritten(function, arg)
    # u = s or s**k (k >= 2) for a parser symbol s: rewritten's steps, each the object its call builds
    # (docstring of _monomial_rewritten)
    total = assembled(_ADD, (_ONE, _symbol_power(s, integer(2 * k))))
    root = _unevaluated_pow(total, _MINUS_HALF)
    if function is sp.cos:
        return root
    parts = [u, root]
    sort_args(parts)
    return assembled(_MUL, tuple(parts))


def _monomial_rewritten() -> None:
    """(Documentation only.) ``rewritten(F, atan(u))`` for u = s or s**k (k an Integer >= 2), s a parser symbol,
    while SymPy evaluates (the reader's ``fast``), step by step (parse_calls.rewritten, SymPy 1.14):

    ``non_constant(u)``: u is an atom, so a polynomial argument. ``square = _pow(u, 2)`` is ``power(u, 2)``:
    for s, a Symbol keeps ``Expr._eval_power`` (``_inert_base``), so ``_unevaluated_pow(s, 2)``; for s**k,
    power's Pow branch (Integer exponent, base s no Rational) gives ``_power_of_power(s, integer(k*2))``, which
    is ``power(s, 2*k)`` (2*k is not 1): ``_unevaluated_pow(s, 2*k)``; either way ``parse_nodes._symbol_power(s,
    integer(2*k))`` (its docstring: the same object). ``total = rational_plus(1, square)``: 1 is no 0, square a
    Pow whose base is no Number and which is commutative: ``assembled(Add, (number(1), square))``, number(1)
    being the singleton One. ``is_number(total)`` is False (s) and ``_inert_base(total)`` holds (two terms, 1
    and s**(2*k), finite by shape); ``root = power(total, -1/2)``: an Add, exponent no Integer, so
    ``_unevaluated_pow(total, -1/2)`` (``_inert_base`` again). cos: root. sin: u is s or s**k and
    ``_filed(root)`` is total (``_factor_base``: a Pow whose base is no symbol, ``inert_factor(root)`` holds:
    rational exponent not 0, 1, base an Expr, no number, commutative, ``_inert_base``; total is not E), so
    ``_sum_times(u, root)``: ``sort_args`` of the two, then ``assembled(Mul, ...)`` (its postprocessed
    ``_from_args``). The same calls here, on the same objects.

    cos(atan(u)) for a Mul u that ``parse_shapes.monomial_power(u, 2)`` takes (a rational and parser symbols or
    their powers, names increasing): ``non_constant(u)`` (a term: a polynomial argument); ``square = power(u,
    2)`` is ``monomial_power(u, 2)`` (parse_shapes' proof), a Mul or a lone Pow s**(2*k) (coefficient 1: u =
    -s), commutative, no Number base: ``rational_plus(1, square)`` builds total; ``is_number(total)`` is False
    and ``_inert_base(total)`` holds (1 and a product of a rational and natural powers of symbols: finite by
    shape); root is ``_unevaluated_pow(total, -1/2)`` as above, and cos returns it.
    """


from .parse_calls import _KEEP, _MINUS_HALF, non_constant, rewritten  # noqa: E402
from .parse_nodes import _symbol_power  # noqa: E402
from .parse_pow import _unevaluated_pow  # noqa: E402
from .parse_shapes import monomial_power, rational_plus  # noqa: E402
from .parse_pow import finite_by_shape  # noqa: E402
from .parse_quick import is_number, sort_args  # noqa: E402 - (parse_calls imports parse_fast, which reaches this module)


def sum_power(b: sp.Basic, exponent: sp.Rational) -> sp.Expr | None:
    """``parse_pow.power(b, exponent)`` for b = c + t (a two-term Add, a rational c first) with t finite by shape
    and no number, and exponent S.NegativeOne or S.Half (the reader's 1/(1 + u**2) and sqrt(1 + u**2)); else None.

    Why (parse_pow.power, SymPy 1.14), while SymPy evaluates (the reader's ``fast``): the exponent is a
    Rational, not 0 or 1; b is an Add (an Expr) and ``is_number(b)`` is False (Expr's: all arguments numbers;
    t is none, asked here); b is no Mul, no Pow, no exp, so power returns ``_unevaluated_pow(b, exponent)`` where
    ``_inert_base(b)`` holds: two arguments, c (a rational: finite by shape) and t (asked here).
    """
    args = b._args
    if type(b) is not _ADD or len(args) != 2 or not args[0].is_Rational:
        return None
    t = args[1]
    if not finite_by_shape(t) or is_number(t):
        return None
    return _unevaluated_pow(b, exponent)
