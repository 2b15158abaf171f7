"""One walk of an expression at the origin: survey.survey's facts, and what mv_origin.py needs (issue 9).

expand() at 0 in several variables walks the expression once: for survey.Survey (the guard's and the
series engine's facts, the very ones survey.survey finds: the same nodes met in the same order, left
to right and depth first, each compound node once) and, on the way, for each compound node its
variables (a bit mask), the one form they enter through (mv_origin.py) and its value at 0, rational.
Where that value is not rational, or a node has no rational series there (a parameter, erf, cosh(y + 1),
log(2 + x), sqrt(x + y), 1/x), the walk stops tracking them and finishes the survey alone: a declined
expansion costs the series engine no second walk.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> surveyed, walk = survey_at_origin(sp.atan(x + y) + sp.log(1 + y**2), [x, y])
>>> surveyed == survey(sp.atan(x + y) + sp.log(1 + y**2)), walk is not None
(True, True)
>>> survey_at_origin(sp.erf(y + 1) * sp.sin(x), [x, y])[1] is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import comb, isqrt

import sympy as sp
from flint import fmpz

from .mv_forms import _AT_ZERO
from .survey import _EXACT_TYPES, _FUNCTION, _GAMMA as _GAMMA_KIND, _POWER, _SUM, Survey, _kind, _tame_power, survey

MIXED = object()  # a node whose variables enter through more than one form
# A node in one variable whose value at 0 is not rational (cosh(y + 1), log(1 + (z + 1)**2)): the
# one-variable path gives its coefficients (mv_origin.py); and a product of one such node with nodes
# in the other variables, or a sum of such nodes and others, allowed as the whole expression only
OPAQUE, PRODUCT, SUM = object(), object(), object()
# erf(L) of a form vanishing at 0 (2/sqrt(pi) times a rational series: mv_origin_erf.py), and a product
# of one such node with nodes of rational series: the whole expression only
# or a sum of such nodes and nodes of rational series (ESUM)
ERF, SCALED, ESUM = object(), object(), object()
MAX_TERMS = 40  # terms of one power of a linear form (mv_origin.py): past it FLINT's polynomials are faster (measured)
_Add, _Mul, _Pow, _log, _erf = sp.Add, sp.Mul, sp.Pow, sp.log, sp.erf
_ONE_AT_ZERO = frozenset((sp.exp, sp.cos, sp.cosh))
_NO = (0, None, None)  # a node met after the tracking stopped

# A node's class -> what the walk does with it, survey's kind and the origin's case in one code: a sum,
# a product, a power; then survey's other sums and powers, the functions (rational at 0: f(0) = 0, 1, log;
# another of survey's exact types; any other), gamma and polygamma, the rest (not plain)
_ADD, _MUL, _POW, _SUMLIKE, _POWLIKE, _F0, _F1, _LOG, _FUNCX, _FUNC, _GAMMA, _OTHER = range(12)
_CODES: dict[type, int] = {}


def _code(cls: type) -> int:
    kind = _kind(cls)
    if kind == _SUM:
        code = _ADD if cls is _Add else _MUL if cls is _Mul else _SUMLIKE
    elif kind == _POWER:
        code = _POW if cls is _Pow else _POWLIKE
    elif kind == _FUNCTION:
        if cls not in _EXACT_TYPES:
            code = _FUNC
        elif cls in _AT_ZERO:
            code = _F1 if cls in _ONE_AT_ZERO else _F0
        else:
            code = _LOG if cls is _log else _FUNCX
    elif kind == _GAMMA_KIND:
        code = _GAMMA
    else:
        code = _OTHER
    if len(_CODES) < 1000:
        _CODES[cls] = code
    return code


def survey_at_origin(expr: sp.Expr, variables: Sequence[sp.Symbol], k: int = 0) -> tuple[Survey, Walk | None]:
    """``survey(expr)``, and the walk where every node has a rational value and series at 0 (else None).

    ``k``: the order, where a linear form whose k-th power has more than MAX_TERMS terms stops the walk."""
    walk, ok = walk_at_origin(expr, variables, k)
    if walk is None:
        return survey(expr), None
    return walk.survey(), walk if ok else None


def walk_at_origin(expr: sp.Expr, variables: Sequence[sp.Symbol], k: int = 0) -> tuple[Walk | None, bool]:
    """(the walk, or None where the expression is too deep for it; whether mv_origin.py may use it). Its
    ``survey()`` is survey(expr), made only where asked (a fresh symbol's hash costs ~2 us)."""
    walk = Walk(variables)
    walk.k = k
    try:
        if expr._args:
            walk.visit(expr)
        elif expr.is_Symbol:
            walk.symbols[id(expr)] = expr
            walk.ok = walk.ok and walk.symbol(expr) is not None
        elif not expr.is_Rational:
            walk.exact = walk.ok = False
    except RecursionError:  # (a deep expression: survey's own walk has no recursion)
        return None, False
    return walk, walk.ok and walk.tame  # (not tame: the guard's check_point first)


class Walk:
    """The survey's facts, and per compound node (by id) its (mask, form, value) while ``ok``."""

    __slots__ = ("variables", "ids", "index", "own", "shapes", "ok", "functions", "symbols", "plain", "tame",
                 "exact", "k")

    def __init__(self, variables: Sequence[sp.Symbol]) -> None:
        self.variables = variables
        self.ids = {id(v): i for i, v in enumerate(variables)}
        self.index: dict | None = None  # v -> i, made where a symbol is not one of the variables' objects
        self.own = list(variables)  # the expression's own symbol objects (expand() names variables by them)
        self.shapes: dict[int, tuple] = {}  # id(node) -> (mask, form, value); every node is alive in expr
        self.ok = True
        self.functions: list = []
        self.symbols: dict = {}  # id -> symbol, in the order met (survey's set, made by ``survey()``)
        self.plain = self.tame = self.exact = True

    def survey(self) -> Survey:
        """survey.survey(expr)'s answer: the same facts, its set of symbols filled in the same order."""
        return Survey(self.functions, set(self.symbols.values()), self.plain, self.tame, self.exact)

    def symbol(self, node: sp.Expr) -> int | None:
        """The variable's index of a symbol met, None for a parameter (or a second object of one variable)."""
        i = self.ids.get(id(node))
        if i is None:  # an equal symbol of another object
            if self.index is None:
                self.index = {v: j for j, v in enumerate(self.variables)}
            i = self.index.get(node)
            if i is None or self.own[i] is not self.variables[i]:
                return None
            self.own[i] = node
            self.ids[id(node)] = i
        return i

    def visit(self, node: sp.Expr) -> tuple:  # noqa: C901 - survey's facts, then the node's own
        found = self.shapes.get(id(node))
        if found is not None:  # (survey walks each compound node object once)
            return found
        args = node._args
        cls = type(node)
        code = _CODES.get(cls)
        if code is None:
            code = _code(cls)
        # survey.survey's facts
        if code >= _F0:
            if code <= _FUNC:
                self.functions.append(node)
                if code == _FUNC and self.exact:
                    self.exact = False
            elif code == _GAMMA:
                self.functions.append(node)
                self.tame = False
            else:
                self.plain = False
        elif code == _POW or code == _POWLIKE:
            if self.tame:
                self.tame = _tame_power(node)
            if self.exact and not args[1].is_Integer:
                self.exact = False
        if not self.ok:
            return self._survey(node, args)
        mask, form, value = 0, None, None
        opaque = None  # an argument in one variable with an irrational value, if any
        omask = 0  # their variables
        count = 0  # how many; -1: a PRODUCT among them, or two in one variable
        scaled = None  # an ERF argument of a product
        funcs, fmask = 0, 0  # arguments that are a function of a form (not the form itself), their variables
        for arg in args:
            if arg._args:
                m, f, v = self.visit(arg)
                if not self.ok:
                    return self._survey(node, args, arg)
                if f is ERF or f is SCALED or f is ESUM:
                    if f is ESUM or not (code == _ADD or code == _MUL and f is ERF and scaled is None):
                        self.ok = False
                        return self._survey(node, args, arg)
                    scaled = arg
                    mask |= m
                    continue
                if f is OPAQUE or f is PRODUCT or f is SUM:
                    count = -1 if f is not OPAQUE or omask & m or count < 0 else count + 1
                    opaque, omask = arg, omask | m
                    continue
            elif arg.is_Symbol:
                i = self.ids.get(id(arg))
                if i is None:
                    i = self.symbol(arg)
                    if i is None:  # a parameter
                        self.ok = False
                        return self._survey(node, args)
                self.symbols[id(arg)] = arg
                m, f, v = 1 << i, arg, 0
            elif arg.is_Rational:  # (a power's exponent: read below)
                if value is None or code == _ADD or code == _MUL:
                    v = arg.p if arg.q == 1 else Fraction(arg.p, arg.q)
                    value = v if value is None else value + v if code == _ADD else value * v
                continue
            else:  # pi, E, a float
                self.ok = False
                return self._survey(node, args)
            if value is None:
                value = v
            elif code == _ADD:
                value += v
            elif code == _MUL:
                value *= v
            mask |= m
            if f is not None and (f is not arg or f.is_Add):
                funcs += 2 if f is MIXED or f.is_Add else 1  # (a linear form: several terms, each variable's)
                fmask |= m
            if f is not None and f is not form:
                form = f if form is None else MIXED
        if scaled is not None:
            if opaque is not None:
                self.ok = False
                self.shapes[id(node)] = _NO
                return _NO
            found = self.shapes[id(node)] = (mask, SCALED if code == _MUL else ESUM, None)
            return found
        if opaque is not None:
            whole = mask | omask
            if not whole & (whole - 1) and (code <= _POW or code == _F0 or code == _F1 or code == _LOG):
                # cosh(y + 1)*y, exp(cosh(y + 1)): one variable, its own path
                found = self.shapes[id(node)] = (whole, OPAQUE, None)
                return found
            if count > 0 and not omask & mask and (code == _MUL and count == 1 or code == _ADD) \
                    or code == _MUL and count == 1 and (not funcs or funcs == 1 and fmask & ~omask):
                # (sharing the opaque node's variable: the other factors are monomials times at most one
                # function of a monomial m holding another variable: m**j's exponents differ in that one,
                # so each term of the product comes from one pair of terms; cosh(y + 1)*sin(x*y))
                # cosh(y + 1)*sin(x*z), cosh(y + 1) + sin(x*z): each opaque part's variable in no other part
                found = self.shapes[id(node)] = (whole, PRODUCT if code == _MUL else SUM, None)
                return found
            self.ok = False
            self.shapes[id(node)] = _NO
            return _NO
        # the node's value at 0 from its arguments' (a power's: its base's), where it is rational and its
        # series is; else None
        if code == _ADD or code == _MUL:
            if form is MIXED and (_linear(node) if code == _ADD else _monomial(node)):
                form = node  # x + 2*y, 3*x*y**2: a form itself
                if code == _ADD and comb(bin(mask).count("1") + self.k - 1, self.k) > MAX_TERMS:
                    value = None  # (l**k's terms in Python dicts: FLINT's walk is faster, mv_origin.py)
        elif code == _POW:
            e = args[1]
            if not e.is_Rational or abs(e.p) > 9 * e.q:  # (expansion._unrefusable's bound)
                value = None
            else:
                value = _power(value, e.p, e.q)
                if form is MIXED and _monomial(node):
                    form = node  # (x*y)**2
        elif code == _F0 or code == _F1:
            value = None if value or len(args) != 1 else code - _F0  # cosh(y + 1): an irrational value
        elif code == _LOG:
            value = 0 if value == 1 and len(args) == 1 else None  # log(2 + x): None
        elif cls is _erf and value == 0 and len(args) == 1 and form is not None and form is not MIXED \
                and (form is args[0] or _monomial(args[0])):
            found = self.shapes[id(node)] = (mask, ERF, None)  # erf(x + y): 2/sqrt(pi) times a rational series
            return found
        else:
            value = None  # a function with no rational series here
        if value is None:
            if mask and not mask & (mask - 1) and (code <= _POW or code == _F0 or code == _F1 or code == _LOG) \
                    and (code != _POW or args[1].is_Rational and abs(args[1].p) <= 9 * args[1].q):
                found = self.shapes[id(node)] = (mask, OPAQUE, None)  # cosh(y + 1), log(2 + z)
                return found
            self.ok = False
            self.shapes[id(node)] = _NO
            return _NO
        found = self.shapes[id(node)] = (mask, form, value)
        return found

    def _survey(self, node: sp.Expr, args: tuple, after: sp.Expr | None = None) -> tuple:
        """The rest of survey's walk of ``node``'s arguments (past ``after``, walked), the tracking stopped."""
        if after is not None:
            args = args[_position(args, after) + 1:]
        for arg in args:
            if arg._args:
                self.visit(arg)
            elif arg.is_Symbol:
                self.symbols[id(arg)] = arg
            elif self.exact and not arg.is_Rational:
                self.exact = False
        self.shapes[id(node)] = _NO
        return _NO

def _position(args: tuple, after: sp.Expr) -> int:
    """The position of the very object ``after`` among ``args``."""
    for i, arg in enumerate(args):
        if arg is after:
            return i
    raise ValueError(after)


def _power(v: int | Fraction, p: int, q: int) -> int | Fraction | None:
    """v**(p/q) where it is rational and the series of the power is (v > 0 for q > 1, v != 0 for p < 0)."""
    if q == 1:
        if p >= 0:
            return v ** p
        if not v:
            return None
        w = v ** -p
        return w if w == 1 or w == -1 else Fraction(1) / w
    if not v > 0:
        return None  # sqrt(x + y), the root of a negative number
    if type(v) is int:
        r = _root(v, q)
        if r is None:
            return None
        return r ** p if p >= 0 else 1 if r == 1 else Fraction(1, r ** -p)
    a, b = _root(v.numerator, q), _root(v.denominator, q)
    return None if a is None or b is None else Fraction(a, b) ** p


def _root(v: int, m: int) -> int | None:
    r = isqrt(v) if m == 2 else int(fmpz(v).root(m))
    return r if r ** m == v else None


def _linear(node: sp.Expr) -> bool:
    """A sum r + q1 x1 + ... (shortcuts.affine's terms), every variable once (Add collects them)."""
    for arg in node._args:
        if arg.is_Mul:
            args = arg._args
            if len(args) != 2 or not args[0].is_Rational or not args[1].is_Symbol:
                return False
        elif not (arg.is_Symbol or arg.is_Rational):
            return False
    return True


def _monomial(node: sp.Expr) -> bool:
    """q * x**a * (y*z)**b ..., exponents natural numbers (mv_forms._monomial)."""
    if node.is_Pow:
        base, e = node._args
        return e.is_Integer and e.p > 0 and (base.is_Symbol or base.is_Mul and _monomial(base))
    for factor in node._args:
        if not (factor.is_Symbol or factor.is_Rational or factor.is_Pow and _monomial(factor)):
            return False
    return True
