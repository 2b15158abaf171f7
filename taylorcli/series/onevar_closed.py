"""Closed-form Taylor coefficients at 0 of one node f(q*x**n), as Python ints, without FLINT.

At 0 the sweep's commonest one-variable node is one function of q*x**n: exp(3*x), cos(x**2),
atan(x), log(1 + 9*x**2), sqrt(1 + 4*x**2), 1/(1 + x**2). ``univariate.walk`` gives its series by
FLINT (exp, sqrt, inv of the short polynomial) and ``onevar_fused.terms`` reads each coefficient
back as ints (fmpq.p, fmpq.q, int(): ~0.35 us a coefficient, more than FLINT's own work:
sqrt(1 + 9*x**2) to order 40 spent ~9 us in FLINT, ~4 us in coeffs() and ~8 us converting).
Here each coefficient is the textbook formula's rational, made by a recurrence in Python ints
and reduced by gcd (coprime, denominator > 0): the very value FLINT's exact arithmetic gives
(the same rational), so ``onevar_fused.pairs`` builds the same SymPy objects from it.

    exp: q**j/j!          sin: (-1)**((j - 1)/2) q**j/j!, j odd     cos: (-1)**(j/2) q**j/j!, j even
    sinh, cosh: as sin, cos without the signs                     atan: (-1)**((j - 1)/2) q**j/j, j odd
    log(1 + q*x**n): (-1)**(j + 1) q**j/j, j >= 1                 (1 + q*x**n)**(N/M): binomial(N/M, j) q**j

each the coefficient of x**(n*j), n*j <= k. Any other shape is None (the walk decides), before
any arithmetic. tests/test_ov15_closed.py compares with the walk's coefficients and the derivative
engine's objects.
"""

from __future__ import annotations

from math import gcd

import sympy as sp

_Add, _Mul, _Pow, _Symbol = sp.Add, sp.Mul, sp.Pow, sp.Symbol
_EXP, _SIN, _COS, _SINH, _COSH, _ATAN, _LOG, _POWER = range(8)
_KINDS = {sp.exp: _EXP, sp.sin: _SIN, sp.cos: _COS, sp.sinh: _SINH, sp.cosh: _COSH, sp.atan: _ATAN,
          sp.log: _LOG, sp.Pow: _POWER}
_HIGHEST = 100  # the highest n of x**n taken (univariate._short's at 0)


def _monomial(e: sp.Expr, x: sp.Symbol) -> tuple[int, int, int, sp.Symbol] | None:
    """(qp, qq, n, x's object) for e = x, q*x, x**n or q*x**n (q rational, 1 <= n <= 100); else None."""
    qp = qq = 1
    if type(e) is _Mul:
        args = e._args
        if len(args) != 2 or not args[0].is_Rational:
            return None
        number, e = args
        qp, qq = number.p, number.q
    n = 1
    if type(e) is _Pow:
        e, exponent = e._args
        if not exponent.is_Integer:
            return None
        n = exponent.p
        if not 1 <= n <= _HIGHEST:
            return None
    if not e.is_Symbol or not (e is x or e == x):
        return None  # (another symbol, or x with other assumptions: the walk says)
    return qp, qq, n, e


def coefficients(expr: sp.Expr, x: sp.Symbol, k: int) -> tuple[list[tuple[int, int, int]], sp.Symbol] | None:
    """((d, p, q) for each non-zero coefficient p/q of x**d, d <= k, in order of d; x's object in expr)
    for one node of the module doc, or a rational times it (-sin(x)), at x = 0; None for anything else."""
    kind = _KINDS.get(type(expr))
    if kind is None:
        if type(expr) is _Mul:
            args = expr._args
            if len(args) != 2 or not args[0].is_Rational:
                return _product(args, x, k)
            number, node = args  # -sin(x), atan(x)/2: the node's coefficients times number
            if type(node) not in _KINDS:
                return None
            found = coefficients(node, x, k)
            if found is None:
                return None
            cp, cq = number.p, number.q
            out = []
            for d, p, r in found[0]:
                p, r = p * cp, r * cq
                g = gcd(p, r)
                out.append((d, p // g, r // g) if g != 1 else (d, p, r))
            return out, found[1]
        if type(expr) is _Add:
            return _sum(expr._args, x, k)
        return None
    arg = expr._args[0]
    if kind >= _LOG:  # log(1 + q*x**n), (1 + q*x**n)**(N/M)
        if kind == _POWER:
            exponent = expr._args[1]
            if not exponent.is_Rational:
                return None
            top, bottom = exponent.p, exponent.q
            if bottom > 2 or not -64 <= top <= 64:
                return None  # (other roots: the walk's log and exp; a long power: its guard)
        if type(arg) is not _Add:
            return None
        args = arg._args
        if len(args) != 2 or args[0] is not _ONE:
            return None
        arg = args[1]
    found = _monomial(arg, x)
    if found is None:
        return None
    qp, qq, n, own = found
    top_j = k // n
    out = [(0, 1, 1)] if kind == _EXP or kind == _COS or kind == _COSH or kind == _POWER else []
    append = out.append
    if kind <= _COSH:  # q**j/j!, j odd or even, signed or not
        p, r = 1, 1
        step = 1 if kind == _EXP else 2
        sign = kind == _SIN or kind == _COS
        j = 0 if kind == _EXP or kind == _COS or kind == _COSH else 1
        if j:
            if not top_j:
                return out, own
            p, r = qp, qq  # (reduced: SymPy's Rational)
            append((n, p, r))
        j += step
        while j <= top_j:
            p *= qp if step == 1 else qp * qp
            r *= qq * j if step == 1 else qq * qq * j * (j - 1)
            g = gcd(p, r)
            if g != 1:
                p //= g
                r //= g
            if sign and j & 2:  # sin: j = 3, 7, ...; cos: j = 2, 6, ...
                append((n * j, -p, r))
            else:
                append((n * j, p, r))
            j += step
        return out, own
    if kind == _ATAN or kind == _LOG:  # q**j/j: atan odd j, signed; log every j >= 1, signs alternating
        step = 2 if kind == _ATAN else 1
        sq, sr = (qp * qp, qq * qq) if step == 2 else (qp, qq)
        p, r = qp, qq
        j = 1
        while j <= top_j:
            g = gcd(p, j)
            num, den = (p // g, r * (j // g)) if g != 1 else (p, r * j)
            if step == 2:
                append((n * j, -num if j & 2 else num, den))
            else:
                append((n * j, num if j & 1 else -num, den))
            p *= sq
            r *= sr
            j += step
        return out, own
    # binomial(N/M, j) q**j: c_j = c_{j-1} (N - M (j - 1)) q / (M j)
    p, r = 1, 1
    for j in range(1, top_j + 1):
        factor = top - bottom * (j - 1)
        if not factor:
            break  # a natural power: the polynomial ends
        p *= factor * qp
        r *= bottom * j * qq
        g = gcd(p, r)
        if g != 1:
            p //= g
            r //= g
        append((n * j, p, r))
    return out, own


_ONE = sp.S.One


def _sum(args: tuple, x: sp.Symbol, k: int) -> tuple[list[tuple[int, int, int]], sp.Symbol] | None:
    """``coefficients`` of a sum of such nodes (each alone or times a rational) and a rational: each term's,
    added degree by degree (the walk's FLINT sum: the same exact rationals), zeros dropped; the x of the
    first term met (the walk's: left to right)."""
    for arg in args:  # (any other term: None before any arithmetic, erf(2*x) + atan(x))
        if not (arg.is_Rational or type(arg) in _KINDS or type(arg) is _Mul):
            return None
    total: dict[int, tuple[int, int]] = {}
    own = None
    for arg in args:
        if arg.is_Rational:
            found, met = [(0, arg.p, arg.q)], None
        else:
            if type(arg) is _Add:
                return None
            found = coefficients(arg, x, k)
            if found is None:
                return None
            found, met = found
            if own is None:
                own = met
        for d, p, r in found:
            other = total.get(d)
            if other is None:
                total[d] = p, r
                continue
            op, orr = other
            p, r = p * orr + op * r, r * orr
            if not p:
                del total[d]
                continue
            g = gcd(p, r)
            total[d] = (p // g, r // g) if g != 1 else (p, r)
    if own is None:
        return None
    return [(d, *total[d]) for d in sorted(total)], own


_PAIRS = 36  # the most products of two coefficients a product of series takes here (beyond: FLINT's, the walk's)
_PRODUCT_ORDER = 10  # the highest order at which a product of two series or more is tried here


def _product(args: tuple, x: sp.Symbol, k: int) -> tuple[list[tuple[int, int, int]], sp.Symbol] | None:
    """``coefficients`` of a product of such nodes and powers of x (x**2*cos(x), exp(x)*sin(x), SymPy's
    rational first), truncated at k as the walk's FLINT product is: the same exact rationals, each
    degree's sum reduced once; None past ``_PAIRS`` products of coefficients (FLINT's is faster there)."""
    cp = cq = 1
    if args[0].is_Rational:
        cp, cq = args[0].p, args[0].q
        args = args[1:]
    shift = 0  # x**shift: the monomial factors
    nodes = []  # (place, node)
    mets: list = [None] * len(args)  # each factor's x
    for i, arg in enumerate(args):
        n = 0
        if arg.is_Symbol:
            n, met = 1, arg
        elif type(arg) is _Pow and arg._args[0].is_Symbol and arg._args[1].is_Integer and arg._args[1].p > 0:
            n, met = arg._args[1].p, arg._args[0]
        if n:
            if not (met is x or met == x):
                return None
            shift += n
            mets[i] = met
        elif type(arg) is _Mul or type(arg) is _Add:
            return None
        elif nodes and k > _PRODUCT_ORDER:
            return None  # a product of two series or more: FLINT's is faster there (the walk's)
        else:
            nodes.append((i, arg))
    lists = []
    for i, arg in nodes:
        found = coefficients(arg, x, k)
        if found is None:
            return None
        lists.append(found[0])
        mets[i] = found[1]
    own = mets[0]
    if shift > k:
        return [], own
    top = k - shift
    if not lists:
        out = [(shift, cp, cq)]
    else:
        out = [(d, p, r) for d, p, r in lists[0] if d <= top]
        for other in lists[1:]:
            other = [(d, p, r) for d, p, r in other if d <= top]
            if len(out) * len(other) > _PAIRS:
                return None
            sums: dict[int, list[int]] = {}
            for d1, p1, r1 in out:
                for d2, p2, r2 in other:
                    d = d1 + d2
                    if d > top:
                        break  # (each list in order of d)
                    found = sums.get(d)
                    if found is None:
                        sums[d] = [p1 * p2, r1 * r2]
                    else:
                        p, r = p1 * p2, r1 * r2
                        found[0], found[1] = found[0] * r + p * found[1], found[1] * r
            out = []
            for d in sorted(sums):
                p, r = sums[d]
                if p:
                    g = gcd(p, r)
                    out.append((d, p // g, r // g))
        if shift or cp != 1 or cq != 1:
            moved = []
            for d, p, r in out:
                if cp != 1 or cq != 1:
                    p, r = p * cp, r * cq
                    g = gcd(p, r)
                    if g != 1:
                        p, r = p // g, r // g
                moved.append((d + shift, p, r))
            out = moved
    return out, own
