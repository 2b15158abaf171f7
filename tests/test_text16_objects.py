"""Session 16 (text16): parse_objects.assembled/joined/applied build the objects of SymPy's own
``AssocOp._from_args(args, True)`` (then the postprocessors) and ``Basic.__new__(F, arg)``: the same class,
args, srepr, hash, slot values (``_assumptions`` the class's dict itself, ``_mhash``, ``is_commutative``)."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.core.basic import Basic

from taylorcli.parse_objects import applied, assembled, joined

_X, _Y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
_ARGS = [(sp.Integer(1), _X), (sp.Integer(-1), _X), (sp.Rational(3, 2), _X, _Y), (_X, sp.sin(_Y)),
         (sp.Integer(2), sp.Pow(_X, 2), sp.exp(_Y)), (sp.Add(_X, 1), sp.Pow(_Y, -1))]


def _slots(e: sp.Basic) -> dict:
    out = {}
    for cls in type(e).__mro__:
        for name in getattr(cls, "__slots__", ()):
            out[name] = getattr(e, name, "unset")
    return out


def _same(got: sp.Basic, want: sp.Basic) -> None:
    assert type(got) is type(want) and got._args == want._args and sp.srepr(got) == sp.srepr(want)
    assert got._assumptions is want._assumptions is type(want).default_assumptions
    assert _slots(got) == _slots(want) and getattr(got, "__dict__", {}) == getattr(want, "__dict__", {})
    assert hash(got) == hash(want) and got == want


@pytest.mark.parametrize("args", _ARGS)
@pytest.mark.parametrize("cls", [sp.Add, sp.Mul])
def test_assembled_and_joined_are_from_args(cls: type, args: tuple) -> None:
    _same(joined(cls, args), cls._from_args(args, True))
    _same(assembled(cls, args), cls._exec_constructor_postprocessors(cls._from_args(args, True)))
    assert joined(cls, args).is_commutative is True


@pytest.mark.parametrize("function", [sp.sin, sp.cos, sp.exp, sp.log, sp.atan, sp.erf, sp.cosh])
def test_applied_is_basic_new(function: type) -> None:
    for arg in (_X, _X + _Y, sp.Pow(_X, 2)):
        _same(applied(function, arg), Basic.__new__(function, arg))
