"""Taylor expansions of f: R^n -> R about a point, to any order.

Method, chosen by measurement (benchmarks/run.py): each distinct partial
derivative D^a f is computed once on SymEngine, from its parent D^(a-e_i) f,
and evaluated exactly at the point; the coefficient is D^a f(p) / a!. That
beats both SymPy's ``series`` (seconds to minutes on exp(sin(x))) and a SymPy
loop over multi-indices by 100-1000x while keeping every coefficient exact.
Where f is not analytic at the point (a pole, a branch point, a point at
infinity) and there is one variable, SymPy's ``series`` gives the Laurent,
Puiseux or asymptotic series instead (``singular.series``): only if it holds
on both sides of the point, or on the one side asked for (``side``), or f is
real on one side only; the expansion's ``kind`` and ``side`` say which.

>>> expand("exp(x)", order=4).text
'1 + x + x**2/2 + x**3/6 + x**4/24'
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from .calculus import Differentiator, Expr, Variables, as_expression, describe_point, has_any
from .keyed import displacement
from .expansion_origin import ORDER as _ORIGIN_ORDER, at_origin, zeros as _zeros
from .expansion_polynomial import polynomial as _polynomial
from .errors import InputError, LimitError, MathError
from .guard import MAX_DIGITS, check_point, check_size, not_real
from .expansion_input import point as _point, variables as _variables
from .singular import NotAnalytic, Series, kind_of, obstacles
from .singular import series as one_variable_series

_log = logging.getLogger(__name__)  # --debug: which engine gave the coefficients, and why

MAX_ORDER = 100
MAX_COEFFICIENTS = 20_000  # multi-indices examined
DEGREES = ("total", "each")

Powers = tuple[sp.Rational, ...]


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
    kind: str = "taylor"  # taylor, laurent, puiseux or asymptotic (singular.KINDS)
    side: str | None = None  # "+" or "-": the series holds for x > a or x < a only
    side_note: str = ""  # why one-sided when the user did not ask (f is real on one side only)
    # id -> (coefficient, its sort key) where the engine knew it (series/engine.py), for keyed.polynomial
    sort_keys: dict | None = field(default=None, repr=False, compare=False)
    # (coefficients, polynomial) where the polynomial was made with that very list (series/onevar_fused.py)
    made: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def one_sided(self) -> str | None:
        """``x -> 0+`` (and why, when nobody asked) for a one-sided series; None if two-sided."""
        if self.side is None:
            return None
        (v,) = self.variables
        return f"{v} -> {self.at[v]}{self.side}" + (f" ({self.side_note})" if self.side_note else "")

    @property
    def bases(self) -> list[sp.Expr]:
        """x_i - a_i for each variable (1/x at infinity)."""
        return [_base(v, self.at[v]) for v in self.variables]

    def monomial(self, powers: Powers) -> sp.Expr:
        return sp.Mul(*(b**p for b, p in zip(self.bases, powers)))

    @property
    def polynomial(self) -> sp.Expr:
        """The sum of the terms, the very objects ``sp.Add(*(c * monomial))`` gives (expansion_polynomial.py)."""
        made = self.made
        if made is not None and made[0] is self.coefficients:  # (a list replaced since: built again)
            return made[1]
        return _polynomial(self)

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
        """The polynomial, lowest degree first, in powers of (x - a); read back before it is returned."""
        from .render.layout import read_back
        return read_back(self.text_of(self.coefficients), self.polynomial)

    def term_texts(self) -> list[tuple[sp.Rational, str]]:
        return [(d, self.text_of(items)) for d, items in self.by_degree().items()]

    def text_of(self, items: Sequence[tuple[Powers, sp.Expr]], fmt: str = "str") -> str:
        """``items`` in order, as plain text (``fmt="str"``) or LaTeX, by SymPy's printers."""
        from .render.layout import series_text
        return series_text(self.variables, self.at, items, fmt)

    @property
    def at_infinity(self) -> bool:
        return any(a in (sp.oo, -sp.oo) for a in self.at.values())

    def remainder(self, fmt: str = "str") -> str:
        """The order term: O(x**5), O((x - 1)**5), O(1/x**5) or O(|h|**5)."""
        from .render.layout import remainder_text
        return remainder_text(self.variables, self.at, self.order, self.next_exponent, fmt)


def _base(v: sp.Symbol, a: sp.Expr) -> sp.Expr:
    # == sympifies and x - 0 builds an Add to give x back: a rational point skips both
    if a is sp.S.Zero:
        return v
    if a.is_Rational:
        return displacement(v, a)  # v - a, without Add.__new__ (keyed.py)
    if a == sp.oo:
        return 1 / v
    if a == -sp.oo:
        return -1 / v
    return v - a


_SIGNS = (sp.S.NegativeOne, sp.S.Zero, sp.S.One)


def _integer(n: int) -> sp.Integer:
    """``sp.Integer(n)``'s object without its cache (emptied by clear_cache): a singleton, or p set
    on Basic.__new__'s three fields (inlined: ~0.15 us instead of ~0.4)."""
    if -1 <= n <= 1:
        return _SIGNS[n + 1]
    value = _new(sp.Integer)
    value._assumptions, value._mhash, value._args, value.p = _INTEGER_ASSUMPTIONS, None, (), n
    return value


_new, _INTEGER_ASSUMPTIONS = object.__new__, sp.Integer.default_assumptions


def _factorial(powers: Sequence[int]) -> int:
    return math.prod(math.factorial(int(p)) for p in powers)


def _check_count(n: int, k: int, degree: str) -> None:
    """LimitError when order k in n variables keeps more than MAX_COEFFICIENTS multi-indices."""
    if degree == "total":
        count = math.comb(n + k, n)
        if count > MAX_COEFFICIENTS:
            raise LimitError(f"order {k} in {n} variables has {count:,} coefficients (limit {MAX_COEFFICIENTS:,})")
        return
    count = (k + 1) ** n
    if count > MAX_COEFFICIENTS:
        raise LimitError(f"order {k} in each of {n} variables has {count:,} coefficients (limit {MAX_COEFFICIENTS:,})")


def _indices(n: int, k: int, degree: str) -> list[tuple[int, ...]]:
    """Sorted variable-index tuples for every multi-index kept."""
    _check_count(n, k, degree)
    if degree == "total":
        return [idx for d in range(k + 1) for idx in itertools.combinations_with_replacement(range(n), d)]
    out = []
    for powers in itertools.product(range(k + 1), repeat=n):
        out.append(tuple(i for i, p in enumerate(powers) for _ in range(p)))
    return sorted(out, key=len)


def _kink(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> str | None:
    """Why f is not smooth at the point, if one of its pieces is not (singular.obstacles)."""
    reasons = obstacles(expr, point)
    return reasons[0] if reasons else None


def _check_value(value: sp.Expr, index: Sequence[int], variables: Sequence[sp.Symbol]) -> None:
    # Asking SymPy `is_real` costs milliseconds per value: only f(a) itself is asked
    # (asin(2) stays unevaluated); derivatives of a real f that are not real show an I.
    if has_any(value, _UNDEFINED, (sp.DiracDelta, sp.AccumBounds)) or not index and not_real(value):
        what = "f" if not index else "d^%d f/%s" % (len(index), "".join(f"d{variables[i]}" for i in index))
        raise NotAnalytic(f"{what} is undefined or not real there")


_UNDEFINED = frozenset(map(id, (sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I)))


def _unrefusable(surveyed: object, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Whether ``check_point(expr, point)`` cannot refuse, from ``survey(expr)`` (series/engine.py) alone.

    check_point refuses a power or gamma whose float estimate overflows and whose digits
    (guard._digits: |e| log10|b| for b**e) exceed MAX_DIGITS. With no gamma or polygamma,
    every exponent a rational of size at most 9 (``tame``) and every base's estimate finite
    (a rational coordinate or number of at most 1000 bits is; an estimate that overflows is
    dropped, None, before its parent sees it), |e| log10|b| <= 9 * 308.3 < MAX_DIGITS: no
    power is refused. (tests/test_expansion_guard.py checks both ways on random expressions.)
    """
    if surveyed is None or not surveyed.tame or MAX_DIGITS < 2800:
        return False
    for a in point.values():
        if not (isinstance(a, sp.Rational) and abs(a.p).bit_length() <= 1000 and a.q.bit_length() <= 1000):
            return False
    return True


def _survey(expr: sp.Expr) -> object:
    """series.engine.survey(expr), or None where the series engine is not installed."""
    engine = _ENGINE or _load_engine()
    return None if isinstance(engine, ImportError) else engine[2](expr)


def _taylor(expr: sp.Expr, variables: list[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
            order: int, degree: str, arithmetic: bool = True, surveyed: object = None,
            keys: dict | None = None) -> list[tuple[Powers, sp.Expr]]:
    """The coefficients, by series arithmetic where it applies, else (or ``arithmetic=False``) by derivatives.

    ``surveyed``: series.engine.survey(expr) if the caller has it (one walk serves the guard and the engine).
    """
    n = len(variables)
    if surveyed is None:
        surveyed = _survey(expr)
    try:
        if not _unrefusable(surveyed, point):
            check_point(expr, point)
        if order >= 0:
            _check_count(n, order, degree)
    except (MathError, LimitError):  # not analytic there says more than too large
        why = _kink(expr, point)
        if why:
            raise NotAnalytic(why) from None
        raise
    # The arithmetic refuses every piece obstacles() names (a kink or jump has no recurrence;
    # a branch point or log at a zero of its argument is a power or log of a series that
    # vanishes at the point): where it succeeds there is none, so they are looked for after.
    found = _arithmetic(expr, variables, point, order, degree, surveyed, keys) if arithmetic else None
    if found is not None:
        return found
    why = _kink(expr, point)
    if why:
        raise NotAnalytic(why)
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


_ENGINE: list = []  # [taylor_coefficients, Unsupported, survey] once imported (an import statement costs 1.4 us a call)


def _load_engine() -> list | ImportError:
    try:
        from .series.engine import survey, taylor_coefficients
        from .series.tps import Unsupported
        _ENGINE[:] = [taylor_coefficients, Unsupported, survey]
        return _ENGINE
    except ImportError as missing:
        return missing


def _arithmetic(expr: sp.Expr, variables: list[sp.Symbol], point: dict[sp.Symbol, sp.Expr],
                order: int, degree: str, surveyed: object = None,
                keys: dict | None = None) -> list[tuple[Powers, sp.Expr]] | None:
    """The coefficients by truncated power series (taylorcli.series), or None where they do not apply.

    They are the very objects the derivative engine gives (tests/test_series_engine.py);
    None sends the caller to that engine, and --debug says why.
    """
    engine = _ENGINE or _load_engine()
    if isinstance(engine, ImportError):  # python-flint not installed: the derivative engine does it all
        _log.debug("expansion: derivative engine (series arithmetic unavailable: %s)", engine)
        return None
    taylor_coefficients, Unsupported = engine[:2]

    def vet(powers: tuple[int, ...], part: sp.Expr) -> None:
        if not part.is_Rational:
            _check_value(part, tuple(i for i, p in enumerate(powers) for _ in range(p)), variables)
        check_size(part, "a coefficient")

    try:
        found = taylor_coefficients(expr, variables, point, order, degree, vet, surveyed, keys)
    except Unsupported as why:
        _log.debug("expansion: derivative engine (series arithmetic does not apply: %s)", why)
        return None
    _log.debug("expansion: series arithmetic (truncated power series)")
    return found


def _laurent(expr: sp.Expr, x: sp.Symbol, a: sp.Expr, order: int, side: str | None,
             infinite: bool) -> Series | None:
    """A Laurent series with rational coefficients by valuation (taylorcli.series.laurent), or None.

    Two-sided only: a Laurent series with real coefficients holds on both sides of the
    point, as SymPy's route (singular.series) would find by comparing them; the rest,
    and whatever the arithmetic cannot reach, is left to that route.
    """
    if infinite or side is not None or not a.is_Rational or order < 0:
        return None  # (below order 0 SymPy's series, with n <= 0, can refuse: the route decides)
    try:
        from .series.laurent import laurent
        from .series.tps import Unsupported
    except ImportError:
        return None
    try:
        found = laurent(expr, x, a, order)
    except Unsupported as why:
        _log.debug("expansion: series side by side (the two-sided Laurent arithmetic does not apply: %s)", why)
        return None
    _log.debug("expansion: Laurent series by valuation (series arithmetic)")
    # No numeric check here (it was 90% of sinh(x)/x: four 60-digit evaluations): this is the
    # Taylor engine's exact arithmetic with an integer valuation, no branch or side to choose,
    # and it is tested against SymPy's series and mpmath (tests/test_series_laurent.py). The
    # check stays on the routes through SymPy's series and on fractional powers and logs.
    return Series(found, sp.Integer(order + 1), kind_of(found, False), None)


def _one_variable(expr: sp.Expr, x: sp.Symbol, at: Mapping | str | Sequence | None, order: int,
                  degree: str) -> Expansion | None:
    """The expansion by the lean one-variable path (series/onevar.py) at a rational point, or None.

    None (an irrational point or coefficient, anything the path cannot promise) leaves
    it to the full path below, which gives the very same object where both apply.
    """
    modules = _ONEVAR or _load_onevar()
    if not modules:
        return None
    onevar, univariate, values = modules
    if at is None:
        a = sp.S.Zero
    elif isinstance(at, str):
        a = onevar.plain_rational(at)
        if a is None:
            return None
    elif isinstance(at, (list, tuple)) and len(at) == 1 and isinstance(at[0], sp.Rational):
        a = at[0]
    else:
        return None
    keys: dict = {}  # sort keys of the coefficient sums (keyed.polynomial), and the walks shared
    polynomial: list = []  # the polynomial, where onevar.taylor made it with the list (series/onevar_fused.py)
    # series/scope.py's enter(keys) ... leave(), inlined (three module stores each way, no calls)
    univariate._SHARING, univariate._LAST, values.SINK = univariate.SHARE, None, keys
    try:
        found = onevar.taylor(expr, x, a, order, polynomial)
    finally:
        univariate._SHARING, univariate._LAST, univariate._FAILED, values.SINK = False, None, None, None
    if found is None:
        return None
    coefficients, own = found
    if own is not None:
        x = own  # the expression's own symbol object, as expand() picks it
    _log.debug("expansion: series arithmetic (one variable, rational series at a rational point)")
    # Expansion(expr, [x], {x: a}, order, degree, coefficients, "derivatives", _integer(order + 1), "",
    # sort_keys=keys or None, made=...)'s object: its fields set at once (the dataclass' __init__: ~0.3 us more)
    out = _new(Expansion)
    out.__dict__ = {"expression": expr, "variables": [x], "at": {x: a}, "order": order, "degree": degree,
                    "coefficients": coefficients, "method": "derivatives", "next_exponent": _integer(order + 1),
                    "reason": "", "kind": "taylor", "side": None, "side_note": "", "sort_keys": keys or None,
                    "made": (coefficients, polynomial[0]) if polynomial else None}
    return out


def _at_origin(expr: sp.Expr, order: int, coefficients: list, polynomial: sp.Expr | None,
               own: list[sp.Symbol]) -> Expansion:
    """The Expansion of expansion_origin.at_origin's answer (the dataclass' __init__, its fields set at
    once: see _one_variable)."""
    zero = sp.S.Zero
    out = _new(Expansion)
    out.__dict__ = {"expression": expr, "variables": own, "at": {v: zero for v in own}, "order": order,
                    "degree": "total", "coefficients": coefficients, "method": "derivatives",
                    "next_exponent": _integer(order + 1), "reason": "", "kind": "taylor", "side": None,
                    "side_note": "", "sort_keys": None,
                    "made": None if polynomial is None else (coefficients, polynomial)}
    return out


_ONEVAR: list = []  # [series.onevar, series.univariate, series.onevar_values] once imported (python-flint may be missing)


def _load_onevar() -> list:
    try:
        from .series import onevar, onevar_values, univariate
    except ImportError:
        return []
    _ONEVAR[:] = [onevar, univariate, onevar_values]
    return _ONEVAR


def expand(f: Expr, variables: Variables = None, at: Mapping | str | Sequence | None = None,
           order: int = 2, degree: str = "total", side: str | None = None) -> Expansion:
    """The Taylor expansion of ``f`` about ``at`` (default 0) up to ``order``.

    ``degree="total"`` keeps monomials of total degree <= order; ``"each"``
    keeps those whose every exponent is <= order. With one variable, a pole,
    branch point or ``oo`` gives a Laurent, Puiseux or asymptotic series, whose
    terms have exponent <= order. Such a series must hold on both sides of
    the point (else ``NotAnalytic`` says why), unless ``side`` ("+" or "-")
    asks for the one for x > a or x < a, or f is real on one side only; the
    expansion's ``side`` then says which.

    >>> expand("x**2*y + exp(x)", at="1,2", order=2).text
    '2 + E + (E + 4)*(x - 1) + (y - 2) + (E/2 + 2)*(x - 1)**2 + 2*(x - 1)*(y - 2)'
    >>> expand("1/sin(x)", order=3).text
    '1/x + x/6 + 7*x**3/360'
    """
    expr = as_expression(f)
    symbols = _variables(expr, variables)
    if len(symbols) == 1 and side is None and type(order) is int and 0 <= order <= MAX_ORDER and degree in DEGREES:
        found = _one_variable(expr, symbols[0], at, order, degree)
        if found is not None:
            return found
    surveyed = None
    if len(symbols) > 1 and side is None and type(order) is int and 0 <= order <= _ORIGIN_ORDER \
            and degree == "total" and (at is None or _zeros(at, len(symbols))):
        # one walk for survey's facts and, where every node has a rational series at 0, the expansion
        found, surveyed = at_origin(expr, symbols, order, MAX_COEFFICIENTS)
        if found is not None:
            return _at_origin(expr, order, *found)
    # The expression's own (equal) symbol objects: a lookup by identity skips Basic.__eq__.
    # (Its survey's symbols are its free symbols where nothing binds one: one walk for both.)
    if surveyed is None:
        surveyed = _survey(expr)
    found = surveyed.symbols if surveyed is not None and surveyed.plain else expr.free_symbols
    ids = set(map(id, found))  # (most often each is that very object: no Symbol.__hash__, Python code, per lookup)
    if not all([id(v) in ids for v in symbols]):
        own = {s: s for s in found}
        symbols = [own.get(v, v) for v in symbols]
    if degree not in DEGREES:
        raise InputError(f"degree must be 'total' or 'each', got {degree!r}")
    if not isinstance(order, int) or isinstance(order, bool):
        raise InputError(f"order must be a whole number, got {order!r}")
    if order > MAX_ORDER:
        raise LimitError(f"order {order} is too high (limit {MAX_ORDER})")
    if order < -MAX_ORDER:
        raise LimitError(f"order {order} is too low (limit -{MAX_ORDER})")
    point = _point(at, symbols)
    infinite = [v for v, a in point.items() if not a.is_Rational and a in (sp.oo, -sp.oo)]
    if infinite and len(symbols) > 1:
        raise InputError("expansion at infinity needs a single variable")
    if side is not None and len(symbols) > 1:
        raise InputError("--side gives a one-sided series in one variable; the expression has "
                         f"{len(symbols)} variables")
    method, reason = "derivatives", ""
    next_exponent = _integer(order + 1)
    try:
        if infinite:
            raise NotAnalytic("the point is at infinity")
        keys: dict = {}  # sort keys the engine knows (keyed.polynomial)
        coefficients = _taylor(expr, symbols, point, order, degree, surveyed=surveyed, keys=keys)
    except NotAnalytic as error:
        if len(symbols) > 1:
            raise NotAnalytic(f"{expr} is not analytic at {describe_point(point)}: {error}") from None
        (x,) = symbols
        reasons = obstacles(expr, point) if not infinite else []
        found = _laurent(expr, x, point[x], order, side, bool(infinite)) \
            or one_variable_series(expr, x, point[x], order, side, reasons[0] if reasons else "")
        if any(c.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.DiracDelta, sp.AccumBounds) for _, c in found.items):
            raise NotAnalytic(f"the series of {expr} at {describe_point(point)} has an undefined coefficient")
        coefficients = [((e,), c) for e, c in found.items]
        return Expansion(expr, symbols, point, order, degree, coefficients, "series", found.next_exponent,
                         str(error), found.kind, found.side, found.note)
    return Expansion(expr, symbols, point, order, degree, coefficients, method, next_exponent, reason,
                     sort_keys=keys or None)
