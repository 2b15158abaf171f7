"""Products of terms with an irrational constant only added (log(1 + 4*x**2)*log(1 + 9*x**2) at 3/2: each
factor log(c) + a rational series), the shape session 16 sped up (walk_doomed's products, onevar_products'
factors read as offsets at once, onevar_sums' build): the coefficients are the derivative engine's very
objects and the polynomial the full path's (same_object.onevar_is_the_full_path), on the cases and on
random products, sums and scaled products of such factors at rational points (negative ones included)."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from same_object import onevar_is_the_full_path
from taylorcli.series import univariate, walk_doomed
from taylorcli.series.tps import Unsupported

CASES = [
    ("log(1 + (3*x)**2) * log(1 + (2*x)**2)", "3/2", 3),
    ("log(1 + x**4)*log(1 + (sqrt(1 + 9*x**2))**2)", "1/2", 5),
    ("sin(x) + log(1 + log(1 + x**2)**2)", "1", 3),
    ("sinh(x + 2) + log(1 + exp(x**2)**2)", "-2", 3),
    ("log(1 + exp(2*x)**2)", "3/2", 5),
    ("log(1 + x**2)*log(2 + x**4)", "-1/3", 4),
    ("3*log(1 + x**2)*atan(x)", "2", 3),
    ("log(1 + x**2)**2", "1", 3),
    ("log(1 + x**2)*log(1 + x**2 + x)*log(5 + x)", "1/2", 2),
    ("log(1 + x**2)*atan(x + 1)", "-3", 4),
    ("log(1 + x**2)*log(x**2)", "1", 3),
    ("log(1 + x**2)*log(x**2 - 1)", "1/2", 3),
    ("atan(2*x)*atan(x)", "1/2", 4),
    ("atan(x)*log(1 + x**2)", "1", 3),
    ("atan(x)*log(1 + x**2)", "-1", 3),
    ("atan(x + 1)*atan(x)", "-1/2", 3),
    ("atan(3*x**2)*atan(x)", "-1/3", 3),
    ("atan(x) + exp(x)", "1", 3),
    ("atan(1 + x**2)*sin(x)", "2", 3),
]


@pytest.mark.parametrize("text, at, order", CASES)
def test_the_cases(text: str, at: str, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


_FACTORS = ["atan(x)", "atan({q}*x + {r})", "atan(x**2)", "log(1 + {q}*x**2)", "log({p} + x**2)", "log(1 + ({q}*x)**2)", "log(1 + x**4)", "atan({q}*x)",
            "log(1 + (x + {r})**2)", "log({p} + x)", "asinh(x)", "log(1 + x**2)**2", "(x + {r})", "exp(x)",
            "sqrt(1 + x**2)", "log(1 + x**2) + {r}"]


def _random(rng: random.Random) -> str:
    def factor() -> str:
        return rng.choice(_FACTORS).format(p=rng.choice([2, 3, 5, 7]), q=rng.choice([2, 3, 4, 9]),
                                           r=rng.choice([-1, 1, 2, 3]))
    shape = rng.random()
    product = "*".join(factor() for _ in range(rng.choice([2, 2, 2, 3])))
    if shape < 0.6:
        return product
    if shape < 0.8:
        return f"{rng.choice([-3, 2, '1/2', '-2/3'])}*{product}"
    return f"{product} + {factor()}"


@pytest.mark.parametrize("seed", range(6))
def test_random_products(seed: int) -> None:
    rng = random.Random(1600 + seed)
    for _ in range(12):
        at = f"{rng.randint(-5, 5)}/{rng.choice([1, 2, 3, 4])}"
        onevar_is_the_full_path(_random(rng), at, rng.choice([0, 1, 3, 5]))


def test_doomed_products_only_where_the_walk_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """walk_doomed.fails on products: the walk (with offsets), with the shortcut off, raises too."""
    from taylorcli.parse import parse_expression
    rng = random.Random(16)
    claimed = 0
    for _ in range(150):
        expr = parse_expression(_random(rng))
        if len(expr.free_symbols) != 1:
            continue
        (x,) = expr.free_symbols
        a = sp.Rational(rng.randint(-5, 5), rng.choice([1, 2, 3]))
        if not walk_doomed.fails(expr, x, a):
            continue
        claimed += 1
        with monkeypatch.context() as m:
            m.setattr(walk_doomed, "fails", lambda *args: False)
            with pytest.raises((Unsupported, ArithmeticError, ValueError)):
                univariate.walk(expr, x, a, 3, guard=True, offsets=set(), logs={})
    assert claimed > 30


def test_the_parts_are_the_values() -> None:
    """offset_terms' parts are offset_parts' reading of value_at's (atan) and log_of's (log) values."""
    from flint import fmpq

    from taylorcli.series import offset_terms, onevar_point
    x = sp.Symbol("x", real=True)

    def parts_of(value: sp.Expr) -> list | None:
        out = []
        for item in (value.args if value.is_Add else (value,)):
            r, leaf = sp.S.One, item
            if item.is_Mul:
                if len(item.args) != 2:
                    return None
                r, leaf = item.args
            out.append((fmpq(int(r.p), int(r.q)), sp.srepr(leaf)))
        return out

    def read(parts: list | None) -> list | None:
        return None if parts is None else [(c[0], sp.srepr(leaves[0])) for c, _, leaves in parts]

    for c in [sp.Rational(p, q) for p in range(-7, 8) for q in (1, 2, 3, 5) if p]:
        value = onevar_point.value_at(sp.atan(x), x, c)
        assert read(offset_terms.atan_value_parts(fmpq(int(c.p), int(c.q)), 2)) == (
            parts_of(value) if c != -1 else None), c
        if c > 0 and c != 1:
            assert read(offset_terms.log_parts(fmpq(int(c.p), int(c.q)), 2)) == \
                parts_of(onevar_point.log_of(fmpq(int(c.p), int(c.q)))), c


def test_positive_terms_are_positive() -> None:
    """onevar_constants._positive_terms says 1 + exp(8) ... positive only where SymEngine's 200-bit sign says 1."""
    import symengine as se
    from flint import fmpq

    from taylorcli.series import onevar_constants
    from taylorcli.series.numbers import engine_sign

    values = [se.exp(8), se.exp(-3), se.E, se.pi, se.sqrt(2), se.log(2), se.Integer(3) ** se.Rational(1, 3),
              se.sin(5), se.exp(se.Rational(-7, 2))]
    rng = random.Random(16)
    claimed = 0
    for _ in range(1500):
        c = {(): fmpq(rng.choice([1, 2, 1, -1, 0]), rng.choice([1, 3, 10**20]))}
        for _ in range(rng.randint(1, 3)):
            key = tuple(rng.choice([0, 0, 0, 0, 1, 2, 3]) for _ in values)
            if any(key):
                c[key] = fmpq(rng.choice([1, 2, 3, -1, 5]), rng.choice([1, 7]))
        if not c[()]:
            del c[()]
        if onevar_constants._positive_terms(c, values):
            claimed += 1
            value = se.Add(*[se.Rational(int(q.p), int(q.q)) * se.Mul(*[v ** e for v, e in zip(values, key)])
                             for key, q in c.items()])
            assert engine_sign(value) == 1, c
    assert claimed > 40
