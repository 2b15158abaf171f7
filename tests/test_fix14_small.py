"""onevar_inner.small_cycle against FLINT's series (cycle_series), and compose's output at orders <= 2 both ways."""
import flint
import sympy as sp
from flint import fmpq, fmpq_series
from hypothesis import given, settings, strategies as st

from taylorcli.series import onevar, onevar_inner

_KINDS = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh)
_Q = st.builds(lambda p, q: fmpq(p, q), st.integers(-50, 50), st.integers(1, 30))


def _flint(kind, inner, order):
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        h = fmpq_series([0] + list(inner[1:order + 1]), prec=order + 1)
        return [onevar_inner.padded(s, order) for s in onevar_inner.cycle_series(kind, h)]
    finally:
        flint.ctx.cap = saved


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_KINDS), st.lists(_Q, min_size=1, max_size=4), st.integers(0, 2))
def test_small_cycle_is_flints(kind, inner, order):
    small = onevar_inner.small_cycle(kind, inner, order)
    assert small == _flint(kind, inner, order)
    assert all(type(c) is fmpq for s in small for c in s)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_KINDS), st.lists(_Q, min_size=3, max_size=3), _Q, st.integers(0, 2))
def test_compose_small_orders_as_before(kind, inner, scale, order):
    if not inner[0] or not scale:
        return
    values = onevar._plain_values(kind, inner[0])
    found = onevar_inner.compose(kind, inner, scale, order, values)
    parts = list(zip(_flint(kind, inner, order), values))
    expected = []
    for d in range(order + 1):
        row = [(series[d] * scale * s, leaf) for series, (s, leaf) in parts if series[d]]
        if row:
            expected.append((d, row))
    assert found == expected


# univariate._short: r + q*x**n, 2 < n <= 100, read off at 0 (x**4 of (x**2)**2, by the sweep's nesting)

from same_object import onevar_is_the_full_path  # noqa: E402
from test_onevar_fixed import walk_without  # noqa: E402
from taylorcli.parse import parse_expression  # noqa: E402
from taylorcli.series import univariate  # noqa: E402

_NUMBERS = st.builds(lambda p, q: f"({p}/{q})", st.integers(-9, 9).filter(bool), st.sampled_from([1, 2, 3, 7]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["x**{n}", "{q}*x**{n}", "x**{n} + {r}", "{q}*x**{n} + {r}", "(x**2)**{m}", "y**{n}",
                        "x**{n} + x", "1/(1 + {q}*x**{n})", "exp({q}*x**{n})", "sqrt(1 + x**{n})"]),
       st.integers(2, 103), st.integers(2, 4), _NUMBERS, _NUMBERS, st.sampled_from([None, "1", "-1/3"]),
       st.integers(0, 12))
def test_powers_read_off_at_zero_as_the_walk(shape, n, m, q, r, at, k):
    f = parse_expression(shape.format(n=n, m=m, q=q, r=r))
    x = next((s for s in f.free_symbols if s.name == "x"), sp.Symbol("x", real=True))
    a = sp.Rational(at) if at else sp.Integer(0)
    fast = univariate._polynomial(f, x, a, k)
    slow = walk_without("_short", f, x, a, k, fast)  # the walk's own Add, Mul and Pow
    if slow is None:
        return
    whole = univariate.walk(f, x, a, k, guard=True)  # with the shortcuts (operand, _of_polynomial)
    assert whole[0] == slow[0] and whole[1] is slow[1]
    if fast is None:
        return
    assert fast[0] == slow[0] and len(fast[0]) == k + 1
    assert all(type(c) is fmpq for c in fast[0])
    assert fast[1] is slow[1]


def test_powers_at_zero_and_elsewhere():
    x = sp.Symbol("x", real=True)
    assert univariate._polynomial(x**4, x, sp.Integer(0), 6) is not None
    assert univariate._polynomial(3 * x**5 - 1, x, sp.Integer(0), 2) is not None
    assert univariate._polynomial(x**3, x, sp.Integer(2), 4) is None  # away from 0: the walk (and its guard)
    assert univariate._polynomial(x**101, x, sp.Integer(0), 4) is None


def test_sweep_cases_with_fourth_powers_are_the_derivative_engines():
    for text, at, k in [("1/(1 + (x**2)**2)", None, 20), ("sqrt(1 + (x**2)**2)", None, 8),
                        ("log(1 + (x**2)**2)", None, 12), ("atan(x**3) + cos(x)", None, 9),
                        ("1/(1 + (x**2)**2) * exp(x)", None, 6), ("sinh(x**3)", None, 12),
                        ("sqrt(1 + (x**2)**2) + cosh(x**2)", None, 12), ("exp(2*x**4 - 1)", None, 9),
                        ("1/(1 + (x**2)**2)", "1/2", 5), ("log(1 + (x**2)**2)", "-1", 4)]:
        onevar_is_the_full_path(text, at, k)


# univariate_nodes.of_terms: sums and products of nodes and polynomials, against the walk's own route

_UNARY = ["exp({})", "sin({})", "cos({})", "sinh({})", "cosh({})", "atan({})", "log(1 + ({})**2)",
          "sqrt(1 + ({})**2)", "1/(1 + ({})**2)", "tan({})", "asinh({})", "({})**3", "{}", "log(1 + {})",
          "(1 + {})**(-2)", "sqrt(4 + ({})**2)", "1/({})"]
_ARGS = ["x", "{c}*x", "x + {d}", "x**2", "(x**2)**2", "{c}*x**3 + {d}", "y"]


@st.composite
def _sums(draw):
    def term():
        inner = draw(st.sampled_from(_ARGS)).format(c=draw(st.sampled_from([-3, -2, 2, 3, "1/2"])),
                                                     d=draw(st.sampled_from([1, 2, -1, "1/3"])))
        scale = draw(st.sampled_from(["", "-", "2*", "-1/3*"]))
        return scale + draw(st.sampled_from(_UNARY)).format(inner)
    count = draw(st.integers(2, 3))
    joiner = draw(st.sampled_from([" + ", " * ", " - "]))
    lead = draw(st.sampled_from(["", "1 + ", "3*", "-1/2*"]))
    return lead + "(" + joiner.join(term() for _ in range(count)) + ")"


def _walk_both(f, x, a, k, guard, offsets):
    results = []
    for on in (True, False):
        saved = univariate._of_terms
        if not on:
            univariate._of_terms = lambda *_: None
        try:
            with univariate.shared_walks():
                found = univariate.walk(f, x, a, k, guard=guard, offsets=set() if offsets else None,
                                        logs={} if offsets else None)
            results.append(("ok", [(int(c.p), int(c.q)) for c in found[0]], found[1]))
        except Exception as error:  # noqa: BLE001 - the same error both ways
            results.append((type(error), str(error)))
        finally:
            univariate._of_terms = saved
    return results


@settings(max_examples=400, deadline=None)
@given(_sums(), st.sampled_from(["0", "0", "1", "-1/3", "2"]), st.integers(0, 9), st.booleans(), st.booleans())
def test_sums_and_products_walk_as_before(text, at, k, guard, offsets):
    f = parse_expression(text)
    x = next((s for s in f.free_symbols if s.name == "x"), sp.Symbol("x", real=True))
    fast, slow = _walk_both(f, x, sp.Rational(at), k, guard, offsets)
    assert fast[:2] == slow[:2], (text, at, k)
    if fast[0] == "ok":
        assert fast[2] is slow[2]


def test_sums_and_products_are_the_derivative_engines():
    for text, at, k in [("sqrt(1 + (x)**2) + cosh(x**2)", None, 12), ("sin(x)*cos(x)", None, 8),
                        ("exp(x) + atan(x)", None, 5), ("2*sin(x) - atan(x**2) + 3", None, 7),
                        ("x*exp(x)", None, 6), ("1/(1 + (x + 1)**2) + 1/(1 + (x)**2)", "1/2", 4),
                        ("(x + 1)**3 * (x**2 + 2)**(-1)", "-1", 5), ("sinh(x**2) * log(1 + (2*x)**2)", None, 10),
                        ("-(exp(x) + sqrt(1 + (x**2)**2))/3", None, 9), ("cos(x) * x**2", None, 0)]:
        onevar_is_the_full_path(text, at, k)


def test_lean_expansion_is_the_dataclass():
    """expansion._one_variable's Expansion (its fields set at once): the dataclass' own, field for field."""
    import dataclasses

    from taylorcli import expand
    from taylorcli.expansion import Expansion
    for text, at, k in [("sin(x)", None, 3), ("exp(x**2)", "1/2", 2), ("1/(1 + x)", "-1/3", 4)]:
        e = expand(text, "x", at, k)
        names = [f.name for f in dataclasses.fields(Expansion)]
        assert list(vars(e)) == names
        again = Expansion(**{name: getattr(e, name) for name in names})
        assert again == e and vars(again) == vars(e)


def test_nodes_module_imports_first_or_second():
    import subprocess
    import sys
    for first in ("taylorcli.series.univariate_nodes", "taylorcli.series.univariate"):
        code = f"import {first}; from taylorcli.series import univariate; assert univariate._of_terms.__module__.endswith('univariate_nodes')"
        subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(_Q, min_size=1, max_size=8), st.sampled_from([1, -1, 3, -3, 5, -7]), st.integers(0, 7))
def test_roots_are_the_log_exp_series(tail, n, order):
    """onevar_products._root: FLINT's sqrt/rsqrt (a power of it) is exp(n/2 log) of the scaled base, as before."""
    from taylorcli.series import onevar_products
    x = sp.Symbol("x", real=True)
    base = [fmpq(34, 9)] + tail
    found = onevar_products._root((1 + x**2) ** sp.Rational(n, 2), base, order)
    ((series, (one, leaf)),) = found
    saved = flint.ctx.cap
    flint.ctx.cap = order + 1
    try:
        scaled = fmpq_series(base[:order + 1], prec=order + 1) * (1 / base[0])
        before = (scaled.log() * fmpq(n, 2)).exp() * (series.coeffs()[0] if series.coeffs() else fmpq(0))
    finally:
        flint.ctx.cap = saved
    assert series.coeffs() == before.coeffs() and one == 1 and leaf.is_Pow


def test_products_with_roots_are_the_derivative_engines():
    for text, at, k in [("log(1 + (x + 1)**2) * sqrt(1 + (x + 2)**2)", "-1/3", 2),
                        ("log(1 + (x + 1)**2) * sqrt(1 + (x + 2)**2)", "-1/3", 6),
                        ("exp(x) * sqrt(1 + (x + 3)**2)", "3/2", 4), ("1/sqrt(1 + (x + 1)**2) + cos(x)", "1", 5),
                        ("sqrt(1 + (2*x)**2)**3 * sin(x)", "2", 3)]:
        onevar_is_the_full_path(text, at, k)
