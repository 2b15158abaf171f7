"""The arithmetic of onevar_constants' series: dicts {generator exponents: fmpq_series}.

A series with coefficients in Q[constants] is a dict from the generators' exponents (a tuple
without trailing zeros; () for the rational part) to a FLINT rational series; a constant is a
dict from the same keys to fmpq. Here are their sums, products, powers of a series without
constant term, and the scales of the exp/log/binomial series that onevar_constants._Walk
composes with; the walk (which generators exist, what they are worth) stays there.
"""

from __future__ import annotations

import symengine as se
from flint import fmpq, fmpq_series

Series = dict  # {generator exponents (no trailing zeros): fmpq_series}
Constant = dict  # {generator exponents: fmpq}


def _key_mul(a: tuple, b: tuple) -> tuple:
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    return tuple([i + j for i, j in zip(a, b)]) + a[len(b):]


class Ring:
    """Sums and products of series truncated at degree k (``prec`` = k + 1 terms)."""

    def __init__(self, k: int) -> None:
        self.k, self.prec = k, k + 1
        self.zero = fmpq_series([0], prec=self.prec)
        self.one = fmpq_series([1], prec=self.prec)

    @staticmethod
    def add(a: Series, b: Series) -> Series:
        out = dict(a)
        for key, s in b.items():
            t = out.get(key)
            if t is None:
                if s:
                    out[key] = s
            else:
                t = t + s
                if t:
                    out[key] = t
                else:
                    del out[key]
        return out

    @staticmethod
    def mul(a: Series, b: Series) -> Series:
        # a factor with a rational series only (the key ()): one product per term, in the order the
        # double loop below gives (a's keys, else b's), without its key products and merges
        if len(b) == 1 and () in b:
            sb = b[()]
            return {key: p for key, s in a.items() if (p := s * sb)}
        if len(a) == 1 and () in a:
            sa = a[()]
            return {key: p for key, s in b.items() if (p := sa * s)}
        out: Series = {}
        for ka, sa in a.items():
            for kb, sb in b.items():
                p = sa * sb
                if not p:
                    continue
                key = _key_mul(ka, kb)
                t = out.get(key)
                out[key] = p if t is None else t + p
        return {key: s for key, s in out.items() if s}

    @staticmethod
    def scale(a: Series, c: Constant) -> Series:
        # (a series times an fmpq costs ~2.3 us in python-flint, times another series ~0.6 us: the
        # factor 1, most of them (a generator), is no product; another is made a series once)
        if len(c) == 1:
            ((kc, q),) = c.items()
            if q == 1:
                if not kc:
                    return {key: s for key, s in a.items() if s}
                return {_key_mul(ka, kc): sa for ka, sa in a.items() if sa}
        out: Series = {}
        factors = {}
        for kc, q in c.items():
            factors[kc] = None if q == 1 else _constant_series(q, a)
        for ka, sa in a.items():
            for kc, f in factors.items():
                key = _key_mul(ka, kc)
                p = sa if f is None else sa * f
                t = out.get(key)
                out[key] = p if t is None else t + p
        return {key: s for key, s in out.items() if s}

    def lift(self, c: Constant) -> Series:
        return {key: fmpq_series([q], prec=self.prec) for key, q in c.items()}

    @staticmethod
    def head(u: Series) -> Constant:
        return {key: c for key, s in u.items() if (c := s[0])}

    def tail(self, u: Series) -> Series:
        """u - u(0)."""
        out = {}
        for key, s in u.items():
            c = s[0]
            if c:
                s = s - c
            if s:
                out[key] = s
        return out

    def powers(self, v: Series, scales: list) -> list[Series]:
        """v**n * scales[n] for n = 0 .. k (v(0) = 0: v**n vanishes below degree n)."""
        prec = self.prec
        out = [{(): self.one * fmpq_series([scales[0]], prec=prec)}]
        term: Series = {(): self.one}
        for n in range(1, self.k + 1):
            term = self.mul(term, v) if term else {}
            q = scales[n]
            if not q:
                out.append({})
            elif q == 1:
                out.append(dict(term))
            else:  # (times a constant series: ~0.6 us a term, times the fmpq ~2.3 us)
                f = fmpq_series([q], prec=prec)
                out.append({key: s * f for key, s in term.items()})
        return out

    @staticmethod
    def total(terms: list[Series]) -> Series:
        """add over ``terms``, in one dict (add's steps in place: a sum that vanishes leaves, as there)."""
        out: Series = {}
        for t in terms:
            for key, s in t.items():
                u = out.get(key)
                if u is None:
                    if s:
                        out[key] = s
                else:
                    u = u + s
                    if u:
                        out[key] = u
                    else:
                        del out[key]
        return out

    @staticmethod
    def derivative(u: Series) -> Series:
        return {key: d for key, s in u.items() if (d := s.derivative())}

    @staticmethod
    def integral(u: Series) -> Series:
        return {key: s.integral() for key, s in u.items()}


def _constant_series(q: fmpq, a: Series) -> fmpq_series:
    """q as a constant series as long as the longest of ``a``'s (their products with it keep their own precision)."""
    return fmpq_series([q], prec=max([s.prec for s in a.values()], default=1))


def _is_rational(c: Constant) -> bool:
    return not c or len(c) == 1 and () in c


def _cadd(a: Constant, b: Constant) -> Constant:
    out = dict(a)
    for key, q in b.items():
        t = out.get(key, fmpq(0)) + q
        if t:
            out[key] = t
        else:
            out.pop(key, None)
    return out


def _cmul(a: Constant, b: Constant) -> Constant:
    out: Constant = {}
    for ka, qa in a.items():
        for kb, qb in b.items():
            key = _key_mul(ka, kb)
            out[key] = out.get(key, fmpq(0)) + qa * qb
    return {key: q for key, q in out.items() if q}


def _exp_scales(k: int) -> list[fmpq]:
    out, f = [fmpq(1)], fmpq(1)
    for n in range(1, k + 1):
        f = f / n
        out.append(f)
    return out


def _log_scales(k: int) -> list[fmpq]:
    return [fmpq(0)] + [fmpq((-1) ** (n - 1), n) for n in range(1, k + 1)]


def _binomial_scales(r: fmpq, k: int) -> list[fmpq]:
    out, b = [fmpq(1)], fmpq(1)
    for n in range(1, k + 1):
        b = b * (r - n + 1) / n
        out.append(b)
    return out


def _fmpq(value: object) -> fmpq:
    if isinstance(value, se.Integer):
        return fmpq(int(value))
    p, q = value.get_num_den()
    return fmpq(int(p), int(q))
