"""Objects the parser builds without SymPy's general constructors, where that provably changes nothing.

``exp(1 - exp(x))`` costs ~4 ms to build after ``clear_cache()``: ``exp.eval``
builds ``exp(-exp(x))`` to look for logs and multiples of pi*I, then asks
``(1 - exp(x)).is_zero``, a chain of assumption deductions; ``sin(x + z)``
asks ``is_zero``, ``_pi_coeff`` and ``extract_multiplicatively``; and
``Mul.flatten`` rebuilds every ``exp(a)`` factor as ``Pow(E, a)``, which runs
``exp.eval`` again. For the shapes below the outcome is known, so the object
is built directly. Only the parser's symbols qualify (a Symbol whose only
given assumption is ``real=True``), so no assumption of the user's can change
a branch. tests/test_fast_paths.py compares every shortcut with SymPy's own
constructor, object for object (==, srepr, hash, args all the way down).

Shapes. A *monomial* is a plain symbol s, ``s**n`` (n an integer >= 2) or a
product of such with distinct symbols. An *atom* is a monomial or F(s) for F
in exp, sin, cos. A *term* is an atom or ``r*atom`` for a rational r (SymPy's
Mul puts r first). A *polynomial argument* is a term or an Add whose terms are
rationals and terms.

Why eval returns None for a polynomial argument P (SymPy 1.14):

- P is not identically zero: the canonical Add has merged equal terms, the
  atoms 1, monomials and exp(s), sin(s), cos(s) are linearly independent over
  the rationals as real functions, and no coefficient is 0. So ``P.is_zero``
  is never True (SymPy's deductions are sound), and P contains neither pi nor
  I nor a log nor any inverse function at the top.
- ``exp(P)``: a Mul (``r*monomial`` or ``r*F(s)``) reaches the Mul branch:
  ``as_coefficient(pi*I)`` can only give a coefficient c with P = c*pi*I, so
  2*c is not an integer and c not rational (P is real and not zero); then the
  factor loop meets a factor with a free symbol (not comparable, not a log)
  and returns None. An Add reaches the Add branch: each ``exp(term)`` is
  unchanged (by this same list; ``exp(r)`` for a rational r other than 0, 1
  stays), so nothing changed, and ``P.is_zero`` is not True. A symbol, a
  power or F(s) reaches ``P.is_zero`` only.
- ``sin``, ``cos``, ``tan`` (trigonometric.py), ``atan``, and ``sinh``,
  ``cosh``, ``tanh`` (hyperbolic.py) of P: P is not a number, oo, zoo,
  AccumBounds or SetExpr; for cos, P is real and finite (real symbols, finite
  functions), so ``is_finite`` is not False. Where
  ``P.could_extract_minus_sign()`` is True eval rewrites (``sin(-x)`` is
  ``-sin(x)``): that is SymPy's own structural predicate, asked here too,
  and then no shortcut is taken. Else ``as_coefficient(I)`` is None (P real
  and not zero); ``_pi_coeff`` (sin, cos, tan): a Mul without pi has
  ``coeff(pi) == 0``, anything else reaches ``is_zero``: None; ``atan``:
  ``P.is_number`` is False (free symbols); ``_peeloff_pi`` finds no multiple
  of pi in any term, ``_peeloff_ipi`` (hyperbolic) no term equal to r*pi*I;
  ``is_zero`` is not True; P is no inverse function (asin, atan, asinh, ...).
  So eval returns None. (``minus_sign`` answers as ``could_extract_minus_sign``
  without asking a fresh coefficient's facts.)
- ``erf(P)``: P is no Number, erfinv, erfcinv or erf2inv; ``is_zero`` is not
  True; ``extract_multiplicatively(I)`` is None (P holds no I); then the
  minus sign as above (parse_calls.py proves the same for nested arguments).
- ``log(P)`` (one argument), P not an exp: P is not a number, not E**a, not
  exp, exp_polar, AccumBounds or SetExpr; ``P.is_number`` is False;
  ``is_zero`` is not True; ``as_coefficient(I)`` is None. Eval returns None.

Then ``F(P)`` is the unevaluated object ``Application.__new__`` builds:
``Basic.__new__(F, P)`` with ``nargs`` set (``_should_evalf`` is negative: no Floats).

``product`` builds ``Mul(*factors)`` for factors that are rationals, plain
symbols, ``s**n``, ``exp(P)`` and other one-argument functions (and Muls of
these), with distinct bases (exp(a) filed under E and a's rest, as
Mul.flatten's ``_gather`` files it: exp(x)*exp(y) stays, exp(x)*exp(2*x) is refused); ``total`` builds ``Add(*terms)`` of such
products and rationals, with distinct rests; see their docstrings for why
they equal Mul's and Add's.

Also ``real_by_shape``: exp, sin, cos, atan, sinh, cosh, tanh of real
arguments built of the same pieces, and tan of a polynomial argument, are not
non-real, so ``parse.undefined`` need not ask SymPy (1.8 ms for a fresh
``tan(x + y)``); and
``real_symbol`` and ``number``, the parser's symbols and rationals interned
(as SymPy's cache would, but surviving ``clear_cache()``, bounded), so their
deduced facts are kept.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> inert_call(sp.exp, [1 - sp.exp(x)]) == sp.exp(1 - sp.exp(x))
True
"""

from __future__ import annotations

import sympy as sp
from sympy.core.basic import Basic
from sympy.core.expr import Expr
from sympy.core.parameters import global_parameters

from .parse_quick import _INTEGERS, above_one, commutative, postprocessed, repeats, sort_args, zero_or_one

_INNER = frozenset((sp.exp, sp.sin, sp.cos))  # the functions inside a polynomial argument (linearly independent)
_ODD_OR_EVEN = (sp.sin, sp.cos, sp.tan, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf)  # eval moves a minus sign
_CALLS = frozenset((sp.exp, sp.log) + _ODD_OR_EVEN)  # built unevaluated of a polynomial argument
_REAL_FINITE = frozenset((sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.erf))  # real, finite for real args
# (frozensets of classes: membership ~35 ns where a tuple compares each class in turn, ~100 ns)
_NARGS: dict[type, sp.FiniteSet] = {}  # immutable, what Function.__new__ sets as nargs (FiniteSet(1, 2) for log)
_ONE, _ZERO = sp.S.One, sp.S.Zero


_REAL_ONLY = {"real": True}  # (not modified: compared only)


_SYMBOL = sp.Symbol


def _plain_symbol(e: sp.Basic) -> bool:
    """A symbol as the parser makes it: real, nothing else given."""
    # (_assumptions_orig: the assumptions given, SymPy >= 1.12; without it no shortcut applies)
    return type(e) is _SYMBOL and getattr(e, "_assumptions_orig", None) == _REAL_ONLY


def _scaled_symbol(r: sp.Basic, s: sp.Basic) -> bool:
    """r*s for a rational r (not 0, 1) and a plain symbol s: ``product``'s loop makes it Mul(r, s), r first."""
    return r.is_Rational and r is not _ONE and r.p != 0 and _plain_symbol(s)


def _power(e: sp.Basic) -> bool:
    """s**n, n an integer >= 2: a factor of a monomial."""
    return type(e) is sp.Pow and _plain_symbol(e._args[0]) and e._args[1].is_Integer and above_one(e._args[1])


def _monomial(factors: tuple) -> bool:
    """Plain symbols and their powers, over distinct symbols (so none cancels or merges)."""
    bases = set()
    for f in factors:
        if _plain_symbol(f):
            bases.add(f)
        elif _power(f):
            bases.add(f._args[0])
        else:
            return False
    return len(bases) == len(factors)


def _atom(e: sp.Basic) -> bool:
    """A monomial, or F(s) for F in exp, sin, cos."""
    if type(e) is sp.Mul:
        return _monomial(e._args)
    return _plain_symbol(e) or _power(e) or type(e) in _INNER and _plain_symbol(e._args[0])


def _term(e: sp.Basic) -> bool:
    """An atom or r*atom, r rational (not 0, 1): the Mul SymPy builds has r first."""
    if type(e) is sp.Mul and e._args[0].is_Rational:
        if e._args[0].q == 1 and e._args[0].p in (0, 1):
            return False
        rest = e._args[1:]
        return _atom(rest[0]) if len(rest) == 1 else _monomial(rest)
    return _atom(e)


def _polynomial_argument(arg: sp.Basic) -> bool:
    """A term, or a sum of rationals and terms: see the module's docstring. (A sum's answer is kept in the
    parse's table, parse_pow._MEMO, under -2*id - 1: a call whose sign moves asks it of one sum five times.)"""
    if type(arg) is sp.Add:
        table = parse_pow._MEMO.table
        if table is not None:
            known = table.get(-2 * id(arg) - 1)
            if known is not None:
                return known[1]
        answer = True
        for a in arg._args:  # (a loop, not all() of a generator: ~0.3 us less per sum)
            if not (a.is_Rational and a.p != 0 or _term(a)):
                answer = False
                break
        if table is not None:
            table[-2 * id(arg) - 1] = (arg, answer)  # (the table keeps arg alive: its id is not reused)
        return answer
    return _term(arg)


def _inert(function: object, arg: sp.Basic) -> bool:
    if not _polynomial_argument(arg):
        return False
    if function is sp.log:
        return type(arg) is not sp.exp  # log(exp(s)) is s
    # sin(-x) -> -sin(x), cos(-x) -> cos(x): SymPy's own predicate decides; then its constructor builds
    return function is sp.exp or not minus_sign(arg)


def _unevaluated(function: type, arg: sp.Basic) -> sp.Expr | None:
    nargs = _NARGS.get(function)
    if nargs is None:
        probe = function(sp.Symbol("x", real=True))  # nargs depends on the class alone
        if type(probe) is not function:
            return None
        nargs = _NARGS[function] = probe.nargs
    obj = applied(function, arg)  # Basic.__new__(function, arg): what Application.__new__ builds once eval returned None
    obj.nargs = nargs
    return obj


def _evaluating() -> bool:
    """SymPy's default rules are on: evaluation, distribution, exp not a Pow of E.

    (Read from the thread's own dict of ``global_parameters``, a ``threading.local`` whose class defines no
    attribute of these names: one lookup of ``__dict__`` where three attribute reads took ~0.25 us.)
    """
    try:
        d = global_parameters.__dict__
        return d["evaluate"] and d["distribute"] and not d["exp_is_pow"]
    except KeyError:  # (another SymPy's parameters: read them as attributes)
        return global_parameters.evaluate and global_parameters.distribute and not global_parameters.exp_is_pow


def inert_call(function: object, args: list) -> sp.Expr | None:
    """``function(*args)`` built unevaluated where evaluation provably leaves it so; else None.

    >>> import sympy as sp
    >>> x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    >>> inert_call(sp.sin, [x + 2*y])
    sin(x + 2*y)
    >>> inert_call(sp.sin, [-x - y]) is None  # sin(-x - y) is -sin(x + y): parse_pow.signed_call builds it
    True
    """
    if len(args) != 1 or function not in _CALLS or not _evaluating():
        return None  # exp would be a Pow, or nothing evaluates: SymPy's own constructor decides
    (arg,) = args
    if not (_inert(function, arg) or parse_pow.inert_nested(function, arg)  # cosh(sin(x + z))
            or parse_calls.inert(function, arg)):  # erf(x + 2), atan(1/(1 + x**2)) (parse_calls)
        return None
    return _unevaluated(function, arg)


def _factor_base(e: sp.Basic) -> sp.Basic | None:
    """The base Mul.flatten files a factor under (``as_base_exp``), for the factors ``product`` takes."""
    if _plain_symbol(e):
        return e
    cls = type(e)
    if cls is sp.Pow:
        base, n = e._args
        if _plain_symbol(base) and n.is_Integer and not zero_or_one(n):
            return base
        return base if parse_pow.inert_factor(e) else None  # (1 + x**2)**-1, sqrt(1 + sinh(x)**2)
    if cls is sp.exp:
        a = e._args[0]
        return sp.E if _polynomial_argument(a) or parse_pow.inner_call(a) or parse_calls.inert(sp.exp, a) else None
    plain = _FILED_AS_ITSELF.get(cls)
    if plain is None:  # (per class: a Function subclass keeping Expr's as_base_exp; isinstance of a call ~0.15 us)
        if len(_FILED_AS_ITSELF) >= 256:
            _FILED_AS_ITSELF.clear()  # (bounded: Function("f") makes a class per call)
        plain = _FILED_AS_ITSELF[cls] = issubclass(cls, sp.Function) and cls.as_base_exp is Expr.as_base_exp
    if plain and len(e._args) == 1 and commutative(e) is True:
        return e
    return None


_FILED_AS_ITSELF: dict[type, bool] = {}


def _filed(f: sp.Basic) -> object:
    """What Mul.flatten's ``_gather`` merges a factor with: its base, and for exp(a) (base E) also the rest
    of ``a.as_coeff_Mul()``, so exp(x)*exp(y) stays two factors and exp(x)*exp(2*x) is refused (exp(3*x))."""
    base = _factor_base(f)
    if base is not sp.E:
        return base
    c, rest = f._args[0].as_coeff_Mul()
    if c is not _ONE and rest.is_Add:
        return None  # c*rest would be a 2-argument Mul that distributes: not this argument
    return (sp.E, rest)


def product(factors: list, merge: bool = False) -> sp.Expr | None:
    """``Mul(*factors)`` built directly, for the factors below; else None.

    Factors: rationals, plain symbols, ``s**n`` (n an integer other than 0, 1),
    ``exp(P)`` for a polynomial argument P, other one-argument functions whose
    ``as_base_exp`` is Expr's (``(f, 1)``), and Muls of these; their bases
    (s for s and s**n, E for exp(P), f itself for a function f) distinct.

    Why this is Mul's object (sympy/core/mul.py, Mul.flatten, SymPy 1.14): the
    2-argument shortcut only acts on a rational times an Add (none here).
    Part 1 multiplies the rationals into ``coeff`` (here too, in the same
    order) and files every other factor by ``as_base_exp``: (s, 1), (s, n),
    (E, P), (f, 1); none is a Pow of a number, I, oo, zoo or an Order. The
    bases are distinct, so ``_gather`` merges nothing and gives back (b, e)
    (``e.as_coeff_Mul()`` multiplied again is e: 1, n, or P, which Mul
    rebuilds as it was built). Part 2: no exponent is zero; (b, 1) gives b;
    ``Pow(s, n)`` gives s**n again (a symbol has no ``_eval_power``) and
    ``Pow(E, P)`` gives ``exp(P)``, which stays (module docstring), so
    nothing changes base. No numeric powers, no -1 or I, coeff finite and
    not zero, no numbers among the factors; they are sorted by ``_mulsort``
    and coeff put first unless it is 1; no Add to distribute over. That is
    ``Mul._from_args`` of the sorted factors, after the constructor's
    postprocessors, as ``AssocOp.__new__`` does.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", real=True)
    >>> product([sp.exp(x + 1), sp.Integer(-2), sp.sin(x**2)])
    -2*exp(x + 1)*sin(x**2)
    >>> product([sp.exp(x), sp.exp(2*x)]) is None  # exp(3*x): SymPy merges them
    True

    ``merge`` (the parser's ``parse.product``): sums as factors, repeated bases merged (parse_product).
    """
    if not _evaluating():
        return None
    if len(factors) == 2 and type(factors[1]) is sp.Symbol and _scaled_symbol(*factors):  # r*s, -s: as below
        return assembled(sp.Mul, (number(factors[0]), factors[1]))  # (postprocessed _from_args: parse_objects)
    coeff = _ONE
    parts = []
    bases = []  # (not hashed, as total's rests: a fresh tree's first hash walks it, and one variable never asks)
    for factor in factors:
        for f in (factor._args if type(factor) is sp.Mul else (factor,)):
            if f.is_Rational:
                coeff = f if coeff is _ONE else coeff * f  # (1*f is f's value: ~1 us saved, number() interns it)
                continue
            base = _filed(f)
            if base is None:
                if not merge or type(f) is not sp.Add or f.is_commutative is not True:
                    return None
                base = f  # (merge: a sum, filed under itself: parse_product)
            bases.append(base)
            parts.append(f)
    if not parts or coeff.p == 0:
        return None
    if repeats(bases):  # (two equal bases: Mul merges them; merge: as it does, parse_product)
        return parse_product.merged(coeff, parts, bases) if merge else None
    if len(parts) == 1:
        if coeff is _ONE:
            return parts[0]
        if type(parts[0]) is sp.Add:
            return None  # (merge: 2*(x + 1) is distributed by Mul)
    sort_args(parts)  # _mulsort's order (parse_quick)
    if coeff is not _ONE:
        parts.insert(0, number(coeff))
    return assembled(sp.Mul, tuple(parts))


def _rest(term: sp.Basic, merge: bool = False) -> object:
    """What Add.flatten files a term under (its ``as_coeff_Mul`` rest), for the terms ``total`` takes;
    None for another term. A tuple stands for a Mul of those args (equal exactly when the Muls are)."""
    if type(term) is sp.Mul:
        args = term._args
        if args[0].is_Number:
            if not args[0].is_Rational or args[0].q == 1 and args[0].p in (0, 1):
                return None
            if len(args) == 2 and type(args[1]) is sp.Symbol and _plain_symbol(args[1]):
                return args[1]  # r*s (2*y, -v): the loop below files s alone
            args = args[1:]
        bases = []  # (compared pair by pair, not hashed: product's reason)
        for f in args:
            base = _filed(f)
            if base is None:
                if not merge or type(f) is not sp.Add or f.is_commutative is not True:
                    return None
                base = f  # (merge: a sum as a factor, as parse_product files it)
            bases.append(base)
        if len(bases) == 2:  # (repeats of two, inlined: the commonest, x*y)
            a, b = bases
            if a is b or type(a) is type(b) and (type(a) is not _SYMBOL or a.name == b.name) and a == b:
                return None
        elif len(bases) > 2 and repeats(bases):
            return None
        return args if len(args) > 1 else args[0]
    return term if _factor_base(term) is not None else None


def total(terms: list, merge: bool = False) -> sp.Expr | None:
    """``Add(*terms)`` built directly, for the terms below; else None.

    Terms: rationals, the factors ``product`` takes, their products (what it
    builds) and rationals times those (a Mul with the rational first), and
    Adds of these; their rests (the term without its rational) distinct.

    Why this is Add's object (sympy/core/add.py, Add.flatten, SymPy 1.14): the
    2-argument shortcut keeps a rational and a Mul as [rational, Mul], which is
    also what follows. The loop adds the rationals into ``coeff`` (here too)
    and files every other term t as c*s by ``as_coeff_Mul``; no Order, oo,
    zoo, AccumBounds, matrix or Pow of a number. The rests are distinct, so
    each ``terms[s]`` is t's own c (not zero). Rebuilding: c = 1 gives s,
    which is t; a Mul s gives ``s._new_rawargs(c, *s.args)``: t's args; a
    single factor gives ``Mul(c, s)``, which is t (``product``). Then the
    terms are sorted by ``_addsort`` and coeff put first unless it is 0: that
    is ``Add._from_args`` of them, after the constructor's postprocessors.

    >>> import sympy as sp
    >>> x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
    >>> total([sp.Integer(1), -2*sp.exp(x*y), x**2])
    x**2 - 2*exp(x*y) + 1
    >>> total([x, -x]) is None  # x - x is 0: SymPy merges them
    True

    ``merge`` (the parser's ``parse.total``): repeated rests merged as Add.flatten does (parse_merge).
    """
    if not _evaluating():
        return None
    coeff = _ZERO
    kept = []
    rests = []
    for term in terms:
        for t in (term._args if type(term) is sp.Add else (term,)):
            if t.is_Rational:
                coeff = t if coeff is _ZERO else coeff + t  # (0 + t is t's value)
                continue
            rest = _rest(t, merge)
            if rest is None:
                return None
            rests.append(rest)
            kept.append(t)
    if not kept:
        return None
    if repeats(rests):  # (not hashed: a one-variable expansion never hashes a sum's terms)
        return parse_merge.merged(coeff, kept, rests) if merge else None  # (merge: parse_merge.total)
    if len(kept) == 1 and coeff.p == 0:
        return kept[0]
    sort_args(kept)  # _addsort's order (parse_quick)
    if coeff.p != 0:
        kept.insert(0, number(coeff))
    return assembled(sp.Add, tuple(kept))


_NUMBERS: dict[sp.Rational, sp.Rational] = {}
_MAX_NUMBERS = 4096  # numbers kept; beyond, the table starts again (bounded memory)


def number(value: sp.Rational) -> sp.Rational:
    """An equal rational, the same object on every call (up to 4096 values): see ``real_symbol``.

    A fresh Integer's first ``is_zero`` costs ~40 us of fact deductions (SymPy's
    cache makes a new one after ``clear_cache()``); a kept one has them.

    >>> number(sp.Integer(7)) is number(sp.Integer(14) / 2)
    True
    """
    if value.q == 1:  # an Integer kept by parse_quick.integer: found by its int (Integer's hash is Python code)
        kept = _INTEGERS.get(value.p)
        if kept is not None:
            return kept
    kept = _NUMBERS.get(value)
    if kept is None:
        if len(_NUMBERS) >= _MAX_NUMBERS:
            _NUMBERS.clear()
        kept = _NUMBERS[value] = value
    return kept


_INTERNED: dict[str, sp.Symbol] = {}
_MAX_INTERNED = 4096  # names kept; beyond, the table starts again (bounded memory)


def real_symbol(name: str) -> sp.Symbol:
    """``Symbol(name, real=True)``, the same object on every call (up to 4096 names).

    Symbols are equal by name and assumptions, so a kept one is the object SymPy
    builds; keeping it spares rebuilding its assumptions (~15 us) and re-deducing
    its facts after SymPy's ``clear_cache()``, as any long-running system does.

    >>> real_symbol("x") is real_symbol("x") and real_symbol("x") == sp.Symbol("x", real=True)
    True
    """
    s = _INTERNED.get(name)
    if s is None:
        if len(_INTERNED) >= _MAX_INTERNED:
            _INTERNED.clear()
        s = _INTERNED[name] = sp.Symbol(name, real=True)
    return s


from .parse_objects import applied, assembled  # noqa: E402 - nodes assembled (parse_objects)
from .parse_sign import minus_sign  # noqa: E402 - could_extract_minus_sign by shape (parse_sign: this module's size)
from . import parse_calls, parse_merge, parse_pow, parse_product  # noqa: E402 - powers, nested calls (they use this module's shapes)
from .parse_defined import real_by_shape  # noqa: E402,F401 - (parse_defined: this module's size)
