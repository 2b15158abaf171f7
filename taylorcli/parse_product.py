"""Products with a sum as a factor, or with factors of one base, built directly (issue 9: parse cost).

``parse_fast.product`` builds ``Mul(*factors)`` for factors of distinct bases that it files, and refuses the
others, which SymPy's ``Mul`` then builds: ``cosh(x) * cosh(x)`` cost ~110 us to parse after ``clear_cache()``
(Mul.flatten asks facts of the fresh exponent 2 and of the call), and ``exp(log(1 + (w*y*v)**2)) * sqrt(1 +
(erf(2*u - x + z))**2)`` ~360 us (the factor ``1 + v**2*w**2*y**2``, a sum, made product refuse, and Mul's
``Pow(B, 1/2)`` asked every term of B whether it is infinite). The parser's ``parse.product`` is
``parse_fast.product`` with ``merge``: a commutative sum is a factor too, and repeated bases are merged by
``merged`` below.

Why a sum A is filed under itself (sympy/core/mul.py, ``Mul.flatten``, SymPy 1.14). The two-argument
shortcut needs a Rational and a factor whose ``as_coeff_Mul`` rest is a sum: product refuses every case in
which a rational other than 1 is the coefficient of a lone sum (below), and a Rational 1 was dropped by
``AssocOp.__new__`` (product multiplies it into its coefficient, which stays 1). In the loop A is no Order,
Mul, Number, AccumBounds, zoo or I; it is commutative: ``A.as_base_exp()`` is Expr's (A, 1) and A is no Pow,
so (A, 1) goes to ``c_powers``. ``_gather`` gives it back as (A, 1) where no other base equals A (``co`` is
(1, 1), ``Add(1)`` is 1, ``1*1`` is ``S.One``), and part 2 takes ``e is S.One`` and A no Number: A itself,
unchanged. At the end, ``coeff*A`` is distributed (``2*(1 + a)`` is ``2 + 2*a``) exactly when the commutative
part is [a Number, an Add]: a rational coefficient other than 1 and A the only other factor, which product
refuses (None). Else A is one of the sorted factors, as product's proof has it.

Why ``merged`` builds Mul's object where bases repeat. Each factor f was filed by product: its base b is f
itself (a parser symbol, a call filed as itself, a sum) with exponent 1, or for a Pow f = b**e the base b and
the rational e (s**n, and the ``parse_pow.inert_factor`` powers B**r); an exp (filed under E with its
argument) is refused. ``_gather`` keeps, per base (a dict: equal bases are one key, ``parse_quick.repeats``'
equality), the sum of the exponents (``e.as_coeff_Mul()`` of a Rational e is (e, 1); ``Add`` of the rationals
is their exact sum E, times 1). Part 2, per base: E = 0 is refused here (the factor would vanish); E = 1
(``S.One``: every rational equal to 1 is the singleton) gives b; else ``Pow(b, E)``, which
``parse_pow.power`` builds (its proof; where it refuses, so does ``merged``), and it must be a Pow whose base
is b (as built: ``Expr.__new__(Pow, b, E)``), so ``as_base_exp`` gives b back (b is no Rational) and nothing
``changed``: no second round. A base that came once keeps its factor as it was (product's proof: Mul rebuilds
it). No new numbers (a Pow of a non-number base is no Number), so the coefficient is that of product;
``_mulsort`` (``sort_args``), the coefficient first unless 1, and the distribution above refused again; the
postprocessors as ``AssocOp.__new__`` runs them (``parse_quick.postprocessed``). A lone factor with
coefficient 1 is returned as it is, as product does.

tests/test_text15_product.py compares ``product`` with ``Mul(*factors)`` on random factors that repeat or are
sums, and parsed texts with the ordinary route and SymPy's own constructors.

>>> from taylorcli.parse_fast import real_symbol
>>> x, y = real_symbol("x"), real_symbol("y")
>>> product([sp.cosh(x), sp.cosh(x)]), product([x + 1, y, x**2]), product([x, x**2, 1 / x**3]) is None
(cosh(x)**2, x**2*y*(x + 1), True)
"""

from __future__ import annotations

import sympy as sp

from . import parse_fast, parse_pow
from .parse_merge import _equal, merging
from .parse_quick import _PAIRWISE, postprocessed, sort_args
from .parse_objects import assembled

_MUL, _ADD, _POW = sp.Mul, sp.Add, sp.Pow
_ONE = sp.S.One

# ``Mul(*factors)``: ``parse_fast.product`` with sums as factors and repeated bases merged (module docstring).
product = merging(parse_fast.product)


def mul(factors: list) -> sp.Expr:
    """``Mul(*factors)``, the parsers' last resort where ``product`` refused: a rational r (not 0, 1) times a
    sum a, in either order (``2*(x + 1)``, ``(x**2 + y**2)/2``), is ``parse_pow._scaled(a, r)``.

    Why (SymPy 1.14): ``AssocOp.__new__`` (evaluating: ``_evaluating``) drops the arguments that are its identity
    1 (``is``, as here), and calls ``Mul.flatten`` on the two left, whose two-argument shortcut swaps the rational first (so the order does not matter) and then
    goes on exactly as ``_scaled``'s docstring reads it (a commutative Add, distribution on); ``_from_args``
    of its one argument is that argument, postprocessed as ``_scaled`` does.
    """
    two = [f for f in factors if f is not _ONE] if len(factors) < 5 else ()  # (AssocOp drops 1 first: 1/2*(x + y))
    if len(two) == 2:
        r, a = two if two[0].is_Rational else two[::-1]
        if r.is_Rational and type(a) is _ADD and a.is_commutative is True and parse_fast._evaluating():
            return parse_pow._scaled(a, r)  # (r 0 or 1: _scaled's own a * r)
    return _MUL(*factors)


def merged(coeff: sp.Rational, parts: list, bases: list) -> sp.Expr | None:
    """``Mul(coeff, *parts)`` where some of ``bases`` (product's filing of each part) are equal, or None."""
    groups: list[list] = []  # [base, exponent sum, first factor, count]
    where: dict | None = {} if len(bases) > _PAIRWISE else None
    for f, b in zip(parts, bases):
        if type(b) is tuple:
            return None  # exp(a): filed under E with a (Mul would build exp of a sum of arguments)
        e = _ONE if f is b else f._args[1]  # (a Pow's exponent: its base is b)
        if where is not None:
            i = where.get(b)
            group = None if i is None else groups[i]
            if i is None:
                where[b] = len(groups)
        else:
            group = None
            for g in groups:
                if _equal(g[0], b):
                    group = g
                    break
        if group is None:
            groups.append([b, e, f, 1])
        else:
            group[1] += e
            group[3] += 1
    factors = []
    for b, e, f, count in groups:
        if count == 1:
            factors.append(f)
            continue
        if e.p == 0:
            return None
        if e is _ONE:
            factors.append(b)
            continue
        p = parse_pow.power(b, e)
        if type(p) is not _POW or p._args[0] is not b:
            return None
        factors.append(p)
    if len(factors) == 1:
        if coeff is _ONE:
            return factors[0]
        if type(factors[0]) is _ADD:
            return None  # coeff*(a + b): Mul distributes
    sort_args(factors)
    if coeff is not _ONE:
        factors.insert(0, parse_fast.number(coeff))
    return assembled(_MUL, tuple(factors))  # (postprocessed _from_args: parse_objects)
