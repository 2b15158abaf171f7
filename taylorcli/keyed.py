"""An expansion's polynomial built with its sort keys, for any coefficients at a rational point.

``sortkey.rational_polynomial`` builds sums whose coefficients are all rational and whose
terms SymPy would not distribute. Two cases were left to SymPy's constructors (Add.flatten
over every term: 6 ms for the 210 terms of 1/(1+x+y+z+w) at 1/2, order 6):

- a rational c times (x - a), a != 0: SymPy distributes it (Mul's two-argument rule) into
  c*x and the number -c*a, which joins the constant term;
- a coefficient that is not rational (exp(2)*sin(4)/2, 2*exp(2)*cos(4) + 3*exp(2)*sin(4)/2):
  SymPy's product takes a Mul's factors in, keeps an Add or a function as one factor.

Here each term's factors are sorted by keys computed once per distinct subexpression
(``sortkey.sort_key``), the term's key is assembled from theirs, numbers are summed, and
the sum is made by ``Add._from_args`` in SymPy's order. Terms with distinct monomials of
the displacements never combine, and a coefficient holds no variable, so nothing else
could fold; the function says None (build it the usual way) wherever that is not plain:
an irrational point, a coefficient with a variable or a non-commutative part, a number
that is not rational.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> items = [((0, 0), sp.exp(2)), ((1, 0), sp.Rational(3, 2)), ((1, 1), 2 * sp.sin(4))]
>>> polynomial(items, [x - 1, y - 2]) == sp.exp(2) + sp.Rational(3, 2) * (x - 1) + 2 * sp.sin(4) * (x - 1) * (y - 2)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sympy.core import Add, Basic, Expr, Integer, Mul, Rational, S, Symbol

from . import keyed_onevar
from .sortkey import NoKey, Stop, _canonical_sum, _class_key, _plain_base, _second, sort_key, term_factors


def displacement(x: Basic, a: Basic) -> Basic:
    """``x - a`` for a symbol x and a rational a != 0, without ``Add.__new__``.

    ``Expr.__sub__`` builds Add(x, -a); Add.flatten keeps the number apart, puts it first,
    and the sum is commutative: ``Add._from_args((-a, x), True)``. No constructor
    postprocessor is registered for a Symbol or a Rational. ``-a`` is Rational.__neg__'s
    Rational(-p, q) (Integer(-p)): coprime with q > 0, built as engine.exact_rational builds
    it. (tests/test_series_points.py compares the objects.)

    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> sp.srepr(displacement(x, sp.Rational(3, 2))) == sp.srepr(x - sp.Rational(3, 2))
    True
    """
    if type(x) is not Symbol or not x.is_commutative or not a.is_Rational or a is S.Zero:
        return x - a
    return Add._from_args((_negative(a), x), True)


def _negative(a: Basic) -> Basic:
    """``-a`` for a rational a != 0: Rational(-p, q)'s object (engine.exact_rational's way), without its cache."""
    p, q = -a.p, a.q
    if q != 1:
        return Rational.from_coprime_ints(p, q)
    if -1 <= p <= 1:
        return S.NegativeOne if p < 0 else S.One
    value = Expr.__new__(Integer)
    value.p = p
    return value


def polynomial(coefficients: Sequence[tuple[Sequence, Basic]], bases: Sequence[Basic]) -> Basic | None:
    """``sp.Add(*(c * prod(b**p)))`` built without SymPy's flattening; None where that is not safe.

    ``bases``: x_i - a_i with a_i rational (the symbol itself at 0).
    """
    if not all(_plain_base(b) for b in bases):
        return None
    if len(bases) == 1:  # its own module: no per-term factor lists
        return keyed_onevar.build(coefficients, bases[0])
    try:
        return _build(coefficients, bases)
    except (NoKey, Stop):  # a content sort_key cannot order (a frozenset), a coefficient with a variable
        return None


def _build(coefficients: Sequence[tuple[Sequence, Basic]], bases: Sequence[Basic]) -> Basic | None:
    variables = {b if b.is_Symbol else b.args[1] for b in bases}
    memo: dict[Any, tuple] = {}  # keys of the powers of the displacements
    constants: dict[Any, tuple] = {}  # keys of the coefficients' parts: never a variable (it would be a stop)
    powers_of: dict[tuple[int, int], tuple[Basic, tuple] | None] = {}
    mul_class = _class_key(Mul)
    one = S.One
    numbers: list[Basic] = []
    rest: list[tuple[Basic, tuple]] = []
    for powers, c in coefficients:
        if c is S.Zero:
            continue
        factors = term_factors(powers, bases, powers_of, memo)
        if factors is None:
            return None
        if c.is_Number:
            if not c.is_Rational:
                return None
            if not factors:
                numbers.append(c)
                continue
            if len(factors) == 1 and factors[0][0].is_Add:
                # c*(x - a) distributes (Mul's two-argument rule): c*x and the number -c*a
                r, x = factors[0][0].args
                numbers.append(c * r)
                if c is one:
                    rest.append((x, sort_key(x, memo)))
                else:
                    rest.append((Mul._from_args((c, x), True), (mul_class, 2, (_number_key(c), sort_key(x, memo)))))
                continue
            lead, own = c, []
        else:
            if not c.is_commutative:
                return None
            # Each key below walks c with the variables as stops: no factor of c may combine with their powers.
            if not factors:  # the constant term: a sum's terms join the polynomial's
                for arg in (c.args if c.is_Add else (c,)):
                    if arg.is_Number:
                        if not arg.is_Rational:
                            return None
                        numbers.append(arg)
                    else:
                        rest.append((arg, sort_key(arg, constants, variables)))
                continue
            if c.is_Mul:  # a product's factors join the term's (the number first)
                args = c.args
                lead = args[0] if args[0].is_Number else one
                if lead is not one and not lead.is_Rational:
                    return None
                own = [(a, sort_key(a, constants, variables)) for a in (args[1:] if lead is not one else args)]
            else:
                lead, own = one, [(c, sort_key(c, constants, variables))]
        if lead is one and not own and len(factors) == 1:
            rest.append(factors[0])
            continue
        parts = own + factors
        parts.sort(key=_second)
        if lead is one:
            args = [f[0] for f in parts]
            keys = tuple([f[1] for f in parts])
        else:
            args = [lead] + [f[0] for f in parts]
            keys = (_number_key(lead),) + tuple([f[1] for f in parts])
        rest.append((Mul._from_args(args, True), (mul_class, len(args), keys)))
    total = _sum(numbers)
    return _canonical_sum([total] if total is not S.Zero else [], rest)


def _number_key(c: Basic) -> tuple:
    # A rational's key, as sort_key builds it from _hashable_content() == (p, q)
    return (_class_key(type(c)), 2, (c.p, c.q))


def _sum(numbers: list[Basic]) -> Basic:
    total = S.Zero
    for q in numbers:
        total = total + q if total is not S.Zero else q
    return total
