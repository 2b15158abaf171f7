"""Taylor expansions of f: R^n -> R about a point, to any order.

Method, chosen by measurement (benchmarks/run.py): each distinct partial
derivative D^a f is computed once on SymEngine, from its parent D^(a-e_i) f,
and evaluated exactly at the point; the coefficient is D^a f(p) / a!. That
beats both SymPy's ``series`` (seconds to minutes on exp(sin(x))) and a SymPy
loop over multi-indices by 100-1000x while keeping every coefficient exact.
Where f is not analytic at the point (a pole, a branch point, a point at
infinity) and there is one variable, SymPy's ``series`` gives the Laurent,
Puiseux or asymptotic series instead.

>>> expand("exp(x)", order=4).text
'1 + x + x**2/2 + x**3/6 + x**4/24'
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import PoleError

from .calculus import Differentiator, Expr, Variables, as_expression, describe_point
from .convert import add, mul
from .errors import InputError, LimitError, MathError
from .guard import check_point, check_size
from .parse import parse_point, resolve_variables

MAX_ORDER = 100
MAX_COEFFICIENTS = 20_000  # multi-indices examined
DEGREES = ("total", "each")

Powers = tuple[sp.Rational, ...]


class NotAnalytic(MathError):
    """f has no Taylor polynomial at the point; ``reason`` says why."""


@dataclass
class Expansion:
    """A Taylor (or Laurent/Puiseux/asymptotic) expansion.

    ``coefficients`` maps powers (one exponent per variable, of x_i - a_i, or
    of 1/x at infinity) to exact values; ``polynomial`` is their sum as a SymPy
    expression and ``text`` the same sum written lowest degree first.
    """

    expression: sp.Expr
    variables: list[sp.Symbol]
    at: dict[sp.Symbol, sp.Expr]
    order: int
    degree: str
    coefficients: list[tuple[Powers, sp.Expr]]
    method: str
    next_exponent: sp.Rational = field(default=sp.Integer(0))
    reason: str = ""  # why the series method was needed

    @property
    def bases(self) -> list[sp.Expr]:
        """x_i - a_i for each variable (1/x at infinity)."""
        return [_base(v, self.at[v]) for v in self.variables]

    def monomial(self, powers: Powers) -> sp.Expr:
        return sp.Mul(*(b**p for b, p in zip(self.bases, powers)))

    @property
    def polynomial(self) -> sp.Expr:
        # Built with convert.add/mul: the same objects as sp.Add(*(c * m)), without
        # re-flattening 165 already-collected products (half of an expansion's time).
        bases = self.bases
        terms = []
        for powers, c in self.coefficients:
            factors = [b**p for b, p in zip(bases, powers) if p]
            parts = list(c.args) if c.is_Mul else [c]
            terms.append(mul(parts + factors) if factors else c)
        return add(terms) if len(terms) > 1 else (terms[0] if terms else sp.Integer(0))

    def by_degree(self) -> dict[sp.Rational, list[tuple[Powers, sp.Expr]]]:
        """The coefficients grouped by total degree, lowest first."""
        grouped: dict[sp.Rational, list[tuple[Powers, sp.Expr]]] = {}
        for powers, c in self.coefficients:
            grouped.setdefault(sum(powers), []).append((powers, c))
        return grouped

    @property
    def terms(self) -> list[tuple[sp.Rational, sp.Expr]]:
        """(degree, sum of that degree's terms), lowest degree first."""
        return [(d, sp.Add(*(c * self.monomial(p) for p, c in items))) for d, items in self.by_degree().items()]

    @property
    def text(self) -> str:
        """The polynomial, lowest degree first, in powers of (x - a); parser-readable."""
        return self.text_of(self.coefficients)

    def term_texts(self) -> list[tuple[sp.Rational, str]]:
        return [(d, self.text_of(items)) for d, items in self.by_degree().items()]

    def text_of(self, items: Sequence[tuple[Powers, sp.Expr]], printer=sp.sstr) -> str:
        # Each base prints as one opaque symbol, so SymPy cannot distribute a
        # coefficient over x - 1 and the term stays in powers of (x - a).
        names = [_base_name(v, self.at[v], printer) for v in self.variables]
        placeholders = [sp.Symbol(name) for name in names]
        out = ""
        for powers, c in items:
            if self.at_infinity:  # the base -1/x carries a sign of its own
                c = c * self.monomial(powers)
            negative = c.could_extract_minus_sign()
            size = -c if negative else c
            if self.at_infinity:
                body = printer(size)
            else:
                mono = sp.Mul(*(s**p for s, p in zip(placeholders, powers)))
                rational, rest = size.as_coeff_Mul()
                if mono == 1 or rest == 1 or printer is not sp.sstr:
                    body = printer(size * mono)
                else:
                    # Coefficient first, then the monomial: 3*exp(2)*(y - 2)**2/2.
                    rest_text = f"({printer(rest)})" if isinstance(rest, sp.Add) else printer(rest)
                    factors = ([str(rational.p)] if rational.p != 1 else []) + [rest_text, printer(mono)]
                    body = "*".join(factors) + (f"/{rational.q}" if rational.q != 1 else "")
                for v, name in zip(self.variables, names):  # sqrt((x - 1)) -> sqrt(x - 1)
                    inner = printer(v - self.at[v])
                    body = body.replace(f"sqrt({name})", f"sqrt({inner})").replace(
                        rf"\sqrt{{{name}}}", rf"\sqrt{{{inner}}}")
            if not out:
                out = ("-" if negative else "") + body
            else:
                out += (" - " if negative else " + ") + body
        return out or "0"

    @property
    def at_infinity(self) -> bool:
        return any(a in (sp.oo, -sp.oo) for a in self.at.values())

    def remainder(self, printer=sp.sstr) -> str:
        """The order term: O(x**5), O((x - 1)**5), O(1/x**5) or O(|h|**5)."""
        latex = printer is sp.latex
        if len(self.variables) > 1:
            return rf"O\left(\|h\|^{{{self.order + 1}}}\right)" if latex else f"O(|h|**{self.order + 1})"
        (v,) = self.variables
        a, e = self.at[v], self.next_exponent
        if self.at_infinity:
            big = printer(v**e)  # ** binds tighter than /, so 1/x**4 needs no brackets
            term = rf"\frac{{1}}{{{big}}}" if latex else f"1/{big}"
        else:
            term = printer(sp.Symbol(_base_name(v, a, printer)) ** e)
        return rf"O\left({term}\right)" if latex else f"O({term})"


def _base(v: sp.Symbol, a: sp.Expr) -> sp.Expr:
    if a == sp.oo:
        return 1 / v
    if a == -sp.oo:
        return -1 / v
    return v - a


def _base_name(v: sp.Symbol, a: sp.Expr, printer=sp.sstr) -> str:
    if a == 0:
        return printer(v)
    if printer is sp.latex:
        return rf"\left({printer(v - a)}\right)"
    return f"({printer(v - a)})"


def _factorial(powers: Sequence[int]) -> int:
    return math.prod(math.factorial(int(p)) for p in powers)


def _indices(n: int, k: int, degree: str) -> list[tuple[int, ...]]:
    """Sorted variable-index tuples for every multi-index kept."""
    if degree == "total":
        count = math.comb(n + k, n)
        if count > MAX_COEFFICIENTS:
            raise LimitError(f"order {k} in {n} variables has {count:,} coefficients (limit {MAX_COEFFICIENTS:,})")
        return [idx for d in range(k + 1) for idx in itertools.combinations_with_replacement(range(n), d)]
    count = (k + 1) ** n
    if count > MAX_COEFFICIENTS:
        raise LimitError(f"order {k} in each of {n} variables has {count:,} coefficients (limit {MAX_COEFFICIENTS:,})")
    out = []
    for powers in itertools.product(range(k + 1), repeat=n):
        out.append(tuple(i for i, p in enumerate(powers) for _ in range(p)))
    return sorted(out, key=len)


_KINKS = (sp.Abs, sp.sign, sp.Heaviside, sp.DiracDelta)


def _kink(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> str | None:
    """Why f is not smooth at the point, if one of its pieces has a kink there."""
    for fn in expr.atoms(*_KINKS):
        if fn.args[0].xreplace(dict(point)) == 0:
            return f"{fn} is not differentiable where {fn.args[0]} = 0"
    for fn in expr.atoms(sp.Min, sp.Max):
        values = [arg.xreplace(dict(point)) for arg in fn.args]
        if len(set(values)) < len(values):
            return f"{fn} is not differentiable where its arguments are equal"
    return None


def _check_value(value: sp.Expr, index: Sequence[int], variables: Sequence[sp.Symbol]) -> None:
    # Asking SymPy `is_real` costs milliseconds per value: only f(a) itself is asked
    # (asin(2) stays unevaluated); derivatives of a real f that are not real show an I.
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.DiracDelta, sp.AccumBounds) \
            or not index and value.is_real is False:
        what = "f" if not index else "d^%d f/%s" % (len(index), "".join(f"d{variables[i]}" for i in index))
        raise NotAnalytic(f"{what} is undefined or not real there")


def _taylor(expr: sp.Expr, variables: list[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
            order: int, degree: str) -> list[tuple[Powers, sp.Expr]]:
    why = _kink(expr, point)
    if why:
        raise NotAnalytic(why)
    n = len(variables)
    check_point(expr, point)
    indices = _indices(n, order, degree) if order >= 0 else []
    # Repeated differentiation swells expressions (exp(sin(x)) to order 12): always the engine.
    d = Differentiator(expr, variables)

    def vetter(index: tuple[int, ...]) -> Callable[[sp.Expr], None]:
        def vet(part: sp.Expr) -> None:
            if not part.is_Rational:  # a rational is defined and real: only its size matters
                _check_value(part, index, variables)
            check_size(part, "a coefficient")
        return vet

    # Even for order < 0: is f analytic here? (Each distinct part of a value is vetted once.)
    f_at_point = d.value_at((), point, sp.Integer(1), vetter(()))
    coefficients = [((sp.Integer(0),) * n, f_at_point)] if indices and f_at_point != 0 else []
    for index in indices[1:]:
        powers = tuple(sp.Integer(index.count(i)) for i in range(n))
        value = d.value_at(index, point, sp.Rational(1, _factorial(powers)), vetter(index))
        if value != 0:
            coefficients.append((powers, value))
    # Lowest degree first, then x**2 before x*y before y**2 (plain ints: SymPy arithmetic is slow).
    coefficients.sort(key=lambda item: (sum(map(int, item[0])), [-int(p) for p in item[0]]))
    return coefficients


def _series(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int) -> tuple[list[tuple[Powers, sp.Expr]], sp.Rational]:
    """Laurent, Puiseux or asymptotic series from SymPy, exponents <= order."""
    t = sp.Dummy("t", positive=True)
    back = _base(x, a)
    g = expr.xreplace({x: 1 / t if a == sp.oo else -1 / t if a == -sp.oo else a + t})
    try:
        series = sp.series(g, t, 0, order + 1)
    except PoleError:  # an essential singularity, a jump, or beyond what SymPy's series knows
        raise MathError(f"no series of {expr} at {x}={a}: SymPy's series cannot expand it there") from None
    except (NotImplementedError, ValueError, TypeError, ZeroDivisionError) as error:
        raise MathError(f"no series of {expr} at {x}={a}: {error}") from None
    next_exponent = sp.Integer(order + 1)
    order_terms = [term for term in sp.Add.make_args(series) if isinstance(term, sp.Order)]
    if order_terms:
        next_exponent = order_terms[0].expr.as_coeff_exponent(t)[1]
    collected: dict[sp.Rational, sp.Expr] = {}
    for term in sp.Add.make_args(sp.expand(series.removeO())):
        c, e = term.as_coeff_exponent(t)
        if c.has(sp.Order):  # erf at oo: -(1/x + O(1/x**3))*exp(-x**2)/sqrt(pi), an O inside a product
            raise MathError(f"no series of {expr} at {x}={a}: SymPy's series holds terms it cannot order")
        if c.has(t):  # log(t) factors: put them back in terms of x
            c = c.xreplace({t: back})
        if not e.is_Rational:
            raise MathError(f"the series of {expr} at {x}={a} has a non-rational exponent {e}")
        if e > order:
            next_exponent = min(next_exponent, e)
            continue
        collected[e] = collected.get(e, 0) + c
    items = [((e,), sp.simplify(c) if c.has(sp.log) else c) for e, c in sorted(collected.items()) if c != 0]
    if any(c.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for _, c in items):  # atan(a/x) at 0 gives atan(zoo*a)
        raise MathError(f"no series of {expr} at {x}={a}: SymPy's series has an undefined coefficient")
    return items, next_exponent


def _point(at: Mapping | str | Sequence | None, variables: list[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    if at is None:
        return {v: sp.Integer(0) for v in variables}
    if isinstance(at, str):
        return parse_point(at, variables, allow_infinity=True)
    if isinstance(at, Mapping):
        by_name = {(k if isinstance(k, str) else k.name): v for k, v in at.items()}
        missing = [v.name for v in variables if v.name not in by_name]
        if missing:
            raise InputError(f"point gives no value for {', '.join(missing)}")
        return {v: as_expression(by_name[v.name]) for v in variables}
    values = list(at)
    if len(values) != len(variables):
        raise InputError(f"point has {len(values)} value(s) but there are {len(variables)} variable(s)")
    return {v: as_expression(value) for v, value in zip(variables, values)}


def expand(f: Expr, variables: Variables = None, at: Mapping | str | Sequence | None = None,
           order: int = 2, degree: str = "total") -> Expansion:
    """The Taylor expansion of ``f`` about ``at`` (default 0) up to ``order``.

    ``degree="total"`` keeps monomials of total degree <= order; ``"each"``
    keeps those whose every exponent is <= order. With one variable, a pole,
    branch point or ``oo`` gives a Laurent, Puiseux or asymptotic series, whose
    terms have exponent <= order.

    >>> expand("x**2*y + exp(x)", at="1,2", order=2).text
    '2 + E + (E + 4)*(x - 1) + (y - 2) + (E/2 + 2)*(x - 1)**2 + 2*(x - 1)*(y - 2)'
    >>> expand("1/sin(x)", order=3).text
    '1/x + x/6 + 7*x**3/360'
    """
    expr = as_expression(f)
    symbols = resolve_variables([expr], variables)
    if degree not in DEGREES:
        raise InputError(f"degree must be 'total' or 'each', got {degree!r}")
    if not isinstance(order, int) or isinstance(order, bool):
        raise InputError(f"order must be a whole number, got {order!r}")
    if order > MAX_ORDER:
        raise LimitError(f"order {order} is too high (limit {MAX_ORDER})")
    if order < -MAX_ORDER:
        raise LimitError(f"order {order} is too low (limit -{MAX_ORDER})")
    point = _point(at, symbols)
    infinite = [v for v, a in point.items() if a in (sp.oo, -sp.oo)]
    if infinite and len(symbols) > 1:
        raise InputError("expansion at infinity needs a single variable")
    method, reason = "derivatives", ""
    next_exponent = sp.Integer(order + 1)
    try:
        if infinite:
            raise NotAnalytic("the point is at infinity")
        coefficients = _taylor(expr, symbols, point, order, degree)
    except NotAnalytic as error:
        if len(symbols) > 1:
            raise NotAnalytic(f"{expr} is not analytic at {describe_point(point)}: {error}") from None
        (x,) = symbols
        coefficients, next_exponent = _series(expr, x, point[x], order)
        method, reason = "series", str(error)
    return Expansion(expr, symbols, point, order, degree, coefficients, method, next_exponent, reason)
