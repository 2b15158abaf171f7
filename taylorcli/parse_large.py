"""Long sums: the text cut into pieces Python's parser can take, and built fast.

Part of the parser's door (``parse.py`` is the only caller). Nothing here
evaluates text: it finds offsets, renames names, and hands the pieces to
``ast`` and to parse.py's builder, like the rest of the door.

Chained Rosenbrock at n = 10,000 is 20,000 terms that are the same up to the
names of their variables. ``build_large`` builds each *template* (the term
with its names replaced by placeholders) once with the ordinary builder, and
then every term by putting its own symbols in place of the placeholders,
without evaluating again. That is the same SymPy object the ordinary route
builds, because SymPy's evaluation of +, *, ** and functions looks at a
symbol only through its assumptions (all real here) and through the order of
names, and the placeholders are numbered in the order of the term's own
names. Anything outside what this argument covers (an error, a float, an
infinity, a constant term sum that may overflow, more nodes than the budget)
returns None, and the ordinary route decides, with its own messages; so do
sums where templates would not pay (under 100 terms, a term over 1,000
characters, terms mostly unlike each other).

>>> _top_level_signs("1e-5*x - (y + 1) + 2")
[7, 17]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

try:
    from sympy.core.basic import _get_postprocessors as _postprocessors
except ImportError:  # another SymPy: always run them, as its constructors do
    _postprocessors = None

_LARGE = 20_000  # characters from which a sum is cut into pieces (and built by templates)
_MAX_TEMPLATES = 64  # distinct term shapes allowed beyond one in eight terms
_MIN_TERMS = 100  # fewer terms: nothing to share, the ordinary route is as fast
_MAX_TERM = 1_000  # characters in one term: templates are for many small terms
_PIECE_TERMS = 500  # top-level terms per piece handed to ast.parse
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")


def _top_level_signs(source: str) -> list[int]:
    """Offsets of the binary + and - outside brackets (not the sign of 1e-5, not unary)."""
    signs, depth, previous = [], 0, ""
    for i, ch in enumerate(source):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "+-" and depth == 0 and (previous in _NAME_CHARS or previous == ")"):
            j = i
            while j > 0 and source[j - 1] == " ":
                j -= 1
            k = j
            while k > 0 and source[k - 1] in _NAME_CHARS:
                k -= 1
            token = source[k:j]
            if not (token[:1].isdigit() or token[:1] == ".") or token[-1:] not in ("e", "E"):
                signs.append(i)
        if ch != " ":
            previous = ch
    return signs


def _pieces(source: str) -> list[tuple[int, str]]:
    """The text cut at top-level + and - into pieces of _PIECE_TERMS terms, with their offsets.

    Python's parser nests a sum of n terms n deep and gives up near 6,000
    (chained Rosenbrock at n = 10,000 has 20,000 terms). Each piece begins
    with its sign ("- a - b" is -a - b, as in "x - a - b"), so the sum of the
    pieces is the text. Short sums stay one piece, parsed exactly as before.
    """
    if len(source) < _LARGE:
        return [(0, source)]
    signs = _top_level_signs(source)
    cuts = [0] + signs[_PIECE_TERMS - 1::_PIECE_TERMS] + [len(source)]
    return [(start, source[start:end]) for start, end in zip(cuts, cuts[1:])]


# --- templates ------------------------------------------------------------------------------------

# A name Python reads as one: not part of a number (1e5, 0x1f) nor an attribute; a call keeps its name.
_NAME_TOKEN = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)(\s*\()?")


class _Fallback(Exception):
    """The template route cannot vouch for this input: the ordinary route decides."""


def _placeholder(rank: int) -> sp.Symbol:
    # Named so that placeholders sort among themselves as their ranks do. Kept here, not only
    # in SymPy's cache: 10,000 new symbols push them out of it, and then a subexpression
    # cached with the old placeholder object would meet an equal but new one.
    if rank not in _PLACEHOLDERS:
        _PLACEHOLDERS[rank] = sp.Symbol(f"_p{rank:06d}", real=True)
    return _PLACEHOLDERS[rank]


_PLACEHOLDERS: dict[int, sp.Symbol] = {}


@dataclass
class _Template:
    """One term shape built once: its value in placeholders, and what the checks need of it."""

    make: Callable[[dict], sp.Expr]  # placeholder -> symbol mapping to the term's value
    placeholders: list[sp.Symbol]  # by the term's k-th distinct name (first appearance)
    nodes: int
    constant: bool
    group: str  # the structure with placeholders anonymous: terms of one group sort by their names
    order: list[int]  # which distinct name sits at each symbol of the value, in SymPy's comparison order
    plain: bool  # Add.flatten keeps this term as it is (see _plain_term)
    rest: tuple[str, list[int]]  # group and order of the term without its coefficient (what Add collects by)


def _structure(t: sp.Basic) -> str:
    return re.sub(r"_p[0-9]{6}", "_p", sp.srepr(t))


def _plain_term(value: sp.Expr) -> tuple[bool, sp.Expr]:
    """Whether Add.flatten, alone with other such terms of distinct rests, puts value itself back
    in its result (and value's rest: what is left without the numeric coefficient).

    Mirrors sympy/core/add.py, Add.flatten: a term that is not a number, an Add, an
    Order or other special object is split by ``as_coeff_Mul`` (a Pow of a symbolic
    base, a symbol or a function: coefficient 1), collected by its rest, and rebuilt from
    coefficient and rest. If that rebuilding gives value again, the sum is those terms sorted.
    """
    if (value.is_Number or value.is_Add or value.is_Order or not value.is_commutative or not value.free_symbols
            or type(value).__name__ in ("AccumBounds", "ComplexInfinity") or value.is_Matrix):
        return False, value
    c, rest = value.as_coeff_Mul() if value.is_Mul else (sp.S.One, value)
    if c is sp.S.One:
        again = rest
    elif rest.is_Mul:
        again = rest._new_rawargs(*((c,) + rest.args))
    elif rest.is_Add:
        again = sp.Mul(c, rest, evaluate=False)
    else:
        again = sp.Mul(c, rest)
    return type(again) is type(value) and again.args == value.args, rest


def _maker(t: sp.Basic, holes: frozenset) -> tuple[Callable[[dict], sp.Expr], bool]:
    """A function building t with the placeholders replaced, without re-evaluating Add, Mul, Pow
    (and whether t holds a placeholder at all).

    t's arguments are already canonical for the placeholders, hence for any symbols in the
    same order, so ``_from_args`` gives what evaluation would. Other heads (functions) are
    called normally on the new arguments. The assumptions already deduced for t hold for
    every such object (every symbol is real: facts depend on the structure only), so they
    share t's dict of facts, as if they had been deduced again (copying it re-deduces them all).
    """
    if t in holes:
        return (lambda m: m[t]), True
    built = [_maker(a, holes) for a in t.args]
    if not any(has for _, has in built):
        return (lambda m: t), False
    subs = [make for make, _ in built]
    cls = type(t)
    known = t._assumptions if t._assumptions is not cls.default_assumptions else None
    # SymPy's constructor postprocessors depend on the classes of the arguments only, which
    # are t's (a symbol for a placeholder): if t's have none, neither has the new object.
    post = _postprocessors is None or any(_postprocessors(cls.__name__, type(a)) for a in t.args)
    if cls is sp.Add or cls is sp.Mul:
        commutative = t.is_commutative

        def make(m: dict) -> sp.Expr:
            obj = cls._from_args(tuple([f(m) for f in subs]), commutative)
            if post:
                obj = cls._exec_constructor_postprocessors(obj)
            if known is not None:
                obj._assumptions = known
            return obj
    elif cls is sp.Pow:
        def make(m: dict) -> sp.Expr:
            base, exp = subs[0](m), subs[1](m)
            obj = sp.Expr.__new__(sp.Pow, base, exp)
            if post:
                obj = sp.Pow._exec_constructor_postprocessors(obj)
            obj.is_commutative = base.is_commutative and exp.is_commutative
            if known is not None:
                obj._assumptions = known
            return obj
    else:
        func = t.func

        def make(m: dict) -> sp.Expr:
            return func(*[f(m) for f in subs])
    return make, True


def _symbol_order(t: sp.Basic, index: dict) -> list[int]:
    """The placeholders of t in the order SymPy's ``compare`` meets them (arguments, depth first)."""
    if t in index:
        return [index[t]]
    return [k for a in t.args for k in _symbol_order(a, index)]


def _template(text: str, op: str, ranks: tuple[int, ...]) -> _Template:
    from .parse import _UNDEFINED, _Builder, _Positions, undefined

    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        raise _Fallback from None
    body = tree.body
    if isinstance(body, ast.BinOp) and isinstance(body.op, (ast.Add, ast.Sub)):
        raise _Fallback  # not one term of the sum (a sign the cutter took for an exponent's)
    holes = [_placeholder(r) for r in ranks]
    builder = _Builder(text, _Positions(text), 10**9, "")
    builder.symbols = {f"_{k}": h for k, h in enumerate(holes)}
    try:
        value = builder.build(tree)
    except Exception:  # noqa: BLE001 - any error: the ordinary route gives its own message
        raise _Fallback from None
    if op == "-":
        value = -value  # as the ordinary route negates a subtracted term
    if (not isinstance(value, sp.Expr) or not value.free_symbols <= set(holes) or value.has(sp.Float)
            or value.has(*_UNDEFINED) or (value.free_symbols and undefined(value))):
        raise _Fallback
    index = {h: k for k, h in enumerate(holes)}
    plain, rest = _plain_term(value)
    try:
        make, _ = _maker(value, frozenset(holes))
        order, rest_order = _symbol_order(value, index), _symbol_order(rest, index)
    except RecursionError:
        raise _Fallback from None
    return _Template(make, holes, builder.nodes, not value.free_symbols, _structure(value), order, plain,
                     (_structure(rest), rest_order))


def build_large(source: str, max_nodes: int) -> tuple[sp.Expr, set[str]] | None:
    """A long sum built by templates (see the module doc): (expression, names used), or None.

    ``source`` is the text as parse.py hands it to ``ast`` (one line, ``**`` for ``^``).
    None means: let the ordinary route build it (short text, or anything unusual).
    """
    if len(source) < _LARGE:
        return None  # (before the imports below: ~2 us on every short text)
    from .parse import _name_error
    from .vocabulary import CONSTANTS

    signs = _top_level_signs(source)
    if len(signs) + 1 < _MIN_TERMS:
        return None
    ends = signs + [len(source)]
    templates: dict[tuple[str, str, tuple[int, ...]], _Template] = {}
    symbols: dict[str, sp.Symbol] = {}
    nodes = len(signs) // _PIECE_TERMS + 1  # the ordinary route also counts each piece's sum
    all_constant: dict[int, bool] = {}
    keyed: list[tuple[str, tuple[str, ...], tuple, sp.Expr]] = []
    try:
        for j, end in enumerate(ends):
            if j == 0:
                start, op = 0, "+"
            elif j % _PIECE_TERMS == 0:  # a piece's first term keeps its sign: "- a*b" parses as (-a)*b
                start, op = signs[j - 1], "+"
            else:
                start, op = signs[j - 1] + 1, source[signs[j - 1]]
            names: dict[str, int] = {}

            def rename(match: re.Match) -> str:
                name = match.group(1)
                if match.group(2) or name in CONSTANTS:
                    return match.group(0)
                if name not in symbols:
                    if _name_error(name):
                        raise _Fallback
                    symbols[name] = sp.Symbol(name, real=True)
                return "_%d" % names.setdefault(name, len(names))

            if end - start > _MAX_TERM:
                raise _Fallback
            text = _NAME_TOKEN.sub(rename, source[start:end].strip())
            distinct = list(names)
            by_name = sorted(range(len(distinct)), key=distinct.__getitem__)
            ranks = [0] * len(distinct)
            for rank, k in enumerate(by_name):
                ranks[k] = rank
            key = (op, text, tuple(ranks))
            template = templates.get(key)
            if template is None:
                if len(templates) > _MAX_TEMPLATES + j // 8:
                    raise _Fallback  # terms mostly unlike each other: templates would only cost
                try:
                    template = templates[key] = _template(text, op, key[2])
                except (RecursionError, MemoryError):
                    raise _Fallback from None
            nodes += template.nodes
            if nodes > max_nodes:
                raise _Fallback  # the ordinary route says where the budget ran out
            piece = j // _PIECE_TERMS
            all_constant[piece] = all_constant.get(piece, True) and template.constant
            value = template.make({h: symbols[n] for h, n in zip(template.placeholders, distinct)})
            rest = (template.rest[0], tuple(distinct[k] for k in template.rest[1]))
            keyed.append((template.group, tuple(distinct[k] for k in template.order), rest, value))
    except _Fallback:
        return None
    if any(all_constant.values()):
        return None  # a piece of constants: the ordinary route checks its float sum for overflow
    # Presorted as SymPy will sort them (names compare as strings), Add's own sort has little to do.
    keyed.sort(key=lambda item: item[:2])
    terms = [value for _, _, _, value in keyed]
    rests = {rest for _, _, rest, _ in keyed}
    if len(rests) == len(terms) and all(t.plain for t in templates.values()) and len(terms) > 1:
        # What Add(*terms) does here (Add.flatten): nothing to collect, each term rebuilt as
        # itself (checked once per template in _plain_term), then sorted: only the sort is left.
        from sympy.core.add import _addsort

        _addsort(terms)
        expr = sp.Add._exec_constructor_postprocessors(sp.Add._from_args(terms, True))
    else:
        expr = sp.Add(*terms)
    # (An Add has a variable if one of its terms has: the first one usually does.)
    if not (any(a.free_symbols for a in expr.args) if expr.is_Add else expr.free_symbols):
        return None  # everything cancelled to a constant: the ordinary route judges it
    return expr, set(symbols)
