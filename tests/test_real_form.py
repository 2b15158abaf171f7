"""Real derivatives that SymPy writes through complex constants are printed in a real form that reads back.

|asin(x)| is real and smooth at x = 2, where asin(2) is not real: SymPy's gradient there was
``-sqrt(3)*im(asin(2))*sign(asin(2))/(3*asin(2))`` (exit 0, numeric null, and the parser
refuses both ``im`` and asin(2)). Checked here against mpmath's derivative of |u(x)| at 30
digits, and through the printed JSON read back by our parser.
"""

from __future__ import annotations

import json

import mpmath as mp
import pytest
import sympy as sp
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SETTINGS, max_examples
from taylorcli import real_form
from taylorcli.calculus import gradient, to_float, value_at
from taylorcli.cli import cli
from taylorcli.errors import MathError
from taylorcli.parse import parse_expression

# u (text, mpmath), with points where u is not real but |u| is smooth (u != 0 there)
_PIECES = [
    ("asin(x)", mp.asin, ["2", "3", "-5/2"]),
    ("acosh(x)", mp.acosh, ["1/2", "-1/3"]),
    ("atanh(x)", mp.atanh, ["2", "-3"]),
    ("log(x)", mp.log, ["-2", "-1/2"]),
    ("sqrt(x)", mp.sqrt, ["-2", "-1/3"]),
    ("x**(1/3)", lambda t: mp.power(t, mp.mpf(1) / 3), ["-8", "-2"]),
]
_OUTER = [  # text with {u}, mpmath of |u| and t
    ("Abs({u})", lambda a, t: a),
    ("Abs({u})**2", lambda a, t: a**2),
    ("x*Abs({u})", lambda a, t: t * a),
    ("Abs({u}) + sqrt(2)*x", lambda a, t: a + mp.sqrt(2) * t),
    ("exp(-Abs({u}))", lambda a, t: mp.exp(-a)),
]


def _reference(u: object, outer: object, at: str) -> mp.mpf:
    mp.mp.dps = 30
    return mp.diff(lambda t: outer(abs(u(t)), t), mp.mpf(sp.Rational(at).p) / sp.Rational(at).q)


@settings(max_examples=max_examples(12), **SETTINGS)
@given(st.sampled_from(_PIECES), st.sampled_from(_OUTER), st.data())
def test_gradient_is_real_closed_form_or_refused(piece: tuple, outer: tuple, data: st.DataObject) -> None:
    u_text, u_mp, points = piece
    text = outer[0].format(u=u_text)
    at = data.draw(st.sampled_from(points))
    x = sp.Symbol("x", real=True)
    (partial,) = gradient(text, [x])
    try:
        value = value_at(partial, {x: sp.Rational(at)}, "the gradient")
    except MathError as error:
        assert "reads back" in str(error) or "not real" in str(error) or "undefined" in str(error)
        return
    assert real_form.complex_piece(value) is None
    read = parse_expression(sp.sstr(value))  # what is printed reads back
    assert abs(sp.N(read - value, 30)) < 1e-25
    want = _reference(u_mp, outer[1], at)
    assert abs(mp.mpf(str(sp.N(value, 30))) - want) < mp.mpf(10) ** -12 * max(1, abs(want))


@pytest.mark.parametrize("text, at", [("Abs(asin(x))", "2"), ("Abs(x**(1/3))*y", "-8,1")])
def test_cli_json_reads_back_and_has_numbers(text: str, at: str) -> None:
    result = CliRunner().invoke(cli, ["gradient", text, "--at", at, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for exact, number in zip(data["gradient"], data["numeric"]):
        read = parse_expression(exact)
        assert number is not None and abs(float(sp.N(read, 20)) - number) < 1e-12


@pytest.mark.parametrize("text, at", [("Abs(asin(x))", None), ("Abs(asin(x))", "2"), ("Abs(log(x))", "-2"),
                                      ("x*Abs(x**(1/3))", "-8")])
def test_gradient_reads_back_in_every_format(text: str, at: str | None) -> None:
    from taylorcli import commands
    from test_roundtrip import _check_result, _reference

    result = commands.run_gradient(text, None, at, True)
    _check_result(result, _reference("gradient", parse_expression(text), result.variables))


def test_asin_gradient_value() -> None:
    x = sp.Symbol("x", real=True)
    (partial,) = gradient("Abs(asin(x))", [x])
    value = value_at(partial, {x: sp.Integer(2)})
    # |asin(x)|**2 = (pi/2)**2 + acosh(x)**2 for x > 1, so |asin|' = acosh(x) / (sqrt(x**2 - 1) |asin(x)|)
    closed = sp.acosh(2) / (sp.sqrt(3) * sp.sqrt(sp.pi**2 / 4 + sp.acosh(2) ** 2))
    assert abs(sp.N(value - closed, 30)) < 1e-25


def test_refused_when_no_real_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(real_form, "_MAX_OPS", -1)
    x = sp.Symbol("x", real=True)
    (partial,) = gradient("Abs(asin(x))", [x])
    with pytest.raises(MathError, match=r"is real \(0\.37093229784\d*\) but .*asin\(2\).*reads back"):
        value_at(partial, {x: sp.Integer(2)}, "the gradient")


def test_to_float_takes_a_rounding_imaginary_part_as_zero() -> None:
    value = -sp.sqrt(3) * sp.im(sp.asin(2)) * sp.sign(sp.asin(2)) / (3 * sp.asin(2))
    assert to_float(value) == pytest.approx(0.37093229784123605, rel=1e-14)
    assert to_float(sp.I) is None


@pytest.mark.parametrize("text, at, p, q", [("x**(1/3)", "-8", 1, 3), ("x**(2/3)", "-8", 2, 3),
                                            ("(x - 1)**(3/5)", "-31", 3, 5), ("x*(x + 1)**(1/3)", "-2", 1, 3)])
def test_odd_root_of_a_negative_number_says_the_real_root(text: str, at: str, p: int, q: int) -> None:
    result = CliRunner().invoke(cli, ["gradient", text, "--at", at, "--format", "json"])
    assert result.exit_code == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "principal, complex root; the real one is " in message
    root = text[2:] if text.startswith("x*(") else text  # the odd root in the text
    hint = f"({root} is the principal, complex root; the real one is "
    assert hint in message and message.endswith(")")
    fixed = text.replace(root, f"({message.split(hint)[1][:-1]})")
    result = CliRunner().invoke(cli, ["gradient", fixed, "--at", at, "--format", "json"])
    assert result.exit_code == 0, (fixed, result.output)
    mp.mp.dps = 30

    def real_root(t: mp.mpf) -> mp.mpf:
        return mp.sign(t) ** p * abs(t) ** (mp.mpf(p) / q)
    outer = {"x**(1/3)": lambda t: real_root(t), "x**(2/3)": lambda t: real_root(t),
             "(x - 1)**(3/5)": lambda t: real_root(t - 1), "x*(x + 1)**(1/3)": lambda t: t * real_root(t + 1)}[text]
    want = mp.diff(outer, mp.mpf(int(at)))
    got = json.loads(result.stdout)
    assert abs(float(sp.N(parse_expression(got["gradient"][0]), 20)) - float(want)) < 1e-12
