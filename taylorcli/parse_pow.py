"""Powers the parser builds without ``Pow``'s evaluation, where that provably changes nothing (issue 9).

``1/(1 + (x*y*z)**2)`` cost ~3 ms to build after ``clear_cache()``: ``Pow(B, -1)``
of a two-term Add asks ``is_infinite`` of both terms (``Add._eval_power``),
a chain of assumption deductions through every factor; ``sqrt(1 + (x + 2*y)**2)``
the same, and ``parse.undefined`` then asked ``is_real`` of the root. For the
shapes below the outcome is known, so the object is built directly.
tests/test_fast_paths.py compares each with SymPy's constructor, object for
object, on hypothesis inputs and near misses.

Why ``Pow(B, r)`` is ``Expr.__new__(Pow, B, r)`` (sympy/core/power.py,
``Pow.__new__``, SymPy 1.14), for r a Rational other than 0 and 1 and B an
expression with ``B.is_number`` False (a free symbol in it):

- r is not zoo, oo, 0 or 1; ``r == -1 and not B``: B is an Expr, which is
  true (no ``__bool__``); r is no AccumBounds.
- The numeric-base branch needs ``B.is_number`` (or B a Number): False.
- B is not NaN nor 1; r is an Atom, so E is not looked for.
- ``B._eval_power(r)``: where B's class keeps ``Expr._eval_power`` (a Symbol,
  sin, cos, tan, atan, sinh, cosh, tanh, log, ...: not exp, Pow, Mul, Add, Abs,
  which define their own) it returns None. ``Add._eval_power``: its first
  branch needs two terms with one ``is_infinite``; the terms are checked
  finite by shape here (``finite_by_shape``; SymPy's deductions are sound, so
  ``is_infinite`` is not True); its second needs ``self.is_number``: False.
  It returns None.
- Then ``Expr.__new__(Pow, B, r)``, the constructor's postprocessors, and
  ``is_commutative`` set from B's and r's: done here the same way.

``Pow(M, n)`` for a monomial M (distinct plain symbols s_i**k_i, no number)
and an integer n (not 0, 1) is ``Mul._eval_power``: ``Mul(*[Pow(b, n,
evaluate=False)]) * Pow(1, n, evaluate=False)``. Mul.flatten files each
``Pow(s**k, n)`` under the base ``s**k`` (distinct), multiplies the
unevaluated ``1**n`` into the coefficient (1), and rebuilds ``Pow(s**k, n)``,
which ``Pow._eval_power`` makes ``s**(k*n)`` (integer n); its base s is not
``s**k`` for k > 1, so flatten runs again with bases s_i, distinct: the Mul of
the ``s_i**(k_i*n)``, sorted, coefficient 1: ``parse_fast.product`` of those.

The same holds with a rational coefficient c first and with factors F(A), one-argument calls whose class
keeps ``Expr._eval_power`` (sin, cosh, erf, ...: not exp): ``Pow(c, n, evaluate=False)`` is multiplied into
the coefficient (Mul.flatten: a Number base with an Integer exponent), so it is c**n, and ``Pow(F(A), n)``
is F(A)**n as it is (the first proof, base F(A) unchanged): ``(-3*x)**2`` is 9*x**2, ``(-sinh(2*x))**2``
is sinh(2*x)**2.

``Pow(B**q, n)`` for an integer n and B no Rational (``Pow.as_base_exp`` is (B, q)) is
``Pow._eval_power``: ``expt.is_integer`` gives s = 1 and ``1*Pow(B, q*n)``, which is B if q*n is 1 and
else the evaluated ``Pow(B, q*n)``, built by ``power`` (or SymPy): ``(x**2)**2`` is x**4,
``sqrt(B)**2`` is B, ``(1/B)**2`` is B**-2. ``Pow(exp(a), n)`` is ``exp._eval_power``: the same with
base E, so ``Pow(E, a*n)``, which ``Exp1._eval_power`` makes ``exp(a*n)`` (``a*n`` SymPy's own product):
``exp(x)**2`` is exp(2*x), built by parse_fast/parse_calls where eval provably leaves it, else refused.

``parse_fast.product`` takes a factor ``B**r`` of the first kind (``inert_factor``)
filed under the base B: Mul.flatten's ``as_base_exp`` gives (B, r) (B is no
Rational), ``_gather`` rebuilds r from ``r.as_coeff_Mul()``, and part 2's
``Pow(B, r)`` is the same object by the proof above, with base B unchanged.

>>> x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
>>> power(1 + x**2*y**2, sp.Integer(-1)) == 1/(1 + x**2*y**2)
True
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from sympy.core.expr import Expr
from sympy.core.mul import _keep_coeff

from . import parse_fast
from .parse_quick import commutative, integer, is_number, positive, postprocessed, zero_or_one

_new = object.__new__


class _Memo:
    """finite_by_shape's answers for the objects of one parse (``parse._build`` opens and closes it).

    Building asks of each sum's terms (``_inert_base``, ``positive_everywhere``) and ``parse.undefined``
    asks again of the whole: the answer depends only on the object, which the table keeps alive while it
    is open, so an id is not reused meanwhile. ``active`` False (tests): no table is opened.
    """

    def __init__(self) -> None:
        self.active = True
        self.table: dict[int, tuple[sp.Basic, bool]] | None = None

    def open(self) -> bool:
        """Open a table unless one is open (a parse inside a parse shares it); True if this call opened it."""
        if self.table is not None or not self.active:
            return False
        self.table = {}
        return True


_MEMO = _Memo()
_SYMBOL, _POW, _LOG, _ADD, _MUL = sp.Symbol, sp.Pow, sp.log, sp.Add, sp.Mul
_REAL_ONLY = parse_fast._REAL_ONLY
_REAL_FINITE = parse_fast._REAL_FINITE


def finite_by_shape(e: sp.Basic) -> bool:
    """Real and finite at every real point, by shape: rationals, the parser's symbols, +, *, natural powers,
    the real finite functions (exp, sin, cos, atan, sinh, cosh, tanh, erf) of such, and B**r (r rational)
    and log(B) of a B that is ``positive_everywhere`` (B >= c > 0 and finite, so both are real and finite)."""
    if not e._args:  # a leaf: a rational or a parser symbol is (parse_fast._plain_symbol, inlined), no other
        return e.is_Rational or type(e) is _SYMBOL and getattr(e, "_assumptions_orig", None) == _REAL_ONLY
    table = _MEMO.table
    if table is None:
        return _finite_by_shape(e)
    key = id(e)
    known = table.get(key)
    if known is None:
        known = table[key] = (e, _finite_by_shape(e))
    return known[1]


def _finite_by_shape(e: sp.Basic) -> bool:
    """finite_by_shape of a node with arguments (so no rational, no symbol)."""
    cls = type(e)
    if cls is _POW:
        b, n = e._args
        if n.is_Integer and n.p > 0:  # (parse_quick.positive, inlined)
            return finite_by_shape(b)
        return n.is_Rational and positive_everywhere(b)
    if cls in _REAL_FINITE:
        return finite_by_shape(e._args[0])
    if cls is _LOG:
        return len(e._args) == 1 and positive_everywhere(e._args[0])
    if cls is not _ADD and cls is not _MUL:
        return False
    for a in e._args:  # (a loop: all() of a generator costs ~0.3 us more per node)
        if a._args:
            if not finite_by_shape(a):
                return False
        elif not (a.is_Rational or type(a) is _SYMBOL and getattr(a, "_assumptions_orig", None) == _REAL_ONLY):
            return False  # (a leaf: finite_by_shape's first test, without the call)
    return True


def _unevaluated_pow(base: sp.Expr, exponent: sp.Rational) -> sp.Expr:
    obj = _new(_POW)  # Expr.__new__(Pow, base, exponent), Basic.__new__'s: what Pow.__new__ builds once
    obj._assumptions, obj._mhash, obj._args = _POW.default_assumptions, None, (base, exponent)  # _eval_power gave None
    obj = postprocessed(sp.Pow, obj)
    if isinstance(obj, sp.Pow):
        obj.is_commutative = commutative(base) and exponent.is_commutative  # (parse_quick: no fresh query)
    return obj


def power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr | None:
    """``Pow(base, exponent)`` built directly where evaluation provably gives it (module docstring); else None.

    >>> x = parse_fast.real_symbol("x")
    >>> power(1 + sp.sinh(x)**2, sp.Rational(1, 2))
    sqrt(sinh(x)**2 + 1)
    >>> power(sp.exp(x), sp.Integer(2))  # Pow._eval_power: exp(2*x)
    exp(2*x)
    >>> power(sp.exp(x), sp.S.Half) is None  # SymPy decides
    True
    """
    if not parse_fast._evaluating() or not isinstance(exponent, sp.Rational) or zero_or_one(exponent):
        return None
    if not isinstance(base, Expr) or is_number(base):
        return None
    cls = type(base)
    if cls is sp.Mul:
        args = base._args
        coeff = args[0] if args[0].is_Rational else None  # (-3*x)**2 is 9*x**2
        if coeff is not None:
            args = args[1:]
        if not exponent.is_Integer:
            return None
        n = int(exponent)
        factors = [] if coeff is None else [_rational_power(coeff, n)]
        for f in args:
            if parse_fast._plain_symbol(f) or parse_fast._power(f):
                s, k = (f, 1) if parse_fast._plain_symbol(f) else (f._args[0], int(f._args[1]))
                factors.append(_unevaluated_pow(s, integer(k * n)))  # s**m: s has no _eval_power
            elif _inert_call_factor(f):
                factors.append(_unevaluated_pow(f, exponent))  # (-sinh(2*x))**2 is sinh(2*x)**2
            else:
                return None
        return parse_fast.product(factors)
    if exponent.is_Integer and cls is sp.Pow and not base._args[0].is_Rational:
        q = base._args[1]  # (two Integers: their product by the int, a kept Integer; else SymPy's product)
        m = integer(q.p * exponent.p) if q.is_Integer else q * exponent
        return _power_of_power(base._args[0], m)  # (x**2)**2, sqrt(B)**2, (1/B)**2
    if exponent.is_Integer and cls is sp.exp:
        return _exp_power(base._args[0], exponent)  # exp(x)**2 is exp(2*x)
    return _unevaluated_pow(base, exponent) if _inert_base(base) else None


def _rational_power(c: sp.Rational, n: int) -> sp.Rational:
    """c**n for a rational c (not 0) and an integer n, exactly; Integer's _eval_power asks facts on the way."""
    p, q = (int(c.p), int(c.q)) if n >= 0 else (int(c.q), int(c.p))
    if q == 1:  # Rational(p, 1) is Integer(p) (Rational.__new__), found here by the int
        return integer(p**abs(n))
    return parse_fast.number(sp.Rational(p**abs(n), q**abs(n)))


def _inert_call_factor(f: sp.Basic) -> bool:
    """A one-argument call whose class keeps Expr._eval_power (not exp): Pow(f, n) is f**n as it is."""
    cls = type(f)
    return (isinstance(f, sp.Function) and len(f._args) == 1 and cls._eval_power is Expr._eval_power
            and commutative(f) is True and not is_number(f))


def _power_of_power(b: sp.Expr, m: sp.Rational) -> sp.Expr | None:
    """Pow(b**q, n) for an integer n is Pow(b, q*n) (m = q*n): ``Pow._eval_power`` (module docstring)."""
    return b if m == 1 else power(b, m)


def _exp_power(a: sp.Expr, n: sp.Integer) -> sp.Expr | None:
    """Pow(exp(a), n) for an integer n is exp(a*n) (module docstring), where SymPy leaves that unevaluated."""
    scaled = _scaled(a, n)  # SymPy's product a*n (a sum is distributed over, as Pow._eval_power's e*expt does)
    built = parse_fast.inert_call(sp.exp, [scaled])
    return built if built is not None else parse_calls.build(sp.exp, scaled)


def _scaled(a: sp.Expr, n: sp.Integer) -> sp.Expr:
    """``a * n``, for a sum a without Mul's constructor: ``exp(-v + 2*p + u)**2`` spent ~0.4 ms there.

    Why (SymPy 1.14): ``Expr.__mul__`` is ``Mul(a, n)``; ``AssocOp.__new__`` drops no argument (n is not 1)
    and calls ``Mul.flatten([a, n])``, whose two-argument shortcut swaps the rational n first; n is not 0,
    ``a.as_coeff_Mul()`` is Expr's (1, a) (Add keeps it), a is an Add, r is S.One, distribution is on
    (``_evaluating``) and a commutative: it returns ``[Add(*[_keep_coeff(n, t) for t in a.args])]``.
    ``_from_args`` of one argument is that argument, then Mul's postprocessors run on it: done here the
    same way, the Add built by ``parse_fast.total`` where it applies (else by SymPy).
    """
    if not parse_fast._evaluating() or zero_or_one(n):
        return a * n
    if type(a) is not sp.Add:
        built = parse_fast.product([a, n])  # Mul(a, n): exp(3*x)**2 is exp(6*x) (parse_fast.product's proof)
        return a * n if built is None else built
    if a.is_commutative is not True:
        return a * n
    terms = [_keep_coefficient(n, t) for t in a._args]
    built = parse_shapes.linear_total(terms)  # (total's very object where it applies: its proof)
    if built is None:
        built = parse_fast.total(terms)
    return postprocessed(sp.Mul, sp.Add(*terms) if built is None else built)


def _keep_coefficient(n: sp.Rational, t: sp.Expr) -> sp.Expr:
    """``_keep_coeff(n, t)`` for a term t of a sum (no Add) and a rational n (not 0, 1), without Mul's
    constructor or a fresh call's first query where that provably changes nothing.

    Why (sympy/core/mul.py, SymPy 1.14): n = -1 gives ``-t``, which ``parse_calls.negative`` builds as
    ``__neg__`` does; a Mul or a number takes ``_keep_coeff``'s own branches (no constructor); any other t
    gives ``n*t``, which is ``Number.__mul__``'s ``Mul(n, t)`` (t no Number), built by ``parse_fast.product``
    where its proof applies (else SymPy's own).
    """
    if n is sp.S.NegativeOne:
        return parse_calls.negative(t)
    if type(t) is sp.Mul or t.is_Number:
        return _keep_coeff(n, t)
    built = parse_fast.product([n, t])
    return _keep_coeff(n, t) if built is None else built


def _inert_base(base: sp.Expr) -> bool:
    """``base._eval_power(r)`` is None for every rational r (base not a number): module docstring."""
    cls = type(base)
    if cls is sp.Add:
        if len(base._args) != 2:
            return True
        a, b = base._args
        return finite_by_shape(a) and finite_by_shape(b)
    return cls is not sp.Mul and cls._eval_power is Expr._eval_power


def inert_factor(e: sp.Basic) -> bool:
    """``B**r`` (r rational, not 0, 1) that ``Pow(B, r)`` rebuilds as it is: ``parse_fast.product`` files it
    under B (its ``as_base_exp``), and Mul.flatten's ``Pow(B, r)`` gives it back (module docstring).

    >>> inert_factor(1/(1 + parse_fast.real_symbol("x")))
    True
    """
    if type(e) is not sp.Pow:
        return False
    base, exponent = e._args
    return (isinstance(exponent, sp.Rational) and not zero_or_one(exponent) and isinstance(base, Expr)
            and not is_number(base) and commutative(base) is True and _inert_base(base))


def positive_everywhere(e: sp.Basic) -> bool:
    """A sum of a positive rational and non-negative terms: r*f1*...*fm, r > 0 rational (or none), each f
    ``non_negative``: g**(2k) (g real and finite by shape), exp(g), or B**q (q rational) of such a sum B.

    Such a sum is at least its rational (> 0) and finite at every real point, so its rational powers
    and its log are real and finite.

    >>> positive_everywhere(1 + sp.cos(parse_fast.real_symbol("x"))**2)
    True
    """
    if type(e) is not sp.Add or not e._args[0].is_Rational or not positive(e._args[0]):
        return False
    for t in e._args[1:]:
        rest = t._args if type(t) is sp.Mul else (t,)  # x**2*y**2 is x**2 and y**2
        if rest[0].is_Rational:
            if not positive(rest[0]):
                return False
            rest = rest[1:]
        for f in rest:
            if not _non_negative(f):
                return False
    return True


def _non_negative(f: sp.Basic) -> bool:
    """g**(2k) or exp(g) for g real and finite by shape, or B**q (q rational) with B ``positive_everywhere``:
    non-negative and finite at every real point."""
    cls = type(f)
    if cls is sp.Pow:
        b, n = f._args
        if n.is_Integer and positive(n) and n.p % 2 == 0:
            return finite_by_shape(b)
        return n.is_Rational and positive_everywhere(b)
    return cls is sp.exp and finite_by_shape(f._args[0])


# --- positive at some real point (parse_fast.real_by_shape) ---------------------------------------------------

_AT_ZERO = {sp.exp: sp.S.One, sp.sin: sp.S.Zero, sp.cos: sp.S.One}


def _at_zero(term: sp.Basic) -> sp.Rational:
    """A term's value where every symbol is 0 (a monomial: 0; exp, sin, cos of a symbol: 1, 0, 1)."""
    if term.is_Rational:
        return term
    if type(term) is sp.Mul and term._args[0].is_Rational:
        return term._args[0] * _at_zero(term._args[1]) if len(term._args) == 2 else sp.S.Zero
    return _AT_ZERO.get(type(term), sp.S.Zero)


def positive_somewhere(arg: sp.Basic) -> bool:
    """A polynomial argument that is positive at some real point: at 0, of odd degree in a symbol, or
    positive far along the diagonal.

    If the highest power of s in a polynomial is odd, its coefficient (a polynomial in the other
    symbols, not zero: the terms are distinct) is non-zero somewhere; there the polynomial runs
    from -oo to oo in s. On the diagonal (every symbol t) the polynomial is q(t), whose coefficient of
    t**d is the sum of the coefficients of the terms of total degree d: if the highest d whose sum is
    not zero has a positive sum (x**2 + y**2, x**2 - x*y + 3*y**2, x**2 + y**2 - 1) or is odd, q(t) > 0 for some t
    (large enough: the value at 0 plays no part, so x**2 - 1 and x**2*y**2 - 1 are positive somewhere too).
    """
    if not parse_fast._polynomial_argument(arg):
        return False
    terms = arg._args if type(arg) is sp.Add else (arg,)
    at_zero = 0  # (Fractions: SymPy's sum of rationals costs ~1 us a term)
    for t in terms:
        v = _at_zero(t)
        at_zero += v.p if v.q == 1 else Fraction(v.p, v.q)
    if at_zero > 0:
        return True
    degrees: dict[sp.Symbol, int] = {}
    diagonal: dict[int, int | Fraction] = {}  # total degree: sum of coefficients (q(t) above)
    for t in terms:
        if t.is_Rational:
            continue
        c, d = 1, 0  # (an int where the coefficient is whole: Fraction's arithmetic costs ~2 us)
        for f in (t._args if type(t) is sp.Mul else (t,)):
            if f.is_Rational:
                c = f.p if f.q == 1 else Fraction(f.p, f.q)
                continue
            if parse_fast._plain_symbol(f):
                s, n = f, 1
            elif parse_fast._power(f):
                s, n = f._args[0], int(f._args[1])
            else:
                return False  # exp, sin, cos of a symbol: not a polynomial
            degrees[s] = max(degrees.get(s, 0), n)
            d += n
        diagonal[d] = diagonal.get(d, 0) + c
    if any(n % 2 for n in degrees.values()):
        return True
    for d in sorted(diagonal, reverse=True):
        if diagonal[d]:
            return diagonal[d] > 0 or d % 2 == 1
    return False


# --- calls of calls: cosh(sin(p + x + z)) -------------------------------------------------------------------

_OUTER = frozenset((sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh))
_INNER = frozenset((sp.exp, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh))  # no inverse function, no log


def inner_call(arg: sp.Basic) -> bool:
    """F(P) for F in exp, sin, cos, tan, sinh, cosh, tanh and P a polynomial argument F leaves as it is.

    >>> inner_call(sp.sin(parse_fast.real_symbol("x") + 1))
    True
    """
    return type(arg) in _INNER and parse_fast._inert(type(arg), arg._args[0])


def inert_nested(function: object, arg: sp.Basic) -> bool:
    """G(F(P)) is left as it is by G's eval, for G in exp, sin, cos, tan, sinh, cosh, tanh (``inner_call``).

    Why (SymPy 1.14, trigonometric.py, hyperbolic.py, exponential.py): A = F(P)
    is a function call of free symbols: not a Number, not zoo, AccumBounds,
    SetExpr, MatrixBase or log; not an Add or a Mul; ``is_number`` False.
    ``could_extract_minus_sign()`` is Expr's: False. ``as_coefficient(I)``
    (``_imaginary_unit_as_coefficient``) is None: ``extract_multiplicatively(I)``
    of a call reaches no branch (an exp is filed under base E, not I) and
    returns None. ``_pi_coeff(A)``: A is not pi, is true, not a Mul, and
    ``A.is_zero`` is not True: None. ``A.is_zero`` is not True anywhere:
    P is not constant (it has a term in a symbol), so A is no constant zero
    (exp, cos, cosh have no real zero; sin, tan, sinh, tanh vanish only on a
    discrete set of values of P), and SymPy's deductions are sound. For cos,
    ``A.is_finite is False`` would say A is infinite everywhere: it is not.
    A is no inverse function (asin, acos, atan, acot, asec, acsc, atan2,
    asinh, acosh, atanh, acoth), which the evals look for. So eval returns
    None; tests/test_parse_pow.py compares with SymPy's constructor.
    """
    return function in _OUTER and inner_call(arg)


# --- a minus sign moved out: sin(x - y + z - w) is -sin(-x + y - z + w) -------------------------------------

_EVEN = frozenset((sp.cos, sp.cosh))


def signed_call(function: object, arg: sp.Basic) -> sp.Expr | None:
    """F(P) for an odd or even F whose eval moves P's minus sign out: ``-F(-P)`` or ``F(-P)``; else None.

    Why (SymPy 1.14): for F in sin, cos, tan, atan, sinh, cosh, tanh and a
    polynomial argument P, the branches before ``P.could_extract_minus_sign()``
    in each eval do not fire (module docstring of parse_fast: P is no number,
    zoo, AccumBounds or SetExpr; for cos, P is real and finite; for the
    hyperbolic functions ``as_coefficient(I)`` is None). Where SymPy's own
    predicate says True, eval returns ``-F(-P)`` (odd) or ``F(-P)`` (even).
    ``-P`` is SymPy's negation; it is asked again (``parse_fast._inert``) and
    then F(-P) is the unevaluated object; ``-F(-P)`` is ``Expr.__neg__``'s
    ``Mul._from_args((-1, F(-P)))``, taken from SymPy itself.

    >>> x, y = parse_fast.real_symbol("x"), parse_fast.real_symbol("y")
    >>> signed_call(sp.sin, x - y - 1) == sp.sin(x - y - 1)
    True
    """
    if function not in parse_fast._ODD_OR_EVEN or not parse_fast._evaluating():
        return None
    if not parse_fast._polynomial_argument(arg) or not parse_fast.minus_sign(arg):
        return None
    negated = parse_calls.negative(arg)  # SymPy's -arg, built as it builds it
    if not parse_fast._inert(function, negated):
        return None
    inner = parse_fast._unevaluated(function, negated)
    if inner is None:
        return None
    return inner if function in _EVEN else parse_calls.negative(inner)


from . import parse_calls, parse_shapes  # noqa: E402 - calls of nested shapes (parse_calls.py uses this module)


# --- finiteness marked on the terms of a squared sum (parse._Builder.binary) ----------------------------------

def _polynomial(expr: sp.Basic) -> bool:
    """Whether expr is built of real symbols and rationals by +, * and natural powers (so finite)."""
    if expr.is_Rational or expr.is_Symbol:
        return expr.is_Rational or expr.is_real is True
    if expr.is_Pow:
        return expr.exp.is_Integer and expr.exp.p >= 0 and _polynomial(expr.base)  # (p: Integer >= 0 sympifies 0)
    if not (expr.is_Add or expr.is_Mul):
        return False
    for a in expr._args:
        if not _polynomial(a):
            return False
    return True


def _mark_finite(terms: tuple[sp.Basic, ...]) -> None:
    """Record in SymPy's own assumption cache that polynomial terms are finite.

    (a + b)**2 asks a.is_infinite and b.is_infinite (Add._eval_power), which
    SymPy deduces from scratch for each new term: 1 ms each, 20 s for the
    20,000 squares of chained Rosenbrock at n = 10,000. A polynomial in real
    symbols is finite; saying so first makes the question free.
    """
    for term in terms:
        if "infinite" not in term._assumptions and _polynomial(term):
            if term._assumptions is type(term).default_assumptions:
                # A fresh Mul shares its class's dict: writing there would make every Mul
                # in the process finite (oo*z included). Give the term its own, as SymPy does.
                term._assumptions = term._assumptions.copy()
            term._assumptions["infinite"] = False
            term._assumptions["finite"] = True
