"""SymPy objects assembled from their arguments without ``AssocOp._from_args``'s and ``Basic.__new__``'s calls
(issue 9: parse cost; session 16). Every node the parser's shortcuts build ends in ``Add._from_args(args,
True)``, ``Mul._from_args(args, True)`` or ``Basic.__new__(F, arg)``: ~0.5 us each after the classmethod
lookup, ``super()``, the packing of ``*args`` and the keyword default, where the assembly itself is ~0.15 us.

Why ``assembled(cls, args)`` is ``postprocessed(cls, cls._from_args(args, True))`` (SymPy 1.14,
sympy/core/operations.py and basic.py), for cls Add or Mul and a tuple ``args`` of two or more objects:
``_from_args`` returns ``cls.identity`` for none and the argument itself for one (not taken here); else
``super().__new__(cls, *args)``, which for Add and Mul (MRO: cls, Expr, AssocOp, Basic, ...; Expr and AssocOp
define no ``__new__`` reached by super() of AssocOp) is ``Basic.__new__``: ``object.__new__(cls)``, then
``_assumptions = cls.default_assumptions``, ``_mhash = None``, ``_args = args`` (the tuple of the arguments);
then, ``is_commutative`` given (True), ``obj.is_commutative = True`` (AssocOp's slot). The same four
assignments are made here on ``object.__new__(cls)``, with the tuple itself as ``_args`` (``*args`` repacks an
equal tuple of the same objects). ``parse_quick.postprocessed`` then runs as before.

``applied(F, arg)`` is ``parse_fast._unevaluated``'s ``Basic.__new__(F, arg)`` (the same four assignments but
``is_commutative``, which Basic.__new__ does not set for a function either) for one argument.

tests/test_text16_objects.py compares both with SymPy's own ``_from_args``/``Basic.__new__`` (srepr, hash,
``__slots__`` values, ``is_commutative``).

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> assembled(sp.Add, (sp.Integer(1), x)) == sp.Add._from_args((sp.Integer(1), x), True)
True
"""

from __future__ import annotations

import sympy as sp

_new = object.__new__


def assembled(cls: type, args: tuple) -> sp.Basic:
    """``postprocessed(cls, cls._from_args(args, True))`` for cls Add or Mul and a tuple of at least two args."""
    obj = _new(cls)
    obj._assumptions = cls.default_assumptions
    obj._mhash = None
    obj._args = args
    obj.is_commutative = True
    return postprocessed(cls, obj)


def joined(cls: type, args: tuple) -> sp.Basic:
    """``cls._from_args(args, True)`` for cls Add or Mul and a tuple of at least two args (no postprocessors)."""
    obj = _new(cls)
    obj._assumptions = cls.default_assumptions
    obj._mhash = None
    obj._args = args
    obj.is_commutative = True
    return obj


def applied(function: type, arg: sp.Basic) -> sp.Basic:
    """``Basic.__new__(function, arg)``: a call of one argument as Application.__new__ starts it."""
    obj = _new(function)
    obj._assumptions = function.default_assumptions
    obj._mhash = None
    obj._args = (arg,)
    return obj


from .parse_quick import postprocessed  # noqa: E402 - last: parse_quick's imports reach parse_fast, which imports this module
