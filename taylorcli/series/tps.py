"""Truncated power series in the displacement h = x - a, truncated by total degree.

A series is a list ``c`` of length k + 1: ``c[d]`` is the homogeneous part of
degree d, an ``fmpq_mpoly`` (FLINT's C multivariate polynomials over Q) in the
displacements h_1..h_n and in a few generators g_1..g_m that stand for exact
constants (exp(2), sin(4), a parameter ...). Scaling every h by t turns the
multivariate series into a univariate one in t whose coefficients are these
parts, so every univariate recurrence (exp, log, powers ...) applies as is and
a product costs only the pairs of parts whose degrees sum to at most k.

>>> ring = Ring(1, 0, 3)
>>> h = ring.variable(0, 0)
>>> [str(c) for c in ring.exp(h, ring.one)]
['1', 'h0', '1/2*h0^2', '1/6*h0^3']
"""

from __future__ import annotations

from fractions import Fraction

from flint import fmpq, fmpq_mpoly, fmpq_mpoly_ctx

Series = list  # list[fmpq_mpoly], one homogeneous part per degree 0..k


class Unsupported(Exception):
    """The arithmetic cannot give this expansion exactly as the derivative engine does: fall back."""


class NoSlot(Unsupported):
    """More exact constants than the ring has generator slots for: build a bigger ring."""


class Ring:
    """Series in ``n`` displacements with ``m`` generator slots, truncated after degree ``k``.

    ``each``: also drop every term with an exponent of some h_i above ``each`` (per-variable
    degree; then k = n * each). Reducing modulo the monomial ideal (h_i^(each+1)) respects
    degrees and commutes with + and x, so every recurrence below stays exact when each part it
    makes is reduced (``cut``): FLINT's remainder by a monomial drops the terms it divides.
    """

    def __init__(self, n: int, m: int, k: int, each: int | None = None) -> None:
        names = [f"h{i}" for i in range(n)] + [f"g{j}" for j in range(m)]
        self.ctx = fmpq_mpoly_ctx.get(names, "deglex") if names else fmpq_mpoly_ctx.get(["h0"], "deglex")
        self.n, self.m, self.k = n, m, k
        self.gens = self.ctx.gens()
        self.zero = self.ctx.from_dict({})
        self.one = self.ctx.constant(1)
        self._inv = [fmpq(0)] + [fmpq(1, d) for d in range(1, k + 2)]
        self._exps: dict[tuple[int, int], fmpq_mpoly] = {}  # (i, d) -> h_i**d
        self.each = each is not None and n > 1  # per-variable degree: parts are cut (``cut``)
        self._box = [self.gens[i] ** (each + 1) for i in range(n)] if each is not None and n > 1 else []

    _made: dict[tuple[int, int, int, int | None], Ring] = {}

    @classmethod
    def get(cls, n: int, m: int, k: int, each: int | None = None) -> Ring:
        """The ring for (n, m, k, each), made once: its parts are immutable (FLINT's += makes a new poly)."""
        ring = cls._made.get((n, m, k, each))
        if ring is None:
            if len(cls._made) > 64:  # a long batch of shapes: keep the cache small
                cls._made.clear()
            ring = cls._made[(n, m, k, each)] = cls(n, m, k, each)
        return ring

    def cut(self, p: fmpq_mpoly) -> fmpq_mpoly:
        """``p`` without the terms outside the box (per-variable degree); ``p`` itself otherwise."""
        for monomial in self._box:
            if p:
                p = p % monomial
        return p

    # --- building ---------------------------------------------------------------------------
    def constant(self, value: fmpq_mpoly | int | Fraction | fmpq) -> Series:
        c = value if isinstance(value, fmpq_mpoly) else self.ctx.constant(fmpq(value) if not isinstance(
            value, Fraction) else fmpq(value.numerator, value.denominator))
        return [c] + [self.zero] * self.k

    def variable(self, i: int, a: Fraction | int | fmpq_mpoly) -> Series:
        out = self.constant(a)
        if self.k >= 1:
            out[1] = self.gens[i]
        return out

    def monomial(self, i: int, d: int, c: fmpq) -> fmpq_mpoly:
        """c h_i**d, one polynomial."""
        return self.power_of(i, d) * c

    def power_of(self, i: int, d: int) -> fmpq_mpoly:
        """h_i**d (made once per ring: a polynomial is immutable)."""
        power = self._exps.get((i, d))
        if power is None:
            power = self._exps[(i, d)] = self.gens[i] ** d
        return power

    def binomial(self, i: int, a: fmpq, e: int) -> Series:
        """(a + h_i)**e: C(e, d) a**(e - d) h_i**d in degree d (what ``pow_int`` of a + h_i gives, exactly).

        >>> [str(c) for c in Ring(1, 0, 3).binomial(0, fmpq(-1), 4)]
        ['1', '-4*h0', '6*h0^2', '-4*h0^3']
        """
        zero = self.zero
        out = [self.ctx.constant(a ** e)]
        c = 1
        for d in range(1, self.k + 1):
            if d > e or not a and d < e:
                out.append(zero)
                continue
            c = c * (e - d + 1) // d
            q = a ** (e - d) * c
            out.append(self.cut(self.power_of(i, d) * q))
        return out

    def linear(self, terms: dict[int, fmpq]) -> fmpq_mpoly:
        """The sum of q h_i over ``terms`` (i: q), q non-zero: one polynomial, not a sum of products."""
        gens = self.gens
        out = None  # (a sum of products: from_dict costs about twice as much)
        for i, q in terms.items():
            term = gens[i] if q == 1 else gens[i] * q
            out = term if out is None else out + term
        return out

    def generator(self, j: int) -> fmpq_mpoly:
        return self.gens[self.n + j]

    # --- arithmetic ---------------------------------------------------------------------------
    # (A zero part is taken as is, the other part kept: no FLINT call for x + 0, ~0.5 us each;
    # most parts of a low-order expansion in several variables are 0. Polynomials are immutable.)
    @staticmethod
    def add(a: Series, b: Series) -> Series:
        return [(x + y if y else x) if x else y for x, y in zip(a, b)]

    @staticmethod
    def sub(a: Series, b: Series) -> Series:
        return [(x - y if y else x) if x else (-y if y else y) for x, y in zip(a, b)]

    @staticmethod
    def neg(a: Series) -> Series:
        return [-x if x else x for x in a]

    def scale(self, a: Series, c: fmpq_mpoly) -> Series:
        return [x * c if x else x for x in a]

    def mul(self, a: Series, b: Series) -> Series:
        k = self.k
        na = [i for i in range(k + 1) if a[i]]
        nb = [j for j in range(k + 1) if b[j]]
        out: list = [None] * (k + 1)  # None: no product yet (no 0 + p: one FLINT call fewer each)
        for i in na:
            ai = a[i]
            for j in nb:
                d = i + j
                if d > k:
                    break
                p = ai * b[j]
                o = out[d]
                out[d] = p if o is None else o + p
        zero = self.zero
        out = [zero if x is None else x for x in out]
        return [self.cut(x) for x in out] if self._box else out

    def pow_int(self, a: Series, e: int) -> Series:
        if e == 0:
            return self.constant(1)
        result, base = None, a  # (no product by the series 1: the same parts, one mul fewer)
        while e:
            if e & 1:
                result = base if result is None else self.mul(result, base)
            e >>= 1
            if e:
                base = self.mul(base, base)
        return result

    def rational_constant(self, a: Series) -> fmpq:
        """The constant term of ``a`` if it is a rational number; else Unsupported (no exact inverse)."""
        c = a[0]
        if not c:
            return fmpq(0)
        if not c.is_constant():
            raise Unsupported("a constant term that is not rational would be divided by")
        return c.leading_coefficient()

    def inverse0(self, b: Series, inv: fmpq_mpoly | None = None) -> fmpq | fmpq_mpoly:
        """1/b_0: a rational, else ``inv`` (a generator whose value is 1/b_0), else Unsupported."""
        c = b[0]
        if c and not c.is_constant():
            if inv is None:
                raise Unsupported("a constant term that is not rational would be divided by")
            return inv
        b0 = c.leading_coefficient() if c else fmpq(0)
        if b0 == 0:
            raise Unsupported("division by a series that vanishes at the point")
        return 1 / b0

    def div(self, a: Series, b: Series, inv: fmpq_mpoly | None = None) -> Series:
        """a / b; ``inv`` stands for 1/b_0 where b_0 is not rational."""
        inv = self.inverse0(b, inv)
        one = isinstance(inv, fmpq) and inv == 1  # (1 + u**2: no product by 1)
        nb = [j for j in range(1, self.k + 1) if b[j]]
        q: Series = []
        for d in range(self.k + 1):
            acc = a[d]
            for j in nb:
                if j > d:
                    break
                if q[d - j]:
                    acc = acc - b[j] * q[d - j]
            q.append(self.cut(acc if one or not acc else acc * inv))
        return q

    def _rates(self, u: Series) -> list[tuple[int, fmpq_mpoly]]:
        """(j, j u_j) for every non-zero u_j, j >= 1: the t-derivative's parts."""
        return [(j, u[j] * j if j > 1 else u[j]) for j in range(1, self.k + 1) if u[j]]

    def chain(self, f0: fmpq_mpoly, u: Series, g: Series) -> Series:
        """F with F(0) = f0 and F' = g u' (t-derivative): F_d = (1/d) sum_j j u_j g_{d-j}."""
        nu = self._rates(u)
        out = [f0]
        zero, inv = self.zero, self._inv
        for d in range(1, self.k + 1):
            acc = None
            for j, ju in nu:
                if j > d:
                    break
                if g[d - j]:
                    p = ju * g[d - j]
                    acc = p if acc is None else acc + p
            out.append(zero if acc is None else self.cut(acc if d == 1 else acc * inv[d]))
        return out

    def exp(self, u: Series, e0: fmpq_mpoly) -> Series:
        """exp(u) with exp(u_0) = e0: E' = E u'."""
        nu = self._rates(u)
        out = [e0]
        zero, inv = self.zero, self._inv
        for d in range(1, self.k + 1):
            acc = None
            for j, ju in nu:
                if j > d:
                    break
                if out[d - j]:
                    p = ju * out[d - j]
                    acc = p if acc is None else acc + p
            out.append(zero if acc is None else self.cut(acc if d == 1 else acc * inv[d]))
        return out

    def sin_cos(self, u: Series, s0: fmpq_mpoly, c0: fmpq_mpoly, sign: int = -1) -> tuple[Series, Series]:
        """sin(u), cos(u) (``sign=-1``) or sinh(u), cosh(u) (``sign=1``): S' = C u', C' = sign S u'."""
        nu = self._rates(u)
        s, c = [s0], [c0]
        zero, inv = self.zero, self._inv
        for d in range(1, self.k + 1):
            sa = ca = None
            for j, ju in nu:
                if j > d:
                    break
                if c[d - j]:
                    p = ju * c[d - j]
                    sa = p if sa is None else sa + p
                if s[d - j]:
                    p = ju * s[d - j]
                    ca = p if ca is None else ca + p
            s.append(zero if sa is None else self.cut(sa if d == 1 else sa * inv[d]))
            if ca is None:
                c.append(zero)
            else:
                scale = inv[d] if sign > 0 else -inv[d]
                c.append(self.cut(ca * scale if d > 1 or sign < 0 else ca))
        return s, c

    def riccati(self, u: Series, t0: fmpq_mpoly, sign: int) -> Series:
        """T with T' = (1 + sign T^2) u' (tan: +1, tanh: -1, -cot: ...): W = 1 + sign T^2 kept alongside."""
        nu = self._rates(u)
        t = [t0]
        w = [self.one + t0 * t0 * sign]
        zero, inv = self.zero, self._inv
        for d in range(1, self.k + 1):
            acc = None
            for j, ju in nu:
                if j > d:
                    break
                if w[d - j]:
                    p = ju * w[d - j]
                    acc = p if acc is None else acc + p
            t.append(zero if acc is None else self.cut(acc if d == 1 else acc * inv[d]))
            sq = None
            for i in range(d + 1):
                if t[i] and t[d - i]:
                    p = t[i] * t[d - i]
                    sq = p if sq is None else sq + p
            w.append(zero if sq is None else self.cut(sq if sign == 1 else sq * sign))
        return t

    def power(self, u: Series, r: Fraction, p0: fmpq_mpoly, inv: fmpq_mpoly | None = None) -> Series:
        """u**r for rational r, u_0 non-zero and p0 = u_0**r: u P' = r u' P (``inv`` as in ``div``)."""
        if not u[0]:
            raise Unsupported("a power of a series that vanishes at the point")
        inv0 = self.inverse0(u, inv)
        if r == -1 and isinstance(inv0, fmpq):  # 1/(1 + u**2): p0 is 1/u_0, the division's first part
            return self.div(self.constant(1), u)  # (the same exact series, with fewer products)
        rq = fmpq(r.numerator, r.denominator)
        nu = [j for j in range(1, self.k + 1) if u[j]]
        out = [p0]
        zero, inv = self.zero, self._inv
        for d in range(1, self.k + 1):
            acc = None
            for j in nu:
                if j > d:
                    break
                if out[d - j]:
                    p = u[j] * out[d - j] * (rq * j - (d - j))
                    acc = p if acc is None else acc + p
            out.append(zero if acc is None else self.cut(acc * (inv0 * inv[d])))
        return out

    def log(self, u: Series, l0: fmpq_mpoly, inv: fmpq_mpoly | None = None) -> Series:
        """log(u) with u_0 positive and l0 = log(u_0): u L' = u' (``inv`` as in ``div``)."""
        return self.chain(l0, u, self.div(self.constant(1), u, inv))

    def linear_rate(self, u: Series, f0: object, g: Series, sign: int) -> Series:
        """F with F' = sign F g u' (sec, csc), term by term: (F g)_m needs F up to m only."""
        ring = self
        nu = [(j, u[j] * j) for j in range(1, ring.k + 1) if u[j]]
        out, fg = [f0], []
        for d in range(1, ring.k + 1):
            m = d - 1
            part = ring.zero
            for i in range(m + 1):
                if out[i] and g[m - i]:
                    part = part + out[i] * g[m - i]
            fg.append(ring.cut(part))
            acc = ring.zero
            for j, ju in nu:
                if j > d:
                    break
                acc = acc + ju * fg[d - j]
            out.append(ring.cut(acc * ring._inv[d] * sign))
        return out


def terms(c: fmpq_mpoly) -> zip:
    """(exponents, coefficient) of each term: ``to_dict().items()`` at a third of its cost."""
    return zip(c.monoms(), c.coeffs())
