"""Products of exp, sin, cos, sinh, cosh of rational series, and terms with an irrational constant
term, for ``onevar_sums`` (one variable at a rational point).

exp(x)*sin(x) at 1, cosh(x + 1)*exp(x + 2) at 2: each function is f(c) C(h) + f'(c) S(h)
(``onevar_inner.cycle_series``, h the argument's tail), so the product is a sum over the choices
of one part per function: a rational series (FLINT's product of the chosen parts and the other
factors) times a product of leaves (E*sin(1), sin(1)*cos(1) = a monomial). These went to
onevar_constants (a ring of generators, SymEngine's constants, direct.Direct) at ~90-140 us
before the polynomial. exp(x) + log(1 + x) at 1: the log's value log(2) is only added to the
rest (``univariate.walk``'s offsets), so its term is one leaf at degree 0 beside a rational
series (the value built as ``onevar`` builds a lone offset's: ``_log_of``, else ``_value_at``).

An irrational square root of a rational series is r0 sqrt(k) times a rational series (sqrt(1 + (x + 3)**2)
at 3/2); an offset term may be a factor (log(1 + x**2)*cosh(x): log(2) + h), and exp, sin, cos, sinh,
cosh of an offset argument take f(c), f'(c) as leaves (cos(log(1 + x**2)) at 1: cos(log(2)),
sin(log(2))). ``constants_route`` is onevar_constants' hook for the shapes onevar.taylor does not
send to onevar_sums.

A monomial is built as the derivative engine's conversion builds SymEngine's product of its
leaves (``convert.mul``: the factors sorted by ``Basic.compare``, ``sortkey.key_by_id``; a leaf
met n times as ``constants.power``'s Pow); where SymPy's Mul would combine factors (two
exponentials, an exponential squared: E*exp(2) is exp(3)) it says None and the caller leaves it
to the slower routes. tests/test_onevar_products.py compares with the derivative engine.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> [leaves for _, _, leaves in term_parts(sp.exp(x)*sp.sin(x), x, sp.Integer(1), 1)[0]]
[(E, sin(1)), (E, cos(1))]
"""

from __future__ import annotations

import itertools

import flint
import symengine as se
import sympy as sp
from flint import fmpq, fmpq_series
from symengine.lib.symengine_wrapper import sympy2symengine

from ..constants import _POWERED, power
from ..constants import leaf as constant_leaf
from ..guard import LIMIT_BITS as _LIMIT  # guard.check_size's limit, in bits
from ..sortkey import key_by_id
from . import offset_terms, onevar, univariate
from .direct import Direct
from .engine import _rational
from .onevar_engine import engine_of
from .onevar_point import rationals_fit
from .tps import NoSlot
from .onevar_inner import cycle_series, padded
from .univariate_nodes import of_polynomial

CYCLES = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
MAX_FUNCTIONS = 3  # at most 2**3 choices of parts per product
_from_mul = sp.Mul._from_args
Part = tuple  # (coefficients: list[fmpq], sign: int, leaves: tuple[sp.Expr, ...])


def cycle_places(term: sp.Expr) -> list[int] | None:
    """The places of the cycles' functions and square roots (``_root``) among a product's factors ([-1]:
    the term is one); None for none."""
    kind = type(term)
    if kind in CYCLES or kind is sp.Pow and _half(term):
        return [-1]
    if kind is not sp.Mul:
        return None
    found = [i for i, arg in enumerate(term._args) if type(arg) in CYCLES or type(arg) is sp.Pow and _half(arg)]
    return found or None


def _half(power: sp.Expr) -> bool:
    exponent = power._args[1]
    return exponent.is_Rational and exponent.q == 2


def term_parts(term: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int,
               places: list[int] | None = None) -> tuple[list[Part] | None, list[fmpq] | None, sp.Symbol | None]:
    """(parts, None, own x) for a product with a function away from 0 or an irrational square root;
    (None, its rational series, own x) where every value is rational; raises (NoSlot, Unsupported ...)
    for any factor the rational walk refuses, and ValueError past the limits (the caller then says None)."""
    if places is None:
        places = cycle_places(term)
    factors = (term,) if places == [-1] else term._args
    functions = []  # (kind, inner series) of each function whose value is irrational; (None, choices) of a root
    rationals = []  # the other factors' series
    own = None
    for i, factor in enumerate(factors):
        if i in places or places == [-1]:
            # (a NoSlot raised here is the general walk's case: exp(sinh(x)) at 1, an irrational series)
            if type(factor) is not sp.Pow and has_offset(factor._args[0]):
                # cos(log(1 + x**2)) at 1: the walk with offsets at once (without an offset met it is
                # the plain walk's series: univariate.walk), not a plain one failing before it (~8 us)
                inner, met, values = _offset_argument(factor, x, a, order, True)
                if values is not None:
                    functions.append((type(factor), inner, values))
                    if own is None:
                        own = met
                    continue
            else:
                inner, met = univariate.walk(factor._args[0], x, a, order, guard=True)
            if type(factor) is sp.Pow:
                root = _root(factor, inner, order)
                if root is not None:
                    functions.append((None, root, None))
                else:
                    series, met = univariate.walk(factor, x, a, order, guard=True)
                    rationals.append(series)
            elif inner[0]:
                functions.append((type(factor), inner, None))
            else:  # f(0) rational: the walk's series
                series, met = univariate.walk(factor, x, a, order, guard=True)
                rationals.append(series)
        elif has_offset(factor):
            # log(1 + x**2) at 1: log(2) + a rational series, as a factor; without an offset met, the
            # plain walk's series (an offset node raises NoSlot there: the walk with offsets at once)
            found, series, met = offset_parts(factor, x, a, order)
            if found:
                functions.append((_OFFSET, (series, [(r[0], leaves[0]) for r, _, leaves in found]), None))
            else:
                rationals.append(series)
        else:
            series, met = univariate.walk(factor, x, a, order, guard=True)
            rationals.append(series)
        if own is None:
            own = met
    if not functions:
        out = rationals[0]
        if len(rationals) > 1:
            out = _product(rationals, order)
        return None, out, own
    if len(functions) > MAX_FUNCTIONS:
        raise ValueError("too many functions in one product")
    return _parts(functions, rationals, order), None, own


def _root(factor: sp.Expr, base: list[fmpq], order: int) -> list | None:
    """[(series, (1, leaf))] for u**(n/2) = r0 sqrt(k) (u/u0)**(n/2), k square-free, u0 = u(a) > 0 rational
    (SymEngine's value of u0**(n/2), as the derivative engine has it; its sqrt(k) as constants.leaf
    converts it); None where u0**(n/2) is rational (the walk's case). Raises past the limits and
    for u0 <= 0 or a root other than a square-free one (the slower routes decide)."""
    exponent = factor._args[1]
    n = int(exponent.p)
    u0 = base[0]
    if not u0 > 0:
        raise ValueError("a square root of a number that is not positive")
    if univariate._rational_power(u0, n, 2) is not None:
        return None
    p, q = int(u0.p), int(u0.q)
    if abs(n) > 8 or max(p.bit_length(), q.bit_length()) > 64:
        raise ValueError("a power past this route's limits")
    value = se.Pow(se.Rational(p, q), se.Rational(n, 2))
    r0 = fmpq(1)
    if isinstance(value, se.Mul):
        args = value.args
        if len(args) != 2 or not isinstance(args[0], (se.Integer, se.Rational)):
            raise ValueError("not a rational times a root")
        number, value = args
        if isinstance(number, se.Integer):
            r0 = fmpq(int(number))
        else:
            num, den = number.get_num_den()
            r0 = fmpq(int(num), int(den))
    found = constant_leaf(value) if isinstance(value, se.Pow) else None
    if found is None or type(found) is not sp.Pow:
        raise ValueError("not a square-free root")
    prec = order + 1
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        scaled = fmpq_series(base[:prec], prec=prec) * (1 / u0)
        # FLINT's square root (Newton), as univariate.walk's power(): the exact series exp(n/2 log) gives, ~3 us less
        root = scaled.sqrt() if n > 0 else scaled.rsqrt()
        series = (root if n == 1 or n == -1 else root ** abs(n)) * r0
    finally:
        flint.ctx.cap = saved
    return [(series, (1, found))]


def _product(rationals: list[list[fmpq]], order: int) -> list[fmpq]:
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        prec = order + 1
        out = fmpq_series(rationals[0], prec=prec)
        for other in rationals[1:]:
            out = out * fmpq_series(other, prec=prec)
        return padded(out, order)
    finally:
        flint.ctx.cap = saved


def _parts(functions: list, rationals: list[list[fmpq]], order: int) -> list[Part]:
    """f_1(c_1 + h_1) ... f_m(c_m + h_m) times the rational factors: one part per choice of f(c) C or f'(c) S."""
    numbers = [inner[0] for kind, inner, _ in functions if kind is not None and kind is not _OFFSET] + [q for other in rationals for q in other]
    for number in numbers:  # guard.check_size's limit on the point's value and the factors'
        if number and max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > _LIMIT:
            raise ValueError("a number past the size limit")
    prec = order + 1
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        choices = []
        for kind, inner, values in functions:
            if kind is None:  # a root's one part (_root)
                choices.append(inner)
                continue
            if kind is _OFFSET:  # its rational series (no leaf), and r*leaf for each part of its constant
                series, constant = inner  # (r an fmpq: a scalar, multiplied as one below)
                choices.append([(fmpq_series(series, prec=prec), (1, None))]
                               + [(r, (1, leaf)) for r, leaf in constant])
                continue
            if values is None:
                values = onevar._plain_values(kind, inner[0])
            if values is None:
                raise ValueError("no plain value")
            found = cycle_series(kind, fmpq_series([0] + list(inner[1:prec]), prec=prec))
            choices.append(list(zip(found, values)))
        factor = None
        for other in rationals:
            series = fmpq_series(other, prec=prec)
            factor = series if factor is None else factor * series
        out = []
        for choice in itertools.product(*choices):
            # the product of the chosen series, times the product of the chosen scalars (an offset's
            # constant parts: FLINT's series times the rational, or no series at all; the same exact values)
            series, scale, sign, leaves = factor, None, 1, []
            for part, (s, leaf) in choice:
                if type(part) is fmpq:
                    scale = part if scale is None else scale * part
                else:
                    series = part if series is None else series * part
                sign *= s
                if leaf is not None:
                    leaves.append(leaf)
            if sign != 1 and sign != -1:  # a rational other than a sign (_offset_argument's values)
                scale, sign = (fmpq(sign) if scale is None else scale * sign), 1
            if series is None:
                if scale:
                    out.append(([scale] + [_ZERO] * order, sign, tuple(leaves)))
                continue
            if scale is not None:
                series = series * scale
            if series:
                out.append((padded(series, order), sign, tuple(leaves)))
        return out
    finally:
        flint.ctx.cap = saved


def _offset_argument(factor: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int, plain: bool = False) -> tuple:
    """(argument's series, own x, [(r, leaf) of f(c), f'(c)]) for f of an argument whose irrational
    constant c is only added (log(1 + x**2) at 1: c = log(2)): the values are SymEngine's f(c) of
    the argument's value by subs (as the derivative engine substitutes), converted by to_sympy, each
    a rational times an unevaluated function (cos(log(2))); else ValueError (sin(atan(3/2)), which
    SymPy rewrites with a root; exp(log(2)), a number: the slower routes decide)."""
    arg = factor._args[0]
    offsets: set[int] = set()
    inner, own = univariate.walk(arg, x, a, order, guard=True, offsets=offsets, logs={})
    if plain and not offsets:  # (``plain``: no offset met is the plain walk's answer, values None)
        return inner, own, None
    if id(arg) not in offsets:
        raise ValueError("no offset")
    value = engine_of(arg, {}).subs({sympy2symengine(x): sympy2symengine(a)})
    cycle = _ENGINE_CYCLES[type(factor)]
    # to_sympy's objects, as direct.Direct converts its generators (kept per process there: these
    # conversions go through SymPy's constructors, ~0.1-0.5 ms after clear_cache, on either route)
    converted = Direct([function(value) for function, _ in cycle], None, {}, _rational).gens
    values = []
    for (function, sign), found in zip(cycle, converted):
        r = fmpq(sign)
        if type(found) is sp.Mul:
            if len(found._args) != 2 or not found._args[0].is_Rational:
                raise ValueError("not a rational times a function")
            number, found = found._args
            r = r * fmpq(int(number.p), int(number.q))
        if type(found) not in _LEAF_FUNCTIONS or found._args[0].is_Number:
            raise ValueError("not a function of an irrational constant")
        if not rationals_fit(found):  # guard.check_size's limit
            raise ValueError("a number past the size limit")
        values.append((r, found))
    return inner, own, values


def has_offset(e: sp.Expr) -> bool:
    """Whether e holds a function univariate.walk's offsets take (log, atan, asinh, asin, atanh): the
    cheap test before a second walk (a failed one costs more)."""
    stack = [e]
    while stack:
        node = stack.pop()
        if type(node) in _OFFSET_CLASSES:
            return True
        stack.extend(node._args)
    return False


_OFFSET_CLASSES = frozenset((sp.log, sp.atan, sp.asinh, sp.asin, sp.atanh))
_ZERO = fmpq(0)
_OFFSET = object()  # a factor with an irrational constant only added (offset_parts), in term_parts' functions
_ENGINE_CYCLES = {sp.exp: ((se.exp, 1),), sp.sin: ((se.sin, 1), (se.cos, 1)), sp.cos: ((se.cos, 1), (se.sin, -1)),
                  sp.sinh: ((se.sinh, 1), (se.cosh, 1)), sp.cosh: ((se.cosh, 1), (se.sinh, 1))}
_LEAF_FUNCTIONS = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)


def offset_parts(term: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int
                 ) -> tuple[list[Part], list[fmpq], sp.Symbol | None]:
    """(parts of its irrational constant, its rational series, own x) for a term whose constant is
    irrational but only added (``univariate.walk``'s offsets: log(1 + x) at 1, atan(x) at 2); the
    series alone and no parts for a rational one. Raises as the walk does, ValueError for a value
    that is not a number plus rationals times leaves."""
    kind = type(term)
    if kind is sp.atan:  # atan(q*x) at 2: its series and parts made directly (offset_terms), else as below
        found = offset_terms.atan_parts(term, x, a, order)
        if found is not None:
            return found
    offsets: set[int] = set()
    logs: dict[int, fmpq] = {}
    # (log(1 + 4*x**2): the walk's own answer for one node, without its set-up; else the walk)
    found = of_polynomial(term, x, a, order, True, offsets, logs) if kind is sp.log else None
    series, own = found or univariate.walk(term, x, a, order, guard=True, offsets=offsets, logs=logs)
    if id(term) not in offsets:
        return [], series, own
    c = logs.get(id(term)) if kind is sp.log else None  # (the walk records atan's u0 there too)
    if c is not None:
        parts = offset_terms.log_parts(c, order)
        if parts is not None:
            series[0] = _ZERO
            return parts, series, own
    value = (onevar._log_of(c) if c is not None else None) or onevar._value_at(term, x, a)
    if value is None:
        raise ValueError("no value")
    series[0] = fmpq(0)
    parts = []
    for item in (value._args if value.is_Add else (value,)):
        r, leaf = fmpq(1), item
        if item.is_Rational:
            series[0] += fmpq(int(item.p), int(item.q))
            continue
        if item.is_Mul:
            if len(item._args) != 2 or not item._args[0].is_Rational:
                raise ValueError("not a rational times a leaf")
            r, leaf = fmpq(int(item._args[0].p), int(item._args[0].q)), item._args[1]
        if leaf.is_Add or leaf.is_Mul or leaf.is_Number or leaf.is_Pow:
            raise ValueError("not a leaf")
        # log(n), atan(q) ... of a rational (log_of's, value_at's leaves): commutative (Function's
        # _eval_is_commutative: its argument's), not asked (~2 us of assumptions each, after clear_cache)
        if not (type(leaf) in _OFFSET_CLASSES and leaf._args[0].is_Rational) and not leaf.is_commutative:
            raise ValueError("not a leaf")
        parts.append(([r] + [fmpq(0)] * order, 1, (leaf,)))
    return parts, series, own


def exponential(leaf: sp.Expr) -> bool:
    return leaf is sp.S.Exp1 or type(leaf) is sp.exp


def monomial_key(leaves: tuple, keys: dict) -> tuple:
    """The same key for the same product of leaves, whatever their order (sort keys by ``key_by_id``)."""
    if len(leaves) == 1:
        return (key_by_id(leaves[0], keys),)
    return tuple(sorted(key_by_id(leaf, keys) for leaf in leaves))


def monomial(leaves: tuple, keys: dict) -> list[sp.Expr] | None:
    """The factors of SymPy's product of ``leaves`` in its order (a leaf met n times as its n-th power),
    as convert.mul builds SymEngine's; None where SymPy's Mul would combine them (exponentials)."""
    if len(leaves) == 1:
        return [leaves[0]]
    if not leaves:
        return []
    counts: dict = {}
    for leaf in leaves:
        k = key_by_id(leaf, keys)
        found = counts.get(k)
        counts[k] = [leaf, 1] if found is None else [found[0], found[1] + 1]
    if sum(n for leaf, n in counts.values() if exponential(leaf)) > 1:
        return None  # E*exp(2) is exp(3), exp(2)**2 is exp(4): SymPy's Mul and Pow decide
    factors = []
    roots = 0
    for leaf, n in counts.values():
        if n > 1 and type(leaf) not in _POWERED:
            return None  # (constants.power builds these as to_sympy does; pi**2 and others: not here)
        if type(leaf) is sp.Pow:
            roots += 1
            if roots > 1:
                return None  # sqrt(2)*sqrt(3) is sqrt(6)
        factors.append(power(leaf, n))
    if len(factors) > 1:
        factors.sort(key=lambda f: key_by_id(f, keys))
    return factors


def term(r: sp.Rational, factors: list[sp.Expr]) -> sp.Expr:
    """r times the monomial: convert.mul's Mul(r, *factors), or the monomial alone for r = 1."""
    if r is sp.S.One:
        return factors[0] if len(factors) == 1 else _from_mul(tuple(factors), True)
    return _from_mul((r, *factors), True)


def constants_route(expr: sp.Expr, x: sp.Symbol, a: sp.Rational, order: int) -> tuple | None:
    """onevar_sums' route (onevar_products) for the shapes onevar.taylor does not send there: an
    irrational square root (sqrt(1 + (x + 3)**2) at 3/2) without a function away from 0, a lone
    function of an argument with an irrational constant (cos(log(1 + x**2)) at 1), a product of
    factors with offset functions (log(1 + x**2)*log(2 + x**4) at -1/3: ``offsets``)."""
    from . import onevar_sums  # (it imports this module)

    kind = type(expr)
    if kind is sp.Add or kind is sp.Mul:
        if onevar_sums.candidate(expr, a) or onevar_sums.nested(expr, a):
            return None  # onevar.taylor asked onevar_sums already, or it would refuse (an irrational argument)
    elif kind in CYCLES:  # cos(log(1 + x**2)) at 1: an argument with an offset only
        if not has_offset(expr._args[0]):
            return None
    elif kind is not sp.Pow:
        return None
    if not any(cycle_places(term) or type(term) is sp.Mul and onevar_sums.OFFSET_PRODUCTS and offsets(term)
               for term in (expr._args if kind is sp.Add else (expr,))):
        return None
    return onevar_sums.taylor(expr, x, a, order)


def offsets(term: sp.Expr) -> bool:
    """Whether a product has two factors or more with an offset function (log(1 + x**2)*log(2 + x**4)),
    or other than r*term has one that is itself an offset function (1/(1 + x**2)*log(1 + 9*x**2) at -1/3):
    onevar_sums takes each as a rational series plus its irrational constant (``term_parts``). The walk
    refuses both (its ``shifted``: walk_doomed), which sent them to onevar_constants; a factor whose
    offset is rational (log(1 + x**2) at 0) is the walk's series again, a refused one says None there."""
    count = 0
    lone = False
    functions = False  # (for one offset factor) another factor holds a function: erf(2*x) at 1
    for factor in term._args:
        if not factor.is_Rational:
            if has_offset(factor):
                count += 1
                lone = type(factor) in _OFFSET_CLASSES
            elif not functions:
                functions = _has_function(factor)
    if count == 1:
        # (the other factors rational functions of x: their walk gives a rational series; erf(2*x) or
        # 1/(1 + sin(x)**2) would raise away from 0 after the offset's walk, ~7 us lost: not asked)
        args = term._args
        return lone and not functions and not (len(args) == 2 and args[0].is_Rational)
    return count > 1


def _has_function(e: sp.Expr) -> bool:
    stack = [e]
    while stack:
        node = stack.pop()
        if node.is_Function:
            return True
        stack.extend(node._args)
    return False
