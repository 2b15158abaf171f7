"""The walk's constant terms that are not rational: gamma's series, sums of constants split into
generators, and the value, inverse and sign of a constant term (``compose.Walker``'s, a mixin).

Moved out of compose.py (its size); the methods use the walker's ring, ``constant_of`` and
``to_engine``. gamma at 1: gamma(1 + h) = 1 - EulerGamma h + ...
(generators g0 = EulerGamma, g1 = pi, split out of SymEngine's polygamma values).

>>> import sympy as sp
>>> from taylorcli.series.compose import Walker
>>> from taylorcli.series.tps import Ring
>>> x = sp.Symbol("x", real=True)
>>> w = Walker([x], {x: sp.Integer(1)}, 2, Ring(1, Walker.slots(sp.gamma(x)), 2))
>>> [str(c) for c in w.series(sp.gamma(x))][:2]
['1', '-h0*g0']
"""

from __future__ import annotations

import symengine as se

from .numbers import _fmpq, engine_sign
from .tps import Series, Unsupported


class ConstantTerms:
    """Walker's methods for constant terms (see the module doc)."""

    def _gamma(self, u: Series, v: object) -> Series:
        """gamma(u) = gamma(u0) exp(sum_j polygamma(j - 1, u0) (u - u0)**j / j!), u0 a positive integer.

        Each polygamma(j - 1, u0) is a generator with SymEngine's value (-EulerGamma, pi**2/6,
        polygamma(2, 1) ...), the very leaves the derivative engine's partials hold at the point.
        """
        ring = self.ring
        q = ring.rational_constant(u) if u[0].is_constant() else None
        if q is None or q <= 0 or q.q != 1:
            # (at 1/2, 1/3 ... sqrt(pi), sqrt(3)*pi make the derivative engine faster: measured)
            raise Unsupported("gamma where its argument is not a positive integer at the point")
        delta = [ring.zero] + list(u[1:])
        total = ring.constant(0)
        factorial = 1
        scales = []
        for j in range(1, ring.k + 1):
            factorial *= j
            scales.append(self._split(se.polygamma(j - 1, v)) * _fmpq(se.Rational(1, factorial)))
        for c in reversed(scales):  # Horner: ((c_k delta + c_(k-1)) delta + ...) delta
            total = ring.mul(ring.add(total, ring.constant(c)), delta)
        return ring.exp(total, self._split(se.gamma(v)))

    def _split(self, value: object) -> object:
        """A sum of rational multiples of integer powers of atoms (pi**2/6 - 5/4) as a polynomial in them.

        pi and EulerGamma then are generators once (not pi**2/6 and pi**4/15 apart), which
        keeps the coefficients' values plain products the engine builds directly (direct.Direct).
        Anything else is one generator, as ``constant_of`` makes it.
        """
        if isinstance(value, (se.Integer, se.Rational)):
            return self.ring.ctx.constant(_fmpq(value))
        if isinstance(value, se.Add):
            out = self.ring.zero
            for arg in value.args:
                out = out + self._split(arg)
            return out
        if isinstance(value, se.Mul):
            out = self.ring.one
            for arg in value.args:
                out = out * self._split(arg)
            return out
        if isinstance(value, se.Pow) and isinstance(value.args[1], se.Integer) and value.args[1] > 0 \
                and not isinstance(value.args[0], (se.Add, se.Mul, se.Pow, se.Number)):
            return self._split(value.args[0]) ** int(value.args[1])
        return self.constant_of(value)

    # --- constant terms that are not rational ------------------------------------------------
    def _settle(self, u: Series) -> Series:
        """``u`` with a constant term whose value is rational (1 + sqrt(3)**2) made that rational.

        SymEngine's value of the polynomial in the generators decides: the derivative engine
        evaluates the same constants with the same SymEngine, so its values agree.
        """
        c = u[0]
        if not c or c.is_constant():
            return u
        value = self.to_engine(c)
        if isinstance(value, (se.Integer, se.Rational)):
            return [self.ring.ctx.constant(_fmpq(value))] + list(u[1:])
        return u

    def _inverse(self, u: Series) -> object | None:
        """A generator for 1/u_0 where u_0 is not rational (SymEngine's 1/value), else None."""
        c = u[0]
        if not c or c.is_constant():
            return None
        value = self.to_engine(c)
        if value == 0:
            raise Unsupported("division by a series that vanishes at the point")
        return self.constant_of(se.Integer(1) / value)

    def _sign(self, u: Series) -> int:
        """The sign of u_0: exactly if rational, else from 200 bits (too close to call: Unsupported)."""
        c = u[0]
        if not c:
            return 0
        if c.is_constant():
            q = c.leading_coefficient()
            return (q > 0) - (q < 0)
        return engine_sign(self.to_engine(c))
