"""A function of one linear form in several variables: its one-variable series, composed with the form.

F(L), L = q1 x1 + ... + qn xn + r a linear form in at least two variables and F any expression of one
argument made of sums, products, rational powers and functions (log(1 + L**2), sin(cos(L)),
1/(1 + L**2) ...): with c = L(a) and l = L - c (L's part of degree 1), F(L) = sum_d g_d l**d where
g_d are F's Taylor coefficients at c. The walk (compose.Walker) computes the same sums by its
recurrences, part by part: each of its operations commutes with t -> l (a graded ring map, exact
arithmetic), so the polynomials are the very ones it gives, here from one FLINT series in t
(fmpq_series, one C call per operation) and k - 1 products of l.

Every inner value must be rational (functions where their argument vanishes, log at 1, roots of
perfect powers); the outermost function's may be irrational where the walk's recurrence keeps it
a factor of every part: exp(u) = exp(u0) exp(u - u0), sin(u) = sin(u0) cos(w) + cos(u0) sin(w) and
cos, sinh, cosh alike, log(u) = log(u0) + log(u/u0), atan(u) = atan(u0) + its rational integral,
u**r = u0**r (u/u0)**r; those values are asked of ``Walker.constant_of`` as the recurrence asks
them, in its order. Anything else is None: the walk does it.

>>> import sympy as sp
>>> from .compose import Walker
>>> from .tps import Ring
>>> x, y = sp.symbols("x y", real=True)
>>> w = Walker([x, y], {x: sp.Integer(0), y: sp.Integer(0)}, 4, Ring(2, 0, 4))
>>> [str(c) for c in form_function(w, sp.log(1 + (x + y)**2))]
['0', '0', 'h0^2 + 2*h0*h1 + h1^2', '0', '-1/2*h0^4 - 2*h0^3*h1 - 3*h0^2*h1^2 - 2*h0*h1^3 - 1/2*h1^4']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import flint
import symengine as se
import sympy as sp
from flint import fmpq, fmpq_series, fmpz
from symengine.lib.symengine_wrapper import sympy2symengine

from .tps import Series

if TYPE_CHECKING:
    from .compose import Walker

ENABLED = True  # (tests switch it off to compare with the walk)

# FLINT's names of the functions whose value where their argument vanishes is rational (0 or 1)
_AT_ZERO = {sp.exp: "exp", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.sinh: "sinh", sp.cosh: "cosh",
            sp.tanh: "tanh", sp.atan: "atan", sp.asin: "asin", sp.asinh: "asinh", sp.atanh: "atanh"}
# The outermost function at an argument u0 != 0: f(u0) even(w) + sign g(u0) odd(w), w = u - u0;
# (f, g): the values in the order the recurrence asks them (sin_cos: sin, then cos)
_OFFSET = {sp.sin: ("sin", "cos", "cos", "sin", 1), sp.cos: ("sin", "cos", "cos", "sin", -1),
           sp.sinh: ("sinh", "cosh", "cosh", "sinh", 1), sp.cosh: ("sinh", "cosh", "cosh", "sinh", 1)}


class _Refused(Exception):
    """Not a rational series: the walk decides."""


def form_function(walker: Walker, expr: sp.Expr, mask: int | None = None) -> Series | None:
    """The series of ``expr`` (a function or a power) if its variables enter through one linear form only.

    ``mask``: ``walker.shape(expr)[0]`` if the caller has it."""
    ring = walker.ring
    k = ring.k
    if mask is None:
        mask = walker.shape(expr)[0]
    if not ENABLED or not mask & (mask - 1) or k < 1 or ring.each:  # (one variable: Walker._one_variable)
        return None
    arg = expr._args[0]
    if arg.is_Add:
        if _linear_term(arg._args[-1]):  # f(L) itself: the walk's recurrence costs no more
            return None
    elif (arg.is_Mul or arg.is_Pow) and _monomial(arg):  # f(M) itself (the form _the_form would find: arg)
        return None
    form = _the_form(walker, expr)
    if form is None or form is arg or not _rational(walker, form):  # (f(M) itself: shortcuts.function_of)
        return None
    lin = walker.series(form)  # (shortcuts.affine or monomial: the walk's own series of it)
    c0, l, e = lin[0], None, 0
    if c0 and not c0.is_constant():
        return None
    for d in range(1, k + 1):  # one homogeneous part l of degree e (x + y, or x*y*z at 0), or none left
        if lin[d]:
            if e:
                return None
            l, e = lin[d], d
    c = c0.leading_coefficient() if c0 else fmpq(0)
    saved = flint.ctx.cap
    flint.ctx.cap = k + 1  # (FLINT truncates every series at its context's cap, whatever prec says)
    try:
        return _compose(walker, expr, form, c, l, e)
    except (_Refused, ZeroDivisionError, ValueError):
        return None
    finally:
        flint.ctx.cap = saved


def _the_form(walker: Walker, expr: sp.Expr) -> sp.Expr | None:
    """The one linear form or monomial in two variables or more through which all of ``expr``'s variables
    enter, else None."""
    ids, shape = walker.ids, walker.shape
    found = None
    stack = [expr]
    while stack:
        for arg in stack.pop()._args:
            if arg.is_Atom:
                if id(arg) in ids or arg.is_Symbol and walker.index.get(arg) is not None:
                    return None  # a variable outside the form
                continue
            mask = shape(arg)[0]
            if not mask:
                continue
            if mask & (mask - 1) and (all(map(_linear_term, arg._args)) if arg.is_Add else _monomial(arg)):
                if found is None:
                    found = arg
                elif arg is not found:
                    return None
                continue
            stack.append(arg)
    return found


def _linear_term(arg: sp.Expr) -> bool:
    """A term of an affine sum as shortcuts.affine reads it: r, x or q*x."""
    if arg.is_Mul:
        args = arg._args
        return len(args) == 2 and args[0].is_Rational and args[1].is_Symbol
    return arg.is_Rational or arg.is_Symbol


def _rational(walker: Walker, form: sp.Expr) -> bool:
    """Whether every symbol of the form is a variable at a rational coordinate: its series then takes
    no generator (the walk's generators stay in the order the plain walk makes them)."""
    point, coordinates = walker.point, walker.coordinates
    stack = [form]
    while stack:
        for arg in stack.pop()._args:
            if arg.is_Symbol:
                entry = coordinates.get(id(arg))  # (by identity: (v, i, its coordinate as an fmpq or None))
                if entry is not None and entry[0] is arg:
                    if entry[2] is None:
                        return False
                elif walker.index.get(arg) is None or not point[arg].is_Rational:
                    return False
            elif arg._args:
                stack.append(arg)
    return True


def _monomial(arg: sp.Expr) -> bool:
    """A product or power of symbols (q*x*y**2, (x*y)**2), as shortcuts.monomial reads one."""
    if arg.is_Pow:
        base, e = arg._args
        return e.is_Integer and e.p > 0 and (base.is_Symbol or base.is_Mul and _monomial(base))
    if not arg.is_Mul:
        return False
    for factor in arg._args:
        if not (factor.is_Symbol or factor.is_Rational or factor.is_Pow and _monomial(factor)):
            return False
    return True


def _compose(walker: Walker, expr: sp.Expr, form: sp.Expr, c: fmpq, l: object, e: int) -> Series:
    ring = walker.ring
    k = ring.k
    prec = k + 1
    memo: dict[int, fmpq_series] = {id(form): fmpq_series([c, 1], prec=prec)}
    fn = type(expr)
    arg = expr._args[0]
    if expr.is_Pow:
        base, exponent = expr._args
        if not exponent.is_Rational:
            raise _Refused
        if exponent.q == 1:  # 1/(1 + L**2): rational
            return _parts(ring, _series(expr, memo, prec), None, l, e)
        u = _series(base, memo, prec)
        u0 = u[0]
        if not u0 > 0:
            raise _Refused
        r = fmpq(int(exponent.p), int(exponent.q))
        root = _rational_power(u0, int(exponent.p), int(exponent.q))
        scaled = _unit_power(u if u0 == 1 else u * (1 / u0), int(exponent.p), int(exponent.q), r)
        if root is not None:
            return _parts(ring, scaled * root, None, l, e)
        # (Walker._power: SymEngine's u0**r, a generator; every part p0 times a rational)
        p0 = walker.constant_of(se.Pow(se.Rational(int(u0.p), int(u0.q)), sympy2symengine(exponent)))
        return _parts(ring, scaled, p0, l, e)
    name = _AT_ZERO.get(fn)
    if name is None and fn is not sp.log:
        raise _Refused
    u = _series(arg, memo, prec)
    u0 = u[0]
    if name is not None and not u0:
        return _parts(ring, getattr(u, name)(), None, l, e)
    if fn is sp.log:
        if not u0 > 0:
            raise _Refused
        grown = (u * (1 / u0)).log()
        if u0 == 1:
            return _parts(ring, grown, None, l, e)
        return _parts(ring, grown, walker.constant_of(se.log(se.Rational(int(u0.p), int(u0.q)))), l, e, True)
    v = se.Rational(int(u0.p), int(u0.q))
    w = u - u0
    if fn is sp.exp:
        return _parts(ring, w.exp(), walker.constant_of(se.exp(v)), l, e)
    if fn is sp.atan:
        grown = (u.derivative() * (u * u + 1).inv()).integral()
        return _parts(ring, grown, walker.constant_of(se.atan(v)), l, e, True)
    if fn in _OFFSET:
        if not e or not any(u[d] for d in range(1, k // e + 1)):
            # (no part of the argument left in the ring: its value alone, as Walker._function gives it)
            return [walker.constant_of(getattr(se, fn.__name__)(v))] + [ring.zero] * k
        first, second, even, odd, sign = _OFFSET[fn]
        a = walker.constant_of(getattr(se, first)(v))
        b = walker.constant_of(getattr(se, second)(v))
        if fn is sp.cos or fn is sp.cosh:  # f(u) = f(u0) even(w) + sign g(u0) odd(w)
            a, b = b, a * sign
        p, q = getattr(w, even)().coeffs(), getattr(w, odd)().coeffs()
        out = [a] + [ring.zero] * k
        power, degree = None, 0  # l**degree
        for d in range(1, k // e + 1 if e else 1):
            pd = p[d] if d < len(p) else 0
            qd = q[d] if d < len(q) else 0
            if pd or qd:
                power = _power(l, power, degree, d)
                degree = d
            if pd and qd:
                out[d * e] = power * (a * pd + b * qd)
            elif pd:
                out[d * e] = power * (a * pd)
            elif qd:
                out[d * e] = power * (b * qd)
        return out
    raise _Refused


def _parts(ring: object, g: fmpq_series, scale: object, l: object, e: int, offset: bool = False) -> Series:
    """sum_d g_d l**d as the ring's parts (l**d in degree d e; none where no part of the form is left):
    each part times ``scale`` (a generator) where given; ``offset``: ``scale`` is the constant term
    instead (g's own is 0)."""
    k = ring.k
    coeffs = g.coeffs()
    zero = ring.zero
    if offset:
        out = [scale]
    elif scale is not None:
        out = [scale * coeffs[0] if coeffs else zero]
    else:
        out = [ring.ctx.constant(coeffs[0]) if coeffs else zero]
    out += [zero] * k
    top = min(len(coeffs) - 1, k // e) if e else 0
    power, degree = None, 0  # l**degree
    for d in range(1, top + 1):
        q = coeffs[d]
        if q:
            power = _power(l, power, degree, d)
            degree = d
            if scale is not None and not offset:
                out[d * e] = power * (scale * q)
            else:
                out[d * e] = power * q if q != 1 else power
    return out


def _power(l: object, power: object, degree: int, d: int) -> object:
    """l**d from l**degree (``power``, None for degree 0): one product by l, or FLINT's power where the
    parts between vanish (an even function: l**2, then l**4), never a product that is not used."""
    if power is None:
        return l if d == 1 else l ** d
    return power * l if d == degree + 1 else power * l ** (d - degree)


def _series(e: sp.Expr, memo: dict, prec: int) -> fmpq_series:
    """The rational series of a node in t (the form's displacement); _Refused where one is not rational."""
    found = memo.get(id(e))  # (every node is alive in the expression: its id is its own)
    if found is not None:
        return found
    if e.is_Rational:
        return fmpq_series([fmpq(int(e.p), int(e.q))], prec=prec)
    if e.is_Atom:  # a variable outside the form, a parameter, pi ...
        raise _Refused
    found = memo[id(e)] = _build(e, memo, prec)
    return found


def _build(e: sp.Expr, memo: dict, prec: int) -> fmpq_series:
    cls = type(e)
    name = _AT_ZERO.get(cls)
    if name is not None:
        u = _series(e._args[0], memo, prec)
        if u[0]:
            raise _Refused
        return getattr(u, name)()
    if cls is sp.Add or cls is sp.Mul:
        args = e._args
        first = args[0]
        rest = args[1:] if first.is_Rational else args
        out = _series(rest[0], memo, prec)
        for arg in rest[1:]:
            out = out + _series(arg, memo, prec) if cls is sp.Add else out * _series(arg, memo, prec)
        if rest is args:
            return out
        q = fmpq(int(first.p), int(first.q))
        return out + q if cls is sp.Add else out * q
    if cls is sp.Pow:
        base, exponent = e._args
        u = _series(base, memo, prec)
        if not exponent.is_Rational:
            raise _Refused
        n, m = int(exponent.p), int(exponent.q)
        u0 = u[0]
        if m == 1:
            if n >= 0:
                return u ** n
            if not u0:
                raise _Refused
            return u.inv() if n == -1 else u.inv() ** -n
        if not u0 > 0:
            raise _Refused
        value = _rational_power(u0, n, m)
        if value is None:
            raise _Refused
        return _unit_power(u if u0 == 1 else u * (1 / u0), n, m) * value
    if cls is sp.log:
        u = _series(e._args[0], memo, prec)
        if u[0] != 1:
            raise _Refused
        return u.log()
    raise _Refused


def _unit_power(scaled: fmpq_series, n: int, m: int, r: fmpq | None = None) -> fmpq_series:
    """scaled**(n/m) for a series whose constant term is 1: FLINT's square root (Newton, ~3x faster than
    log and exp) for m = 2, as univariate.py's power takes it; the same exact series either way."""
    if m == 2:
        root = scaled.sqrt() if n > 0 else scaled.rsqrt()
        return root if n == 1 or n == -1 else root ** abs(n)
    return (scaled.log() * (r if r is not None else fmpq(n, m))).exp()


def _rational_power(u0: fmpq, n: int, m: int) -> fmpq | None:
    """u0**(n/m) for a positive rational u0 where it is rational, else None."""
    p, q = _root(int(u0.p), m), _root(int(u0.q), m)
    return None if p is None or q is None else fmpq(p, q) ** n


def _root(v: int, m: int) -> int | None:
    r = math.isqrt(v) if m == 2 else int(fmpz(v).root(m))
    return r if r ** m == v else None
