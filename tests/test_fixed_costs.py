"""Session 10's cuts of the fixed per-call costs of one-variable expansions give the derivative
engine's very objects.

References independent of the cuts: ``_taylor(..., arithmetic=False)`` (derivatives evaluated at
the point) and the full path (``_one_variable`` off), through same_object.onevar_is_the_full_path;
for f(a) with an irrational constant term, onevar_point.value_at's general route (the whole
expression converted to SymEngine, substituted, expanded, converted back by convert.to_sympy).
Hypothesis draws the shapes of the benchmark's families (atan and log(1 + u**2) of linear and
square arguments beside rational series, scaled, summed), rational points and orders.
"""

from __future__ import annotations

import symengine as se
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from same_object import onevar_is_the_full_path, same_expr
from strategies import SETTINGS, max_examples
from taylorcli.constants import leaf
from taylorcli.convert import to_sympy
from taylorcli.guard import LIMIT_BITS
from taylorcli.parse import parse_expression
from taylorcli.series import onevar_point, univariate
from taylorcli.series.onevar_engine import engine_of

points = st.one_of(st.none(), st.builds(lambda p, q: f"{p}/{q}", st.integers(-6, 6), st.sampled_from([1, 2, 3, 4])))
inner = st.sampled_from(["x", "{c}*x", "x + {c}", "x**2", "{c}*x**2 + {d}", "cos(x**2)", "exp(x)", "sqrt(1 + x**2)"])
offset = st.sampled_from(["atan({u})", "log(1 + ({u})**2)", "atan({u})", "asinh({u})"])
plain = st.sampled_from(["sqrt(1 + ({u})**2)", "cos({u})", "exp({u})", "1/(1 + ({u})**2)", "{c}", "{u}"])
small = st.integers(-3, 3)


@st.composite
def sums(draw: st.DrawFn) -> str:
    """A sum of one to three terms, at least one with an irrational constant term somewhere."""
    terms = []
    for shape in [draw(offset)] + draw(st.lists(st.one_of(offset, plain), max_size=2)):
        u = draw(inner).format(c=draw(small), d=draw(small))
        term = shape.format(u=u, c=draw(small))
        scale = draw(st.sampled_from(["", "2*", "-", "-1/3*", "3/2*"]))
        terms.append(f"{scale}({term})" if scale else term)
    return " + ".join(terms)


@settings(max_examples=max_examples(120), **SETTINGS)
@given(sums(), points, st.integers(0, 8))
def test_irrational_constant_terms_match_the_derivative_engine(text: str, at: str | None, order: int) -> None:
    onevar_is_the_full_path(text, at, order)


@settings(max_examples=max_examples(150), **SETTINGS)
@given(sums(), points)
def test_offset_value_is_the_general_routes(text: str, at: str | None) -> None:
    f = parse_expression(text)
    (x,) = f.free_symbols or {sp.Symbol("x")}
    a = sp.Rational(at) if at else sp.Integer(0)
    offsets: set = set()
    values: dict = {}
    try:
        series, _ = univariate.walk(f, x, a, 2, guard=True, offsets=offsets, logs=values)
    except Exception:  # noqa: BLE001 - not the lean path's shape
        return
    if id(f) not in offsets:
        return
    got = onevar_point.offset_value(f, series[0], offsets, values)
    if got is None:
        return
    memo: dict = {}
    engine = se.expand(engine_of(f, memo).subs({engine_of(x, memo): engine_of(a, memo)}) * se.Integer(1))
    same_expr(got, to_sympy(engine, {}, []))


def test_offset_value_takes_the_commonest_shapes() -> None:
    """The cut applies (not only its fallback) on the benchmark's worst case and its kin."""
    for text, at in [("atan(cos(x**2)) + sqrt(1 + (x)**2)", None), ("atan(x + 1) + log(1 + (x + 2)**2)", "1/2"),
                     ("3*atan(2*x - 1) - atan(x + 3)/2 + 7", "-2"), ("-2*atan(-2*x - 3) + 1", "3")]:
        f = parse_expression(text)
        (x,) = f.free_symbols
        a = sp.Rational(at) if at else sp.Integer(0)
        offsets: set = set()
        values: dict = {}
        series, _ = univariate.walk(f, x, a, 3, guard=True, offsets=offsets, logs=values)
        got = onevar_point.offset_value(f, series[0], offsets, values)
        assert got is not None, text
        same_expr(got, onevar_point.value_at(f, x, a))
        onevar_is_the_full_path(text, at, 3)


_BIG = 2 ** (LIMIT_BITS + 3) + 1  # beyond guard.check_size's limit


def _engine_term(name: str, r: se.Basic, n: int) -> se.Basic:
    """One SymEngine term of a value f(a): numbers, rational multiples of constants, SymEngine's
    -atan(-q), and constants.leaf's other constants (sqrt(17), sinh(sinh(4)), log(1 + log(5)**2))."""
    return {"number": lambda: r, "pi": lambda: r * se.pi, "log": lambda: r * se.log(se.Integer(n)),
            "-atan": lambda: -se.atan(r), "2*atan": lambda: 2 * se.atan(r), "atan": lambda: se.atan(r),
            "asinh": lambda: se.asinh(r), "sin": lambda: se.sin(r), "exp": lambda: se.exp(r),
            "sqrt": lambda: se.sqrt(se.Integer(n)), "nested": lambda: se.sinh(se.sinh(se.Integer(n))),
            "logsum": lambda: se.log(1 + se.log(se.Integer(n)) ** 2), "1/pi": lambda: 1 / se.pi,
            "big": lambda: se.Rational(_BIG, 3), "bigatan": lambda: se.atan(se.Rational(-_BIG, 7))}[name]()


def _small(number: se.Basic) -> bool:
    p, q = number.get_num_den()
    return max(abs(int(p)).bit_length(), int(q).bit_length()) <= LIMIT_BITS


def _summand(term: se.Basic) -> bool:
    """A term of the sums session 10's plain_sum took: a rational, SymEngine's -atan(-q) (q > 0, not 1)
    or a constant of constants.leaf, its rationals within the size limit."""
    if isinstance(term, se.Rational):
        return _small(term)
    if isinstance(term, se.Mul):
        args = term.args
        return len(args) == 2 and args[0] == -1 and isinstance(args[1], type(se.atan(se.Integer(2)))) \
            and isinstance(args[1].args[0], se.Rational) and args[1].args[0] < 0 and args[1].args[0] != -1 \
            and _small(args[1].args[0])
    found = leaf(term)
    return found is not None and all(_small(se.Rational(a.p, a.q)) for a in found.atoms(sp.Rational))


@settings(max_examples=max_examples(300), **SETTINGS)
@given(st.lists(st.tuples(st.sampled_from(["atan", "log", "asinh", "number", "-atan", "2*atan", "pi", "sin", "exp",
                                           "sqrt", "nested", "logsum", "1/pi", "big", "bigatan"]),
                          st.integers(-40, 40), st.sampled_from([1, 2, 3, 7]), st.integers(2, 40)),
                min_size=1, max_size=4))
def test_plain_value_is_to_sympys(items: list) -> None:
    """onevar_point.plain_value (it took over session 10's plain_sum): to_sympy's object for the sums
    value_at meets, vetted, and it takes every sum plain_sum took (value_at, its one caller, gives
    to_sympy's vetted object either way)."""
    total = se.expand(sum((_engine_term(name, se.Rational(p, q), n) for name, p, q, n in items), se.Integer(0)))
    got = onevar_point.plain_value(total)
    if isinstance(total, se.Add) and all(_summand(term) for term in total.args):
        assert got is not None, total
    want = to_sympy(total, {}, [])
    if got is None:
        return
    same_expr(got, want)
    assert onevar_point._vetted(want) is not None  # what plain_value takes passes value_at's checks


def test_plain_value_of_atan_at_negative_arguments() -> None:
    """SymEngine's atan(-q), kept as it is, beside other constants: to_sympy's objects (atan(q) for -atan(-q))."""
    hits = 0
    for p in range(-30, 31):
        for q in (1, 2, 3, 5):
            for other in (se.log(se.Integer(5)), se.Rational(3, 2), se.atan(se.Rational(7, 3)), -se.atan(se.Integer(-4))):
                total = se.expand(se.atan(se.Rational(p, q)) + other)
                got = onevar_point.plain_value(total)
                if got is not None:
                    hits += 1
                    same_expr(got, to_sympy(total, {}, []))
    assert hits > 300


@settings(max_examples=max_examples(80), **SETTINGS)
@given(st.sampled_from(["exp", "sin", "cos", "sinh", "cosh"]), st.sampled_from(["", "2*", "-", "-1/3*", "7/2*"]),
       st.sampled_from(["x", "{q}*x", "x + {r}", "{q}*x + {r}", "x/{q} - {r}"]), st.integers(-4, 4).filter(bool),
       st.integers(-4, 4), points, st.integers(0, 40))
def test_one_function_of_a_linear_argument(name: str, scale: str, shape: str, q: int, r: int, at: str | None,
                                           order: int) -> None:
    """exp, sin ... of q*x + r (onevar._one_function: its factor as ints, its terms built inline) and the
    polynomial of its fresh leaves (keyed_onevar._commutative: no assumption query)."""
    onevar_is_the_full_path(f"{scale}{name}({shape.format(q=q, r=r)})", at, order)


def _sympys_polynomial(e) -> sp.Expr:
    """The polynomial by SymPy's own constructors (Mul and Add flatten everything)."""
    return sp.Add(*[c * e.monomial(p) for p, c in e.coefficients])


@settings(max_examples=max_examples(120), **SETTINGS)
@given(st.one_of(sums(), st.builds(lambda f, s, q, r: f"{s}{f}({q}*x + {r})", st.sampled_from(["sin", "cosh", "exp"]),
                                   st.sampled_from(["", "-", "2/3*"]), st.integers(-3, 3).filter(bool),
                                   st.integers(-3, 3))),
       points, st.integers(0, 12))
def test_polynomials_are_sympys(text: str, at: str | None, order: int) -> None:
    """sortkey_univariate.rational_univariate's constant term (one plain part, or a number and one: 1 + pi/4,
    log(5), atan(2)) and keyed_onevar's fresh leaves: SymPy's Add and Mul of the same coefficients."""
    from taylorcli import expand
    try:
        e = expand(parse_expression(text), "x", at, order)
    except Exception:  # noqa: BLE001 - errors are the derivative engine tests' business
        return
    if e.kind == "taylor":
        same_expr(e.polynomial, _sympys_polynomial(e))


@settings(max_examples=max_examples(100), **SETTINGS)
@given(st.lists(st.fractions(max_denominator=12).filter(lambda q: abs(q) < 20), min_size=0, max_size=6),
       st.sampled_from([1, -1, 3, -3, 5]), st.integers(1, 30))
def test_square_roots_are_log_and_exp(tail: list, n: int, prec: int) -> None:
    """univariate's power u**(n/2) by FLINT's sqrt/rsqrt: the series log and exp gave."""
    import flint
    from flint import fmpq, fmpq_series
    saved = flint.ctx.cap
    flint.ctx.cap = prec
    try:
        u = fmpq_series([1] + [fmpq(q.numerator, q.denominator) for q in tail], prec=prec)
        root = u.sqrt() if n > 0 else u.rsqrt()
        got = root if abs(n) == 1 else root ** abs(n)
        want = (u.log() * fmpq(n, 2)).exp()
        assert got.coeffs() == want.coeffs()
    finally:
        flint.ctx.cap = saved


@settings(max_examples=max_examples(60), **SETTINGS)
@given(st.sampled_from(["sqrt(1 + ({u})**2)", "1/sqrt(1 + ({u})**2)", "(1 + ({u})**2)**(3/2)", "sqrt({c} + ({u})**2)",
                        "(4 + ({u})**2)**(-3/2)", "sqrt(9/4 + {u})"]),
       st.sampled_from(["x", "{c}*x", "x + {c}", "x**2", "sinh(x)"]), st.integers(-3, 3), points, st.integers(0, 20))
def test_square_roots_match_the_derivative_engine(shape: str, u: str, c: int, at: str | None, order: int) -> None:
    onevar_is_the_full_path(shape.format(u=u.format(c=c), c=c * c or 1), at, order)
