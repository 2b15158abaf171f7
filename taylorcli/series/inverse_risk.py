"""Where an inverse of a constant sum could make the derivative engine's object differ (issue 9).

A generator for 1/c, c a sum such as 1 + cosh(2)**2 or -2 + sqrt(2) (compose.Walker._inverse),
is a formal symbol g here: g**2 is built as SymEngine expands Pow(c, -2), the lone power
(1 + 2*cosh(2)**2 + cosh(2)**4)**(-1). The derivative engine gets that object too where each
term of its raw partial holds the powers of c as one factor: SymEngine's diff gives sums of
products of the expression's own nodes, and its Mul joins the powers of one base. Two
things make it differ:

* a sum that holds such an inverse (x/c + x, x + log(u)) standing where its partials are
  multiplied together (a factor of a product, a power's base, a function's argument):
  SymEngine's expand multiplies the sums' expanded terms, keeping (1 + cosh(2)**2)**(-2) or
  1/((1 + cosh(2)**2)*(1 + 2*cosh(2)**2 + cosh(2)**4)); a product of two factors with variables
  has such sums for partials too (the product rule: (A*B)' = A'*B + A*B'), sinh(log(1 + L**2)*atan(x))
  with L = log(1 + (x - y + 2*z)**2) irrational at the point;
* a sum whose value is irrational standing as a factor (c/(x + c), (x + c)/(x**2 + c)): Mul
  cancels c * c**(-1) where the arithmetic keeps sqrt(2)*g - 2*g.

``risky`` finds both shapes (conservatively: an inverse whose base may be a sum counts); the
engine then raises Unsupported and the derivative engine answers. Only expressions whose walk
made a generator that is a power of a sum are examined (``has_sum_power``).

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> risky((x / (1 + sp.log(2)) + x) ** 2, lambda node: None)
True
>>> risky(1 / (1 + sp.cosh(x) ** 2), lambda node: None)
False
"""

from __future__ import annotations

from collections.abc import Callable

import math

import symengine as se
import sympy as sp

# f(B) whose derivative holds an inverse of a sum of B: log(B) 1/B, atan(B) 1/(1 + B**2) ...
_RECIPROCAL_FUNCTIONS = (sp.log, sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh)
_FACTORIALS = [math.factorial(d) for d in range(20)]
_KINDS: dict[type, int] = {}  # a node's class -> 0: none of them, 1: log (a subclass of), 2: another


def has_sum_power(values: list) -> bool:
    """Whether a generator is a power of a sum, (1 + cosh(2)**2)**(-1), (-2 + sqrt(2))**(-1)."""
    return any(isinstance(v, se.Pow) and isinstance(v.args[0], se.Add) for v in values)


def sum_bases(values: list) -> set:
    """The sums whose powers are generators (``has_sum_power``'s), each Pow's args read once (~0.5 us a read)."""
    out = set()
    for v in values:
        if isinstance(v, se.Pow):
            base = v.args[0]
            if isinstance(base, se.Add):
                out.add(base)
    return out


def risky(expr: sp.Expr, irrational: Callable[[sp.Expr], bool | None],
          base_value: Callable[[sp.Expr, bool], bool | None] | None = None) -> bool:
    """Whether ``expr`` holds one of the two shapes above.

    ``irrational(node)``: whether the node's series has an irrational coefficient (True), has
    none (False), or is unknown (None, counted as irrational). ``base_value(node, value)``:
    whether one of the node's partials at the point (its value too if ``value``) is the base
    of a power of a sum among the generators (None: unknown, counted as True); None: any
    irrational sum counts. A node ``irrational`` does not know (a shortcut took its subtree
    whole) that is a polynomial with rational coefficients in variables at rational coordinates
    (``rational_polynomial``; the point from ``base_matcher``'s matcher) has a rational series:
    False (1 + (x + y)**2 in log(1 + (x + y)**2) at (1, 2): its inverse 1/10 is no sum).
    """
    point = getattr(base_value, "point", None)
    if point is not None:
        irrational = _knowing_polynomials(irrational, point)
    carries: dict[int, bool] = {}  # id -> whether the node holds an inverse of a sum that may be irrational

    def holds(node: sp.Expr) -> bool:
        key = id(node)
        found = carries.get(key)
        if found is None:
            found = _source(node, irrational)
            if not found:
                for a in node._args:
                    if not a.is_Atom and holds(a):  # (an atom is no source and has no arguments)
                        found = True
                        break
            carries[key] = found
        return found

    def cancels(node: sp.Expr, value: bool) -> bool:
        """Whether SymEngine's Mul may meet the node's value or a partial of it beside 1/c, c that value."""
        if base_value is None:
            return node.is_Add and value and irrational(node) is not False
        return base_value(node, value) is not False

    # (node, whether it enters linearly: through sums and rational multiples, whether its value
    # is no factor: B in 1/B, where its own powers meet; a function's argument, an exponent)
    stack = [(expr, True, False)]
    pop, push = stack.pop, stack.append
    while stack:
        node, linear, own = pop()
        if node.is_Atom:
            continue
        args = node._args
        if not linear and (node.is_Add or node.is_Mul or base_value is not None and not node.is_Pow
                           and args) and cancels(node, not own):
            # a factor (or a chain rule's factor: the partials of a function's argument, a power's
            # base) whose value is a sum c beside c**(-1): Mul cancels them, the arithmetic does not.
            # A function's partials are such factors wherever it stands: tan(x)**2 in 1/(1 + tan(x)**2)
            # has the partial 2*tan(x)*(1 + tan(x)**2), whose 1 + tan(1)**2 meets the inverted sum.
            return True
        if node.is_Add:
            if not linear and holds(node):
                return True
            for a in args:
                if not a.is_Atom:  # (an atom is skipped when popped)
                    push((a, linear, False))
        elif node.is_Mul:
            factors = [a for a in args if not a.is_Number]
            if not linear and len(factors) > 1 and holds(node) and sum(1 for a in factors if a.free_symbols) > 1:
                # the product rule makes its partials sums (A'B + AB'), as a sum's are: sinh(log(1 + L**2)*atan(x))
                return True
            stack.extend((a, linear and len(factors) == 1, False) for a in factors)
        elif node.is_Pow:
            base, e = args
            push((base, False, not (e.is_Integer and e.p >= 0)))
            push((e, False, True))
        else:  # a function's argument: its partials are factors (the chain rule), its value is not
            for a in args:
                if not a.is_Atom:
                    push((a, False, True))
    return False


def _knowing_polynomials(irrational: Callable[[sp.Expr], bool | None],
                         point: dict) -> Callable[[sp.Expr], bool | None]:
    """``irrational``, False where it does not know and the node is a rational polynomial at the point."""
    def known(node: sp.Expr) -> bool | None:
        found = irrational(node)
        if found is None and rational_polynomial(node, point):
            return False
        return found
    return known


def _source(node: sp.Expr, irrational: Callable[[sp.Expr], bool | None]) -> bool:
    """Whether the node's partials hold an inverse of a sum that may be irrational at the point."""
    if node.is_Pow:
        e = node.exp
        if e.is_Integer and e.p >= 0 or node.base.is_Number:
            return False
        base = node.base
    else:
        cls = type(node)
        kind = _KINDS.get(cls)
        if kind is None:  # (a class's kind once: isinstance over SymPy's classes costs ~1 us a call)
            kind = _KINDS[cls] = 1 if issubclass(cls, sp.log) else 2 if issubclass(cls, _RECIPROCAL_FUNCTIONS) else 0
        if not kind:
            return False
        base = node.args[0]
        if kind == 2:  # 1 + B**2, 1 - B**2: a sum wherever B is irrational
            return irrational(base) is not False
    if base.is_Add:
        return irrational(base) is not False
    if not base.free_symbols:  # log(2)**(-1), pi**(-1): no sum
        return False
    return irrational(base) is not False  # u(x) whose value may be a sum


def rational_polynomial(node: sp.Expr, point: dict) -> bool:
    """Whether ``node`` is a polynomial with rational coefficients in variables at rational coordinates."""
    stack = [node]
    while stack:
        e = stack.pop()
        if e.is_Rational:
            continue
        if e.is_Symbol:
            a = point.get(e)
            if a is None or not a.is_Rational:
                return False
        elif e.is_Add or e.is_Mul:
            stack.extend(e.args)
        elif e.is_Pow and e.exp.is_Integer and e.exp.p >= 0:
            stack.append(e.base)
        else:
            return False
    return True


def base_matcher(values: list, partials: Callable, point: dict, bases: set | None = None) -> Callable:
    """``risky``'s base_value: whether a partial of a node (its value too if asked) is, as SymEngine
    expands it, a sum c whose power is a generator (the very Add its Mul would cancel).

    ``partials(node, limit)``: None where the node was not walked, else (is the value, {generator
    exponents: rational}, scale) for each partial of 2 to ``limit`` terms, its value divided by scale.
    """
    if bases is None:  # (``sum_bases``'s: the caller may have them)
        bases = sum_bases(values)
    # (a sum of n terms in the generators' values: n terms or a few more before SymEngine folds
    # sqrt(2)**2; a lone term is no sum)
    limit = max((len(b.args) for b in bases), default=0) + 2
    known: list = []  # [units, usable] once a group is compared (most calls meet none: no SymEngine work)

    def prepare() -> list:
        # each base scaled to the constant term 1 (2 - 2*tanh(2)**2, tanh(2*x)'s partial, is 2 times the base
        # 1 - tanh(2)**2: SymEngine's Mul of 2*(1 - tanh(2*x)**2) and its inverse cancels them too)
        units = set()
        for b in bases:
            numbers = [a for a in b.args if isinstance(a, se.Number)]
            if len(numbers) == 1 and numbers[0] != 0:
                units.add(se.expand(b / numbers[0]))
        known.extend((units, {}))
        return known

    def usable(j: int, cache: dict) -> bool:
        """Whether a partial equal to some c may hold the generator j: one c holds, a root (sqrt(2)**2
        folds) or an exponential (E*exp(2) folds into exp(3)); once for each generator a group holds."""
        found = cache.get(j)
        if found is None:
            v = values[j]
            found = cache[j] = any(_has(c, v) for c in bases) or v == se.E or isinstance(v, se.Pow) and (
                isinstance(v.args[0], se.Number) or v.args[0] == se.E)
        return found

    def matches(node: sp.Expr, value: bool) -> bool | None:
        items = partials(node, limit) if bases else []
        if items is None:
            # not walked (a shortcut took it whole): a polynomial with rational coefficients in
            # variables at rational coordinates has rational partials there, no sum; else unknown
            return False if rational_polynomial(node, point) else None
        for is_value, group, scale in items:
            if is_value and not value:
                continue
            units, seen = known or prepare()  # (no group compared: no SymEngine work)
            if any(e and not usable(j, seen) for gens in group for j, e in enumerate(gens)):
                continue
            terms = []
            for gens, q in group.items():
                q = q * scale
                term = se.Rational(int(q.p), int(q.q))
                for j, e in enumerate(gens):
                    if e:
                        term = term * values[j] ** int(e)
                terms.append(term)
            found = se.expand(se.Add(*terms))
            if found in bases:
                return True
            numbers = [a for a in found.args if isinstance(a, se.Number)] if isinstance(found, se.Add) else []
            if units and len(numbers) == 1 and numbers[0] != 0 and se.expand(found / numbers[0]) in units:
                return True
        return False
    matches.point = point  # (risky's: for the nodes irrational does not know)
    return matches


def _has(c: object, v: object) -> bool:
    """``c.has(v)``; True where SymEngine cannot tell (a product or a sum v: its HasBasicVisitor raises)."""
    try:
        return c.has(v)
    except RuntimeError:
        return True


def onevar_refuses(expr: sp.Expr, walk: object) -> bool:
    """``risky`` over onevar_constants' walk (values, by_value, memo {id: {generator exponents: fmpq_series}})."""
    values = walk.values
    bases = sum_bases(values)
    if not bases:  # (has_sum_power)
        return False
    memo, prec = walk.memo, walk.k + 1  # (every series of the walk holds k + 1 terms at most)

    def irrational(node: sp.Expr) -> bool | None:
        series = memo.get(id(node))
        if series is None:
            return None
        for key in series:
            if any(key):
                return True
        return False

    def partials(node: sp.Expr, limit: int):
        series = memo.get(id(node))
        if series is None:
            return None
        if len(series) < 2:  # one monomial in the generators: every group below has one term
            return []
        out = []
        items = series.items()
        for d in range(prec):  # (s[d] is 0 past a series' terms; coeffs() builds the list: ~2.5 us a series)
            group = {key: c for key, s in items if (c := s[d])}
            if 2 <= len(group) <= limit:
                out.append((d == 0, group, _FACTORIALS[d] if d < 20 else math.factorial(d)))
        return out

    return risky(expr, irrational, base_matcher(values, partials, {walk.x: walk.a}, bases))
