"""Calls of the sweep's nested shapes built as SymPy's evaluation leaves them or rewrites them (issue 9).

``erf(x + 2)`` cost ~0.4 ms to build after ``clear_cache()`` (``erf.eval`` asks
``is_zero`` and ``extract_multiplicatively(I)``), ``log(1 + (x + 1)**2)`` ~1 ms,
``atan(1/(1 + x**2))`` ~0.7 ms and ``cos(atan(3*x))`` 1.2 ms (eval rewrites it to
``1/sqrt(9*x**2 + 1)``). parse_fast.py covers functions of polynomial arguments
and parse_pow.py calls of those; this module covers any argument of the class
``non_constant`` below, which the sweep's families (benchmarks/expansion_sweep.py)
nest: exp, sin, cos, atan, sinh, cosh, erf, log(1 + u**2), sqrt(1 + u**2) and
1/(1 + u**2) of each other. tests/test_parse_calls.py compares every object
with SymPy's own constructor (==, srepr, hash, args down the tree).

``non_constant(A)`` holds for: a polynomial argument (parse_fast: not constant,
by the linear independence proved there); F(B) for F in exp, sin, cos, atan,
sinh, cosh, tanh, erf and B non_constant (B is continuous and takes every value
of an interval; each F is strictly monotone or analytic and not constant on an
interval); log(B) and B**q (q rational, not 0) for B non_constant and
``parse_pow.positive_everywhere`` (B >= c > 0); B**n for n an integer >= 2
(|B| constant would make the continuous B constant); c + B and r*B for
rationals c, r (r not 0). By induction such an A is built of rationals, the
parser's real symbols, +, *, rational powers and those functions only (no pi,
I, E, Float, oo, zoo, nan, AccumBounds), is real, finite and continuous at
every real point, and is not constant: it has a free symbol, ``A.is_number``
is False, and since A is not identically zero ``A.is_zero`` is not True
(SymPy's deductions are sound).

Why eval returns None for F(A), A non_constant (SymPy 1.14; the branch list
for each F is in parse_fast's docstring, proved there for polynomial
arguments, and holds for A by the facts above):

- No branch on Numbers, zoo, nan, AccumBounds, SetExpr or matrices applies;
  for cos, ``A.is_finite is False`` would say A is infinite: it is finite.
- ``A.could_extract_minus_sign()`` is asked here too (sin, cos, tan, atan,
  sinh, cosh, tanh, erf); where True, ``signed`` builds eval's answer.
- ``A.extract_multiplicatively(I)`` (``as_coefficient(I)``,
  ``_imaginary_unit_as_coefficient``; erf's ``t``) is None: A holds no I, so
  no term or factor is I or a power of it, and each branch of
  extract_multiplicatively (Symbol: the quotient -I*s has no positive integer
  first; Add: all terms or none; Mul: some factor; Pow and exp: base not I;
  anything else: None) returns None.
- ``_pi_coeff(A)``: A is not pi; ``not A`` is False; a Mul has
  ``coeff(pi) == 0``; else ``A.is_zero`` is not True: None. ``_peeloff_pi``
  and ``_peeloff_ipi`` find no term pi or r*pi*I.
- ``A.is_zero`` is not True, ``A.is_number`` is False (atan's table).
- Inverse functions: sin, cos and tan rewrite asin, acos, atan, atan2, acot,
  acsc, asec of which only atan is in the class: excluded here (``rewritten``
  builds sin(atan(u)) and cos(atan(u))); sinh, cosh, tanh look for asinh,
  acosh, atanh, acoth, atan for tan and cot, erf for erfinv, erfcinv and
  erf2inv, log for exp and E**a: none in the class (log: A not exp, excluded).
- exp: A is neither a Number, zoo, nor a log (excluded: ``rewritten`` gives
  its argument); only A of class Symbol, Pow or a function other than log
  is taken, which reach ``A.is_zero`` only, and A = r*F(B) (a rational r,
  F in exp, sin, cos, atan, sinh, cosh, tanh, erf: non_constant's Mul has
  two arguments), which reaches the Mul branch: ``as_coefficient(pi*I)``
  can only give a c with A = c*pi*I, not real, so ``(2*c).is_integer`` is
  not True and c is no Rational; ``as_coeff_Mul()`` is (r, F(B)), r finite;
  the one factor F(B) is no log after ``logcombine`` (which rewrites Adds
  and Muls of logs, not a call of F) and not comparable (free symbols):
  eval returns None.

Then F(A) is ``parse_fast._unevaluated(F, A)``, as for polynomial arguments.

>>> from taylorcli.parse_fast import real_symbol
>>> x = real_symbol("x")
>>> rewritten(sp.cos, sp.atan(3*x)) == sp.cos(sp.atan(3*x))
True
"""

from __future__ import annotations

import sympy as sp

from . import parse_fast, parse_pow, parse_quotient
from .parse_quick import above_one, commutative, integer, is_number, postprocessed, sort_args
from .parse_objects import assembled, joined

_KEEP = frozenset((sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf))  # non-constant of non-constant
_TAKEN = _KEEP | {sp.tan, sp.log}  # the functions built unevaluated of a non_constant argument
_ODD = frozenset((sp.sin, sp.tan, sp.atan, sp.sinh, sp.tanh, sp.erf))
_EVEN = frozenset((sp.cos, sp.cosh))


def non_constant(e: sp.Basic) -> bool:
    """Real, finite, continuous and not constant at the real points, by shape (module docstring).

    >>> from taylorcli.parse_fast import real_symbol
    >>> x = real_symbol("x")
    >>> non_constant(sp.log(1 + sp.atan(x)**2)), non_constant(sp.sin(x)**2 + sp.cos(x)**2)
    (True, False)
    """
    cls = type(e)
    if cls in _KEEP:
        return non_constant(e._args[0])
    if cls is sp.Pow:
        b, n = e._args
        if n.is_Integer and above_one(n):
            return non_constant(b)
        return n.is_Rational and n.p != 0 and parse_pow.positive_everywhere(b) and non_constant(b)
    if cls is sp.log:
        return len(e._args) == 1 and parse_pow.positive_everywhere(e._args[0]) and non_constant(e._args[0])
    if parse_fast._polynomial_argument(e):
        return True
    if cls is sp.Add or cls is sp.Mul:
        return len(e._args) == 2 and e._args[0].is_Rational and e._args[0].p != 0 and non_constant(e._args[1])
    return False


def inert(function: object, arg: sp.Basic) -> bool:
    """``function(arg)`` is left unevaluated by SymPy (module docstring), without a minus sign to move.

    >>> from taylorcli.parse_fast import real_symbol
    >>> inert(sp.erf, real_symbol("x") + 2), inert(sp.sin, sp.atan(real_symbol("x")))
    (True, False)
    """
    if function not in _TAKEN or not non_constant(arg):
        return False
    cls = type(arg)
    if function is sp.exp:  # r*F(B): exp(-sinh(2*y)), exp(-erf(3*x)) (module docstring)
        return cls is not sp.log and cls is not sp.Add and (cls is not sp.Mul or type(arg._args[-1]) in _KEEP)
    if function is sp.log:
        return cls is not sp.exp
    if function in (sp.sin, sp.cos, sp.tan) and cls is sp.atan:
        return False
    return not parse_fast.minus_sign(arg)


def build(function: type, arg: sp.Basic) -> sp.Expr | None:
    """``function(arg)`` as SymPy's constructor returns it, for the shapes of this module; else None.

    >>> from taylorcli.parse_fast import real_symbol
    >>> build(sp.erf, -3*real_symbol("x"))
    -erf(3*x)
    """
    if not parse_fast._evaluating():
        return None
    if inert(function, arg) or _of_quotient(function, arg):
        return parse_fast._unevaluated(function, arg)
    return rewritten(function, arg) if type(arg) in (sp.log, sp.atan) else signed(function, arg)


def _of_quotient(function: type, arg: sp.Basic) -> bool:
    """F(A) left unevaluated for A a quotient (y/x, 1/x, x/(1 + x**2)): parse_quotient's proof (F in _TAKEN
    but log; exp of a Pow only), without a minus sign to move (``signed`` moves it)."""
    return (function in _TAKEN and function is not sp.log and (function is not sp.exp or type(arg) is sp.Pow)
            and parse_quotient.quotient(arg) and not parse_fast.minus_sign(arg))


def call(function: type, arg: sp.Basic) -> sp.Expr | None:
    """The parser's last shortcut for a one-argument call: ``parse_pow.signed_call`` (a polynomial argument
    whose minus sign eval moves out), else ``build``; None leaves it to SymPy's constructor.

    >>> from taylorcli.parse_fast import real_symbol
    >>> call(sp.sin, 1 - real_symbol("x")), call(sp.cos, sp.atan(real_symbol("x")))
    (-sin(x - 1), 1/sqrt(x**2 + 1))
    """
    built = parse_pow.signed_call(function, arg)
    return build(function, arg) if built is None else built


def signed(function: type, arg: sp.Basic) -> sp.Expr | None:
    """F(A) for A with a minus sign eval moves out: ``-F(-A)`` (odd F) or ``F(-A)`` (even F); else None.

    Every eval of an odd or even F reaches ``could_extract_minus_sign`` before
    any branch that could fire for A (module docstring), and then returns
    ``-cls(-arg)`` or ``cls(-arg)``: ``-A`` is SymPy's own negation, F(-A) is
    built by ``build`` (so by its proof), and the outer minus is SymPy's
    ``__neg__`` of that object, as in eval.
    """
    if function not in _ODD and function not in _EVEN:
        return None
    if not (non_constant(arg) or parse_quotient.quotient(arg)) or not parse_fast.minus_sign(arg):
        return None  # (a quotient: -y/x; its negation y/x is one again, built by inert's proof)
    negated = negative(arg)
    if parse_fast.minus_sign(negated):
        return None  # (not for SymPy's canonical sums; eval would recurse)
    inner = build(function, negated)
    if inner is None:
        return None
    return inner if function in _EVEN else negative(inner)


_NEGATIVE_ONE, _ZOO = sp.S.NegativeOne, sp.S.ComplexInfinity
_MINUS_HALF = sp.Rational(-1, 2)  # (a constant, as S.Half is one)
_EXPR_NEG = sp.Expr.__neg__


def negative(e: sp.Expr) -> sp.Expr:
    """``-e`` as SymPy's ``__neg__`` builds it, without Mul's constructor for a sum and without the
    assumption system's first query to a fresh call (~50 us for ``-(-x - y + z)`` after ``clear_cache()``).

    Why (SymPy 1.14): ``Add.__neg__`` with distribution on is ``Mul(-1, e)``, which ``parse_pow._scaled``
    builds as Mul's constructor does (its docstring: the two-argument shortcut distributes -1 over the
    terms, ``_keep_coeff(-1, t)`` being ``-t``). A class keeping ``Expr.__neg__`` (a Symbol, a Pow, the
    functions) gives ``Mul._from_args((-1, e), e.is_commutative)``: the same, with ``is_commutative`` as
    ``parse_quick.commutative`` answers it. ``Mul.__neg__``: ``as_coeff_mul()`` is (r, rest) for a rational r
    first, else (1, args); the coefficient negated is put first unless it is 1 (then the rest alone, which
    ``_from_args`` gives as it is if it is one argument); -r is an equal rational, taken from the kept ones
    (``parse_quick.integer``, ``parse_fast.number``). Anything else (a number) is its own ``__neg__``.

    >>> from taylorcli.parse_fast import real_symbol
    >>> x, y = real_symbol("x"), real_symbol("y")
    >>> negative(y - x), negative(sp.sin(x))
    (x - y, -sin(x))
    """
    cls = type(e)
    if cls is sp.Add:
        return parse_pow._scaled(e, _NEGATIVE_ONE) if parse_fast._evaluating() else -e
    if cls.__neg__ is _EXPR_NEG:
        c = commutative(e)
        return joined(sp.Mul, (_NEGATIVE_ONE, e)) if c is True else sp.Mul._from_args((_NEGATIVE_ONE, e), c)
    if cls is sp.Mul and e._args[0] is not _ZOO and e._args[1] is not _ZOO:  # (zoo first in the rest: __neg__
        # keeps the sign as it is; zoo is a singleton, equal to nothing else: identity, without ``in``'s __eq__)
        args = e._args
        r = args[0]
        if not r.is_Number:  # as_coeff_mul is (1, args): (-1,) + args
            return sp.Mul._from_args((_NEGATIVE_ONE,) + args, e.is_commutative)
        if r.is_Rational and not args[1].is_Number:  # (r, rest): -r first, or the rest alone where -r is 1
            if r.q == 1 and r.p == -1:
                return sp.Mul._from_args(args[1:], e.is_commutative)  # (one argument: that argument)
            return sp.Mul._from_args((integer(-r.p) if r.q == 1 else parse_fast.number(-r),) + args[1:],
                                     e.is_commutative)
    return -e


def rewritten(function: type, arg: sp.Basic) -> sp.Expr | None:
    """exp(log(B)) is B; sin(atan(u)) is u/sqrt(1 + u**2) and cos(atan(u)) is 1/sqrt(1 + u**2); else None.

    exp.eval returns ``arg.args[0]`` for a log (after the Number, zoo and
    matrix branches, which a log does not reach), and Function.__new__ returns
    it as it is. sin.eval and cos.eval reach ``isinstance(arg, atan)`` for
    atan(u), u non_constant: atan(u) is no Number, zoo, AccumBounds or SetExpr;
    finite; ``could_extract_minus_sign`` is Expr's False for a call;
    ``as_coefficient(I)`` is None and ``_pi_coeff`` reaches ``is_zero``, not
    True (atan(u) is zero only where u is); it is no Add; not asin. Then eval
    returns ``x/sqrt(1 + x**2)`` or ``1/sqrt(1 + x**2)`` with x = u: ``x**2``
    is Pow(u, 2), ``1 + x**2`` is Add(1, u**2), sqrt is Pow(., 1/2), ``x/d``
    is ``Mul(x, Pow(d, -1))`` and ``1/d`` is ``Pow(d, -1)`` (Expr.__truediv__,
    __rtruediv__), and Pow(B**(1/2), -1) is B**(-1/2) (Pow._eval_power, integer
    exponent). Each is built here by the parser's shortcuts where they apply,
    else by SymPy's own constructor.
    """
    inner = arg.args[0] if len(arg.args) == 1 else None
    if function is sp.exp and type(arg) is sp.log:
        return inner
    if function not in (sp.sin, sp.cos) or type(arg) is not sp.atan or not non_constant(inner):
        return None
    square = _pow(inner, integer(2))  # (kept Integers and -1/2: equal objects, without a fresh one's construction)
    total = _rational_plus(sp.S.One, square)  # (Add(1, u**2): parse_fast.total's object, ~1.5 us less)
    if total is None:
        total = parse_fast.total([sp.S.One, square])
    if total is None:
        total = sp.Add(sp.S.One, square)
    if is_number(total) or not parse_pow._inert_base(total):
        return None  # then sqrt and 1/sqrt are not both plain Pows (parse_pow's proof): SymPy decides
    root = parse_pow.power(total, _MINUS_HALF)
    if function is sp.cos:
        return root
    if (parse_fast._plain_symbol(inner) or parse_fast._power(inner)) and parse_fast._filed(root) is total:
        return _sum_times(inner, root)  # sin(atan(x**2)): product's object (its proof, s and s**n), ~3 us less
    built = parse_fast.product([inner, root])
    if built is None and type(inner) is sp.Add and inner.is_commutative is True and parse_fast._filed(root) is total:
        built = _sum_times(inner, root)  # sin(atan(x - y + 2*z)): Mul's Pow(1 + u**2, -1/2) asked ~0.4 ms of facts
    return sp.Mul(inner, root) if built is None else built


def _sum_times(u: sp.Expr, root: sp.Pow) -> sp.Expr:
    """``Mul(u, root)`` for a commutative sum u and root = (1 + u**2)**(-1/2) that ``parse_pow.inert_factor`` vouches
    for (``parse_fast._filed`` gives its base), without Mul's constructor.

    Also for u a parser symbol s or s**n (n an Integer >= 2): Mul.flatten files u as (s, 1) or (s, n) (a
    symbol has Expr's ``as_base_exp``, a Pow its own), 1 + u**2 is not s, ``_gather`` merges nothing and
    ``Pow(s, n)`` is s**n again (a symbol has no ``_eval_power``); the rest as below. That is the object of
    ``parse_fast.product([u, root])`` (its proof: s, s**n and a factor it files under its base).

    Why (sympy/core/mul.py, ``Mul.flatten``, SymPy 1.14): the two-argument branch needs a Rational (u is an
    Add, root a Pow). Part 1: u is no Order, Mul, Number, AccumBounds, zoo or I, the coefficient is 1 (not
    zero), u is commutative: filed as ``u.as_base_exp()``, Expr's (u, 1); root is a Pow of a base with a free
    symbol (no Number): filed as (1 + u**2, -1/2). ``_gather`` merges nothing (1 + u**2 holds u: not u).
    Part 2: (u, 1) gives u (no Number); ``Pow(1 + u**2, -1/2)`` is root again (parse_pow's proof), with
    its base unchanged. No numeric factors, coefficient 1 (not inserted), ``_mulsort``, and the closing
    distribution needs a Number first: none. That is ``Mul._from_args`` of the two sorted
    (``parse_quick.sort_args``) after the postprocessors, as ``AssocOp.__new__`` builds it.
    """
    parts = [u, root]
    sort_args(parts)
    return assembled(sp.Mul, tuple(parts))  # (postprocessed _from_args: parse_objects)


def _pow(base: sp.Expr, exponent: sp.Rational) -> sp.Expr:
    built = parse_pow.power(base, exponent)
    return sp.Pow(base, exponent) if built is None else built


def _rational_plus(c: sp.Rational, t: sp.Expr) -> sp.Expr | None:
    """parse_shapes.rational_plus, imported at the first call (parse_shapes imports parse_pow, which imports
    parse_fast, which imports this module: any of them may be imported first); then that function itself."""
    global _rational_plus
    from .parse_shapes import rational_plus
    _rational_plus = rational_plus
    return rational_plus(c, t)
